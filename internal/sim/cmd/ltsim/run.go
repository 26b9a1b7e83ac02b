package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-outsystems/outsystems/internal/sim"
)

// config is the parsed command line.
type config struct {
	scenario string
	addr     string
	tls      bool
	caFile   string
	seedFrom string
	speed    float64
	seed     uint64
	noLTS    bool
	verbose  bool
	faults   faultFlags
}

// parseFlags reads the command line.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("ltsim", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.scenario, "scenario", "default", "scenario to serve: "+strings.Join(sim.ScenarioNames(), ", "))
	fs.StringVar(&c.addr, "addr", "127.0.0.1:0", "loopback address to listen on (port 0 picks a free port)")
	fs.BoolVar(&c.tls, "tls", false, "serve HTTPS with a certificate from a generated CA")
	fs.StringVar(&c.caFile, "ca-file", "", "with -tls: file to write the CA certificate (PEM) to (default: a new file in a temporary directory)")
	fs.StringVar(&c.seedFrom, "seed-from", "", "JSON scenario file to load (see scenario_file.go); its \"base\" names the scenario it extends")
	fs.Float64Var(&c.speed, "speed", 1, "simulated seconds per real second (60 makes a 2-minute deployment take 2 seconds)")
	fs.Uint64Var(&c.seed, "seed", 1, "seed of generated keys, tokens and fault decisions")
	fs.BoolVar(&c.noLTS, "no-lts", false, "answer 404 on /LifeTimeServices/, as a console without the deprecated SOAP API")
	fs.BoolVar(&c.verbose, "v", false, "log every request to stderr")
	fs.Var(&c.faults, "fault", "inject a fault (repeatable): KIND[,rate=R][,times=N][,status=S][,latency=D][,retry-after=D][,op=OPERATION][,method=M][,path=PREFIX];\nKIND is latency, status, too_many_requests, reset_before, reset_after, truncate, malformed or slow_body")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: ltsim [flags]\nServes a simulated OutSystems LifeTime infrastructure on loopback.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c, err
		}
		return c, &usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return c, &usageError{fmt.Sprintf("unexpected arguments: %q", fs.Args())}
	}
	if c.speed <= 0 {
		return c, &usageError{"-speed must be positive"}
	}
	if c.caFile != "" && !c.tls {
		return c, &usageError{"-ca-file needs -tls"}
	}
	host, _, err := net.SplitHostPort(c.addr)
	if err != nil {
		return c, &usageError{fmt.Sprintf("-addr %q: %v", c.addr, err)}
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return c, &usageError{fmt.Sprintf("-addr %q: ltsim only listens on loopback (127.0.0.1, ::1 or localhost)", c.addr)}
	}
	return c, nil
}

// ready describes a started server.
type ready struct {
	URL    string // scheme://host:port
	Token  string
	CAFile string // "" without -tls
}

// run builds the simulator from the command line, serves it until ctx ends,
// then shuts down gracefully. onReady, when set, is called once the server
// accepts connections.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, onReady func(ready)) error {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	s, desc, err := buildSim(c, stderr)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	info := ready{URL: "http://" + ln.Addr().String(), Token: s.Token()}
	if c.tls {
		cfg, caFile, err := tlsSetup(c.caFile, ln.Addr())
		if err != nil {
			_ = ln.Close()
			return err
		}
		ln = tls.NewListener(ln, cfg)
		info.URL = "https://" + strings.TrimPrefix(info.URL, "http://")
		info.CAFile = caFile
	}

	fmt.Fprintf(stdout, "# ltsim: %s\n", desc)
	fmt.Fprintf(stdout, "LIFETIME_URL=%s\n", info.URL)
	fmt.Fprintf(stdout, "LIFETIME_API=%s/lifetimeapi/rest/v2\n", info.URL)
	fmt.Fprintf(stdout, "LIFETIME_TOKEN=%s\n", info.Token)
	if info.CAFile != "" {
		fmt.Fprintf(stdout, "LIFETIME_CA_FILE=%s\n", info.CAFile)
	}
	fmt.Fprintln(stdout, "# serving until interrupted (Ctrl-C)")

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if onReady != nil {
		onReady(info)
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(stdout, "# ltsim stopped")
	return nil
}

// buildSim creates the simulator and a one-line description of it.
func buildSim(c config, stderr io.Writer) (*sim.Sim, string, error) {
	s, desc, err := newSim(c, stderr)
	if err != nil {
		return nil, "", err
	}
	if c.noLTS {
		s.SetLTServicesEnabled(false)
		desc += ", LifeTime Services off"
	}
	for _, f := range c.faults {
		if _, err := s.InjectFault(f); err != nil {
			return nil, "", &usageError{fmt.Sprintf("-fault %s: %v", f.Kind, err)}
		}
		desc += ", fault " + string(f.Kind)
	}
	return s, desc, nil
}

// newSim creates the simulator of the scenario or the scenario file.
func newSim(c config, stderr io.Writer) (*sim.Sim, string, error) {
	opts := sim.Options{Seed: c.seed, Clock: sim.NewRealClock(c.speed)}
	if c.verbose {
		opts.Logger = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	if c.seedFrom == "" {
		s, err := sim.NewScenario(c.scenario, opts)
		if err != nil {
			return nil, "", &usageError{err.Error()}
		}
		return s, fmt.Sprintf("scenario %s, LifeTime %s", c.scenario, s.ConsoleVersion()), nil
	}
	f, err := os.Open(c.seedFrom)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	file, err := parseScenarioFile(f)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", filepath.Base(c.seedFrom), err)
	}
	s, err := file.build(opts)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", filepath.Base(c.seedFrom), err)
	}
	return s, fmt.Sprintf("scenario file %s, LifeTime %s", filepath.Base(c.seedFrom), s.ConsoleVersion()), nil
}
