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
	return &onlyIf{wrapped: wrapped{step}, cond: cond}
}

// onlyIf is the step OnlyIf returns. Its name, rollback and cleanup are the
// inner step's.
type onlyIf struct {
	wrapped
	cond Condition
}

// Run is used when the step runs as part of a wrapped step; the runner
// itself evaluates the condition and reports the inner steps separately.
func (o *onlyIf) Run(ctx context.Context, st *State) error {
	if ok, reason := o.cond(st); !ok {
		st.Skip(reason)
		return nil
	}
	return execute(ctx, o.inner, st)
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
		if st.noPlugins() {
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
