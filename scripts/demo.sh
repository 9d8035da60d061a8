#!/usr/bin/env bash
# README command 1: install dependencies, build, index a folder (default
# ../shared/corpus/seeds) and print a short tour of what evidex answers.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/corpus/seeds}"
bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j"$(nproc)" --target evidex
ev="./build/cli/evidex --db evidex.db"
tour() { printf '\n\033[1m$ evidex %s\033[0m\n' "$*"; }
tour add "$corpus"
$ev add "$corpus" --no-progress || true
tour docs
$ev docs
tour search "'host nation support'" --limit 5
$ev search 'host nation support' --limit 5
tour sources 74.5%
$ev sources 74.5% --limit 5
tour sources "'54,000 troops'"
$ev sources '54,000 troops' --limit 5
tour conflicts
$ev conflicts || true
printf '\nThe index is ./evidex.db; try: ./build/cli/evidex --help\n'
