#!/usr/bin/env bash
# Installs the Debian (bookworm) packages styr needs, and only those that are missing.
# Idempotent: a second run installs nothing.
#
#   tools/install-deps.sh            building and running styr
#   tools/install-deps.sh --test     also the test suite (git, jq, ssh-keygen, node, nginx, Chromium,
#                                    PyYAML for the CI recipes, curl to ask nginx, clang and
#                                    libFuzzer for tests/fuzz)
#   tools/install-deps.sh --bench    also the benchmarks (Hugo, hyperfine, GNU time)
set -euo pipefail

build=(cmake ninja-build g++ pkg-config git ca-certificates
       libcmark-gfm-dev libcmark-gfm-extensions-dev libgit2-dev libtomlplusplus-dev
       libfmt-dev libexpected-dev libkainjow-mustache-dev libxxhash-dev doctest-dev)
test=(jq openssh-client gnupg nginx-light chromium npm python3-yaml curl clang libclang-rt-14-dev)
bench=(hugo hyperfine time)

wanted=("${build[@]}")
for arg in "$@"; do
  case $arg in
    --test) wanted+=("${test[@]}") ;;
    --bench) wanted+=("${test[@]}" "${bench[@]}") ;;
    *) echo "usage: $0 [--test] [--bench]" >&2; exit 2 ;;
  esac
done

missing=()
for pkg in "${wanted[@]}"; do
  # Node and npm may come from elsewhere than Debian; a working command is enough.
  if [ "$pkg" = npm ] && command -v npm >/dev/null && command -v node >/dev/null; then
    continue
  fi
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing: ${missing[*]}" >&2
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"; then
  "${sudo[@]}" apt-get update
  "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi
