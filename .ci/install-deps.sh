#!/usr/bin/env bash
# Installs what tiaodu needs to build and test, from Debian's packages. Idempotent.
# (fonts-noto-cjk: the Chinese fonts Chromium prints the forms with, tests/cli/browser_test.py.)
set -euo pipefail
pkgs=(
  cmake g++ ninja-build pkg-config git
  libboost1.81-dev libboost-json1.81-dev libboost-date-time1.81-dev
  libgtest-dev libgmock-dev libbenchmark-dev libcli11-dev libxlsxwriter-dev
  python3 python3-dev python3-pytest pybind11-dev python3-pybind11
  chromium poppler-utils unzip fonts-noto-cjk
  clang libclang-rt-14-dev
)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
