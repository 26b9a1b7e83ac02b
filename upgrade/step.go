package upgrade

import "context"

// Step is one part of the upgrade procedure. Run does the work over the
// shared typed [State], records findings and changes through the State's
// methods and returns an error only when it could not do its work (a check
// that finds a blocker returns nil and records a blocker finding).
//
// A step may also implement [Rollbacker], [Cleaner], [DryRunner] and
// [Mutator]. Steps are values: build them with the ready-made constructors,
// with [NewStep], or with your own type.
type Step interface {
	// Name identifies the step in reports and when editing a plan.
	Name() string
	// Run does the step's work.
	Run(ctx context.Context, st *State) error
}

// Rollbacker is a step that can undo its work. When a run fails, the runner
// calls Rollback on the steps that completed, in reverse order.
type Rollbacker interface {
	Rollback(ctx context.Context, st *State) error
}

// Cleaner is a step that leaves something to clean up (a temporary
// solution, a lock). After a run, failed or not, the runner calls Cleanup
// on the steps that completed, in reverse order.
type Cleaner interface {
	Cleanup(ctx context.Context, st *State) error
}

// DryRunner is a step that changes the infrastructure and can say what it
// would do. In a dry run the runner calls DryRun instead of Run; DryRun
// records the changes it would make with [State.RecordChange] and changes
// nothing.
type DryRunner interface {
	DryRun(ctx context.Context, st *State) error
}

// Mutator is a step that changes the infrastructure. In a dry run, a
// Mutator whose Mutates returns true and that is not a [DryRunner] is
// skipped. Steps that are neither run normally in a dry run: they must
// only read.
type Mutator interface {
	Mutates() bool
}

// RunFunc is the function form of [Step.Run].
type RunFunc func(ctx context.Context, st *State) error

// StepOption configures a step built by [NewStep].
type StepOption func(*funcStep)

// OnRollback sets the step's rollback (see [Rollbacker]).
func OnRollback(f RunFunc) StepOption { return func(s *funcStep) { s.rollback = f } }

// OnCleanup sets the step's cleanup (see [Cleaner]).
func OnCleanup(f RunFunc) StepOption { return func(s *funcStep) { s.cleanup = f } }

// Mutating marks the step as one that changes the infrastructure. dryRun,
// when not nil, is called in a dry run instead of the step's function and
// should record what it would change; when nil the step is skipped in a dry
// run.
func Mutating(dryRun RunFunc) StepOption {
	return func(s *funcStep) { s.mutates, s.dryRun = true, dryRun }
}

// DryRunWith sets what a step that only reads, but depends on changes a
// dry run does not make (a wait for the upgraded console, a check of
// republished modules), does in a dry run instead of its function. Such a
// step counts as a [Mutator] for the dry-run dispatch only.
func DryRunWith(dryRun RunFunc) StepOption {
	return func(s *funcStep) { s.dryRun = dryRun }
}

// NewStep returns a step named name that runs run. Use it to add your own
// steps anywhere in a plan.
func NewStep(name string, run RunFunc, opts ...StepOption) Step {
	s := &funcStep{name: name, run: run}
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	return s
}

// funcStep is a step made of functions.
type funcStep struct {
	name     string
	run      RunFunc
	rollback RunFunc
	cleanup  RunFunc
	dryRun   RunFunc
	mutates  bool
}

func (s *funcStep) Name() string { return s.name }

func (s *funcStep) Run(ctx context.Context, st *State) error {
	if s.run == nil {
		return nil
	}
	return s.run(ctx, st)
}

func (s *funcStep) Rollback(ctx context.Context, st *State) error {
	if s.rollback == nil {
		return nil
	}
	return s.rollback(ctx, st)
}

func (s *funcStep) Cleanup(ctx context.Context, st *State) error {
	if s.cleanup == nil {
		return nil
	}
	return s.cleanup(ctx, st)
}

func (s *funcStep) Mutates() bool { return s.mutates || s.dryRun != nil }

func (s *funcStep) DryRun(ctx context.Context, st *State) error {
	if s.dryRun == nil {
		st.Skip("dry run: " + s.name + " changes the infrastructure")
		return nil
	}
	return s.dryRun(ctx, st)
}

// execute runs one step the way the run mode asks: in a dry run, a
// DryRunner's DryRun, a skip for a Mutator, and Run otherwise.
func execute(ctx context.Context, s Step, st *State) error {
	if st.dryRun {
		if d, ok := s.(DryRunner); ok {
			if m, ok := s.(Mutator); !ok || m.Mutates() {
				st.markDryRun()
				return d.DryRun(ctx, st)
			}
		}
		if m, ok := s.(Mutator); ok && m.Mutates() {
			st.Skip("dry run: " + s.Name() + " changes the infrastructure")
			return nil
		}
	}
	return s.Run(ctx, st)
}
