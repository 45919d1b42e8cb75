# Shared by the benchmarks: finding the binary, a git repository with decisions, and timing.
# Source it after setting `root` to the project folder.

# find_styr: sets `styr` to an absolute path (STYR, else build/release, else PATH).
find_styr() {
  styr=${STYR:-}
  if [ -z "$styr" ]; then
    if [ -x "$root/build/release/tools/styr" ]; then styr=$root/build/release/tools/styr
    else styr=$(command -v styr || true); fi
  fi
  if [ -z "$styr" ] || [ ! -x "$styr" ]; then
    echo "$(basename "$0"): no styr binary; build it (cmake --preset release && cmake --build --preset release) or set STYR" >&2
    exit 3
  fi
  styr=$(cd "$(dirname "$styr")" && pwd)/$(basename "$styr")
}

# git with a fixed identity, no signing and no user configuration, on $repo.
bench_git_env() {
  export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
  export GIT_AUTHOR_NAME="Sara Lind" GIT_AUTHOR_EMAIL="sara.lind@storkommun.se"
  export GIT_COMMITTER_NAME="Sara Lind" GIT_COMMITTER_EMAIL="sara.lind@storkommun.se"
  export GIT_AUTHOR_DATE="2026-01-12T09:00:00+01:00" GIT_COMMITTER_DATE="2026-01-12T09:00:00+01:00"
}
# Never a background `git gc --auto`: after the first commit of thousands of files it packs
# them for seconds, detached, while the timing runs. pack_repo packs in the foreground.
g() { git -C "$repo" -c init.defaultBranch=main -c commit.gpgsign=false -c tag.gpgsign=false -c gc.auto=0 "$@"; }

# pack_repo: the history in one pack, as a clone has it, before anything is timed.
pack_repo() { g gc --quiet; }

# generate_committed: $docs generated documents in $repo (bench/generate_repo.sh), committed.
generate_committed() {
  echo "== generating $docs documents in $repo" >&2
  "$root/bench/generate_repo.sh" "$repo" "$docs"
  bench_git_env
  g init -q
  g add -A
  g commit -qm "Styrdokument"
}

# approve TAG NAME EMAIL DATE IDS...: an annotated decision tag at HEAD.
decisions=0
approve() {
  local tag=$1 name=$2 email=$3 date=$4
  shift 4
  local msg="Beslut om styrdokument."$'\n\n'"Beslut: KS 2026 § $((decisions + 1))"$'\n'"Diarienummer: KS 2026/$((100 + decisions))"
  local id
  for id in "$@"; do msg+=$'\n'"Fastställer: $id"; done
  GIT_COMMITTER_NAME=$name GIT_COMMITTER_EMAIL=$email GIT_COMMITTER_DATE=$date g tag -a "$tag" -m "$msg"
  decisions=$((decisions + 1))
}

# time_command NAME COMMAND [PREPARE]: prints "NAME min_ms median_ms cpu_ms" (cpu: mean user +
# system), with hyperfine when installed, else a loop over bash's `time`. Uses $runs. PREPARE
# runs before each timed run, untimed.
time_command() {
  local name=$1 cmd=$2 prepare=${3:-true}
  if [ -z "${NO_HYPERFINE:-}" ] && command -v hyperfine >/dev/null; then
    local json
    json=$(mktemp)
    hyperfine --style basic --warmup 2 --runs "$runs" -i --prepare "$prepare" --export-json "$json" "$cmd" >&2
    awk -v name="$name" '
      /"median":/ { gsub(/[^0-9.e-]/, "", $2); median = $2 }
      /"min":/ { gsub(/[^0-9.e-]/, "", $2); min = $2 }
      /"user":/ { gsub(/[^0-9.e-]/, "", $2); user = $2 }
      /"system":/ { gsub(/[^0-9.e-]/, "", $2); sys = $2 }
      END { printf "%s %.0f %.0f %.0f\n", name, min * 1000, median * 1000, (user + sys) * 1000 }' "$json"
    rm -f "$json"
  else
    local i line TIMEFORMAT='%R %U %S' lines=()
    bash -c "$cmd" >/dev/null 2>&1 || true
    bash -c "$cmd" >/dev/null 2>&1 || true
    for ((i = 0; i < runs; i++)); do
      bash -c "$prepare" >/dev/null 2>&1 || true
      line=$({ time bash -c "$cmd" >/dev/null 2>&1; } 2>&1 | tail -1)
      lines+=("$line")
    done
    printf '%s\n' "${lines[@]}" | sort -n | awk -v name="$name" '
      { t[NR] = $1; cpu += $2 + $3 }
      END { m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
            printf "%s %.0f %.0f %.0f\n", name, t[1] * 1000, m * 1000, cpu / NR * 1000 }'
  fi
}

# report_results TITLE GOAL_MS RESULT...: a table of time_command results against a goal;
# returns 1 when a median misses it.
report_results() {
  local title=$1 goal_ms=$2 status=0 r
  shift 2
  local cores
  cores=$(nproc)
  echo
  echo "$title, $cores cores, load average $(cut -d' ' -f1-3 /proc/loadavg) ($("$styr" --version 2>/dev/null | head -1))"
  printf '%-30s %10s %10s %12s   %s\n' "" "min" "median" "cpu (u+s)" "goal: median < ${goal_ms} ms"
  for r in "$@"; do
    read -r -a f <<<"$r"
    local n=${#f[@]}
    local name=${f[*]:0:n-3} min=${f[n-3]} median=${f[n-2]} cpu=${f[n-1]} verdict=met
    if [ "$median" -ge "$goal_ms" ]; then verdict=MISSED; status=1; fi
    printf '%-30s %7s ms %7s ms %9s ms   %s\n' "$name" "$min" "$median" "$cpu" "$verdict"
  done
  if [ "$(cut -d' ' -f1 /proc/loadavg | cut -d. -f1)" -ge "$cores" ]; then
    echo "note: the machine was busy (load average above $cores); wall times are inflated, CPU times less so" >&2
  fi
  return "$status"
}
