package reliability_test

import (
	"context"
	"encoding/pem"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/go-outsystems/outsystems/internal/httpclient/httpclienttest"
	"github.com/go-outsystems/outsystems/internal/sim"
	"github.com/go-outsystems/outsystems/internal/transport"
	"github.com/go-outsystems/outsystems/lifetime"
	"github.com/go-outsystems/outsystems/lifetime/ltservices"
	"github.com/go-outsystems/outsystems/servicecenter"
)

// tlsCall is one client of this module calling the simulated console.
type tlsCall struct {
	api string
	// build makes a client for baseURL with the options the case gives.
	build func(baseURL string, o tlsOptions) (func(context.Context) error, error)
}

// tlsOptions are what a case gives the client.
type tlsOptions struct {
	token    string
	password string // Service Center password; the call then needs it
	insecure bool   // allow http://
	caPEM    []byte // trust this CA (nil: system roots only)
	caFile   string // trust the CA of this PEM file ("": none)
}

func tlsCalls() []tlsCall {
	return []tlsCall{
		{api: "lifetime", build: func(u string, o tlsOptions) (func(context.Context) error, error) {
			opts := []lifetime.Option{lifetime.WithToken(o.token), lifetime.WithRetry(lifetime.NoRetry())}
			if o.insecure {
				opts = append(opts, lifetime.WithInsecureHTTP())
			}
			if o.caPEM != nil {
				opts = append(opts, lifetime.WithCABundle(o.caPEM))
			}
			if o.caFile != "" {
				opts = append(opts, lifetime.WithCAFile(o.caFile))
			}
			c, err := lifetime.NewClient(u, opts...)
			if err != nil {
				return nil, err
			}
			return func(ctx context.Context) error { _, _, err := c.Environments.List(ctx); return err }, nil
		}},
		{api: "servicecenter", build: func(u string, o tlsOptions) (func(context.Context) error, error) {
			opts := []servicecenter.Option{servicecenter.WithRetry(servicecenter.RetryPolicy{MaxAttempts: 1})}
			if o.insecure {
				opts = append(opts, servicecenter.WithInsecureHTTP())
			}
			if o.caPEM != nil {
				opts = append(opts, servicecenter.WithCABundle(o.caPEM))
			}
			if o.caFile != "" {
				opts = append(opts, servicecenter.WithCAFile(o.caFile))
			}
			if o.password != "" {
				opts = append(opts, servicecenter.WithCredentials("admin", o.password))
			}
			c, err := servicecenter.NewClient(u, opts...)
			if err != nil {
				return nil, err
			}
			if o.password != "" {
				return func(ctx context.Context) error { _, err := c.TestLogin(ctx); return err }, nil
			}
			return func(ctx context.Context) error { _, err := c.PlatformInfo(ctx); return err }, nil
		}},
		{api: "ltservices", build: func(u string, o tlsOptions) (func(context.Context) error, error) {
			opts := []ltservices.Option{ltservices.WithServiceAccountToken(o.token), ltservices.WithRetry(ltservices.RetryPolicy{MaxAttempts: 1})}
			if o.insecure {
				opts = append(opts, ltservices.WithInsecureHTTP())
			}
			if o.caPEM != nil {
				opts = append(opts, ltservices.WithCABundle(o.caPEM))
			}
			if o.caFile != "" {
				opts = append(opts, ltservices.WithCAFile(o.caFile))
			}
			c, err := ltservices.NewClient(u, opts...)
			if err != nil {
				return nil, err
			}
			return func(ctx context.Context) error { _, err := c.Roles.List(ctx); return err }, nil
		}},
	}
}

