package sim

import (
	"net/http"
	"sync"
	"testing"
)

func TestDeploymentUpdateBeforeAndAfter1122(t *testing.T) {
	for _, tc := range []struct {
		console string
		want    []string
	}{
		// Before 11.22.0 a left-out application stays as "Do Nothing"; from
		// 11.22.0 it is removed (lifetime-rest-api.md §5.3 item 14).
		{"11.21.1", []string{"Deploy 0.9", "Do Nothing"}},
		{"11.22.0", []string{"Deploy 0.9"}},
	} {
		t.Run(tc.console, func(t *testing.T) {
			e := newTestEnv(t, "default", func(o *Options) { o.ConsoleVersion = tc.console })
			dev, test := e.envKey("Development"), e.envKey("Test")
			key := e.createPlan(dev, test, e.latestVersion("Core Services"))
			type data struct {
				Key                   string
				ApplicationOperations []struct{ ApplicationVersionKey, DeploymentZoneKey string }
			}
			got := decode[data](t, e.must(200, "PUT", "/deployments/"+key+"/", plan(dev, test, e.latestVersion("Field Inspections"))))
			if got.Key != key || len(got.ApplicationOperations) != len(tc.want) {
				t.Fatalf("update answer = %+v", got)
			}
			details := decode[struct {
				Deployment struct {
					ApplicationOperations []struct{ DeploymentOperation string }
				}
			}](t, e.must(200, "GET", "/deployments/"+key+"/", nil))
			var labels []string
			for _, op := range details.Deployment.ApplicationOperations {
				labels = append(labels, op.DeploymentOperation)
			}
			diff(t, "operations after update", tc.want, labels)
			wantError(t, e.call("PUT", "/deployments/00000000-0000-4000-8000-000000000000/", plan(dev, test, e.latestVersion("Field Inspections"))), http.StatusNotFound)
		})
	}
}

// TestConcurrentUse hits one simulator from many goroutines (run with -race).
func TestConcurrentUse(t *testing.T) {
	e := newTestEnv(t, "default", nil)
	dev, test := e.envKey("Development"), e.envKey("Test")
	v := e.latestVersion("Field Inspections")
	body := plan(dev, test, v)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				if i%2 == 0 {
					e.call("POST", "/deployments/", body)
				} else {
					e.call("GET", "/applications/?IncludeEnvStatus=true&IncludeModules=true", nil)
				}
				e.clock.Advance(1)
			}
		}()
	}
	wg.Wait()
	if c := e.sim.Counters(); c.DeploymentsCreated != 20 || c.Requests["Applications_List"] != 20 {
		t.Errorf("counters = %+v", c.Requests)
	}
}
