#!/usr/bin/env bash
# What an API token costs against the session cookie on the same FHIR reads (ADR 0013, amended 2026-12-07;
# docs/PERFORMANCE.md), on this machine only (127.0.0.1), PostgreSQL: publishes the app in Release, starts it over
# HTTPS with the demo data, signs the demo person in, makes a read-only API token for them through the real page,
# and then alternates wrk runs of the same read, once with the session cookie and once with the token, in pairs,
# for read by id and for newest five by patient. Alternating on one app keeps both sides on the same machine state.
# Prints each pair and the medians.
# Usage: bench/fhir-auth.sh [seconds per run, default 5] [pairs, default 5] [connections, default 8]
#   LB_BENCH_WARMUP: unreported warm-up of each side, default 5s; LB_BENCH_PUBLISHED: see bench/lib.sh.
SECS=${1:-5}; SECS=${SECS%s}; PAIRS=${2:-5}; CONNS=${3:-8}
cd "$(dirname "$0")/.."
PORT=${LB_BENCH_PORT:-5197}
source bench/lib.sh
W=$WORK
for tool in wrk curl openssl python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install wrk curl openssl python3)" >&2; exit 1; }
done

machine_line
echo "==> $(date -u +%FT%TZ), ${SECS}s a run, $PAIRS pairs, $CONNS connections"
publish
start_postgres_for_load
# A fresh session before each cookie run (fresh_cookie in bench/lib.sh).
fresh_cookie
source bench/fhir-people.sh
fhir_demo_check_in

# A read-only token, made on the page as the person would.
token=$(form_token "$BASE/account/api-tokens" "$WORK/jar")
SECRET=$(curl -ks -c "$WORK/jar" -b "$WORK/jar" "$BASE/account/api-tokens" --data-urlencode "__RequestVerificationToken=$token" \
  --data-urlencode "Input.Name=bench" --data-urlencode "Input.Access=Read" --data-urlencode "Input.LifetimeDays=7" \
  --data-urlencode "Input.Parts=CrisisPlan" --data-urlencode "Input.Parts=StayingWellPlan" \
  --data-urlencode "Input.Parts=WellbeingPlan" --data-urlencode "Input.Parts=CheckIns" \
  | grep -o 'id="token-secret"[^>]*>[^<]*' | sed 's/.*>//')
[[ $SECRET == lbt_* ]] || { echo "no token made" >&2; exit 1; }
BEARER="Authorization: Bearer $SECRET"

READ_URL="$BASE/fhir/QuestionnaireResponse/$ID"
NEWEST_URL="$BASE/fhir/QuestionnaireResponse?patient=$PERSON&_sort=-authored&_count=5"
RESULTS="$W/results.tsv"
# Both sides must answer the same: the same resource, with no error.
[ "$(curl -ksf -H "$COOKIE" "$READ_URL")" = "$(curl -ksf -H "$BEARER" "$READ_URL")" ] \
  || { echo "the cookie and the token read different answers" >&2; exit 1; }

# run WORKLOAD SIDE URL HEADER: one measured wrk run, appended to RESULTS; any error or non-2xx stops the benchmark.
run() {
  local out
  out=$(wrk -t2 -c"$CONNS" -d"${SECS}s" --latency -s bench/summary.lua -H "$4" "$3")
  [[ $out == *"errors: connect 0, read 0, write 0, non-2xx/3xx 0, timeout 0"* ]] || { echo "errors in $1 $2:" >&2; echo "$out" >&2; exit 1; }
  echo "$out" | python3 -c '
import re, sys
t = sys.stdin.read()
print("\t".join([*sys.argv[1:3], re.search(r"= ([\d.]+) requests/s", t)[1], re.search(r"p50 latency: ([\d.]+)", t)[1]]))' "$1" "$2" >> "$RESULTS"
  tail -1 "$RESULTS" | awk -F'\t' '{ printf "    %-7s %-7s %9s requests/s, p50 %s ms\n", $1, $2, $3, $4 }'
}

WARMUP=${LB_BENCH_WARMUP:-5s}
echo "==> warming up each side for $WARMUP (not reported)"
for url in "$READ_URL" "$NEWEST_URL"; do
  fresh_cookie
  wrk -t2 -c"$CONNS" -d"$WARMUP" -H "$COOKIE" "$url" >/dev/null
  wrk -t2 -c"$CONNS" -d"$WARMUP" -H "$BEARER" "$url" >/dev/null
done

for p in $(seq 1 "$PAIRS"); do
  echo "==> pair $p of $PAIRS (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  for workload in read newest; do
    url=$READ_URL; [ "$workload" = newest ] && url=$NEWEST_URL
    fresh_cookie
    # Alternate which side goes first, so neither always runs on a machine the other has just warmed.
    if [ $((p % 2)) -eq 1 ]; then
      run "$workload" cookie "$url" "$COOKIE"; run "$workload" token "$url" "$BEARER"
    else
      run "$workload" token "$url" "$BEARER"; run "$workload" cookie "$url" "$COOKIE"
    fi
  done
done

echo "==> medians of $PAIRS pairs (load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ))"
python3 - "$RESULTS" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    workload, side, rps, p50 = line.split("\t")
    runs.setdefault(workload, {}).setdefault(side, []).append((float(rps), float(p50)))
names = {"read": "read by id", "newest": "newest five by patient"}
print("| workload | session cookie req/s (p50 ms) | API token req/s (p50 ms) | token / cookie | pairs the token won |")
print("|---|---:|---:|---:|---:|")
for workload in ("read", "newest"):
    c, t = runs[workload]["cookie"], runs[workload]["token"]
    mc, mt = statistics.median(r for r, _ in c), statistics.median(r for r, _ in t)
    pc, pt = statistics.median(p for _, p in c), statistics.median(p for _, p in t)
    won = sum(1 for a, b in zip(c, t) if b[0] > a[0])
    print(f"| {names[workload]} | {mc:,.0f} ({pc:.1f}) | {mt:,.0f} ({pt:.1f}) | {mt / mc:.2f} | {won} of {len(c)} |")
PY
