#!/bin/sh
# Scores HTML main-content extraction: for each page folder under DIR
# (default ../shared/eval-public/html), runs doc_dump on source.html and
# score_text.py against expected.txt, then prints the mean precision/recall.
# usage: scripts/score_html.sh [DOC_DUMP] [DIR]
here=$(cd "$(dirname "$0")/.." && pwd)
dump=${1:-$here/build/bench/doc_dump}
dir=${2:-$here/../shared/eval-public/html}
tools=$here/../shared/tools
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for d in "$dir"/*/; do
    name=$(basename "$d")
    "$dump" "$d/source.html" > "$tmp" 2>/dev/null || echo "$name: doc_dump failed" >&2
    printf '%s ' "$name"
    python3 "$tools/score_text.py" "$d/expected.txt" "$tmp"
done | awk '{print; for (i = 2; i <= NF; i++) { split($i, kv, "="); s[kv[1]] += kv[2] } n++}
END { if (n) printf "mean over %d pages: precision=%.4f recall=%.4f f1=%.4f\n", n, s["precision"]/n, s["recall"]/n, s["f1"]/n }'
