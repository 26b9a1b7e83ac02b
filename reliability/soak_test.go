package reliability_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
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

// newSoak starts the soak's infrastructure (Development and four targets,
// ten applications of which two fail their deployments) and returns n
// intents, a new application version each, spread over the targets; every
// soakFailEvery-th one deploys a failing application.
func newSoak(t *testing.T, n int) (*bubbleInfra, []*intent) {
	t.Helper()
	in := newBubbleInfra(t, sim.Options{Seed: soakSeed}, []string{"Test", "QA", "Pre-Production", "Production"}, 10)
	for i := range in.apps {
		if i%5 == 4 { // App 004 and App 009 fail their deployments
			if err := in.sim.SetApplicationBehaviour(in.apps[i].Key, sim.DeploymentBehaviour{Outcome: sim.OutcomeErrors}); err != nil {
				t.Fatal(err)
			}
		}
	}
	intents := make([]*intent, n)
	for i := range intents {
		app := i % len(in.apps)
		if app%5 == 4 {
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
	return in, intents
}

// soakResult is what the simulator's records say about a soak.
type soakResult struct {
	lost, duplicated, stuck, wrongOutcome int
	untyped, unexplained                  int
	errors                                int
	kinds                                 map[string]int // SDK errors by kind
	retries, resumes                      int
	extraPlans                            int // plans no intent asked for
	created, started                      int // from the counters
	problems                              []string
}

func (r *soakResult) problem(format string, args ...any) {
	r.problems = append(r.problems, fmt.Sprintf(format, args...))
}

// checkSoak compares the intents with the simulator's records: each intent
// created exactly once, under the key the driver holds, finished with the
// expected outcome; each SDK error typed and explained.
func checkSoak(in *bubbleInfra, intents []*intent, counters sim.Counters) soakResult {
	r := soakResult{kinds: map[string]int{}, created: counters.DeploymentsCreated, started: counters.Commands["start"]}
	byNotes := map[string][]sim.Deployment{}
	for _, d := range in.sim.Deployments() {
		byNotes[d.Notes] = append(byNotes[d.Notes], d)
	}
	for _, it := range intents {
		plans := byNotes[it.notes]
		delete(byNotes, it.notes)
		r.retries += it.attempts - 1
		r.resumes += it.resumes
		for _, err := range it.errs {
			r.errors++
			kind := errorKind(err)
			if kind == "" {
				r.untyped++
				r.problem("%s: untyped error %T: %v", it.notes, err, err)
				continue
			}
			r.kinds[kind]++
			if why := explains(err); why != "" {
				r.unexplained++
				r.problem("%s: error %q %s", it.notes, err, why)
			}
		}
		if len(plans) == 0 {
			r.lost++
			r.problem("%s: no plan was created (attempts %d, errors %v)", it.notes, it.attempts, it.errs)
			continue
		}
		if len(plans) > 1 {
			r.duplicated++
			r.problem("%s: %d plans were created", it.notes, len(plans))
		}
		if !slices.ContainsFunc(plans, func(d sim.Deployment) bool { return d.Key == it.key }) {
			r.lost++
			r.problem("%s: the driver holds key %q, the simulator created %d other plans", it.notes, it.key, len(plans))
		}
		want := lifetime.DeploymentFinishedSuccessful
		if it.expectFail {
			want = lifetime.DeploymentFinishedWithErrors
		}
		for _, p := range plans {
			d, _ := in.sim.Deployment(p.Key)
			if !lifetime.DeploymentStatus(d.Status).Terminal() {
				r.stuck++
				r.problem("%s: plan %s is %s after the soak", it.notes, d.Key, d.Status)
				continue
			}
			if d.Key == it.key && (lifetime.DeploymentStatus(d.Status) != want || it.final != want) {
				r.wrongOutcome++
				r.problem("%s: plan is %s, the SDK reported %s, want %s", it.notes, d.Status, it.final, want)
			}
		}
	}
	for notes, plans := range byNotes {
		r.extraPlans += len(plans)
		r.problem("unexpected plans with notes %q: %d", notes, len(plans))
	}
	return r
}

// TestSoak runs 200 deployments through DeployAndWait while the simulator
// injects 10% faults, then checks with the simulator's own records that
// every intended deployment was created exactly once and finished, and that
// every error the SDK returned was typed and explained.
func TestSoak(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in, intents := newSoak(t, soakDeployments)
		ctx := t.Context()
		for _, it := range intents {
			runIntent(ctx, t, in.client, it)
		}
		counters := in.sim.Counters()
		in.sim.ClearFaults()
		r := checkSoak(in, intents, counters)
		for _, p := range r.problems {
			t.Error(p)
		}
		if r.created != soakDeployments {
			t.Errorf("the simulator created %d plans, want %d", r.created, soakDeployments)
		}
		if r.started != soakDeployments {
			t.Errorf("the simulator accepted %d start commands, want %d (one per plan)", r.started, soakDeployments)
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

		summary(t, "soak: %d deployments, %.0f%% faults, %d lost, %d duplicated, %d stuck, %d wrong outcome; seed %d",
			soakDeployments, soakFaultRate*100, r.lost, r.duplicated, r.stuck, r.wrongOutcome, soakSeed)
		summary(t, "soak: %d requests, %d faults injected (%s); %d SDK errors, %d untyped, %d unexplained (%s); %d intents started over, %d resumes by key; %d texts scanned for secrets",
			sumValues(counters.Requests), sumValues(counters.Faults), countList(counters.Faults), r.errors, r.untyped, r.unexplained, countList(r.kinds), r.retries, r.resumes, scanned)
	})
}

// TestSoakParallelPipelines runs the soak as four pipelines at once, one
// per target environment, sharing one client: the same checks, with the
// client used concurrently under faults. Which request gets which fault
// depends on how the pipelines interleave, so the counts vary from run to
// run; the checks must hold for every interleaving.
func TestSoakParallelPipelines(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in, intents := newSoak(t, soakDeployments)
		ctx := t.Context()
		var wg sync.WaitGroup
		for w := range in.envs {
			wg.Go(func() {
				for i := w; i < len(intents); i += len(in.envs) {
					runIntent(ctx, t, in.client, intents[i])
				}
			})
		}
		wg.Wait()
		counters := in.sim.Counters()
		in.sim.ClearFaults()
		r := checkSoak(in, intents, counters)
		for _, p := range r.problems {
			t.Error(p)
		}
		if r.created != soakDeployments || r.started != soakDeployments {
			t.Errorf("the simulator created %d plans and accepted %d starts, want %d each", r.created, r.started, soakDeployments)
		}
		scan := newSecretScan(in.sim.Token())
		scan.add("log", in.logs.Lines()...)
		for _, it := range intents {
			for _, err := range it.errs {
				scan.addErr(err)
			}
		}
		scan.check(t)
		summary(t, "soak (%d parallel pipelines): %d deployments, %d requests, %d faults, %d lost, %d duplicated, %d stuck, %d wrong outcome; %d SDK errors, %d untyped, %d unexplained",
			len(in.envs), soakDeployments, sumValues(counters.Requests), sumValues(counters.Faults), r.lost, r.duplicated, r.stuck, r.wrongOutcome, r.errors, r.untyped, r.unexplained)
	})
}

