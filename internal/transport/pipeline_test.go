package transport

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-outsystems/outsystems/internal/transport/memnet"
	"github.com/google/go-cmp/cmp"
)

// newMemPipeline starts an in-memory server for h (inside the current
// synctest bubble) and a pipeline talking to it.
func newMemPipeline(t *testing.T, h http.Handler, cfg Config) (*Pipeline, *memnet.Server) {
	t.Helper()
	srv := memnet.NewServer(h)
	t.Cleanup(srv.Close)
	cfg.HTTPClient = srv.Client()
	p, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return p, srv
}

func mustRequest(t *testing.T, method, u string, body io.Reader) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func readBody(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading body: %v", err)
	}
	return string(b)
}

// statusSequence answers with the given statuses in turn (then 200 "ok"),
// setting Retry-After when the entry has one.
type step struct {
	status     int
	retryAfter string
	hangUp     bool
}

type sequenceHandler struct {
	mu     sync.Mutex
	steps  []step
	calls  int
	bodies []string
	times  []time.Time
}

func (h *sequenceHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	i := h.calls
	h.calls++
	h.bodies = append(h.bodies, string(b))
	h.times = append(h.times, time.Now())
	h.mu.Unlock()
	if i >= len(h.steps) {
		_, _ = io.WriteString(w, "ok")
		return
	}
	s := h.steps[i]
	if s.hangUp {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
		return
	}
	if s.retryAfter != "" {
		w.Header().Set("Retry-After", s.retryAfter)
	}
	w.WriteHeader(s.status)
	_, _ = io.WriteString(w, "status body")
}

func (h *sequenceHandler) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.calls
}

func TestDoRetriesIdempotentCalls(t *testing.T) {
	tests := []struct {
		name  string
		steps []step
	}{
		{"503 then 429", []step{{status: 503}, {status: 429}}},
		{"502 504 408", []step{{status: 502}, {status: 504}, {status: 408}}},
		{"connection reset", []step{{hangUp: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				h := &sequenceHandler{steps: tt.steps}
				p, srv := newMemPipeline(t, h, Config{})
				resp, err := p.Do(t.Context(), mustRequest(t, "GET", srv.URL+"/x", nil), Call{Operation: "Test_Get", Retryable: true})
				if err != nil {
					t.Fatalf("Do: %v", err)
				}
				if resp.StatusCode != 200 {
					t.Errorf("status = %d, want 200", resp.StatusCode)
				}
				if got := readBody(t, resp); got != "ok" {
					t.Errorf("body = %q, want ok", got)
				}
				if got, want := h.count(), len(tt.steps)+1; got != want {
					t.Errorf("server saw %d attempts, want %d", got, want)
				}
			})
		})
	}
}

func TestDoDoesNotRepeatNonRetryableCalls(t *testing.T) {
	t.Run("503 is returned", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			h := &sequenceHandler{steps: []step{{status: 503}}}
			p, srv := newMemPipeline(t, h, Config{})
			resp, err := p.Do(t.Context(), mustRequest(t, "POST", srv.URL+"/x", strings.NewReader("{}")), Call{Operation: "Deployments_Create"})
			if err != nil {
				t.Fatalf("Do: %v", err)
			}
			if resp.StatusCode != 503 {
				t.Errorf("status = %d, want 503", resp.StatusCode)
			}
			if got := readBody(t, resp); got != "status body" {
				t.Errorf("body = %q", got)
			}
			if h.count() != 1 {
				t.Errorf("server saw %d attempts, want 1", h.count())
			}
		})
	})
	t.Run("reset is an error", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			h := &sequenceHandler{steps: []step{{hangUp: true}}}
			p, srv := newMemPipeline(t, h, Config{})
			_, err := p.Do(t.Context(), mustRequest(t, "POST", srv.URL+"/x", strings.NewReader("{}")), Call{Operation: "Deployments_Create"})
			var ue *url.Error
			if !errors.As(err, &ue) {
				t.Fatalf("err = %v, want *url.Error", err)
			}
			if h.count() != 1 {
				t.Errorf("server saw %d attempts, want 1", h.count())
			}
		})
	})
}

