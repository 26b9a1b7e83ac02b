package upgrade

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/go-cmp/cmp"
	gojunit "github.com/joshdk/go-junit"
)

// sampleReport runs a small plan with every outcome on a fixed clock.
func sampleReport(t *testing.T) *Report {
	t.Helper()
	clock := &manualClock{now: time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)}
	tick := func(d time.Duration) { clock.now = clock.now.Add(d) }
	plan := Sequence("lifetime-upgrade",
		All("preflight",
			NewStep("passes", func(_ context.Context, st *State) error { tick(time.Second); st.Summarize("all good"); return nil }),
			NewStep("warns", func(_ context.Context, st *State) error {
				st.AddFinding(Finding{ID: "PS-O10", Severity: SeverityWarning, Subject: "Legacy", Message: "runs OutSystems 10",
					Remedy: "upgrade it when you can", Source: "https://success.outsystems.com/x"})
				return nil
			}),
			OnlyIf(WhenModel(Hybrid), NewStep("hybrid-only", nil)),
		),
		Sequence("window",
			NewStep("asks", func(_ context.Context, st *State) error {
				st.RequireAction("open a case", "Subject: upgrade\nbody")
				return nil
			}),
			NewStep("publishes", func(_ context.Context, st *State) error {
				tick(2500 * time.Millisecond)
				st.RecordChange("published solution P")
				st.AddFinding(Finding{ID: "upgrade/publish-error", Severity: SeverityBlocker, Subject: "PluginB", Message: "broken reference"})
				return nil
			}),
			NewStep("errs", func(context.Context, *State) error { return errors.New("never reached") }),
		),
	)
	rep, err := Run(t.Context(), plan, newTestState(t), WithClock(clock))
	if !errors.Is(err, ErrBlocked) {
		t.Fatalf("err = %v", err)
	}
	return rep
}

func TestReportText(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := sampleReport(t).WriteText(&b); err != nil {
		t.Fatal(err)
	}
	want := `LifeTime upgrade report: plan lifetime-upgrade, target 11.30.1, self-managed
[PASSED]         passes (1s): all good
[WARNING]        warns
    WARNING PS-O10 [Legacy]: runs OutSystems 10
      remedy: upgrade it when you can
      source: https://success.outsystems.com/x
[SKIPPED]        hybrid-only: not applicable to a self-managed infrastructure
[ACTION_REQUIRED] asks: open a case
    | Subject: upgrade
    | body
[FAILED]         publishes (2.5s)
    BLOCKER upgrade/publish-error [PluginB]: broken reference
    changed: published solution P
[SKIPPED]        errs: not run: an earlier step failed
Outcome: FAILED (1 passed, 1 warning, 1 action required, 1 failed, 2 skipped) in 3.5s
`
	if d := cmp.Diff(want, b.String()); d != "" {
		t.Errorf("text (-want +got):\n%s", d)
	}
}

// loadReportSchema loads ReportSchema for validation.
func loadReportSchema(t *testing.T) *openapi3.Schema {
	t.Helper()
	var s openapi3.Schema
	if err := json.Unmarshal(ReportSchema(), &s); err != nil {
		t.Fatalf("schema: %v", err)
	}
	return &s
}

// validateReportJSON checks data against ReportSchema.
func validateReportJSON(t *testing.T, data []byte) error {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return loadReportSchema(t).VisitJSON(v, openapi3.EnableJSONSchema2020())
}

func TestReportJSONMatchesSchema(t *testing.T) {
	t.Parallel()
	rep := sampleReport(t)
	var b bytes.Buffer
	if err := rep.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	if err := validateReportJSON(t, b.Bytes()); err != nil {
		t.Fatalf("report does not match its schema: %v\n%s", err, b.String())
	}
	var back Report
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(rep, &back); d != "" {
		t.Errorf("round trip (-want +got):\n%s", d)
	}
	for _, want := range []string{`"schema_version": "go-outsystems/upgrade-report/v1"`, `"outcome": "action_required"`, `"duration_ns": 2500000000`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("JSON lacks %s", want)
		}
	}
}

