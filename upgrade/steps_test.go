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

// runOne runs one step in a plan and returns its result.
func runOne(t *testing.T, step Step, st *State, opts ...RunOption) (StepResult, error) {
	t.Helper()
	rep, err := Run(t.Context(), Sequence("test", step), st, opts...)
	if len(rep.Steps) != 1 {
		t.Fatalf("report has %d steps", len(rep.Steps))
	}
	return rep.Steps[0], err
}

func TestTakeInventory(t *testing.T) {
	t.Parallel()
	f, _, c := newFake()
	st := newTestState(t)
	res, err := runOne(t, TakeInventory(c), st)
	if err != nil {
		t.Fatal(err)
	}
	want := &Inventory{ConsoleHost: "lt.example.com", Console: f.console, Environments: f.envs, Dedication: Dedicated}
	if d := cmp.Diff(want, st.Inventory); d != "" {
		t.Errorf("inventory (-want +got):\n%s", d)
	}
	if res.Outcome != Passed || !strings.Contains(res.Summary, "dedicated environment, 2 application environments") {
		t.Errorf("result = %+v", res)
	}
}

func TestTakeInventorySharedLifeTime(t *testing.T) {
	t.Parallel()
	_, _, c := newFake()
	c.ConsoleHost = "PRD.example.com:443"
	st := newTestState(t)
	if _, err := runOne(t, TakeInventory(c), st); err != nil {
		t.Fatal(err)
	}
	if st.Inventory.Dedication != Shared || st.Inventory.SharedWith != "Production" {
		t.Errorf("inventory = %+v, want shared with Production", st.Inventory)
	}
	// The caller's fact wins over detection.
	yes := true
	st.Facts.DedicatedLifeTime = &yes
	if _, err := runOne(t, TakeInventory(c), st); err != nil {
		t.Fatal(err)
	}
	if st.Inventory.Dedication != Dedicated {
		t.Error("Facts.DedicatedLifeTime ignored")
	}
}

func TestTakeInventoryFactsVersionAndErrors(t *testing.T) {
	t.Parallel()
	f, _, c := newFake()
	st := newTestState(t)
	st.Facts.ConsoleVersion = "11.25.3"
	f.console = ConsoleVersion{PlatformServer: "11.38.1", LifeTimeMin: "11.25.0", Inferred: true}
	if _, err := runOne(t, TakeInventory(c), st); err != nil {
		t.Fatal(err)
	}
	if cv := st.Inventory.Console; cv.LifeTime != "11.25.3" || cv.Inferred {
		t.Errorf("console = %+v", cv)
	}

	boom := errors.New("503")
	f.envErr = boom
	if res, err := runOne(t, TakeInventory(c), newTestState(t)); !errors.Is(err, boom) || res.Outcome != Failed {
		t.Errorf("err = %v, outcome %s", err, res.Outcome)
	}
	if _, err := runOne(t, TakeInventory(Clients{}), newTestState(t)); !errors.Is(err, ErrMissingClient) {
		t.Errorf("no client: err = %v", err)
	}
}

func TestDetectPlugins(t *testing.T) {
	t.Parallel()
	_, _, c := newFake()
	st := newTestState(t)
	res, err := runOne(t, DetectPlugins(c), st)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"PluginA", "PluginB"}, moduleNames(st.Plugins)); d != "" || !st.PluginsDetected {
		t.Errorf("plugins (-want +got):\n%s", d)
	}
	if res.Summary != "2 plugin modules: PluginA, PluginB" {
		t.Errorf("summary = %q", res.Summary)
	}

	st = newTestState(t)
	st.Facts.PluginModules = []string{"pluginb", "Missing"}
	res, err = runOne(t, DetectPlugins(c), st)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"PluginB"}, moduleNames(st.Plugins)); d != "" {
		t.Errorf("declared plugins (-want +got):\n%s", d)
	}
	if res.Outcome != Warning || res.Findings[0].Subject != "Missing" {
		t.Errorf("result = %+v", res)
	}
}

func TestDetectPluginsNone(t *testing.T) {
	t.Parallel()
	f, _, c := newFake()
	f.modules = []Module{{Name: "LifeTime", System: true}}
	st := newTestState(t)
	res, err := runOne(t, DetectPlugins(c), st)
	if err != nil || res.Summary != "no LifeTime plugins" || !st.PluginsDetected || len(st.Plugins) != 0 {
		t.Errorf("err = %v, result %+v", err, res)
	}
}

