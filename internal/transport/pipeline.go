package transport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/cenkalti/backoff/v4"

	outsystems "github.com/go-outsystems/outsystems"
)

// DefaultUserAgent is sent when neither the request nor [Config] sets one.
const DefaultUserAgent = "go-outsystems/" + outsystems.Version

// DefaultMaxIdleConnsPerHost is how many idle connections per host the
// transport of [NewHTTPTransport] keeps for reuse. net/http's default is 2
// (http.DefaultMaxIdleConnsPerHost): with more requests in flight to one
// console, every connection above 2 is closed after use and a new one (with
// a new TLS handshake) is opened for the next request; 16 concurrent
// workers reading an inventory opened 56 connections for 1,509 requests
// (BENCHMARKS.md). 32 covers the concurrency the SDK's helpers use.
const DefaultMaxIdleConnsPerHost = 32

// NewHTTPTransport returns a clone of http.DefaultTransport (proxy from the
// environment, HTTP/2, timeouts) that keeps [DefaultMaxIdleConnsPerHost]
// idle connections per host. The clients build their default HTTP client
// on it.
func NewHTTPTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = DefaultMaxIdleConnsPerHost
	if t.MaxIdleConns != 0 && t.MaxIdleConns < DefaultMaxIdleConnsPerHost {
		t.MaxIdleConns = DefaultMaxIdleConnsPerHost
	}
	return t
}

// Config configures a [Pipeline]. The zero value is usable.
type Config struct {
	// HTTPClient sends the requests. It is copied, never modified, and its
	// transport is used as is; nil means a client with [NewHTTPTransport]. Its
	// CheckRedirect still runs after the pipeline's own redirect checks
	// (see [ErrRedirectRefused]).
	HTTPClient *http.Client

	// Logger receives debug records of every attempt; nil means silent.
	Logger *slog.Logger

	// UserAgent replaces DefaultUserAgent when not empty. A User-Agent
	// already set on a request is kept.
	UserAgent string

	// Retry is the retry policy; zero fields take their defaults.
	Retry RetryPolicy

	// Secrets are strings (tokens, passwords) replaced by "REDACTED" in
	// every log record and in the errors the pipeline returns. Strings of
	// 3 characters or fewer are ignored.
	Secrets []string
}

// Call describes one logical call for logging and for the retry decision.
type Call struct {
	// Operation names the call in logs, e.g. "Deployments_Get" or
	// "Solutions.PublishRunning".
	Operation string
	// Retryable says the caller knows the call is safe to repeat. Calls
	// that are not are sent exactly once.
	Retryable bool
	// AttemptTimeout overrides the policy's PerAttemptTimeout for this
	// call: 0 keeps it, a negative value disables it (large uploads, whose
	// sending counts against the timeout). The context still applies.
	AttemptTimeout time.Duration
}

// Pipeline sends HTTP requests with retries, timeouts, logging and
// redaction. It is safe for concurrent use.
type Pipeline struct {
	client    *http.Client
	logger    *slog.Logger
	userAgent string
	policy    RetryPolicy
	redactor  redactor
}

// ErrRedirectRefused is wrapped by the error returned when a redirect goes
// from https to plain http, or takes a request that may carry credentials
// (a credential header or a body) to another host.
var ErrRedirectRefused = errors.New("transport: redirect refused")

// New returns a pipeline for cfg. It does no I/O; it fails only on an
// invalid retry policy.
func New(cfg Config) (*Pipeline, error) {
	pol, err := cfg.Retry.withDefaults()
	if err != nil {
		return nil, err
	}
	var c http.Client
	if cfg.HTTPClient != nil {
		c = *cfg.HTTPClient
	} else {
		c.Transport = NewHTTPTransport()
	}
	next := c.CheckRedirect
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if err := checkRedirect(req, via); err != nil {
			return err
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return errors.New("transport: stopped after 10 redirects")
		}
		return nil
	}
	ua := cfg.UserAgent
	if ua == "" {
		ua = DefaultUserAgent
	}
	return &Pipeline{
		client:    &c,
		logger:    cfg.Logger,
		userAgent: ua,
		policy:    pol,
		redactor:  newRedactor(cfg.Secrets),
	}, nil
}

// checkRedirect refuses the redirects that could carry credentials where
// they must not go:
//   - any redirect from https to another scheme, whatever the request;
//   - a redirect to another host (host name or port) of a request that
//     may carry credentials ([carriesCredentials]): an Authorization,
//     Proxy-Authorization or Cookie header, user information in the URL, or
//     a body (SOAP clients send the Service Center password or the LifeTime
//     Services token in the envelope, which net/http re-sends on a 307 or
//     308), which is assumed of every method but GET and HEAD.
//
// Same-host redirects that keep the scheme (or upgrade to https) are
// followed.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) == 0 {
		return nil
	}
	first := via[0]
	for _, prev := range via {
		if prev.URL.Scheme == "https" && req.URL.Scheme != "https" {
			return fmt.Errorf("%w: %s from https to %s", ErrRedirectRefused, SanitizeURL(first.URL), req.URL.Scheme)
		}
	}
	if carriesCredentials(first) && !sameHost(first.URL, req.URL) {
		return fmt.Errorf("%w: %s to another host (%s) with possible credentials (%s)", ErrRedirectRefused, SanitizeURL(first.URL), req.URL.Host, why(first))
	}
	return nil
}

