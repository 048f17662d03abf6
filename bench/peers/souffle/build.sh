#!/usr/bin/env bash
# Builds Soufflé (https://souffle-lang.github.io, UPL-1.0) as a peer for bench/run.sh, into a
# scratch folder outside the repository. Never part of the set-up commands: the bench runs
# without it and says so.
#
#   bench/peers/souffle/build.sh [SOURCE]
#
# SOURCE is a Soufflé checkout or bare git directory (default: $SOUFFLE_SOURCE, else the
# snapshot the tool library's `fetch github:souffle-lang/souffle` leaves in /work/.mirror).
# Built single-threaded (no OpenMP, so that both engines run on one thread), with 32-bit
# values (Soufflé's default domain), in Release. Prints the path of the `souffle` binary.
# About 7-10 minutes on 2 cores; a second call reuses the build.
set -euo pipefail
source_dir=${1:-${SOUFFLE_SOURCE:-/work/.mirror/souffle-lang+souffle/repo}}
scratch=${SOUFFLE_SCRATCH:-${TMPDIR:-/tmp}/accord-peers/souffle}
binary=$scratch/build/src/souffle
if [[ -x $binary ]]; then echo "$binary"; exit 0; fi
if [[ ! -e $source_dir ]]; then
  echo "souffle: no source at $source_dir (set SOUFFLE_SOURCE, or fetch github:souffle-lang/souffle)" >&2
  exit 2
fi

export DEBIAN_FRONTEND=noninteractive
need=()
for package in bison flex libffi-dev zlib1g-dev libsqlite3-dev libncurses-dev mcpp cmake g++ make; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || need+=("$package")
done
if ((${#need[@]})); then
  sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq >&2
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

mkdir -p "$scratch"
if [[ ! -f $scratch/src/CMakeLists.txt ]]; then
  rm -rf "$scratch/src"; mkdir -p "$scratch/src"
  if git -C "$source_dir" rev-parse --git-dir >/dev/null 2>&1; then
    # A git directory (bare or not): export its newest commit, without the history, and
    # without tests/ (Soufflé's own test suite, not built here; a snapshot may lack its
    # largest files).
    mapfile -t top < <(git -C "$source_dir" ls-tree --name-only HEAD | grep -vx tests)
    git -C "$source_dir" archive HEAD "${top[@]}" | tar -x -C "$scratch/src"
    git -C "$source_dir" rev-parse HEAD >"$scratch/src/COMMIT"
    git -C "$source_dir" describe --tags --abbrev=0 2>/dev/null >"$scratch/src/VERSION" || true
  else
    cp -a "$source_dir"/. "$scratch/src"/
  fi
fi
# SOUFFLE_GIT=OFF: no git history here, so the version is the newest tag (CMake wants digits);
# the rest as the issue measured.
cmake -S "$scratch/src" -B "$scratch/build" -DCMAKE_BUILD_TYPE=Release -DSOUFFLE_GIT=OFF -DSOUFFLE_ENABLE_TESTING=OFF \
  -DSOUFFLE_USE_OPENMP=OFF -DSOUFFLE_DOMAIN_64BIT=OFF -DSOUFFLE_USE_CURSES=OFF -DSOUFFLE_BASH_COMPLETION=OFF \
  -DPACKAGE_VERSION="$(grep -xE '[0-9.]+' "$scratch/src/VERSION" 2>/dev/null || echo 0.0)" >&2
cmake --build "$scratch/build" -j "$(nproc)" --target souffle >&2
echo "$binary"
