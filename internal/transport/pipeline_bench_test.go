package transport

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkPipelineOverhead measures one GET through Pipeline.Do against
// the same GET through the bare *http.Client, on a loopback server.
//
//	go test -run '^$' -bench PipelineOverhead ./internal/transport/
func BenchmarkPipelineOverhead(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"ok":true}`)
	}))
	defer srv.Close()
	hc := srv.Client()
	p, err := New(Config{HTTPClient: hc})
	if err != nil {
		b.Fatal(err)
	}
	send := func(b *testing.B, do func(*http.Request) (*http.Response, error)) {
		b.ReportAllocs()
		for b.Loop() {
			req, _ := http.NewRequest(http.MethodGet, srv.URL+"/x?token=abc", nil)
			resp, err := do(req)
			if err != nil {
				b.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}
	b.Run("client", func(b *testing.B) { send(b, hc.Do) })
	b.Run("pipeline", func(b *testing.B) {
		send(b, func(r *http.Request) (*http.Response, error) {
			return p.Do(r.Context(), r, Call{Operation: "Bench_Get", Retryable: true})
		})
	})
}
