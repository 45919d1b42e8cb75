#!/usr/bin/env bash
# Runs one test function of a CLI test script in a fresh temporary folder, which is
# removed when the test passes and kept (and named) when it fails.
#   run.sh SCRIPT FUNCTION      (STYR is the binary under test)
set -uo pipefail
script=$1
fn=$2
: "${STYR:?STYR must name the styr binary}"
TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/styr-cli-${fn}-XXXXXX")
export TEST_DIR
here=$(cd "$(dirname "$0")" && pwd)
(
  cd "$TEST_DIR" || exit 1
  # shellcheck source=tests/cli/lib.sh
  source "$here/lib.sh"
  # shellcheck disable=SC1090
  source "$script"
  "$fn"
)
rc=$?
if [ "$rc" -eq 0 ]; then
  rm -rf "$TEST_DIR"
else
  echo "Note: test data has been left in $TEST_DIR" >&2
fi
exit "$rc"
