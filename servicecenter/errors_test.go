package servicecenter_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"github.com/google/go-cmp/cmp"

	"github.com/go-outsystems/outsystems/internal/transport/memnet"
	"github.com/go-outsystems/outsystems/servicecenter"
)

func TestFaultBecomesFaultError(t *testing.T) {
	f := newFake(t, soapFault("soap:Server", "Invalid username or password.", "<detail><Reason>locked</Reason></detail>"))
	c := f.client(t, servicecenter.WithRetry(servicecenter.RetryPolicy{MaxAttempts: 4}))
	_, err := c.TestLogin(t.Context())
	var fe *servicecenter.FaultError
	if !errors.As(err, &fe) {
		t.Fatalf("error %T %v, want *FaultError", err, err)
	}
	want := &servicecenter.FaultError{
		Operation: "Solutions.TestLogin", StatusCode: 500, Code: "soap:Server",
		String: "Invalid username or password.", Detail: "<Reason>locked</Reason>",
	}
	if diff := cmp.Diff(want, fe); diff != "" {
		t.Errorf("fault (-want +got):\n%s", diff)
	}
	if !errors.Is(err, servicecenter.ErrLoginFailed) {
		t.Error("errors.Is(err, ErrLoginFailed) = false")
	}
	if strings.Contains(err.Error(), testPassword) {
		t.Error("the password appears in the error")
	}
	// TestLogin is read-only, yet a fault (HTTP 500) is never retried.
	if n := len(f.recorded()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestOtherFaultIsNotLoginFailed(t *testing.T) {
	f := newFake(t, soapFault("soap:Server", "Solution 'X' does not exist.", ""))
	_, err := f.client(t).SolutionID(t.Context(), "X")
	var fe *servicecenter.FaultError
	if !errors.As(err, &fe) || fe.String != "Solution 'X' does not exist." || fe.Operation != "Solutions.GetSolutionIdByName" {
		t.Fatalf("error %v, want the fault", err)
	}
	if errors.Is(err, servicecenter.ErrLoginFailed) {
		t.Error("an unknown solution matches ErrLoginFailed")
	}
}

func TestNonXMLAnswerBecomesHTTPError(t *testing.T) {
	tests := []struct {
		name      string
		answer    answer
		wantCalls int
	}{
		{"html login page with 200", answer{200, "text/html", "<html><body>Login</body></html>"}, 1},
		{"404 for a service outside the internal network", answer{404, "text/html", "<html>Not Found</html>"}, 1},
		{"502 from a proxy, sent once with retries off", answer{502, "text/html", "<html>" + strings.Repeat("Bad Gateway ", 100000) + "</html>"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, tt.answer)
			c := f.client(t, servicecenter.WithRetry(servicecenter.RetryPolicy{MaxAttempts: 1}))
			_, err := c.PlatformInfo(t.Context())
			var he *servicecenter.HTTPError
			if !errors.As(err, &he) {
				t.Fatalf("error %T %v, want *HTTPError", err, err)
			}
			if he.StatusCode != tt.answer.status || he.ContentType != tt.answer.ctype || he.Operation != "OutSystemsPlatform.GetPlatformInfo" {
				t.Errorf("got %d %q %q", he.StatusCode, he.ContentType, he.Operation)
			}
			if len(he.Body) > 1<<20 || !bytes.HasPrefix([]byte(tt.answer.body), he.Body) {
				t.Errorf("body of %d bytes is not a bounded prefix of the answer", len(he.Body))
			}
			if n := len(f.recorded()); n != tt.wantCalls {
				t.Errorf("%d requests, want %d", n, tt.wantCalls)
			}
		})
	}
}

// TestReadOnlyRetriedOn503 runs in a synctest bubble so that the backoff
// between attempts takes no real time.
func TestReadOnlyRetriedOn503(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var calls atomic.Int64
		page := "<html><body>" + strings.Repeat("Service Unavailable ", 100000) + "</body></html>"
		srv := memnet.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusServiceUnavailable)
			io.WriteString(w, page)
		}))
		defer srv.Close()
		c, err := servicecenter.NewClient(srv.URL, servicecenter.WithInsecureHTTP(), servicecenter.WithHTTPClient(srv.Client()),
			servicecenter.WithRetry(servicecenter.RetryPolicy{MaxAttempts: 3}))
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.PlatformInfo(t.Context())
		var he *servicecenter.HTTPError
		if !errors.As(err, &he) || he.StatusCode != 503 || len(he.Body) != 1<<20 {
			t.Fatalf("error %v, want *HTTPError 503 with 1 MiB of body", err)
		}
		if n := calls.Load(); n != 3 {
			t.Errorf("%d attempts, want 3", n)
		}

		// Every operation of the read-only allow-list is retried.
		c, err = servicecenter.NewClient(srv.URL, servicecenter.WithInsecureHTTP(), servicecenter.WithHTTPClient(srv.Client()),
			servicecenter.WithCredentials(testUser, testPassword), servicecenter.WithRetry(servicecenter.RetryPolicy{MaxAttempts: 2}))
		if err != nil {
			t.Fatal(err)
		}
		ctx := t.Context()
		for name, call := range map[string]func() error{
			"TestLogin":                       func() error { _, err := c.TestLogin(ctx); return err },
			"GetSolutionIdByName":             func() error { _, err := c.SolutionID(ctx, "All"); return err },
			"GetMessages":                     func() error { _, err := c.Messages(ctx, 1, 0); return err },
			"Download":                        func() error { _, err := c.Download(ctx, "All", 0); return err },
			"Modules_Get":                     func() error { _, err := c.ExperimentalModules(ctx); return err },
			"SolutionPack_GetPublishMessages": func() error { _, err := c.ExperimentalPublishMessages(ctx, 1, 0); return err },
		} {
			calls.Store(0)
			if err := call(); !errors.As(err, &he) {
				t.Errorf("%s: %v, want *HTTPError", name, err)
			}
			if n := calls.Load(); n != 2 {
				t.Errorf("%s: %d attempts, want 2", name, n)
			}
		}
	})
}

