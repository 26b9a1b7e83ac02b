package lifetime

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"
)

// Defaults of [WaitOptions].
const (
	// DefaultPollInterval is how often Wait polls: 20 s, as
	// outsystems-pipeline does.
	DefaultPollInterval = 20 * time.Second
	// DefaultMaxOutage is how long status polls may keep failing
	// transiently (the console restarting during an upgrade, a proxy
	// answering 503) before Wait gives up: 30 minutes.
	DefaultMaxOutage = 30 * time.Minute
	// DefaultMaxErrorBackoff caps the delay after failed polls.
	DefaultMaxErrorBackoff = 2 * time.Minute
	// DefaultAbortTimeout bounds the abort sent when the wait ends.
	DefaultAbortTimeout = 30 * time.Second
)

// Errors matched by [*DeploymentError] through errors.Is.
var (
	// ErrDeploymentFailed: the plan ended in aborted,
	// finished_with_errors, force_finished or an unknown state.
	ErrDeploymentFailed = errors.New("lifetime: deployment failed")
	// ErrDeploymentAborted: the plan ended in aborted.
	ErrDeploymentAborted = errors.New("lifetime: deployment aborted")
	// ErrNeedsUserIntervention: the plan waits for continue or abort; the
	// error's Info says why.
	ErrNeedsUserIntervention = errors.New("lifetime: deployment needs user intervention")
	// ErrUnknownDeploymentStatus: LifeTime reported a state this SDK does
	// not know; it is never taken as success.
	ErrUnknownDeploymentStatus = errors.New("lifetime: unknown deployment status")
)

// WaitOptions configure [DeploymentsService.Wait]. The zero value (or nil)
// polls every 20 s until the plan ends or the context does.
type WaitOptions struct {
	// PollInterval between status polls; 0 means DefaultPollInterval.
	PollInterval time.Duration
	// Timeout bounds the whole wait, on top of the context's deadline;
	// 0 means none.
	Timeout time.Duration
	// MaxOutage is how long polls may keep failing with transient errors
	// (network, 5xx, 408, 429): the time from the first failed poll of the
	// current run of failures. A poll is still sent when MaxOutage is
	// reached; if it fails too, Wait returns an [*OutageError]. During an
	// outage the delay between polls doubles from PollInterval up to
	// MaxErrorBackoff. 0 means DefaultMaxOutage.
	MaxOutage time.Duration
	// MaxTransientErrors, when positive, also ends the wait with an
	// [*OutageError] after that many polls in a row failed transiently,
	// whatever the time. 0 means no count limit (MaxOutage alone decides).
	MaxTransientErrors int
	// MaxErrorBackoff caps the delay after failed polls; 0 means
	// DefaultMaxErrorBackoff.
	MaxErrorBackoff time.Duration
	// OnProgress, when set, is called from Wait's goroutine at each change
	// of status or Info, for new log messages, and for transient errors.
	OnProgress func(DeploymentEvent)
	// ContinuePrepared sends continue when the plan pauses with Info
	// deployment_prepared (two-step deployment, stage one done). Other
	// pauses are never continued automatically.
	ContinuePrepared bool
	// ContinueOptions are the query options of that continue.
	ContinueOptions *CommandOptions
	// WaitForManualIntervention keeps polling while the plan needs user
	// intervention (someone continues it in the console) instead of
	// returning an error matching ErrNeedsUserIntervention.
	WaitForManualIntervention bool
	// AbortOnCancel sends abort when the context ends or Timeout passes,
	// with its own short context (AbortTimeout).
	AbortOnCancel bool
	// AbortTimeout bounds that abort; 0 means DefaultAbortTimeout.
	AbortTimeout time.Duration
}

// DeploymentEvent reports progress of a waited deployment.
type DeploymentEvent struct {
	// DeploymentKey is the plan being waited for.
	DeploymentKey string
	// Status and Info are the latest known state.
	Status DeploymentStatus
	// Info is the latest Info (set with needs_user_intervention).
	Info DeploymentInfo
	// PreviousStatus is the state before this event ("" at first).
	PreviousStatus DeploymentStatus
	// StatusChanged is true when Status or Info changed.
	StatusChanged bool
	// NewMessages are the log entries not reported before.
	NewMessages []DeploymentMessage
	// Continued is true when Wait sent continue after this event.
	Continued bool
	// Err is a transient poll error Wait will retry (Status is then the
	// last known one).
	Err error
}

