package examples_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	gojunit "github.com/joshdk/go-junit"

	"github.com/go-outsystems/outsystems/lifetime/lifetimetest"
	"github.com/go-outsystems/outsystems/upgrade"
)

// The example programs, built once by TestMain into binDir (without -race:
// they run as subprocesses; the race detector covers the packages they
// use in those packages' own tests).
var examples = []string{"preflight", "upgrade", "republish-plugins", "deploy"}

// binDir holds the built examples.
var binDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "go-outsystems-examples-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	code := build(dir)
	if code == 0 {
		code = m.Run()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// build builds every example into dir.
func build(dir string) int {
	args := []string{"build", "-o", dir + string(filepath.Separator)}
	for _, e := range examples {
		args = append(args, "./"+e)
	}
	// go test puts the toolchain's bin directory first on PATH.
	cmd := exec.Command("go", args...)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building the examples: %v\n%s", err, out)
		return 1
	}
	return 0
}

// runLimit bounds the examples running at once (the machine is shared).
var runLimit = make(chan struct{}, max(2, runtime.NumCPU()))

// runTimeout bounds one run of an example.
const runTimeout = 60 * time.Second

// result is what one run of an example produced.
type result struct {
	code           int
	stdout, stderr string
	jsonPath       string
	junitPath      string
}

// runExample runs example with args plus -json and -junit files, with no
// LifeTime URL or secret in its environment, and returns what it did.
func runExample(t *testing.T, example string, args ...string) result {
	t.Helper()
	return runExampleEnv(t, nil, example, args...)
}

// runExampleEnv is runExample with extra environment variables.
func runExampleEnv(t *testing.T, env []string, example string, args ...string) result {
	t.Helper()
	runLimit <- struct{}{}
	defer func() { <-runLimit }()
	dir := t.TempDir()
	r := result{jsonPath: filepath.Join(dir, "report.json"), junitPath: filepath.Join(dir, "report.xml")}
	args = append(args, "-json", r.jsonPath, "-junit", r.junitPath)
	ctx, cancel := context.WithTimeout(t.Context(), runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(binDir, example), args...)
	cmd.Env = append(cleanEnv(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r.stdout, r.stderr = stdout.String(), stderr.String()
	r.code = exitCode(t, err)
	if ctx.Err() != nil {
		t.Fatalf("%s %v did not finish in %s\nstdout:\n%s\nstderr:\n%s", example, args, runTimeout, r.stdout, r.stderr)
	}
	return r
}

// exitCode returns the exit code of a finished command.
func exitCode(t *testing.T, err error) int {
	t.Helper()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return exit.ExitCode()
	default:
		t.Fatalf("running the example: %v", err)
		return -1
	}
}

// cleanEnv is the environment of the examples: the test's, without a
// LifeTime URL or any secret, so every run is against the simulation.
func cleanEnv() []string {
	return slices.DeleteFunc(os.Environ(), func(kv string) bool {
		for _, name := range []string{"LIFETIME_URL=", "LIFETIME_TOKEN=", "SERVICECENTER_PASSWORD="} {
			if strings.HasPrefix(kv, name) {
				return true
			}
		}
		return false
	})
}

// expected exit codes of each example on each scenario, with no flags but
// -scenario.
var matrix = map[string]map[string]int{
	"preflight": {
		"default": 0, "cloud": 0, "hybrid-old-licence": 0, "hybrid-new-licence": 1,
		"shared-lifetime": 1, "o10-environment": 0, "plugin-publish-fails": 0, "slow-console-return": 0,
	},
	"upgrade": {
		"default": 0, "cloud": 0, "hybrid-old-licence": 0, "hybrid-new-licence": 1,
		"shared-lifetime": 1, "o10-environment": 0, "plugin-publish-fails": 1, "slow-console-return": 0,
	},
	"republish-plugins": {
		"default": 0, "cloud": 0, "hybrid-old-licence": 0, "hybrid-new-licence": 0,
		"shared-lifetime": 0, "o10-environment": 0, "plugin-publish-fails": 1, "slow-console-return": 0,
	},
	"deploy": {
		"default": 0, "cloud": 0, "hybrid-old-licence": 0, "hybrid-new-licence": 0,
		"shared-lifetime": 0, "o10-environment": 0, "plugin-publish-fails": 0, "slow-console-return": 0,
	},
}

// TestMatrixCoversEveryScenario keeps the matrix in step with the
// simulator: a new scenario must get an expected exit code per example.
func TestMatrixCoversEveryScenario(t *testing.T) {
	for _, e := range examples {
		var got []string
		for s := range matrix[e] {
			got = append(got, s)
		}
		slices.Sort(got)
		if !slices.Equal(got, lifetimetest.ScenarioNames()) {
			t.Errorf("matrix[%s] covers %v, the simulator has %v", e, got, lifetimetest.ScenarioNames())
		}
	}
}

// TestExamplesOnEveryScenario runs every example against every simulated
// scenario and checks the exit code, the first line and the reports.
func TestExamplesOnEveryScenario(t *testing.T) {
	t.Parallel()
	for _, example := range examples {
		for _, scenario := range lifetimetest.ScenarioNames() {
			want, ok := matrix[example][scenario]
			if !ok {
				continue // reported by TestMatrixCoversEveryScenario
			}
			t.Run(example+"/"+scenario, func(t *testing.T) {
				t.Parallel()
				r := runExample(t, example, "-scenario", scenario)
				if r.code != want {
					t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, want, r.stdout, r.stderr)
				}
				checkFirstLine(t, r, scenario)
				if example == "deploy" {
					checkDeployReport(t, r)
				} else {
					checkUpgradeReport(t, r)
				}
			})
		}
	}
}

