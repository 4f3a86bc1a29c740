# Shared by bench/fhir-load.sh, bench/fhir-cpu.sh and bench/fhir-ladder.sh (sourced, not run): the people the create workload
# writes for. Each is registered through the real form (so has their own account, record and default wheel),
# and each create in bench/fhir-post.lua goes to the next person in turn, as many people checking in at once
# would, instead of every create queueing on one person's record.
# Needs BASE and a work directory W; sets PEOPLE_FILE (one line a person: session cookie, tab, check-in JSON).
FHIR_PEOPLE=${LB_FHIR_PEOPLE:-32}
PEOPLE_FILE="$W/people.tsv"

# fhir_person_sign_in N JAR: signs bench person N in through the real form (registers them first when asked).
fhir_person_sign_in() {
  local n=$1 jar=$2 register=${3:-} token
  rm -f "$jar"
  if [ -n "$register" ]; then
    token=$(curl -ks -c "$jar" -b "$jar" "$BASE/account/register" | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
    curl -ks -o /dev/null -c "$jar" -b "$jar" "$BASE/account/register" --data-urlencode "__RequestVerificationToken=$token" \
      --data-urlencode "Input.DisplayName=FHIR Bench $n" --data-urlencode "Input.Email=fhir$n@bench.livingbetter.example" \
      --data-urlencode "Input.Password=fhir bench password $n" --data-urlencode "Input.ConfirmPassword=fhir bench password $n"
  else
    token=$(curl -ks -c "$jar" -b "$jar" "$BASE/account/sign-in" | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
    curl -ks -o /dev/null -c "$jar" -b "$jar" "$BASE/account/sign-in" --data-urlencode "__RequestVerificationToken=$token" \
      --data-urlencode "Input.Email=fhir$n@bench.livingbetter.example" --data-urlencode "Input.Password=fhir bench password $n"
  fi
  awk '$6 == "lb.session" { print "lb.session=" $7 }' "$jar"
}

# fhir_check_in_body HEADER OUT: as the person the Cookie HEADER signs in, reads their Patient and wheel from the FHIR
# API itself and writes to OUT a full check-in on their scale (every area rated 5); prints the person's id.
fhir_check_in_body() {
  local header=$1 out=$2
  curl -ksf -H "$header" "$BASE/fhir/Patient" >"$out.patient"
  curl -ksf -H "$header" "$BASE/fhir/Questionnaire" >"$out.wheel"
  python3 - "$out.wheel" "$out.patient" "$out" <<'PY'
import json, sys
q = json.load(open(sys.argv[1]))["entry"][0]["resource"]
person = json.load(open(sys.argv[2]))["entry"][0]["resource"]["id"]
with open(sys.argv[3], "w") as out:
    print(json.dumps({"resourceType": "QuestionnaireResponse", "questionnaire": q["url"], "status": "completed",
      "subject": {"reference": "Patient/" + person},
      "item": [{"linkId": i["linkId"], "answer": [{"valueInteger": 5}]} for i in q["item"]]}), file=out)
print(person)
PY
}

# fhir_demo_check_in: for the person signed in by COOKIE (a whole Cookie header), sets PERSON, writes $W/body.json
# (fhir_check_in_body) and creates one check-in from it through the API, setting ID.
fhir_demo_check_in() {
  PERSON=$(fhir_check_in_body "$COOKIE" "$W/body.json")
  ID=$(curl -ksf -H "$COOKIE" -H "Content-Type: application/fhir+json" --data-binary @"$W/body.json" "$BASE/fhir/QuestionnaireResponse" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  [ -n "$ID" ] || { echo "could not create a QuestionnaireResponse" >&2; exit 1; }
}

# fhir_people [register]: (registers and) signs in every bench person afresh (a session younger than the
# security-stamp validation interval, as for the single person) and writes PEOPLE_FILE with each one's own
# check-in body, built from their own wheel as the FHIR API describes it.
fhir_people() {
  local register=${1:-} n cookie jar="$W/people.jar"
  : >"$PEOPLE_FILE.new"
  for n in $(seq 1 "$FHIR_PEOPLE"); do
    cookie=$(fhir_person_sign_in "$n" "$jar" "$register")
    [ -n "$cookie" ] || { echo "bench person $n could not sign in" >&2; return 1; }
    if [ -n "$register" ] || [ ! -f "$W/body.$n.json" ]; then
      fhir_check_in_body "Cookie: $cookie" "$W/body.$n.json" >/dev/null
    fi
    printf '%s\t%s\n' "$cookie" "$(cat "$W/body.$n.json")" >>"$PEOPLE_FILE.new"
  done
  mv "$PEOPLE_FILE.new" "$PEOPLE_FILE"
}
