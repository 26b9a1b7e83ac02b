package ltservices_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/go-outsystems/outsystems/lifetime/ltservices"
)

const (
	userXML  = "<Id>7</Id><Username>jdoe</Username><Name>John Doe</Name><Email>jdoe@example.com</Email><RoleName>Developer</RoleName>"
	envPerm  = "<EnvironmentKey>env-1</EnvironmentKey><EnvironmentName>Development</EnvironmentName><EnvironmentHost>dev.example.com</EnvironmentHost><EnvironmentType>Development</EnvironmentType>"
	appXML   = "<Name>Orders</Name><Key>app-1</Key><Description>Order app</Description>"
	roleXML  = "<Id>3</Id><Name>Developer</Name><Description>Devs</Description><CanManageInfrastructure>false</CanManageInfrastructure><IsProtected>false</IsProtected><AllowChangePermissions>true</AllowChangePermissions><PermissionsPerEnvironment><EnvironmentPermissionForRole>" + envPerm + "<EnvironmentPermissionLevelId>4</EnvironmentPermissionLevelId></EnvironmentPermissionForRole></PermissionsPerEnvironment>"
	teamXML  = "<Id>9</Id><Name>Core</Name><Description>Core team</Description><ApplicationList><ApplicationShortInfo>" + appXML + "</ApplicationShortInfo></ApplicationList><UserList><PlatformUser>" + userXML + "</PlatformUser></UserList>"
	appPerms = "<ApplicationPermissions><EnvironmentPermissionForApplication>" + envPerm + "<ApplicationPermissionLevelId>2</ApplicationPermissionLevelId></EnvironmentPermissionForApplication></ApplicationPermissions>"
)

var (
	jdoe    = ltservices.User{ID: 7, Username: "jdoe", Name: "John Doe", Email: "jdoe@example.com", RoleName: "Developer"}
	devPerm = ltservices.EnvironmentPermission{EnvironmentKey: "env-1", EnvironmentName: "Development", EnvironmentHost: "dev.example.com", EnvironmentType: "Development"}
	orders  = ltservices.Application{Key: "app-1", Name: "Orders", Description: "Order app"}
)

func withLevel(p ltservices.EnvironmentPermission, id int64) ltservices.EnvironmentPermission {
	p.PermissionLevelID = id
	return p
}