func TestMutatingOperationsAreSentOnce(t *testing.T) {
	f := newFake(t, answer{503, "text/html", "busy"})
	c := f.client(t, servicecenter.WithRetry(servicecenter.RetryPolicy{MaxAttempts: 5}))
	ctx := t.Context()
	calls := map[string]func() error{
		"CreateAllSolution": func() error { _, err := c.CreateAllSolution(ctx, "All"); return err },
		"PublishRunning":    func() error { _, err := c.PublishRunning(ctx, "All", nil); return err },
		"Publish":           func() error { _, err := c.Publish(ctx, "a.osp", strings.NewReader("x"), nil); return err },
		"Delete":            func() error { _, err := c.Delete(ctx, 1); return err },
	}
	for name, call := range calls {
		before := len(f.recorded())
		var he *servicecenter.HTTPError
		if err := call(); !errors.As(err, &he) || he.StatusCode != 503 {
			t.Errorf("%s: error %v, want *HTTPError 503", name, err)
		}
		if n := len(f.recorded()) - before; n != 1 {
			t.Errorf("%s sent %d times, want once", name, n)
		}
	}
}

func TestLocalValidation(t *testing.T) {
	f := newFake(t, soapOK("TestLogin", ""))
	c := f.client(t)
	noCreds, err := servicecenter.NewClient(f.URL, servicecenter.WithInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"no credentials", func() error { _, err := noCreds.TestLogin(ctx); return err }(), servicecenter.ErrNoCredentials},
		{"empty solution name", func() error { _, err := c.CreateAllSolution(ctx, " "); return err }(), servicecenter.ErrInvalidArgument},
		{"publish path", func() error { _, err := c.Publish(ctx, "../x.osp", strings.NewReader("x"), nil); return err }(), servicecenter.ErrInvalidArgument},
		{"publish empty", func() error { _, err := c.Publish(ctx, "x.osp", strings.NewReader(""), nil); return err }(), servicecenter.ErrInvalidArgument},
		{"bad publication", func() error { _, err := c.Messages(ctx, 0, 0); return err }(), servicecenter.ErrInvalidArgument},
		{"bad delete", func() error { _, err := c.Delete(ctx, -1); return err }(), servicecenter.ErrInvalidArgument},
	}
	for _, tt := range tests {
		if !errors.Is(tt.err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, tt.err, tt.want)
		}
	}
	if n := len(f.recorded()); n != 0 {
		t.Errorf("%d requests sent for invalid input", n)
	}
}

