#!/usr/bin/env bash
# Runs the SDK's performance benchmarks against loopback servers and prints
# one line per figure: "<figure> <value> <unit>". BENCHMARKS.md records a run.
#
# Usage: scripts/bench.sh [regexp]   (only the figures whose name matches)
#
# Takes about two minutes on 2 cores, most of it the sequential inventory
# client (1,509 requests × 20 ms of injected latency).
set -euo pipefail
cd "$(dirname "$0")/.."
only=${1:-.}

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'); $(go version | cut -d' ' -f3-); $(nproc) CPUs; $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')"

# figure name | package | benchmark | -benchtime
benches=(
  "call-overhead|./lifetime|TypedCallVsRawHTTP|2000x"
  "inventory|./bench|Inventory|1x"
  "soap-sequential|./servicecenter|SequentialCalls|100x"
  "waiter|./bench|Waiter|10x"
  "decode-50k-apps|./bench|DecodeApplications|3x"
)
for b in "${benches[@]}"; do
  IFS='|' read -r name pkg bench benchtime <<<"$b"
  [[ $name =~ $only ]] || continue
  out=$(go test -run '^$' -bench "^Benchmark${bench}\$" -benchtime "$benchtime" -count 1 "$pkg") || {
    echo "$out"; exit 1; }
  # A result line: BenchmarkName[/sub]-P  N  v1 u1  v2 u2 ...
  grep -E "^Benchmark${bench}" <<<"$out" | awk -v fig="$name" '{
    sub(/-[0-9]+$/, "", $1); sub(/^Benchmark[^\/]*/, "", $1); sub(/^\//, "", $1)
    prefix = fig; if ($1 != "") prefix = fig "/" $1
    for (i = 3; i < NF; i += 2) {
      unit = $(i+1)
      if (unit == "ns/op" || unit == "B/op" || unit == "allocs/op") continue  # per iteration, not per figure
      printf "%s %s %s\n", prefix, $i, unit
    }
  }'
done
