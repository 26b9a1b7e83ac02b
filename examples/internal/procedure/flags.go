// Package procedure holds what the upgrade-related examples (preflight,
// upgrade, republish-plugins) share: the flags that describe the
// infrastructure, the clients of the upgrade package over a real or
// simulated infrastructure, the run with its progress lines and reports, and
// the mapping of a report to the documented exit codes.
package procedure

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/go-outsystems/outsystems/compat"
	"github.com/go-outsystems/outsystems/examples/internal/cli"
	"github.com/go-outsystems/outsystems/upgrade"
)

// DefaultConsoleTimeout is how long the upgrade waits for the console to
// come back at the target version.
const DefaultConsoleTimeout = 6 * time.Hour

// Flags describe the upgrade: the target and what no API says about the
// infrastructure (deployment model, licence date, plugins, integrations).
// Against a simulation their defaults come from the scenario.
type Flags struct {
	// Target is the LifeTime version to upgrade to.
	Target string
	// Cloud, SelfManaged and Hybrid choose the deployment model; with none
	// of them it is taken from the infrastructure.
	Cloud, SelfManaged, Hybrid bool
	// LicencePurchased is the licence purchase date (YYYY-MM-DD), needed
	// for hybrid infrastructures.
	LicencePurchased string
	// Infrastructure names the infrastructure in the support case.
	Infrastructure string
	// ConsoleVersion is the running LifeTime version, when known.
	ConsoleVersion string
	// PluginModules is a comma-separated list of plugin module names.
	PluginModules string
	// Integrations are the declared integrations, "name=rest" or
	// "name=soap", optionally followed by ":what,what".
	Integrations integrationList
	// Window is the maintenance window for the support case.
	Window string
	// Solution is the Service Center solution of the plugins.
	Solution string
	// ConsoleTimeout bounds the wait for the console after the upgrade.
	ConsoleTimeout time.Duration
	// DryRun reports what would change without changing anything.
	DryRun bool
	// ModuleListing uses Service Center's EXPERIMENTAL module listing to
	// check the plugin modules.
	ModuleListing bool
}

// Register adds the flags to fs; withDryRun adds -dry-run.
func (f *Flags) Register(fs *flag.FlagSet, withDryRun bool) {
	fs.StringVar(&f.Target, "target", "", "LifeTime version to upgrade to (default: the newest release in the catalogue)")
	fs.BoolVar(&f.Cloud, "cloud", false, "the infrastructure runs in OutSystems Cloud (default: taken from the infrastructure)")
	fs.BoolVar(&f.SelfManaged, "self-managed", false, "the infrastructure is self-managed (default: taken from the infrastructure)")
	fs.BoolVar(&f.Hybrid, "hybrid", false, "LifeTime runs in OutSystems Cloud and manages self-managed environments")
	fs.StringVar(&f.LicencePurchased, "licence-purchased", "", "date the OutSystems licence was bought, YYYY-MM-DD (required with -hybrid)")
	fs.StringVar(&f.Infrastructure, "infrastructure", "", "name of the infrastructure, for the support case")
	fs.StringVar(&f.ConsoleVersion, "console-version", "", "running LifeTime version, when known (default: inferred)")
	fs.StringVar(&f.PluginModules, "plugin-modules", "", "comma-separated names of the LifeTime plugin modules, or \"none\" (required against a real console: no API lists them)")
	fs.Var(&f.Integrations, "integration", "integration calling LifeTime, name=rest|soap[:what,...] (repeatable)")
	fs.StringVar(&f.Window, "window", "", "maintenance window to ask for in the support case")
	fs.StringVar(&f.Solution, "solution", upgrade.DefaultSolutionName, "Service Center solution holding the plugin modules")
	fs.DurationVar(&f.ConsoleTimeout, "console-timeout", DefaultConsoleTimeout, "how long to wait for the console to come back after the upgrade")
	fs.BoolVar(&f.ModuleListing, "experimental-module-listing", false, "check the plugin modules with Service Center's module listing (EXPERIMENTAL: its contract is not public)")
	if withDryRun {
		fs.BoolVar(&f.DryRun, "dry-run", false, "say what would change, change nothing")
	}
}

// model returns the model chosen by flags, or "" for none.
func (f *Flags) model() (upgrade.DeploymentModel, error) {
	var chosen []upgrade.DeploymentModel
	if f.Cloud {
		chosen = append(chosen, upgrade.Cloud)
	}
	if f.SelfManaged {
		chosen = append(chosen, upgrade.SelfManaged)
	}
	if f.Hybrid {
		chosen = append(chosen, upgrade.Hybrid)
	}
	if len(chosen) > 1 {
		return "", cli.Usagef("give at most one of -cloud, -self-managed and -hybrid")
	}
	if len(chosen) == 0 {
		return "", nil
	}
	return chosen[0], nil
}

// defaultTarget is the newest LifeTime release of the catalogue.
func defaultTarget() string {
	if r, ok := compat.Default().Latest(compat.LifeTime); ok {
		return r.Version.String()
	}
	return ""
}

// integrationList is a repeatable -integration flag.
type integrationList []upgrade.Integration

// String renders the list for flag's usage output.
func (l *integrationList) String() string {
	parts := make([]string, len(*l))
	for i, in := range *l {
		parts[i] = in.Name + "=" + string(in.Kind)
	}
	return strings.Join(parts, " ")
}

// Set parses one "name=kind[:what,what]" value.
func (l *integrationList) Set(v string) error {
	name, rest, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(name) == "" {
		return fmt.Errorf("want name=rest or name=soap, got %q", v)
	}
	kind, uses, _ := strings.Cut(rest, ":")
	in := upgrade.Integration{Name: strings.TrimSpace(name), Kind: upgrade.IntegrationKind(strings.ToLower(strings.TrimSpace(kind)))}
	if in.Kind != upgrade.IntegrationREST && in.Kind != upgrade.IntegrationSOAP {
		return fmt.Errorf("integration %q: kind %q, want rest or soap", in.Name, kind)
	}
	for u := range strings.SplitSeq(uses, ",") {
		if u = strings.TrimSpace(u); u != "" {
			in.Uses = append(in.Uses, u)
		}
	}
	*l = append(*l, in)
	return nil
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for p := range strings.SplitSeq(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
