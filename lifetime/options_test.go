package lifetime

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestTLSOptions(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `[]`)
	}))
	defer srv.Close()
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())

	c, err := NewClient(srv.URL, WithToken("abcd"), WithTLSConfig(&tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Environments.List(t.Context()); err != nil {
		t.Errorf("WithTLSConfig: %v", err)
	}

	// A caller's transport is cloned, never modified.
	own := &http.Transport{}
	c, err = NewClient(srv.URL, WithToken("abcd"), WithHTTPClient(&http.Client{Transport: own}), WithCABundle(certPEM(t, srv.Certificate().Raw)))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Environments.List(t.Context()); err != nil {
		t.Errorf("WithHTTPClient + WithCABundle: %v", err)
	}
	// (Transport.Clone may set up HTTP/2 defaults on the original; the CA
	// pool must not leak into it.)
	if own.TLSClientConfig != nil && own.TLSClientConfig.RootCAs != nil {
		t.Error("the caller's transport got the CA pool")
	}
}

func TestWithLoggerAndUserAgent(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	client, mux := setup(t, WithLogger(logger), WithUserAgent("pipeline/7"))
	mux.HandleFunc("/environments/", func(w http.ResponseWriter, r *http.Request) {
		testHeader(t, r, "User-Agent", "pipeline/7")
		writeJSON(w, 200, `[]`)
	})
	if _, _, err := client.Environments.List(t.Context()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, "operation=Environments_List") || !strings.Contains(out, "status=200") {
		t.Errorf("log lacks the request record:\n%s", out)
	}
	if strings.Contains(out, testToken) {
		t.Errorf("log contains the token:\n%s", out)
	}
}
