package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/go-outsystems/outsystems/lifetime"
	"github.com/go-outsystems/outsystems/lifetime/lifetimetest"
	"github.com/go-outsystems/outsystems/lifetime/ltservices"
	"github.com/go-outsystems/outsystems/servicecenter"
)

// Environment variables the examples read secrets from. Secrets are never
// accepted as flag values.
const (
	EnvLifeTimeURL           = "LIFETIME_URL"
	EnvLifeTimeToken         = "LIFETIME_TOKEN"
	EnvServiceCenterPassword = "SERVICECENTER_PASSWORD"
)

// Simulation settings. Simulated time runs SimSpeed times faster than the
// wall clock and a deployment step takes SimDeploymentStep of it, so a
// two-stage deployment takes about two real seconds; waits of the upgrade
// procedure jump over simulated time at once (see [SimClock]).
const (
	SimSpeed            = 60
	SimDeploymentStep   = time.Minute
	SimPollInterval     = 200 * time.Millisecond
	SimPublishPoll      = 100 * time.Millisecond
	simSeed             = 7
	simLifeTimeRetries  = 2
	simRetryInterval    = 20 * time.Millisecond
	simRetryMaxInterval = 100 * time.Millisecond
)

// ServiceCenter holds the flags of the examples that also talk to the
// Service Center of the LifeTime environment (pre-flight checks, upgrade,
// plugin republication). Register them with [ServiceCenter.Register].
type ServiceCenter struct {
	// URL is the LifeTime environment's Service Center; empty means the
	// LifeTime console's host.
	URL string
	// User is the Service Center user (not a secret).
	User string
	// PasswordFile holds the password; without it the password comes from
	// $SERVICECENTER_PASSWORD.
	PasswordFile string
}

// Register adds the Service Center flags to fs.
func (s *ServiceCenter) Register(fs *flag.FlagSet) {
	fs.StringVar(&s.URL, "servicecenter-url", "", "Service Center of the LifeTime environment (default: the LifeTime console's host)")
	fs.StringVar(&s.User, "servicecenter-user", "", "Service Center user of the LifeTime environment")
	fs.StringVar(&s.PasswordFile, "servicecenter-password-file", "", "file holding the Service Center password (default: $"+EnvServiceCenterPassword+")")
}

// Infra is what an example talks to: a real LifeTime console, or a
// simulated infrastructure started in process.
type Infra struct {
	// LifeTime is the LifeTime REST API v2 client.
	LifeTime *lifetime.Client
	// ServiceCenter is the client of the LifeTime environment's Service
	// Center; nil when the example did not ask for it.
	ServiceCenter *servicecenter.Client
	// LTServices is the client of the legacy LifeTime Services SOAP API,
	// with the same service account token, for the smoke calls of SOAP
	// integrations.
	LTServices *ltservices.Client
	// ConsoleHost is the host name of the LifeTime environment.
	ConsoleHost string
	// Server is the simulated infrastructure, nil for a real console.
	Server *lifetimetest.Server
	// Clock is the simulated clock, nil for a real console.
	Clock *SimClock
	// Scenario is the simulated scenario's name, "" for a real console.
	Scenario string
}

// Simulated reports whether the infrastructure is simulated.
func (in *Infra) Simulated() bool { return in.Server != nil }

// Close stops the simulated infrastructure, if any.
func (in *Infra) Close() {
	if in.Server != nil {
		in.Server.Close()
	}
}

// PollInterval returns the -poll-interval flag, or def when it is 0 (or
// [SimPollInterval] when simulated).
func (in *Infra) PollInterval(c *Common, def time.Duration) time.Duration {
	switch {
	case c.PollInterval > 0:
		return c.PollInterval
	case in.Simulated():
		return SimPollInterval
	default:
		return def
	}
}

// Open connects to the LifeTime console given by -lifetime-url (or
// $LIFETIME_URL), with the token from -token-file or $LIFETIME_TOKEN. With
// no URL it starts the simulated infrastructure of -scenario and says so
// on the first line of stdout. When sc is not nil, it also builds the client
// of the LifeTime environment's Service Center.
func (c *Common) Open(stdout io.Writer, sc *ServiceCenter, logger *slog.Logger) (*Infra, error) {
	if c.Simulated() {
		return c.openSimulation(stdout, sc != nil, logger)
	}
	return c.openReal(sc, logger)
}

