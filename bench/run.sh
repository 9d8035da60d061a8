#!/usr/bin/env bash
# The benchmark: builds evidex (Release), generates a corpus of --size GB
# from ../shared (bench/make_corpus.py), ingests it, runs the bare FTS5
# baseline and grep/rg on the same data, measures query latency and
# re-add, and prints a table against the targets of issue 7.
#
# Usage: bench/run.sh [--size GB] [--out DIR] [--jobs N] [--n QUERIES]
#                     [--budget SEC] [--check-limit SEC] [--designs LIST]
#   --size 0.05 for a quick run; default 1 (GB of source files)
#   --out       default bench/out; the corpus is reused when it exists
#               with the same size and seed
#   --budget    seconds per query kind before it stops early (300)
#   --check-limit  hard limit on the check run (600 s)
#   --designs   baseline table designs (default ext,bare; see
#               bench/fts_baseline.c)
# Results: OUT/results.jsonl (one JSON object a line) and the table on
# stdout (also OUT/table.txt).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
shared=${EV_SHARED_DIR:-$(cd "$repo/../shared" && pwd)}
size=1
out="$here/out"
jobs=0
nq=200
budget=300
check_limit=600
designs=ext,bare
seed=7
while [ $# -gt 0 ]; do
    case "$1" in
    --size) size=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --n) nq=$2; shift 2 ;;
    --budget) budget=$2; shift 2 ;;
    --check-limit) check_limit=$2; shift 2 ;;
    --designs) designs=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option '$1'" >&2; exit 2 ;;
    esac
done

mkdir -p "$out"
out=$(cd "$out" && pwd)
build="$repo/build-bench"
res="$out/results.jsonl"
: >"$res"
log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }
emit() { echo "$1" >>"$res"; }
# Peak RSS (kB) from a /usr/bin/time -v log.
rss_of() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }
now() { date +%s.%N; }
# Seconds since $1 (a now() value).
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.4f", b - a }'; }

log "building (Release) in $build"
cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
    >"$out/cmake.log" 2>&1
cmake --build "$build" -j2 --target evidex ingest_bench fts_baseline \
    query_bench >>"$out/cmake.log" 2>&1 || {
    tail -30 "$out/cmake.log" >&2; exit 2; }
evidex="$build/cli/evidex"
bin="$build/bench"

corpus="$out/corpus"
stamp="size=$size seed=$seed"
if [ -f "$corpus/.stamp" ] && [ "$(cat "$corpus/.stamp")" = "$stamp" ]; then
    log "reusing corpus $corpus ($stamp)"
else
    log "generating corpus ($stamp)"
    rm -rf "$corpus"
    python3 "$here/make_corpus.py" --shared "$shared" --out "$corpus" \
        --size "$size" --seed "$seed" >"$out/corpus.json"
    echo "$stamp" >"$corpus/.stamp"
fi
emit "{\"kind\":\"corpus\",$(sed 's/^{//' "$out/corpus.json")"
emit "{\"kind\":\"machine\",\"nproc\":$(nproc),\"load1\":$(cut -d' ' -f1 /proc/loadavg)}"

# Read the files once so neither the ingest nor grep pays for cold I/O.
find "$corpus" -type f -print0 | xargs -0 cat >/dev/null

db="$out/evidex.db"
rm -f "$db" "$db-wal" "$db-shm"
jobs_arg=()
[ "$jobs" != 0 ] && jobs_arg=(--jobs "$jobs")
log "ingest (ingest_bench: ev_indexer_add in process)"
emit "{\"kind\":\"load_before_ingest\",\"load1\":$(cut -d' ' -f1 /proc/loadavg)}"
/usr/bin/time -v -o "$out/ingest.time" "$bin/ingest_bench" --db "$db" \
    "${jobs_arg[@]}" "$corpus" >"$out/ingest.json" 2>"$out/ingest.err" || {
    cat "$out/ingest.err" >&2; exit 2; }
db_bytes=$(( $(stat -c %s "$db") + $(stat -c %s "$db-wal" 2>/dev/null || echo 0) ))
emit "{\"kind\":\"ingest\",$(sed 's/^{//; s/}$//' "$out/ingest.json"),\"time_maxrss_kb\":$(rss_of "$out/ingest.time"),\"db_bytes\":$db_bytes}"

