package compat_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/go-outsystems/outsystems/compat"
	"github.com/google/go-cmp/cmp"
)

// brief is a Finding reduced to what the rule tests compare.
type brief struct {
	Subject  string
	Severity compat.Severity
}

func briefs(fs []compat.Finding, id string) []brief {
	var out []brief
	for _, f := range fs {
		if f.ID == id {
			out = append(out, brief{f.Subject, f.Severity})
		}
	}
	return out
}

// checkComplete fails for findings without the fields every report needs.
func checkComplete(t *testing.T, fs []compat.Finding) {
	t.Helper()
	for _, f := range fs {
		if f.ID == "" || f.Subject == "" || f.Message == "" || !strings.HasPrefix(f.Source, "https://") {
			t.Errorf("incomplete finding: %+v", f)
		}
		if f.Severity > compat.Info && f.Remedy == "" {
			t.Errorf("%s finding without remedy: %+v", f.Severity, f)
		}
	}
}

// severities lists the severity of each finding, in order.
func severities(fs []compat.Finding) []compat.Severity {
	var out []compat.Severity
	for _, f := range fs {
		out = append(out, f.Severity)
	}
	return out
}

// checkRule fails unless a rule ran without error, every finding is
// complete, and the findings with the given id are want.
func checkRule(t *testing.T, name string, fs []compat.Finding, err error, id string, want []brief) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	checkComplete(t, fs)
	if diff := cmp.Diff(want, briefs(fs, id)); diff != "" {
		t.Errorf("%s (-want +got):\n%s", name, diff)
	}
}

func TestCheckSupportedVersions(t *testing.T) {
	t.Parallel()
	in := compat.Infrastructure{Environments: []compat.Environment{
		{Name: "Development", PlatformServer: ps("11.43.0")},
		{Name: "Test", PlatformServer: ps("10.0.1115.0")},
		{Name: "Legacy", PlatformServer: ps("10.0.100.0")},
		{Name: "Preview", PlatformServer: ps("12.1.0")},
		{Name: "Unknown"},
	}}
	tests := []struct {
		on   string
		want []brief
	}{
		{"2026-09-01", []brief{
			{"environment Development (Platform Server 11.43.0)", compat.Info},
			{"environment Test (Platform Server 10.0.1115.0)", compat.Warning},
			{"environment Legacy (Platform Server 10.0.100.0)", compat.Blocker},
			{"environment Preview (Platform Server 12.1.0)", compat.Info},
			{"environment Unknown (version unknown)", compat.Warning},
		}},
		{"2020-06-01", []brief{ // before OutSystems 10 ended
			{"environment Development (Platform Server 11.43.0)", compat.Info},
			{"environment Test (Platform Server 10.0.1115.0)", compat.Info},
			{"environment Legacy (Platform Server 10.0.100.0)", compat.Info},
			{"environment Preview (Platform Server 12.1.0)", compat.Info},
			{"environment Unknown (version unknown)", compat.Warning},
		}},
	}
	for _, tt := range tests {
		fs, err := compat.Default().CheckSupportedVersions(in, date(tt.on))
		checkRule(t, "on "+tt.on, fs, err, compat.RuleSupportedVersions, tt.want)
	}
}

func TestCheckDedicatedLifeTime(t *testing.T) {
	t.Parallel()
	tests := []struct {
		model compat.DeploymentModel
		ded   compat.Dedication
		want  compat.Severity
	}{
		{compat.SelfManaged, compat.Shared, compat.Blocker},
		{compat.SelfManaged, compat.Dedicated, compat.Info},
		{compat.SelfManaged, compat.DedicationUnknown, compat.Warning},
		{compat.DeploymentUnknown, compat.Shared, compat.Warning},
		{compat.DeploymentUnknown, compat.Dedicated, compat.Info},
		{compat.Cloud, compat.Shared, compat.Info},
		{compat.Hybrid, compat.DedicationUnknown, compat.Info},
	}
	for _, tt := range tests {
		fs, err := compat.Default().CheckDedicatedLifeTime(compat.Infrastructure{Deployment: tt.model, LifeTimeEnvironment: tt.ded})
		if err != nil {
			t.Fatal(err)
		}
		checkComplete(t, fs)
		if len(fs) != 1 || fs[0].Severity != tt.want || fs[0].ID != compat.RuleDedicatedLifeTime {
			t.Errorf("%v/%v: %v, want one %v finding", tt.model, tt.ded, fs, tt.want)
		}
	}
}

