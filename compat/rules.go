package compat

import (
	"errors"
	"fmt"
	"time"
)

// Sources of the upgrade rules.
const (
	srcUpgradeLifeTime = "https://github.com/OutSystems/docs-product/blob/main/src/setup-maintain/upgrade/upgrade-lifetime.md"
	srcReinstall       = "https://github.com/OutSystems/docs-support/blob/9d3649cd/src/enterprise/maintenance/reinstall-lifetime.md"
	srcEndOfSupport10  = "https://github.com/OutSystems/docs-support/blob/9d3649cd/src/release-notes/10/end-support-10.md"
	srcO10Breaking     = "https://github.com/OutSystems/docs-support/blob/9d3649cd/src/release-notes/10/side-effects-breaking-changes-10.md#bc-21"
)

// hybridLicenceCutoff: hybrid is supported only for licences bought before it.
var hybridLicenceCutoff = time.Date(2020, time.January, 1, 0, 0, 0, 0, time.UTC)

// Preflight runs every rule for an upgrade of LifeTime to target on the
// given day and returns their findings in rule order. It stops at the first
// error (invalid input).
func (c *Catalog) Preflight(in Infrastructure, target Version, on time.Time) ([]Finding, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var all []Finding
	add := func(f []Finding, err error) error {
		all = append(all, f...)
		return err
	}
	if err := errors.Join(
		add(c.CheckSupportedVersions(in, on)),
		add(c.CheckCanManage(in, target)),
		add(c.CheckDedicatedLifeTime(in)),
		add(c.CheckHybridLicence(in)),
		add(c.CheckOutSystems10Environments(in)),
		add(c.CheckTarget(in, target)),
		add(c.CheckDefects(in)),
		add(c.CheckBreakingChanges(in, target)),
	); err != nil {
		return nil, err
	}
	return all, nil
}

// CheckSupportedVersions checks that every application environment runs a
// supported OutSystems version on the given day (upgrade guide: "If they
// run an unsupported OutSystems version, upgrade them first").
//
// OutSystems 11 is supported (Info). OutSystems 10 from 10.0.105.0 is past
// its end of support but still managed by LifeTime 11 (Warning: upgrade it
// first; OutSystems gives no source that makes this a hard stop). Anything
// older cannot be managed (Blocker). A major newer than the catalogue is
// Info; an unknown version is a Warning.
func (c *Catalog) CheckSupportedVersions(in Infrastructure, on time.Time) ([]Finding, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	in = in.normalized()
	var out []Finding
	for _, e := range in.Environments {
		f := Finding{ID: RuleSupportedVersions, Subject: e.subject(), Source: srcUpgradeLifeTime}
		if e.PlatformServer.IsZero() {
			f.Severity, f.Message, f.Remedy = Warning, "the Platform Server version is unknown, so support cannot be checked", "Read the environment's OSVersion from LifeTime or Service Center and run the check again."
			out = append(out, f)
			continue
		}
		st, err := c.Supported(e.PlatformServer, on)
		if err != nil {
			return nil, err
		}
		if st.Lifecycle.Source != "" {
			f.Source = st.Lifecycle.Source
		}
		switch {
		case st.State == SupportUnknown:
			f.Severity, f.Message = Info, fmt.Sprintf("%s is newer than the catalogue (snapshot %s); its support cannot be checked", e.PlatformServer.Label(), c.snapshot.Format(time.DateOnly))
		case st.State == Supported:
			f.Severity, f.Message = Info, fmt.Sprintf("%s is a supported version (%s)", e.PlatformServer.Label(), st.Lifecycle.Major)
		case e.PlatformServer.compareNumbers(minManagedFull) >= 0:
			f.Severity = Warning
			f.Message = fmt.Sprintf("%s is past the end of support of %s (%s); LifeTime 11 still manages it", e.PlatformServer.Label(), st.Lifecycle.Major, st.Lifecycle.End.Format(time.DateOnly))
			f.Remedy = "Upgrade the environment to OutSystems 11 before upgrading LifeTime; the LifeTime upgrade guide asks for application environments on a supported version."
		default:
			f.Severity, f.Source = Blocker, srcLifeTimeVersions
			f.Message = fmt.Sprintf("%s is past its end of support and older than Platform Server 10.0.105.0, the oldest LifeTime 11 manages", e.PlatformServer.Label())
			f.Remedy = "Upgrade the environment's Platform Server first."
		}
		out = append(out, f)
	}
	return out, nil
}

