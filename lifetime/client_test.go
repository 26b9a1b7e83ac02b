package lifetime

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestNewClientBaseURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://lt.example.com", "https://lt.example.com/lifetimeapi/rest/v2/"},
		{"https://lt.example.com/", "https://lt.example.com/lifetimeapi/rest/v2/"},
		{"https://lt.example.com/lifetimeapi/rest/v2", "https://lt.example.com/lifetimeapi/rest/v2/"},
		{"https://lt.example.com/lifetimeapi/rest/v2/", "https://lt.example.com/lifetimeapi/rest/v2/"},
		{"https://proxy.example.com/os/", "https://proxy.example.com/os/lifetimeapi/rest/v2/"},
		{"  https://lt.example.com:8443  ", "https://lt.example.com:8443/lifetimeapi/rest/v2/"},
	}
	for _, tt := range tests {
		c, err := NewClient(tt.in)
		if err != nil {
			t.Errorf("NewClient(%q): %v", tt.in, err)
			continue
		}
		if got := c.BaseURL().String(); got != tt.want {
			t.Errorf("NewClient(%q) base = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNewClientBaseURLErrorHidesUserInfo(t *testing.T) {
	for _, raw := range []string{
		"https://svc:s3cret@lt.example.com/%zz",
		"https://svc:s3cret@lt.example.com:bad/",
		"https://svc:s3cret@lt.example.com\x7f/",
		"https://svc:s3cret@lt.example.com/",
	} {
		_, err := NewClient(raw)
		if !errors.Is(err, ErrInvalidBaseURL) || strings.Contains(err.Error(), "s3cret") {
			t.Errorf("NewClient(%q) err = %v, want ErrInvalidBaseURL without the password", raw, err)
		}
	}
}

func TestNewClientRejects(t *testing.T) {
	tests := []struct {
		name string
		url  string
		opts []Option
		want error
	}{
		{"empty", "", nil, ErrInvalidBaseURL},
		{"http without opt-in", "http://lt.example.com", nil, ErrInvalidBaseURL},
		{"ftp", "ftp://lt.example.com", nil, ErrInvalidBaseURL},
		{"no host", "https:///x", nil, ErrInvalidBaseURL},
		{"user info", "https://u:p@lt.example.com", nil, ErrInvalidBaseURL},
		{"query", "https://lt.example.com?x=1", nil, ErrInvalidBaseURL},
		{"v1", "https://lt.example.com/lifetimeapi/rest/v1", nil, ErrInvalidBaseURL},
		{"empty token", "https://lt.example.com", []Option{WithToken(" ")}, ErrInvalidOption},
		{"token with newline", "https://lt.example.com", []Option{WithToken("a\nb")}, ErrInvalidOption},
		{"nil client", "https://lt.example.com", []Option{WithHTTPClient(nil)}, ErrInvalidOption},
		{"nil tls", "https://lt.example.com", []Option{WithTLSConfig(nil)}, ErrInvalidOption},
		{"bad pem", "https://lt.example.com", []Option{WithCABundle([]byte("nope"))}, ErrInvalidOption},
		{"missing CA file", "https://lt.example.com", []Option{WithCAFile(filepath.Join(t.TempDir(), "none.pem"))}, ErrInvalidOption},
		{"bad retry", "https://lt.example.com", []Option{WithRetry(RetryPolicy{MaxAttempts: -1})}, ErrInvalidOption},
		{"nil logger", "https://lt.example.com", []Option{WithLogger(nil)}, ErrInvalidOption},
		{"empty user agent", "https://lt.example.com", []Option{WithUserAgent("")}, ErrInvalidOption},
		{"nil option", "https://lt.example.com", []Option{nil}, ErrInvalidOption},
		{"tls with custom transport", "https://lt.example.com", []Option{
			WithHTTPClient(&http.Client{Transport: roundTripFunc(nil)}), WithTLSConfig(&tls.Config{}),
		}, ErrInvalidOption},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewClient(tt.url, tt.opts...)
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestNewRequest(t *testing.T) {
	c, err := NewClient("https://lt.example.com/prefix", WithToken("tok12345"))
	if err != nil {
		t.Fatal(err)
	}
	req, err := c.NewRequest(t.Context(), "POST", "applications/"+url.PathEscape("a/b c")+"/versions/", url.Values{"X": {"1"}}, map[string]string{"Key": "v"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := req.URL.String(), "https://lt.example.com/prefix/lifetimeapi/rest/v2/applications/a%2Fb%20c/versions/?X=1"; got != want {
		t.Errorf("URL = %q, want %q", got, want)
	}
	for h, want := range map[string]string{"Authorization": "Bearer tok12345", "Content-Type": "application/json", "Accept": "application/json"} {
		if got := req.Header.Get(h); got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	b, _ := io.ReadAll(req.Body)
	if string(b) != `{"Key":"v"}` {
		t.Errorf("body = %s", b)
	}
	if req.GetBody == nil {
		t.Error("GetBody not set: retries could not rewind the body")
	}

	for _, p := range []string{"../x", "a/../../x", "/environments/", "a/%2e%2e/b", "https://evil.example.com/x", "a/..%2Fb"} {
		if _, err := c.NewRequest(t.Context(), "GET", p, nil, nil); !errors.Is(err, ErrPathTraversal) {
			t.Errorf("NewRequest(%q) err = %v, want ErrPathTraversal", p, err)
		}
	}
	if _, err := c.NewRequest(t.Context(), "GET", "x?y=1", nil, nil); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("query in path: err = %v", err)
	}
	//lint:ignore SA1012 a nil context is the case under test
	if _, err := c.NewRequest(nil, "GET", "x", nil, nil); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("nil ctx: err = %v", err)
	}
	req, err = c.NewRequest(t.Context(), "POST", "environments/e/deployment/", nil, strings.NewReader("bytes"))
	if err != nil {
		t.Fatal(err)
	}
	if got := req.Header.Get("Content-Type"); got != "application/octet-stream" {
		t.Errorf("raw body Content-Type = %q", got)
	}
}

func TestEscapeKey(t *testing.T) {
	if _, err := escapeKey("DeploymentKey", ""); !errors.Is(err, ErrEmptyKey) {
		t.Errorf("empty: %v", err)
	}
	if _, err := escapeKey("DeploymentKey", ".."); !errors.Is(err, ErrPathTraversal) {
		t.Errorf("dotdot: %v", err)
	}
	if got, _ := escapeKey("K", "a/b"); got != "a%2Fb" {
		t.Errorf("escaped = %q", got)
	}
}

func TestDoDecodesAndErrors(t *testing.T) {
	client, mux := setup(t)
	mux.HandleFunc("/ok/", func(w http.ResponseWriter, r *http.Request) {
		testHeader(t, r, "Authorization", "Bearer "+testToken)
		if !strings.HasPrefix(r.UserAgent(), "go-outsystems/") {
			t.Errorf("User-Agent = %q", r.UserAgent())
		}
		w.Header().Set("X-Request-Id", "req-1")
		writeJSON(w, 200, `{"Name":"a","Unknown":1}`)
	})
	mux.HandleFunc("/empty/", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) })
	mux.HandleFunc("/missing/", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 404, notFoundBody) })
	mux.HandleFunc("/html/", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(502)
		_, _ = io.WriteString(w, "<html>bad gateway</html>")
	})
	mux.HandleFunc("/garbage/", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, `{"Name":`) })

	ctx := t.Context()
	var v struct{ Name string }
	req, _ := client.NewRequest(ctx, "GET", "ok/", nil, nil)
	resp, err := client.Do(req, "Test_Get", &v)
	if err != nil || v.Name != "a" || resp.RequestID != "req-1" || resp.StatusCode != 200 {
		t.Errorf("ok: v=%+v resp=%+v err=%v", v, resp, err)
	}

	var list []string
	req, _ = client.NewRequest(ctx, "GET", "empty/", nil, nil)
	if _, err := client.Do(req, "Test_List", &list); err != nil || list != nil {
		t.Errorf("204: list=%#v err=%v", list, err)
	}

	req, _ = client.NewRequest(ctx, "GET", "missing/", nil, nil)
	_, err = client.Do(req, "Deployments_Get", &v)
	testAPIError(t, err, 404, "Deployments_Get")
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatal("not an APIError")
	}
	want := &APIError{
		StatusCode: 404, Errors: []string{"Deployment with key x not found."}, BodyStatusCode: 404,
		Operation: "Deployments_Get", Method: "GET", URL: apiErr.URL, Body: []byte(notFoundBody),
	}
	if diff := cmp.Diff(want, apiErr, cmpopts.IgnoreUnexported(APIError{})); diff != "" {
		t.Errorf("APIError (-want +got):\n%s", diff)
	}
	if !strings.HasSuffix(apiErr.URL, baseURLPath+"/missing/") {
		t.Errorf("URL = %q", apiErr.URL)
	}
	if !errors.Is(err, ErrNotFound) || errors.Is(err, ErrServer) {
		t.Errorf("errors.Is mismatch for 404")
	}
	if !strings.Contains(err.Error(), "Deployment with key x not found.") {
		t.Errorf("Error() = %q", err)
	}

	req, _ = client.NewRequest(ctx, "GET", "html/", nil, nil)
	_, err = client.Do(req, "Test_Get", nil)
	if !errors.Is(err, ErrServer) || !errors.As(err, &apiErr) || string(apiErr.Body) != "<html>bad gateway</html>" || apiErr.Errors != nil {
		t.Errorf("502 html: %v", err)
	}

	req, _ = client.NewRequest(ctx, "GET", "garbage/", nil, nil)
	if _, err = client.Do(req, "Test_Get", &v); !errors.Is(err, ErrUnexpectedResponse) {
		t.Errorf("garbage: err = %v, want ErrUnexpectedResponse", err)
	}
}

