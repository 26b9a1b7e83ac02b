// Command deploy tags the running versions of chosen applications in a
// source environment (a new version when the running code was modified
// since its last tag) and deploys them to a target environment: it creates
// the deployment plan, shows its conflicts (and, without -allow-conflicts,
// deletes the plan instead of starting it), starts it and waits for it by
// key, printing the deployment log as it grows.
//
// Two-stage deployments (a plan that stops with deployment_prepared once
// the new versions are ready) are continued at once with -two-stage
// continue (the default); with -two-stage stop the program ends with exit
// code 3 after stage one, and `deploy -continue KEY` later finishes stage
// two. Ctrl-C or SIGTERM (what Jenkins sends when a build is aborted)
// aborts the running plan in LifeTime before the program exits with code 5.
//
// With no -lifetime-url (or $LIFETIME_URL) it runs against a simulated
// infrastructure started in process (-scenario) and says so on its first
// line; there, deployments to a Production environment are two-stage.
//
//	export LIFETIME_TOKEN=...   # service account token (or -token-file)
//	go run ./examples/deploy -lifetime-url https://lifetime.example.com \
//	    -source Development -target Test -apps "Customer Portal,Core Services"
//
// Exit codes: 0 deployed, 1 conflicts or the deployment failed, 2 usage or
// set-up error, 3 action required (stage two or another confirmation
// waits in LifeTime), 4 timeout (-timeout), 5 aborted.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/go-outsystems/outsystems/examples/internal/cli"
	"github.com/go-outsystems/outsystems/examples/internal/tagging"
	"github.com/go-outsystems/outsystems/lifetime"
	"github.com/go-outsystems/outsystems/lifetime/lifetimetest"
)

func main() { cli.Main(run) }

// options are the deploy example's own flags.
type options struct {
	source, target string
	apps           string
	notes          string
	twoStage       string
	allowConflicts bool
	continueKey    string
}

// Two-stage modes.
const (
	twoStageContinue = "continue"
	twoStageStop     = "stop"
)

// run is the program: flags, infrastructure, then either a new deployment
// or the continuation of a prepared one, and the report.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("deploy", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var common cli.Common
	var o options
	common.Register(fs)
	fs.StringVar(&o.source, "source", "", "environment to take the application versions from (simulation default: Development)")
	fs.StringVar(&o.target, "target", "", "environment to deploy to (simulation default: Test)")
	fs.StringVar(&o.apps, "apps", "", "comma-separated application names (simulation default: every application running in the source)")
	fs.StringVar(&o.notes, "notes", "Deployed by go-outsystems examples/deploy", "notes of the deployment plan")
	fs.StringVar(&o.twoStage, "two-stage", twoStageContinue, "what to do when a plan stops after stage one (deployment_prepared): continue or stop")
	fs.BoolVar(&o.allowConflicts, "allow-conflicts", false, "start a plan even when LifeTime reports conflicts")
	fs.StringVar(&o.continueKey, "continue", "", "continue the prepared plan with this key (stage two) instead of creating one")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if o.twoStage != twoStageContinue && o.twoStage != twoStageStop {
		return cli.Usagef("-two-stage %q: want continue or stop", o.twoStage)
	}
	ctx, cancel := common.WithTimeout(ctx)
	defer cancel()

	logger := common.Logger(stderr)
	in, err := common.Open(stdout, nil, logger)
	if err != nil {
		return err
	}
	defer in.Close()
	if in.Simulated() {
		o.source = cmpOr(o.source, "Development")
		o.target = cmpOr(o.target, "Test")
	}

	d := &deployer{common: &common, in: in, o: o, stdout: stdout, progress: cli.NewProgress(stderr), logger: logger,
		rep: &report{SchemaVersion: reportSchemaVersion, Source: o.source, Target: o.target, Started: time.Now().UTC()}}
	if o.continueKey != "" {
		err = d.resume(ctx)
	} else {
		err = d.deploy(ctx)
	}
	d.progress.Done()
	d.rep.Finished = time.Now().UTC()
	exit := d.conclude(err)
	fmt.Fprintln(stdout)
	if werr := d.rep.WriteText(stdout); werr != nil {
		return werr
	}
	if werr := common.WriteReports(d.rep); werr != nil {
		return werr
	}
	return exit
}

