package compat_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/go-outsystems/outsystems/compat"
	"github.com/google/go-cmp/cmp"
)

func date(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestSupported(t *testing.T) {
	t.Parallel()
	c := compat.Default()
	tests := []struct {
		v          compat.Version
		on         string
		want       compat.SupportState
		major      string
		exceptions int
		defects    int
	}{
		{ps("11.43.0"), "2026-09-01", compat.Supported, "OutSystems 11", 0, 0},
		{ps("11.0.108.0"), "2030-01-01", compat.Supported, "OutSystems 11", 0, 0},  // no announced end
		{lt("11.30.1"), "2026-09-01", compat.Supported, "OutSystems 11", 0, 0},     // LifeTime follows its major
		{ps("10.0.1115.0"), "2020-12-31", compat.Supported, "OutSystems 10", 1, 0}, // last day
		{ps("10.0.1115.0"), "2021-01-01", compat.EndOfSupport, "OutSystems 10", 1, 0},
		{ps("9.1.101.4"), "2019-01-01", compat.EndOfSupport, "OutSystems 9.1", 0, 0},
		{ps("9.0.1"), "2016-01-01", compat.Supported, "OutSystems 9.0", 0, 0},
		{ps("12.0.0"), "2030-01-01", compat.SupportUnknown, "", 0, 0},          // future major: not an error
		{ps("11.18.0"), "2026-09-01", compat.Supported, "OutSystems 11", 0, 1}, // retracted
		// A bare number may be either product: LifeTime 11.26.0 is defective.
		{must(compat.Parse("11.26.0")), "2026-09-01", compat.Supported, "OutSystems 11", 0, 1},
		{ps("11.26.0"), "2026-09-01", compat.Supported, "OutSystems 11", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.v.Label()+"@"+tt.on, func(t *testing.T) {
			st, err := c.Supported(tt.v, date(tt.on))
			if err != nil {
				t.Fatal(err)
			}
			got := []any{st.State, st.Lifecycle.Major, len(st.Exceptions), len(st.Defects)}
			want := []any{tt.want, tt.major, tt.exceptions, tt.defects}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Supported (-want +got):\n%s", diff)
			}
		})
	}
	if _, err := c.Supported(compat.Version{}, date("2026-01-01")); err == nil {
		t.Error("zero version: no error")
	}
	st, _ := c.Supported(ps("10.0.1115.0"), date("2021-06-01"))
	if st.Exceptions[0].End.Format(time.DateOnly) != "2021-12-31" || st.Exceptions[0].Stack != "java-or-mysql" {
		t.Errorf("OutSystems 10 Java/MySQL exception = %+v", st.Exceptions[0])
	}
}

