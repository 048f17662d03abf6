#!/usr/bin/env bash
# Fuzzes Accord with libFuzzer. Builds the targets in fuzz/ with clang (AddressSanitizer,
# UndefinedBehaviorSanitizer and coverage) unless a build directory is given, then runs
# each target for SECONDS (default 60) from a seed corpus: the repository's rule files,
# generated programs (`seed:N`), sample fact files, and every input kept in
# fuzz/regressions/. Anything found is written to BUILD_DIR/fuzz-crashes/TARGET/; keep it in
# fuzz/regressions/TARGET/ together with the fix. Exit status 1 when a target found something.
#
#   scripts/fuzz.sh [SECONDS] [BUILD_DIR]       e.g. scripts/fuzz.sh 3600 for an hour each
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
build=${2:-build/fuzz}
if [[ $# -lt 2 ]]; then
  scripts/install-deps.sh >/dev/null
  CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DACCORD_FUZZ=ON \
    -DACCORD_BUILD_TESTS=OFF "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" >/dev/null
  cmake --build "$build" -j "$(nproc)" --target rules_fuzzer fact_import_fuzzer pipeline_fuzzer >/dev/null
fi
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

seed_corpus() {
  local target=$1 corpus=$2
  rm -rf "$corpus"; mkdir -p "$corpus"
  cp fuzz/regressions/"$target"/* "$corpus"/ 2>/dev/null || true
  case $target in
    rules | pipeline)
      find rules examples tests -name '*.rules' | while read -r file; do cp "$file" "$corpus/$(echo "$file" | tr / _)"; done
      for n in $(seq 1 30); do printf 'seed:%d' "$n" >"$corpus/seed-$n"; done ;;
    fact_import) cp fuzz/corpus/fact_import/* "$corpus"/ ;;
  esac
  rm -f "$corpus/.keep"
}

status=0
for target in rules fact_import pipeline; do
  corpus="$build/fuzz-corpus/$target"
  crashes="$build/fuzz-crashes/$target"
  seed_corpus "$target" "$corpus"
  mkdir -p "$crashes"
  dict=(); [[ -f fuzz/$target.dict ]] && dict=(-dict="fuzz/$target.dict")
  echo "==> fuzzing $target for $seconds s"
  if "$build/${target}_fuzzer" "$corpus" "${dict[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -max_len=16384 -print_final_stats=1 -artifact_prefix="$crashes/" >"$build/fuzz-$target.log" 2>&1; then
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$build/fuzz-$target.log" | tr '\n' ' '; echo
    grep -E '^#[0-9]+.*DONE' "$build/fuzz-$target.log" | tail -n 1 || true
  else
    status=1
    echo "FOUND: $target — see $build/fuzz-$target.log and $crashes/"
    grep -E 'ERROR|fuzz property failed|SUMMARY' "$build/fuzz-$target.log" | head -n 5 || true
  fi
done
exit $status