func TestAPIErrorIs(t *testing.T) {
	tests := []struct {
		status int
		op     string
		want   []error
	}{
		{400, "Applications_List", []error{ErrBadRequest}},
		{400, "Deployments_ExecuteCommand", []error{ErrBadRequest, ErrConflict}},
		{400, "Deployments_Delete", []error{ErrBadRequest, ErrConflict}},
		{401, "x", []error{ErrUnauthorized}},
		{403, "x", []error{ErrForbidden}},
		{404, "x", []error{ErrNotFound}},
		{405, "x", []error{ErrMethodNotAllowed}},
		{409, "x", []error{ErrConflict}},
		{429, "x", []error{ErrTooManyRequests}},
		{500, "x", []error{ErrServer}},
		{501, "x", []error{ErrServer, ErrNotImplemented}},
		{503, "x", []error{ErrServer}},
	}
	all := []error{ErrBadRequest, ErrUnauthorized, ErrForbidden, ErrNotFound, ErrMethodNotAllowed, ErrConflict, ErrTooManyRequests, ErrServer, ErrNotImplemented}
	for _, tt := range tests {
		err := error(&APIError{StatusCode: tt.status, Operation: tt.op})
		for _, s := range all {
			want := false
			for _, w := range tt.want {
				if w == s {
					want = true
				}
			}
			if got := errors.Is(err, s); got != want {
				t.Errorf("%d %s: errors.Is(%v) = %v, want %v", tt.status, tt.op, s, got, want)
			}
		}
	}
}

