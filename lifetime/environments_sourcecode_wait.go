package lifetime

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Defaults of [PackageWaitOptions], taken from outsystems-pipeline
// (outsystems/vars/pipeline_vars.py): source code is polled every 10 s and
// solutions every 2 s, for at most an hour.
const (
	DefaultSourceCodePollInterval = 10 * time.Second
	DefaultSolutionPollInterval   = 2 * time.Second
	DefaultPackageWaitTimeout     = time.Hour
	// DefaultPackageMaxTransientErrors is how many polls in a row may fail
	// transiently before a package wait gives up.
	DefaultPackageMaxTransientErrors = 3
)

// ErrPackageFailed is matched (errors.Is) by [*PackageError]: a source code
// package or a solution ended in a failed or unknown state.
var ErrPackageFailed = errors.New("lifetime: package failed")

// PackageError reports a source code package or solution that did not
// finish successfully.
type PackageError struct {
	// Operation is the status operation that reported the state, e.g.
	// "Environments_SolutionStatus".
	Operation string
	// Key is the package or solution key.
	Key string
	// State is the last state LifeTime reported.
	State string
	// Reason is LifeTime's explanation (StatusReason, or the messages of a
	// source code package joined with "; ").
	Reason string
}

// Error describes the failed package.
func (e *PackageError) Error() string {
	s := "lifetime: " + e.Operation + ": package " + e.Key + " ended in state " + fmt.Sprintf("%q", e.State)
	if e.Reason != "" {
		s += ": " + e.Reason
	}
	return s
}

// Is matches [ErrPackageFailed].
func (e *PackageError) Is(target error) bool { return target == ErrPackageFailed }

// PackageWaitOptions configure [EnvironmentsService.WaitApplicationSourceCode],
// [EnvironmentsService.WaitModuleSourceCode] and
// [EnvironmentsService.WaitSolution]. Nil means the defaults.
type PackageWaitOptions struct {
	// PollInterval between status polls; 0 means DefaultSourceCodePollInterval
	// or DefaultSolutionPollInterval.
	PollInterval time.Duration
	// Timeout bounds the whole wait on top of the context's deadline; 0
	// means DefaultPackageWaitTimeout, negative means none.
	Timeout time.Duration
	// MaxTransientErrors is how many polls in a row may fail with a
	// transient error (connection error, 408, 429, 5xx) and be repeated
	// after PollInterval; the next failure is returned. 0 means
	// DefaultPackageMaxTransientErrors.
	MaxTransientErrors int
	// OnStatus, when set, is called from the waiting goroutine with each new
	// state reported (the first one included).
	OnStatus func(state string)
}

// pollStep is one poll of a package wait: it reads the status and tells
// whether the wait is over, with the final error if it failed.
type pollStep func(ctx context.Context) (state string, done bool, err error)

// waitPackage polls step until it reports done, the context ends or too
// many transient errors happen in a row.
func waitPackage(ctx context.Context, opts *PackageWaitOptions, defaultInterval time.Duration, step pollStep) error {
	var o PackageWaitOptions
	if opts != nil {
		o = *opts
	}
	if o.PollInterval < 0 || o.MaxTransientErrors < 0 {
		return invalidOption("PackageWaitOptions", "PollInterval and MaxTransientErrors must not be negative")
	}
	o.PollInterval = cmp.Or(o.PollInterval, defaultInterval)
	o.MaxTransientErrors = cmp.Or(o.MaxTransientErrors, DefaultPackageMaxTransientErrors)
	o.Timeout = cmp.Or(o.Timeout, DefaultPackageWaitTimeout)
	if o.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, o.Timeout)
		defer cancel()
	}
	last, failures := "", 0
	for {
		state, done, err := step(ctx)
		switch {
		case err != nil && ctx.Err() != nil:
			return fmt.Errorf("lifetime: waiting for the package (last state %q): %w", last, ctx.Err())
		case err != nil && !done && transientError(err) && failures < o.MaxTransientErrors:
			failures++
		case err != nil:
			return err
		default:
			failures = 0
			if state != last && o.OnStatus != nil {
				o.OnStatus(state)
			}
			last = state
			if done {
				return nil
			}
		}
		if err := sleepCtx(ctx, o.PollInterval); err != nil {
			return fmt.Errorf("lifetime: waiting for the package (last state %q): %w", last, err)
		}
	}
}

// sourceCodeStep turns a source code status read into a poll step. Only
// InProgress and Done are known; anything else ends the wait with a
// *PackageError, as outsystems-pipeline does.
func sourceCodeStep(op, packageKey string, read func(context.Context) (*SourceCodeStatus, *Response, error), final **SourceCodeStatus) pollStep {
	return func(ctx context.Context) (string, bool, error) {
		st, _, err := read(ctx)
		if err != nil {
			return "", false, err
		}
		*final = st
		switch st.Status {
		case SourceCodeDone:
			return string(st.Status), true, nil
		case SourceCodeInProgress:
			return string(st.Status), false, nil
		}
		var msgs []string
		for _, m := range st.Messages {
			if m != nil && m.Message != "" {
				msgs = append(msgs, m.Message)
			}
		}
		return string(st.Status), true, &PackageError{Operation: op, Key: packageKey, State: string(st.Status), Reason: strings.Join(msgs, "; ")}
	}
}

// WaitApplicationSourceCode polls an application source code package until
// it is Done and returns its last status. A state other than InProgress or
// Done ends the wait with a [*PackageError].
func (s *EnvironmentsService) WaitApplicationSourceCode(ctx context.Context, environmentKey, applicationKey, packageKey string, opts *PackageWaitOptions) (*SourceCodeStatus, error) {
	if _, err := keyPath("{EnvironmentKey}/{ApplicationKey}/{PackageKey}", environmentKey, applicationKey, packageKey); err != nil {
		return nil, err
	}
	var final *SourceCodeStatus
	err := waitPackage(ctx, opts, DefaultSourceCodePollInterval, sourceCodeStep("Environments_Applications_SourceCode_Status", packageKey,
		func(ctx context.Context) (*SourceCodeStatus, *Response, error) {
			return s.ApplicationSourceCodeStatus(ctx, environmentKey, applicationKey, packageKey)
		}, &final))
	return final, err
}

// WaitModuleSourceCode polls a module source code package until it is Done
// and returns its last status. A state other than InProgress or Done ends
// the wait with a [*PackageError].
func (s *EnvironmentsService) WaitModuleSourceCode(ctx context.Context, environmentKey, moduleKey, packageKey string, opts *PackageWaitOptions) (*SourceCodeStatus, error) {
	if _, err := keyPath("{EnvironmentKey}/{ModuleKey}/{PackageKey}", environmentKey, moduleKey, packageKey); err != nil {
		return nil, err
	}
	var final *SourceCodeStatus
	err := waitPackage(ctx, opts, DefaultSourceCodePollInterval, sourceCodeStep("Environments_Modules_SourceCode_Status", packageKey,
		func(ctx context.Context) (*SourceCodeStatus, *Response, error) {
			return s.ModuleSourceCodeStatus(ctx, environmentKey, moduleKey, packageKey)
		}, &final))
	return final, err
}