func TestReportSchemaRejectsBadReports(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := sampleReport(t).WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	good := b.String()
	tests := map[string]string{
		"unknown outcome":        strings.Replace(good, `"outcome": "warning"`, `"outcome": "meh"`, 1),
		"unknown schema version": strings.Replace(good, ReportSchemaVersion, "v0", 1),
		"unknown severity":       strings.Replace(good, `"severity": "blocker"`, `"severity": "fatal"`, 1),
		"missing steps":          strings.Replace(good, `"steps":`, `"stepz":`, 1),
	}
	for name, bad := range tests {
		t.Run(name, func(t *testing.T) {
			if bad == good {
				t.Fatal("replacement did not apply")
			}
			if err := validateReportJSON(t, []byte(bad)); err == nil {
				t.Error("schema accepted a bad report")
			}
		})
	}
}

func TestReportJUnit(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := sampleReport(t).WriteJUnit(&b); err != nil {
		t.Fatal(err)
	}
	suites, err := gojunit.Ingest(b.Bytes())
	if err != nil {
		t.Fatalf("parse JUnit: %v\n%s", err, b.String())
	}
	type tc struct {
		Suite, Name string
		Status      gojunit.Status
		Message     string
	}
	var got []tc
	for _, s := range suites {
		for _, c := range s.Tests {
			got = append(got, tc{s.Name, c.Name, c.Status, c.Message})
		}
	}
	want := []tc{
		{"preflight", "passes", gojunit.StatusPassed, ""},
		{"preflight", "warns", gojunit.StatusPassed, ""},
		{"preflight", "hybrid-only", gojunit.StatusSkipped, "not applicable to a self-managed infrastructure"},
		{"window", "asks", gojunit.StatusPassed, ""},
		{"window", "publishes", gojunit.StatusFailed, "1 blocking finding(s)"},
		{"window", "errs", gojunit.StatusSkipped, "not run: an earlier step failed"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("test cases (-want +got):\n%s", d)
	}
	if suites[1].Totals.Failed != 1 || suites[0].Totals.Skipped != 1 || suites[1].Totals.Duration != 2500*time.Millisecond {
		t.Errorf("totals = %+v / %+v", suites[0].Totals, suites[1].Totals)
	}
	failing := suites[1].Tests[1]
	if !strings.Contains(failing.Error.Error(), "BLOCKER upgrade/publish-error [PluginB]: broken reference") {
		t.Errorf("failure body = %q", failing.Error.Error())
	}
	if asks := suites[1].Tests[0]; !strings.HasPrefix(asks.SystemOut, "ACTION REQUIRED: open a case") {
		t.Errorf("action required output = %q", asks.SystemOut)
	}
	if suites[0].Properties["target"] != "11.30.1" {
		t.Errorf("properties = %v", suites[0].Properties)
	}
}

func TestReportJUnitStepError(t *testing.T) {
	t.Parallel()
	rep, _ := Run(t.Context(), Sequence("p", NewStep("boom", func(context.Context, *State) error { return errors.New("connection refused") })), newTestState(t))
	var b bytes.Buffer
	if err := rep.WriteJUnit(&b); err != nil {
		t.Fatal(err)
	}
	suites, err := gojunit.Ingest(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if c := suites[0].Tests[0]; c.Status != gojunit.StatusError || c.Message != "connection refused" {
		t.Errorf("case = %+v", c)
	}
}

func TestReportHelpers(t *testing.T) {
	t.Parallel()
	rep := sampleReport(t)
	if n := len(rep.Findings()); n != 2 {
		t.Errorf("findings = %d", n)
	}
	if _, ok := rep.Step("nope"); ok {
		t.Error("found a step that does not exist")
	}
}

func TestReportSchemaIsACopy(t *testing.T) {
	t.Parallel()
	s := ReportSchema()
	s[0] = 'X'
	if ReportSchema()[0] != '{' {
		t.Error("ReportSchema shares its bytes with callers")
	}
}
