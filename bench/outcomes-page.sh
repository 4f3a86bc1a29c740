#!/usr/bin/env bash
# The real outcomes page end to end at scale, on this machine only (127.0.0.1): publishes the app in Release,
# starts it over HTTPS against the generated trust (bench/LivingBetter.Benchmarks, mode `outcomes`) on SQLite and then
# on PostgreSQL, signs in through the real forms as the benchmark's organisation administrator (password, then the
# authenticator code from oathtool), and times N sequential loads of /organisation-planning/outcomes for the whole
# trust (no breakdown, and by division) and for one division by age band: median, p95, fastest, slowest.
# Usage: bench/outcomes-page.sh [people, default 100000] [loads per report, default 20]
# Data: LB_BENCH_DATA (default /work/bench-data-scale) must hold outcomes-<people>.db, and PostgreSQL the database
# lb_outcomes_<people>, made by `dotnet run -c Release --project bench/LivingBetter.Benchmarks -- outcomes <people> --data DIR`.
# The script adds the administrator first (`--skip-load --admin --load-only`: the app's own Identity code, idempotent).
# The app writes to the generated databases while it runs (audit rows for each page read, its data-protection keys).
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${1:-100000}
LOADS=${2:-20}
DATA=${LB_BENCH_DATA:-/work/bench-data-scale}
PORT=${LB_BENCH_PORT:-5197}
WORK=$(mktemp -d /tmp/lb-outcomes-page.XXXXXX)
source bench/lib.sh
EMAIL=outcomes.admin@bench.livingbetter.example
PASSWORD=living-better-bench
KEY=N52XIY3PNVSXGLLCMVXGG2BNMFSG22LO
DIVISION=0b7c0000-0000-4000-8001-000000000002
PAGE=/organisation-planning/outcomes
for tool in curl openssl oathtool python3 psql; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install curl openssl oathtool python3 postgresql-client)" >&2; exit 1; }
done
[ -f "$DATA/outcomes-$PEOPLE.db" ] || { echo "no $DATA/outcomes-$PEOPLE.db: generate it first (see the header)" >&2; exit 1; }

machine_line
echo "==> $(date -u +%FT%TZ): $PEOPLE people, $LOADS loads per report"
echo "==> adding the benchmark administrator (idempotent)"
dotnet run -c Release --project bench/LivingBetter.Benchmarks -- outcomes "$PEOPLE" --skip-load --admin --load-only --no-duckdb --data "$DATA"
publish

# sign_in_admin: password form, then the two-factor form with the current code. A code works once, so on a refusal
# (the same 30-second step as the previous sign-in) wait for the next step and try again.
sign_in_admin() {
  local jar="$WORK/jar" token location code
  for _ in 1 2 3; do
    rm -f "$jar"
    token=$(form_token "$BASE/account/sign-in" "$jar")
    location=$(curl -ks -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" "$BASE/account/sign-in" \
      --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Input.Email=$EMAIL" --data-urlencode "Input.Password=$PASSWORD")
    case "$location" in *two-factor*) ;; *) echo "sign-in did not ask for the code (went to '$location')" >&2; return 1 ;; esac
    token=$(form_token "$location" "$jar")
    code=$(oathtool --totp -b "$KEY")
    location=$(curl -ks -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" "$location" \
      --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Input.Code=$code")
    case "$location" in *two-factor*|*sign-in*|"") sleep $((31 - $(date +%s) % 30)) ;; *) return 0 ;; esac
  done
  echo "two-factor sign-in failed" >&2; return 1
}

# app_cpu_ms: CPU time (user + system) the app's process has used so far, in milliseconds. On a shared machine this
# is the page's own cost without the waiting for a CPU that inflates wall-clock times (for PostgreSQL only the app's
# share: the database server's work is in its own processes).
app_cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$APP_PID/stat"; }

# time_page LABEL QUERY: one warm-up load, then LOADS timed loads (each must be a 200 with the report on it).
time_page() {
  local label=$1 url="$BASE$PAGE$2" times="$WORK/times" out="$WORK/page.html" status
  curl -ks -o "$out" -b "$WORK/jar" -c "$WORK/jar" "$url"
  grep -q "People counted" "$out" || { echo "$label: no report on the page; see $out" >&2; cp "$out" /tmp/outcomes-page-failed.html; return 1; }
  : > "$times"
  local cpu_before; cpu_before=$(app_cpu_ms)
  for _ in $(seq 1 "$LOADS"); do
    status=$(curl -ks -o "$out" -w '%{http_code} %{time_total}' -b "$WORK/jar" -c "$WORK/jar" "$url")
    [ "${status%% *}" = 200 ] || { echo "$label: HTTP ${status%% *}" >&2; return 1; }
    echo "${status#* }" >> "$times"
  done
  python3 - "$label" "$times" "$(stat -c %s "$out")" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(( $(app_cpu_ms) - cpu_before ))" <<'PY'
import sys
t = sorted(float(x) * 1000 for x in open(sys.argv[2]) if x.strip())
n = len(t)
p = lambda q: t[min(n - 1, int(round(n * q / 100 + 0.5)) - 1)]
print(f"| {sys.argv[1]} | {p(50):.0f} ms | {p(95):.0f} ms | {t[0]:.0f} ms | {t[-1]:.0f} ms | {int(sys.argv[5]) / n:.0f} ms | {n} | {int(sys.argv[3]) // 1024} KiB | {sys.argv[4]} |")
PY
}

run_engine() {
  local engine=$1; shift
  echo "==> $engine: starting the published app on the $PEOPLE-person database"
  start_app Demo__SeedOnFirstRun=false Logging__LogLevel__Default=Warning "$@"
  sign_in_admin
  echo
  echo "| $engine, $PEOPLE people: report | median | p95 | fastest | slowest | app CPU per load | loads | page size | load average after |"
  echo "|---|---|---|---|---|---|---|---|---|"
  time_page "whole trust, no breakdown" ""
  time_page "whole trust, by division" "?by=Division"
  time_page "one division, by age band" "?division=$DIVISION&by=AgeBand"
  echo
  stop_app
}

run_engine SQLite Database__Provider=Sqlite ConnectionStrings__Sqlite="Data Source=$DATA/outcomes-$PEOPLE.db"
run_engine PostgreSQL Database__Provider=Postgres \
  ConnectionStrings__Postgres="Host=127.0.0.1;Port=5432;Database=lb_outcomes_$PEOPLE;Username=lb;Password=lb"
load_line