// CheckCanManage checks that LifeTime version target (the version after the
// upgrade; the current one when target is zero) can manage every
// environment (see [Catalog.CanManage]).
func (c *Catalog) CheckCanManage(in Infrastructure, target Version) ([]Finding, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	in = in.normalized()
	lt, err := target.As(LifeTime)
	if err != nil {
		return nil, &ProductError{Want: LifeTime, Got: target, Op: "CheckCanManage"}
	}
	if lt.IsZero() {
		lt = in.LifeTime
	}
	if lt.IsZero() {
		return []Finding{{ID: RuleCanManage, Severity: Warning, Subject: "LifeTime (version unknown)", Message: "the LifeTime version is unknown, so management of the environments cannot be checked", Remedy: "Give the LifeTime version, or infer it with InferLifeTime.", Source: srcLifeTimeVersions}}, nil
	}
	var out []Finding
	for _, e := range in.Environments {
		if e.PlatformServer.IsZero() {
			continue // reported by CheckSupportedVersions
		}
		m, err := c.CanManage(lt, e.PlatformServer)
		if err != nil {
			return nil, err
		}
		f := Finding{ID: RuleCanManage, Subject: e.subject(), Message: lt.Label() + ": " + m.Reason, Source: m.Source}
		switch m.Level {
		case ManageNo:
			f.Severity, f.Remedy = Blocker, "Upgrade the environment's Platform Server before upgrading LifeTime."
		case ManageLimited:
			f.Severity, f.Remedy = Warning, "Finish upgrading the environment; limited management is for the upgrade period only."
		default:
			f.Severity = Info
		}
		out = append(out, f)
		for _, w := range m.Warnings {
			out = append(out, Finding{ID: RuleCanManage, Severity: Warning, Subject: e.subject(), Message: w, Remedy: "Upgrade LifeTime before the environments.", Source: srcDec2018})
		}
	}
	return out, nil
}

// CheckDedicatedLifeTime checks that a self-managed LifeTime runs in a
// dedicated environment ("LifeTime is now only supported when installed in
// a dedicated environment", since Sep.2018). OutSystems Cloud and hybrid
// LifeTime consoles run in OutSystems Cloud and pass (Info).
func (c *Catalog) CheckDedicatedLifeTime(in Infrastructure) ([]Finding, error) {
	f := Finding{ID: RuleDedicatedLifeTime, Subject: "LifeTime environment", Source: srcUpgradeLifeTime}
	switch {
	case in.Deployment == Cloud || in.Deployment == Hybrid:
		f.Severity, f.Message = Info, fmt.Sprintf("LifeTime runs in OutSystems Cloud (%s); OutSystems keeps it dedicated", in.Deployment)
	case in.LifeTimeEnvironment == Dedicated:
		f.Severity, f.Message = Info, "LifeTime runs in a dedicated environment"
	case in.LifeTimeEnvironment == Shared && in.Deployment == SelfManaged:
		f.Severity, f.Source = Blocker, srcReinstall
		f.Message = "a self-managed LifeTime shares its environment with applications; LifeTime is supported only in a dedicated environment"
		f.Remedy = "Reinstall LifeTime in a dedicated environment first (LifeTime Analytics, tagging history and the change log are lost; no LifeTime plugins may be installed)."
	case in.LifeTimeEnvironment == Shared:
		f.Severity, f.Message = Warning, "LifeTime shares its environment with applications and the deployment model is unknown; a self-managed LifeTime must be in a dedicated environment"
		f.Remedy = "Confirm the deployment model; if self-managed, reinstall LifeTime in a dedicated environment first."
	default:
		f.Severity, f.Message = Warning, "it is unknown whether LifeTime runs in a dedicated environment; a self-managed LifeTime must"
		f.Remedy = "Confirm that no applications other than LifeTime and its plugins run in the LifeTime environment."
	}
	return []Finding{f}, nil
}