func TestDoKey(t *testing.T) {
	tests := []struct {
		name, body string
		want       string
		wantErr    bool
	}{
		{"plain", "dce64ad4-2ddf-4e54-a639-3524bcd5b9a1", "dce64ad4-2ddf-4e54-a639-3524bcd5b9a1", false},
		{"plain with newline", "  dce64ad4\r\n", "dce64ad4", false},
		{"quoted", `"16e9ad8a-0000"`, "16e9ad8a-0000", false},
		{"object Key", `{"Key":"k1"}`, "k1", false},
		{"object DeploymentKey", `{"DeploymentKey":"k2"}`, "k2", false},
		{"object two keys", `{"AKey":"a","BKey":"b"}`, "", true},
		{"empty", "", "", true},
		{"html", "<html>oops</html>", "", true},
		{"sentence", "not a key", "", true},
		{"not UTF-8", "\xf6", "", true},
		{"not UTF-8 inside a key", "dce64ad4-\xff\xfe-2ddf", "", true},
		{"quoted, not UTF-8", "\"k-\xf6\"", "", true},
		{"object, not UTF-8", "{\"Key\":\"\xf6\"}", "", true},
		{"replacement character", "k-\uFFFD", "", true},
		{"control character", "k\x01y", "", true},
		{"escaped control character", `"k\u0007y"`, "", true},
		{"DEL", "k\x7fy", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client, mux := setup(t)
			mux.HandleFunc("POST /things/", func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(201)
				_, _ = io.WriteString(w, tt.body)
			})
			req, _ := client.NewRequest(t.Context(), "POST", "things/", nil, struct{}{})
			got, resp, err := client.DoKey(req, "Things_Create")
			if tt.wantErr {
				if !errors.Is(err, ErrUnexpectedResponse) {
					t.Errorf("err = %v, want ErrUnexpectedResponse", err)
				}
				return
			}
			if err != nil || got != tt.want || resp.StatusCode != 201 {
				t.Errorf("got %q, %v, %v; want %q", got, resp, err, tt.want)
			}
		})
	}
}

