package lifetime

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestSimPeople drives roles, users and teams through a full life cycle
// against the simulator and reads every change back.
func TestSimPeople(t *testing.T) {
	t.Parallel()
	c, s, _ := simClient(t)
	ctx := t.Context()
	dev := simEnv(t, s, "Development")
	portal := simApp(t, s, "Customer Portal")

	roles, _, err := c.Roles.List(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	roleKey := map[string]string{}
	for _, r := range roles {
		roleKey[r.Name] = r.Key
	}
	if roleKey["Developer"] == "" || roleKey["Administrator"] == "" {
		t.Fatalf("built-in roles missing: %v", roleKey)
	}
	levels, _, err := c.Roles.PermissionLevels(ctx)
	if err != nil || len(levels) == 0 {
		t.Fatalf("PermissionLevels = %d levels, %v", len(levels), err)
	}

	// Roles: create, read, update.
	rk, _, err := c.Roles.Create(ctx, &RoleRequest{Name: "Release Manager", EnvironmentPermissions: []*EnvironmentPermission{{EnvironmentKey: dev, Level: 5}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Roles.Update(ctx, rk, &RoleRequest{Name: "Release Manager", ManageTeams: true, EnvironmentPermissions: []*EnvironmentPermission{{EnvironmentKey: dev, Level: 6}}}); err != nil {
		t.Fatal(err)
	}
	role, _, err := c.Roles.Get(ctx, rk, &RoleGetOptions{IncludeEnvPermissions: true})
	if err != nil {
		t.Fatal(err)
	}
	if role.Name != "Release Manager" || !role.ManageTeams || role.ManageInfrastructure {
		t.Errorf("role after update = %+v", role)
	}
	var devLevel = -1
	for _, p := range role.EnvironmentPermissions {
		if p.EnvironmentKey == dev {
			devLevel = p.Level
		}
	}
	if devLevel != 6 {
		t.Errorf("role level in Development = %d, want 6", devLevel)
	}

	// Users: create with the new role, then change the name.
	uk, _, err := c.Users.Create(ctx, &UserRequest{Username: "rita.lopes", Name: "Rita", Email: "rita@example.test", RoleKey: rk})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Users.Update(ctx, uk, &UserRequest{Username: "rita.lopes", Name: "Rita Lopes", Email: "rita@example.test", RoleKey: rk}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Users.SetPassword(ctx, uk, "A-long-pass-phrase-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Users.GrantApplication(ctx, uk, portal, roleKey["Developer"]); err != nil {
		t.Fatal(err)
	}

	// Teams: create, add the user and an application, read back.
	team, _, err := c.Teams.Create(ctx, &TeamRequest{Name: "Release", Description: "Release train"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Teams.AddUser(ctx, team.Key, uk, roleKey["Developer"]); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Teams.AddApplication(ctx, team.Key, portal); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Teams.Update(ctx, team.Key, &TeamRequest{Name: "Release train"}); err != nil {
		t.Fatal(err)
	}
	got, _, err := c.Teams.Get(ctx, team.Key, &TeamGetOptions{IncludeUsers: true, IncludeApplications: true})
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Release train" || len(got.Users) != 1 || got.Users[0].UserKey != uk || got.Users[0].RoleName != "Developer" ||
		len(got.Applications) != 1 || got.Applications[0].Key != portal {
		t.Errorf("team = %+v (users %v, applications %v)", got, got.Users, got.Applications)
	}

	user, _, err := c.Users.Get(ctx, uk, &UserGetOptions{IncludeTeams: true, IncludeApplicationRoles: true})
	if err != nil {
		t.Fatal(err)
	}
	wantUser := &User{Key: uk, Username: "rita.lopes", Name: "Rita Lopes", Email: "rita@example.test", IsActive: true, RoleKey: rk, RoleName: "Release Manager",
		ApplicationRoles: []*ApplicationRole{{ApplicationKey: portal, ApplicationName: "Customer Portal", RoleKey: roleKey["Developer"], RoleName: "Developer"}},
		Teams:            []*TeamRole{{TeamKey: team.Key, TeamName: "Release train", RoleKey: roleKey["Developer"], RoleName: "Developer"}}}
	if diff := cmp.Diff(wantUser, user); diff != "" {
		t.Errorf("user (-want +got):\n%s", diff)
	}

	// Undo everything and check it is gone.
	if _, err := c.Users.RevokeApplication(ctx, uk, portal); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Teams.RemoveApplication(ctx, team.Key, portal); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Teams.RemoveUser(ctx, team.Key, uk); err != nil {
		t.Fatal(err)
	}
	after, _, err := c.Teams.Get(ctx, team.Key, &TeamGetOptions{IncludeUsers: true, IncludeApplications: true})
	if err != nil || len(after.Users) != 0 || len(after.Applications) != 0 {
		t.Errorf("team after removals = %+v, %v", after, err)
	}
	if _, err := c.Teams.Delete(ctx, team.Key); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Teams.Get(ctx, team.Key, nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get deleted team: err = %v, want ErrNotFound", err)
	}
	if _, err := c.Roles.Delete(ctx, rk, &RoleDeleteOptions{UsersNewRoleKey: roleKey["Developer"]}); err != nil {
		t.Fatal(err)
	}
	moved, _, err := c.Users.Get(ctx, uk, &UserGetOptions{IncludeApplicationRoles: true})
	if err != nil {
		t.Fatal(err)
	}
	if moved.RoleKey != roleKey["Developer"] || len(moved.ApplicationRoles) != 0 {
		t.Errorf("user after role deletion = %+v, want role Developer and no application roles", moved)
	}
	users, _, err := c.Users.List(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(users, func(u *User) bool { return u.Key == uk }) {
		t.Errorf("Users.List lacks the created user")
	}
}

// TestSimBlockedLoginsAndToken unblocks the scenario's blocked user and
// address and renews the token.
func TestSimBlockedLoginsAndToken(t *testing.T) {
	t.Parallel()
	c, s, clock := simClient(t)
	ctx := t.Context()
	test := simEnv(t, s, "Test")
	users, _, err := c.Users.List(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var ana string
	for _, u := range users {
		if u.Username == "ana.silva" {
			ana = u.Key
		}
	}
	blocked, _, err := c.Users.BlockedLogins(ctx, ana, &BlockedLoginsOptions{EnvironmentKey: test})
	if err != nil {
		t.Fatal(err)
	}
	if len(blocked) != 1 || blocked[0].Username != "ana.silva" || blocked[0].IPAddress != "198.51.100.23" || blocked[0].EnvironmentName != "Test" {
		t.Fatalf("blocked logins = %+v", blocked)
	}
	addrs, _, err := c.Environments.BlockedAddresses(ctx, &BlockedAddressesOptions{EnvironmentKey: test})
	if err != nil || len(addrs) != 1 || addrs[0].IPAddress != "198.51.100.23" {
		t.Fatalf("blocked addresses = %+v, %v", addrs, err)
	}
	if _, err := c.Environments.UnblockAddress(ctx, "198.51.100.23", &BlockedAddressesOptions{EnvironmentKey: test}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Users.UnblockLogins(ctx, ana, &UnblockLoginsOptions{EnvironmentKey: test}); err != nil {
		t.Fatal(err)
	}
	if left, _, err := c.Users.BlockedLogins(ctx, ana, &BlockedLoginsOptions{EnvironmentKey: test}); err != nil || len(left) != 0 {
		t.Errorf("blocked logins after unblock = %+v, %v", left, err)
	}

	tok, _, err := c.Auth.RenewToken(ctx, &TokenRenewRequest{TimePeriod: 3})
	if err != nil {
		t.Fatal(err)
	}
	if tok.Token == "" || !tok.ExpiresAt.After(clock.Now().Add(80*24*time.Hour)) {
		t.Errorf("renewed token expires %v, want about three months after %v", tok.ExpiresAt, clock.Now())
	}
	renewed, err := NewClient(c.BaseURL().String(), WithToken(tok.Token), WithInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := renewed.Roles.List(ctx, nil); err != nil {
		t.Errorf("call with the renewed token: %v", err)
	}
}