func TestDoRetryAfter(t *testing.T) {
	tests := []struct {
		name       string
		retryAfter func(now time.Time) string
		wantWait   time.Duration
	}{
		{"seconds", func(time.Time) string { return "7" }, 7 * time.Second},
		{"http date", func(now time.Time) string { return now.Add(9 * time.Second).UTC().Format(http.TimeFormat) }, 9 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				h := &sequenceHandler{steps: []step{{status: 429, retryAfter: tt.retryAfter(time.Now())}}}
				p, srv := newMemPipeline(t, h, Config{Retry: RetryPolicy{InitialInterval: time.Millisecond, MaxInterval: time.Millisecond}})
				resp, err := p.Do(t.Context(), mustRequest(t, "GET", srv.URL+"/x", nil), Call{Retryable: true})
				if err != nil {
					t.Fatalf("Do: %v", err)
				}
				resp.Body.Close()
				if h.count() != 2 {
					t.Fatalf("attempts = %d, want 2", h.count())
				}
				// Fake time: the gap is exactly what the pipeline slept
				// (up to the date's one-second resolution).
				gap := h.times[1].Sub(h.times[0])
				if gap < tt.wantWait-time.Second || gap > tt.wantWait+time.Second {
					t.Errorf("waited %s between attempts, want about %s", gap, tt.wantWait)
				}
			})
		})
	}
	t.Run("above the cap is not honoured", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			h := &sequenceHandler{steps: []step{{status: 503, retryAfter: "3600"}}}
			p, srv := newMemPipeline(t, h, Config{Retry: RetryPolicy{MaxRetryAfter: 30 * time.Second}})
			start := time.Now()
			resp, err := p.Do(t.Context(), mustRequest(t, "GET", srv.URL+"/x", nil), Call{Retryable: true})
			if err != nil {
				t.Fatalf("Do: %v", err)
			}
			resp.Body.Close()
			if resp.StatusCode != 503 || h.count() != 1 {
				t.Errorf("status %d after %d attempts, want 503 after 1", resp.StatusCode, h.count())
			}
			if time.Since(start) != 0 {
				t.Errorf("slept %s, want no wait", time.Since(start))
			}
		})
	})
}

func TestDoReturnsLastRetryableResponse(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := &sequenceHandler{steps: []step{{status: 503}, {status: 503}, {status: 503}, {status: 503}}}
		p, srv := newMemPipeline(t, h, Config{Retry: RetryPolicy{MaxAttempts: 3}})
		resp, err := p.Do(t.Context(), mustRequest(t, "GET", srv.URL+"/x", nil), Call{Retryable: true})
		if err != nil {
			t.Fatalf("Do: %v", err)
		}
		if resp.StatusCode != 503 || readBody(t, resp) != "status body" {
			t.Errorf("got status %d, want 503 with its body", resp.StatusCode)
		}
		if h.count() != 3 {
			t.Errorf("attempts = %d, want 3", h.count())
		}
	})
}

func TestDoBackoffGrowsExponentially(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := &sequenceHandler{steps: []step{{status: 503}, {status: 503}, {status: 503}, {status: 503}}}
		p, srv := newMemPipeline(t, h, Config{Retry: RetryPolicy{
			MaxAttempts: 5, InitialInterval: time.Second, MaxInterval: 3 * time.Second, Jitter: -1,
		}})
		resp, err := p.Do(t.Context(), mustRequest(t, "GET", srv.URL+"/x", nil), Call{Retryable: true})
		if err != nil {
			t.Fatalf("Do: %v", err)
		}
		resp.Body.Close()
		var gaps []time.Duration
		for i := 1; i < len(h.times); i++ {
			gaps = append(gaps, h.times[i].Sub(h.times[i-1]))
		}
		want := []time.Duration{time.Second, 2 * time.Second, 3 * time.Second, 3 * time.Second}
		if diff := cmp.Diff(want, gaps); diff != "" {
			t.Errorf("delays between attempts (-want +got):\n%s", diff)
		}
	})
}

func TestDoStopsAtMaxElapsedTime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		steps := make([]step, 50)
		for i := range steps {
			steps[i] = step{status: 503, retryAfter: "10"}
		}
		h := &sequenceHandler{steps: steps}
		p, srv := newMemPipeline(t, h, Config{Retry: RetryPolicy{MaxAttempts: 50, MaxElapsedTime: 35 * time.Second}})
		resp, err := p.Do(t.Context(), mustRequest(t, "GET", srv.URL+"/x", nil), Call{Retryable: true})
		if err != nil {
			t.Fatalf("Do: %v", err)
		}
		resp.Body.Close()
		// Attempts at 0, 10, 20, 30 s; a fifth would start at 40 s > 35 s.
		if h.count() != 4 {
			t.Errorf("attempts = %d, want 4", h.count())
		}
	})
}

