package lifetime

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/go-outsystems/outsystems/internal/transport"
)

func TestTransientError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err  error
		want bool
	}{
		{&APIError{StatusCode: 503}, true},
		{&APIError{StatusCode: 500}, true},
		{&APIError{StatusCode: 429}, true},
		{&APIError{StatusCode: 408}, true},
		{&APIError{StatusCode: 404}, false},
		{&APIError{StatusCode: 400}, false},
		{&OperationError{Operation: "op", Err: errors.New("connection reset by peer")}, true},
		{&OperationError{Operation: "op", Err: ErrUnexpectedResponse}, false},
		{&OperationError{Operation: "op", Err: context.Canceled}, false},
		{&OperationError{Operation: "op", Err: context.DeadlineExceeded}, false},
		{&OperationError{Operation: "op", Err: fmt.Errorf("%w (1m0s): attempt timed out", transport.ErrAttemptTimeout)}, true},
		{&OperationError{Operation: "op", Err: fmt.Errorf("%w: EOF", ErrUnexpectedResponse)}, false},
		{ErrInvalidArgument, false},
	}
	for _, tt := range tests {
		if got := transientError(tt.err); got != tt.want {
			t.Errorf("transientError(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}
