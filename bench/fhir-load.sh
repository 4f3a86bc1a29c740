#!/usr/bin/env bash
# Bounded FHIR workload on this machine only (127.0.0.1), PostgreSQL (issue #9, docs/PERFORMANCE.md): publishes
# the app in Release, starts it over HTTPS with the demo data, and measures with wrk at 8 and 16 connections:
# create a QuestionnaireResponse (a check-in), spread over many people (LB_FHIR_PEOPLE, default 32, registered
# through the real form; each request for the next person, see bench/fhir-people.sh), read one by id and the
# newest five by patient (_sort=-authored&_count=5), both as the demo person. The floor: in the same PostgreSQL
# database, pgbench inserts and reads the same JSON rows directly (insert, read by key, newest five by person
# from an index) with as many clients.
# Each LivingBetter run is followed at once by the floor's run of the same workload (the app stays up, idle),
# rounds repeat that, and the table gives medians and the ratio of the medians, with the range of the rounds'
# own ratios: on a shared machine a floor measured minutes apart from the app moved by up to half.
# The app runs with the sign-in throttle raised (SignInThrottle__PerIpPerWindow and __PerAccountPerWindow),
# since the script signs its people in again before each run, all from 127.0.0.1.
# Usage: bench/fhir-load.sh [seconds per run, default 8] [rounds, default 3]
#   LB_BENCH_WARMUP: unreported warm-up per workload, default 3s (0s skips); LB_BENCH_PUBLISHED: see bench/lib.sh.
SECS=${1:-8}; SECS=${SECS%s}; ROUNDS=${2:-3}
cd "$(dirname "$0")/.."
PORT=${LB_BENCH_PORT:-5198}
source bench/lib.sh
W=$WORK
export PGPASSWORD=lb
for tool in wrk curl openssl psql pgbench python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install wrk curl openssl postgresql-client python3)" >&2; exit 1; }
done

machine_line
echo "==> $(date -u +%FT%TZ), ${SECS}s a run, $ROUNDS rounds"
publish
start_postgres_for_load
# A fresh session before each cookie run (fresh_cookie in bench/lib.sh).
fresh_cookie

# The person's id and wheel from the FHIR API itself; the body is a full check-in on their scale.
source bench/fhir-people.sh
fhir_demo_check_in
echo "==> registering $FHIR_PEOPLE people for the create workload"
fhir_people register

# The floor's table, in the same database, filled with the same JSON the creates post.
psql -q -h 127.0.0.1 -U lb -d "$PG_DB" <<SQL
CREATE TABLE fhir_floor (id bigserial PRIMARY KEY, person uuid NOT NULL, authored timestamptz NOT NULL, body jsonb NOT NULL);
CREATE INDEX ON fhir_floor (person, authored DESC);
SQL
python3 - "$W/body.json" "$PERSON" > "$W/insert.sql" <<'PY'
import sys
body = open(sys.argv[1]).read().strip().replace("'", "''")
print(f"INSERT INTO fhir_floor (person, authored, body) VALUES ('{sys.argv[2]}', now(), '{body}'::jsonb);")
PY
printf '\\set k random(1, 1000)\nSELECT body FROM fhir_floor WHERE id = :k;\n' > "$W/read.sql"
echo "SELECT body FROM fhir_floor WHERE person = '$PERSON' ORDER BY authored DESC LIMIT 5;" > "$W/newest.sql"
pgbench -h 127.0.0.1 -U lb -n -c 4 -j 2 -t 250 -f "$W/insert.sql" "$PG_DB" >/dev/null

READ_URL="$BASE/fhir/QuestionnaireResponse/$ID"
NEWEST_URL="$BASE/fhir/QuestionnaireResponse?patient=$PERSON&_sort=-authored&_count=5"
RESULTS="$W/results.tsv"

# Each workload once before measuring, not reported: otherwise JIT tiering of each path and each pooled
# connection's first PostgreSQL plans fall into the first measured run (LB_BENCH_WARMUP, default 3s; 0s skips).
WARMUP=${LB_BENCH_WARMUP:-3s}
if [ "${WARMUP%s}" != 0 ]; then
  echo "==> warming up each workload for $WARMUP at 8 connections (not reported)"
  fhir_people
  wrk -t2 -c8 -d"$WARMUP" -s bench/fhir-post.lua "$BASE/fhir/QuestionnaireResponse" -- "$PEOPLE_FILE" 2 >/dev/null
  fresh_cookie
  wrk -t2 -c8 -d"$WARMUP" -H "$COOKIE" "$READ_URL" >/dev/null
  wrk -t2 -c8 -d"$WARMUP" -H "$COOKIE" "$NEWEST_URL" >/dev/null
