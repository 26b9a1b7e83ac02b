package lifetime

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/go-outsystems/outsystems/internal/transport/memnet"
	"github.com/google/go-cmp/cmp"
)

// baseURLPath is a non-empty prefix under which the test API is mounted, so
// that code building absolute URLs instead of relative ones fails.
const baseURLPath = "/api-v2-base/lifetimeapi/rest/v2"

// testToken is the token the setup client sends.
const testToken = "test-token-0123456789"

// setup starts a test server and returns a client pointed at it and the mux
// on which tests register handlers, with paths relative to the API base
// (e.g. mux.HandleFunc("/environments/", ...)). Requests outside the base
// fail the test. Retries are disabled so that error tests see one attempt.
func setup(t *testing.T, opts ...Option) (client *Client, mux *http.ServeMux) {
	t.Helper()
	api, mux := mountAPI(t)
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	return newTestClient(t, srv.URL, opts), mux
}

// mountAPI returns a handler serving mux under baseURLPath that fails the
// test on any request outside it.
func mountAPI(t *testing.T) (api, mux *http.ServeMux) {
	mux = http.NewServeMux()
	api = http.NewServeMux()
	api.Handle(baseURLPath+"/", http.StripPrefix(baseURLPath, mux))
	api.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("request outside the API base: %s %s", r.Method, r.URL)
		http.Error(w, "outside the API base", http.StatusBadRequest)
	})
	return api, mux
}

// newTestClient returns a client of the API mounted at serverURL with the
// test token, plain http allowed, no retries, then opts.
func newTestClient(t *testing.T, serverURL string, opts []Option) *Client {
	t.Helper()
	all := append([]Option{WithToken(testToken), WithInsecureHTTP(), WithRetry(NoRetry())}, opts...)
	client, err := NewClient(serverURL+baseURLPath, all...)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return client
}

// testMethod fails the test when r's method is not want.
func testMethod(t *testing.T, r *http.Request, want string) {
	t.Helper()
	if r.Method != want {
		t.Errorf("method = %s, want %s", r.Method, want)
	}
}

// testQuery fails the test when r's query differs from want (nil = none).
func testQuery(t *testing.T, r *http.Request, want url.Values) {
	t.Helper()
	got := r.URL.Query()
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("query (-want +got):\n%s", diff)
	}
}

// testHeader fails the test when r's header differs from want.
func testHeader(t *testing.T, r *http.Request, header, want string) {
	t.Helper()
	if got := r.Header.Get(header); got != want {
		t.Errorf("header %s = %q, want %q", header, got, want)
	}
}

// testJSONBody decodes r's body as JSON into a value of want's type and
// compares it with want.
func testJSONBody[T any](t *testing.T, r *http.Request, want T) {
	t.Helper()
	testHeader(t, r, "Content-Type", "application/json")
	var got T
	if err := json.NewDecoder(r.Body).Decode(&got); err != nil {
		t.Errorf("decoding request body: %v", err)
		return
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("request body (-want +got):\n%s", diff)
	}
}

// testRawJSONBody compares r's body with the JSON text want, ignoring
// formatting and key order. Use it to check the exact wire names.
func testRawJSONBody(t *testing.T, r *http.Request, want string) {
	t.Helper()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatalf("reading body: %v", err)
	}
	var gotV, wantV any
	if err := json.Unmarshal(b, &gotV); err != nil {
		t.Errorf("request body %q is not JSON: %v", b, err)
		return
	}
	if err := json.Unmarshal([]byte(want), &wantV); err != nil {
		t.Fatalf("want %q is not JSON: %v", want, err)
	}
	if diff := cmp.Diff(wantV, gotV); diff != "" {
		t.Errorf("request body (-want +got):\n%s", diff)
	}
}

// testNoBody fails the test when r has a body.
func testNoBody(t *testing.T, r *http.Request) {
	t.Helper()
	b, _ := io.ReadAll(r.Body)
	if len(b) != 0 {
		t.Errorf("request body = %q, want none", b)
	}
}

// writeJSON writes status and the literal JSON body.
func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// notFoundBody is LifeTime's error envelope for a 404.
const notFoundBody = `{"Errors":["Deployment with key x not found."],"StatusCode":404}`

// testErrorStatus registers pattern on mux answering status with
// LifeTime's error envelope, calls call, and checks the *APIError.
func testAPIError(t *testing.T, err error, wantStatus int, wantOp string) {
	t.Helper()
	apiErr, ok := err.(*APIError)
	if !ok {
		t.Fatalf("err = %T %v, want *APIError", err, err)
	}
	if apiErr.StatusCode != wantStatus || apiErr.Operation != wantOp {
		t.Errorf("APIError status %d op %q, want %d %q", apiErr.StatusCode, apiErr.Operation, wantStatus, wantOp)
	}
}

// setupMem is setup for tests inside a testing/synctest bubble: the
// server runs over in-memory connections (memnet) so that the bubble's
// fake clock advances while connections are idle. Call it inside the
// bubble.
func setupMem(t *testing.T, opts ...Option) (client *Client, mux *http.ServeMux) {
	t.Helper()
	api, mux := mountAPI(t)
	srv := memnet.NewServer(api)
	t.Cleanup(srv.Close)
	return newTestClient(t, srv.URL, append([]Option{WithHTTPClient(srv.Client())}, opts...)), mux
}
