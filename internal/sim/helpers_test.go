package sim

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// t0 is the start of simulated time in tests.
var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// testEnv is a simulator served over real HTTP with a manual clock.
type testEnv struct {
	t     *testing.T
	sim   *Sim
	clock *ManualClock
	srv   *httptest.Server
	token string
}

// newTestEnv starts a scenario ("" for an empty New) on httptest. Every REST
// answer the test receives is also validated against the swagger (see
// newConformanceRecorder).
func newTestEnv(t *testing.T, scenario string, mod func(*Options)) *testEnv {
	t.Helper()
	e := startTestEnv(t, scenario, mod)
	e.srv = httptest.NewServer(newConformanceRecorder(t, e.sim))
	t.Cleanup(e.srv.Close)
	return e
}

// newFaultTestEnv is newTestEnv without the swagger validation, for tests
// of injected faults, whose answers are outside the contract on purpose.
func newFaultTestEnv(t *testing.T, scenario string, mod func(*Options)) *testEnv {
	t.Helper()
	e := startTestEnv(t, scenario, mod)
	e.srv = httptest.NewServer(e.sim)
	t.Cleanup(e.srv.Close)
	return e
}

// startTestEnv builds the simulator of newTestEnv, without a server.
func startTestEnv(t *testing.T, scenario string, mod func(*Options)) *testEnv {
	t.Helper()
	clock := NewManualClock(t0)
	opts := Options{Seed: 42, Clock: clock}
	if mod != nil {
		mod(&opts)
	}
	var s *Sim
	if scenario == "" {
		s = New(opts)
	} else {
		var err error
		s, err = NewScenario(scenario, opts)
		if err != nil {
			t.Fatalf("NewScenario(%q): %v", scenario, err)
		}
	}
	return &testEnv{t: t, sim: s, clock: clock, token: s.Token()}
}

// response is what a call returned.
type response struct {
	status int
	body   []byte
	header http.Header
}

// call sends a request to the API (path relative to apiBase unless it starts
// with "!"), authenticated with the built-in token unless auth is given.
func (e *testEnv) call(method, path string, body any, auth ...string) response {
	e.t.Helper()
	url := e.srv.URL + apiBase + path
	if strings.HasPrefix(path, "!") {
		url = e.srv.URL + path[1:]
	}
	req, err := http.NewRequest(method, url, requestBody(e.t, body))
	if err != nil {
		e.t.Fatalf("new request: %v", err)
	}
	if len(auth) > 0 {
		if auth[0] != "" {
			req.Header.Set("Authorization", auth[0])
		}
	} else {
		req.Header.Set("Authorization", "Bearer "+e.token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatalf("%s %s: reading body: %v", method, path, err)
	}
	return response{status: resp.StatusCode, body: data, header: resp.Header}
}

// must checks the status and returns the body.
func (e *testEnv) must(status int, method, path string, body any) []byte {
	e.t.Helper()
	r := e.call(method, path, body)
	if r.status != status {
		e.t.Fatalf("%s %s: status %d, want %d; body %s", method, path, r.status, status, r.body)
	}
	return r.body
}

// decode unmarshals data into a new T.
func decode[T any](t *testing.T, data []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("decode %T from %s: %v", v, data, err)
	}
	return v
}

// exception is the error body in tests.
type exception struct {
	Errors     []string
	StatusCode int
}

// wantError checks an Exception body with the given status.
func wantError(t *testing.T, r response, status int) exception {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body %s", r.status, status, r.body)
	}
	ex := decode[exception](t, r.body)
	if ex.StatusCode != status || len(ex.Errors) == 0 || ex.Errors[0] == "" {
		t.Fatalf("Exception body %s: want StatusCode %d and a message", r.body, status)
	}
	return ex
}

// diff fails on a difference.
func diff(t *testing.T, what string, want, got any, opts ...cmp.Option) {
	t.Helper()
	if d := cmp.Diff(want, got, opts...); d != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", what, d)
	}
}

// envKey returns the key of a named environment.
func (e *testEnv) envKey(name string) string {
	e.t.Helper()
	env, ok := e.sim.EnvironmentByName(name)
	if !ok {
		e.t.Fatalf("no environment %q", name)
	}
	return env.Key
}

// app returns a named application.
func (e *testEnv) app(name string) Application {
	e.t.Helper()
	a, ok := e.sim.ApplicationByName(name)
	if !ok {
		e.t.Fatalf("no application %q", name)
	}
	return a
}

// latestVersion returns the key of the newest version of an application.
func (e *testEnv) latestVersion(appName string) string {
	e.t.Helper()
	a := e.app(appName)
	vs := decode[[]struct{ Key string }](e.t, e.must(200, "GET", "/applications/"+a.Key+"/versions/?MaximumVersionsToReturn=1", nil))
	return vs[0].Key
}

// requestBody is the body of a test request: nil for none, []byte and
// string as they are, anything else marshalled as JSON.
func requestBody(t *testing.T, body any) io.Reader {
	t.Helper()
	switch b := body.(type) {
	case nil:
		return nil
	case []byte:
		return bytes.NewReader(b)
	case string:
		return strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		return bytes.NewReader(data)
	}
}

// aliceWorld is the small world the people and LifeTime Services tests start
// from: an empty simulator on a manual clock at t0 with a Development
// environment, an application and an active user "alice" (password
// "secret1") with the given role.
type aliceWorld struct {
	sim   *Sim
	clock *ManualClock
	dev   Environment
	app   Application
	user  User
}

func newAliceWorld(t *testing.T, opts Options, role string, app Application) aliceWorld {
	t.Helper()
	w := aliceWorld{clock: NewManualClock(t0)}
	opts.Clock = w.clock
	w.sim = New(opts)
	var err error
	if w.dev, err = w.sim.AddEnvironment(Environment{Name: "Development", HostName: "dev.example.test", Type: "Development", OSVersion: "11.30.1.41234"}); err != nil {
		t.Fatal(err)
	}
	if w.app, err = w.sim.AddApplication(app); err != nil {
		t.Fatal(err)
	}
	r, ok := w.sim.RoleByName(role)
	if !ok {
		t.Fatalf("no role %q", role)
	}
	if w.user, err = w.sim.AddUser(User{Username: "alice", Name: "Alice", Email: "alice@example.test", IsActive: true, RoleKey: r.Key, Password: "secret1"}); err != nil {
		t.Fatal(err)
	}
	return w
}
