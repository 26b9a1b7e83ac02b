package lifetime

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
)

// scriptedReplies answers each request with the next reply of a script
// (the last one repeats) and records when each request arrived.
type scriptedReplies struct {
	mu      sync.Mutex
	replies []scriptedReply
	at      []time.Duration
	start   time.Time
}

type scriptedReply struct {
	status int
	body   string
}

func (s *scriptedReplies) handler(t *testing.T, path string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, http.MethodGet)
		if r.URL.EscapedPath() != path {
			t.Errorf("path = %q, want %q", r.URL.EscapedPath(), path)
		}
		s.mu.Lock()
		s.at = append(s.at, time.Since(s.start))
		rep := s.replies[0]
		if len(s.replies) > 1 {
			s.replies = s.replies[1:]
		}
		s.mu.Unlock()
		writeJSON(w, rep.status, rep.body)
	}
}

func (s *scriptedReplies) times() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.at...)
}

func TestWaitSolution(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		client, mux := setupMem(t)
		script := &scriptedReplies{start: time.Now(), replies: []scriptedReply{
			{200, `{"Status":"Created","StatusReason":""}`},
			{200, `[{"Status":"Gathering Dependencies","StatusReason":""}]`},
			{503, `{"Errors":["busy"],"StatusCode":503}`},
			{200, `{"Status":"Gathering Dependencies","StatusReason":""}`},
			{200, `{"Status":"Completed","StatusReason":""}`},
		}}
		mux.HandleFunc("/", script.handler(t, "/environments/e1/solutionstatus/s1"))
		var states []string
		got, err := client.Environments.WaitSolution(t.Context(), "e1", "s1", &PackageWaitOptions{OnStatus: func(s string) { states = append(states, s) }})
		if err != nil {
			t.Fatalf("WaitSolution: %v", err)
		}
		if diff := cmp.Diff(&SolutionStatus{Status: SolutionCompleted}, got); diff != "" {
			t.Errorf("status (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{"Created", "Gathering Dependencies", "Completed"}, states); diff != "" {
			t.Errorf("OnStatus states (-want +got):\n%s", diff)
		}
		// Polls every DefaultSolutionPollInterval (2 s), the failed one included.
		want := []time.Duration{0, 2 * time.Second, 4 * time.Second, 6 * time.Second, 8 * time.Second}
		if diff := cmp.Diff(want, script.times()); diff != "" {
			t.Errorf("poll times (-want +got):\n%s", diff)
		}
	})
}

func TestWaitSolutionAborted(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		client, mux := setupMem(t)
		script := &scriptedReplies{start: time.Now(), replies: []scriptedReply{
			{200, `{"Status":"Getting Binaries","StatusReason":""}`},
			{200, `{"Status":"Aborted","StatusReason":"Module Foo has errors"}`},
		}}
		mux.HandleFunc("/", script.handler(t, "/environments/e1/solutionstatus/s1"))
		got, err := client.Environments.WaitSolution(t.Context(), "e1", "s1", &PackageWaitOptions{PollInterval: time.Second})
		if !errors.Is(err, ErrPackageFailed) {
			t.Fatalf("err = %v, want ErrPackageFailed", err)
		}
		var pe *PackageError
		if !errors.As(err, &pe) {
			t.Fatalf("err = %T, want *PackageError", err)
		}
		want := &PackageError{Operation: "Environments_SolutionStatus", Key: "s1", State: "Aborted", Reason: "Module Foo has errors"}
		if diff := cmp.Diff(want, pe); diff != "" {
			t.Errorf("PackageError (-want +got):\n%s", diff)
		}
		if got == nil || got.Status != SolutionAborted {
			t.Errorf("last status = %+v, want Aborted", got)
		}
		if diff := cmp.Diff([]time.Duration{0, time.Second}, script.times()); diff != "" {
			t.Errorf("poll times (-want +got):\n%s", diff)
		}
	})
}

func TestWaitApplicationSourceCode(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		client, mux := setupMem(t)
		script := &scriptedReplies{start: time.Now(), replies: []scriptedReply{
			{201, `{"PackageKey":"pk1","Status":"InProgress","Messages":[]}`},
			{201, `{"PackageKey":"pk1","Status":"InProgress","Messages":[]}`},
			{201, `{"PackageKey":"pk1","Status":"Done","Messages":[]}`},
		}}
		mux.HandleFunc("/", script.handler(t, "/environments/e1/applications/a1/sourcecodeaccess/pk1/status/"))
		got, err := client.Environments.WaitApplicationSourceCode(t.Context(), "e1", "a1", "pk1", nil)
		if err != nil {
			t.Fatalf("WaitApplicationSourceCode: %v", err)
		}
		if diff := cmp.Diff(&SourceCodeStatus{PackageKey: "pk1", Status: SourceCodeDone, Messages: []*PlatformMessage{}}, got); diff != "" {
			t.Errorf("status (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]time.Duration{0, 10 * time.Second, 20 * time.Second}, script.times()); diff != "" {
			t.Errorf("poll times (-want +got):\n%s", diff)
		}
	})
}

