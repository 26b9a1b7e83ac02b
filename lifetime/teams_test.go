package lifetime

import (
	"context"
	"net/http"
	"net/url"
	"testing"
)

func TestTeamsOperations(t *testing.T) {
	t.Parallel()
	const teamJSON = `{"key":"t1","name":"Backoffice","description":"HR apps",
	 "users":[{"UserKey":"u1","Name":"Jane Doe","Username":"jane","RoleKey":"r1","RoleName":"Developer"}],
	 "applications":[{"Key":"a1","Name":"EmployeeBackoffice"}]}`
	wantTeam := &Team{Key: "t1", Name: "Backoffice", Description: "HR apps",
		Users:        []*UserRole{{UserKey: "u1", Name: "Jane Doe", Username: "jane", RoleKey: "r1", RoleName: "Developer"}},
		Applications: []*ApplicationShortInfo{{Key: "a1", Name: "EmployeeBackoffice"}}}
	runOpCases(t, []opCase{{
		name: "List", method: http.MethodGet, path: "/teams/",
		query: url.Values{"IncludeUsers": {"true"}, "IncludeApplications": {"true"}},
		reply: "[" + teamJSON + "]",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Teams.List(ctx, &TeamListOptions{IncludeUsers: true, IncludeApplications: true})
		},
		want: []*Team{wantTeam},
	}, {
		name: "List 204", method: http.MethodGet, path: "/teams/", status: http.StatusNoContent,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Teams.List(ctx, nil)
		},
		want: []*Team{},
	}, {
		name: "Get", method: http.MethodGet, path: "/teams/t1/",
		query: url.Values{"IncludeApplications": {"true"}},
		reply: teamJSON,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Teams.Get(ctx, "t1", &TeamGetOptions{IncludeApplications: true})
		},
		want: wantTeam,
	}, {
		name: "Create 201", method: http.MethodPost, path: "/teams/",
		body: `{"name":"Backoffice","description":""}`, status: http.StatusCreated,
		reply: `{"key":"t1","name":"Backoffice","description":""}`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Teams.Create(ctx, &TeamRequest{Name: "Backoffice"})
		},
		want: &Team{Key: "t1", Name: "Backoffice"},
	}, {
		name: "Update", method: http.MethodPut, path: "/teams/t1/",
		body:  `{"name":"Backoffice","description":"HR apps"}`,
		reply: `{"key":"t1","name":"Backoffice","description":"HR apps"}`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Teams.Update(ctx, "t1", &TeamRequest{Name: "Backoffice", Description: "HR apps"})
		},
		want: &Team{Key: "t1", Name: "Backoffice", Description: "HR apps"},
	}, {
		name: "Delete", method: http.MethodDelete, path: "/teams/t1/", status: http.StatusNoContent,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.Teams.Delete(ctx, "t1")
			return nil, resp, err
		},
	}, {
		name: "AddApplication", method: http.MethodPost, path: "/teams/t1/applications/",
		body: `{"Key":"a1"}`, status: http.StatusCreated,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.Teams.AddApplication(ctx, "t1", "a1")
			return nil, resp, err
		},
	}, {
		name: "RemoveApplication has no trailing slash", method: http.MethodDelete, path: "/teams/t1/applications/a1",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.Teams.RemoveApplication(ctx, "t1", "a1")
			return nil, resp, err
		},
	}, {
		name: "AddUser", method: http.MethodPost, path: "/teams/t1/users/",
		body: `{"userKey":"u1","roleKey":"r1"}`, status: http.StatusCreated,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.Teams.AddUser(ctx, "t1", "u1", "r1")
			return nil, resp, err
		},
	}, {
		name: "RemoveUser", method: http.MethodDelete, path: "/teams/t1/users/u1/",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.Teams.RemoveUser(ctx, "t1", "u1")
			return nil, resp, err
		},
	}})
	runErrCases(t, []errCase{{
		name: "AddApplication 400", status: http.StatusBadRequest, reply: exception(400, "Failed to add application to team because application doesn't exist."),
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.Teams.AddApplication(ctx, "t1", "nope")
			return nil, resp, err
		},
		wantIs: ErrBadRequest, wantOp: "Teams_AddApplication", wantMsg: "Failed to add application to team because application doesn't exist.",
	}, {
		name: "RemoveUser 404", status: http.StatusNotFound, reply: exception(404, "Team or user not found."),
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.Teams.RemoveUser(ctx, "t1", "u9")
			return nil, resp, err
		},
		wantIs: ErrNotFound, wantOp: "Teams_RemUser",
	}, {
		name: "List 403", status: http.StatusForbidden, reply: exception(403, "User has no permissions to retrieve teams list."),
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Teams.List(ctx, nil)
		},
		wantIs: ErrForbidden, wantOp: "Teams_List",
	}, {
		name: "AddUser empty role",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.Teams.AddUser(ctx, "t1", "u1", "")
			return nil, resp, err
		},
		wantIs: ErrEmptyKey,
	}, {
		name: "Create without name",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Teams.Create(ctx, &TeamRequest{Description: "x"})
		},
		wantIs: ErrInvalidArgument,
	}})
}
