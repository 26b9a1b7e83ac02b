package upgrade

import (
	"errors"
	"fmt"
	"time"
)

var (
	// ErrBlocked is the error of a step that reported a finding of
	// severity [SeverityBlocker]; the findings are in the report.
	ErrBlocked = errors.New("upgrade: blocking findings")
	// ErrMissingClient is returned by a step whose client in [Clients] is nil.
	ErrMissingClient = errors.New("upgrade: missing client")
	// ErrNoInventory is returned by a step that needs the inventory when
	// the inventory step has not run.
	ErrNoInventory = errors.New("upgrade: no inventory (run the inventory step first)")
	// ErrStepNotFound is returned when editing a plan by a name it does
	// not hold.
	ErrStepNotFound = errors.New("upgrade: step not found")
	// ErrInvalidState is returned by [NewState] for bad input.
	ErrInvalidState = errors.New("upgrade: invalid state")
	// ErrNoSmokeCall is returned by a [SmokeCaller] that has no call for
	// what an integration uses.
	ErrNoSmokeCall = errors.New("upgrade: no smoke call for this resource")
	// ErrConsoleNotBack is the error of the wait for the console when its
	// deadline passes first; it is wrapped in a [*WaitError].
	ErrConsoleNotBack = errors.New("upgrade: console did not come back at the target version")
	// ErrInvalidOption is returned for a negative or otherwise invalid
	// option value (retry policy, timeout, wait options).
	ErrInvalidOption = errors.New("upgrade: invalid option")
)

// StepError is the error of a failed step, carrying its name.
type StepError struct {
	// Step is the name of the failed step.
	Step string
	// Err is what the step returned, or [ErrBlocked].
	Err error
}

// Error implements error.
func (e *StepError) Error() string { return "upgrade: step " + e.Step + ": " + e.Err.Error() }

// Unwrap returns the step's error.
func (e *StepError) Unwrap() error { return e.Err }

// missingClient says which client a step needs.
func missingClient(name string) error {
	return fmt.Errorf("%w: %s", ErrMissingClient, name)
}

// TimeoutError is the error of a step wrapped by [WithTimeout] that did
// not finish in time. It matches [context.DeadlineExceeded] with errors.Is.
type TimeoutError struct {
	// Step is the step's name.
	Step string
	// After is the timeout.
	After time.Duration
	// Err is what the step returned when its context ended.
	Err error
}

// Error implements error.
func (e *TimeoutError) Error() string {
	return fmt.Sprintf("upgrade: step %s timed out after %s: %v", e.Step, e.After, e.Err)
}

// Unwrap returns the step's error, which wraps context.DeadlineExceeded.
func (e *TimeoutError) Unwrap() error { return e.Err }

// WaitError is the error of [WaitForConsole] when the console was not
// back at the target version before the deadline.
type WaitError struct {
	// Waited is how long the step waited.
	Waited time.Duration
	// Polls is how many times it asked.
	Polls int
	// Last is the last console version seen, if the console answered.
	Last *ConsoleVersion
	// LastErr is the last error seen, if the console did not answer.
	LastErr error
}

// Error implements error.
func (e *WaitError) Error() string {
	msg := fmt.Sprintf("%v after %s (%d polls)", ErrConsoleNotBack, e.Waited, e.Polls)
	if e.Last != nil {
		msg += "; last seen: " + e.Last.String()
	}
	if e.LastErr != nil {
		msg += "; last error: " + e.LastErr.Error()
	}
	return msg
}

// Unwrap returns [ErrConsoleNotBack] and the last error seen.
func (e *WaitError) Unwrap() []error {
	if e.LastErr != nil {
		return []error{ErrConsoleNotBack, e.LastErr}
	}
	return []error{ErrConsoleNotBack}
}
