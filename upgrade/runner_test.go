package upgrade

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// newTestState returns a self-managed state for tests.
func newTestState(t *testing.T) *State {
	t.Helper()
	st, err := NewState("11.30.1", Facts{Model: SelfManaged})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// trace records what steps did, in order.
type trace struct{ calls []string }

func (tr *trace) step(name string, err error, opts ...StepOption) Step {
	opts = append([]StepOption{
		OnRollback(func(context.Context, *State) error { tr.calls = append(tr.calls, "rollback "+name); return nil }),
		OnCleanup(func(context.Context, *State) error { tr.calls = append(tr.calls, "cleanup "+name); return nil }),
	}, opts...)
	return NewStep(name, func(context.Context, *State) error {
		tr.calls = append(tr.calls, "run "+name)
		return err
	}, opts...)
}

// outcomes lists name=outcome per step of a report.
func outcomes(r *Report) []string {
	var out []string
	for _, s := range r.Steps {
		out = append(out, s.Name+"="+string(s.Outcome))
	}
	return out
}

func TestRunStopsAtFirstFailureAndUnwindsInReverse(t *testing.T) {
	t.Parallel()
	tr := &trace{}
	boom := errors.New("boom")
	plan := Sequence("plan", tr.step("a", nil), tr.step("b", nil), tr.step("c", boom), tr.step("d", nil))
	rep, err := Run(t.Context(), plan, newTestState(t))
	var se *StepError
	if !errors.As(err, &se) || se.Step != "c" || !errors.Is(err, boom) {
		t.Fatalf("err = %v, want StepError for c wrapping boom", err)
	}
	want := []string{"run a", "run b", "run c", "rollback b", "cleanup b", "rollback a", "cleanup a"}
	if d := cmp.Diff(want, tr.calls); d != "" {
		t.Errorf("calls (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"a=passed", "b=passed", "c=failed", "d=skipped"}, outcomes(rep)); d != "" {
		t.Errorf("outcomes (-want +got):\n%s", d)
	}
	if rep.Outcome != Failed {
		t.Errorf("report outcome = %s, want failed", rep.Outcome)
	}
	if got, _ := rep.Step("d"); got.Summary != "not run: an earlier step failed" {
		t.Errorf("d summary = %q", got.Summary)
	}
}

func TestRunSuccessCleansUpWithoutRollback(t *testing.T) {
	t.Parallel()
	tr := &trace{}
	rep, err := Run(t.Context(), Sequence("plan", tr.step("a", nil), tr.step("b", nil)), newTestState(t))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"run a", "run b", "cleanup b", "cleanup a"}
	if d := cmp.Diff(want, tr.calls); d != "" {
		t.Errorf("calls (-want +got):\n%s", d)
	}
	if rep.Outcome != Passed || rep.Plan != "plan" || rep.SchemaVersion != ReportSchemaVersion {
		t.Errorf("report = %+v", rep)
	}
}

func TestRunChecksContextBetweenSteps(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	tr := &trace{}
	cancelling := NewStep("cancel", func(context.Context, *State) error { cancel(); return nil })
	rep, err := Run(ctx, Sequence("plan", tr.step("a", nil), cancelling, tr.step("b", nil)), newTestState(t))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	// a and cancel completed; b never ran; the run failed so both roll back,
	// with a context that is not cancelled.
	want := []string{"run a", "rollback a", "cleanup a"}
	if d := cmp.Diff(want, tr.calls); d != "" {
		t.Errorf("calls (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"a=passed", "cancel=passed", "b=skipped"}, outcomes(rep)); d != "" {
		t.Errorf("outcomes (-want +got):\n%s", d)
	}
	if rep.Outcome != Failed {
		t.Errorf("outcome = %s", rep.Outcome)
	}
}

func TestRunOutcomesFromFindings(t *testing.T) {
	t.Parallel()
	finding := func(sev Severity) RunFunc {
		return func(_ context.Context, st *State) error {
			st.AddFinding(Finding{ID: "x", Severity: sev, Message: "m"})
			return nil
		}
	}
	plan := All("checks",
		NewStep("info", finding(SeverityInfo)),
		NewStep("warn", finding(SeverityWarning)),
		NewStep("block", finding(SeverityBlocker)),
		NewStep("action", func(_ context.Context, st *State) error { st.RequireAction("do it", "text"); return nil }),
		NewStep("skip", func(_ context.Context, st *State) error { st.Skip("why"); return nil }),
	)
	rep, err := Run(t.Context(), Sequence("plan", plan, NewStep("after", nil)), newTestState(t))
	if !errors.Is(err, ErrBlocked) {
		t.Fatalf("err = %v, want ErrBlocked", err)
	}
	want := []string{"info=passed", "warn=warning", "block=failed", "action=action_required", "skip=skipped", "after=skipped"}
	if d := cmp.Diff(want, outcomes(rep)); d != "" {
		t.Errorf("outcomes (-want +got):\n%s", d)
	}
	if got, _ := rep.Step("action"); got.Summary != "do it" || got.Detail != "text" {
		t.Errorf("action step = %+v", got)
	}
	if got, _ := rep.Step("skip"); got.Summary != "why" {
		t.Errorf("skip summary = %q", got.Summary)
	}
	if got, _ := rep.Step("block"); !slicesEqual(got.Path, []string{"plan", "checks"}) {
		t.Errorf("path = %v", got.Path)
	}
}

func slicesEqual(a, b []string) bool { return cmp.Equal(a, b) }

func TestRunContinueOnFailure(t *testing.T) {
	t.Parallel()
	tr := &trace{}
	boom := errors.New("boom")
	rep, err := Run(t.Context(), Sequence("plan", tr.step("a", boom), tr.step("b", boom), tr.step("c", nil)), newTestState(t), ContinueOnFailure())
	if n := strings.Count(err.Error(), "boom"); n != 2 {
		t.Errorf("err = %v, want both failures", err)
	}
	if d := cmp.Diff([]string{"a=failed", "b=failed", "c=passed"}, outcomes(rep)); d != "" {
		t.Errorf("outcomes (-want +got):\n%s", d)
	}
}

func TestRunActionRequiredIsNotFailure(t *testing.T) {
	t.Parallel()
	rep, err := Run(t.Context(), Sequence("plan",
		NewStep("ask", func(_ context.Context, st *State) error { st.RequireAction("open a case", ""); return nil }),
		NewStep("next", nil),
	), newTestState(t))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"ask=action_required", "next=passed"}, outcomes(rep)); d != "" {
		t.Errorf("outcomes (-want +got):\n%s", d)
	}
	if rep.Outcome != ActionRequired {
		t.Errorf("outcome = %s", rep.Outcome)
	}
}

