package lifetime

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
)

// scriptedDeployment serves /deployments/{key}/status/ from a script of
// answers (the last one repeats) and records commands.
type scriptedDeployment struct {
	t        *testing.T
	mu       sync.Mutex
	script   []func(w http.ResponseWriter)
	polls    int
	pollTime []time.Time
	commands []string
	queries  []url.Values
	// afterContinue, when set, replaces the script once continue arrives.
	afterContinue []func(w http.ResponseWriter)
}

func progress(status DeploymentStatus, info DeploymentInfo, log ...string) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		p := DeploymentProgress{DeploymentStatus: status, Info: info, DeploymentLog: []DeploymentMessage{}}
		for i, m := range log {
			typ := "Info"
			if len(m) > 6 && m[:6] == "ERROR:" {
				typ = "Error"
			}
			p.DeploymentLog = append(p.DeploymentLog, DeploymentMessage{Instant: Time{time.Date(2024, 1, 1, 0, 0, i, 0, time.UTC)}, Message: m, Type: typ})
		}
		b, _ := json.Marshal(p)
		writeJSON(w, 200, string(b))
	}
}

func failing(status int) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		writeJSON(w, status, `{"Errors":["temporarily unavailable"],"StatusCode":503}`)
	}
}

func (s *scriptedDeployment) register(mux *http.ServeMux, key string) {
	mux.HandleFunc("GET /deployments/"+key+"/status/", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		i := min(s.polls, len(s.script)-1)
		s.polls++
		s.pollTime = append(s.pollTime, time.Now())
		answer := s.script[i]
		s.mu.Unlock()
		answer(w)
	})
	mux.HandleFunc("POST /deployments/"+key+"/{cmd}/", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.commands = append(s.commands, r.PathValue("cmd"))
		s.queries = append(s.queries, r.URL.Query())
		if r.PathValue("cmd") == "continue" && s.afterContinue != nil {
			s.script, s.polls = s.afterContinue, 0
		}
		s.mu.Unlock()
		w.WriteHeader(202)
	})
}

func (s *scriptedDeployment) gotCommands() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.commands...)
}

// eventSummary keeps the comparable parts of events.
type eventSummary struct {
	Status    DeploymentStatus
	Info      DeploymentInfo
	Changed   bool
	Messages  []string
	Continued bool
	Err       bool
}

func summarize(evs []DeploymentEvent) []eventSummary {
	var out []eventSummary
	for _, e := range evs {
		s := eventSummary{Status: e.Status, Info: e.Info, Changed: e.StatusChanged, Continued: e.Continued, Err: e.Err != nil}
		for _, m := range e.NewMessages {
			s.Messages = append(s.Messages, m.Message)
		}
		out = append(out, s)
	}
	return out
}

func TestWaitSuccessWithWarnings(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client, mux := setupMem(t)
		sd := &scriptedDeployment{t: t, script: []func(http.ResponseWriter){
			progress(DeploymentRunning, "", "Uploading"),
			progress(DeploymentRunning, "", "Uploading"),
			progress(DeploymentRunning, "", "Uploading", "Publishing"),
			progress(DeploymentFinishedWithWarnings, "", "Uploading", "Publishing", "Finished with warnings"),
		}}
		sd.register(mux, "k1")
		var events []DeploymentEvent
		start := time.Now()
		p, err := client.Deployments.Wait(t.Context(), "k1", &WaitOptions{OnProgress: func(e DeploymentEvent) { events = append(events, e) }})
		if err != nil {
			t.Fatalf("Wait: %v", err)
		}
		if p.DeploymentStatus != DeploymentFinishedWithWarnings || !p.DeploymentStatus.Succeeded() {
			t.Errorf("status = %s", p.DeploymentStatus)
		}
		want := []eventSummary{
			{Status: DeploymentRunning, Changed: true, Messages: []string{"Uploading"}},
			{Status: DeploymentRunning, Messages: []string{"Publishing"}},
			{Status: DeploymentFinishedWithWarnings, Changed: true, Messages: []string{"Finished with warnings"}},
		}
		if diff := cmp.Diff(want, summarize(events)); diff != "" {
			t.Errorf("events (-want +got):\n%s", diff)
		}
		if events[2].PreviousStatus != DeploymentRunning {
			t.Errorf("PreviousStatus = %q", events[2].PreviousStatus)
		}
		// Four polls, 20 s apart by default (fake clock).
		if got := time.Since(start); got != 3*DefaultPollInterval {
			t.Errorf("waited %s, want %s", got, 3*DefaultPollInterval)
		}
	})
}