func TestCheckHybridLicence(t *testing.T) {
	t.Parallel()
	tests := []struct {
		model     compat.DeploymentModel
		purchased string
		want      []compat.Severity
	}{
		{compat.Hybrid, "2019-12-31", []compat.Severity{compat.Info}},
		{compat.Hybrid, "2020-01-01", []compat.Severity{compat.Blocker}}, // the cut-off day itself
		{compat.Hybrid, "2024-05-01", []compat.Severity{compat.Blocker}},
		{compat.Hybrid, "", []compat.Severity{compat.Warning}},
		{compat.Cloud, "2024-05-01", nil},
		{compat.SelfManaged, "", nil},
	}
	for _, tt := range tests {
		in := compat.Infrastructure{Deployment: tt.model}
		if tt.purchased != "" {
			in.LicensePurchased = date(tt.purchased)
		}
		fs, err := compat.Default().CheckHybridLicence(in)
		if err != nil {
			t.Fatal(err)
		}
		checkComplete(t, fs)
		if diff := cmp.Diff(tt.want, severities(fs)); diff != "" {
			t.Errorf("%v bought %q (-want +got):\n%s", tt.model, tt.purchased, diff)
		}
	}
}

func TestCheckOutSystems10Environments(t *testing.T) {
	t.Parallel()
	o10 := compat.Environment{Name: "Legacy", PlatformServer: ps("10.0.1115.0")}
	o11 := compat.Environment{Name: "Production", PlatformServer: ps("11.43.0")}
	tests := []struct {
		name string
		in   compat.Infrastructure
		want []brief
	}{
		{"none", compat.Infrastructure{Environments: []compat.Environment{o11}}, nil},
		{"only OutSystems 10", compat.Infrastructure{Environments: []compat.Environment{o10}}, []brief{
			{"environment Legacy (Platform Server 10.0.1115.0)", compat.Info},
			{"Internal Network", compat.Info},
		}},
		{"mixed majors with plugins", compat.Infrastructure{Plugins: true, Environments: []compat.Environment{o10, o11}}, []brief{
			{"environment Legacy (Platform Server 10.0.1115.0)", compat.Info},
			{"infrastructure", compat.Warning},
			{"LifeTime plugins", compat.Warning},
			{"Internal Network", compat.Info},
		}},
	}
	for _, tt := range tests {
		fs, err := compat.Default().CheckOutSystems10Environments(tt.in)
		checkRule(t, tt.name, fs, err, compat.RuleOutSystems10, tt.want)
	}
}

func TestCheckDefects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   compat.Infrastructure
		want []brief
	}{
		{"clean", compat.Infrastructure{LifeTime: lt("11.30.1"), LifeTimePlatformServer: ps("11.42.1"), Environments: []compat.Environment{{Name: "Dev", PlatformServer: ps("11.43.0")}}}, nil},
		{"defective console", compat.Infrastructure{LifeTime: lt("11.26.0")}, []brief{{"LifeTime (current)", compat.Warning}}},
		{"condition holds", compat.Infrastructure{LifeTime: lt("11.20.0"), Environments: []compat.Environment{{Name: "Dev", PlatformServer: ps("11.25.0")}}},
			[]brief{{"LifeTime (current)", compat.Warning}}},
		{"condition does not hold", compat.Infrastructure{LifeTime: lt("11.20.0"), Environments: []compat.Environment{{Name: "Dev", PlatformServer: ps("11.24.0")}}}, nil},
		{"self-managed only, on cloud", compat.Infrastructure{Deployment: compat.Cloud, LifeTime: lt("11.24.2")}, nil},
		{"self-managed only, self-managed", compat.Infrastructure{Deployment: compat.SelfManaged, LifeTime: lt("11.24.2")}, []brief{{"LifeTime (current)", compat.Warning}}},
		{"retracted environment", compat.Infrastructure{Environments: []compat.Environment{{Name: "Dev", PlatformServer: ps("11.18.0")}}},
			[]brief{{"environment Dev (Platform Server 11.18.0)", compat.Warning}}},
		{"retracted LifeTime environment", compat.Infrastructure{LifeTimePlatformServer: ps("11.18.0")}, []brief{{"LifeTime environment", compat.Warning}}},
	}
	for _, tt := range tests {
		fs, err := compat.Default().CheckDefects(tt.in)
		checkRule(t, tt.name, fs, err, compat.RuleDefectiveVersions, tt.want)
	}
}