// CheckHybridLicence checks that a hybrid infrastructure has a licence
// bought before January 2020 ("Hybrid configuration is only supported in
// OutSystems licenses purchased before January 2020"). Other deployment
// models get no finding.
func (c *Catalog) CheckHybridLicence(in Infrastructure) ([]Finding, error) {
	if in.Deployment != Hybrid {
		return nil, nil
	}
	f := Finding{ID: RuleHybridLicence, Subject: "licence", Source: srcUpgradeLifeTime}
	switch {
	case in.LicensePurchased.IsZero():
		f.Severity, f.Message = Warning, "the infrastructure is hybrid and the licence purchase date is unknown; hybrid is supported only for licences bought before 2020-01-01"
		f.Remedy = "Confirm the licence purchase date with OutSystems."
	case !in.LicensePurchased.Before(hybridLicenceCutoff):
		f.Severity = Blocker
		f.Message = fmt.Sprintf("the licence was bought on %s; hybrid infrastructures are supported only for licences bought before 2020-01-01", in.LicensePurchased.Format(time.DateOnly))
		f.Remedy = "Move to OutSystems Cloud or a self-managed infrastructure, or confirm a support exception with OutSystems, before upgrading."
	default:
		f.Severity, f.Message = Info, fmt.Sprintf("hybrid infrastructure with a licence bought on %s, before 2020-01-01", in.LicensePurchased.Format(time.DateOnly))
	}
	return []Finding{f}, nil
}

// CheckOutSystems10Environments reports what a LifeTime 11 managing
// OutSystems 10 environments implies: it is supported and upgrading
// LifeTime does not force the environments to upgrade (Info); applications
// cannot be deployed between environments of different majors (Warning
// when the majors are mixed); LifeTime plugins on OutSystems 10 must be
// developed in the LifeTime environment or all environments upgraded
// (Warning with plugins). No finding when no environment runs OutSystems 10.
func (c *Catalog) CheckOutSystems10Environments(in Infrastructure) ([]Finding, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	in = in.normalized()
	var o10, o11 []Environment
	for _, e := range in.Environments {
		switch {
		case e.PlatformServer.IsZero():
		case e.PlatformServer.Major() == 10:
			o10 = append(o10, e)
		case e.PlatformServer.Major() >= 11:
			o11 = append(o11, e)
		}
	}
	if len(o10) == 0 {
		return nil, nil
	}
	var out []Finding
	for _, e := range o10 {
		out = append(out, Finding{ID: RuleOutSystems10, Severity: Info, Subject: e.subject(),
			Message: "LifeTime 11 manages OutSystems 10 environments; upgrading LifeTime does not require upgrading this environment. LifeTime and the environment must reach each other's SOAP services (Internal Network).",
			Remedy:  "", Source: srcUpgradeLifeTime})
	}
	if len(o11) > 0 {
		out = append(out, Finding{ID: RuleOutSystems10, Severity: Warning, Subject: "infrastructure",
			Message: fmt.Sprintf("%d environment(s) run OutSystems 10 and %d run OutSystems 11; applications cannot be deployed between environments of different Platform Server majors", len(o10), len(o11)),
			Remedy:  "Upgrade the OutSystems 10 environments along the staging lifecycle, or do not stage between majors meanwhile.", Source: srcLifeTimeVersions})
	}
	if in.Plugins {
		out = append(out, Finding{ID: RuleOutSystems10, Severity: Warning, Subject: "LifeTime plugins",
			Message: "LifeTime plugins with OutSystems 10 application environments cannot be developed in those environments",
			Remedy:  "Develop the plugins in the LifeTime environment directly, or upgrade all application environments to OutSystems 11.", Source: srcUpgradeLifeTime})
	}
	out = append(out, Finding{ID: RuleOutSystems10, Severity: Info, Subject: "Internal Network",
		Message: "OutSystems 10 made OutSystemsPlatform, PlatformServices and Profiler SOAP services internal-only",
		Remedy:  "Keep the LifeTime IP in each OutSystems 10 environment's Internal Network and every environment's IP in LifeTime's.", Source: srcO10Breaking, Ref: "O10-bc-21"})
	return out, nil
}

