package sim

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

var guidRe = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// plan is the JSON body of Deployments_Create.
func plan(source, target string, versionKeys ...string) map[string]any {
	var ops []map[string]string
	for _, k := range versionKeys {
		ops = append(ops, map[string]string{"ApplicationVersionKey": k, "DeploymentZoneKey": ""})
	}
	return map[string]any{"Notes": "test", "SourceEnvironmentKey": source, "TargetEnvironmentKey": target, "ApplicationOperations": ops}
}

// createPlan creates a plan and returns its key (plain-text body, 201).
func (e *testEnv) createPlan(source, target string, versionKeys ...string) string {
	e.t.Helper()
	r := e.call("POST", "/deployments/", plan(source, target, versionKeys...))
	if r.status != http.StatusCreated {
		e.t.Fatalf("create deployment: %d %s", r.status, r.body)
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		e.t.Errorf("create deployment Content-Type %q, want text/plain", ct)
	}
	key := string(r.body)
	if !guidRe.MatchString(key) {
		e.t.Fatalf("create deployment body %q is not a bare GUID", key)
	}
	return key
}

type statusBody struct {
	DeploymentStatus string
	Info             string
	DeploymentLog    []struct{ Instant, Message, Type string }
}

func (e *testEnv) status(key string) statusBody {
	e.t.Helper()
	return decode[statusBody](e.t, e.must(200, "GET", "/deployments/"+key+"/status/", nil))
}

func (e *testEnv) command(key, cmd string, want int) response {
	e.t.Helper()
	name, query, _ := strings.Cut(cmd, "?")
	path := "/deployments/" + key + "/" + name + "/"
	if query != "" {
		path += "?" + query
	}
	r := e.call("POST", path, nil)
	if r.status != want {
		e.t.Fatalf("%s: status %d, want %d: %s", cmd, r.status, want, r.body)
	}
	if want == http.StatusAccepted && len(r.body) != 0 {
		e.t.Errorf("%s: 202 with body %q, want empty", cmd, r.body)
	}
	return r
}

func TestDeploymentLifecycleSuccessful(t *testing.T) {
	e := newTestEnv(t, "default", nil)
	dev, test := e.envKey("Development"), e.envKey("Test")
	portal := e.app("Customer Portal")
	v := e.latestVersion("Core Services")
	key := e.createPlan(dev, test, v)

	type details struct {
		Deployment struct {
			Key, SourceEnvironmentKey, TargetEnvironmentKey, StartedOn, AbortedOn string
			ApplicationOperations                                                 []struct{ ApplicationKey, ApplicationVersionKey, DeploymentOperation, DeploymentZoneKey string }
		}
		ApplicationsToRedeploy []string
		ApplicationConflicts   []any
	}
	got := decode[details](t, e.must(200, "GET", "/deployments/"+key+"/", nil))
	if got.Deployment.StartedOn != "1900-01-01T00:00:00" || got.Deployment.AbortedOn != "1900-01-01T00:00:00" {
		t.Errorf("unset dates = %q, %q; want 1900-01-01T00:00:00", got.Deployment.StartedOn, got.Deployment.AbortedOn)
	}
	if len(got.ApplicationConflicts) != 0 || len(got.Deployment.ApplicationOperations) != 1 || got.Deployment.ApplicationOperations[0].DeploymentOperation != "Deploy 1.2" {
		t.Errorf("details = %+v", got)
	}
	diff(t, "ApplicationsToRedeploy", []string{portal.Key}, got.ApplicationsToRedeploy)
	if st := e.status(key); st.DeploymentStatus != "saved" || len(st.DeploymentLog) != 0 {
		t.Fatalf("new plan status = %+v", st)
	}
	// PUT while saved works; commands in the wrong state are refused.
	e.must(200, "PUT", "/deployments/"+key+"/", plan(dev, test, v))
	wantError(t, e.call("POST", "/deployments/"+key+"/continue/", nil), http.StatusBadRequest)
	wantError(t, e.call("POST", "/deployments/"+key+"/explode/", nil), http.StatusNotFound)

	e.command(key, "start", http.StatusAccepted)
	wantError(t, e.call("DELETE", "/deployments/"+key+"/", nil), http.StatusBadRequest)
	wantError(t, e.call("PUT", "/deployments/"+key+"/", plan(dev, test, v)), http.StatusBadRequest)
	st := e.status(key)
	if st.DeploymentStatus != "running" || len(st.DeploymentLog) != 1 {
		t.Fatalf("just started: %+v", st)
	}
	e.clock.Advance(time.Minute) // half of the default 2-minute step
	mid := e.status(key)
	if mid.DeploymentStatus != "running" || len(mid.DeploymentLog) <= len(st.DeploymentLog) {
		t.Fatalf("log did not grow: %+v", mid)
	}
	e.clock.Advance(time.Minute)
	end := e.status(key)
	if end.DeploymentStatus != "finished_successful" || end.Info != "" {
		t.Fatalf("after the step: %+v", end)
	}
	last := end.DeploymentLog[len(end.DeploymentLog)-1]
	if last.Message != "Deployment plan finished successfully." || last.Instant != "2026-03-02T09:02:00Z" {
		t.Errorf("last log entry = %+v", last)
	}
	run, _ := e.sim.Running(test, e.app("Core Services").Key)
	if run.VersionKey != v || run.IsModified {
		t.Errorf("target runs %+v, want version %s", run, v)
	}
	wantError(t, e.call("POST", "/deployments/"+key+"/abort/", nil), http.StatusBadRequest)
	if c := e.sim.Counters(); c.DeploymentsCreated != 1 || c.Commands["start"] != 1 || c.Requests["Deployments_GetStatus"] < 4 {
		t.Errorf("counters = %+v", c)
	}
}

