#!/usr/bin/env bash
# Regenerates docs/fhir-example-bundle.json from the demo data: starts the built app (Release) on
# 127.0.0.1 with a throw-away SQLite database and the demo seed, signs in as the demo person Alex
# and saves what "Download my plans for another service" gives. Nothing in it is hand-written.
# Usage: dotnet build src/LivingBetter.Web -c Release && tools/fhir-example.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${LB_EXAMPLE_PORT:-5297}
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d /tmp/lb-fhir-example.XXXXXX)
APP_PID=""
cleanup() { [ -n "${KEEP_LOG:-}" ] && cat "$WORK/app.log" >&2; [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

env ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="$BASE" \
  Database__Provider=Sqlite ConnectionStrings__Sqlite="Data Source=$WORK/lb.db" Demo__SeedOnFirstRun=true \
  Email__PickupDirectory="$WORK/mail" dotnet run --no-build --no-launch-profile -c Release --project src/LivingBetter.Web >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 90); do curl -sf "$BASE/health/ready" >/dev/null 2>&1 && break; sleep 1; done

jar="$WORK/jar"
token=$(curl -s -c "$jar" -b "$jar" "$BASE/account/sign-in" \
  | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | sed 's/.*value="//; s/"$//')
curl -s -o /dev/null -c "$jar" -b "$jar" "$BASE/account/sign-in" \
  --data-urlencode "__RequestVerificationToken=$token" \
  --data-urlencode "Input.Email=alex@demo.livingbetter.example" \
  --data-urlencode "Input.Password=living-better-demo"
curl -sf -b "$jar" "$BASE/my-data?handler=fhir" > "$WORK/full.json"
# Keep the example readable: the two newest check-ins (and the Observations derived from them) stand for all.
python3 - "$WORK/full.json" docs/fhir-example-bundle.json <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
qrs = [e for e in b["entry"] if e["resource"]["resourceType"] == "QuestionnaireResponse"]
keep = {e["resource"]["id"] for e in qrs[-2:]}
def kept(e):
    r = e["resource"]
    if r["resourceType"] == "QuestionnaireResponse":
        return r["id"] in keep
    if r["resourceType"] == "Observation":
        return any(d["reference"].split("/")[1] in keep for d in r.get("derivedFrom", []))
    return True
b["entry"] = [e for e in b["entry"] if kept(e)]
json.dump(b, open(sys.argv[2], "w"), indent=2, ensure_ascii=False)
PY
echo "wrote docs/fhir-example-bundle.json ($(wc -c < docs/fhir-example-bundle.json) bytes)"
