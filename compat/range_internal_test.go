package compat

import "testing"

func TestWithoutRange(t *testing.T) {
	t.Parallel()
	v := func(s string) Version { return MustParse(LifeTime, s) }
	r := Range{Min: v("11.10.0"), Max: v("11.20.0")}
	tests := []struct {
		x    Range
		want string
	}{
		{Range{Min: v("11.15.0")}, "[11.10.0, 11.15.0)"},                             // cut the top
		{Range{Max: v("11.15.0")}, "[11.15.0, 11.20.0)"},                             // cut the bottom
		{Range{Min: v("11.12.0"), Max: v("11.14.0")}, "[11.10.0, 11.20.0)"},          // a hole: keep the hull
		{Range{Min: v("11.0.108.0"), Max: v("11.30.0")}, "[11.0.108.0, 11.0.108.0)"}, // everything: empty
	}
	for _, tt := range tests {
		got := withoutRange(r, tt.x)
		if got.String() != tt.want {
			t.Errorf("%s without %s = %s, want %s", r, tt.x, got, tt.want)
		}
	}
	if !withoutRange(r, Range{Min: v("11.0.108.0")}).Empty() {
		t.Error("removing everything must give an empty range")
	}
}