// checkFirstLine checks that the first line of stdout says the run is
// against a simulation, naming the scenario.
func checkFirstLine(t *testing.T, r result, scenario string) {
	t.Helper()
	first, _, _ := strings.Cut(r.stdout, "\n")
	if !strings.Contains(first, "simulated") || !strings.Contains(first, fmt.Sprintf("%q", scenario)) {
		t.Errorf("first line %q does not say it runs against the simulated scenario %q", first, scenario)
	}
}

// outcomeCodes are the exit codes each report outcome may give.
var outcomeCodes = map[upgrade.Outcome][]int{
	upgrade.Passed:         {0},
	upgrade.Warning:        {0},
	upgrade.ActionRequired: {0, 3}, // 0 once the run saw the action done
	upgrade.Failed:         {1, 4, 5},
}

// checkUpgradeReport parses the JSON and JUnit reports of preflight,
// upgrade or republish-plugins and checks them against the exit code and
// the text report.
func checkUpgradeReport(t *testing.T, r result) *upgrade.Report {
	t.Helper()
	b, err := os.ReadFile(r.jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	var rep upgrade.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatalf("JSON report: %v", err)
	}
	if rep.SchemaVersion != upgrade.ReportSchemaVersion || len(rep.Steps) == 0 {
		t.Errorf("JSON report: schema %q, %d steps", rep.SchemaVersion, len(rep.Steps))
	}
	if !slices.Contains(outcomeCodes[rep.Outcome], r.code) {
		t.Errorf("JSON outcome %s with exit code %d", rep.Outcome, r.code)
	}
	if !strings.Contains(r.stdout, "Outcome: "+strings.ToUpper(string(rep.Outcome))) {
		t.Errorf("text report lacks the outcome %s:\n%s", rep.Outcome, r.stdout)
	}
	suites, err := gojunit.IngestFile(r.junitPath)
	if err != nil {
		t.Fatalf("JUnit report: %v", err)
	}
	var tests, failed int
	for _, s := range suites {
		tests += s.Totals.Tests
		failed += s.Totals.Failed + s.Totals.Error
	}
	if tests != len(rep.Steps) {
		t.Errorf("JUnit has %d test cases, the JSON report %d steps", tests, len(rep.Steps))
	}
	if (failed > 0) != (rep.Outcome == upgrade.Failed) {
		t.Errorf("JUnit: %d failed test cases, JSON outcome %s", failed, rep.Outcome)
	}
	return &rep
}

// deployReport is the JSON form of the deploy example's report.
type deployReport struct {
	SchemaVersion string `json:"schema_version"`
	Source        string `json:"source"`
	Target        string `json:"target"`
	Applications  []struct {
		Name       string `json:"name"`
		Version    string `json:"version"`
		VersionKey string `json:"version_key"`
		Tagged     bool   `json:"tagged"`
	} `json:"applications"`
	DeploymentKey string   `json:"deployment_key"`
	Conflicts     []string `json:"conflicts"`
	Status        string   `json:"status"`
	Info          string   `json:"info"`
	AbortSent     bool     `json:"abort_sent"`
	Outcome       string   `json:"outcome"`
	Log           []struct {
		Message string `json:"message"`
	} `json:"log"`
}