func TestWaitFailures(t *testing.T) {
	tests := []struct {
		name   string
		status DeploymentStatus
		info   DeploymentInfo
		opts   WaitOptions
		is     []error
		isNot  []error
	}{
		{"aborted", DeploymentAborted, "", WaitOptions{}, []error{ErrDeploymentFailed, ErrDeploymentAborted}, []error{ErrNeedsUserIntervention}},
		{"errors", DeploymentFinishedWithErrors, "", WaitOptions{}, []error{ErrDeploymentFailed}, []error{ErrDeploymentAborted}},
		{"force finished", DeploymentForceFinished, "", WaitOptions{}, []error{ErrDeploymentFailed}, []error{ErrUnknownDeploymentStatus}},
		{"unknown", "half_deployed", "", WaitOptions{}, []error{ErrDeploymentFailed, ErrUnknownDeploymentStatus}, nil},
		{"intervention", DeploymentNeedsUserIntervention, InfoBusinessProcessImpact, WaitOptions{ContinuePrepared: true}, []error{ErrNeedsUserIntervention}, []error{ErrDeploymentFailed}},
		{"prepared not opted in", DeploymentNeedsUserIntervention, InfoDeploymentPrepared, WaitOptions{}, []error{ErrNeedsUserIntervention}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				client, mux := setupMem(t)
				sd := &scriptedDeployment{t: t, script: []func(http.ResponseWriter){
					progress(DeploymentRunning, ""),
					progress(tt.status, tt.info, "Start", "ERROR: module X failed"),
				}}
				sd.register(mux, "k1")
				opts := tt.opts
				opts.Timeout = time.Hour // fake time: a regression fails fast instead of hanging
				p, err := client.Deployments.Wait(t.Context(), "k1", &opts)
				var de *DeploymentError
				if !errors.As(err, &de) {
					t.Fatalf("err = %v, want *DeploymentError", err)
				}
				if de.Status != tt.status || de.Info != tt.info || de.DeploymentKey != "k1" || len(de.Log) != 2 {
					t.Errorf("DeploymentError = %+v", de)
				}
				if p == nil || p.DeploymentStatus != tt.status {
					t.Errorf("progress = %+v", p)
				}
				for _, e := range tt.is {
					if !errors.Is(err, e) {
						t.Errorf("errors.Is(%v) = false", e)
					}
				}
				for _, e := range tt.isNot {
					if errors.Is(err, e) {
						t.Errorf("errors.Is(%v) = true", e)
					}
				}
				if len(sd.gotCommands()) != 0 {
					t.Errorf("commands sent: %v", sd.gotCommands())
				}
			})
		})
	}
}

func TestWaitContinuesPreparedOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client, mux := setupMem(t)
		sd := &scriptedDeployment{t: t,
			script: []func(http.ResponseWriter){
				progress(DeploymentRunning, ""),
				progress(DeploymentNeedsUserIntervention, InfoDeploymentPrepared, "Stage 1 done"),
			},
			afterContinue: []func(http.ResponseWriter){
				// LifeTime lags: the pause is still reported once.
				progress(DeploymentNeedsUserIntervention, InfoDeploymentPrepared, "Stage 1 done"),
				progress(DeploymentRunning, "", "Stage 1 done", "Stage 2"),
				progress(DeploymentFinishedSuccessful, "", "Stage 1 done", "Stage 2", "Done"),
			},
		}
		sd.register(mux, "k1")
		yes := true
		var events []DeploymentEvent
		p, err := client.Deployments.Wait(t.Context(), "k1", &WaitOptions{
			ContinuePrepared: true, ContinueOptions: &CommandOptions{RedeployOutdated: &yes},
			PollInterval: 5 * time.Second, Timeout: time.Hour,
			OnProgress: func(e DeploymentEvent) { events = append(events, e) },
		})
		if err != nil || p.DeploymentStatus != DeploymentFinishedSuccessful {
			t.Fatalf("Wait = %+v, %v", p, err)
		}
		if diff := cmp.Diff([]string{"continue"}, sd.gotCommands()); diff != "" {
			t.Errorf("commands (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]url.Values{{"RedeployOutdated": {"true"}}}, sd.queries); diff != "" {
			t.Errorf("continue query (-want +got):\n%s", diff)
		}
		var continued int
		for _, e := range events {
			if e.Continued {
				continued++
				if e.Info != InfoDeploymentPrepared {
					t.Errorf("continued event Info = %q", e.Info)
				}
			}
		}
		if continued != 1 {
			t.Errorf("%d continued events, want 1", continued)
		}
	})
}

