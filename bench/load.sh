#!/usr/bin/env bash
# Bounded load test on this machine only (127.0.0.1): publishes the app in Release, starts it over
# HTTPS with a throw-away certificate (production cookie settings), signs in as the demo person and
# runs wrk against the signed-in home page, first on SQLite, then on PostgreSQL.
# Usage: bench/load.sh [duration, default 20s] [connections, default 16] [threads, default 2]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20s}; CONNECTIONS=${2:-16}; THREADS=${3:-2}
PORT=${LB_BENCH_PORT:-5199}
BASE="https://127.0.0.1:$PORT"
WORK=$(mktemp -d /tmp/lb-bench.XXXXXX)
APP_PID=""
PG_DB="lb_bench_$$"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  PGPASSWORD=lb psql -q -h 127.0.0.1 -U lb -d postgres -c "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

missing=()
for p in wrk curl openssl postgresql; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

echo "==> publishing (Release)"
dotnet publish src/LivingBetter.Web -c Release -o "$WORK/publish" --nologo -v quiet >/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1" -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null

start_app() {
  (cd "$WORK/publish" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$BASE" \
    Kestrel__Certificates__Default__Path="$WORK/cert.pem" Kestrel__Certificates__Default__KeyPath="$WORK/key.pem" \
    Demo__SeedOnFirstRun=true Email__PickupDirectory="$WORK/mail" "$@" \
    dotnet LivingBetter.Web.dll >"$WORK/app.log" 2>&1) &
  APP_PID=$!
  for _ in $(seq 1 60); do
    curl -ksf "$BASE/health/ready" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "app did not become ready; log:" >&2; tail -20 "$WORK/app.log" >&2; return 1
}

stop_app() { kill "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; }

# Signs in through the real form (antiforgery token from the page) and prints the session cookie.
sign_in() {
  local jar="$WORK/jar" token
  rm -f "$jar"
  token=$(curl -ks -c "$jar" -b "$jar" "$BASE/account/sign-in" \
    | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | sed 's/.*value="//; s/"$//')
  [ -n "$token" ] || { echo "no antiforgery token on the sign-in page" >&2; return 1; }
  curl -ks -o /dev/null -c "$jar" -b "$jar" "$BASE/account/sign-in" \
    --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Input.Email=alex@demo.livingbetter.example" \
    --data-urlencode "Input.Password=living-better-demo"
  awk '$6 == "lb.session" { print $7 }' "$jar"
}

run() {
  local label=$1 session page
  session=$(sign_in)
  [ -n "$session" ] || { echo "$label: sign-in failed" >&2; return 1; }
  page=$(curl -ks -H "Cookie: lb.session=$session" "$BASE/")
  grep -q "Hello, Alex" <<<"$page" \
    || { echo "$label: the signed-in home page did not greet Alex" >&2; return 1; }
  echo "==> $label: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency $BASE/ (signed in as the demo person)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/summary.lua \
    -H "Cookie: lb.session=$session" "$BASE/"
}

echo "==> machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"

start_app Database__Provider=Sqlite ConnectionStrings__Sqlite="Data Source=$WORK/lb.db"
run "SQLite"
stop_app

start_app Database__Provider=Postgres ConnectionStrings__Postgres="Host=127.0.0.1;Port=5432;Database=$PG_DB;Username=lb;Password=lb"
run "PostgreSQL"
stop_app
