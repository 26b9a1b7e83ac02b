package upgrade

import (
	"time"
)

// ReportSchemaVersion identifies the JSON form of [Report]. It changes
// only when a field is removed or changes meaning; new fields may appear
// within a version. The schema is in report.schema.json, embedded as
// [ReportSchema].
const ReportSchemaVersion = "go-outsystems/upgrade-report/v1"

// Report is the result of a run: the outcome of every step, in the order
// they ran (steps that did not run are reported as skipped).
type Report struct {
	// SchemaVersion is [ReportSchemaVersion].
	SchemaVersion string `json:"schema_version"`
	// Plan is the name of the plan that ran.
	Plan string `json:"plan"`
	// Target is the LifeTime version to upgrade to.
	Target string `json:"target"`
	// Model is the infrastructure's deployment model.
	Model DeploymentModel `json:"model"`
	// DryRun is true for a dry run.
	DryRun bool `json:"dry_run"`
	// Outcome is the worst outcome of the steps ([Failed] also when the
	// context ended); [Passed] when every step passed or was skipped.
	Outcome Outcome `json:"outcome"`
	// Started and Finished bound the run; Duration is their difference.
	Started  time.Time     `json:"started"`
	Finished time.Time     `json:"finished"`
	Duration time.Duration `json:"duration_ns"`
	// Steps are the steps' results.
	Steps []StepResult `json:"steps"`
}

// StepResult is what one step did.
type StepResult struct {
	// Name is the step's name.
	Name string `json:"name"`
	// Path names the groups the step is in, outermost first.
	Path []string `json:"path,omitempty"`
	// Outcome is the step's outcome.
	Outcome Outcome `json:"outcome"`
	// Summary says in one line what the step did or why it was skipped.
	Summary string `json:"summary,omitempty"`
	// Detail is longer text for people, such as the support-case request.
	Detail string `json:"detail,omitempty"`
	// Error is the step's error, when it returned one.
	Error string `json:"error,omitempty"`
	// Findings are what the step found.
	Findings []Finding `json:"findings,omitempty"`
	// Changes are what the step changed (or, in a dry run, would change).
	Changes []Change `json:"changes,omitempty"`
	// Attempts is the number of attempts for a step wrapped by [WithRetry].
	Attempts int `json:"attempts,omitempty"`
	// DryRun is true when the step ran in dry-run mode (its DryRun method).
	DryRun bool `json:"dry_run,omitempty"`
	// Started and Duration time the step; zero for steps that did not run.
	Started  time.Time     `json:"started,omitzero"`
	Duration time.Duration `json:"duration_ns"`
	// RollbackError and CleanupError are set when the step's rollback or
	// cleanup failed.
	RollbackError string `json:"rollback_error,omitempty"`
	CleanupError  string `json:"cleanup_error,omitempty"`
}

// result turns what a step recorded into its result.
func (rec *stepRecord) result(name string, path []string, err error) StepResult {
	res := StepResult{
		Name:     name,
		Path:     append([]string(nil), path...),
		Summary:  rec.summary,
		Detail:   rec.detail,
		Findings: rec.findings,
		Changes:  rec.changes,
		Attempts: rec.attempts,
		DryRun:   rec.wasDryRun,
	}
	switch {
	case err != nil:
		res.Outcome, res.Error = Failed, err.Error()
	case rec.skip:
		res.Outcome = Skipped
		if rec.skipped != "" {
			res.Summary = rec.skipped
		}
	case res.hasSeverity(SeverityBlocker):
		res.Outcome = Failed
	case rec.action:
		res.Outcome = ActionRequired
	case res.hasSeverity(SeverityWarning):
		res.Outcome = Warning
	default:
		res.Outcome = Passed
	}
	return res
}

// hasSeverity reports whether a finding has severity sev.
func (r StepResult) hasSeverity(sev Severity) bool {
	for _, f := range r.Findings {
		if f.Severity == sev {
			return true
		}
	}
	return false
}

// blockers counts the blocker findings.
func (r StepResult) blockers() int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == SeverityBlocker {
			n++
		}
	}
	return n
}

// overall computes the run's outcome.
func (r *Report) overall(failed bool) Outcome {
	if failed {
		return Failed
	}
	out := Passed
	for _, s := range r.Steps {
		if s.Outcome.rank() > out.rank() {
			out = s.Outcome
		}
	}
	return out
}

// Step returns the result of the step named name.
func (r *Report) Step(name string) (StepResult, bool) {
	for _, s := range r.Steps {
		if s.Name == name {
			return s, true
		}
	}
	return StepResult{}, false
}

// Findings returns every finding of every step, in order.
func (r *Report) Findings() []Finding {
	var out []Finding
	for _, s := range r.Steps {
		out = append(out, s.Findings...)
	}
	return out
}

// Count returns how many steps had outcome o.
func (r *Report) Count(o Outcome) int {
	n := 0
	for _, s := range r.Steps {
		if s.Outcome == o {
			n++
		}
	}
	return n
}
