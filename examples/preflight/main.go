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
	"flag"
	"io"

	"github.com/go-outsystems/outsystems/examples/internal/cli"
	"github.com/go-outsystems/outsystems/examples/internal/procedure"
	"github.com/go-outsystems/outsystems/upgrade"
)

func main() { cli.Main(run) }

// run is the program: flags, infrastructure, the pre-flight plan, the
// report.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("preflight", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var common cli.Common
	var sc cli.ServiceCenter
	var flags procedure.Flags
	common.Register(fs)
	sc.Register(fs)
	flags.Register(fs, false)
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
	plan := upgrade.Preflight(flags.Clients(&common, in))
	if err := flags.Edit(plan); err != nil {
		return err
	}
	return procedure.Run(ctx, &common, in, plan, st, false, stdout, stderr, logger)
}
