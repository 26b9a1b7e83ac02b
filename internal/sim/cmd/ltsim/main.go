// Command ltsim serves a simulated OutSystems infrastructure (LifeTime REST
// API v2, LifeTime Services SOAP and the LifeTime environment's Service
// Center) on a loopback port, so that tools in any language (curl, the
// Python outsystems-pipeline scripts, ...) can be pointed at it.
//
// Usage:
//
//	go run ./internal/sim/cmd/ltsim [-scenario default] [-addr 127.0.0.1:0] [-tls [-ca-file FILE]] [-seed-from FILE] [-speed N] [-no-lts] [-fault SPEC]... [-v]
//
// It prints the base URL, the service-account token and, with -tls, the file
// holding the certificate of the generated CA, as shell assignments:
//
//	LIFETIME_URL=http://127.0.0.1:41234
//	LIFETIME_API=http://127.0.0.1:41234/lifetimeapi/rest/v2
//	LIFETIME_TOKEN=...
//
// and serves until interrupted (SIGINT or SIGTERM), then shuts down
// gracefully. The token only opens this simulator.
//
// -fault injects faults, seeded by -seed so that a run is reproducible, for
// example to try a client's retries:
//
//	ltsim -fault too_many_requests,rate=0.3,retry-after=2s -fault reset_after,op=Deployments_Create,times=1
//
// The LifeTime Services SOAP endpoints describe themselves at
// <URL>/LifeTimeServices/<Service>.asmx?WSDL, for SOAP tooling.
//
// -no-lts makes /LifeTimeServices/ answer 404, as a console from which the
// deprecated SOAP API was removed; -v logs every request to stderr.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr, nil)
	switch {
	case errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	case errors.As(err, new(*usageError)):
		fmt.Fprintln(os.Stderr, "ltsim:", err)
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "ltsim:", err)
		os.Exit(1)
	}
}

// usageError is a problem with the command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }
