package reliability_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-outsystems/outsystems/internal/sim"
	"github.com/go-outsystems/outsystems/lifetime"
)

// TestCancellation cancels the context of a running DeployAndWait: with
// AbortOnCancel the plan is aborted on the simulator; without it the plan
// is left running and its key is returned. A deadline behaves as a cancel,
// and an abort LifeTime refuses (too late) is reported, not hidden.
func TestCancellation(t *testing.T) {
	tests := []struct {
		name string
		// abort sets WaitOptions.AbortOnCancel.
		abort bool
		// deadline ends the context with a timeout instead of a cancel.
		deadline bool
		// cancelAfter is how long after the start the context ends.
		cancelAfter time.Duration
		// wantAbortSent is whether LifeTime accepts the abort.
		wantAbortSent bool
		// wantFinal is the plan's state once it settled.
		wantFinal sim.DeploymentStatus
	}{
		{name: "cancel with abort", abort: true, cancelAfter: 30 * time.Second, wantAbortSent: true, wantFinal: sim.StatusAborted},
		{name: "deadline with abort", abort: true, deadline: true, cancelAfter: 30 * time.Second, wantAbortSent: true, wantFinal: sim.StatusAborted},
		{name: "cancel without abort", cancelAfter: 30 * time.Second, wantFinal: sim.StatusFinishedSuccessful},
		{name: "abort too late", abort: true, cancelAfter: 90 * time.Second, wantFinal: sim.StatusFinishedSuccessful},
	}
	var lines []string
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				in := newBubbleInfra(t, sim.Options{Seed: 7, DeploymentDuration: 2 * time.Minute}, []string{"Test"}, 1)
				req := in.tag(t, 0, "2.0", in.envs[0], "cancel: "+tt.name)

				var (
					ctx    context.Context
					cancel context.CancelFunc
				)
				if tt.deadline {
					// The deadline counts from now; create, validate and
					// start take no fake time.
					ctx, cancel = context.WithTimeout(t.Context(), tt.cancelAfter)
				} else {
					ctx, cancel = context.WithCancel(t.Context())
					time.AfterFunc(tt.cancelAfter, cancel)
				}
				defer cancel()

				key, p, err := in.client.Deployments.DeployAndWait(ctx, req, &lifetime.DeployOptions{
					Wait: &lifetime.WaitOptions{PollInterval: 10 * time.Second, AbortOnCancel: tt.abort},
				})
				if key == "" {
					t.Fatalf("DeployAndWait returned no key (err %v)", err)
				}
				if p != nil && p.DeploymentStatus.Terminal() {
					t.Errorf("progress says %s, want the last non-terminal state seen", p.DeploymentStatus)
				}
				var wi *lifetime.WaitInterruptedError
				if !errors.As(err, &wi) {
					t.Fatalf("err = %T %v, want *lifetime.WaitInterruptedError", err, err)
				}
				wantCause := context.Canceled
				if tt.deadline {
					wantCause = context.DeadlineExceeded
				}
				if !errors.Is(err, wantCause) {
					t.Errorf("errors.Is(err, %v) = false; err = %v", wantCause, err)
				}
				if wi.DeploymentKey != key || wi.AbortSent != tt.wantAbortSent {
					t.Errorf("WaitInterruptedError{DeploymentKey: %q, AbortSent: %v}, want {%q, %v}", wi.DeploymentKey, wi.AbortSent, key, tt.wantAbortSent)
				}
				if tt.abort && !tt.wantAbortSent && !errors.Is(wi.AbortErr, lifetime.ErrConflict) {
					t.Errorf("AbortErr = %v, want an error matching ErrConflict (LifeTime refused the abort)", wi.AbortErr)
				}
				if why := explains(err); why != "" {
					t.Errorf("error %q %s", err, why)
				}
				if !strings.Contains(err.Error(), key) {
					t.Errorf("error %q does not name the plan %s", err, key)
				}

				d, _ := in.sim.Deployment(key)
				statusAtReturn := d.Status
				time.Sleep(10 * time.Minute) // let the plan settle
				d, _ = in.sim.Deployment(key)
				aborts := in.sim.Counters().Commands["abort"]
				if d.Status != tt.wantFinal {
					t.Errorf("plan settled as %s, want %s", d.Status, tt.wantFinal)
				}
				if wantAborts := b2i(tt.wantAbortSent); aborts != wantAborts {
					t.Errorf("the simulator accepted %d abort commands, want %d", aborts, wantAborts)
				}
				scan := newSecretScan(in.sim.Token())
				scan.add("log", in.logs.Lines()...)
				scan.addErr(err)
				scan.check(t)
				lines = append(lines, fmt.Sprintf("%s: plan %s at return, %s at the end, %d abort accepted, key returned", tt.name, statusAtReturn, d.Status, aborts))
			})
		})
	}
	summary(t, "cancellation: %d cases; %s", len(lines), strings.Join(lines, "; "))
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
