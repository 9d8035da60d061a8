#!/bin/sh
# Writes the seed corpora of the fuzz targets into fuzz/corpus-<target>/
# (gitignored) from tests/data, the hostile fixtures, the shared public
# evaluation set (read in place, small pieces only) and hand-made snippets;
# the lz target also gets frames written by a built bench/lz_bench
# (build*/bench/lz_bench, or $EV_LZ_BENCH) when there is one.
# Re-running adds seeds; it never deletes what fuzzing has found.
#
# usage: fuzz/seeds.sh [SHARED_DIR]   (default: ../shared next to the repo)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
shared=${1:-$(cd "$root/.." && pwd)/shared}
exec python3 - "$here" "$root" "$shared" <<'PY'
import hashlib, json, os, re, sys, glob, zlib

fuzz, root, shared = sys.argv[1:4]
ep = os.path.join(shared, "eval-public")
counts = {}

def put(target, data, cap=None):
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    if cap is not None:
        data = data[:cap]
    d = os.path.join(fuzz, "corpus-" + target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    p = os.path.join(d, name)
    if not os.path.exists(p):
        with open(p, "wb") as f:
            f.write(data)
        counts[target] = counts.get(target, 0) + 1

def read(p, mode="rb"):
    with open(p, mode) as f:
        return f.read()

def files(pattern, limit):
    return sorted(glob.glob(pattern))[:limit]

# ---- sentences and short texts ----
sentences = []
for sub in ("recognizers", "newsquant", "quantulum"):
    for p in files(os.path.join(ep, "quantities", sub, "docs", "*.txt"), 40):
        for line in read(p, "r").splitlines():
            if line.strip():
                sentences.append(line)
for p in files(os.path.join(ep, "quantities", "measeval", "*.txt"), 120):
    sentences.append(read(p, "r"))
for p in files(os.path.join(shared, "corpus", "seeds", "*.txt"), 20):
    for para in re.split(r"\n\s*\n", read(p, "r")):
        if 20 < len(para) < 4000:
            sentences.append(para)
hand = [
    "Japan paid 74.5% of the costs in FY2019, about $2 billion.",
    "Some 54,000 troops; fifty-four thousand; 40-50%; from 72 to 57 percent.",
    "According to a 2019 report by the Congressional Research Service, costs rose.",
    "U.S. Gen. Smith et al. (2019b) said No. 5 was e.g. fine.[12] Next.",
    "It rose threefold, one in five, 3:1, hundreds of millions, ¥1.2 trillion.",
    "1,2,3,4,5,6,7,8,9,0.5e10 1e308 -0 ¾ ½ 10^9 9999999999999999999999 %%%$$$",
    "",
    "\u00a0\u2009\u2013\u2014\u2212 12\u202f000 \u20ac 3,5 %",
]
sentences += hand
for i, s in enumerate(sentences[:1500]):
    for t in ("numbers", "sentences", "attrib"):
        put(t, s, 8192)

# ---- figures ----
figs = set(["74.5%", "54,000 troops", "$2 billion", "40-50%",
            "fifty-four thousand", "~3 mg/kg", ">= 10 percent", "1e9",
            "USD 5m", "£3.2bn", "12 per cent", "3-4 million people",
            "between 5 and 6 km", "0", "-", "%", "$", "1/2", "2019"])
for sub in ("recognizers", "newsquant", "quantulum", "measeval"):
    g = os.path.join(ep, "quantities", sub, "gold.jsonl")
    if os.path.exists(g):
        for line in read(g, "r").splitlines()[:400]:
            try:
                s = json.loads(line).get("surface")
            except ValueError:
                continue
            if s:
                figs.add(s)
for s in sorted(figs):
    put("figure", s)

# ---- plain-text documents: layout and whole extraction ----
docs = []
for p in files(os.path.join(shared, "corpus", "seeds", "*.txt"), 20):
    docs.append(read(p))
for p in files(os.path.join(root, "tests", "data", "*", "*.txt"), 50):
    docs.append(read(p))
for p in files(os.path.join(root, "tests", "data", "*", "*.md"), 50):
    docs.append(read(p))
for p in files(os.path.join(ep, "jats", "*.txt"), 30):
    b = read(p)
    docs.append(b[:12000])
    docs.append(b[-12000:])   # the reference list is at the end
for d in docs:
    put("layout", d, 65536)
    put("extract", d, 65536)
for s in hand:
    put("layout", s)
    put("extract", s)

# ---- markup: first byte picks the reader (0 detect, 1 html, 2 xml) ----
snips = [
    b"<html><head><title>T</title></head><body><article><p>Costs rose 5% "
    b"in 2019.<sup><a href='#fn1'>1</a></sup></p><ol><li id='fn1'>See "
    b"<a href='http://example.org/r'>report</a>.</li></ol></article></body></html>",
    b"<?xml version='1.0'?><article><front><article-meta><title-group>"
    b"<article-title>X</article-title></title-group></article-meta></front>"
    b"<body><sec><p>We saw 12 cases <xref ref-type='bibr' rid='b1'>[1]</xref>."
    b"</p></sec></body><back><ref-list><ref id='b1'><element-citation>"
    b"<person-group><name><surname>Li</surname></name></person-group>"
    b"<year>2001</year></element-citation></ref></ref-list></back></article>",
    b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body><p>About 3 mg "
    b"<ref type='bibr' target='#b0'>(Doe, 2010)</ref></p></body><back>"
    b"<listBibl><biblStruct xml:id='b0'><monogr><title>T</title></monogr>"
    b"</biblStruct></listBibl></back></text></TEI>",
    b"<!DOCTYPE article [<!ENTITY x SYSTEM 'http://example.invalid/x'>]>"
    b"<article><body><p>&x; 5%</p></body></article>",
]
for s in snips:
    for k in (b"\x00", b"\x01", b"\x02"):
        put("markup", k + s)
for p in files(os.path.join(ep, "html", "*", "source.html"), 25):
    put("markup", b"\x01" + read(p), 65537)
for p in files(os.path.join(ep, "jats", "*.xml"), 25):
    put("markup", b"\x02" + read(p), 65537)
    put("markup", b"\x00" + read(p), 65537)
for p in files(os.path.join(ep, "quantities", "grobid", "*.tei.xml"), 12):
    put("markup", b"\x02" + read(p), 65537)
for p in files(os.path.join(root, "tests", "data", "*", "*.htm*"), 40) + \
         files(os.path.join(root, "tests", "data", "*", "*.xml"), 40):
    put("markup", b"\x00" + read(p), 65537)

# ---- pdf ----
def tiny_pdf(text, pages=1, count=None):
    objs = []
    kids = " ".join("%d 0 R" % (4 + 2 * i) for i in range(pages))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(("<< /Type /Pages /Kids [%s] /Count %d >>"
                 % (kids, count if count is not None else pages)).encode())
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i in range(pages):
        stream = ("BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text).encode()
        objs.append(("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                     "/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
                     % (5 + 2 * i)).encode())
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream +
                    b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offs = []
    for i, o in enumerate(objs):
        offs.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += (b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objs) + 1, xref))
    return bytes(out)