// DeploymentError reports a plan that did not end successfully.
// errors.Is matches ErrDeploymentFailed, ErrDeploymentAborted,
// ErrNeedsUserIntervention or ErrUnknownDeploymentStatus.
type DeploymentError struct {
	// DeploymentKey is the plan.
	DeploymentKey string
	// Status is the state the plan reached.
	Status DeploymentStatus
	// Info says why it needs intervention, if it does.
	Info DeploymentInfo
	// Log is the plan's log at that point.
	Log []DeploymentMessage
}

// Error describes the outcome and the last error messages of the log.
func (e *DeploymentError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "lifetime: deployment %s: status %s", e.DeploymentKey, e.Status)
	if e.Info != "" {
		fmt.Fprintf(&b, " (%s)", e.Info)
	}
	if !e.Status.Known() {
		b.WriteString(" is not a known status")
	}
	var errs []string
	for _, m := range e.Log {
		if strings.EqualFold(m.Type, "Error") {
			errs = append(errs, m.Message)
		}
	}
	if len(errs) > 3 {
		errs = errs[len(errs)-3:]
	}
	if len(errs) > 0 {
		b.WriteString(": ")
		b.WriteString(strings.Join(errs, "; "))
	}
	return b.String()
}

// Is matches the sentinel errors of the outcome.
func (e *DeploymentError) Is(target error) bool {
	switch target {
	case ErrDeploymentFailed:
		return e.Status != DeploymentNeedsUserIntervention && !e.Status.Succeeded()
	case ErrDeploymentAborted:
		return e.Status == DeploymentAborted
	case ErrNeedsUserIntervention:
		return e.Status == DeploymentNeedsUserIntervention
	case ErrUnknownDeploymentStatus:
		return !e.Status.Known()
	}
	return false
}

// OutageError is returned by [DeploymentsService.Wait] when status polls
// kept failing with transient errors (network, 5xx, 408, 429) for
// [WaitOptions].MaxOutage, or more than MaxTransientErrors times in a row.
// The plan's outcome is unknown: it may still be running. Wait again with
// the same key to resume. errors.As finds the last poll's error through it
// (for example an [*APIError] with status 503).
type OutageError struct {
	// DeploymentKey is the plan waited for.
	DeploymentKey string
	// LastStatus is the last status seen ("" if none).
	LastStatus DeploymentStatus
	// Failures is the number of polls in a row that failed.
	Failures int
	// Outage is the time from the first to the last failed poll.
	Outage time.Duration
	// Err is the last poll's error.
	Err error
}

// Error says how long the polls failed and why the last one did.
func (e *OutageError) Error() string {
	return fmt.Sprintf("lifetime: waiting for deployment %s (last status %q): %d polls in a row failed over %v, outcome unknown: %v",
		e.DeploymentKey, e.LastStatus, e.Failures, e.Outage, e.Err)
}

// Unwrap returns the last poll's error.
func (e *OutageError) Unwrap() error { return e.Err }

// WaitInterruptedError is returned when the context ended (or the wait's
// Timeout passed) before the plan did. errors.Is(err,
// context.DeadlineExceeded) or context.Canceled works through it.
type WaitInterruptedError struct {
	// DeploymentKey is the plan waited for.
	DeploymentKey string
	// LastStatus is the last status seen ("" if none).
	LastStatus DeploymentStatus
	// Err is the context's error.
	Err error
	// AbortSent is true when AbortOnCancel was set and LifeTime accepted
	// the abort.
	AbortSent bool
	// AbortErr is the abort's error, if it failed.
	AbortErr error
}

// Error describes the interruption.
func (e *WaitInterruptedError) Error() string {
	s := fmt.Sprintf("lifetime: waiting for deployment %s (last status %q): %v", e.DeploymentKey, e.LastStatus, e.Err)
	switch {
	case e.AbortSent:
		s += "; abort sent"
	case e.AbortErr != nil:
		s += "; abort failed: " + e.AbortErr.Error()
	}
	return s
}

// Unwrap returns the context error and the abort error.
func (e *WaitInterruptedError) Unwrap() []error {
	if e.AbortErr != nil {
		return []error{e.Err, e.AbortErr}
	}
	return []error{e.Err}
}

