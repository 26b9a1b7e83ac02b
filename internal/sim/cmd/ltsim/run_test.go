package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-outsystems/outsystems/internal/sim"
	"github.com/google/go-cmp/cmp"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// start runs ltsim with args until the test ends and returns what it
// announced; the cleanup checks that it shut down without error.
func start(t *testing.T, args ...string) (ready, *syncBuffer) {
	t.Helper()
	info, out, _ := startWithStderr(t, args...)
	return info, out
}

// startWithStderr is start that also returns what went to stderr.
func startWithStderr(t *testing.T, args ...string) (ready, *syncBuffer, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, errOut := &syncBuffer{}, &syncBuffer{}
	readyc := make(chan ready, 1)
	done := make(chan error, 1)
	go func() { done <- run(ctx, args, out, errOut, func(r ready) { readyc <- r }) }()
	var info ready
	select {
	case info = <-readyc:
	case err := <-done:
		cancel()
		t.Fatalf("run ended before serving: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run returned %v after cancel", err)
		}
		if !strings.Contains(out.String(), "# ltsim stopped") {
			t.Errorf("no shutdown line in output:\n%s", out)
		}
	})
	return info, out, errOut
}

// get calls the REST API with the token and returns the status and body.
func get(t *testing.T, client *http.Client, info ready, path string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, info.URL+"/lifetimeapi/rest/v2"+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+info.Token)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}

func environmentNames(t *testing.T, body []byte) []string {
	t.Helper()
	var envs []struct{ Name string }
	if err := json.Unmarshal(body, &envs); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	var names []string
	for _, e := range envs {
		names = append(names, e.Name)
	}
	return names
}

func TestRunServesScenarioOverHTTP(t *testing.T) {
	info, out := start(t, "-scenario", "default", "-addr", "127.0.0.1:0")
	if !strings.HasPrefix(info.URL, "http://127.0.0.1:") || info.Token == "" || info.CAFile != "" {
		t.Fatalf("ready %+v", info)
	}
	for _, line := range []string{"LIFETIME_URL=" + info.URL + "\n", "LIFETIME_API=" + info.URL + "/lifetimeapi/rest/v2\n", "LIFETIME_TOKEN=" + info.Token + "\n", "scenario default, LifeTime 11.25.4"} {
		if !strings.Contains(out.String(), line) {
			t.Errorf("output lacks %q:\n%s", line, out)
		}
	}
	status, body := get(t, http.DefaultClient, info, "/environments/")
	if status != http.StatusOK {
		t.Fatalf("GET /environments/: %d %s", status, body)
	}
	if diff := cmp.Diff([]string{"Development", "Test", "Production"}, environmentNames(t, body)); diff != "" {
		t.Errorf("environments (-want +got):\n%s", diff)
	}
	bad := info
	bad.Token = "wrong"
	if status, _ := get(t, http.DefaultClient, bad, "/environments/"); status != http.StatusUnauthorized {
		t.Errorf("wrong token: %d, want 401", status)
	}
}

func TestRunServesHTTPSWithGeneratedCA(t *testing.T) {
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	info, out := start(t, "-tls", "-ca-file", caFile)
	if !strings.HasPrefix(info.URL, "https://127.0.0.1:") || info.CAFile != caFile || !strings.Contains(out.String(), "LIFETIME_CA_FILE="+caFile) {
		t.Fatalf("ready %+v\n%s", info, out)
	}
	pemBytes, err := os.ReadFile(caFile)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pemBytes) {
		t.Fatalf("CA file holds no certificate:\n%s", pemBytes)
	}
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
	if status, body := get(t, client, info, "/roles/"); status != http.StatusOK {
		t.Fatalf("GET /roles/ over HTTPS: %d %s", status, body)
	}
	// Without the CA the certificate is not trusted.
	untrusted := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS12}}}
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, info.URL+"/lifetimeapi/rest/v2/roles/", nil)
	if resp, err := untrusted.Do(req); err == nil {
		resp.Body.Close()
		t.Fatal("the server certificate is trusted without the generated CA")
	} else if !errors.As(err, new(*tls.CertificateVerificationError)) {
		t.Fatalf("want a certificate verification error, got %v", err)
	}
}

func TestRunSeedFromFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "infra.json")
	const doc = `{
	  "consoleVersion": "11.18.1",
	  "environments": [{"name": "Dev", "type": "Development", "osVersion": "11.23.0.1"}, {"name": "Prod", "type": "Production", "osVersion": "11.23.0.1"}],
	  "applications": [{"name": "Orders", "modules": [{"name": "Orders_CS"}], "versions": ["1.0", "1.1"], "running": {"Dev": "1.1", "Prod": "1.0"}}],
	  "roles": [{"name": "Release Manager", "manageTeams": true, "levels": {"Prod": 5}}],
	  "users": [{"username": "ana", "name": "Ana", "role": "Release Manager", "password": "secret1"}],
	  "teams": [{"name": "Sales", "members": [{"username": "ana", "role": "Developer"}], "applications": ["Orders"]}],
	  "dbConnections": [{"environment": "Dev", "name": "CRM", "providerKey": "SqlServer", "username": "crm", "password": "x"}],
	  "blockedLogins": [{"username": "ana", "ipAddress": "192.0.2.1", "environment": "Prod"}],
	  "serviceAccounts": [{"username": "ci", "token": "ci-token-for-tests", "permissions": ["read"]}],
	  "plugins": [{"name": "AuditPlugin", "application": "Audit"}]
	}`
	if err := os.WriteFile(file, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	info, out := start(t, "-seed-from", file)
	if !strings.Contains(out.String(), "scenario file infra.json, LifeTime 11.18.1") {
		t.Errorf("output:\n%s", out)
	}
	_, body := get(t, http.DefaultClient, info, "/environments/")
	if diff := cmp.Diff([]string{"Dev", "Prod"}, environmentNames(t, body)); diff != "" {
		t.Errorf("environments (-want +got):\n%s", diff)
	}
	ci := info
	ci.Token = "ci-token-for-tests"
	status, body := get(t, http.DefaultClient, ci, "/users/?IncludeTeams=true")
	if status != http.StatusOK || !strings.Contains(string(body), `"Username":"ana"`) || !strings.Contains(string(body), `"TeamName":"Sales"`) || !strings.Contains(string(body), `"RoleName":"Release Manager"`) {
		t.Errorf("users with the file's service account: %d %s", status, body)
	}
	if status, body := get(t, http.DefaultClient, info, "/environments/blockedipaddresses/"); status != http.StatusOK || !strings.Contains(string(body), "192.0.2.1") {
		t.Errorf("blocked logins: %d %s", status, body)
	}
}

func TestRunRejectsBadCommandLines(t *testing.T) {
	dir := t.TempDir()
	badFile := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(badFile, []byte(`{"environments": [{"name": "Dev", "colour": "blue"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	danglingFile := filepath.Join(dir, "dangling.json")
	if err := os.WriteFile(danglingFile, []byte(`{"roles": [{"name": "R", "levels": {"Nowhere": 1}}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args  []string
		usage bool
		want  string
	}{
		{[]string{"-addr", "0.0.0.0:0"}, true, "only listens on loopback"},
		{[]string{"-addr", "192.0.2.1:80"}, true, "only listens on loopback"},
		{[]string{"-scenario", "nope"}, true, "unknown scenario"},
		{[]string{"-speed", "0"}, true, "-speed must be positive"},
		{[]string{"-ca-file", "x.pem"}, true, "-ca-file needs -tls"},
		{[]string{"extra"}, true, "unexpected arguments"},
		{[]string{"-fault", "status,rate=lots"}, true, `fault setting "rate=lots"`},
		{[]string{"-fault", "status,colour=red"}, true, "unknown key"},
		{[]string{"-fault", "earthquake"}, true, "-fault earthquake"},
		{[]string{"-fault", "latency"}, true, "needs a positive Latency"},
		{[]string{"-seed-from", badFile}, false, `unknown field "colour"`},
		{[]string{"-seed-from", danglingFile}, false, `unknown environment "Nowhere"`},
		{[]string{"-seed-from", filepath.Join(dir, "missing.json")}, false, "no such file"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			err := run(ctx, tc.args, io.Discard, io.Discard, func(ready) { t.Error("served despite a bad command line") })
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
			if got := errors.As(err, new(*usageError)); got != tc.usage {
				t.Errorf("usage error = %v, want %v (%v)", got, tc.usage, err)
			}
		})
	}
}

func TestRunServesEveryScenario(t *testing.T) {
	for _, name := range sim.ScenarioNames() {
		t.Run(name, func(t *testing.T) {
			info, out := start(t, "-scenario", name)
			if !strings.Contains(out.String(), "scenario "+name+", LifeTime ") {
				t.Errorf("output:\n%s", out)
			}
			status, body := get(t, http.DefaultClient, info, "/environments/")
			if status != http.StatusOK || len(environmentNames(t, body)) < 3 {
				t.Errorf("GET /environments/: %d %s", status, body)
			}
		})
	}
}

func TestRunFaultsLTServicesSwitchAndLogging(t *testing.T) {
	info, out, errOut := startWithStderr(t, "-fault", "status,status=503,op=Environments_List,times=1", "-no-lts", "-v")
	if !strings.Contains(out.String(), "LifeTime Services off, fault status") {
		t.Errorf("output:\n%s", out)
	}
	if status, body := get(t, http.DefaultClient, info, "/environments/"); status != http.StatusServiceUnavailable {
		t.Errorf("first GET /environments/: %d %s, want the injected 503", status, body)
	}
	if status, body := get(t, http.DefaultClient, info, "/environments/"); status != http.StatusOK {
		t.Errorf("second GET /environments/: %d %s, want 200 (times=1)", status, body)
	}
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, info.URL+"/LifeTimeServices/RoleManagementService.asmx", strings.NewReader("<x/>"))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "text/xml")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("LifeTime Services with -no-lts: %d, want 404", resp.StatusCode)
	}
	if !strings.Contains(errOut.String(), "operation=Environments_List") {
		t.Errorf("-v logged:\n%s", errOut)
	}
	if strings.Contains(errOut.String(), info.Token) {
		t.Error("the token appears in the log")
	}
}
