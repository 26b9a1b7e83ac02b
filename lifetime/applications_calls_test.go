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