func (o *WaitOptions) withDefaults() (WaitOptions, error) {
	var w WaitOptions
	if o != nil {
		w = *o
	}
	if w.PollInterval < 0 || w.Timeout < 0 || w.MaxErrorBackoff < 0 || w.AbortTimeout < 0 || w.MaxTransientErrors < 0 || w.MaxOutage < 0 {
		return w, fmt.Errorf("%w: negative WaitOptions value", ErrInvalidArgument)
	}
	w.PollInterval = cmp.Or(w.PollInterval, DefaultPollInterval)
	w.MaxOutage = cmp.Or(w.MaxOutage, DefaultMaxOutage)
	w.MaxErrorBackoff = max(cmp.Or(w.MaxErrorBackoff, DefaultMaxErrorBackoff), w.PollInterval)
	w.AbortTimeout = cmp.Or(w.AbortTimeout, DefaultAbortTimeout)
	return w, nil
}

// Wait polls the plan with the given key until it ends and returns its
// last progress. Always wait by key: with parallel deployments "the
// running plan" of a target is ambiguous (outsystems-pipeline issue #92).
//
//   - finished_successful and finished_with_warnings return the progress
//     and a nil error; check DeploymentStatus (or the Warning entries of
//     the log) to show warnings.
//   - aborted, finished_with_errors, force_finished and unknown states
//     return a [*DeploymentError] (never success).
//   - needs_user_intervention returns a [*DeploymentError] matching
//     ErrNeedsUserIntervention with its Info, unless ContinuePrepared
//     applies (Info deployment_prepared only) or WaitForManualIntervention
//     is set.
//   - saved, running and aborting keep the wait going.
//
// Transient poll failures (network, 5xx, 408, 429) are retried with bounded
// backoff for up to MaxOutage (30 minutes by default) from the first failure
// of a run of failures; then Wait returns an [*OutageError] that wraps the
// last poll error and leaves the plan as it is (resume with Wait and the
// same key). Other errors (404, 403, ...) are returned at once. When the context ends or Timeout
// passes, the error is a [*WaitInterruptedError], after sending abort if
// AbortOnCancel is set.
func (s *DeploymentsService) Wait(ctx context.Context, deploymentKey string, opts *WaitOptions) (*DeploymentProgress, error) {
	if _, err := escapeKey("DeploymentKey", deploymentKey); err != nil {
		return nil, err
	}
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	wctx := ctx
	if o.Timeout > 0 {
		var cancel context.CancelFunc
		wctx, cancel = context.WithTimeout(ctx, o.Timeout)
		defer cancel()
	}
	w := waiter{s: s, key: deploymentKey, o: o}
	return w.run(ctx, wctx)
}

type waiter struct {
	s   *DeploymentsService
	key string
	o   WaitOptions

	last       *DeploymentProgress
	prevStatus DeploymentStatus
	prevInfo   DeploymentInfo
	seenLog    int
	continued  bool // continue was sent during the current pause
}

func (w *waiter) run(parent, ctx context.Context) (*DeploymentProgress, error) {
	var (
		delay       time.Duration
		failures    int
		outageStart time.Time // when the first poll of the current run of failures failed
	)
	for poll := 0; ; poll++ {
		if poll > 0 {
			if err := sleepCtx(ctx, delay); err != nil {
				return w.last, w.interrupted(parent, err)
			}
		}
		p, _, err := w.s.Status(ctx, w.key)
		if err != nil {
			if ctx.Err() != nil {
				return w.last, w.interrupted(parent, ctx.Err())
			}
			if !transientError(err) {
				return w.last, err
			}
			now := time.Now()
			failures++
			if failures == 1 {
				outageStart = now
			}
			outage := now.Sub(outageStart)
			if outage >= w.o.MaxOutage || (w.o.MaxTransientErrors > 0 && failures > w.o.MaxTransientErrors) {
				return w.last, &OutageError{DeploymentKey: w.key, LastStatus: w.prevStatus, Failures: failures, Outage: outage, Err: err}
			}
			// Double the delay (without overflowing the shift), capped, and
			// poll once more when the outage budget runs out.
			delay = w.o.MaxErrorBackoff
			if failures <= 16 {
				delay = min(w.o.PollInterval<<(failures-1), w.o.MaxErrorBackoff)
			}
			delay = min(delay, w.o.MaxOutage-outage)
			w.debug(ctx, "deployment poll failed", slog.Int("failures", failures), slog.Duration("retry_in", delay), slog.String("error", w.s.client.pipeline.Redact(err.Error())))
			w.emit(DeploymentEvent{DeploymentKey: w.key, Status: w.prevStatus, Info: w.prevInfo, PreviousStatus: w.prevStatus, Err: err})
			continue
		}
		failures = 0
		delay = w.o.PollInterval
		w.last = p
		ev := w.observe(p)
		w.debug(ctx, "deployment poll", slog.String("status", string(p.DeploymentStatus)), slog.String("info", string(p.Info)))

		st := p.DeploymentStatus
		switch {
		case st.Succeeded():
			w.emitIf(ev)
			return p, nil
		case st.Terminal() || !st.Known():
			w.emitIf(ev)
			return p, w.failure(p)
		case st == DeploymentNeedsUserIntervention && p.Info == InfoDeploymentPrepared && w.o.ContinuePrepared:
			if err := w.continuePrepared(parent, ctx, ev); err != nil {
				return p, err
			}
		case st == DeploymentNeedsUserIntervention:
			w.emitIf(ev)
			if !w.o.WaitForManualIntervention {
				return p, w.failure(p)
			}
		default: // saved, running, aborting
			w.continued = false
			w.emitIf(ev)
		}
	}
}

