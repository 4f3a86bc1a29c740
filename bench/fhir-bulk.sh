#!/usr/bin/env bash
# FHIR bulk export benchmark (issue #9), on this machine only (127.0.0.1), PostgreSQL: publishes the app in
# Release, starts it over HTTPS on a fresh database with the demo data, adds N made-up people (plans,
# check-ins, consents) to the demo organisation's first team with binary COPY, then signs in as the demo
# administrator and runs $export through the app's real background worker, downloads every NDJSON file,
# and reports throughput and the app's peak memory (VmHWM).
# Usage: bench/fhir-bulk.sh [people, default 100000]
# Keeps nothing in git: the database is dropped at the end (LB_BENCH_KEEP=1 keeps it); the published app
# and logs go to ${LB_BENCH_DATA:-/work/bench-data-fhir}.
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${1:-100000}
PORT=${LB_BENCH_PORT:-5199}
BASE="https://127.0.0.1:$PORT"
DATA=${LB_BENCH_DATA:-/work/bench-data-fhir}
PG_DB="lb_fhir_bulk_$PEOPLE"
PG="Host=127.0.0.1;Port=5432;Username=lb;Password=lb"
export PGPASSWORD=lb
APP_PID=""
mkdir -p "$DATA"

cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ "${LB_BENCH_KEEP:-0}" = 1 ] || psql -q -h 127.0.0.1 -U lb -d postgres -c "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "==> machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); load average: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"
echo "==> publishing (Release)"
dotnet publish src/LivingBetter.Web -c Release -o "$DATA/publish" --nologo -v quiet >/dev/null
dotnet build bench/LivingBetter.Benchmarks -c Release --nologo -v quiet >/dev/null
[ -f "$DATA/cert.pem" ] || openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1" -keyout "$DATA/key.pem" -out "$DATA/cert.pem" 2>/dev/null
psql -q -h 127.0.0.1 -U lb -d postgres -c "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE)" >/dev/null

start_app() {
  (cd "$DATA/publish" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$BASE" \
    Kestrel__Certificates__Default__Path="$DATA/cert.pem" Kestrel__Certificates__Default__KeyPath="$DATA/key.pem" \
    Demo__SeedOnFirstRun=true Email__PickupDirectory="$DATA/mail" Logging__LogLevel__Default=Warning \
    Database__Provider=Postgres ConnectionStrings__Postgres="$PG;Database=$PG_DB" \
    dotnet LivingBetter.Web.dll >>"$DATA/app.log" 2>&1) &
  APP_PID=$!
  for _ in $(seq 1 120); do curl -ksf "$BASE/health/ready" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "the app did not start; see $DATA/app.log" >&2; exit 1
}

echo "==> creating the database and the demo data"
start_app
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""

echo "==> loading $PEOPLE people (PostgreSQL binary COPY)"
dotnet bench/LivingBetter.Benchmarks/bin/Release/net10.0/LivingBetter.Benchmarks.dll fhir-bulk load "$PEOPLE" "$PG;Database=$PG_DB;Command Timeout=0"
psql -qAt -h 127.0.0.1 -U lb -d "$PG_DB" -c "SELECT 'database size: ' || pg_size_pretty(pg_database_size(current_database()))"

echo "==> exporting (fresh app process; load average $(cut -d' ' -f1-3 /proc/loadavg))"
start_app
dotnet bench/LivingBetter.Benchmarks/bin/Release/net10.0/LivingBetter.Benchmarks.dll fhir-bulk export "$BASE"
echo "==> app peak memory: $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/"$APP_PID"/status) (VmHWM), now $(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' /proc/"$APP_PID"/status); load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"
psql -qAt -h 127.0.0.1 -U lb -d "$PG_DB" -c "SELECT 'export files in the database: ' || pg_size_pretty(sum(length(\"Content\"))::bigint) FROM \"FhirExportFile\""
