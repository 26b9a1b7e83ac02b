package ltservices_test

import (
	"errors"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/go-outsystems/outsystems/internal/sim"
	"github.com/go-outsystems/outsystems/lifetime/ltservices"
)

// newSim starts the "default" scenario with a manual clock and an IT user
// with the Administrator role (Manage Infrastructure).
func newSim(t *testing.T) (*sim.Sim, *sim.ManualClock, *httptest.Server) {
	t.Helper()
	clock := sim.NewManualClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	s, err := sim.NewScenario("default", sim.Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	admin, ok := s.RoleByName("Administrator")
	if !ok {
		t.Fatal("no Administrator role")
	}
	if _, err := s.AddUser(sim.User{Username: testUser, Name: "IT Admin", Email: "it@example.test", IsActive: true, RoleKey: admin.Key, Password: testPassword}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, clock, srv
}

// TestAgainstSimulator drives every operation through the simulated
// LifeTime console with session tokens.
func TestAgainstSimulator(t *testing.T) {
	s, _, srv := newSim(t)
	c := newClient(t, srv.URL, ltservices.WithCredentials(testUser, testPassword))
	ctx := t.Context()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	app, ok := s.ApplicationByName("Customer Portal")
	if !ok {
		t.Fatal("no Customer Portal application")
	}
	env, ok := s.EnvironmentByName("Development")
	if !ok {
		t.Fatal("no Development environment")
	}

	// Roles.
	role, err := c.Roles.CreateOrUpdate(ctx, ltservices.RoleCreateRequest{Name: "Release Manager", Description: "Deploys"})
	must(err)
	if role.Name != "Release Manager" || role.Description != "Deploys" || role.ID == 0 {
		t.Errorf("created role %+v", role)
	}
	levels, err := c.Roles.EnvironmentPermissionLevels(ctx)
	must(err)
	if len(levels) == 0 {
		t.Fatal("no environment permission levels")
	}
	must(c.Roles.UpdatePermission(ctx, "Release Manager", env.Key, levels[len(levels)-1].ID))
	perms, err := c.Roles.Permissions(ctx, "Release Manager")
	must(err)
	found := false
	for _, p := range perms {
		found = found || (p.EnvironmentKey == env.Key && p.PermissionLevelID == levels[len(levels)-1].ID)
	}
	if !found {
		t.Errorf("permission in %s not updated: %+v", env.Key, perms)
	}
	must(c.Roles.ChangeName(ctx, "Release Manager", "Releaser"))
	roles, err := c.Roles.List(ctx)
	must(err)
	if !containsRole(roles, "Releaser") || containsRole(roles, "Release Manager") {
		t.Errorf("roles after rename: %v", roleNames(roles))
	}

	// Users.
	u, err := c.Users.CreateOrUpdate(ctx, ltservices.UserCreateRequest{Username: "m.rossi", Password: "initial-pass", Name: "Maria Rossi", Email: "m.rossi@example.test", RoleName: "Releaser"})
	must(err)
	if diff := cmp.Diff(ltservices.User{Username: "m.rossi", Name: "Maria Rossi", Email: "m.rossi@example.test", RoleName: "Releaser"}, *u, cmpopts.IgnoreFields(ltservices.User{}, "ID")); diff != "" {
		t.Errorf("created user (-want +got):\n%s", diff)
	}
	must(c.Users.ChangePassword(ctx, "m.rossi", "another-pass", false))
	must(c.Users.SetApplicationRole(ctx, "m.rossi", app.Key, "Developer"))
	ap, err := c.Users.ApplicationPermissions(ctx, "m.rossi", app.Key)
	must(err)
	if ap.FromPlatformRole || len(ap.Environments) == 0 {
		t.Errorf("application permissions %+v", ap)
	}
	all, err := c.Users.AllPermissions(ctx, "m.rossi")
	must(err)
	if len(all.Applications) != 1 || all.Applications[0].Application.Key != app.Key {
		t.Errorf("all permissions %+v", all)
	}
	must(c.Users.DeleteApplicationPermission(ctx, "m.rossi", app.Key))
	must(c.Users.ChangeUsername(ctx, "m.rossi", "maria.rossi"))
	must(c.Users.SetInactive(ctx, "maria.rossi"))
	active, err := c.Users.List(ctx, false)
	must(err)
	everyone, err := c.Users.List(ctx, true)
	must(err)
	if containsUser(active, "maria.rossi") || !containsUser(everyone, "maria.rossi") {
		t.Errorf("inactive user listing: active %v, all %v", userNames(active), userNames(everyone))
	}
	must(c.Users.SetActive(ctx, "maria.rossi"))
	if err := c.Users.SetInactive(ctx, "nobody"); !errors.Is(err, ltservices.ErrUserNotFound) {
		t.Errorf("SetInactive of an unknown user: %v, want ErrUserNotFound", err)
	}

	// Teams.
	team, err := c.Teams.CreateOrUpdate(ctx, "Release Team", "Ships it")
	must(err)
	if team.Name != "Release Team" {
		t.Errorf("created team %+v", team)
	}
	must(c.Teams.AddUser(ctx, "Release Team", "maria.rossi", "Developer"))
	must(c.Teams.AssignApplication(ctx, "Release Team", app.Key))
	got, err := c.Teams.Get(ctx, "Release Team")
	must(err)
	if !containsUser(got.Users, "maria.rossi") || len(got.Applications) != 1 || got.Applications[0].Key != app.Key {
		t.Errorf("team details %+v", got)
	}
	teams, err := c.Teams.List(ctx)
	must(err)
	if len(teams) < 2 {
		t.Errorf("teams %+v", teams)
	}
	must(c.Teams.RemoveUser(ctx, "Release Team", "maria.rossi"))
	must(c.Teams.RemoveApplication(ctx, "Release Team", app.Key))
	must(c.Teams.Delete(ctx, "Release Team"))

	// Deleting the role moves its users.
	moved, err := c.Roles.Delete(ctx, "Releaser", "Developer")
	must(err)
	if !containsUser(moved, "maria.rossi") {
		t.Errorf("users moved by Role_Delete: %v", userNames(moved))
	}
	if n := s.Counters().Requests["Authentication_GetToken"]; n != 1 {
		t.Errorf("%d Authentication_GetToken requests, want 1 (token cached)", n)
	}
}

// TestSimulatorExpiredToken: the simulator's clock moves past the token's
// 5 minutes while the client's does not; the simulator answers 201 and the
// client renews the token once.
func TestSimulatorExpiredToken(t *testing.T) {
	s, clock, srv := newSim(t)
	c := newClient(t, srv.URL, ltservices.WithCredentials(testUser, testPassword))
	ctx := t.Context()
	if _, err := c.Roles.List(ctx); err != nil {
		t.Fatal(err)
	}
	clock.Advance(6 * time.Minute)
	if _, err := c.Roles.List(ctx); err != nil {
		t.Fatalf("call after the token expired: %v", err)
	}
	cnt := s.Counters().Requests
	if cnt["Authentication_GetToken"] != 2 || cnt["Role_List"] != 3 {
		t.Errorf("GetToken %d, Role_List %d; want 2 and 3", cnt["Authentication_GetToken"], cnt["Role_List"])
	}
}

func TestSimulatorServiceAccountAndRemovedAPI(t *testing.T) {
	s, _, srv := newSim(t)
	c := newClient(t, srv.URL, ltservices.WithServiceAccountToken(s.Token()))
	ctx := t.Context()
	if _, err := c.Teams.List(ctx); err != nil {
		t.Fatalf("service account token on LifeTime %s: %v", s.ConsoleVersion(), err)
	}
	bad := newClient(t, srv.URL, ltservices.WithCredentials(testUser, "wrong-pass"))
	if _, err := bad.Users.List(ctx, false); !errors.Is(err, ltservices.ErrInvalidCredentials) {
		t.Errorf("wrong password: %v, want ErrInvalidCredentials", err)
	}
	s.SetLTServicesEnabled(false)
	var he *ltservices.HTTPError
	if _, err := c.Teams.List(ctx); !errors.As(err, &he) || he.StatusCode != 404 {
		t.Errorf("removed API: %v, want *HTTPError 404", err)
	}
}

func containsUser(us []ltservices.User, name string) bool {
	for _, u := range us {
		if u.Username == name {
			return true
		}
	}
	return false
}

func userNames(us []ltservices.User) []string {
	var out []string
	for _, u := range us {
		out = append(out, u.Username)
	}
	return out
}

func containsRole(rs []ltservices.Role, name string) bool {
	for _, r := range rs {
		if r.Name == name {
			return true
		}
	}
	return false
}

func roleNames(rs []ltservices.Role) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Name)
	}
	return out
}

// TestSimulatorServiceAccountTokenBefore1113: LifeTime accepts service
// account tokens in LifeTime Services from 11.13.0; before, the token is
// refused with ResponseId 201 and the client does not try to renew it.
func TestSimulatorServiceAccountTokenBefore1113(t *testing.T) {
	s, err := sim.NewScenario("default", sim.Options{ConsoleVersion: "11.12.0", Clock: sim.NewManualClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	c := newClient(t, srv.URL, ltservices.WithServiceAccountToken(s.Token()))
	_, err = c.Users.List(t.Context(), false)
	if !errors.Is(err, ltservices.ErrInvalidToken) {
		t.Fatalf("service account token on LifeTime 11.12.0: %v, want ErrInvalidToken", err)
	}
	if n := s.Counters().Requests["User_List"]; n != 1 {
		t.Errorf("%d User_List requests, want 1", n)
	}
}
