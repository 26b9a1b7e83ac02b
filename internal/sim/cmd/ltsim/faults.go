package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/go-outsystems/outsystems/internal/sim"
)

// faultFlags collects repeated -fault flags.
type faultFlags []sim.Fault

func (f *faultFlags) String() string { return fmt.Sprintf("%d faults", len(*f)) }

// Set parses one fault: a kind, then comma-separated settings, e.g.
//
//	too_many_requests,rate=0.2,retry-after=3s
//	status,status=503,op=Deployments_Create,times=1
//	latency,latency=2s,path=/lifetimeapi/rest/v2/deployments
//	reset_after,op=Deployments_Create,times=1
func (f *faultFlags) Set(v string) error {
	parts := strings.Split(v, ",")
	fault := sim.Fault{Kind: sim.FaultKind(strings.TrimSpace(parts[0]))}
	for _, p := range parts[1:] {
		key, val, ok := strings.Cut(strings.TrimSpace(p), "=")
		if !ok {
			return fmt.Errorf("fault setting %q: want key=value", p)
		}
		var err error
		switch key {
		case "rate":
			fault.Rate, err = strconv.ParseFloat(val, 64)
		case "times":
			fault.Times, err = strconv.Atoi(val)
		case "status":
			fault.Status, err = strconv.Atoi(val)
		case "latency":
			fault.Latency, err = time.ParseDuration(val)
		case "retry-after":
			fault.RetryAfter, err = time.ParseDuration(val)
		case "op":
			fault.Operation = val
		case "method":
			fault.Method = strings.ToUpper(val)
		case "path":
			fault.PathPrefix = val
		default:
			return fmt.Errorf("fault setting %q: unknown key (rate, times, status, latency, retry-after, op, method, path)", key)
		}
		if err != nil {
			return fmt.Errorf("fault setting %q: %w", p, err)
		}
	}
	*f = append(*f, fault)
	return nil
}