func TestWaitContinueRefusedBecauseAlreadyContinued(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client, mux := setupMem(t)
		var polls int
		mux.HandleFunc("GET /deployments/k1/status/", func(w http.ResponseWriter, r *http.Request) {
			polls++
			if polls == 1 {
				progress(DeploymentNeedsUserIntervention, InfoDeploymentPrepared)(w)
				return
			}
			progress(DeploymentFinishedSuccessful, "")(w)
		})
		mux.HandleFunc("POST /deployments/k1/continue/", func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 400, `{"Errors":["Command continue can't be executed for deployment k1."],"StatusCode":400}`)
		})
		p, err := client.Deployments.Wait(t.Context(), "k1", &WaitOptions{ContinuePrepared: true, Timeout: time.Hour})
		if err != nil || p.DeploymentStatus != DeploymentFinishedSuccessful {
			t.Fatalf("Wait = %+v, %v; want it to keep polling after the refused continue", p, err)
		}
	})
	t.Run("other errors end the wait", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			client, mux := setupMem(t)
			sd := &scriptedDeployment{t: t, script: []func(http.ResponseWriter){progress(DeploymentNeedsUserIntervention, InfoDeploymentPrepared)}}
			sd.register(mux, "k2")
			mux.HandleFunc("POST /deployments/k2/continue/", func(w http.ResponseWriter, r *http.Request) {
				writeJSON(w, 403, `{"Errors":["no permission"],"StatusCode":403}`)
			})
			_, err := client.Deployments.Wait(t.Context(), "k2", &WaitOptions{ContinuePrepared: true})
			if !errors.Is(err, ErrForbidden) {
				t.Fatalf("err = %v, want ErrForbidden", err)
			}
		})
	})
}

func TestWaitManualIntervention(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client, mux := setupMem(t)
		sd := &scriptedDeployment{t: t, script: []func(http.ResponseWriter){
			progress(DeploymentNeedsUserIntervention, InfoDeploymentSuspended),
			progress(DeploymentNeedsUserIntervention, InfoDeploymentSuspended),
			progress(DeploymentRunning, ""),
			progress(DeploymentFinishedSuccessful, ""),
		}}
		sd.register(mux, "k1")
		p, err := client.Deployments.Wait(t.Context(), "k1", &WaitOptions{WaitForManualIntervention: true, ContinuePrepared: true, Timeout: time.Hour})
		if err != nil || p.DeploymentStatus != DeploymentFinishedSuccessful {
			t.Fatalf("Wait = %+v, %v", p, err)
		}
		if len(sd.gotCommands()) != 0 {
			t.Errorf("a suspended deployment was continued automatically: %v", sd.gotCommands())
		}
	})
}

