package compat

import (
	"fmt"
	"strings"
)

// Severity ranks a finding.
type Severity int

const (
	// Info: checked and fine, or worth knowing; nothing to do.
	Info Severity = iota
	// Warning: needs a human look or an action that does not stop the upgrade.
	Warning
	// Blocker: the upgrade must not go ahead until this is resolved.
	Blocker
)

var severityNames = [...]string{Info: "info", Warning: "warning", Blocker: "blocker"}

// String returns "info", "warning" or "blocker".
func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("Severity(%d)", int(s))
	}
	return severityNames[s]
}

// MarshalText encodes the severity as its name, for JSON reports.
func (s Severity) MarshalText() ([]byte, error) {
	if s < 0 || int(s) >= len(severityNames) {
		return nil, fmt.Errorf("compat: cannot encode %v", s)
	}
	return []byte(severityNames[s]), nil
}

// UnmarshalText decodes a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	for i, n := range severityNames {
		if strings.EqualFold(n, string(b)) {
			*s = Severity(i)
			return nil
		}
	}
	return fmt.Errorf("compat: unknown severity %q", b)
}

// Rule ids, the ID of the findings each rule returns.
const (
	RuleSupportedVersions = "supported-versions"     // [Catalog.CheckSupportedVersions]
	RuleTarget            = "target-version"         // [Catalog.CheckTarget]
	RuleCanManage         = "lifetime-can-manage"    // [Catalog.CheckCanManage]
	RuleDedicatedLifeTime = "dedicated-lifetime"     // [Catalog.CheckDedicatedLifeTime]
	RuleHybridLicence     = "hybrid-licence"         // [Catalog.CheckHybridLicence]
	RuleOutSystems10      = "lifetime11-manages-o10" // [Catalog.CheckOutSystems10Environments]
	RuleDefectiveVersions = "retracted-or-defective" // [Catalog.CheckDefects]
	RuleBreakingChanges   = "breaking-changes"       // [Catalog.CheckBreakingChanges]
)

// Finding is one result of a rule.
type Finding struct {
	ID       string   `json:"id"`       // the rule id, such as RuleSupportedVersions
	Severity Severity `json:"severity"` // info, warning or blocker
	Subject  string   `json:"subject"`  // what it is about: "environment Production (Platform Server 10.0.1115.0)"
	Message  string   `json:"message"`  // what was found
	Remedy   string   `json:"remedy"`   // what to do; empty for info
	Source   string   `json:"source"`   // URL of the rule or fact
	// Ref is a catalogue id the finding is about, such as a breaking-change
	// id; empty when none.
	Ref string `json:"ref,omitempty"`
}

// String formats the finding on one line, for logs and text reports.
func (f Finding) String() string {
	s := fmt.Sprintf("[%s] %s: %s: %s", f.Severity, f.ID, f.Subject, f.Message)
	if f.Remedy != "" {
		s += " Remedy: " + f.Remedy
	}
	return s
}

// MaxSeverity returns the highest severity among findings (Info for none).
func MaxSeverity(findings []Finding) Severity {
	max := Info
	for _, f := range findings {
		if f.Severity > max {
			max = f.Severity
		}
	}
	return max
}
