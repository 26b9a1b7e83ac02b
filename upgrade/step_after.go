package upgrade

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// DefaultSolutionName is the Service Center solution [RepublishPlugins]
// publishes when no name is given.
const DefaultSolutionName = "LifeTimePlugins"

// RepublishPlugins returns the step that republishes every plugin module
// through the Service Center of the LifeTime environment: a solution
// holding them is published, the step waits for the publication and
// collects its errors and warnings per module. A module that fails to
// publish is a blocker finding naming the module; the other modules'
// results are kept. It fills [State.Publish]. With no plugins it is
// skipped. In a dry run it records what it would publish and publishes
// nothing.
//
// This is the documented "After the upgrade" step, done through Service
// Center's solution services (soap-apis notes §4, route A); see
// https://success.outsystems.com/documentation/11/setup_outsystems_infrastructure_and_platform/upgrade_outsystems/upgrade_lifetime/
func RepublishPlugins(c Clients, solution string) Step {
	if solution == "" {
		solution = DefaultSolutionName
	}
	describe := func(st *State) string {
		return fmt.Sprintf("publish solution %s with %d plugin modules (%s) in the LifeTime environment",
			solution, len(st.Plugins), strings.Join(moduleNames(st.Plugins), ", "))
	}
	skipIfNone := func(st *State) bool {
		if st.noPlugins() {
			st.Skip("no LifeTime plugins to republish")
			return true
		}
		return false
	}
	run := func(ctx context.Context, st *State) error {
		if c.Publisher == nil {
			return missingClient("Publisher")
		}
		if skipIfNone(st) {
			return nil
		}
		id, err := c.Publisher.PublishPlugins(ctx, solution, moduleNames(st.Plugins))
		if err != nil {
			return fmt.Errorf("publish solution %s: %w", solution, err)
		}
		st.RecordChange(describe(st))
		res, err := c.Publisher.WaitPublish(ctx, id, func(msg string) { st.Progress(msg) })
		if res.Solution == "" {
			res.Solution = solution
		}
		if res.PublicationID == 0 {
			res.PublicationID = id
		}
		st.Publish = &res
		if err != nil {
			return fmt.Errorf("wait for publication %d of %s: %w", id, solution, err)
		}
		failed := 0
		for _, m := range res.Modules {
			for _, e := range m.Errors {
				st.AddFinding(Finding{ID: "upgrade/publish-error", Severity: SeverityBlocker, Subject: m.Module,
					Message: e, Remedy: "fix the module (refresh its references to LifeTime and the LifeTime SDK) and publish it again"})
			}
			for _, w := range m.Warnings {
				st.AddFinding(Finding{ID: "upgrade/publish-warning", Severity: SeverityWarning, Subject: m.Module, Message: w})
			}
			if len(m.Errors) > 0 {
				failed++
			}
		}
		for _, e := range res.Errors {
			st.AddFinding(Finding{ID: "upgrade/publish-error", Severity: SeverityBlocker, Subject: solution, Message: e})
		}
		for _, w := range res.Warnings {
			st.AddFinding(Finding{ID: "upgrade/publish-warning", Severity: SeverityWarning, Subject: solution, Message: w})
		}
		if res.Failed() {
			st.Summarize("publication %d of %s failed: %d module(s) with errors", id, solution, failed)
		} else {
			st.Summarize("published %d plugin modules (publication %d)", len(st.Plugins), id)
		}
		return nil
	}
	dry := func(_ context.Context, st *State) error {
		if skipIfNone(st) {
			return nil
		}
		st.RecordChange(describe(st))
		st.Summarize("dry run: would %s", describe(st))
		return nil
	}
	return NewStep(StepRepublishPlugins, run, Mutating(dry))
}