// deployer carries one run of the program.
type deployer struct {
	common   *cli.Common
	in       *cli.Infra
	o        options
	stdout   io.Writer
	progress *cli.Progress
	logger   *slog.Logger
	rep      *report
}

// deploy tags the applications, creates the plan, shows its conflicts,
// starts it and waits for it.
func (d *deployer) deploy(ctx context.Context) error {
	lt := d.in.LifeTime
	if d.o.source == "" || d.o.target == "" {
		return cli.Usagef("-source and -target are required")
	}
	envs, _, err := lt.Environments.List(ctx)
	if err != nil {
		return fmt.Errorf("listing environments: %w", err)
	}
	src, err := findEnv(envs, d.o.source)
	if err != nil {
		return err
	}
	tgt, err := findEnv(envs, d.o.target)
	if err != nil {
		return err
	}
	if src.Key == tgt.Key {
		return cli.Usagef("-source and -target are the same environment")
	}
	apps, err := d.chooseApps(ctx, src)
	if err != nil {
		return err
	}
	req := lifetime.DeploymentCreateRequest{Notes: d.o.notes, SourceEnvironmentKey: src.Key, TargetEnvironmentKey: tgt.Key}
	for _, a := range apps {
		line, err := d.versionToDeploy(ctx, src, a)
		if err != nil {
			return err
		}
		d.rep.Applications = append(d.rep.Applications, line)
		req.ApplicationOperations = append(req.ApplicationOperations, lifetime.DeploymentAppVersion{ApplicationVersionKey: line.VersionKey})
	}

	key, _, err := lt.Deployments.Create(ctx, req)
	if err != nil {
		return fmt.Errorf("creating the deployment plan: %w", err)
	}
	d.rep.DeploymentKey = key
	fmt.Fprintf(d.stdout, "Created deployment plan %s: %d application(s) from %s to %s.\n", key, len(apps), src.Name, tgt.Name)
	if d.in.Simulated() && tgt.EnvironmentType == "Production" {
		if err := d.in.Server.Sim().SetDeploymentBehaviour(key, lifetimetest.DeploymentBehaviour{Pauses: []string{lifetimetest.InfoDeploymentPrepared}}); err != nil {
			return err
		}
		fmt.Fprintln(d.stdout, "simulation: deployments to Production are two-stage here (they stop once stage one has prepared the new versions).")
	}

	details, _, err := lt.Deployments.Get(ctx, key)
	if err != nil {
		return fmt.Errorf("validating plan %s: %w", key, err)
	}
	for _, c := range details.ApplicationConflicts {
		d.rep.Conflicts = append(d.rep.Conflicts, c.Message)
		fmt.Fprintf(d.stdout, "Conflict: %s\n", c.Message)
	}
	start := &lifetime.CommandOptions{RedeployOutdated: new(true)}
	if len(d.rep.Conflicts) > 0 {
		if !d.o.allowConflicts {
			if _, err := lt.Deployments.Delete(context.WithoutCancel(ctx), key); err != nil {
				fmt.Fprintf(d.stdout, "Could not delete plan %s: %v\n", key, err)
			} else {
				fmt.Fprintf(d.stdout, "Deleted plan %s: it has conflicts (give -allow-conflicts to start it anyway).\n", key)
			}
			return errConflicts
		}
		// As outsystems-pipeline's ALLOW_CONTINUE_WITH_ERRORS does.
		start = &lifetime.CommandOptions{RedeployOutdated: new(false), ContinueWithErrors: true}
	}
	if _, err := lt.Deployments.Start(ctx, key, start); err != nil {
		return fmt.Errorf("starting plan %s: %w", key, err)
	}
	fmt.Fprintf(d.stdout, "Started plan %s; waiting for it (Ctrl-C aborts it).\n", key)
	return d.wait(ctx, key)
}

