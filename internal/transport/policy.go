package transport

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// Default values of [DefaultRetryPolicy].
const (
	DefaultMaxAttempts       = 4
	DefaultMaxElapsedTime    = 2 * time.Minute
	DefaultInitialInterval   = 500 * time.Millisecond
	DefaultMaxInterval       = 15 * time.Second
	DefaultMaxRetryAfter     = time.Minute
	DefaultPerAttemptTimeout = 60 * time.Second
	DefaultMultiplier        = 2.0
	DefaultJitter            = 0.5
)

// RetryPolicy says when and how often a call that is safe to repeat is sent
// again. The zero value of a field means its default (see
// [DefaultRetryPolicy]); negative durations are invalid. Use [NoRetry] to
// send every request exactly once.
type RetryPolicy struct {
	// MaxAttempts is the total number of attempts, the first included.
	// 1 disables retries; 0 means DefaultMaxAttempts.
	MaxAttempts int

	// MaxElapsedTime bounds the time spent from the first attempt until a
	// retry would start; no retry is started past it.
	MaxElapsedTime time.Duration

	// InitialInterval is the first backoff delay; each next delay is
	// multiplied by Multiplier up to MaxInterval, then randomized by
	// ±Jitter (a fraction, 0.5 = ±50%; a negative Jitter disables it).
	InitialInterval time.Duration
	// MaxInterval caps each backoff delay.
	MaxInterval time.Duration
	// Multiplier grows the delay after each attempt (at least 1).
	Multiplier float64
	// Jitter randomizes each delay by this fraction (see InitialInterval).
	Jitter float64

	// MaxRetryAfter caps the server's Retry-After: a longer wait is not
	// honoured and the response is returned to the caller instead.
	MaxRetryAfter time.Duration

	// PerAttemptTimeout bounds the time from sending one attempt until its
	// response headers arrive. Reading the body is bounded only by the
	// context.
	PerAttemptTimeout time.Duration

	// ShouldRetry, when not nil, overrides the built-in decision for a
	// response or error of a retryable call. resp and err are never both
	// non-nil. The built-in decision is passed in as def.
	ShouldRetry func(resp *http.Response, err error, def bool) bool
}

// DefaultRetryPolicy returns the policy used when none is given: 4 attempts
// within 2 minutes, backoff from 500 ms doubling up to 15 s with ±50%
// jitter, Retry-After honoured up to 1 minute, 60 s per attempt.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{
		MaxAttempts:       DefaultMaxAttempts,
		MaxElapsedTime:    DefaultMaxElapsedTime,
		InitialInterval:   DefaultInitialInterval,
		MaxInterval:       DefaultMaxInterval,
		Multiplier:        DefaultMultiplier,
		Jitter:            DefaultJitter,
		MaxRetryAfter:     DefaultMaxRetryAfter,
		PerAttemptTimeout: DefaultPerAttemptTimeout,
	}
}

// NoRetry returns the default policy with retries disabled: every request
// is sent once, still with the per-attempt timeout.
func NoRetry() RetryPolicy {
	p := DefaultRetryPolicy()
	p.MaxAttempts = 1
	return p
}

// ErrInvalidPolicy is wrapped by the error [New] returns for a bad policy.
var ErrInvalidPolicy = errors.New("transport: invalid retry policy")

// withDefaults validates p and fills its zero fields.
func (p RetryPolicy) withDefaults() (RetryPolicy, error) {
	if p.MaxAttempts < 0 {
		return p, fmt.Errorf("%w: MaxAttempts %d is negative", ErrInvalidPolicy, p.MaxAttempts)
	}
	// A slice, not a map: the first negative field named is always the same.
	for _, f := range []struct {
		name string
		v    time.Duration
	}{
		{"MaxElapsedTime", p.MaxElapsedTime}, {"InitialInterval", p.InitialInterval},
		{"MaxInterval", p.MaxInterval}, {"MaxRetryAfter", p.MaxRetryAfter},
		{"PerAttemptTimeout", p.PerAttemptTimeout},
	} {
		if f.v < 0 {
			return p, fmt.Errorf("%w: %s %s is negative", ErrInvalidPolicy, f.name, f.v)
		}
	}
	if p.Multiplier < 0 || (p.Multiplier > 0 && p.Multiplier < 1) {
		return p, fmt.Errorf("%w: Multiplier %g must be 0 (default) or at least 1", ErrInvalidPolicy, p.Multiplier)
	}
	if p.Jitter > 1 {
		return p, fmt.Errorf("%w: Jitter %g must be at most 1", ErrInvalidPolicy, p.Jitter)
	}
	d := DefaultRetryPolicy()
	p.MaxAttempts = cmp.Or(p.MaxAttempts, d.MaxAttempts)
	p.MaxElapsedTime = cmp.Or(p.MaxElapsedTime, d.MaxElapsedTime)
	p.InitialInterval = cmp.Or(p.InitialInterval, d.InitialInterval)
	p.MaxInterval = max(cmp.Or(p.MaxInterval, d.MaxInterval), p.InitialInterval)
	p.Multiplier = cmp.Or(p.Multiplier, d.Multiplier)
	p.Jitter = cmp.Or(p.Jitter, d.Jitter)
	p.MaxRetryAfter = cmp.Or(p.MaxRetryAfter, d.MaxRetryAfter)
	p.PerAttemptTimeout = cmp.Or(p.PerAttemptTimeout, d.PerAttemptTimeout)
	return p, nil
}
