package upgrade

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"time"
)

// WaitOptions configures [WaitForConsole]. Zero fields take their defaults.
type WaitOptions struct {
	// Timeout is how long to wait for the console to come back at the
	// target version. Optional: default 6 hours.
	Timeout time.Duration
	// Interval is the time between polls. Optional: default 30 seconds.
	Interval time.Duration
	// Fatal, when not nil, ends the wait early for errors it returns true
	// for (for example a rejected token). By default every error is taken
	// as "the console is not back yet": 503 answers, refused connections
	// and timeouts are expected during an upgrade.
	Fatal func(error) bool
}

// valid checks the options.
func (o WaitOptions) valid() error {
	if o.Timeout < 0 || o.Interval < 0 {
		return fmt.Errorf("%w: negative wait timeout or interval", ErrInvalidOption)
	}
	return nil
}

// WaitForConsole returns the step that waits until the LifeTime console
// answers again and has reached the target version (inferred from the
// LifeTime environment's Platform Server where no API says it). When the
// inference cannot tell the target from its neighbours (releases that ship
// the same Platform Server), the console counts as back once the target is
// among the versions it may run and was not before the upgrade (per the
// inventory); the summary then says the version was inferred. It keeps
// waiting through 503s, refused connections and timeouts, polls every
// Interval, sends a progress event per poll, and fails with a [*WaitError]
// when Timeout passes first; a version the rules cannot compare with the
// target ends the wait at once with their error. It fills [State.Console].
//
// In a dry run it looks once, reports what it sees and that it would wait,
// and returns at once.
func WaitForConsole(c Clients, opts WaitOptions) Step {
	w := &waitStep{c: c, opts: opts}
	return NewStep(StepWaitForConsole, w.run, DryRunWith(w.dryRun))
}

// waitStep is the step WaitForConsole returns.
type waitStep struct {
	c    Clients
	opts WaitOptions
}

// poll asks once: is the console answering, at which version, and has
// it reached the target (certainly, or as far as the evidence tells).
func (w *waitStep) poll(ctx context.Context, st *State, possibleBefore bool) (cv *ConsoleVersion, reached, inferred bool, err error) {
	if err := w.c.Console.Ping(ctx); err != nil {
		return nil, false, false, err
	}
	v, err := w.c.Version.ConsoleVersion(ctx)
	if err != nil {
		return nil, false, false, err
	}
	certain, possible, err := w.c.Rules.AtTarget(v, st.Target)
	if err != nil {
		// Waiting does not mend a target or a version the rules cannot
		// compare: the wait ends.
		return &v, false, false, &compareError{err: err}
	}
	if certain {
		return &v, true, false, nil
	}
	return &v, possible && !possibleBefore, possible && !possibleBefore, nil
}

// compareError is a failure of the rules to compare the console's version
// with the target, which ends the wait at once.
type compareError struct{ err error }

func (e *compareError) Error() string {
	return "comparing the console version with the target: " + e.err.Error()
}

func (e *compareError) Unwrap() error { return e.err }

// possibleBefore reports whether the console may already have been at the
// target when the inventory was taken.
func (w *waitStep) possibleBefore(st *State) bool {
	if st.Inventory == nil {
		return false
	}
	_, possible, err := w.c.Rules.AtTarget(st.Inventory.Console, st.Target)
	return err == nil && possible
}

// check returns an error for a missing client.
func (w *waitStep) check() error {
	switch {
	case w.c.Console == nil:
		return missingClient("Console")
	case w.c.Version == nil:
		return missingClient("Version")
	case w.c.Rules == nil:
		return missingClient("Rules")
	}
	return w.opts.valid()
}

func (w *waitStep) run(ctx context.Context, st *State) error {
	if err := w.check(); err != nil {
		return err
	}
	timeout := cmp.Or(w.opts.Timeout, 6*time.Hour)
	interval := cmp.Or(w.opts.Interval, 30*time.Second)
	start := st.clock()
	deadline := start.Add(timeout)
	werr := &WaitError{}
	before := w.possibleBefore(st)
	for {
		werr.Polls++
		cv, ok, inferred, err := w.poll(ctx, st, before)
		now := st.clock()
		if ctx.Err() != nil {
			return ctx.Err()
		}
		ev := Event{Kind: EventProgress, Elapsed: now.Sub(start), Remaining: max(deadline.Sub(now), 0)}
		switch {
		case ok:
			st.Console = cv
			ev.Message = "console is back: " + cv.String()
			st.emit(ev)
			note := ""
			if inferred {
				note = "; the target is inferred: the Platform Server it ships is that of the target"
			}
			st.Summarize("console answered at %s after %s (%d polls)%s", cv, now.Sub(start).Round(time.Second), werr.Polls, note)
			return nil
		case err != nil:
			werr.LastErr = err
			ev.Message = "console not available: " + err.Error()
			if _, ok := errors.AsType[*compareError](err); ok || (w.opts.Fatal != nil && w.opts.Fatal(err)) {
				st.emit(ev)
				return fmt.Errorf("waiting for the console: %w", err)
			}
		default:
			werr.Last, werr.LastErr = cv, nil
			ev.Message = "console answers at " + cv.String() + ", not yet " + st.Target
		}
		st.emit(ev)
		if !now.Before(deadline) {
			werr.Waited = now.Sub(start)
			return werr
		}
		if err := st.sleep(ctx, min(interval, deadline.Sub(now))); err != nil {
			return err
		}
	}
}

func (w *waitStep) dryRun(ctx context.Context, st *State) error {
	if err := w.check(); err != nil {
		return err
	}
	cv, ok, _, err := w.poll(ctx, st, w.possibleBefore(st))
	switch {
	case ok:
		st.Summarize("dry run: console already at %s", cv)
	case err != nil:
		st.Summarize("dry run: would wait for the console (now: %v)", err)
	default:
		st.Summarize("dry run: would wait for the console to reach %s (now %s)", st.Target, cv)
	}
	return nil
}
