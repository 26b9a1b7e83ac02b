// Package httpclienttest checks, over a real HTTPS server, that a client
// package's TLS options follow the rules of package httpclient: an
// untrusted certificate is refused by default and accepted with
// WithCABundle, WithCAFile or WithTLSConfig; a certificate of another CA
// stays refused; bad input gives the package's invalid-option error.
// The three clients (lifetime, servicecenter, ltservices) run the same
// cases with [Run].
package httpclienttest

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"io/fs"
	"log"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-outsystems/outsystems/internal/httpclient"
)

// Client describes a client package's options and one call, for [Run].
type Client[O any] struct {
	// TLSConfig, CABundle, CAFile and HTTPClient are the package's
	// WithTLSConfig, WithCABundle, WithCAFile and WithHTTPClient.
	TLSConfig  func(*tls.Config) O
	CABundle   func([]byte) O
	CAFile     func(string) O
	HTTPClient func(*http.Client) O
	// Call creates a client of baseURL with opts (and whatever else the
	// package needs, retries off) and makes one call through it, checking
	// its result. It returns NewClient's error, or the call's.
	Call func(ctx context.Context, baseURL string, opts ...O) error
	// Handler answers the call successfully.
	Handler http.Handler
	// InvalidOption is the package's ErrInvalidOption.
	InvalidOption error
}

// Run starts an HTTPS server with a certificate no system root trusts and
// runs the cases as subtests of t.
func Run[O any](t *testing.T, c Client[O]) {
	t.Helper()
	srv := httptest.NewUnstartedServer(c.Handler)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshakes
	srv.StartTLS()
	t.Cleanup(srv.Close)
	caPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	dir := t.TempDir()
	caFile := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(caFile, caPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	notPEM := filepath.Join(dir, "not.pem")
	if err := os.WriteFile(notPEM, []byte("not a certificate\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	custom := &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
		return nil, errors.New("the custom transport must not be used")
	})}

	type want int
	const (
		ok want = iota
		untrusted
		invalid
	)
	cases := []struct {
		name  string
		opts  []O
		want  want
		cause error // with invalid: also matched by the error
	}{
		{name: "defaults refuse the certificate", want: untrusted},
		{name: "CA bundle", opts: []O{c.CABundle(caPEM)}, want: ok},
		{name: "CA file", opts: []O{c.CAFile(caFile)}, want: ok},
		{name: "TLS config with the roots", opts: []O{c.TLSConfig(&tls.Config{RootCAs: pool})}, want: ok},
		{name: "HTTP client and CA bundle", opts: []O{c.HTTPClient(&http.Client{Timeout: time.Minute}), c.CABundle(caPEM)}, want: ok},
		{name: "CA bundle of another CA", opts: []O{c.CABundle(NewCA(t))}, want: untrusted},
		{name: "bundle without PEM", opts: []O{c.CABundle([]byte("-----BEGIN CERTIFICATE-----\nnope\n"))}, want: invalid, cause: httpclient.ErrNoCertificate},
		{name: "missing CA file", opts: []O{c.CAFile(filepath.Join(dir, "missing.pem"))}, want: invalid, cause: fs.ErrNotExist},
		{name: "CA file without PEM", opts: []O{c.CAFile(notPEM)}, want: invalid, cause: httpclient.ErrNoCertificate},
		{name: "nil TLS config", opts: []O{c.TLSConfig(nil)}, want: invalid, cause: httpclient.ErrNilTLSConfig},
		{name: "TLS option with a custom RoundTripper", opts: []O{c.HTTPClient(custom), c.CABundle(caPEM)}, want: invalid, cause: httpclient.ErrUnsupportedTransport},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := c.Call(t.Context(), srv.URL, tc.opts...)
			switch tc.want {
			case ok:
				if err != nil {
					t.Fatalf("call failed: %v", err)
				}
			case untrusted:
				if !IsUntrusted(err) {
					t.Fatalf("err = %v, want a certificate verification error", err)
				}
			case invalid:
				if !errors.Is(err, c.InvalidOption) || !errors.Is(err, tc.cause) {
					t.Fatalf("err = %v, want the invalid-option error wrapping %v", err, tc.cause)
				}
			}
		})
	}
}

// IsUntrusted reports whether err says the server's certificate was not
// verified.
func IsUntrusted(err error) bool {
	var unknown x509.UnknownAuthorityError
	var verify *tls.CertificateVerificationError
	return errors.As(err, &unknown) || errors.As(err, &verify)
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// NewCA returns a fresh self-signed CA certificate in PEM form, trusted by
// nobody (all httptest servers share one certificate, so its CA cannot
// serve as "another CA").
func NewCA(t *testing.T) []byte {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "httpclienttest CA"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}
