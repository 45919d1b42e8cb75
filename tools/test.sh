#!/usr/bin/env bash
# The whole test suite: installs what is missing, then builds and tests twice — a release
# build and a build with AddressSanitizer and UndefinedBehaviorSanitizer — runs the unit
# tests once more with ThreadSanitizer (the build, check and status work on every core),
# and runs the fuzz targets for a minute each.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

tools/install-deps.sh --test || exit 3
if [ -f tests/browser/package.json ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error) || exit 3
fi

status=0
for preset in release sanitize thread; do
  echo "== $preset"
  cmake --preset "$preset" >/dev/null || exit 3
  cmake --build --preset "$preset" || exit 3
  ctest --preset "$preset" || status=1
done
# The fuzz targets, a minute each, in their own clang build (tests/fuzz/README.md).
echo "== fuzz"
tests/fuzz/run.sh 60 || status=1
exit "$status"
