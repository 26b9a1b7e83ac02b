package compat_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/go-outsystems/outsystems/compat"
)

func TestStringers(t *testing.T) {
	t.Parallel()
	tests := []struct{ got, want string }{
		{compat.LifeTime.String(), "LifeTime"},
		{compat.PlatformServer.String(), "Platform Server"},
		{compat.Product(42).String(), "Product(42)"},
		{compat.ManageLimited.String(), "limited"},
		{compat.ManageLevel(9).String(), "ManageLevel(9)"},
		{compat.Retracted.String(), "retracted"},
		{compat.DefectKind(0).String(), "DefectKind(0)"},
		{compat.Severity(7).String(), "Severity(7)"},
		{compat.EndOfSupport.String(), "end of support"},
		{compat.Hybrid.String(), "hybrid"},
		{compat.Finding{ID: "x", Severity: compat.Warning, Subject: "s", Message: "m", Remedy: "r"}.String(), "[warning] x: s: m Remedy: r"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestProductText(t *testing.T) {
	t.Parallel()
	for _, p := range []compat.Product{compat.LifeTime, compat.PlatformServer, compat.DevelopmentEnvironment} {
		b, err := p.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back compat.Product
		if err := back.UnmarshalText(b); err != nil || back != p {
			t.Errorf("round trip of %v via %q: %v, %v", p, b, back, err)
		}
		if err := back.UnmarshalText([]byte(p.String())); err != nil || back != p {
			t.Errorf("UnmarshalText(%q) = %v, %v", p.String(), back, err)
		}
	}
	if _, err := compat.ProductUnknown.MarshalText(); err == nil {
		t.Error("ProductUnknown encoded")
	}
	var p compat.Product
	if err := p.UnmarshalText([]byte("odc")); err == nil {
		t.Error("unknown product decoded")
	}
}

func TestCatalogueLookups(t *testing.T) {
	t.Parallel()
	c := compat.Default()
	if !c.Known(lt("11.30.1")) || c.Known(lt("11.4.1")) || c.Known(lt("11.31.0")) {
		t.Error("Known")
	}
	if !c.NewerThanCatalogue(lt("11.31.0")) || c.NewerThanCatalogue(lt("11.30.1")) || c.NewerThanCatalogue(must(compat.Parse("99.0.0"))) {
		t.Error("NewerThanCatalogue")
	}
	r, ok := c.Release(lt("11.16.0.1234"))
	if !ok || r.Removed.IsZero() || r.BundledPlatformServer.String() != "11.18.0" || !strings.HasPrefix(r.Source, "https://") {
		t.Errorf("Release(LifeTime 11.16.0) = %+v, %v", r, ok)
	}
	if _, ok := c.Release(must(compat.Parse("11.16.0"))); ok {
		t.Error("a bare 11.16.0 is both a LifeTime and a Platform Server release; the lookup must not pick one")
	}
	if r, ok := c.Release(must(compat.Parse("11.43.0"))); !ok || r.Version.Product() != compat.PlatformServer {
		t.Errorf("a bare 11.43.0 is only a Platform Server: %+v, %v", r, ok)
	}
	// Between the bundles of 11.8.2 (11.10.2) and 11.8.4 (11.10.4), and no
	// newer than the last Platform Server released before 2021-03-03.
	lo, hi, exact, err := c.BundledPlatformServer(lt("11.8.3"))
	if err != nil || exact || lo.String() != "11.10.2" || hi.String() != "11.10.3" {
		t.Errorf("BundledPlatformServer(11.8.3) = %s, %s, %v, %v", lo, hi, exact, err)
	}
	if _, _, _, err := c.BundledPlatformServer(ps("11.8.3")); err == nil {
		t.Error("BundledPlatformServer of a Platform Server version: no error")
	}
	if len(c.Lifecycles()) == 0 || len(c.AllDefects()) == 0 || len(c.Features()) == 0 || len(c.AllBreakingChanges()) == 0 {
		t.Error("empty accessor")
	}
	if _, err := c.Feature("nope"); !errors.Is(err, compat.ErrUnknownFeature) {
		t.Errorf("Feature(nope): %v", err)
	}
}

func TestCatalogParse(t *testing.T) {
	t.Parallel()
	c, err := compat.Load(strings.NewReader(`{"schema":1,"snapshot":"2026-01-01","releases":[
		{"product":"lifetime","version":"11.0.500.0","name":"Release Jun.2020","date":"2020-06-01","source":"https://example.com/a"}],
		"end_of_support":[],"defects":[],"breaking_changes":[],"features":[]}`))
	if err != nil {
		t.Fatal(err)
	}
	v, err := c.ParseProduct(compat.LifeTime, "Release Jun.2020")
	if err != nil || v.String() != "11.0.500.0" || v.Name() != "Release Jun.2020" {
		t.Errorf("Catalog.ParseProduct = %s %q, %v", v, v.Name(), err)
	}
	if _, err := c.Parse("Release Sep.2018"); err == nil {
		t.Error("a name this catalogue does not hold was resolved")
	}
	if _, err := c.ParseProduct(compat.ProductUnknown, "11.0.0"); err == nil {
		t.Error("ParseProduct(ProductUnknown) accepted")
	}
	if _, err := compat.ParseProduct(compat.Product(9), "11.0.0"); err == nil {
		t.Error("ParseProduct(9) accepted")
	}
}

// TestConcurrentUse runs queries on the shared default catalogue from many
// goroutines; with -race it proves the catalogue is read-only.
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	done := make(chan error)
	for i := range 8 {
		go func() {
			c := compat.Default()
			_, err := c.InferLifeTime(ps("11.26.0"), compat.Probes{compat.FeatureAuthTokens: i%2 == 0})
			if err == nil {
				_, err = c.BreakingChanges(lt("11.0.108.0"), lt("11.30.1"), compat.Filter{Plugins: true})
			}
			if err == nil {
				_, err = compat.Parse("Release Sep.2018")
			}
			done <- err
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
