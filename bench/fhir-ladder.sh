#!/usr/bin/env bash
# The read-by-id ladder (issue #9, docs/PERFORMANCE.md): how far from the pgbench floor any app can get on this
# machine, one step at a time, in the same run and the same PostgreSQL database:
#   1. pgbench reading one stored FHIR answer by key (the floor of bench/fhir-load.sh);
#   2-5. bench/LivingBetter.FloorApp, a bare ASP.NET Core app over the same HTTPS: a stored answer from memory,
#        one row by key, the row plus a committed log row per request, the row plus a group-committed log row;
#   6. LivingBetter's GET /fhir/QuestionnaireResponse/{id} as the demo person (sign-in cookie, access decision,
#      hash-chained access-log entry committed before answering, FHIR JSON).
# Every rung runs once per round, rounds alternate, and the table gives medians: requests/s, p50 and p99, CPU
# per request of the app process and of the PostgreSQL backends serving it, and the ratio to the floor.
# The answer stored for rungs 1-5 is the check-in LivingBetter serves in rung 6, byte for byte. 127.0.0.1 only.
# Usage: bench/fhir-ladder.sh [seconds per run, default 5] [rounds, default 3] [connections, default 8]
SECS=${1:-5}; ROUNDS=${2:-3}; CONNS=${3:-8}
cd "$(dirname "$0")/.."
WORK=$(mktemp -d /tmp/lb-fhir-ladder.XXXXXX)
source bench/lib.sh
FLOOR_PID=""
FLOOR="https://127.0.0.1:$((PORT + 1))"
trap '[ -n "$FLOOR_PID" ] && kill "$FLOOR_PID" 2>/dev/null; cleanup' EXIT
export PGPASSWORD=lb
for tool in wrk curl openssl psql pgbench python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install wrk curl openssl postgresql-client python3)" >&2; exit 1; }
done

echo "==> machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); load average: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"
publish
echo "==> publishing the floor app (Release)"
dotnet publish bench/LivingBetter.FloorApp -c Release -o "$WORK/floor" --nologo -v quiet >/dev/null
start_app Database__Provider=Postgres ConnectionStrings__Postgres="Host=127.0.0.1;Port=5432;Database=$PG_DB;Username=lb;Password=lb" \
  SignInThrottle__PerIpPerWindow=100000 Logging__LogLevel__Default=Warning

# The demo person's check-in, created through the API and read back: the answer every rung serves.
COOKIE="Cookie: lb.session=$(sign_in)"
W=$WORK
source bench/fhir-people.sh
fhir_demo_check_in
curl -ksf -H "$COOKIE" "$BASE/fhir/QuestionnaireResponse/$ID" > "$WORK/answer.json"
echo "==> the answer: QuestionnaireResponse/$ID, $(wc -c < "$WORK/answer.json") bytes"

psql -q -h 127.0.0.1 -U lb -d "$PG_DB" -v answer="$(cat "$WORK/answer.json")" <<'SQL'
CREATE TABLE fhir_floor (id bigserial PRIMARY KEY, person uuid NOT NULL, authored timestamptz NOT NULL, body jsonb NOT NULL);
INSERT INTO fhir_floor (person, authored, body) SELECT gen_random_uuid(), now(), :'answer'::jsonb FROM generate_series(1, 1000);
CREATE TABLE fhir_floor_log (id bigserial PRIMARY KEY, at timestamptz NOT NULL, entry text NOT NULL);
SQL
printf '\\set k random(1, 1000)\nSELECT body FROM fhir_floor WHERE id = :k;\n' > "$WORK/read.sql"

(cd "$WORK/floor" && exec env ASPNETCORE_URLS="$FLOOR" FLOOR_ANSWER="$WORK/answer.json" \
  FLOOR_PG="Host=127.0.0.1;Port=5432;Database=$PG_DB;Username=lb;Password=lb" \
  Kestrel__Certificates__Default__Path="$WORK/cert.pem" Kestrel__Certificates__Default__KeyPath="$WORK/key.pem" \
  dotnet LivingBetter.FloorApp.dll >"$WORK/floor.log" 2>&1) &
FLOOR_PID=$!
for _ in $(seq 1 30); do curl -ksf "$FLOOR/answer" >/dev/null 2>&1 && break; sleep 1; done
curl -ksf "$FLOOR/row-grouped/1" >/dev/null || { echo "floor app not answering; log:" >&2; tail -20 "$WORK/floor.log" >&2; exit 1; }

