package reliability_test

import (
	"cmp"
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
// told to tolerate (WaitOptions.MaxOutage, 30 minutes by default, or the
// optional MaxTransientErrors count), give up with a *lifetime.OutageError
// wrapping the last transient error.
func TestConsoleAwayMidWait(t *testing.T) {
	tests := []struct {
		name     string
		downtime time.Duration
		refuse   bool // connections refused instead of 503
		// maxOutage is WaitOptions.MaxOutage (0: default, 30 minutes).
		maxOutage time.Duration
		// maxTransient is WaitOptions.MaxTransientErrors (0: no count cap).
		maxTransient int
		wantSurvive  bool
	}{
		// The default waiter tolerates 30 minutes of failed polls,
		// whatever the failure (503 with Retry-After: 60 or refused
		// connections, which back off faster and fail more often).
		{name: "503 for 20m, defaults", downtime: 20 * time.Minute, wantSurvive: true},
		{name: "refused for 20m, defaults", downtime: 20 * time.Minute, refuse: true, wantSurvive: true},
		{name: "503 for 1h, tolerant waiter", downtime: time.Hour, maxOutage: 90 * time.Minute, wantSurvive: true},
		{name: "refused for 1h, tolerant waiter", downtime: time.Hour, refuse: true, maxOutage: 90 * time.Minute, wantSurvive: true},
		{name: "503 for 1h, defaults", downtime: time.Hour, wantSurvive: false},
		{name: "refused for 1h, defaults", downtime: time.Hour, refuse: true, wantSurvive: false},
		// The optional count cap still ends a wait early.
		{name: "refused for 20m, at most 5 failed polls", downtime: 20 * time.Minute, refuse: true, maxTransient: 5, wantSurvive: false},
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
					Wait: &lifetime.WaitOptions{OnProgress: onProgress, MaxOutage: tt.maxOutage, MaxTransientErrors: tt.maxTransient},
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
					var outage *lifetime.OutageError
					if !errors.As(err, &outage) {
						t.Fatalf("err = %v (%s), want a *lifetime.OutageError", err, errorKind(err))
					}
					if kind := errorKind(outage.Err); !strings.HasPrefix(kind, "api-5") && kind != "operation" {
						t.Errorf("err = %v (%s), want the transient error that ended the wait inside", err, kind)
					}
					budget := cmp.Or(tt.maxOutage, lifetime.DefaultMaxOutage)
					if tt.maxTransient == 0 && outage.Outage < budget {
						t.Errorf("the waiter gave up after an outage of %v, want at least %v", outage.Outage, budget)
					}
					if tt.maxTransient > 0 && outage.Failures != tt.maxTransient+1 {
						t.Errorf("the waiter gave up after %d failed polls, want %d", outage.Failures, tt.maxTransient+1)
					}
					if outage.DeploymentKey != key || outage.LastStatus != lifetime.DeploymentRunning {
						t.Errorf("OutageError = %+v, want the key %s and the last status running", outage, key)
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