// deployOutcomeCodes are the exit codes each deploy outcome gives.
var deployOutcomeCodes = map[string]int{
	"passed": 0, "warning": 0, "failed": 1, "conflicts": 1, "usage_error": 2, "action_required": 3, "timeout": 4, "aborted": 5,
}

// checkDeployReport parses the deploy example's reports and checks them
// against the exit code.
func checkDeployReport(t *testing.T, r result) deployReport {
	t.Helper()
	b, err := os.ReadFile(r.jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	var rep deployReport
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatalf("JSON report: %v", err)
	}
	if code, ok := deployOutcomeCodes[rep.Outcome]; !ok || code != r.code {
		t.Errorf("JSON outcome %q with exit code %d", rep.Outcome, r.code)
	}
	// An interrupted run may end before the plan exists.
	interrupted := rep.Outcome == "timeout" || rep.Outcome == "aborted" || rep.Outcome == "usage_error"
	if rep.SchemaVersion != "go-outsystems/deploy-report/v1" || (!interrupted && (rep.DeploymentKey == "" || len(rep.Applications) == 0)) {
		t.Errorf("JSON report: %+v", rep)
	}
	for _, a := range rep.Applications {
		if a.Version == "" || a.VersionKey == "" {
			t.Errorf("application without a version: %+v", a)
		}
	}
	if rep.Outcome == "passed" && rep.Status != "finished_successful" {
		t.Errorf("passed with status %q", rep.Status)
	}
	suites, err := gojunit.IngestFile(r.junitPath)
	if err != nil {
		t.Fatalf("JUnit report: %v", err)
	}
	var tests, failed int
	for _, s := range suites {
		tests += s.Totals.Tests
		failed += s.Totals.Failed + s.Totals.Error
	}
	if tests != len(rep.Applications)+2 || (failed > 0) != (r.code == 1 || r.code == 4 || r.code == 5) {
		t.Errorf("JUnit: %d tests, %d failed, for %d applications and exit code %d", tests, failed, len(rep.Applications), r.code)
	}
	return rep
}

// TestUpgradeDefaultIsReadable is the newcomer's first command: the whole
// procedure on the default scenario ends with exit 0 and a report that
// shows each phase.
func TestUpgradeDefaultIsReadable(t *testing.T) {
	t.Parallel()
	r := runExample(t, "upgrade")
	if r.code != 0 {
		t.Fatalf("exit code %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	checkFirstLine(t, r, "default")
	rep := checkUpgradeReport(t, r)
	for step, want := range map[string]upgrade.Outcome{
		upgrade.StepInventory: upgrade.Passed, upgrade.StepRunInstaller: upgrade.Passed,
		upgrade.StepWaitForConsole: upgrade.Passed, upgrade.StepCheckDedicatedLifeTime: upgrade.Passed,
		// REST integrations get REST smoke calls, SOAP ones LifeTime Services calls.
		upgrade.StepVerifyIntegrations: upgrade.Passed,
	} {
		if s, ok := rep.Step(step); !ok || s.Outcome != want {
			t.Errorf("step %s: %+v, want %s", step, s, want)
		}
	}
	if s, _ := rep.Step(upgrade.StepRepublishPlugins); s.Outcome == upgrade.Failed || s.Outcome == upgrade.Skipped || len(s.Changes) != 1 || s.Changes[0].DryRun {
		t.Errorf("republish-plugins: %+v", s)
	}
	for _, want := range []string{"LifeTime upgrade report", "wait-for-console", "republish-plugins", "Outcome: "} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("text report lacks %q", want)
		}
	}
}

