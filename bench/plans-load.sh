#!/usr/bin/env bash
# Bounded load on the person's plans (issue #3), on this machine only (127.0.0.1): 32 people (by
# default), each registered through the real form with their own session, write a crisis plan and a
# daily list; then wrk runs one connection per person against the plan overview, a section edit
# (POST with the antiforgery token and the section's current version, so every save succeeds) and the
# crisis plan page. Once on SQLite, once on PostgreSQL. Also prints the crisis page's first-visit
# transfer size, compressed, as a browser asks for it.
# Usage: bench/plans-load.sh [duration, default 20s] [people, default 32]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20s}; PEOPLE=${2:-32}
source bench/lib.sh
source bench/plans-people.sh

install_missing
publish

run() {
  local label=$1 people="$WORK/people.tsv" n
  echo "==> $label: registering $PEOPLE people, each with their own session, crisis plan and daily list"
  : >"$people"
  for n in $(seq 1 "$PEOPLE"); do make_person "$n" >>"$people"; done
  grep -q "crisis-plan\|Crisis plan\|crisis plan" <(curl -ks -H "Cookie: $(head -1 "$people" | cut -f1)" "$BASE/plans/staying-well/crisis") \
    || { echo "$label: the crisis plan page did not load for a signed-in person" >&2; return 1; }
  for target in "get /plans" "save /plans/staying-well/daily" "get /plans/staying-well/crisis"; do
    set -- $target
    echo "==> $label: $1 $2: wrk -t$PEOPLE -c$PEOPLE -d$DURATION --latency -s bench/plans.lua $BASE -- $1 $2 people.tsv ($(cut -d' ' -f1-3 /proc/loadavg) load average)"
    wrk -t"$PEOPLE" -c"$PEOPLE" -d"$DURATION" --latency -s bench/plans.lua "$BASE" -- "$1" "$2" "$people"
  done
}

# The crisis plan page as a browser first gets it: the page and every stylesheet, script and icon it
# links, each asked for with Accept-Encoding as Chromium sends it; the bytes on the wire, summed.
transfer_size() {
  local cookie page total=0 size url
  cookie=$(head -1 "$WORK/people.tsv" | cut -f1)
  page=$(curl -ks -H "Cookie: $cookie" "$BASE/plans/staying-well/crisis")
  echo "==> crisis page first visit, compressed (Accept-Encoding: gzip, deflate, br, zstd):"
  local urls
  urls=$(grep -oE '(href|src)="/[^"]*\.(css|js|svg|png|ico|woff2?)(\?[^"]*)?"' <<<"$page" | sed -E 's/^(href|src)="//; s/"$//' | sort -u)
  # Scripts are ES modules: add what they import, as the browser would fetch it.
  for url in $(grep '\.js' <<<"$urls"); do
    urls+=$'\n'$(curl -ks "$BASE$url" | grep -oE "from *['\"]/[^'\"]+['\"]" | sed -E "s/^from *['\"]//; s/['\"]$//")
  done
  for url in /plans/staying-well/crisis $(sort -u <<<"$urls"); do
    size=$(curl -ks -o /dev/null -w '%{size_download}' -H "Cookie: $cookie" -H 'Accept-Encoding: gzip, deflate, br, zstd' "$BASE$url")
    printf '    %8d B  %s\n' "$size" "$url"
    total=$((total + size))
  done
  printf '    %8d B  total (%.1f KB)\n' "$total" "$(echo "$total / 1024" | bc -l)"
}

machine_line

start_app Database__Provider=Sqlite ConnectionStrings__Sqlite="Data Source=$WORK/lb.db"
run "SQLite"
transfer_size
stop_app

start_app Database__Provider=Postgres ConnectionStrings__Postgres="Host=127.0.0.1;Port=5432;Database=$PG_DB;Username=lb;Password=lb"
run "PostgreSQL"
stop_app
