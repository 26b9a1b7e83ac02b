package reliability_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-outsystems/outsystems/internal/sim"
	"github.com/go-outsystems/outsystems/lifetime"
)

const (
	// soakDeployments is how many deployments the soak intends.
	soakDeployments = 200
	// soakFaultRate is the share of requests that get a fault.
	soakFaultRate = 0.10
	// soakSeed fixes the simulator's keys and fault decisions.
	soakSeed = 20260326
	// soakFailEvery makes every n-th deployment end with errors on
	// purpose, so the suite also sees deployment failures.
	soakFailEvery = 25
	// soakMaxAttempts bounds how often the driver starts an intent over
	// when the SDK says no plan was created.
	soakMaxAttempts = 6
	// soakMaxResumes bounds how often the driver resumes a plan by key.
	soakMaxResumes = 10
)

// soakFaults are the faults of the soak, each firing with the same
// probability so that together they hit soakFaultRate of the requests.
func soakFaults() []sim.Fault {
	faults := []sim.Fault{
		{Kind: sim.FaultStatus, Status: 500},
		{Kind: sim.FaultStatus, Status: 502},
		{Kind: sim.FaultStatus, Status: 503},
		{Kind: sim.FaultResetBefore},
		{Kind: sim.FaultResetAfter},
		{Kind: sim.FaultTooManyRequests, RetryAfter: 3 * time.Second},
		{Kind: sim.FaultTruncate},
		{Kind: sim.FaultSlowBody, Latency: 2 * time.Second},
	}
	// P(no fault) = (1-p)^n = 1 - soakFaultRate.
	p := 1 - math.Pow(1-soakFaultRate, 1/float64(len(faults)))
	for i := range faults {
		faults[i].Rate = p
	}
	return faults
}

// intent is one deployment the soak wants, and what happened to it.
type intent struct {
	notes      string
	req        lifetime.DeploymentCreateRequest
	expectFail bool

	key      string
	attempts int // DeployAndWait calls
	resumes  int // Start/Wait calls by key after an error
	final    lifetime.DeploymentStatus
	errs     []error
}

// TestSoak runs 200 deployments through DeployAndWait while the simulator
// injects 10% faults, then checks with the simulator's own records that
// every intended deployment was created exactly once and finished, and that
// every error the SDK returned was typed and explained.
func TestSoak(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in := newBubbleInfra(t, sim.Options{Seed: soakSeed}, []string{"Test", "QA", "Pre-Production", "Production"}, 10)
		for i := range in.apps {
			if i%5 == 4 { // App 004 and App 009 fail their deployments
				if err := in.sim.SetApplicationBehaviour(in.apps[i].Key, sim.DeploymentBehaviour{Outcome: sim.OutcomeErrors}); err != nil {
					t.Fatal(err)
				}
			}
		}
		intents := make([]*intent, soakDeployments)
		for i := range intents {
			app := i % len(in.apps)
			if (i+1)%soakFailEvery != 0 && app%5 == 4 {
				app-- // only every soakFailEvery-th intent uses a failing app
			}
			if (i+1)%soakFailEvery == 0 {
				app = 4
			}
			notes := fmt.Sprintf("soak %03d", i)
			intents[i] = &intent{
				notes:      notes,
				req:        in.tag(t, app, fmt.Sprintf("1.%d", i), in.envs[i%len(in.envs)], notes),
				expectFail: app%5 == 4,
			}
		}
		for _, f := range soakFaults() {
			if _, err := in.sim.InjectFault(f); err != nil {
				t.Fatal(err)
			}
		}
		in.sim.ResetCounters()

		ctx := t.Context()
		for _, it := range intents {
			runIntent(ctx, t, in.client, it)
		}
		counters := in.sim.Counters()
		in.sim.ClearFaults()

		// The simulator's records, not the client's, decide.
		byNotes := map[string][]sim.Deployment{}
		for _, d := range in.sim.Deployments() {
			byNotes[d.Notes] = append(byNotes[d.Notes], d)
		}
		var lost, duplicated, stuck, wrongOutcome, untyped, unexplained int
		kinds := map[string]int{}
		var retries, resumes int
		for _, it := range intents {
			plans := byNotes[it.notes]
			delete(byNotes, it.notes)
			switch {
			case len(plans) == 0:
				lost++
				t.Errorf("%s: no plan was created (attempts %d, errors %v)", it.notes, it.attempts, it.errs)
				continue
			case len(plans) > 1:
				duplicated++
				t.Errorf("%s: %d plans were created", it.notes, len(plans))
			}
			if it.key != plans[0].Key {
				lost++
				t.Errorf("%s: the driver holds key %q, the simulator created %q", it.notes, it.key, plans[0].Key)
			}
			d, _ := in.sim.Deployment(plans[0].Key)
			if !lifetime.DeploymentStatus(d.Status).Terminal() {
				stuck++
				t.Errorf("%s: plan %s is %s after the soak", it.notes, d.Key, d.Status)
			}
			want := lifetime.DeploymentFinishedSuccessful
			if it.expectFail {
				want = lifetime.DeploymentFinishedWithErrors
			}
			if lifetime.DeploymentStatus(d.Status) != want || it.final != want {
				wrongOutcome++
				t.Errorf("%s: plan is %s, the SDK reported %s, want %s", it.notes, d.Status, it.final, want)
			}
			retries += it.attempts - 1
			resumes += it.resumes
			for _, err := range it.errs {
				kind := errorKind(err)
				if kind == "" {
					untyped++
					t.Errorf("%s: untyped error %T: %v", it.notes, err, err)
					continue
				}
				kinds[kind]++
				if why := explains(err); why != "" {
					unexplained++
					t.Errorf("%s: error %q %s", it.notes, err, why)
				}
			}
		}
		for notes, plans := range byNotes {
			t.Errorf("unexpected plans with notes %q: %d", notes, len(plans))
		}
		if counters.DeploymentsCreated != soakDeployments {
			t.Errorf("the simulator created %d plans, want %d", counters.DeploymentsCreated, soakDeployments)
		}
		if got := counters.Commands["start"]; got != soakDeployments {
			t.Errorf("the simulator accepted %d start commands, want %d (one per plan)", got, soakDeployments)
		}

		// Secret hygiene of the soak's own output.
		scan := newSecretScan(in.sim.Token())
		scan.add("log", in.logs.Lines()...)
		for _, it := range intents {
			for _, err := range it.errs {
				scan.addErr(err)
			}
		}
		scanned := scan.check(t)

		requests := 0
		for _, n := range counters.Requests {
			requests += n
		}
		faults := 0
		for _, n := range counters.Faults {
			faults += n
		}
		var kindList []string
		for k, n := range kinds {
			kindList = append(kindList, fmt.Sprintf("%s=%d", k, n))
		}
		sort.Strings(kindList)
		var faultList []string
		for k, n := range counters.Faults {
			faultList = append(faultList, fmt.Sprintf("%s=%d", k, n))
		}
		slices.Sort(faultList)
		summary(t, "soak: %d deployments, %.0f%% faults, %d lost, %d duplicated, %d stuck, %d wrong outcome; seed %d",
			soakDeployments, soakFaultRate*100, lost, duplicated, stuck, wrongOutcome, soakSeed)
		summary(t, "soak: %d requests, %d faults injected (%s); %d SDK errors, %d untyped, %d unexplained (%s); %d intents started over, %d resumes by key; %d texts scanned for secrets",
			requests, faults, strings.Join(faultList, " "), sumValues(kinds)+untyped, untyped, unexplained, strings.Join(kindList, " "), retries, resumes, scanned)
	})
}