put("pdf", tiny_pdf("Costs rose 74.5% in 2019 (Smith, 2019)."))
put("pdf", tiny_pdf("Page text 12", pages=3))
put("pdf", tiny_pdf("claims a billion pages", count=10**9))
for p in files(os.path.join(root, "tests", "data", "*", "*.pdf"), 20):
    put("pdf", read(p), 1 << 20)

# ---- search queries ----
qs = ["host nation", "\"stationing costs\"", "cost*", "japan AND troops",
      "japan OR korea", "NOT x", "japan NOT korea", "NEAR(japan costs, 5)",
      "text:japan", "^host", "(a OR b) AND c", "\"", "(", ")", "*", "AND",
      "café", "{text}: japan", "- minus", "+plus", "'apos'", "a\x01b",
      "\xff\xfe", "japan:", "\"unterminated", "NEAR(", "x" * 300, ""]
for p in files(os.path.join(shared, "corpus", "seeds", "*.txt"), 5):
    words = re.findall(r"[A-Za-z]{4,}", read(p, "r"))
    for i in range(0, min(len(words), 200), 7):
        qs.append(" ".join(words[i:i + 1 + i % 4]))
for q in qs:
    put("search", q)

# the hostile fixtures go to every target
for p in files(os.path.join(root, "tests", "data", "hostile", "*"), 100):
    b = read(p)
    for t in ("numbers", "sentences", "attrib", "layout", "extract",
              "figure", "search"):
        put(t, b, 65536)
    put("markup", b"\x00" + b, 65537)

# ---- lz: frames to unpack and bytes to pack ----
lz_texts = [s.encode("utf-8", "surrogateescape") for s in hand if s]
lz_texts += [s.encode("utf-8", "surrogateescape")[:4096]
             for s in sentences[:40:4]]
for p in files(os.path.join(shared, "corpus", "seeds", "*.txt"), 2):
    lz_texts.append(read(p)[:16384])
lz_texts += [b"a" * 300, bytes(range(256)) * 2]
for t in lz_texts:
    put("lz", t, 65536)
def varint(n):
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7f) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)
# hand-made frames: stored; method 1 with literals, a match of offset 1
# (a run), a 3-byte offset form and length extensions
put("lz", varint(5) + b"\x00hello")
put("lz", varint(40) + b"\x01\x1f" + b"x" + b"\x01\x00" + varint(20))
put("lz", varint(10) + b"\x01\x60abcdef\x06\x80\x00")
put("lz", varint(0) + b"\x00")
# frames of each method from the bench tool of a build, when there is one
import subprocess, tempfile
cands = [os.environ.get("EV_LZ_BENCH", "")]
cands += sorted(glob.glob(os.path.join(root, "build*", "bench", "lz_bench")))
tool = next((c for c in cands if c and os.access(c, os.X_OK)), None)
if tool:
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "src")
        os.mkdir(src)
        for i, t in enumerate(lz_texts):
            with open(os.path.join(src, "%03d" % i), "wb") as f:
                f.write(t)
        for mask in ("2", "4", "0x104"):
            out = os.path.join(tmp, "out" + mask)
            os.mkdir(out)
            if subprocess.run([tool, "-r", "1", "-m", mask, "-o", out, src],
                              stdout=subprocess.DEVNULL).returncode == 0:
                for name in sorted(os.listdir(out)):
                    put("lz", read(os.path.join(out, name)), 65536)

for t in sorted(counts):
    print("seeds: %-10s +%d" % (t, counts[t]))
PY