func TestWaitTransientErrors(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client, mux := setupMem(t)
		sd := &scriptedDeployment{t: t, script: []func(http.ResponseWriter){
			progress(DeploymentRunning, ""),
			failing(503),
			failing(502),
			progress(DeploymentFinishedSuccessful, ""),
		}}
		sd.register(mux, "k1")
		var errEvents int
		p, err := client.Deployments.Wait(t.Context(), "k1", &WaitOptions{
			PollInterval: 10 * time.Second,
			OnProgress: func(e DeploymentEvent) {
				if e.Err != nil {
					errEvents++
				}
			},
		})
		if err != nil || p.DeploymentStatus != DeploymentFinishedSuccessful {
			t.Fatalf("Wait = %+v, %v", p, err)
		}
		if errEvents != 2 {
			t.Errorf("%d error events, want 2", errEvents)
		}
		// Delays: 10 s after the first poll, then 10 s and 20 s of backoff.
		gaps := []time.Duration{}
		for i := 1; i < len(sd.pollTime); i++ {
			gaps = append(gaps, sd.pollTime[i].Sub(sd.pollTime[i-1]))
		}
		if diff := cmp.Diff([]time.Duration{10 * time.Second, 10 * time.Second, 20 * time.Second}, gaps); diff != "" {
			t.Errorf("poll gaps (-want +got):\n%s", diff)
		}
	})
	t.Run("too many", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			client, mux := setupMem(t)
			sd := &scriptedDeployment{t: t, script: []func(http.ResponseWriter){failing(503)}}
			sd.register(mux, "k1")
			_, err := client.Deployments.Wait(t.Context(), "k1", &WaitOptions{MaxTransientErrors: 3})
			var oe *OutageError
			if !errors.Is(err, ErrServer) || !errors.As(err, &oe) || oe.Failures != 4 {
				t.Fatalf("err = %v, want an OutageError after 4 failures wrapping ErrServer", err)
			}
			if sd.polls != 4 {
				t.Errorf("polls = %d, want 4", sd.polls)
			}
		})
	})
	t.Run("outage budget of the defaults", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			client, mux := setupMem(t)
			sd := &scriptedDeployment{t: t, script: []func(http.ResponseWriter){progress(DeploymentRunning, ""), failing(503)}}
			sd.register(mux, "k1")
			_, err := client.Deployments.Wait(t.Context(), "k1", nil)
			var oe *OutageError
			if !errors.As(err, &oe) || !errors.Is(err, ErrServer) {
				t.Fatalf("err = %v, want *OutageError wrapping ErrServer", err)
			}
			// The first failed poll comes 20 s after the first answer; the
			// next ones 20, 40, 80 s later and then every 120 s; the last
			// one exactly 30 minutes after the first failure.
			var gaps []time.Duration
			for i := 2; i < len(sd.pollTime); i++ {
				gaps = append(gaps, sd.pollTime[i].Sub(sd.pollTime[i-1]))
			}
			want := []time.Duration{20 * time.Second, 40 * time.Second, 80 * time.Second}
			for range 13 { // 140 s to 1,700 s
				want = append(want, 2*time.Minute)
			}
			want = append(want, 100*time.Second) // 1,800 s: the budget's end
			if diff := cmp.Diff(want, gaps); diff != "" {
				t.Errorf("gaps between failed polls (-want +got):\n%s", diff)
			}
			wantErr := OutageError{DeploymentKey: "k1", LastStatus: DeploymentRunning, Failures: 18, Outage: DefaultMaxOutage}
			got := *oe
			got.Err = nil
			if diff := cmp.Diff(wantErr, got); diff != "" {
				t.Errorf("OutageError (-want +got):\n%s", diff)
			}
		})
	})
	t.Run("outage shorter than MaxOutage", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			// 40 failed polls (an hour and a quarter at the 2-minute cap)
			// are tolerated by a waiter told to wait out 2 hours.
			client, mux := setupMem(t)
			script := []func(http.ResponseWriter){progress(DeploymentRunning, "")}
			for range 40 {
				script = append(script, failing(503))
			}
			sd := &scriptedDeployment{t: t, script: append(script, progress(DeploymentFinishedSuccessful, ""))}
			sd.register(mux, "k1")
			p, err := client.Deployments.Wait(t.Context(), "k1", &WaitOptions{MaxOutage: 2 * time.Hour})
			if err != nil || p.DeploymentStatus != DeploymentFinishedSuccessful {
				t.Fatalf("Wait = %+v, %v", p, err)
			}
		})
	})
	t.Run("a success resets the outage", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			// Two outages of 20 minutes each, with an answer in between,
			// fit a 30-minute budget.
			client, mux := setupMem(t)
			script := []func(http.ResponseWriter){progress(DeploymentRunning, "")}
			for range 2 {
				for range 12 { // 20+40+80+9×120 s = 20m40s of failures
					script = append(script, failing(502))
				}
				script = append(script, progress(DeploymentRunning, ""))
			}
			sd := &scriptedDeployment{t: t, script: append(script, progress(DeploymentFinishedSuccessful, ""))}
			sd.register(mux, "k1")
			if _, err := client.Deployments.Wait(t.Context(), "k1", nil); err != nil {
				t.Fatalf("Wait: %v", err)
			}
		})
	})
	t.Run("MaxOutage shorter than the backoff", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			client, mux := setupMem(t)
			sd := &scriptedDeployment{t: t, script: []func(http.ResponseWriter){failing(504)}}
			sd.register(mux, "k1")
			start := time.Now()
			_, err := client.Deployments.Wait(t.Context(), "k1", &WaitOptions{MaxOutage: 30 * time.Second})
			var oe *OutageError
			if !errors.As(err, &oe) || oe.Failures != 3 || oe.Outage != 30*time.Second || time.Since(start) != 30*time.Second {
				t.Errorf("err = %v after %v, want an OutageError after 3 polls over 30s", err, time.Since(start))
			}
		})
	})
	t.Run("not found is final", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			client, mux := setupMem(t)
			sd := &scriptedDeployment{t: t, script: []func(http.ResponseWriter){func(w http.ResponseWriter) { writeJSON(w, 404, notFoundBody) }}}
			sd.register(mux, "k1")
			_, err := client.Deployments.Wait(t.Context(), "k1", nil)
			if !errors.Is(err, ErrNotFound) || sd.polls != 1 {
				t.Errorf("err = %v after %d polls", err, sd.polls)
			}
		})
	})
}

