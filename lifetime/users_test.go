package lifetime

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestUsersOperations(t *testing.T) {
	t.Parallel()
	const userJSON = `{"Key":"u1","Username":"jane","Name":"Jane Doe","Email":"jane@example.com","IsActive":true,"RoleKey":"r1","RoleName":"Developer",
	 "ApplicationRoles":[{"applicationKey":"a1","applicationName":"HR","roleKey":"r2","roleName":"Tester"}],
	 "Teams":[{"TeamKey":"t1","TeamName":"Backoffice","RoleKey":"r1","RoleName":"Developer"}]}`
	wantUser := &User{Key: "u1", Username: "jane", Name: "Jane Doe", Email: "jane@example.com", IsActive: true, RoleKey: "r1", RoleName: "Developer",
		ApplicationRoles: []*ApplicationRole{{ApplicationKey: "a1", ApplicationName: "HR", RoleKey: "r2", RoleName: "Tester"}},
		Teams:            []*TeamRole{{TeamKey: "t1", TeamName: "Backoffice", RoleKey: "r1", RoleName: "Developer"}}}
	const attemptJSON = `{"userId":12,"username":"jane","success":false,"instant":"2024-03-01T08:15:00.5Z","ipAddress":"203.0.113.7",
	 "usernameFailureCount":5,"originAddressFailureCount":9,"userAgent":"Mozilla","visitor":"v1","requestKey":"rk","result":"Blocked","environmentId":3,"environmentName":"Production"}`
	wantAttempt := &LoginAttempt{UserID: 12, Username: "jane", Instant: wireTime(t, "2024-03-01T08:15:00.5Z"), IPAddress: "203.0.113.7",
		UsernameFailureCount: 5, OriginAddressFailureCount: 9, UserAgent: "Mozilla", Visitor: "v1", RequestKey: "rk", Result: "Blocked", EnvironmentID: 3, EnvironmentName: "Production"}
	runOpCases(t, []opCase{{
		name: "List", method: http.MethodGet, path: "/users/",
		query: url.Values{"IncludeInactive": {"true"}, "IncludeTeams": {"true"}, "IncludeApplicationRoles": {"true"}},
		reply: "[" + userJSON + "]",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Users.List(ctx, &UserListOptions{IncludeInactive: true, IncludeTeams: true, IncludeApplicationRoles: true})
		},
		want: []*User{wantUser},
	}, {
		name: "List 204", method: http.MethodGet, path: "/users/", status: http.StatusNoContent,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Users.List(ctx, nil)
		},
		want: []*User{},
	}, {
		name: "Get uses lower camelCase query", method: http.MethodGet, path: "/users/u1/",
		query: url.Values{"includeTeams": {"true"}, "includeApplicationRoles": {"true"}},
		reply: userJSON,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Users.Get(ctx, "u1", &UserGetOptions{IncludeTeams: true, IncludeApplicationRoles: true})
		},
		want: wantUser,
	}, {
		name: "Create quoted key 201", method: http.MethodPost, path: "/users/",
		body: `{"Username":"jane","Name":"Jane Doe","Email":"jane@example.com","RoleKey":"r1"}`, status: http.StatusCreated, reply: `"u1"`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Users.Create(ctx, &UserRequest{Username: "jane", Name: "Jane Doe", Email: "jane@example.com", RoleKey: "r1"})
		},
		want: "u1",
	}, {
		name: "Update deactivates, text key", method: http.MethodPut, path: "/users/u1/",
		body: `{"Username":"jane","Name":"Jane Doe","IsActive":false,"RoleKey":"r1"}`, reply: "u1\n", ctype: "text/plain",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Users.Update(ctx, "u1", &UserRequest{Username: "jane", Name: "Jane Doe", IsActive: new(false), RoleKey: "r1"})
		},
		want: "u1",
	}, {
		name: "SetPassword", method: http.MethodPost, path: "/users/u1/setpassword/",
		body: `{"password":"s3cret-Pa55"}`, ctype: "text/plain", reply: "Password updated",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.Users.SetPassword(ctx, "u1", "s3cret-Pa55")
			return nil, resp, err
		},
	}, {
		name: "GrantApplication", method: http.MethodPost, path: "/users/u1/applications/",
		body: `{"applicationKey":"a1","roleKey":"r2"}`, status: http.StatusCreated, ctype: "text/plain",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.Users.GrantApplication(ctx, "u1", "a1", "r2")
			return nil, resp, err
		},
	}, {
		name: "RevokeApplication", method: http.MethodDelete, path: "/users/u1/applications/a1/", status: http.StatusNoContent,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.Users.RevokeApplication(ctx, "u1", "a1")
			return nil, resp, err
		},
	}, {
		name: "BlockedLogins", method: http.MethodGet, path: "/users/u1/blockedlogins/",
		query: url.Values{"EnvironmentKey": {"e1"}},
		reply: "[" + attemptJSON + "]",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Users.BlockedLogins(ctx, "u1", &BlockedLoginsOptions{EnvironmentKey: "e1"})
		},
		want: []*LoginAttempt{wantAttempt},
	}, {
		name: "BlockedLogins 200 empty list (Java stack)", method: http.MethodGet, path: "/users/u1/blockedlogins/",
		reply: "[]",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Users.BlockedLogins(ctx, "u1", nil)
		},
		want: []*LoginAttempt{},
	}, {
		name: "UnblockLogins", method: http.MethodDelete, path: "/users/u1/blockedlogins/",
		query: url.Values{"EnvironmentKey": {"e1"}, "IpAddress": {"203.0.113.7"}},
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.Users.UnblockLogins(ctx, "u1", &UnblockLoginsOptions{EnvironmentKey: "e1", IPAddress: "203.0.113.7"})
			return nil, resp, err
		},
	}})
	runErrCases(t, []errCase{{
		name: "SetPassword 405 external provider", status: http.StatusMethodNotAllowed,
		reply: exception(405, "Failed to change password because external authentication provider is in use."),
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.Users.SetPassword(ctx, "u1", "s3cret-Pa55")
			return nil, resp, err
		},
		wantIs: ErrMethodNotAllowed, wantOp: "Users_SetPassword",
	}, {
		name: "BlockedLogins 501", status: http.StatusNotImplemented, reply: exception(501, "Feature not supported."),
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Users.BlockedLogins(ctx, "u1", nil)
		},
		wantIs: ErrNotImplemented, wantOp: "User_BlockedLogins_Get", wantMsg: "Feature not supported.",
	}, {
		name: "Get 404", status: http.StatusNotFound, reply: exception(404, "User not found."),
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Users.Get(ctx, "u9", nil)
		},
		wantIs: ErrNotFound, wantOp: "Users_Get",
	}, {
		name: "Create without role",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Users.Create(ctx, &UserRequest{Username: "jane", Name: "Jane"})
		},
		wantIs: ErrInvalidArgument,
	}, {
		name: "SetPassword empty",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.Users.SetPassword(ctx, "u1", "")
			return nil, resp, err
		},
		wantIs: ErrInvalidArgument,
	}, {
		name: "GrantApplication empty application",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.Users.GrantApplication(ctx, "u1", "", "r1")
			return nil, resp, err
		},
		wantIs: ErrEmptyKey,
	}})
}

// TestSetPasswordNeverLeaksThePassword checks that the error of a failing
// SetPassword does not carry the password and that the body type does not
// print it.
func TestSetPasswordNeverLeaksThePassword(t *testing.T) {
	t.Parallel()
	const password = "Tr0ub4dor&3-unique"
	client, mux := setup(t)
	mux.HandleFunc("/users/u1/setpassword/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusBadRequest, exception(400, "Failed to change password because password is invalid."))
	})
	_, err := client.Users.SetPassword(t.Context(), "u1", password)
	if err == nil {
		t.Fatal("no error")
	}
	if strings.Contains(err.Error(), password) {
		t.Errorf("error text contains the password: %v", err)
	}
	body := &passwordBody{Password: password}
	for _, s := range []string{fmt.Sprint(body), fmt.Sprintf("%v %+v %#v", *body, *body, *body)} {
		if strings.Contains(s, password) {
			t.Errorf("formatted body contains the password: %s", s)
		}
	}
}