// carriesCredentials reports whether r may carry credentials: in a header,
// in the URL's user information, or in a body (any method but GET and
// HEAD, or any request with a body).
func carriesCredentials(r *http.Request) bool {
	return why(r) != ""
}

// why says what makes r carry credentials, or "" when nothing does.
func why(r *http.Request) string {
	for _, h := range []string{"Authorization", "Proxy-Authorization", "Cookie"} {
		if r.Header.Get(h) != "" {
			return h + " header"
		}
	}
	if r.URL.User != nil {
		return "user information in the URL"
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead && r.Method != "" {
		return r.Method + " request"
	}
	if (r.Body != nil && r.Body != http.NoBody) || r.ContentLength > 0 {
		return "request body"
	}
	return ""
}

// sameHost reports whether a and b name the same host and port, the port
// defaulting to the scheme's (so https://h and https://h:443 are the same).
func sameHost(a, b *url.URL) bool {
	return strings.EqualFold(a.Hostname(), b.Hostname()) && effectivePort(a) == effectivePort(b)
}

// effectivePort returns u's port or, when it has none, its scheme's default.
func effectivePort(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return "443"
	case "http":
		return "80"
	}
	return ""
}

// Policy returns the effective retry policy (defaults filled in).
func (p *Pipeline) Policy() RetryPolicy { return p.policy }

// Redact returns s with every configured secret replaced by "REDACTED".
func (p *Pipeline) Redact(s string) string { return p.redactor.redact(s) }

// errAttemptTimeout is the cancel cause of an attempt that ran out of time.
var errAttemptTimeout = errors.New("attempt timed out")

// ErrAttemptTimeout is wrapped by the error of an attempt that got no
// response headers within [RetryPolicy].PerAttemptTimeout.
var ErrAttemptTimeout = errors.New("transport: no response within the per-attempt timeout")

// Do sends req under ctx (req's own context is replaced by ctx) and returns
// the response. For a [Call] marked Retryable it retries connection errors
// and the statuses of [RetryableStatus] as the policy allows; the last
// response is returned even when its status is retryable, so the caller
// decides what it means. req is not modified.
//
// Errors: when ctx ends, the error wraps ctx.Err() (errors.Is matches
// context.Canceled or context.DeadlineExceeded); other transport errors are
// *url.Error values with a sanitized URL and redacted text.
func (p *Pipeline) Do(ctx context.Context, req *http.Request, call Call) (*http.Response, error) {
	if ctx == nil {
		return nil, errors.New("transport: nil context")
	}
	if req == nil || req.URL == nil {
		return nil, errors.New("transport: nil request or URL")
	}
	r := req.Clone(ctx)
	if r.Header.Get("User-Agent") == "" {
		r.Header.Set("User-Agent", p.userAgent)
	}
	maxAttempts := p.policy.MaxAttempts
	if !call.Retryable {
		maxAttempts = 1
	}
	hasBody := r.Body != nil && r.Body != http.NoBody
	if hasBody && r.GetBody == nil {
		maxAttempts = 1
	}

	var bo backoff.BackOff // created at the first retry; most calls need none
	start := time.Now()
	var safe string // the sanitized, redacted URL, computed when first needed
	safeURL := func() string {
		if safe == "" {
			safe = p.redactor.redact(SanitizeURL(r.URL))
		}
		return safe
	}

	for attempt := 1; ; attempt++ {
		if attempt > 1 && hasBody {
			body, err := r.GetBody()
			if err != nil {
				return nil, p.urlError(r, fmt.Errorf("transport: rewinding the request body: %w", err))
			}
			r.Body = body
		}
		t0 := time.Now()
		resp, err := p.attempt(ctx, r, call.AttemptTimeout)
		dur := time.Since(t0)
		if err != nil && ctx.Err() != nil {
			p.log(ctx, "http request canceled", call, r.Method, safeURL, attempt, 0, dur, err)
			return nil, fmt.Errorf("transport: %s %s: %w", r.Method, safeURL(), ctx.Err())
		}
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		p.log(ctx, "http request", call, r.Method, safeURL, attempt, status, dur, err)

		retry := false
		if attempt < maxAttempts {
			if err != nil {
				retry = retryableError(err)
			} else {
				retry = RetryableStatus(resp.StatusCode)
			}
			if p.policy.ShouldRetry != nil {
				retry = p.policy.ShouldRetry(resp, err, retry)
			}
		}
		var delay time.Duration
		if retry {
			if bo == nil {
				bo = p.newBackOff(ctx, maxAttempts)
			}
			delay = bo.NextBackOff()
			if delay == backoff.Stop {
				retry = false
			}
		}
		if retry && resp != nil {
			if ra, ok := parseRetryAfter(resp.Header, time.Now()); ok {
				if ra > p.policy.MaxRetryAfter {
					p.logRetry(ctx, "http retry-after above the cap, not retrying", call, r.Method, safeURL, attempt, ra)
					retry = false
				} else if ra > delay {
					delay = ra
				}
			}
		}
		if retry && time.Since(start)+delay > p.policy.MaxElapsedTime {
			retry = false
		}
		if !retry {
			if err != nil {
				return nil, p.urlError(r, err)
			}
			return resp, nil
		}
		if resp != nil {
			drainAndClose(resp.Body)
		}
		p.logRetry(ctx, "http retry", call, r.Method, safeURL, attempt, delay)
		if err := sleep(ctx, delay); err != nil {
			return nil, fmt.Errorf("transport: %s %s: waiting to retry: %w", r.Method, safeURL(), err)
		}
	}
}

