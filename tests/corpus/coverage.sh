#!/usr/bin/env bash
# The corpus covers every rule: each rule that `styr check --list-rules` prints has a folder
# tests/corpus/<rule-id>/ with at least one ok and one bad case, and every folder (except
# those starting with _) names a rule.
#   STYR=/path/to/styr bash tests/corpus/coverage.sh
set -uo pipefail
: "${STYR:?STYR must name the styr binary}"
corpus=$(cd "$(dirname "$0")" && pwd)

rules=$("$STYR" check --list-rules | awk '{ print $1 }')
if [ -z "$rules" ]; then
  echo "styr check --list-rules printed no rules" >&2
  exit 1
fi

# Case files of a folder: everything but the companions (see run.sh).
count_cases() {
  [ -d "$1" ] || { echo 0; return; }
  find "$1" -maxdepth 1 -type f ! -name '*.expected' ! -name '*.path' ! -name '*.setup.sh' \
    ! -name '*.exit' ! -name '*.stderr' | wc -l
}

passed=0
failed=0
for rule in $rules; do
  ok=$(count_cases "$corpus/$rule/ok")
  bad=$(count_cases "$corpus/$rule/bad")
  if [ "$ok" -ge 1 ] && [ "$bad" -ge 1 ]; then
    passed=$((passed + 1))
  else
    echo "FAIL rule $rule: $ok ok and $bad bad cases in tests/corpus/$rule/ (at least one of each)" >&2
    failed=$((failed + 1))
  fi
done
for dir in "$corpus"/*/; do
  name=$(basename "$dir")
  case $name in _*) continue ;; esac
  if ! grep -qxF -- "$name" <<<"$rules"; then
    echo "FAIL folder tests/corpus/$name/ names no rule of styr check --list-rules" >&2
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
