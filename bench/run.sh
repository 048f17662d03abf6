#!/usr/bin/env bash
# Side-by-side benchmark: Accord on one thread (`run`, which keeps no provenance, and `why
# --all-rules` of one output fact, which keeps every derivation, beside the
# single-threaded peers) and on two (its speed-up), Soufflé (interpreter and compiled),
# SQLite (recursive CTEs / plain SQL) and SWI-Prolog with tabling, on the same generated
# data, in one run. Each measurement is a whole process: load the facts from
# files, evaluate, print the size of the output relation (Soufflé's compile step is not
# timed). Prints a Markdown table of median wall time and peak memory, and the ratios.
#
#   bench/run.sh             # median of 3 runs per system and workload
#   RUNS=1 bench/run.sh      # quicker
#   WORKLOADS="tc_chain aggregate" bench/run.sh
#   SOUFFLE=/path/to/souffle bench/run.sh   # default: bench/peers/souffle/build.sh's, if built
#
# Soufflé is skipped, with a note, when it is not built (bench/peers/souffle/build.sh builds
# it outside the repository).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
timeout_seconds=${TIMEOUT:-900}

export DEBIAN_FRONTEND=noninteractive
need=()
command -v sqlite3 >/dev/null || need+=(sqlite3)
command -v swipl >/dev/null || need+=(swi-prolog-nox)
[[ -x /usr/bin/time ]] || need+=(time)
if ((${#need[@]})); then
  sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq && "${sudo_cmd[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
fi
scripts/install-deps.sh >/dev/null

build=build/bench
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DACCORD_BUILD_TESTS=OFF -DACCORD_BUILD_PYTHON=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" >/dev/null
data=$(pwd)/$build/data
[[ -f $data/independent_subbody/program.dl ]] || "$build/accord_bench_data" "$data" >/dev/null
accord=$(pwd)/$build/accord

# measure DIR CMD...: runs the command $runs times in DIR; prints "median_seconds peak_mb output"
# (output: the last word the command printed), or "timeout - -", or "- - -" when CMD is "-".
measure() {
  local dir=$1; shift
  if [[ $1 == - ]]; then echo "- - -"; return; fi
  local times=() mems=() output=""
  for ((i = 0; i < runs; i++)); do
    if ! (cd "$dir" && /usr/bin/time -f "%e %M" -o /tmp/accord-bench-time timeout --kill-after=5 "$timeout_seconds" "$@" >/tmp/accord-bench-out 2>/tmp/accord-bench-err); then
      echo "timeout - -"; return
    fi
    read -r seconds kilobytes </tmp/accord-bench-time
    times+=("$seconds"); mems+=("$kilobytes")
    output=$(tail -n 1 /tmp/accord-bench-out | awk '{ print $NF }')
  done
  local median_time median_mem
  median_time=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
  median_mem=$(printf '%s\n' "${mems[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
  echo "$median_time $((median_mem / 1024)) $output"
}

ratio() { [[ $1 == timeout || $2 == timeout || $1 == - || $2 == - ]] && echo "-" || awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else printf "-" }'; }

souffle=${SOUFFLE:-${TMPDIR:-/tmp}/accord-peers/souffle/build/src/souffle}
if [[ ! -x $souffle ]]; then
  echo "Soufflé: not built (bench/peers/souffle/build.sh builds it); its columns show -" >&2
  souffle=""
fi

workloads=${WORKLOADS:-"tc_chain tc_random same_generation stratified_negation three_way_join aggregate policy exists_checks independent_subbody"}
echo "| workload | output | Accord s | Accord MB | Accord keeping provenance s | MB | Soufflé interpreter s | MB | Soufflé compiled s | MB | SQLite s | MB | SWI-Prolog s | MB | Accord / Soufflé-i | Accord / Soufflé-c | memory Accord / Soufflé-i | SQLite / Accord | SWI / Accord | Accord --threads 2 s | MB | speed-up on 2 threads |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for workload in $workloads; do
  dir=$data/$workload
  read -r rules_and_facts <"$dir/accord.args"
  output_relation=$(sed -n 2p "$dir/accord.args")
  # shellcheck disable=SC2086
  read -r a_time a_mem _ < <(measure "$dir" "$accord" run --threads 1 --as-of 2024-01-01 $rules_and_facts)
  # The cost of provenance: the whole program evaluated to explain one output fact.
  any_fact=$(bench/any_fact.sh "$dir" "$output_relation")
  # shellcheck disable=SC2086
  read -r n_time n_mem _ < <(measure "$dir" "$accord" why --threads 1 --all-rules --limit 1 --as-of 2024-01-01 $rules_and_facts "$any_fact")
  # shellcheck disable=SC2086
  read -r t_time t_mem _ < <(measure "$dir" "$accord" run --threads 2 --as-of 2024-01-01 $rules_and_facts)
  a_out=$(cd "$dir" && "$accord" run --as-of 2024-01-01 $rules_and_facts | awk -v r="$output_relation" '$1 == r { print $2 }')
  si=(-); sc=(-)
  if [[ -n $souffle ]]; then
    si=("$souffle" -F . program.dl)
    # The compiled binary is built once, untimed (souffle -o runs the C++ compiler).
    if [[ -x $dir/souffle_program || -n $(cd "$dir" && "$souffle" -o souffle_program program.dl 2>/dev/null && echo built) ]]; then
      sc=(./souffle_program -F .)
    fi
  fi
  read -r i_time i_mem i_out < <(measure "$dir" "${si[@]}")
  read -r c_time c_mem c_out < <(measure "$dir" "${sc[@]}")
  read -r s_time s_mem s_out < <(measure "$dir" sqlite3 -batch :memory: ".read program.sql")
  prolog=(-); [[ -f $dir/program.pl ]] && prolog=(swipl -q program.pl)
  read -r p_time p_mem p_out < <(measure "$dir" "${prolog[@]}")
  check=""
  [[ $i_out != "-" && $i_out != "$a_out" ]] && check="$check (Soufflé-i: $i_out)"
  [[ $c_out != "-" && $c_out != "$a_out" ]] && check="$check (Soufflé-c: $c_out)"
  [[ $s_out != "-" && $s_out != "$a_out" ]] && check="$check (SQLite: $s_out)"
  [[ $p_out != "-" && $p_out != "$a_out" ]] && check="$check (SWI: $p_out)"
  echo "| $workload | $a_out$check | $a_time | $a_mem | $n_time | $n_mem | $i_time | $i_mem | $c_time | $c_mem | $s_time | $s_mem | $p_time | $p_mem |" \
    "$(ratio "$a_time" "$i_time") | $(ratio "$a_time" "$c_time") | $(ratio "$a_mem" "$i_mem") | $(ratio "$s_time" "$a_time") | $(ratio "$p_time" "$a_time") |" \
    "$t_time | $t_mem | $(ratio "$a_time" "$t_time") |"
done
echo
peer=""
if [[ -n $souffle ]]; then
  version=$("$souffle" --version 2>/dev/null)
  peer=", Soufflé $(awk '/^Version:/ { print $2 }' <<<"$version") ($(awk '/^Word size:/ { print $3 }' <<<"$version")-bit, one thread)"
fi
echo "$(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), runs per cell: $runs (median)$peer"
