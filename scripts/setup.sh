#!/usr/bin/env bash
# Installs every build and test dependency of evidex from Debian's
# packages. Safe to run twice. Needs root (or sudo).
set -euo pipefail
pkgs=(build-essential cmake pkg-config libxml2-dev libpcre2-dev
      libsqlite3-dev check libsubunit-dev poppler-utils python3)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "setup: all dependencies present"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