func TestRunProgressEvents(t *testing.T) {
	t.Parallel()
	var got []string
	step := NewStep("s", func(_ context.Context, st *State) error { st.Progress("halfway"); return nil })
	_, err := Run(t.Context(), Sequence("plan", step), newTestState(t), OnProgress(func(e Event) {
		got = append(got, string(e.Kind)+":"+e.Step+":"+e.Message+":"+string(e.Outcome))
	}))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"step_started:s::", "progress:s:halfway:", "step_finished:s::passed"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("events (-want +got):\n%s", d)
	}
}

func TestRunDurations(t *testing.T) {
	t.Parallel()
	clock := &manualClock{now: time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)}
	slow := NewStep("slow", func(ctx context.Context, st *State) error { return st.sleep(ctx, 90*time.Second) })
	rep, err := Run(t.Context(), Sequence("plan", NewStep("fast", nil), slow), newTestState(t), WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	got := []time.Duration{rep.Steps[0].Duration, rep.Steps[1].Duration, rep.Duration}
	if d := cmp.Diff([]time.Duration{0, 90 * time.Second, 90 * time.Second}, got); d != "" {
		t.Errorf("durations (-want +got):\n%s", d)
	}
}

func TestRunNilState(t *testing.T) {
	t.Parallel()
	if _, err := Run(t.Context(), Sequence("p"), nil); !errors.Is(err, ErrInvalidState) {
		t.Fatalf("err = %v", err)
	}
}

// Nil options are ignored, not called.
func TestRunAndNewStepIgnoreNilOptions(t *testing.T) {
	t.Parallel()
	ran := false
	step := NewStep("s", func(context.Context, *State) error { ran = true; return nil }, nil)
	rep, err := Run(t.Context(), Sequence("p", step), newTestState(t), nil)
	if err != nil || !ran || rep.Outcome != Passed {
		t.Errorf("ran %v, outcome %s, err %v; want the step run and passed", ran, rep.Outcome, err)
	}
}