func TestWaitModuleSourceCodeUnknownStateFails(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		client, mux := setupMem(t)
		script := &scriptedReplies{start: time.Now(), replies: []scriptedReply{
			{200, `{"PackageKey":"pk1","Status":"Error","Messages":[{"Message":"The resulting source code package has 170 Mb."},{"Message":"The maximum size allowed is 150 Mb"}]}`},
		}}
		mux.HandleFunc("/", script.handler(t, "/environments/e1/modules/m1/sourcecodeaccess/pk1/status/"))
		_, err := client.Environments.WaitModuleSourceCode(t.Context(), "e1", "m1", "pk1", nil)
		var pe *PackageError
		if !errors.As(err, &pe) {
			t.Fatalf("err = %v, want *PackageError", err)
		}
		want := &PackageError{Operation: "Environments_Modules_SourceCode_Status", Key: "pk1", State: "Error",
			Reason: "The resulting source code package has 170 Mb.; The maximum size allowed is 150 Mb"}
		if diff := cmp.Diff(want, pe); diff != "" {
			t.Errorf("PackageError (-want +got):\n%s", diff)
		}
	})
}

func TestWaitPackageStops(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		replies   []scriptedReply
		opts      *PackageWaitOptions
		ctx       func(context.Context) (context.Context, context.CancelFunc)
		wantIs    error
		wantPolls int
	}{{
		name:    "timeout",
		replies: []scriptedReply{{200, `{"Status":"Ready"}`}},
		opts:    &PackageWaitOptions{PollInterval: 10 * time.Second, Timeout: 25 * time.Second},
		wantIs:  context.DeadlineExceeded, wantPolls: 3,
	}, {
		name:    "context deadline",
		replies: []scriptedReply{{200, `{"Status":"Ready"}`}},
		ctx: func(ctx context.Context) (context.Context, context.CancelFunc) {
			return context.WithTimeout(ctx, 5*time.Second)
		},
		wantIs: context.DeadlineExceeded, wantPolls: 3,
	}, {
		name:    "too many transient errors",
		replies: []scriptedReply{{500, `{"Errors":["boom"],"StatusCode":500}`}},
		opts:    &PackageWaitOptions{MaxTransientErrors: 2},
		wantIs:  ErrServer, wantPolls: 3,
	}, {
		name:    "non-transient error",
		replies: []scriptedReply{{200, `{"Status":"Ready"}`}, {404, `{"Errors":["No environment with key was found."],"StatusCode":404}`}},
		wantIs:  ErrNotFound, wantPolls: 2,
	}, {
		name:    "negative interval",
		replies: []scriptedReply{{200, `{"Status":"Completed"}`}},
		opts:    &PackageWaitOptions{PollInterval: -time.Second},
		wantIs:  ErrInvalidArgument, wantPolls: 0,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				client, mux := setupMem(t)
				script := &scriptedReplies{start: time.Now(), replies: tt.replies}
				mux.HandleFunc("/", script.handler(t, "/environments/e1/solutionstatus/s1"))
				ctx, cancel := t.Context(), context.CancelFunc(func() {})
				if tt.ctx != nil {
					ctx, cancel = tt.ctx(ctx)
				}
				defer cancel()
				_, err := client.Environments.WaitSolution(ctx, "e1", "s1", tt.opts)
				if !errors.Is(err, tt.wantIs) {
					t.Errorf("err = %v, want errors.Is %v", err, tt.wantIs)
				}
				if n := len(script.times()); n != tt.wantPolls {
					t.Errorf("polls = %d, want %d", n, tt.wantPolls)
				}
			})
		})
	}
}

func TestPackageErrorText(t *testing.T) {
	t.Parallel()
	err := error(&PackageError{Operation: "Environments_SolutionStatus", Key: "s1", State: "Aborted", Reason: "Module Foo has errors"})
	want := `lifetime: Environments_SolutionStatus: package s1 ended in state "Aborted": Module Foo has errors`
	if err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
	if !errors.Is(err, ErrPackageFailed) || errors.Is(err, ErrNotFound) {
		t.Errorf("errors.Is: ErrPackageFailed %v, ErrNotFound %v; want true, false", errors.Is(err, ErrPackageFailed), errors.Is(err, ErrNotFound))
	}
}

// A status poll that gets no answer within the per-attempt timeout (a hung
// console) is transient: the wait polls again instead of failing.
func TestWaitSolutionSurvivesAttemptTimeout(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		client, mux := setupMem(t)
		polls := 0
		mux.HandleFunc("/environments/e1/solutionstatus/s1", func(w http.ResponseWriter, r *http.Request) {
			polls++
			if polls == 1 {
				select { // hang past the 60 s per-attempt timeout
				case <-r.Context().Done():
				case <-time.After(5 * time.Minute):
				}
				return
			}
			writeJSON(w, http.StatusOK, `{"Status":"Completed","StatusReason":""}`)
		})
		st, err := client.Environments.WaitSolution(t.Context(), "e1", "s1", nil)
		if err != nil {
			t.Fatalf("WaitSolution: %v", err)
		}
		if st.Status != "Completed" || polls != 2 {
			t.Errorf("status %q after %d polls, want Completed after 2", st.Status, polls)
		}
	})
}
