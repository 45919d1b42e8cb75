#!/usr/bin/env bash
# Runs the cases of one rule of the corpus (PRODUCT.md §4: styr check):
#
#   STYR=/path/to/styr bash tests/corpus/run.sh tests/corpus/<rule-id>
#
# A case is a file in <rule-id>/ok/ or <rule-id>/bad/, usually NAME.md (any name except the
# companions below). Each case is checked in a fresh copy of tests/corpus/_base/ with the case file
# laid at policies/case/<file name>, by `styr check <that file>` (pre-commit mode: only that
# file's findings, references resolved against the whole repository). Companions, all
# optional, beside the case file:
#
#   NAME.expected     the exact stdout of styr check (missing: no finding at all)
#   NAME.path         the repository-relative destination of the case file, e.g.
#                     policies/a/b/c/moved.md or approvers.toml (replaces the base's file)
#   NAME.files/       a folder whose contents are copied into the repository before the case
#                     is laid: other documents the case needs (a parent chain, a duplicate)
#   NAME.setup.sh     sourced in the copy after the case file is laid, with `set -e`; the
#                     helpers below make git history and decisions
#   NAME.exit         the expected exit code (default: 1 if the expected output has an
#                     error, else 0), for the environment errors of an invalid styr.toml
#   NAME.stderr       lines that must each appear, whole, on stderr
#
# An ok case must produce no finding of any rule; a bad case must expect at least one
# finding of the folder's rule. The copy of a failing case is kept and named; the copy of a
# passing one is removed.
set -uo pipefail

rule_dir=${1:?usage: run.sh tests/corpus/<rule-id>}
: "${STYR:?STYR must name the styr binary}"
rule_dir=$(cd "$rule_dir" && pwd) || exit 2
rule=$(basename "$rule_dir")
corpus=$(cd "$(dirname "$0")" && pwd)
base=$corpus/_base
export LC_ALL=C.UTF-8 NO_COLOR=1 TZ=UTC

# --- helpers for NAME.setup.sh ---------------------------------------------------------

# git that depends on nothing of the machine: no global or system config, fixed identities.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME="Sara Lind" GIT_AUTHOR_EMAIL="sara.lind@korpuskommun.se"
export GIT_AUTHOR_DATE="2026-01-12T09:00:00+01:00"
export GIT_COMMITTER_NAME="Sara Lind" GIT_COMMITTER_EMAIL="sara.lind@korpuskommun.se"
export GIT_COMMITTER_DATE="2026-01-12T09:00:00+01:00"
g() { git -c init.defaultBranch=main -c commit.gpgsign=false -c tag.gpgsign=false -c core.autocrlf=false "$@"; }

# repo_init: a git repository whose first commit holds the copy as it is, case included.
repo_init() {
  g init -q . && g add -A && g commit -qm "Styrdokument"
}

# repo_init_without_case: the first commit holds the base as it was before the case was
# laid (the base's own file at the case's destination, if any); the case is left as an
# uncommitted change of the working tree.
repo_init_without_case() {
  local keep
  keep=$(mktemp)
  cp "$CASE_PATH" "$keep"
  if [ -e "$base/$CASE_PATH" ]; then cp "$base/$CASE_PATH" "$CASE_PATH"; else rm -f "$CASE_PATH"; fi
  g init -q . && g add -A && g commit -qm "Styrdokument"
  cp "$keep" "$CASE_PATH" && rm -f "$keep"
}

# commit_all [MESSAGE]: commits every change of the working tree.
commit_all() {
  g add -A && g commit -qm "${1:-Ändring}"
}

# decide TAG [--by WHO] [--date ISO] [--trailer WORD] ID...
#   An annotated decision tag at HEAD that lists the ids. WHO is a first name of the base's
#   roster (maria: kommunfullmäktige, johan: kommunstyrelsen, anna: kommundirektör,
#   per: IT-chef) or "Name <email>"; the default is johan. WORD is Fastställer or Approves.
decide() {
  local tag=$1 who=johan date="2026-03-15T10:00:00+01:00" trailer="Fastställer" name email id
  shift
  while [ $# -gt 0 ]; do
    case $1 in
      --by) who=$2; shift 2 ;;
      --date) date=$2; shift 2 ;;
      --trailer) trailer=$2; shift 2 ;;
      *) break ;;
    esac
  done
  case $who in
    maria) name="Maria Holm" email="maria.holm@korpuskommun.se" ;;
    johan) name="Johan Sjöberg" email="johan.sjoberg@korpuskommun.se" ;;
    anna) name="Anna Berg" email="anna.berg@korpuskommun.se" ;;
    per) name="Per Lindqvist" email="per.lindqvist@korpuskommun.se" ;;
    *\<*\>) name=${who%% <*} email=${who##*<} email=${email%>} ;;
    *) echo "decide: unknown approver $who" >&2; return 1 ;;
  esac
  local msg="Beslut om styrdokument."$'\n\n'"Beslut: KS 2026-03-15 § 45"$'\n'"Diarienummer: KS 2026/123"
  for id in "$@"; do msg+=$'\n'"$trailer: $id"; done
  GIT_COMMITTER_NAME="$name" GIT_COMMITTER_EMAIL="$email" GIT_COMMITTER_DATE="$date" g tag -a "$tag" -m "$msg"
}

