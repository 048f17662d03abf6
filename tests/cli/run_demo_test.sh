#!/usr/bin/env bash
# The main job's commands (scripts/demo_commands.sh, which scripts/demo.sh runs after its
# build) against the built binary: every command succeeds, and the story it tells holds —
# what each holdout waited for, what moved it, and what it would have taken.
set -uo pipefail
accord=$1
repo=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! "$repo/scripts/demo_commands.sh" "$accord" "$work" >"$work/out" 2>&1; then
    cat "$work/out"
    echo "FAIL the main job's commands stopped with an error"
    exit 1
fi
failed=0
expect() {
    if grep -qE -- "$2" "$work/out"; then return; fi
    echo "FAIL $1: no line matches /$2/"
    failed=$((failed + 1))
}
expect "every ally's vote" '^romania +block +1$'
expect "31 approve on 2024-06-19" '^rutte +31 +0\.9$'
expect "Turkey waited on the EU partnership" '^└─ unmet\(turkey, rutte, nato_eu_partnership\)'
expect "and on neutrality, with its source" 'demand\(turkey, eu_neutrality\) +\(fact at rules/nato/turkey.rules:[0-9]+:1; confidence 0\.7; source "Bloomberg, 2024-02-13'
expect "the export condition was met: the Dutch restriction lifted" 'restricts_arms_sales\(netherlands, turkey\) +\(not in force on this date;.*valid 2019-10-11 to 2023-07-18\)'
expect "the grid shows Romania blocking Rutte" '^romania +approve +block$'
expect "Romania blocks for its own candidate" 'blocking\(romania, rutte, own_candidate\)'
expect "one holdout left" 'fails: for all ally\(A\): vote\(A, rutte\) = approve \(1 counterexample\)'
expect "needs names the holdouts' changes" '^  1\. .*assurance\(rutte, turkey, counter_terrorism\)'
expect "an arms restriction turns Turkey" '^~ vote\(turkey, rutte\) = approve +\(0\.9\) -> vote\(turkey, rutte\) = block'
expect "Romania's withdrawal makes Rutte appointable" '^\+ appointable\(rutte\)'
expect "Turkey came round on 2024-04-29" '^  2024-04-29  approve'
expect "Hungary on 2024-06-18" '^  2024-06-18  approve +until opposes\(hungary, rutte\)'
expect "the Council's decision" '^  2024-06-26  holds'
expect "Hungary blocks from 2024-03-05, Romania from 2024-03-12" '^hungary +- +holds +holds +- +-$'
expect "four votes moved between the count and the decision" '^4 changes from 2024-04-02 to 2024-06-26'
expect "a typo is caught" "hint: did you mean 'eu_member'\\?"
if [[ $failed -gt 0 ]]; then
    cat "$work/out"
    exit 1
fi
echo "the main job's commands ran and told the story"
