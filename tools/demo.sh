#!/usr/bin/env bash
# The main job: build styr, check the sample municipality, give it a decision history and
# publish its intranet site. Installs missing Debian packages first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

tools/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
styr=build/release/tools/styr

echo "== styr check: the sample municipality (policies/)"
"$styr" check

echo "== A git repository with leadership's decisions as tags: build/demo"
bash tools/demo-history.sh --force build/demo >/dev/null
"$styr" -C build/demo status

echo "== styr build: the intranet site"
"$styr" -C build/demo build
echo
echo "Open file://$root/build/demo/_site/index.html in a browser."