log "bare FTS5 baseline (designs: $designs)"
dump="$out/passages.dump"
first=1
for d in ${designs//,/ }; do
    from=()
    [ $first = 1 ] && from=(--from "$db")
    "$bin/fts_baseline" "${from[@]}" --to "$out/baseline-$d.db" \
        --dump "$dump" --design "$d" >"$out/baseline-$d.json"
    emit "$(sed 's/^{/{"kind":"baseline",/' "$out/baseline-$d.json")"
    rm -f "$out/baseline-$d.db"*
    first=0
done
rm -f "$dump"

log "grep/rg over the files for 74.5"
for tool in grep rg; do
    command -v $tool >/dev/null || continue
    best=1e9
    for _ in 1 2 3; do
        t0=$(now)
        if [ $tool = grep ]; then
            grep -rcF '74.5' "$corpus" >/dev/null || true
        else
            rg -c -F '74.5' "$corpus" >/dev/null || true
        fi
        t=$(since "$t0")
        best=$(awk -v a="$t" -v b="$best" 'BEGIN { print (a < b) ? a : b }')
    done
    emit "{\"kind\":\"scan\",\"tool\":\"$tool\",\"seconds\":$best}"
done

log "re-add of the unchanged corpus (CLI)"
t0=$(now)
/usr/bin/time -v -o "$out/readd.time" "$evidex" --db "$db" add "$corpus" \
    --json --no-progress >"$out/readd.json" 2>"$out/readd.err" || true
t=$(since "$t0")
emit "{\"kind\":\"readd\",\"wall\":$t,\"maxrss_kb\":$(rss_of "$out/readd.time"),\"cli\":$(tail -1 "$out/readd.json")}"

log "query latency (query_bench, $nq queries per kind)"
/usr/bin/time -v -o "$out/query.time" "$bin/query_bench" --db "$db" \
    --n "$nq" --budget "$budget" --kinds search,sources,sources74,conflicts \
    >"$out/query.json" 2>"$out/query.err" || { cat "$out/query.err" >&2; }
sed 's/^{"kind":"/{"kind":"query","q":"/' "$out/query.json" >>"$res"
emit "{\"kind\":\"query_rss\",\"maxrss_kb\":$(rss_of "$out/query.time")}"
# One check can run for minutes on a large index: a hard time limit, so
# the run finishes and says so.
log "check of 2-page drafts (time limit ${check_limit}s)"
timeout "$check_limit" "$bin/query_bench" --db "$db" --n "$nq" \
    --budget "$budget" --kinds check --draft-out "$out/draft.md" \
    >"$out/check.json" 2>"$out/check.err" ||
    emit "{\"kind\":\"check_timeout\",\"seconds\":$check_limit}"
grep '"check"' "$out/check.json" |
    sed 's/^{"kind":"/{"kind":"query","q":"/' >>"$res" || true

log "CLI process wall time (10 runs each, check once; 60 s limit)"
cli_time() {
    local name=$1 runs=$2; shift 2
    local ts=()
    for _ in $(seq "$runs"); do
        t0=$(now)
        timeout 60 "$evidex" --db "$db" "$@" >/dev/null 2>&1 || true
        ts+=("$(since "$t0")")
    done
    local p50
    p50=$(printf '%s\n' "${ts[@]}" | sort -g | sed -n "$(( (runs + 1) / 2 ))p")
    emit "{\"kind\":\"cli\",\"cmd\":\"$name\",\"p50_s\":$p50}"
}
cli_time search 10 search 'protein expression'
cli_time sources 10 sources '74.5%'
cli_time conflicts 10 conflicts --about cost
[ -f "$out/draft.md" ] && cli_time check 1 check "$out/draft.md"

log "seeds index (answers under 50 ms each)"
sdb="$out/seeds.db"
rm -f "$sdb"*
"$evidex" --db "$sdb" add "$shared/corpus/seeds" --json --no-progress \
    >/dev/null 2>&1
timeout "$check_limit" "$bin/query_bench" --db "$sdb" --n "$nq" \
    --budget 60 --kinds sources,conflicts,check 2>/dev/null |
    sed 's/^{"kind":"/{"kind":"seeds","q":"/' >>"$res"

python3 "$here/report.py" "$res" | tee "$out/table.txt"
