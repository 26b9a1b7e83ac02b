package upgrade

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestWithRetry(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		transient := errors.New("503")
		attempts := 0
		flaky := NewStep("flaky", func(_ context.Context, st *State) error {
			attempts++
			st.AddFinding(Finding{ID: "attempt", Severity: SeverityInfo, Message: "attempt"})
			if attempts < 3 {
				return transient
			}
			return nil
		})
		var retries []int
		start := time.Now()
		rep, err := Run(t.Context(), Sequence("plan", WithRetry(flaky, RetryPolicy{MaxAttempts: 5, InitialInterval: time.Second})), newTestState(t),
			OnProgress(func(e Event) {
				if e.Kind == EventRetry {
					retries = append(retries, e.Attempt)
				}
			}))
		if err != nil {
			t.Fatal(err)
		}
		res := rep.Steps[0]
		if res.Name != "flaky" || res.Attempts != 3 || res.Outcome != Passed || len(res.Findings) != 1 {
			t.Errorf("result = %+v, want 3 attempts, passed, only the last attempt's finding", res)
		}
		if d := cmp.Diff([]int{1, 2}, retries); d != "" {
			t.Errorf("retry events (-want +got):\n%s", d)
		}
		// Two backoff waits of about 1s and 1.5s, with ±50% jitter.
		if waited := time.Since(start); waited < time.Second || waited > 5*time.Second {
			t.Errorf("waited %s on the fake clock", waited)
		}
	})
}

func TestWithRetryGivesUp(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		boom := errors.New("boom")
		attempts := 0
		step := WithRetry(NewStep("s", func(context.Context, *State) error { attempts++; return boom }), RetryPolicy{MaxAttempts: 2})
		_, err := Run(t.Context(), Sequence("plan", step), newTestState(t))
		if !errors.Is(err, boom) || attempts != 2 {
			t.Errorf("err = %v after %d attempts, want boom after 2", err, attempts)
		}
	})
}

func TestWithRetryNotRetryable(t *testing.T) {
	t.Parallel()
	permanent := errors.New("401")
	attempts := 0
	step := WithRetry(NewStep("s", func(context.Context, *State) error { attempts++; return permanent }),
		RetryPolicy{Retryable: func(err error) bool { return !errors.Is(err, permanent) }})
	_, err := Run(t.Context(), Sequence("plan", step), newTestState(t))
	if !errors.Is(err, permanent) || attempts != 1 {
		t.Errorf("err = %v after %d attempts, want 401 after 1", err, attempts)
	}
}

func TestWithRetryInvalidPolicy(t *testing.T) {
	t.Parallel()
	_, err := Run(t.Context(), Sequence("plan", WithRetry(NewStep("s", nil), RetryPolicy{MaxAttempts: -1})), newTestState(t))
	if !errors.Is(err, ErrInvalidOption) || !strings.Contains(err.Error(), "step s") {
		t.Errorf("err = %v, want ErrInvalidOption naming step s", err)
	}
}

func TestWithRetryStopsOnCancel(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		attempts := 0
		step := WithRetry(NewStep("s", func(context.Context, *State) error {
			attempts++
			if attempts == 2 {
				cancel()
			}
			return errors.New("down")
		}), RetryPolicy{MaxAttempts: 10})
		_, err := Run(ctx, Sequence("plan", step), newTestState(t))
		if !errors.Is(err, context.Canceled) || attempts != 2 {
			t.Errorf("err = %v after %d attempts", err, attempts)
		}
	})
}

func TestWithTimeout(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		hang := NewStep("hang", func(ctx context.Context, _ *State) error {
			<-ctx.Done()
			return ctx.Err()
		})
		_, err := Run(t.Context(), Sequence("plan", WithTimeout(hang, time.Minute)), newTestState(t))
		var te *TimeoutError
		if !errors.As(err, &te) || te.Step != "hang" || te.After != time.Minute || !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v, want TimeoutError after 1m", err)
		}
	})
}

func TestWithTimeoutFastStep(t *testing.T) {
	t.Parallel()
	rep, err := Run(t.Context(), Sequence("plan", WithTimeout(NewStep("quick", nil), time.Hour)), newTestState(t))
	if err != nil || rep.Steps[0].Outcome != Passed {
		t.Fatalf("err = %v, report %+v", err, rep.Steps)
	}
	if _, err := Run(t.Context(), Sequence("plan", WithTimeout(NewStep("zero", nil), 0)), newTestState(t)); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("zero timeout: err = %v", err)
	}
}

