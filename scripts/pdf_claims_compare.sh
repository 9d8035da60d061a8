#!/bin/sh
# PDF round trip: makes a PDF of each seed text (two columns, running
# header, page numbers, hyphenation) with scripts/make_pdf.py, runs
# claims_dump on the text and on the PDF, and prints the share of the
# text's claims (value_lo, value_hi, unit) that the PDF also gives.
# usage: scripts/pdf_claims_compare.sh CLAIMS_DUMP [SEED_DIR]
here=$(cd "$(dirname "$0")/.." && pwd)
dump=${1:?usage: pdf_claims_compare.sh CLAIMS_DUMP [SEED_DIR]}
seeds=${2:-$here/../shared/corpus/seeds}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$seeds"/*.txt; do
    b=$(basename "$f" .txt)
    python3 "$here/scripts/make_pdf.py" --columns 2 --header "Seed $b" \
        --page-numbers --hyphenate "$f" "$tmp/$b.pdf" || exit 2
    "$dump" "$f" > "$tmp/$b.txt.ndjson"
    "$dump" "$tmp/$b.pdf" > "$tmp/$b.pdf.ndjson"
done
python3 - "$tmp" <<'PY'
import collections, glob, json, os, sys
d = sys.argv[1]
tot = hit = 0
for t in sorted(glob.glob(os.path.join(d, "*.txt.ndjson"))):
    key = lambda c: (c.get("value_lo"), c.get("value_hi"), c.get("unit"))
    a = collections.Counter(key(json.loads(l)) for l in open(t) if l.strip())
    p = t.replace(".txt.ndjson", ".pdf.ndjson")
    b = collections.Counter(key(json.loads(l)) for l in open(p) if l.strip())
    n, h = sum(a.values()), sum((a & b).values())
    tot += n; hit += h
    print(f"{os.path.basename(t)[:-11]} text_claims={n} found_in_pdf={h} extra_in_pdf={sum((b - a).values())}")
    for k in (a - b):
        print("   missing", k)
print(f"pdf round trip: text_claims={tot} found={hit} recall={hit / tot if tot else 0:.4f}")
PY