// TestSoakCatchesANaivePipeline drives the same soak the way a naive
// pipeline would (on any error, run DeployAndWait again; never resume by
// key) and checks that the soak's checks see the damage: duplicated and
// abandoned plans. It shows that TestSoak's checks can fail.
func TestSoakCatchesANaivePipeline(t *testing.T) {
	const n = 60
	synctest.Test(t, func(t *testing.T) {
		in, intents := newSoak(t, n)
		ctx := t.Context()
		for _, it := range intents {
			for it.attempts < soakMaxAttempts {
				it.attempts++
				key, p, err := in.client.Deployments.DeployAndWait(ctx, it.req, nil)
				if key != "" {
					it.key = key
				}
				if p != nil {
					it.final = p.DeploymentStatus
				}
				if err == nil || errorKind(err) == "deployment-"+string(lifetime.DeploymentFinishedWithErrors) {
					if err != nil {
						it.final = lifetime.DeploymentFinishedWithErrors
					}
					break
				}
				it.errs = append(it.errs, err)
			}
		}
		counters := in.sim.Counters()
		in.sim.ClearFaults()
		r := checkSoak(in, intents, counters)
		if r.duplicated == 0 || r.created <= n {
			t.Errorf("the checks missed the naive pipeline's damage: %d duplicated intents, %d plans created for %d intents", r.duplicated, r.created, n)
		}
		summary(t, "soak (naive pipeline, for contrast): %d deployments, %d plans created, %d duplicated, %d stuck, %d lost, %d wrong outcome",
			n, r.created, r.duplicated, r.stuck, r.lost, r.wrongOutcome)
	})
}

// countList renders counts as "k1=n1 k2=n2", sorted by key.
func countList[K ~string](m map[K]int) string {
	var out []string
	for k, n := range m {
		out = append(out, fmt.Sprintf("%s=%d", k, n))
	}
	slices.Sort(out)
	return strings.Join(out, " ")
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

func sumValues[K comparable](m map[K]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
