package procedure

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/go-outsystems/outsystems/examples/internal/cli"
	"github.com/go-outsystems/outsystems/upgrade"
)

// State returns the upgrade state: the target and the facts from the flags,
// completed from the infrastructure. Against a simulation the scenario's
// out-of-band facts fill what the flags leave out, as a user's configuration
// would. Against a real console, a deployment model not given is inferred
// from the environments (all in OutSystems Cloud: cloud, else
// self-managed; hybrid must be given, no API says where LifeTime runs).
// What was inferred is said on stdout.
func (f *Flags) State(ctx context.Context, in *cli.Infra, stdout io.Writer) (*upgrade.State, error) {
	model, err := f.model()
	if err != nil {
		return nil, err
	}
	plugins := splitList(f.PluginModules)
	if f.noPlugins() {
		plugins = nil
	} else if len(plugins) == 0 && !in.Simulated() {
		return nil, cli.Usagef("no API lists the LifeTime plugins: give -plugin-modules with the names of their modules in the LifeTime environment, or -plugin-modules %s", NoPlugins)
	}
	facts := upgrade.Facts{
		Model:          model,
		Infrastructure: f.Infrastructure,
		ConsoleVersion: f.ConsoleVersion,
		PluginModules:  plugins,
		Integrations:   slices.Clone([]upgrade.Integration(f.Integrations)),
		Window:         f.Window,
	}
	if f.LicencePurchased != "" {
		if facts.LicencePurchased, err = time.Parse(time.DateOnly, f.LicencePurchased); err != nil {
			return nil, cli.Usagef("-licence-purchased %q: want YYYY-MM-DD", f.LicencePurchased)
		}
	}
	target := f.Target
	if in.Simulated() {
		target = f.simulatedFacts(in, &facts, target)
	} else if facts.Model == "" {
		if facts.Model, err = inferModel(ctx, in); err != nil {
			return nil, err
		}
		fmt.Fprintf(stdout, "Deployment model taken from the environments: %s (give -cloud, -self-managed or -hybrid to choose).\n", facts.Model)
	}
	if target == "" {
		target = defaultTarget()
	}
	if facts.Model == upgrade.Hybrid && facts.LicencePurchased.IsZero() {
		return nil, cli.Usagef("-hybrid needs -licence-purchased YYYY-MM-DD (hybrid is supported only for licences bought before January 2020)")
	}
	st, err := upgrade.NewState(target, facts)
	if err != nil {
		return nil, &cli.UsageError{Err: err}
	}
	return st, nil
}

// simulatedFacts fills the facts the flags left out from the simulated
// scenario and returns the target.
func (f *Flags) simulatedFacts(in *cli.Infra, facts *upgrade.Facts, target string) string {
	m := in.Server.Meta()
	if facts.Model == "" {
		facts.Model = upgrade.DeploymentModel(m.DeploymentModel)
	}
	if facts.LicencePurchased.IsZero() {
		facts.LicencePurchased = m.LicensePurchased
	}
	if facts.Infrastructure == "" {
		facts.Infrastructure = "simulated " + m.Scenario
	}
	if len(facts.PluginModules) == 0 && !f.noPlugins() {
		facts.PluginModules = slices.Clone(m.Plugins)
	}
	if len(facts.Integrations) == 0 {
		for _, i := range m.Integrations {
			kind := upgrade.IntegrationREST
			if slices.ContainsFunc(i.APIs, func(api string) bool { return strings.Contains(api, "LifeTime Services") }) {
				kind = upgrade.IntegrationSOAP
			}
			facts.Integrations = append(facts.Integrations, upgrade.Integration{Name: i.Name, Kind: kind})
		}
	}
	if target == "" {
		target = m.TargetLifeTimeVersion
	}
	return target
}

// inferModel takes the deployment model from the environments: cloud when
// every one runs in OutSystems Cloud, self-managed otherwise.
func inferModel(ctx context.Context, in *cli.Infra) (upgrade.DeploymentModel, error) {
	envs, _, err := in.LifeTime.Environments.List(ctx)
	if err != nil {
		return "", fmt.Errorf("listing environments to find the deployment model: %w", err)
	}
	if len(envs) == 0 {
		return upgrade.SelfManaged, nil
	}
	for _, e := range envs {
		if !e.IsCloudEnvironment {
			return upgrade.SelfManaged, nil
		}
	}
	return upgrade.Cloud, nil
}

// NoPlugins is the -plugin-modules value saying that LifeTime has no
// plugins.
const NoPlugins = "none"

// noPlugins reports whether -plugin-modules says there are no plugins.
func (f *Flags) noPlugins() bool {
	return strings.EqualFold(strings.TrimSpace(f.PluginModules), NoPlugins)
}

// Edit adapts a ready-made plan to the flags: with -plugin-modules none,
// the plugin detection records that there are none (no API lists them),
// so that the republication and its checks are skipped.
func (f *Flags) Edit(plan *upgrade.Group) error {
	if !f.noPlugins() {
		return nil
	}
	return plan.Replace(upgrade.StepDetectPlugins, upgrade.NewStep(upgrade.StepDetectPlugins, func(_ context.Context, st *upgrade.State) error {
		st.Plugins, st.PluginsDetected = nil, true
		st.Summarize("no LifeTime plugins (-plugin-modules %s)", NoPlugins)
		return nil
	}))
}
