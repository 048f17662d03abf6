#!/usr/bin/env bash
# The editor support in editors/: the VS Code grammar's tests (vscode-tmgrammar-test, and
# every shipped rule file tokenised with no character left unscoped), and Vim's syntax
# file on a sample in both spellings. Usage: run_editor_tests.sh REPOSITORY
set -euo pipefail
cd "$1"
failed=0

if [[ ! -d editors/vscode/node_modules/vscode-tmgrammar-test ]]; then
  echo "editors/vscode/node_modules is missing: run scripts/install-deps.sh (npm ci in editors/vscode)" >&2
  exit 1
fi
echo "==> VS Code grammar"
(cd editors/vscode && npm test --silent) || failed=1

echo "==> Vim syntax"
results=$(mktemp)
trap 'rm -f "$results"' EXIT
ACCORD_VIM_RESULTS=$results vim -Nu NONE -i NONE -Es -S tests/editors/vim_syntax_check.vim || true
cat "$results"
if [[ ! -s $results ]] || grep -qv '^ok \|^filetype accord$' "$results"; then failed=1; fi

if ((failed)); then
  echo "editor tests: failed"
  exit 1
fi
echo "editor tests: passed"
