#!/usr/bin/env bash
# The whole test suite: installs what is missing, then builds and tests twice — a release
# build and a build with AddressSanitizer and UndefinedBehaviorSanitizer.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

tools/install-deps.sh --test || exit 3
if [ -f tests/browser/package.json ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error) || exit 3
fi

status=0
for preset in release sanitize; do
  echo "== $preset"
  cmake --preset "$preset" >/dev/null || exit 3
  cmake --build --preset "$preset" || exit 3
  ctest --preset "$preset" || status=1
done
exit "$status"
