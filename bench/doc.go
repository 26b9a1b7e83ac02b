// Package bench holds benchmarks that span packages; it has no API.
//
// Everything runs against loopback servers (the simulated infrastructure of
// internal/sim on httptest). scripts/bench.sh runs these and the
// per-package benchmarks and prints one line per figure; BENCHMARKS.md
// records a run. The figures:
//
//   - BenchmarkInventory: all environments, their running applications and
//     every application's versions of an 8 × 1,500 infrastructure, with
//     20 ms of injected latency per request, read with bounded concurrency
//     and by a sequential client: wall time, requests, connections, and the
//     ratios to the latency bound and to the sequential client.
//   - BenchmarkWaiter: how long after a deployment completes the waiter
//     returns, and how many requests per minute it makes while waiting, at
//     the default 20 s poll interval (simulated time, sped up).
//   - BenchmarkDecodeApplications: peak and retained heap decoding a
//     50,000-application list, relative to the payload size.
package bench
