package sim

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestConformance drives every operation of the LifeTime REST API v2
// swagger through HTTP, on its success and on an error path, against the
// "default" scenario; every answer is validated against the swagger, and the
// test fails when an operation was not exercised both ways. The only
// differences tolerated are the rows of knownDifferences.
func TestConformance(t *testing.T) {
	cs := loadConformanceSpec(t)
	clock := NewManualClock(t0)
	s, err := NewScenario("default", Options{Seed: 7, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	rec := &conformanceRecorder{next: s}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	e := &peopleEnv{t: t, sim: s, clock: clock, url: srv.URL, token: s.Token()}

	driveConformance(t, e)

	cov, errs := cs.coverageOf(rec.snapshot())
	for _, err := range errs {
		t.Errorf("conformance: %v", err)
	}
	noSuccess, noFailure := cs.missing(cov)
	if len(noSuccess) > 0 {
		t.Errorf("%d operations never answered 2xx: %v", len(noSuccess), noSuccess)
	}
	if len(noFailure) > 0 {
		t.Errorf("%d operations never answered an error: %v", len(noFailure), noFailure)
	}
	if len(cs.operations) != 86 {
		t.Errorf("the swagger has %d operations, want 86", len(cs.operations))
	}
	t.Logf("validated %d exchanges over %d operations", len(rec.snapshot()), len(cov))
}

// driveConformance calls every operation, checking statuses on the way so
// that a later step can rely on an earlier one.
func driveConformance(t *testing.T, e *peopleEnv) {
	const missing = "00000000-0000-0000-0000-000000000000"
	// Keys come from the API itself, not from the simulator's internals.
	var envs []struct{ Key, Name string }
	e.decode(e.want(200, e.do("GET", "/environments/", nil)), &envs)
	if len(envs) != 3 {
		t.Fatalf("default scenario: %d environments", len(envs))
	}
	dev, test, prod := envs[0].Key, envs[1].Key, envs[2].Key
	e.want(200, e.do("GET", "/environments/"+dev+"/", nil))
	e.wantError(404, e.do("GET", "/environments/"+missing+"/", nil))
	e.wantError(401, e.doAs("", "GET", "/environments/", nil))

	var apps []struct {
		Key, Name       string
		AppStatusInEnvs []struct {
			EnvironmentKey, BaseApplicationVersionKey string
			ModuleStatusInEnvs                        []struct{ ModuleKey, ModuleVersionKey string }
		}
	}
	e.decode(e.want(200, e.do("GET", "/applications/?IncludeEnvStatus=true&IncludeModules=true", nil)), &apps)
	e.wantError(400, e.do("GET", "/applications/?IncludeModules=true", nil))
	appByName := map[string]string{}
	for _, a := range apps {
		appByName[a.Name] = a.Key
	}
	core, portal := appByName["Core Services"], appByName["Customer Portal"]
	if core == "" || portal == "" {
		t.Fatalf("default scenario applications: %+v", apps)
	}
	e.want(200, e.do("GET", "/applications/"+portal+"/?IncludeEnvStatus=true", nil))
	e.wantError(404, e.do("GET", "/applications/"+missing+"/", nil))
	e.want(200, e.do("GET", "/applications/"+portal+"/configurations/", nil))
	e.wantError(404, e.do("GET", "/applications/"+missing+"/configurations/", nil))
	e.want(204, e.do("PUT", "/applications/"+portal+"/configurations/", map[string]any{"configurations": []map[string]any{{"environmentKey": prod, "isBlocked": false, "isBlockedChangeReason": "open"}}}))
	e.wantError(404, e.do("PUT", "/applications/"+missing+"/configurations/", map[string]any{"configurations": []map[string]any{{"environmentKey": prod, "isBlocked": false}}}))

	var versions []struct{ Key, Version string }
	e.decode(e.want(200, e.do("GET", "/applications/"+core+"/versions/", nil)), &versions)
	e.wantError(400, e.do("GET", "/applications/"+core+"/versions/?MaximumVersionsToReturn=-1", nil))
	latestCore := versions[0].Key
	e.want(200, e.do("GET", "/applications/"+core+"/versions/"+latestCore+"/?IncludeModules=true", nil))
	e.wantError(404, e.do("GET", "/applications/"+core+"/versions/"+missing+"/?IncludeModules=true", nil))
	e.want(200, e.do("GET", "/applications/"+core+"/versions/"+latestCore+"/content/", nil))
	e.wantError(404, e.do("GET", "/applications/"+core+"/versions/"+missing+"/content/", nil))

	// Tag a new version from the running code.
	var tag struct{ ApplicationVersionKey string }
	e.decode(e.want(201, e.do("POST", "/environments/"+dev+"/applications/"+portal+"/versions/", map[string]any{"ChangeLog": "conformance", "Version": "2.2", "MobileVersions": nil})), &tag)
	e.wantError(404, e.do("POST", "/environments/"+dev+"/applications/"+missing+"/versions/", map[string]any{"ChangeLog": "bad", "Version": "9.9"}))
	// Core Services 1.1 runs nowhere: it can be discarded.
	if versions[1].Version != "1.1" {
		t.Fatalf("Core Services versions: %+v", versions)
	}
	e.want(204, e.do("DELETE", "/applications/"+core+"/versions/"+versions[1].Key+"/", nil))
	e.wantError(404, e.do("DELETE", "/applications/"+core+"/versions/"+versions[1].Key+"/", nil))

	// Modules.
	var modules []struct{ Key, Name string }
	e.decode(e.want(200, e.do("GET", "/modules/", nil)), &modules)
	e.wantError(401, e.doAs("bad-token", "GET", "/modules/", nil))
	mod := modules[0].Key
	e.want(200, e.do("GET", "/modules/"+mod+"/", nil))
	e.wantError(404, e.do("GET", "/modules/"+missing+"/", nil))
	var modVersions []struct{ Key string }
	e.decode(e.want(200, e.do("GET", "/modules/"+mod+"/versions/", nil)), &modVersions)
	e.wantError(404, e.do("GET", "/modules/"+missing+"/versions/", nil))
	e.want(200, e.do("GET", "/modules/"+mod+"/versions/"+modVersions[0].Key+"/", nil))
	e.wantError(404, e.do("GET", "/modules/"+mod+"/versions/"+missing+"/", nil))

	// Environment details.
	e.want(200, e.do("GET", "/environments/"+dev+"/applications/?IncludeEnvStatus=true", nil))
	e.wantError(404, e.do("GET", "/environments/"+missing+"/applications/", nil))
	e.want(200, e.do("GET", "/environments/"+dev+"/applications/"+portal+"/?IncludeEnvStatus=true&IncludeModules=true", nil))
	e.wantError(404, e.do("GET", "/environments/"+dev+"/applications/"+missing+"/", nil))
	var link struct {
		URL string `json:"url"`
	}
	e.decode(e.want(200, e.do("GET", "/environments/"+dev+"/applications/"+portal+"/content/?Type=oap", nil)), &link)
	// The link points at /downloads/{key}, which the swagger lacks.
	oap := e.want(200, e.send(e.token, "GET", strings.TrimPrefix(link.URL, e.url+restBasePath), "", nil)).body
	e.wantError(404, e.send(e.token, "GET", "/downloads/"+missing, "", nil))
	e.wantError(404, e.do("GET", "/environments/"+missing+"/applications/"+portal+"/content/?Type=oap", nil))
	var zones []struct{ Key string }
	e.decode(e.want(200, e.do("GET", "/environments/"+prod+"/deploymentzones/", nil)), &zones)
	e.wantError(404, e.do("GET", "/environments/"+missing+"/deploymentzones/", nil))
	var templates []struct{ Key string }
	e.decode(e.want(200, e.do("GET", "/environments/"+dev+"/templates/", nil)), &templates)
	e.wantError(404, e.do("GET", "/environments/"+missing+"/templates/", nil))
	e.want(200, e.do("GET", "/environments/"+dev+"/content_security_policies/", nil))
	e.wantError(404, e.do("GET", "/environments/"+missing+"/content_security_policies/", nil))
	e.want(200, e.do("PUT", "/environments/"+dev+"/content_security_policies/", map[string]any{"ScriptSrc": map[string]any{"Value": "'self'", "IsSetForEnv": true}}))
	e.wantError(404, e.do("PUT", "/environments/"+missing+"/content_security_policies/", map[string]any{"ScriptSrc": map[string]any{"Value": "'self'"}}))
	e.want(200, e.do("PUT", "/environments/"+test+"/maintenancemode", map[string]any{"IsMaintenanceModeEnabled": false, "Reason": "open"}))
	e.wantError(400, e.do("PUT", "/environments/"+test+"/maintenancemode", map[string]any{"Reason": "no flag"}))

	// People.
	var teams []struct{ Key string }
	e.decode(e.want(200, e.do("GET", "/teams/", nil)), &teams)
	e.wantError(401, e.doAs("", "GET", "/teams/", nil))
	driveConformancePeople(t, e, dev, portal, missing)

	// Create an application from a template.
	var created struct{ ApplicationKey string }
	e.decode(e.want(201, e.do("POST", "/environments/"+dev+"/applications/", map[string]any{"TemplateKey": templates[0].Key, "TeamKey": teams[0].Key, "Name": "Conformance App", "Color": "#336699"})), &created)
	e.wantError(400, e.do("POST", "/environments/"+dev+"/applications/", map[string]any{"TemplateKey": templates[0].Key, "TeamKey": teams[0].Key, "Name": "No Color"}))

	// Source code access (package build takes simulated time).
	var pkg struct{ PackageKey string }
	e.decode(e.want(201, e.do("POST", "/environments/"+dev+"/applications/"+portal+"/sourcecodeaccess/", nil)), &pkg)
	e.wantError(404, e.do("POST", "/environments/"+dev+"/applications/"+missing+"/sourcecodeaccess/", nil))
	var modPkg struct{ PackageKey string }
	e.decode(e.want(201, e.do("POST", "/environments/"+dev+"/modules/"+mod+"/sourcecodeaccess/", nil)), &modPkg)
	e.wantError(404, e.do("POST", "/environments/"+dev+"/modules/"+missing+"/sourcecodeaccess/", nil))
	e.clock.Advance(10 * time.Minute)
	e.want(201, e.do("GET", "/environments/"+dev+"/applications/"+portal+"/sourcecodeaccess/"+pkg.PackageKey+"/status/", nil))
	e.wantError(404, e.do("GET", "/environments/"+dev+"/applications/"+portal+"/sourcecodeaccess/"+missing+"/status/", nil))
	e.want(200, e.do("GET", "/environments/"+dev+"/applications/"+portal+"/sourcecodeaccess/"+pkg.PackageKey+"/download/", nil))
	e.wantError(404, e.do("GET", "/environments/"+dev+"/applications/"+portal+"/sourcecodeaccess/"+missing+"/download/", nil))
	e.want(201, e.do("GET", "/environments/"+dev+"/modules/"+mod+"/sourcecodeaccess/"+modPkg.PackageKey+"/status/", nil))
	e.wantError(404, e.do("GET", "/environments/"+dev+"/modules/"+mod+"/sourcecodeaccess/"+missing+"/status/", nil))
	e.want(200, e.do("GET", "/environments/"+dev+"/modules/"+mod+"/sourcecodeaccess/"+modPkg.PackageKey+"/download/", nil))
	e.wantError(404, e.do("GET", "/environments/"+dev+"/modules/"+mod+"/sourcecodeaccess/"+missing+"/download/", nil))

	// Solutions.
	solution := e.want(200, e.do("POST", "/environments/"+dev+"/solution", map[string]any{"SolutionName": "Conformance", "ApplicationKeys": []string{portal}, "IncludeReferences": true})).body
	solution = strings.Trim(strings.TrimSpace(solution), `"`)
	e.wantError(400, e.do("POST", "/environments/"+dev+"/solution", map[string]any{"ApplicationKeys": []string{}}))
	e.wantError(400, e.do("GET", "/environments/"+dev+"/solution/"+solution, nil)) // not completed yet
	e.clock.Advance(10 * time.Minute)
	e.want(200, e.do("GET", "/environments/"+dev+"/solutionstatus/"+solution, nil))
	e.wantError(400, e.do("GET", "/environments/"+dev+"/solutionstatus/"+missing, nil))
	e.want(200, e.do("GET", "/environments/"+dev+"/solution/"+solution, nil))

	driveConformanceDeployments(t, e, dev, test, prod, latestCore, missing, oap)

	// A token without the permission gets 403, documented or not.
	reader, err := e.sim.AddServiceAccount(ServiceAccount{Username: "conformance-reader", Permissions: []Permission{PermRead}})
	if err != nil {
		t.Fatal(err)
	}
	e.wantError(403, e.doAs(reader.Token, "POST", "/environments/"+dev+"/dbconnections/", map[string]any{"dbConnectionName": "x"}))
	e.wantError(403, e.doAs(reader.Token, "POST", "/deployments/", map[string]any{}))

	// Token renewal last: it replaces the token.
	e.wantError(400, e.do("POST", "/auth/tokens/", map[string]any{"timePeriod": -1, "unit": "M"}))
	var renewed struct{ Token string }
	e.decode(e.want(200, e.do("POST", "/auth/tokens/", map[string]any{"timePeriod": 1, "unit": "M"})), &renewed)
	e.token = renewed.Token
	e.want(200, e.do("GET", "/environments/", nil))

	// While the console is upgraded, the API answers 503.
	if err := e.sim.UpgradeConsole("11.30.1", 30*time.Minute); err != nil {
		t.Fatal(err)
	}
	e.want(503, e.do("GET", "/environments/", nil))
	e.clock.Advance(31 * time.Minute)
	e.want(200, e.do("GET", "/environments/", nil))
}

// driveConformancePeople exercises users, roles, teams, blocked logins and
// DB connections.
func driveConformancePeople(t *testing.T, e *peopleEnv, env, app, missing string) {
	t.Helper()
	var roles []struct {
		Key  string `json:"Key"`
		Name string `json:"name"`
	}
	e.decode(e.want(200, e.do("GET", "/roles/?IncludeEnvPermissions=true", nil)), &roles)
	e.wantError(401, e.doAs("", "GET", "/roles/", nil))
	roleKey := roles[1].Key
	e.want(200, e.do("GET", "/roles/"+roleKey+"/?IncludeEnvPermissions=true", nil))
	e.wantError(404, e.do("GET", "/roles/"+missing+"/", nil))
	e.want(200, e.do("GET", "/roles/permissionlevels/", nil))
	e.wantError(401, e.doAs("", "GET", "/roles/permissionlevels/", nil))
	newRole := e.want(201, e.do("POST", "/roles/", map[string]any{"name": "Auditor", "manageTeams": false})).body
	e.wantError(400, e.do("POST", "/roles/", map[string]any{"name": ""}))
	e.want(200, e.do("PUT", "/roles/"+newRole+"/", map[string]any{"name": "Auditors", "environmentPermissions": []map[string]any{{"environmentKey": env, "level": 3}}}))
	e.wantError(404, e.do("PUT", "/roles/"+missing+"/", map[string]any{"name": "x"}))

	var users []struct{ Key, Username string }
	e.decode(e.want(200, e.do("GET", "/users/?IncludeTeams=true&IncludeApplicationRoles=true", nil)), &users)
	e.wantError(401, e.doAs("", "GET", "/users/", nil))
	var userKey string
	e.decode(e.want(201, e.do("POST", "/users/", map[string]any{"Username": "conformance", "Name": "Conformance", "Email": "c@example.test", "RoleKey": newRole})), &userKey)
	e.wantError(400, e.do("POST", "/users/", map[string]any{"Username": "conformance", "Name": "Again", "RoleKey": newRole}))
	e.want(200, e.do("GET", "/users/"+userKey+"/?includeTeams=true&includeApplicationRoles=true", nil))
	e.wantError(404, e.do("GET", "/users/"+missing+"/", nil))
	e.want(200, e.do("PUT", "/users/"+userKey+"/", map[string]any{"Email": "conf@example.test"}))
	e.wantError(404, e.do("PUT", "/users/"+missing+"/", map[string]any{"Email": "x"}))
	e.want(200, e.do("POST", "/users/"+userKey+"/setpassword/", map[string]any{"password": "long-enough"}))
	e.wantError(400, e.do("POST", "/users/"+userKey+"/setpassword/", map[string]any{"password": "short"}))
	e.want(201, e.do("POST", "/users/"+userKey+"/applications/", map[string]any{"applicationKey": app, "roleKey": roleKey}))
	e.wantError(400, e.do("POST", "/users/"+userKey+"/applications/", map[string]any{"applicationKey": missing, "roleKey": roleKey}))
	e.want(204, e.do("DELETE", "/users/"+userKey+"/applications/"+app+"/", nil))
	e.wantError(404, e.do("DELETE", "/users/"+userKey+"/applications/"+app+"/", nil))

	// Blocked logins (the default scenario has one for ana.silva).
	blocked := ""
	for _, u := range users {
		if u.Username == "ana.silva" {
			blocked = u.Key
		}
	}
	e.want(200, e.do("GET", "/users/"+blocked+"/blockedlogins/", nil))
	e.wantError(404, e.do("GET", "/users/"+missing+"/blockedlogins/", nil))
	e.want(200, e.do("GET", "/environments/blockedipaddresses/", nil))
	e.wantError(404, e.do("GET", "/environments/blockedipaddresses/?EnvironmentKey="+missing, nil))
	e.want(200, e.do("DELETE", "/environments/blockedipaddresses/198.51.100.23/", nil))
	e.wantError(404, e.do("DELETE", "/environments/blockedipaddresses/198.51.100.23/?EnvironmentKey="+missing, nil))
	e.want(200, e.do("DELETE", "/users/"+blocked+"/blockedlogins/", nil))
	e.wantError(404, e.do("DELETE", "/users/"+missing+"/blockedlogins/", nil))

	// Teams.
	var team struct {
		Key string `json:"key"`
	}
	e.decode(e.want(201, e.do("POST", "/teams/", map[string]any{"name": "Conformance Team", "description": "x"})), &team)
	e.wantError(400, e.do("POST", "/teams/", map[string]any{"name": ""}))
	e.want(200, e.do("GET", "/teams/"+team.Key+"/?IncludeUsers=true&IncludeApplications=true", nil))
	e.wantError(404, e.do("GET", "/teams/"+missing+"/", nil))
	e.want(200, e.do("PUT", "/teams/"+team.Key+"/", map[string]any{"name": "Conformance Team 2"}))
	e.wantError(404, e.do("PUT", "/teams/"+missing+"/", map[string]any{"name": "x"}))
	e.want(201, e.do("POST", "/teams/"+team.Key+"/applications/", map[string]any{"Key": app}))
	e.wantError(400, e.do("POST", "/teams/"+team.Key+"/applications/", map[string]any{"Key": missing}))
	e.want(201, e.do("POST", "/teams/"+team.Key+"/users/", map[string]any{"userKey": userKey, "roleKey": roleKey}))
	e.wantError(400, e.do("POST", "/teams/"+team.Key+"/users/", map[string]any{"userKey": missing, "roleKey": roleKey}))
	e.want(200, e.do("DELETE", "/teams/"+team.Key+"/applications/"+app, nil))
	e.wantError(404, e.do("DELETE", "/teams/"+team.Key+"/applications/"+app, nil))
	e.want(200, e.do("DELETE", "/teams/"+team.Key+"/users/"+userKey+"/", nil))
	e.wantError(404, e.do("DELETE", "/teams/"+team.Key+"/users/"+userKey+"/", nil))
	e.want(204, e.do("DELETE", "/teams/"+team.Key+"/", nil))
	e.wantError(404, e.do("DELETE", "/teams/"+team.Key+"/", nil))

	// The role can go once its user has another one.
	e.wantError(400, e.do("DELETE", "/roles/"+newRole+"/", nil))
	e.want(204, e.do("DELETE", "/roles/"+newRole+"/?UsersNewRoleKey="+roleKey, nil))

	// DB connections.
	base := "/environments/" + env + "/dbconnections/"
	e.want(200, e.do("GET", base, nil))
	e.wantError(404, e.do("GET", "/environments/"+missing+"/dbconnections/", nil))
	conn := map[string]any{"dbConnectionName": "Conformance", "providerKey": "SqlServer", "description": "x", "dbUsername": "u", "dbPassword": "p", "dbConfigParams": ""}
	e.want(201, e.do("POST", base, conn))
	e.wantError(400, e.do("POST", base, conn))
	e.want(200, e.do("GET", base+"Conformance/", nil))
	e.wantError(404, e.do("GET", base+"Nope/", nil))
	e.want(200, e.do("PUT", base+"Conformance/", conn))
	e.wantError(404, e.do("PUT", base+"Nope/", conn))
	e.want(200, e.do("PUT", base+"Conformance/rolepermissionlevel/", map[string]any{"role": roles[1].Name, "permissionLevel": 1}))
	e.wantError(400, e.do("PUT", base+"Conformance/rolepermissionlevel/", map[string]any{"role": roles[1].Name, "permissionLevel": 9}))
	e.want(200, e.do("GET", base+"Conformance/rolepermissionlevel/"+roles[1].Name+"/", nil))
	e.wantError(404, e.do("GET", base+"Nope/rolepermissionlevel/"+roles[1].Name+"/", nil))
	e.want(200, e.do("DELETE", base+"Conformance/rolepermissionlevel/", map[string]any{"role": roles[1].Name}))
	e.wantError(404, e.do("DELETE", base+"Nope/rolepermissionlevel/", map[string]any{"role": roles[1].Name}))
	e.want(200, e.do("PUT", base+"Conformance/userpermissionlevel/", map[string]any{"username": "conformance", "permissionLevel": 2}))
	e.wantError(404, e.do("PUT", base+"Conformance/userpermissionlevel/", map[string]any{"username": "ghost", "permissionLevel": 2}))
	e.want(200, e.do("GET", base+"Conformance/userpermissionlevel/conformance/", nil))
	e.wantError(404, e.do("GET", base+"Conformance/userpermissionlevel/ghost/", nil))
	e.want(200, e.do("DELETE", base+"Conformance/userpermissionlevel/", map[string]any{"username": "conformance"}))
	e.wantError(400, e.do("DELETE", base+"Conformance/userpermissionlevel/", map[string]any{}))
	e.want(200, e.do("GET", "/environments/"+env+"/dbconnection/dbproviders/", nil))
	e.wantError(404, e.do("GET", "/environments/"+missing+"/dbconnection/dbproviders/", nil))
	e.want(200, e.do("GET", "/environments/dbconnection/permissionlevels/", nil))
	e.wantError(401, e.doAs("", "GET", "/environments/dbconnection/permissionlevels/", nil))
	e.want(200, e.do("POST", "/environments/"+env+"/testdbconnection/", conn))
	e.wantError(400, e.do("POST", "/environments/"+env+"/testdbconnection/", map[string]any{"dbConnectionName": "x"}))
	e.want(204, e.do("DELETE", base+"Conformance/", nil))
	e.wantError(404, e.do("DELETE", base+"Conformance/", nil))
}

// driveConformanceDeployments exercises deployments (plans, commands,
// status, DB mappings, binary deployments) and environment registration.
func driveConformanceDeployments(t *testing.T, e *peopleEnv, dev, test, prod, coreVersion, missing, oap string) {
	t.Helper()
	plan := func(target string) map[string]any {
		return map[string]any{"Notes": "conformance", "SourceEnvironmentKey": dev, "TargetEnvironmentKey": target,
			"ApplicationOperations": []map[string]any{{"ApplicationVersionKey": coreVersion, "DeploymentZoneKey": ""}}}
	}
	key := strings.TrimSpace(e.want(201, e.do("POST", "/deployments/", plan(test))).body)
	e.wantError(404, e.do("POST", "/deployments/", plan(missing)))
	e.want(200, e.do("GET", "/deployments/", nil))
	e.wantError(400, e.do("GET", "/deployments/?MinDate=yesterday", nil))
	e.want(200, e.do("GET", "/deployments/"+key+"/", nil))
	e.wantError(404, e.do("GET", "/deployments/"+missing+"/", nil))
	e.want(200, e.do("PUT", "/deployments/"+key+"/", plan(test)))
	e.wantError(404, e.do("PUT", "/deployments/"+missing+"/", plan(test)))
	e.want(200, e.do("GET", "/deployments/"+key+"/status/", nil))
	e.wantError(404, e.do("GET", "/deployments/"+missing+"/status/", nil))
	e.want(202, e.do("POST", "/deployments/"+key+"/start/", nil))
	e.wantError(400, e.do("POST", "/deployments/"+key+"/start/", nil))
	e.wantError(400, e.do("DELETE", "/deployments/"+key+"/", nil)) // only saved plans can be deleted
	e.clock.Advance(time.Hour)

	saved := strings.TrimSpace(e.want(201, e.do("POST", "/deployments/", plan(prod))).body)
	e.want(204, e.do("DELETE", "/deployments/"+saved+"/", nil))
	e.wantError(404, e.do("DELETE", "/deployments/"+saved+"/", nil))

	// A newly registered environment has no DB mapping for Core Services'
	// extension: the deployment stops for configuration.
	var reg struct{ EnvironmentKey string }
	e.decode(e.want(201, e.do("POST", "/environments/", map[string]any{"EnvironmentName": "Staging", "EnvironmentAddress": "staging.example.test", "ServiceCenterUsername": "admin", "ServiceCenterPassword": "admin", "LifeTimeAddress": "lifetime.example.test", "EnvironmentPosition": 2})), &reg)
	e.wantError(400, e.do("POST", "/environments/", map[string]any{"EnvironmentName": "No address"}))
	stage := strings.TrimSpace(e.want(201, e.do("POST", "/deployments/", plan(reg.EnvironmentKey))).body)
	e.want(202, e.do("POST", "/deployments/"+stage+"/start/", nil))
	e.clock.Advance(time.Hour)
	var mappings []struct{ ExtensionKey, LogicalDatabase string }
	e.decode(e.want(200, e.do("GET", "/deployments/"+stage+"/getmissingdbmappings/", nil)), &mappings)
	e.wantError(400, e.do("GET", "/deployments/"+missing+"/getmissingdbmappings/", nil))
	if len(mappings) == 0 {
		t.Fatalf("deployment to a new environment has no missing DB mappings")
	}
	e.wantError(400, e.do("POST", "/deployments/"+key+"/configuration/", []map[string]any{}))
	var connections []struct{ DBConnectionName string }
	e.want(201, e.do("POST", "/environments/"+reg.EnvironmentKey+"/dbconnections/", map[string]any{"dbConnectionName": "StagingCore", "providerKey": "SqlServer", "dbUsername": "u", "dbPassword": "p"}))
	e.decode(e.want(200, e.do("GET", "/environments/"+reg.EnvironmentKey+"/dbconnections/", nil)), &connections)
	e.want(200, e.do("POST", "/deployments/"+stage+"/configuration/", []map[string]any{{"ExtensionKey": mappings[0].ExtensionKey, "DBMapping": []map[string]any{{"DatabaseName": connections[0].DBConnectionName, "LogicalDatabaseName": mappings[0].LogicalDatabase}}}}))
	e.clock.Advance(time.Hour)
	e.want(204, e.do("DELETE", "/environments/"+reg.EnvironmentKey, nil))
	e.wantError(404, e.do("DELETE", "/environments/"+reg.EnvironmentKey, nil))

	// Binary deployment.
	e.want(201, e.send(e.token, "POST", "/environments/"+test+"/deployment/", "application/octet-stream", strings.NewReader(oap)))
	e.wantError(404, e.send(e.token, "POST", "/environments/"+missing+"/deployment/", "application/octet-stream", strings.NewReader(oap)))
}
