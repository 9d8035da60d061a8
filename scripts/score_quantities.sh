#!/bin/sh
# Scores evidex's claims against the eval-public quantity gold sets.
#
# usage: scripts/score_quantities.sh [-b EVIDEX] [-o OUTDIR] [SET...]
#   SET: grobid measeval recognizers quantulum newsquant (default: all)
# For each set: indexes its documents into a fresh database, dumps
# `evidex --json claims`, runs ../shared/tools/score_claims.py and prints
# its summary line. OUTDIR (default /tmp/evidex-quantities) keeps, per set,
# the claims (SET.ndjson) and the scorer's full report with every miss and
# wrong value (SET.score).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
ev=$root/build/cli/evidex
out=/tmp/evidex-quantities
while getopts b:o: o; do
    case $o in
        b) ev=$OPTARG ;;
        o) out=$OPTARG ;;
        *) echo "usage: $0 [-b EVIDEX] [-o OUTDIR] [SET...]" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
q=$root/../shared/eval-public/quantities
tools=$root/../shared/tools
[ -x "$ev" ] || { echo "$0: no evidex binary at $ev (build first, or -b)" >&2; exit 2; }
mkdir -p "$out"
sets=${*:-grobid measeval recognizers quantulum newsquant}
for s in $sets; do
    d=$q/$s
    [ -d "$d/docs" ] && d=$d/docs
    db=$out/$s.db
    rm -f "$db" "$db-wal" "$db-shm"
    "$ev" --db "$db" add "$d"/*.txt >/dev/null 2>"$out/$s.err" || true
    "$ev" --db "$db" --json claims >"$out/$s.ndjson"
    python3 "$tools/score_claims.py" --gold "$q/$s/gold.jsonl" --docs "$d" \
        --pred "$out/$s.ndjson" --show 100000 >"$out/$s.score" 2>&1 || true
    printf '%-12s %s\n' "$s" "$(tail -1 "$out/$s.score")"
done
