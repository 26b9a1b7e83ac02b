package upgrade

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
)

// installerFor returns a caller's installer step that upgrades the fake.
func installerFor(f *fakeInfra, to string) Step {
	return NewStep(StepRunInstaller, func(_ context.Context, st *State) error {
		f.console.LifeTime = to
		st.RecordChange("ran the LifeTime installer " + to)
		return nil
	}, Mutating(nil))
}

func TestWholeSelfManaged(t *testing.T) {
	t.Parallel()
	f, _, c := newFake()
	plan := Whole(c, PlanOptions{Installer: installerFor(f, "11.30.1")})
	rep, err := Run(t.Context(), plan, newTestState(t))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"inventory=passed", "detect-plugins=passed",
		"check-target-version=passed", "check-supported-versions=passed", "check-dedicated-lifetime=passed",
		"check-hybrid-licence=skipped", "assess-breaking-changes=passed", "check-deployment-queue=passed",
		"support-case=skipped", "run-installer=passed", "wait-for-console=passed",
		"republish-plugins=passed", "verify-plugins=passed", "verify-integrations=skipped",
	}
	if d := cmp.Diff(want, outcomes(rep)); d != "" {
		t.Errorf("outcomes (-want +got):\n%s", d)
	}
	if rep.Outcome != Passed || rep.Plan != PlanWhole || f.publishes != 1 {
		t.Errorf("outcome %s, plan %s, publishes %d", rep.Outcome, rep.Plan, f.publishes)
	}
	s, _ := rep.Step(StepCheckHybridLicence)
	if d := cmp.Diff([]string{PlanWhole, PlanPreflight, PlanPreflightChecks}, s.Path); d != "" {
		t.Errorf("path of %s (-want +got):\n%s", StepCheckHybridLicence, d)
	}
}

func TestWholeCloudWaitsAfterSupportCase(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		f, _, c := newFake()
		st, err := NewState("11.30.1", Facts{Model: Cloud})
		if err != nil {
			t.Fatal(err)
		}
		// OutSystems upgrades the console while the wait polls.
		f.pingErrs = []error{errors.New("503"), errors.New("503")}
		f.onPing = func(n int) {
			if n == 3 {
				f.console.LifeTime = "11.30.1"
			}
		}
		rep, err := Run(t.Context(), Whole(c, PlanOptions{Wait: WaitOptions{Interval: time.Minute}}), st)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{
			"inventory=passed", "detect-plugins=passed",
			"check-target-version=passed", "check-supported-versions=passed", "check-dedicated-lifetime=skipped",
			"check-hybrid-licence=skipped", "assess-breaking-changes=passed", "check-deployment-queue=passed",
			"support-case=action_required", "run-installer=skipped", "wait-for-console=passed",
			"republish-plugins=passed", "verify-plugins=passed", "verify-integrations=skipped",
		}
		if d := cmp.Diff(want, outcomes(rep)); d != "" {
			t.Errorf("outcomes (-want +got):\n%s", d)
		}
		if rep.Outcome != ActionRequired || st.SupportCase == "" {
			t.Errorf("outcome %s, support case %q", rep.Outcome, st.SupportCase)
		}
	})
}

func TestWholeStopsAfterPreflightBlockers(t *testing.T) {
	t.Parallel()
	f, rules, c := newFake()
	rules.findings["dedicated"] = []Finding{{ID: "LT-BC-2018-1", Severity: SeverityBlocker, Message: "shared"}}
	rules.findings["supported"] = []Finding{{ID: "o10", Severity: SeverityWarning, Message: "O10"}}
	f.deps = []Deployment{{Key: "d", Status: "running"}}
	rep, err := Run(t.Context(), Whole(c, PlanOptions{Installer: installerFor(f, "11.30.1")}), newTestState(t))
	var se *StepError
	if !errors.As(err, &se) || !errors.Is(err, ErrBlocked) {
		t.Fatalf("err = %v", err)
	}
	want := []string{
		"inventory=passed", "detect-plugins=passed",
		"check-target-version=passed", "check-supported-versions=warning", "check-dedicated-lifetime=failed",
		"check-hybrid-licence=skipped", "assess-breaking-changes=passed", "check-deployment-queue=failed",
		"support-case=skipped", "run-installer=skipped", "wait-for-console=skipped",
		"republish-plugins=skipped", "verify-plugins=skipped", "verify-integrations=skipped",
	}
	if d := cmp.Diff(want, outcomes(rep)); d != "" {
		t.Errorf("outcomes (-want +got):\n%s", d)
	}
	if f.console.LifeTime != "11.25.3" || f.publishes != 0 {
		t.Error("the window ran despite blockers")
	}
	if s, _ := rep.Step(StepRunInstaller); s.Summary != "not run: an earlier step failed" {
		t.Errorf("installer summary = %q", s.Summary)
	}
}

func TestWholeDryRunChangesNothing(t *testing.T) {
	t.Parallel()
	f, _, c := newFake()
	rep, err := Run(t.Context(), Whole(c, PlanOptions{Installer: installerFor(f, "11.30.1")}), newTestState(t), DryRun())
	if err != nil {
		t.Fatal(err)
	}
	if f.console.LifeTime != "11.25.3" || f.publishes != 0 || f.pings != 1 {
		t.Errorf("dry run changed something: console %s, publishes %d, pings %d", f.console.LifeTime, f.publishes, f.pings)
	}
	got := map[string]Outcome{}
	for _, s := range rep.Steps {
		got[s.Name] = s.Outcome
	}
	if got[StepRunInstaller] != Skipped || got[StepRepublishPlugins] != Passed || got[StepWaitForConsole] != Passed {
		t.Errorf("outcomes = %v", got)
	}
	if s, _ := rep.Step(StepRepublishPlugins); len(s.Changes) != 1 || !s.Changes[0].DryRun {
		t.Errorf("republish changes = %+v", s.Changes)
	}
}

func TestPostUpgradeWithoutPluginsOrIntegrations(t *testing.T) {
	t.Parallel()
	f, _, c := newFake()
	f.modules = []Module{{Name: "LifeTime", System: true}}
	st := newTestState(t)
	rep, err := Run(t.Context(), Sequence("p", DetectPlugins(c), PostUpgrade(c, PlanOptions{})), st)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"detect-plugins=passed", "republish-plugins=skipped", "verify-plugins=skipped", "verify-integrations=skipped"}
	if d := cmp.Diff(want, outcomes(rep)); d != "" {
		t.Errorf("outcomes (-want +got):\n%s", d)
	}
	if rep.Outcome != Passed {
		t.Errorf("outcome = %s", rep.Outcome)
	}
}