func TestRuleChecks(t *testing.T) {
	t.Parallel()
	blocker := Finding{ID: "b", Severity: SeverityBlocker, Message: "no"}
	warning := Finding{ID: "w", Severity: SeverityWarning, Message: "hm"}
	tests := []struct {
		step    func(Clients) Step
		rule    string
		finding *Finding
		want    Outcome
	}{
		{CheckTargetVersion, "target", nil, Passed},
		{CheckSupportedVersions, "supported", &warning, Warning},
		{CheckDedicatedLifeTime, "dedicated", &blocker, Failed},
		{CheckHybridLicence, "hybrid", &blocker, Failed},
		{AssessBreakingChanges, "breaking", &warning, Warning},
	}
	for _, tt := range tests {
		_, rules, c := newFake()
		if tt.finding != nil {
			rules.findings[tt.rule] = []Finding{*tt.finding}
		}
		step := tt.step(c)
		t.Run(step.Name(), func(t *testing.T) {
			st := newTestState(t)
			st.Inventory = &Inventory{ConsoleHost: "lt"}
			st.Plugins = []Module{{Name: "P"}}
			res, err := runOne(t, step, st)
			if (err != nil) != (tt.want == Failed) || res.Outcome != tt.want {
				t.Fatalf("err = %v, outcome %s, want %s", err, res.Outcome, tt.want)
			}
			if tt.want == Failed && !errors.Is(err, ErrBlocked) {
				t.Errorf("err = %v, want ErrBlocked", err)
			}
			in := rules.inputs[0]
			if in.Target != "11.30.1" || in.Inventory.ConsoleHost != "lt" || len(in.Plugins) != 1 || in.Now.IsZero() {
				t.Errorf("rule input = %+v", in)
			}
		})
	}
}

func TestRuleCheckNeedsInventoryAndRules(t *testing.T) {
	t.Parallel()
	_, _, c := newFake()
	if _, err := runOne(t, CheckSupportedVersions(c), newTestState(t)); !errors.Is(err, ErrNoInventory) {
		t.Errorf("err = %v", err)
	}
	st := newTestState(t)
	st.Inventory = &Inventory{}
	if _, err := runOne(t, CheckSupportedVersions(Clients{}), st); !errors.Is(err, ErrMissingClient) {
		t.Errorf("err = %v", err)
	}
}

func TestCheckDeploymentQueue(t *testing.T) {
	t.Parallel()
	f, _, c := newFake()
	f.deps = []Deployment{
		{Key: "d1", Status: "finished_successful"},
		{Key: "d2", Status: "running", Source: "Development", Target: "Production"},
		{Key: "d3", Status: "saved"},
	}
	st := newTestState(t)
	res, err := runOne(t, CheckDeploymentQueue(c), st)
	if !errors.Is(err, ErrBlocked) || res.Outcome != Failed {
		t.Fatalf("err = %v, outcome %s", err, res.Outcome)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, string(f.Severity)+" "+f.ID+" "+f.Subject)
	}
	want := []string{"blocker upgrade/queue-running deployment d2", "warning upgrade/queue-saved deployment d3"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
	if len(st.Queue) != 2 {
		t.Errorf("queue = %v", st.Queue)
	}
	f.deps = nil
	if res, err := runOne(t, CheckDeploymentQueue(c), newTestState(t)); err != nil || res.Outcome != Passed {
		t.Errorf("empty queue: err = %v, outcome %s", err, res.Outcome)
	}
}

func TestSupportCase(t *testing.T) {
	t.Parallel()
	st, err := NewState("11.30.1", Facts{
		Model: Hybrid, LicencePurchased: time.Date(2019, 6, 1, 0, 0, 0, 0, time.UTC),
		Infrastructure: "ACME", Window: "Saturday 22:00 UTC",
		Integrations: []Integration{{Name: "jenkins", Kind: IntegrationREST}},
	})
	if err != nil {
		t.Fatal(err)
	}
	st.Inventory = &Inventory{ConsoleHost: "lt.acme.com", Console: ConsoleVersion{PlatformServer: "11.38.1", LifeTime: "11.25.3"},
		Environments: []Environment{{Name: "Production", HostName: "prd.acme.com", PlatformServer: "11.38.0"}}}
	st.Plugins, st.PluginsDetected = []Module{{Name: "PluginA"}}, true
	res, err := runOne(t, SupportCase(), st)
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != ActionRequired || res.Detail != st.SupportCase {
		t.Fatalf("result = %+v", res)
	}
	for _, want := range []string{
		"Subject: LifeTime upgrade to 11.30.1 for ACME", "hybrid infrastructure", "lt.acme.com",
		"Running LifeTime:        LifeTime 11.25.3", "Platform Server 11.38.1", "Saturday 22:00 UTC",
		"Licence purchased:       2019-06-01", "Production (prd.acme.com): Platform Server 11.38.0, self-managed",
		"PluginA", "jenkins (REST API)",
	} {
		if !strings.Contains(st.SupportCase, want) {
			t.Errorf("support case lacks %q:\n%s", want, st.SupportCase)
		}
	}
}

