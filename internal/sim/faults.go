package sim

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// FaultKind is a kind of injected fault.
type FaultKind string

// Fault kinds.
const (
	// FaultLatency delays the request by Fault.Latency of real time
	// (benchmarks and timeouts need real time), then serves it normally.
	// Latency faults combine with one other fault.
	FaultLatency FaultKind = "latency"
	// FaultStatus answers Fault.Status (default 500) with an Exception body
	// without processing the request.
	FaultStatus FaultKind = "status"
	// FaultTooManyRequests answers 429 with a Retry-After header
	// (Fault.RetryAfter, default 1s) without processing the request.
	FaultTooManyRequests FaultKind = "too_many_requests"
	// FaultResetBefore closes the connection before the request is processed.
	FaultResetBefore FaultKind = "reset_before"
	// FaultResetAfter processes the request, then closes the connection
	// without answering: the case that makes a create ambiguous.
	FaultResetAfter FaultKind = "reset_after"
	// FaultTruncate processes the request and sends half of the body under
	// the full Content-Length, then closes the connection.
	FaultTruncate FaultKind = "truncate"
	// FaultMalformed processes the request and replaces the body by a
	// malformed one of the same status.
	FaultMalformed FaultKind = "malformed"
	// FaultSlowBody processes the request and trickles the body over
	// Fault.Latency of real time.
	FaultSlowBody FaultKind = "slow_body"
)

// Fault describes a fault to inject. The match fields select requests; empty
// fields match everything, so a Fault with only a Kind is global.
type Fault struct {
	Kind FaultKind
	// Operation matches the operation name: the REST operationId
	// ("Deployments_Create") or the SOAP operation ("PublishRunning").
	Operation string
	// Method matches the HTTP method.
	Method string
	// PathPrefix matches the beginning of the URL path.
	PathPrefix string
	// Rate is the probability (0 < Rate <= 1) that a matching request gets
	// the fault, drawn from the seeded generator; 0 means always.
	Rate float64
	// Times caps how many times the fault fires (0: unlimited).
	Times int
	// Latency is the delay of FaultLatency and the duration of FaultSlowBody.
	Latency time.Duration
	// Status is the status of FaultStatus (default 500).
	Status int
	// RetryAfter is the Retry-After of FaultTooManyRequests (default 1s,
	// written in whole seconds).
	RetryAfter time.Duration
}

// faultRule is an installed fault.
type faultRule struct {
	id    int
	f     Fault
	fired int
}

// validate checks f.
func (f Fault) validate() error {
	switch f.Kind {
	case FaultLatency, FaultSlowBody:
		if f.Latency <= 0 {
			return fmt.Errorf("sim: fault %s needs a positive Latency", f.Kind)
		}
	case FaultStatus:
		if f.Status != 0 && (f.Status < 400 || f.Status > 599) {
			return fmt.Errorf("sim: fault status %d is not an error status", f.Status)
		}
	case FaultTooManyRequests, FaultResetBefore, FaultResetAfter, FaultTruncate, FaultMalformed:
	default:
		return fmt.Errorf("sim: unknown fault kind %q", f.Kind)
	}
	if f.Rate < 0 || f.Rate > 1 {
		return fmt.Errorf("sim: fault rate %v is outside [0, 1]", f.Rate)
	}
	if f.Times < 0 {
		return fmt.Errorf("sim: fault Times %d is negative", f.Times)
	}
	return nil
}

