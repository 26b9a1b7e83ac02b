package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/debug"
	"testing"

	"github.com/go-outsystems/outsystems/lifetime"
)

// wireApplication is an application as GET /applications/ sends it, built
// here rather than with the client's type.
type wireApplication struct {
	Key, Name, Kind, Team, Description, URLPath, IconHash, IconURL, DetailsURL string
	IsSystem                                                                   bool
}

// applicationsPayload returns the JSON of n applications.
func applicationsPayload(tb testing.TB, n int) []byte {
	tb.Helper()
	apps := make([]wireApplication, n)
	for i := range apps {
		key := fmt.Sprintf("%08x-1f2e-4d3c-8b4a-%012x", i, i*7919)
		apps[i] = wireApplication{
			Key: key, Name: fmt.Sprintf("Application %05d", i), Kind: "WebResponsive", Team: fmt.Sprintf("Team %d", i%40),
			Description: "Order management for the field teams, with offline sync.", URLPath: fmt.Sprintf("App%05d", i),
			IconHash: fmt.Sprintf("%032x", i*104729), IconURL: "/lifetime/icons/" + key + ".png",
			DetailsURL: "https://lt.example.test/lifetime/ApplicationDetails.aspx?ApplicationKey=" + key,
		}
	}
	b, err := json.Marshal(apps)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// heapDuring returns the bytes allocated on the heap while f runs with the
// garbage collector off (every allocation stays: the peak the call can
// reach) and the bytes still reachable after it once collected.
func heapDuring(f func() any) (peak, retained uint64) {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before := ms.HeapAlloc
	old := debug.SetGCPercent(-1)
	v := f()
	runtime.ReadMemStats(&ms)
	peak = ms.HeapAlloc - before
	debug.SetGCPercent(old)
	runtime.GC()
	runtime.ReadMemStats(&ms)
	if ms.HeapAlloc > before {
		retained = ms.HeapAlloc - before
	}
	runtime.KeepAlive(v)
	return peak, retained
}

const largeList = 50000

// BenchmarkDecodeApplications lists 50,000 applications with
// Applications.List, and with a hand-written io.ReadAll + json.Unmarshal
// for comparison, from a loopback server sending a prepared payload. It
// reports the payload size, the heap the call allocates with the collector
// off (the most it can hold at once) and what stays reachable afterwards,
// in MB and as multiples of the payload.
func BenchmarkDecodeApplications(b *testing.B) {
	payload := applicationsPayload(b, largeList)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(payload)
	}))
	defer srv.Close()
	const token = "bench-token"
	c, err := lifetime.NewClient(srv.URL, lifetime.WithToken(token), lifetime.WithInsecureHTTP(), lifetime.WithHTTPClient(srv.Client()))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	typed := func() any {
		apps, _, err := c.Applications.List(ctx, nil)
		if err != nil || len(apps) != largeList {
			b.Fatalf("typed: %d %v", len(apps), err)
		}
		return apps
	}
	raw := func() any {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/lifetimeapi/rest/v2/applications/", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := srv.Client().Do(req)
		if err != nil {
			b.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		var apps []*lifetime.Application
		if err != nil || json.Unmarshal(body, &apps) != nil || len(apps) != largeList {
			b.Fatalf("raw: %d %v", len(apps), err)
		}
		return apps
	}
	typed() // warm the connection
	var peak, retained, rawPeak, rawRetained uint64
	for b.Loop() {
		p, r := heapDuring(typed)
		peak, retained = peak+p, retained+r
		p, r = heapDuring(raw)
		rawPeak, rawRetained = rawPeak+p, rawRetained+r
	}
	n := float64(b.N)
	mb := func(v uint64) float64 { return float64(v) / n / (1 << 20) }
	size := float64(len(payload))
	b.ReportMetric(size/(1<<20), "payload-MB")
	b.ReportMetric(mb(peak), "peak-MB")
	b.ReportMetric(float64(peak)/n/size, "peak/payload")
	b.ReportMetric(mb(retained), "retained-MB")
	b.ReportMetric(float64(retained)/n/size, "retained/payload")
	b.ReportMetric(mb(rawPeak), "raw-peak-MB")
	b.ReportMetric(float64(rawPeak)/n/size, "raw-peak/payload")
	b.ReportMetric(mb(rawRetained), "raw-retained-MB")
	b.ReportMetric(float64(peak)/float64(rawPeak), "peak/raw-peak")
}
