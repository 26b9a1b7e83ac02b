// Package sim is an in-memory simulation of an OutSystems 11 infrastructure:
// a LifeTime console (REST API v2, LifeTime Services SOAP, the LifeTime
// environment's Service Center) and the environments it manages, with
// applications, modules, versions, deployments and their state machine,
// users, roles, teams, DB connections, fault injection and console upgrades.
//
// It is the server side, written from the official contract (the LifeTime
// API v2 swagger and the notes in shared/reference), never from this module's
// clients: it imports only the standard library.
//
// A Sim is an http.Handler serving:
//
//   - /lifetimeapi/rest/v2/... the LifeTime REST API v2 (every operation of
//     the official swagger, plus GET /downloads/{key}), with bearer-token
//     auth, the Exception error body and the real server's deviations from
//     the swagger (each cited where it is implemented);
//   - /LifeTimeServices/... the legacy LifeTime Services SOAP API;
//   - /ServiceCenter/... the LifeTime environment's Service Center (scsim);
//   - /sc/{EnvironmentKey}/ServiceCenter/... each registered environment's
//     Service Center.
//
// State evolves lazily from a Clock at each request or inspection; there are
// no background goroutines, so a ManualClock makes every test deterministic.
// Faults (InjectFault) wrap every route; Counters tell what was served.
package sim

import (
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/go-outsystems/outsystems/internal/sim/scsim"
)

// Options configures a Sim. The zero value is usable.
type Options struct {
	// Seed makes generated keys, tokens and fault decisions reproducible.
	Seed uint64
	// Clock drives simulated time; nil means NewRealClock(1).
	Clock Clock
	// ConsoleVersion is the LifeTime version (default "11.25.4").
	ConsoleVersion string
	// Cloud says the console runs in OutSystems Cloud (affects the parallel
	// deployment thresholds and environment registration).
	Cloud bool
	// LifeTime describes the LifeTime environment itself.
	LifeTime LifeTimeEnvironment
	// DeploymentDuration is how long a deployment step runs unless configured
	// per application or per deployment (default 2 minutes).
	DeploymentDuration time.Duration
	// SourceCodeDuration is how long a source-code package takes (default 30s).
	SourceCodeDuration time.Duration
	// SolutionDuration is how long a solution takes to build (default 20s).
	SolutionDuration time.Duration
	// PublishDuration is how long a publish takes in the LifeTime
	// environment's Service Center (default: scsim's).
	PublishDuration time.Duration
	// RefuseConnectionsDuringUpgrade makes the console drop connections
	// instead of answering 503 while UpgradeConsole's downtime lasts.
	RefuseConnectionsDuringUpgrade bool
	// DisableLifeTimeServices makes /LifeTimeServices/ answer 404 regardless
	// of the console version.
	DisableLifeTimeServices bool
	// Logger receives one debug record per request; nil is silent.
	Logger *slog.Logger
}

// LifeTimeEnvironment describes the environment LifeTime is installed in.
type LifeTimeEnvironment struct {
	// HostName of the LifeTime environment (default "lifetime.example.test").
	HostName string
	// PlatformServerVersion of the LifeTime environment; default: the one
	// bundled with the console version.
	PlatformServerVersion string
	// ServiceCenterUsername and ServiceCenterPassword are the credentials of
	// the LifeTime environment's Service Center (default admin/admin).
	ServiceCenterUsername string
	ServiceCenterPassword string
	// SharedWithEnvironment is the key of the registered environment that
	// LifeTime is installed in ("" for a dedicated LifeTime environment).
	SharedWithEnvironment string
}

// Sim is a simulated OutSystems infrastructure. It is an http.Handler serving
// /lifetimeapi/rest/v2/..., /LifeTimeServices/... and /ServiceCenter/....
// It is safe for concurrent use.
type Sim struct {
	mu       sync.Mutex
	opts     Options
	clock    Clock
	rng      *rand.Rand
	faultRng *rand.Rand
	logger   *slog.Logger

	consoleVersion string
	lifetime       LifeTimeEnvironment
	sc             *scsim.ServiceCenter
	upgrade        *consoleUpgrade
	// minUpgradeDowntime is the least downtime of UpgradeConsole (the
	// slow-console-return scenario).
	minUpgradeDowntime time.Duration
	meta               Meta

	envs           []*environment
	apps           []*application
	modules        map[string]*module
	moduleVersions map[string]*ModuleVersion
	versions       map[string]*ApplicationVersion
	running        map[string]*running // key: envKey + "/" + appKey
	roles          []*Role
	users          []*User
	teams          []*Team
	accounts       []*ServiceAccount
	loginAttempts  []*LoginAttempt
	deployments    []*deployment
	appBehaviour   map[string]DeploymentBehaviour
	downloads      map[string]*download
	packages       map[string]*sourcePackage
	solutions      map[string]*solution
	ltsSessions    map[string]ltsSession

	counters Counters
	faults   []*faultRule

	mux *http.ServeMux
	ops map[string]string // mux pattern -> operation name
}

