package upgrade

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// State is what the steps of a run share: the caller's input (target and
// facts) and what earlier steps found, in typed fields. Steps read and fill
// the fields directly, and record their findings, changes and outcome
// through its methods, which always apply to the step that is running.
//
// A State is used by one run at a time.
type State struct {
	// Target is the LifeTime version to upgrade to, e.g. "11.30.1".
	Target string
	// Facts are what the caller knows that no API says.
	Facts Facts

	// Inventory is set by the inventory step.
	Inventory *Inventory
	// Plugins is set by the detect-plugins step: the plugin modules of the
	// LifeTime environment (empty when there are none).
	Plugins []Module
	// PluginsDetected is true once detect-plugins has run.
	PluginsDetected bool
	// Queue is set by the check-deployment-queue step: the plans that are
	// saved, running or waiting.
	Queue []Deployment
	// SupportCase is set by the support-case step: the text of the support
	// case asking OutSystems to upgrade LifeTime.
	SupportCase string
	// Console is set by the wait-for-console step: the version of the
	// console once it answered at the target version.
	Console *ConsoleVersion
	// Publish is set by the republish-plugins step.
	Publish *PublishResult

	mu       sync.Mutex
	cur      *stepRecord
	dryRun   bool
	progress func(Event)
	clk      Clock
}

// noPlugins reports whether detect-plugins ran and found no plugin module,
// so the plugin steps have nothing to do.
func (s *State) noPlugins() bool { return s.PluginsDetected && len(s.Plugins) == 0 }

// NewState returns a State for an upgrade to target with the caller's
// facts. It checks the facts the ready-made plans need: target and model
// are required, and a hybrid model needs the licence purchase date.
func NewState(target string, facts Facts) (*State, error) {
	if target == "" {
		return nil, fmt.Errorf("%w: target version is empty", ErrInvalidState)
	}
	if !facts.Model.valid() {
		return nil, fmt.Errorf("%w: deployment model %q is not one of %q, %q, %q", ErrInvalidState, facts.Model, SelfManaged, Cloud, Hybrid)
	}
	if facts.Model == Hybrid && facts.LicencePurchased.IsZero() {
		return nil, fmt.Errorf("%w: a hybrid infrastructure needs the licence purchase date", ErrInvalidState)
	}
	for _, in := range facts.Integrations {
		if in.Kind != IntegrationREST && in.Kind != IntegrationSOAP {
			return nil, fmt.Errorf("%w: integration %q has kind %q, want %q or %q", ErrInvalidState, in.Name, in.Kind, IntegrationREST, IntegrationSOAP)
		}
	}
	return &State{Target: target, Facts: facts}, nil
}

// stepRecord is what the running step recorded.
type stepRecord struct {
	step      string
	findings  []Finding
	changes   []Change
	skipped   string
	skip      bool
	action    bool
	summary   string
	detail    string
	attempts  int
	wasDryRun bool
}

// DryRun reports whether the run is a dry run. Steps that change the
// infrastructure should implement [DryRunner] rather than test this.
func (s *State) DryRun() bool { return s.dryRun }

// AddFinding records findings for the running step. A finding of severity
// [SeverityBlocker] makes the step fail; [SeverityWarning] makes it a
// warning.
func (s *State) AddFinding(f ...Finding) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur != nil {
		s.cur.findings = append(s.cur.findings, f...)
	}
}

// RecordChange records that the running step changed the infrastructure.
// In a dry run the change is marked as not made.
func (s *State) RecordChange(description string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur != nil {
		s.cur.changes = append(s.cur.changes, Change{Description: description, DryRun: s.dryRun})
	}
}

// Skip marks the running step as skipped, with the reason. The step should
// return nil right after.
func (s *State) Skip(reason string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur != nil {
		s.cur.skip, s.cur.skipped = true, reason
	}
}

// RequireAction marks the running step's outcome as [ActionRequired]:
// summary says what a person must do, detail (optional) holds the text they
// need, such as a support-case request.
func (s *State) RequireAction(summary, detail string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur != nil {
		s.cur.action = true
		s.cur.summary, s.cur.detail = summary, detail
	}
}

// Summarize sets the one-line summary of the running step in the report.
func (s *State) Summarize(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur != nil {
		s.cur.summary = fmt.Sprintf(format, args...)
	}
}

// Progress sends a progress event for the running step to the run's
// progress callback, if any.
func (s *State) Progress(message string) {
	s.emit(Event{Kind: EventProgress, Message: message})
}

// emit fills in the step and time of e and calls the progress callback.
func (s *State) emit(e Event) {
	s.mu.Lock()
	cb := s.progress
	if e.Step == "" && s.cur != nil {
		e.Step = s.cur.step
	}
	s.mu.Unlock()
	if e.Time.IsZero() {
		e.Time = s.clock()
	}
	if cb != nil {
		cb(e)
	}
}

// clock returns the current time of the run's clock.
func (s *State) clock() time.Time {
	if s.clk != nil {
		return s.clk.Now()
	}
	return time.Now()
}

// sleep pauses on the run's clock.
func (s *State) sleep(ctx context.Context, d time.Duration) error {
	if s.clk != nil {
		return s.clk.Sleep(ctx, d)
	}
	return systemClock{}.Sleep(ctx, d)
}

// begin starts recording for a step.
func (s *State) begin(step string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cur = &stepRecord{step: step}
}

// end stops recording and returns what was recorded.
func (s *State) end() *stepRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.cur
	s.cur = nil
	return r
}

// resetAttempt forgets what the running step recorded, for a retry.
func (s *State) resetAttempt() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur != nil {
		s.cur.findings, s.cur.changes = nil, nil
		s.cur.skip, s.cur.skipped, s.cur.action = false, "", false
		s.cur.summary, s.cur.detail = "", ""
	}
}

// countAttempt counts one more attempt of the running step.
func (s *State) countAttempt() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur != nil {
		s.cur.attempts++
	}
}

// markDryRun records that the running step ran in dry-run mode.
func (s *State) markDryRun() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur != nil {
		s.cur.wasDryRun = true
	}
}
