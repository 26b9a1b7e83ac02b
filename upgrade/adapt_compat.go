package upgrade

import (
	"context"
	"fmt"

	"github.com/go-outsystems/outsystems/compat"
	"github.com/go-outsystems/outsystems/servicecenter"
)

// compatRules implements [Rules] with a compat catalogue.
type compatRules struct{ cat *compat.Catalog }

// CompatRules returns the [Rules] of package compat over cat (nil:
// compat.Default()). Each check calls the compat rules listed on it; the
// findings keep compat's rule ids, severities, remedies and sources.
func CompatRules(cat *compat.Catalog) Rules {
	if cat == nil {
		cat = compat.Default()
	}
	return &compatRules{cat: cat}
}

// infrastructure describes the rule input to compat. The running LifeTime
// is given only when known exactly; otherwise compat infers it from the
// LifeTime environment's Platform Server.
func (r *compatRules) infrastructure(in RuleInput) (compat.Infrastructure, error) {
	inv := in.Inventory
	out := compat.Infrastructure{LicensePurchased: in.Facts.LicencePurchased, Plugins: len(in.Plugins) > 0}
	switch in.Facts.Model {
	case Cloud:
		out.Deployment = compat.Cloud
	case SelfManaged:
		out.Deployment = compat.SelfManaged
	case Hybrid:
		out.Deployment = compat.Hybrid
	}
	switch inv.Dedication {
	case Dedicated:
		out.LifeTimeEnvironment = compat.Dedicated
	case Shared:
		out.LifeTimeEnvironment = compat.Shared
	default:
		out.LifeTimeEnvironment = compat.DedicationUnknown
	}
	var err error
	if lt := inv.Console.LifeTime; lt != "" && !inv.Console.Inferred {
		if out.LifeTime, err = r.cat.ParseProduct(compat.LifeTime, lt); err != nil {
			return out, fmt.Errorf("running LifeTime version: %w", err)
		}
	}
	if ps := inv.Console.PlatformServer; ps != "" {
		if out.LifeTimePlatformServer, err = r.cat.ParseProduct(compat.PlatformServer, ps); err != nil {
			return out, fmt.Errorf("LifeTime environment's Platform Server: %w", err)
		}
	}
	for _, e := range inv.Environments {
		ce := compat.Environment{Name: e.Name}
		// An unreadable version stays zero: compat reports it as unknown.
		ce.PlatformServer, _ = r.cat.ParseProduct(compat.PlatformServer, e.PlatformServer)
		out.Environments = append(out.Environments, ce)
	}
	seen := map[IntegrationKind]bool{}
	for _, i := range in.Facts.Integrations {
		if !seen[i.Kind] {
			seen[i.Kind] = true
			out.Integrations = append(out.Integrations, compat.IntegrationKind(i.Kind))
		}
	}
	return out, nil
}

// consoleLow is the lowest LifeTime version the console may run.
func consoleLow(c ConsoleVersion) string {
	if c.LifeTime != "" {
		return c.LifeTime
	}
	return c.LifeTimeMin
}

// target parses the target LifeTime version.
func (r *compatRules) target(s string) (compat.Version, error) {
	v, err := r.cat.ParseProduct(compat.LifeTime, s)
	if err != nil {
		return v, fmt.Errorf("target LifeTime version: %w", err)
	}
	return v, nil
}

// run converts the rule input, runs checks and converts their findings.
func (r *compatRules) run(in RuleInput, checks ...func(compat.Infrastructure, compat.Version) ([]compat.Finding, error)) ([]Finding, error) {
	infra, err := r.infrastructure(in)
	if err != nil {
		return nil, err
	}
	tgt, err := r.target(in.Target)
	if err != nil {
		return nil, err
	}
	var out []Finding
	for _, check := range checks {
		fs, err := check(infra, tgt)
		if err != nil {
			return nil, err
		}
		for _, f := range fs {
			out = append(out, fromCompat(f))
		}
	}
	return out, nil
}

// fromCompat converts a compat finding.
func fromCompat(f compat.Finding) Finding {
	sev := SeverityInfo
	switch f.Severity {
	case compat.Warning:
		sev = SeverityWarning
	case compat.Blocker:
		sev = SeverityBlocker
	}
	return Finding{ID: f.ID, Severity: sev, Subject: f.Subject, Message: f.Message, Remedy: f.Remedy, Source: f.Source, Ref: f.Ref}
}

// TargetVersion runs compat CheckTarget (newer than the running console,
// known, not retracted) and CheckDefects (the running versions).
func (r *compatRules) TargetVersion(in RuleInput) ([]Finding, error) {
	return r.run(in, r.cat.CheckTarget, func(i compat.Infrastructure, _ compat.Version) ([]compat.Finding, error) {
		return r.cat.CheckDefects(i)
	})
}

