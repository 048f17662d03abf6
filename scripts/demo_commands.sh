#!/usr/bin/env bash
# The story the main job tells (scripts/demo.sh runs it after building; the test suite runs
# it against the built binary): the NATO Secretary-General model loaded into a knowledge
# base, each ally's vote derived from its conditions, and the explanations — why Turkey
# waited, why Romania blocks, what it would have taken, what-if, and when votes changed.
#
#   scripts/demo_commands.sh ACCORD WORKDIR
set -euo pipefail
accord=$1
work=$2
kb=$work/nato.db
day=2024-06-19
cd "$(dirname "$0")/.."
mkdir -p "$work"
rm -f "$kb" "$kb-wal" "$kb-shm"

step() { printf '\n== %s\n' "$*"; }

step "accord load rules/nato (checked, then stored in $kb)"
"$accord" load --kb "$kb" rules/nato
step "accord run --as-of $day (conclusions stored in $kb)"
"$accord" run --kb "$kb" --as-of "$day" | tail -n 4
step "each ally's likely vote on Rutte, as of $day"
"$accord" query --kb "$kb" 'vote(Ally, rutte) = Stance'
step "the outcome"
"$accord" query --kb "$kb" 'approvals(Candidate, Approving)'
"$accord" query --kb "$kb" 'appointable(Candidate)'
step "why did Turkey wait in February 2024? Every condition it was waiting on..."
"$accord" why rules/nato --as-of 2024-02-22 --all --depth 2 'vote(turkey, rutte) = undecided'
step "...and the one already met: no ally restricted arms sales to Turkey any more"
"$accord" why rules/nato --as-of 2024-02-22 --depth 1 'met(rutte, turkey, no_export_restrictions)'
step "why does Romania block on $day?"
"$accord" why --kb "$kb" 'blocker(romania, rutte)'
step "why is Rutte not appointable yet?"
"$accord" why-not --kb "$kb" 'appointable(rutte)'
step "what would it have taken on 2024-04-02, with four holdouts? (reference data and demands stay as reported)"
"$accord" needs rules/nato --as-of 2024-04-02 'appointable(rutte)' --max-changes 10 --max 1
step "what if the Netherlands restricted arms sales to Turkey again?"
"$accord" what-if --kb "$kb" --as-of 2024-06-20 --assert 'restricts_arms_sales(netherlands, turkey).' 'vote(turkey, rutte) = V'
step "what if Romania withdrew Iohannis and backed Rutte?"
"$accord" what-if --kb "$kb" --as-of "$day" --retract 'nominated_by(iohannis, romania).' --assert 'backs(romania, rutte).' 'appointable(C)'
step "every ally's vote as a grid, and as a picture for a report"
"$accord" grid --kb "$kb" vote --as-of "$day"
"$accord" grid --kb "$kb" vote --as-of "$day" --format svg >"$work/votes.svg"
echo "wrote $work/votes.svg"
step "when the holdouts' votes changed"
"$accord" timeline --kb "$kb" 'vote(turkey, rutte) = V'
"$accord" timeline --kb "$kb" 'vote(hungary, rutte) = V'
"$accord" timeline --kb "$kb" 'appointed(C)'
step "who blocked, on each date that changed it, and every vote that moved from the count of 2024-04-02 to the decision"
"$accord" query --kb "$kb" 'blocker(Ally, rutte)' --over 2024-03-01..2024-06-30
"$accord" diff --kb "$kb" 'vote(Ally, rutte) = Stance' --as-of 2024-04-02 --to 2024-06-26
step "what a mistake looks like"
printf 'vote(turkey, C) = block if candidate(C) and eu_membr(C) and not assurance(C, turkey, _).\n' >"$work/typo.rules"
"$accord" check rules/nato "$work/typo.rules" || true
