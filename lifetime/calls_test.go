package lifetime

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// opCase is one operation exercised over HTTP: the request the client must
// send and the answer the server gives.
type opCase struct {
	name   string
	method string
	path   string     // escaped path under the API base, e.g. "/applications/k1/"
	query  url.Values // expected query; nil means none
	body   string     // expected JSON request body; "" means no body
	status int        // answer status; 0 means 200
	reply  string     // answer body; sent as JSON
	ctype  string     // answer Content-Type; "" means application/json
	do     func(context.Context, *Client) (any, *Response, error)
	want   any
}

// runOpCases runs each case against its own test server: it checks the
// request's method, escaped path, query and JSON body, that exactly one
// request was sent, the response status, and the decoded result.
func runOpCases(t *testing.T, cases []opCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			client, mux := setup(t)
			status := tc.status
			if status == 0 {
				status = http.StatusOK
			}
			var calls atomic.Int32
			mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				testMethod(t, r, tc.method)
				if got := r.URL.EscapedPath(); got != tc.path {
					t.Errorf("path = %q, want %q", got, tc.path)
				}
				testQuery(t, r, tc.query)
				if tc.body == "" {
					testNoBody(t, r)
				} else {
					testHeader(t, r, "Content-Type", "application/json")
					testRawJSONBody(t, r, tc.body)
				}
				testHeader(t, r, "Authorization", "Bearer "+testToken)
				ctype := tc.ctype
				if ctype == "" {
					ctype = "application/json"
				}
				w.Header().Set("Content-Type", ctype)
				w.WriteHeader(status)
				_, _ = w.Write([]byte(tc.reply))
			})
			got, resp, err := tc.do(t.Context(), client)
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if n := calls.Load(); n != 1 {
				t.Errorf("server saw %d requests, want 1", n)
			}
			if resp == nil || resp.StatusCode != status {
				t.Errorf("response = %v, want status %d", resp, status)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("result (-want +got):\n%s", diff)
			}
		})
	}
}

// errCase is an operation that must fail.
type errCase struct {
	name    string
	status  int    // server answer; 0 means the request must not be sent
	reply   string // server answer body
	do      func(context.Context, *Client) (any, *Response, error)
	wantIs  error  // sentinel the error must match
	wantOp  string // operation of the *APIError, when status != 0
	wantMsg string // first message of the *APIError, when status != 0
}

// runErrCases checks that each case fails with the expected error and, for
// local validation failures, that nothing was sent.
func runErrCases(t *testing.T, cases []errCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			client, mux := setup(t)
			var calls atomic.Int32
			mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				if tc.status == 0 {
					t.Errorf("request sent although it should be refused locally: %s %s", r.Method, r.URL)
				}
				writeJSON(w, tc.status, tc.reply)
			})
			got, _, err := tc.do(t.Context(), client)
			if err == nil {
				t.Fatalf("no error; result %+v", got)
			}
			if !errors.Is(err, tc.wantIs) {
				t.Errorf("err = %v, want errors.Is %v", err, tc.wantIs)
			}
			if tc.status == 0 {
				return
			}
			if n := calls.Load(); n != 1 {
				t.Errorf("server saw %d requests, want 1", n)
			}
			var apiErr *APIError
			if errors.As(err, &apiErr) {
				if apiErr.Operation != tc.wantOp {
					t.Errorf("Operation = %q, want %q", apiErr.Operation, tc.wantOp)
				}
				if tc.wantMsg != "" && (len(apiErr.Errors) == 0 || apiErr.Errors[0] != tc.wantMsg) {
					t.Errorf("Errors = %q, want first %q", apiErr.Errors, tc.wantMsg)
				}
			} else if tc.status >= 300 {
				t.Errorf("err = %T, want *APIError", err)
			}
		})
	}
}

// exception is LifeTime's error envelope with one message.
func exception(status int, msg string) string {
	b, _ := json.Marshal(map[string]any{"Errors": []string{msg}, "StatusCode": status})
	return string(b)
}

func TestKeyPath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		tmpl    string
		keys    []string
		want    string
		wantErr error
	}{
		{"applications/{ApplicationKey}/", []string{"a b/c"}, "applications/a%20b%2Fc/", nil},
		{"x/{A}/y/{B}", []string{"1", "2"}, "x/1/y/2", nil},
		{"x/{A}/", []string{""}, "", ErrEmptyKey},
		{"x/{A}/", []string{"  "}, "", ErrEmptyKey},
		{"x/{A}/", []string{".."}, "", ErrPathTraversal},
	}
	for _, tt := range tests {
		got, err := keyPath(tt.tmpl, tt.keys...)
		if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
			t.Errorf("keyPath(%q, %q) error = %v, want %v", tt.tmpl, tt.keys, err, tt.wantErr)
		}
		if got != tt.want {
			t.Errorf("keyPath(%q, %q) = %q, want %q", tt.tmpl, tt.keys, got, tt.want)
		}
	}
	// A template and key count that disagree is a programming error, reported
	// rather than producing a wrong path.
	if _, err := keyPath("x/{A}/{B}/", "1"); err == nil {
		t.Error("keyPath with too few keys: no error")
	}
	if _, err := keyPath("x/{A}/", "1", "2"); err == nil {
		t.Error("keyPath with too many keys: no error")
	}
}

