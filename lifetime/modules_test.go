package lifetime

import (
	"context"
	"net/http"
	"net/url"
	"testing"
)

func TestModulesOperations(t *testing.T) {
	t.Parallel()
	const moduleJSON = `{"Key":"c9a7","Name":"EmployeeBackoffice","Description":"","Kind":"eSpace",
	 "ModuleStatusInEnv":[{"ApplicationKey":"a1","EnvironmentKey":"e1","ModuleVersionKey":"mv1","ConsistencyStatus":"OK","ConsistencyStatusMessages":""}]}`
	want := &Module{Key: "c9a7", Name: "EmployeeBackoffice", Kind: ModuleKindESpace,
		ModuleStatusInEnv: []*ModuleStatusInEnv{{ApplicationKey: "a1", EnvironmentKey: "e1", ModuleVersionKey: "mv1", ConsistencyStatus: "OK"}}}
	const versionJSON = `{"Key":"mv1","ModuleKey":"c9a7","CreatedOn":"2021-10-27T17:20:44Z","CreatedBy":"Administrator","CreatedByUsername":"admin","GeneralHash":"sSVq","DirectUpgradeFromHash":"old"}`
	wantVersion := &ModuleVersion{Key: "mv1", ModuleKey: "c9a7", CreatedOn: wireTime(t, "2021-10-27T17:20:44Z"),
		CreatedBy: "Administrator", CreatedByUsername: "admin", GeneralHash: "sSVq", DirectUpgradeFromHash: "old"}
	runOpCases(t, []opCase{{
		name: "List", method: http.MethodGet, path: "/modules/",
		query: url.Values{"IncludeEnvStatus": {"true"}},
		reply: "[" + moduleJSON + "]",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Modules.List(ctx, &ModuleListOptions{IncludeEnvStatus: true})
		},
		want: []*Module{want},
	}, {
		name: "List 204", method: http.MethodGet, path: "/modules/", status: http.StatusNoContent,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Modules.List(ctx, nil)
		},
		want: []*Module{},
	}, {
		name: "List drops null entries", method: http.MethodGet, path: "/modules/",
		reply: "[null," + moduleJSON + "]",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Modules.List(ctx, nil)
		},
		want: []*Module{want},
	}, {
		name: "Get", method: http.MethodGet, path: "/modules/c9a7/",
		reply: moduleJSON,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Modules.Get(ctx, "c9a7", nil)
		},
		want: want,
	}, {
		name: "ListVersions", method: http.MethodGet, path: "/modules/c9a7/versions/",
		query: url.Values{"MaximumVersionsToReturn": {"3"}},
		reply: "[" + versionJSON + "]",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Modules.ListVersions(ctx, "c9a7", &ModuleVersionListOptions{MaximumVersionsToReturn: 3})
		},
		want: []*ModuleVersion{wantVersion},
	}, {
		name: "GetVersion", method: http.MethodGet, path: "/modules/c9a7/versions/mv1/",
		reply: versionJSON,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Modules.GetVersion(ctx, "c9a7", "mv1")
		},
		want: wantVersion,
	}})
	runErrCases(t, []errCase{{
		name: "Get 404", status: http.StatusNotFound, reply: exception(404, "Failed to retrieve the module with key: c9a7."),
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Modules.Get(ctx, "c9a7", nil)
		},
		wantIs: ErrNotFound, wantOp: "Modules_Get", wantMsg: "Failed to retrieve the module with key: c9a7.",
	}, {
		name: "List 500", status: http.StatusInternalServerError, reply: exception(500, "Failed to list modules."),
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Modules.List(ctx, nil)
		},
		wantIs: ErrServer, wantOp: "Modules_List",
	}, {
		name: "GetVersion empty version key",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Modules.GetVersion(ctx, "c9a7", "")
		},
		wantIs: ErrEmptyKey,
	}, {
		name: "ListVersions negative maximum",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Modules.ListVersions(ctx, "c9a7", &ModuleVersionListOptions{MaximumVersionsToReturn: -5})
		},
		wantIs: ErrInvalidArgument,
	}})
}