func TestAwaitInstaller(t *testing.T) {
	t.Parallel()
	st := newTestState(t)
	st.Inventory = &Inventory{ConsoleHost: "lt.example.com"}
	res, err := runOne(t, AwaitInstaller(), st)
	if err != nil || res.Outcome != ActionRequired || !strings.Contains(res.Detail, "LifeTimeWithPlatformServer-11.30.1.exe") ||
		!strings.Contains(res.Detail, "lt.example.com") {
		t.Errorf("err = %v, result %+v", err, res)
	}
}

func TestWaitForConsoleThroughDowntime(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		f, _, c := newFake()
		unavailable := errors.New("503 Service Unavailable")
		f.pingErrs = []error{unavailable, unavailable, errors.New("connection refused")}
		f.console.LifeTime = "11.30.1"
		var events []Event
		st := newTestState(t)
		start := time.Now()
		res, err := runOne(t, WaitForConsole(c, WaitOptions{Interval: time.Minute, Timeout: time.Hour}), st,
			OnProgress(func(e Event) {
				if e.Kind == EventProgress {
					events = append(events, e)
				}
			}))
		if err != nil {
			t.Fatal(err)
		}
		if f.pings != 4 || time.Since(start) != 3*time.Minute {
			t.Errorf("pings = %d after %s, want 4 after 3m", f.pings, time.Since(start))
		}
		if st.Console == nil || st.Console.LifeTime != "11.30.1" || res.Outcome != Passed {
			t.Errorf("console = %+v, result %+v", st.Console, res)
		}
		if len(events) != 4 || !strings.Contains(events[0].Message, "503") || events[3].Elapsed != 3*time.Minute || events[3].Remaining != 57*time.Minute {
			t.Errorf("events = %+v", events)
		}
	})
}

func TestWaitForConsoleDeadline(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		f, _, c := newFake() // console stays at 11.25.3
		st := newTestState(t)
		start := time.Now()
		_, err := runOne(t, WaitForConsole(c, WaitOptions{Interval: 10 * time.Minute, Timeout: 25 * time.Minute}), st)
		var we *WaitError
		if !errors.As(err, &we) || !errors.Is(err, ErrConsoleNotBack) {
			t.Fatalf("err = %v, want WaitError", err)
		}
		// Polls at 0, 10, 20 and 25 minutes: the deadline is honoured exactly.
		if we.Polls != 4 || we.Waited != 25*time.Minute || time.Since(start) != 25*time.Minute || we.Last.LifeTime != "11.25.3" {
			t.Errorf("wait error = %+v after %s", we, time.Since(start))
		}
		if f.pings != 4 {
			t.Errorf("pings = %d", f.pings)
		}
	})
}

func TestWaitForConsoleFatalAndCancel(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		f, _, c := newFake()
		denied := errors.New("401")
		f.pingErrs = []error{denied}
		_, err := runOne(t, WaitForConsole(c, WaitOptions{Fatal: func(err error) bool { return errors.Is(err, denied) }}), newTestState(t))
		if !errors.Is(err, denied) {
			t.Errorf("fatal: err = %v", err)
		}

		ctx, cancel := context.WithTimeout(t.Context(), 90*time.Second)
		defer cancel()
		_, err = Run(ctx, Sequence("p", WaitForConsole(c, WaitOptions{Interval: time.Minute})), newTestState(t))
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("cancel: err = %v", err)
		}
		if _, err := runOne(t, WaitForConsole(c, WaitOptions{Interval: -1}), newTestState(t)); !errors.Is(err, ErrInvalidOption) {
			t.Errorf("bad options: err = %v", err)
		}
	})
}