// TestTLS checks, for the three clients, that an untrusted certificate and
// plain http are refused by default, and that trusting the test CA with
// their CA bundle option (WithCABundle, and WithCAFile) makes the HTTPS
// console reachable.
func TestTLS(t *testing.T) {
	secure := newSimServer(t, true)
	plain := newSimServer(t, false)
	ca := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: secure.Certificate().Raw})
	otherCA := httpclienttest.NewCA(t) // httptest servers share one certificate: make another
	if strings.HasPrefix(secure.URL, "http://") || !strings.HasPrefix(plain.URL, "http://") {
		t.Fatalf("servers: %s, %s", secure.URL, plain.URL)
	}

	cases := []struct {
		name string
		url  string
		opts tlsOptions
		// want: "ok", "untrusted" (certificate refused at the call),
		// "refused-http" (NewClient refuses the http URL).
		want string
	}{
		{name: "untrusted certificate, defaults", url: secure.URL, opts: tlsOptions{token: secure.token}, want: "untrusted"},
		{name: "certificate of another CA", url: secure.URL, opts: tlsOptions{token: secure.token, caPEM: otherCA}, want: "untrusted"},
		{name: "test CA trusted", url: secure.URL, opts: tlsOptions{token: secure.token, caPEM: ca}, want: "ok"},
		{name: "plain http, defaults", url: plain.URL, opts: tlsOptions{token: plain.token}, want: "refused-http"},
		{name: "plain http, explicitly allowed", url: plain.URL, opts: tlsOptions{token: plain.token, insecure: true}, want: "ok"},
	}
	counts := map[string]int{}
	for _, call := range tlsCalls() {
		for _, tc := range cases {
			t.Run(call.api+"/"+tc.name, func(t *testing.T) {
				do, err := call.build(tc.url, tc.opts)
				if tc.want == "refused-http" {
					if err == nil {
						t.Fatal("NewClient accepted an http:// URL without the insecure option")
					}
					if !strings.Contains(strings.ToLower(err.Error()), "http") {
						t.Errorf("error %q does not say that http is the problem", err)
					}
					counts[tc.want]++
					return
				}
				if err != nil {
					t.Fatalf("NewClient: %v", err)
				}
				err = do(t.Context())
				switch tc.want {
				case "ok":
					if err != nil {
						t.Fatalf("call failed: %v", err)
					}
				case "untrusted":
					if !httpclienttest.IsUntrusted(err) {
						t.Fatalf("err = %v, want a certificate verification error", err)
					}
					if !strings.Contains(err.Error(), "certificate") {
						t.Errorf("error %q does not mention the certificate", err)
					}
					if strings.Contains(err.Error(), tc.opts.token) {
						t.Error("the error contains the token")
					}
				}
				counts[tc.want]++
			})
		}
	}

	// WithCAFile reads the same bundle from a file.
	path := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(path, ca, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, call := range tlsCalls() {
		do, err := call.build(secure.URL, tlsOptions{token: secure.token, caFile: path})
		if err != nil {
			t.Fatalf("%s with WithCAFile: NewClient: %v", call.api, err)
		}
		if err := do(t.Context()); err != nil {
			t.Errorf("%s with WithCAFile: %v", call.api, err)
		} else {
			counts["ok"]++
		}
	}
	summary(t, "tls: %d clients; %d calls refused an untrusted certificate, %d http:// URLs refused without the explicit option, %d calls succeeded with the test CA or explicit http",
		len(tlsCalls()), counts["untrusted"], counts["refused-http"], counts["ok"])
}

// simServer is a simulated console on a loopback server.
type simServer struct {
	*httptest.Server
	token string
}

// newSimServer serves a simulated console over HTTPS (with httptest's
// certificate) or plain http, with the server's error log (TLS handshake
// failures, which these tests cause on purpose) discarded.
func newSimServer(t *testing.T, https bool) *simServer {
	t.Helper()
	s, err := sim.NewScenario("default", sim.Options{Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(s)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	if https {
		srv.StartTLS()
	} else {
		srv.Start()
	}
	t.Cleanup(srv.Close)
	return &simServer{Server: srv, token: s.Token()}
}

// TestRedirectToPlainHTTP has an HTTPS console answer every request with a
// 307 redirect to a plain-http server on another port: no client may follow
// it with its credentials (the token in the Authorization header, the token
// or the password in the SOAP body).
func TestRedirectToPlainHTTP(t *testing.T) {
	const (
		token    = "redirect-token-7a5c3e1f"
		password = "redirect-Pw-0d9b8c7a"
	)
	var mu sync.Mutex
	leakedBy := map[string]int{}
	reached := 0
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		reached++
		for _, secret := range []string{token, password} {
			if strings.Contains(r.Header.Get("Authorization"), secret) || strings.Contains(string(body), secret) {
				leakedBy[r.URL.Path]++
			}
		}
		http.Error(w, "plain http", http.StatusTeapot)
	}))
	defer plain.Close()
	secure := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, plain.URL+r.URL.RequestURI(), http.StatusTemporaryRedirect)
	}))
	defer secure.Close()
	ca := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: secure.Certificate().Raw})

	refused, leaks := 0, 0
	for _, call := range tlsCalls() {
		t.Run(call.api, func(t *testing.T) {
			do, err := call.build(secure.URL, tlsOptions{token: token, password: password, caPEM: ca})
			if err != nil {
				t.Fatal(err)
			}
			err = do(t.Context())
			if err == nil {
				t.Fatal("the call succeeded through a redirect to plain http")
			}
			if !errors.Is(err, transport.ErrRedirectRefused) {
				t.Errorf("err = %v, want the redirect refused", err)
			} else {
				refused++
			}
			if strings.Contains(err.Error(), token) || strings.Contains(err.Error(), password) {
				t.Error("the error contains a secret")
			}
			mu.Lock()
			defer mu.Unlock()
			for p, n := range leakedBy {
				leaks += n
				t.Errorf("%d requests to %s carried credentials to the plain-http server", n, p)
			}
			clear(leakedBy)
		})
	}
	mu.Lock()
	defer mu.Unlock()
	if reached != 0 {
		t.Errorf("%d requests reached the plain-http server, want 0", reached)
	}
	summary(t, "tls: %d clients redirected from https to plain http: %d calls refused the redirect, %d requests reached the http server, %d credential leaks",
		len(tlsCalls()), refused, reached, leaks)
}