// newBackOff returns the jittered exponential backoff of the policy,
// bounded to maxAttempts-1 retries, the policy's elapsed time and ctx.
func (p *Pipeline) newBackOff(ctx context.Context, maxAttempts int) backoff.BackOff {
	exp := backoff.NewExponentialBackOff(
		backoff.WithInitialInterval(p.policy.InitialInterval),
		backoff.WithMaxInterval(p.policy.MaxInterval),
		backoff.WithMultiplier(p.policy.Multiplier),
		backoff.WithRandomizationFactor(max(p.policy.Jitter, 0)),
		backoff.WithMaxElapsedTime(p.policy.MaxElapsedTime),
	)
	bo := backoff.WithContext(backoff.WithMaxRetries(exp, uint64(maxAttempts-1)), ctx)
	bo.Reset()
	return bo
}

// attempt sends r once with the per-attempt timeout. The timeout covers
// the wait for the response headers; the body is then bound to ctx only,
// and closing it releases the attempt's resources.
func (p *Pipeline) attempt(ctx context.Context, r *http.Request, override time.Duration) (*http.Response, error) {
	timeout := p.policy.PerAttemptTimeout
	if override != 0 {
		timeout = override
	}
	actx, cancel := context.WithCancelCause(ctx)
	stop := func() bool { return true }
	if timeout > 0 {
		timer := time.AfterFunc(timeout, func() { cancel(errAttemptTimeout) })
		stop = timer.Stop
	}
	resp, err := p.client.Do(r.WithContext(actx))
	stopped := stop()
	if err != nil {
		timedOut := !stopped && errors.Is(context.Cause(actx), errAttemptTimeout)
		cancel(nil)
		if timedOut && ctx.Err() == nil {
			if ue, ok := err.(*url.Error); ok {
				err = ue.Err
			}
			return nil, fmt.Errorf("%w (%s): %w", ErrAttemptTimeout, timeout, err)
		}
		return nil, err
	}
	if !stopped {
		// The timer fired just as the headers arrived: the body would
		// fail on first read. Treat it as a timeout.
		drainAndClose(resp.Body)
		cancel(nil)
		return nil, fmt.Errorf("%w (%s)", ErrAttemptTimeout, timeout)
	}
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: func() { cancel(nil) }}
	return resp, nil
}

// cancelOnClose releases an attempt's context when the body is closed.
type cancelOnClose struct {
	io.ReadCloser
	cancel func()
}

// Close closes the body and releases the attempt's context.
func (c *cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}

// urlError returns err as a *url.Error with a sanitized URL and redacted
// text.
func (p *Pipeline) urlError(r *http.Request, err error) error {
	if ue, ok := err.(*url.Error); ok {
		err = ue.Err
	}
	return &url.Error{
		Op:  r.Method,
		URL: p.redactor.redact(SanitizeURL(r.URL)),
		Err: redactedError{err: err, text: p.redactor.redact(err.Error())},
	}
}

// redactedError keeps the chain of err for errors.Is/As but prints text.
type redactedError struct {
	err  error
	text string
}

// Error returns the redacted text.
func (e redactedError) Error() string { return e.text }

// Unwrap returns the original error.
func (e redactedError) Unwrap() error { return e.err }

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (p *Pipeline) log(ctx context.Context, msg string, call Call, method string, u func() string, attempt, status int, dur time.Duration, err error) {
	if p.logger == nil || !p.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("operation", call.Operation),
		slog.String("method", method),
		slog.String("url", u()),
		slog.Int("attempt", attempt),
		slog.Duration("duration", dur),
	}
	if status != 0 {
		attrs = append(attrs, slog.Int("status", status))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", p.redactor.redact(err.Error())))
	}
	p.logger.LogAttrs(ctx, slog.LevelDebug, msg, attrs...)
}

func (p *Pipeline) logRetry(ctx context.Context, msg string, call Call, method string, u func() string, attempt int, delay time.Duration) {
	if p.logger == nil || !p.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	p.logger.LogAttrs(ctx, slog.LevelDebug, msg,
		slog.String("operation", call.Operation),
		slog.String("method", method),
		slog.String("url", u()),
		slog.Int("attempt", attempt),
		slog.Duration("delay", delay),
	)
}