// TestExampleCases checks the flags and paths the scenario matrix does not
// reach: dry run, console timeout, two-stage deployments, conflicts,
// timeouts and usage errors.
func TestExampleCases(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		example string
		args    []string
		want    int
		check   func(t *testing.T, r result)
	}{
		{"upgrade dry run changes nothing", "upgrade", []string{"-dry-run"}, 0, func(t *testing.T, r result) {
			rep := checkUpgradeReport(t, r)
			if !rep.DryRun {
				t.Error("report not marked as a dry run")
			}
			if strings.Contains(r.stdout, "simulation: the LifeTime installer") {
				t.Error("the installer ran in a dry run")
			}
			if s, _ := rep.Step(upgrade.StepRepublishPlugins); len(s.Changes) != 1 || !s.Changes[0].DryRun {
				t.Errorf("republish-plugins in a dry run: %+v", s)
			}
		}},
		{"upgrade verifies the plugins with the module listing", "upgrade", []string{"-experimental-module-listing"}, 0, func(t *testing.T, r result) {
			rep := checkUpgradeReport(t, r)
			for _, step := range []string{upgrade.StepDetectPlugins, upgrade.StepVerifyPlugins} {
				if s, _ := rep.Step(step); s.Outcome != upgrade.Passed {
					t.Errorf("%s: %+v", step, s)
				}
			}
		}},
		{"preflight finds a declared plugin missing", "preflight", []string{"-experimental-module-listing", "-plugin-modules", "AuditTrailPlugin,NoSuchPlugin"}, 0, func(t *testing.T, r result) {
			rep := checkUpgradeReport(t, r)
			s, _ := rep.Step(upgrade.StepDetectPlugins)
			if s.Outcome != upgrade.Warning || len(s.Findings) != 1 || s.Findings[0].Subject != "NoSuchPlugin" {
				t.Errorf("detect-plugins: %+v", s)
			}
		}},
		{"upgrade gives up waiting for a slow console", "upgrade", []string{"-scenario", "slow-console-return", "-console-timeout", "30m"}, 4, func(t *testing.T, r result) {
			rep := checkUpgradeReport(t, r)
			if s, _ := rep.Step(upgrade.StepWaitForConsole); s.Outcome != upgrade.Failed {
				t.Errorf("wait-for-console: %s", s.Outcome)
			}
			if s, _ := rep.Step(upgrade.StepRepublishPlugins); s.Outcome != upgrade.Skipped {
				t.Errorf("republish-plugins ran after the wait failed: %s", s.Outcome)
			}
		}},
		{"upgrade cloud dry run: a support case will be needed", "upgrade", []string{"-scenario", "cloud", "-dry-run"}, 3, func(t *testing.T, r result) {
			rep := checkUpgradeReport(t, r)
			if s, _ := rep.Step(upgrade.StepSupportCase); s.Outcome != upgrade.ActionRequired {
				t.Errorf("support-case: %+v", s)
			}
		}},
		{"upgrade cloud writes the support case", "upgrade", []string{"-scenario", "cloud"}, 0, func(t *testing.T, r result) {
			rep := checkUpgradeReport(t, r)
			s, _ := rep.Step(upgrade.StepSupportCase)
			if s.Outcome != upgrade.ActionRequired || !strings.Contains(s.Detail, "Target LifeTime:") {
				t.Errorf("support-case: %+v", s)
			}
			// The person must see the text while the program waits, not at the end.
			ask := strings.Index(r.stdout, "ACTION REQUIRED: open a support case")
			if ask < 0 || !strings.Contains(r.stdout[ask:], "Subject: LifeTime upgrade to 11.30.1") || ask > strings.Index(r.stdout, "LifeTime upgrade report") {
				t.Errorf("the support case is not shown before the report:\n%s", r.stdout)
			}
		}},
		{"deploy to Production continues stage two", "deploy", []string{"-target", "Production"}, 0, func(t *testing.T, r result) {
			rep := checkDeployReport(t, r)
			if !slices.ContainsFunc(rep.Log, func(l struct {
				Message string `json:"message"`
			}) bool {
				return strings.Contains(l.Message, "first stage")
			}) {
				t.Errorf("no stage-one message in the log: %+v", rep.Log)
			}
		}},
		{"deploy stops after stage one", "deploy", []string{"-target", "Production", "-two-stage", "stop"}, 3, func(t *testing.T, r result) {
			rep := checkDeployReport(t, r)
			if rep.Info != "deployment_prepared" || !strings.Contains(r.stderr, "-continue "+rep.DeploymentKey) {
				t.Errorf("info %q; stderr:\n%s", rep.Info, r.stderr)
			}
		}},
		{"deploy shows conflicts and does not start", "deploy", []string{"-scenario", "o10-environment", "-target", "Legacy", "-apps", "Customer Portal"}, 1, func(t *testing.T, r result) {
			rep := checkDeployReport(t, r)
			if rep.Outcome != "conflicts" || len(rep.Conflicts) == 0 || rep.Status != "" {
				t.Errorf("outcome %s, conflicts %v, status %q", rep.Outcome, rep.Conflicts, rep.Status)
			}
			if !strings.Contains(r.stdout, "Conflict: ") {
				t.Errorf("conflicts not shown:\n%s", r.stdout)
			}
		}},
		{"deploy tags a modified application", "deploy", []string{"-apps", "Customer Portal"}, 0, func(t *testing.T, r result) {
			rep := checkDeployReport(t, r)
			if len(rep.Applications) != 1 || !rep.Applications[0].Tagged || rep.Applications[0].Version != "2.2" {
				t.Errorf("applications: %+v", rep.Applications)
			}
		}},
		{"deploy times out", "deploy", []string{"-timeout", "300ms"}, 4, func(t *testing.T, r result) {
			checkDeployReport(t, r)
		}},
		{"unknown scenario", "preflight", []string{"-scenario", "nope"}, 2, nil},
		{"two deployment models", "upgrade", []string{"-cloud", "-hybrid"}, 2, nil},
		{"bad two-stage mode", "deploy", []string{"-two-stage", "maybe"}, 2, nil},
		{"unknown application", "deploy", []string{"-apps", "No Such App"}, 2, func(t *testing.T, r result) {
			b, err := os.ReadFile(r.jsonPath)
			if err != nil || !strings.Contains(string(b), `"outcome": "usage_error"`) {
				t.Errorf("report: %s, %v", b, err)
			}
		}},
		{"real console without a token", "upgrade", []string{"-lifetime-url", "https://lifetime.example.test", "-servicecenter-user", "admin"}, 2, func(t *testing.T, r result) {
			if !strings.Contains(r.stderr, "LIFETIME_TOKEN") {
				t.Errorf("the error does not say where the token comes from:\n%s", r.stderr)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runExample(t, tt.example, tt.args...)
			if r.code != tt.want {
				t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tt.want, r.stdout, r.stderr)
			}
			if tt.check != nil {
				tt.check(t, r)
			}
		})
	}
}