// openSimulation starts the scenario's simulated infrastructure over TLS on
// loopback and builds clients for it.
func (c *Common) openSimulation(stdout io.Writer, withSC bool, logger *slog.Logger) (*Infra, error) {
	if !slices.Contains(lifetimetest.ScenarioNames(), c.Scenario) {
		return nil, Usagef("unknown scenario %q (known: %s)", c.Scenario, strings.Join(lifetimetest.ScenarioNames(), ", "))
	}
	clock := NewSimClock(SimSpeed)
	srv, err := lifetimetest.NewServer(
		lifetimetest.WithScenario(c.Scenario),
		lifetimetest.WithTLS(),
		lifetimetest.WithClock(clock),
		lifetimetest.WithSeed(simSeed),
		lifetimetest.WithDeploymentStepDuration(SimDeploymentStep),
	)
	if err != nil {
		return nil, Usagef("starting the simulation: %w", err)
	}
	fmt.Fprintf(stdout, "Running against a simulated OutSystems infrastructure (scenario %q): no -lifetime-url or $%s given.\n", c.Scenario, EnvLifeTimeURL)
	fmt.Fprintf(stdout, "  %s\n", srv.Meta().Description)
	in := &Infra{Server: srv, Clock: clock, Scenario: c.Scenario, ConsoleHost: srv.Sim().LifeTime().HostName}
	in.LifeTime, err = lifetime.NewClient(srv.URL, append(ltLogger(logger),
		lifetime.WithToken(srv.Token()),
		lifetime.WithHTTPClient(srv.Client()),
		lifetime.WithRetry(lifetime.RetryPolicy{MaxAttempts: simLifeTimeRetries, InitialInterval: simRetryInterval, MaxInterval: simRetryMaxInterval, MaxRetryAfter: simRetryMaxInterval}),
	)...)
	if err != nil {
		srv.Close()
		return nil, &UsageError{Err: err}
	}
	if in.LTServices, err = ltservices.NewClient(srv.URL, append(ltsLogger(logger),
		ltservices.WithServiceAccountToken(srv.Token()),
		ltservices.WithHTTPClient(srv.Client()),
	)...); err != nil {
		srv.Close()
		return nil, &UsageError{Err: err}
	}
	if withSC {
		lt := srv.Sim().LifeTime()
		in.ServiceCenter, err = servicecenter.NewClient(srv.URL, append(scLogger(logger),
			servicecenter.WithCredentials(lt.ServiceCenterUsername, lt.ServiceCenterPassword),
			servicecenter.WithHTTPClient(srv.Client()),
			servicecenter.WithRetry(servicecenter.RetryPolicy{MaxAttempts: 1}),
		)...)
		if err != nil {
			srv.Close()
			return nil, &UsageError{Err: err}
		}
	}
	return in, nil
}

// openReal builds the clients of a real console.
func (c *Common) openReal(sc *ServiceCenter, logger *slog.Logger) (*Infra, error) {
	// Errors name the URL without its user information, if any.
	u, err := url.Parse(c.LifeTimeURL)
	if err != nil {
		return nil, Usagef("-lifetime-url: not a URL: want https://host")
	}
	if u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, Usagef("-lifetime-url %q: want https://host", u.Redacted())
	}
	if u.Scheme == "http" && !c.InsecureHTTP {
		return nil, Usagef("-lifetime-url %q is plain http: give -insecure-http to send the token in clear text", u.Redacted())
	}
	token, err := Secret(EnvLifeTimeToken, c.TokenFile)
	if err != nil {
		return nil, err
	}
	opts := append(ltLogger(logger), lifetime.WithToken(token))
	if c.CAFile != "" {
		opts = append(opts, lifetime.WithCAFile(c.CAFile))
	}
	if u.Scheme == "http" {
		opts = append(opts, lifetime.WithInsecureHTTP())
	}
	lt, err := lifetime.NewClient(c.LifeTimeURL, opts...)
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	in := &Infra{LifeTime: lt, ConsoleHost: u.Hostname()}
	ltsOpts := append(ltsLogger(logger), ltservices.WithServiceAccountToken(token))
	if c.CAFile != "" {
		ltsOpts = append(ltsOpts, ltservices.WithCAFile(c.CAFile))
	}
	if u.Scheme == "http" {
		ltsOpts = append(ltsOpts, ltservices.WithInsecureHTTP())
	}
	if in.LTServices, err = ltservices.NewClient(c.LifeTimeURL, ltsOpts...); err != nil {
		return nil, &UsageError{Err: err}
	}
	if sc == nil {
		return in, nil
	}
	if sc.User == "" {
		return nil, Usagef("-servicecenter-user is required with -lifetime-url")
	}
	password, err := Secret(EnvServiceCenterPassword, sc.PasswordFile)
	if err != nil {
		return nil, err
	}
	host := sc.URL
	if host == "" {
		host = u.Scheme + "://" + u.Host
	}
	scOpts := append(scLogger(logger), servicecenter.WithCredentials(sc.User, password))
	if c.CAFile != "" {
		scOpts = append(scOpts, servicecenter.WithCAFile(c.CAFile))
	}
	if strings.HasPrefix(host, "http://") && c.InsecureHTTP {
		scOpts = append(scOpts, servicecenter.WithInsecureHTTP())
	}
	if in.ServiceCenter, err = servicecenter.NewClient(host, scOpts...); err != nil {
		return nil, &UsageError{Err: err}
	}
	if sc.URL != "" {
		if su, err := url.Parse(host); err == nil && su.Hostname() != "" {
			in.ConsoleHost = su.Hostname()
		}
	}
	return in, nil
}

// WithTimeout returns ctx bounded by -timeout, if set.
func (c *Common) WithTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	if c.Timeout > 0 {
		return context.WithTimeout(ctx, c.Timeout)
	}
	return context.WithCancel(ctx)
}

// Parse parses args into fs, turning errors into [*UsageError]s, and
// refuses stray arguments. -h gives the usage and [flag.ErrHelp].
func Parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return &UsageError{Err: err}
	}
	if fs.NArg() > 0 {
		return Usagef("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	return nil
}

// ltLogger returns the logging option of the LifeTime client: none
// without -v.
func ltLogger(l *slog.Logger) []lifetime.Option {
	if l == nil {
		return nil
	}
	return []lifetime.Option{lifetime.WithLogger(l)}
}

// scLogger returns the logging option of the Service Center client: none
// without -v.
func scLogger(l *slog.Logger) []servicecenter.Option {
	if l == nil {
		return nil
	}
	return []servicecenter.Option{servicecenter.WithLogger(l)}
}

// ltsLogger returns the logging option of the LifeTime Services client:
// none without -v.
func ltsLogger(l *slog.Logger) []ltservices.Option {
	if l == nil {
		return nil
	}
	return []ltservices.Option{ltservices.WithLogger(l)}
}
