package sim

import (
	"net/http"
	"testing"
	"time"
)

func TestAuthentication(t *testing.T) {
	e := newTestEnv(t, "default", nil)
	limited, err := e.sim.AddServiceAccount(ServiceAccount{Username: "sa_reader", Permissions: []Permission{PermRead}})
	if err != nil {
		t.Fatal(err)
	}
	expired, err := e.sim.AddServiceAccount(ServiceAccount{Username: "sa_old", ExpiresAt: t0.Add(time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(2 * time.Minute)
	for _, tc := range []struct {
		name   string
		auth   string
		status int
	}{
		{"missing", "", http.StatusUnauthorized},
		{"wrong token", "Bearer nope", http.StatusUnauthorized},
		{"raw token on REST", e.token, http.StatusUnauthorized},
		{"expired", "Bearer " + expired.Token, http.StatusUnauthorized},
		{"valid", "Bearer " + e.token, http.StatusOK},
		{"read-only reads", "Bearer " + limited.Token, http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.call("GET", "/environments/", nil, tc.auth)
			if tc.status != http.StatusOK {
				wantError(t, r, tc.status)
			} else if r.status != http.StatusOK {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
		})
	}
	r := e.call("POST", "/deployments/", map[string]any{"Notes": "x"}, "Bearer "+limited.Token)
	wantError(t, r, http.StatusForbidden)
	if got := e.sim.Counters().DeploymentsCreated; got != 0 {
		t.Errorf("DeploymentsCreated = %d after a 403", got)
	}
}

func TestTrailingSlashAndUnknownPaths(t *testing.T) {
	e := newTestEnv(t, "default", nil)
	a := e.call("GET", "/environments", nil)
	b := e.call("GET", "/environments/", nil)
	if a.status != 200 || b.status != 200 || string(a.body) != string(b.body) {
		t.Fatalf("with and without slash differ: %d %s / %d %s", a.status, a.body, b.status, b.body)
	}
	wantError(t, e.call("GET", "/nothing/here/", nil), http.StatusNotFound)
	wantError(t, e.call("GET", "/environments/00000000-0000-0000-0000-000000000000/", nil), http.StatusNotFound)
	// A subtree must not match: /environments/{k}/ is not a prefix route.
	wantError(t, e.call("GET", "/environments/"+e.envKey("Test")+"/unknown/thing/", nil), http.StatusNotFound)
}

func TestVersionGatedRoutes(t *testing.T) {
	e := newTestEnv(t, "default", func(o *Options) { o.ConsoleVersion = "11.10.0" })
	dev := e.envKey("Development")
	wantError(t, e.call("GET", "/environments/"+dev+"/content_security_policies/", nil), http.StatusNotFound)
	wantError(t, e.call("POST", "/environments/"+dev+"/solution", map[string]any{"ApplicationKeys": []string{"x"}}), http.StatusMethodNotAllowed)
	wantError(t, e.call("POST", "/environments/", map[string]any{}), http.StatusNotFound)
	e.must(200, "GET", "/environments/"+dev+"/templates/", nil)
}
