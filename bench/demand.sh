#!/usr/bin/env bash
# Goal-directed queries: a query with constants evaluated for what it needs (Accord's
# default for `accord query` of one atom; Soufflé's --magic-transform) against the whole
# program (`accord query --all-rules`; Soufflé without the transform), side by side.
# Same generation on a full binary tree (DEPTH 15: 32,767 nodes), asked for one node's
# generation and for one pair of leaves. The whole relation has about 358M pairs: the
# whole program runs into Accord's fact limit, or into the TIMEOUT.
# Prints a Markdown table of median wall time and peak memory.
#
#   bench/demand.sh                 # median of 3
#   RUNS=1 DEPTH=12 bench/demand.sh
#   SOUFFLE=/path/to/souffle bench/demand.sh   # default: bench/peers/souffle/build.sh's, if built
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
depth=${DEPTH:-15}
timeout_seconds=${TIMEOUT:-120}

build=build/bench
if [[ -z ${ACCORD:-} ]]; then
  scripts/install-deps.sh >/dev/null
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DACCORD_BUILD_TESTS=OFF -DACCORD_BUILD_PYTHON=OFF >/dev/null
  cmake --build "$build" -j "$(nproc)" --target accord accord_bench_data >/dev/null
fi
accord=${ACCORD:-$(pwd)/$build/accord}
souffle=${SOUFFLE:-${TMPDIR:-/tmp}/accord-peers/souffle/build/src/souffle}
[[ -x $souffle ]] || { echo "Soufflé: not built (bench/peers/souffle/build.sh builds it); its columns show -" >&2; souffle=""; }
work=${WORK:-$(pwd)/$build/demand}
rm -rf "$work" && mkdir -p "$work"

# Node i's parent is (i - 1) / 2; the first leaf and the last are of one generation.
nodes=$(((1 << depth) - 1))
first_leaf=$(((1 << (depth - 1)) - 1))
last_leaf=$((nodes - 1))
awk -v n="$nodes" 'BEGIN { print "child,parent"; for (i = 1; i < n; i++) print i "," int((i - 1) / 2) }' >"$work/parent.csv"
tail -n +2 "$work/parent.csv" | tr ',' '\t' >"$work/parent.facts"
cat >"$work/sg.rules" <<'RULES'
relation parent(child: integer, parent: integer)
sg(X, Y) if parent(X, P) and parent(Y, P) and X != Y.
sg(X, Y) if parent(X, A) and sg(A, B) and parent(Y, B).
RULES
# souffle_program QUERY-BODY: the same rules, and the query as an output relation.
souffle_program() {
  cat <<DL
.decl parent(c: number, p: number)
.input parent
.decl sg(x: number, y: number)
sg(X, Y) :- parent(X, P), parent(Y, P), X != Y.
sg(X, Y) :- parent(X, A), sg(A, B), parent(Y, B).
.decl answer(y: number)
answer(Y) :- $1.
.output answer(IO=stdout)
DL
}
souffle_program "sg($first_leaf, Y)" >"$work/node.dl"
souffle_program "sg($first_leaf, $last_leaf), Y = 1" >"$work/pair.dl"

# measure CMD...: runs CMD $runs times in $work; prints "median_seconds peak_mb rows", or
# "timeout - -", or "error seconds peak_mb" (its error message in $work/error).
measure() {
  if [[ $1 == - ]]; then echo "- - -"; return; fi
  local times=() mems=() rows=""
  for ((i = 0; i < runs; i++)); do
    local status=0
    (cd "$work" && /usr/bin/time -f "%e %M" -o "$work/time" timeout --kill-after=5 "$timeout_seconds" "$@" >"$work/out" 2>"$work/err") || status=$?
    if ((status == 124 || status == 137)); then echo "timeout - -"; return; fi
    if ((status != 0)); then
      grep -m 1 'error:' "$work/err" | sed 's/.*error: //' >"$work/error"
      read -r seconds kilobytes < <(tail -n 1 "$work/time")
      echo "error $seconds $((kilobytes / 1024))"
      return
    fi
    read -r seconds kilobytes <"$work/time"
    times+=("$seconds"); mems+=("$kilobytes")
    rows=$(grep -cvE '^(-|[A-Za-z(=]|$)' "$work/out" || true)
  done
  echo "$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")" \
    "$(($(printf '%s\n' "${mems[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p") / 1024))" "$rows"
}

echo "| query | rows | Accord s | MB | Accord --all-rules s | MB | Soufflé-i --magic-transform s | MB | Soufflé-i s | MB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for query in "sg($first_leaf, Y)" "sg($first_leaf, $last_leaf)"; do
  program=$work/node.dl; [[ $query == *", $last_leaf)" ]] && program=$work/pair.dl
  accord_query=("$accord" query sg.rules --facts parent=parent.csv --as-of 2024-01-01 --format csv "$query")
  read -r a_time a_mem a_rows < <(measure "${accord_query[@]}")
  read -r w_time w_mem w_rows < <(measure "${accord_query[@]}" --all-rules)
  [[ $w_time == error ]] && w_time="stopped after $w_mem s: $(cut -c1-40 "$work/error")…" && w_mem=$w_rows
  si=(-); sm=(-)
  [[ -n $souffle ]] && si=("$souffle" -F . "$program") && sm=("$souffle" --magic-transform='*' -F . "$program")
  read -r m_time m_mem m_rows < <(measure "${sm[@]}")
  read -r i_time i_mem _ < <(measure "${si[@]}")
  check=""; [[ $m_rows != - && $m_rows != "$a_rows" ]] && check=" (Soufflé: $m_rows)"
  echo "| \`$query\` | $a_rows$check | $a_time | $a_mem | $w_time | $w_mem | $m_time | $m_mem | $i_time | $i_mem |"
done

# accord_row LABEL CMD...: one line of Accord for what the command needs, against --all-rules.
accord_row() {
  local label=$1; shift
  read -r a_time a_mem _ < <(measure "$@")
  read -r w_time w_mem w_rows < <(measure "$@" --all-rules)
  [[ $w_time == error ]] && w_time="stopped after $w_mem s: $(cut -c1-40 "$work/error")…" && w_mem=$w_rows
  echo "| $label | $a_time | $a_mem | $w_time | $w_mem |"
}

# `why` of one pair: explained from what its proof rests on (the rewritten rules, then the
# program kept to what they found), against the whole program.
echo
echo "| command | Accord s | MB | Accord --all-rules s | MB |"
echo "|---|---:|---:|---:|---:|"
accord_row "\`why sg($first_leaf, $last_leaf)\`" "$accord" why sg.rules --facts parent=parent.csv --as-of 2024-01-01 --depth 3 "sg($first_leaf, $last_leaf)"

# The policy workload of bench/run.sh (allies x candidates x conditions, negation and a
# `for all`): questions about one candidate.
data=${DATA:-$(pwd)/$build/data}
[[ -f $data/policy/program.rules ]] || "$build/accord_bench_data" "$data" >/dev/null
policy=("$data/policy/program.rules")
for relation in ally candidate condition satisfied waived objection; do policy+=(--facts "$relation=$data/policy/$relation.tsv"); done
for command in "query|appointable(7)" "query|blocked(7)" "why|blocked(7)" "why|approves(A, 7)"; do
  accord_row "\`${command%%|*} ${command#*|}\` (policy)" "$accord" "${command%%|*}" "${policy[@]}" --as-of 2024-01-01 --threads 1 "${command#*|}"
done
echo
echo "$(date -u +%Y-%m-%d), $(nproc) cores, tree of $nodes nodes (depth $depth), runs per cell: $runs (median), timeout ${timeout_seconds} s"
