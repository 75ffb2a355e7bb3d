#!/usr/bin/env bash
# Builds a demo plan repository from the shipped examples with three tagged review cycles, then
# writes the HTML review-cycle report and (when Chromium is installed) the screenshot the README
# shows. Usage: docs/report-demo.sh [OUT_DIR]   (default: docs/; needs `cargo build` first)
# KEEP_DEMO=DIR keeps the demo repository in DIR (it must not exist yet) instead of deleting it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(cd "${1:-$root/docs}" && pwd)"
planlint="${PLANLINT:-$root/target/debug/planlint}"
if [ -n "${KEEP_DEMO:-}" ]; then
  mkdir "$KEEP_DEMO" && demo="$(cd "$KEEP_DEMO" && pwd)"
else
  demo="$(mktemp -d)"
  trap 'rm -rf "$demo"' EXIT
fi
cp -r "$root/examples/plans" "$root/examples/planlint.toml" "$demo/"
cd "$demo"
# the paper's header: the programme and the meeting
printf '\n[report]\ntitle = "Crisis Care Concordat action plans"\nboard = "Crisis Care Partnership Board, January 2016"\n' >> planlint.toml
git init -q

# replace the first match in a plan only (GNU sed)
first() { sed -i "0,/$2/s//$3/" "plans/$1"; }
# rate PLAN K FROM TO: the K-th in-progress action rated FROM is now rated TO
rate() {
  perl -0pi -e "\$n=0; s/(status = \"in-progress\"\nrag = )\"$3\"/++\$n==$2 ? \"\$1\\\"$4\\\"\" : \$&/ge" "plans/$1.toml"
}
# complete PLAN K: the K-th in-progress green action is complete
complete() {
  perl -0pi -e "\$n=0; s/status = \"in-progress\"(\nrag = \"green\")/++\$n==$2 ? \"status = \\\"complete\\\"\$1\" : \$&/ge" "plans/$1.toml"
}
# commit and tag a review cycle on a given day
cycle() {
  git add -A
  GIT_AUTHOR_DATE="$1T17:00:00Z" GIT_COMMITTER_DATE="$1T17:00:00Z" \
    git -c user.name=Board -c user.email=board@example.org commit -qm "board $2"
  git tag "$2"
}

# report ACTION PLAN DATE TEXT: a lead's progress update, recorded as users record it
report() {
  "$planlint" update "$1" --plan "$2-crisis-care" --date "$3" --text "$4" >/dev/null 2>&1
}

# June: the plans as shipped, dated as the June board saw them (the report's window comes from
# the plans' dates, not from when they were committed), two due dates written as dates
sed -i 's/^\(date\|updated\) = 2015-11-\(24\|30\)$/\1 = 2015-06-30/' plans/*.toml
first nottinghamshire.toml 'due = "15-16"' 'due = 2015-09-30'
first bexley.toml 'due = "Q4 2015\/16"' 'due = 2015-11-30'
cycle 2015-06-30 review-2015-06

# September: ratings fall and rise, an action completes
rate pan-lancashire 1 amber red
rate bedfordshire-luton 1 amber green
rate nottinghamshire 2 green amber
complete bedfordshire-luton 3
report 1 bedfordshire-luton 2015-09-24 "Street triage pilot extended to Luton; evaluation report due in November."
report 5 nottinghamshire 2015-09-25 "Joint commissioning group met twice; a draft service specification is out for comment."
report 2.1 pan-lancashire 2015-09-28 "Section 136 suite opening hours now 24/7 at two of the three sites."
cycle 2015-09-30 review-2015-09

# December: a date slips, more falls than rises, two actions complete
first nottinghamshire.toml 'due = 2015-09-30' 'due = 2016-03-31'
rate bedfordshire-luton 1 green amber
rate bedfordshire-luton 2 amber red
rate nottinghamshire 1 green red
rate nottinghamshire 3 amber red
rate nottinghamshire 1 amber green
rate pan-lancashire 1 green amber
rate pan-lancashire 4 amber red
complete pan-lancashire 3
complete nottinghamshire 2
report 1 bedfordshire-luton 2015-12-14 "The street triage evaluation found a 40% fall in Section 136 detentions in the pilot area. Funding beyond March 2016 is not yet agreed: the CCG will decide at its January meeting, and the service stops at the end of March without it."
report 2 bedfordshire-luton 2015-12-14 "Recruitment to the crisis resolution team is behind plan: 6 of 11 posts filled; agency cover continues."
report 4 bedfordshire-luton 2015-12-15 "Training for custody staff delivered to 120 officers; the second cohort is booked for February."
report 5 nottinghamshire 2015-12-16 "The service specification was agreed by both CCGs; procurement starts in January, later than planned because the budget was confirmed late."
report 9 nottinghamshire 2015-12-16 "Crisis house in Mansfield opened on 1 December with six beds."
report 2.1 pan-lancashire 2015-12-17 "All three Section 136 suites open 24/7 since November; no person under 18 was held in police custody this quarter."
report 1.7 pan-lancashire 2015-12-17 "Data sharing agreement signed by police and the two trusts."
report 1.8 pan-lancashire 2015-12-18 "Awaiting the national guidance; no local progress this quarter."
cycle 2015-12-31 review-2015-12

"$planlint" report review-2015-09 review-2015-12 --cycles 'review-*' --format html \
  --output "$out/report.html"
echo "wrote $out/report.html"
if command -v chromium >/dev/null 2>&1; then
  profile="$(mktemp -d)"
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" --window-size=1280,1500 \
    --screenshot="$out/report.png" "file://$out/report.html" >/dev/null 2>&1
  rm -rf "$profile"
  echo "wrote $out/report.png"
fi