// VerifyPlugins returns the step that checks the plugins after their
// republication: the publication reported no error, and Service Center no
// longer lists any plugin module as outdated (without a [ModuleLister], only
// the publication is checked, and a warning says so). Read-only. In a dry run,
// where nothing was republished, it only says what it would check.
func VerifyPlugins(c Clients) Step {
	dry := func(_ context.Context, st *State) error {
		st.Summarize("dry run: would check %d plugin modules after their republication", len(st.Plugins))
		return nil
	}
	return NewStep(StepVerifyPlugins, func(ctx context.Context, st *State) error {
		if st.noPlugins() {
			st.Skip("no LifeTime plugins to verify")
			return nil
		}
		if st.Publish != nil && st.Publish.Failed() {
			st.AddFinding(Finding{ID: "upgrade/plugins-not-published", Severity: SeverityBlocker, Subject: st.Publish.Solution,
				Message: "the plugin publication reported errors"})
		}
		if c.Modules == nil {
			if st.Publish == nil {
				return missingClient("Modules (or a publication by republish-plugins)")
			}
			st.AddFinding(Finding{ID: "upgrade/plugins-unverified", Severity: SeverityWarning, Subject: "LifeTime environment",
				Message: "no module listing: only the publication result was checked, not whether the plugins are still outdated",
				Remedy:  "check Factory > Modules in the LifeTime environment's Service Center"})
			st.Summarize("checked the publication of %d plugin modules", len(st.Plugins))
			return nil
		}
		mods, err := c.Modules.ListModules(ctx)
		if err != nil {
			return fmt.Errorf("list modules of the LifeTime environment: %w", err)
		}
		byName := modulesByName(mods)
		for _, p := range st.Plugins {
			m, ok := byName[strings.ToLower(p.Name)]
			switch {
			case !ok:
				st.AddFinding(Finding{ID: "upgrade/plugin-gone", Severity: SeverityBlocker, Subject: p.Name,
					Message: "plugin module is no longer in the LifeTime environment"})
			case m.Outdated:
				st.AddFinding(Finding{ID: "upgrade/plugin-outdated", Severity: SeverityBlocker, Subject: p.Name,
					Message: "plugin module is still outdated after the upgrade",
					Remedy:  "refresh its references in Service Studio and publish it, or run republish-plugins again"})
			}
		}
		st.Summarize("checked %d plugin modules", len(st.Plugins))
		return nil
	}, DryRunWith(dry))
}

// IntegrationCheck is a check of an integration that the caller supplies
// to [VerifyIntegrations], e.g. a call to the caller's own tool.
type IntegrationCheck struct {
	// Name identifies the check in findings.
	Name string
	// Check returns an error when the integration does not work.
	Check func(ctx context.Context, st *State) error
}

// VerifyIntegrations returns the step that checks the declared
// integrations after the upgrade: one read-only smoke call per REST
// resource (or SOAP operation) each integration uses (for a REST
// integration that does not say: environments, applications and
// deployments, what a deployment pipeline reads; for a SOAP one, User_List,
// which tells whether LifeTime Services still answers), then the caller's own
// checks. A failing call or check is a blocker finding; a resource with no
// smoke call is a warning to check it by hand. Read-only.
func VerifyIntegrations(c Clients, checks ...IntegrationCheck) Step {
	return NewStep(StepVerifyIntegrations, func(ctx context.Context, st *State) error {
		calls := 0
		for _, in := range st.Facts.Integrations {
			if c.Smoke == nil {
				return missingClient("Smoke")
			}
			n, err := smokeIntegration(ctx, c.Smoke, st, in)
			if err != nil {
				return err
			}
			calls += n
		}
		for _, chk := range checks {
			calls++
			if err := chk.Check(ctx, st); err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				st.AddFinding(Finding{ID: "upgrade/integration-check-failed", Severity: SeverityBlocker, Subject: chk.Name, Message: err.Error()})
			}
		}
		if calls == 0 {
			st.Skip("no integrations declared and no checks given")
			return nil
		}
		st.Summarize("%d integration checks", calls)
		return nil
	})
}

// integrationUses returns what to smoke-test of in: what it declares, or
// the defaults of its kind.
func integrationUses(in Integration) []string {
	switch {
	case len(in.Uses) > 0:
		return in.Uses
	case in.Kind == IntegrationREST:
		return []string{"environments", "applications", "deployments"}
	case in.Kind == IntegrationSOAP:
		return []string{"User_List"}
	}
	return nil
}

// smokeIntegration makes the smoke calls of one integration, records a
// finding per call that failed or could not be made, and returns how many
// calls it made; the error is the context's, when it ended.
func smokeIntegration(ctx context.Context, smoke SmokeCaller, st *State, in Integration) (int, error) {
	uses := integrationUses(in)
	if len(uses) == 0 {
		st.AddFinding(Finding{ID: "upgrade/integration-unchecked", Severity: SeverityWarning, Subject: in.Name,
			Message: "the integration does not say what it calls",
			Remedy:  "test it by hand, or list what it calls in Integration.Uses"})
	}
	kind := strings.ToUpper(string(in.Kind))
	for _, what := range uses {
		err := smoke.Smoke(ctx, in.Kind, what)
		switch {
		case err == nil:
		case errors.Is(err, ErrNoSmokeCall):
			st.AddFinding(Finding{ID: "upgrade/integration-unchecked", Severity: SeverityWarning, Subject: in.Name,
				Message: fmt.Sprintf("no smoke call for %s %q", kind, what),
				Remedy:  "test this part of the integration by hand"})
		case ctx.Err() != nil:
			return 0, ctx.Err()
		default:
			st.AddFinding(Finding{ID: "upgrade/integration-failed", Severity: SeverityBlocker, Subject: in.Name,
				Message: fmt.Sprintf("%s %q: %v", kind, what, err),
				Remedy:  "check the LifeTime breaking changes reported by assess-breaking-changes"})
		}
	}
	return len(uses), nil
}
