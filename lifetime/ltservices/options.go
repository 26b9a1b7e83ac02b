package ltservices

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
	serviceToken       string
	httpClient         *http.Client
	logger             *slog.Logger
	userAgent          string
	retry              RetryPolicy
	allowHTTP          bool
}

// RetryPolicy says how read-only operations (Authentication_GetToken and
// the List/Get operations) are retried on connection errors and on HTTP
// 408, 429, 502, 503 and 504. Operations that change something are never
// retried, nor are SOAP faults. Zero fields take defaults.
type RetryPolicy struct {
	// MaxAttempts is the total number of attempts of a read-only call, the
	// first included: 1 disables retries, 0 means 4.
	MaxAttempts int
	// MaxElapsedTime bounds the time spent retrying one call; 0 means 2 minutes.
	MaxElapsedTime time.Duration
	// PerAttemptTimeout bounds the wait for the headers of one answer;
	// 0 means 60 seconds.
	PerAttemptTimeout time.Duration
}

// WithCredentials makes the client authenticate as a LifeTime user: it gets
// a session token with AuthenticationService.Authentication_GetToken
// (plain-text password, as the API expects), caches it, renews it before
// its 5 minutes run out, and once more when LifeTime answers ResponseId 201
// (invalid or expired token). User, role and team operations need an IT
// user with the Manage Infrastructure permission.
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

// WithServiceAccountToken makes the client send a LifeTime service account
// token (the token of the REST API v2) in every call instead of a session
// token. LifeTime accepts it from 11.13.0 on. The token is sent whole
// (service account tokens are longer than the 50 characters the API
// documentation gives for Token) and never renewed.
func WithServiceAccountToken(token string) Option {
	return func(c *config) error {
		if strings.TrimSpace(token) == "" {
			return errors.New("WithServiceAccountToken: empty token")
		}
		c.serviceToken = token
		return nil
	}
}

// WithHTTPClient sets the HTTP client (TLS settings, proxy, connection
// pool). It is copied, never modified.
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
// sanitized URL, status, duration, retries) to l. Bodies, tokens and
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

// WithInsecureHTTP allows an http:// LifeTime host. Credentials and tokens
// then travel in clear text: use it only for tests and local simulators.
func WithInsecureHTTP() Option {
	return func(c *config) error {
		c.allowHTTP = true
		return nil
	}
}
