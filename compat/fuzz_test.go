package compat_test

import (
	"testing"

	"github.com/go-outsystems/outsystems/compat"
)

// FuzzParse checks that Parse never panics, and that whatever it accepts
// prints as a version that parses back to the same release. The seed corpus
// is in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Add("11.30.1")
	f.Fuzz(func(t *testing.T, s string) {
		v, err := compat.Parse(s)
		if err != nil {
			if v != (compat.Version{}) {
				t.Fatalf("Parse(%q) returned %v with error %v", s, v, err)
			}
			return
		}
		if v.IsZero() || v.String() == "" {
			t.Fatalf("Parse(%q) accepted an empty version", s)
		}
		if v.Compare(v) != 0 || !v.Equal(v) {
			t.Fatalf("Parse(%q): version not equal to itself", s)
		}
		back, err := reparse(v)
		if err != nil {
			t.Fatalf("Parse(%q).String() = %q does not parse: %v", s, v.String(), err)
		}
		if back.String() != v.String() || back.Compare(v) != 0 {
			t.Fatalf("round trip of %q: %s then %s", s, v.Label(), back.Label())
		}
		if gv := v.GoVersion(); gv == nil || gv.Prerelease() != "" {
			t.Fatalf("GoVersion of %s = %v", v, gv)
		}
	})
}

func reparse(v compat.Version) (compat.Version, error) {
	if v.Product() == compat.ProductUnknown {
		return compat.Parse(v.String())
	}
	return compat.ParseProduct(v.Product(), v.String())
}