func TestWaitForConsoleDryRun(t *testing.T) {
	t.Parallel()
	f, _, c := newFake()
	res, err := runOne(t, WaitForConsole(c, WaitOptions{}), newTestState(t), DryRun())
	if err != nil || f.pings != 1 || !strings.Contains(res.Summary, "would wait for the console to reach 11.30.1") {
		t.Errorf("err = %v, pings %d, result %+v", err, f.pings, res)
	}
}

func TestRepublishPlugins(t *testing.T) {
	t.Parallel()
	f, _, c := newFake()
	st := newTestState(t)
	st.Plugins, st.PluginsDetected = []Module{{Name: "PluginA"}, {Name: "PluginB"}}, true
	var progress []string
	res, err := runOne(t, RepublishPlugins(c, ""), st, OnProgress(func(e Event) {
		if e.Kind == EventProgress {
			progress = append(progress, e.Message)
		}
	}))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"PluginA", "PluginB"}, f.published); d != "" {
		t.Errorf("published (-want +got):\n%s", d)
	}
	want := &PublishResult{Solution: DefaultSolutionName, PublicationID: 42, Modules: f.publish.Modules}
	if d := cmp.Diff(want, st.Publish); d != "" {
		t.Errorf("publish (-want +got):\n%s", d)
	}
	if res.Outcome != Passed || len(res.Changes) != 1 || res.Changes[0].DryRun || len(progress) != 1 {
		t.Errorf("result = %+v, progress %v", res, progress)
	}
}

func TestRepublishPluginsFailingModule(t *testing.T) {
	t.Parallel()
	f, _, c := newFake()
	f.publish = PublishResult{Modules: []ModulePublish{
		{Module: "PluginA", Warnings: []string{"deprecated action"}},
		{Module: "PluginB", Errors: []string{"LifeTimeSDK reference is broken"}},
	}}
	st := newTestState(t)
	st.Plugins, st.PluginsDetected = []Module{{Name: "PluginA"}, {Name: "PluginB"}}, true
	res, err := runOne(t, RepublishPlugins(c, "MyPlugins"), st)
	if !errors.Is(err, ErrBlocked) || res.Outcome != Failed {
		t.Fatalf("err = %v, outcome %s", err, res.Outcome)
	}
	want := []Finding{
		{ID: "upgrade/publish-warning", Severity: SeverityWarning, Subject: "PluginA", Message: "deprecated action"},
		{ID: "upgrade/publish-error", Severity: SeverityBlocker, Subject: "PluginB", Message: "LifeTimeSDK reference is broken",
			Remedy: "fix the module (refresh its references to LifeTime and the LifeTime SDK) and publish it again"},
	}
	if d := cmp.Diff(want, res.Findings); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
	if st.Publish == nil || st.Publish.Solution != "MyPlugins" || len(st.Publish.Modules) != 2 {
		t.Errorf("publish result lost: %+v", st.Publish)
	}
}

func TestRepublishPluginsDryRunAndNone(t *testing.T) {
	t.Parallel()
	f, _, c := newFake()
	st := newTestState(t)
	st.Plugins, st.PluginsDetected = []Module{{Name: "PluginA"}}, true
	res, err := runOne(t, RepublishPlugins(c, ""), st, DryRun())
	if err != nil || f.publishes != 0 || !res.DryRun || len(res.Changes) != 1 || !res.Changes[0].DryRun {
		t.Errorf("dry run: err = %v, publishes %d, result %+v", err, f.publishes, res)
	}
	st.Plugins = nil
	res, err = runOne(t, RepublishPlugins(c, ""), st)
	if err != nil || res.Outcome != Skipped || f.publishes != 0 {
		t.Errorf("no plugins: err = %v, result %+v", err, res)
	}
	f.pubErr = errors.New("fault")
	st.Plugins = []Module{{Name: "PluginA"}}
	if _, err := runOne(t, RepublishPlugins(c, ""), st); !errors.Is(err, f.pubErr) {
		t.Errorf("publish error: err = %v", err)
	}
}

