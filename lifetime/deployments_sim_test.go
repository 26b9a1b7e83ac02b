package lifetime

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/go-outsystems/outsystems/lifetime/lifetimetest"
)

// simSetup starts the simulator (default scenario, real clock with short
// deployment steps) and a client with fast retries.
func simSetup(t *testing.T, step time.Duration) (*lifetimetest.Server, *Client) {
	t.Helper()
	srv, err := lifetimetest.NewServer(lifetimetest.WithDeploymentStepDuration(step), lifetimetest.WithSeed(7))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	client, err := NewClient(srv.URL, WithToken(srv.Token()), WithHTTPClient(srv.Client()), WithInsecureHTTP(),
		WithRetry(RetryPolicy{MaxAttempts: 5, InitialInterval: 5 * time.Millisecond, MaxInterval: 20 * time.Millisecond, MaxRetryAfter: 2 * time.Second}))
	if err != nil {
		t.Fatal(err)
	}
	return srv, client
}

// simPlan returns a create request deploying a fresh tag of app from
// Development to Test.
func simPlan(t *testing.T, srv *lifetimetest.Server, app, version string) DeploymentCreateRequest {
	t.Helper()
	sim := srv.Sim()
	dev, _ := sim.EnvironmentByName("Development")
	test, _ := sim.EnvironmentByName("Test")
	a, ok := sim.ApplicationByName(app)
	if !ok {
		t.Fatalf("no application %q in the scenario", app)
	}
	v, err := sim.TagVersion(a.Key, dev.Key, version, "sim test")
	if err != nil {
		t.Fatal(err)
	}
	return DeploymentCreateRequest{
		Notes: "sim " + app + " " + version, SourceEnvironmentKey: dev.Key, TargetEnvironmentKey: test.Key,
		ApplicationOperations: []DeploymentAppVersion{{ApplicationVersionKey: v.Key}},
	}
}

func TestSimCreateReconcilesAfterResetAfterProcessing(t *testing.T) {
	srv, client := simSetup(t, 50*time.Millisecond)
	body := simPlan(t, srv, "Core Services", "1.3")
	if _, err := srv.Sim().InjectFault(lifetimetest.Fault{Kind: lifetimetest.FaultResetAfter, Operation: "Deployments_Create", Times: 1}); err != nil {
		t.Fatal(err)
	}
	key, _, err := client.Deployments.Create(t.Context(), body)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	c := srv.Sim().Counters()
	if c.DeploymentsCreated != 1 || c.Requests["Deployments_Create"] != 1 {
		t.Errorf("created %d plans with %d requests, want 1 and 1", c.DeploymentsCreated, c.Requests["Deployments_Create"])
	}
	if d, ok := srv.Sim().Deployment(key); !ok || d.Key != key {
		t.Errorf("the reconciled key %q is not the created plan", key)
	}
}

func TestSimCreateResetBeforeProcessingIsUnknownOutcome(t *testing.T) {
	srv, client := simSetup(t, 50*time.Millisecond)
	body := simPlan(t, srv, "Core Services", "1.3")
	if _, err := srv.Sim().InjectFault(lifetimetest.Fault{Kind: lifetimetest.FaultResetBefore, Operation: "Deployments_Create", Times: 1}); err != nil {
		t.Fatal(err)
	}
	_, _, err := client.Deployments.Create(t.Context(), body)
	var unk *UnknownOutcomeError
	if !errors.As(err, &unk) || len(unk.Candidates) != 0 {
		t.Fatalf("err = %v, want *UnknownOutcomeError without candidates", err)
	}
	if c := srv.Sim().Counters(); c.DeploymentsCreated != 0 {
		t.Errorf("created %d plans, want 0", c.DeploymentsCreated)
	}
}

