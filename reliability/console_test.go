package reliability_test

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-outsystems/outsystems/internal/sim"
	"github.com/go-outsystems/outsystems/lifetime"
)

// TestConsoleAwayMidWait upgrades the simulated console while a deployment
// is being waited for: the console answers 503 (an HTML page with
// Retry-After: 60) or refuses connections for the downtime, then comes back
// at the new version. The waiter must ride it out and report the
// deployment's real outcome, or, when the downtime is longer than it was
// told to tolerate, give up with a typed transient error.
func TestConsoleAwayMidWait(t *testing.T) {
	tests := []struct {
		name     string
		downtime time.Duration
		refuse   bool // connections refused instead of 503
		// maxTransient is WaitOptions.MaxTransientErrors (0: default).
		maxTransient int
		wantSurvive  bool
	}{
		{name: "503 for 10m, defaults", downtime: 10 * time.Minute, wantSurvive: true},
		{name: "refused for 5m, defaults", downtime: 5 * time.Minute, refuse: true, wantSurvive: true},
		{name: "503 for 1h, tolerant waiter", downtime: time.Hour, maxTransient: 40, wantSurvive: true},
		{name: "refused for 1h, tolerant waiter", downtime: time.Hour, refuse: true, maxTransient: 40, wantSurvive: true},
		// The default waiter tolerates 5 failed polls in a row: about 18
		// minutes of 503 with Retry-After: 60, but only about 6 minutes
		// of refused connections, whose retries back off faster.
		{name: "503 for 1h, defaults", downtime: time.Hour, wantSurvive: false},
		{name: "refused for 15m, defaults", downtime: 15 * time.Minute, refuse: true, wantSurvive: false},
	}
	var lines []string
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				in := newBubbleInfra(t, sim.Options{Seed: 11, DeploymentDuration: 30 * time.Minute, RefuseConnectionsDuringUpgrade: tt.refuse},
					[]string{"Test"}, 1)
				req := in.tag(t, 0, "3.0", in.envs[0], "console away: "+tt.name)

				var (
					mu         sync.Mutex
					upgraded   time.Time
					errorPolls int
					upgradeErr error
				)
				onProgress := func(ev lifetime.DeploymentEvent) {
					mu.Lock()
					defer mu.Unlock()
					if ev.Err != nil {
						errorPolls++
					}
					if upgraded.IsZero() && ev.Status == lifetime.DeploymentRunning {
						upgraded = time.Now()
						upgradeErr = in.sim.UpgradeConsole("11.26.0", tt.downtime)
					}
				}
				start := time.Now()
				key, p, err := in.client.Deployments.DeployAndWait(t.Context(), req, &lifetime.DeployOptions{
					Wait: &lifetime.WaitOptions{OnProgress: onProgress, MaxTransientErrors: tt.maxTransient},
				})
				elapsed := time.Since(start)
				if upgradeErr != nil || upgraded.IsZero() {
					t.Fatalf("the console upgrade did not start: %v", upgradeErr)
				}
				if key == "" {
					t.Fatalf("no key: %v", err)
				}
				_, down := in.sim.UpgradeInProgress()
				if tt.wantSurvive {
					if err != nil {
						t.Fatalf("the waiter gave up: %v", err)
					}
					if p.DeploymentStatus != lifetime.DeploymentFinishedSuccessful {
						t.Errorf("status %s, want finished_successful", p.DeploymentStatus)
					}
					if down {
						t.Errorf("the waiter returned while the console was still down")
					}
				} else {
					if err == nil {
						t.Fatalf("the waiter survived %v of downtime with its defaults; update the test and the docs", tt.downtime)
					}
					if kind := errorKind(err); !strings.HasPrefix(kind, "api-5") && kind != "operation" {
						t.Errorf("err = %v (%s), want the transient error that ended the wait", err, kind)
					}
					if !errors.Is(err, lifetime.ErrServer) && !tt.refuse {
						t.Errorf("errors.Is(err, ErrServer) = false: %v", err)
					}
					if why := explains(err); why != "" {
						t.Errorf("error %q %s", err, why)
					}
				}
				if got := in.sim.ConsoleVersion(); tt.wantSurvive && got != "11.26.0" {
					t.Errorf("console version %s after the wait, want 11.26.0", got)
				}
				c := in.sim.Counters()
				polls := c.Requests["Deployments_GetStatus"]
				scan := newSecretScan(in.sim.Token())
				scan.add("log", in.logs.Lines()...)
				scan.addErr(err)
				scan.check(t)
				outcome := "survived"
				if err != nil {
					outcome = "gave up (" + errorKind(err) + ")"
				}
				lines = append(lines, fmt.Sprintf("%s: %s after %v, %d status requests (%d failed polls reported), %.1f requests/min",
					tt.name, outcome, elapsed.Round(time.Second), polls, errorPolls, float64(polls)/elapsed.Minutes()))
			})
		})
	}
	summary(t, "console-away: %d cases; %s", len(lines), strings.Join(lines, "; "))
}
