package procedure

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/go-outsystems/outsystems/examples/internal/cli"
	"github.com/go-outsystems/outsystems/upgrade"
)

// Simulated downtimes of a LifeTime upgrade: the installer run by the
// example on a self-managed simulation, and OutSystems support on a Cloud
// or hybrid one.
const (
	SimInstallerDowntime = 40 * time.Minute
	SimSupportDowntime   = 2 * time.Hour
	// simConsoleInterval is the interval of the console wait on a
	// simulation; the wait jumps over simulated time, so it only sets how
	// many polls the progress shows.
	simConsoleInterval = 10 * time.Minute
)

// Clients returns the clients of the upgrade steps over in; with
// -experimental-module-listing, the module listing of the LifeTime
// environment's Service Center too.
func (f *Flags) Clients(c *cli.Common, in *cli.Infra) upgrade.Clients {
	clients := upgrade.FromClients(in.LifeTime, in.ServiceCenter, nil)
	clients.ConsoleHost = in.ConsoleHost
	publishPoll := 0 * time.Second // servicecenter's default
	if in.Simulated() {
		publishPoll = cli.SimPublishPoll
	}
	if c.PollInterval > 0 {
		publishPoll = c.PollInterval
	}
	clients.Publisher = upgrade.ServiceCenterPublisher(in.ServiceCenter, 0, publishPoll)
	if in.LTServices != nil {
		// SOAP integrations get a smoke call through LifeTime Services,
		// REST ones through the REST client.
		clients.Smoke = upgrade.CombineSmoke(clients.Smoke, upgrade.LifeTimeServicesSmoke(in.LTServices))
	}
	if f.ModuleListing {
		clients.Modules = experimentalModules{sc: in.ServiceCenter}
	}
	return clients
}

// PlanOptions returns the options of the ready-made plans: the console
// wait from the flags and, on a self-managed simulation, an installer step
// that upgrades the simulated console.
func (f *Flags) PlanOptions(c *cli.Common, in *cli.Infra, stdout io.Writer) upgrade.PlanOptions {
	opts := upgrade.PlanOptions{
		Solution: f.Solution,
		Wait:     upgrade.WaitOptions{Timeout: f.ConsoleTimeout, Interval: c.PollInterval},
	}
	if in.Simulated() {
		if c.PollInterval == 0 {
			opts.Wait.Interval = simConsoleInterval
		}
		opts.Installer = simulatedInstaller(in, stdout)
	}
	return opts
}

// simulatedInstaller is the installer step of a self-managed simulation:
// it upgrades the simulated console, with downtime, as running
// LifeTimeWithPlatformServer-<target> would. A real run keeps the
// package's default, which asks a person to run the installer.
func simulatedInstaller(in *cli.Infra, stdout io.Writer) upgrade.Step {
	return upgrade.NewStep(upgrade.StepRunInstaller, func(_ context.Context, st *upgrade.State) error {
		if err := in.Server.Sim().UpgradeConsole(st.Target, SimInstallerDowntime); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "simulation: the LifeTime installer for %s runs (%s of simulated downtime)\n", st.Target, SimInstallerDowntime)
		st.RecordChange("ran the LifeTime installer for " + st.Target + " (simulated)")
		return nil
	}, upgrade.Mutating(func(_ context.Context, st *upgrade.State) error {
		st.RecordChange("would run the LifeTime installer for " + st.Target)
		return nil
	}))
}

// Run runs plan over st, with progress lines on stderr, then prints the
// text report on stdout, writes the -json and -junit files, and returns the
// error that gives the documented exit code (see [ExitError]).
func Run(ctx context.Context, c *cli.Common, in *cli.Infra, plan upgrade.Step, st *upgrade.State, dryRun bool, stdout, stderr io.Writer, logger *slog.Logger) error {
	progress := cli.NewProgress(stderr)
	opts := []upgrade.RunOption{upgrade.WithLogger(logger), upgrade.OnProgress(func(e upgrade.Event) {
		onEvent(progress, e)
		if !dryRun {
			askForAction(st, e, progress, stdout)
		}
		if in.Simulated() && !dryRun {
			playSupport(in, st, e, stdout)
		}
	})}
	if dryRun {
		opts = append(opts, upgrade.DryRun())
	}
	if in.Simulated() {
		opts = append(opts, upgrade.WithClock(in.Clock))
	}
	rep, runErr := upgrade.Run(ctx, plan, st, opts...)
	progress.Done()
	fmt.Fprintln(stdout)
	if err := rep.WriteText(stdout); err != nil {
		return err
	}
	if err := c.WriteReports(rep); err != nil {
		return err
	}
	return ExitError(rep, runErr)
}

