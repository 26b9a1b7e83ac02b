package lifetime

import (
	"context"
	"net/http"
	"net/url"
	"testing"
)

// wireTime parses a LifeTime date-time for expected values.
func wireTime(t *testing.T, s string) Time {
	t.Helper()
	v, err := ParseTime(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// appJSON is an application as the docs example shows it (api-deploy-app.md).
const appJSON = `{"Key":"c9a7a82e","Name":"EmployeeBackoffice","Kind":"WebResponsive","Team":"","Description":"",
 "URLPath":"/EmployeeBackoffice","IconHash":"IconHash6a79","IconURL":"/LifeTimeSDK/ApplicationIcon.aspx?ApplicationKey=c9a7a82e","IsSystem":false,
 "AppStatusInEnvs":[{"EnvironmentKey":"f3582e43","BaseApplicationVersionKey":"b3d2ef6b","IsModified":true,"IsModifiedReason":"Module_Modified",
   "IsModifiedMessage":"At least one module was modified since the version 0.1","ConsistencyStatus":"","ConsistencyStatusMessages":"",
   "MobileAppsStatus":[{"EnvironmentKey":"f3582e43","NativePlatform":"Android","VersionNumber":"0.3","HasBinaryAvailable":true,"IsConfigured":true,"IsConfigurationChanged":false,"IsModified":false}],
   "ModuleStatusInEnvs":[{"ApplicationKey":"c9a7a82e","EnvironmentKey":"f3582e43","ModuleVersionKey":"bc354abb","ConsistencyStatus":"","ConsistencyStatusMessages":""}],
   "DeploymentZoneKey":"","SomeFutureField":1}]}`

func wantApp() *Application {
	return &Application{
		Key: "c9a7a82e", Name: "EmployeeBackoffice", Kind: ApplicationKindWebResponsive,
		URLPath: "/EmployeeBackoffice", IconHash: "IconHash6a79",
		IconURL: "/LifeTimeSDK/ApplicationIcon.aspx?ApplicationKey=c9a7a82e",
		AppStatusInEnvs: []*AppStatusInEnv{{
			EnvironmentKey: "f3582e43", BaseApplicationVersionKey: "b3d2ef6b", IsModified: true,
			IsModifiedReason: "Module_Modified", IsModifiedMessage: "At least one module was modified since the version 0.1",
			MobileAppsStatus:   []*MobileAppStatusInEnv{{EnvironmentKey: "f3582e43", NativePlatform: "Android", VersionNumber: "0.3", HasBinaryAvailable: true, IsConfigured: true}},
			ModuleStatusInEnvs: []*ModuleStatusInEnv{{ApplicationKey: "c9a7a82e", EnvironmentKey: "f3582e43", ModuleVersionKey: "bc354abb"}},
		}},
	}
}

// versionJSON is an application version as the docs example shows it
// (api-rollback-mobile-app.md).
const versionJSON = `{"Key":"fa5936cd","ApplicationKey":"0f47c804","Version":"0.3","ChangeLog":"","CreatedOn":"2021-10-27T17:22:21.45Z","InUse":false,
 "MobileVersions":[{"NativePlatform":"Android","VersionNumber":"0.3","VersionDescription":""}],"PrimaryColor":"","NativeHash":"ab73331b",
 "ModuleVersions":[{"Key":"75b5d7a2","ModuleKey":"0a958fc2","CreatedOn":"2021-10-27T17:20:44Z","CreatedBy":"Administrator","CreatedByUsername":"admin","GeneralHash":"sSVqtD4lnMd73JrRyOl6RA","DirectUpgradeFromHash":""}]}`

func wantVersion(t *testing.T) *ApplicationVersion {
	return &ApplicationVersion{
		Key: "fa5936cd", ApplicationKey: "0f47c804", Version: "0.3", CreatedOn: wireTime(t, "2021-10-27T17:22:21.45Z"),
		MobileVersions: []*MobileVersion{{NativePlatform: "Android", VersionNumber: "0.3"}},
		NativeHash:     "ab73331b",
		ModuleVersions: []*ModuleVersion{{Key: "75b5d7a2", ModuleKey: "0a958fc2", CreatedOn: wireTime(t, "2021-10-27T17:20:44Z"),
			CreatedBy: "Administrator", CreatedByUsername: "admin", GeneralHash: "sSVqtD4lnMd73JrRyOl6RA"}},
	}
}

func TestApplicationsOperations(t *testing.T) {
	t.Parallel()
	runOpCases(t, []opCase{{
		name: "List", method: http.MethodGet, path: "/applications/",
		reply: "[" + appJSON + "]",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Applications.List(ctx, nil)
		},
		want: []*Application{wantApp()},
	}, {
		name: "List with modules and status", method: http.MethodGet, path: "/applications/",
		query: url.Values{"IncludeEnvStatus": {"true"}, "IncludeModules": {"true"}},
		reply: "[]",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Applications.List(ctx, &ApplicationListOptions{IncludeEnvStatus: true, IncludeModules: true})
		},
		want: []*Application{},
	}, {
		name: "List 204 is an empty list", method: http.MethodGet, path: "/applications/", status: http.StatusNoContent,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Applications.List(ctx, &ApplicationListOptions{})
		},
		want: []*Application{},
	}, {
		name: "Get", method: http.MethodGet, path: "/applications/c9a7a82e/",
		query: url.Values{"IncludeEnvStatus": {"true"}},
		reply: appJSON,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Applications.Get(ctx, "c9a7a82e", &ApplicationGetOptions{IncludeEnvStatus: true})
		},
		want: wantApp(),
	}, {
		name: "GetConfigurations", method: http.MethodGet, path: "/applications/a1/configurations/",
		reply: `{"configurations":[{"environmentKey":"e1","isBlocked":true,"isBlockedChangeReason":"sandbox"},{"environmentKey":"e2","isBlocked":false,"isBlockedChangeReason":""}]}`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Applications.GetConfigurations(ctx, "a1")
		},
		want: []*ApplicationConfiguration{{EnvironmentKey: "e1", IsBlocked: true, IsBlockedChangeReason: "sandbox"}, {EnvironmentKey: "e2"}},
	}, {
		name: "UpdateConfigurations sends false", method: http.MethodPut, path: "/applications/a1/configurations/",
		body:   `{"configurations":[{"environmentKey":"e1","isBlocked":false,"isBlockedChangeReason":"ready again"}]}`,
		status: http.StatusNoContent,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.Applications.UpdateConfigurations(ctx, "a1", []*ApplicationConfiguration{{EnvironmentKey: "e1", IsBlockedChangeReason: "ready again"}})
			return nil, resp, err
		},
		want: nil,
	}, {
		name: "ListVersions", method: http.MethodGet, path: "/applications/0f47c804/versions/",
		query: url.Values{"ChangeLogFilter": {"fix"}, "MaximumVersionsToReturn": {"10"}},
		reply: "[" + versionJSON + "]",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Applications.ListVersions(ctx, "0f47c804", &ApplicationVersionListOptions{ChangeLogFilter: "fix", MaximumVersionsToReturn: 10})
		},
		want: []*ApplicationVersion{wantVersion(t)},
	}, {
		name: "ListVersions 204", method: http.MethodGet, path: "/applications/0f47c804/versions/", status: http.StatusNoContent,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Applications.ListVersions(ctx, "0f47c804", nil)
		},
		want: []*ApplicationVersion{},
	}, {
		name: "GetVersion without CreatedOn (older LifeTime)", method: http.MethodGet, path: "/applications/0f47c804/versions/fa5936cd/",
		query: url.Values{"IncludeModules": {"false"}},
		reply: `{"Key":"fa5936cd","ApplicationKey":"0f47c804","Version":"0.3","InUse":true}`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Applications.GetVersion(ctx, "0f47c804", "fa5936cd", nil)
		},
		want: &ApplicationVersion{Key: "fa5936cd", ApplicationKey: "0f47c804", Version: "0.3", InUse: true},
	}, {
		name: "GetVersion with modules", method: http.MethodGet, path: "/applications/0f47c804/versions/fa5936cd/",
		query: url.Values{"IncludeModules": {"true"}},
		reply: versionJSON,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Applications.GetVersion(ctx, "0f47c804", "fa5936cd", &ApplicationVersionGetOptions{IncludeModules: true})
		},
		want: wantVersion(t),
	}, {
		name: "DeleteVersion", method: http.MethodDelete, path: "/applications/a1/versions/v1/", status: http.StatusNoContent,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.Applications.DeleteVersion(ctx, "a1", "v1")
			return nil, resp, err
		},
	}, {
		name: "GetVersionDownloadLink", method: http.MethodGet, path: "/applications/a1/versions/v1/content/",
		reply: `{"url":"https://lt.example.com/lifetimeapi/rest/v2/downloads/f4ee541b","expires":"2024-05-01T10:00:00.123Z"}`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Applications.GetVersionDownloadLink(ctx, "a1", "v1")
		},
		want: &DownloadLink{URL: "https://lt.example.com/lifetimeapi/rest/v2/downloads/f4ee541b", Expires: wireTime(t, "2024-05-01T10:00:00.123Z")},
	}})
}

