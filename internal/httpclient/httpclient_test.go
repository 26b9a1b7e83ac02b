package httpclient_test

import (
	"context"
	"crypto/tls"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/go-outsystems/outsystems/internal/httpclient"
	"github.com/go-outsystems/outsystems/internal/httpclient/httpclienttest"
	"github.com/go-outsystems/outsystems/internal/transport"
)

// newTLSServer returns an HTTPS server answering "ok" (its handshake error
// log discarded) and its certificate in PEM form.
func newTLSServer(t *testing.T) (*httptest.Server, []byte) {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok")
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
}

// get calls url with c and returns the body or the error.
func get(ctx context.Context, c *http.Client, url string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", err
	}
	resp, err := c.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}

func build(t *testing.T, setters ...func(*httpclient.Options) error) *http.Client {
	t.Helper()
	var o httpclient.Options
	for _, set := range setters {
		if err := set(&o); err != nil {
			t.Fatal(err)
		}
	}
	c, err := o.Build()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestTrust runs the shared TLS cases on Options directly.
func TestTrust(t *testing.T) {
	type option = func(*httpclient.Options) error
	httpclienttest.Run(t, httpclienttest.Client[option]{
		TLSConfig:  func(cfg *tls.Config) option { return func(o *httpclient.Options) error { return o.SetTLSConfig(cfg) } },
		CABundle:   func(pem []byte) option { return func(o *httpclient.Options) error { return o.AddCABundle(pem) } },
		CAFile:     func(path string) option { return func(o *httpclient.Options) error { return o.AddCAFile(path) } },
		HTTPClient: func(c *http.Client) option { return func(o *httpclient.Options) error { return o.SetClient(c) } },
		Call: func(ctx context.Context, url string, opts ...option) error {
			var o httpclient.Options
			for _, set := range opts {
				if err := set(&o); err != nil {
					return fmt.Errorf("%w: %w", errInvalid, err)
				}
			}
			c, err := o.Build()
			if err != nil {
				return fmt.Errorf("%w: %w", errInvalid, err)
			}
			body, err := get(ctx, c, url)
			if err == nil && body != "ok" {
				err = fmt.Errorf("body %q, want ok", body)
			}
			return err
		},
		Handler:       http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }),
		InvalidOption: errInvalid,
	})
}

// errInvalid stands for a client package's ErrInvalidOption.
var errInvalid = errors.New("invalid option")

func TestDefaultTransport(t *testing.T) {
	c := build(t)
	tr, ok := c.Transport.(*http.Transport)
	if !ok {
		t.Fatalf("transport %T, want *http.Transport", c.Transport)
	}
	if tr == http.DefaultTransport {
		t.Fatal("the default transport is http.DefaultTransport itself, not a clone")
	}
	if tr.MaxIdleConnsPerHost != transport.DefaultMaxIdleConnsPerHost {
		t.Errorf("MaxIdleConnsPerHost = %d, want %d", tr.MaxIdleConnsPerHost, transport.DefaultMaxIdleConnsPerHost)
	}

	// With a CA bundle the SDK's transport keeps its pool size and gets
	// TLS 1.2 at least.
	_, caPEM := newTLSServer(t)
	c = build(t, func(o *httpclient.Options) error { return o.AddCABundle(caPEM) })
	tr = c.Transport.(*http.Transport)
	if tr.MaxIdleConnsPerHost != transport.DefaultMaxIdleConnsPerHost {
		t.Errorf("with a CA bundle: MaxIdleConnsPerHost = %d, want %d", tr.MaxIdleConnsPerHost, transport.DefaultMaxIdleConnsPerHost)
	}
	if tr.TLSClientConfig == nil || tr.TLSClientConfig.MinVersion != tls.VersionTLS12 {
		t.Errorf("with a CA bundle: TLS config %+v, want MinVersion TLS 1.2", tr.TLSClientConfig)
	}
}

