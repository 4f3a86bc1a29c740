# Shared parts of the bounded load scripts (sourced, not run): install what is missing, publish the app,
# start and stop it over HTTPS on 127.0.0.1 with a throw-away certificate, sign in through the real form.
# The caller sets PORT and may set WORK before sourcing; cleanup runs on exit.
set -euo pipefail
PORT=${PORT:-${LB_BENCH_PORT:-5199}}
BASE="https://127.0.0.1:$PORT"
WORK=${WORK:-$(mktemp -d /tmp/lb-bench.XXXXXX)}
APP_PID=""
PG_DB="lb_bench_$$"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  PGPASSWORD=lb psql -q -h 127.0.0.1 -U lb -d postgres -c "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

install_missing() {
  local missing=() p
  for p in wrk curl openssl postgresql; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# LB_BENCH_PUBLISHED: a directory already holding `dotnet publish -c Release` output, to skip publishing.
publish() {
  if [ -n "${LB_BENCH_PUBLISHED:-}" ]; then
    cp -r "$LB_BENCH_PUBLISHED" "$WORK/publish"
  else
    echo "==> publishing (Release)"
    dotnet publish src/LivingBetter.Web -c Release -o "$WORK/publish" --nologo -v quiet >/dev/null
  fi
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1" -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
}

# start_app [Setting=value ...]: starts the published app in Production with the demo data and waits until ready.
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

start_sqlite() { start_app Database__Provider=Sqlite ConnectionStrings__Sqlite="Data Source=$WORK/lb.db"; }
start_postgres() { start_app Database__Provider=Postgres ConnectionStrings__Postgres="Host=127.0.0.1;Port=5432;Database=$PG_DB;Username=lb;Password=lb"; }
# start_postgres_for_load: on PostgreSQL, warnings only, with the sign-in throttle raised: the load scripts sign the
# same people in again and again from 127.0.0.1 (a fresh session before each run, see fresh_cookie).
start_postgres_for_load() {
  start_app Database__Provider=Postgres ConnectionStrings__Postgres="Host=127.0.0.1;Port=5432;Database=$PG_DB;Username=lb;Password=lb" \
    SignInThrottle__PerIpPerWindow=100000 SignInThrottle__PerAccountPerWindow=100000 Logging__LogLevel__Default=Warning
}

# fresh_cookie: signs the demo person in again and sets COOKIE to the whole Cookie header. wrk ignores Set-Cookie, and a
# cookie older than the security-stamp validation interval (1 minute) would make every request re-read the user,
# roles and claims and re-issue the cookie, which a real client (that keeps the cookie it is given) does not pay.
fresh_cookie() {
  local session
  session=$(sign_in)
  [ -n "$session" ] || { echo "sign-in failed" >&2; exit 1; }
  COOKIE="Cookie: lb.session=$session"
}

# form_token URL JAR: the antiforgery token of the first form on the page, with the jar's cookies.
form_token() {
  curl -ks -c "$2" -b "$2" "$1" | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'
}

# sign_in [EMAIL] [PASSWORD] [JAR]: signs in through the real form (antiforgery token from the page) and prints the session cookie.
sign_in() {
  local email=${1:-alex@demo.livingbetter.example} password=${2:-living-better-demo} jar=${3:-$WORK/jar} token
  rm -f "$jar"
  token=$(form_token "$BASE/account/sign-in" "$jar")
  [ -n "$token" ] || { echo "no antiforgery token on the sign-in page" >&2; return 1; }
  curl -ks -o /dev/null -c "$jar" -b "$jar" "$BASE/account/sign-in" \
    --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Input.Email=$email" \
    --data-urlencode "Input.Password=$password"
  awk '$6 == "lb.session" { print $7 }' "$jar"
}

# cookie_header [JAR]: every cookie in the jar (default $WORK/jar) as one Cookie header value.
cookie_header() { awk '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "${1:-$WORK/jar}"; }

machine_line() {
  echo "==> machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
}

load_line() { echo "==> load average: $(cut -d' ' -f1-3 /proc/loadavg)"; }
