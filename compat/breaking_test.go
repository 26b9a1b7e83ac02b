package compat_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/go-outsystems/outsystems/compat"
	"github.com/google/go-cmp/cmp"
)

func lt(s string) compat.Version { return compat.MustParse(compat.LifeTime, s) }
func ps(s string) compat.Version { return compat.MustParse(compat.PlatformServer, s) }

// ids returns the ids of impacts, only those needing action when action is true.
func ids(ims []compat.Impact, action bool) []string {
	var out []string
	for _, im := range ims {
		if !action || im.ActionRequired {
			out = append(out, im.Change.ID)
		}
	}
	return out
}

func TestBreakingChangesSepTo1130WithPluginsAndREST(t *testing.T) {
	t.Parallel()
	c := compat.Default()
	got, err := c.BreakingChanges(lt("11.0.108.0"), lt("11.30.1"), compat.Filter{Plugins: true, Integrations: []compat.IntegrationKind{compat.IntegrationREST}})
	if err != nil {
		t.Fatal(err)
	}
	var ltActions []string
	for _, im := range got {
		if im.ActionRequired && im.Change.Product == compat.LifeTime {
			ltActions = append(ltActions, im.Change.ID)
		}
	}
	want := []string{
		"LT-API-2019-1", "LT-API-2019-2", "LT-PERM-2019-3", "LT-PLUG-2021-2", "LT-AUTH-2022-3",
		"LT-AUTH-2023-1", "LT-PLUG-2023-2", "LT-API-2024-1", "LT-API-2024-4", "LT-BC-2024-2",
		"LT-DATA-2024-3", "LT-API-2025-2", "LT-API-2025-3", "LT-POL-2025-4",
	}
	if diff := cmp.Diff(want, ltActions); diff != "" {
		t.Errorf("LifeTime changes needing action (-want +got):\n%s", diff)
	}
	// Version order: by the LifeTime release that brings each change.
	if !slices.IsSortedFunc(got, func(a, b compat.Impact) int { return a.LifeTime.Compare(b.LifeTime) }) {
		t.Errorf("impacts not in LifeTime version order: %v", ids(got, false))
	}
	for _, im := range got {
		if im.LifeTime.LessThan(lt("11.0.108.0")) || lt("11.30.1").LessThan(im.LifeTime) {
			t.Errorf("%s brought by LifeTime %s, outside (11.0.108.0, 11.30.1]", im.Change.ID, im.LifeTime)
		}
		switch im.Change.ID {
		case "LT-API-2022-2", "LT-API-2018-5", "O11-bc-11220-1", "LT-BC-2018-1":
			t.Errorf("%s returned: SOAP-only, before the range, or a duplicate", im.Change.ID)
		}
	}
	// Plugins run on the LifeTime environment's Platform Server, so the
	// OutSystems 11 changes for extensions and applications come along.
	for _, id := range []string{"O11-bc-11190-1", "O11-bc119-1", "O11-11380-npgsql"} {
		i := slices.IndexFunc(got, func(im compat.Impact) bool { return im.Change.ID == id })
		if i < 0 || !got[i].ActionRequired {
			t.Errorf("%s missing or not action-required for plugins", id)
		}
	}
	// Infrastructure-only Platform Server changes belong to the system
	// requirements, not to this query.
	if slices.ContainsFunc(got, func(im compat.Impact) bool { return im.Change.ID == "O11-bc-11330-1" }) {
		t.Error("O11-bc-11330-1 (platform database) returned for a LifeTime upgrade")
	}
}

