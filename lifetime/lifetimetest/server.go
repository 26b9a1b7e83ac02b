package lifetimetest

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/go-outsystems/outsystems/internal/sim"
)

// APIPath is the path of the LifeTime REST API v2 on the server.
const APIPath = "/lifetimeapi/rest/v2"

// DefaultScenario is the scenario of a Server without WithScenario.
const DefaultScenario = "default"

// Default durations of a Server, short so that code polling on the wall
// clock finishes quickly. WithClock and the With...Duration options change
// them.
const (
	DefaultDeploymentStepDuration = time.Second
	DefaultSourceCodeDuration     = 500 * time.Millisecond
	DefaultSolutionDuration       = 500 * time.Millisecond
	DefaultPublishDuration        = 200 * time.Millisecond
)

// Server is a simulated LifeTime infrastructure listening on loopback.
type Server struct {
	// URL is the base URL of the server (http://127.0.0.1:port, or https://
	// with WithTLS), without a trailing slash. The REST API is under
	// URL + APIPath, LifeTime Services under URL + "/LifeTimeServices/" and
	// the LifeTime environment's Service Center under URL + "/ServiceCenter/".
	URL string

	srv *httptest.Server
	sim *sim.Sim
}

type options struct {
	scenario string
	tls      bool
	opts     sim.Options
}

// Option configures a Server.
type Option func(*options)

// WithScenario selects the scenario the infrastructure is seeded from (see
// ScenarioNames); "" starts an empty infrastructure (a console with no
// environments).
func WithScenario(name string) Option { return func(o *options) { o.scenario = name } }

// WithClock sets the source of simulated time, typically a ManualClock.
func WithClock(c Clock) Option { return func(o *options) { o.opts.Clock = c } }

// WithSeed makes keys, tokens and fault decisions reproducible.
func WithSeed(seed uint64) Option { return func(o *options) { o.opts.Seed = seed } }

// WithConsoleVersion sets the LifeTime version instead of the scenario's.
func WithConsoleVersion(v string) Option { return func(o *options) { o.opts.ConsoleVersion = v } }

// WithDeploymentStepDuration sets how long each running step of a
// deployment takes.
func WithDeploymentStepDuration(d time.Duration) Option {
	return func(o *options) { o.opts.DeploymentDuration = d }
}

// WithPublishDuration sets how long a publish takes in the LifeTime
// environment's Service Center.
func WithPublishDuration(d time.Duration) Option {
	return func(o *options) { o.opts.PublishDuration = d }
}

// WithRefuseConnectionsDuringUpgrade makes the console drop connections,
// instead of answering 503, while an UpgradeConsole downtime lasts.
func WithRefuseConnectionsDuringUpgrade() Option {
	return func(o *options) { o.opts.RefuseConnectionsDuringUpgrade = true }
}

// WithLogger logs one debug record per request.
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.opts.Logger = l } }

// WithTLS serves HTTPS with a certificate for 127.0.0.1 that Server.Client
// trusts (see also Server.Certificate).
func WithTLS() Option { return func(o *options) { o.tls = true } }

// NewServer starts a simulated infrastructure on loopback. It fails only
// for an unknown scenario. Close the server when the test ends.
func NewServer(opts ...Option) (*Server, error) {
	o := options{scenario: DefaultScenario, opts: sim.Options{
		DeploymentDuration: DefaultDeploymentStepDuration,
		SourceCodeDuration: DefaultSourceCodeDuration,
		SolutionDuration:   DefaultSolutionDuration,
		PublishDuration:    DefaultPublishDuration,
	}}
	for _, opt := range opts {
		opt(&o)
	}
	var s *sim.Sim
	if o.scenario == "" {
		s = sim.New(o.opts)
	} else {
		var err error
		if s, err = sim.NewScenario(o.scenario, o.opts); err != nil {
			return nil, fmt.Errorf("lifetimetest: %w", err)
		}
	}
	srv := &Server{sim: s}
	if o.tls {
		srv.srv = httptest.NewTLSServer(s)
	} else {
		srv.srv = httptest.NewServer(s)
	}
	srv.URL = srv.srv.URL
	return srv, nil
}

// APIURL returns the base URL of the REST API v2 (URL + APIPath).
func (s *Server) APIURL() string { return s.URL + APIPath }

// ServiceCenterURL returns the base URL of a registered environment's
// Service Center ("" if there is no such environment): append
// "/ServiceCenter/..." as for a real host. The LifeTime environment's Service
// Center is at URL itself.
func (s *Server) ServiceCenterURL(environmentName string) string {
	e, ok := s.sim.EnvironmentByName(environmentName)
	if !ok {
		return ""
	}
	return s.URL + sim.EnvironmentServiceCenterPath(e.Key)
}

// Token returns a valid service-account token with every permission. Add
// tokens with fewer permissions with Sim().AddServiceAccount.
func (s *Server) Token() string { return s.sim.Token() }

// Sim returns the simulated infrastructure, to seed, inspect, move time,
// inject faults and upgrade the console.
func (s *Server) Sim() *Sim { return s.sim }

// Clock returns the server's clock.
func (s *Server) Clock() Clock { return s.sim.Clock() }

// Meta returns the scenario's out-of-band facts.
func (s *Server) Meta() Meta { return s.sim.Meta() }

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
