package servicecenter

import (
	"crypto/tls"
	"log/slog"
	"net/http"
	"time"

	"github.com/go-outsystems/outsystems/internal/soap"
)

// Option configures a [Client]. Options validate their input and make
// [NewClient] fail with an error wrapping [ErrInvalidOption].
type Option func(*config) error

type config struct {
	username, password string
	soap.ClientConfig  // HTTP, TLS, logger, user agent, retry, insecure http
}

// DefaultPerAttemptTimeout is how long one attempt waits for the answer's
// headers unless [RetryPolicy].PerAttemptTimeout says otherwise. Service
// Center packs, uploads and downloads whole solutions synchronously, so the
// default is generous; the context bounds every call anyway.
const DefaultPerAttemptTimeout = 15 * time.Minute

// RetryPolicy says how read-only operations (GetPlatformInfo, TestLogin,
// GetSolutionIdByName, GetMessages, Download) are retried on connection
// errors and on HTTP 408, 429, 502, 503 and 504. Operations that change
// something (CreateAllSolution, PublishRunning, Publish, Delete) are never
// retried, and SOAP faults (HTTP 500) never are. Zero fields take defaults.
type RetryPolicy struct {
	// MaxAttempts is the total number of attempts of a read-only call, the
	// first included: 1 disables retries, 0 means 4.
	MaxAttempts int
	// MaxElapsedTime bounds the time spent retrying one call; 0 means 2 minutes.
	MaxElapsedTime time.Duration
	// PerAttemptTimeout bounds the wait for the headers of one answer;
	// 0 means DefaultPerAttemptTimeout.
	PerAttemptTimeout time.Duration
}

// WithCredentials sets the Service Center user and password sent in the
// body of every operation that needs them (all but GetPlatformInfo).
//
// The password is sent exactly as given. Two forms exist and it is not
// publicly known which one a given Service Center accepts (soap-apis.md
// §2.5): the plain password, or the form OutSystems' own tooling sends, a
// '#' followed by the platform's hash of the password. The hash algorithm is
// proprietary, so the SDK never computes it: pass "#<hash>" yourself when
// your Service Center wants it. Neither form ever appears in logs or errors.
func WithCredentials(username, password string) Option {
	return func(c *config) error {
		if err := soap.CheckCredentials(username, password); err != nil {
			return err
		}
		c.username, c.password = username, password
		return nil
	}
}

// WithHTTPClient sets the HTTP client used to send requests. The client is
// copied, not modified, and used as is: its transport, connection pool
// (net/http keeps 2 idle connections per host unless MaxIdleConnsPerHost
// says otherwise), timeouts and proxy settings are the caller's. Combined
// with [WithTLSConfig] or a CA bundle, its transport must be an
// *http.Transport (or nil, meaning http.DefaultTransport), which is cloned
// to set the TLS configuration.
//
// Without this option the client uses a clone of http.DefaultTransport
// that keeps up to 32 idle connections per host, so connections are
// reused across calls.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error { return c.HTTP.SetClient(hc) }
}

// WithTLSConfig sets the TLS configuration (cloned) of the client's
// transport, for example client certificates or a private root CA pool.
// Certificate verification stays on unless the configuration says
// otherwise; a MinVersion of 0 means TLS 1.2.
func WithTLSConfig(cfg *tls.Config) Option {
	return func(c *config) error { return c.HTTP.SetTLSConfig(cfg) }
}

// WithCABundle adds the PEM certificates in pem to the system roots (or to
// the roots of [WithTLSConfig]) used to verify the Service Center server, for
// self-managed infrastructures with a private CA. A bundle without any
// certificate is refused.
func WithCABundle(pem []byte) Option {
	return func(c *config) error { return c.HTTP.AddCABundle(pem) }
}

// WithCAFile is [WithCABundle] with the PEM read from the file at path
// (when the option is applied, in NewClient).
func WithCAFile(path string) Option {
	return func(c *config) error { return c.HTTP.AddCAFile(path) }
}

// WithLogger sends debug records of every HTTP attempt (operation,
// sanitized URL, status, duration, retries) to l. Bodies, user names and passwords are
// never logged. nil means silent, the default.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.Logger = l
		return nil
	}
}

// WithUserAgent replaces the User-Agent "go-outsystems/<version>". An
// empty value, or one with control characters, is refused.
func WithUserAgent(ua string) Option {
	return func(c *config) error { return c.SetUserAgent(ua) }
}

// WithRetry sets the retry policy of read-only operations. Negative values
// are refused.
func WithRetry(p RetryPolicy) Option {
	return func(c *config) error { return c.SetRetry(soap.RetryPolicy(p)) }
}

// WithInsecureHTTP allows an http:// environment host. Credentials then
// travel in clear text: use it only for tests and local simulators.
func WithInsecureHTTP() Option {
	return func(c *config) error {
		c.AllowHTTP = true
		return nil
	}
}
