// Package httpclient builds the *http.Client of an SDK client from its HTTP
// and TLS options. The LifeTime REST client, the Service Center client and
// the LifeTime Services client offer the same options (WithHTTPClient,
// WithTLSConfig, WithCABundle, WithCAFile) with the same rules; an
// [Options] value holds what they set and [Options.Build] applies the
// rules:
//
//   - without TLS options, the caller's client is used as is (copied, never
//     modified), and without a caller's client the SDK's own transport is
//     used: a clone of http.DefaultTransport keeping more idle connections
//     per host ([transport.NewHTTPTransport]);
//   - with TLS options, the transport (the caller's, which must then be an
//     *http.Transport or nil, or the SDK's own) is cloned and given the TLS
//     configuration: the one of WithTLSConfig (cloned), else a clone of the
//     transport's own, else a new one; CA bundles are added to its root
//     pool, or to the system roots when it has none; a MinVersion left at 0
//     becomes TLS 1.2.
//
// Certificate verification stays on unless the caller's configuration
// turns it off.
package httpclient

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"os"

	"github.com/go-outsystems/outsystems/internal/transport"
)

// Errors of the setters and of Build. The clients wrap them in their
// ErrInvalidOption; the messages name the option in error.
var (
	// ErrNilClient: WithHTTPClient(nil).
	ErrNilClient = errors.New("WithHTTPClient: nil client")
	// ErrNilTLSConfig: WithTLSConfig(nil).
	ErrNilTLSConfig = errors.New("WithTLSConfig: nil config")
	// ErrNoCertificate: a CA bundle without any PEM certificate.
	ErrNoCertificate = errors.New("no PEM certificate found")
	// ErrUnsupportedTransport: TLS options with a caller's client whose
	// transport is not an *http.Transport, which cannot be given a TLS
	// configuration.
	ErrUnsupportedTransport = errors.New("TLS options need an *http.Transport (or nil) in the HTTP client")
)

// Options is what the HTTP and TLS options of a client set. The zero value
// means the SDK's defaults. Use the setters, which validate their input.
type Options struct {
	client    *http.Client
	tlsConfig *tls.Config
	caPEMs    [][]byte
}

// SetClient records the caller's HTTP client (WithHTTPClient). It is not
// modified; [Options.Build] copies it.
func (o *Options) SetClient(c *http.Client) error {
	if c == nil {
		return ErrNilClient
	}
	o.client = c
	return nil
}

// SetTLSConfig records a clone of cfg (WithTLSConfig), so later changes
// of the caller's value do not reach the client.
func (o *Options) SetTLSConfig(cfg *tls.Config) error {
	if cfg == nil {
		return ErrNilTLSConfig
	}
	o.tlsConfig = cfg.Clone()
	return nil
}

// AddCABundle records a copy of the PEM certificates in pem (WithCABundle),
// to be trusted besides the system roots (or the roots of the TLS
// configuration, when it has some). pem must hold at least one certificate.
func (o *Options) AddCABundle(pem []byte) error {
	if !x509.NewCertPool().AppendCertsFromPEM(pem) {
		return fmt.Errorf("WithCABundle: %w", ErrNoCertificate)
	}
	o.caPEMs = append(o.caPEMs, append([]byte(nil), pem...))
	return nil
}

// AddCAFile reads the PEM file at path and records it like
// [Options.AddCABundle] (WithCAFile). The file is read now, not per call.
func (o *Options) AddCAFile(path string) error {
	pem, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("WithCAFile: %w", err)
	}
	if !x509.NewCertPool().AppendCertsFromPEM(pem) {
		return fmt.Errorf("WithCAFile %s: %w", path, ErrNoCertificate)
	}
	o.caPEMs = append(o.caPEMs, pem)
	return nil
}

// hasTLS reports whether a TLS option was given.
func (o *Options) hasTLS() bool {
	return o.tlsConfig != nil || len(o.caPEMs) > 0
}

// Build returns the HTTP client to send requests with (never nil). It does
// no I/O but reading the system root pool when a CA bundle is given
// without a TLS configuration that has roots. The caller's client and
// transport are never modified.
func (o *Options) Build() (*http.Client, error) {
	var c http.Client
	if o.client != nil {
		c = *o.client
	}
	if !o.hasTLS() {
		if o.client == nil {
			c.Transport = transport.NewHTTPTransport()
		}
		return &c, nil
	}
	base, err := o.baseTransport()
	if err != nil {
		return nil, err
	}
	t := base.Clone()
	t.TLSClientConfig = o.buildTLSConfig(t.TLSClientConfig)
	c.Transport = t
	return &c, nil
}

// baseTransport returns the transport that gets the TLS configuration,
// before it is cloned: the caller's (http.DefaultTransport for a nil one)
// or the SDK's own.
func (o *Options) baseTransport() (*http.Transport, error) {
	if o.client == nil {
		return transport.NewHTTPTransport(), nil
	}
	rt := o.client.Transport
	if rt == nil {
		rt = http.DefaultTransport // which a program may have replaced
	}
	t, ok := rt.(*http.Transport)
	switch {
	case !ok:
		return nil, fmt.Errorf("%w: got %T", ErrUnsupportedTransport, rt)
	case t == nil:
		return nil, fmt.Errorf("%w: got a nil *http.Transport", ErrUnsupportedTransport)
	}
	return t, nil
}

// buildTLSConfig returns the TLS configuration of the built transport: the
// option's, else the transport's own (current), else a new one, cloned, at
// least TLS 1.2, with the CA bundles added to its roots.
func (o *Options) buildTLSConfig(current *tls.Config) *tls.Config {
	var cfg *tls.Config
	switch {
	case o.tlsConfig != nil:
		cfg = o.tlsConfig.Clone()
	case current != nil:
		cfg = current.Clone()
	default:
		cfg = &tls.Config{}
	}
	if cfg.MinVersion == 0 {
		cfg.MinVersion = tls.VersionTLS12
	}
	if len(o.caPEMs) == 0 {
		return cfg
	}
	var pool *x509.CertPool
	if cfg.RootCAs != nil {
		pool = cfg.RootCAs.Clone()
	} else if sys, err := x509.SystemCertPool(); err == nil && sys != nil {
		pool = sys
	} else {
		pool = x509.NewCertPool()
	}
	for _, pem := range o.caPEMs {
		pool.AppendCertsFromPEM(pem)
	}
	cfg.RootCAs = pool
	return cfg
}