func TestNewClientValidates(t *testing.T) {
	tests := []struct {
		host string
		opts []servicecenter.Option
	}{
		{"", nil},
		{"http://sc.example.com", nil},
		{"https://sc.example.com/other", nil},
		{"sc.example.com", []servicecenter.Option{servicecenter.WithCredentials("", "x")}},
		{"sc.example.com", []servicecenter.Option{servicecenter.WithCredentials("u", "")}},
		{"sc.example.com", []servicecenter.Option{servicecenter.WithHTTPClient(nil)}},
		{"sc.example.com", []servicecenter.Option{servicecenter.WithRetry(servicecenter.RetryPolicy{MaxAttempts: -1})}},
		{"sc.example.com", []servicecenter.Option{servicecenter.WithUserAgent(" ")}},
		{"sc.example.com", []servicecenter.Option{servicecenter.WithUserAgent("tool/1\r\nX-Injected: 1")}},
	}
	for _, tt := range tests {
		if _, err := servicecenter.NewClient(tt.host, tt.opts...); !errors.Is(err, servicecenter.ErrInvalidOption) {
			t.Errorf("NewClient(%q): %v, want ErrInvalidOption", tt.host, err)
		}
	}
	c, err := servicecenter.NewClient("https://sc.example.com/ServiceCenter/", servicecenter.WithCredentials("u", "p"))
	if err != nil || c.BaseURL() != "https://sc.example.com" {
		t.Errorf("NewClient = %v, %v", c, err)
	}
}

func TestUserAgent(t *testing.T) {
	var mu sync.Mutex
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Header.Get("User-Agent"))
		mu.Unlock()
		a := soapOK("GetPlatformInfo", platformAnswer)
		w.Header().Set("Content-Type", a.ctype)
		io.WriteString(w, a.body)
	}))
	defer srv.Close()
	for _, opts := range [][]servicecenter.Option{nil, {servicecenter.WithUserAgent("release-bot/2.1")}} {
		c, err := servicecenter.NewClient(srv.URL, append(opts, servicecenter.WithInsecureHTTP())...)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.PlatformInfo(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 2 || !strings.HasPrefix(got[0], "go-outsystems/") || got[1] != "release-bot/2.1" {
		t.Errorf("User-Agent headers %q, want go-outsystems/<version> then release-bot/2.1", got)
	}
}

func TestCanceledContext(t *testing.T) {
	f := newFake(t, soapOK("GetPlatformInfo", ""))
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := f.client(t).PlatformInfo(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

func TestZeroIDs(t *testing.T) {
	f := newFake(t, soapOK("GetSolutionIdByName", "<SolutionId>0</SolutionId>"))
	if _, err := f.client(t).SolutionID(t.Context(), "Missing"); !errors.Is(err, servicecenter.ErrNotFound) {
		t.Errorf("SolutionId 0: %v, want ErrNotFound", err)
	}
	f = newFake(t, soapOK("PublishRunning", "<SolutionId>3</SolutionId><SolutionPubId>0</SolutionPubId>"))
	if _, err := f.client(t).PublishRunning(t.Context(), "All", nil); !errors.Is(err, servicecenter.ErrPublishNotStarted) {
		t.Errorf("SolutionPubId 0: %v, want ErrPublishNotStarted", err)
	}
	f = newFake(t, soapOK("Publish", "<Messages>Pack is invalid.</Messages><SolutionPubId>0</SolutionPubId><PackSchemaVersion>0</PackSchemaVersion><NeedsConfiguration>false</NeedsConfiguration>"))
	res, err := f.client(t).Publish(t.Context(), "a.osp", strings.NewReader("PK"), nil)
	if !errors.Is(err, servicecenter.ErrPublishNotStarted) {
		t.Fatalf("Publish id 0: %v, want ErrPublishNotStarted", err)
	}
	want := []servicecenter.Message{{Type: servicecenter.MessageInfo, Text: "Pack is invalid."}}
	if diff := cmp.Diff(want, res.Messages); diff != "" {
		t.Errorf("plain-text messages (-want +got):\n%s", diff)
	}
}
