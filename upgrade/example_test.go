package upgrade_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/go-outsystems/outsystems/upgrade"
)

// exampleClients stands in for real clients: a dedicated self-managed
// LifeTime at 11.25.3 with one plugin. Real programs use upgrade.FromClients.
type exampleClients struct{ lifetime string }

func (e *exampleClients) ListEnvironments(context.Context) ([]upgrade.Environment, error) {
	return []upgrade.Environment{{Key: "prd", Name: "Production", HostName: "prd.example.com", PlatformServer: "11.38.0"}}, nil
}
func (e *exampleClients) ListDeployments(context.Context, time.Time) ([]upgrade.Deployment, error) {
	return nil, nil
}
func (e *exampleClients) Ping(context.Context) error { return nil }
func (e *exampleClients) ConsoleVersion(context.Context) (upgrade.ConsoleVersion, error) {
	return upgrade.ConsoleVersion{LifeTime: e.lifetime}, nil
}
func (e *exampleClients) ListModules(context.Context) ([]upgrade.Module, error) {
	return []upgrade.Module{{Name: "LifeTime", System: true}, {Name: "MyPlugin"}}, nil
}
func (e *exampleClients) PublishPlugins(context.Context, string, []string) (int64, error) {
	return 7, nil
}
func (e *exampleClients) WaitPublish(context.Context, int64, func(string)) (upgrade.PublishResult, error) {
	return upgrade.PublishResult{Modules: []upgrade.ModulePublish{{Module: "MyPlugin"}}}, nil
}
func (e *exampleClients) Smoke(context.Context, upgrade.IntegrationKind, string) error { return nil }

// The rules: nothing to report, and the console is at the target once it
// says so.
func (e *exampleClients) TargetVersion(upgrade.RuleInput) ([]upgrade.Finding, error) { return nil, nil }
func (e *exampleClients) SupportedVersions(upgrade.RuleInput) ([]upgrade.Finding, error) {
	return nil, nil
}
func (e *exampleClients) DedicatedLifeTime(upgrade.RuleInput) ([]upgrade.Finding, error) {
	return nil, nil
}
func (e *exampleClients) HybridLicence(upgrade.RuleInput) ([]upgrade.Finding, error) { return nil, nil }
func (e *exampleClients) BreakingChanges(upgrade.RuleInput) ([]upgrade.Finding, error) {
	return nil, nil
}
func (e *exampleClients) AtTarget(c upgrade.ConsoleVersion, target string) (bool, bool, error) {
	return c.LifeTime == target, c.LifeTime == target, nil
}

func newExample() (*exampleClients, upgrade.Clients) {
	e := &exampleClients{lifetime: "11.25.3"}
	return e, upgrade.Clients{
		ConsoleHost: "lifetime.example.com", Environments: e, Deployments: e, Console: e, Smoke: e,
		Version: e, Modules: e, Publisher: e, Rules: e,
	}
}

// printOutcomes prints one line per step.
func printOutcomes(rep *upgrade.Report) {
	for _, s := range rep.Steps {
		fmt.Printf("%-24s %s\n", s.Name, s.Outcome)
	}
}

// Run the pre-flight checks and print the report for people.
func ExamplePreflight() {
	_, clients := newExample()
	st, err := upgrade.NewState("11.30.1", upgrade.Facts{Model: upgrade.SelfManaged})
	if err != nil {
		fmt.Println(err)
		return
	}
	rep, err := upgrade.Run(context.Background(), upgrade.Preflight(clients), st)
	if err != nil {
		fmt.Println("blocked:", err)
	}
	printOutcomes(rep)
	// Output:
	// inventory                passed
	// detect-plugins           passed
	// check-target-version     passed
	// check-supported-versions passed
	// check-dedicated-lifetime passed
	// check-hybrid-licence     skipped
	// assess-breaking-changes  passed
	// check-deployment-queue   passed
}

// Insert a custom step, drop one and replace the installer with your own
// step, then run the whole procedure and write the JUnit report for CI.
func ExampleGroup_InsertAfter() {
	e, clients := newExample()
	plan := upgrade.Whole(clients, upgrade.PlanOptions{})

	// A check of your own after the pre-flight inventory.
	freeze := upgrade.NewStep("check-change-freeze", func(_ context.Context, st *upgrade.State) error {
		st.Summarize("no change freeze this week")
		return nil
	})
	if err := plan.InsertAfter(upgrade.StepInventory, freeze); err != nil {
		fmt.Println(err)
	}
	// Deployments are managed elsewhere: drop the queue check.
	if err := plan.Drop(upgrade.StepCheckDeploymentQueue); err != nil {
		fmt.Println(err)
	}
	// Run the installer from this program instead of asking a person.
	installer := upgrade.NewStep(upgrade.StepRunInstaller, func(_ context.Context, st *upgrade.State) error {
		e.lifetime = st.Target // here: start the installer and wait for it
		st.RecordChange("ran LifeTimeWithPlatformServer-" + st.Target + ".exe")
		return nil
	}, upgrade.Mutating(nil))
	if err := plan.Replace(upgrade.StepRunInstaller, installer); err != nil {
		fmt.Println(err)
	}

	st, _ := upgrade.NewState("11.30.1", upgrade.Facts{Model: upgrade.SelfManaged})
	rep, err := upgrade.Run(context.Background(), plan, st)
	if err != nil {
		fmt.Println(err)
	}
	printOutcomes(rep)
	// Write the JUnit report where Jenkins' junit step reads it, e.g. a
	// file; here it is thrown away.
	if err := rep.WriteJUnit(io.Discard); err != nil {
		fmt.Println(err)
	}
	// Output:
	// inventory                passed
	// check-change-freeze      passed
	// detect-plugins           passed
	// check-target-version     passed
	// check-supported-versions passed
	// check-dedicated-lifetime passed
	// check-hybrid-licence     skipped
	// assess-breaking-changes  passed
	// support-case             skipped
	// run-installer            passed
	// wait-for-console         passed
	// republish-plugins        passed
	// verify-plugins           passed
	// verify-integrations      skipped
}

