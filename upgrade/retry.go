package upgrade

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cenkalti/backoff/v4"
)

// RetryPolicy says how [WithRetry] repeats a failing step. Zero fields take
// their defaults.
type RetryPolicy struct {
	// MaxAttempts is the number of attempts, the first included.
	// Optional: default 3.
	MaxAttempts int
	// InitialInterval is the wait before the second attempt; later waits
	// grow exponentially with jitter. Optional: default 1s.
	InitialInterval time.Duration
	// MaxInterval caps each wait. Optional: default 30s.
	MaxInterval time.Duration
	// Retryable decides whether an error is worth another attempt.
	// Optional: by default every error is, except context errors.
	Retryable func(error) bool
}

// valid checks the policy's values.
func (p RetryPolicy) valid() error {
	if p.MaxAttempts < 0 || p.InitialInterval < 0 || p.MaxInterval < 0 {
		return fmt.Errorf("%w: retry policy has a negative value", ErrInvalidOption)
	}
	return nil
}

// WithRetry returns step, run again when it returns an error, with
// exponential backoff (github.com/cenkalti/backoff/v4) as policy says. What
// a failed attempt recorded (findings, changes) is dropped before the next
// attempt; the report counts the attempts. Only wrap steps that are safe to
// repeat. Retries emit [EventRetry] progress events.
func WithRetry(step Step, policy RetryPolicy) Step {
	if step == nil {
		return nil
	}
	return &retryStep{wrapped: wrapped{step}, policy: policy}
}

// retryStep is the step WithRetry returns.
type retryStep struct {
	wrapped
	policy RetryPolicy
}

func (r *retryStep) Run(ctx context.Context, st *State) error {
	p := r.policy
	if err := p.valid(); err != nil {
		return fmt.Errorf("%w (step %s)", err, r.inner.Name())
	}
	p.MaxAttempts = cmp.Or(p.MaxAttempts, 3)
	p.InitialInterval = cmp.Or(p.InitialInterval, time.Second)
	p.MaxInterval = cmp.Or(p.MaxInterval, 30*time.Second)
	b := backoff.NewExponentialBackOff()
	b.InitialInterval = p.InitialInterval
	b.MaxInterval = p.MaxInterval
	b.MaxElapsedTime = 0 // bounded by attempts and ctx instead
	bo := backoff.WithContext(backoff.WithMaxRetries(b, uint64(p.MaxAttempts-1)), ctx)

	attempt := 0
	op := func() error {
		attempt++
		if attempt > 1 {
			st.resetAttempt()
		}
		st.countAttempt()
		err := execute(ctx, r.inner, st)
		if err == nil {
			return nil
		}
		if ctx.Err() != nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return backoff.Permanent(err)
		}
		if p.Retryable != nil && !p.Retryable(err) {
			return backoff.Permanent(err)
		}
		return err
	}
	notify := func(err error, wait time.Duration) {
		st.emit(Event{Kind: EventRetry, Attempt: attempt, Message: fmt.Sprintf("attempt %d failed, retrying in %s: %v", attempt, wait.Round(time.Millisecond), err)})
	}
	err := backoff.RetryNotify(op, bo, notify)
	if err != nil && ctx.Err() != nil && !errors.Is(err, ctx.Err()) {
		return errors.Join(err, ctx.Err())
	}
	return err
}

// wrapped forwards a step's name, rollback and cleanup to the inner step.
type wrapped struct{ inner Step }

func (w wrapped) Name() string { return w.inner.Name() }

func (w wrapped) Rollback(ctx context.Context, st *State) error {
	if r, ok := w.inner.(Rollbacker); ok {
		return r.Rollback(ctx, st)
	}
	return nil
}

func (w wrapped) Cleanup(ctx context.Context, st *State) error {
	if c, ok := w.inner.(Cleaner); ok {
		return c.Cleanup(ctx, st)
	}
	return nil
}
