#!/bin/sh
# Long local fuzzing run of one target, resumable: the corpus in
# fuzz/corpus-<target>/ grows across runs, crashes land in
# fuzz/findings/<target>/, and every run appends a line of figures to
# fuzz/findings/stats.tsv (fuzz/stats.sh sums them per target).
#
# usage: fuzz/run.sh TARGET SECONDS [extra libFuzzer flags...]
#        fuzz/run.sh all SECONDS     (each target in turn, SECONDS each)
# env:   EV_FUZZ_BUILD (default build-fuzz), EV_FUZZ_JOBS (parallel
#        libFuzzer workers, default 1)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${EV_FUZZ_BUILD:-$root/build-fuzz}
[ $# -ge 2 ] || { echo "usage: fuzz/run.sh TARGET|all SECONDS [flags]" >&2; exit 2; }
target=$1; secs=$2; shift 2
targets="numbers sentences figure attrib layout extract markup search pdf lz"

if [ "$target" = all ]; then
    st=0
    for t in $targets; do "$0" "$t" "$secs" "$@" || st=1; done
    exit $st
fi

if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=clang -DEV_FUZZ=ON \
        -DBUILD_TESTING=OFF >/dev/null
fi
cmake --build "$build" -j2 --target "fuzz_$target" >/dev/null
[ -d "$here/corpus-$target" ] || "$here/seeds.sh" >/dev/null

# per-target limits: inputs, time per input
case $target in
    figure|search) maxlen=512; tmo=10 ;;
    numbers|sentences|attrib) maxlen=8192; tmo=10 ;;
    layout|extract) maxlen=65536; tmo=20 ;;
    markup) maxlen=65537; tmo=20 ;;
    pdf) maxlen=16384; tmo=30 ;;
    lz) maxlen=65536; tmo=10 ;;
    *) echo "unknown target '$target' (one of: $targets)" >&2; exit 2 ;;
esac
dict=""
[ -f "$here/$target.dict" ] && dict="-dict=$here/$target.dict"

# halt on every UBSan report except those muted in ubsan.supp (findings
# already reported, listed with the proposal that fixes them)
UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$here/ubsan.supp${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export UBSAN_OPTIONS
out="$here/findings/$target"
mkdir -p "$out"
log="$out/log-$(date +%Y%m%d-%H%M%S).txt"
jobs=${EV_FUZZ_JOBS:-1}
echo "fuzzing $target for ${secs}s (log: $log)"
# CPU seconds of children so far (the `times` builtin's second line), so
# the figure recorded is CPU actually spent, also when run under nice on a
# busy machine
# (`times` must run in this shell, not in a $(...) subshell)
timesf=$(mktemp)
trap 'rm -f "$timesf"' EXIT
child_cpu() {
    times >"$timesf"
    cpu=$(sed -n 2p "$timesf" | tr 'ms' '  ' | awk '{printf "%d\n", $1*60+$2+$3*60+$4}')
}
child_cpu; cpu_start=$cpu
set +e
if [ "$jobs" -gt 1 ]; then
    "$build/fuzz/fuzz_$target" -max_total_time="$secs" -max_len="$maxlen" \
        -timeout="$tmo" -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$out/" -jobs="$jobs" -workers="$jobs" $dict "$@" \
        "$here/corpus-$target" >"$log" 2>&1
else
    "$build/fuzz/fuzz_$target" -max_total_time="$secs" -max_len="$maxlen" \
        -timeout="$tmo" -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$out/" $dict "$@" \
        "$here/corpus-$target" >"$log" 2>&1
fi
rc=$?
set -e
# figures of this run: execs, seconds, coverage, features, crashes
execs=$(grep -a '^stat::number_of_executed_units' "$log" | awk '{s+=$2} END{print s+0}')
# CPU seconds: user+system time of the fuzzer processes (a crash ends a
# run early, and libFuzzer then prints no "Done" line)
child_cpu
time_s=$(( cpu - cpu_start ))
cov=$(grep -ao 'cov: [0-9]*' "$log" | tail -1 | awk '{print $2+0}')
ft=$(grep -ao 'ft: [0-9]*' "$log" | tail -1 | awk '{print $2+0}')
crashes=$(ls "$out" | grep -c -E '^(crash|leak|timeout|oom|slow-unit)-' || true)
printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date +%FT%T)" "$target" \
    "$time_s" "$execs" "${cov:-0}" "${ft:-0}" "$crashes" \
    >>"$here/findings/stats.tsv"
echo "$target: ${time_s}s, $execs execs, cov ${cov:-0}, ft ${ft:-0}, findings in $out: $crashes (exit $rc)"
exit $rc
