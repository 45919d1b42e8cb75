#!/usr/bin/env bash
# Builds the fuzz targets with clang (libFuzzer, ASan, UBSan) and runs each for SECONDS
# (default 60), one after another, starting from seeds made of the test fixtures. Prints
# each target's executions and coverage; exits 1 when one crashed, broke a promise, timed
# out or ran out of memory, naming the input that did it (kept under BUILD/artifacts/).
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]
#   STYR_FUZZ_BUILD=DIR tests/fuzz/run.sh    build folder (default build/fuzz)
#   STYR_FUZZ_TIMEOUT=S tests/fuzz/run.sh    seconds one input may take (default 10); the
#                                            limit is wall-clock, so raise it on a busy machine
#
# The inputs each target found are kept in BUILD/corpus/TARGET and grow run by run. A crash
# becomes a regression test: minimise it (BUILD/tests/fuzz/TARGET -minimize_crash=1
# -runs=10000 FILE), fix the bug, and add the input under tests/fuzz/regressions/TARGET/.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$root/tests/fuzz
seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(fuzz_document fuzz_check fuzz_render fuzz_decision_message)
fi
build=${STYR_FUZZ_BUILD:-$root/build/fuzz}

cc=$(command -v clang || command -v clang-14 || true)
cxx=$(command -v clang++ || command -v clang++-14 || true)
if [ -z "$cc" ] || [ -z "$cxx" ]; then
  echo "fuzz: clang is not installed (tools/install-deps.sh --test)" >&2
  exit 3
fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSTYR_FUZZ=ON \
  -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" >/dev/null || exit 3
cmake --build "$build" --target "${targets[@]}" || exit 3

# Seeds, made afresh from the fixtures: every document of the rule corpus and the sample
# municipality, and every decision message the tests and the demo history write.
seeds=$build/seeds
rm -rf "$seeds"
mkdir -p "$seeds/document" "$seeds/decision_message"
n=0
while IFS= read -r -d '' file; do
  cp "$file" "$seeds/document/$((n += 1)).md"
done < <(find "$root/tests/corpus" "$root/policies" -name '*.md' -type f -print0)
n=0
# $'...' strings that hold a trailer, as written in the CLI tests and corpus set-ups.
while IFS= read -r quoted; do
  body=${quoted#\$\'}
  printf '%b' "${body%\'}" >"$seeds/decision_message/$((n += 1))"
done < <(grep -rhoE "\\\$'[^']*'" "$root/tests/cli" "$root/tests/corpus" --include='*.sh' |
         grep -iE 'beslut:|decision:|fastst|approves:')
# The messages of tools/demo-history.sh: the quoted argument that follows each `decide`.
awk -v dir="$seeds/decision_message" '
  /^decide / { want = 1; next }
  want && /^"/ { inside = 1; msg = substr($0, 2); want = 0; if (msg ~ /"$/) { inside = 0; out() } ; next }
  inside { msg = msg "\n" $0; if ($0 ~ /"$/) { inside = 0; out() } }
  function out() { sub(/"$/, "", msg); file = dir "/demo-" (++k); printf "%s\n", msg > file; close(file) }
' "$root/tools/demo-history.sh"

status=0
for target in "${targets[@]}"; do
  case $target in
    fuzz_decision_message) seed_dir=$seeds/decision_message dict=$here/decision_message.dict ;;
    *) seed_dir=$seeds/document dict=$here/markdown.dict ;;
  esac
  corpus=$build/corpus/$target
  artifacts=$build/artifacts/$target/
  log=$build/logs/$target.log
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  echo "== $target: ${seconds}s from $(ls "$corpus" | wc -l) inputs and $(ls "$seed_dir" | wc -l) seeds"
  "$build/tests/fuzz/$target" "$corpus" "$seed_dir" -dict="$dict" -max_total_time="$seconds" \
    -rss_limit_mb=2048 -timeout="${STYR_FUZZ_TIMEOUT:-10}" -print_final_stats=1 -artifact_prefix="$artifacts" >"$log" 2>&1
  code=$?
  # The last status line: DONE at the end of a run, the last progress line after a crash.
  done_line=$(grep -E '^#[0-9]+[[:space:]].* cov: ' "$log" | tail -1)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$done_line")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$done_line")
  corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p' <<<"$done_line")
  echo "$target: ${execs:-?} execs (${rate:-?}/s), cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?}"
  if [ "$code" -ne 0 ]; then
    status=1
    echo "$target FAILED (exit $code); the end of $log:"
    grep -E '^==[0-9]+==ERROR|SUMMARY|broken promise|runtime error|Test unit written to|ALARM|out-of-memory' "$log" |
      head -20
    echo "replay: $build/tests/fuzz/$target FILE (a timeout: does the input alone take that long?)"
  fi
done
exit "$status"
