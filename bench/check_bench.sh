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

styr=${STYR:-}
if [ -z "$styr" ]; then
  if [ -x "$root/build/release/tools/styr" ]; then styr=$root/build/release/tools/styr
  else styr=$(command -v styr || true); fi
fi
if [ -z "$styr" ] || [ ! -x "$styr" ]; then
  echo "check_bench.sh: no styr binary; build it (cmake --preset release && cmake --build --preset release) or set STYR" >&2
  exit 3
fi
styr=$(cd "$(dirname "$styr")" && pwd)/$(basename "$styr")

if [ -n "$keep" ]; then
  repo=$keep
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/styr-check-bench-XXXXXX")
  trap 'rm -rf "$work"' EXIT
  repo=$work/repo
fi

echo "== generating $docs documents in $repo" >&2
"$root/bench/generate_repo.sh" "$repo" "$docs"

# A real repository: the documents committed, and decisions that approved some of them,
# so that check also reads the decision history (the ledger), as it does in CI.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME="Sara Lind" GIT_AUTHOR_EMAIL="sara.lind@storkommun.se"
export GIT_COMMITTER_NAME="Sara Lind" GIT_COMMITTER_EMAIL="sara.lind@storkommun.se"
export GIT_AUTHOR_DATE="2026-01-12T09:00:00+01:00" GIT_COMMITTER_DATE="2026-01-12T09:00:00+01:00"
g() { git -C "$repo" -c init.defaultBranch=main -c commit.gpgsign=false -c tag.gpgsign=false "$@"; }
g init -q
g add -A
g commit -qm "Styrdokument"
decisions=0
# Kommunfullmäktige approves the policies; kommunstyrelsen the riktlinjer and action plans
# in batches of 200, as a board decides a revision programme.
approve() {  # TAG NAME EMAIL IDS...
  local tag=$1 name=$2 email=$3
  shift 3
  local msg="Beslut om styrdokument."$'\n\n'"Beslut: KS 2026-03-15 § $((decisions + 1))"$'\n'"Diarienummer: KS 2026/$((100 + decisions))"
  local id
  for id in "$@"; do msg+=$'\n'"Fastställer: $id"; done
  GIT_COMMITTER_NAME=$name GIT_COMMITTER_EMAIL=$email GIT_COMMITTER_DATE="2026-03-$((10 + decisions % 15))T10:00:00+01:00" \
    g tag -a "$tag" -m "$msg"
  decisions=$((decisions + 1))
}
mapfile -t policies < <(grep -rhoE '^id = "IS-POL-[0-9]+"' "$repo/policies" | cut -d'"' -f2 | sort)
mapfile -t boards < <(grep -rhoE '^id = "IS-(RL|HP)-[0-9]+"' "$repo/policies" | cut -d'"' -f2 | sort)
approve beslut/kf-policyer "Maria Holm" maria.holm@storkommun.se "${policies[@]}"
for ((i = 0; i < ${#boards[@]}; i += 200)); do
  approve "beslut/ks-$((i / 200 + 1))" "Johan Sjöberg" johan.sjoberg@storkommun.se "${boards[@]:i:200}"
done

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

# time_command NAME COMMAND: prints "NAME min_ms median_ms cpu_ms" (cpu: mean user + system)
time_command() {
  local name=$1 cmd=$2
  if [ -z "${NO_HYPERFINE:-}" ] && command -v hyperfine >/dev/null; then
    local json
    json=$(mktemp)
    hyperfine --style basic --warmup 2 --runs "$runs" -i --export-json "$json" "$cmd" >&2
    awk -v name="$name" '
      /"median":/ { gsub(/[^0-9.e-]/, "", $2); median = $2 }
      /"min":/ { gsub(/[^0-9.e-]/, "", $2); min = $2 }
      /"user":/ { gsub(/[^0-9.e-]/, "", $2); user = $2 }
      /"system":/ { gsub(/[^0-9.e-]/, "", $2); sys = $2 }
      END { printf "%s %.0f %.0f %.0f\n", name, min * 1000, median * 1000, (user + sys) * 1000 }' "$json"
    rm -f "$json"
  else
    # bash's own `time`: wall, user and system seconds of each run.
    local i line TIMEFORMAT='%R %U %S' lines=()
    bash -c "$cmd" >/dev/null 2>&1 || true
    bash -c "$cmd" >/dev/null 2>&1 || true
    for ((i = 0; i < runs; i++)); do
      line=$({ time bash -c "$cmd" >/dev/null 2>&1; } 2>&1 | tail -1)
      lines+=("$line")
    done
    printf '%s\n' "${lines[@]}" | sort -n | awk -v name="$name" '
      { t[NR] = $1; cpu += $2 + $3 }
      END { m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
            printf "%s %.0f %.0f %.0f\n", name, t[1] * 1000, m * 1000, cpu / NR * 1000 }'
  fi
}

results=()
results+=("$(time_command "check (whole repository)" "'$styr' check")")
results+=("$(time_command "check one file (pre-commit)" "'$styr' check '$one'")")
results+=("$(time_command "check --format json" "'$styr' check --format json")")

echo
echo "styr check on $docs documents, $decisions decisions, $cores cores, load average $(cut -d' ' -f1-3 /proc/loadavg) ($("$styr" --version 2>/dev/null | head -1))"
printf '%-30s %10s %10s %12s   %s\n' "" "min" "median" "cpu (u+s)" "goal: median < ${goal_ms} ms"
status=0
for r in "${results[@]}"; do
  read -r -a f <<<"$r"
  n=${#f[@]}
  name=${f[*]:0:n-3}
  min=${f[n-3]} median=${f[n-2]} cpu=${f[n-1]}
  verdict=met
  if [ "$median" -ge "$goal_ms" ]; then verdict=MISSED; status=1; fi
  printf '%-30s %7s ms %7s ms %9s ms   %s\n' "$name" "$min" "$median" "$cpu" "$verdict"
done
if [ "$(cut -d' ' -f1 /proc/loadavg | cut -d. -f1)" -ge "$cores" ]; then
  echo "note: the machine was busy (load average above $cores); wall times are inflated, CPU times less so" >&2
fi
exit "$status"
