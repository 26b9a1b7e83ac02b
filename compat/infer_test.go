package compat_test

import (
	"errors"
	"testing"

	"github.com/go-outsystems/outsystems/compat"
	"github.com/google/go-cmp/cmp"
)

func TestInferLifeTime(t *testing.T) {
	t.Parallel()
	c := compat.Default()
	tests := []struct {
		name       string
		ps         compat.Version
		probes     compat.Probes
		wantRange  string
		candidates []string
		unique     bool
	}{
		{"exact bundle, newest", ps("11.42.1"), nil, ">= 11.29.1", []string{"11.30.0", "11.30.1"}, false},
		{"bundle between known ones", ps("11.26.0"), nil, "[11.21.1, 11.24.0)", []string{"11.21.1", "11.22.0", "11.23.0"}, false},
		{"narrowed by a probe that answered", ps("11.26.0"), compat.Probes{compat.FeatureAuthTokens: true}, "[11.23.0, 11.24.0)", []string{"11.23.0"}, true},
		{"narrowed by a probe that did not", ps("11.26.0"), compat.Probes{compat.FeatureAuthTokens: false}, "[11.21.1, 11.23.0)", []string{"11.21.1", "11.22.0"}, false},
		{"two probes", ps("11.26.0"), compat.Probes{compat.FeatureAuthTokens: false, compat.FeatureDetailsURL: true}, "[11.22.0, 11.23.0)", []string{"11.22.0"}, true},
		{"probe that does not narrow", ps("11.26.0"), compat.Probes{compat.FeatureUsersRolesTeams: true, compat.FeatureAPIv1: true}, "[11.21.1, 11.24.0)", []string{"11.21.1", "11.22.0", "11.23.0"}, false},
		{"newer than the catalogue", ps("11.43.0"), nil, ">= 11.30.2", nil, false},
		{"build ignored", ps("11.42.1.47000"), nil, ">= 11.29.1", []string{"11.30.0", "11.30.1"}, false},
		{"bare number read as Platform Server", must(compat.Parse("11.42.1")), nil, ">= 11.29.1", []string{"11.30.0", "11.30.1"}, false},
		{"before the installer check: bundle at most", ps("11.0.615"), compat.Probes{compat.FeatureUsersRolesTeams: true}, "[11.5.0, 11.5.2)", []string{"11.5.0", "11.5.1"}, false},
		{"old line", ps("11.0.212.9"), compat.Probes{compat.FeatureDeleteApplicationVersion: false}, "< 11.0.307.0", []string{"11.0.108.0", "11.0.303.0", "11.0.304.0"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inf, err := c.InferLifeTime(tt.ps, tt.probes)
			if err != nil {
				t.Fatal(err)
			}
			var cands []string
			for _, v := range inf.Candidates {
				cands = append(cands, v.String())
				if v.Product() != compat.LifeTime {
					t.Errorf("candidate %s has product %v", v, v.Product())
				}
			}
			got := []any{inf.Range.String(), cands, inf.Unique}
			want := []any{tt.wantRange, tt.candidates, tt.unique}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("InferLifeTime (-want +got):\n%s", diff)
			}
			if len(inf.Evidence) != 1+len(tt.probes) {
				t.Errorf("evidence = %q, want one line per piece of evidence", inf.Evidence)
			}
		})
	}
}

// TestInferLifeTimeFindsEveryKnownBundle checks the inference against the
// catalogue itself: for every LifeTime whose notes name its bundled Platform
// Server, inferring from that Platform Server keeps that LifeTime.
func TestInferLifeTimeFindsEveryKnownBundle(t *testing.T) {
	t.Parallel()
	c := compat.Default()
	n := 0
	for _, r := range c.Releases(compat.LifeTime) {
		if r.BundledPlatformServer.IsZero() {
			continue
		}
		n++
		inf, err := c.InferLifeTime(r.BundledPlatformServer, nil)
		if err != nil {
			t.Errorf("InferLifeTime(%s): %v", r.BundledPlatformServer, err)
			continue
		}
		if !inf.Range.Contains(r.Version) {
			t.Errorf("InferLifeTime(%s) = %s, which excludes LifeTime %s that bundles it", r.BundledPlatformServer, inf.Range, r.Version)
		}
	}
	if n < 20 {
		t.Errorf("only %d LifeTime releases with a known bundle", n)
	}
}

