package sim

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// soap posts a SOAP 1.1 request to the LifeTime environment's Service Center.
func (e *testEnv) soap(t *testing.T, service, op, inner string) response {
	t.Helper()
	return e.soapAt(t, "", service, op, inner)
}

// soapAt posts a SOAP 1.1 request to the Service Center under prefix ("" for
// the LifeTime environment's).
func (e *testEnv) soapAt(t *testing.T, prefix, service, op, inner string) response {
	t.Helper()
	body := `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>` +
		`<` + op + ` xmlns="http://www.outsystems.com">` + inner + `</` + op + `></soap:Body></soap:Envelope>`
	req, err := http.NewRequest("POST", e.srv.URL+prefix+"/ServiceCenter/"+service+".asmx", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	req.Header.Set("SOAPAction", `"http://ServiceCenter/`+service+`/`+op+`"`)
	resp, err := rawClient().Do(req)
	if err != nil {
		t.Fatalf("SOAP %s: %v", op, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, body: data, header: resp.Header}
}

func (e *testEnv) platformInfo(t *testing.T) response {
	return e.soap(t, "OutSystemsPlatform", "GetPlatformInfo", "")
}

var versionRe = regexp.MustCompile(`<Version>([^<]*)</Version>`)

const scCreds = "<username>admin</username><password>admin</password>"

func TestConsoleUpgradeAndPluginRepublish(t *testing.T) {
	e := newTestEnv(t, "default", nil)
	if m := versionRe.FindSubmatch(e.platformInfo(t).body); m == nil || string(m[1]) != "11.32.0.0" {
		t.Fatalf("GetPlatformInfo before upgrade: %s", e.platformInfo(t).body)
	}
	if err := e.sim.UpgradeConsole("11.20.0", time.Minute); err == nil {
		t.Error("downgrade accepted")
	}
	if err := e.sim.UpgradeConsole("eleven", time.Minute); err == nil {
		t.Error("bad version accepted")
	}
	if err := e.sim.UpgradeConsole(targetLifeTime, 30*time.Minute); err != nil {
		t.Fatal(err)
	}
	if err := e.sim.UpgradeConsole("11.31.0", time.Minute); err == nil {
		t.Error("second concurrent upgrade accepted")
	}
	r := e.call("GET", "/environments/", nil)
	if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
		t.Fatalf("during upgrade: %d %v %s", r.status, r.header, r.body)
	}
	if got := e.platformInfo(t); got.status != http.StatusServiceUnavailable {
		t.Fatalf("Service Center during upgrade: %d", got.status)
	}
	e.clock.Advance(29 * time.Minute)
	if r := e.call("GET", "/environments/", nil); r.status != http.StatusServiceUnavailable {
		t.Fatalf("before the downtime ends: %d", r.status)
	}
	e.clock.Advance(time.Minute)
	e.must(200, "GET", "/environments/", nil)
	if v := e.sim.ConsoleVersion(); v != targetLifeTime {
		t.Errorf("console version %s", v)
	}
	if m := versionRe.FindSubmatch(e.platformInfo(t).body); m == nil || string(m[1]) != "11.42.1.0" {
		t.Fatalf("GetPlatformInfo after upgrade: %s", e.platformInfo(t).body)
	}
	diff(t, "outdated plugins", []string{"AuditTrailPlugin", "DeploymentNotifierPlugin"}, e.sim.OutdatedPlugins())

	// Republish every non-system module of the LifeTime environment.
	if r := e.soap(t, "Solutions", "CreateAllSolution", "<AllSolutionName>Plugins</AllSolutionName>"+scCreds); r.status != 200 {
		t.Fatalf("CreateAllSolution: %d %s", r.status, r.body)
	}
	if r := e.soap(t, "Solutions", "PublishRunning", scCreds+"<SolutionName>Plugins</SolutionName><PublishSystemApplications>false</PublishSystemApplications><CleanPublish>false</CleanPublish>"); r.status != 200 {
		t.Fatalf("PublishRunning: %d %s", r.status, r.body)
	}
	e.clock.Advance(10 * time.Minute)
	if got := e.sim.OutdatedPlugins(); len(got) != 0 {
		t.Errorf("plugins still outdated after republish: %v", got)
	}
}

func TestUpgradeEnablesNewEndpoints(t *testing.T) {
	e := newTestEnv(t, "default", func(o *Options) { o.ConsoleVersion = "11.21.0" })
	test := e.envKey("Test")
	body := map[string]any{"ApplicationKeys": []string{e.app("Core Services").Key}}
	wantError(t, e.call("POST", "/environments/"+test+"/solution", body), http.StatusMethodNotAllowed)
	if err := e.sim.UpgradeConsole("11.22.0", 0); err != nil {
		t.Fatal(err)
	}
	if r := e.call("POST", "/environments/"+test+"/solution", body); r.status != 200 {
		t.Fatalf("solution after upgrade: %d %s", r.status, r.body)
	}
}

func TestScenarioFacts(t *testing.T) {
	for _, name := range ScenarioNames() {
		t.Run(name, func(t *testing.T) {
			e := newTestEnv(t, name, nil)
			m := e.sim.Meta()
			if m.Scenario != name || m.DeploymentModel == "" || m.TargetLifeTimeVersion != targetLifeTime || len(m.Plugins) != 2 {
				t.Fatalf("meta = %+v", m)
			}
			envs := decode[[]struct{ Name, OSVersion, HostName string }](t, e.must(200, "GET", "/environments/", nil))
			lt := e.sim.LifeTime()
			switch name {
			case "shared-lifetime":
				if lt.SharedWithEnvironment != e.envKey("Production") || envs[2].HostName != lt.HostName {
					t.Errorf("LifeTime not inside Production: %+v %+v", lt, envs)
				}
			case "o10-environment":
				if len(envs) != 4 || envs[3].OSVersion != "10.0.1115.0" {
					t.Errorf("environments = %+v", envs)
				}
			case "hybrid-old-licence", "hybrid-new-licence":
				old := m.LicensePurchased.Before(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))
				if old != (name == "hybrid-old-licence") || m.DeploymentModel != "hybrid" {
					t.Errorf("licence facts = %+v", m)
				}
			case "slow-console-return":
				if err := e.sim.UpgradeConsole(targetLifeTime, time.Minute); err != nil {
					t.Fatal(err)
				}
				e.clock.Advance(30 * time.Minute)
				if r := e.call("GET", "/environments/", nil); r.status != http.StatusServiceUnavailable {
					t.Fatalf("slow console back after 30 minutes: %d", r.status)
				}
				e.clock.Advance(15 * time.Minute)
				e.must(200, "GET", "/environments/", nil)
			case "plugin-publish-fails":
				if err := e.sim.UpgradeConsole(targetLifeTime, 0); err != nil {
					t.Fatal(err)
				}
				e.soap(t, "Solutions", "CreateAllSolution", "<AllSolutionName>Plugins</AllSolutionName>"+scCreds)
				e.soap(t, "Solutions", "PublishRunning", scCreds+"<SolutionName>Plugins</SolutionName><PublishSystemApplications>false</PublishSystemApplications><CleanPublish>false</CleanPublish>")
				e.clock.Advance(10 * time.Minute)
				diff(t, "outdated after a failing republish", []string{"AuditTrailPlugin"}, e.sim.OutdatedPlugins())
			}
		})
	}
	if _, err := NewScenario("nope", Options{}); err == nil {
		t.Error("unknown scenario accepted")
	}
}

func TestUpgradeRefusingConnections(t *testing.T) {
	e := newTestEnv(t, "default", func(o *Options) { o.RefuseConnectionsDuringUpgrade = true })
	if err := e.sim.UpgradeConsole(targetLifeTime, time.Minute); err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.rawDo(t, "GET", "/environments/", ""); err == nil {
		t.Fatal("connection accepted during the upgrade")
	}
	e.clock.Advance(time.Minute)
	if resp, _, err := e.rawDo(t, "GET", "/environments/", ""); err != nil || resp.StatusCode != 200 {
		t.Fatalf("after the upgrade: %v %v", resp, err)
	}
}