// New returns a simulator with a LifeTime console and no environments, plus
// the built-in roles and one service account with every permission (see
// Token).
func New(opts Options) *Sim {
	if opts.Clock == nil {
		opts.Clock = NewRealClock(1)
	}
	if opts.ConsoleVersion == "" {
		opts.ConsoleVersion = "11.25.4"
	}
	if opts.DeploymentDuration <= 0 {
		opts.DeploymentDuration = 2 * time.Minute
	}
	if opts.SourceCodeDuration <= 0 {
		opts.SourceCodeDuration = 30 * time.Second
	}
	if opts.SolutionDuration <= 0 {
		opts.SolutionDuration = 20 * time.Second
	}
	lt := opts.LifeTime
	if lt.HostName == "" {
		lt.HostName = "lifetime.example.test"
	}
	if lt.PlatformServerVersion == "" {
		lt.PlatformServerVersion = bundledPlatformServerFor(opts.ConsoleVersion)
	}
	if lt.ServiceCenterUsername == "" {
		lt.ServiceCenterUsername = "admin"
	}
	if lt.ServiceCenterPassword == "" {
		lt.ServiceCenterPassword = "admin"
	}
	s := &Sim{
		opts:           opts,
		clock:          opts.Clock,
		rng:            rand.New(rand.NewPCG(opts.Seed, 0x5eed)),
		faultRng:       rand.New(rand.NewPCG(opts.Seed, 0xfa17)),
		logger:         opts.Logger,
		consoleVersion: opts.ConsoleVersion,
		lifetime:       lt,
		modules:        map[string]*module{},
		moduleVersions: map[string]*ModuleVersion{},
		versions:       map[string]*ApplicationVersion{},
		running:        map[string]*running{},
		appBehaviour:   map[string]DeploymentBehaviour{},
		downloads:      map[string]*download{},
		packages:       map[string]*sourcePackage{},
		solutions:      map[string]*solution{},
		ltsSessions:    map[string]ltsSession{},
		ops:            map[string]string{},
	}
	s.counters = newCounters()
	s.sc = s.newServiceCenter(lt.PlatformServerVersion)
	s.seedBuiltins()
	s.mux = s.newMux()
	return s
}

// seedBuiltins adds the built-in roles and the admin service account.
func (s *Sim) seedBuiltins() {
	for _, r := range []Role{
		{Name: "Administrator", Description: "Built-in administrator role of the platform", ManageInfrastructure: true, ManageTeams: true, Reserved: true},
		{Name: "Developer", Description: "Develops and deploys applications"},
		{Name: "Tester", Description: "Tests applications"},
	} {
		r := r
		r.Key = s.newKey()
		r.Environments = map[string]EnvironmentPermission{}
		s.roles = append(s.roles, &r)
	}
	s.accounts = append(s.accounts, &ServiceAccount{
		Key:      s.newKey(),
		Username: "sa_automation",
		Name:     "Automation",
		Token:    s.newToken(),
	})
}

// Clock returns the simulator's clock.
func (s *Sim) Clock() Clock { return s.clock }

// now returns the simulated current time.
func (s *Sim) now() time.Time { return s.clock.Now() }

// Token returns the bearer token of the built-in service account, which has
// every permission.
func (s *Sim) Token() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.accounts[0].Token
}

// ConsoleVersion returns the LifeTime version currently installed (the target
// version once an upgrade's downtime has passed).
func (s *Sim) ConsoleVersion() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tick()
	return s.consoleVersion
}

// LifeTime returns the description of the LifeTime environment (its Platform
// Server version follows console upgrades).
func (s *Sim) LifeTime() LifeTimeEnvironment {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tick()
	return s.lifetime
}

// Meta returns the out-of-band facts of the scenario the simulator was built
// from (zero for New).
func (s *Sim) Meta() Meta {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.meta.clone()
}

// Counters counts what the simulator served, so tests can assert, for
// example, that exactly one deployment was created despite retries.
type Counters struct {
	// Requests counts requests by operation: the swagger operationId for
	// REST ("Deployments_Create"), the SOAP operation for SOAP routes, or the
	// method and path for anything else.
	Requests map[string]int
	// Statuses counts responses by HTTP status (faults included).
	Statuses map[int]int
	// Faults counts injected faults by kind.
	Faults map[FaultKind]int
	// DeploymentsCreated counts deployment plans created (JSON and binary).
	DeploymentsCreated int
	// Commands counts accepted deployment commands (start, continue, abort).
	Commands map[string]int
	// VersionsCreated counts application versions created through the API.
	VersionsCreated int
	// ApplicationsCreated counts applications created through the API.
	ApplicationsCreated int
}

