package soap

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode"

	"github.com/go-outsystems/outsystems/internal/httpclient"
	"github.com/go-outsystems/outsystems/internal/transport"
)

// ClientConfig is what the options shared by the SOAP clients (package
// servicecenter and package ltservices) set. Each package's own config
// embeds it; its exported options call the setters, which validate.
type ClientConfig struct {
	// HTTP holds WithHTTPClient, WithTLSConfig, WithCABundle and WithCAFile.
	HTTP httpclient.Options
	// Logger receives debug records of every attempt; nil means silent.
	Logger *slog.Logger
	// UserAgent replaces the SDK's when not empty.
	UserAgent string
	// Retry is the retry policy of the read-only operations.
	Retry RetryPolicy
	// AllowHTTP allows a plain http:// host.
	AllowHTTP bool
}

// RetryPolicy has the fields of the packages' exported RetryPolicy types,
// which convert to it. Zero fields take defaults.
type RetryPolicy struct {
	// MaxAttempts is the total number of attempts, the first included.
	MaxAttempts int
	// MaxElapsedTime bounds the time spent retrying one call.
	MaxElapsedTime time.Duration
	// PerAttemptTimeout bounds the wait for the headers of one answer.
	PerAttemptTimeout time.Duration
}

// CheckCredentials validates the arguments of WithCredentials: a user name
// that is not blank and a password that is not empty.
func CheckCredentials(username, password string) error {
	if strings.TrimSpace(username) == "" {
		return errors.New("WithCredentials: empty username")
	}
	if password == "" {
		return errors.New("WithCredentials: empty password")
	}
	return nil
}

// SetUserAgent sets the User-Agent, refusing an empty value or one with
// control characters.
func (c *ClientConfig) SetUserAgent(ua string) error {
	if strings.TrimSpace(ua) == "" {
		return errors.New("WithUserAgent: empty user agent")
	}
	if strings.ContainsFunc(ua, unicode.IsControl) {
		return errors.New("WithUserAgent: control character in the user agent")
	}
	c.UserAgent = ua
	return nil
}

// SetRetry sets the retry policy, refusing negative values.
func (c *ClientConfig) SetRetry(p RetryPolicy) error {
	if p.MaxAttempts < 0 || p.MaxElapsedTime < 0 || p.PerAttemptTimeout < 0 {
		return fmt.Errorf("WithRetry: negative value in %+v", p)
	}
	c.Retry = p
	return nil
}

// Apply runs opts on cfg in order. A nil option is skipped; the first
// error is returned wrapped in invalid (the package's ErrInvalidOption).
func Apply[O ~func(*C) error, C any](cfg *C, invalid error, opts []O) error {
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(cfg); err != nil {
			return fmt.Errorf("%w: %w", invalid, err)
		}
	}
	return nil
}

// NewDoer builds the HTTP client and the pipeline of c and returns a Doer
// sending through them. defaultPerAttempt replaces a zero
// PerAttemptTimeout (0 keeps the pipeline's default); secrets are redacted
// from logs and errors; readOnly is the allow-list of SOAPActions that
// may be retried.
func (c *ClientConfig) NewDoer(defaultPerAttempt time.Duration, secrets []string, readOnly ...string) (*Doer, error) {
	hc, err := c.HTTP.Build()
	if err != nil {
		return nil, err
	}
	retry := transport.RetryPolicy{
		MaxAttempts:       c.Retry.MaxAttempts,
		MaxElapsedTime:    c.Retry.MaxElapsedTime,
		PerAttemptTimeout: c.Retry.PerAttemptTimeout,
	}
	if retry.PerAttemptTimeout == 0 {
		retry.PerAttemptTimeout = defaultPerAttempt
	}
	var keep []string
	for _, s := range secrets {
		if s != "" {
			keep = append(keep, s)
		}
	}
	p, err := transport.New(transport.Config{
		HTTPClient: hc,
		Logger:     c.Logger,
		UserAgent:  c.UserAgent,
		Retry:      retry,
		Secrets:    keep,
	})
	if err != nil {
		return nil, err
	}
	return NewDoer(p, readOnly...), nil
}

// Pipeline returns the pipeline d sends through, for the calls that are
// not SOAP (an upload of a raw file, for example).
func (d *Doer) Pipeline() *transport.Pipeline { return d.pipeline }