func TestBreakingChangesWithoutPluginsOrIntegrations(t *testing.T) {
	t.Parallel()
	got, err := compat.Default().BreakingChanges(lt("11.0.108.0"), lt("11.30.1"), compat.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 {
		t.Fatal("no informational changes returned")
	}
	if a := ids(got, true); len(a) != 0 {
		t.Errorf("changes needing action without plugins or integrations: %v", a)
	}
	for _, im := range got {
		if im.Change.Product != compat.LifeTime {
			t.Errorf("%s: Platform Server change returned without plugins or integrations", im.Change.ID)
		}
	}
}

func TestBreakingChangesFilters(t *testing.T) {
	t.Parallel()
	c := compat.Default()
	tests := []struct {
		name       string
		from, to   compat.Version
		filter     compat.Filter
		wantAction []string
	}{
		{"soap integrations", lt("11.15.1"), lt("11.17.0"), compat.Filter{Integrations: []compat.IntegrationKind{compat.IntegrationSOAP}},
			[]string{"LT-API-2022-2", "LT-AUTH-2023-1"}},
		{"rest integrations", lt("11.15.1"), lt("11.17.0"), compat.Filter{Integrations: []compat.IntegrationKind{compat.IntegrationREST}},
			[]string{"LT-AUTH-2022-3", "LT-AUTH-2023-1"}},
		{"outsystems 10 environments", lt("11.15.1"), lt("11.17.0"), compat.Filter{OutSystems10Environments: true},
			[]string{"LT-BC-2022-4"}},
		{"bounds: from exclusive, to inclusive", lt("11.21.0"), lt("11.22.0"), compat.Filter{Integrations: []compat.IntegrationKind{compat.IntegrationREST}},
			[]string{"LT-API-2024-4", "LT-BC-2024-2", "LT-DATA-2024-3"}},
		{"equal bounds", lt("11.22.0"), lt("11.22.0"), compat.Filter{Plugins: true, Integrations: []compat.IntegrationKind{compat.IntegrationREST}}, nil},
		{"target newer than the catalogue", lt("11.29.0"), lt("11.99.0"), compat.Filter{Integrations: []compat.IntegrationKind{compat.IntegrationREST}}, nil},
		{"bare numbers read as LifeTime", must(compat.Parse("11.25.4")), must(compat.Parse("11.26.0")), compat.Filter{Integrations: []compat.IntegrationKind{compat.IntegrationREST}},
			[]string{"LT-API-2025-2"}},
		{"platform server upgrade of an environment", ps("11.17.1"), ps("11.19.0"), compat.Filter{},
			[]string{"O11-bc-11180-1", "O11-bc-11180-2", "O11-bc-11180-3", "O11-bc-11190-1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.BreakingChanges(tt.from, tt.to, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantAction, ids(got, true)); diff != "" {
				t.Errorf("changes needing action (-want +got):\n%s", diff)
			}
		})
	}
}

func must(v compat.Version, err error) compat.Version {
	if err != nil {
		panic(err)
	}
	return v
}

// TestBreakingChangesBroughtBy checks that every change is attributed to a
// LifeTime release inside the range, whatever the starting version.
func TestBreakingChangesBroughtBy(t *testing.T) {
	t.Parallel()
	c := compat.Default()
	to := lt("11.30.1")
	for _, r := range c.Releases(compat.LifeTime) {
		got, err := c.BreakingChanges(r.Version, to, compat.Filter{Plugins: true, Integrations: []compat.IntegrationKind{compat.IntegrationREST, compat.IntegrationSOAP}, All: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range got {
			if !im.LifeTime.GreaterThan(r.Version) || im.LifeTime.GreaterThan(to) {
				t.Errorf("from %s: %s attributed to LifeTime %s, outside (%s, %s]", r.Version, im.Change.ID, im.LifeTime, r.Version, to)
			}
		}
	}
}

func TestBreakingChangesAll(t *testing.T) {
	t.Parallel()
	c := compat.Default()
	some, _ := c.BreakingChanges(lt("11.0.108.0"), lt("11.30.1"), compat.Filter{})
	all, err := c.BreakingChanges(lt("11.0.108.0"), lt("11.30.1"), compat.Filter{All: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) <= len(some) || !slices.ContainsFunc(all, func(im compat.Impact) bool { return im.Change.ID == "LT-API-2022-2" }) {
		t.Errorf("Filter.All returned %d changes (relevant: %d); want every change in range", len(all), len(some))
	}
	if a := ids(all, true); len(a) != 0 {
		t.Errorf("Filter.All without exposure marked changes as needing action: %v", a)
	}
}

func TestBreakingChangesErrors(t *testing.T) {
	t.Parallel()
	c := compat.Default()
	var pe *compat.ProductError
	if _, err := c.BreakingChanges(lt("11.20.0"), ps("11.30.0"), compat.Filter{}); !errors.As(err, &pe) {
		t.Errorf("LifeTime to Platform Server: err = %v, want *ProductError", err)
	}
	if _, err := c.BreakingChanges(compat.MustParse(compat.DevelopmentEnvironment, "11.14.16"), compat.MustParse(compat.DevelopmentEnvironment, "11.55.84"), compat.Filter{}); !errors.As(err, &pe) {
		t.Errorf("Development Environment: err = %v, want *ProductError", err)
	}
	if _, err := c.BreakingChanges(lt("11.30.1"), lt("11.20.0"), compat.Filter{}); err == nil {
		t.Error("downgrade: no error")
	}
}

func TestBreakingChangeLookup(t *testing.T) {
	t.Parallel()
	bc, ok := compat.Default().BreakingChange("LT-BC-2024-2")
	if !ok || bc.Introduced.String() != "11.22.0" || bc.Product != compat.LifeTime || bc.Source == "" {
		t.Errorf("BreakingChange(LT-BC-2024-2) = %+v, %v", bc, ok)
	}
	if _, ok := compat.Default().BreakingChange("nope"); ok {
		t.Error("unknown id found")
	}
}