func TestVerifyPlugins(t *testing.T) {
	t.Parallel()
	f, _, c := newFake()
	st := newTestState(t)
	st.Plugins, st.PluginsDetected = []Module{{Name: "PluginA"}, {Name: "PluginB"}, {Name: "PluginC"}}, true
	f.modules[1].Outdated = false // PluginA republished; PluginB still outdated; PluginC gone
	res, err := runOne(t, VerifyPlugins(c), st)
	if !errors.Is(err, ErrBlocked) {
		t.Fatalf("err = %v", err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.ID+" "+f.Subject)
	}
	if d := cmp.Diff([]string{"upgrade/plugin-outdated PluginB", "upgrade/plugin-gone PluginC"}, got); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
	f.modules[2].Outdated = false
	st.Plugins = st.Plugins[:2]
	if res, err := runOne(t, VerifyPlugins(c), st); err != nil || res.Outcome != Passed {
		t.Errorf("all good: err = %v, result %+v", err, res)
	}
}

func TestVerifyIntegrations(t *testing.T) {
	t.Parallel()
	f, _, c := newFake()
	f.smokeErrs = map[string]error{"rest:deployments": errors.New("403 Forbidden")}
	st, err := NewState("11.30.1", Facts{Model: Cloud, Integrations: []Integration{
		{Name: "jenkins", Kind: IntegrationREST, Uses: []string{"environments", "deployments"}},
		{Name: "legacy", Kind: IntegrationSOAP, Uses: []string{"User_List"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	own := IntegrationCheck{Name: "portal", Check: func(context.Context, *State) error { return errors.New("portal down") }}
	res, err := runOne(t, VerifyIntegrations(c, own), st)
	if !errors.Is(err, ErrBlocked) {
		t.Fatalf("err = %v", err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, string(f.Severity)+" "+f.ID+" "+f.Subject+": "+f.Message)
	}
	want := []string{
		`blocker upgrade/integration-failed jenkins: REST "deployments": 403 Forbidden`,
		`warning upgrade/integration-unchecked legacy: no smoke call for SOAP "User_List"`,
		`blocker upgrade/integration-check-failed portal: portal down`,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
	if res.Summary != "4 integration checks" {
		t.Errorf("summary = %q", res.Summary)
	}
	if res, err := runOne(t, VerifyIntegrations(c), newTestState(t)); err != nil || res.Outcome != Skipped {
		t.Errorf("nothing declared: err = %v, result %+v", err, res)
	}
}

func TestWaitForConsoleUsesRunClock(t *testing.T) {
	t.Parallel()
	_, _, c := newFake() // console stays at 11.25.3
	clock := &manualClock{now: time.Date(2026, 11, 26, 22, 0, 0, 0, time.UTC)}
	res, err := runOne(t, WaitForConsole(c, WaitOptions{Interval: 10 * time.Minute, Timeout: 25 * time.Minute}), newTestState(t), WithClock(clock))
	var we *WaitError
	if !errors.As(err, &we) || we.Waited != 25*time.Minute {
		t.Fatalf("err = %v", err)
	}
	if d := cmp.Diff([]time.Duration{10 * time.Minute, 10 * time.Minute, 5 * time.Minute}, clock.sleeps); d != "" {
		t.Errorf("sleeps (-want +got):\n%s", d)
	}
	if res.Duration != 25*time.Minute {
		t.Errorf("duration = %s", res.Duration)
	}
}

func TestPluginStepsWithoutModuleListing(t *testing.T) {
	t.Parallel()
	f, _, c := newFake()
	c.Modules = nil
	st := newTestState(t)
	if _, err := runOne(t, DetectPlugins(c), st); !errors.Is(err, ErrMissingClient) {
		t.Errorf("no listing, no facts: err = %v", err)
	}
	st.Facts.PluginModules = []string{"PluginA", "PluginB"}
	res, err := runOne(t, DetectPlugins(c), st)
	if err != nil || len(st.Plugins) != 2 || !strings.Contains(res.Summary, "not checked") {
		t.Fatalf("declared: err = %v, result %+v", err, res)
	}
	if _, err := runOne(t, VerifyPlugins(c), st); !errors.Is(err, ErrMissingClient) {
		t.Errorf("verify without listing or publication: err = %v", err)
	}
	if _, err := runOne(t, RepublishPlugins(c, ""), st); err != nil {
		t.Fatal(err)
	}
	res, err = runOne(t, VerifyPlugins(c), st)
	if err != nil || res.Outcome != Warning || res.Findings[0].ID != "upgrade/plugins-unverified" {
		t.Errorf("verify from publication: err = %v, result %+v", err, res)
	}
	f.publish.Modules[1].Errors = []string{"broken"}
	st.Publish = nil
	if _, err := runOne(t, RepublishPlugins(c, ""), st); !errors.Is(err, ErrBlocked) {
		t.Fatalf("republish: err = %v", err)
	}
	if res, err = runOne(t, VerifyPlugins(c), st); !errors.Is(err, ErrBlocked) || res.Findings[0].ID != "upgrade/plugins-not-published" {
		t.Errorf("verify failed publication: err = %v, result %+v", err, res)
	}
}

func TestVerifyIntegrationsDefaultUses(t *testing.T) {
	t.Parallel()
	f, _, c := newFake()
	f.smokeErrs = map[string]error{"rest:applications": errors.New("500")}
	st, err := NewState("11.30.1", Facts{Model: SelfManaged, Integrations: []Integration{
		{Name: "pipeline", Kind: IntegrationREST}, {Name: "job", Kind: IntegrationSOAP},
	}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := runOne(t, VerifyIntegrations(c), st)
	if !errors.Is(err, ErrBlocked) {
		t.Fatalf("err = %v", err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.ID+" "+f.Subject+": "+f.Message)
	}
	want := []string{`upgrade/integration-failed pipeline: REST "applications": 500`, `upgrade/integration-unchecked job: no smoke call for SOAP "User_List"`}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
	if res.Summary != "4 integration checks" {
		t.Errorf("summary = %q", res.Summary)
	}
}

func TestTakeInventoryDedicationUnknownOrDeclared(t *testing.T) {
	t.Parallel()
	_, _, c := newFake()
	c.ConsoleHost = ""
	st := newTestState(t)
	res, err := runOne(t, TakeInventory(c), st)
	if err != nil || st.Inventory.Dedication != DedicationUnknown || !strings.Contains(res.Summary, "may be shared (unknown)") {
		t.Fatalf("err = %v, inventory %+v, summary %q", err, st.Inventory, res.Summary)
	}
	no := false
	st.Facts.DedicatedLifeTime = &no
	if _, err := runOne(t, TakeInventory(c), st); err != nil || st.Inventory.Dedication != Shared {
		t.Errorf("declared shared: err = %v, %s", err, st.Inventory.Dedication)
	}
	// compat warns when it cannot tell.
	st.Inventory.Dedication = DedicationUnknown
	fs, err := CompatRules(nil).DedicatedLifeTime(RuleInput{Target: "11.30.1", Facts: st.Facts, Inventory: *st.Inventory})
	if err != nil || len(fs) != 1 || fs[0].Severity != SeverityWarning {
		t.Errorf("compat on unknown dedication: %v, %+v", err, fs)
	}
}

// A version the rules cannot compare with the target ends the wait at
// once: waiting for hours would not change it.
func TestWaitForConsoleStopsWhenRulesCannotCompare(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		f, _, c := newFake()
		f.console = ConsoleVersion{PlatformServer: "11.38.1"} // the fake rules cannot compare it
		start := time.Now()
		_, err := runOne(t, WaitForConsole(c, WaitOptions{Interval: time.Minute, Timeout: time.Hour}), newTestState(t))
		if err == nil || errors.Is(err, ErrConsoleNotBack) || !strings.Contains(err.Error(), "comparing the console version") {
			t.Errorf("err = %v, want the comparison error", err)
		}
		if f.pings != 1 || time.Since(start) != 0 {
			t.Errorf("pings = %d after %s, want 1 at once", f.pings, time.Since(start))
		}
	})
}

// With LifeTime sharing its environment, guessing plugins from the
// non-system modules is a warning; declared plugin modules are not.
func TestDetectPluginsSharedEnvironment(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		declared []string
		wantIDs  []string
	}{
		{"guessed", nil, []string{"upgrade/plugins-guessed"}},
		{"declared", []string{"PluginA"}, nil},
	}
	for _, tt := range tests {
		_, _, c := newFake()
		st := newTestState(t)
		st.Inventory = &Inventory{Dedication: Shared}
		st.Facts.PluginModules = tt.declared
		res, err := runOne(t, DetectPlugins(c), st)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var ids []string
		for _, f := range res.Findings {
			ids = append(ids, f.ID)
		}
		if d := cmp.Diff(tt.wantIDs, ids); d != "" {
			t.Errorf("%s: finding IDs (-want +got):\n%s", tt.name, d)
		}
	}
}
