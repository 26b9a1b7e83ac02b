package compat_test

import (
	"errors"
	"testing"

	"github.com/go-outsystems/outsystems/compat"
	"github.com/google/go-cmp/cmp"
)

// parsed is a Version flattened for comparison.
type parsed struct {
	Product   compat.Product
	String    string
	Major     int
	Feature   int
	Patch     int
	Build     int
	HasBuild  bool
	OldFormat bool
	Hotfix    int
	Beta      bool
	Name      string
}

func flatten(v compat.Version) parsed {
	b, ok := v.Build()
	return parsed{v.Product(), v.String(), v.Major(), v.Feature(), v.Patch(), b, ok, v.OldFormat(), v.Hotfix(), v.Beta(), v.Name()}
}

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want parsed
	}{
		{"11.0.108.0", parsed{String: "11.0.108.0", Major: 11, Patch: 108, OldFormat: true}},
		{"11.26.0", parsed{String: "11.26.0", Major: 11, Feature: 26}},
		{"11.18.1.0", parsed{String: "11.18.1.0", Major: 11, Feature: 18, Patch: 1, HasBuild: true}},
		{"11.14.0 (Build 33133)", parsed{String: "11.14.0.33133", Major: 11, Feature: 14, Build: 33133, HasBuild: true}},
		{"11.14.0(build 33133)", parsed{String: "11.14.0.33133", Major: 11, Feature: 14, Build: 33133, HasBuild: true}},
		{"11.14.0.33133", parsed{String: "11.14.0.33133", Major: 11, Feature: 14, Build: 33133, HasBuild: true}},
		{"10.0.1115.0", parsed{String: "10.0.1115.0", Major: 10, Patch: 1115, OldFormat: true}},
		{"  11.26.0\t", parsed{String: "11.26.0", Major: 11, Feature: 26}},
		{"11.0.615", parsed{String: "11.0.615", Major: 11, Patch: 615, OldFormat: true}},
		{"9.1.101.4", parsed{String: "9.1.101.4", Major: 9, Feature: 1, Patch: 101, OldFormat: true, Hotfix: 4}},
		{"9.1.101.302", parsed{String: "9.1.101.302", Major: 9, Feature: 1, Patch: 101, OldFormat: true, Beta: true}},
		{"11.25", parsed{String: "11.25", Major: 11, Feature: 25}},
		{"LifeTime 11.30.1", parsed{Product: compat.LifeTime, String: "11.30.1", Major: 11, Feature: 30, Patch: 1}},
		{"lifetime 11.30.1", parsed{Product: compat.LifeTime, String: "11.30.1", Major: 11, Feature: 30, Patch: 1}},
		{"Platform Server 11.19.0 (Build 39069)", parsed{Product: compat.PlatformServer, String: "11.19.0.39069", Major: 11, Feature: 19, Build: 39069, HasBuild: true}},
		{"Service Studio 11.55.18", parsed{Product: compat.DevelopmentEnvironment, String: "11.55.18", Major: 11, Feature: 55, Patch: 18}},
		{"Release Sep.2018", parsed{String: "11.0.108.0", Major: 11, Patch: 108, OldFormat: true, Name: "Release Sep.2018"}},
		{"Release Oct.2019 CP3", parsed{String: "11.0.611.0", Major: 11, Patch: 611, OldFormat: true, Name: "Oct.2019 CP3"}},
		{"LifeTime Release Dec.2019", parsed{Product: compat.LifeTime, String: "11.0.327.0", Major: 11, Patch: 327, OldFormat: true, Name: "Release Dec.2019"}},
		{"12.0.0", parsed{String: "12.0.0", Major: 12}}, // newer than the catalogue: fine
		{"11.99.3", parsed{String: "11.99.3", Major: 11, Feature: 99, Patch: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			v, err := compat.Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, flatten(v)); diff != "" {
				t.Errorf("Parse(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		product compat.Product
	}{
		{"", compat.ProductUnknown},
		{"   ", compat.ProductUnknown},
		{"11", compat.ProductUnknown},
		{"11.2.3.4.5", compat.ProductUnknown},
		{"11.14.0-beta", compat.ProductUnknown}, // go-version pre-release trap
		{"11.14.0+meta", compat.ProductUnknown},
		{"v11.14.0", compat.ProductUnknown},
		{"11..0", compat.ProductUnknown},
		{"-11.0.0", compat.ProductUnknown},
		{"11.0.x", compat.ProductUnknown},
		{"11.14.0.1 (Build 2)", compat.ProductUnknown},
		{"11.0.108 (Build 2)", compat.ProductUnknown}, // old format has no build id
		{"11.0.108.1000", compat.ProductUnknown},      // old-format xyy is 0-999
		{"11.99999999999.0", compat.ProductUnknown},
		{"Release Jan.2019", compat.ProductUnknown}, // LifeTime 11.0.304.0 vs Platform Server 11.0.210.0
		{"Release Feb.2030", compat.ProductUnknown},
		{"Release Oct.2019 CP3", compat.LifeTime}, // a Platform Server name only
		{"LifeTime 11.30.1", compat.PlatformServer},
		{"LifeTime", compat.ProductUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var err error
			if tt.product == compat.ProductUnknown {
				_, err = compat.Parse(tt.in)
			} else {
				_, err = compat.ParseProduct(tt.product, tt.in)
			}
			var pe *compat.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) error = %v, want *ParseError", tt.in, err)
			}
			if pe.Input != tt.in || pe.Reason == "" {
				t.Errorf("ParseError = %+v, want Input %q and a reason", pe, tt.in)
			}
		})
	}
}

