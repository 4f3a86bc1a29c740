#!/usr/bin/env bash
# Bounded FHIR workload on this machine only (127.0.0.1), PostgreSQL: publishes the app in Release,
# starts it over HTTPS with the demo data and runs wrk at 8 and 16 connections for: create a
# QuestionnaireResponse (a check-in), spread over many people (LB_FHIR_PEOPLE, default 32, registered
# through the real form; each request for the next person, see bench/fhir-people.sh), read one by id and
# the newest five by patient (_sort=-authored&_count=5), both as the demo person. Then, in the same PostgreSQL, pgbench inserts and reads the same
# JSON rows directly (insert, read by key, newest five by person from an index) as the floor.
# The app runs with the sign-in throttle raised (SignInThrottle__PerIpPerWindow), since the script signs
# its people in again before each create run, all from 127.0.0.1.
# Usage: bench/fhir-load.sh [duration per run, default 10s]  (LB_BENCH_WARMUP: unreported warm-up per workload, default 3s)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10s}
SECONDS_ONLY=${DURATION%s}
PORT=${LB_BENCH_PORT:-5198}
BASE="https://127.0.0.1:$PORT"
WORK=$(mktemp -d /tmp/lb-fhir-bench.XXXXXX)
W=$WORK
APP_PID=""
PG_DB="lb_fhir_bench_$$"
export PGPASSWORD=lb

cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  psql -q -h 127.0.0.1 -U lb -d postgres -c "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
for tool in wrk curl openssl psql pgbench python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install wrk curl openssl postgresql-client python3)" >&2; exit 1; }
done

echo "==> machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); load average: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"
# LB_BENCH_PUBLISHED: a directory already holding `dotnet publish -c Release` output (say, of another commit), to skip publishing.
if [ -n "${LB_BENCH_PUBLISHED:-}" ]; then
  cp -r "$LB_BENCH_PUBLISHED" "$WORK/publish"
else
  echo "==> publishing (Release)"
  dotnet publish src/LivingBetter.Web -c Release -o "$WORK/publish" --nologo -v quiet >/dev/null
fi
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1" -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null