// TestDeployAbortsOnSIGTERM checks what Jenkins relies on when a build is
// aborted: SIGTERM aborts the running plan, the reports are written and the
// exit code is 5.
func TestDeployAbortsOnSIGTERM(t *testing.T) {
	t.Parallel()
	r, _ := runAndTerminate(t, nil, "-target", "Production")
	if r.code != 5 {
		t.Fatalf("exit code %d, want 5\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
}

// runAndTerminate runs the deploy example, sends it SIGTERM once its plan
// runs, and returns what it did with the plan's key. It checks the
// reports: outcome aborted, abort sent.
func runAndTerminate(t *testing.T, env []string, args ...string) (result, string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("no SIGTERM on Windows")
	}
	runLimit <- struct{}{}
	defer func() { <-runLimit }()
	dir := t.TempDir()
	r := result{jsonPath: filepath.Join(dir, "report.json"), junitPath: filepath.Join(dir, "report.xml")}
	ctx, cancel := context.WithTimeout(t.Context(), runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(binDir, "deploy"), append(args, "-json", r.jsonPath, "-junit", r.junitPath)...)
	cmd.Env = append(cleanEnv(), env...)
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the plan runs, then abort the "build".
	sc := bufio.NewScanner(stderr)
	var seen strings.Builder
	for sc.Scan() {
		seen.WriteString(sc.Text() + "\n")
		if strings.HasSuffix(sc.Text(), ": running") {
			if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	for sc.Scan() {
		seen.WriteString(sc.Text() + "\n")
	}
	r.code = exitCode(t, cmd.Wait())
	r.stdout, r.stderr = stdout.String(), seen.String()
	if r.code != 5 {
		return r, ""
	}
	rep := checkDeployReport(t, r)
	if rep.Outcome != "aborted" || !rep.AbortSent {
		t.Errorf("report: outcome %q, abort sent %v", rep.Outcome, rep.AbortSent)
	}
	return r, rep.DeploymentKey
}
