package scsim

import (
	"net/http"
	"sync"
	"time"
)

// Defaults used when a Config field is empty.
const (
	// DefaultVersion is the Platform Server version GetPlatformInfo reports
	// when Config.Version is empty. GetPlatformInfo answers in the four-part
	// numeric form (mock value "11.10.2.25738", soap-apis.md §2.1), which
	// OutSystems' own tooling parses with .NET System.Version (compat-facts.md
	// V18); 11.31.0 is a real Platform Server release (compat-facts.md §2.2).
	DefaultVersion = "11.31.0.44210"
	// DefaultSerial is the serial number reported when Config.Serial is empty.
	DefaultSerial = "SIM-SC-0000-0000-0001"
	// DefaultPublishDuration is the simulated time a publication takes when
	// Config.PublishDuration is zero.
	DefaultPublishDuration = 30 * time.Second
)

// Config describes one simulated Service Center.
type Config struct {
	// Version is the Platform Server version GetPlatformInfo reports, in the
	// four-part form of the real service, e.g. "11.31.0.44210". Empty means
	// DefaultVersion.
	Version string
	// Serial is the installation serial GetPlatformInfo reports. Empty means
	// DefaultSerial.
	Serial string

	// Username and Password are the Service Center administrator credentials
	// the operations accept, compared exactly (the user name
	// case-insensitively, as the platform does for user names).
	Username, Password string
	// HashedPassword, when set, is a second accepted form of the password:
	// the exact "#..." string a client sends when it pre-hashes the password
	// the way OutSystems' SetupTools does ('#' + platform hash). The hash
	// algorithm is proprietary and undocumented (soap-apis.md §2.5), so the
	// simulator does not compute it: it compares the value verbatim.
	HashedPassword string
	// RequireHashedPassword makes the simulator refuse the plain Password and
	// accept only HashedPassword. Whether a real Service Center accepts the
	// plain password is unconfirmed (soap-apis.md §2.5, §10 question 2), so
	// tests can exercise both behaviours.
	RequireHashedPassword bool

	// Clock is the source of simulated time; nil means the wall clock.
	Clock Clock
	// PublishDuration is the simulated time a whole publication takes, shared
	// equally by its modules. Zero means DefaultPublishDuration; a negative
	// value makes publications finish instantly.
	PublishDuration time.Duration

	// Strict makes the simulator refuse what a real ASMX service tolerates but
	// a careful client should not send: a SOAP 1.1 SOAPAction header without
	// quotes, and a missing mandatory (minOccurs="1") boolean or int element,
	// which ASP.NET silently reads as false or 0. Off by default.
	Strict bool
}

// ServiceCenter is one environment's simulated Service Center. It is safe for
// concurrent use. State evolves lazily: each request and each inspection
// method first advances publications to Config.Clock's current time.
type ServiceCenter struct {
	mu        sync.Mutex
	cfg       Config
	clock     Clock
	version   string
	available bool

	modules   []*Module          // in insertion order
	byName    map[string]*Module // by folded name
	solutions map[int]*solution
	pubs      map[int]*publication
	active    []*publication  // unfinished publications, in start order
	failing   map[string]bool // lower-case module names whose publish fails
	counters  Counters
	services  map[string]service // by lower-case path; built once in New

	nextSolutionID int
	nextPubID      int
	nextOpID       int
	nextStagingID  int
}

// New returns a Service Center with no modules, available, configured by cfg.
func New(cfg Config) *ServiceCenter {
	if cfg.Version == "" {
		cfg.Version = DefaultVersion
	}
	if cfg.Serial == "" {
		cfg.Serial = DefaultSerial
	}
	if cfg.PublishDuration == 0 {
		cfg.PublishDuration = DefaultPublishDuration
	}
	if cfg.PublishDuration < 0 {
		cfg.PublishDuration = 0
	}
	clock := cfg.Clock
	if clock == nil {
		clock = realClock{}
	}
	sc := &ServiceCenter{
		cfg:            cfg,
		clock:          clock,
		version:        cfg.Version,
		available:      true,
		byName:         map[string]*Module{},
		solutions:      map[int]*solution{},
		pubs:           map[int]*publication{},
		failing:        map[string]bool{},
		counters:       newCounters(),
		nextSolutionID: 1,
		nextPubID:      1,
		nextOpID:       1,
		nextStagingID:  1,
	}
	sc.services = sc.routes()
	return sc
}

// Handler returns the HTTP handler serving the Service Center services under
// /ServiceCenter/: OutSystemsPlatform.asmx, Solutions.asmx and the
// experimental subset of PlatformServices_v8_0_0.asmx with its REST
// companion. See the package documentation for what each answers.
func (sc *ServiceCenter) Handler() http.Handler {
	return http.HandlerFunc(sc.serveHTTP)
}

// SetVersion changes the Platform Server version GetPlatformInfo reports, as
// after a platform upgrade.
func (sc *ServiceCenter) SetVersion(v string) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	sc.version = v
}

// Version returns the Platform Server version GetPlatformInfo reports.
func (sc *ServiceCenter) Version() string {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	return sc.version
}

// SetAvailable makes every route answer (true) or fail with HTTP 503 (false),
// as while the environment is being upgraded. Publications keep their
// schedule meanwhile.
func (sc *ServiceCenter) SetAvailable(ok bool) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	sc.available = ok
}

// FailPublishOf makes the publication of the named modules fail (names are
// compared case-insensitively) in every publication started from now on;
// the other modules of the same publication still publish. It replaces the
// previous set; call it with no names to let every module publish again.
func (sc *ServiceCenter) FailPublishOf(moduleNames ...string) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	sc.failing = map[string]bool{}
	for _, n := range moduleNames {
		sc.failing[foldName(n)] = true
	}
}

// now reads the clock and advances every publication to that instant. The
// caller holds sc.mu.
func (sc *ServiceCenter) now() time.Time {
	t := sc.clock.Now()
	sc.advance(t)
	return t
}
