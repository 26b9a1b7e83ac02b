package lifetime

import (
	"context"
	"net/http"
	"net/url"
	"testing"
)

func TestRolesOperations(t *testing.T) {
	t.Parallel()
	// The docs example (api-register-env.md) spells the key "Key" and has a
	// description the swagger lacks.
	const roleJSON = `{"Key":"c4c49f62","name":"Administrator","description":"Built-in administrator role of the platform",
	 "manageInfrastructure":true,"manageTeams":true,
	 "environmentPermissions":[{"environmentKey":"f3582e43","environmentName":"Development","level":6,"levelLabel":"Full Control","createApplications":true,"addDependenciesToSystem":true}]}`
	wantRole := &Role{Key: "c4c49f62", Name: "Administrator", Description: "Built-in administrator role of the platform",
		ManageInfrastructure: true, ManageTeams: true,
		EnvironmentPermissions: []*EnvironmentPermission{{EnvironmentKey: "f3582e43", EnvironmentName: "Development", Level: 6, LevelLabel: "Full Control", CreateApplications: true, AddDependenciesToSystem: true}}}
	req := &RoleRequest{Name: "Tester", EnvironmentPermissions: []*EnvironmentPermission{{EnvironmentKey: "e1", Level: 0}}}
	const reqJSON = `{"name":"Tester","manageInfrastructure":false,"manageTeams":false,
	 "environmentPermissions":[{"environmentKey":"e1","level":0,"createApplications":false,"addDependenciesToSystem":false}]}`
	runOpCases(t, []opCase{{
		name: "List", method: http.MethodGet, path: "/roles/",
		query: url.Values{"IncludeEnvPermissions": {"true"}},
		reply: "[" + roleJSON + "]",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Roles.List(ctx, &RoleListOptions{IncludeEnvPermissions: true})
		},
		want: []*Role{wantRole},
	}, {
		name: "List 204", method: http.MethodGet, path: "/roles/", status: http.StatusNoContent,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Roles.List(ctx, nil)
		},
		want: []*Role{},
	}, {
		name: "Get with swagger casing", method: http.MethodGet, path: "/roles/r1/",
		reply: `{"key":"r1","name":"Developer","manageInfrastructure":false,"manageTeams":true}`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Roles.Get(ctx, "r1", nil)
		},
		want: &Role{Key: "r1", Name: "Developer", ManageTeams: true},
	}, {
		name: "Create text key 201", method: http.MethodPost, path: "/roles/",
		body: reqJSON, status: http.StatusCreated, reply: "5e1c2d3a-1111-2222-3333-444455556666", ctype: "text/plain",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Roles.Create(ctx, req)
		},
		want: "5e1c2d3a-1111-2222-3333-444455556666",
	}, {
		name: "Update quoted key 200", method: http.MethodPut, path: "/roles/r1/",
		body: reqJSON, reply: `"r1"`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Roles.Update(ctx, "r1", req)
		},
		want: "r1",
	}, {
		name: "Delete moving users", method: http.MethodDelete, path: "/roles/r1/",
		query: url.Values{"UsersNewRoleKey": {"r2"}}, status: http.StatusNoContent,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.Roles.Delete(ctx, "r1", &RoleDeleteOptions{UsersNewRoleKey: "r2"})
			return nil, resp, err
		},
	}, {
		name: "PermissionLevels as object (swagger)", method: http.MethodGet, path: "/roles/permissionlevels/",
		reply: `{"level":2,"levelLabel":"List Applications","description":"Can list applications"}`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Roles.PermissionLevels(ctx)
		},
		want: []*PermissionLevel{{Level: 2, LevelLabel: "List Applications", Description: "Can list applications"}},
	}, {
		name: "PermissionLevels as list", method: http.MethodGet, path: "/roles/permissionlevels/",
		reply: `[{"level":0,"levelLabel":"No Access","description":""},{"level":6,"levelLabel":"Full Control","description":"All"}]`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Roles.PermissionLevels(ctx)
		},
		want: []*PermissionLevel{{Level: 0, LevelLabel: "No Access"}, {Level: 6, LevelLabel: "Full Control", Description: "All"}},
	}})
	runErrCases(t, []errCase{{
		name: "Delete reserved 400", status: http.StatusBadRequest, reply: exception(400, "Role can't be deleted because it is reserved."),
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.Roles.Delete(ctx, "admin", nil)
			return nil, resp, err
		},
		wantIs: ErrBadRequest, wantOp: "Roles_Delete", wantMsg: "Role can't be deleted because it is reserved.",
	}, {
		name: "Get 404", status: http.StatusNotFound, reply: exception(404, "Role not found."),
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Roles.Get(ctx, "r9", nil)
		},
		wantIs: ErrNotFound, wantOp: "Roles_Get",
	}, {
		name: "Create 201 without key", status: http.StatusCreated,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Roles.Create(ctx, req)
		},
		wantIs: ErrUnexpectedResponse,
	}, {
		name: "Create without name",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Roles.Create(ctx, &RoleRequest{ManageTeams: true})
		},
		wantIs: ErrInvalidArgument,
	}, {
		name: "Update nil request",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Roles.Update(ctx, "r1", nil)
		},
		wantIs: ErrInvalidArgument,
	}})
}