func TestWaitInterrupted(t *testing.T) {
	for _, abort := range []bool{false, true} {
		t.Run(map[bool]string{false: "no abort", true: "abort on cancel"}[abort], func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				client, mux := setupMem(t)
				sd := &scriptedDeployment{t: t, script: []func(http.ResponseWriter){progress(DeploymentRunning, "")}}
				sd.register(mux, "k1")
				ctx, cancel := context.WithTimeout(t.Context(), time.Hour)
				defer cancel()
				_, err := client.Deployments.Wait(ctx, "k1", &WaitOptions{AbortOnCancel: abort})
				var wi *WaitInterruptedError
				if !errors.As(err, &wi) || !errors.Is(err, context.DeadlineExceeded) {
					t.Fatalf("err = %v, want *WaitInterruptedError wrapping DeadlineExceeded", err)
				}
				if wi.LastStatus != DeploymentRunning || wi.AbortSent != abort || wi.AbortErr != nil {
					t.Errorf("WaitInterruptedError = %+v", wi)
				}
				want := []string(nil)
				if abort {
					want = []string{"abort"}
				}
				if diff := cmp.Diff(want, sd.gotCommands()); diff != "" {
					t.Errorf("commands (-want +got):\n%s", diff)
				}
				// One poll at 0 and every 20 s up to the hour (the poll due
				// at the deadline itself may or may not go out).
				if sd.polls != 180 && sd.polls != 181 {
					t.Errorf("polls = %d, want 180 or 181", sd.polls)
				}
			})
		})
	}
	t.Run("timeout option", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			client, mux := setupMem(t)
			sd := &scriptedDeployment{t: t, script: []func(http.ResponseWriter){progress(DeploymentSaved, "")}}
			sd.register(mux, "k1")
			start := time.Now()
			_, err := client.Deployments.Wait(t.Context(), "k1", &WaitOptions{Timeout: time.Minute, AbortOnCancel: true})
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("err = %v", err)
			}
			if time.Since(start) != time.Minute {
				t.Errorf("returned after %s, want 1m", time.Since(start))
			}
			if diff := cmp.Diff([]string{"abort"}, sd.gotCommands()); diff != "" {
				t.Errorf("commands (-want +got):\n%s", diff)
			}
		})
	})
}

func TestWaitValidates(t *testing.T) {
	client, _ := setup(t)
	if _, err := client.Deployments.Wait(t.Context(), "", nil); !errors.Is(err, ErrEmptyKey) {
		t.Errorf("empty key: %v", err)
	}
	if _, err := client.Deployments.Wait(t.Context(), "k", &WaitOptions{PollInterval: -1}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("negative interval: %v", err)
	}
	if _, err := client.Deployments.Wait(t.Context(), "k", &WaitOptions{MaxOutage: -time.Minute}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("negative MaxOutage: %v", err)
	}
}

func TestDeployAndWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client, mux := setupMem(t)
		mux.HandleFunc("POST /deployments/", func(w http.ResponseWriter, r *http.Request) {
			testRawJSONBody(t, r, createBodyJSON)
			w.WriteHeader(201)
			_, _ = w.Write([]byte("k1"))
		})
		mux.HandleFunc("GET /deployments/k1/", func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 200, `{"Deployment":{"Key":"k1"},"ApplicationConflicts":[],"ApplicationsToRedeploy":[]}`)
		})
		sd := &scriptedDeployment{t: t, script: []func(http.ResponseWriter){
			progress(DeploymentRunning, ""),
			progress(DeploymentFinishedSuccessful, "", "Done"),
		}}
		sd.register(mux, "k1")
		key, p, err := client.Deployments.DeployAndWait(t.Context(), createBody, nil)
		if err != nil || key != "k1" || p.DeploymentStatus != DeploymentFinishedSuccessful {
			t.Fatalf("DeployAndWait = %q, %+v, %v", key, p, err)
		}
		if diff := cmp.Diff([]url.Values{{"RedeployOutdated": {"true"}}}, sd.queries); diff != "" {
			t.Errorf("start query (-want +got):\n%s", diff)
		}
	})
}

