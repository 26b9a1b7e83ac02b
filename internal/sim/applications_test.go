package sim

import (
	"net/http"
	"testing"
)

func TestApplicationsEndpoints(t *testing.T) {
	e := newTestEnv(t, "default", nil)
	test := e.envKey("Test")
	core := e.app("Core Services")
	type app struct {
		Key, Name, Kind, Team, URLPath, IconURL string
		IsSystem                                bool
		AppStatusInEnvs                         []struct{ EnvironmentKey string }
	}
	apps := decode[[]app](t, e.must(200, "GET", "/applications/", nil))
	if len(apps) != 3 || apps[0].Name != "Core Services" || len(apps[0].AppStatusInEnvs) != 0 {
		t.Fatalf("apps = %+v", apps)
	}
	wantError(t, e.call("GET", "/applications/?IncludeModules=true&IncludeEnvStatus=false", nil), http.StatusBadRequest)
	withStatus := decode[app](t, e.must(200, "GET", "/applications/"+core.Key+"/?IncludeEnvStatus=true", nil))
	if len(withStatus.AppStatusInEnvs) != 3 {
		t.Fatalf("status in envs = %+v", withStatus.AppStatusInEnvs)
	}
	portal := decode[app](t, e.must(200, "GET", "/applications/"+e.app("Customer Portal").Key+"/", nil))
	if portal.Team != "Digital Channels" || portal.URLPath != "/CustomerPortal" {
		t.Errorf("portal = %+v", portal)
	}
	wantError(t, e.call("GET", "/applications/00000000-0000-4000-8000-000000000000/", nil), http.StatusNotFound)

	type version struct {
		Key, Version, ChangeLog, CreatedOn string
		InUse                              bool
	}
	vs := decode[[]version](t, e.must(200, "GET", "/applications/"+core.Key+"/versions/", nil))
	var labels []string
	for _, v := range vs {
		labels = append(labels, v.Version)
	}
	diff(t, "versions newest first", []string{"1.2", "1.1", "1.0"}, labels)
	vs = decode[[]version](t, e.must(200, "GET", "/applications/"+core.Key+"/versions/?MaximumVersionsToReturn=1&ChangeLogFilter=1.1", nil))
	if len(vs) != 1 || vs[0].Version != "1.1" || vs[0].InUse {
		t.Fatalf("filtered = %+v", vs)
	}
	wantError(t, e.call("GET", "/applications/"+core.Key+"/versions/?MaximumVersionsToReturn=-1", nil), http.StatusBadRequest)
	wantError(t, e.call("GET", "/applications/"+core.Key+"/versions/00000000-0000-4000-8000-000000000000/?IncludeModules=false", nil), http.StatusNotFound)

	// Versions in use cannot be deleted; unused ones can.
	inUse := e.latestVersion("Core Services")
	wantError(t, e.call("DELETE", "/applications/"+core.Key+"/versions/"+inUse+"/", nil), http.StatusInternalServerError)
	if r := e.call("DELETE", "/applications/"+core.Key+"/versions/"+vs[0].Key+"/", nil); r.status != http.StatusNoContent {
		t.Fatalf("delete unused: %d %s", r.status, r.body)
	}
	wantError(t, e.call("GET", "/applications/"+core.Key+"/versions/"+vs[0].Key+"/?IncludeModules=true", nil), http.StatusNotFound)

	type config struct {
		Configurations []struct {
			EnvironmentKey        string `json:"environmentKey"`
			IsBlocked             bool   `json:"isBlocked"`
			IsBlockedChangeReason string `json:"isBlockedChangeReason"`
		} `json:"configurations"`
	}
	e.must(204, "PUT", "/applications/"+core.Key+"/configurations/", map[string]any{"configurations": []map[string]any{{"environmentKey": test, "isBlocked": true, "isBlockedChangeReason": "audit"}}})
	cfg := decode[config](t, e.must(200, "GET", "/applications/"+core.Key+"/configurations/", nil))
	if len(cfg.Configurations) != 3 || !cfg.Configurations[1].IsBlocked || cfg.Configurations[1].IsBlockedChangeReason != "audit" || cfg.Configurations[0].IsBlocked {
		t.Fatalf("configurations = %+v", cfg)
	}
	wantError(t, e.call("PUT", "/applications/"+core.Key+"/configurations/", map[string]any{"configurations": []map[string]any{{"environmentKey": "nope", "isBlocked": true}}}), http.StatusNotFound)
}

func TestModulesEndpoints(t *testing.T) {
	e := newTestEnv(t, "default", nil)
	core := e.app("Core Services")
	if r := newTestEnv(t, "", nil).call("GET", "/modules/", nil); r.status != http.StatusNoContent {
		t.Fatalf("no modules: %d", r.status)
	}
	type module struct {
		Key, Name, Description, Kind string
		ModuleStatusInEnv            []struct{ EnvironmentKey, ModuleVersionKey string }
	}
	mods := decode[[]module](t, e.must(200, "GET", "/modules/?IncludeEnvStatus=true", nil))
	if len(mods) != 5 || mods[1].Name != "CoreServices_Lib" || mods[1].Kind != "Extension" || len(mods[1].ModuleStatusInEnv) != 3 {
		t.Fatalf("modules = %+v", mods)
	}
	lib := core.Modules[1].Key
	m := decode[module](t, e.must(200, "GET", "/modules/"+lib+"/", nil))
	if m.Name != "CoreServices_Lib" || len(m.ModuleStatusInEnv) != 0 {
		t.Fatalf("module = %+v", m)
	}
	wantError(t, e.call("GET", "/modules/00000000-0000-4000-8000-000000000000/", nil), http.StatusNotFound)
	mvs := decode[[]struct{ Key, ModuleKey, GeneralHash, CreatedOn string }](t, e.must(200, "GET", "/modules/"+lib+"/versions/?MaximumVersionsToReturn=2", nil))
	if len(mvs) != 2 || mvs[0].ModuleKey != lib || mvs[0].GeneralHash == "" {
		t.Fatalf("module versions = %+v", mvs)
	}
	one := decode[struct{ Key string }](t, e.must(200, "GET", "/modules/"+lib+"/versions/"+mvs[1].Key+"/", nil))
	if one.Key != mvs[1].Key {
		t.Fatalf("module version = %+v", one)
	}
	wantError(t, e.call("GET", "/modules/"+lib+"/versions/00000000-0000-4000-8000-000000000000/", nil), http.StatusNotFound)
	wantError(t, e.call("GET", "/modules/"+lib+"/versions/?MaximumVersionsToReturn=-2", nil), http.StatusBadRequest)
}
