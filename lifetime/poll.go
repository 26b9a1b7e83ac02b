package lifetime

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// transientError reports whether a failed status poll is worth repeating:
// connection errors, per-attempt timeouts and 408, 429 and 5xx answers.
// The waiters check their own context first; an error that says a context
// ended is never transient.
func transientError(err error) bool {
	if apiErr, ok := errors.AsType[*APIError](err); ok {
		s := apiErr.StatusCode
		return s == http.StatusRequestTimeout || s == http.StatusTooManyRequests || s >= 500
	}
	_, ok := errors.AsType[*OperationError](err)
	return ok && !errors.Is(err, ErrUnexpectedResponse) &&
		!errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded)
}

// sleepCtx waits d or until ctx ends, and then returns ctx.Err().
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
