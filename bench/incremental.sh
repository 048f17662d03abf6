#!/usr/bin/env bash
# Incremental runs of the knowledge base against runs from scratch, side by side: one
# small change (one asserted fact) to a large knowledge base, then `accord run` (which
# reuses what the change cannot reach and writes only differing rows) versus
# `accord run --from-scratch` after the same change, on copies of the same file.
# Prints a Markdown table of median wall times and the ratio.
#
#   bench/incremental.sh            # median of 3
#   RUNS=1 SCALE=1 bench/incremental.sh
#   ACCORD=/path/to/other/accord WORK=/tmp/other bench/incremental.sh   # another build, side by side
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
scale=${SCALE:-4}   # links and members grow with it

build=build/bench
if [[ -z ${ACCORD:-} ]]; then
  scripts/install-deps.sh >/dev/null
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DACCORD_BUILD_TESTS=OFF -DACCORD_BUILD_PYTHON=OFF >/dev/null
  cmake --build "$build" -j "$(nproc)" >/dev/null
fi
accord=${ACCORD:-$(pwd)/$build/accord}
work=${WORK:-$(pwd)/$build/incremental}
rm -rf "$work" && mkdir -p "$work"

# Two parts no rule connects: reachability over `link` (a recursive closure), and an
# access policy (who can use what, and how much) over `member` and `grant`.
cat >"$work/policy.rules" <<'RULES'
relation link(from: integer, to: integer)
relation member(user: integer, team: integer)
relation grant(team: integer, resource: integer)
relation note(text: string)
reach(X, Y) if link(X, Y).
reach(X, Z) if reach(X, Y) and link(Y, Z).
can(U, R) if member(U, T) and grant(T, R).
resources(U, N) if member(U, _) and N = count { R : can(U, R) }.
RULES
awk -v n=$((100 * scale)) 'BEGIN { print "from,to"; srand(7); for (i = 0; i < n; i++) { print i "," i + 1; if (i % 10 == 0) print i "," int(rand() * n) } }' >"$work/link.csv"
awk -v n=$((5000 * scale)) 'BEGIN { print "user,team"; srand(8); for (u = 0; u < n; u++) for (k = 0; k < 2; k++) print u "," int(rand() * 200) }' >"$work/member.csv"
awk 'BEGIN { print "team,resource"; srand(9); for (t = 0; t < 200; t++) for (k = 0; k < 5; k++) print t "," int(rand() * 1000) }' >"$work/grant.csv"

base=$work/base.db
now() { date +%s.%N; }
"$accord" load --kb "$base" "$work/policy.rules" >/dev/null
t0=$(now)
for relation in link member grant; do "$accord" import --kb "$base" "$work/$relation.csv" --relation "$relation" >/dev/null; done
t1=$(now)
"$accord" run --kb "$base" --as-of 2024-01-01 >/dev/null
t2=$(now)
rows=$(sqlite3 "$base" "SELECT (SELECT count(*) FROM reach) + (SELECT count(*) FROM can) + (SELECT count(*) FROM resources)")

# seconds_of DB FLAGS...: wall time of one `accord run` on a fresh copy of DB after the change.
seconds_of() {
  local change=$1; shift
  cp "$base" "$work/copy.db"
  "$accord" assert --kb "$work/copy.db" "$change" >/dev/null
  local start end
  start=$(date +%s.%N)
  "$accord" run --kb "$work/copy.db" --as-of 2024-01-01 "$@" >"$work/run.out"
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}
median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }

echo "Knowledge base: $rows derived rows (reach, can, resources) from $(($(wc -l <"$work/link.csv") + $(wc -l <"$work/member.csv") + $(wc -l <"$work/grant.csv") - 3)) asserted facts."
awk -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN { printf "Building it: imports %.3f s, first run (writing every row) %.3f s.\n", b - a, c - b }'
echo
echo "| change | relations evaluated again | rows written | incremental s | from scratch s | scratch / incremental |"
echo "|---|---|---:|---:|---:|---:|"
for change in 'note("an unrelated remark").' 'member(1, 3).' 'grant(3, 999).' 'link(5, 7).'; do
  incremental=() scratch=()
  for ((i = 0; i < runs; i++)); do
    incremental+=("$(seconds_of "$change")")
    evaluated=$(sed -n 's/^incremental: \([0-9]* of [0-9]*\) relations.*/\1/p' "$work/run.out")
    written=$(sed -n 's/.*: \([0-9]*\) rows added, \([0-9]*\) changed, \([0-9]*\) removed/\1 + \2 + \3/p' "$work/run.out")
    scratch+=("$(seconds_of "$change" --from-scratch)")
  done
  a=$(median "${incremental[@]}") b=$(median "${scratch[@]}")
  echo "| \`$change\` | $evaluated | $written | $a | $b | $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.1f", (a > 0 ? b / a : 0) }') |"
done
echo
echo "$(date -u +%Y-%m-%d), $(nproc) cores, runs per cell: $runs (median); SCALE=$scale"
