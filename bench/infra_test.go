package bench

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/go-outsystems/outsystems/internal/sim"
)

// loopback is a simulator on an httptest server that counts the TCP
// connections it accepts.
type loopback struct {
	sim   *sim.Sim
	srv   *httptest.Server
	conns atomic.Int64
}

// newLoopback serves s on loopback until the benchmark or test ends.
func newLoopback(tb testing.TB, s *sim.Sim) *loopback {
	tb.Helper()
	l := &loopback{sim: s}
	l.srv = httptest.NewUnstartedServer(s)
	l.srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			l.conns.Add(1)
		}
	}
	l.srv.Start()
	tb.Cleanup(l.srv.Close)
	return l
}

// requests returns how many requests the simulator served.
func (l *loopback) requests() int {
	n := 0
	for _, v := range l.sim.Counters().Requests {
		n += v
	}
	return n
}

// seedInfrastructure adds envs environments and apps applications, each
// with one tagged version running in every environment.
func seedInfrastructure(tb testing.TB, s *sim.Sim, envs, apps int) {
	tb.Helper()
	var keys []string
	for i := range envs {
		e, err := s.AddEnvironment(sim.Environment{Name: fmt.Sprintf("Env %d", i), OSVersion: "11.34.1.44911"})
		if err != nil {
			tb.Fatal(err)
		}
		keys = append(keys, e.Key)
	}
	for i := range apps {
		a, err := s.AddApplication(sim.Application{
			Name:    fmt.Sprintf("Application %05d", i),
			Kind:    "WebResponsive",
			Team:    "Team " + fmt.Sprint(i%20),
			Modules: []sim.Module{{Name: fmt.Sprintf("App%05dCore", i), Kind: "eSpace"}},
		})
		if err != nil {
			tb.Fatal(err)
		}
		v, err := s.TagVersion(a.Key, keys[0], "1.0."+fmt.Sprint(i), "initial")
		if err != nil {
			tb.Fatal(err)
		}
		for _, k := range keys {
			if err := s.RunApplication(k, a.Key, v.Key, false); err != nil {
				tb.Fatal(err)
			}
		}
	}
}
