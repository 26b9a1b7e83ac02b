package sim

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestEnvironmentsEndpoints(t *testing.T) {
	e := newTestEnv(t, "", nil)
	if r := e.call("GET", "/environments/", nil); r.status != http.StatusNoContent || len(r.body) != 0 {
		t.Fatalf("empty infrastructure: %d %q", r.status, r.body)
	}
	reg := map[string]any{"EnvironmentName": "Staging", "EnvironmentAddress": "https://staging.example.test", "ServiceCenterUsername": "admin", "ServiceCenterPassword": "secret", "LifeTimeAddress": "https://lifetime.example.test", "EnvironmentPosition": 1}
	wantError(t, e.call("POST", "/environments/", map[string]any{"EnvironmentName": "x"}), http.StatusBadRequest)
	created := decode[struct {
		EnvironmentKey string
		ImportedUsers  []any
	}](t, e.must(201, "POST", "/environments/", reg))
	if !guidRe.MatchString(created.EnvironmentKey) || created.ImportedUsers == nil {
		t.Fatalf("register = %+v", created)
	}
	wantError(t, e.call("POST", "/environments/", reg), http.StatusBadRequest) // same name
	type env struct {
		Key, Name, OSVersion, HostName, EnvironmentType, DatabaseProvider, DetailsURL string
		Order                                                                         int
		UseHTTPS, IsCloudEnvironment, IsOffline                                       bool
	}
	got := decode[env](t, e.must(200, "GET", "/environments/"+created.EnvironmentKey, nil))
	want := env{Key: created.EnvironmentKey, Name: "Staging", OSVersion: bundledPlatformServerFor("11.25.4"), HostName: "staging.example.test", DatabaseProvider: "SQLServer", Order: 1, UseHTTPS: true, DetailsURL: "https://lifetime.example.test/lifetime/EnvironmentDetail_Overview.aspx?EnvironmentKey=" + created.EnvironmentKey}
	diff(t, "registered environment", want, got)
	list := decode[[]env](t, e.must(200, "GET", "/environments/", nil))
	diff(t, "list", []env{want}, list)
	if r := e.call("DELETE", "/environments/"+created.EnvironmentKey, nil); r.status != http.StatusNoContent {
		t.Fatalf("unregister: %d %s", r.status, r.body)
	}
	wantError(t, e.call("DELETE", "/environments/"+created.EnvironmentKey, nil), http.StatusNotFound)

	cloud := newTestEnv(t, "cloud", nil)
	wantError(t, cloud.call("POST", "/environments/", reg), http.StatusMethodNotAllowed)
	wantError(t, cloud.call("DELETE", "/environments/"+cloud.envKey("Test"), nil), http.StatusMethodNotAllowed)
}

func TestRunningApplications(t *testing.T) {
	e := newTestEnv(t, "default", nil)
	dev, prod := e.envKey("Development"), e.envKey("Production")
	portal := e.app("Customer Portal")
	type status struct {
		EnvironmentKey, BaseApplicationVersionKey, BaseApplicationVersionLabel, IsModifiedReason string
		IsModified                                                                               bool
		ModuleStatusInEnvs                                                                       []struct{ ModuleVersionKey string }
	}
	type app struct {
		Key, Name, Kind string
		AppStatusInEnvs []status
	}
	apps := decode[[]app](t, e.must(200, "GET", "/environments/"+dev+"/applications/?IncludeEnvStatus=true&IncludeModules=true", nil))
	if len(apps) != 3 {
		t.Fatalf("running in dev: %+v", apps)
	}
	wantError(t, e.call("GET", "/environments/"+dev+"/applications/?IncludeModules=true", nil), http.StatusBadRequest)
	one := decode[app](t, e.must(200, "GET", "/environments/"+dev+"/applications/"+portal.Key+"/?IncludeEnvStatus=True&IncludeModules=True", nil))
	if len(one.AppStatusInEnvs) != 1 || !one.AppStatusInEnvs[0].IsModified || one.AppStatusInEnvs[0].BaseApplicationVersionLabel != "2.1" || len(one.AppStatusInEnvs[0].ModuleStatusInEnvs) != 2 {
		t.Fatalf("running portal = %+v", one)
	}
	// An application that does not run in the environment is a 404.
	fresh, err := e.sim.AddApplication(Application{Name: "Nowhere"})
	if err != nil {
		t.Fatal(err)
	}
	wantError(t, e.call("GET", "/environments/"+dev+"/applications/"+fresh.Key+"/", nil), http.StatusNotFound)

	// Binary download of the running app: oap link, 204 for a mobile type of a web app, 400 for a bad type.
	link := decode[struct {
		URL     string `json:"url"`
		Expires string `json:"expires"`
	}](t, e.must(200, "GET", "/environments/"+prod+"/applications/"+portal.Key+"/content/?Type=oap", nil))
	if !strings.HasPrefix(link.URL, e.srv.URL+apiBase+"/downloads/") || link.Expires != "2026-03-02T10:00:00Z" {
		t.Fatalf("link = %+v", link)
	}
	if r := e.call("GET", "/environments/"+prod+"/applications/"+portal.Key+"/content/?Type=apk", nil); r.status != http.StatusNoContent {
		t.Fatalf("apk of a web app: %d %s", r.status, r.body)
	}
	wantError(t, e.call("GET", "/environments/"+prod+"/applications/"+portal.Key+"/content/?Type=exe", nil), http.StatusBadRequest)
	path := "!" + strings.TrimPrefix(link.URL, e.srv.URL)
	if r := e.call("GET", path, nil, "Bearer "+e.token); r.status != 200 {
		t.Fatalf("download with Bearer: %d", r.status)
	}
	wantError(t, e.call("GET", path, nil, ""), http.StatusUnauthorized)
	e.clock.Advance(61 * time.Minute)
	wantError(t, e.call("GET", path, nil, e.token), http.StatusNotFound)
}