func TestCheckTarget(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		in     compat.Infrastructure
		target compat.Version
		want   []compat.Severity
	}{
		{"newer", compat.Infrastructure{LifeTime: lt("11.20.1")}, lt("11.30.1"), []compat.Severity{compat.Info}},
		{"same", compat.Infrastructure{LifeTime: lt("11.30.1")}, lt("11.30.1"), []compat.Severity{compat.Info}},
		{"downgrade", compat.Infrastructure{LifeTime: lt("11.30.1")}, lt("11.29.0"), []compat.Severity{compat.Blocker}},
		{"retracted target", compat.Infrastructure{LifeTime: lt("11.15.1")}, lt("11.16.0"), []compat.Severity{compat.Info, compat.Blocker}},
		{"defective target", compat.Infrastructure{LifeTime: lt("11.25.4")}, lt("11.26.0"), []compat.Severity{compat.Info, compat.Warning}},
		{"not in the catalogue", compat.Infrastructure{LifeTime: lt("11.4.0")}, lt("11.4.1"), []compat.Severity{compat.Info, compat.Warning}},
		{"newer than the catalogue", compat.Infrastructure{LifeTime: lt("11.30.1")}, lt("11.31.0"), []compat.Severity{compat.Info, compat.Info}},
		{"unknown console", compat.Infrastructure{}, lt("11.30.1"), []compat.Severity{compat.Warning}},
		{"inferred console may be at target", compat.Infrastructure{LifeTimePlatformServer: ps("11.42.1")}, lt("11.30.1"), []compat.Severity{compat.Warning}},
		{"inferred console past target", compat.Infrastructure{LifeTimePlatformServer: ps("11.42.1")}, lt("11.29.0"), []compat.Severity{compat.Blocker}},
		{"inferred console below target", compat.Infrastructure{LifeTimePlatformServer: ps("11.26.0")}, lt("11.30.1"), []compat.Severity{compat.Info}},
	}
	for _, tt := range tests {
		fs, err := compat.Default().CheckTarget(tt.in, tt.target)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		checkComplete(t, fs)
		if diff := cmp.Diff(tt.want, severities(fs)); diff != "" {
			t.Errorf("%s (-want +got):\n%s\n%v", tt.name, diff, fs)
		}
	}
	if _, err := compat.Default().CheckTarget(compat.Infrastructure{}, compat.Version{}); err == nil {
		t.Error("no target: no error")
	}
	var pe *compat.ProductError
	if _, err := compat.Default().CheckTarget(compat.Infrastructure{}, ps("11.30.1")); !errors.As(err, &pe) {
		t.Errorf("Platform Server target: err = %v, want *ProductError", err)
	}
}

func TestCheckCanManage(t *testing.T) {
	t.Parallel()
	in := compat.Infrastructure{LifeTime: lt("11.20.1"), Environments: []compat.Environment{
		{Name: "A", PlatformServer: ps("9.0.0")},
		{Name: "B", PlatformServer: ps("10.0.104.0")},
		{Name: "C", PlatformServer: ps("11.43.0")},
		{Name: "D"},
	}}
	fs, err := compat.Default().CheckCanManage(in, lt("11.30.1"))
	checkRule(t, "LifeTime 11.30.1", fs, err, compat.RuleCanManage, []brief{
		{"environment A (Platform Server 9.0.0)", compat.Blocker},
		{"environment B (Platform Server 10.0.104.0)", compat.Warning},
		{"environment C (Platform Server 11.43.0)", compat.Info},
		{"environment C (Platform Server 11.43.0)", compat.Warning}, // newer than the target's bundled Platform Server
	})
	fs, _ = compat.Default().CheckCanManage(compat.Infrastructure{Environments: in.Environments}, compat.Version{})
	if len(fs) != 1 || fs[0].Severity != compat.Warning {
		t.Errorf("unknown LifeTime: %v, want one warning", fs)
	}
}

