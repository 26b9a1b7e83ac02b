package servicecentertest

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"net/url"
	"time"

	"github.com/go-outsystems/outsystems/internal/sim/scsim"
)

// Types of the simulator, usable by tests outside this module.
type (
	// ServiceCenter is the simulated Service Center behind a Server: seed it
	// (AddModule, MarkOutdated, SetVersion), inject failures (FailPublishOf,
	// SetAvailable) and inspect it (Modules, Counters).
	ServiceCenter = scsim.ServiceCenter
	// Module is a module of the simulated environment.
	Module = scsim.Module
	// Counters is what the simulated Service Center has served.
	Counters = scsim.Counters
	// Message is one entry of a publication log.
	Message = scsim.Message
	// Clock is the source of simulated time.
	Clock = scsim.Clock
	// ManualClock is a Clock that moves only when the test advances it.
	ManualClock = scsim.ManualClock
)

// NewManualClock returns a ManualClock reading start.
func NewManualClock(start time.Time) *ManualClock { return scsim.NewManualClock(start) }

// ParseMessages decodes the Messages string of Solutions.GetMessages,
// Publish and Delete as the simulator writes it.
func ParseMessages(s string) ([]Message, error) { return scsim.ParseMessages(s) }

// DefaultUsername is the administrator user name of a Server without
// WithCredentials.
const DefaultUsername = "admin"

// DefaultPublishDuration is the simulated time a publication takes on a
// Server without WithPublishDuration: short, so that code polling a
// publication on the wall clock finishes quickly.
const DefaultPublishDuration = 200 * time.Millisecond

// Server is a simulated Service Center listening on loopback.
type Server struct {
	// URL is the base URL of the server (http://127.0.0.1:port, or https://
	// with WithTLS), without a trailing slash; the services are under
	// URL + "/ServiceCenter/".
	URL string

	srv *httptest.Server
	sc  *scsim.ServiceCenter
	cfg scsim.Config
}

type options struct {
	cfg     scsim.Config
	tls     bool
	modules []Module
}

// Option configures a Server.
type Option func(*options)

// WithCredentials sets the administrator user name and plain password the
// server accepts. Without it the user is DefaultUsername and the password is
// random, read it with [Server.Password].
func WithCredentials(username, password string) Option {
	return func(o *options) { o.cfg.Username, o.cfg.Password = username, password }
}

// WithHashedPassword makes the server also accept the pre-hashed password
// form hashed (a "#..." value, compared verbatim; the platform's hash
// algorithm is not public, so the server does not compute it).
func WithHashedPassword(hashed string) Option {
	return func(o *options) { o.cfg.HashedPassword = hashed }
}

// WithRequireHashedPassword makes the server refuse the plain password and
// accept only the value of WithHashedPassword.
func WithRequireHashedPassword() Option {
	return func(o *options) { o.cfg.RequireHashedPassword = true }
}

// WithVersion sets the Platform Server version GetPlatformInfo reports, in
// the four-part form of the real service (e.g. "11.31.0.44210").
func WithVersion(v string) Option { return func(o *options) { o.cfg.Version = v } }

// WithSerial sets the serial GetPlatformInfo reports.
func WithSerial(s string) Option { return func(o *options) { o.cfg.Serial = s } }

// WithClock sets the source of simulated time, typically a [ManualClock].
func WithClock(c Clock) Option { return func(o *options) { o.cfg.Clock = c } }

// WithPublishDuration sets the simulated time a whole publication takes
// (shared by its modules); a negative value makes publications instant.
func WithPublishDuration(d time.Duration) Option {
	return func(o *options) { o.cfg.PublishDuration = d }
}

// WithModules seeds the environment's modules.
func WithModules(mods ...Module) Option {
	return func(o *options) { o.modules = append(o.modules, mods...) }
}

// WithStrict makes the server refuse an unquoted SOAPAction and missing
// mandatory booleans and ints, which a real server tolerates, to check that
// a client sends them.
func WithStrict() Option { return func(o *options) { o.cfg.Strict = true } }

// WithTLS serves HTTPS with a certificate for 127.0.0.1 that
// [Server.Client] trusts (see also [Server.Certificate]).
func WithTLS() Option { return func(o *options) { o.tls = true } }

// NewServer starts a simulated Service Center on loopback. Close it when the
// test ends (t.Cleanup(srv.Close)).
func NewServer(opts ...Option) *Server {
	o := options{cfg: scsim.Config{Username: DefaultUsername, PublishDuration: DefaultPublishDuration}}
	for _, opt := range opts {
		opt(&o)
	}
	if o.cfg.Password == "" {
		o.cfg.Password = randomPassword()
	}
	sc := scsim.New(o.cfg)
	for _, m := range o.modules {
		sc.AddModule(m)
	}
	s := &Server{sc: sc, cfg: o.cfg}
	if o.tls {
		s.srv = httptest.NewTLSServer(sc.Handler())
	} else {
		s.srv = httptest.NewServer(sc.Handler())
	}
	s.URL = s.srv.URL
	return s
}

func randomPassword() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return "sim-" + hex.EncodeToString(b)
}

// Host returns the server's host:port, for clients that take an environment
// host rather than a URL.
func (s *Server) Host() string {
	u, err := url.Parse(s.URL)
	if err != nil {
		return ""
	}
	return u.Host
}

// Username returns the administrator user name the server accepts.
func (s *Server) Username() string { return s.cfg.Username }

// Password returns the plain password the server accepts (refused when the
// server was created WithRequireHashedPassword).
func (s *Server) Password() string { return s.cfg.Password }

// HashedPassword returns the pre-hashed password the server accepts, or ""
// when none was set.
func (s *Server) HashedPassword() string { return s.cfg.HashedPassword }

// ServiceCenter returns the simulated Service Center, to seed and inspect it.
func (s *Server) ServiceCenter() *ServiceCenter { return s.sc }

// Client returns an HTTP client for the server; with WithTLS it trusts the
// server's certificate.
func (s *Server) Client() *http.Client { return s.srv.Client() }

// Certificate returns the server's TLS certificate in DER form, or nil
// without WithTLS.
func (s *Server) Certificate() []byte {
	if c := s.srv.Certificate(); c != nil {
		return c.Raw
	}
	return nil
}

// Close shuts the server down and waits for pending requests.
func (s *Server) Close() { s.srv.Close() }