(cd "$WORK/publish" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$BASE" \
  Kestrel__Certificates__Default__Path="$WORK/cert.pem" Kestrel__Certificates__Default__KeyPath="$WORK/key.pem" \
  Demo__SeedOnFirstRun=true SignInThrottle__PerIpPerWindow=100000 Email__PickupDirectory="$WORK/mail" Logging__LogLevel__Default=Warning \
  Database__Provider=Postgres ConnectionStrings__Postgres="Host=127.0.0.1;Port=5432;Database=$PG_DB;Username=lb;Password=lb" \
  dotnet LivingBetter.Web.dll >"$WORK/app.log" 2>&1) &
APP_PID=$!
for _ in $(seq 1 90); do curl -ksf "$BASE/health/ready" >/dev/null 2>&1 && break; sleep 1; done

# A fresh session before each run: wrk ignores Set-Cookie, and a cookie older than the security-stamp
# validation interval (1 minute) would make every request re-read the user, roles and claims and re-issue
# the cookie, which a real client (that keeps the cookie it is given) does not pay.
sign_in() {
  local jar="$WORK/jar" token session
  rm -f "$jar"
  token=$(curl -ks -c "$jar" -b "$jar" "$BASE/account/sign-in" \
    | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | sed 's/.*value="//; s/"$//')
  curl -ks -o /dev/null -c "$jar" -b "$jar" "$BASE/account/sign-in" \
    --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Input.Email=alex@demo.livingbetter.example" \
    --data-urlencode "Input.Password=living-better-demo"
  session=$(awk '$6 == "lb.session" { print $7 }' "$jar")
  [ -n "$session" ] || { echo "sign-in failed" >&2; exit 1; }
  COOKIE="Cookie: lb.session=$session"
}
sign_in

# The person's id and wheel from the FHIR API itself; the body is a full check-in on their scale.
source bench/fhir-people.sh
fhir_demo_check_in
echo "==> registering $FHIR_PEOPLE people for the create workload"
fhir_people register

# Each workload once before measuring, not reported: otherwise JIT tiering of each path and each pooled
# connection's first PostgreSQL plans fall into the first measured run (LB_BENCH_WARMUP, default 3s; 0s skips).
WARMUP=${LB_BENCH_WARMUP:-3s}
if [ "${WARMUP%s}" != 0 ]; then
  echo "==> warming up each workload for $WARMUP at 8 connections (not reported)"
  fhir_people
  wrk -t2 -c8 -d"$WARMUP" -s bench/fhir-post.lua "$BASE/fhir/QuestionnaireResponse" -- "$PEOPLE_FILE" 2 >/dev/null
  sign_in
  wrk -t2 -c8 -d"$WARMUP" -H "$COOKIE" "$BASE/fhir/QuestionnaireResponse/$ID" >/dev/null
  wrk -t2 -c8 -d"$WARMUP" -H "$COOKIE" "$BASE/fhir/QuestionnaireResponse?patient=$PERSON&_sort=-authored&_count=5" >/dev/null
fi

for c in 8 16; do
  echo "==> LivingBetter create, $c connections, $FHIR_PEOPLE people in turn: POST /fhir/QuestionnaireResponse (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  fhir_people
  wrk -t2 -c"$c" -d"$DURATION" --latency -s bench/fhir-post.lua "$BASE/fhir/QuestionnaireResponse" -- "$PEOPLE_FILE" 2
  echo "==> LivingBetter read by id, $c connections: GET /fhir/QuestionnaireResponse/{id}"
  sign_in
  wrk -t2 -c"$c" -d"$DURATION" --latency -s bench/summary.lua -H "$COOKIE" "$BASE/fhir/QuestionnaireResponse/$ID"
  echo "==> LivingBetter newest five by patient, $c connections"
  sign_in
  wrk -t2 -c"$c" -d"$DURATION" --latency -s bench/summary.lua -H "$COOKIE" \
    "$BASE/fhir/QuestionnaireResponse?patient=$PERSON&_sort=-authored&_count=5"
done
kill "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null || true; APP_PID=""

# The floor: the same JSON rows straight into and out of the same PostgreSQL.
psql -q -h 127.0.0.1 -U lb -d "$PG_DB" <<SQL
CREATE TABLE fhir_floor (id bigserial PRIMARY KEY, person uuid NOT NULL, authored timestamptz NOT NULL, body jsonb NOT NULL);
CREATE INDEX ON fhir_floor (person, authored DESC);
SQL
python3 - "$WORK/body.json" "$PERSON" > "$WORK/insert.sql" <<'PY'
import sys
body = open(sys.argv[1]).read().strip().replace("'", "''")
print(f"INSERT INTO fhir_floor (person, authored, body) VALUES ('{sys.argv[2]}', now(), '{body}'::jsonb);")
PY
printf '\\set k random(1, 1000)\nSELECT body FROM fhir_floor WHERE id = :k;\n' > "$WORK/read.sql"
echo "SELECT body FROM fhir_floor WHERE person = '$PERSON' ORDER BY authored DESC LIMIT 5;" > "$WORK/newest.sql"
pgbench -h 127.0.0.1 -U lb -n -c 4 -j 2 -t 250 -f "$WORK/insert.sql" "$PG_DB" >/dev/null

floor_run() {
  local label=$1 script=$2 c=$3
  rm -f "$WORK"/pgbench_log.*
  (cd "$WORK" && pgbench -h 127.0.0.1 -U lb -n -c "$c" -j 2 -T "$SECONDS_ONLY" -l -f "$script" "$PG_DB" >/dev/null)
  echo "==> pgbench floor $label, $c clients"
  cat "$WORK"/pgbench_log.* | python3 -c '
import sys
lat = sorted(int(l.split()[2]) for l in sys.stdin if l.strip())
n = len(lat); secs = float(sys.argv[1])
p = lambda q: lat[min(n - 1, int(n * q / 100))] / 1000
print(f"requests: {n} in {secs:.1f}s = {n / secs:.1f} requests/s")
for q in (50, 95, 99): print(f"p{q} latency: {p(q):.2f} ms")' "$SECONDS_ONLY"
}
for c in 8 16; do
  echo "==> load average $(cut -d' ' -f1-3 /proc/loadavg)"
  floor_run "insert" "$WORK/insert.sql" "$c"
  floor_run "read by id" "$WORK/read.sql" "$c"
  floor_run "newest five" "$WORK/newest.sql" "$c"
done
