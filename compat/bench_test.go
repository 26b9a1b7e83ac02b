package compat_test

import (
	"testing"

	"github.com/go-outsystems/outsystems/compat"
)

func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		if _, err := compat.Parse("11.14.0 (Build 33133)"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkInferLifeTime(b *testing.B) {
	c := compat.Default()
	v := compat.MustParse(compat.PlatformServer, "11.26.0")
	for b.Loop() {
		if _, err := c.InferLifeTime(v, compat.Probes{compat.FeatureAuthTokens: false}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBreakingChanges(b *testing.B) {
	c := compat.Default()
	from, to := compat.MustParse(compat.LifeTime, "11.0.108.0"), compat.MustParse(compat.LifeTime, "11.30.1")
	f := compat.Filter{Plugins: true, Integrations: []compat.IntegrationKind{compat.IntegrationREST}}
	for b.Loop() {
		if _, err := c.BreakingChanges(from, to, f); err != nil {
			b.Fatal(err)
		}
	}
}
