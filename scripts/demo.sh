#!/usr/bin/env bash
# The main job: build Accord and check the shipped NATO Secretary-General model.
# (Evaluation, the knowledge base and explanations arrive with the engine; until then
# the main job parses, checks and formats-checks the model.)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >/dev/null
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DACCORD_BUILD_TESTS=OFF >/dev/null
cmake --build build/release -j "$(nproc)" >/dev/null
accord=build/release/accord

echo "== accord check rules/nato"
"$accord" -v check rules/nato
echo "== accord fmt --check rules/nato/*.rules"
"$accord" fmt --check rules/nato/*.rules && echo "all files in canonical layout"
echo "== what a mistake looks like"
printf 'vote(turkey, C) = block if candidate(C) and eu_membr(C) and not assurance(C, D).\n' >build/release/typo.rules
"$accord" check rules/nato/allies.rules rules/nato/candidates.rules rules/nato/reports.rules rules/nato/votes.rules \
  build/release/typo.rules || true
