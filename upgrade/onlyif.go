package upgrade

import (
	"context"
	"slices"
)

// Condition decides whether a step runs. It returns false and the reason
// to report when the step should be skipped.
type Condition func(st *State) (run bool, reason string)

// OnlyIf returns step, run only when cond says so; otherwise the step (and
// every step in it, for a group) is reported as skipped with the
// condition's reason. The result has the name of step, so plans can still
// be edited by that name.
func OnlyIf(cond Condition, step Step) Step {
	if step == nil {
		return nil
	}
	return &onlyIf{cond: cond, step: step}
}

// onlyIf is the step OnlyIf returns.
type onlyIf struct {
	cond Condition
	step Step
}

func (o *onlyIf) Name() string { return o.step.Name() }

// Run is used when the step runs as part of a wrapped step; the runner
// itself evaluates the condition and reports the inner steps separately.
func (o *onlyIf) Run(ctx context.Context, st *State) error {
	if ok, reason := o.cond(st); !ok {
		st.Skip(reason)
		return nil
	}
	return execute(ctx, o.step, st)
}

func (o *onlyIf) Rollback(ctx context.Context, st *State) error {
	if r, ok := o.step.(Rollbacker); ok {
		return r.Rollback(ctx, st)
	}
	return nil
}

func (o *onlyIf) Cleanup(ctx context.Context, st *State) error {
	if c, ok := o.step.(Cleaner); ok {
		return c.Cleanup(ctx, st)
	}
	return nil
}

// WhenModel is a [Condition] that holds when the infrastructure's
// deployment model is one of models.
func WhenModel(models ...DeploymentModel) Condition {
	return func(st *State) (bool, string) {
		if slices.Contains(models, st.Facts.Model) {
			return true, ""
		}
		return false, "not applicable to a " + string(st.Facts.Model) + " infrastructure"
	}
}

// WhenPlugins is a [Condition] that holds when the detect-plugins step
// found plugin modules, or has not run.
func WhenPlugins() Condition {
	return func(st *State) (bool, string) {
		if st.PluginsDetected && len(st.Plugins) == 0 {
			return false, "no LifeTime plugins in the LifeTime environment"
		}
		return true, ""
	}
}

// WhenIntegrations is a [Condition] that holds when the caller declared
// integrations in [Facts].
func WhenIntegrations() Condition {
	return func(st *State) (bool, string) {
		if len(st.Facts.Integrations) == 0 {
			return false, "no integrations declared"
		}
		return true, ""
	}
}
