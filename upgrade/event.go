package upgrade

import "time"

// EventKind says what an [Event] reports.
type EventKind string

// Kinds of progress events.
const (
	// EventStepStarted: a step starts.
	EventStepStarted EventKind = "step_started"
	// EventStepFinished: a step finished; Outcome is set.
	EventStepFinished EventKind = "step_finished"
	// EventProgress: news from a running step, e.g. one poll of a wait.
	EventProgress EventKind = "progress"
	// EventRetry: an attempt of a step wrapped by [WithRetry] failed and
	// another follows.
	EventRetry EventKind = "retry"
)

// Event is a progress event, delivered to the callback given with
// [OnProgress] on the goroutine of the run. Callbacks must return quickly.
type Event struct {
	// Kind says what happened.
	Kind EventKind
	// Step is the name of the step concerned.
	Step string
	// Time is when it happened.
	Time time.Time
	// Outcome is the step's outcome, for EventStepFinished.
	Outcome Outcome
	// Message says what happened, for people.
	Message string
	// Attempt is the attempt number, for EventRetry.
	Attempt int
	// Elapsed and Remaining are set by waits: how long the step has waited
	// and how long it will still wait before giving up.
	Elapsed, Remaining time.Duration
}
