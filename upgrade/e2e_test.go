package upgrade_test

import (
	"bytes"
	"context"
	"errors"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-outsystems/outsystems/internal/sim"
	"github.com/go-outsystems/outsystems/lifetime"
	"github.com/go-outsystems/outsystems/lifetime/lifetimetest"
	"github.com/go-outsystems/outsystems/lifetime/ltservices"
	"github.com/go-outsystems/outsystems/servicecenter"
	"github.com/go-outsystems/outsystems/upgrade"
)

// simClock drives a run with the simulator's manual clock: waiting
// advances simulated time at once.
type simClock struct{ c *lifetimetest.ManualClock }

func (s simClock) Now() time.Time { return s.c.Now() }

func (s simClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.c.Advance(d)
	return nil
}

// infra is a simulated infrastructure served over HTTP on loopback, with
// the upgrade clients built from this module's real clients.
type infra struct {
	sim     *lifetimetest.Sim
	clock   *lifetimetest.ManualClock
	clients upgrade.Clients
	sc      *servicecenter.Client
	lt      *lifetime.Client
	meta    lifetimetest.Meta
}

// newInfra starts scenario on loopback over TLS (package lifetimetest) and
// returns the clients of the upgrade over it.
func newInfra(t testing.TB, scenario string) *infra {
	t.Helper()
	clock := lifetimetest.NewManualClock(time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC))
	srv, err := lifetimetest.NewServer(lifetimetest.WithScenario(scenario), lifetimetest.WithClock(clock),
		lifetimetest.WithSeed(8), lifetimetest.WithPublishDuration(-1), lifetimetest.WithTLS())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	lt, err := lifetime.NewClient(srv.URL, lifetime.WithToken(srv.Token()), lifetime.WithHTTPClient(srv.Client()),
		lifetime.WithRetry(lifetime.NoRetry()))
	if err != nil {
		t.Fatal(err)
	}
	s := srv.Sim()
	ltenv := s.LifeTime()
	sc, err := servicecenter.NewClient(srv.URL, servicecenter.WithCredentials(ltenv.ServiceCenterUsername, ltenv.ServiceCenterPassword),
		servicecenter.WithHTTPClient(srv.Client()), servicecenter.WithRetry(servicecenter.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		t.Fatal(err)
	}
	lts, err := ltservices.NewClient(srv.URL, ltservices.WithServiceAccountToken(srv.Token()), ltservices.WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	c := upgrade.FromClients(lt, sc, nil)
	c.Smoke = upgrade.CombineSmoke(c.Smoke, upgrade.LifeTimeServicesSmoke(lts))
	// The console is on loopback here; its real host name is the LifeTime
	// environment's.
	c.ConsoleHost = ltenv.HostName
	return &infra{sim: s, clock: clock, clients: c, sc: sc, lt: lt, meta: srv.Meta()}
}

// state returns the upgrade state with the scenario's out-of-band facts,
// as a user would declare them.
func (in *infra) state(t testing.TB) *upgrade.State {
	t.Helper()
	m := in.meta
	f := upgrade.Facts{
		Model:            upgrade.DeploymentModel(m.DeploymentModel),
		LicencePurchased: m.LicensePurchased,
		PluginModules:    m.Plugins,
		Infrastructure:   m.Scenario,
	}
	for _, i := range m.Integrations {
		kind := upgrade.IntegrationREST
		if slices.Contains(i.APIs, "LifeTime Services") {
			kind = upgrade.IntegrationSOAP
		}
		f.Integrations = append(f.Integrations, upgrade.Integration{Name: i.Name, Kind: kind})
	}
	st, err := upgrade.NewState(m.TargetLifeTimeVersion, f)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// installer is a caller's installer step: it upgrades the simulated console
// with downtime.
func (in *infra) installer(downtime time.Duration) upgrade.Step {
	return upgrade.NewStep(upgrade.StepRunInstaller, func(_ context.Context, st *upgrade.State) error {
		if err := in.sim.UpgradeConsole(st.Target, downtime); err != nil {
			return err
		}
		st.RecordChange("ran LifeTimeWithPlatformServer-" + st.Target)
		return nil
	}, upgrade.Mutating(nil))
}

// run runs plan on the simulator's clock and returns the report; it checks
// that the JSON and JUnit reports can be written.
func (in *infra) run(t testing.TB, plan upgrade.Step, st *upgrade.State, opts ...upgrade.RunOption) (*upgrade.Report, error) {
	t.Helper()
	opts = append([]upgrade.RunOption{upgrade.WithClock(simClock{in.clock})}, opts...)
	rep, err := upgrade.Run(t.Context(), plan, st, opts...)
	var text, js, junit bytes.Buffer
	if werr := rep.WriteText(&text); werr != nil {
		t.Fatal(werr)
	}
	if werr := rep.WriteJSON(&js); werr != nil {
		t.Fatal(werr)
	}
	if werr := rep.WriteJUnit(&junit); werr != nil {
		t.Fatal(werr)
	}
	if _, ok := t.(*testing.T); ok {
		t.Logf("report:\n%s", text.String())
	}
	return rep, err
}

// outcomeOf returns the outcome of the named step.
func outcomeOf(t *testing.T, rep *upgrade.Report, name string) upgrade.StepResult {
	t.Helper()
	s, ok := rep.Step(name)
	if !ok {
		t.Fatalf("no step %s in the report", name)
	}
	return s
}

// findings returns the findings of a step with the given rule id.
func findings(s upgrade.StepResult, id string) []upgrade.Finding {
	var out []upgrade.Finding
	for _, f := range s.Findings {
		if f.ID == id {
			out = append(out, f)
		}
	}
	return out
}

func TestScenarioDefault(t *testing.T) {
	t.Parallel()
	in := newInfra(t, "default")
	st := in.state(t)
	plan := upgrade.Whole(in.clients, upgrade.PlanOptions{Installer: in.installer(40 * time.Minute), Wait: upgrade.WaitOptions{Interval: 5 * time.Minute}})
	rep, err := in.run(t, plan, st)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range rep.Steps {
		if s.Outcome == upgrade.Failed || s.Outcome == upgrade.ActionRequired {
			t.Errorf("step %s: %s", s.Name, s.Outcome)
		}
	}
	if got := in.sim.ConsoleVersion(); got != "11.30.1" {
		t.Errorf("console at %s", got)
	}
	if out := in.sim.OutdatedPlugins(); len(out) != 0 {
		t.Errorf("outdated plugins after the run: %v", out)
	}
	if st.Console == nil || st.Console.PlatformServer == "" {
		t.Errorf("console seen = %+v", st.Console)
	}
	sc := in.sim.ServiceCenter().Counters()
	if sc.PublicationsStarted != 1 || sc.ModulePublishFailures != 0 || sc.ModulesPublished != 2 {
		t.Errorf("service center counters: %+v", sc)
	}
	if st.Publish == nil || st.Publish.Failed() {
		t.Errorf("publication = %+v", st.Publish)
	}
}

func TestScenarioDefaultWithModuleListing(t *testing.T) {
	t.Parallel()
	in := newInfra(t, "default")
	in.clients.Modules = upgrade.ExperimentalModuleLister(in.sc)
	st := in.state(t)
	var outdatedBefore []string
	check := upgrade.NewStep("record-outdated", func(_ context.Context, st *upgrade.State) error {
		mods, err := in.clients.Modules.ListModules(t.Context())
		for _, m := range mods {
			if m.Outdated {
				outdatedBefore = append(outdatedBefore, m.Name)
			}
		}
		return err
	})
	plan := upgrade.Whole(in.clients, upgrade.PlanOptions{Installer: in.installer(10 * time.Minute)})
	if err := plan.InsertBefore(upgrade.StepRepublishPlugins, check); err != nil {
		t.Fatal(err)
	}
	rep, err := in.run(t, plan, st)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(outdatedBefore)
	if !slices.Equal(outdatedBefore, []string{"AuditTrailPlugin", "DeploymentNotifierPlugin"}) {
		t.Errorf("outdated after the console upgrade: %v", outdatedBefore)
	}
	if s := outcomeOf(t, rep, upgrade.StepVerifyPlugins); s.Outcome != upgrade.Passed || len(s.Findings) != 0 {
		t.Errorf("verify-plugins: %+v", s)
	}
}

func TestScenarioIntegrationBrokenByUpgrade(t *testing.T) {
	t.Parallel()
	in := newInfra(t, "default")
	st := in.state(t)
	// The new console no longer serves the deprecated LifeTime Services.
	install := in.installer(10 * time.Minute)
	removeSOAP := upgrade.NewStep("remove-lifetime-services", func(context.Context, *upgrade.State) error {
		in.sim.SetLTServicesEnabled(false)
		return nil
	})
	plan := upgrade.Whole(in.clients, upgrade.PlanOptions{Installer: install})
	if err := plan.InsertAfter(upgrade.StepRunInstaller, removeSOAP); err != nil {
		t.Fatal(err)
	}
	rep, err := in.run(t, plan, st)
	var se *upgrade.StepError
	if !errors.As(err, &se) || se.Step != upgrade.StepVerifyIntegrations {
		t.Fatalf("err = %v, want verify-integrations to fail", err)
	}
	s := outcomeOf(t, rep, upgrade.StepVerifyIntegrations)
	failed := findings(s, "upgrade/integration-failed")
	if len(failed) != 1 || failed[0].Subject != "Access review job" || !strings.Contains(failed[0].Message, "User_List") {
		t.Errorf("integration findings: %+v", s.Findings)
	}
}

func TestScenarioDeploymentQueue(t *testing.T) {
	t.Parallel()
	in := newInfra(t, "default")
	ctx := t.Context()
	test, _ := in.sim.EnvironmentByName("Test")
	prod, _ := in.sim.EnvironmentByName("Production")
	core, _ := in.sim.ApplicationByName("Core Services")
	running, _ := in.sim.Running(test.Key, core.Key)
	plan := lifetime.DeploymentCreateRequest{Notes: "release 1.2", SourceEnvironmentKey: test.Key, TargetEnvironmentKey: prod.Key,
		ApplicationOperations: []lifetime.DeploymentAppVersion{{ApplicationVersionKey: running.VersionKey}}}
	started, _, err := in.lt.Deployments.Create(ctx, plan)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.lt.Deployments.Start(ctx, started, nil); err != nil {
		t.Fatal(err)
	}
	plan.Notes = "next release"
	saved, _, err := in.lt.Deployments.Create(ctx, plan)
	if err != nil {
		t.Fatal(err)
	}
	st := in.state(t)
	rep, err := in.run(t, upgrade.Preflight(in.clients), st)
	if !errors.Is(err, upgrade.ErrBlocked) {
		t.Fatalf("err = %v, want ErrBlocked", err)
	}
	s := outcomeOf(t, rep, upgrade.StepCheckDeploymentQueue)
	var got []string
	for _, f := range s.Findings {
		got = append(got, string(f.Severity)+" "+f.Subject)
	}
	want := []string{"blocker deployment " + started, "warning deployment " + saved}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(want, got) {
		t.Errorf("queue findings = %v, want %v", got, want)
	}
	if len(st.Queue) != 2 || !strings.Contains(s.Findings[0].Message, "Test → Production") {
		t.Errorf("queue = %+v, findings %+v", st.Queue, s.Findings)
	}
}

func TestScenarioCloud(t *testing.T) {
	t.Parallel()
	in := newInfra(t, "cloud")
	st := in.state(t)
	var progress []upgrade.Event
	// OutSystems performs the upgrade once the support case is open: the
	// test plays support when the support-case step finishes.
	onEvent := func(e upgrade.Event) {
		switch {
		case e.Kind == upgrade.EventStepFinished && e.Step == upgrade.StepSupportCase:
			if err := in.sim.UpgradeConsole(st.Target, 2*time.Hour); err != nil {
				t.Error(err)
			}
		case e.Kind == upgrade.EventProgress && e.Step == upgrade.StepWaitForConsole:
			progress = append(progress, e)
		}
	}
	plan := upgrade.Whole(in.clients, upgrade.PlanOptions{Wait: upgrade.WaitOptions{Interval: 10 * time.Minute}})
	rep, err := in.run(t, plan, st, upgrade.OnProgress(onEvent))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Outcome != upgrade.ActionRequired {
		t.Errorf("outcome = %s, want action_required", rep.Outcome)
	}
	sc := outcomeOf(t, rep, upgrade.StepSupportCase)
	for _, want := range []string{"Target LifeTime:         11.30.1", "cloud infrastructure", "Platform Server 11.", "AuditTrailPlugin", "Jenkins release pipeline (REST API)"} {
		if !strings.Contains(sc.Detail, want) {
			t.Errorf("support case lacks %q:\n%s", want, sc.Detail)
		}
	}
	if s := outcomeOf(t, rep, upgrade.StepCheckDedicatedLifeTime); s.Outcome != upgrade.Skipped {
		t.Errorf("dedicated check on cloud: %s", s.Outcome)
	}
	wait := outcomeOf(t, rep, upgrade.StepWaitForConsole)
	if wait.Outcome != upgrade.Passed || wait.Duration != 2*time.Hour {
		t.Errorf("wait = %s after %s, want passed after the 2h downtime", wait.Outcome, wait.Duration)
	}
	// 13 polls, 10 minutes apart: 12 saw the console unavailable (503).
	if len(progress) != 13 || !strings.Contains(progress[0].Message, "503") || !strings.Contains(progress[12].Message, "console is back") {
		t.Errorf("progress: %d events, first %q, last %q", len(progress), progress[0].Message, progress[len(progress)-1].Message)
	}
	if in.sim.ConsoleVersion() != "11.30.1" || len(in.sim.OutdatedPlugins()) != 0 {
		t.Errorf("console %s, outdated plugins %v", in.sim.ConsoleVersion(), in.sim.OutdatedPlugins())
	}
}

func TestScenarioHybridLicences(t *testing.T) {
	t.Parallel()
	t.Run("old licence", func(t *testing.T) {
		t.Parallel()
		in := newInfra(t, "hybrid-old-licence")
		rep, err := in.run(t, upgrade.Preflight(in.clients), in.state(t))
		if err != nil {
			t.Fatal(err)
		}
		s := outcomeOf(t, rep, upgrade.StepCheckHybridLicence)
		if s.Outcome != upgrade.Passed || len(findings(s, "hybrid-licence")) != 1 {
			t.Errorf("hybrid licence: %+v", s)
		}
	})
	t.Run("new licence", func(t *testing.T) {
		t.Parallel()
		in := newInfra(t, "hybrid-new-licence")
		rep, err := in.run(t, upgrade.Whole(in.clients, upgrade.PlanOptions{}), in.state(t))
		if !errors.Is(err, upgrade.ErrBlocked) {
			t.Fatalf("err = %v, want ErrBlocked", err)
		}
		s := outcomeOf(t, rep, upgrade.StepCheckHybridLicence)
		fs := findings(s, "hybrid-licence")
		if s.Outcome != upgrade.Failed || len(fs) != 1 || fs[0].Severity != upgrade.SeverityBlocker || !strings.Contains(fs[0].Message, "2021-03-01") {
			t.Errorf("hybrid licence: %+v", s)
		}
		if s := outcomeOf(t, rep, upgrade.StepSupportCase); s.Outcome != upgrade.Skipped {
			t.Errorf("support case ran despite the blocker: %s", s.Outcome)
		}
	})
}

func TestScenarioSharedLifeTime(t *testing.T) {
	t.Parallel()
	in := newInfra(t, "shared-lifetime")
	st := in.state(t)
	rep, err := in.run(t, upgrade.Whole(in.clients, upgrade.PlanOptions{Installer: in.installer(time.Minute)}), st)
	if !errors.Is(err, upgrade.ErrBlocked) {
		t.Fatalf("err = %v, want ErrBlocked", err)
	}
	if st.Inventory.Dedication != upgrade.Shared || st.Inventory.SharedWith != "Production" {
		t.Errorf("inventory: %s, shared with %q", st.Inventory.Dedication, st.Inventory.SharedWith)
	}
	s := outcomeOf(t, rep, upgrade.StepCheckDedicatedLifeTime)
	fs := findings(s, "dedicated-lifetime")
	if s.Outcome != upgrade.Failed || len(fs) != 1 || fs[0].Severity != upgrade.SeverityBlocker ||
		!strings.Contains(fs[0].Remedy, "Reinstall LifeTime in a dedicated environment") || !strings.Contains(fs[0].Remedy, "lost") || fs[0].Source == "" {
		t.Errorf("dedicated check: %+v", s)
	}
	if in.sim.ConsoleVersion() == st.Target {
		t.Error("the installer ran despite the blocker")
	}
}

func TestScenarioO10Environment(t *testing.T) {
	t.Parallel()
	in := newInfra(t, "o10-environment")
	st := in.state(t)
	rep, err := in.run(t, upgrade.Whole(in.clients, upgrade.PlanOptions{Installer: in.installer(20 * time.Minute)}), st)
	if err != nil {
		t.Fatalf("the O10 environment blocked the upgrade: %v", err)
	}
	s := outcomeOf(t, rep, upgrade.StepCheckSupportedVersions)
	if s.Outcome != upgrade.Warning {
		t.Errorf("supported versions: %s", s.Outcome)
	}
	flagged := false
	for _, f := range s.Findings {
		if f.Severity == upgrade.SeverityWarning && strings.Contains(f.Subject, "Legacy") {
			flagged = true
		}
	}
	if !flagged {
		t.Errorf("the Legacy environment is not flagged: %+v", s.Findings)
	}
	if in.sim.ConsoleVersion() != "11.30.1" {
		t.Errorf("console at %s", in.sim.ConsoleVersion())
	}
}

func TestScenarioPluginPublishFails(t *testing.T) {
	t.Parallel()
	in := newInfra(t, "plugin-publish-fails")
	st := in.state(t)
	rep, err := in.run(t, upgrade.Whole(in.clients, upgrade.PlanOptions{Installer: in.installer(10 * time.Minute)}), st)
	var se *upgrade.StepError
	if !errors.As(err, &se) || se.Step != upgrade.StepRepublishPlugins {
		t.Fatalf("err = %v, want the republish step to fail", err)
	}
	if rep.Outcome != upgrade.Failed {
		t.Errorf("outcome = %s", rep.Outcome)
	}
	s := outcomeOf(t, rep, upgrade.StepRepublishPlugins)
	errs := findings(s, "upgrade/publish-error")
	if len(errs) == 0 {
		t.Fatalf("no publish error: %+v", s)
	}
	for _, f := range errs {
		if f.Subject != "AuditTrailPlugin" {
			t.Errorf("publish error about %q, want AuditTrailPlugin: %+v", f.Subject, f)
		}
	}
	// Nothing else is lost: the other module's result, the pre-flight and
	// the window are all in the report and the state.
	if st.Publish == nil || len(st.Publish.Modules) != 2 {
		t.Errorf("publication = %+v", st.Publish)
	}
	if s := outcomeOf(t, rep, upgrade.StepWaitForConsole); s.Outcome != upgrade.Passed {
		t.Errorf("wait = %s", s.Outcome)
	}
	if s := outcomeOf(t, rep, upgrade.StepAssessBreakingChanges); len(s.Findings) == 0 {
		t.Error("pre-flight findings lost")
	}
	if got := in.sim.OutdatedPlugins(); !slices.Equal(got, []string{"AuditTrailPlugin"}) {
		t.Errorf("outdated plugins = %v", got)
	}
}

func TestScenarioSlowConsoleReturn(t *testing.T) {
	t.Parallel()
	in := newInfra(t, "slow-console-return")
	st := in.state(t)
	var remaining []time.Duration
	plan := upgrade.Whole(in.clients, upgrade.PlanOptions{
		Installer: in.installer(5 * time.Minute),
		Wait:      upgrade.WaitOptions{Timeout: 30 * time.Minute, Interval: 7 * time.Minute},
	})
	rep, err := in.run(t, plan, st, upgrade.OnProgress(func(e upgrade.Event) {
		if e.Kind == upgrade.EventProgress && e.Step == upgrade.StepWaitForConsole {
			remaining = append(remaining, e.Remaining)
		}
	}))
	var we *upgrade.WaitError
	if !errors.As(err, &we) || !errors.Is(err, upgrade.ErrConsoleNotBack) {
		t.Fatalf("err = %v, want a WaitError", err)
	}
	// Polls at 0, 7, 14, 21, 28 and 30 minutes: the deadline is honoured.
	want := []time.Duration{30 * time.Minute, 23 * time.Minute, 16 * time.Minute, 9 * time.Minute, 2 * time.Minute, 0}
	if !slices.Equal(remaining, want) || we.Waited != 30*time.Minute || we.Polls != 6 {
		t.Errorf("remaining = %v, waited %s in %d polls", remaining, we.Waited, we.Polls)
	}
	if s := outcomeOf(t, rep, upgrade.StepWaitForConsole); s.Outcome != upgrade.Failed || s.Duration != 30*time.Minute {
		t.Errorf("wait step: %s in %s", s.Outcome, s.Duration)
	}
	if s := outcomeOf(t, rep, upgrade.StepRepublishPlugins); s.Outcome != upgrade.Skipped {
		t.Errorf("republish ran: %s", s.Outcome)
	}
}

func TestScenarioDryRunChangesNothing(t *testing.T) {
	t.Parallel()
	in := newInfra(t, "default")
	before := in.sim.Counters()
	scBefore := in.sim.ServiceCenter().Counters()
	st := in.state(t)
	rep, err := in.run(t, upgrade.Whole(in.clients, upgrade.PlanOptions{Installer: in.installer(time.Minute)}), st, upgrade.DryRun())
	if err != nil {
		t.Fatal(err)
	}
	after := in.sim.Counters()
	scAfter := in.sim.ServiceCenter().Counters()
	if after.DeploymentsCreated != before.DeploymentsCreated || after.ApplicationsCreated != before.ApplicationsCreated ||
		after.VersionsCreated != before.VersionsCreated || sumCounts(after.Commands) != sumCounts(before.Commands) {
		t.Errorf("LifeTime changed: before %+v, after %+v", before, after)
	}
	if scAfter.SolutionsCreated != scBefore.SolutionsCreated || scAfter.PublicationsStarted != scBefore.PublicationsStarted ||
		scAfter.Uploads != scBefore.Uploads || scAfter.SolutionsDeleted != scBefore.SolutionsDeleted {
		t.Errorf("Service Center changed: before %+v, after %+v", scBefore, scAfter)
	}
	for op := range scAfter.Calls {
		if !slices.Contains([]string{"OutsystemsPlatform.GetPlatformInfo", "OutSystemsPlatform.GetPlatformInfo"}, op) {
			t.Errorf("Service Center call %s in a dry run", op)
		}
	}
	if in.sim.ConsoleVersion() != "11.25.4" || len(in.sim.OutdatedPlugins()) != 0 {
		t.Errorf("console %s, outdated %v", in.sim.ConsoleVersion(), in.sim.OutdatedPlugins())
	}
	if !rep.DryRun || outcomeOf(t, rep, upgrade.StepRunInstaller).Outcome != upgrade.Skipped {
		t.Errorf("report: dry run %v, installer %s", rep.DryRun, outcomeOf(t, rep, upgrade.StepRunInstaller).Outcome)
	}
	if s := outcomeOf(t, rep, upgrade.StepRepublishPlugins); len(s.Changes) != 1 || !s.Changes[0].DryRun {
		t.Errorf("republish: %+v", s)
	}
}

// sumCounts adds up a counter map.
func sumCounts(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// BenchmarkWholeUpgrade runs the whole procedure on the default scenario
// over HTTP (TLS, loopback) and reports the HTTP requests one upgrade
// makes. The simulated downtime passes on the manual clock: the time
// measured is the SDK's and the simulator's work, not waiting.
func BenchmarkWholeUpgrade(b *testing.B) {
	var requests int
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		in := newInfra(b, "default")
		st := in.state(b)
		plan := upgrade.Whole(in.clients, upgrade.PlanOptions{Installer: in.installer(40 * time.Minute), Wait: upgrade.WaitOptions{Interval: 5 * time.Minute}})
		b.StartTimer()
		if _, err := in.run(b, plan, st); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		requests += sumCounts(in.sim.Counters().Requests)
		b.StartTimer()
	}
	b.ReportMetric(float64(requests)/float64(b.N), "requests/upgrade")
}

func TestScenarioCloudRefusedConnections(t *testing.T) {
	t.Parallel()
	// A console whose connections are dropped during the upgrade, served
	// directly from the simulator (lifetimetest has no option for it).
	clock := lifetimetest.NewManualClock(time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC))
	s, err := sim.NewScenario("cloud", sim.Options{Seed: 8, Clock: clock, PublishDuration: -1, RefuseConnectionsDuringUpgrade: true})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	lt, err := lifetime.NewClient(srv.URL, lifetime.WithToken(s.Token()), lifetime.WithInsecureHTTP(), lifetime.WithRetry(lifetime.NoRetry()))
	if err != nil {
		t.Fatal(err)
	}
	ltenv := s.LifeTime()
	sc, err := servicecenter.NewClient(srv.URL, servicecenter.WithCredentials(ltenv.ServiceCenterUsername, ltenv.ServiceCenterPassword),
		servicecenter.WithInsecureHTTP(), servicecenter.WithRetry(servicecenter.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		t.Fatal(err)
	}
	in := &infra{sim: s, clock: clock, clients: upgrade.FromClients(lt, sc, nil), sc: sc, lt: lt, meta: s.Meta()}
	in.clients.ConsoleHost = ltenv.HostName
	st := in.state(t)
	var unavailable []string
	onEvent := func(e upgrade.Event) {
		switch {
		case e.Kind == upgrade.EventStepFinished && e.Step == upgrade.StepSupportCase:
			if err := s.UpgradeConsole(st.Target, time.Hour); err != nil {
				t.Error(err)
			}
		case e.Kind == upgrade.EventProgress && e.Step == upgrade.StepWaitForConsole && strings.HasPrefix(e.Message, "console not available"):
			unavailable = append(unavailable, e.Message)
		}
	}
	rep, err := in.run(t, upgrade.Whole(in.clients, upgrade.PlanOptions{Wait: upgrade.WaitOptions{Interval: 15 * time.Minute}}), st, upgrade.OnProgress(onEvent))
	if err != nil {
		t.Fatal(err)
	}
	if s := outcomeOf(t, rep, upgrade.StepWaitForConsole); s.Outcome != upgrade.Passed || s.Duration != time.Hour {
		t.Errorf("wait: %s after %s", s.Outcome, s.Duration)
	}
	if len(unavailable) != 4 {
		t.Errorf("unavailable polls = %d: %v", len(unavailable), unavailable)
	}
	for _, m := range unavailable {
		if strings.Contains(m, "503") {
			t.Errorf("a dropped connection reported as a 503: %s", m)
		}
	}
}
