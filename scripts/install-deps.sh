#!/usr/bin/env bash
# Installs every build, test and run dependency of xfactor that is missing.
# Debian packages, plus the report's web assets from npm (web/package-lock.json, installed with
# `npm ci`; no browser is ever downloaded through npm: the browser test uses Debian's chromium).
# Safe to run repeatedly: it installs only what dpkg does not already have.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config
  clang libclang-rt-14-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libfmt-dev libspdlog-dev libcli11-dev libyaml-cpp-dev nlohmann-json3-dev
  libsimdjson-dev libzstd-dev zlib1g-dev libsqlite3-dev libssl-dev libsodium-dev
  libre2-dev libxxhash-dev libeigen3-dev libopencc-dev libxgboost-dev coinor-libcbc-dev
  chromium fonts-wqy-microhei  # browser test of report.html; a CJK font so 中文 labels render
)
# npm comes with Debian's nodejs only when the machine has no node of its own.
command -v npm >/dev/null 2>&1 || PACKAGES+=(nodejs npm)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all Debian packages present"
fi

# Web assets: reinstalled only when web/node_modules is missing or older than the lock file.
WEB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../web" && pwd)"
if [ ! -d "$WEB_DIR/node_modules" ] || [ "$WEB_DIR/package-lock.json" -nt "$WEB_DIR/node_modules" ]; then
  echo "install-deps: installing web assets (npm ci in web/)"
  if ! (cd "$WEB_DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null); then
    echo "install-deps: npm ci failed in $WEB_DIR (rerun it there to see why)" >&2
    exit 1
  fi
  touch "$WEB_DIR/node_modules"  # npm ci keeps old mtimes; mark it as newer than the lock file
else
  echo "install-deps: web assets present"
fi