func TestOnlyIf(t *testing.T) {
	t.Parallel()
	ran := map[string]bool{}
	mk := func(n string) Step {
		return NewStep(n, func(context.Context, *State) error { ran[n] = true; return nil })
	}
	plan := Sequence("plan",
		OnlyIf(WhenModel(Cloud, Hybrid), mk("support-case")),
		OnlyIf(WhenModel(SelfManaged), Sequence("installer", mk("run"), mk("verify"))),
		OnlyIf(WhenIntegrations(), mk("integrations")),
	)
	rep, err := Run(t.Context(), plan, newTestState(t))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"support-case=skipped", "run=passed", "verify=passed", "integrations=skipped"}
	if d := cmp.Diff(want, outcomes(rep)); d != "" {
		t.Errorf("outcomes (-want +got):\n%s", d)
	}
	if ran["support-case"] || ran["integrations"] || !ran["run"] {
		t.Errorf("ran = %v", ran)
	}
	if s, _ := rep.Step("support-case"); s.Summary != "not applicable to a self-managed infrastructure" {
		t.Errorf("summary = %q", s.Summary)
	}
}

func TestOnlyIfInsideWrapper(t *testing.T) {
	t.Parallel()
	step := WithRetry(OnlyIf(WhenPlugins(), NewStep("republish", nil)), RetryPolicy{})
	st := newTestState(t)
	st.PluginsDetected = true
	rep, err := Run(t.Context(), Sequence("plan", step), st)
	if err != nil {
		t.Fatal(err)
	}
	if s := rep.Steps[0]; s.Outcome != Skipped || s.Summary != "no LifeTime plugins in the LifeTime environment" {
		t.Errorf("step = %+v", s)
	}
}

func TestGroupEditing(t *testing.T) {
	t.Parallel()
	n := func(name string) Step { return NewStep(name, nil) }
	plan := Sequence("whole",
		Sequence("before", n("inventory"), All("checks", n("a"), n("b"))),
		OnlyIf(WhenPlugins(), Sequence("after", n("republish"), n("verify"))),
	)
	if err := plan.InsertAfter("a", n("mine")); err != nil {
		t.Fatal(err)
	}
	if err := plan.InsertBefore("inventory", n("first")); err != nil {
		t.Fatal(err)
	}
	if err := plan.Drop("b"); err != nil {
		t.Fatal(err)
	}
	if err := plan.Replace("verify", n("verify2")); err != nil {
		t.Fatal(err)
	}
	if err := plan.Wrap("republish", func(s Step) Step { return WithTimeout(s, time.Hour) }); err != nil {
		t.Fatal(err)
	}
	want := []string{"before", "first", "inventory", "checks", "a", "mine", "after", "republish", "verify2"}
	if d := cmp.Diff(want, plan.Names()); d != "" {
		t.Errorf("names (-want +got):\n%s", d)
	}
	if s, ok := plan.Find("republish"); !ok {
		t.Error("republish not found")
	} else if _, wrapped := s.(*timeoutStep); !wrapped {
		t.Errorf("republish is %T, want the timeout wrapper", s)
	}
	if err := plan.Drop("nope"); !errors.Is(err, ErrStepNotFound) {
		t.Errorf("drop missing: err = %v", err)
	}
	plan.Append(n("last"), nil)
	if got := plan.Steps(); got[len(got)-1].Name() != "last" {
		t.Errorf("append: last step %q", got[len(got)-1].Name())
	}
}

func TestWrappedGroupRunsAsOneStep(t *testing.T) {
	t.Parallel()
	tr := &trace{}
	boom := errors.New("boom")
	calls := 0
	failOnce := NewStep("c", func(context.Context, *State) error {
		calls++
		if calls == 1 {
			return boom
		}
		return nil
	})
	synctest.Test(t, func(t *testing.T) {
		group := WithRetry(Sequence("g", tr.step("a", nil), failOnce), RetryPolicy{MaxAttempts: 2})
		rep, err := Run(t.Context(), Sequence("plan", group), newTestState(t))
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff([]string{"g=passed"}, outcomes(rep)); d != "" {
			t.Errorf("outcomes (-want +got):\n%s", d)
		}
		// First attempt: a runs, c fails, a is rolled back; second attempt
		// both run; after the run, the group cleans a up.
		want := []string{"run a", "rollback a", "run a", "cleanup a"}
		if d := cmp.Diff(want, tr.calls); d != "" {
			t.Errorf("calls (-want +got):\n%s", d)
		}
	})
}

// A wrapped group that completed is rolled back as a whole, its steps in
// reverse order, when a later step fails.
func TestWrappedGroupRolledBackWhenALaterStepFails(t *testing.T) {
	t.Parallel()
	tr := &trace{}
	group := WithTimeout(Sequence("g", tr.step("a", nil), tr.step("b", nil)), time.Hour)
	_, err := Run(t.Context(), Sequence("plan", group, tr.step("c", errors.New("boom"))), newTestState(t))
	if err == nil {
		t.Fatal("err = nil, want c's failure")
	}
	want := []string{"run a", "run b", "run c", "rollback b", "rollback a", "cleanup b", "cleanup a"}
	if d := cmp.Diff(want, tr.calls); d != "" {
		t.Errorf("calls (-want +got):\n%s", d)
	}
}
