package lifetime

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"
)

// BenchmarkTypedCallVsRawHTTP compares Environments.List (request building,
// the transport pipeline, error mapping, decoding) with a minimal
// hand-written net/http + encoding/json call against the same local server
// and the same HTTP client. Each iteration makes one call of each kind;
// the metrics give each side's cost and the typed/raw ratios.
//
//	go test -run '^$' -bench TypedCallVsRawHTTP -benchtime 2000x ./lifetime/
func BenchmarkTypedCallVsRawHTTP(b *testing.B) {
	envs := make([]string, 10)
	for i := range envs {
		envs[i] = strings.Replace(environmentJSON, `"Development"`, fmt.Sprintf(`"Env%d"`, i), 1)
	}
	body := []byte("[" + strings.Join(envs, ",") + "]")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	hc := srv.Client()
	client, err := NewClient(srv.URL, WithToken(testToken), WithInsecureHTTP(), WithHTTPClient(hc))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	rawURL := srv.URL + "/lifetimeapi/rest/v2/environments/"

	typed := func() {
		list, _, err := client.Environments.List(ctx)
		if err != nil || len(list) != 10 {
			b.Fatalf("typed: %d %v", len(list), err)
		}
	}
	raw := func() {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+testToken)
		resp, err := hc.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		var list []Environment
		err = json.NewDecoder(resp.Body).Decode(&list)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 || len(list) != 10 {
			b.Fatalf("raw: %d %v", len(list), err)
		}
	}
	typed() // warm the connection pool
	raw()

	var typedDur, rawDur time.Duration
	var typedAllocs, rawAllocs uint64
	var ms runtime.MemStats
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		runtime.ReadMemStats(&ms)
		a0 := ms.Mallocs
		t0 := time.Now()
		typed()
		typedDur += time.Since(t0)
		runtime.ReadMemStats(&ms)
		a1 := ms.Mallocs
		t1 := time.Now()
		raw()
		rawDur += time.Since(t1)
		runtime.ReadMemStats(&ms)
		typedAllocs += a1 - a0
		rawAllocs += ms.Mallocs - a1
	}
	b.StopTimer()
	n := float64(b.N)
	b.ReportMetric(float64(typedDur.Nanoseconds())/n, "typed-ns/call")
	b.ReportMetric(float64(rawDur.Nanoseconds())/n, "raw-ns/call")
	b.ReportMetric(float64(typedDur)/float64(rawDur), "ns-ratio")
	b.ReportMetric(float64(typedAllocs)/n, "typed-allocs/call")
	b.ReportMetric(float64(rawAllocs)/n, "raw-allocs/call")
	if rawAllocs > 0 {
		b.ReportMetric(float64(typedAllocs)/float64(rawAllocs), "allocs-ratio")
	}
}
