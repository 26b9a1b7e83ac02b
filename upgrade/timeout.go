package upgrade

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// WithTimeout returns step, run with a context that ends after d. When the
// step fails because that context ended, its error is a [*TimeoutError]
// (which matches context.DeadlineExceeded). d must be positive.
func WithTimeout(step Step, d time.Duration) Step {
	if step == nil {
		return nil
	}
	return &timeoutStep{wrapped: wrapped{step}, d: d}
}

// timeoutStep is the step WithTimeout returns.
type timeoutStep struct {
	wrapped
	d time.Duration
}

func (t *timeoutStep) Run(ctx context.Context, st *State) error {
	if t.d <= 0 {
		return fmt.Errorf("%w: timeout %s for step %s is not positive", ErrInvalidOption, t.d, t.inner.Name())
	}
	tctx, cancel := context.WithTimeout(ctx, t.d)
	defer cancel()
	err := execute(tctx, t.inner, st)
	if err != nil && ctx.Err() == nil && errors.Is(tctx.Err(), context.DeadlineExceeded) {
		if !errors.Is(err, context.DeadlineExceeded) {
			err = errors.Join(err, context.DeadlineExceeded)
		}
		return &TimeoutError{Step: t.inner.Name(), After: t.d, Err: err}
	}
	return err
}
