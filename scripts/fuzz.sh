#!/usr/bin/env bash
# Runs every Go fuzz target of the module for a short fixed time each.
# Usage: scripts/fuzz.sh [fuzztime]   (default 3s; CI uses the default)
# Seed corpora live in each package's testdata/fuzz/<Target>/ and are also run
# by plain `go test` as regression cases. Minimization is off
# (-fuzzminimizetime=0): minimizing a new interesting input can take up to a
# minute and made short runs end with "context deadline exceeded"; a failing
# input is still written to testdata/fuzz for replay.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${1:-3s}
count=0
while IFS= read -r file; do
  dir=$(dirname "$file")
  for target in $(grep -oE '^func (Fuzz[A-Za-z0-9_]+)\(' "$file" | sed -E 's/^func (Fuzz[A-Za-z0-9_]+)\(/\1/'); do
    printf 'fuzz %s %s (%s)\n' "./$dir" "$target" "$fuzztime"
    go test -run='^$' -fuzz="^${target}\$" -fuzztime="$fuzztime" -fuzzminimizetime=0 "./$dir" >/tmp/fuzz-$$.log 2>&1 || {
      cat /tmp/fuzz-$$.log; rm -f /tmp/fuzz-$$.log; exit 1; }
    count=$((count + 1))
  done
done < <(git ls-files '*_test.go' | xargs grep -l '^func Fuzz' 2>/dev/null || true)
rm -f /tmp/fuzz-$$.log
echo "fuzz: $count targets, $fuzztime each, no failures"