// FuzzLenientDecoding serves arbitrary 200 bodies to the operations whose
// answer shape is decoded leniently (object or array, two spellings) and
// to a plain list, and checks that they never panic and that a nil error
// always comes with a usable value.
func FuzzLenientDecoding(f *testing.F) {
	for _, seed := range []string{
		`{"Status":"Completed","StatusReason":""}`,
		`[{"Status":"Aborted","StatusReason":"x"}]`,
		`{"url":"https://x/downloads/1","expires":"2024-05-01T10:00:00Z"}`,
		`[{"Url":"https://x/downloads/1","ExpiresAt":"2024-05-01T10:00:00.1234567"}]`,
		`[null]`, `null`, `[]`, ``, `"text"`, `{"level":1}`, `[{"Key":"m"},null]`,
	} {
		f.Add(seed)
	}
	var body atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, body.Load().(string))
	}))
	f.Cleanup(srv.Close)
	c, err := NewClient(srv.URL, WithToken(testToken), WithInsecureHTTP(), WithRetry(NoRetry()))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, reply string) {
		body.Store(reply)
		ctx := t.Context()
		if st, _, err := c.Environments.SolutionStatus(ctx, "e", "s"); err == nil && st == nil {
			t.Error("SolutionStatus: nil status without error")
		}
		if l, _, err := c.Environments.SolutionDownloadLink(ctx, "e", "s"); err == nil && (l == nil || l.URL == "") {
			t.Errorf("SolutionDownloadLink: %+v without error", l)
		}
		if pl, _, err := c.Roles.PermissionLevels(ctx); err == nil && slices.Contains(pl, nil) {
			t.Error("PermissionLevels: nil entry")
		}
		if ms, _, err := c.Modules.List(ctx, nil); err == nil && (ms == nil || slices.Contains(ms, nil)) {
			t.Errorf("Modules.List: %v", ms)
		}
	})
}

