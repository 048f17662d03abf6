#!/usr/bin/env bash
# The installed package, used as an embedder would: `cmake --install` into a fresh prefix,
# then examples/embedding built out of tree against it twice — with find_package(Accord)
# and with pkg-config — and run on the NATO model; the Python package imported from there.
# Nothing may come from the build tree: the example's compile lines are checked for it.
#
#   run_install_test.sh BUILD_DIR REPO CXX "EXTRA FLAGS" PYTHON   (the flags a sanitizer build needs)
set -euo pipefail
build=$(cd "$1" && pwd)
repo=$(cd "$2" && pwd)
cxx=$3
flags=${4:-}
python=${5:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
failed=0
fail() {
    echo "FAIL $*"
    failed=$((failed + 1))
}

cmake --install "$build" --prefix "$prefix" >"$work/install.log"
for file in include/accord/accord.hpp include/accord/version.hpp include/accord/engine/api/model.hpp \
    lib/cmake/Accord/AccordConfig.cmake lib/cmake/Accord/AccordConfigVersion.cmake lib/pkgconfig/accord.pc \
    share/doc/accord/LICENSE; do
    [[ -e $prefix/$file ]] || fail "cmake --install did not write $file"
done
ls "$prefix"/lib/libaccord.* >/dev/null 2>&1 || fail "cmake --install wrote no lib/libaccord.*"

# The example's own output on the NATO model (as the example_embedding test expects it).
expected='romania +block \(confidence 1.00\)'
check_output() {  # NAME OUTPUT_FILE
    grep -qE "$expected" "$2" || fail "$1: the example's output lacks /$expected/"
    grep -q "31 of 32 allies approve; appointed: no" "$2" || fail "$1: the example's output lacks the count"
    grep -q "as of 2024-06-19 (model API)" "$2" || fail "$1: the example's output lacks the Model API's answer"
}

# 1. find_package(Accord 0.2) from the installed package.
cmake -S "$repo/examples/embedding" -B "$work/cmake-build" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_CXX_COMPILER="$cxx" \
    -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >"$work/configure.log" 2>&1 ||
    { cat "$work/configure.log"; fail "find_package(Accord) against the installed package"; }
if [[ ! -f $work/cmake-build/compile_commands.json ]]; then
    fail "configuring the example against the installed package wrote no compile_commands.json"
else
    if grep -qE -- "(-I|-isystem ?)($build|$repo/(dsl|engine|kb|include))" "$work/cmake-build/compile_commands.json"; then
        fail "the example's compile line names the build or source tree, not the installed headers"
    fi
    grep -q -- "$prefix/include" "$work/cmake-build/compile_commands.json" || fail "the example's compile line lacks $prefix/include"
    cmake --build "$work/cmake-build" >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "building the example with CMake"; }
    "$work/cmake-build/example_embedding" "$repo/rules/nato" 2024-06-19 >"$work/cmake.out" 2>&1 || fail "the CMake-built example failed"
    check_output "find_package" "$work/cmake.out"
fi

# A version the package does not promise to be compatible with is refused (0.x: same minor only).
mkdir -p "$work/too-new"
printf 'cmake_minimum_required(VERSION 3.21)\nproject(p LANGUAGES CXX)\nfind_package(Accord 0.9 REQUIRED)\n' >"$work/too-new/CMakeLists.txt"
if cmake -S "$work/too-new" -B "$work/too-new/build" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null 2>&1; then
    fail "find_package(Accord 0.9) accepted version $(grep -o '[0-9.]*' "$repo/include/accord/version.hpp.in" | head -1)"
fi

# 2. pkg-config, as a Makefile would use it: a plain --libs must link (libaccord is static here).
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
version=$(pkg-config --modversion accord) || fail "pkg-config does not find accord"
grep -q "VERSION $version " "$repo/CMakeLists.txt" || fail "pkg-config's version $version is not the project's"
# shellcheck disable=SC2046,SC2086  # the flags are words
if $cxx -std=c++20 $flags "$repo/examples/embedding/main.cpp" -o "$work/pkg-config-example" $(pkg-config --cflags --libs accord) \
    >"$work/pkg-config.log" 2>&1; then
    "$work/pkg-config-example" "$repo/rules/nato" 2024-06-19 >"$work/pkg-config.out" 2>&1 || fail "the pkg-config-built example failed"
    check_output "pkg-config" "$work/pkg-config.out"
else
    cat "$work/pkg-config.log"
    fail "building the example with pkg-config's flags"
fi

# 3. The Python package, from its installed place, outside the source and build trees.
site=$(find "$prefix" -type d -name site-packages | head -1)
if [[ -n $site && -d $site/accord ]]; then
    if [[ -z $flags ]]; then  # a sanitizer build's module needs its runtime preloaded: tested in the build tree
        (cd "$work" && PYTHONPATH=$site "$python" -c 'import accord, sys; sys.exit(0 if accord.__version__ and accord.Model.from_text("p(1).").query("p(X)")[0]["X"] == 1 else 1)') ||
            fail "the installed Python package does not import and answer"
    fi
else
    fail "cmake --install wrote no Python package under site-packages"
fi

if ((failed)); then exit 1; fi
echo "install: headers, library, CMake package, pkg-config file and Python package work from $prefix"
