package lifetime

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// planJSON renders a plan of the list for createBody's target.
func planJSON(key, notes string, created time.Time, versions ...string) string {
	ops := ""
	for i, v := range versions {
		if i > 0 {
			ops += ","
		}
		ops += fmt.Sprintf(`{"ApplicationKey":"a%d","ApplicationVersionKey":%q,"DeploymentOperation":"Deploy","DeploymentZoneKey":""}`, i, v)
	}
	return fmt.Sprintf(`{"Key":%q,"SourceEnvironmentKey":"dev","TargetEnvironmentKey":"qa","Notes":%q,"CreatedOn":%q,"ApplicationOperations":[%s]}`,
		key, notes, created.UTC().Format(time.RFC3339Nano), ops)
}

func hangUp(w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		conn.Close()
	}
}

func TestDeploymentsCreateReconciles(t *testing.T) {
	tests := []struct {
		name      string
		post      func(w http.ResponseWriter, r *http.Request)
		list      func(now time.Time) string
		wantKey   string
		wantCands []string
		wantList  bool
	}{
		{
			name: "reset after send, one match",
			post: func(w http.ResponseWriter, r *http.Request) { hangUp(w) },
			list: func(now time.Time) string {
				return "[" + planJSON("other-notes", "something else", now, "v1", "v2") + "," +
					planJSON("mine", "release 1.2", now, "v2", "v1") + "," +
					planJSON("old-identical", "release 1.2", now.Add(-time.Hour), "v1", "v2") + "," +
					planJSON("fewer-versions", "release 1.2", now, "v1") + "]"
			},
			wantKey: "mine", wantList: true,
		},
		{
			name:      "gateway timeout, no match",
			post:      func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(504) },
			list:      func(now time.Time) string { return "[]" },
			wantCands: nil, wantList: true,
		},
		{
			name: "two matches",
			post: func(w http.ResponseWriter, r *http.Request) { hangUp(w) },
			list: func(now time.Time) string {
				return "[" + planJSON("a", "release 1.2", now, "v1", "v2") + "," + planJSON("b", "release 1.2", now, "v1", "v2") + "]"
			},
			wantCands: []string{"a", "b"}, wantList: true,
		},
		{
			name:    "2xx without a readable key",
			post:    func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(201) },
			list:    func(now time.Time) string { return "[" + planJSON("mine", "release 1.2", now, "v1", "v2") + "]" },
			wantKey: "mine", wantList: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client, mux := setup(t)
			var posts, lists atomic.Int32
			mux.HandleFunc("POST /deployments/", func(w http.ResponseWriter, r *http.Request) {
				posts.Add(1)
				tt.post(w, r)
			})
			mux.HandleFunc("GET /deployments/", func(w http.ResponseWriter, r *http.Request) {
				lists.Add(1)
				if got := r.URL.Query().Get("TargetEnvironmentKey"); got != "qa" {
					t.Errorf("TargetEnvironmentKey = %q", got)
				}
				if _, err := time.Parse(time.DateOnly, r.URL.Query().Get("MinDate")); err != nil {
					t.Errorf("MinDate: %v", err)
				}
				writeJSON(w, 200, tt.list(time.Now()))
			})
			key, _, err := client.Deployments.Create(t.Context(), createBody)
			if posts.Load() != 1 {
				t.Errorf("POST sent %d times, want 1 (create is never retried)", posts.Load())
			}
			if got := lists.Load() == 1; got != tt.wantList {
				t.Errorf("listed = %v, want %v", got, tt.wantList)
			}
			if tt.wantKey != "" {
				if err != nil || key != tt.wantKey {
					t.Fatalf("Create = %q, %v; want %q", key, err, tt.wantKey)
				}
				return
			}
			var unk *UnknownOutcomeError
			if !errors.As(err, &unk) {
				t.Fatalf("err = %v, want *UnknownOutcomeError", err)
			}
			if diff := cmp.Diff(tt.wantCands, unk.Candidates); diff != "" {
				t.Errorf("Candidates (-want +got):\n%s", diff)
			}
			if unk.Operation != "Deployments_Create" || unk.Err == nil {
				t.Errorf("UnknownOutcomeError = %+v", unk)
			}
		})
	}
}

func TestDeploymentsCreateNotAmbiguous(t *testing.T) {
	client, mux := setup(t)
	var lists atomic.Int32
	mux.HandleFunc("POST /deployments/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 400, `{"Errors":["Invalid request."],"StatusCode":400}`)
	})
	mux.HandleFunc("GET /deployments/", func(w http.ResponseWriter, r *http.Request) { lists.Add(1) })
	_, _, err := client.Deployments.Create(t.Context(), createBody)
	if !errors.Is(err, ErrBadRequest) || lists.Load() != 0 {
		t.Errorf("400: err = %v, lists = %d", err, lists.Load())
	}

	// Connection refused: nothing was sent, nothing to reconcile.
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	c, err := NewClient(dead.URL, WithInsecureHTTP(), WithToken("abcd"), WithRetry(NoRetry()))
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = c.Deployments.Create(t.Context(), createBody)
	var opErr *OperationError
	var unk *UnknownOutcomeError
	if !errors.As(err, &opErr) || errors.As(err, &unk) {
		t.Errorf("refused: err = %v, want *OperationError and no reconcile", err)
	}
}

func TestDeploymentsCreateReconcilesAfterContextDeadline(t *testing.T) {
	client, mux := setup(t)
	mux.HandleFunc("POST /deployments/", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body) // lets the server notice the client leaving
		<-r.Context().Done()      // the plan is created but the answer never comes
	})
	mux.HandleFunc("GET /deployments/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, "["+planJSON("mine", "release 1.2", time.Now(), "v1", "v2")+"]")
	})
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	key, _, err := client.Deployments.Create(ctx, createBody)
	if err != nil || key != "mine" {
		t.Errorf("Create = %q, %v; want the reconciled key", key, err)
	}

	canceled, cancel2 := context.WithCancel(t.Context())
	cancel2()
	if _, _, err := client.Deployments.Create(canceled, createBody); !errors.Is(err, context.Canceled) {
		t.Errorf("already canceled: err = %v", err)
	}
}

func TestDeploymentsCreateWithBinaryReconciles(t *testing.T) {
	client, mux := setup(t)
	var posts int
	mux.HandleFunc("POST /environments/qa/deployment/", func(w http.ResponseWriter, r *http.Request) {
		posts++
		_, _ = io.ReadAll(r.Body)
		hangUp(w)
	})
	mux.HandleFunc("GET /deployments/", func(w http.ResponseWriter, r *http.Request) {
		now := time.Now().UTC().Format(time.RFC3339)
		writeJSON(w, 200, `[{"Key":"bin-1","SourceEnvironmentKey":"","TargetEnvironmentKey":"qa","CreatedOn":"`+now+`","ApplicationOperations":[]},`+
			planJSON("tagged", "x", time.Now(), "v1")+`]`)
	})
	key, _, err := client.Deployments.CreateWithBinary(t.Context(), "qa", strings.NewReader("PK"))
	if err != nil || key != "bin-1" || posts != 1 {
		t.Errorf("CreateWithBinary = %q, %v after %d POSTs; want the binary plan after 1", key, err, posts)
	}
}