// TestEmptyKeysAreRefused calls every keyed operation with each key empty in
// turn and checks that it fails with ErrEmptyKey before sending anything.
func TestEmptyKeysAreRefused(t *testing.T) {
	t.Parallel()
	type keyed func(ctx context.Context, c *Client, k []string) error
	e1 := func(_ any, _ *Response, err error) error { return err }
	e2 := func(_ *Response, err error) error { return err }
	ew := func(_ any, err error) error { return err }
	conn := &DBConnectionRequest{Name: "n", ProviderKey: "p"}
	ops := map[string]struct {
		keys int
		call keyed
	}{
		"Applications.Get": {1, func(ctx context.Context, c *Client, k []string) error { return e1(c.Applications.Get(ctx, k[0], nil)) }},
		"Applications.GetConfigurations": {1, func(ctx context.Context, c *Client, k []string) error {
			return e1(c.Applications.GetConfigurations(ctx, k[0]))
		}},
		"Applications.UpdateConfigurations": {1, func(ctx context.Context, c *Client, k []string) error {
			return e2(c.Applications.UpdateConfigurations(ctx, k[0], nil))
		}},
		"Applications.ListVersions": {1, func(ctx context.Context, c *Client, k []string) error {
			return e1(c.Applications.ListVersions(ctx, k[0], nil))
		}},
		"Applications.GetVersion": {2, func(ctx context.Context, c *Client, k []string) error {
			return e1(c.Applications.GetVersion(ctx, k[0], k[1], nil))
		}},
		"Applications.DeleteVersion": {2, func(ctx context.Context, c *Client, k []string) error {
			return e2(c.Applications.DeleteVersion(ctx, k[0], k[1]))
		}},
		"Applications.GetVersionDownloadLink": {2, func(ctx context.Context, c *Client, k []string) error {
			return e1(c.Applications.GetVersionDownloadLink(ctx, k[0], k[1]))
		}},
		"Modules.Get": {1, func(ctx context.Context, c *Client, k []string) error { return e1(c.Modules.Get(ctx, k[0], nil)) }},
		"Modules.ListVersions": {1, func(ctx context.Context, c *Client, k []string) error {
			return e1(c.Modules.ListVersions(ctx, k[0], nil))
		}},
		"Modules.GetVersion": {2, func(ctx context.Context, c *Client, k []string) error {
			return e1(c.Modules.GetVersion(ctx, k[0], k[1]))
		}},
		"Roles.Get": {1, func(ctx context.Context, c *Client, k []string) error { return e1(c.Roles.Get(ctx, k[0], nil)) }},
		"Roles.Update": {1, func(ctx context.Context, c *Client, k []string) error {
			return e1(c.Roles.Update(ctx, k[0], &RoleRequest{Name: "r"}))
		}},
		"Roles.Delete": {1, func(ctx context.Context, c *Client, k []string) error { return e2(c.Roles.Delete(ctx, k[0], nil)) }},
		"Teams.Get":    {1, func(ctx context.Context, c *Client, k []string) error { return e1(c.Teams.Get(ctx, k[0], nil)) }},
		"Teams.Update": {1, func(ctx context.Context, c *Client, k []string) error {
			return e1(c.Teams.Update(ctx, k[0], &TeamRequest{Name: "t"}))
		}},
		"Teams.Delete": {1, func(ctx context.Context, c *Client, k []string) error { return e2(c.Teams.Delete(ctx, k[0])) }},
		"Teams.AddApplication": {2, func(ctx context.Context, c *Client, k []string) error {
			return e2(c.Teams.AddApplication(ctx, k[0], k[1]))
		}},
		"Teams.RemoveApplication": {2, func(ctx context.Context, c *Client, k []string) error {
			return e2(c.Teams.RemoveApplication(ctx, k[0], k[1]))
		}},
		"Teams.AddUser": {3, func(ctx context.Context, c *Client, k []string) error {
			return e2(c.Teams.AddUser(ctx, k[0], k[1], k[2]))
		}},
		"Teams.RemoveUser": {2, func(ctx context.Context, c *Client, k []string) error { return e2(c.Teams.RemoveUser(ctx, k[0], k[1])) }},
		"Users.Get":        {1, func(ctx context.Context, c *Client, k []string) error { return e1(c.Users.Get(ctx, k[0], nil)) }},
		"Users.Update": {1, func(ctx context.Context, c *Client, k []string) error {
			return e1(c.Users.Update(ctx, k[0], &UserRequest{Username: "u", Name: "n", RoleKey: "r"}))
		}},
		"Users.SetPassword": {1, func(ctx context.Context, c *Client, k []string) error { return e2(c.Users.SetPassword(ctx, k[0], "p")) }},
		"Users.GrantApplication": {3, func(ctx context.Context, c *Client, k []string) error {
			return e2(c.Users.GrantApplication(ctx, k[0], k[1], k[2]))
		}},
		"Users.RevokeApplication": {2, func(ctx context.Context, c *Client, k []string) error {
			return e2(c.Users.RevokeApplication(ctx, k[0], k[1]))
		}},
		"Users.BlockedLogins": {1, func(ctx context.Context, c *Client, k []string) error {
			return e1(c.Users.BlockedLogins(ctx, k[0], nil))
		}},
		"Users.UnblockLogins": {1, func(ctx context.Context, c *Client, k []string) error {
			return e2(c.Users.UnblockLogins(ctx, k[0], nil))
		}},
		"DBConnections.List": {1, func(ctx context.Context, c *Client, k []string) error { return e1(c.DBConnections.List(ctx, k[0])) }},
		"DBConnections.Create": {1, func(ctx context.Context, c *Client, k []string) error {
			return e1(c.DBConnections.Create(ctx, k[0], conn))
		}},
		"DBConnections.Get": {2, func(ctx context.Context, c *Client, k []string) error {
			return e1(c.DBConnections.Get(ctx, k[0], k[1]))
		}},
		"DBConnections.Update": {2, func(ctx context.Context, c *Client, k []string) error {
			return e2(c.DBConnections.Update(ctx, k[0], k[1], conn))
		}},
		"DBConnections.Delete": {2, func(ctx context.Context, c *Client, k []string) error {
			return e2(c.DBConnections.Delete(ctx, k[0], k[1]))
		}},
		"DBConnections.SetRolePermission": {3, func(ctx context.Context, c *Client, k []string) error {
			return e2(c.DBConnections.SetRolePermission(ctx, k[0], k[1], k[2], 1))
		}},
		"DBConnections.RevokeRolePermission": {3, func(ctx context.Context, c *Client, k []string) error {
			return e2(c.DBConnections.RevokeRolePermission(ctx, k[0], k[1], k[2]))
		}},
		"DBConnections.GetRolePermission": {3, func(ctx context.Context, c *Client, k []string) error {
			return e1(c.DBConnections.GetRolePermission(ctx, k[0], k[1], k[2]))
		}},
		"DBConnections.SetUserPermission": {3, func(ctx context.Context, c *Client, k []string) error {
			return e2(c.DBConnections.SetUserPermission(ctx, k[0], k[1], k[2], 1))
		}},
		"DBConnections.RevokeUserPermission": {3, func(ctx context.Context, c *Client, k []string) error {
			return e2(c.DBConnections.RevokeUserPermission(ctx, k[0], k[1], k[2]))
		}},
		"DBConnections.GetUserPermission": {3, func(ctx context.Context, c *Client, k []string) error {
			return e1(c.DBConnections.GetUserPermission(ctx, k[0], k[1], k[2]))
		}},
		"DBConnections.ListProviders": {1, func(ctx context.Context, c *Client, k []string) error {
			return e1(c.DBConnections.ListProviders(ctx, k[0]))
		}},
		"DBConnections.TestConnection": {1, func(ctx context.Context, c *Client, k []string) error {
			return e2(c.DBConnections.TestConnection(ctx, k[0], conn))
		}},
		"Environments.UnblockAddress": {1, func(ctx context.Context, c *Client, k []string) error {
			return e2(c.Environments.UnblockAddress(ctx, k[0], nil))
		}},
		"Environments.RequestApplicationSourceCode": {2, func(ctx context.Context, c *Client, k []string) error {
			return e1(c.Environments.RequestApplicationSourceCode(ctx, k[0], k[1]))
		}},
		"Environments.ApplicationSourceCodeStatus": {3, func(ctx context.Context, c *Client, k []string) error {
			return e1(c.Environments.ApplicationSourceCodeStatus(ctx, k[0], k[1], k[2]))
		}},
		"Environments.ApplicationSourceCodeLink": {3, func(ctx context.Context, c *Client, k []string) error {
			return e1(c.Environments.ApplicationSourceCodeLink(ctx, k[0], k[1], k[2]))
		}},
		"Environments.WaitApplicationSourceCode": {3, func(ctx context.Context, c *Client, k []string) error {
			return ew(c.Environments.WaitApplicationSourceCode(ctx, k[0], k[1], k[2], nil))
		}},
		"Environments.RequestModuleSourceCode": {2, func(ctx context.Context, c *Client, k []string) error {
			return e1(c.Environments.RequestModuleSourceCode(ctx, k[0], k[1]))
		}},
		"Environments.ModuleSourceCodeStatus": {3, func(ctx context.Context, c *Client, k []string) error {
			return e1(c.Environments.ModuleSourceCodeStatus(ctx, k[0], k[1], k[2]))
		}},
		"Environments.ModuleSourceCodeLink": {3, func(ctx context.Context, c *Client, k []string) error {
			return e1(c.Environments.ModuleSourceCodeLink(ctx, k[0], k[1], k[2]))
		}},
		"Environments.WaitModuleSourceCode": {3, func(ctx context.Context, c *Client, k []string) error {
			return ew(c.Environments.WaitModuleSourceCode(ctx, k[0], k[1], k[2], nil))
		}},
		"Environments.CreateSolution": {1, func(ctx context.Context, c *Client, k []string) error {
			return e1(c.Environments.CreateSolution(ctx, k[0], &SolutionCreateRequest{ApplicationKeys: []string{"a"}}))
		}},
		"Environments.SolutionStatus": {2, func(ctx context.Context, c *Client, k []string) error {
			return e1(c.Environments.SolutionStatus(ctx, k[0], k[1]))
		}},
		"Environments.SolutionDownloadLink": {2, func(ctx context.Context, c *Client, k []string) error {
			return e1(c.Environments.SolutionDownloadLink(ctx, k[0], k[1]))
		}},
		"Environments.WaitSolution": {2, func(ctx context.Context, c *Client, k []string) error {
			return ew(c.Environments.WaitSolution(ctx, k[0], k[1], nil))
		}},
	}
	client, mux := setup(t)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("request sent despite an empty key: %s %s", r.Method, r.URL)
		writeJSON(w, http.StatusInternalServerError, "{}")
	})
	for name, op := range ops {
		for empty := range op.keys {
			keys := make([]string, op.keys)
			for i := range keys {
				if i != empty {
					keys[i] = "k"
				}
			}
			if err := op.call(t.Context(), client, keys); !errors.Is(err, ErrEmptyKey) {
				t.Errorf("%s with key %d empty: err = %v, want ErrEmptyKey", name, empty+1, err)
			}
		}
	}
}