func TestDoContextEndsEverything(t *testing.T) {
	t.Run("deadline during backoff", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			h := &sequenceHandler{steps: []step{{status: 503, retryAfter: "10"}, {status: 503, retryAfter: "10"}, {status: 503, retryAfter: "10"}}}
			p, srv := newMemPipeline(t, h, Config{})
			ctx, cancel := context.WithTimeout(t.Context(), 15*time.Second)
			defer cancel()
			_, err := p.Do(ctx, mustRequest(t, "GET", srv.URL+"/x", nil), Call{Retryable: true})
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("err = %v, want DeadlineExceeded", err)
			}
			if h.count() != 2 {
				t.Errorf("attempts = %d, want 2", h.count())
			}
		})
	})
	t.Run("cancel during request", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			var calls atomic.Int32
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				cancel()
				<-r.Context().Done()
			})
			p, srv := newMemPipeline(t, h, Config{})
			_, err := p.Do(ctx, mustRequest(t, "GET", srv.URL+"/x", nil), Call{Retryable: true})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v, want Canceled", err)
			}
			if calls.Load() != 1 {
				t.Errorf("attempts = %d, want 1", calls.Load())
			}
		})
	})
}

func TestDoPerAttemptTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var calls atomic.Int32
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if calls.Add(1) == 1 {
				<-r.Context().Done() // never answers; the client gives up
				return
			}
			_, _ = io.WriteString(w, "ok")
		})
		p, srv := newMemPipeline(t, h, Config{Retry: RetryPolicy{PerAttemptTimeout: 5 * time.Second}})
		start := time.Now()
		resp, err := p.Do(t.Context(), mustRequest(t, "GET", srv.URL+"/x", nil), Call{Retryable: true})
		if err != nil {
			t.Fatalf("Do: %v", err)
		}
		if got := readBody(t, resp); got != "ok" {
			t.Errorf("body = %q", got)
		}
		if calls.Load() != 2 {
			t.Errorf("attempts = %d, want 2", calls.Load())
		}
		if el := time.Since(start); el < 5*time.Second {
			t.Errorf("elapsed %s, want at least the 5s attempt timeout", el)
		}
	})
	t.Run("disabled per call", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				time.Sleep(10 * time.Minute) // a slow upload being processed
				_, _ = io.WriteString(w, "ok")
			})
			p, srv := newMemPipeline(t, h, Config{Retry: RetryPolicy{PerAttemptTimeout: 5 * time.Second}})
			resp, err := p.Do(t.Context(), mustRequest(t, "POST", srv.URL+"/x", nil), Call{AttemptTimeout: -1})
			if err != nil {
				t.Fatalf("Do: %v", err)
			}
			if got := readBody(t, resp); got != "ok" {
				t.Errorf("body = %q", got)
			}
		})
	})
	t.Run("not retryable", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
			p, srv := newMemPipeline(t, h, Config{Retry: RetryPolicy{PerAttemptTimeout: 5 * time.Second}})
			_, err := p.Do(t.Context(), mustRequest(t, "POST", srv.URL+"/x", nil), Call{})
			if !errors.Is(err, ErrAttemptTimeout) {
				t.Fatalf("err = %v, want ErrAttemptTimeout", err)
			}
		})
	})
}

func TestDoRewindsBody(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := &sequenceHandler{steps: []step{{status: 503}, {hangUp: true}}}
		p, srv := newMemPipeline(t, h, Config{})
		resp, err := p.Do(t.Context(), mustRequest(t, "PUT", srv.URL+"/x", strings.NewReader(`{"a":1}`)), Call{Retryable: true})
		if err != nil {
			t.Fatalf("Do: %v", err)
		}
		resp.Body.Close()
		want := []string{`{"a":1}`, `{"a":1}`, `{"a":1}`}
		if diff := cmp.Diff(want, h.bodies); diff != "" {
			t.Errorf("bodies (-want +got):\n%s", diff)
		}
	})
	t.Run("body without GetBody is sent once", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			h := &sequenceHandler{steps: []step{{status: 503}}}
			p, srv := newMemPipeline(t, h, Config{})
			req := mustRequest(t, "PUT", srv.URL+"/x", io.NopCloser(strings.NewReader("x")))
			req.GetBody = nil
			resp, err := p.Do(t.Context(), req, Call{Retryable: true})
			if err != nil {
				t.Fatalf("Do: %v", err)
			}
			resp.Body.Close()
			if resp.StatusCode != 503 || h.count() != 1 {
				t.Errorf("status %d after %d attempts, want 503 after 1", resp.StatusCode, h.count())
			}
		})
	})
}