func TestDefects(t *testing.T) {
	t.Parallel()
	c := compat.Default()
	tests := []struct {
		v    compat.Version
		want []compat.DefectKind
	}{
		{ps("11.18.0"), []compat.DefectKind{compat.Retracted}},
		{ps("11.18.0.12345"), []compat.DefectKind{compat.Retracted}}, // any build of it
		{ps("11.18.1"), nil},
		{ps("11.0.210.0"), []compat.DefectKind{compat.Retracted}},
		{ps("11.7.0"), []compat.DefectKind{compat.Retracted}},
		// Retracted, and in the range of the conditional "LifeTime <= 11.20.0
		// with Platform Server >= 11.25.0" defect (the rules check the condition).
		{lt("11.16.0"), []compat.DefectKind{compat.Retracted, compat.Defective}},
		{ps("11.16.0"), nil}, // a Platform Server 11.16.0 is not LifeTime 11.16.0
		{lt("11.20.0"), []compat.DefectKind{compat.Defective}},
		{lt("11.20.1"), nil},
		{lt("11.24.1"), nil},
		{lt("11.24.2"), []compat.DefectKind{compat.Defective}},
		{lt("11.25.2"), []compat.DefectKind{compat.Defective}},
		{lt("11.25.3"), nil}, // half-open range
		{lt("11.26.0"), []compat.DefectKind{compat.Defective}},
		{lt("11.99.0"), nil},
	}
	for _, tt := range tests {
		var got []compat.DefectKind
		for _, d := range c.Defects(tt.v) {
			got = append(got, d.Kind)
			if d.Reason == "" || d.Remedy == "" || !strings.HasPrefix(d.Source, "https://") {
				t.Errorf("%s: incomplete defect %+v", tt.v.Label(), d)
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Defects(%s) (-want +got):\n%s", tt.v.Label(), diff)
		}
	}
}

func TestRequireFeature(t *testing.T) {
	t.Parallel()
	c := compat.Default()
	tests := []struct {
		feature string
		v       compat.Version
		wantMin string // "" when available
		wantMax string
	}{
		{compat.FeatureUsersRolesTeams, lt("11.5.0"), "", ""}, // equal bound
		{compat.FeatureUsersRolesTeams, lt("11.4.2"), "11.5.0", ""},
		{compat.FeatureUsersRolesTeams, lt("11.0.327.0"), "11.5.0", ""}, // old format below new
		{compat.FeatureUsersRolesTeams, must(compat.Parse("11.30.1")), "", ""},
		{compat.FeatureUsersRolesTeams, lt("12.0.0"), "", ""}, // future
		{compat.FeatureAPIv1, lt("11.25.4"), "", ""},
		{compat.FeatureAPIv1, lt("11.26.0"), "", "11.26.0"}, // removed: exclusive bound
		{compat.FeatureLifeTimeServices, lt("11.16.0"), "", "11.16.0"},
		{compat.FeatureDeleteApplicationVersion, lt("Release Feb.2019"), "", ""},
		{compat.FeatureDeleteApplicationVersion, lt("Release Dec.2018"), "11.0.307.0", ""},
		{compat.FeatureDeleteApplicationVersion, ps("10.0.912.1"), "", ""},
		{compat.FeatureDeleteApplicationVersion, ps("10.0.904.0"), "10.0.912.0", ""},
		{compat.FeatureDeleteApplicationVersion, ps("11.0.108.0"), "11.0.128.0", ""},
		{compat.FeatureDeleteApplicationVersion, ps("11.0.128.0"), "", ""},
		{compat.FeatureDeleteApplicationVersion, ps("9.1.100.0"), "10.0.912.0", ""},
		{compat.FeatureSourceCode, ps("11.26.0"), "11.27.0", ""},
		{compat.FeatureSourceCode, ps("11.27.0.1234"), "", ""},
		{compat.FeatureSourceCode, ps("10.0.1115.0"), "11.27.0", ""},
		{compat.FeatureCrossInfrastructureDeployment, ps("10.0.1115.0"), "", ""}, // LifeTime side only
	}
	for _, tt := range tests {
		err := c.RequireFeature(tt.feature, tt.v)
		if tt.wantMin == "" && tt.wantMax == "" {
			if err != nil {
				t.Errorf("RequireFeature(%s, %s) = %v, want nil", tt.feature, tt.v.Label(), err)
			}
			continue
		}
		var ve *compat.VersionError
		if !errors.As(err, &ve) || !errors.Is(err, compat.ErrFeatureUnavailable) {
			t.Errorf("RequireFeature(%s, %s) = %v, want *VersionError", tt.feature, tt.v.Label(), err)
			continue
		}
		got := []string{ve.Feature, ve.Min.String(), ve.Max.String(), ve.Actual.String()}
		want := []string{tt.feature, tt.wantMin, tt.wantMax, tt.v.String()}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("RequireFeature(%s, %s) VersionError (-want +got):\n%s", tt.feature, tt.v.Label(), diff)
		}
		if ve.Source == "" || !strings.Contains(ve.Error(), tt.feature) {
			t.Errorf("VersionError lacks source or feature: %v", ve)
		}
	}
	if err := c.RequireFeature("no-such-feature", lt("11.30.1")); !errors.Is(err, compat.ErrUnknownFeature) {
		t.Errorf("unknown feature: err = %v", err)
	}
	var pe *compat.ProductError
	if err := c.RequireFeature(compat.FeatureAPIv2, compat.MustParse(compat.DevelopmentEnvironment, "11.14.16")); !errors.As(err, &pe) {
		t.Errorf("Development Environment version: err = %v, want *ProductError", err)
	}
}

func TestRequireFeatureOn(t *testing.T) {
	t.Parallel()
	c := compat.Default()
	var ve *compat.VersionError
	if err := c.RequireFeatureOn(compat.FeatureSourceCode, lt("11.21.1"), ps("11.27.0")); err != nil {
		t.Errorf("both new enough: %v", err)
	}
	if err := c.RequireFeatureOn(compat.FeatureSourceCode, lt("11.21.0"), ps("11.27.0")); !errors.As(err, &ve) || ve.Product != compat.LifeTime {
		t.Errorf("old console: err = %v, want a LifeTime VersionError", err)
	}
	if err := c.RequireFeatureOn(compat.FeatureSourceCode, lt("11.30.1"), must(compat.Parse("11.26.0"))); !errors.As(err, &ve) || ve.Product != compat.PlatformServer {
		t.Errorf("old environment: err = %v, want a Platform Server VersionError", err)
	}
	if err := c.RequireFeatureOn(compat.FeatureSourceCode, lt("11.30.1"), compat.Version{}); err != nil {
		t.Errorf("no environment: %v", err)
	}
	var pe *compat.ProductError
	if err := c.RequireFeatureOn(compat.FeatureSourceCode, ps("11.30.1"), ps("11.30.0")); !errors.As(err, &pe) {
		t.Errorf("swapped arguments: err = %v, want *ProductError", err)
	}
}

