package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jstemmer/go-junit-report/v2/junit"
)

// reportSchemaVersion identifies the JSON form of report.
const reportSchemaVersion = "go-outsystems/deploy-report/v1"

// Outcomes of a deployment run, in the JSON report.
const (
	outcomePassed         = "passed"
	outcomeWarning        = "warning"
	outcomeFailed         = "failed"
	outcomeConflicts      = "conflicts"
	outcomeActionRequired = "action_required"
	outcomeAborted        = "aborted"
	outcomeTimeout        = "timeout"
	outcomeUsage          = "usage_error"
)

// report is what the deploy example did, for people (text), for tools
// (JSON) and for CI (JUnit XML).
type report struct {
	SchemaVersion string    `json:"schema_version"`
	Source        string    `json:"source"`
	Target        string    `json:"target"`
	Applications  []appLine `json:"applications"`
	DeploymentKey string    `json:"deployment_key,omitempty"`
	Conflicts     []string  `json:"conflicts,omitempty"`
	Status        string    `json:"status,omitempty"`
	Info          string    `json:"info,omitempty"`
	AbortSent     bool      `json:"abort_sent,omitempty"`
	Outcome       string    `json:"outcome"`
	Error         string    `json:"error,omitempty"`
	Log           []logLine `json:"log,omitempty"`
	Started       time.Time `json:"started"`
	Finished      time.Time `json:"finished"`
}

// appLine is one application of the plan.
type appLine struct {
	Name       string `json:"name"`
	Key        string `json:"key"`
	Version    string `json:"version"`
	VersionKey string `json:"version_key"`
	// Tagged is true when the example tagged the running code as a new
	// version (it was modified since its last tag).
	Tagged bool `json:"tagged"`
}

// logLine is an entry of the deployment log.
type logLine struct {
	Instant time.Time `json:"instant"`
	Type    string    `json:"type"`
	Message string    `json:"message"`
}

// WriteText writes the report for people.
func (r *report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Deployment report: %s to %s\n", r.Source, r.Target)
	for _, a := range r.Applications {
		how := "running version"
		if a.Tagged {
			how = "tagged now"
		}
		fmt.Fprintf(&b, "  %-24s %-8s (%s)\n", a.Name, a.Version, how)
	}
	if r.DeploymentKey != "" {
		fmt.Fprintf(&b, "Plan:     %s\n", r.DeploymentKey)
	}
	for _, c := range r.Conflicts {
		fmt.Fprintf(&b, "Conflict: %s\n", c)
	}
	if r.Status != "" {
		fmt.Fprintf(&b, "Status:   %s", r.Status)
		if r.Info != "" {
			fmt.Fprintf(&b, " (%s)", r.Info)
		}
		b.WriteString("\n")
	}
	if r.AbortSent {
		b.WriteString("Abort:    sent to LifeTime\n")
	}
	if r.Error != "" {
		fmt.Fprintf(&b, "Error:    %s\n", r.Error)
	}
	fmt.Fprintf(&b, "Outcome:  %s\n", strings.ToUpper(r.Outcome))
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON writes the report as indented JSON.
func (r *report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteJUnit writes the report as JUnit XML: one test suite, a test case
// per tagged application, one for the plan's validation (failing on
// conflicts) and one for the deployment itself.
func (r *report) WriteJUnit(w io.Writer) error {
	suite := junit.Testsuite{Name: "deploy " + r.Source + " to " + r.Target}
	suite.SetTimestamp(r.Started)
	class := "deploy." + r.Target
	for _, a := range r.Applications {
		tc := junit.Testcase{Name: "version " + a.Name, Classname: class, SystemOut: &junit.Output{Data: a.Version + " " + a.VersionKey}}
		suite.AddTestcase(tc)
	}
	validate := junit.Testcase{Name: "validate plan", Classname: class}
	switch {
	case r.DeploymentKey == "":
		validate.Skipped = &junit.Result{Message: "no plan was created"}
	case len(r.Conflicts) > 0:
		validate.Failure = &junit.Result{Message: fmt.Sprintf("%d conflict(s)", len(r.Conflicts)), Data: strings.Join(r.Conflicts, "\n")}
	}
	suite.AddTestcase(validate)
	deploy := junit.Testcase{Name: "deploy", Classname: class, Time: fmt.Sprintf("%.3f", r.Finished.Sub(r.Started).Seconds())}
	switch r.Outcome {
	case outcomePassed, outcomeWarning:
	case outcomeActionRequired:
		deploy.Status = outcomeActionRequired
		deploy.SystemOut = &junit.Output{Data: r.Error}
	case outcomeConflicts:
		deploy.Skipped = &junit.Result{Message: "not started: the plan has conflicts"}
	case outcomeFailed:
		deploy.Failure = &junit.Result{Message: "deployment " + r.Status, Data: r.Error}
	default:
		deploy.Error = &junit.Result{Message: r.Outcome, Data: r.Error}
	}
	if len(r.Log) > 0 && deploy.SystemOut == nil {
		var log strings.Builder
		for _, l := range r.Log {
			fmt.Fprintf(&log, "%s %s %s\n", l.Instant.Format(time.RFC3339), l.Type, l.Message)
		}
		deploy.SystemOut = &junit.Output{Data: log.String()}
	}
	suite.AddTestcase(deploy)
	suites := junit.Testsuites{}
	suites.AddSuite(suite)
	return suites.WriteXML(w)
}
