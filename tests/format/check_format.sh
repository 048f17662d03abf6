#!/usr/bin/env bash
# Checks that every C++ file of the project is laid out as .clang-format says, with the
# clang-format of Debian 12 (14: another version lays some lines out differently).
# Usage: tests/format/check_format.sh REPO_ROOT. Prints each file that differs (and how),
# exits 1 if any does. To fix: clang-format-14 -i FILE...
set -euo pipefail
root=${1:?usage: check_format.sh REPO_ROOT}
cd "$root"
formatter=$(command -v clang-format-14 || true)
if [[ -z $formatter ]]; then
  echo "check_format: clang-format-14 is not installed (scripts/install-deps.sh installs it)" >&2
  exit 1
fi
mapfile -t files < <(find bench cli dsl engine examples fuzz kb python server tests -name '*.cpp' -o -name '*.hpp' | sort)
if "$formatter" --dry-run --Werror "${files[@]}"; then
  echo "check_format: ${#files[@]} files laid out as .clang-format says"
else
  echo "check_format: the files above are not laid out as .clang-format says (clang-format-14 -i FILE...)" >&2
  exit 1
fi