// InjectFault installs a fault and returns its id for RemoveFault. Faults
// are evaluated in installation order; decisions come from a generator
// seeded with Options.Seed, so the same requests in the same order get the
// same faults.
func (s *Sim) InjectFault(f Fault) (int, error) {
	if err := f.validate(); err != nil {
		return 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id := 1
	if n := len(s.faults); n > 0 {
		id = s.faults[n-1].id + 1
	}
	s.faults = append(s.faults, &faultRule{id: id, f: f})
	return id, nil
}

// RemoveFault removes the fault with id; unknown ids are ignored.
func (s *Sim) RemoveFault(id int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, r := range s.faults {
		if r.id == id {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
			return
		}
	}
}

// ClearFaults removes every fault.
func (s *Sim) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// matches reports whether the rule selects the request.
func (r *faultRule) matches(op string, req *http.Request) bool {
	f := r.f
	if f.Times > 0 && r.fired >= f.Times {
		return false
	}
	if f.Operation != "" && !strings.EqualFold(f.Operation, op) {
		return false
	}
	if f.Method != "" && !strings.EqualFold(f.Method, req.Method) {
		return false
	}
	if f.PathPrefix != "" && !strings.HasPrefix(req.URL.Path, f.PathPrefix) {
		return false
	}
	return true
}

// pickFaults decides the faults of one request: the total latency and at most
// one other fault. Callers hold s.mu.
func (s *Sim) pickFaults(op string, req *http.Request) (latency time.Duration, other *Fault) {
	for _, r := range s.faults {
		if !r.matches(op, req) {
			continue
		}
		if r.f.Kind != FaultLatency && other != nil {
			continue
		}
		if r.f.Rate > 0 && r.f.Rate < 1 && s.faultRng.Float64() >= r.f.Rate {
			continue
		}
		r.fired++
		s.counters.Faults[r.f.Kind]++
		if r.f.Kind == FaultLatency {
			latency += r.f.Latency
			continue
		}
		f := r.f
		other = &f
	}
	return latency, other
}

// serveWithFaults applies the faults chosen for the request around the
// routes.
func (s *Sim) serveWithFaults(w *statusWriter, r *http.Request, op string) {
	s.mu.Lock()
	latency, f := s.pickFaults(op, r)
	s.mu.Unlock()
	if latency > 0 && !sleepCtx(r, latency) {
		return
	}
	if f == nil {
		s.serveRoutes(w, r)
		return
	}
	switch f.Kind {
	case FaultStatus:
		status := f.Status
		if status == 0 {
			status = http.StatusInternalServerError
		}
		writeError(w, status, "Injected fault: the server failed to process the request.")
	case FaultTooManyRequests:
		ra := f.RetryAfter
		if ra <= 0 {
			ra = time.Second
		}
		w.Header().Set("Retry-After", strconv.Itoa(int((ra+time.Second-1)/time.Second)))
		writeError(w, http.StatusTooManyRequests, "Too many requests.")
	case FaultResetBefore:
		abortConnection(w, nil)
	case FaultResetAfter:
		rec := newRecorder()
		s.serveRoutes(rec, r)
		abortConnection(w, nil)
	case FaultTruncate:
		rec := newRecorder()
		s.serveRoutes(rec, r)
		var raw bytes.Buffer
		fmt.Fprintf(&raw, "HTTP/1.1 %d %s\r\n", rec.statusOrOK(), http.StatusText(rec.statusOrOK()))
		rec.header.Set("Content-Length", strconv.Itoa(rec.body.Len()))
		rec.header.Set("Connection", "close")
		_ = rec.header.Write(&raw)
		raw.WriteString("\r\n")
		raw.Write(rec.body.Bytes()[:rec.body.Len()/2])
		abortConnection(w, raw.Bytes())
	case FaultMalformed:
		rec := newRecorder()
		s.serveRoutes(rec, r)
		body := malform(rec.body.Bytes())
		copyHeader(w.Header(), rec.header)
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(rec.statusOrOK())
		_, _ = w.Write(body)
	case FaultSlowBody:
		rec := newRecorder()
		s.serveRoutes(rec, r)
		copyHeader(w.Header(), rec.header)
		w.Header().Set("Content-Length", strconv.Itoa(rec.body.Len()))
		w.WriteHeader(rec.statusOrOK())
		writeSlowly(w, r, rec.body.Bytes(), f.Latency)
	}
}

// malform turns a body into one that does not parse: the first half of it
// followed by an HTML fragment, as a proxy error page spliced into a response
// would look.
func malform(body []byte) []byte {
	out := append([]byte(nil), body[:len(body)/2]...)
	return append(out, []byte("<html><body>502 Bad Gateway</body>")...)
}

// writeSlowly writes body in ten pieces spread over d, flushing each.
func writeSlowly(w http.ResponseWriter, r *http.Request, body []byte, d time.Duration) {
	const pieces = 10
	rc := http.NewResponseController(w)
	step := (len(body) + pieces - 1) / pieces
	if step == 0 {
		return
	}
	for i := 0; i < len(body); i += step {
		if i > 0 && !sleepCtx(r, d/pieces) {
			return
		}
		end := min(i+step, len(body))
		if _, err := w.Write(body[i:end]); err != nil {
			return
		}
		_ = rc.Flush()
	}
}

// sleepCtx sleeps d of real time unless the request's context ends first; it
// reports whether the full delay elapsed.
func sleepCtx(r *http.Request, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// abortConnection writes raw bytes (if any) directly on the connection and
// closes it. When the connection cannot be hijacked (HTTP/2), the handler
// aborts with http.ErrAbortHandler, which resets the stream.
func abortConnection(w *statusWriter, raw []byte) {
	conn, buf, err := http.NewResponseController(w.ResponseWriter).Hijack()
	if err != nil {
		// net/http documents panicking with ErrAbortHandler as the way to
		// abort a response; the server recovers it and resets the stream.
		panic(http.ErrAbortHandler)
	}
	w.hijacked = true
	if len(raw) > 0 {
		_, _ = buf.Write(raw)
		_ = buf.Flush()
	}
	_ = conn.Close()
}

// recorder captures a response so that a fault can rewrite it.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newRecorder() *recorder { return &recorder{header: http.Header{}} }

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}

func (r *recorder) statusOrOK() int {
	if r.status == 0 {
		return http.StatusOK
	}
	return r.status
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(b)
}

// copyHeader copies src into dst.
func copyHeader(dst, src http.Header) {
	for k, vs := range src {
		dst[k] = append([]string(nil), vs...)
	}
}
