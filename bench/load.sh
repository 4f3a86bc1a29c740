#!/usr/bin/env bash
# Bounded load test on this machine only (127.0.0.1): publishes the app in Release, starts it over
# HTTPS with a throw-away certificate (production cookie settings), signs in as the demo person and
# runs wrk against the signed-in home page, first on SQLite, then on PostgreSQL.
# Usage: bench/load.sh [duration, default 20s] [connections, default 16] [threads, default 2]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20s}; CONNECTIONS=${2:-16}; THREADS=${3:-2}
source bench/lib.sh

install_missing
publish

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

machine_line

start_app Database__Provider=Sqlite ConnectionStrings__Sqlite="Data Source=$WORK/lb.db"
run "SQLite"
stop_app

start_app Database__Provider=Postgres ConnectionStrings__Postgres="Host=127.0.0.1;Port=5432;Database=$PG_DB;Username=lb;Password=lb"
run "PostgreSQL"
stop_app
