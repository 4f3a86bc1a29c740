# The people of the plans benchmarks (sourced, not run, after bench/lib.sh): bench/plans-load.sh and bench/plans-cpu.sh.

# Registers person N through the real form and gives them a crisis plan and a daily list; prints the
# line wrk needs: Cookie header, an antiforgery token, and the daily section's version.
make_person() {
  local n=$1 jar="$WORK/jar.$1" token page version
  token=$(form_token "$BASE/account/register" "$jar")
  curl -ks -o /dev/null -c "$jar" -b "$jar" "$BASE/account/register" \
    --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Input.DisplayName=Bench Person $n" \
    --data-urlencode "Input.Email=bench$n.$$@bench.livingbetter.example" \
    --data-urlencode "Input.Password=bench password $n" \
    --data-urlencode "Input.ConfirmPassword=bench password $n"
  token=$(form_token "$BASE/plans/staying-well/crisis" "$jar")
  curl -ks -o /dev/null -c "$jar" -b "$jar" "$BASE/plans/staying-well/crisis" \
    --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "BaseVersion=0" \
    --data-urlencode "F.TakeOverSigns=Not sleeping for two nights; not answering the phone; talking very fast." \
    --data-urlencode "F.Supporters[0].Name=Jo" --data-urlencode "F.Supporters[0].Relationship=Sister" \
    --data-urlencode "F.Supporters[0].Contact=07700 900$(printf %03d "$n")" --data-urlencode "F.Supporters[0].WhatIWant=Stay with me and call the crisis team" \
    --data-urlencode "F.WhatHelps=A quiet room, dim lights, peppermint tea, someone sitting with me." \
    --data-urlencode "F.WhatDoesNotHelp=Being told to calm down; crowds; bright lights." \
    --data-urlencode "F.Medicines=Sertraline 100 mg each morning" --data-urlencode "F.Allergies=Penicillin" \
    --data-urlencode "F.AtHome=Jo feeds the cat and puts the bins out."
  curl -ks -o /dev/null -c "$jar" -b "$jar" "$BASE/plans/staying-well/daily" \
    --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "BaseVersion=0" \
    --data-urlencode "F.EveryDay=Breakfast by the window"
  page=$(curl -ks -c "$jar" -b "$jar" "$BASE/plans/staying-well/daily")
  version=$(grep -o 'name="BaseVersion" value="[0-9]*"' <<<"$page" | head -1 | tr -dc '0-9')
  [ "${version:-0}" -ge 1 ] || { echo "person $n: the daily list was not saved" >&2; return 1; }
  printf '%s\t%s\t%s\n' "$(cookie_header "$jar")" "$token" "$version"
}