func TestSimDeployAndWaitSurvivesTransientFaults(t *testing.T) {
	srv, client := simSetup(t, 50*time.Millisecond)
	body := simPlan(t, srv, "Core Services", "1.3")
	sim := srv.Sim()
	for _, f := range []lifetimetest.Fault{
		{Kind: lifetimetest.FaultStatus, Status: 503, Operation: "Deployments_GetStatus", Times: 2},
		{Kind: lifetimetest.FaultTooManyRequests, RetryAfter: time.Second, Operation: "Deployments_Get", Times: 1},
		{Kind: lifetimetest.FaultResetBefore, Operation: "Deployments_GetStatus", Times: 1},
	} {
		if _, err := sim.InjectFault(f); err != nil {
			t.Fatal(err)
		}
	}
	key, p, err := client.Deployments.DeployAndWait(t.Context(), body, &DeployOptions{Wait: &WaitOptions{PollInterval: 20 * time.Millisecond, Timeout: time.Minute}})
	if err != nil {
		t.Fatalf("DeployAndWait: %v", err)
	}
	if !p.DeploymentStatus.Succeeded() {
		t.Errorf("status = %s", p.DeploymentStatus)
	}
	c := sim.Counters()
	if c.DeploymentsCreated != 1 || c.Commands["start"] != 1 {
		t.Errorf("counters: created %d, start %d", c.DeploymentsCreated, c.Commands["start"])
	}
	if d, _ := sim.Deployment(key); string(d.Status) != string(p.DeploymentStatus) {
		t.Errorf("sim says %s, client says %s", d.Status, p.DeploymentStatus)
	}
}

func TestSimTwoStageDeployment(t *testing.T) {
	for _, cont := range []bool{false, true} {
		srv, client := simSetup(t, 50*time.Millisecond)
		body := simPlan(t, srv, "Core Services", "1.3")
		app, _ := srv.Sim().ApplicationByName("Core Services")
		if err := srv.Sim().SetApplicationBehaviour(app.Key, lifetimetest.DeploymentBehaviour{
			StepDuration: 50 * time.Millisecond, Pauses: []string{lifetimetest.InfoDeploymentPrepared}, Outcome: lifetimetest.OutcomeWarnings,
		}); err != nil {
			t.Fatal(err)
		}
		_, p, err := client.Deployments.DeployAndWait(t.Context(), body, &DeployOptions{Wait: &WaitOptions{
			PollInterval: 20 * time.Millisecond, Timeout: time.Minute, ContinuePrepared: cont,
		}})
		if !cont {
			var de *DeploymentError
			if !errors.As(err, &de) || !errors.Is(err, ErrNeedsUserIntervention) || de.Info != InfoDeploymentPrepared {
				t.Errorf("without ContinuePrepared: err = %v", err)
			}
			continue
		}
		if err != nil || p.DeploymentStatus != DeploymentFinishedWithWarnings {
			t.Fatalf("with ContinuePrepared: %+v, %v", p, err)
		}
		if n := srv.Sim().Counters().Commands["continue"]; n != 1 {
			t.Errorf("continue sent %d times, want 1", n)
		}
	}
}

func TestSimFailedDeployment(t *testing.T) {
	srv, client := simSetup(t, 50*time.Millisecond)
	body := simPlan(t, srv, "Core Services", "1.3")
	app, _ := srv.Sim().ApplicationByName("Core Services")
	if err := srv.Sim().SetApplicationBehaviour(app.Key, lifetimetest.DeploymentBehaviour{Outcome: lifetimetest.OutcomeErrors, FailingModule: "CoreServices_CS"}); err != nil {
		t.Fatal(err)
	}
	_, _, err := client.Deployments.DeployAndWait(t.Context(), body, &DeployOptions{Wait: &WaitOptions{PollInterval: 20 * time.Millisecond, Timeout: time.Minute}})
	var de *DeploymentError
	if !errors.As(err, &de) || !errors.Is(err, ErrDeploymentFailed) || de.Status != DeploymentFinishedWithErrors {
		t.Fatalf("err = %v, want finished_with_errors", err)
	}
}

func TestSimAbortOnCancel(t *testing.T) {
	srv, client := simSetup(t, time.Hour) // never finishes on its own
	body := simPlan(t, srv, "Core Services", "1.3")
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	key, _, err := client.Deployments.DeployAndWait(ctx, body, &DeployOptions{Wait: &WaitOptions{PollInterval: 20 * time.Millisecond, AbortOnCancel: true}})
	var wi *WaitInterruptedError
	if !errors.As(err, &wi) || !wi.AbortSent || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want an interrupted wait with the abort sent", err)
	}
	if n := srv.Sim().Counters().Commands["abort"]; n != 1 {
		t.Errorf("abort accepted %d times, want 1", n)
	}
	st, _, err := client.Deployments.Status(t.Context(), key)
	if err != nil {
		t.Fatal(err)
	}
	if st.DeploymentStatus != DeploymentAborting && st.DeploymentStatus != DeploymentAborted {
		t.Errorf("status after abort = %s", st.DeploymentStatus)
	}
}