# --- the runner -----------------------------------------------------------------------------

is_companion() {
  case $1 in *.expected | *.path | *.setup.sh | *.exit | *.stderr) return 0 ;; esac
  return 1
}

passed=0
failed=0
problems=()

report_failure() {  # NAME WORK MESSAGE...
  local name=$1 work=$2
  shift 2
  failed=$((failed + 1))
  problems+=("$name")
  {
    echo "FAIL $name"
    printf '  %s\n' "$@"
    echo "  (the repository is kept in $work)"
  } >&2
}

run_case() {  # KIND FILE
  local kind=$1 file=$2
  local name="$rule/$kind/$(basename "$file")"
  local stem=${file%.*}
  local dest="policies/case/$(basename "$file")"
  [ -f "$stem.path" ] && dest=$(tr -d '\r\n' <"$stem.path")
  local expected=/dev/null
  [ -f "$stem.expected" ] && expected=$stem.expected

  # The copy is repo/ inside a temporary folder that also holds the logs.
  local tmp work
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/styr-corpus-$rule-$kind-$(basename "$file" | tr -c 'A-Za-z0-9._-' '_')-XXXXXX")
  work=$tmp/repo
  mkdir "$work" && cp -R "$base/." "$work/"
  [ -d "$stem.files" ] && cp -R "$stem.files/." "$work/"
  mkdir -p "$work/$(dirname "$dest")"
  rm -rf "${work:?}/$dest"
  cp "$file" "$work/$dest"

  # The corpus itself must be coherent: an ok case expects nothing, a bad case its rule.
  if [ "$kind" = ok ] && [ -s "$expected" ]; then
    report_failure "$name" "$work" "an ok case must not expect findings ($expected)"
    return
  fi
  local declared=("$expected")
  [ -f "$stem.stderr" ] && declared+=("$stem.stderr")
  if [ "$kind" = bad ] && ! grep -qF "[$rule]" "${declared[@]}"; then
    report_failure "$name" "$work" "a bad case must expect a finding of [$rule] in $stem.expected or $stem.stderr"
    return
  fi

  if [ -f "$stem.setup.sh" ]; then
    (
      cd "$work" || exit 1
      export CASE_PATH="$dest" CASE_FILE="$file" base
      set -e
      # shellcheck disable=SC1090
      source "$stem.setup.sh"
    ) >"$tmp/setup.log" 2>&1
    if [ $? -ne 0 ]; then
      report_failure "$name" "$work" "$(basename "$stem.setup.sh") failed:" "$(cat "$tmp/setup.log")"
      return
    fi
  fi

  local rc
  (cd "$work" && "$STYR" check "$dest") >"$tmp/stdout" 2>"$tmp/stderr"
  rc=$?

  local want_rc=0
  grep -q 'error\[' "$expected" && want_rc=1
  [ -f "$stem.exit" ] && want_rc=$(tr -d '\r\n ' <"$stem.exit")

  local why=()
  if ! cmp -s "$expected" "$tmp/stdout"; then
    why+=("stdout differs from $(basename "$expected") (--- expected, +++ actual):")
    while IFS= read -r line; do why+=("$line"); done < <(diff -u --label expected --label actual "$expected" "$tmp/stdout")
  fi
  if [ "$rc" != "$want_rc" ]; then
    why+=("exit code $rc, expected $want_rc")
  fi
  if [ -f "$stem.stderr" ]; then
    while IFS= read -r line; do
      [ -n "$line" ] && ! grep -qxF -- "$line" "$tmp/stderr" && why+=("stderr lacks the line: $line")
    done <"$stem.stderr"
  fi
  if [ ${#why[@]} -gt 0 ]; then
    why+=("stderr was:")
    while IFS= read -r line; do why+=("  $line"); done <"$tmp/stderr"
    report_failure "$name" "$work" "${why[@]}"
    return
  fi
  passed=$((passed + 1))
  rm -rf "$tmp"
}

for kind in ok bad; do
  [ -d "$rule_dir/$kind" ] || continue
  while IFS= read -r -d '' file; do
    if ! is_companion "$file"; then
      run_case "$kind" "$file"
    fi
  done < <(find "$rule_dir/$kind" -maxdepth 1 -type f -print0 | sort -z)
done

if [ $((passed + failed)) -eq 0 ]; then
  echo "no cases in $rule_dir" >&2
  exit 1
fi
for p in "${problems[@]}"; do echo "failed: $p"; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