func TestParseProductNames(t *testing.T) {
	t.Parallel()
	tests := []struct {
		product compat.Product
		in      string
		want    string
	}{
		{compat.LifeTime, "Release Jan.2019", "11.0.304.0"},
		{compat.PlatformServer, "Release Jan.2019", "11.0.210.0"},
		{compat.LifeTime, "Release Oct.2019 CP1", "11.0.324.0"},
		{compat.PlatformServer, "Oct.2019 CP1", "11.0.607.0"},
		{compat.PlatformServer, "Release Oct.2019 CP2", "11.0.609.0"},
		{compat.PlatformServer, "11.26.0", "11.26.0"},
	}
	for _, tt := range tests {
		v, err := compat.ParseProduct(tt.product, tt.in)
		if err != nil {
			t.Fatalf("ParseProduct(%v, %q): %v", tt.product, tt.in, err)
		}
		if v.String() != tt.want || v.Product() != tt.product {
			t.Errorf("ParseProduct(%v, %q) = %s, want %v %s", tt.product, tt.in, v.Label(), tt.product, tt.want)
		}
	}
}

func TestCompare(t *testing.T) {
	t.Parallel()
	ps := func(s string) compat.Version { return compat.MustParse(compat.PlatformServer, s) }
	tests := []struct {
		a, b compat.Version
		want int
	}{
		{ps("11.26.0"), ps("11.26.0.0"), 0},                               // three vs four parts
		{ps("11.26"), ps("11.26.0"), 0},                                   // missing parts are 0
		{ps("11.14.0.33133"), ps("11.14.0 (Build 1)"), 0},                 // builds of one release
		{ps("11.33.1.44835"), ps("11.34.0.44828"), -1},                    // build ids never order releases
		{ps("11.0.606.0"), ps("11.7.0"), -1},                              // old format below new format
		{ps("11.0.615"), ps("11.7.0"), -1},                                // security patch of the old line
		{ps("10.0.1115.0"), ps("11.0.108.0"), -1},                         // majors
		{ps("11.9.0"), ps("11.10.0"), -1},                                 // numeric, not lexical
		{ps("11.0.212.9"), ps("11.0.212.0"), 1},                           // old-format hotfix after GA
		{ps("11.0.212.302"), ps("11.0.212.0"), -1},                        // old-format beta before GA
		{ps("11.0.212.302"), ps("11.0.212.9"), -1},                        // beta before hotfix
		{ps("11.0.212.302"), ps("11.0.212.301"), 1},                       // betas in order
		{ps("11.0.212.9"), ps("11.0.216.0"), -1},                          // next patch set
		{ps("11.43.0"), ps("12.0.0"), -1},                                 // unknown future major
		{compat.MustParse(compat.LifeTime, "11.30.0"), ps("11.42.1"), -1}, // products never by number
		{compat.MustParse(compat.LifeTime, "11.30.0"), ps("11.1.0"), -1},  // (LifeTime sorts before Platform Server)
	}
	for _, tt := range tests {
		if got := tt.a.Compare(tt.b); got != tt.want {
			t.Errorf("%s.Compare(%s) = %d, want %d", tt.a.Label(), tt.b.Label(), got, tt.want)
		}
		if got := tt.b.Compare(tt.a); got != -tt.want {
			t.Errorf("%s.Compare(%s) = %d, want %d (antisymmetry)", tt.b.Label(), tt.a.Label(), got, -tt.want)
		}
		if got := tt.a.LessThan(tt.b); got != (tt.want < 0) {
			t.Errorf("%s.LessThan(%s) = %v", tt.a.Label(), tt.b.Label(), got)
		}
		if got := tt.a.Equal(tt.b); got != (tt.want == 0) {
			t.Errorf("%s.Equal(%s) = %v", tt.a.Label(), tt.b.Label(), got)
		}
	}
}

func TestAs(t *testing.T) {
	t.Parallel()
	v, _ := compat.Parse("11.26.0")
	ps, err := v.As(compat.PlatformServer)
	if err != nil || ps.Product() != compat.PlatformServer {
		t.Fatalf("As(PlatformServer) = %v, %v", ps.Label(), err)
	}
	_, err = ps.As(compat.LifeTime)
	var pe *compat.ProductError
	if !errors.As(err, &pe) || pe.Want != compat.LifeTime {
		t.Errorf("As(LifeTime) on a Platform Server version: err = %v, want *ProductError", err)
	}
	if z, err := (compat.Version{}).As(compat.LifeTime); err != nil || !z.IsZero() {
		t.Errorf("zero.As = %v, %v; want zero, nil", z, err)
	}
}

func TestVersionText(t *testing.T) {
	t.Parallel()
	v := compat.MustParse(compat.LifeTime, "11.14.0 (Build 33133)")
	b, err := v.MarshalText()
	if err != nil || string(b) != "11.14.0.33133" {
		t.Fatalf("MarshalText = %q, %v", b, err)
	}
	var back compat.Version
	if err := back.UnmarshalText(b); err != nil {
		t.Fatal(err)
	}
	if back.Product() != compat.ProductUnknown || back.String() != "11.14.0.33133" {
		t.Errorf("UnmarshalText = %s (%v), want 11.14.0.33133 of ProductUnknown", back, back.Product())
	}
	if r := back.Release().String(); r != "11.14.0" {
		t.Errorf("Release() = %s, want 11.14.0", r)
	}
	if gv := v.GoVersion(); gv == nil || gv.String() != "11.14.0" {
		t.Errorf("GoVersion() = %v, want 11.14.0", gv)
	}
}
