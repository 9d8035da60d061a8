#!/bin/sh
# CI step: every fuzz target for a short time (default 20 s each) with
# libFuzzer when a clang build exists, after the regression inputs
# (fuzz/regress/, tests/data/hostile/) and the seed corpus have run
# through the target. Without clang, the plain drivers run over the same
# inputs. Exits 1 on any finding; findings go to fuzz/findings/<target>/.
#
# usage: fuzz/ci.sh [SECONDS] [BUILD_DIR]
#   BUILD_DIR default: build-fuzz (clang) if present, else build-hard
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
secs=${1:-20}
build=${2:-}
if [ -z "$build" ]; then
    if command -v clang >/dev/null 2>&1; then
        build=$root/build-fuzz
        [ -f "$build/CMakeCache.txt" ] || cmake -S "$root" -B "$build" \
            -DCMAKE_C_COMPILER=clang -DEV_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
    else
        build=$root/build-hard
        [ -f "$build/CMakeCache.txt" ] || cmake -S "$root" -B "$build" \
            -DEV_FUZZ=ON -DEV_SANITIZE=address,undefined >/dev/null
    fi
fi
cmake --build "$build" -j2 --target fuzz_all >/dev/null || {
    echo "fuzz-ci: build failed" >&2; exit 2; }
"$here/seeds.sh" >/dev/null
UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$here/ubsan.supp"
export UBSAN_OPTIONS
fail=0
mkdir -p "$here/findings"
for t in numbers sentences figure attrib layout extract markup search pdf lz; do
    drv=$build/fuzz/fuzz_${t}_driver
    lf=$build/fuzz/fuzz_$t
    if ! "$drv" "$here/regress" "$root/tests/data/hostile" >/dev/null 2>"$here/findings/ci-$t.err"; then
        echo "fuzz-ci: $t: regression input failed (see fuzz/findings/ci-$t.err)"
        fail=1
        continue
    fi
    if [ -x "$lf" ]; then
        mkdir -p "$here/findings/$t"
        # a scratch corpus dir first so CI does not grow the local corpus
        tmp=$(mktemp -d)
        if "$lf" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 \
               -max_len=65537 -artifact_prefix="$here/findings/$t/" \
               "$tmp" "$here/corpus-$t" >"$here/findings/ci-$t.err" 2>&1; then
            execs=$(grep -a '^#[0-9]*' "$here/findings/ci-$t.err" | tail -1 | sed 's/^#\([0-9]*\).*/\1/')
            echo "fuzz-ci: $t: ok (${secs}s, ${execs:-?} execs)"
            rm -f "$here/findings/ci-$t.err"
        else
            echo "fuzz-ci: $t: FINDING (see fuzz/findings/ci-$t.err, fuzz/findings/$t/)"
            fail=1
        fi
        rm -rf "$tmp"
    else
        "$drv" "$here/corpus-$t" >/dev/null 2>"$here/findings/ci-$t.err" &&
            { echo "fuzz-ci: $t: ok (driver over the corpus)"; rm -f "$here/findings/ci-$t.err"; } ||
            { echo "fuzz-ci: $t: FINDING (see fuzz/findings/ci-$t.err)"; fail=1; }
    fi
done
exit $fail
