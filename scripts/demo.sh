#!/usr/bin/env bash
# The main job: build Accord and run the shipped NATO Secretary-General model end to end:
# check it, evaluate it as of two dates, and show each ally's likely vote and the outcome.
# (The SQLite knowledge base and `why` explanations arrive with their issues.)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >/dev/null
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DACCORD_BUILD_TESTS=OFF >/dev/null
cmake --build build/release -j "$(nproc)" >/dev/null
accord=build/release/accord

echo "== accord check rules/nato"
"$accord" -v check rules/nato
for day in 2024-04-01 2024-06-26; do
  echo
  echo "== as of $day: the votes that are not undecided"
  "$accord" query rules/nato --as-of "$day" 'vote(Ally, rutte) = Stance' | grep -v ' undecided ' || true
  echo "== as of $day: blockers and approvals"
  "$accord" query rules/nato --as-of "$day" 'blocker(Ally, Candidate)'
  "$accord" query rules/nato --as-of "$day" 'approvals(Candidate, Approving)'
done
echo
echo "== what a mistake looks like"
printf 'vote(turkey, C) = block if candidate(C) and eu_membr(C) and not assurance(C, D).\n' >build/release/typo.rules
"$accord" check rules/nato/allies.rules rules/nato/candidates.rules rules/nato/reports.rules rules/nato/votes.rules \
  build/release/typo.rules || true
