package lifetimetest_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/go-outsystems/outsystems/lifetime/lifetimetest"
)

// call sends an authenticated request to the simulated REST API.
func call(srv *lifetimetest.Server, method, path, body string) (int, string) {
	req, err := http.NewRequest(method, srv.APIURL()+path, strings.NewReader(body))
	if err != nil {
		return 0, err.Error()
	}
	req.Header.Set("Authorization", "Bearer "+srv.Token())
	req.Header.Set("Content-Type", "application/json")
	resp, err := srv.Client().Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(data)
}

func ExampleNewServer() {
	srv, err := lifetimetest.NewServer(lifetimetest.WithScenario("default"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()

	status, body := call(srv, "GET", "/environments/", "")
	var envs []struct{ Name, OSVersion string }
	if err := json.Unmarshal([]byte(body), &envs); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(status)
	for _, e := range envs {
		fmt.Println(e.Name, e.OSVersion)
	}
	fmt.Println(srv.Meta().DeploymentModel, srv.Meta().Plugins)
	// Output:
	// 200
	// Development 11.34.1.44911
	// Test 11.34.1.44911
	// Production 11.34.1.44911
	// self-managed [AuditTrailPlugin DeploymentNotifierPlugin]
}

// A deployment driven with a manual clock: nothing moves until the test
// advances time.
func ExampleWithClock() {
	clock := lifetimetest.NewManualClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	srv, err := lifetimetest.NewServer(lifetimetest.WithClock(clock), lifetimetest.WithDeploymentStepDuration(2*time.Minute))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	sim := srv.Sim()
	dev, _ := sim.EnvironmentByName("Development")
	test, _ := sim.EnvironmentByName("Test")
	app, _ := sim.ApplicationByName("Core Services")
	v, _ := sim.TagVersion(app.Key, dev.Key, "1.3", "example")

	status, key := call(srv, "POST", "/deployments/", fmt.Sprintf(
		`{"Notes":"example","SourceEnvironmentKey":%q,"TargetEnvironmentKey":%q,"ApplicationOperations":[{"ApplicationVersionKey":%q,"DeploymentZoneKey":""}]}`,
		dev.Key, test.Key, v.Key))
	fmt.Println("create:", status)
	status, _ = call(srv, "POST", "/deployments/"+key+"/start/", "")
	fmt.Println("start:", status)
	d, _ := sim.Deployment(key)
	fmt.Println(d.Status)
	clock.Advance(2 * time.Minute)
	d, _ = sim.Deployment(key)
	fmt.Println(d.Status)
	fmt.Println("plans created:", sim.Counters().DeploymentsCreated)
	// Output:
	// create: 201
	// start: 202
	// running
	// finished_successful
	// plans created: 1
}

// A connection reset after the server created the plan: the client cannot
// tell whether the create happened, the counters can.
func ExampleServer_Sim() {
	srv, err := lifetimetest.NewServer(lifetimetest.WithSeed(1))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	sim := srv.Sim()
	if _, err := sim.InjectFault(lifetimetest.Fault{Kind: lifetimetest.FaultResetAfter, Operation: "Deployments_Create", Times: 1}); err != nil {
		fmt.Println(err)
		return
	}
	dev, _ := sim.EnvironmentByName("Development")
	test, _ := sim.EnvironmentByName("Test")
	app, _ := sim.ApplicationByName("Field Inspections")
	v, _ := sim.TagVersion(app.Key, dev.Key, "1.0.1", "example")
	body := fmt.Sprintf(`{"Notes":"","SourceEnvironmentKey":%q,"TargetEnvironmentKey":%q,"ApplicationOperations":[{"ApplicationVersionKey":%q,"DeploymentZoneKey":""}]}`, dev.Key, test.Key, v.Key)

	req, _ := http.NewRequest("POST", srv.APIURL()+"/deployments/", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+srv.Token())
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	_, err = client.Do(req)
	fmt.Println("client saw an error:", err != nil)
	fmt.Println("plans created:", sim.Counters().DeploymentsCreated)
	// Output:
	// client saw an error: true
	// plans created: 1
}
