package sim

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// rawClient sends each request on a new connection, so that the transport
// never retries a request on a reused connection the simulator closed.
func rawClient() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
}

// rawDo sends an authenticated request on a fresh connection; it returns the
// response, its body and the transport or body-read error.
func (e *testEnv) rawDo(t *testing.T, method, path, body string) (*http.Response, []byte, error) {
	t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+apiBase+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+e.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := rawClient().Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp, data, err
}

func statusSequence(t *testing.T, seed uint64) []int {
	e := newFaultTestEnv(t, "default", func(o *Options) { o.Seed = seed })
	if _, err := e.sim.InjectFault(Fault{Kind: FaultStatus, Operation: "Environments_List", Status: 503, Rate: 0.5}); err != nil {
		t.Fatal(err)
	}
	var out []int
	for range 40 {
		out = append(out, e.call("GET", "/environments/", nil).status)
	}
	if c := e.sim.Counters(); c.Requests["Environments_List"] != 40 || c.Statuses[503]+c.Statuses[200] != 40 || c.Faults[FaultStatus] != c.Statuses[503] {
		t.Errorf("counters = %+v", c)
	}
	return out
}

func TestFaultsAreReproducibleFromSeed(t *testing.T) {
	a, b, c := statusSequence(t, 7), statusSequence(t, 7), statusSequence(t, 8)
	diff(t, "same seed", a, b)
	var n503 int
	for _, s := range a {
		if s == 503 {
			n503++
		}
	}
	if n503 == 0 || n503 == len(a) {
		t.Errorf("rate 0.5 gave %d faults out of %d", n503, len(a))
	}
	if fmtInts(a) == fmtInts(c) {
		t.Errorf("seeds 7 and 8 gave the same sequence %v", a)
	}
}

func fmtInts(v []int) string {
	data, _ := json.Marshal(v)
	return string(data)
}

func TestFaultResetAfterCreatesOnce(t *testing.T) {
	e := newFaultTestEnv(t, "default", nil)
	body, _ := json.Marshal(plan(e.envKey("Development"), e.envKey("Test"), e.latestVersion("Core Services")))
	id, err := e.sim.InjectFault(Fault{Kind: FaultResetAfter, Operation: "Deployments_Create", Times: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.rawDo(t, "POST", "/deployments/", string(body)); err == nil {
		t.Fatal("reset after processing: the request succeeded")
	}
	if c := e.sim.Counters(); c.DeploymentsCreated != 1 || c.Faults[FaultResetAfter] != 1 {
		t.Fatalf("after an ambiguous create: %+v", c)
	}
	resp, data, err := e.rawDo(t, "POST", "/deployments/", string(body))
	if err != nil || resp.StatusCode != 201 || !guidRe.Match(data) {
		t.Fatalf("fault fired twice despite Times 1: %v %v %q", resp, err, data)
	}
	e.sim.RemoveFault(id)

	if _, err := e.sim.InjectFault(Fault{Kind: FaultResetBefore, Method: "POST", PathPrefix: apiBase + "/deployments"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.rawDo(t, "POST", "/deployments/", string(body)); err == nil {
		t.Fatal("reset before processing: the request succeeded")
	}
	if c := e.sim.Counters(); c.DeploymentsCreated != 2 {
		t.Fatalf("reset before processing created a plan: %+v", c)
	}
	e.sim.ClearFaults()
	if resp, _, err := e.rawDo(t, "POST", "/deployments/", string(body)); err != nil || resp.StatusCode != 201 {
		t.Fatalf("after ClearFaults: %v %v", resp, err)
	}
}

func TestFaultBodies(t *testing.T) {
	e := newFaultTestEnv(t, "default", nil)
	inject := func(f Fault) int {
		t.Helper()
		f.Operation = "Environments_List"
		id, err := e.sim.InjectFault(f)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	id := inject(Fault{Kind: FaultTruncate})
	resp, data, err := e.rawDo(t, "GET", "/environments/", "")
	if err == nil || resp.StatusCode != 200 || len(data) == 0 {
		t.Fatalf("truncate: %v %d bytes, err %v", resp, len(data), err)
	}
	e.sim.RemoveFault(id)

	id = inject(Fault{Kind: FaultMalformed})
	resp, data, err = e.rawDo(t, "GET", "/environments/", "")
	var v any
	if err != nil || resp.StatusCode != 200 || json.Unmarshal(data, &v) == nil {
		t.Fatalf("malformed: %v %v %q", resp, err, data)
	}
	e.sim.RemoveFault(id)

	id = inject(Fault{Kind: FaultTooManyRequests, RetryAfter: 1500 * time.Millisecond})
	r := e.call("GET", "/environments/", nil)
	wantError(t, r, http.StatusTooManyRequests)
	if got := r.header.Get("Retry-After"); got != "2" {
		t.Errorf("Retry-After = %q, want 2", got)
	}
	e.sim.RemoveFault(id)

	want := e.call("GET", "/environments/", nil)
	id = inject(Fault{Kind: FaultSlowBody, Latency: 5 * time.Millisecond})
	inject(Fault{Kind: FaultLatency, Latency: time.Millisecond})
	if got := e.call("GET", "/environments/", nil); got.status != 200 || string(got.body) != string(want.body) {
		t.Fatalf("slow body changed the answer: %d %q", got.status, got.body)
	}
	e.sim.RemoveFault(id)

	for _, bad := range []Fault{{Kind: "bogus"}, {Kind: FaultLatency}, {Kind: FaultStatus, Status: 200}, {Kind: FaultStatus, Rate: 2}, {Kind: FaultResetBefore, Times: -1}} {
		if _, err := e.sim.InjectFault(bad); err == nil {
			t.Errorf("InjectFault(%+v) accepted", bad)
		}
	}
}

func TestFaultOnSOAPOperation(t *testing.T) {
	e := newFaultTestEnv(t, "default", nil)
	if _, err := e.sim.InjectFault(Fault{Kind: FaultStatus, Operation: "GetPlatformInfo", Status: 502}); err != nil {
		t.Fatal(err)
	}
	if got := e.platformInfo(t); got.status != 502 {
		t.Fatalf("GetPlatformInfo with a fault: %d", got.status)
	}
	if c := e.sim.Counters(); c.Requests["GetPlatformInfo"] != 1 {
		t.Errorf("SOAP request not counted by operation: %+v", c.Requests)
	}
}