// onEvent shows a progress event.
func onEvent(p *cli.Progress, e upgrade.Event) {
	switch e.Kind {
	case upgrade.EventStepStarted:
		p.Update("%s: started", e.Step)
	case upgrade.EventStepFinished:
		p.Update("%s: %s", e.Step, e.Outcome)
	case upgrade.EventRetry:
		p.Update("%s: attempt %d failed, retrying: %s", e.Step, e.Attempt, e.Message)
	default:
		msg := short(e.Message)
		if e.Remaining > 0 {
			p.Update("%s: %s (%s left)", e.Step, msg, e.Remaining.Round(time.Second))
		} else {
			p.Update("%s: %s", e.Step, msg)
		}
	}
}

// maxProgressText bounds a progress message; the report has the full text.
const maxProgressText = 140

// short returns the first line of s, cut to maxProgressText runes.
func short(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if r := []rune(s); len(r) > maxProgressText {
		return string(r[:maxProgressText]) + "…"
	}
	return s
}

// askForAction says, as soon as the upgrade window needs a person, what
// they must do while the program waits for the console: open the support
// case (its text follows) or run the installer.
func askForAction(st *upgrade.State, e upgrade.Event, p *cli.Progress, stdout io.Writer) {
	if e.Kind != upgrade.EventStepFinished || e.Outcome != upgrade.ActionRequired {
		return
	}
	p.Done()
	switch e.Step {
	case upgrade.StepSupportCase:
		fmt.Fprintf(stdout, "\nACTION REQUIRED: open a support case with OutSystems with this text; this program waits for the console to come back at %s.\n\n%s\n", st.Target, st.SupportCase)
	case upgrade.StepRunInstaller:
		fmt.Fprintf(stdout, "\nACTION REQUIRED: run the LifeTime installer for %s on the LifeTime environment; this program waits for the console to come back.\n\n", st.Target)
	}
}

// playSupport plays OutSystems support on a Cloud or hybrid simulation:
// once the support-case step has written the request, the simulated
// console is upgraded, with downtime.
func playSupport(in *cli.Infra, st *upgrade.State, e upgrade.Event, stdout io.Writer) {
	if e.Kind != upgrade.EventStepFinished || e.Step != upgrade.StepSupportCase || e.Outcome != upgrade.ActionRequired {
		return
	}
	if err := in.Server.Sim().UpgradeConsole(st.Target, SimSupportDowntime); err != nil {
		fmt.Fprintf(stdout, "simulation: OutSystems support could not upgrade the console: %v\n", err)
		return
	}
	fmt.Fprintf(stdout, "simulation: OutSystems support upgrades LifeTime to %s (%s of simulated downtime)\n", st.Target, SimSupportDowntime)
}

// ExitError maps a run's report and error to the documented exit codes:
// nil (0) when every step passed or warned; 5 when the run was interrupted;
// 4 when the -timeout deadline or the console wait ran out; 1 when a check
// or step failed; 3 when a person must act (a support case, the installer)
// and the run did not see it done. An action the run waited for, and saw
// done because the console came back at the target version, leaves
// nothing to do: exit code 0.
func ExitError(rep *upgrade.Report, runErr error) error {
	if runErr == nil && rep.Outcome == upgrade.ActionRequired && actionDone(rep) {
		return nil
	}
	var wait *upgrade.WaitError
	switch {
	case errors.Is(runErr, context.Canceled):
		return &cli.ExitError{Code: cli.ExitAborted, Message: "aborted: " + runErr.Error()}
	case errors.As(runErr, &wait), errors.Is(runErr, context.DeadlineExceeded):
		return &cli.ExitError{Code: cli.ExitTimeout, Message: "timed out: " + runErr.Error()}
	case rep.Outcome == upgrade.Failed || runErr != nil:
		msg := "checks failed"
		if runErr != nil {
			msg += ": " + runErr.Error()
		}
		return &cli.ExitError{Code: cli.ExitChecksFailed, Message: msg}
	case rep.Outcome == upgrade.ActionRequired:
		return &cli.ExitError{Code: cli.ExitActionRequired, Message: "action required: see the steps marked action_required in the report"}
	}
	return nil
}

// actionDone reports whether the console came back at the target version
// after the steps that required action (a wait that really waited, not a
// dry run's look).
func actionDone(rep *upgrade.Report) bool {
	asked := false
	for _, s := range rep.Steps {
		switch {
		case s.Outcome == upgrade.ActionRequired:
			asked = true
		case asked && s.Name == upgrade.StepWaitForConsole && s.Outcome == upgrade.Passed && !s.DryRun:
			asked = false
		}
	}
	return !asked
}