func TestNewStateValidates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		target string
		facts  Facts
	}{
		{"no target", "", Facts{Model: Cloud}},
		{"no model", "11.30.1", Facts{}},
		{"bad model", "11.30.1", Facts{Model: "moon"}},
		{"hybrid without licence date", "11.30.1", Facts{Model: Hybrid}},
		{"bad integration", "11.30.1", Facts{Model: Cloud, Integrations: []Integration{{Name: "x", Kind: "grpc"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewState(tt.target, tt.facts); !errors.Is(err, ErrInvalidState) {
				t.Errorf("err = %v, want ErrInvalidState", err)
			}
		})
	}
}

func TestRunDryRun(t *testing.T) {
	t.Parallel()
	changed := false
	mutating := NewStep("publish", func(_ context.Context, st *State) error {
		changed = true
		st.RecordChange("published")
		return nil
	}, Mutating(func(_ context.Context, st *State) error { st.RecordChange("would publish"); return nil }))
	silent := NewStep("delete", func(context.Context, *State) error { changed = true; return nil }, Mutating(nil))
	read := NewStep("read", func(_ context.Context, st *State) error { st.Summarize("read ok"); return nil })
	rep, err := Run(t.Context(), Sequence("plan", read, mutating, silent), newTestState(t), DryRun())
	if err != nil {
		t.Fatal(err)
	}
	if changed {
		t.Error("a mutating step ran in a dry run")
	}
	if d := cmp.Diff([]string{"read=passed", "publish=passed", "delete=skipped"}, outcomes(rep)); d != "" {
		t.Errorf("outcomes (-want +got):\n%s", d)
	}
	pub, _ := rep.Step("publish")
	if d := cmp.Diff([]Change{{Description: "would publish", DryRun: true}}, pub.Changes); d != "" || !pub.DryRun {
		t.Errorf("changes (-want +got):\n%s dryRun=%v", d, pub.DryRun)
	}
	if !rep.DryRun {
		t.Error("report not marked dry run")
	}
}

// manualClock is a Clock whose Sleep advances it at once.
type manualClock struct {
	now    time.Time
	sleeps []time.Duration
}

func (c *manualClock) Now() time.Time { return c.now }

func (c *manualClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	return nil
}

func TestRunLogger(t *testing.T) {
	t.Parallel()
	var buf strings.Builder
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	_, err := Run(t.Context(), Sequence("plan", NewStep("a", nil)), newTestState(t), WithLogger(logger))
	if err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, `msg="upgrade step started" step=a`) || !strings.Contains(out, `msg="upgrade step finished" step=a outcome=passed`) {
		t.Errorf("log:\n%s", out)
	}
}

func TestRollbackThroughWrappersAndErrors(t *testing.T) {
	t.Parallel()
	tr := &trace{}
	rbErr := errors.New("rollback failed")
	clErr := errors.New("cleanup failed")
	bad := NewStep("bad-undo", func(context.Context, *State) error { return nil },
		OnRollback(func(context.Context, *State) error { return rbErr }),
		OnCleanup(func(context.Context, *State) error { return clErr }))
	plan := Sequence("plan",
		WithRetry(tr.step("retried", nil), RetryPolicy{}),
		WithTimeout(tr.step("timed", nil), time.Hour),
		OnlyIf(func(*State) (bool, string) { return true, "" }, tr.step("conditional", nil)),
		WithRetry(OnlyIf(func(*State) (bool, string) { return true, "" }, tr.step("both", nil)), RetryPolicy{}),
		bad,
		tr.step("fails", errors.New("boom")),
	)
	rep, err := Run(t.Context(), plan, newTestState(t))
	if !errors.Is(err, rbErr) || !errors.Is(err, clErr) {
		t.Fatalf("err = %v, want the rollback and cleanup errors joined", err)
	}
	want := []string{"run retried", "run timed", "run conditional", "run both", "run fails",
		"rollback both", "cleanup both", "rollback conditional", "cleanup conditional",
		"rollback timed", "cleanup timed", "rollback retried", "cleanup retried"}
	if d := cmp.Diff(want, tr.calls); d != "" {
		t.Errorf("calls (-want +got):\n%s", d)
	}
	if s, _ := rep.Step("bad-undo"); s.RollbackError != "rollback failed" || s.CleanupError != "cleanup failed" {
		t.Errorf("bad-undo result = %+v", s)
	}
}

func TestStateOutsideRun(t *testing.T) {
	t.Parallel()
	st := newTestState(t)
	// Recording outside a step is ignored, not a panic.
	st.AddFinding(Finding{ID: "x"})
	st.RecordChange("x")
	st.Skip("x")
	st.RequireAction("x", "y")
	st.Summarize("x")
	st.Progress("x")
	if st.DryRun() {
		t.Error("dry run outside a run")
	}
	if OnlyIf(WhenPlugins(), nil) != nil || WithRetry(nil, RetryPolicy{}) != nil || WithTimeout(nil, time.Second) != nil {
		t.Error("wrapping a nil step should give nil")
	}
}