func TestFeatureConstantsAreInTheCatalogue(t *testing.T) {
	t.Parallel()
	c := compat.Default()
	for _, id := range []string{compat.FeatureAPIv2, compat.FeatureAPIv1, compat.FeatureLifeTimeServices,
		compat.FeatureUsersRolesTeams, compat.FeatureContentSecurityPolicies, compat.FeatureRegisterEnvironments,
		compat.FeatureDBConnections, compat.FeatureDBMapping, compat.FeatureSourceCode,
		compat.FeatureCrossInfrastructureDeployment, compat.FeatureIncludeErrorDetails, compat.FeatureDetailsURL,
		compat.FeatureAuthTokens, compat.FeatureDeleteApplicationVersion, compat.FeatureApplicationVersionContent} {
		if _, err := c.Feature(id); err != nil {
			t.Errorf("Feature(%q): %v", id, err)
		}
	}
}

func TestCanManage(t *testing.T) {
	t.Parallel()
	c := compat.Default()
	tests := []struct {
		lifetime, platform compat.Version
		want               compat.ManageLevel
		warnings           int
	}{
		{lt("11.30.1"), ps("11.42.1"), compat.ManageFull, 0},
		{lt("11.30.1"), ps("11.43.0"), compat.ManageFull, 1}, // newer than the bundled Platform Server
		{lt("11.30.1"), ps("10.0.1115.0"), compat.ManageFull, 0},
		{lt("11.30.1"), ps("10.0.105.0"), compat.ManageFull, 0}, // equal bound
		{lt("11.30.1"), ps("10.0.104.0"), compat.ManageLimited, 0},
		{lt("11.30.1"), ps("9.0.1"), compat.ManageLimited, 0},
		{lt("11.30.1"), ps("9.0.0"), compat.ManageNo, 0},
		{lt("11.0.108.0"), ps("11.0.108.0"), compat.ManageFull, 0},
		{lt("11.4.3"), ps("11.0.615"), compat.ManageFull, 0}, // its own bundle
		{lt("11.4.3"), ps("11.7.3"), compat.ManageFull, 1},   // newer than its bundle
		{lt("11.8.3"), ps("11.10.3"), compat.ManageFull, 0},  // bundle unknown, between 11.10.2 (11.8.2) and 11.10.4 (11.8.4)
		{lt("11.8.3"), ps("11.11.1"), compat.ManageFull, 1},  // above that bound
		{lt("11.5.2"), ps("11.8.0"), compat.ManageFull, 1},
		{lt("11.30.1"), ps("12.0.0"), compat.ManageUnknown, 0},
		{lt("12.0.0"), ps("11.43.0"), compat.ManageUnknown, 0},
		{lt("10.0.900.0"), ps("10.0.1115.0"), compat.ManageFull, 0},
		{lt("10.0.900.0"), ps("11.0.108.0"), compat.ManageNo, 0},
		{must(compat.Parse("11.30.1")), must(compat.Parse("11.42.1")), compat.ManageFull, 0},
	}
	for _, tt := range tests {
		m, err := c.CanManage(tt.lifetime, tt.platform)
		if err != nil {
			t.Fatalf("CanManage(%s, %s): %v", tt.lifetime, tt.platform, err)
		}
		if m.Level != tt.want || len(m.Warnings) != tt.warnings || m.Reason == "" {
			t.Errorf("CanManage(%s, %s) = %v %q %q, want %v with %d warnings", tt.lifetime, tt.platform, m.Level, m.Reason, m.Warnings, tt.want, tt.warnings)
		}
	}
	var pe *compat.ProductError
	if _, err := c.CanManage(ps("11.30.1"), ps("11.42.1")); !errors.As(err, &pe) {
		t.Errorf("Platform Server as LifeTime: err = %v, want *ProductError", err)
	}
	if _, err := c.CanManage(lt("11.30.1"), lt("11.30.1")); !errors.As(err, &pe) {
		t.Errorf("LifeTime as Platform Server: err = %v, want *ProductError", err)
	}
}
