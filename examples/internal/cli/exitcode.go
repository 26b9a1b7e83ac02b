// Package cli holds what the example programs share: common flags, secrets
// from the environment or files, the clients of a real console or of a
// simulated infrastructure started in process ([Common.Open], [Infra]) with
// its fast clock ([SimClock]), documented exit codes, reports, logging and
// progress output. It is internal to the examples; the SDK itself never
// reads flags, the environment or files on its own.
package cli

import (
	"context"
	"errors"
)

// Exit codes shared by every example program. Jenkins and other CI systems
// branch on them, so they are part of the examples' documented interface.
const (
	// ExitOK means the program did what it was asked and every check passed.
	ExitOK = 0
	// ExitChecksFailed means the program ran to the end but a check failed.
	ExitChecksFailed = 1
	// ExitUsage means bad flags, a missing secret or another set-up error.
	ExitUsage = 2
	// ExitActionRequired means a person must act (for example, open a
	// support case) before the procedure can go on.
	ExitActionRequired = 3
	// ExitTimeout means the program's deadline (-timeout) passed.
	ExitTimeout = 4
	// ExitAborted means the program was interrupted (Ctrl-C or SIGTERM).
	ExitAborted = 5
)

// UsageError marks an error caused by the way the program was called, so
// that [ExitCodeFor] maps it to [ExitUsage].
type UsageError struct{ Err error }

// Error returns the message of the wrapped error.
func (e *UsageError) Error() string { return e.Err.Error() }

// Unwrap returns the wrapped error.
func (e *UsageError) Unwrap() error { return e.Err }

// Usagef returns a [*UsageError] built like fmt.Errorf.
func Usagef(format string, args ...any) error {
	return &UsageError{Err: errorf(format, args...)}
}

// ExitCodeFor maps an error returned by an example's run function to its
// exit code. A nil error is [ExitOK]; a deadline is [ExitTimeout]; a
// cancellation (signal) is [ExitAborted]; a [*UsageError] is [ExitUsage];
// anything else is [ExitChecksFailed].
func ExitCodeFor(err error) int {
	var usage *UsageError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &usage):
		return ExitUsage
	case errors.Is(err, context.DeadlineExceeded):
		return ExitTimeout
	case errors.Is(err, context.Canceled):
		return ExitAborted
	default:
		return ExitChecksFailed
	}
}
