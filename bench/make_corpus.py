#!/usr/bin/env python3
"""Builds the benchmark corpus: the real articles of ../shared/eval-public
(JATS .txt and .xml, quantity .txt, HTML source.html) and the seeds,
rendered in their own formats and repeated until the total reaches the
requested size. Copy 0 is verbatim; every later copy varies figures and
proper nouns deterministically (from --seed and the copy number) so the
index holds distinct documents, not duplicates.

The variation keeps each file well formed and internally consistent:
only text outside markup changes (never tags, attributes or entities),
and within one copy a token always maps to the same replacement, so an
author-year marker still matches its reference entry and a number keeps
its digit count (a year stays a four-digit year).

Usage: make_corpus.py --shared DIR --out DIR [--size GB] [--seed N]
Prints one JSON line: files, bytes, copies.
"""
import argparse
import hashlib
import json
import os
import re
import sys

# A capitalised word: a candidate proper noun.
CAP = re.compile(rb"\b[A-Z][a-z]{2,}\b")
DIGITS = re.compile(rb"[0-9]+")
# Markup (tags, comments, CDATA and entities) is copied unchanged.
MARKUP = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[^>]*>|&[#A-Za-z0-9]+;",
                    re.S)

SYLL = [b"ka", b"ro", b"mi", b"den", b"tal", b"vo", b"sen", b"lu", b"bar",
        b"ni", b"gor", b"el", b"an", b"ste", b"wik", b"pra", b"ho", b"zu"]

# Words whose change would alter how a document is read (section names,
# reference-list keywords, months), not just what it says.
KEEP = {b"References", b"Abstract", b"Introduction", b"Results",
        b"Discussion", b"Methods", b"Conclusion", b"Conclusions", b"Figure",
        b"Table", b"Fig", b"The", b"This", b"These", b"That", b"There",
        b"January", b"February", b"March", b"April", b"May", b"June",
        b"July", b"August", b"September", b"October", b"November",
        b"December", b"Bibliography", b"Notes", b"Acknowledgements",
        b"Acknowledgments", b"Supplementary", b"Appendix", b"DOI", b"PMID"}


def h64(*parts):
    m = hashlib.blake2b(digest_size=8)
    for p in parts:
        m.update(p if isinstance(p, bytes) else str(p).encode())
        m.update(b"\0")
    return int.from_bytes(m.digest(), "little")


class Varier:
    """Deterministic per-copy replacement of numbers and names."""

    def __init__(self, seed, copy):
        self.key = b"%d/%d" % (seed, copy)
        self.nums = {}
        self.names = {}

    def num(self, m):
        tok = m.group(0)
        r = self.nums.get(tok)
        if r is None:
            x = h64(self.key, tok)
            if x % 3 == 0 or len(tok) > 9:
                r = tok  # a third of the numbers stay as they are
            else:
                n = len(tok)
                v = (int(tok) + 1 + (x >> 8) % (10 ** min(n, 6))) % (10 ** n)
                s = b"%d" % v
                if tok[0:1] == b"0" or n == 1:
                    s = s.rjust(n, b"0")
                elif len(s) < n:  # keep the digit count: no leading zero
                    s = b"1" + s.rjust(n - 1, b"0")
                r = s
            self.nums[tok] = r
        return r

    def name(self, m):
        tok = m.group(0)
        if tok in KEEP:
            return tok
        r = self.names.get(tok)
        if r is None:
            x = h64(self.key, b"n", tok)
            if x % 2 == 0:
                r = tok
            else:
                parts = []
                x >>= 1
                while sum(len(p) for p in parts) < max(3, len(tok) - 1):
                    parts.append(SYLL[x % len(SYLL)])
                    x //= len(SYLL)
                    if x == 0:
                        x = h64(self.key, b"m", tok, len(parts))
                r = b"".join(parts).capitalize()
            self.names[tok] = r
        return r

    def text(self, s):
        return CAP.sub(self.name, DIGITS.sub(self.num, s))

    def markup(self, data):
        out = []
        pos = 0
        for m in MARKUP.finditer(data):
            if m.start() > pos:
                out.append(self.text(data[pos:m.start()]))
            out.append(m.group(0))
            pos = m.end()
        out.append(self.text(data[pos:]))
        return b"".join(out)


def sources(shared):
    """(relative output name, path, is_markup) of every base document."""
    ev = os.path.join(shared, "eval-public")
    out = []
    jats = os.path.join(ev, "jats")
    for f in sorted(os.listdir(jats)):
        if f.endswith(".txt") or f.endswith(".xml"):
            out.append(("jats/" + f, os.path.join(jats, f), f.endswith(".xml")))
    q = os.path.join(ev, "quantities")
    for root, _dirs, files in sorted(os.walk(q)):
        for f in sorted(files):
            if f.endswith(".txt"):
                rel = os.path.relpath(os.path.join(root, f), q)
                out.append(("quantities/" + rel.replace("/", "-"),
                            os.path.join(root, f), False))
    html = os.path.join(ev, "html")
    for d in sorted(os.listdir(html)):
        p = os.path.join(html, d, "source.html")
        if os.path.isfile(p):
            out.append(("html/" + d + ".html", p, True))
    seeds = os.path.join(shared, "corpus", "seeds")
    for f in sorted(os.listdir(seeds)):
        if f.endswith(".txt"):
            out.append(("seeds/" + f, os.path.join(seeds, f), False))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--size", type=float, default=1.0, help="GB (1e9 bytes)")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    target = int(a.size * 1e9)
    base = [(rel, open(p, "rb").read(), mk) for rel, p, mk in sources(a.shared)]
    if not base:
        sys.exit("make_corpus: no source documents under " + a.shared)
    total = files = copy = 0
    while total < target:
        v = Varier(a.seed, copy)
        d = os.path.join(a.out, "c%03d" % copy)
        for rel, data, mk in base:
            if total >= target:
                break
            if copy:
                data = v.markup(data) if mk else v.text(data)
            sub, name = os.path.split(rel)
            p = os.path.join(d, sub, "c%03d-%s" % (copy, name))
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "wb") as f:
                f.write(data)
            total += len(data)
            files += 1
        copy += 1
    print(json.dumps({"files": files, "bytes": total, "copies": copy}))


if __name__ == "__main__":
    main()
