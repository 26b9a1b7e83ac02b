package sim

import (
	"net/http"
	"testing"
	"time"
)

func TestSeedingAndInspection(t *testing.T) {
	e := newTestEnv(t, "default", nil)
	var names []string
	for _, env := range e.sim.Environments() {
		names = append(names, env.Name)
	}
	diff(t, "environments", []string{"Development", "Test", "Production"}, names)
	if _, err := e.sim.AddEnvironment(Environment{Name: "test"}); err == nil {
		t.Error("duplicate environment name accepted (names are case-insensitive)")
	}
	if _, err := e.sim.AddEnvironment(Environment{Name: "QA", OSVersion: "eleven"}); err == nil {
		t.Error("bad Platform Server version accepted")
	}
	qa, err := e.sim.AddEnvironment(Environment{Name: "QA", Order: 5})
	if err != nil {
		t.Fatal(err)
	}
	role, err := e.sim.AddRole(Role{Name: "Release Manager", Environments: map[string]EnvironmentPermission{qa.Key: {Level: 5}}})
	if err != nil {
		t.Fatal(err)
	}
	if role.Environments[qa.Key].Level != 5 || role.Environments[e.envKey("Test")].Level != 2 {
		t.Errorf("role permissions = %+v", role.Environments)
	}
	if _, err := e.sim.AddRole(Role{Name: "release manager"}); err == nil {
		t.Error("duplicate role accepted")
	}

	core := e.app("Core Services")
	test := e.envKey("Test")
	if err := e.sim.ModifyApplication(test, core.Key); err != nil {
		t.Fatal(err)
	}
	if run, _ := e.sim.Running(test, core.Key); !run.IsModified {
		t.Errorf("running after ModifyApplication = %+v", run)
	}
	if err := e.sim.ModifyApplication(qa.Key, core.Key); err == nil {
		t.Error("ModifyApplication of an application not running there accepted")
	}
	if _, err := e.sim.TagVersion(core.Key, "", "1.0", ""); err == nil {
		t.Error("duplicate version label accepted")
	}

	// Zones are checked on create; an offline target refuses start.
	zone := decode[[]struct{ Key string }](t, e.must(200, "GET", "/environments/"+test+"/deploymentzones/", nil))[0].Key
	body := plan(e.envKey("Development"), test, e.latestVersion("Core Services"))
	body["ApplicationOperations"].([]map[string]string)[0]["DeploymentZoneKey"] = "no-such-zone"
	wantError(t, e.call("POST", "/deployments/", body), http.StatusBadRequest)
	body["ApplicationOperations"].([]map[string]string)[0]["DeploymentZoneKey"] = zone
	key := string(e.must(201, "POST", "/deployments/", body))
	if err := e.sim.UpdateEnvironment(test, func(env *Environment) { env.IsOffline = true }); err != nil {
		t.Fatal(err)
	}
	wantError(t, e.call("POST", "/deployments/"+key+"/start/?IncludeErrorDetails=true", nil), http.StatusBadRequest)
	if got := len(e.sim.Deployments()); got != 1 {
		t.Errorf("Deployments() has %d plans", got)
	}

	e.sim.ResetCounters()
	if c := e.sim.Counters(); len(c.Requests) != 0 || c.DeploymentsCreated != 0 {
		t.Errorf("counters after reset = %+v", c)
	}
	if _, ok := e.sim.UpgradeInProgress(); ok {
		t.Error("upgrade in progress before any")
	}
	if err := e.sim.UpgradeConsole("11.26.0", time.Hour); err != nil {
		t.Fatal(err)
	}
	if until, ok := e.sim.UpgradeInProgress(); !ok || !until.Equal(t0.Add(time.Hour)) {
		t.Errorf("UpgradeInProgress = %v %v", until, ok)
	}
}

func TestClocks(t *testing.T) {
	c := NewManualClock(t0)
	c.Advance(-time.Hour)
	if !c.Now().Equal(t0) {
		t.Error("a negative Advance moved the clock")
	}
	c.Set(t0.Add(time.Hour))
	if !c.Now().Equal(t0.Add(time.Hour)) {
		t.Error("Set did not move the clock")
	}
	s := New(Options{})
	if _, ok := s.Clock().(*RealClock); !ok {
		t.Errorf("default clock is %T", s.Clock())
	}
	fast := NewRealClock(3600)
	a := fast.Now()
	b := fast.Now()
	if b.Before(a) {
		t.Error("real clock went backwards")
	}
}
