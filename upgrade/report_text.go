package upgrade

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
)

// WriteText writes the report for people: one line per step with its
// outcome and duration, then its findings, changes and detail, indented,
// and a closing line with the overall outcome.
func (r *Report) WriteText(w io.Writer) error {
	b := bufio.NewWriter(w)
	mode := ""
	if r.DryRun {
		mode = " (dry run)"
	}
	fmt.Fprintf(b, "LifeTime upgrade report: plan %s, target %s, %s%s\n", r.Plan, r.Target, r.Model, mode)
	for _, s := range r.Steps {
		line := fmt.Sprintf("%-16s %s", "["+strings.ToUpper(string(s.Outcome))+"]", s.Name)
		if s.Duration > 0 {
			line += " (" + s.Duration.Round(time.Millisecond).String() + ")"
		}
		if s.Summary != "" {
			line += ": " + s.Summary
		}
		fmt.Fprintln(b, line)
		if s.Error != "" {
			fmt.Fprintf(b, "    error: %s\n", s.Error)
		}
		for _, f := range s.Findings {
			subject := ""
			if f.Subject != "" {
				subject = " [" + f.Subject + "]"
			}
			fmt.Fprintf(b, "    %s %s%s: %s\n", strings.ToUpper(string(f.Severity)), f.ID, subject, f.Message)
			if f.Remedy != "" {
				fmt.Fprintf(b, "      remedy: %s\n", f.Remedy)
			}
			if f.Source != "" {
				fmt.Fprintf(b, "      source: %s\n", f.Source)
			}
		}
		for _, c := range s.Changes {
			verb := "changed"
			if c.DryRun {
				verb = "would change"
			}
			fmt.Fprintf(b, "    %s: %s\n", verb, c.Description)
		}
		if s.Detail != "" {
			for _, l := range strings.Split(strings.TrimRight(s.Detail, "\n"), "\n") {
				fmt.Fprintln(b, strings.TrimRight("    | "+l, " "))
			}
		}
		if s.RollbackError != "" {
			fmt.Fprintf(b, "    rollback failed: %s\n", s.RollbackError)
		}
		if s.CleanupError != "" {
			fmt.Fprintf(b, "    cleanup failed: %s\n", s.CleanupError)
		}
	}
	fmt.Fprintf(b, "Outcome: %s (%d passed, %d warning, %d action required, %d failed, %d skipped) in %s\n",
		strings.ToUpper(string(r.Outcome)), r.Count(Passed), r.Count(Warning), r.Count(ActionRequired),
		r.Count(Failed), r.Count(Skipped), r.Duration.Round(time.Millisecond))
	return b.Flush()
}
