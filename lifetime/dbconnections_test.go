package lifetime

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
)

func TestDBConnectionsOperations(t *testing.T) {
	t.Parallel()
	const connJSON = `{"dbConnectionName":"HR DB","description":"HR data","providerName":"SQL Server","isAdvancedConfiguration":true,"databaseConfiguration":"Server=db;Database=hr"}`
	wantConn := &DBConnection{Name: "HR DB", Description: "HR data", ProviderName: "SQL Server", IsAdvancedConfiguration: true, DatabaseConfiguration: "Server=db;Database=hr"}
	req := &DBConnectionRequest{Name: "HR DB", ProviderKey: "p1", Description: "HR data", Username: "hr", Password: "pw-123", ConfigParams: "Server=db;Database=hr"}
	const reqJSON = `{"dbConnectionName":"HR DB","providerKey":"p1","description":"HR data","dbUsername":"hr","dbPassword":"pw-123","dbConfigParams":"Server=db;Database=hr"}`
	const levelJSON = `{"Id":2,"Label":"Read-Only","ShortLabel":"Read","Description":"Can read","Level":1}`
	wantLevel := &DBConnectionPermissionLevel{ID: 2, Label: "Read-Only", ShortLabel: "Read", Description: "Can read", Level: 1}
	runOpCases(t, []opCase{{
		name: "List", method: http.MethodGet, path: "/environments/e1/dbconnections/",
		reply: "[" + connJSON + "]",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.DBConnections.List(ctx, "e1")
		},
		want: []*DBConnection{wantConn},
	}, {
		name: "List 204", method: http.MethodGet, path: "/environments/e1/dbconnections/", status: http.StatusNoContent,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.DBConnections.List(ctx, "e1")
		},
		want: []*DBConnection{},
	}, {
		name: "Create 201", method: http.MethodPost, path: "/environments/e1/dbconnections/",
		body: reqJSON, status: http.StatusCreated, reply: connJSON,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.DBConnections.Create(ctx, "e1", req)
		},
		want: wantConn,
	}, {
		name: "Get escapes the name", method: http.MethodGet, path: "/environments/e1/dbconnections/HR%20DB/",
		reply: connJSON,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.DBConnections.Get(ctx, "e1", "HR DB")
		},
		want: wantConn,
	}, {
		name: "Update", method: http.MethodPut, path: "/environments/e1/dbconnections/HR%20DB/",
		body: reqJSON,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.DBConnections.Update(ctx, "e1", "HR DB", req)
			return nil, resp, err
		},
	}, {
		name: "Delete", method: http.MethodDelete, path: "/environments/e1/dbconnections/hr/", status: http.StatusNoContent,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.DBConnections.Delete(ctx, "e1", "hr")
			return nil, resp, err
		},
	}, {
		name: "SetRolePermission sends level 0", method: http.MethodPut, path: "/environments/e1/dbconnections/hr/rolepermissionlevel/",
		body: `{"role":"Developer","permissionLevel":0}`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.DBConnections.SetRolePermission(ctx, "e1", "hr", "Developer", 0)
			return nil, resp, err
		},
	}, {
		name: "RevokeRolePermission sends a body with DELETE", method: http.MethodDelete, path: "/environments/e1/dbconnections/hr/rolepermissionlevel/",
		body: `{"role":"Developer"}`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.DBConnections.RevokeRolePermission(ctx, "e1", "hr", "Developer")
			return nil, resp, err
		},
	}, {
		name: "GetRolePermission", method: http.MethodGet, path: "/environments/e1/dbconnections/hr/rolepermissionlevel/Developer/",
		reply: levelJSON,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.DBConnections.GetRolePermission(ctx, "e1", "hr", "Developer")
		},
		want: wantLevel,
	}, {
		name: "SetUserPermission", method: http.MethodPut, path: "/environments/e1/dbconnections/hr/userpermissionlevel/",
		body: `{"username":"jane","permissionLevel":2}`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.DBConnections.SetUserPermission(ctx, "e1", "hr", "jane", 2)
			return nil, resp, err
		},
	}, {
		name: "RevokeUserPermission", method: http.MethodDelete, path: "/environments/e1/dbconnections/hr/userpermissionlevel/",
		body: `{"username":"jane"}`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.DBConnections.RevokeUserPermission(ctx, "e1", "hr", "jane")
			return nil, resp, err
		},
	}, {
		name: "GetUserPermission escapes the username", method: http.MethodGet, path: "/environments/e1/dbconnections/hr/userpermissionlevel/DOMAIN%5Cjane%2Fx/",
		reply: levelJSON,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.DBConnections.GetUserPermission(ctx, "e1", "hr", `DOMAIN\jane/x`)
		},
		want: wantLevel,
	}, {
		name: "ListProviders", method: http.MethodGet, path: "/environments/e1/dbconnection/dbproviders/",
		reply: `[{"DisplayName":"SQL Server","ProviderKey":"p1"},{"DisplayName":"Oracle","ProviderKey":"p2"}]`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.DBConnections.ListProviders(ctx, "e1")
		},
		want: []*DBProvider{{DisplayName: "SQL Server", ProviderKey: "p1"}, {DisplayName: "Oracle", ProviderKey: "p2"}},
	}, {
		name: "ListPermissionLevels unwraps records", method: http.MethodGet, path: "/environments/dbconnection/permissionlevels/",
		reply: `[{"DbConnectionPermissionLevel":` + levelJSON + `},{"DbConnectionPermissionLevel":{"Id":1,"Label":"No Access","Level":0}},{}]`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.DBConnections.ListPermissionLevels(ctx)
		},
		want: []*DBConnectionPermissionLevel{wantLevel, {ID: 1, Label: "No Access"}},
	}, {
		name: "TestConnection", method: http.MethodPost, path: "/environments/e1/testdbconnection/",
		body: reqJSON,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.DBConnections.TestConnection(ctx, "e1", req)
			return nil, resp, err
		},
	}})
	runErrCases(t, []errCase{{
		name: "Get 404 invalid environment", status: http.StatusNotFound, reply: exception(404, "Failed to retrieve DB connection due to invalid environment key."),
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.DBConnections.Get(ctx, "e9", "hr")
		},
		wantIs: ErrNotFound, wantOp: "Environments_DBConnections_Get",
	}, {
		name: "TestConnection 500", status: http.StatusInternalServerError, reply: exception(500, "Failed to test DB Connection due to internal error."),
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.DBConnections.TestConnection(ctx, "e1", req)
			return nil, resp, err
		},
		wantIs: ErrServer, wantOp: "Environments_DBConnections_TestConnection", wantMsg: "Failed to test DB Connection due to internal error.",
	}, {
		name: "Create without provider",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.DBConnections.Create(ctx, "e1", &DBConnectionRequest{Name: "hr"})
		},
		wantIs: ErrInvalidArgument,
	}, {
		name: "Get empty name",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.DBConnections.Get(ctx, "e1", "")
		},
		wantIs: ErrEmptyKey,
	}, {
		name: "SetUserPermission empty username",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.DBConnections.SetUserPermission(ctx, "e1", "hr", " ", 1)
			return nil, resp, err
		},
		wantIs: ErrEmptyKey,
	}})
}

func TestDBConnectionRequestRedactsPassword(t *testing.T) {
	t.Parallel()
	r := DBConnectionRequest{Name: "hr", ProviderKey: "p1", Username: "hr", Password: "do-not-print-me"}
	var text, js bytes.Buffer
	slog.New(slog.NewTextHandler(&text, nil)).Info("conn", "req", r)
	slog.New(slog.NewJSONHandler(&js, nil)).Info("conn", "req", &r)
	for _, s := range []string{fmt.Sprint(r), fmt.Sprint(&r), fmt.Sprintf("%v %+v %#v %s", r, r, r, r), text.String(), js.String()} {
		if strings.Contains(s, r.Password) {
			t.Errorf("formatted request contains the password: %s", s)
		}
	}
}
