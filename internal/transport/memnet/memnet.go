// Package memnet serves an http.Handler over in-memory connections
// (net.Pipe) instead of loopback TCP.
//
// It exists for tests that run inside a testing/synctest bubble: a goroutine
// blocked on a TCP socket is not "durably blocked", so the bubble's fake
// clock would never advance while an httptest.Server connection is idle.
// Pipe connections block on channels, which synctest understands. Create
// the server inside the bubble and close it before the bubble ends.
package memnet

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
)

// Server is an HTTP server reachable only through [Server.Client].
type Server struct {
	// URL is the base URL to use with the client, "http://memnet.test".
	URL string

	srv       *http.Server
	ln        *listener
	transport *http.Transport
	done      chan struct{}
}

// NewServer starts serving h. Call Close when done.
func NewServer(h http.Handler) *Server {
	ln := &listener{conns: make(chan net.Conn), closed: make(chan struct{})}
	s := &Server{
		URL:  "http://memnet.test",
		srv:  &http.Server{Handler: h},
		ln:   ln,
		done: make(chan struct{}),
	}
	s.transport = &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return ln.dial(ctx)
		},
		ForceAttemptHTTP2: false,
	}
	go func() {
		defer close(s.done)
		_ = s.srv.Serve(ln)
	}()
	return s
}

// Client returns a new client whose transport dials the server in memory.
func (s *Server) Client() *http.Client {
	return &http.Client{Transport: s.transport}
}

// Transport returns the in-memory transport shared by the clients.
func (s *Server) Transport() *http.Transport { return s.transport }

// Close stops the server, closes all connections and waits for the serving
// goroutine to end.
func (s *Server) Close() {
	_ = s.srv.Close()
	s.transport.CloseIdleConnections()
	<-s.done
}

// errClosed is returned by Accept and dial after Close.
var errClosed = errors.New("memnet: closed")

type listener struct {
	conns     chan net.Conn
	closed    chan struct{}
	closeOnce sync.Once
}

func (l *listener) dial(ctx context.Context) (net.Conn, error) {
	c, s := net.Pipe()
	select {
	case l.conns <- s:
		return c, nil
	case <-l.closed:
		return nil, errClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Accept returns the server side of the next dialed connection.
func (l *listener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.closed:
		return nil, errClosed
	}
}

// Close stops Accept and dial.
func (l *listener) Close() error {
	l.closeOnce.Do(func() { close(l.closed) })
	return nil
}

// Addr returns a placeholder address.
func (l *listener) Addr() net.Addr { return addr{} }

type addr struct{}

// Network returns "memnet".
func (addr) Network() string { return "memnet" }

// String returns "memnet.test:80".
func (addr) String() string { return "memnet.test:80" }
