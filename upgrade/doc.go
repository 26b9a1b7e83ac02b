// Package upgrade runs the OutSystems LifeTime upgrade procedure (to Release
// Sep.2018, 11.0.108.0, or later) as steps that callers compose, reorder,
// wrap and extend in their own programs and pipelines, and reports the
// outcome of every step as text, JSON and JUnit XML.
//
// The procedure is OutSystems' documented checklist
// (https://success.outsystems.com/documentation/11/setup_outsystems_infrastructure_and_platform/upgrade_outsystems/upgrade_lifetime/):
//
//	before                         upgrade window                  after
//	------                         --------------                  -----
//	inventory                      support-case (Cloud, hybrid)    republish-plugins
//	detect-plugins                 run-installer (self-managed)    verify-plugins
//	check-target-version           wait-for-console                verify-integrations
//	check-supported-versions
//	check-dedicated-lifetime (self-managed)
//	check-hybrid-licence (hybrid)
//	assess-breaking-changes
//	check-deployment-queue
//
// [Preflight], [Upgrade], [PostUpgrade] and [Whole] return these as ready-made
// plans for OutSystems Cloud, hybrid and self-managed infrastructures; the
// deployment model in [Facts] selects the steps that apply.
//
// # Steps, state and the runner
//
// A [Step] has a name and a Run method over a typed [*State]: the caller's
// target version and [Facts], and what earlier steps found (inventory,
// plugins, support-case text, publication result). A step records findings,
// changes and its outcome through the State; it returns an error only when
// it could not do its work. Steps may also roll back ([Rollbacker]), clean up
// ([Cleaner]) and describe what they would do in a dry run ([DryRunner]).
//
// [Run] runs a plan: it checks the context before each step, stops at the
// first failed step (unless [ContinueOnFailure]), rolls back the completed
// steps in reverse order when the run failed, cleans them up, and returns a
// [*Report]. A group made by [All] runs every step even after a failure,
// which is how the pre-flight checks report every blocker at once.
//
// # Composing plans
//
// Plans are [*Group] values, edited by step name: [Group.InsertBefore],
// [Group.InsertAfter], [Group.Drop], [Group.Replace] and [Group.Wrap]. Your
// own steps are [NewStep] values (or any type with Name and Run). Wrap steps
// with [OnlyIf], [WithRetry] (exponential backoff from
// github.com/cenkalti/backoff/v4) and [WithTimeout]. Run with [DryRun] to
// see what the plan would change without changing anything.
//
// # Outcomes and findings
//
// Each step ends [Passed], [Warning] (a warning finding), [Failed] (an error
// or a blocker finding), [Skipped] (its condition was false, the run stopped
// before it, or it changes things in a dry run) or [ActionRequired] (a
// person must act: open the support case, run the installer). A [Finding]
// carries the rule's ID, severity, subject, message, remedy and source, as
// package compat produces them.
//
// # Reports
//
// [Report.WriteText] is for people. [Report.WriteJSON] writes the JSON form,
// versioned by [ReportSchemaVersion] and described by the JSON Schema
// [ReportSchema] (report.schema.json): fields are added within a version,
// never removed or changed in meaning. [Report.WriteJUnit] writes JUnit XML
// for Jenkins and other CI: one test suite per phase, one test case per
// step; a failed check is a failing test case, a step error an error, a
// skipped step a skipped case, and an action required a passing case with
// status="action_required" and the text in system-out.
//
// Long steps (the wait for the console, the publication) send progress
// events to the callback given with [OnProgress].
//
// # Clients
//
// The ready-made steps talk to LifeTime, to the Service Center of the
// LifeTime environment and to package compat through the small interfaces
// of [Clients] ([EnvironmentLister], [DeploymentLister], [ConsoleProber],
// [ConsoleVersionReader], [ModuleLister], [PluginPublisher], [SmokeCaller],
// [Rules]), so callers can substitute any of them. [FromClients] builds
// them all from a lifetime.Client, the servicecenter.Client of the
// LifeTime environment and a compat.Catalog:
//
//	lt, _ := lifetime.NewClient("https://lifetime.example.com", lifetime.WithToken(token))
//	sc, _ := servicecenter.NewClient("lifetime.example.com", servicecenter.WithCredentials(user, password))
//	clients := upgrade.FromClients(lt, sc, nil)
//	st, _ := upgrade.NewState("11.30.1", upgrade.Facts{Model: upgrade.SelfManaged})
//	report, err := upgrade.Run(ctx, upgrade.Preflight(clients), st)
//
// # What no API says
//
// LifeTime has no API for its own version: it is inferred from the
// Platform Server of the LifeTime environment, or taken from
// [Facts.ConsoleVersion]. No API lists LifeTime plugins, integrations, the
// deployment model or the licence date: they come from [Facts].
// Republishing plugins uses Service Center's internal solution services.
package upgrade