func TestDeploymentTwoStageAndAbort(t *testing.T) {
	e := newTestEnv(t, "default", nil)
	dev, test, prod := e.envKey("Development"), e.envKey("Test"), e.envKey("Production")
	core := e.app("Core Services")
	if err := e.sim.SetApplicationBehaviour(core.Key, DeploymentBehaviour{StepDuration: 10 * time.Minute, Pauses: []string{InfoDeploymentPrepared}, Outcome: OutcomeWarnings}); err != nil {
		t.Fatal(err)
	}
	key := e.createPlan(test, prod, e.latestVersion("Core Services"))
	e.command(key, "start", http.StatusAccepted)
	e.clock.Advance(10 * time.Minute)
	if st := e.status(key); st.DeploymentStatus != "needs_user_intervention" || st.Info != "deployment_prepared" {
		t.Fatalf("after stage one: %+v", st)
	}
	e.command(key, "continue", http.StatusAccepted)
	e.clock.Advance(10 * time.Minute)
	st := e.status(key)
	if st.DeploymentStatus != "finished_with_warnings" {
		t.Fatalf("after stage two: %+v", st)
	}
	var warned bool
	for _, m := range st.DeploymentLog {
		warned = warned || m.Type == "Warning"
	}
	if !warned {
		t.Errorf("no Warning in log %+v", st.DeploymentLog)
	}

	// Abort: allowed early in a step, refused once staging reached the
	// target's platform server (second half of the step).
	if err := e.sim.SetApplicationBehaviour(core.Key, DeploymentBehaviour{}); err != nil {
		t.Fatal(err)
	}
	late := e.createPlan(dev, test, e.latestVersion("Core Services"))
	e.command(late, "start", http.StatusAccepted)
	e.clock.Advance(90 * time.Second)
	wantError(t, e.call("POST", "/deployments/"+late+"/abort/", nil), http.StatusBadRequest)
	e.clock.Advance(time.Minute)
	early := e.createPlan(dev, test, e.latestVersion("Core Services"))
	e.command(early, "start", http.StatusAccepted)
	e.clock.Advance(10 * time.Second)
	e.command(early, "abort", http.StatusAccepted)
	if st := e.status(early); st.DeploymentStatus != "aborting" {
		t.Fatalf("after abort: %+v", st)
	}
	e.clock.Advance(abortDuration)
	if st := e.status(early); st.DeploymentStatus != "aborted" {
		t.Fatalf("after aborting: %+v", st)
	}
	d, _ := e.sim.Deployment(early)
	if d.AbortedOn.IsZero() {
		t.Error("AbortedOn not set")
	}
}

