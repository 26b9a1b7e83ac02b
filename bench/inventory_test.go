package bench

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/go-outsystems/outsystems/internal/sim"
	"github.com/go-outsystems/outsystems/lifetime"
)

// inventory is what an inventory of the infrastructure reads.
type inventory struct {
	Environments []*lifetime.Environment
	// Running maps an environment key to the applications it runs.
	Running map[string][]*lifetime.Application
	// Versions maps an application key to its versions.
	Versions map[string][]*lifetime.ApplicationVersion
}

// takeInventory reads all environments, the applications running in each
// (with their status) and every application's versions, with at most
// concurrency requests in flight. The first error stops the work and is
// returned.
func takeInventory(ctx context.Context, c *lifetime.Client, concurrency int) (*inventory, error) {
	envs, _, err := c.Environments.List(ctx)
	if err != nil {
		return nil, err
	}
	inv := &inventory{Environments: envs, Running: map[string][]*lifetime.Application{}, Versions: map[string][]*lifetime.ApplicationVersion{}}
	var mu sync.Mutex
	apps := map[string]bool{}
	err = forEach(ctx, envs, concurrency, func(ctx context.Context, e *lifetime.Environment) error {
		running, _, err := c.Environments.ListApplications(ctx, e.Key, &lifetime.RunningApplicationsOptions{IncludeEnvStatus: true})
		if err != nil {
			return fmt.Errorf("environment %s: %w", e.Name, err)
		}
		mu.Lock()
		defer mu.Unlock()
		inv.Running[e.Key] = running
		for _, a := range running {
			apps[a.Key] = true
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	keys := slices.Sorted(maps.Keys(apps))
	err = forEach(ctx, keys, concurrency, func(ctx context.Context, key string) error {
		versions, _, err := c.Applications.ListVersions(ctx, key, nil)
		if err != nil {
			return fmt.Errorf("versions of %s: %w", key, err)
		}
		mu.Lock()
		defer mu.Unlock()
		inv.Versions[key] = versions
		return nil
	})
	if err != nil {
		return nil, err
	}
	return inv, nil
}

// forEach calls fn for every item with at most concurrency calls at once.
// The first error cancels the context of the others and is returned.
func forEach[T any](ctx context.Context, items []T, concurrency int, fn func(context.Context, T) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg       sync.WaitGroup
		once     sync.Once
		firstErr error
	)
	sem := make(chan struct{}, max(concurrency, 1))
	for _, it := range items {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			if err := fn(ctx, it); err != nil {
				once.Do(func() { firstErr = err; cancel() })
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return ctx.Err()
}

// TestInventoryReadsEverything checks the inventory helper on a small
// infrastructure, without latency.
func TestInventoryReadsEverything(t *testing.T) {
	s := sim.New(sim.Options{Seed: 1})
	seedInfrastructure(t, s, 3, 25)
	l := newLoopback(t, s)
	c, err := lifetime.NewClient(l.srv.URL, lifetime.WithToken(s.Token()), lifetime.WithInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	for _, conc := range []int{1, 4} {
		s.ResetCounters()
		inv, err := takeInventory(t.Context(), c, conc)
		if err != nil {
			t.Fatal(err)
		}
		got := fmt.Sprintf("%d envs, %d apps with versions, requests %d", len(inv.Environments), len(inv.Versions), l.requests())
		want := fmt.Sprintf("%d envs, %d apps with versions, requests %d", 3, 25, 1+3+25)
		if got != want {
			t.Errorf("concurrency %d: %s, want %s", conc, got, want)
		}
		for _, e := range inv.Environments {
			if n := len(inv.Running[e.Key]); n != 25 {
				t.Errorf("concurrency %d: %s runs %d applications, want 25", conc, e.Name, n)
			}
		}
		for k, vs := range inv.Versions {
			if len(vs) != 1 {
				t.Errorf("application %s has %d versions, want 1", k, len(vs))
			}
		}
	}
}

const (
	inventoryEnvs        = 8
	inventoryApps        = 1500
	inventoryLatency     = 20 * time.Millisecond
	inventoryConcurrency = 16
)

// BenchmarkInventory reads the inventory of 8 environments × 1,500
// applications under 20 ms of latency per request, with 16 requests in
// flight (with the SDK's default HTTP client, which keeps 32 idle
// connections per host, and with a caller-supplied client on net/http's
// default transport settings, which keep 2) and with a sequential client, once each per
// iteration (about 40 s per iteration: run it with -benchtime 1x). It
// reports the requests, the latency bound (requests ÷ concurrency ×
// latency), each run's wall time and TCP connections, and the ratios of
// the concurrent wall times to the bound and of the sequential one to the
// concurrent one.
func BenchmarkInventory(b *testing.B) {
	s := sim.New(sim.Options{Seed: 1})
	seedInfrastructure(b, s, inventoryEnvs, inventoryApps)
	if _, err := s.InjectFault(sim.Fault{Kind: sim.FaultLatency, Latency: inventoryLatency}); err != nil {
		b.Fatal(err)
	}
	l := newLoopback(b, s)
	ctx := context.Background()
	// Three clients: the SDK's default (it keeps 32 idle connections per
	// host), one on a clone of http.DefaultTransport (net/http keeps 2 idle
	// connections per host, so most of 16 workers' connections are closed
	// after use and reopened), and the default used sequentially.
	type run struct {
		name        string
		concurrency int
		client      func() *http.Client
		wall        time.Duration
		requests    int64
		conns       int64
	}
	runs := []*run{
		{name: "default", concurrency: inventoryConcurrency},
		{name: "nethttp", concurrency: inventoryConcurrency, client: func() *http.Client {
			return &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
		}},
		{name: "sequential", concurrency: 1},
	}
	for b.Loop() {
		for _, r := range runs {
			// A fresh client each time: the connection count starts at 0.
			opts := []lifetime.Option{lifetime.WithToken(s.Token()), lifetime.WithInsecureHTTP()}
			if r.client != nil {
				opts = append(opts, lifetime.WithHTTPClient(r.client()))
			}
			c, err := lifetime.NewClient(l.srv.URL, opts...)
			if err != nil {
				b.Fatal(err)
			}
			s.ResetCounters()
			c0 := l.conns.Load()
			start := time.Now()
			inv, err := takeInventory(ctx, c, r.concurrency)
			r.wall += time.Since(start)
			if err != nil {
				b.Fatal(err)
			}
			if len(inv.Versions) != inventoryApps || len(inv.Running) != inventoryEnvs {
				b.Fatalf("inventory read %d applications in %d environments", len(inv.Versions), len(inv.Running))
			}
			r.requests += int64(l.requests())
			r.conns += l.conns.Load() - c0
		}
	}
	n := float64(b.N)
	def, nethttp, seq := runs[0], runs[1], runs[2]
	reqs := float64(def.requests) / n
	bound := reqs / inventoryConcurrency * float64(inventoryLatency)
	b.ReportMetric(reqs, "requests")
	b.ReportMetric(bound/float64(time.Millisecond), "bound-ms")
	b.ReportMetric(float64(def.wall.Milliseconds())/n, "wall-ms")
	b.ReportMetric(float64(def.conns)/n, "tcp-conns")
	b.ReportMetric(float64(def.wall)/n/bound, "wall/bound")
	b.ReportMetric(float64(nethttp.wall.Milliseconds())/n, "nethttp-wall-ms")
	b.ReportMetric(float64(nethttp.conns)/n, "nethttp-tcp-conns")
	b.ReportMetric(float64(nethttp.wall)/n/bound, "nethttp-wall/bound")
	b.ReportMetric(float64(seq.wall.Milliseconds())/n, "sequential-wall-ms")
	b.ReportMetric(float64(seq.wall)/float64(def.wall), "sequential/concurrent")
}
