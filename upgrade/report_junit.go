package upgrade

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jstemmer/go-junit-report/v2/junit"
)

// WriteJUnit writes the report as JUnit XML for Jenkins and other CI, with
// github.com/jstemmer/go-junit-report/v2/junit. Each top-level group of the
// plan is a test suite and each step a test case named after the step:
//
//   - failed with blocker findings: a <failure> listing the findings (a
//     failing check is a failing test, not a crashed run);
//   - failed with an error: an <error> with the error;
//   - skipped: <skipped> with the reason;
//   - action required: a passing case with status="action_required" and
//     the action and its text in <system-out>;
//   - warning: a passing case with the findings in <system-out>.
func (r *Report) WriteJUnit(w io.Writer) error {
	suites := junit.Testsuites{Name: "lifetime-upgrade " + r.Target}
	index := map[string]int{}
	var order []*junit.Testsuite
	var times []time.Duration
	for _, s := range r.Steps {
		suiteName := r.Plan
		if len(s.Path) > 1 {
			suiteName = s.Path[1]
		} else if len(s.Path) == 1 {
			suiteName = s.Path[0]
		}
		i, ok := index[suiteName]
		if !ok {
			i = len(order)
			index[suiteName] = i
			ts := &junit.Testsuite{Name: suiteName, ID: i, Package: "upgrade"}
			ts.SetTimestamp(r.Started)
			ts.AddProperty("target", r.Target)
			ts.AddProperty("model", string(r.Model))
			ts.AddProperty("dry_run", fmt.Sprint(r.DryRun))
			order = append(order, ts)
			times = append(times, 0)
		}
		order[i].AddTestcase(testcase(s, suiteName))
		times[i] += s.Duration
	}
	for i, ts := range order {
		ts.Time = seconds(times[i])
		suites.AddSuite(*ts)
	}
	suites.Time = seconds(r.Duration)
	if err := suites.WriteXML(w); err != nil {
		return fmt.Errorf("upgrade: write JUnit report: %w", err)
	}
	return nil
}

// testcase renders one step.
func testcase(s StepResult, suite string) junit.Testcase {
	tc := junit.Testcase{
		Name:      s.Name,
		Classname: "upgrade." + suite,
		Time:      seconds(s.Duration),
	}
	text := stepText(s)
	switch s.Outcome {
	case Failed:
		if s.Error != "" {
			tc.Error = &junit.Result{Message: s.Error, Type: "error", Data: text}
		} else {
			tc.Failure = &junit.Result{Message: fmt.Sprintf("%d blocking finding(s)", s.blockers()), Type: "blocker", Data: text}
		}
	case Skipped:
		tc.Skipped = &junit.Result{Message: s.Summary}
	case ActionRequired:
		tc.Status = string(ActionRequired)
		tc.SystemOut = &junit.Output{Data: "ACTION REQUIRED: " + text}
	default:
		if text != "" {
			tc.SystemOut = &junit.Output{Data: text}
		}
	}
	return tc
}

// stepText is a step's summary, findings, changes and detail as text.
func stepText(s StepResult) string {
	var b strings.Builder
	if s.Summary != "" {
		b.WriteString(s.Summary + "\n")
	}
	for _, f := range s.Findings {
		fmt.Fprintf(&b, "%s %s", strings.ToUpper(string(f.Severity)), f.ID)
		if f.Subject != "" {
			fmt.Fprintf(&b, " [%s]", f.Subject)
		}
		fmt.Fprintf(&b, ": %s\n", f.Message)
		if f.Remedy != "" {
			fmt.Fprintf(&b, "  remedy: %s\n", f.Remedy)
		}
		if f.Source != "" {
			fmt.Fprintf(&b, "  source: %s\n", f.Source)
		}
	}
	for _, c := range s.Changes {
		fmt.Fprintf(&b, "change: %s\n", c.Description)
	}
	if s.Detail != "" {
		b.WriteString(s.Detail)
		if !strings.HasSuffix(s.Detail, "\n") {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// seconds renders d as JUnit does: seconds with three decimals.
func seconds(d time.Duration) string { return fmt.Sprintf("%.3f", d.Seconds()) }