func TestDeploymentErrorsForceFinishAndDelete(t *testing.T) {
	e := newTestEnv(t, "default", nil)
	dev, test := e.envKey("Development"), e.envKey("Test")
	key := e.createPlan(dev, test, e.latestVersion("Core Services"))
	if err := e.sim.SetDeploymentBehaviour(key, DeploymentBehaviour{StepDuration: time.Minute, Outcome: OutcomeErrors, FailingModule: "CoreServices_CS"}); err != nil {
		t.Fatal(err)
	}
	before, _ := e.sim.Running(test, e.app("Core Services").Key)
	e.command(key, "start", http.StatusAccepted)
	e.clock.Advance(time.Minute)
	st := e.status(key)
	if st.DeploymentStatus != "finished_with_errors" || !strings.Contains(st.DeploymentLog[len(st.DeploymentLog)-2].Message, "CoreServices_CS") {
		t.Fatalf("errors outcome: %+v", st)
	}
	after, _ := e.sim.Running(test, e.app("Core Services").Key)
	diff(t, "running after a failed deployment", before, after)

	other := e.createPlan(dev, test, e.latestVersion("Core Services"))
	e.command(other, "start", http.StatusAccepted)
	if err := e.sim.ForceFinish(other); err != nil {
		t.Fatal(err)
	}
	if st := e.status(other); st.DeploymentStatus != "force_finished" {
		t.Fatalf("force finished: %+v", st)
	}
	saved := e.createPlan(dev, test, e.latestVersion("Core Services"))
	if r := e.call("DELETE", "/deployments/"+saved+"/", nil); r.status != http.StatusNoContent || len(r.body) != 0 {
		t.Fatalf("delete saved: %d %q", r.status, r.body)
	}
	wantError(t, e.call("GET", "/deployments/"+saved+"/", nil), http.StatusNotFound)
}

func TestDeploymentDBMappingPause(t *testing.T) {
	e := newTestEnv(t, "default", nil)
	dev, test := e.envKey("Development"), e.envKey("Test")
	lib, err := e.sim.AddApplication(Application{Name: "Payments Connector", Modules: []Module{{Name: "PaymentsConnector", Kind: "Extension", LogicalDatabases: []string{"PaymentsDB"}}}})
	if err != nil {
		t.Fatal(err)
	}
	v, err := e.sim.TagVersion(lib.Key, dev, "1.0", "first")
	if err != nil {
		t.Fatal(err)
	}
	if err := e.sim.MapLogicalDatabase(dev, lib.Modules[0].Key, "PaymentsDB", "CoreDB_Development"); err != nil {
		t.Fatal(err)
	}
	key := e.createPlan(dev, test, v.Key)
	wantError(t, e.call("POST", "/deployments/"+key+"/configuration/", []any{}), http.StatusBadRequest)
	e.command(key, "start", http.StatusAccepted)
	e.clock.Advance(2 * time.Minute)
	st := e.status(key)
	if st.DeploymentStatus != "needs_user_intervention" || st.Info != "needs_configuration_or_confirmation" {
		t.Fatalf("want the DB-mapping pause: %+v", st)
	}
	missing := decode[[]map[string]string](t, e.must(200, "GET", "/deployments/"+key+"/getmissingdbmappings/", nil))
	diff(t, "missing mappings", []map[string]string{{"ExtensionKey": lib.Modules[0].Key, "ExtensionName": "PaymentsConnector", "LogicalDatabase": "PaymentsDB"}}, missing)
	bad := []map[string]any{{"ExtensionKey": lib.Modules[0].Key, "DBMapping": []map[string]string{{"DatabaseName": "NoSuchConnection", "LogicalDatabaseName": "PaymentsDB"}}}}
	wantError(t, e.call("POST", "/deployments/"+key+"/configuration/", bad), http.StatusBadRequest)
	good := []map[string]any{{"ExtensionKey": lib.Modules[0].Key, "DBMapping": []map[string]string{{"DatabaseName": "CoreDB_Test", "LogicalDatabaseName": "PaymentsDB"}}}}
	e.must(200, "POST", "/deployments/"+key+"/configuration/", good)
	if st := e.status(key); st.DeploymentStatus != "running" {
		t.Fatalf("configuration did not resume: %+v", st)
	}
	e.clock.Advance(2 * time.Minute)
	if st := e.status(key); st.DeploymentStatus != "finished_successful" {
		t.Fatalf("after mapping: %+v", st)
	}
	wantError(t, e.call("GET", "/deployments/00000000-0000-4000-8000-000000000000/getmissingdbmappings/", nil), http.StatusBadRequest)
}