func TestDoDoesNotRetryUnknownHost(t *testing.T) {
	var dials atomic.Int32
	client := &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			dials.Add(1)
			return nil, &net.DNSError{Err: "no such host", Name: "lt.invalid", IsNotFound: true}
		},
	}}
	p, err := New(Config{HTTPClient: client})
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Do(t.Context(), mustRequest(t, "GET", "http://lt.invalid/x", nil), Call{Retryable: true})
	var dnsErr *net.DNSError
	if !errors.As(err, &dnsErr) {
		t.Fatalf("err = %v, want a *net.DNSError in the chain", err)
	}
	if dials.Load() != 1 {
		t.Errorf("dials = %d, want 1", dials.Load())
	}
}

func TestDoDoesNotRetryProtocolMistakes(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	var dials atomic.Int32
	var d net.Dialer
	client := &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			dials.Add(1)
			return d.DialContext(ctx, network, addr)
		},
	}}
	p, err := New(Config{HTTPClient: client, Retry: RetryPolicy{InitialInterval: time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	// https to a plain-http server: retrying cannot help.
	_, err = p.Do(t.Context(), mustRequest(t, "GET", strings.Replace(srv.URL, "http://", "https://", 1), nil), Call{Retryable: true})
	if err == nil || !strings.Contains(err.Error(), "HTTP response to HTTPS client") {
		t.Fatalf("err = %v", err)
	}
	if dials.Load() != 1 {
		t.Errorf("dialed %d times, want 1", dials.Load())
	}
}

func TestDoLogsWithSecretsRedacted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const token = "s3cr3t-token-value"
		var buf bytes.Buffer
		logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
		h := &sequenceHandler{steps: []step{{status: 503}}}
		p, srv := newMemPipeline(t, h, Config{Logger: logger, Secrets: []string{token}})
		u := strings.Replace(srv.URL, "http://", "http://user:"+token+"@", 1) + "/downloads/" + token + "?token=" + token + "&Type=oap"
		req := mustRequest(t, "GET", u, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := p.Do(t.Context(), req, Call{Operation: "Downloads_Get", Retryable: true})
		if err != nil {
			t.Fatalf("Do: %v", err)
		}
		resp.Body.Close()
		out := buf.String()
		if strings.Contains(out, token) {
			t.Errorf("log output contains the token:\n%s", out)
		}
		for _, want := range []string{"operation=Downloads_Get", "status=503", "attempt=2", "status=200", "delay=", "/downloads/REDACTED", "token=REDACTED", "Type=oap"} {
			if !strings.Contains(out, want) {
				t.Errorf("log output lacks %q:\n%s", want, out)
			}
		}
	})
}

func TestDoIsSilentWithoutLogger(t *testing.T) {
	// Nothing to observe but the absence of a panic with a nil logger and
	// a retry; the handler asserts the default User-Agent.
	synctest.Test(t, func(t *testing.T) {
		var ua []string
		var mu sync.Mutex
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			ua = append(ua, r.UserAgent())
			mu.Unlock()
		})
		p, srv := newMemPipeline(t, h, Config{})
		resp, err := p.Do(t.Context(), mustRequest(t, "GET", srv.URL, nil), Call{})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		custom, err := New(Config{HTTPClient: srv.Client(), UserAgent: "my-tool/1.0"})
		if err != nil {
			t.Fatal(err)
		}
		resp, err = custom.Do(t.Context(), mustRequest(t, "GET", srv.URL, nil), Call{})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		req := mustRequest(t, "GET", srv.URL, nil)
		req.Header.Set("User-Agent", "per-request/2")
		resp, err = custom.Do(t.Context(), req, Call{})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		want := []string{DefaultUserAgent, "my-tool/1.0", "per-request/2"}
		if diff := cmp.Diff(want, ua); diff != "" {
			t.Errorf("User-Agent (-want +got):\n%s", diff)
		}
		if !strings.HasPrefix(DefaultUserAgent, "go-outsystems/") {
			t.Errorf("DefaultUserAgent = %q", DefaultUserAgent)
		}
	})
}