// continuePrepared sends continue, once per pause, to a plan whose first
// stage is done (Info deployment_prepared) and reports ev. A continue
// refused because the plan moved on meanwhile (continued from the console,
// or by another waiter) keeps the wait going.
func (w *waiter) continuePrepared(parent, ctx context.Context, ev DeploymentEvent) error {
	if w.continued {
		w.emitIf(ev)
		return nil
	}
	_, err := w.s.Continue(ctx, w.key, w.o.ContinueOptions)
	switch {
	case err == nil:
		ev.Continued = true
	case ctx.Err() != nil:
		w.emitIf(ev)
		return w.interrupted(parent, ctx.Err())
	case errors.Is(err, ErrConflict):
		w.debug(ctx, "deployment continue refused, state changed", slog.String("error", w.s.client.pipeline.Redact(err.Error())))
	default:
		w.emitIf(ev)
		return fmt.Errorf("lifetime: continuing prepared deployment %s: %w", w.key, err)
	}
	w.continued = true
	w.emit(ev)
	return nil
}

// observe records p and returns the event describing what is new.
func (w *waiter) observe(p *DeploymentProgress) DeploymentEvent {
	ev := DeploymentEvent{
		DeploymentKey:  w.key,
		Status:         p.DeploymentStatus,
		Info:           p.Info,
		PreviousStatus: w.prevStatus,
		StatusChanged:  p.DeploymentStatus != w.prevStatus || p.Info != w.prevInfo,
	}
	if len(p.DeploymentLog) < w.seenLog {
		w.seenLog = 0 // the log was reset; report it again
	}
	if len(p.DeploymentLog) > w.seenLog {
		ev.NewMessages = append([]DeploymentMessage(nil), p.DeploymentLog[w.seenLog:]...)
		w.seenLog = len(p.DeploymentLog)
	}
	w.prevStatus, w.prevInfo = p.DeploymentStatus, p.Info
	return ev
}

func (w *waiter) emitIf(ev DeploymentEvent) {
	if ev.StatusChanged || len(ev.NewMessages) > 0 {
		w.emit(ev)
	}
}

func (w *waiter) emit(ev DeploymentEvent) {
	if w.o.OnProgress != nil {
		w.o.OnProgress(ev)
	}
}

func (w *waiter) failure(p *DeploymentProgress) error {
	return &DeploymentError{DeploymentKey: w.key, Status: p.DeploymentStatus, Info: p.Info, Log: p.DeploymentLog}
}

// interrupted builds the error of a wait whose context ended, sending abort
// first when asked to, with a fresh context derived from parent's values.
func (w *waiter) interrupted(parent context.Context, cause error) error {
	e := &WaitInterruptedError{DeploymentKey: w.key, LastStatus: w.prevStatus, Err: cause}
	if !w.o.AbortOnCancel {
		return e
	}
	actx, cancel := context.WithTimeout(context.WithoutCancel(parent), w.o.AbortTimeout)
	defer cancel()
	if _, err := w.s.Abort(actx, w.key, nil); err != nil {
		e.AbortErr = err
	} else {
		e.AbortSent = true
	}
	w.debug(actx, "deployment abort after interrupted wait", slog.Bool("sent", e.AbortSent))
	return e
}

func (w *waiter) debug(ctx context.Context, msg string, attrs ...slog.Attr) {
	l := w.s.client.logger
	if l == nil {
		return
	}
	l.LogAttrs(ctx, slog.LevelDebug, msg, append([]slog.Attr{slog.String("deployment", w.key)}, attrs...)...)
}