fi

# app WORKLOAD CLIENTS [wrk arguments]: one measured wrk run of LivingBetter, appended to RESULTS; any
# error or non-2xx answer stops the benchmark.
app() {
  local workload=$1 c=$2 out; shift 2
  out=$(wrk -t2 -c"$c" -d"${SECS}s" --latency "$@")
  [[ $out == *"errors: connect 0, read 0, write 0, non-2xx/3xx 0, timeout 0"* ]] || { echo "errors in $workload:" >&2; echo "$out" >&2; exit 1; }
  echo "$out" | python3 -c '
import re, sys
t = sys.stdin.read()
p = lambda q: re.search(rf"p{q} latency: ([\d.]+)", t)[1]
print("\t".join([*sys.argv[1:4], re.search(r"= ([\d.]+) requests/s", t)[1], p(50), p(95), p(99)]))' "$workload" "$c" LivingBetter >> "$RESULTS"
}
# floor WORKLOAD CLIENTS SCRIPT: one pgbench run of the same length, latencies from its per-transaction log.
floor() {
  local workload=$1 c=$2
  rm -f "$W"/pgbench_log.*
  (cd "$W" && pgbench -h 127.0.0.1 -U lb -n -c "$c" -j 2 -T "$SECS" -l -f "$3" "$PG_DB" >/dev/null)
  cat "$W"/pgbench_log.* | python3 -c '
import sys
lat = sorted(int(l.split()[2]) for l in sys.stdin if l.strip()); n = len(lat)
p = lambda q: f"{lat[min(n - 1, int(n * q / 100))] / 1000:.2f}"
print("\t".join([*sys.argv[1:4], f"{n / float(sys.argv[4]):.1f}", p(50), p(95), p(99)]))' "$workload" "$c" floor "$SECS" >> "$RESULTS"
}
# pair WORKLOAD CLIENTS: LivingBetter, then at once the floor, printing both.
pair() {
  local workload=$1 c=$2
  case $workload in
    create)
      fhir_people
      app create "$c" -s bench/fhir-post.lua "$BASE/fhir/QuestionnaireResponse" -- "$PEOPLE_FILE" 2
      floor create "$c" "$W/insert.sql" ;;
    read)
      fresh_cookie
      app read "$c" -s bench/summary.lua -H "$COOKIE" "$READ_URL"
      floor read "$c" "$W/read.sql" ;;
    newest)
      fresh_cookie
      app newest "$c" -s bench/summary.lua -H "$COOKIE" "$NEWEST_URL"
      floor newest "$c" "$W/newest.sql" ;;
  esac
  tail -2 "$RESULTS" | awk -F'\t' '{ printf "    %-12s %s %-2s clients: %8s requests/s, p50 / p95 / p99 %s / %s / %s ms\n", $3, $1, $2, $4, $5, $6, $7 }'
}

for c in 8 16; do
  for r in $(seq 1 "$ROUNDS"); do
    echo "==> $c connections, round $r of $ROUNDS (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    for workload in create read newest; do
      pair "$workload" "$c"
    done
  done
done

echo "==> medians of $ROUNDS rounds (load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ))"
python3 - "$RESULTS" "$FHIR_PEOPLE" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    workload, clients, side, *values = line.rstrip("\n").split("\t")
    runs.setdefault((workload, int(clients)), {}).setdefault(side, []).append([float(v) for v in values])
names = {"create": f"create ({sys.argv[2]} people)", "read": "read by id", "newest": "newest five by patient"}
print("| workload | clients | LivingBetter req/s | p50 / p95 / p99 ms | pgbench floor req/s | p50 / p95 / p99 ms | ratio | rounds' ratios |")
print("|---|---:|---:|---|---:|---|---:|---|")
for (workload, clients), sides in sorted(runs.items(), key=lambda kv: (kv[0][1], list(names).index(kv[0][0]))):
    app, fl = sides["LivingBetter"], sides["floor"]
    med = lambda rows: [statistics.median(r[i] for r in rows) for i in range(4)]
    a, f = med(app), med(fl)
    each = sorted(round(x[0] / y[0]) for x, y in zip(fl, app))
    spread = f"{each[0]}×" if each[0] == each[-1] else f"{each[0]}–{each[-1]}×"
    print(f"| {names[workload]} | {clients} | {a[0]:,.1f} | {a[1]:.1f} / {a[2]:.1f} / {a[3]:.1f} | {f[0]:,.0f} | "
          f"{f[1]:.2f} / {f[2]:.2f} / {f[3]:.2f} | {f[0] / a[0]:.0f}× | {spread} |")
PY
