// Package reliability holds the SDK's reliability suite; it has no API.
//
// The tests in this directory drive the real clients (lifetime,
// servicecenter, lifetime/ltservices) against the simulated infrastructure
// and check properties that matter to pipelines:
//
//   - soak: 200 deployments through DeployAndWait while the simulator
//     injects 10% faults (5xx, resets before and after processing, 429 with
//     Retry-After, truncated and slow bodies); every intended deployment is
//     created exactly once, none is lost or left running, and every error
//     the SDK returned is typed and explains itself. The fault stream is
//     seeded, so a failing run can be replayed. A second run drives the
//     same soak like a naive pipeline (rerun on any error) to show that the
//     checks catch duplicated and abandoned plans.
//   - cancellation: cancelling a running deploy-and-wait aborts the plan
//     when asked to, and otherwise leaves it running and returns its key.
//   - console away: the console goes down for an upgrade in the middle of a
//     wait and comes back; the waiter survives.
//   - secret hygiene: with debug logging on, no token or password appears in
//     any log line, error string or upgrade report.
//   - TLS: an untrusted certificate and plain http are refused by default;
//     a CA bundle makes the test CA trusted; a redirect from HTTPS to plain
//     http never carries credentials.
//
// Time-dependent tests run inside testing/synctest bubbles over in-memory
// connections (internal/transport/memnet), so simulated hours of polling
// take milliseconds and nothing depends on the machine's speed. The TLS
// tests use loopback HTTPS servers. Each test prints a one-line summary of
// its counts on standard output (visible with go test -v), starting with
// its suite's name, for example
//
//	soak: 200 deployments, 10% faults, 0 lost, 0 duplicated, 0 stuck
//
// CI shows them with
//
//	go test -race -count=1 -v ./reliability | grep -E '^(soak|cancellation|console-away|secrets|tls)[ :(]'
//
// A test whose summary line would not match that pattern fails, and so
// does the package when a Test function prints no summary.
package reliability
