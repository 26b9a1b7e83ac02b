package sim

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestEnvironmentServiceCenters(t *testing.T) {
	e := newTestEnv(t, "default", nil)
	dev, test := e.envKey("Development"), e.envKey("Test")
	info := e.soapAt(t, EnvironmentServiceCenterPath(dev), "OutSystemsPlatform", "GetPlatformInfo", "")
	if m := versionRe.FindSubmatch(info.body); info.status != 200 || m == nil || string(m[1]) != appPlatformServer {
		t.Fatalf("Development GetPlatformInfo: %d %s", info.status, info.body)
	}
	if r := e.soapAt(t, "/sc/00000000-0000-4000-8000-000000000000", "OutSystemsPlatform", "GetPlatformInfo", ""); r.status != http.StatusNotFound {
		t.Fatalf("unknown environment: %d", r.status)
	}
	sc, ok := e.sim.EnvironmentServiceCenter(test)
	if !ok {
		t.Fatal("no Service Center for Test")
	}
	outdated := func() []string {
		var out []string
		for _, m := range sc.Modules() {
			if m.Outdated {
				out = append(out, m.Name)
			}
		}
		return out
	}
	if got := outdated(); len(got) != 0 {
		t.Fatalf("outdated before deploying: %v", got)
	}
	// Deploying a new Core Services leaves its consumer Customer Portal outdated
	// in the target's Service Center.
	v, err := e.sim.TagVersion(e.app("Core Services").Key, dev, "1.3", "")
	if err != nil {
		t.Fatal(err)
	}
	key := e.createPlan(dev, test, v.Key)
	e.command(key, "start", http.StatusAccepted)
	e.clock.Advance(2 * time.Minute)
	if st := e.status(key); st.DeploymentStatus != "finished_successful" {
		t.Fatalf("deployment: %+v", st)
	}
	diff(t, "outdated consumers in Test", []string{"CustomerPortal", "CustomerPortal_Th"}, outdated())
	if err := e.sim.UpdateEnvironment(test, func(env *Environment) { env.OSVersion = "11.35.0.45000" }); err != nil {
		t.Fatal(err)
	}
	if v := sc.Version(); v != "11.35.0.45000" {
		t.Errorf("Service Center version after a platform upgrade: %s", v)
	}
}

func TestSharedLifeTimeServiceCenter(t *testing.T) {
	e := newTestEnv(t, "shared-lifetime", nil)
	prod := e.envKey("Production")
	sc, _ := e.sim.EnvironmentServiceCenter(prod)
	if sc != e.sim.ServiceCenter() {
		t.Fatal("Production does not share LifeTime's Service Center")
	}
	var plugins, apps int
	for _, m := range sc.Modules() {
		switch {
		case m.Plugin:
			plugins++
		case !m.System:
			apps++
		}
	}
	if plugins != 2 || apps == 0 {
		t.Fatalf("modules of the shared Service Center: %+v", sc.Modules())
	}
	if err := e.sim.UpgradeConsole(targetLifeTime, time.Minute); err != nil {
		t.Fatal(err)
	}
	if r := e.soapAt(t, EnvironmentServiceCenterPath(prod), "OutSystemsPlatform", "GetPlatformInfo", ""); r.status != http.StatusServiceUnavailable {
		t.Fatalf("shared Service Center during the upgrade: %d", r.status)
	}
	if r := e.soapAt(t, EnvironmentServiceCenterPath(e.envKey("Test")), "OutSystemsPlatform", "GetPlatformInfo", ""); r.status != http.StatusOK {
		t.Fatalf("Test's Service Center during the upgrade: %d", r.status)
	}
	e.clock.Advance(time.Minute)
	env, _ := e.sim.EnvironmentByName("Production")
	if env.OSVersion != "11.42.1" {
		t.Errorf("Production Platform Server after the LifeTime upgrade: %s", env.OSVersion)
	}
}

func TestServiceCenterByHost(t *testing.T) {
	e := newTestEnv(t, "default", nil)
	if err := e.sim.UpgradeConsole(targetLifeTime, time.Hour); err != nil {
		t.Fatal(err)
	}
	body := `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetPlatformInfo xmlns="http://www.outsystems.com"/></soap:Body></soap:Envelope>`
	ask := func(host string) (int, string) {
		req, err := http.NewRequest("POST", e.srv.URL+"/ServiceCenter/OutSystemsPlatform.asmx", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Host = host
		req.Header.Set("Content-Type", "text/xml; charset=utf-8")
		req.Header.Set("SOAPAction", `"http://ServiceCenter/OutSystemsPlatform/GetPlatformInfo"`)
		resp, err := rawClient().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(data)
	}
	// The application environment's Service Center answers by its host while
	// the LifeTime console (any other host) is down for the upgrade.
	if status, data := ask("test.example.test:443"); status != 200 || !strings.Contains(data, appPlatformServer) {
		t.Fatalf("Test by host: %d %s", status, data)
	}
	if status, _ := ask("lifetime.example.test"); status != http.StatusServiceUnavailable {
		t.Fatalf("LifeTime by host during the upgrade: %d", status)
	}
}
