#!/usr/bin/env bash
# Before and after: two Accord binaries on bench/run.sh's workloads, run in turn (base then
# new, new then base, ...) so that both see the same machine load. Prints a Markdown table of
# median wall time and peak memory, and new / base ratios, for `run` and for `why --all-rules`
# of one output fact (the whole program with provenance: a run of rule files keeps none);
# fails when a run fails or gives no output size, or when the two give different sizes.
#
#   bench/compare.sh BASE_ACCORD NEW_ACCORD
#   RUNS=5 WORKLOADS="aggregate policy" bench/compare.sh /tmp/old/build/accord build/bench/accord
#   FLAGS="--threads 1" bench/compare.sh A B   # more flags for both (binaries before --threads refuse it)
#
# Reads the data bench/run.sh generates (build/bench/data; run it, or accord_bench_data, first).
set -euo pipefail
if (($# != 2)); then
  sed -n '2,11p' "$0" >&2
  exit 2
fi
base=$(realpath "$1")
new=$(realpath "$2")
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
data=$(pwd)/build/bench/data
[[ -d $data ]] || { echo "no bench data at $data: run bench/run.sh (or accord_bench_data $data) first" >&2; exit 2; }
workloads=${WORKLOADS:-$(cd "$data" && ls -d -- */ | tr -d /)}  # default: every workload the generator wrote

median() { sort -n | sed -n "$(((runs + 1) / 2))p"; }  # (the lower middle one for an even RUNS)

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# once DIR BINARY COMMAND ARGS...: "seconds megabytes output-size" of one `run` or `why`;
# stops the comparison with a message when it fails or gives no size for the output relation
# (why: the "matches" of its JSON document; an empty output relation makes why exit 1, which
# stops the comparison)
once() {
  local dir=$1 binary=$2 command=$3; shift 3
  if ! (cd "$dir" && /usr/bin/time -f "%e %M" -o "$scratch/time" "$binary" "$command" --as-of 2024-01-01 "$@" >"$scratch/out" 2>"$scratch/err"); then
    echo "compare: $binary failed on $dir:" >&2
    tail -n 5 "$scratch/err" >&2
    exit 1
  fi
  local seconds kilobytes size
  read -r seconds kilobytes <"$scratch/time"
  if [[ $command == run ]]; then
    size=$(awk -v r="$output_relation" '$1 == r { print $2 }' "$scratch/out")
  else
    size=$(grep -o '"matches": *[0-9]*' "$scratch/out" | grep -o '[0-9]*$' || true)
  fi
  if [[ -z $size ]]; then
    echo "compare: $binary printed no size for $output_relation on $dir" >&2
    exit 1
  fi
  echo "$seconds $((kilobytes / 1024)) $size"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }

echo "| workload | command | output | base s | new s | new / base | base MB | new MB | new / base |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
status=0
for workload in $workloads; do
  dir=$data/$workload
  read -r rules_and_facts <"$dir/accord.args"
  output_relation=$(sed -n 2p "$dir/accord.args")
  any_fact=$(bench/any_fact.sh "$dir" "$output_relation")
  for mode in run why; do
    # shellcheck disable=SC2206
    flags=(${FLAGS:-}); [[ $mode == why ]] && flags+=(--all-rules --limit 1 --format json)
    question=(); [[ $mode == why ]] && question=("$any_fact")
    base_times=() new_times=() base_mems=() new_mems=() base_out="" new_out=""
    for ((i = 0; i < runs; i++)); do
      for which in $( ((i % 2 == 0)) && echo "base new" || echo "new base"); do
        binary=$base; [[ $which == new ]] && binary=$new
        # shellcheck disable=SC2086
        result=$(once "$dir" "$binary" "$mode" "${flags[@]}" $rules_and_facts "${question[@]}")
        read -r t m out <<<"$result"
        if [[ $which == base ]]; then
          base_times+=("$t"); base_mems+=("$m"); base_out=$out
        else
          new_times+=("$t"); new_mems+=("$m"); new_out=$out
        fi
      done
    done
    bt=$(printf '%s\n' "${base_times[@]}" | median); nt=$(printf '%s\n' "${new_times[@]}" | median)
    bm=$(printf '%s\n' "${base_mems[@]}" | median); nm=$(printf '%s\n' "${new_mems[@]}" | median)
    output=$new_out
    if [[ $base_out != "$new_out" ]]; then output="$new_out (base: $base_out)"; status=1; fi
    echo "| $workload | $mode | $output | $bt | $nt | $(ratio "$nt" "$bt") | $bm | $nm | $(ratio "$nm" "$bm") |"
  done
done
echo
echo "$(date -u +%Y-%m-%d), $(nproc) cores, runs per cell: $runs (median, base and new in turn)"
exit $status