func TestCheckBreakingChanges(t *testing.T) {
	t.Parallel()
	c := compat.Default()
	with := compat.Infrastructure{LifeTime: lt("11.0.108.0"), Plugins: true, Integrations: []compat.IntegrationKind{compat.IntegrationREST}}
	fs, err := c.CheckBreakingChanges(with, lt("11.30.1"))
	if err != nil {
		t.Fatal(err)
	}
	checkComplete(t, fs)
	var warned []string
	for _, f := range fs {
		if f.Severity == compat.Warning {
			warned = append(warned, f.Ref)
		}
	}
	for _, id := range []string{"LT-BC-2024-2", "LT-API-2025-2", "LT-PLUG-2023-2", "O11-bc-11190-1"} {
		if !slices.Contains(warned, id) {
			t.Errorf("%s not reported as a warning; warnings: %v", id, warned)
		}
	}
	without := compat.Infrastructure{LifeTime: lt("11.0.108.0")}
	fs, err = c.CheckBreakingChanges(without, lt("11.30.1"))
	if err != nil {
		t.Fatal(err)
	}
	if compat.MaxSeverity(fs) != compat.Info {
		t.Errorf("without plugins or integrations: max severity %v", compat.MaxSeverity(fs))
	}
	// The running LifeTime inferred from the LifeTime environment.
	inferred := compat.Infrastructure{LifeTimePlatformServer: ps("11.26.0"), Integrations: []compat.IntegrationKind{compat.IntegrationREST}}
	fs, err = c.CheckBreakingChanges(inferred, lt("11.30.1"))
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) == 0 || fs[0].Subject != "LifeTime (current)" || !strings.Contains(fs[0].Message, "11.21.1") {
		t.Fatalf("first finding should explain the inference: %v", fs)
	}
	if !slices.ContainsFunc(fs, func(f compat.Finding) bool { return f.Ref == "LT-BC-2024-2" }) {
		t.Error("LT-BC-2024-2 (11.22.0) missing when the console may be 11.21.1")
	}
	fs, err = c.CheckBreakingChanges(compat.Infrastructure{}, lt("11.30.1"))
	if err != nil || len(fs) != 1 || fs[0].Severity != compat.Warning {
		t.Errorf("nothing known about the console: %v, %v; want one warning", fs, err)
	}
	if _, err := c.CheckBreakingChanges(with, compat.Version{}); err == nil {
		t.Error("no target: no error")
	}
}

func TestPreflight(t *testing.T) {
	t.Parallel()
	in := compat.Infrastructure{
		LifeTime:               lt("11.20.0"),
		LifeTimePlatformServer: ps("11.24.0"),
		Deployment:             compat.SelfManaged,
		LifeTimeEnvironment:    compat.Shared,
		Environments: []compat.Environment{
			{Name: "Development", PlatformServer: ps("11.25.0")},
			{Name: "Legacy", PlatformServer: ps("10.0.1115.0")},
		},
		Plugins:      true,
		Integrations: []compat.IntegrationKind{compat.IntegrationREST, compat.IntegrationSOAP},
	}
	fs, err := compat.Default().Preflight(in, lt("11.30.1"), date("2026-09-01"))
	if err != nil {
		t.Fatal(err)
	}
	checkComplete(t, fs)
	seen := map[string]bool{}
	for _, f := range fs {
		seen[f.ID] = true
	}
	for _, id := range []string{compat.RuleSupportedVersions, compat.RuleTarget, compat.RuleCanManage, compat.RuleDedicatedLifeTime,
		compat.RuleOutSystems10, compat.RuleDefectiveVersions, compat.RuleBreakingChanges} {
		if !seen[id] {
			t.Errorf("no %s finding", id)
		}
	}
	if compat.MaxSeverity(fs) != compat.Blocker {
		t.Errorf("a shared self-managed LifeTime must block; max severity %v", compat.MaxSeverity(fs))
	}
	bad := in
	bad.Environments = []compat.Environment{{Name: "X", PlatformServer: lt("11.30.1")}}
	var pe *compat.ProductError
	if _, err := compat.Default().Preflight(bad, lt("11.30.1"), date("2026-09-01")); !errors.As(err, &pe) {
		t.Errorf("LifeTime version as an environment's Platform Server: err = %v, want *ProductError", err)
	}
}

func TestSeverityText(t *testing.T) {
	t.Parallel()
	for _, s := range []compat.Severity{compat.Info, compat.Warning, compat.Blocker} {
		b, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back compat.Severity
		if err := back.UnmarshalText(b); err != nil || back != s {
			t.Errorf("round trip of %v: %v, %v", s, back, err)
		}
	}
	var s compat.Severity
	if err := s.UnmarshalText([]byte("fatal")); err == nil {
		t.Error("unknown severity accepted")
	}
}