// Wrap ready-made steps with a retry, a timeout and a condition.
func ExampleWithRetry() {
	_, clients := newExample()
	plan := upgrade.PostUpgrade(clients, upgrade.PlanOptions{})
	_ = plan.Wrap(upgrade.StepVerifyPlugins, func(s upgrade.Step) upgrade.Step {
		return upgrade.WithRetry(s, upgrade.RetryPolicy{MaxAttempts: 3, InitialInterval: time.Second})
	})
	_ = plan.Wrap(upgrade.StepRepublishPlugins, func(s upgrade.Step) upgrade.Step {
		return upgrade.WithTimeout(s, time.Hour)
	})
	// Only republish on weekdays (a condition of your own).
	weekday := func(*upgrade.State) (bool, string) { return true, "" }
	_ = plan.Wrap(upgrade.StepRepublishPlugins, func(s upgrade.Step) upgrade.Step { return upgrade.OnlyIf(weekday, s) })

	st, _ := upgrade.NewState("11.30.1", upgrade.Facts{Model: upgrade.SelfManaged})
	st.Plugins, st.PluginsDetected = []upgrade.Module{{Name: "MyPlugin"}}, true
	rep, err := upgrade.Run(context.Background(), plan, st)
	if err != nil {
		fmt.Println(err)
	}
	printOutcomes(rep)
	// Output:
	// republish-plugins        passed
	// verify-plugins           passed
	// verify-integrations      skipped
}

// Dry-run the whole procedure: steps that change the infrastructure say
// what they would do and do nothing.
func ExampleDryRun() {
	_, clients := newExample()
	st, _ := upgrade.NewState("11.30.1", upgrade.Facts{Model: upgrade.Cloud})
	rep, err := upgrade.Run(context.Background(), upgrade.Whole(clients, upgrade.PlanOptions{}), st, upgrade.DryRun())
	if err != nil {
		fmt.Println(err)
	}
	for _, name := range []string{upgrade.StepSupportCase, upgrade.StepWaitForConsole, upgrade.StepRepublishPlugins} {
		s, _ := rep.Step(name)
		fmt.Printf("%s: %s: %s\n", s.Name, s.Outcome, s.Summary)
	}
	fmt.Println("outcome:", rep.Outcome)
	// Output:
	// support-case: action_required: open a support case with OutSystems with the text below; LifeTime and its plugins are unavailable during the upgrade
	// wait-for-console: passed: dry run: would wait for the console to reach 11.30.1 (now LifeTime 11.25.3)
	// republish-plugins: passed: dry run: would publish solution LifeTimePlugins with 1 plugin modules (MyPlugin) in the LifeTime environment
	// outcome: action_required
}

// Follow the progress of long steps.
func ExampleOnProgress() {
	_, clients := newExample()
	st, _ := upgrade.NewState("11.25.3", upgrade.Facts{Model: upgrade.SelfManaged})
	plan := upgrade.Sequence("wait", upgrade.WaitForConsole(clients, upgrade.WaitOptions{Interval: time.Second}))
	_, err := upgrade.Run(context.Background(), plan, st, upgrade.OnProgress(func(e upgrade.Event) {
		fmt.Println(strings.TrimSpace(fmt.Sprintf("%s %s %s", e.Kind, e.Step, e.Message)))
	}))
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// step_started wait-for-console
	// progress wait-for-console console is back: LifeTime 11.25.3
	// step_finished wait-for-console console answered at LifeTime 11.25.3 after 0s (1 polls)
}

// Write the report for people.
func ExampleReport_WriteText() {
	_, clients := newExample()
	st, _ := upgrade.NewState("11.30.1", upgrade.Facts{Model: upgrade.Cloud, Infrastructure: "ACME"})
	plan := upgrade.Sequence("support", upgrade.TakeInventory(clients), upgrade.SupportCase())
	rep, err := upgrade.Run(context.Background(), plan, st)
	if err != nil {
		fmt.Println(err)
	}
	rep.Duration = 0 // for a stable output
	rep.Steps[0].Duration, rep.Steps[1].Duration = 0, 0
	if err := rep.WriteText(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// LifeTime upgrade report: plan support, target 11.30.1, cloud
	// [PASSED]         inventory: LifeTime 11.25.3 in a dedicated environment, 1 application environments
	// [ACTION_REQUIRED] support-case: open a support case with OutSystems with the text below; LifeTime and its plugins are unavailable during the upgrade
	//     | Subject: LifeTime upgrade to 11.30.1 for ACME
	//     |
	//     | Please upgrade the LifeTime management console of this cloud infrastructure.
	//     |
	//     | Infrastructure:          ACME
	//     | LifeTime console host:   lifetime.example.com
	//     | Running LifeTime:        LifeTime 11.25.3
	//     | Target LifeTime:         11.30.1
	//     |
	//     | Application environments (they stay on their Platform Server versions):
	//     |   - Production (prd.example.com): Platform Server 11.38.0, self-managed
	//     |
	//     | Please tell us by e-mail when the upgrade is done.
	// Outcome: ACTION_REQUIRED (1 passed, 0 warning, 1 action required, 0 failed, 0 skipped) in 0s
}