ticks() { awk '{print $14+$15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# pg_ticks FILTER: CPU ticks so far of this database's client backends whose application_name matches FILTER.
pg_ticks() {
  local s=0 p
  for p in $(psql -qAt -h 127.0.0.1 -U lb -d postgres -c \
    "SELECT pid FROM pg_stat_activity WHERE datname = '$PG_DB' AND backend_type = 'client backend' AND application_name $1"); do
    s=$((s + $(ticks "$p")))
  done
  echo "$s"
}
RESULTS="$WORK/results.tsv"
# rung NAME PID PG_FILTER URL [wrk options]: a 2 s warm-up, then one measured run, appended to RESULTS.
rung() {
  local name=$1 pid=$2 filter=$3 url=$4 a pa b pb out; shift 4
  wrk -t2 -c"$CONNS" -d2s "$@" "$url" >/dev/null
  a=$(ticks "$pid"); pa=$(pg_ticks "$filter")
  out=$(wrk -t2 -c"$CONNS" -d"${SECS}s" --latency -s bench/summary.lua "$@" "$url")
  b=$(ticks "$pid"); pb=$(pg_ticks "$filter")
  [[ $out == *"errors: connect 0, read 0, write 0, non-2xx/3xx 0, timeout 0"* ]] || { echo "errors in $name:" >&2; echo "$out" >&2; exit 1; }
  echo "$out" | python3 -c '
import re, sys
t = sys.stdin.read(); name, a, b, pa, pb, hz = sys.argv[1], *map(int, sys.argv[2:7])
n = int(re.search(r"requests: (\d+)", t)[1]); rps = float(re.search(r"= ([\d.]+) requests/s", t)[1])
p = lambda q: re.search(rf"p{q} latency: ([\d.]+)", t)[1]
print(f"{name}\t{rps:.1f}\t{p(50)}\t{p(99)}\t{(b - a) * 1000 / hz / n:.3f}\t{(pb - pa) * 1000 / hz / n:.3f}")' \
    "$name" "$a" "$b" "$pa" "$pb" "$(getconf CLK_TCK)" >> "$RESULTS"
  tail -1 "$RESULTS"
}
floor_read() {
  rm -f "$WORK"/pgbench_log.*
  (cd "$WORK" && pgbench -h 127.0.0.1 -U lb -n -c "$CONNS" -j 2 -T "$SECS" -l -f "$WORK/read.sql" "$PG_DB" >/dev/null)
  cat "$WORK"/pgbench_log.* | python3 -c '
import sys
lat = sorted(int(l.split()[2]) for l in sys.stdin if l.strip()); n = len(lat)
p = lambda q: lat[min(n - 1, int(n * q / 100))] / 1000
print(f"1. pgbench: one row by key\t{n / float(sys.argv[1]):.1f}\t{p(50):.2f}\t{p(99):.2f}\t-\t-")' "$SECS" >> "$RESULTS"
  tail -1 "$RESULTS"
}

echo "==> warming up (10 s of each app)"
COOKIE="Cookie: lb.session=$(sign_in)"
wrk -t2 -c"$CONNS" -d10s -H "$COOKIE" "$BASE/fhir/QuestionnaireResponse/$ID" >/dev/null
wrk -t2 -c"$CONNS" -d10s "$FLOOR/row-grouped/1" >/dev/null
for r in $(seq 1 "$ROUNDS"); do
  echo "==> round $r of $ROUNDS, $CONNS connections, ${SECS}s a rung (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  floor_read
  rung "2. bare app: stored answer, no database" "$FLOOR_PID" "= 'lb-floor'" "$FLOOR/answer"
  rung "3. bare app: one row by key" "$FLOOR_PID" "= 'lb-floor'" "$FLOOR/row/1"
  rung "4. bare app: row + log row, one commit each" "$FLOOR_PID" "= 'lb-floor'" "$FLOOR/row-logged/1"
  rung "5. bare app: row + group-committed log row" "$FLOOR_PID" "= 'lb-floor'" "$FLOOR/row-grouped/1"
  # A fresh session each round: wrk does not take the cookie re-issued after the one-minute security-stamp check.
  COOKIE="Cookie: lb.session=$(sign_in)"
  rung "6. LivingBetter: read by id" "$APP_PID" "NOT IN ('lb-floor', 'psql', 'pgbench')" "$BASE/fhir/QuestionnaireResponse/$ID" -H "$COOKIE"
done

echo "==> medians of $ROUNDS rounds, $CONNS connections (load average $(cut -d' ' -f1-3 /proc/loadavg))"
python3 - "$RESULTS" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, *values = line.rstrip("\n").split("\t")
    rows.setdefault(name, []).append(values)
med = lambda vals: "-" if "-" in vals else statistics.median(map(float, vals))
floor = med([v[0] for v in rows["1. pgbench: one row by key"]])
print("| rung | requests/s | p50 / p99 ms | app ms CPU/request | PostgreSQL ms CPU/request | ratio to floor |")
print("|---|---:|---|---:|---:|---:|")
for name, values in rows.items():
    rps, p50, p99, app, pg = (med([v[i] for v in values]) for i in range(5))
    cpu = lambda x: x if x == "-" else f"{x:.3f}"
    print(f"| {name} | {rps:,.0f} | {p50:.2f} / {p99:.2f} | {cpu(app)} | {cpu(pg)} | {floor / rps:.1f}× |")
PY
