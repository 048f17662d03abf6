#!/usr/bin/env bash
# The command line under Valgrind's memcheck: reads of uninitialised memory are what
# AddressSanitizer does not see. A handful of commands over the NATO model and a knowledge
# base, each of which must run with no memcheck error and no definite leak.
#   run_valgrind_smoke.sh ACCORD REPO
set -uo pipefail
accord=$1
repo=$2
if ! command -v valgrind >/dev/null; then
  echo "valgrind not installed: skipped"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
failed=0
check() {
  if valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
       --log-file="$work/valgrind.log" "$accord" "$@" >/dev/null 2>&1; [[ $? -eq 99 ]]; then
    failed=1
    echo "FAIL accord $*"
    sed 's/^/  | /' "$work/valgrind.log" | head -40
  else
    echo "ok   accord $*"
  fi
}
check check "$repo/rules/nato" "$repo/examples/access_policy"
check query "$repo/rules/nato" --as-of 2024-04-27 'holdout(A, rutte)'
check why "$repo/rules/nato" --as-of 2024-06-20 'appointed(rutte)'
check why-not "$repo/rules/nato" --as-of 2024-06-19 'appointed(rutte)' --format json
check timeline "$repo/rules/nato" 'vote(hungary, rutte) = V'
check needs "$repo/rules/nato" 'appointed(rutte)' --as-of 2024-06-19 --assumable backs,nominated_by
check load --kb "$work/kb.db" "$repo/rules/nato"
check run --kb "$work/kb.db" --as-of 2024-06-19
check assert --kb "$work/kb.db" 'backs(romania, rutte) @0.7 source "analyst".'
check run --kb "$work/kb.db" --as-of 2024-06-19
check what-if --kb "$work/kb.db" --as-of 2024-06-19 --retract 'nominated_by(iohannis, romania).' 'appointed(C)'
check export backs --kb "$work/kb.db" --format json
check check "$repo/fuzz/regressions/rules/formatter-doc-comment-inside-statement.rules"
exit $failed
