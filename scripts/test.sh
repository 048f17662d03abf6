#!/usr/bin/env bash
# Builds Accord and runs the whole test suite twice: once with warnings as errors
# (-Wall -Wextra -Werror), once under AddressSanitizer + UndefinedBehaviorSanitizer.
# Installs missing Debian packages first. This is the command `.ci/run` calls.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

jobs=$(nproc)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export CTEST_OUTPUT_ON_FAILURE=1

run_suite() {
  local name=$1
  shift
  echo "==> [$name] configure and build"
  cmake -S . -B "build/$name" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DACCORD_WERROR=ON "$@" >/dev/null
  cmake --build "build/$name" -j "$jobs"
  echo "==> [$name] test"
  ctest --test-dir "build/$name" -j "$jobs" --timeout 600
}

# Debug information is most of the compile time of template-heavy code (Spirit X3, fmt,
# nlohmann-json, CLI11) on these 2-core machines: the warnings build has none, and the
# sanitizer build is -O1 with line tables only (-g1: enough for symbolized reports).
run_suite werror "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -DNDEBUG"
run_suite sanitize -DACCORD_SANITIZE=ON "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG"
echo "==> all test suites passed"