// resume continues a prepared plan (stage two) and waits for it.
func (d *deployer) resume(ctx context.Context) error {
	lt := d.in.LifeTime
	key := d.o.continueKey
	d.rep.DeploymentKey = key
	details, _, err := lt.Deployments.Get(ctx, key)
	if err != nil {
		return fmt.Errorf("reading plan %s: %w", key, err)
	}
	if envs, _, err := lt.Environments.List(ctx); err == nil {
		d.rep.Source = envName(envs, details.Deployment.SourceEnvironmentKey)
		d.rep.Target = envName(envs, details.Deployment.TargetEnvironmentKey)
	}
	if _, err := lt.Deployments.Continue(ctx, key, nil); err != nil {
		return fmt.Errorf("continuing plan %s: %w", key, err)
	}
	fmt.Fprintf(d.stdout, "Continued plan %s; waiting for it (Ctrl-C aborts it).\n", key)
	return d.wait(ctx, key)
}

// wait waits for the plan by key, printing its log, continuing a prepared
// plan when asked to, and aborting it when the context ends.
func (d *deployer) wait(ctx context.Context, key string) error {
	progress, err := d.in.LifeTime.Deployments.Wait(ctx, key, &lifetime.WaitOptions{
		PollInterval:     d.in.PollInterval(d.common, lifetime.DefaultPollInterval),
		ContinuePrepared: d.o.twoStage == twoStageContinue,
		AbortOnCancel:    true,
		OnProgress:       d.onProgress,
	})
	if progress != nil {
		d.rep.Status = string(progress.DeploymentStatus)
		d.rep.Info = string(progress.Info)
	}
	return err
}

// onProgress shows the status changes and new log entries of the plan.
func (d *deployer) onProgress(e lifetime.DeploymentEvent) {
	d.rep.Status, d.rep.Info = string(e.Status), string(e.Info)
	for _, m := range e.NewMessages {
		d.rep.Log = append(d.rep.Log, logLine{Instant: m.Instant.Time, Type: m.Type, Message: m.Message})
		d.progress.Update("%s: %s", e.DeploymentKey, m.Message)
	}
	switch {
	case e.Err != nil:
		d.progress.Update("%s: %s (poll failed, retrying: %v)", e.DeploymentKey, e.Status, e.Err)
	case e.Continued:
		d.progress.Update("%s: stage one done, continuing with stage two", e.DeploymentKey)
	case e.StatusChanged && e.Info != "":
		d.progress.Update("%s: %s (%s)", e.DeploymentKey, e.Status, e.Info)
	case e.StatusChanged:
		d.progress.Update("%s: %s", e.DeploymentKey, e.Status)
	}
}

// errConflicts ends a run whose plan has conflicts.
var errConflicts = errors.New("the deployment plan has conflicts")

// conclude sets the report's outcome from the run's error and returns the
// error that gives the documented exit code.
func (d *deployer) conclude(err error) error {
	var (
		usage       *cli.UsageError
		depErr      *lifetime.DeploymentError
		interrupted *lifetime.WaitInterruptedError
	)
	if err != nil {
		d.rep.Error = err.Error()
	}
	if errors.As(err, &interrupted) {
		d.rep.AbortSent = interrupted.AbortSent
	}
	switch {
	case err == nil && d.rep.Status == string(lifetime.DeploymentFinishedWithWarnings):
		d.rep.Outcome = outcomeWarning
		return nil
	case err == nil:
		d.rep.Outcome = outcomePassed
		return nil
	case errors.As(err, &usage):
		d.rep.Outcome = outcomeUsage
		return err
	case errors.Is(err, errConflicts):
		d.rep.Outcome = outcomeConflicts
		return &cli.ExitError{Code: cli.ExitChecksFailed, Message: "conflicts: the plan was not started"}
	case errors.Is(err, context.Canceled):
		d.rep.Outcome = outcomeAborted
		return &cli.ExitError{Code: cli.ExitAborted, Message: "aborted: " + err.Error()}
	case errors.Is(err, context.DeadlineExceeded):
		d.rep.Outcome = outcomeTimeout
		return &cli.ExitError{Code: cli.ExitTimeout, Message: "timed out: " + err.Error()}
	case errors.As(err, &depErr) && errors.Is(err, lifetime.ErrNeedsUserIntervention):
		d.rep.Outcome = outcomeActionRequired
		msg := fmt.Sprintf("action required: plan %s waits in LifeTime (%s)", depErr.DeploymentKey, depErr.Info)
		if depErr.Info == lifetime.InfoDeploymentPrepared {
			msg = fmt.Sprintf("action required: stage one of plan %s is done; finish it in LifeTime or run deploy -continue %s", depErr.DeploymentKey, depErr.DeploymentKey)
		}
		d.rep.Error = msg
		return &cli.ExitError{Code: cli.ExitActionRequired, Message: msg}
	default:
		d.rep.Outcome = outcomeFailed
		return &cli.ExitError{Code: cli.ExitChecksFailed, Message: "deployment failed: " + err.Error()}
	}
}

