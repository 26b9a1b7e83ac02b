package lifetime

import (
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
)

// connTestWorkers is how many calls are in flight at once in
// TestDefaultClientReusesConnections; more than net/http's default of 2
// idle connections per host, fewer than the SDK's 32.
const connTestWorkers = 16

// TestDefaultClientReusesConnections runs rounds of 16 concurrent calls
// (the server answers only when all 16 have arrived, so each round needs
// 16 connections) with the client NewClient builds itself, over plain http
// and over TLS with a CA bundle. Connections must be reused from one round
// to the next: with net/http's default of 2 idle connections per host each
// round after the first would open 14 new ones.
func TestDefaultClientReusesConnections(t *testing.T) {
	const rounds = 4
	for _, useTLS := range []bool{false, true} {
		name := map[bool]string{false: "http", true: "https with a CA bundle"}[useTLS]
		t.Run(name, func(t *testing.T) {
			var (
				mu      sync.Mutex
				arrived int
				release = make(chan struct{})
				conns   atomic.Int32
			)
			srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				arrived++
				if arrived == connTestWorkers {
					arrived = 0
					close(release)
					release = make(chan struct{})
					mu.Unlock()
				} else {
					wait := release
					mu.Unlock()
					select {
					case <-wait:
					case <-r.Context().Done():
						return
					}
				}
				writeJSON(w, 200, `[]`)
			}))
			srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
				if s == http.StateNew {
					conns.Add(1)
				}
			}
			opts := []Option{WithToken(testToken), WithRetry(NoRetry())}
			if useTLS {
				srv.StartTLS()
				opts = append(opts, WithCABundle(certPEM(t, srv.Certificate().Raw)))
			} else {
				srv.Start()
				opts = append(opts, WithInsecureHTTP())
			}
			t.Cleanup(srv.Close)
			c, err := NewClient(srv.URL, opts...)
			if err != nil {
				t.Fatal(err)
			}
			for range rounds {
				var wg sync.WaitGroup
				for range connTestWorkers {
					wg.Go(func() {
						if _, _, err := c.Environments.List(t.Context()); err != nil {
							t.Errorf("Environments.List: %v", err)
						}
					})
				}
				wg.Wait()
			}
			// 16 connections are needed; a few more may be dialled when a
			// request starts just before a finished one returns its
			// connection to the pool. Without reuse: 16 + 3×14 = 58.
			if n := conns.Load(); n > 2*connTestWorkers {
				t.Errorf("%d rounds of %d concurrent calls opened %d connections, want about %d", rounds, connTestWorkers, n, connTestWorkers)
			} else {
				t.Logf("%d rounds of %d concurrent calls: %d connections", rounds, connTestWorkers, n)
			}
		})
	}
}