func TestInferLifeTimeErrors(t *testing.T) {
	t.Parallel()
	c := compat.Default()
	if _, err := c.InferLifeTime(ps("11.42.1"), compat.Probes{compat.FeatureAPIv1: true}); !errors.Is(err, compat.ErrNoLifeTimeMatches) {
		t.Errorf("REST v1 answering on a console bundling 11.42.1: err = %v, want ErrNoLifeTimeMatches", err)
	}
	if _, err := c.InferLifeTime(ps("11.42.1"), compat.Probes{compat.FeatureUsersRolesTeams: false}); !errors.Is(err, compat.ErrNoLifeTimeMatches) {
		t.Errorf("users endpoint missing on a console bundling 11.42.1: err = %v, want ErrNoLifeTimeMatches", err)
	}
	if _, err := c.InferLifeTime(ps("10.0.1115.0"), nil); !errors.Is(err, compat.ErrNoLifeTimeMatches) {
		t.Errorf("Platform Server 10: err = %v, want ErrNoLifeTimeMatches", err)
	}
	if _, err := c.InferLifeTime(ps("11.26.0"), compat.Probes{"no-such-endpoint": true}); !errors.Is(err, compat.ErrUnknownFeature) {
		t.Errorf("unknown probe: err = %v, want ErrUnknownFeature", err)
	}
	var pe *compat.ProductError
	if _, err := c.InferLifeTime(lt("11.30.1"), nil); !errors.As(err, &pe) {
		t.Errorf("LifeTime version given: err = %v, want *ProductError", err)
	}
	if _, err := c.InferLifeTime(compat.Version{}, nil); !errors.As(err, &pe) {
		t.Errorf("zero version: err = %v, want *ProductError", err)
	}
}

func TestRange(t *testing.T) {
	t.Parallel()
	r := compat.Range{Min: lt("11.5.0"), Max: lt("11.26.0")}
	tests := []struct {
		v    compat.Version
		want bool
	}{
		{lt("11.5.0"), true},   // inclusive lower bound
		{lt("11.26.0"), false}, // exclusive upper bound
		{lt("11.25.4"), true},
		{lt("11.25.4.9999"), true},
		{lt("11.4.4"), false},
		{ps("11.20.0"), false}, // another product
		{must(compat.Parse("11.20.0")), true},
	}
	for _, tt := range tests {
		if got := r.Contains(tt.v); got != tt.want {
			t.Errorf("%s.Contains(%s) = %v, want %v", r, tt.v.Label(), got, tt.want)
		}
	}
	if !(compat.Range{}).Contains(ps("99.0.0")) || (compat.Range{}).String() != "any version" {
		t.Error("the zero Range holds every version")
	}
	if !(compat.Range{Min: lt("11.5.0"), Max: lt("11.5.0")}).Empty() || r.Empty() {
		t.Error("Empty")
	}
	if !r.Bounded() || compat.AtLeast(lt("11.5.0")).Bounded() || !compat.Before(lt("11.5.0")).Bounded() {
		t.Error("Bounded")
	}
	if !compat.AtLeast(lt("11.23.0")).AtOrAbove(lt("11.22.0")) || compat.Before(lt("11.23.0")).AtOrAbove(lt("11.22.0")) {
		t.Error("AtOrAbove")
	}
	if !compat.Before(lt("11.23.0")).Below(lt("11.23.0")) || compat.AtLeast(lt("11.1.0")).Below(lt("11.23.0")) {
		t.Error("Below")
	}
	if got := r.Intersect(compat.AtLeast(lt("11.20.0"))).String(); got != "[11.20.0, 11.26.0)" {
		t.Errorf("Intersect = %s", got)
	}
}
