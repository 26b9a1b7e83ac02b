package upgrade

import (
	"context"
	"errors"
	"fmt"
)

// Group is a named list of steps: a plan, or a part of one. The runner
// reports each step of a group separately. A group made by [Sequence] stops
// at its first failed step; one made by [All] runs every step and fails if
// any failed (pre-flight checks use it so that every blocker is reported).
//
// The editing methods (InsertBefore, InsertAfter, Drop, Replace, Wrap) look
// for the named step in the group and in the groups and [OnlyIf] steps it
// holds, depth first, and change the first match in place.
type Group struct {
	name   string
	steps  []Step
	runAll bool
}

// Sequence returns a group that runs steps in order and stops at the first
// that fails. Nil steps are left out.
func Sequence(name string, steps ...Step) *Group {
	return &Group{name: name, steps: nonNil(steps)}
}

// All returns a group that runs every step, even after one fails, and
// fails when any of them failed. Nil steps are left out.
func All(name string, steps ...Step) *Group {
	return &Group{name: name, steps: nonNil(steps), runAll: true}
}

// nonNil drops nil steps.
func nonNil(steps []Step) []Step {
	out := make([]Step, 0, len(steps))
	for _, s := range steps {
		if s != nil {
			out = append(out, s)
		}
	}
	return out
}

// Name returns the group's name.
func (g *Group) Name() string { return g.name }

// Steps returns a copy of the group's direct steps.
func (g *Group) Steps() []Step { return append([]Step(nil), g.steps...) }

// Names returns the names of every step in the group and below, depth
// first, groups included.
func (g *Group) Names() []string {
	var names []string
	var walk func(s Step)
	walk = func(s Step) {
		names = append(names, s.Name())
		switch v := s.(type) {
		case *Group:
			for _, c := range v.steps {
				walk(c)
			}
		case *onlyIf:
			if inner, ok := v.inner.(*Group); ok {
				for _, c := range inner.steps {
					walk(c)
				}
			}
		}
	}
	for _, s := range g.steps {
		walk(s)
	}
	return names
}

// Find returns the step named name in the group or below.
func (g *Group) Find(name string) (Step, bool) {
	parent, i := g.locate(name)
	if parent == nil {
		return nil, false
	}
	return parent.steps[i], true
}

// InsertBefore inserts steps right before the step named name.
func (g *Group) InsertBefore(name string, steps ...Step) error {
	return g.edit(name, func(p *Group, i int) { p.splice(i, 0, steps) })
}

// InsertAfter inserts steps right after the step named name.
func (g *Group) InsertAfter(name string, steps ...Step) error {
	return g.edit(name, func(p *Group, i int) { p.splice(i+1, 0, steps) })
}

// Drop removes the step named name.
func (g *Group) Drop(name string) error {
	return g.edit(name, func(p *Group, i int) { p.splice(i, 1, nil) })
}

// Replace puts step in place of the step named name.
func (g *Group) Replace(name string, step Step) error {
	return g.edit(name, func(p *Group, i int) { p.splice(i, 1, []Step{step}) })
}

// Wrap replaces the step named name with wrap(step), e.g. with
// [WithRetry] or [WithTimeout]. A wrapped group runs as one step: its steps
// are no longer reported separately.
func (g *Group) Wrap(name string, wrap func(Step) Step) error {
	return g.edit(name, func(p *Group, i int) { p.steps[i] = wrap(p.steps[i]) })
}

// Append adds steps at the end of the group.
func (g *Group) Append(steps ...Step) { g.steps = append(g.steps, nonNil(steps)...) }

// edit applies f to the group holding name and its index.
func (g *Group) edit(name string, f func(p *Group, i int)) error {
	parent, i := g.locate(name)
	if parent == nil {
		return fmt.Errorf("%w: %q in %q", ErrStepNotFound, name, g.name)
	}
	f(parent, i)
	return nil
}

// splice replaces n steps at i with steps.
func (g *Group) splice(i, n int, steps []Step) {
	steps = nonNil(steps)
	out := make([]Step, 0, len(g.steps)-n+len(steps))
	out = append(out, g.steps[:i]...)
	out = append(out, steps...)
	out = append(out, g.steps[i+n:]...)
	g.steps = out
}

// locate finds the group that directly holds the step named name.
func (g *Group) locate(name string) (*Group, int) {
	for i, s := range g.steps {
		if s.Name() == name {
			return g, i
		}
		var inner *Group
		switch v := s.(type) {
		case *Group:
			inner = v
		case *onlyIf:
			inner, _ = v.inner.(*Group)
		}
		if inner != nil {
			if p, j := inner.locate(name); p != nil {
				return p, j
			}
		}
	}
	return nil, -1
}

// Run runs the group as one step. The runner does not call it (it reports
// each step of a group separately); wrappers such as [WithRetry] do. Run
// stops at the first error, rolling back the steps it completed.
func (g *Group) Run(ctx context.Context, st *State) error {
	var errs []error
	for i, s := range g.steps {
		if err := ctx.Err(); err != nil {
			return errors.Join(append(errs, g.rollbackFirst(ctx, st, i))...)
		}
		if err := execute(ctx, s, st); err != nil {
			errs = append(errs, &StepError{Step: s.Name(), Err: err})
			if !g.runAll {
				return errors.Join(append(errs, g.rollbackFirst(ctx, st, i))...)
			}
		}
	}
	return errors.Join(errs...)
}

// Rollback rolls back every step of the group in reverse order.
func (g *Group) Rollback(ctx context.Context, st *State) error {
	return g.rollbackFirst(ctx, st, len(g.steps))
}

// Cleanup cleans up every step of the group in reverse order.
func (g *Group) Cleanup(ctx context.Context, st *State) error {
	var errs []error
	for i := len(g.steps) - 1; i >= 0; i-- {
		if c, ok := g.steps[i].(Cleaner); ok {
			if err := c.Cleanup(ctx, st); err != nil {
				errs = append(errs, fmt.Errorf("cleanup %s: %w", g.steps[i].Name(), err))
			}
		}
	}
	return errors.Join(errs...)
}

// rollbackFirst rolls back the first n steps in reverse order.
func (g *Group) rollbackFirst(ctx context.Context, st *State, n int) error {
	if st.dryRun {
		return nil
	}
	var errs []error
	for i := n - 1; i >= 0; i-- {
		if r, ok := g.steps[i].(Rollbacker); ok {
			if err := r.Rollback(ctx, st); err != nil {
				errs = append(errs, fmt.Errorf("rollback %s: %w", g.steps[i].Name(), err))
			}
		}
	}
	return errors.Join(errs...)
}
