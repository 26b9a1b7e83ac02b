package upgrade

// Outcome is the result of one step, or of a whole run.
type Outcome string

// The outcomes a step can have. They are ordered by severity for the
// outcome of a whole run: [Failed] beats [ActionRequired], which beats
// [Warning], which beats [Passed]. [Skipped] steps do not count.
const (
	// Passed means the step did its work and found nothing to report.
	Passed Outcome = "passed"
	// Warning means the step did its work and reported at least one
	// finding of severity [SeverityWarning].
	Warning Outcome = "warning"
	// Failed means the step returned an error or reported a finding of
	// severity [SeverityBlocker].
	Failed Outcome = "failed"
	// Skipped means the step did not run: its condition was false, the run
	// stopped before it, or it changes the infrastructure in a dry run.
	Skipped Outcome = "skipped"
	// ActionRequired means a person (or a caller's step) must act, for
	// example open a support case or run the installer.
	ActionRequired Outcome = "action_required"
)

// rank orders outcomes for [Report.Outcome]; Skipped ranks lowest.
func (o Outcome) rank() int {
	switch o {
	case Passed:
		return 1
	case Warning:
		return 2
	case ActionRequired:
		return 3
	case Failed:
		return 4
	default:
		return 0
	}
}

// Severity says how much a finding matters.
type Severity string

// Severities of a [Finding], the same three levels as package compat.
const (
	// SeverityInfo is a fact worth knowing; it does not change the outcome.
	SeverityInfo Severity = "info"
	// SeverityWarning makes the step's outcome [Warning].
	SeverityWarning Severity = "warning"
	// SeverityBlocker makes the step's outcome [Failed]: the upgrade must
	// not go ahead until it is fixed.
	SeverityBlocker Severity = "blocker"
)

// Finding is one thing a step found: a blocker, a warning or a piece of
// information, with what to do about it and where the rule comes from.
// Findings from package compat are carried over field by field.
type Finding struct {
	// ID identifies the rule, e.g. "LT-BC-2018-1" or "upgrade/queue-running".
	ID string `json:"id"`
	// Severity says how much the finding matters.
	Severity Severity `json:"severity"`
	// Subject is what the finding is about: an environment, a module, the
	// console, an integration.
	Subject string `json:"subject,omitempty"`
	// Message says what was found.
	Message string `json:"message"`
	// Remedy says what to do about it.
	Remedy string `json:"remedy,omitempty"`
	// Source is the documentation the rule is based on (a URL).
	Source string `json:"source,omitempty"`
	// Ref is the catalogue entry the finding is about, such as a
	// breaking-change id ("LT-BC-2024-2"); empty when none.
	Ref string `json:"ref,omitempty"`
}

// Change is one thing a step changed on the infrastructure, or, in a dry
// run, would have changed.
type Change struct {
	// Description says what changed, e.g. "published solution X".
	Description string `json:"description"`
	// DryRun is true when the change was not made because the run was a
	// dry run.
	DryRun bool `json:"dry_run,omitempty"`
}
