#!/usr/bin/env bash
# CPU time per request of the FHIR workload, for the app process and for the PostgreSQL backends serving its
# database: a comparison that does not depend on how busy the shared machine is (docs/PERFORMANCE.md).
# Runs an already published app (dotnet publish src/LivingBetter.Web -c Release -o DIR) on a fresh database
# with the demo data, then for create (spread over LB_FHIR_PEOPLE people, default 32, as in bench/fhir-load.sh),
# read by id and newest five by patient: a fresh sign-in, wrk at 8
# connections for 10 s, and the /proc/<pid>/stat user+system ticks consumed. Two rounds; use the second
# (the first includes JIT warm-up). 127.0.0.1 only.
# Usage: bench/fhir-cpu.sh PUBLISH_DIR [label]
set -uo pipefail
cd "$(dirname "$0")/.."
PUB=$(realpath "$1"); LABEL=${2:-run}
PORT=${LB_BENCH_PORT:-5301}; BASE="https://127.0.0.1:$PORT"; DB="lb_fhir_cpu_$$"
W=$(mktemp -d /tmp/lb-fhir-cpu.XXXXXX); export PGPASSWORD=lb
APP=""
cleanup() {
  [ -n "$APP" ] && kill "$APP" 2>/dev/null && wait "$APP" 2>/dev/null
  psql -q -h 127.0.0.1 -U lb -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$W"
}
trap cleanup EXIT
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
  -keyout "$W/key.pem" -out "$W/cert.pem" 2>/dev/null
(cd "$PUB" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$BASE" \
  Kestrel__Certificates__Default__Path="$W/cert.pem" Kestrel__Certificates__Default__KeyPath="$W/key.pem" \
  Demo__SeedOnFirstRun=true SignInThrottle__PerIpPerWindow=100000 Email__PickupDirectory="$W/mail" Logging__LogLevel__Default=Warning \
  Database__Provider=Postgres ConnectionStrings__Postgres="Host=127.0.0.1;Port=5432;Database=$DB;Username=lb;Password=lb" \
  dotnet LivingBetter.Web.dll >"$W/app.log" 2>&1) &
APP=$!
for _ in $(seq 1 120); do curl -ksf "$BASE/health/ready" >/dev/null 2>&1 && break; sleep 1; done
sign_in() {
  local jar="$W/jar" token; rm -f "$jar"
  token=$(curl -ks -c "$jar" -b "$jar" "$BASE/account/sign-in" | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | sed 's/.*value="//; s/"$//')
  curl -ks -o /dev/null -c "$jar" -b "$jar" "$BASE/account/sign-in" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Input.Email=alex@demo.livingbetter.example" --data-urlencode "Input.Password=living-better-demo"
  COOKIE="Cookie: lb.session=$(awk '$6 == "lb.session" { print $7 }' "$jar")"
}
sign_in
source bench/fhir-people.sh
fhir_demo_check_in
fhir_people register
ticks() { awk '{print $14+$15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() {
  local s=0 p
  for p in $(psql -qAt -h 127.0.0.1 -U lb -d postgres -c "SELECT pid FROM pg_stat_activity WHERE datname = '$DB'"); do s=$((s + $(ticks "$p"))); done
  echo "$s"
}
run() {
  local name=$1 a pa out b pb n; shift
  sign_in; a=$(ticks "$APP"); pa=$(pg_ticks)
  out=$("$@" -H "$COOKIE" 2>&1); b=$(ticks "$APP"); pb=$(pg_ticks)
  n=$(echo "$out" | awk '/^requests:/ {print $2}')
  echo "$out" | grep -q "non-2xx/3xx 0," || { echo "$name: errors in the run"; echo "$out" | grep errors; }
  python3 -c 'import sys; n=int(sys.argv[2]); hz=100
print(f"{sys.argv[1]:>12} {sys.argv[5]}: {n} requests, app {int(sys.argv[3])*1000/hz/n:.2f} ms CPU/request, PostgreSQL {int(sys.argv[4])*1000/hz/n:.2f} ms CPU/request")' \
    "$name" "$n" $((b - a)) $((pb - pa)) "$LABEL"
}
echo "==> $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
for round in 1 2; do
  echo "==> round $round"
  fhir_people
  run create wrk -t2 -c8 -d10s --latency -s bench/fhir-post.lua "$BASE/fhir/QuestionnaireResponse" -- "$PEOPLE_FILE" 2
  run read-by-id wrk -t2 -c8 -d10s --latency -s bench/summary.lua "$BASE/fhir/QuestionnaireResponse/$ID"
  run newest-five wrk -t2 -c8 -d10s --latency -s bench/summary.lua "$BASE/fhir/QuestionnaireResponse?patient=$PERSON&_sort=-authored&_count=5"
done
echo "==> $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
