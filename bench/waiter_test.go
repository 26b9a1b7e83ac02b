package bench

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/go-outsystems/outsystems/internal/sim"
	"github.com/go-outsystems/outsystems/lifetime"
)

// waiterSpeed is how much faster than the wall clock the simulated
// infrastructure runs in BenchmarkWaiter; the waiter's poll interval is
// divided by the same factor, so the figures, read in simulated time, are
// those of the default 20 s interval.
const waiterSpeed = 100

// BenchmarkWaiter deploys one application per iteration with DeployAndWait
// (default wait options but the poll interval, scaled) on a simulator whose
// clock runs waiterSpeed times faster than the wall clock; deployments last
// 2 minutes plus an offset that walks evenly over a poll interval. It
// reports, in simulated time, the delay
// between the deployment's completion (the instant of its last log entry)
// and DeployAndWait returning, that delay as a share of the poll interval,
// and the status requests per minute while waiting.
//
// The HTTP round trips take real time, which the scaling multiplies: a
// 1 ms call counts as 0.1 s of simulated time.
func BenchmarkWaiter(b *testing.B) {
	clock := sim.NewRealClock(waiterSpeed)
	s := sim.New(sim.Options{Seed: 3, Clock: clock})
	seedInfrastructure(b, s, 2, 1)
	envs := s.Environments()
	app, _ := s.ApplicationByName("Application 00000")
	l := newLoopback(b, s)
	c, err := lifetime.NewClient(l.srv.URL, lifetime.WithToken(s.Token()), lifetime.WithInsecureHTTP())
	if err != nil {
		b.Fatal(err)
	}
	poll := lifetime.DefaultPollInterval / waiterSpeed
	ctx := context.Background()
	var delay, waited time.Duration
	var polls int
	i := 0
	for b.Loop() {
		i++
		v, err := s.TagVersion(app.Key, envs[0].Key, fmt.Sprintf("2.0.%d", i), "bench")
		if err != nil {
			b.Fatal(err)
		}
		// Deployments last 2 to 2⅓ minutes, spread evenly over a poll
		// interval, so that completions do not line up with polls.
		offset := time.Duration(float64(lifetime.DefaultPollInterval) * math.Mod(float64(i)*0.618034, 1))
		if err := s.SetApplicationBehaviour(app.Key, sim.DeploymentBehaviour{StepDuration: 2*time.Minute + offset}); err != nil {
			b.Fatal(err)
		}
		req := lifetime.DeploymentCreateRequest{
			Notes: fmt.Sprintf("waiter %d", i), SourceEnvironmentKey: envs[0].Key, TargetEnvironmentKey: envs[1].Key,
			ApplicationOperations: []lifetime.DeploymentAppVersion{{ApplicationVersionKey: v.Key}},
		}
		s.ResetCounters()
		start := clock.Now()
		key, p, err := c.Deployments.DeployAndWait(ctx, req, &lifetime.DeployOptions{Wait: &lifetime.WaitOptions{PollInterval: poll}})
		end := clock.Now()
		if err != nil || !p.DeploymentStatus.Succeeded() {
			b.Fatalf("deployment %s: %v", key, err)
		}
		d, _ := s.Deployment(key)
		done := d.Log[len(d.Log)-1].Instant
		if done.After(end) {
			b.Fatalf("the deployment completed at %v, after the waiter returned at %v", done, end)
		}
		delay += end.Sub(done)
		waited += end.Sub(start)
		polls += s.Counters().Requests["Deployments_GetStatus"]
	}
	n := float64(b.N)
	b.ReportMetric(delay.Seconds()/n, "delay-s")
	b.ReportMetric(float64(delay)/n/float64(lifetime.DefaultPollInterval), "delay/poll-interval")
	b.ReportMetric(float64(polls)/waited.Minutes(), "requests/min")
	b.ReportMetric(waited.Seconds()/n, "wait-s")
}
