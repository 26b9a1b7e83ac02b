package upgrade

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// fakeInfra implements every client interface over in-memory data.
type fakeInfra struct {
	envs      []Environment
	envErr    error
	deps      []Deployment
	depErr    error
	console   ConsoleVersion
	versErr   error
	pingErrs  []error // returned by successive pings; nil after
	modules   []Module
	modErr    error
	publish   PublishResult
	pubErr    error
	published []string
	smokeErrs map[string]error

	onPing           func(n int) // called with the ping count
	pings, publishes int
}

func (f *fakeInfra) ListEnvironments(context.Context) ([]Environment, error) { return f.envs, f.envErr }

func (f *fakeInfra) ListDeployments(context.Context, time.Time) ([]Deployment, error) {
	return f.deps, f.depErr
}

func (f *fakeInfra) Ping(context.Context) error {
	f.pings++
	if f.onPing != nil {
		f.onPing(f.pings)
	}
	if len(f.pingErrs) > 0 {
		err := f.pingErrs[0]
		f.pingErrs = f.pingErrs[1:]
		return err
	}
	return nil
}

func (f *fakeInfra) ConsoleVersion(context.Context) (ConsoleVersion, error) {
	return f.console, f.versErr
}

func (f *fakeInfra) ListModules(context.Context) ([]Module, error) { return f.modules, f.modErr }

func (f *fakeInfra) PublishPlugins(_ context.Context, _ string, modules []string) (int64, error) {
	f.publishes++
	if f.pubErr != nil {
		return 0, f.pubErr
	}
	f.published = modules
	for i := range f.modules {
		f.modules[i].Outdated = false
	}
	return 42, nil
}

func (f *fakeInfra) WaitPublish(_ context.Context, id int64, progress func(string)) (PublishResult, error) {
	progress(fmt.Sprintf("publication %d finished", id))
	return f.publish, nil
}

func (f *fakeInfra) Smoke(_ context.Context, kind IntegrationKind, what string) error {
	if err, ok := f.smokeErrs[string(kind)+":"+what]; ok {
		return err
	}
	if kind == IntegrationSOAP {
		return ErrNoSmokeCall
	}
	return nil
}

// fakeRules returns canned findings per rule, and compares versions as
// plain strings of equal shape (enough for tests).
type fakeRules struct {
	findings map[string][]Finding
	err      error
	inputs   []RuleInput
}

func (r *fakeRules) rule(name string, in RuleInput) ([]Finding, error) {
	r.inputs = append(r.inputs, in)
	return r.findings[name], r.err
}

func (r *fakeRules) TargetVersion(in RuleInput) ([]Finding, error) { return r.rule("target", in) }
func (r *fakeRules) SupportedVersions(in RuleInput) ([]Finding, error) {
	return r.rule("supported", in)
}
func (r *fakeRules) DedicatedLifeTime(in RuleInput) ([]Finding, error) {
	return r.rule("dedicated", in)
}
func (r *fakeRules) HybridLicence(in RuleInput) ([]Finding, error)   { return r.rule("hybrid", in) }
func (r *fakeRules) BreakingChanges(in RuleInput) ([]Finding, error) { return r.rule("breaking", in) }

func (r *fakeRules) AtTarget(c ConsoleVersion, target string) (bool, bool, error) {
	if c.LifeTime == "" && c.LifeTimeMin == "" {
		return false, false, errors.New("unknown version")
	}
	if c.LifeTime != "" {
		return c.LifeTime >= target, c.LifeTime >= target, nil
	}
	return c.LifeTimeMin >= target, c.LifeTimeMin <= target && (c.LifeTimeMax == "" || target <= c.LifeTimeMax), nil
}

// newFake returns a dedicated self-managed infrastructure with two plugins.
func newFake() (*fakeInfra, *fakeRules, Clients) {
	f := &fakeInfra{
		envs: []Environment{
			{Key: "dev", Name: "Development", HostName: "dev.example.com", PlatformServer: "11.38.0"},
			{Key: "prd", Name: "Production", HostName: "prd.example.com", PlatformServer: "11.38.0"},
		},
		console: ConsoleVersion{PlatformServer: "11.38.1", LifeTime: "11.25.3"},
		modules: []Module{
			{Name: "LifeTime", System: true},
			{Name: "PluginA", Outdated: true},
			{Name: "PluginB", Outdated: true},
		},
		publish: PublishResult{Modules: []ModulePublish{{Module: "PluginA"}, {Module: "PluginB"}}},
	}
	r := &fakeRules{findings: map[string][]Finding{}}
	c := Clients{
		ConsoleHost: "https://lt.example.com", Environments: f, Deployments: f, Console: f, Smoke: f,
		Version: f, Modules: f, Publisher: f, Rules: r,
	}
	return f, r, c
}
