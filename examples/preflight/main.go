// Command preflight runs the LifeTime upgrade pre-flight checks and prints
// a report: the inventory of the infrastructure, the plugins, then every
// check (target version, supported environment versions, dedicated LifeTime
// when self-managed, hybrid licence, breaking changes for the plugins and
// integrations, the deployment queue). It changes nothing. The report can
// also be written as JSON (-json) and JUnit XML (-junit).
//
// With no -lifetime-url (or $LIFETIME_URL) it runs against a simulated
// infrastructure started in process (-scenario) and says so on its first
// line.
//
// Exit codes: 0 every check passed (warnings included), 1 a check failed,
// 2 usage or set-up error, 4 timeout (-timeout), 5 aborted (Ctrl-C,
// SIGTERM).
package main

import (
	"context"

	"github.com/go-outsystems/outsystems/examples/internal/cli"
	"github.com/go-outsystems/outsystems/examples/internal/procedure"
	"github.com/go-outsystems/outsystems/upgrade"
)

func main() { cli.Main(procedure.Program("preflight", false, plan)) }

// plan is the pre-flight plan: inventory, plugins, every check.
func plan(_ context.Context, s *procedure.Session) (*upgrade.Group, error) {
	return upgrade.Preflight(s.Clients()), nil
}
