package examples_test

import (
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-outsystems/outsystems/lifetime/lifetimetest"
)

// TestAgainstAConsole runs the examples the way they run against a real
// console: a LifeTime URL (here a simulated infrastructure served over TLS
// by the test), the token from a file or $LIFETIME_TOKEN, the Service
// Center password from $SERVICECENTER_PASSWORD, a private CA, debug logs.
// The secrets must appear nowhere in the output or the reports.
func TestAgainstAConsole(t *testing.T) {
	t.Parallel()
	srv, err := lifetimetest.NewServer(lifetimetest.WithScenario("default"), lifetimetest.WithTLS())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	caFile := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate()}), 0o600); err != nil {
		t.Fatal(err)
	}
	token := srv.Token()
	tokenFile := filepath.Join(dir, "token")
	if err := os.WriteFile(tokenFile, []byte(token+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	lt := srv.Sim().LifeTime()
	scEnv := []string{"SERVICECENTER_PASSWORD=" + lt.ServiceCenterPassword}
	console := []string{"-lifetime-url", srv.URL, "-ca-file", caFile, "-v"}

	tests := []struct {
		name    string
		example string
		env     []string
		args    []string
		want    int
		inOut   string
	}{
		{"preflight, token from a file", "preflight", scEnv,
			[]string{"-token-file", tokenFile, "-servicecenter-user", lt.ServiceCenterUsername, "-plugin-modules", "AuditTrailPlugin,DeploymentNotifierPlugin"},
			0, "Deployment model taken from the environments: self-managed"},
		{"republish-plugins, token from the environment", "republish-plugins", append([]string{"LIFETIME_TOKEN=" + token}, scEnv...),
			[]string{"-servicecenter-user", lt.ServiceCenterUsername, "-plugin-modules", "AuditTrailPlugin,DeploymentNotifierPlugin", "-poll-interval", "100ms"},
			0, "published 2 plugin modules"},
		{"preflight without plugins", "preflight", append([]string{"LIFETIME_TOKEN=" + token}, scEnv...),
			[]string{"-servicecenter-user", lt.ServiceCenterUsername, "-plugin-modules", "none", "-cloud"},
			0, "no LifeTime plugins"},
		{"plugins not declared", "preflight", append([]string{"LIFETIME_TOKEN=" + token}, scEnv...),
			[]string{"-servicecenter-user", lt.ServiceCenterUsername}, 2, "-plugin-modules"},
		{"deploy", "deploy", []string{"LIFETIME_TOKEN=" + token},
			[]string{"-source", "Development", "-target", "Test", "-apps", "Customer Portal", "-poll-interval", "200ms"},
			0, "Tagged Customer Portal"},
		{"no Service Center user", "preflight", append([]string{"LIFETIME_TOKEN=" + token}, scEnv...), nil, 2, "-servicecenter-user"},
		{"no Service Center password", "preflight", []string{"LIFETIME_TOKEN=" + token},
			[]string{"-servicecenter-user", lt.ServiceCenterUsername, "-plugin-modules", "none"}, 2, "SERVICECENTER_PASSWORD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runExampleEnv(t, tt.env, tt.example, append(append([]string{}, console...), tt.args...)...)
			if r.code != tt.want {
				t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tt.want, r.stdout, r.stderr)
			}
			if strings.Contains(r.stdout, "simulated") {
				t.Errorf("a run against a console says it is simulated:\n%s", r.stdout)
			}
			if !strings.Contains(r.stdout+r.stderr, tt.inOut) {
				t.Errorf("output lacks %q\nstdout:\n%s\nstderr:\n%s", tt.inOut, r.stdout, r.stderr)
			}
			if tt.want == 0 && !strings.Contains(r.stderr, "level=DEBUG") {
				t.Errorf("-v gave no debug log:\n%s", r.stderr)
			}
			reports, _ := os.ReadFile(r.jsonPath)
			junit, _ := os.ReadFile(r.junitPath)
			all := r.stdout + r.stderr + string(reports) + string(junit)
			if strings.Contains(all, token) {
				t.Error("the token appears in the output or the reports")
			}
			if pw := lt.ServiceCenterPassword; len(pw) >= 8 && strings.Contains(all, pw) {
				t.Error("the Service Center password appears in the output or the reports")
			}
		})
	}

	t.Run("two-stage: stop after stage one, then -continue", func(t *testing.T) {
		app, ok := srv.Sim().ApplicationByName("Core Services")
		if !ok {
			t.Fatal("no Core Services in the scenario")
		}
		if err := srv.Sim().SetApplicationBehaviour(app.Key, lifetimetest.DeploymentBehaviour{Pauses: []string{lifetimetest.InfoDeploymentPrepared}}); err != nil {
			t.Fatal(err)
		}
		env := []string{"LIFETIME_TOKEN=" + token}
		deploy := append(append([]string{}, console...), "-source", "Test", "-target", "Production", "-apps", "Core Services", "-poll-interval", "200ms")
		r := runExampleEnv(t, env, "deploy", append(deploy, "-two-stage", "stop")...)
		if r.code != 3 {
			t.Fatalf("stage one: exit code %d, want 3\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
		}
		rep := checkDeployReport(t, r)
		if d, _ := srv.Sim().Deployment(rep.DeploymentKey); d.Status != lifetimetest.StatusNeedsUserIntervention || d.Info != lifetimetest.InfoDeploymentPrepared {
			t.Fatalf("after stage one the plan is %s (%s)", d.Status, d.Info)
		}
		r = runExampleEnv(t, env, "deploy", append(append([]string{}, console...), "-continue", rep.DeploymentKey, "-poll-interval", "200ms")...)
		if r.code != 0 {
			t.Fatalf("stage two: exit code %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
		}
		if d, _ := srv.Sim().Deployment(rep.DeploymentKey); d.Status != lifetimetest.StatusFinishedSuccessful {
			t.Errorf("after -continue the plan is %s", d.Status)
		}
		if err := srv.Sim().SetApplicationBehaviour(app.Key, lifetimetest.DeploymentBehaviour{}); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("SIGTERM aborts the plan in LifeTime", func(t *testing.T) {
		r, key := runAndTerminate(t, []string{"LIFETIME_TOKEN=" + token}, append(append([]string{}, console...),
			"-source", "Development", "-target", "Production", "-apps", "Field Inspections", "-poll-interval", "100ms")...)
		if r.code != 5 {
			t.Fatalf("exit code %d, want 5\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
		}
		d, ok := srv.Sim().Deployment(key)
		if !ok || (d.Status != lifetimetest.StatusAborting && d.Status != lifetimetest.StatusAborted) {
			t.Errorf("plan %s is %s in LifeTime, want aborting or aborted", key, d.Status)
		}
	})

	t.Run("plain http needs -insecure-http", func(t *testing.T) {
		r := runExampleEnv(t, []string{"LIFETIME_TOKEN=" + token}, "deploy", "-lifetime-url", "http://127.0.0.1:1", "-source", "Development", "-target", "Test", "-apps", "x")
		if r.code != 2 || !strings.Contains(r.stderr, "-insecure-http") {
			t.Errorf("exit code %d, stderr:\n%s", r.code, r.stderr)
		}
	})
}