func newCounters() Counters {
	return Counters{Requests: map[string]int{}, Statuses: map[int]int{}, Faults: map[FaultKind]int{}, Commands: map[string]int{}}
}

// Counters returns a snapshot of the counters.
func (s *Sim) Counters() Counters {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.counters
	c.Requests = cloneMap(c.Requests)
	c.Statuses = cloneMap(c.Statuses)
	c.Faults = cloneMap(c.Faults)
	c.Commands = cloneMap(c.Commands)
	return c
}

// ResetCounters zeroes the counters.
func (s *Sim) ResetCounters() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counters = newCounters()
}

func cloneMap[K comparable, V any](m map[K]V) map[K]V {
	out := make(map[K]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// tick evolves every time-dependent object to the clock's current time.
// Callers hold s.mu.
func (s *Sim) tick() {
	now := s.now()
	s.tickUpgrade(now)
	for _, d := range s.deployments {
		s.advanceDeployment(d, now)
	}
}

// ServeHTTP serves the whole simulated infrastructure: fault injection and
// console availability first, then the routes.
func (s *Sim) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	op := s.operationOf(r)
	sw := &statusWriter{ResponseWriter: w}
	s.serveWithFaults(sw, r, op)
	s.mu.Lock()
	s.counters.Requests[op]++
	if !sw.hijacked {
		s.counters.Statuses[sw.statusOrOK()]++
	}
	s.mu.Unlock()
	if s.logger != nil {
		s.logger.Debug("sim request", "method", r.Method, "path", r.URL.Path, "operation", op, "status", sw.statusOrOK())
	}
}

// serveRoutes serves r once faults have been decided: while the console is
// being upgraded its routes answer 503 (or drop the connection with
// Options.RefuseConnectionsDuringUpgrade), else the mux.
func (s *Sim) serveRoutes(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.tick()
	down := s.upgrade != nil
	s.mu.Unlock()
	if down && s.consoleRoute(r) {
		if s.opts.RefuseConnectionsDuringUpgrade {
			if sw, ok := w.(*statusWriter); ok {
				abortConnection(sw, nil)
				return
			}
		}
		writeUnavailable(w)
		return
	}
	s.mux.ServeHTTP(w, r)
}

// writeUnavailable answers 503 the way a web server in front of a stopped
// application does: an HTML page, not the API's JSON (lifetime-rest-api.md
// §2.1: "gateways can return 5xx HTML pages"), with a Retry-After.
func writeUnavailable(w http.ResponseWriter) {
	const page = "<!DOCTYPE html><html><head><title>Service Unavailable</title></head>" +
		"<body><h1>Service Unavailable</h1><p>LifeTime is being upgraded. Please try again later.</p></body></html>"
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Retry-After", "60")
	w.WriteHeader(http.StatusServiceUnavailable)
	_, _ = w.Write([]byte(page))
}

// consoleRoute reports whether r is for the LifeTime console (its REST API,
// LifeTime Services and the LifeTime environment's Service Center, not the
// Service Center of an application environment addressed by its host).
func (s *Sim) consoleRoute(r *http.Request) bool {
	path := r.URL.Path
	if strings.HasPrefix(path, apiBase) || strings.HasPrefix(path, "/LifeTimeServices/") {
		return true
	}
	if !strings.HasPrefix(path, "/ServiceCenter/") {
		return false
	}
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.envs {
		if strings.EqualFold(e.HostName, host) && !strings.EqualFold(e.Key, s.lifetime.SharedWithEnvironment) {
			return false
		}
	}
	return true
}

// operationOf names the operation r is routed to.
func (s *Sim) operationOf(r *http.Request) string {
	_, pattern := s.mux.Handler(r)
	if op, ok := s.ops[pattern]; ok {
		return op
	}
	if action := r.Header.Get("SOAPAction"); action != "" {
		action = strings.Trim(action, `"`)
		if i := strings.LastIndex(action, "/"); i >= 0 {
			action = action[i+1:]
		}
		return action
	}
	if pattern == "" || pattern == "/" {
		return "unrouted"
	}
	return pattern
}

// statusWriter records the status written through it.
type statusWriter struct {
	http.ResponseWriter
	status   int
	hijacked bool
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) statusOrOK() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}

// Unwrap lets http.ResponseController reach the underlying writer (Hijack).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
