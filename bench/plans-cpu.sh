#!/usr/bin/env bash
# CPU time per request of the plan overview `GET /plans` on SQLite: the app process's user+system CPU ticks
# (/proc/<pid>/stat) consumed during a bounded wrk run, divided by the requests it answered. Unlike latency,
# this does not depend on how busy the shared machine is (docs/PERFORMANCE.md). Publishes (or takes
# LB_BENCH_PUBLISHED), starts the app over HTTPS on 127.0.0.1 with the demo data, registers CONNECTIONS people
# with a crisis plan and a daily list (bench/plans-people.sh), then runs ROUNDS rounds of
# `wrk -tN -cN` (one person per connection); the first round includes JIT warm-up.
# LB_TRACE=FILE.nettrace: also sample the last round's CPU with dotnet-trace (for `dotnet-trace report FILE topN`).
# Usage: bench/plans-cpu.sh [duration, default 10s] [connections, default 4] [rounds, default 3] [path, default /plans]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10s}; CONNECTIONS=${2:-4}; ROUNDS=${3:-3}; TARGET=${4:-/plans}
source bench/lib.sh
source bench/plans-people.sh

install_missing
publish
machine_line
start_sqlite
people="$WORK/people.tsv"
: >"$people"
for n in $(seq 1 "$CONNECTIONS"); do make_person "$n" >>"$people"; done

ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
for round in $(seq 1 "$ROUNDS"); do
  tracer=""
  if [ -n "${LB_TRACE:-}" ] && [ "$round" -eq "$ROUNDS" ]; then
    PATH="$PATH:$HOME/.dotnet/tools" dotnet-trace collect -p "$APP_PID" --profile dotnet-sampled-thread-time --duration "00:00:00:${DURATION%s}" \
      -o "$LB_TRACE" >"$WORK/trace.log" 2>&1 &
    tracer=$!
    sleep 2
  fi
  before=$(ticks "$APP_PID")
  out=$(wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/plans.lua "$BASE" -- get "$TARGET" "$people")
  after=$(ticks "$APP_PID")
  requests=$(awk '/^requests:/ { print $2 }' <<<"$out")
  grep -q "non-2xx/3xx 0," <<<"$out" || { echo "round $round: errors in the run" >&2; grep errors <<<"$out" >&2; }
  python3 -c 'import sys, os
n, t = int(sys.argv[2]), int(sys.argv[3]); hz = os.sysconf("SC_CLK_TCK")
print(f"round {sys.argv[1]}: GET {sys.argv[4]}: {n} requests, app {t * 1000 / hz / n:.2f} ms CPU/request; load average {sys.argv[5]}")' \
    "$round" "$requests" $((after - before)) "$TARGET" "$(cut -d' ' -f1-3 /proc/loadavg)"
  grep -E '^p(50|95)' <<<"$out" | sed 's/^/    /'
  [ -z "$tracer" ] || wait "$tracer" || cat "$WORK/trace.log" >&2
done
stop_app