func TestCallerClientUsedAsIs(t *testing.T) {
	rt := roundTripFunc(func(*http.Request) (*http.Response, error) { return nil, errors.New("unused") })
	own := &http.Client{Transport: rt, Timeout: 42 * time.Second}
	c := build(t, func(o *httpclient.Options) error { return o.SetClient(own) })
	if c == own {
		t.Error("Build returned the caller's client itself, not a copy")
	}
	if c.Timeout != own.Timeout {
		t.Errorf("Timeout = %v, want %v", c.Timeout, own.Timeout)
	}
	if _, ok := c.Transport.(roundTripFunc); !ok {
		t.Errorf("transport %T, want the caller's", c.Transport)
	}

	// With a TLS option, a transport that is not an *http.Transport
	// cannot be configured.
	var o httpclient.Options
	if err := o.SetClient(own); err != nil {
		t.Fatal(err)
	}
	if err := o.SetTLSConfig(&tls.Config{}); err != nil {
		t.Fatal(err)
	}
	if _, err := o.Build(); !errors.Is(err, httpclient.ErrUnsupportedTransport) {
		t.Errorf("Build with a custom RoundTripper and TLS options: err = %v, want httpclient.ErrUnsupportedTransport", err)
	}
	o = httpclient.Options{}
	_ = o.SetClient(&http.Client{Transport: (*http.Transport)(nil)})
	_ = o.SetTLSConfig(&tls.Config{})
	if _, err := o.Build(); !errors.Is(err, httpclient.ErrUnsupportedTransport) {
		t.Errorf("Build with a nil *http.Transport and TLS options: err = %v, want httpclient.ErrUnsupportedTransport", err)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestCallerTransportClonedNotModified(t *testing.T) {
	srv, caPEM := newTLSServer(t)
	ownCfg := &tls.Config{ServerName: "example.test", MinVersion: tls.VersionTLS13}
	own := &http.Transport{TLSClientConfig: ownCfg, MaxIdleConnsPerHost: 7}
	c := build(t,
		func(o *httpclient.Options) error { return o.SetClient(&http.Client{Transport: own}) },
		func(o *httpclient.Options) error { return o.AddCABundle(caPEM) })
	tr := c.Transport.(*http.Transport)
	if tr == own {
		t.Fatal("the caller's transport was not cloned")
	}
	if ownCfg.RootCAs != nil {
		t.Error("the caller's TLS config got the CA pool")
	}
	type view struct {
		ServerName   string
		MinVersion   uint16
		IdlePerHost  int
		HasRootCAs   bool
		SameTLSValue bool
	}
	want := view{ServerName: "example.test", MinVersion: tls.VersionTLS13, IdlePerHost: 7, HasRootCAs: true}
	got := view{tr.TLSClientConfig.ServerName, tr.TLSClientConfig.MinVersion, tr.MaxIdleConnsPerHost, tr.TLSClientConfig.RootCAs != nil, tr.TLSClientConfig == ownCfg}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("cloned transport (-want +got):\n%s", diff)
	}
	// ServerName example.test does not match the test certificate: the
	// caller's setting is really in force.
	if _, err := get(t.Context(), c, srv.URL); err == nil {
		t.Error("a call with the caller's ServerName example.test was accepted by a certificate for 127.0.0.1")
	}
}

func TestInputsAreCopied(t *testing.T) {
	srv, caPEM := newTLSServer(t)
	cfg := &tls.Config{}
	bundle := append([]byte(nil), caPEM...)
	var o httpclient.Options
	if err := o.SetTLSConfig(cfg); err != nil {
		t.Fatal(err)
	}
	if err := o.AddCABundle(bundle); err != nil {
		t.Fatal(err)
	}
	cfg.ServerName = "changed.example.test" // would break verification if shared
	clear(bundle)                           // would drop the certificate if shared
	c, err := o.Build()
	if err != nil {
		t.Fatal(err)
	}
	if body, err := get(t.Context(), c, srv.URL); err != nil || body != "ok" {
		t.Fatalf("got %q, %v; want ok", body, err)
	}
	if cfg.RootCAs != nil || cfg.MinVersion != 0 {
		t.Error("Build changed the caller's TLS config")
	}
}

func TestMinVersion(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  *tls.Config
		want uint16
	}{
		{name: "unset", cfg: &tls.Config{}, want: tls.VersionTLS12},
		{name: "TLS 1.3 kept", cfg: &tls.Config{MinVersion: tls.VersionTLS13}, want: tls.VersionTLS13},
	} {
		c := build(t, func(o *httpclient.Options) error { return o.SetTLSConfig(tc.cfg) })
		if got := c.Transport.(*http.Transport).TLSClientConfig.MinVersion; got != tc.want {
			t.Errorf("%s: MinVersion = %#x, want %#x", tc.name, got, tc.want)
		}
	}
}

func TestInvalidInput(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.pem")
	notPEM := filepath.Join(t.TempDir(), "not.pem")
	if err := os.WriteFile(notPEM, []byte("not a certificate"), 0o600); err != nil {
		t.Fatal(err)
	}
	var o httpclient.Options
	for _, tc := range []struct {
		name string
		err  error
		want error
	}{
		{name: "nil client", err: o.SetClient(nil), want: httpclient.ErrNilClient},
		{name: "nil TLS config", err: o.SetTLSConfig(nil), want: httpclient.ErrNilTLSConfig},
		{name: "empty bundle", err: o.AddCABundle(nil), want: httpclient.ErrNoCertificate},
		{name: "bundle without PEM", err: o.AddCABundle([]byte("-----BEGIN CERTIFICATE-----\nnope\n")), want: httpclient.ErrNoCertificate},
		{name: "missing file", err: o.AddCAFile(missing), want: fs.ErrNotExist},
		{name: "file without PEM", err: o.AddCAFile(notPEM), want: httpclient.ErrNoCertificate},
	} {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: err = %v, want %v", tc.name, tc.err, tc.want)
		}
	}
	// Nothing refused was recorded: Build gives the default client.
	c, err := o.Build()
	if err != nil {
		t.Fatal(err)
	}
	tr, ok := c.Transport.(*http.Transport)
	if !ok || tr.MaxIdleConnsPerHost != transport.DefaultMaxIdleConnsPerHost {
		t.Fatalf("after refused input: transport %T, want the default", c.Transport)
	}
	if cfg := tr.TLSClientConfig; cfg != nil && (cfg.RootCAs != nil || cfg.MinVersion != 0) {
		t.Errorf("after refused input: TLS config %+v, want none of ours", cfg)
	}
}

type noTLSRoundTripper struct{}

func (noTLSRoundTripper) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, errors.New("not used")
}

// A program may replace http.DefaultTransport; a caller's client without a
// transport then gets an error with TLS options, not a panic. (Not
// parallel: it changes a global of net/http for the test's duration.)
func TestReplacedDefaultTransport(t *testing.T) {
	saved := http.DefaultTransport
	http.DefaultTransport = noTLSRoundTripper{}
	t.Cleanup(func() { http.DefaultTransport = saved })
	var o httpclient.Options
	if err := o.SetClient(&http.Client{}); err != nil {
		t.Fatal(err)
	}
	if err := o.SetTLSConfig(&tls.Config{}); err != nil {
		t.Fatal(err)
	}
	if _, err := o.Build(); !errors.Is(err, httpclient.ErrUnsupportedTransport) {
		t.Errorf("Build err = %v, want ErrUnsupportedTransport", err)
	}
}
