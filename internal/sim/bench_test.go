package sim

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// BenchmarkServeApplicationsList measures one authenticated
// GET /applications/?IncludeEnvStatus=true&IncludeModules=true of the
// default scenario, in process (no network).
func BenchmarkServeApplicationsList(b *testing.B) {
	benchServeGET(b, "/applications/?IncludeEnvStatus=true&IncludeModules=true")
}

// benchScenario is the "default" scenario with seed 1 on a manual clock at t0.
func benchScenario(b *testing.B) *Sim {
	b.Helper()
	s, err := NewScenario("default", Options{Seed: 1, Clock: NewManualClock(t0)})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// benchServeGET measures one authenticated GET of path (relative to the API
// base) on benchScenario, in process (no network).
func benchServeGET(b *testing.B, path string) {
	s := benchScenario(b)
	req := httptest.NewRequest("GET", apiBase+path, nil)
	req.Header.Set("Authorization", "Bearer "+s.Token())
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
}

// BenchmarkDeploymentCycle measures create, start, a clock step and the
// status read of one deployment over loopback HTTP.
func BenchmarkDeploymentCycle(b *testing.B) {
	clock := NewManualClock(t0)
	s, err := NewScenario("default", Options{Seed: 1, Clock: clock})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	dev, _ := s.EnvironmentByName("Development")
	test, _ := s.EnvironmentByName("Test")
	app, _ := s.ApplicationByName("Field Inspections")
	v, err := s.TagVersion(app.Key, dev.Key, "bench", "")
	if err != nil {
		b.Fatal(err)
	}
	body := `{"Notes":"","SourceEnvironmentKey":"` + dev.Key + `","TargetEnvironmentKey":"` + test.Key + `","ApplicationOperations":[{"ApplicationVersionKey":"` + v.Key + `","DeploymentZoneKey":""}]}`
	do := func(method, path, body string) []byte {
		req, _ := http.NewRequest(method, srv.URL+apiBase+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+s.Token())
		resp, err := srv.Client().Do(req)
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		if resp.StatusCode >= 300 {
			b.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, data)
		}
		return data
	}
	b.ReportAllocs()
	for b.Loop() {
		key := string(do("POST", "/deployments/", body))
		do("POST", "/deployments/"+key+"/start/", "")
		clock.Advance(3 * time.Minute)
		do("GET", "/deployments/"+key+"/status/", "")
	}
}