func TestDeploymentValidationAndConflicts(t *testing.T) {
	e := newTestEnv(t, "default", nil)
	dev, test, prod := e.envKey("Development"), e.envKey("Test"), e.envKey("Production")
	wantError(t, e.call("POST", "/deployments/", "{not json"), http.StatusBadRequest)
	wantError(t, e.call("POST", "/deployments/", plan(dev, "00000000-0000-4000-8000-000000000000", e.latestVersion("Core Services"))), http.StatusNotFound)
	wantError(t, e.call("POST", "/deployments/", plan(dev, test, "00000000-0000-4000-8000-000000000000")), http.StatusBadRequest)
	wantError(t, e.call("POST", "/deployments/", plan(dev, test)), http.StatusBadRequest)

	// A consumer without its producer in the target is a conflict, and start
	// is refused unless ContinueWithErrors is sent.
	producer, err := e.sim.AddApplication(Application{Name: "Rates"})
	if err != nil {
		t.Fatal(err)
	}
	consumer, err := e.sim.AddApplication(Application{Name: "Quotes", DependsOn: []string{producer.Key}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.sim.TagVersion(producer.Key, dev, "1.0", ""); err != nil {
		t.Fatal(err)
	}
	cv, err := e.sim.TagVersion(consumer.Key, dev, "1.0", "")
	if err != nil {
		t.Fatal(err)
	}
	key := e.createPlan(dev, prod, cv.Key)
	type conflicts struct {
		ApplicationConflicts []struct {
			Message        string
			ModuleConflict struct{ ConflictType string }
		}
	}
	got := decode[conflicts](t, e.must(200, "GET", "/deployments/"+key+"/", nil))
	if len(got.ApplicationConflicts) != 1 || got.ApplicationConflicts[0].ModuleConflict.ConflictType != "Producer Module Missing" {
		t.Fatalf("conflicts = %+v", got)
	}
	wantError(t, e.call("POST", "/deployments/"+key+"/start/?RedeployOutdated=True", nil), http.StatusBadRequest)
	e.command(key, "start?RedeployOutdated=False&ContinueWithErrors=True", http.StatusAccepted)

	// Blocked applications cannot be added to plans.
	core := e.app("Core Services")
	e.must(204, "PUT", "/applications/"+core.Key+"/configurations/", map[string]any{"configurations": []map[string]any{{"environmentKey": test, "isBlocked": true, "isBlockedChangeReason": "freeze"}}})
	wantError(t, e.call("POST", "/deployments/", plan(dev, test, e.latestVersion("Core Services"))), http.StatusBadRequest)

	// Maintenance mode refuses start.
	e.must(204, "PUT", "/applications/"+core.Key+"/configurations/", map[string]any{"configurations": []map[string]any{{"environmentKey": test, "isBlocked": false}}})
	key2 := e.createPlan(dev, test, e.latestVersion("Core Services"))
	e.must(200, "PUT", "/environments/"+test+"/maintenancemode", map[string]any{"IsMaintenanceModeEnabled": true, "Reason": "patching"})
	wantError(t, e.call("POST", "/deployments/"+key2+"/start/", nil), http.StatusBadRequest)
	e.must(200, "PUT", "/environments/"+test+"/maintenancemode", map[string]any{"IsMaintenanceModeEnabled": false})
	e.command(key2, "start", http.StatusAccepted)
}

func TestParallelDeploymentLimits(t *testing.T) {
	for _, tc := range []struct {
		console                 string
		secondCreate            int
		secondStart, thirdStart int
	}{
		// Before 11.21.0 one plan per target exists at a time.
		{console: "11.20.2", secondCreate: http.StatusBadRequest},
		// 11.21.0 - 11.23.x: plans can be created, one runs at a time.
		{console: "11.22.0", secondCreate: http.StatusCreated, secondStart: http.StatusBadRequest},
		// 11.24.0+: plans run in parallel unless they share an application.
		{console: "11.24.0", secondCreate: http.StatusCreated, secondStart: http.StatusAccepted, thirdStart: http.StatusBadRequest},
	} {
		t.Run(tc.console, func(t *testing.T) {
			e := newTestEnv(t, "default", func(o *Options) { o.ConsoleVersion = tc.console })
			dev, test := e.envKey("Development"), e.envKey("Test")
			first := e.createPlan(dev, test, e.latestVersion("Core Services"))
			e.command(first, "start", http.StatusAccepted)
			r := e.call("POST", "/deployments/", plan(dev, test, e.latestVersion("Field Inspections")))
			if r.status != tc.secondCreate {
				t.Fatalf("second create: %d %s", r.status, r.body)
			}
			if tc.secondStart == 0 {
				return
			}
			e.command(string(r.body), "start", tc.secondStart)
			third := e.createPlan(dev, test, e.latestVersion("Core Services"))
			if tc.thirdStart != 0 {
				e.command(third, "start", tc.thirdStart) // shares Core Services with the first
			}
			e.clock.Advance(5 * time.Minute)
			e.command(third, "start", http.StatusAccepted)
		})
	}
	t.Run("limit", func(t *testing.T) {
		e := newTestEnv(t, "default", nil)
		dev, test := e.envKey("Development"), e.envKey("Test")
		if err := e.sim.UpdateEnvironment(test, func(env *Environment) { env.ParallelDeploymentLimit = 1 }); err != nil {
			t.Fatal(err)
		}
		first := e.createPlan(dev, test, e.latestVersion("Core Services"))
		e.command(first, "start", http.StatusAccepted)
		second := e.createPlan(dev, test, e.latestVersion("Field Inspections"))
		e.command(second, "start", http.StatusBadRequest)
	})
}

func TestDeploymentsList(t *testing.T) {
	e := newTestEnv(t, "default", nil)
	dev, test, prod := e.envKey("Development"), e.envKey("Test"), e.envKey("Production")
	if r := e.call("GET", "/deployments/", nil); r.status != http.StatusNoContent || len(r.body) != 0 {
		t.Fatalf("empty list: %d %q", r.status, r.body)
	}
	a := e.createPlan(dev, test, e.latestVersion("Core Services"))
	e.clock.Advance(24 * time.Hour)
	b := e.createPlan(test, prod, e.latestVersion("Core Services"))
	keys := func(path string) []string {
		var out []string
		for _, d := range decode[[]struct{ Key string }](t, e.must(200, "GET", path, nil)) {
			out = append(out, d.Key)
		}
		return out
	}
	diff(t, "all, newest first", []string{b, a}, keys("/deployments/"))
	diff(t, "by target", []string{a}, keys("/deployments/?TargetEnvironmentKey="+test))
	diff(t, "by date", []string{a}, keys("/deployments/?MinDate=2026-03-02&MaxDate=2026-03-02"))
	wantError(t, e.call("GET", "/deployments/?MinDate=yesterday", nil), http.StatusBadRequest)
}

func TestBinaryDeployment(t *testing.T) {
	e := newTestEnv(t, "default", nil)
	dev, test, prod := e.envKey("Development"), e.envKey("Test"), e.envKey("Production")
	core := e.app("Core Services")
	link := decode[struct {
		URL string `json:"url"`
	}](t, e.must(200, "GET", "/applications/"+core.Key+"/versions/"+e.latestVersion("Core Services")+"/content/", nil))
	pkg := e.call("GET", "!"+strings.TrimPrefix(link.URL, e.srv.URL), nil, e.token) // raw token, as outsystems-pipeline sends it
	if pkg.status != 200 || !strings.HasPrefix(string(pkg.body), oapMagic) {
		t.Fatalf("download: %d %q", pkg.status, pkg.body)
	}
	wantError(t, e.call("POST", "/environments/"+test+"/deployment/", []byte("PK\x03\x04garbage")), http.StatusBadRequest)
	wantError(t, e.call("POST", "/environments/"+prod+"/deployment/", pkg.body), http.StatusBadRequest)
	r := e.call("POST", "/environments/"+test+"/deployment/", pkg.body)
	if r.status != http.StatusCreated || !guidRe.Match(r.body) {
		t.Fatalf("binary create: %d %q", r.status, r.body)
	}
	key := string(r.body)
	type details struct {
		Deployment struct {
			SourceEnvironmentKey  string
			ApplicationOperations []any
		}
		ApplicationsToDeploy []struct {
			ApplicationKey, ApplicationName string
			IsNew                           bool
		}
	}
	got := decode[details](t, e.must(200, "GET", "/deployments/"+key+"/", nil))
	if got.Deployment.SourceEnvironmentKey != "" || len(got.Deployment.ApplicationOperations) != 0 || len(got.ApplicationsToDeploy) != 1 || got.ApplicationsToDeploy[0].ApplicationName != "Core Services" || got.ApplicationsToDeploy[0].IsNew {
		t.Fatalf("binary plan details = %+v", got)
	}
	e.command(key, "start", http.StatusAccepted)
	e.clock.Advance(2 * time.Minute)
	st := e.status(key)
	if st.DeploymentStatus != "finished_successful" || st.DeploymentLog[1].Message != "Uploading modules from the binary package to Test." {
		t.Fatalf("binary deployment: %+v", st)
	}
	_ = dev
}

func TestBinaryDeploymentFromAnotherInfrastructure(t *testing.T) {
	e := newTestEnv(t, "default", nil)
	test := e.envKey("Test")
	appKey := "6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b"
	pkg := oapMagic + "\napplication=" + appKey + "\nname=Imported App\nversion=0b1c2d3e-4f50-4a6b-8c7d-8e9fa0b1c2d3\nlabel=4.2\n"
	r := e.call("POST", "/environments/"+test+"/deployment/", []byte(pkg))
	if r.status != http.StatusCreated {
		t.Fatalf("binary create: %d %s", r.status, r.body)
	}
	got := decode[struct {
		ApplicationsToDeploy []struct {
			ApplicationKey string
			IsNew          bool
		}
	}](t, e.must(200, "GET", "/deployments/"+string(r.body)+"/", nil))
	if len(got.ApplicationsToDeploy) != 1 || got.ApplicationsToDeploy[0].ApplicationKey != appKey || !got.ApplicationsToDeploy[0].IsNew {
		t.Fatalf("details = %+v", got)
	}
	e.command(string(r.body), "start", http.StatusAccepted)
	e.clock.Advance(2 * time.Minute)
	run, ok := e.sim.Running(test, appKey)
	if !ok {
		t.Fatal("imported application does not run in the target")
	}
	label := decode[struct{ Version string }](t, e.must(200, "GET", "/applications/"+appKey+"/versions/"+run.VersionKey+"/?IncludeModules=false", nil))
	if label.Version != "4.2" {
		t.Errorf("imported version = %+v", label)
	}
}

func TestUnregisterWhileDeploying(t *testing.T) {
	e := newTestEnv(t, "default", nil)
	dev, test := e.envKey("Development"), e.envKey("Test")
	key := e.createPlan(dev, test, e.latestVersion("Core Services"))
	e.command(key, "start", http.StatusAccepted)
	wantError(t, e.call("DELETE", "/environments/"+test, nil), http.StatusInternalServerError)
	e.clock.Advance(2 * time.Minute)
	if st := e.status(key); st.DeploymentStatus != "finished_successful" {
		t.Fatalf("status = %+v", st)
	}
	if r := e.call("DELETE", "/environments/"+test, nil); r.status != http.StatusNoContent {
		t.Fatalf("unregister after the deployment: %d %s", r.status, r.body)
	}
}

func TestDeploymentAcrossPlatformMajors(t *testing.T) {
	e := newTestEnv(t, "o10-environment", nil)
	key := e.createPlan(e.envKey("Test"), e.envKey("Legacy"), e.latestVersion("Core Services"))
	got := decode[struct {
		ApplicationConflicts []struct {
			Message        string
			ModuleConflict struct{ ConflictType string }
		}
	}](t, e.must(200, "GET", "/deployments/"+key+"/", nil))
	var types []string
	for _, c := range got.ApplicationConflicts {
		types = append(types, c.ModuleConflict.ConflictType)
	}
	// Core Services has no producers, so the only conflict is the major.
	diff(t, "conflict types", []string{"IncompatiblePlatformServer"}, types)
	wantError(t, e.call("POST", "/deployments/"+key+"/start/", nil), http.StatusBadRequest)
}
