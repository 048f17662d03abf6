#!/usr/bin/env bash
# The main job: build Accord and run the shipped NATO Secretary-General model end to end on
# an embedded SQLite knowledge base (the commands are in scripts/demo_commands.sh, which the
# test suite runs too): load and check the rules, derive and store the conclusions as of a
# date, print each ally's likely vote and the outcome, then explain — why Turkey waited,
# why an ally blocks, what would change it, what-if, and when the votes changed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >/dev/null
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DACCORD_BUILD_TESTS=OFF -DACCORD_BUILD_PYTHON=OFF >/dev/null
cmake --build build/release -j "$(nproc)" >/dev/null
scripts/demo_commands.sh build/release/accord build/release
cat <<'EXPLORE'

To look at the model in a browser, start the server and open the page it prints:
  build/release/accord serve rules/nato
  then open http://127.0.0.1:8181/?relation=vote&as_of=2024-06-19 (Ctrl-C stops it)
EXPLORE