func TestDeployAndWaitConflicts(t *testing.T) {
	conflicts := `{"Deployment":{"Key":"k1"},"ApplicationConflicts":[{"Message":"Producer Module Missing"}]}`
	t.Run("deleted", func(t *testing.T) {
		client, mux := setup(t)
		var deleted bool
		mux.HandleFunc("POST /deployments/", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("k1")) })
		mux.HandleFunc("GET /deployments/k1/", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, conflicts) })
		mux.HandleFunc("DELETE /deployments/k1/", func(w http.ResponseWriter, r *http.Request) { deleted = true; w.WriteHeader(204) })
		mux.HandleFunc("POST /deployments/k1/start/", func(w http.ResponseWriter, r *http.Request) { t.Error("plan with conflicts started") })
		key, _, err := client.Deployments.DeployAndWait(t.Context(), createBody, nil)
		var ce *ConflictError
		if !errors.As(err, &ce) || !ce.Deleted || !deleted || key != "k1" || len(ce.Conflicts) != 1 {
			t.Errorf("err = %v (%+v), deleted %v", err, ce, deleted)
		}
	})
	t.Run("allowed", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			client, mux := setupMem(t)
			mux.HandleFunc("POST /deployments/", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("k1")) })
			mux.HandleFunc("GET /deployments/k1/", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, conflicts) })
			sd := &scriptedDeployment{t: t, script: []func(http.ResponseWriter){progress(DeploymentFinishedWithWarnings, "")}}
			sd.register(mux, "k1")
			_, p, err := client.Deployments.DeployAndWait(t.Context(), createBody, &DeployOptions{AllowConflicts: true})
			if err != nil || p.DeploymentStatus != DeploymentFinishedWithWarnings {
				t.Fatalf("%+v %v", p, err)
			}
			want := []url.Values{{"RedeployOutdated": {"false"}, "ContinueWithErrors": {"true"}}}
			if diff := cmp.Diff(want, sd.queries); diff != "" {
				t.Errorf("start query (-want +got):\n%s", diff)
			}
		})
	})
}

func TestWaitOptionsDefaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   *WaitOptions
		want WaitOptions
	}{{
		name: "nil",
		want: WaitOptions{PollInterval: DefaultPollInterval, MaxOutage: DefaultMaxOutage, MaxErrorBackoff: DefaultMaxErrorBackoff, AbortTimeout: DefaultAbortTimeout},
	}, {
		name: "set fields kept, error backoff at least the poll interval",
		in:   &WaitOptions{PollInterval: 5 * time.Minute, MaxOutage: time.Hour, MaxTransientErrors: 4, AbortTimeout: time.Second},
		want: WaitOptions{PollInterval: 5 * time.Minute, MaxOutage: time.Hour, MaxTransientErrors: 4, MaxErrorBackoff: 5 * time.Minute, AbortTimeout: time.Second},
	}}
	for _, tt := range tests {
		got, err := tt.in.withDefaults()
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
	for _, bad := range []WaitOptions{{PollInterval: -1}, {MaxOutage: -1}, {MaxTransientErrors: -1}, {AbortTimeout: -1}} {
		if _, err := bad.withDefaults(); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("withDefaults(%+v) err = %v, want ErrInvalidArgument", bad, err)
		}
	}
}

func TestOutageErrorText(t *testing.T) {
	t.Parallel()
	last := errors.New("connection refused")
	err := error(&OutageError{DeploymentKey: "k1", LastStatus: DeploymentRunning, Failures: 3, Outage: time.Minute, Err: last})
	want := `lifetime: waiting for deployment k1 (last status "running"): 3 polls in a row failed over 1m0s, outcome unknown: connection refused`
	if err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
	if !errors.Is(err, last) {
		t.Error("errors.Is does not find the last poll's error")
	}
}
