#!/usr/bin/env bash
# Bounded load test of wellbeing-wheel check-ins on this machine only (127.0.0.1), on SQLite then
# PostgreSQL, signed in as the demo person (eighteen months of check-ins):
#   1. drawing the person's wheel page (GET /check-ins/progress: wheel, trends and table, server-rendered SVG);
#   2. saving a check-in through the real form (POST /check-ins/new with the page's antiforgery token and
#      cookie, every domain rated), each save answered by a redirect to the progress page.
# The wheel page is measured first, so the saves that follow do not grow the history it draws.
# Usage: bench/checkins.sh [duration, default 20s] [connections, default 8] [threads, default 2]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20s}; CONNECTIONS=${2:-8}; THREADS=${3:-2}
source bench/lib.sh

install_missing
publish

# Writes a wrk script that posts the check-in form: the domains and token come from the form itself.
post_script() {
  local cookies=$1 form=$2 body
  body=$(python3 - "$form" <<'PY'
import re, sys, urllib.parse
html = open(sys.argv[1], encoding="utf-8").read()
token = re.search(r'name="__RequestVerificationToken"[^>]*value="([^"]*)"', html).group(1)
domains = re.findall(r'name="Input\.Ratings\[(\d+)\]\.Domain" value="([^"]*)"', html)
fields = [("__RequestVerificationToken", token), ("Input.Note", "Load test check-in")]
for i, key in domains:
    fields += [(f"Input.Ratings[{i}].Domain", key), (f"Input.Ratings[{i}].Value", str(3 + int(i) % 6))]
print(urllib.parse.urlencode(fields))
PY
)
  cat >"$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.body = "$body"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "$cookies"
$(cat bench/summary.lua)
LUA
}

run() {
  local label=$1 session cookies status page
  session=$(sign_in)
  [ -n "$session" ] || { echo "$label: sign-in failed" >&2; return 1; }
  page=$(curl -ks -b "$WORK/jar" -c "$WORK/jar" "$BASE/check-ins/progress")
  grep -q 'class="lb-wheel"' <<<"$page" || { echo "$label: the progress page drew no wheel" >&2; return 1; }
  load_line
  echo "==> $label: wheel page: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency $BASE/check-ins/progress"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/summary.lua \
    -H "Cookie: lb.session=$session" "$BASE/check-ins/progress"

  curl -ks -b "$WORK/jar" -c "$WORK/jar" "$BASE/check-ins/new" >"$WORK/form.html"
  cookies=$(cookie_header)
  post_script "$cookies" "$WORK/form.html"
  status=$(curl -ks -o /dev/null -w '%{http_code} %{redirect_url}' -H "Cookie: $cookies" -H "Content-Type: application/x-www-form-urlencoded" \
    --data-binary "$(sed -n 's/^wrk.body = "\(.*\)"$/\1/p' "$WORK/post.lua")" "$BASE/check-ins/new")
  [[ $status == 302\ *check-ins/progress* ]] || { echo "$label: a check-in through the form was not saved ($status)" >&2; return 1; }
  load_line
  echo "==> $label: save a check-in: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency POST $BASE/check-ins/new"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/post.lua" "$BASE/check-ins/new"
}

machine_line
start_sqlite
run "SQLite"
stop_app
start_postgres
run "PostgreSQL"
stop_app
