#!/usr/bin/env bash
# The main job: build Accord and run the shipped NATO Secretary-General model end to end on
# an embedded SQLite knowledge base: load and check the rules, derive and store the
# conclusions as of a date, print each ally's likely vote and the outcome, then explain —
# why an ally blocks, why the candidate is not yet appointed, what would change it, and
# when the votes changed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >/dev/null
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DACCORD_BUILD_TESTS=OFF >/dev/null
cmake --build build/release -j "$(nproc)" >/dev/null
accord=build/release/accord
kb=build/release/nato.db
day=2024-06-19
rm -f "$kb" "$kb-wal" "$kb-shm"

step() { printf '\n== %s\n' "$*"; }

step "accord load rules/nato (checked, then stored in $kb)"
"$accord" load --kb "$kb" rules/nato
step "accord run --as-of $day (conclusions stored in $kb)"
"$accord" run --kb "$kb" --as-of "$day" | tail -n 3
step "each ally's likely vote on Rutte, as of $day"
"$accord" query --kb "$kb" 'vote(Ally, rutte) = Stance'
step "the outcome"
"$accord" query --kb "$kb" 'approvals(Candidate, Approving)'
"$accord" query --kb "$kb" 'appointed(Candidate)'
step "why does Romania block?"
"$accord" why --kb "$kb" 'blocker(romania, rutte)'
step "why is Rutte not appointed yet?"
"$accord" why-not --kb "$kb" 'appointed(rutte)'
step "what would it take? (only endorsements, assurances and nominations may change)"
"$accord" needs --kb "$kb" --as-of "$day" 'appointed(rutte)' --assumable backs,assurance,nominated_by --max 1
step "what if Romania withdrew Iohannis and backed Rutte?"
"$accord" what-if --kb "$kb" --as-of "$day" --retract 'nominated_by(iohannis, romania).' --assert 'backs(romania, rutte).' 'vote(romania, C) = V'
"$accord" what-if --kb "$kb" --as-of "$day" --retract 'nominated_by(iohannis, romania).' --assert 'backs(romania, rutte).' 'appointed(C)'
step "Turkey's asks in December 2023, and when each ally's vote changed"
"$accord" query rules/nato --as-of 2023-12-15 'unmet_demand(turkey, rutte, Condition)'
"$accord" timeline --kb "$kb" 'vote(romania, rutte) = V'
"$accord" timeline --kb "$kb" 'vote(turkey, rutte) = V'
step "what a mistake looks like"
printf 'vote(turkey, C) = block if candidate(C) and eu_membr(C) and not assurance(C, D).\n' >build/release/typo.rules
"$accord" check rules/nato build/release/typo.rules || true
