package upgrade

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/go-outsystems/outsystems/compat"
	"github.com/go-outsystems/outsystems/servicecenter"
	"github.com/go-outsystems/outsystems/servicecenter/servicecentertest"
	"github.com/google/go-cmp/cmp"
)

// newSC starts a simulated Service Center of a LifeTime environment with
// two plugins and returns it with a client.
func newSC(t *testing.T, opts ...servicecentertest.Option) (*servicecentertest.Server, *servicecenter.Client) {
	t.Helper()
	opts = append([]servicecentertest.Option{
		servicecentertest.WithVersion("11.42.1.0"),
		servicecentertest.WithPublishDuration(-1),
		servicecentertest.WithModules(
			servicecentertest.Module{Name: "LifeTime", System: true},
			servicecentertest.Module{Name: "AuditTrailPlugin", Plugin: true, Outdated: true},
			servicecentertest.Module{Name: "NotifierPlugin", Plugin: true, Outdated: true},
		),
	}, opts...)
	srv := servicecentertest.NewServer(opts...)
	t.Cleanup(srv.Close)
	sc, err := servicecenter.NewClient(srv.URL, servicecenter.WithCredentials(srv.Username(), srv.Password()), servicecenter.WithInsecureHTTP(),
		servicecenter.WithRetry(servicecenter.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		t.Fatal(err)
	}
	return srv, sc
}

func TestServiceCenterPublisher(t *testing.T) {
	t.Parallel()
	srv, sc := newSC(t)
	p := ServiceCenterPublisher(sc, time.Minute, 0)
	id, err := p.PublishPlugins(t.Context(), "LifeTimePlugins", []string{"AuditTrailPlugin", "NotifierPlugin"})
	if err != nil {
		t.Fatal(err)
	}
	var progress []string
	res, err := p.WaitPublish(t.Context(), id, func(m string) { progress = append(progress, m) })
	if err != nil {
		t.Fatal(err)
	}
	if res.Failed() || res.PublicationID != id || len(progress) == 0 {
		t.Errorf("result = %+v, progress %v", res, progress)
	}
	c := srv.ServiceCenter().Counters()
	if c.SolutionsCreated != 1 || c.PublicationsStarted != 1 || c.ModulesPublished != 2 {
		t.Errorf("counters = %+v", c)
	}
	for _, m := range srv.ServiceCenter().Modules() {
		if m.Outdated {
			t.Errorf("%s still outdated", m.Name)
		}
	}
}

func TestServiceCenterPublisherFailingModule(t *testing.T) {
	t.Parallel()
	srv, sc := newSC(t)
	srv.ServiceCenter().FailPublishOf("NotifierPlugin")
	p := ServiceCenterPublisher(sc, time.Minute, 0)
	id, err := p.PublishPlugins(t.Context(), "LifeTimePlugins", nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.WaitPublish(t.Context(), id, nil)
	if err != nil {
		t.Fatalf("a failed publication is a result, not an error: %v", err)
	}
	if !res.Failed() {
		t.Fatalf("result = %+v, want failed", res)
	}
	for _, m := range res.Modules {
		if (len(m.Errors) > 0) != (m.Module == "NotifierPlugin") {
			t.Errorf("module %s: errors %v", m.Module, m.Errors)
		}
	}
}

func TestServiceCenterPublisherErrors(t *testing.T) {
	t.Parallel()
	srv, sc := newSC(t)
	srv.ServiceCenter().SetAvailable(false)
	p := ServiceCenterPublisher(sc, time.Minute, 0)
	if _, err := p.PublishPlugins(t.Context(), "LifeTimePlugins", nil); err == nil {
		t.Error("publish on an unavailable Service Center: no error")
	}
	if _, err := p.WaitPublish(t.Context(), 99, nil); err == nil {
		t.Error("wait on an unavailable Service Center: no error")
	}
}

func TestConsoleVersionFromPlatform(t *testing.T) {
	t.Parallel()
	_, sc := newSC(t)
	cv, err := ConsoleVersionFromPlatform(sc, nil).ConsoleVersion(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if cv.PlatformServer != "11.42.1.0" || !cv.Inferred || cv.LifeTimeMin == "" {
		t.Fatalf("console version = %+v", cv)
	}
	// The catalogue's inference for the same Platform Server.
	cat := compat.Default()
	inf, err := cat.InferLifeTime(compat.MustParse(compat.PlatformServer, "11.42.1.0"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if cv.LifeTimeMin != inf.Candidates[0].String() {
		t.Errorf("LifeTimeMin = %s, want %s", cv.LifeTimeMin, inf.Candidates[0])
	}

	_, bad := newSC(t, servicecentertest.WithVersion("not-a-version"))
	if _, err := ConsoleVersionFromPlatform(bad, nil).ConsoleVersion(t.Context()); err == nil {
		t.Error("unreadable Platform Server version: no error")
	}
}

func TestCompatRulesAtTarget(t *testing.T) {
	t.Parallel()
	r := CompatRules(nil)
	tests := []struct {
		name              string
		cv                ConsoleVersion
		certain, possible bool
	}{
		{"exact at target", ConsoleVersion{LifeTime: "11.30.1"}, true, true},
		{"exact newer", ConsoleVersion{LifeTime: "11.31.0"}, true, true},
		{"exact older", ConsoleVersion{LifeTime: "11.25.4"}, false, false},
		{"inferred, oldest past target", ConsoleVersion{LifeTimeMin: "11.30.1", Inferred: true}, true, true},
		{"inferred range holding target", ConsoleVersion{LifeTimeMin: "11.30.0", LifeTimeMax: "11.30.1", Inferred: true}, false, true},
		{"inferred open range", ConsoleVersion{LifeTimeMin: "11.30.0", Inferred: true}, false, true},
		{"inferred range below", ConsoleVersion{LifeTimeMin: "11.25.1", LifeTimeMax: "11.25.4", Inferred: true}, false, false},
		{"unknown", ConsoleVersion{PlatformServer: "11.42.1"}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			certain, possible, err := r.AtTarget(tt.cv, "11.30.1")
			if err != nil || certain != tt.certain || possible != tt.possible {
				t.Errorf("AtTarget = %v, %v, %v; want %v, %v", certain, possible, err, tt.certain, tt.possible)
			}
		})
	}
	if _, _, err := r.AtTarget(ConsoleVersion{LifeTime: "11.30.1"}, "eleven"); err == nil {
		t.Error("bad target: no error")
	}
}

func TestCompatRulesChecks(t *testing.T) {
	t.Parallel()
	r := CompatRules(nil)
	in := RuleInput{
		Target: "11.30.1",
		Facts:  Facts{Model: SelfManaged, Integrations: []Integration{{Name: "ci", Kind: IntegrationREST}}},
		Inventory: Inventory{
			Console: ConsoleVersion{LifeTime: "11.25.4"},
			Environments: []Environment{
				{Name: "Production", PlatformServer: "11.34.1"},
				{Name: "Legacy", PlatformServer: "10.0.1115.0"},
			},
			Dedication: Shared, SharedWith: "Production",
		},
		Plugins: []Module{{Name: "P"}},
		Now:     time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC),
	}
	severities := func(fs []Finding, id string) []Severity {
		var out []Severity
		for _, f := range fs {
			if f.ID == id {
				out = append(out, f.Severity)
			}
		}
		return out
	}
	fs, err := r.DedicatedLifeTime(in)
	if err != nil || !cmp.Equal([]Severity{SeverityBlocker}, severities(fs, compat.RuleDedicatedLifeTime)) {
		t.Errorf("dedicated: %v, %+v", err, fs)
	}
	fs, err = r.SupportedVersions(in)
	if err != nil || !cmp.Equal([]Severity{SeverityInfo, SeverityWarning}, severities(fs, compat.RuleSupportedVersions)) {
		t.Errorf("supported: %v, %+v", err, fs)
	}
	if len(severities(fs, compat.RuleOutSystems10)) == 0 || len(severities(fs, compat.RuleCanManage)) == 0 {
		t.Errorf("supported versions lacks the O10 or can-manage rules: %+v", fs)
	}
	fs, err = r.BreakingChanges(in)
	if err != nil || len(fs) == 0 {
		t.Fatalf("breaking changes: %v, %+v", err, fs)
	}
	refs := false
	for _, f := range fs {
		refs = refs || strings.HasPrefix(f.Ref, "LT-")
	}
	if !refs {
		t.Errorf("no breaking change carries its catalogue id: %+v", fs)
	}
	in.Facts = Facts{Model: Hybrid, LicencePurchased: time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)}
	if fs, err = r.HybridLicence(in); err != nil || !cmp.Equal([]Severity{SeverityBlocker}, severities(fs, compat.RuleHybridLicence)) {
		t.Errorf("hybrid: %v, %+v", err, fs)
	}
	in.Target = "11.20.0"
	if fs, err = r.TargetVersion(in); err != nil || !cmp.Equal([]Severity{SeverityBlocker}, severities(fs, compat.RuleTarget)) {
		t.Errorf("downgrade: %v, %+v", err, fs)
	}
	in.Target = "next"
	if _, err = r.TargetVersion(in); err == nil {
		t.Error("bad target: no error")
	}
	in.Target, in.Inventory.Console = "11.30.1", ConsoleVersion{LifeTime: "garbage"}
	if _, err = r.DedicatedLifeTime(in); err == nil {
		t.Error("bad console version: no error")
	}
}

func TestFromCompatSeverities(t *testing.T) {
	t.Parallel()
	got := []Severity{
		fromCompat(compat.Finding{Severity: compat.Info}).Severity,
		fromCompat(compat.Finding{Severity: compat.Warning}).Severity,
		fromCompat(compat.Finding{Severity: compat.Blocker}).Severity,
	}
	if d := cmp.Diff([]Severity{SeverityInfo, SeverityWarning, SeverityBlocker}, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	f := fromCompat(compat.Finding{ID: "i", Subject: "s", Message: "m", Remedy: "r", Source: "u", Ref: "x"})
	if d := cmp.Diff(Finding{ID: "i", Severity: SeverityInfo, Subject: "s", Message: "m", Remedy: "r", Source: "u", Ref: "x"}, f); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestExperimentalModuleLister(t *testing.T) {
	t.Parallel()
	_, sc := newSC(t)
	mods, err := ExperimentalModuleLister(sc).ListModules(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, m := range mods {
		got[m.Name] = m.Outdated
	}
	want := map[string]bool{"LifeTime": false, "AuditTrailPlugin": true, "NotifierPlugin": true}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("modules (-want +got):\n%s", d)
	}
}

// smokeFunc is a SmokeCaller made of a function.
type smokeFunc func(IntegrationKind, string) error

func (f smokeFunc) Smoke(_ context.Context, k IntegrationKind, what string) error { return f(k, what) }

func TestCombineSmoke(t *testing.T) {
	t.Parallel()
	boom := errors.New("404")
	var asked []string
	rest := smokeFunc(func(k IntegrationKind, w string) error {
		asked = append(asked, "rest "+w)
		if k != IntegrationREST {
			return ErrNoSmokeCall
		}
		return nil
	})
	soap := smokeFunc(func(k IntegrationKind, w string) error {
		asked = append(asked, "soap "+w)
		if k != IntegrationSOAP {
			return ErrNoSmokeCall
		}
		return boom
	})
	c := CombineSmoke(rest, nil, soap)
	if err := c.Smoke(t.Context(), IntegrationREST, "environments"); err != nil {
		t.Errorf("REST: %v", err)
	}
	if err := c.Smoke(t.Context(), IntegrationSOAP, "User_List"); !errors.Is(err, boom) {
		t.Errorf("SOAP: %v", err)
	}
	if err := CombineSmoke().Smoke(t.Context(), IntegrationSOAP, "x"); !errors.Is(err, ErrNoSmokeCall) {
		t.Errorf("empty: %v", err)
	}
	want := []string{"rest environments", "rest User_List", "soap User_List"}
	if d := cmp.Diff(want, asked); d != "" {
		t.Errorf("asked (-want +got):\n%s", d)
	}
}
