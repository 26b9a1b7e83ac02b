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
	"fmt"
	"io"
	"time"

	"github.com/go-outsystems/outsystems/examples/internal/cli"
	"github.com/go-outsystems/outsystems/examples/internal/procedure"
	"github.com/go-outsystems/outsystems/upgrade"
)

func main() { cli.Main(procedure.Program("republish-plugins", true, plan)) }

// plan detects the plugins, then republishes and verifies them; on a
// simulation the console is first upgraded so that the plugins are outdated.
func plan(ctx context.Context, s *procedure.Session) (*upgrade.Group, error) {
	if s.Infra.Simulated() && !s.Flags.DryRun {
		if err := upgradeSimulatedConsole(ctx, s.Infra, s.State.Target, s.Stdout); err != nil {
			return nil, err
		}
	}
	clients := s.Clients()
	return upgrade.Sequence("republish-plugins",
		upgrade.DetectPlugins(clients),
		upgrade.PostUpgrade(clients, s.PlanOptions()),
	), nil
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
