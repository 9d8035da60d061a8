#!/usr/bin/env bash
# README command 2 (and CI): install dependencies, build twice (normal,
# and with AddressSanitizer + UndefinedBehaviorSanitizer), run the whole
# Check suite through CTest in both; the sanitizer build also runs every
# fuzz target's plain driver over its regression inputs (CTest) and its
# seed corpus (fuzz/ci.sh). Long fuzzing is fuzz/run.sh, not CI.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh  # apt-get update + apt-get install of what is missing
jobs="$(nproc)"
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEV_WERROR=ON >/dev/null
cmake --build build-test -j"$jobs"
(cd build-test && ctest -j2 --output-on-failure)
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DEV_WERROR=ON \
  -DEV_SANITIZE=address,undefined -DEV_FUZZ=ON >/dev/null
cmake --build build-asan -j"$jobs"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest -j2 --output-on-failure)
bash fuzz/ci.sh 0 "$PWD/build-asan"