// TestGoldenRequests sends every operation once, with a service account
// token, compares the request with its golden file and checks the decoded
// answer.
func TestGoldenRequests(t *testing.T) {
	developer := ltservices.Role{ID: 3, Name: "Developer", Description: "Devs", AllowChangePermissions: true, Permissions: []ltservices.EnvironmentPermission{withLevel(devPerm, 4)}}
	core := ltservices.Team{ID: 9, Name: "Core", Description: "Core team", Applications: []ltservices.Application{orders}, Users: []ltservices.User{jdoe}}
	type call func(ctx context.Context, c *ltservices.Client) (any, error)
	none := func(err error) (any, error) { return nil, err }
	tests := []struct {
		op      string
		payload string
		call    call
		want    any
	}{
		{"User_List", "<PlatformUsers><PlatformUser>" + userXML + "</PlatformUser></PlatformUsers>",
			func(ctx context.Context, c *ltservices.Client) (any, error) { return c.Users.List(ctx, false) },
			[]ltservices.User{jdoe}},
		{"User_CreateOrUpdate", "<PlatformUser>" + userXML + "</PlatformUser>",
			func(ctx context.Context, c *ltservices.Client) (any, error) {
				return c.Users.CreateOrUpdate(ctx, ltservices.UserCreateRequest{Username: "jdoe", Password: "initial-pass", Name: "John Doe", Email: "jdoe@example.com", RoleName: "Developer"})
			}, &jdoe},
		{"User_ChangePassword", "", func(ctx context.Context, c *ltservices.Client) (any, error) {
			return none(c.Users.ChangePassword(ctx, "jdoe", "new-pass-1", false))
		}, nil},
		{"User_ChangeUsername", "", func(ctx context.Context, c *ltservices.Client) (any, error) {
			return none(c.Users.ChangeUsername(ctx, "jdoe", "john.doe"))
		}, nil},
		{"User_SetActive", "", func(ctx context.Context, c *ltservices.Client) (any, error) {
			return none(c.Users.SetActive(ctx, "jdoe"))
		}, nil},
		{"User_SetInactive", "", func(ctx context.Context, c *ltservices.Client) (any, error) {
			return none(c.Users.SetInactive(ctx, "jdoe"))
		}, nil},
		{"User_SetApplicationRole", "", func(ctx context.Context, c *ltservices.Client) (any, error) {
			return none(c.Users.SetApplicationRole(ctx, "jdoe", "app-1", "Tester"))
		}, nil},
		{"User_GetApplicationPermissions", "<ArePlatformRolePermissions>true</ArePlatformRolePermissions><ApplicationPermissions>" + appPerms + "</ApplicationPermissions>",
			func(ctx context.Context, c *ltservices.Client) (any, error) {
				return c.Users.ApplicationPermissions(ctx, "jdoe", "app-1")
			}, &ltservices.ApplicationPermissions{FromPlatformRole: true, Environments: []ltservices.EnvironmentPermission{withLevel(devPerm, 2)}}},
		{"User_GetAllPermissions", "<ApplicationPermissions><WORCApplicationShortInfoApplicationPermissionsRecord><ssSTApplicationShortInfo>" + appXML +
			"</ssSTApplicationShortInfo><ssSTApplicationPermissions>" + appPerms + "</ssSTApplicationPermissions></WORCApplicationShortInfoApplicationPermissionsRecord></ApplicationPermissions><PlatformRolePermissions>" + appPerms + "</PlatformRolePermissions>",
			func(ctx context.Context, c *ltservices.Client) (any, error) {
				return c.Users.AllPermissions(ctx, "jdoe")
			},
			&ltservices.UserPermissions{
				Applications: []ltservices.ApplicationPermission{{Application: orders, Environments: []ltservices.EnvironmentPermission{withLevel(devPerm, 2)}}},
				PlatformRole: []ltservices.EnvironmentPermission{withLevel(devPerm, 2)},
			}},
		{"User_DeleteApplicationPermission", "", func(ctx context.Context, c *ltservices.Client) (any, error) {
			return none(c.Users.DeleteApplicationPermission(ctx, "jdoe", "app-1"))
		}, nil},

		{"Role_List", "<PlatformRoles><PlatformRole>" + roleXML + "</PlatformRole></PlatformRoles>",
			func(ctx context.Context, c *ltservices.Client) (any, error) { return c.Roles.List(ctx) },
			[]ltservices.Role{developer}},
		{"Role_CreateOrUpdate", "<PlatformRole>" + roleXML + "</PlatformRole>",
			func(ctx context.Context, c *ltservices.Client) (any, error) {
				return c.Roles.CreateOrUpdate(ctx, ltservices.RoleCreateRequest{Name: "Developer", Description: "Devs"})
			}, &developer},
		{"Role_ChangeName", "", func(ctx context.Context, c *ltservices.Client) (any, error) {
			return none(c.Roles.ChangeName(ctx, "Developer", "Dev"))
		}, nil},
		{"Role_Delete", "<AffectedPlatformUsers><PlatformUser>" + userXML + "</PlatformUser></AffectedPlatformUsers>",
			func(ctx context.Context, c *ltservices.Client) (any, error) {
				return c.Roles.Delete(ctx, "Developer", "Tester")
			},
			[]ltservices.User{jdoe}},
		{"Role_GetPermissions", "<PlatformRolePermissions><EnvironmentPermissionForRole>" + envPerm + "<EnvironmentPermissionLevelId>4</EnvironmentPermissionLevelId></EnvironmentPermissionForRole></PlatformRolePermissions>",
			func(ctx context.Context, c *ltservices.Client) (any, error) {
				return c.Roles.Permissions(ctx, "Developer")
			},
			[]ltservices.EnvironmentPermission{withLevel(devPerm, 4)}},
		{"Role_UpdatePermission", "", func(ctx context.Context, c *ltservices.Client) (any, error) {
			// Level 0 must still be sent (mandatory int).
			return none(c.Roles.UpdatePermission(ctx, "Developer", "env-1", 0))
		}, nil},
		{"Role_GetEnvironmentPermissionsLevels", "<RolePermissionLevels><EnvironmentPermissionLevel><Id>4</Id><Label>Change &amp; Deploy Applications</Label><ShortLabel>Change</ShortLabel><Description>d</Description><Level>40</Level><ApplicationLevelId>3</ApplicationLevelId><IsReadOnly>false</IsReadOnly></EnvironmentPermissionLevel></RolePermissionLevels>",
			func(ctx context.Context, c *ltservices.Client) (any, error) {
				return c.Roles.EnvironmentPermissionLevels(ctx)
			},
			[]ltservices.PermissionLevel{{ID: 4, Label: "Change & Deploy Applications", ShortLabel: "Change", Description: "d", Level: 40, ApplicationLevelID: 3}}},

		{"Team_List", "<PlatformTeams><PlatformTeam><Id>9</Id><Name>Core</Name><Description>Core team</Description><ApplicationList /><UserList /></PlatformTeam></PlatformTeams>",
			func(ctx context.Context, c *ltservices.Client) (any, error) { return c.Teams.List(ctx) },
			[]ltservices.Team{{ID: 9, Name: "Core", Description: "Core team", Applications: []ltservices.Application{}, Users: []ltservices.User{}}}},
		{"Team_GetDetails", "<PlatformTeam>" + teamXML + "</PlatformTeam>",
			func(ctx context.Context, c *ltservices.Client) (any, error) { return c.Teams.Get(ctx, "Core") }, &core},
		{"Team_CreateOrUpdate", "<PlatformTeam>" + teamXML + "</PlatformTeam>",
			func(ctx context.Context, c *ltservices.Client) (any, error) {
				return c.Teams.CreateOrUpdate(ctx, "Core", "Core team")
			}, &core},
		{"Team_Delete", "", func(ctx context.Context, c *ltservices.Client) (any, error) { return none(c.Teams.Delete(ctx, "Core")) }, nil},
		{"Team_AddUser", "", func(ctx context.Context, c *ltservices.Client) (any, error) {
			return none(c.Teams.AddUser(ctx, "Core", "jdoe", "Developer"))
		}, nil},
		{"Team_RemoveUser", "", func(ctx context.Context, c *ltservices.Client) (any, error) {
			return none(c.Teams.RemoveUser(ctx, "Core", "jdoe"))
		}, nil},
		{"Team_AssignApplication", "", func(ctx context.Context, c *ltservices.Client) (any, error) {
			return none(c.Teams.AssignApplication(ctx, "Core", "app-1"))
		}, nil},
		{"Team_RemoveApplication", "", func(ctx context.Context, c *ltservices.Client) (any, error) {
			return none(c.Teams.RemoveApplication(ctx, "Core", "app-1"))
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.op, func(t *testing.T) {
			f := newFake(t, func(op, token string) string {
				if op != tt.op || token != serviceToken {
					return failStatus(201, "Invalid credentials provided in WS call.", "unexpected call "+op)
				}
				return okStatus() + tt.payload
			})
			c := newClient(t, f.URL, ltservices.WithServiceAccountToken(serviceToken))
			got, err := tt.call(t.Context(), c)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); tt.want != nil && diff != "" {
				t.Errorf("decoded answer (-want +got):\n%s", diff)
			}
			reqs := f.recorded()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			checkGolden(t, tt.op, reqs[0])
		})
	}
}

func TestGoldenGetToken(t *testing.T) {
	f := newFake(t, nil)
	c := newClient(t, f.URL, ltservices.WithCredentials(testUser, testPassword))
	tok, err := c.GetToken(t.Context())
	if err != nil || tok != "token-1" {
		t.Fatalf("GetToken = %q, %v", tok, err)
	}
	checkGolden(t, "Authentication_GetToken", f.recorded()[0])
}
