#!/usr/bin/env bash
# Times `styr status` on a generated repository of 10,000 documents with 100 decisions
# against the goal of the ledger (under one second on 2 cores). See bench/README.md.
#
#   bench/status_bench.sh [--docs N] [--decisions N] [--runs N] [--keep DIR]
#
# STYR names the binary (default: build/release/tools/styr, else styr on PATH).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
docs=10000
wanted=100
runs=10
keep=
goal_ms=1000
while [ $# -gt 0 ]; do
  case $1 in
    --docs) docs=$2; shift 2 ;;
    --decisions) wanted=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    -h | --help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "usage: $0 [--docs N] [--decisions N] [--runs N] [--keep DIR]" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
find_styr

if [ -n "$keep" ]; then
  repo=$keep
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/styr-status-bench-XXXXXX")
  trap 'rm -rf "$work"' EXIT
  repo=$work/repo
fi

generate_committed

# A history of decisions: before each, a few documents are revised and committed; each
# decision approves a batch of riktlinjer and action plans (kommunstyrelsen), so the
# ledger judges new content, re-approvals and documents never listed.
mapfile -t boards < <(grep -rlE '^decided_by = "kommunstyrelsen"' "$repo/policies" | sort)
batch=$(( ${#boards[@]} / wanted + 1 ))
for ((d = 0; d < wanted; d++)); do
  for ((k = 0; k < 3; k++)); do
    f=${boards[(d * 37 + k * 101) % ${#boards[@]}]}
    printf '\nTillägg i revision %d.\n' "$d" >>"$f"
  done
  g commit -qam "Revision $d" --date "2026-01-$((10 + d % 18))T09:00:00+01:00"
  ids=()
  for ((i = d * batch / 2; i < d * batch / 2 + batch && i < ${#boards[@]}; i++)); do
    ids+=("$(grep -m1 -oE '^id = "[^"]+"' "${boards[i]}" | cut -d'"' -f2)")
  done
  approve "beslut/$(printf '%03d' "$d")" "Johan Sjöberg" johan.sjoberg@storkommun.se \
    "2026-02-$((1 + d % 27))T$((10 + d % 8)):00:00+01:00" "${ids[@]}"
done
pack_repo

cd "$repo"
"$styr" status >/dev/null 2>"$repo.err" || { cat "$repo.err" >&2; exit 1; }
echo "== $(tail -1 "$repo.err")" >&2
rm -f "$repo.err"
middle=beslut/$(printf '%03d' $((wanted / 2)))

results=()
results+=("$(time_command "status (table)" "'$styr' status")")
results+=("$(time_command "status --format json" "'$styr' status --format json")")
results+=("$(time_command "status --rev (older decision)" "'$styr' status --rev $middle")")

report_results "styr status on $docs documents, $decisions decisions" "$goal_ms" "${results[@]}"