func TestRedirects(t *testing.T) {
	var otherHits atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		otherHits.Add(1)
		_, _ = io.WriteString(w, "other")
	}))
	defer other.Close()
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/same" {
			http.Redirect(w, r, "/final", http.StatusFound)
			return
		}
		if r.URL.Path == "/final" {
			_, _ = io.WriteString(w, "final:"+r.Header.Get("Authorization"))
			return
		}
		http.Redirect(w, r, other.URL+"/x", http.StatusFound)
	}))
	defer origin.Close()
	p, err := New(Config{HTTPClient: origin.Client()})
	if err != nil {
		t.Fatal(err)
	}

	req := mustRequest(t, "GET", origin.URL+"/away", nil)
	req.Header.Set("Authorization", "Bearer abcdef")
	_, err = p.Do(t.Context(), req, Call{Retryable: true})
	if !errors.Is(err, ErrRedirectRefused) {
		t.Errorf("cross-host with credentials: err = %v, want ErrRedirectRefused", err)
	}
	if otherHits.Load() != 0 {
		t.Errorf("other host was called %d times", otherHits.Load())
	}

	req = mustRequest(t, "GET", origin.URL+"/same", nil)
	req.Header.Set("Authorization", "Bearer abcdef")
	resp, err := p.Do(t.Context(), req, Call{})
	if err != nil {
		t.Fatalf("same-host redirect: %v", err)
	}
	if got := readBody(t, resp); got != "final:Bearer abcdef" {
		t.Errorf("same-host redirect body = %q", got)
	}

	resp, err = p.Do(t.Context(), mustRequest(t, "GET", origin.URL+"/away", nil), Call{})
	if err != nil {
		t.Fatalf("cross-host without credentials: %v", err)
	}
	if got := readBody(t, resp); got != "other" {
		t.Errorf("body = %q, want other", got)
	}
}

func TestRoundTripper(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex
		var closeFlags []bool
		var calls int
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			b, _ := io.ReadAll(r.Body)
			mu.Lock()
			calls++
			n := calls
			closeFlags = append(closeFlags, r.Close)
			mu.Unlock()
			if n == 1 {
				w.WriteHeader(503)
				return
			}
			_, _ = w.Write(b)
		})
		p, srv := newMemPipeline(t, h, Config{})
		var classified []string
		client := p.HTTPClient(func(r *http.Request) Call {
			classified = append(classified, r.Header.Get("SOAPAction"))
			return Call{Operation: "Solutions.List", Retryable: true}
		})
		req := mustRequest(t, "POST", srv.URL+"/Solutions.asmx", bytes.NewBufferString("<env/>"))
		req.Header.Set("SOAPAction", "List")
		req.Close = true // as gowsdl does
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("Do: %v", err)
		}
		if got := readBody(t, resp); got != "<env/>" {
			t.Errorf("body = %q", got)
		}
		if diff := cmp.Diff([]bool{false, false}, closeFlags); diff != "" {
			t.Errorf("server saw Connection: close (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{"List"}, classified); diff != "" {
			t.Errorf("classify calls (-want +got):\n%s", diff)
		}
	})
}

func TestNewRejectsInvalidPolicy(t *testing.T) {
	for _, pol := range []RetryPolicy{
		{MaxAttempts: -1},
		{MaxElapsedTime: -time.Second},
		{PerAttemptTimeout: -1},
		{Multiplier: 0.5},
		{Jitter: 2},
	} {
		if _, err := New(Config{Retry: pol}); !errors.Is(err, ErrInvalidPolicy) {
			t.Errorf("New(%+v) err = %v, want ErrInvalidPolicy", pol, err)
		}
	}
	p, err := New(Config{Retry: NoRetry()})
	if err != nil {
		t.Fatal(err)
	}
	if p.Policy().MaxAttempts != 1 {
		t.Errorf("NoRetry MaxAttempts = %d", p.Policy().MaxAttempts)
	}
	p, err = New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(DefaultRetryPolicy(), p.Policy()); diff != "" {
		t.Errorf("zero policy (-want +got):\n%s", diff)
	}
}

func TestPolicyKeepsSetFieldsAndRaisesMaxInterval(t *testing.T) {
	p, err := New(Config{Retry: RetryPolicy{MaxAttempts: 7, InitialInterval: time.Minute, MaxInterval: time.Second, Jitter: -1}})
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultRetryPolicy()
	want.MaxAttempts, want.InitialInterval, want.MaxInterval, want.Jitter = 7, time.Minute, time.Minute, -1
	if diff := cmp.Diff(want, p.Policy()); diff != "" {
		t.Errorf("policy (-want +got):\n%s", diff)
	}
	_, err = New(Config{Retry: RetryPolicy{MaxElapsedTime: -1, PerAttemptTimeout: -1}})
	if err == nil || !strings.Contains(err.Error(), "MaxElapsedTime") {
		t.Errorf("err = %v, want the first negative field (MaxElapsedTime) named", err)
	}
}
