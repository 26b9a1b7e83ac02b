package lifetime

import (
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/go-outsystems/outsystems/internal/httpclient"
	"github.com/go-outsystems/outsystems/internal/transport"
)

// Option configures a [Client] in [NewClient]. Options validate their input
// and make NewClient fail with an error wrapping [ErrInvalidOption].
type Option func(*clientOptions) error

type clientOptions struct {
	token        string
	http         httpclient.Options
	retry        *RetryPolicy
	logger       *slog.Logger
	userAgent    string
	insecureHTTP bool
}

// RetryPolicy says how calls that are safe to repeat (GET, PUT, DELETE) are
// retried on connection errors and on HTTP 408, 429, 502, 503 and 504.
// Creating a deployment and other POSTs are never retried. Zero fields take
// the values of [DefaultRetryPolicy]; use [NoRetry] to disable retries.
type RetryPolicy struct {
	// MaxAttempts is the total number of attempts, the first included; 1
	// disables retries.
	MaxAttempts int
	// MaxElapsedTime bounds the time after which no new retry starts.
	MaxElapsedTime time.Duration
	// InitialInterval and MaxInterval bound the jittered exponential
	// backoff between attempts.
	InitialInterval time.Duration
	// MaxInterval caps each backoff delay.
	MaxInterval time.Duration
	// MaxRetryAfter caps how long a server's Retry-After is honoured; a
	// longer one ends the retries and the error is returned.
	MaxRetryAfter time.Duration
	// PerAttemptTimeout bounds each attempt until the response headers
	// arrive.
	PerAttemptTimeout time.Duration
}

// DefaultRetryPolicy returns the policy used when [WithRetry] is not given:
// 4 attempts within 2 minutes, backoff from 500 ms to 15 s with jitter,
// Retry-After honoured up to 1 minute, 60 s per attempt.
func DefaultRetryPolicy() RetryPolicy {
	return fromTransport(transport.DefaultRetryPolicy())
}

// NoRetry returns a policy that sends every request once.
func NoRetry() RetryPolicy {
	return fromTransport(transport.NoRetry())
}

func fromTransport(p transport.RetryPolicy) RetryPolicy {
	return RetryPolicy{
		MaxAttempts:       p.MaxAttempts,
		MaxElapsedTime:    p.MaxElapsedTime,
		InitialInterval:   p.InitialInterval,
		MaxInterval:       p.MaxInterval,
		MaxRetryAfter:     p.MaxRetryAfter,
		PerAttemptTimeout: p.PerAttemptTimeout,
	}
}

func (p RetryPolicy) toTransport() transport.RetryPolicy {
	return transport.RetryPolicy{
		MaxAttempts:       p.MaxAttempts,
		MaxElapsedTime:    p.MaxElapsedTime,
		InitialInterval:   p.InitialInterval,
		MaxInterval:       p.MaxInterval,
		MaxRetryAfter:     p.MaxRetryAfter,
		PerAttemptTimeout: p.PerAttemptTimeout,
	}
}

// WithToken sets the service account token sent as
// "Authorization: Bearer <token>". The token is never logged nor put in
// error messages.
func WithToken(token string) Option {
	return func(o *clientOptions) error {
		token = strings.TrimSpace(token)
		if token == "" {
			return fmt.Errorf("%w: WithToken: empty token", ErrInvalidOption)
		}
		if strings.ContainsAny(token, "\r\n\t ") {
			return fmt.Errorf("%w: WithToken: token contains white space", ErrInvalidOption)
		}
		o.token = token
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
// that keeps up to 32 idle connections per host, so concurrent calls to
// one console reuse their connections.
func WithHTTPClient(c *http.Client) Option {
	return func(o *clientOptions) error { return optionError(o.http.SetClient(c)) }
}

// WithTLSConfig sets the TLS configuration (cloned) of the client's
// transport, for example client certificates or a private root CA pool.
// Certificate verification stays on unless the configuration says
// otherwise.
func WithTLSConfig(cfg *tls.Config) Option {
	return func(o *clientOptions) error { return optionError(o.http.SetTLSConfig(cfg)) }
}

// WithCABundle adds the PEM certificates in pem to the system roots used to
// verify the LifeTime server, for self-managed infrastructures with a
// private CA (outsystems-pipeline issue #86).
func WithCABundle(pem []byte) Option {
	return func(o *clientOptions) error { return optionError(o.http.AddCABundle(pem)) }
}

// WithCAFile is [WithCABundle] with the PEM read from the file at path
// (when the option is applied, in NewClient).
func WithCAFile(path string) Option {
	return func(o *clientOptions) error { return optionError(o.http.AddCAFile(path)) }
}

// WithRetry sets the retry policy of calls that are safe to repeat.
func WithRetry(p RetryPolicy) Option {
	return func(o *clientOptions) error {
		if _, err := transport.New(transport.Config{Retry: p.toTransport()}); err != nil {
			return fmt.Errorf("%w: WithRetry: %w", ErrInvalidOption, err)
		}
		o.retry = &p
		return nil
	}
}

// WithLogger sets the logger receiving debug records of requests, retries
// and waiter polls. Without it the client is silent.
func WithLogger(l *slog.Logger) Option {
	return func(o *clientOptions) error {
		if l == nil {
			return fmt.Errorf("%w: WithLogger: nil logger", ErrInvalidOption)
		}
		o.logger = l
		return nil
	}
}

// WithUserAgent replaces the User-Agent "go-outsystems/<version>".
func WithUserAgent(ua string) Option {
	return func(o *clientOptions) error {
		if strings.TrimSpace(ua) == "" || strings.ContainsAny(ua, "\r\n") {
			return fmt.Errorf("%w: WithUserAgent: empty or multi-line value", ErrInvalidOption)
		}
		o.userAgent = ua
		return nil
	}
}

// WithInsecureHTTP allows a base URL with the http scheme. The token then
// travels in clear text: use it only for tests or trusted networks.
func WithInsecureHTTP() Option {
	return func(o *clientOptions) error {
		o.insecureHTTP = true
		return nil
	}
}

// optionError wraps an error of an HTTP or TLS option in
// [ErrInvalidOption]; nil stays nil.
func optionError(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w: %w", ErrInvalidOption, err)
}

// errNilOption is returned for a nil Option.
var errNilOption = errors.New("nil option")
