#!/usr/bin/env bash
# Prints an atom of a workload's output relation with a variable in every column
# (`path(V1, V2)`), for `why` to explain one of its facts and say how many match:
#
#   bench/any_fact.sh DATA_DIR/WORKLOAD RELATION
#
# The arity is read from the Soufflé program the generator wrote beside the rules.
set -euo pipefail
sed -n "s/^\.decl $2(\([^)]*\)).*/\1/p" "$1/program.dl" |
  awk -F, -v r="$2" '{ printf "%s(", r; for (i = 1; i <= NF; i++) printf "%sV%d", (i > 1 ? ", " : ""), i; print ")" }'
