#!/usr/bin/env bash
# Times `styr check` on a generated repository of 10,000 documents against the goal of
# PRODUCT.md (under 0.5 s on 2 cores). See bench/README.md.
#
#   bench/check_bench.sh [--docs N] [--runs N] [--keep DIR]
#
# STYR names the binary (default: build/release/tools/styr, else styr on PATH). Needs bash,
# awk, git; hyperfine if installed (tools/install-deps.sh --bench), else (or with
# NO_HYPERFINE=1) a loop over bash's own `time`.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
docs=10000
runs=10
keep=
goal_ms=500
while [ $# -gt 0 ]; do
  case $1 in
    --docs) docs=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    -h | --help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "usage: $0 [--docs N] [--runs N] [--keep DIR]" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
find_styr

if [ -n "$keep" ]; then
  repo=$keep
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/styr-check-bench-XXXXXX")
  trap 'rm -rf "$work"' EXIT
  repo=$work/repo
fi

# A real repository: the documents committed, and decisions that approved some of them,
# so that check also reads the decision history (the ledger), as it does in CI.
generate_committed
# Kommunfullmäktige approves the policies; kommunstyrelsen the riktlinjer and action plans
# in batches of 200, as a board decides a revision programme.
mapfile -t policies < <(grep -rhoE '^id = "IS-POL-[0-9]+"' "$repo/policies" | cut -d'"' -f2 | sort)
mapfile -t boards < <(grep -rhoE '^id = "IS-(RL|HP)-[0-9]+"' "$repo/policies" | cut -d'"' -f2 | sort)
approve beslut/kf-policyer "Maria Holm" maria.holm@storkommun.se "2026-03-10T10:00:00+01:00" "${policies[@]}"
for ((i = 0; i < ${#boards[@]}; i += 200)); do
  approve "beslut/ks-$((i / 200 + 1))" "Johan Sjöberg" johan.sjoberg@storkommun.se \
    "2026-03-$((11 + i / 200 % 15))T10:00:00+01:00" "${boards[@]:i:200}"
done
pack_repo

cd "$repo"
set +e
"$styr" check >"$repo.out" 2>"$repo.err"
rc=$?
set -e
findings=$(grep -c '' "$repo.out" || true)
echo "== styr check: exit $rc, $findings findings; $(tail -1 "$repo.err")" >&2
if [ "$rc" -ne 0 ]; then
  head -20 "$repo.out" >&2
fi
rm -f "$repo.out" "$repo.err"

one=$(find policies -name 'riktlinje-0001.md' | head -1)
cores=$(nproc)
echo "== timing on $cores cores (load average: $(cut -d' ' -f1-3 /proc/loadavg)); $decisions decisions" >&2

results=()
# The first check of a checkout loads every document; later ones take the documents that did
# not change from .styr-cache/.
results+=("$(time_command "check, first (no .styr-cache)" "'$styr' check" "rm -rf .styr-cache")")
results+=("$(time_command "check (whole repository)" "'$styr' check")")
results+=("$(time_command "check one file (pre-commit)" "'$styr' check '$one'")")
results+=("$(time_command "check --format json" "'$styr' check --format json")")

report_results "styr check on $docs documents, $decisions decisions" "$goal_ms" "${results[@]}"
