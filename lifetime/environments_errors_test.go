package lifetime

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
)

// h1Operations calls every Environments and Deployments operation of this
// file set with the given key in every key position.
func h1Operations(key string) map[string]func(ctx context.Context, c *Client) error {
	body := createBody
	e := func(_ any, _ *Response, err error) error { return err }
	k := func(_ string, _ *Response, err error) error { return err }
	r := func(_ *Response, err error) error { return err }
	return map[string]func(ctx context.Context, c *Client) error{
		"Environments_Get":            func(ctx context.Context, c *Client) error { return e(c.Environments.Get(ctx, key)) },
		"Environment_Unregister":      func(ctx context.Context, c *Client) error { return r(c.Environments.Unregister(ctx, key)) },
		"Environments_GetRunningApps": func(ctx context.Context, c *Client) error { return e(c.Environments.ListApplications(ctx, key, nil)) },
		"Environments_GetRunningApp": func(ctx context.Context, c *Client) error {
			return e(c.Environments.GetApplication(ctx, key, key, nil))
		},
		"Environments_DownloadRunningApp": func(ctx context.Context, c *Client) error {
			return e(c.Environments.ApplicationDownloadLink(ctx, key, key, BinaryOAP))
		},
		"Environments_Applications_Create": func(ctx context.Context, c *Client) error {
			return k(c.Environments.CreateApplication(ctx, key, ApplicationCreateRequest{TemplateKey: "t", TeamKey: "t", Name: "n", Color: "#000000"}))
		},
		"Environments_Applications_Versions_Create": func(ctx context.Context, c *Client) error {
			return k(c.Environments.CreateApplicationVersion(ctx, key, key, ApplicationVersionCreateRequest{Version: "1.0"}))
		},
		"Environments_GetDeploymentZones": func(ctx context.Context, c *Client) error { return e(c.Environments.ListDeploymentZones(ctx, key)) },
		"Environments_SetMaintenanceMode": func(ctx context.Context, c *Client) error {
			return r(c.Environments.SetMaintenanceMode(ctx, key, MaintenanceModeSetting{}))
		},
		"Environments_GetTemplates":  func(ctx context.Context, c *Client) error { return e(c.Environments.ListTemplates(ctx, key)) },
		"Environment_GetCSP":         func(ctx context.Context, c *Client) error { return e(c.Environments.GetCSP(ctx, key)) },
		"Environments_SetCSP":        func(ctx context.Context, c *Client) error { return e(c.Environments.SetCSP(ctx, key, CSPDirectives{})) },
		"Deployments_Get":            func(ctx context.Context, c *Client) error { return e(c.Deployments.Get(ctx, key)) },
		"Deployments_Update":         func(ctx context.Context, c *Client) error { return e(c.Deployments.Update(ctx, key, body)) },
		"Deployments_Delete":         func(ctx context.Context, c *Client) error { return r(c.Deployments.Delete(ctx, key)) },
		"Deployments_ExecuteCommand": func(ctx context.Context, c *Client) error { return r(c.Deployments.Start(ctx, key, nil)) },
		"Deployments_GetStatus":      func(ctx context.Context, c *Client) error { return e(c.Deployments.Status(ctx, key)) },
		"Deployments_GetMissingDbMappings": func(ctx context.Context, c *Client) error {
			return e(c.Deployments.GetMissingDBMappings(ctx, key))
		},
		"Deployments_Configuration": func(ctx context.Context, c *Client) error {
			return r(c.Deployments.Configure(ctx, key, []ExtensionDBMapping{{ExtensionKey: "x", DBMapping: []LogicalDBMapping{{}}}}))
		},
		"Deployments_CreateWithBinary": func(ctx context.Context, c *Client) error {
			return k(c.Deployments.CreateWithBinary(ctx, key, strings.NewReader("x")))
		},
	}
}

func TestOperationsRefuseBadKeys(t *testing.T) {
	client, _ := setup(t) // any request reaching the server fails the test
	for _, tc := range []struct {
		key  string
		want error
	}{{"", ErrEmptyKey}, {"..", ErrPathTraversal}} {
		for op, call := range h1Operations(tc.key) {
			if err := call(t.Context(), client); !errors.Is(err, tc.want) {
				t.Errorf("%s(%q): err = %v, want %v", op, tc.key, err, tc.want)
			}
		}
	}
}

func TestOperationsMapServerErrors(t *testing.T) {
	client, mux := setup(t)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 500, `{"Errors":["Failed."],"StatusCode":500}`)
	})
	for op, call := range h1Operations("k1") {
		err := call(t.Context(), client)
		var apiErr *APIError
		if !errors.As(err, &apiErr) || !errors.Is(err, ErrServer) {
			t.Errorf("%s: err = %v, want an *APIError matching ErrServer", op, err)
			continue
		}
		if apiErr.Operation != op || apiErr.BodyStatusCode != 500 || len(apiErr.Errors) != 1 {
			t.Errorf("%s: APIError = %+v", op, apiErr)
		}
	}
}

func TestErrorTexts(t *testing.T) {
	cause := errors.New("connection reset")
	tests := []struct {
		err  error
		want []string
	}{
		{&UnknownOutcomeError{Operation: "Deployments_Create", Err: cause}, []string{"Deployments_Create", "connection reset", "no matching plan"}},
		{&UnknownOutcomeError{Operation: "Deployments_Create", Err: cause, Candidates: []string{"a", "b"}}, []string{"2 matching plans: a, b"}},
		{&UnknownOutcomeError{Operation: "Deployments_Create", Err: cause, LookupErr: errors.New("list failed")}, []string{"list failed"}},
		{&ConflictError{DeploymentKey: "k1", Conflicts: []ApplicationConflict{{Message: "Producer Module Missing"}}, Deleted: true}, []string{"k1", "1 application conflicts", "Producer Module Missing", "plan deleted"}},
		{&DeploymentError{DeploymentKey: "k1", Status: DeploymentFinishedWithErrors, Log: []DeploymentMessage{{Message: "ok"}, {Message: "module X failed", Type: "Error"}}}, []string{"k1", "finished_with_errors", "module X failed"}},
		{&DeploymentError{DeploymentKey: "k1", Status: DeploymentNeedsUserIntervention, Info: InfoBusinessProcessImpact}, []string{"needs_user_intervention (business_process_impact)"}},
		{&DeploymentError{DeploymentKey: "k1", Status: "exploded"}, []string{"exploded is not a known status"}},
		{&WaitInterruptedError{DeploymentKey: "k1", LastStatus: DeploymentRunning, Err: context.Canceled, AbortSent: true}, []string{"k1", "running", "canceled", "abort sent"}},
		{&WaitInterruptedError{DeploymentKey: "k1", Err: context.Canceled, AbortErr: errors.New("400")}, []string{"abort failed: 400"}},
		{&OperationError{Operation: "X_Get", Err: cause}, []string{"lifetime: X_Get: connection reset"}},
	}
	for _, tt := range tests {
		got := tt.err.Error()
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%T.Error() = %q, want it to contain %q", tt.err, got, w)
			}
		}
	}
	lookup := errors.New("list failed")
	u := &UnknownOutcomeError{Err: cause, LookupErr: lookup}
	if !errors.Is(u, cause) || !errors.Is(u, lookup) {
		t.Error("UnknownOutcomeError does not unwrap both errors")
	}
	w := &WaitInterruptedError{Err: context.DeadlineExceeded, AbortErr: lookup}
	if !errors.Is(w, context.DeadlineExceeded) || !errors.Is(w, lookup) {
		t.Error("WaitInterruptedError does not unwrap both errors")
	}
}