func TestCreateApplicationAndVersion(t *testing.T) {
	e := newTestEnv(t, "default", nil)
	dev := e.envKey("Development")
	templates := decode[[]struct{ Key, Name, ApplicationKind string }](t, e.must(200, "GET", "/environments/"+dev+"/templates/", nil))
	teams := e.sim.teamsSnapshot()
	body := map[string]any{"TemplateKey": templates[0].Key, "TeamKey": teams[0].Key, "Name": "Expenses", "Description": "d", "Color": "#1A2B3C"}
	created := decode[struct{ ApplicationKey string }](t, e.must(201, "POST", "/environments/"+dev+"/applications/", body))
	wantError(t, e.call("POST", "/environments/"+dev+"/applications/", body), http.StatusBadRequest) // duplicate name
	body["Name"], body["Color"] = "Other", "blue"
	wantError(t, e.call("POST", "/environments/"+dev+"/applications/", body), http.StatusBadRequest)

	ver := map[string]any{"Version": "0.1", "ChangeLog": "first tag", "MobileVersions": nil}
	v := decode[struct{ ApplicationVersionKey string }](t, e.must(201, "POST", "/environments/"+dev+"/applications/"+created.ApplicationKey+"/versions/", ver))
	wantError(t, e.call("POST", "/environments/"+dev+"/applications/"+created.ApplicationKey+"/versions/", ver), http.StatusBadRequest)
	got := decode[struct {
		Key, Version, ChangeLog, EnvironmentKey string
		ModuleVersions                          []struct{ Key string }
	}](t, e.must(200, "GET", "/applications/"+created.ApplicationKey+"/versions/"+v.ApplicationVersionKey+"/?IncludeModules=true", nil))
	if got.Version != "0.1" || got.EnvironmentKey != dev || len(got.ModuleVersions) != 1 {
		t.Fatalf("version = %+v", got)
	}
	// Tagging unmodified running code reuses its module versions.
	v2 := decode[struct{ ApplicationVersionKey string }](t, e.must(201, "POST", "/environments/"+dev+"/applications/"+created.ApplicationKey+"/versions/", map[string]any{"Version": "0.2", "ModuleVersionKeys": []string{got.ModuleVersions[0].Key}}))
	got2 := decode[struct{ ModuleVersions []struct{ Key string } }](t, e.must(200, "GET", "/applications/"+created.ApplicationKey+"/versions/"+v2.ApplicationVersionKey+"/?IncludeModules=true", nil))
	diff(t, "module versions of an unmodified retag", got.ModuleVersions, got2.ModuleVersions)
	if c := e.sim.Counters(); c.ApplicationsCreated != 1 || c.VersionsCreated != 2 {
		t.Errorf("counters = %+v", c)
	}
}

func TestEnvironmentSettings(t *testing.T) {
	e := newTestEnv(t, "default", nil)
	test := e.envKey("Test")
	zones := decode[[]struct {
		Key, Name            string
		IsDefault            bool
		DeploymentTechnology struct{ Key, Name string }
	}](t, e.must(200, "GET", "/environments/"+test+"/deploymentzones/", nil))
	if len(zones) != 1 || !zones[0].IsDefault || zones[0].DeploymentTechnology.Name == "" {
		t.Fatalf("zones = %+v", zones)
	}
	r := e.call("PUT", "/environments/"+test+"/maintenancemode", map[string]any{"IsMaintenanceModeEnabled": true, "Reason": "upgrade"})
	if r.status != 200 || len(r.body) != 0 {
		t.Fatalf("maintenance: %d %q", r.status, r.body)
	}
	if on, reason, _ := e.sim.MaintenanceMode(test); !on || reason != "upgrade" {
		t.Errorf("maintenance = %v %q", on, reason)
	}
	wantError(t, e.call("PUT", "/environments/"+test+"/maintenancemode", map[string]any{"Reason": "x"}), http.StatusBadRequest)

	type directive struct {
		CSPDirectiveId int
		Value          string
		IsSetForEnv    bool
	}
	csp := decode[map[string]directive](t, e.must(200, "GET", "/environments/"+test+"/content_security_policies/", nil))
	if len(csp) != 14 || csp["ScriptSrc"].IsSetForEnv {
		t.Fatalf("csp = %+v", csp)
	}
	res := decode[struct {
		Success        bool
		EnvironmentKey string
	}](t, e.must(200, "PUT", "/environments/"+test+"/content_security_policies/", map[string]any{"ScriptSrc": map[string]any{"Value": "https://cdn.example.test"}}))
	if !res.Success || res.EnvironmentKey != test {
		t.Fatalf("set csp = %+v", res)
	}
	csp = decode[map[string]directive](t, e.must(200, "GET", "/environments/"+test+"/content_security_policies/", nil))
	if csp["ScriptSrc"].Value != "https://cdn.example.test" || !csp["ScriptSrc"].IsSetForEnv {
		t.Fatalf("csp after set = %+v", csp["ScriptSrc"])
	}
	wantError(t, e.call("PUT", "/environments/"+test+"/content_security_policies/", map[string]any{"Bogus": map[string]any{}}), http.StatusBadRequest)
}

