package upgrade

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
)

// RunOption configures [Run].
type RunOption func(*runConfig)

// runConfig is the configuration of one run.
type runConfig struct {
	dryRun            bool
	continueOnFailure bool
	progress          func(Event)
	logger            *slog.Logger
	clock             Clock
}

// DryRun makes the run a dry run: steps that change the infrastructure
// report what they would do ([DryRunner]) or are skipped ([Mutator]);
// read-only steps run as usual.
func DryRun() RunOption { return func(c *runConfig) { c.dryRun = true } }

// ContinueOnFailure makes every group run all of its steps even after one
// failed, as if each were made by [All]. The run still fails.
func ContinueOnFailure() RunOption { return func(c *runConfig) { c.continueOnFailure = true } }

// OnProgress sets the callback that receives progress events.
func OnProgress(f func(Event)) RunOption { return func(c *runConfig) { c.progress = f } }

// WithLogger logs each step's start and end at debug level. Nil (the
// default) logs nothing.
func WithLogger(l *slog.Logger) RunOption { return func(c *runConfig) { c.logger = l } }

// Run runs plan over st and returns the report of every step.
//
// Steps run in order; the runner checks ctx before each step. A group made
// by [Sequence] stops at its first failed step (an error, or a blocker
// finding) and the run stops with it, unless [ContinueOnFailure] is given;
// the steps that did not run are reported as skipped. When the run failed,
// the steps that completed are rolled back ([Rollbacker]) in reverse order;
// in every case they are then cleaned up ([Cleaner]) in reverse order, with
// a context that is not cancelled with ctx.
//
// The error is nil when no step failed; otherwise it joins a [*StepError]
// per failed step, ctx's error if ctx ended, and the rollback and cleanup
// errors. The report is never nil.
func Run(ctx context.Context, plan Step, st *State, opts ...RunOption) (*Report, error) {
	cfg := runConfig{clock: systemClock{}}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if st == nil {
		return &Report{SchemaVersion: ReportSchemaVersion, Outcome: Failed}, fmt.Errorf("%w: nil state", ErrInvalidState)
	}
	st.dryRun, st.progress, st.clk = cfg.dryRun, cfg.progress, cfg.clock
	defer func() { st.dryRun, st.progress, st.clk = false, nil, nil }()

	r := &runner{cfg: cfg, st: st}
	r.report = &Report{
		SchemaVersion: ReportSchemaVersion,
		Target:        st.Target,
		Model:         st.Facts.Model,
		DryRun:        cfg.dryRun,
		Started:       cfg.clock.Now(),
	}
	if plan != nil {
		r.report.Plan = plan.Name()
		r.run(ctx, plan, nil)
	}
	failed := len(r.errs) > 0
	if err := ctx.Err(); err != nil {
		r.errs = append(r.errs, err)
		failed = true
	}
	r.unwind(context.WithoutCancel(ctx), failed)
	r.report.Finished = cfg.clock.Now()
	r.report.Duration = r.report.Finished.Sub(r.report.Started)
	r.report.Outcome = r.report.overall(failed)
	return r.report, errors.Join(r.errs...)
}

// runner is the state of one run.
type runner struct {
	cfg       runConfig
	st        *State
	report    *Report
	errs      []error
	completed []completedStep
	halted    string // why the run stopped, when it did
}

// completedStep is a step whose Run returned nil, for rollback and cleanup.
type completedStep struct {
	step   Step
	index  int // in report.Steps
	dryRun bool
}

// run runs s (a group, a conditional step or a leaf) and reports whether
// it failed.
func (r *runner) run(ctx context.Context, s Step, path []string) bool {
	switch v := s.(type) {
	case *Group:
		inner := append(append([]string(nil), path...), v.name)
		failed := false
		for _, c := range v.steps {
			if r.halted != "" {
				r.notRun(c, inner, r.halted)
				continue
			}
			if r.run(ctx, c, inner) {
				failed = true
				if !v.runAll && !r.cfg.continueOnFailure {
					r.halted = "not run: an earlier step failed"
				}
			}
		}
		if failed && v.runAll && !r.cfg.continueOnFailure {
			r.halted = "not run: an earlier step failed"
		}
		return failed
	case *onlyIf:
		if ok, reason := v.cond(r.st); !ok {
			r.notRun(v.inner, path, reason)
			return false
		}
		return r.run(ctx, v.inner, path)
	default:
		return r.leaf(ctx, s, path)
	}
}

// leaf runs one reported step.
func (r *runner) leaf(ctx context.Context, s Step, path []string) bool {
	if err := ctx.Err(); err != nil {
		r.halted = "not run: " + err.Error()
		r.notRun(s, path, r.halted)
		return true
	}
	name := s.Name()
	start := r.cfg.clock.Now()
	r.st.begin(name)
	r.st.emit(Event{Kind: EventStepStarted, Step: name, Time: start})
	if r.cfg.logger != nil {
		r.cfg.logger.DebugContext(ctx, "upgrade step started", "step", name)
	}
	err := execute(ctx, s, r.st)
	rec := r.st.end()
	res := rec.result(name, path, err)
	res.Started = start
	res.Duration = r.cfg.clock.Now().Sub(start)
	if res.Outcome == Failed {
		if err == nil {
			err = fmt.Errorf("%w (%d)", ErrBlocked, res.blockers())
		}
		r.errs = append(r.errs, &StepError{Step: name, Err: err})
	}
	r.report.Steps = append(r.report.Steps, res)
	if err == nil && !rec.skip {
		r.completed = append(r.completed, completedStep{step: s, index: len(r.report.Steps) - 1, dryRun: r.st.dryRun})
	}
	r.st.emit(Event{Kind: EventStepFinished, Step: name, Outcome: res.Outcome, Message: res.Summary})
	if r.cfg.logger != nil {
		r.cfg.logger.DebugContext(ctx, "upgrade step finished", "step", name, "outcome", string(res.Outcome), "duration", res.Duration)
	}
	return res.Outcome == Failed
}

// notRun reports s, and every step in it, as skipped for reason.
func (r *runner) notRun(s Step, path []string, reason string) {
	switch v := s.(type) {
	case *Group:
		inner := append(append([]string(nil), path...), v.name)
		for _, c := range v.steps {
			r.notRun(c, inner, reason)
		}
	case *onlyIf:
		r.notRun(v.inner, path, reason)
	default:
		r.report.Steps = append(r.report.Steps, StepResult{
			Name: s.Name(), Path: append([]string(nil), path...), Outcome: Skipped, Summary: reason,
		})
	}
}

// unwind rolls back (when the run failed) and cleans up the completed
// steps in reverse order.
func (r *runner) unwind(ctx context.Context, failed bool) {
	for i := len(r.completed) - 1; i >= 0; i-- {
		c := r.completed[i]
		res := &r.report.Steps[c.index]
		if failed && !c.dryRun {
			if rb, ok := c.step.(Rollbacker); ok {
				if err := rb.Rollback(ctx, r.st); err != nil {
					res.RollbackError = err.Error()
					r.errs = append(r.errs, fmt.Errorf("upgrade: rollback of %s: %w", c.step.Name(), err))
				}
			}
		}
		if cl, ok := c.step.(Cleaner); ok {
			if err := cl.Cleanup(ctx, r.st); err != nil {
				res.CleanupError = err.Error()
				r.errs = append(r.errs, fmt.Errorf("upgrade: cleanup of %s: %w", c.step.Name(), err))
			}
		}
	}
}