// SupportedVersions runs compat CheckSupportedVersions, CheckCanManage (by
// the target LifeTime) and CheckOutSystems10Environments.
func (r *compatRules) SupportedVersions(in RuleInput) ([]Finding, error) {
	return r.run(in,
		func(i compat.Infrastructure, _ compat.Version) ([]compat.Finding, error) {
			return r.cat.CheckSupportedVersions(i, in.Now)
		},
		r.cat.CheckCanManage,
		func(i compat.Infrastructure, _ compat.Version) ([]compat.Finding, error) {
			return r.cat.CheckOutSystems10Environments(i)
		})
}

// DedicatedLifeTime runs compat CheckDedicatedLifeTime.
func (r *compatRules) DedicatedLifeTime(in RuleInput) ([]Finding, error) {
	return r.run(in, func(i compat.Infrastructure, _ compat.Version) ([]compat.Finding, error) {
		return r.cat.CheckDedicatedLifeTime(i)
	})
}

// HybridLicence runs compat CheckHybridLicence.
func (r *compatRules) HybridLicence(in RuleInput) ([]Finding, error) {
	return r.run(in, func(i compat.Infrastructure, _ compat.Version) ([]compat.Finding, error) {
		return r.cat.CheckHybridLicence(i)
	})
}

// BreakingChanges runs compat CheckBreakingChanges from the running
// LifeTime (or the oldest one the evidence allows) to the target.
func (r *compatRules) BreakingChanges(in RuleInput) ([]Finding, error) {
	return r.run(in, r.cat.CheckBreakingChanges)
}

// AtTarget compares the console with target: certain when its exact
// version, or the oldest version the evidence allows, is at or past
// target; possible when target lies between the oldest and newest versions
// the evidence allows.
func (r *compatRules) AtTarget(c ConsoleVersion, target string) (certain, possible bool, err error) {
	tgt, err := r.target(target)
	if err != nil {
		return false, false, err
	}
	low := consoleLow(c)
	if low == "" {
		return false, false, nil
	}
	lo, err := r.cat.ParseProduct(compat.LifeTime, low)
	if err != nil {
		return false, false, err
	}
	if lo.Compare(tgt) >= 0 {
		return true, true, nil
	}
	if c.LifeTime != "" && !c.Inferred {
		return false, false, nil
	}
	if c.LifeTimeMax == "" {
		return false, true, nil
	}
	hi, err := r.cat.ParseProduct(compat.LifeTime, c.LifeTimeMax)
	if err != nil {
		return false, false, err
	}
	return false, hi.Compare(tgt) >= 0, nil
}

// compatConsoleVersion implements [ConsoleVersionReader] with the Service
// Center of the LifeTime environment and compat's inference.
type compatConsoleVersion struct {
	sc  *servicecenter.Client
	cat *compat.Catalog
}

// ConsoleVersionFromPlatform returns a [ConsoleVersionReader] that reads
// the Platform Server of the LifeTime environment (GetPlatformInfo of sc,
// the Service Center client of the LifeTime environment) and infers the
// LifeTime version from it with compat's InferLifeTime (cat nil:
// compat.Default()). No API returns the LifeTime version, so the result is
// marked Inferred; LifeTimeMin and LifeTimeMax are the oldest and newest
// known releases consistent with the evidence (LifeTimeMax empty when newer
// unknown releases may fit), and LifeTime is set when exactly one fits.
func ConsoleVersionFromPlatform(sc *servicecenter.Client, cat *compat.Catalog) ConsoleVersionReader {
	if cat == nil {
		cat = compat.Default()
	}
	return &compatConsoleVersion{sc: sc, cat: cat}
}

// ConsoleVersion reads and infers the console's version.
func (c *compatConsoleVersion) ConsoleVersion(ctx context.Context) (ConsoleVersion, error) {
	info, err := c.sc.PlatformInfo(ctx)
	if err != nil {
		return ConsoleVersion{}, err
	}
	out := ConsoleVersion{PlatformServer: info.Version, Inferred: true}
	ps, err := c.cat.ParseProduct(compat.PlatformServer, info.Version)
	if err != nil {
		return out, fmt.Errorf("LifeTime environment's Platform Server: %w", err)
	}
	inf, err := c.cat.InferLifeTime(ps, nil)
	if err != nil {
		return out, err
	}
	if n := len(inf.Candidates); n > 0 {
		out.LifeTimeMin = inf.Candidates[0].String()
		if !inf.Range.Max.IsZero() {
			out.LifeTimeMax = inf.Candidates[n-1].String()
		}
		if inf.Unique {
			out.LifeTime = inf.Candidates[0].String()
		}
	} else if !inf.Range.Min.IsZero() {
		out.LifeTimeMin = inf.Range.Min.String()
	}
	return out, nil
}