func TestApplicationsErrors(t *testing.T) {
	t.Parallel()
	runErrCases(t, []errCase{{
		name: "Get 404", status: http.StatusNotFound, reply: exception(404, "Failed to retrieve the application with key a1."),
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Applications.Get(ctx, "a1", nil)
		},
		wantIs: ErrNotFound, wantOp: "Applications_Get", wantMsg: "Failed to retrieve the application with key a1.",
	}, {
		name: "ListVersions 403", status: http.StatusForbidden, reply: exception(403, "The user does not have the required permissions."),
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Applications.ListVersions(ctx, "a1", nil)
		},
		wantIs: ErrForbidden, wantOp: "Applications_Versions_List",
	}, {
		name: "UpdateConfigurations 405 feature disabled", status: http.StatusMethodNotAllowed, reply: exception(405, "Method not allowed due to the feature being disabled in the infrastructure."),
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.Applications.UpdateConfigurations(ctx, "a1", []*ApplicationConfiguration{{EnvironmentKey: "e1", IsBlocked: true}})
			return nil, resp, err
		},
		wantIs: ErrMethodNotAllowed, wantOp: "Applications_Configurations_Update",
	}, {
		name: "GetVersionDownloadLink 204 no binary", status: http.StatusNoContent,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Applications.GetVersionDownloadLink(ctx, "a1", "v1")
		},
		wantIs: ErrNoBinary, wantOp: "Applications_Versions_Download",
	}, {
		name: "Get empty 200 body", status: http.StatusOK,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Applications.Get(ctx, "a1", nil)
		},
		wantIs: ErrUnexpectedResponse,
	}, {
		name: "Get empty key",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Applications.Get(ctx, "", nil)
		},
		wantIs: ErrEmptyKey,
	}, {
		name: "DeleteVersion dot-dot key",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.Applications.DeleteVersion(ctx, "a1", "..")
			return nil, resp, err
		},
		wantIs: ErrPathTraversal,
	}, {
		name: "List modules without status",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Applications.List(ctx, &ApplicationListOptions{IncludeModules: true})
		},
		wantIs: ErrInvalidArgument,
	}, {
		name: "ListVersions negative maximum",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Applications.ListVersions(ctx, "a1", &ApplicationVersionListOptions{MaximumVersionsToReturn: -1})
		},
		wantIs: ErrInvalidArgument,
	}, {
		name: "UpdateConfigurations without environment",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.Applications.UpdateConfigurations(ctx, "a1", []*ApplicationConfiguration{{IsBlocked: true}})
			return nil, resp, err
		},
		wantIs: ErrInvalidArgument,
	}})
}
