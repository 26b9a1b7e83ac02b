package upgrade

import (
	"context"
	"fmt"
	"time"
)

// ruleCheck is a step that applies one rule of [Rules] to the inventory.
func ruleCheck(name string, c Clients, rule func(Rules, RuleInput) ([]Finding, error), passed string) Step {
	return NewStep(name, func(_ context.Context, st *State) error {
		if c.Rules == nil {
			return missingClient("Rules")
		}
		inv, err := needInventory(st)
		if err != nil {
			return err
		}
		findings, err := rule(c.Rules, RuleInput{Target: st.Target, Facts: st.Facts, Inventory: *inv, Plugins: st.Plugins, Now: st.clock()})
		if err != nil {
			return err
		}
		st.AddFinding(findings...)
		if len(findings) == 0 {
			st.Summarize("%s", passed)
		} else {
			st.Summarize("%s", countFindings(findings))
		}
		return nil
	})
}

// countFindings says how many findings of each severity there are.
func countFindings(fs []Finding) string {
	var b, w, i int
	for _, f := range fs {
		switch f.Severity {
		case SeverityBlocker:
			b++
		case SeverityWarning:
			w++
		default:
			i++
		}
	}
	return fmt.Sprintf("%d blocker(s), %d warning(s), %d note(s)", b, w, i)
}

// CheckTargetVersion returns the step that checks the target LifeTime
// version: known, newer than the running console, not retracted.
// Read-only; needs the inventory.
func CheckTargetVersion(c Clients) Step {
	return ruleCheck(StepCheckTargetVersion, c, Rules.TargetVersion, "target version is a valid upgrade")
}

// CheckSupportedVersions returns the step that checks that every
// application environment runs a supported OutSystems version that LifeTime
// can manage (else: upgrade the platform first). An OutSystems 10
// environment is flagged but does not block: LifeTime 11 manages OutSystems
// 10 environments. Read-only; needs the inventory.
func CheckSupportedVersions(c Clients) Step {
	return ruleCheck(StepCheckSupportedVersions, c, Rules.SupportedVersions, "every environment runs a supported version")
}

// CheckDedicatedLifeTime returns the step that checks that a self-managed
// LifeTime runs in a dedicated environment (else: reinstall LifeTime in a
// dedicated environment, with what that costs). Read-only; needs the
// inventory. The ready-made plans run it only for self-managed
// infrastructures.
func CheckDedicatedLifeTime(c Clients) Step {
	return ruleCheck(StepCheckDedicatedLifeTime, c, Rules.DedicatedLifeTime, "LifeTime runs in a dedicated environment")
}

// CheckHybridLicence returns the step that checks that a hybrid
// infrastructure has a licence bought before January 2020. Read-only; the
// ready-made plans run it only for hybrid infrastructures.
func CheckHybridLicence(c Clients) Step {
	return ruleCheck(StepCheckHybridLicence, c, Rules.HybridLicence, "licence allows a hybrid infrastructure")
}

// AssessBreakingChanges returns the step that lists the LifeTime breaking
// changes between the running and the target version and their impact on
// the plugins and the declared integrations (REST, SOAP). Read-only; needs
// the inventory, and the plugins when detect-plugins ran.
func AssessBreakingChanges(c Clients) Step {
	return ruleCheck(StepAssessBreakingChanges, c, Rules.BreakingChanges, "no breaking change affects the plugins or integrations")
}

// busySeverity says how a plan in status blocks the upgrade: running,
// waiting for a person or aborting, the downtime would interrupt it
// (blocker); saved, it waits in the queue (warning).
func busySeverity(status string) (Severity, bool) {
	switch status {
	case "running", "needs_user_intervention", "aborting":
		return SeverityBlocker, true
	case "saved":
		return SeverityWarning, true
	}
	return "", false
}

// QueueLookback is how far back [CheckDeploymentQueue] looks for plans.
const QueueLookback = 30 * 24 * time.Hour

// CheckDeploymentQueue returns the step that looks at the console's
// deployment plans: a plan that is running, waiting for a person or
// aborting would be interrupted by the downtime (blocker); a saved plan
// waits in the queue (warning). It fills [State.Queue]. Read-only.
//
// The busy statuses are those OutSystems' own pipeline treats as "LifeTime
// is busy" (outsystems-pipeline DEPLOYMENT_STATUS_LIST; see
// https://github.com/OutSystems/outsystems-pipeline).
func CheckDeploymentQueue(c Clients) Step {
	return NewStep(StepCheckDeploymentQueue, func(ctx context.Context, st *State) error {
		if c.Deployments == nil {
			return missingClient("Deployments")
		}
		deps, err := c.Deployments.ListDeployments(ctx, st.clock().Add(-QueueLookback))
		if err != nil {
			return fmt.Errorf("list deployments: %w", err)
		}
		st.Queue = nil
		for _, d := range deps {
			sev, busy := busySeverity(d.Status)
			if !busy {
				continue
			}
			st.Queue = append(st.Queue, d)
			f := Finding{
				ID: "upgrade/queue-" + d.Status, Severity: sev, Subject: "deployment " + d.Key,
				Message: fmt.Sprintf("deployment plan %s → %s is %s", orUnknown(d.Source), orUnknown(d.Target), d.Status),
				Remedy:  "let it finish or abort it before the upgrade window: LifeTime is unavailable during the upgrade",
			}
			if sev == SeverityWarning {
				f.Remedy = "run or delete the saved plan before the upgrade window"
			}
			st.AddFinding(f)
		}
		if len(st.Queue) == 0 {
			st.Summarize("no deployment plan is saved, running or waiting")
		} else {
			st.Summarize("%d deployment plan(s) in the queue", len(st.Queue))
		}
		return nil
	})
}

// orUnknown returns s, or "?" when empty.
func orUnknown(s string) string {
	if s == "" {
		return "?"
	}
	return s
}
