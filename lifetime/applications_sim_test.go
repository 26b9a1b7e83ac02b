package lifetime

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/go-outsystems/outsystems/internal/sim"
)

// simClient starts the simulator with the "default" scenario (Development,
// Test and Production, three applications, users, a team, DB connections)
// on a manual clock and returns a client for it.
func simClient(t *testing.T) (*Client, *sim.Sim, *sim.ManualClock) {
	t.Helper()
	clock := sim.NewManualClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	s, err := sim.NewScenario("default", sim.Options{Seed: 7, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	c, err := NewClient(srv.URL, WithToken(s.Token()), WithInsecureHTTP(), WithRetry(NoRetry()))
	if err != nil {
		t.Fatal(err)
	}
	return c, s, clock
}

// simEnv returns the key of a scenario environment.
func simEnv(t *testing.T, s *sim.Sim, name string) string {
	t.Helper()
	e, ok := s.EnvironmentByName(name)
	if !ok {
		t.Fatalf("scenario has no environment %q", name)
	}
	return e.Key
}

// simApp returns the key of a scenario application.
func simApp(t *testing.T, s *sim.Sim, name string) string {
	t.Helper()
	a, ok := s.ApplicationByName(name)
	if !ok {
		t.Fatalf("scenario has no application %q", name)
	}
	return a.Key
}

func TestSimApplicationsAndModules(t *testing.T) {
	t.Parallel()
	c, s, clock := simClient(t)
	ctx := t.Context()
	dev, prod := simEnv(t, s, "Development"), simEnv(t, s, "Production")
	core := simApp(t, s, "Core Services")

	apps, _, err := c.Applications.List(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range apps {
		names = append(names, a.Name)
	}
	if diff := cmp.Diff([]string{"Core Services", "Customer Portal", "Field Inspections"}, names); diff != "" {
		t.Errorf("application names (-want +got):\n%s", diff)
	}

	// Production runs the first tag (1.0), Development the last (1.2).
	app, _, err := c.Applications.Get(ctx, core, &ApplicationGetOptions{IncludeEnvStatus: true})
	if err != nil {
		t.Fatal(err)
	}
	running := map[string]string{}
	for _, st := range app.AppStatusInEnvs {
		running[st.EnvironmentKey] = st.BaseApplicationVersionKey
	}
	versions, _, err := c.Applications.ListVersions(ctx, core, &ApplicationVersionListOptions{MaximumVersionsToReturn: 2})
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, v := range versions {
		labels = append(labels, v.Version)
	}
	if diff := cmp.Diff([]string{"1.2", "1.1"}, labels); diff != "" {
		t.Errorf("newest two versions (-want +got):\n%s", diff)
	}
	if running[dev] != versions[0].Key {
		t.Errorf("Development runs %q, want version 1.2 (%q)", running[dev], versions[0].Key)
	}
	if running[prod] == "" || running[prod] == versions[0].Key {
		t.Errorf("Production runs %q, want an older version than 1.2", running[prod])
	}

	v, _, err := c.Applications.GetVersion(ctx, core, versions[0].Key, &ApplicationVersionGetOptions{IncludeModules: true})
	if err != nil {
		t.Fatal(err)
	}
	if v.ChangeLog != "Release 1.2" || !v.CreatedOn.IsSet() || len(v.ModuleVersions) != 2 {
		t.Errorf("version 1.2 = %+v, want change log, creation date and two module versions", v)
	}
	kinds := map[string]ModuleKind{}
	for _, mv := range v.ModuleVersions {
		m, _, err := c.Modules.Get(ctx, mv.ModuleKey, nil)
		if err != nil {
			t.Fatal(err)
		}
		kinds[m.Name] = m.Kind
		got, _, err := c.Modules.GetVersion(ctx, mv.ModuleKey, mv.Key)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(mv, got); diff != "" {
			t.Errorf("module version (-want +got):\n%s", diff)
		}
	}
	if diff := cmp.Diff(map[string]ModuleKind{"CoreServices_CS": ModuleKindESpace, "CoreServices_Lib": ModuleKindExtension}, kinds); diff != "" {
		t.Errorf("module kinds (-want +got):\n%s", diff)
	}

	// Block deployments of Core Services to Production, read it back.
	if _, err := c.Applications.UpdateConfigurations(ctx, core, []*ApplicationConfiguration{{EnvironmentKey: prod, IsBlocked: true, IsBlockedChangeReason: "freeze"}}); err != nil {
		t.Fatal(err)
	}
	cfgs, _, err := c.Applications.GetConfigurations(ctx, core)
	if err != nil {
		t.Fatal(err)
	}
	var blocked []ApplicationConfiguration
	for _, cfg := range cfgs {
		if cfg.IsBlocked {
			blocked = append(blocked, *cfg)
		}
	}
	if diff := cmp.Diff([]ApplicationConfiguration{{EnvironmentKey: prod, IsBlocked: true, IsBlockedChangeReason: "freeze"}}, blocked); diff != "" {
		t.Errorf("blocked configurations (-want +got):\n%s", diff)
	}

	link, _, err := c.Applications.GetVersionDownloadLink(ctx, core, versions[0].Key)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(link.URL, "/lifetimeapi/rest/v2/downloads/") || !link.Expires.After(clock.Now()) {
		t.Errorf("download link = %+v, want a /downloads/ URL expiring after %v", link, clock.Now())
	}

	if _, _, err := c.Applications.Get(ctx, "00000000-0000-0000-0000-000000000000", nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get unknown application: err = %v, want ErrNotFound", err)
	}
}
