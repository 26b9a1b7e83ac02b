package procedure

import (
	"context"
	"flag"
	"io"

	"github.com/go-outsystems/outsystems/examples/internal/cli"
	"github.com/go-outsystems/outsystems/upgrade"
)

// Session is what a procedure example works with once its flags are parsed:
// the infrastructure (real or simulated), the upgrade state and the clients.
type Session struct {
	// Common and Flags are the parsed flags.
	Common cli.Common
	Flags  Flags
	// Infra is the infrastructure the program talks to.
	Infra *cli.Infra
	// State is the upgrade state the plan runs on.
	State *upgrade.State
	// Stdout is where the program writes its report and notes.
	Stdout io.Writer
}

// Clients returns the SDK clients of the session as the upgrade package
// wants them.
func (s *Session) Clients() upgrade.Clients { return s.Flags.Clients(&s.Common, s.Infra) }

// PlanOptions returns the plan options the flags ask for.
func (s *Session) PlanOptions() upgrade.PlanOptions {
	return s.Flags.PlanOptions(&s.Common, s.Infra, s.Stdout)
}

// Plan builds the plan a program runs, once the session is ready.
type Plan func(ctx context.Context, s *Session) (*upgrade.Group, error)

// Program returns the whole run function of a procedure example named name:
// it parses the common, Service Center and procedure flags (with -dry-run
// when mutating), opens the infrastructure, builds the state, builds the
// plan with plan, applies the flags' edits to it, runs it and writes the
// reports.
func Program(name string, mutating bool, plan Plan) cli.Run {
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		fs := flag.NewFlagSet(name, flag.ContinueOnError)
		fs.SetOutput(stderr)
		s := &Session{Stdout: stdout}
		var sc cli.ServiceCenter
		s.Common.Register(fs)
		sc.Register(fs)
		s.Flags.Register(fs, mutating)
		if err := cli.Parse(fs, args); err != nil {
			return err
		}
		ctx, cancel := s.Common.WithTimeout(ctx)
		defer cancel()

		logger := s.Common.Logger(stderr)
		in, err := s.Common.Open(stdout, &sc, logger)
		if err != nil {
			return err
		}
		defer in.Close()
		s.Infra = in
		if s.State, err = s.Flags.State(ctx, in, stdout); err != nil {
			return err
		}
		p, err := plan(ctx, s)
		if err != nil {
			return err
		}
		if err := s.Flags.Edit(p); err != nil {
			return err
		}
		return Run(ctx, &s.Common, in, p, s.State, s.Flags.DryRun, stdout, stderr, logger)
	}
}
