#!/usr/bin/env bash
# Builds Accord and runs the whole test suite twice: with GCC and warnings as errors
# (-Wall -Wextra -Werror), then with clang under AddressSanitizer + UndefinedBehaviorSanitizer
# (warnings as errors too), where it also builds the libFuzzer targets and runs each for
# a short fixed time (scripts/fuzz.sh). Installs missing Debian packages first. This is the
# command `.ci/run` calls.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

jobs=$(nproc)
# The Python module is built for, and tested with, Debian's Python: the one its packages
# (python3-pybind11, python3-pytest, python3-pandas) are installed for, whatever is first on PATH.
python=/usr/bin/python3
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export CTEST_OUTPUT_ON_FAILURE=1

run_suite() {
  local name=$1 cc=$2 cxx=$3
  shift 3
  echo "==> [$name] configure and build"
  CC=$cc CXX=$cxx cmake -S . -B "build/$name" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DACCORD_WERROR=ON \
    -DPython3_EXECUTABLE="$python" "$@" >/dev/null
  cmake --build "build/$name" -j "$jobs"
  echo "==> [$name] test"
  ctest --test-dir "build/$name" -j "$jobs" --timeout 600
}

# Debug information is most of the compile time of template-heavy code (Spirit X3, fmt,
# nlohmann-json, CLI11) on these 2-core machines: the warnings build has none, and the
# sanitizer build is -O1 with line tables only (-g1: enough for symbolized reports).
run_suite werror gcc g++ "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -DNDEBUG"
run_suite sanitize-clang clang clang++ -DACCORD_FUZZ=ON "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG"
echo "==> [sanitize-clang] fuzz each target for ${ACCORD_FUZZ_SECONDS:=15} s"
scripts/fuzz.sh "$ACCORD_FUZZ_SECONDS" build/sanitize-clang
echo "==> all test suites passed"
