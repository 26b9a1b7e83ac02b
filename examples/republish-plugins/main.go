// Command republish-plugins does what the LifeTime upgrade procedure asks
// for after the upgrade: it republishes the LifeTime plugins from the
// Service Center of the LifeTime environment (a solution of the plugin
// modules, published), waits for the publication, then verifies the
// plugins and the integrations that call LifeTime. -dry-run says what it
// would publish and publishes nothing. The report can also be written as
// JSON (-json) and JUnit XML (-junit).
//
// With no -lifetime-url (or $LIFETIME_URL) it runs against a simulated
// infrastructure started in process (-scenario) and says so on its first
// line; the simulation's LifeTime is first upgraded to the target, so that
// its plugins are outdated as they are after a real upgrade.
//
// Service Center's solution services are internal and undocumented; they
// answer only from inside the LifeTime environment's network when an
// Internal Network is configured.
//
// Exit codes: 0 success, 1 a module failed to publish or a check failed,
// 2 usage or set-up error, 4 timeout, 5 aborted (Ctrl-C, SIGTERM).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/go-outsystems/outsystems/examples/internal/cli"
	"github.com/go-outsystems/outsystems/examples/internal/procedure"
	"github.com/go-outsystems/outsystems/upgrade"
)

func main() { cli.Main(run) }

// run is the program: flags, infrastructure, plugin detection and the
// post-upgrade plan, the report.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("republish-plugins", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var common cli.Common
	var sc cli.ServiceCenter
	var flags procedure.Flags
	common.Register(fs)
	sc.Register(fs)
	flags.Register(fs, true)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	ctx, cancel := common.WithTimeout(ctx)
	defer cancel()

	logger := common.Logger(stderr)
	in, err := common.Open(stdout, &sc, logger)
	if err != nil {
		return err
	}
	defer in.Close()
	st, err := flags.State(ctx, in, stdout)
	if err != nil {
		return err
	}
	if in.Simulated() && !flags.DryRun {
		if err := upgradeSimulatedConsole(ctx, in, st.Target, stdout); err != nil {
			return err
		}
	}
	clients := flags.Clients(&common, in)
	plan := upgrade.Sequence("republish-plugins",
		upgrade.DetectPlugins(clients),
		upgrade.PostUpgrade(clients, flags.PlanOptions(&common, in, stdout)),
	)
	if err := flags.Edit(plan); err != nil {
		return err
	}
	return procedure.Run(ctx, &common, in, plan, st, flags.DryRun, stdout, stderr, logger)
}

// upgradeSimulatedConsole brings the simulated console to target, as the
// upgrade would have, so that the plugins need their republication.
func upgradeSimulatedConsole(ctx context.Context, in *cli.Infra, target string, stdout io.Writer) error {
	const downtime = procedure.SimInstallerDowntime
	if err := in.Server.Sim().UpgradeConsole(target, downtime); err != nil {
		return fmt.Errorf("simulation: upgrading the console: %w", err)
	}
	// Some scenarios keep the console down longer than asked: wait as long
	// as the simulation says.
	for {
		until, down := in.Server.Sim().UpgradeInProgress()
		if !down {
			break
		}
		if err := in.Clock.Sleep(ctx, until.Sub(in.Clock.Now())+time.Second); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "simulation: LifeTime was upgraded to %s; the plugins are outdated: %v\n", target, in.Server.Sim().OutdatedPlugins())
	return nil
}