// CheckDefects reports retracted or defective versions running now: the
// LifeTime console, the LifeTime environment's Platform Server and each
// environment (Warning). Conditional defects are reported only when their
// condition holds (a Platform Server minimum on some environment;
// self-managed only, where an unknown deployment model counts as
// self-managed). The target of an upgrade is checked by
// [Catalog.CheckTarget].
func (c *Catalog) CheckDefects(in Infrastructure) ([]Finding, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	in = in.normalized()
	var out []Finding
	out = append(out, c.defectFindings(in, "LifeTime (current)", in.LifeTime, false)...)
	out = append(out, c.defectFindings(in, "LifeTime environment", in.LifeTimePlatformServer, false)...)
	for _, e := range in.Environments {
		out = append(out, c.defectFindings(in, e.subject(), e.PlatformServer, false)...)
	}
	return out, nil
}

// defectFindings returns the findings for the defects of v that apply to in.
func (c *Catalog) defectFindings(in Infrastructure, subject string, v Version, isTarget bool) []Finding {
	if v.IsZero() {
		return nil
	}
	var out []Finding
	for _, d := range c.Defects(v) {
		if !d.appliesTo(in, v.product == LifeTime) {
			continue
		}
		f := Finding{ID: RuleDefectiveVersions, Severity: Warning, Subject: subject, Source: d.Source,
			Message: fmt.Sprintf("%s is %s: %s", v.Label(), d.Kind, d.Reason), Remedy: d.Remedy}
		if isTarget && d.Kind == Retracted {
			f.Severity, f.Remedy = Blocker, "Choose another target version. "+d.Remedy
		}
		out = append(out, f)
	}
	return out
}

// appliesTo checks a defect's conditions against an infrastructure.
func (d Defect) appliesTo(in Infrastructure, lifetime bool) bool {
	if d.SelfManagedOnly && (in.Deployment == Cloud || in.Deployment == Hybrid) {
		return false
	}
	if d.PlatformServerMin.IsZero() || !lifetime {
		return true
	}
	for _, e := range in.Environments {
		if !e.PlatformServer.IsZero() && e.PlatformServer.compareNumbers(d.PlatformServerMin) >= 0 {
			return true
		}
	}
	return false
}

// CheckTarget checks the target LifeTime version of an upgrade: it must
// not be older than the running console (Blocker) and not retracted
// (Blocker); a defective target, or one the catalogue does not list
// although it is not newer than the catalogue, is a Warning; a target newer
// than the catalogue is Info. When the running version is unknown it is
// inferred from the LifeTime environment's Platform Server (see
// [Catalog.InferLifeTime]).
func (c *Catalog) CheckTarget(in Infrastructure, target Version) ([]Finding, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	in = in.normalized()
	tgt, err := target.As(LifeTime)
	if err != nil {
		return nil, &ProductError{Want: LifeTime, Got: target, Op: "CheckTarget"}
	}
	if tgt.IsZero() {
		return nil, errors.New("compat: CheckTarget needs a target version")
	}
	subject := "LifeTime (target " + tgt.String() + ")"
	src := srcUpgradeLifeTime
	var out []Finding
	current, how := c.currentLifeTime(in)
	r := current.Range
	switch {
	case r.Min.IsZero() && r.Max.IsZero():
		out = append(out, Finding{ID: RuleTarget, Severity: Warning, Subject: subject,
			Message: "the running LifeTime version is unknown, so the target cannot be compared with it",
			Remedy:  "State the version shown in the LifeTime footer, or give the LifeTime environment's Platform Server.", Source: src})
	case !in.LifeTime.IsZero() && in.LifeTime.compareNumbers(tgt) == 0:
		out = append(out, Finding{ID: RuleTarget, Severity: Info, Subject: subject, Message: "LifeTime already runs the target version", Source: src})
	case !r.Min.IsZero() && r.Min.compareNumbers(tgt) > 0:
		out = append(out, Finding{ID: RuleTarget, Severity: Blocker, Subject: subject,
			Message: fmt.Sprintf("the running LifeTime (%s%s) is newer than the target; LifeTime cannot be downgraded", r, how),
			Remedy:  "Choose a target newer than the running LifeTime.", Source: src})
	case r.Below(tgt):
		out = append(out, Finding{ID: RuleTarget, Severity: Info, Subject: subject, Message: fmt.Sprintf("the target is newer than the running LifeTime (%s%s)", r, how), Source: src})
	default:
		out = append(out, Finding{ID: RuleTarget, Severity: Warning, Subject: subject,
			Message: fmt.Sprintf("the running LifeTime (%s%s) may already be at or past the target", r, how),
			Remedy:  "State the version shown in the LifeTime footer.", Source: src})
	}
	switch {
	case c.NewerThanCatalogue(tgt):
		out = append(out, Finding{ID: RuleTarget, Severity: Info, Subject: subject,
			Message: fmt.Sprintf("the target is newer than the catalogue (snapshot %s); its breaking changes and defects are not known here", c.snapshot.Format(time.DateOnly)),
			Remedy:  "Read the target's release notes, or load a newer catalogue.", Source: "https://success.outsystems.com/Support/Release_Notes/LifeTime_Management_Console"})
	case !c.Known(tgt):
		out = append(out, Finding{ID: RuleTarget, Severity: Warning, Subject: subject,
			Message: "the target is not a LifeTime release the catalogue knows",
			Remedy:  "Check the version number against the LifeTime release notes.", Source: "https://success.outsystems.com/Support/Release_Notes/LifeTime_Management_Console"})
	}
	out = append(out, c.defectFindings(in, subject, tgt, true)...)
	return out, nil
}