func TestDoNotRetryingPostButRetryingGet(t *testing.T) {
	client, mux := setup(t, WithRetry(RetryPolicy{MaxAttempts: 3, InitialInterval: 1, MaxInterval: 1}))
	var posts, gets int
	mux.HandleFunc("POST /x/", func(w http.ResponseWriter, r *http.Request) { posts++; w.WriteHeader(503) })
	mux.HandleFunc("GET /x/", func(w http.ResponseWriter, r *http.Request) {
		gets++
		if gets < 3 {
			w.WriteHeader(503)
			return
		}
		writeJSON(w, 200, `"ok"`)
	})
	req, _ := client.NewRequest(t.Context(), "POST", "x/", nil, struct{}{})
	if _, err := client.Do(req, "X_Create", nil); !errors.Is(err, ErrServer) || posts != 1 {
		t.Errorf("POST: err=%v posts=%d, want 503 after 1", err, posts)
	}
	var s string
	req, _ = client.NewRequest(t.Context(), "GET", "x/", nil, nil)
	if _, err := client.Do(req, "X_Get", &s); err != nil || s != "ok" || gets != 3 {
		t.Errorf("GET: %q %v after %d", s, err, gets)
	}
}

func TestDoContextCanceled(t *testing.T) {
	client, mux := setup(t)
	mux.HandleFunc("/x/", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, `{}`) })
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	req, _ := client.NewRequest(ctx, "GET", "x/", nil, nil)
	_, err := client.Do(req, "X_Get", nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	var opErr *OperationError
	if !errors.As(err, &opErr) || opErr.Operation != "X_Get" {
		t.Errorf("err = %#v, want *OperationError for X_Get", err)
	}
}

func TestSecretsNotInErrors(t *testing.T) {
	client, mux := setup(t)
	mux.HandleFunc("/x/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 401, `{"Errors":["Invalid token `+testToken+`"],"StatusCode":401}`)
	})
	mux.HandleFunc("/plain/", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(403)
		_, _ = io.WriteString(w, "token "+testToken+" refused")
	})
	req, _ := client.NewRequest(t.Context(), "GET", "x/", url.Values{"token": {testToken}}, nil)
	_, err := client.Do(req, "X_Get", nil)
	if !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), testToken) {
		t.Errorf("error text contains the token: %v", err)
	}
	req, _ = client.NewRequest(t.Context(), "GET", "plain/", nil, nil)
	_, err = client.Do(req, "X_Get", nil)
	if !errors.Is(err, ErrForbidden) || strings.Contains(err.Error(), testToken) || !strings.Contains(err.Error(), "token REDACTED refused") {
		t.Errorf("plain-text body: %v", err)
	}
}