// runIntent drives one intended deployment to its end the way a careful
// pipeline would: DeployAndWait; when the SDK says no plan exists, start
// over; when it returns a key with an error, resume that plan by key.
func runIntent(ctx context.Context, t *testing.T, c *lifetime.Client, it *intent) {
	t.Helper()
	for it.key == "" {
		if it.attempts == soakMaxAttempts {
			t.Errorf("%s: gave up after %d attempts: %v", it.notes, it.attempts, it.errs)
			return
		}
		it.attempts++
		key, p, err := c.Deployments.DeployAndWait(ctx, it.req, nil)
		if err != nil {
			it.errs = append(it.errs, err)
		}
		if key != "" {
			it.key = key
			if p != nil && p.DeploymentStatus.Terminal() {
				it.final = p.DeploymentStatus
				return
			}
			if errorKind(err) == "deployment-"+string(lifetime.DeploymentFinishedWithErrors) {
				it.final = lifetime.DeploymentFinishedWithErrors
				return
			}
			break
		}
		var unknown *lifetime.UnknownOutcomeError
		switch {
		case errors.As(err, &unknown) && len(unknown.Candidates) > 1:
			t.Errorf("%s: several candidate plans: %v", it.notes, unknown.Candidates)
			return
		case errors.As(err, &unknown) && unknown.LookupErr != nil:
			// The SDK could not look; look again, as its doc says.
			it.key = findPlan(ctx, t, c, it)
		}
		// Otherwise the SDK looked and found no plan, or LifeTime answered
		// the create with an error: nothing was created, start over.
	}
	for it.resumes < soakMaxResumes {
		it.resumes++
		p, _, err := c.Deployments.Status(ctx, it.key)
		if err != nil {
			it.errs = append(it.errs, err)
			continue
		}
		switch p.DeploymentStatus {
		case lifetime.DeploymentSaved:
			if _, err := c.Deployments.Start(ctx, it.key, nil); err != nil {
				it.errs = append(it.errs, err)
				continue
			}
		case lifetime.DeploymentNeedsUserIntervention:
			t.Errorf("%s: plan %s needs user intervention (%s)", it.notes, it.key, p.Info)
			return
		}
		if p.DeploymentStatus.Terminal() {
			it.final = p.DeploymentStatus
			return
		}
		p, err = c.Deployments.Wait(ctx, it.key, nil)
		if err != nil {
			it.errs = append(it.errs, err)
		}
		if p != nil && p.DeploymentStatus.Terminal() {
			it.final = p.DeploymentStatus
			return
		}
	}
	t.Errorf("%s: plan %s not finished after %d resumes: %v", it.notes, it.key, it.resumes, it.errs)
}

// findPlan lists the target's plans and returns the key of the one with the
// intent's notes ("" if none).
func findPlan(ctx context.Context, t *testing.T, c *lifetime.Client, it *intent) string {
	for range soakMaxResumes {
		list, _, err := c.Deployments.List(ctx, &lifetime.DeploymentListOptions{TargetEnvironmentKey: it.req.TargetEnvironmentKey})
		if err != nil {
			it.errs = append(it.errs, err)
			continue
		}
		for _, d := range list {
			if d.Notes == it.notes {
				return d.Key
			}
		}
		return ""
	}
	t.Errorf("%s: could not list the plans of the target", it.notes)
	return ""
}

func sumValues(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
