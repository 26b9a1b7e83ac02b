package lifetime

import (
	"context"
	"net/http"
	"testing"
)

func TestSourceCodeOperations(t *testing.T) {
	t.Parallel()
	const inProgress = `{"PackageKey":"pk1","Status":"InProgress","Messages":[]}`
	const done = `{"PackageKey":"pk1","Status":"Done","Messages":[{"Id":"m1","Message":"Packaged","Detail":"3 modules","HelpRef":0,"ExtraInfo":"","Type":"Info","Submitable":false}]}`
	wantInProgress := &SourceCodeStatus{PackageKey: "pk1", Status: SourceCodeInProgress, Messages: []*PlatformMessage{}}
	wantDone := &SourceCodeStatus{PackageKey: "pk1", Status: SourceCodeDone, Messages: []*PlatformMessage{{ID: "m1", Message: "Packaged", Detail: "3 modules", Type: "Info"}}}
	link := `{"url":"https://lt.example.com/lifetimeapi/rest/v2/downloads/zip1","expires":"2024-05-01T10:00:00Z"}`
	wantLink := &DownloadLink{URL: "https://lt.example.com/lifetimeapi/rest/v2/downloads/zip1", Expires: wireTime(t, "2024-05-01T10:00:00Z")}
	runOpCases(t, []opCase{{
		// The real server answers 201 where the swagger says 200
		// (outsystems-pipeline lifetime_vars.py).
		name: "RequestApplicationSourceCode 201", method: http.MethodPost, path: "/environments/e1/applications/a1/sourcecodeaccess/",
		status: http.StatusCreated, reply: inProgress,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.RequestApplicationSourceCode(ctx, "e1", "a1")
		},
		want: wantInProgress,
	}, {
		name: "RequestApplicationSourceCode 200 (swagger)", method: http.MethodPost, path: "/environments/e1/applications/a1/sourcecodeaccess/",
		reply: inProgress,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.RequestApplicationSourceCode(ctx, "e1", "a1")
		},
		want: wantInProgress,
	}, {
		name: "ApplicationSourceCodeStatus 201", method: http.MethodGet, path: "/environments/e1/applications/a1/sourcecodeaccess/pk1/status/",
		status: http.StatusCreated, reply: done,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.ApplicationSourceCodeStatus(ctx, "e1", "a1", "pk1")
		},
		want: wantDone,
	}, {
		name: "ApplicationSourceCodeLink", method: http.MethodGet, path: "/environments/e1/applications/a1/sourcecodeaccess/pk1/download/",
		reply: link,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.ApplicationSourceCodeLink(ctx, "e1", "a1", "pk1")
		},
		want: wantLink,
	}, {
		name: "RequestModuleSourceCode", method: http.MethodPost, path: "/environments/e1/modules/m1/sourcecodeaccess/",
		status: http.StatusCreated, reply: inProgress,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.RequestModuleSourceCode(ctx, "e1", "m1")
		},
		want: wantInProgress,
	}, {
		name: "ModuleSourceCodeStatus", method: http.MethodGet, path: "/environments/e1/modules/m1/sourcecodeaccess/pk1/status/",
		reply: done,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.ModuleSourceCodeStatus(ctx, "e1", "m1", "pk1")
		},
		want: wantDone,
	}, {
		name: "ModuleSourceCodeLink", method: http.MethodGet, path: "/environments/e1/modules/m1/sourcecodeaccess/pk1/download/",
		reply: link,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.ModuleSourceCodeLink(ctx, "e1", "m1", "pk1")
		},
		want: wantLink,
	}})
	runErrCases(t, []errCase{{
		name: "RequestApplicationSourceCode 403", status: http.StatusForbidden,
		reply: exception(403, "You need permission to access the environment e1 or the app a1."),
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.RequestApplicationSourceCode(ctx, "e1", "a1")
		},
		wantIs: ErrForbidden, wantOp: "Environments_Applications_SourceCode", wantMsg: "You need permission to access the environment e1 or the app a1.",
	}, {
		name: "ModuleSourceCodeStatus 404", status: http.StatusNotFound,
		reply: exception(404, "No environment or module found. Please check that the EnvironmentKey and ModuleKey exist."),
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.ModuleSourceCodeStatus(ctx, "e1", "m1", "pk1")
		},
		wantIs: ErrNotFound, wantOp: "Environments_Modules_SourceCode_Status",
	}, {
		name: "ApplicationSourceCodeLink 500", status: http.StatusInternalServerError,
		reply: `<html>gateway error</html>`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.ApplicationSourceCodeLink(ctx, "e1", "a1", "pk1")
		},
		wantIs: ErrServer, wantOp: "Environments_Applications_DownloadSourceCode",
	}, {
		name: "ModuleSourceCodeLink empty package key",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.ModuleSourceCodeLink(ctx, "e1", "m1", "")
		},
		wantIs: ErrEmptyKey,
	}})
}
