package servicecenter

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"
	"unicode"
)

// Option configures a [Client]. Options validate their input and make
// [NewClient] fail with an error wrapping [ErrInvalidOption].
type Option func(*config) error

type config struct {
	username, password string
	httpClient         *http.Client
	logger             *slog.Logger
	userAgent          string
	retry              RetryPolicy
	allowHTTP          bool
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
		if strings.TrimSpace(username) == "" {
			return errors.New("WithCredentials: empty username")
		}
		if password == "" {
			return errors.New("WithCredentials: empty password")
		}
		c.username, c.password = username, password
		return nil
	}
}

// WithHTTPClient sets the HTTP client (TLS settings, proxy, connection
// pool). It is copied, never modified. Set a Transport that keeps
// connections alive (the default does).
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return errors.New("WithHTTPClient: nil client")
		}
		cp := *hc
		c.httpClient = &cp
		return nil
	}
}

// WithLogger sends debug records of every HTTP attempt (operation,
// sanitized URL, status, duration, retries) to l. Bodies, user names and
// passwords are never logged. nil means silent, the default.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
}

// WithUserAgent replaces the User-Agent "go-outsystems/<version>". An
// empty value, or one with control characters, is refused.
func WithUserAgent(ua string) Option {
	return func(c *config) error {
		if strings.TrimSpace(ua) == "" {
			return errors.New("WithUserAgent: empty user agent")
		}
		if strings.ContainsFunc(ua, unicode.IsControl) {
			return errors.New("WithUserAgent: control character in the user agent")
		}
		c.userAgent = ua
		return nil
	}
}

// WithRetry sets the retry policy of read-only operations.
func WithRetry(p RetryPolicy) Option {
	return func(c *config) error {
		if p.MaxAttempts < 0 || p.MaxElapsedTime < 0 || p.PerAttemptTimeout < 0 {
			return fmt.Errorf("WithRetry: negative value in %+v", p)
		}
		c.retry = p
		return nil
	}
}

// WithInsecureHTTP allows an http:// environment host. Credentials then
// travel in clear text: use it only for tests and local simulators.
func WithInsecureHTTP() Option {
	return func(c *config) error {
		c.allowHTTP = true
		return nil
	}
}