func TestSourceCodeAccess(t *testing.T) {
	e := newTestEnv(t, "default", nil)
	test, prod := e.envKey("Test"), e.envKey("Production")
	portal := e.app("Customer Portal")
	wantError(t, e.call("POST", "/environments/"+prod+"/applications/"+portal.Key+"/sourcecodeaccess/", nil), http.StatusBadRequest)
	type status struct {
		PackageKey, Status string
		Messages           []any
	}
	base := "/environments/" + test + "/applications/" + portal.Key + "/sourcecodeaccess/"
	st := decode[status](t, e.must(201, "POST", base, nil))
	if st.Status != "InProgress" || st.Messages == nil {
		t.Fatalf("requested = %+v", st)
	}
	wantError(t, e.call("GET", base+st.PackageKey+"/download/", nil), http.StatusBadRequest)
	e.clock.Advance(30 * time.Second)
	if got := decode[status](t, e.must(201, "GET", base+st.PackageKey+"/status/", nil)); got.Status != "Done" {
		t.Fatalf("status = %+v", got)
	}
	link := decode[struct {
		URL string `json:"url"`
	}](t, e.must(200, "GET", base+st.PackageKey+"/download/", nil))
	if r := e.call("GET", "!"+strings.TrimPrefix(link.URL, e.srv.URL), nil, e.token); r.status != 200 || !strings.Contains(string(r.body), "CustomerPortal") && !strings.Contains(string(r.body), "Customer Portal") {
		t.Fatalf("source download: %d %q", r.status, r.body)
	}
	mod := portal.Modules[0].Key
	mbase := "/environments/" + test + "/modules/" + mod + "/sourcecodeaccess/"
	ms := decode[status](t, e.must(201, "POST", mbase, nil))
	e.clock.Advance(time.Minute)
	e.must(201, "GET", mbase+ms.PackageKey+"/status/", nil)
	e.must(200, "GET", mbase+ms.PackageKey+"/download/", nil)
	wantError(t, e.call("GET", mbase+st.PackageKey+"/status/", nil), http.StatusNotFound) // the app's package is not the module's
	wantError(t, e.call("POST", "/environments/"+test+"/modules/00000000-0000-4000-8000-000000000000/sourcecodeaccess/", nil), http.StatusNotFound)
}

func TestSolutions(t *testing.T) {
	e := newTestEnv(t, "default", nil)
	test := e.envKey("Test")
	core := e.app("Core Services")
	wantError(t, e.call("POST", "/environments/"+test+"/solution", map[string]any{"SolutionName": "s", "ApplicationKeys": []string{}}), http.StatusBadRequest)
	r := e.call("POST", "/environments/"+test+"/solution", map[string]any{"SolutionName": "Release", "ApplicationKeys": []string{core.Key}, "IncludeReferences": true})
	if r.status != 200 || !guidRe.Match(r.body) {
		t.Fatalf("create solution: %d %q", r.status, r.body)
	}
	key := string(r.body)
	st := decode[struct{ Status, StatusReason string }](t, e.must(200, "GET", "/environments/"+test+"/solutionstatus/"+key, nil))
	if st.Status != "Created" {
		t.Fatalf("status = %+v", st)
	}
	wantError(t, e.call("GET", "/environments/"+test+"/solution/"+key, nil), http.StatusBadRequest)
	e.clock.Advance(10 * time.Second)
	if st := decode[struct{ Status string }](t, e.must(200, "GET", "/environments/"+test+"/solutionstatus/"+key+"/", nil)); st.Status == "Created" || st.Status == "Completed" {
		t.Fatalf("midway status = %+v", st)
	}
	e.clock.Advance(10 * time.Second)
	link := decode[struct {
		URL     string `json:"url"`
		Expires string `json:"expires"`
	}](t, e.must(200, "GET", "/environments/"+test+"/solution/"+key, nil))
	if r := e.call("GET", "!"+strings.TrimPrefix(link.URL, e.srv.URL), nil, e.token); r.status != 200 || !strings.Contains(string(r.body), core.Key) {
		t.Fatalf("solution download: %d %q", r.status, r.body)
	}
}