// chooseApps returns the applications named by -apps, each with its status
// in src; in a simulation without -apps, every application running in src.
func (d *deployer) chooseApps(ctx context.Context, src *lifetime.Environment) ([]*lifetime.Application, error) {
	all, _, err := d.in.LifeTime.Applications.List(ctx, &lifetime.ApplicationListOptions{IncludeEnvStatus: true})
	if err != nil {
		return nil, fmt.Errorf("listing applications: %w", err)
	}
	names := splitList(d.o.apps)
	if len(names) == 0 && !d.in.Simulated() {
		return nil, cli.Usagef("-apps is required")
	}
	var out []*lifetime.Application
	for _, a := range all {
		if a.IsSystem || statusIn(a, src.Key) == nil {
			continue
		}
		if len(names) == 0 || slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, a.Name) }) {
			out = append(out, a)
		}
	}
	for _, n := range names {
		if !slices.ContainsFunc(out, func(a *lifetime.Application) bool { return strings.EqualFold(n, a.Name) }) {
			return nil, cli.Usagef("application %q is not running in %s", n, src.Name)
		}
	}
	if len(out) == 0 {
		return nil, cli.Usagef("no application runs in %s", src.Name)
	}
	return out, nil
}

// versionToDeploy returns the version of a to deploy: the tag the running
// code is based on, or a new tag when the code was modified since.
func (d *deployer) versionToDeploy(ctx context.Context, src *lifetime.Environment, a *lifetime.Application) (appLine, error) {
	st := statusIn(a, src.Key)
	line := appLine{Name: a.Name, Key: a.Key, Version: st.BaseApplicationVersionLabel, VersionKey: st.BaseApplicationVersionKey}
	if !st.IsModified && st.BaseApplicationVersionKey != "" {
		if line.Version == "" { // older servers do not send the label
			v, _, err := d.in.LifeTime.Applications.GetVersion(ctx, a.Key, line.VersionKey, nil)
			if err != nil {
				return line, fmt.Errorf("reading version %s of %s: %w", line.VersionKey, a.Name, err)
			}
			line.Version = v.Version
		}
		return line, nil
	}
	label, err := tagging.NextLabel(ctx, d.in.LifeTime, a.Key, st.BaseApplicationVersionLabel)
	if err != nil {
		return line, fmt.Errorf("choosing the next version of %s: %w", a.Name, err)
	}
	key, err := tagging.Create(ctx, d.in.LifeTime, src.Key, a.Key, label, d.o.notes)
	if err != nil {
		return line, fmt.Errorf("tagging %s %s in %s: %w", a.Name, label, src.Name, err)
	}
	fmt.Fprintf(d.stdout, "Tagged %s %s in %s (it was modified since its last version).\n", a.Name, label, src.Name)
	line.Version, line.VersionKey, line.Tagged = label, key, true
	return line, nil
}

// statusIn returns the status of a in environment envKey, or nil when it
// does not run there.
func statusIn(a *lifetime.Application, envKey string) *lifetime.AppStatusInEnv {
	for _, s := range a.AppStatusInEnvs {
		if s.EnvironmentKey == envKey {
			return s
		}
	}
	return nil
}

// findEnv finds an environment by name (any case) or key.
func findEnv(envs []*lifetime.Environment, nameOrKey string) (*lifetime.Environment, error) {
	for _, e := range envs {
		if strings.EqualFold(e.Name, nameOrKey) || e.Key == nameOrKey {
			return e, nil
		}
	}
	names := make([]string, len(envs))
	for i, e := range envs {
		names[i] = e.Name
	}
	return nil, cli.Usagef("no environment %q (known: %s)", nameOrKey, strings.Join(names, ", "))
}

// envName returns the name of the environment with key, or the key.
func envName(envs []*lifetime.Environment, key string) string {
	for _, e := range envs {
		if e.Key == key {
			return e.Name
		}
	}
	return key
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

// cmpOr returns s, or def when s is empty.
func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