// currentLifeTime returns the running LifeTime as a range: exact when the
// infrastructure states it, else inferred from the LifeTime environment's
// Platform Server, else unknown (the zero Range). how explains an inference.
func (c *Catalog) currentLifeTime(in Infrastructure) (Inference, string) {
	if !in.LifeTime.IsZero() {
		return Inference{Range: Range{Min: in.LifeTime, Max: successor(in.LifeTime)}, Candidates: []Version{in.LifeTime}, Unique: true}, ""
	}
	if in.LifeTimePlatformServer.IsZero() {
		return Inference{}, ""
	}
	inf, err := c.InferLifeTime(in.LifeTimePlatformServer, nil)
	if err != nil {
		return Inference{}, ""
	}
	return inf, ", inferred from the LifeTime environment's Platform Server " + in.LifeTimePlatformServer.String()
}

// CheckBreakingChanges lists the breaking changes between the running
// LifeTime and target that concern the infrastructure's plugins and
// integrations (see [Catalog.BreakingChanges]): Warning when action is
// required ("make the necessary changes in your plugins and integrations
// before the LifeTime upgrade"), Info otherwise. When the running version
// is unknown it is inferred from the LifeTime environment's Platform Server
// and the changes are listed from the oldest possible version (an Info
// finding says so); when nothing is known about it, a Warning says that the
// changes could not be listed.
func (c *Catalog) CheckBreakingChanges(in Infrastructure, target Version) ([]Finding, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	in = in.normalized()
	if target.IsZero() {
		return nil, errors.New("compat: CheckBreakingChanges needs a target version")
	}
	var out []Finding
	from := in.LifeTime
	if from.IsZero() {
		cur, how := c.currentLifeTime(in)
		switch {
		case len(cur.Candidates) > 0:
			from = cur.Candidates[0]
		case !cur.Range.Min.IsZero():
			from = cur.Range.Min
		default:
			return []Finding{{ID: RuleBreakingChanges, Severity: Warning, Subject: "LifeTime (current)",
				Message: "the running LifeTime version is unknown, so the breaking changes up to the target cannot be listed",
				Remedy:  "State the version shown in the LifeTime footer, or give the LifeTime environment's Platform Server, and run the check again.",
				Source:  srcUpgradeLifeTime}}, nil
		}
		out = append(out, Finding{ID: RuleBreakingChanges, Severity: Info, Subject: "LifeTime (current)",
			Message: fmt.Sprintf("the running LifeTime is LifeTime %s%s; changes are listed from its oldest possible version, %s", cur.Range, how, from),
			Remedy:  "", Source: srcInstallerCheck})
	}
	impacts, err := c.BreakingChanges(from, target, in.Filter())
	if err != nil {
		return nil, err
	}
	for _, im := range impacts {
		bc := im.Change
		f := Finding{ID: RuleBreakingChanges, Severity: Info, Subject: fmt.Sprintf("%s (%s)", bc.ID, bc.Introduced.Label()),
			Message: bc.Summary, Source: bc.Source, Ref: bc.ID}
		if im.ActionRequired {
			f.Severity, f.Remedy = Warning, bc.Remedy
		}
		out = append(out, f)
	}
	return out, nil
}
