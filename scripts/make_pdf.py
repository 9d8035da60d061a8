#!/usr/bin/env python3
"""Writes a small PDF from a text file, for tests (no dependencies).

usage: make_pdf.py [--columns 2] [--header TEXT] [--page-numbers]
                   [--font-size 10] [--hyphenate] IN.txt OUT.pdf

Standard Helvetica with WinAnsiEncoding, US Letter pages. Paragraphs are
blank-line separated. Markup for fixtures:
  ^{3}            a superscript footnote marker (raised, smaller)
  @fn 3 TEXT      (a paragraph of its own) footnote 3, set in a smaller font
                  at the foot of the page where its marker falls
  # TEXT          a heading (larger font)
--header puts a running header on every page; --page-numbers a lone page
number at the foot; --hyphenate breaks long words at line ends with '-'.
"""
import argparse
import re
import zlib

# Helvetica advance widths (per 1000 em) for WinAnsi 32..126.
W = [278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333,
     278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278,
     584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278,
     500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944,
     667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556,
     278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500,
     278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584]


def width(s, size):
    total = 0
    for ch in s.encode("cp1252", errors="replace"):
        total += W[ch - 32] if 32 <= ch <= 126 else 556
    return total * size / 1000.0


def esc(s):
    b = s.encode("cp1252", errors="replace")
    out = bytearray()
    for c in b:
        if c in (0x28, 0x29, 0x5C):
            out += b"\\" + bytes([c])
        elif c < 32 or c > 126:
            out += b"\\%03o" % c
        else:
            out.append(c)
    return out.decode("latin-1")


class Page:
    def __init__(self):
        self.ops = []
        self.notes = []

    def text(self, x, y, s, size):
        self.ops.append("BT /F1 %.1f Tf %.2f %.2f Td (%s) Tj ET" %
                        (size, x, y, esc(s)))


def layout(paras, notes, a):
    pw, ph, margin = 612.0, 792.0, 72.0
    gap = 24.0
    ncol = a.columns
    colw = (pw - 2 * margin - gap * (ncol - 1)) / ncol
    size = a.font_size
    lead = size * 1.3
    pages = [Page()]
    state = {"col": 0, "y": ph - margin - (20 if a.header else 0)}
    bottom = margin + 20

    def note_room(p):
        return sum(len(wrap_plain("%s %s" % n, colw * ncol, size * 0.8)) for n in p.notes) * size + (6 if p.notes else 0)

    def newline(h):
        state["y"] -= h
        if state["y"] < bottom + note_room(pages[-1]):
            state["col"] += 1
            state["y"] = ph - margin - (20 if a.header else 0) - h
            if state["col"] >= ncol:
                state["col"] = 0
                pages.append(Page())

    for kind, text in paras:
        fs = size * 1.4 if kind == "h" else size
        words = re.split(r"(\s+)", text)
        tokens = [w for w in words if w and not w.isspace()]
        line = []
        lw = 0.0
        newline(fs * 1.3)

        def flush(line):
            x = margin + state["col"] * (colw + gap)
            for tok, tw in line:
                m = re.fullmatch(r"(.*?)\^\{([^}]*)\}(.*)", tok)
                if m:
                    pre, sup, post = m.groups()
                    pages[-1].text(x, state["y"], pre, fs)
                    sx = x + width(pre, fs)
                    pages[-1].text(sx, state["y"] + fs * 0.4, sup, fs * 0.6)
                    sx += width(sup, fs * 0.6)
                    if post:
                        pages[-1].text(sx, state["y"], post, fs)
                    if sup in notes and sup not in [n[0] for n in pages[-1].notes]:
                        pages[-1].notes.append((sup, notes[sup]))
                else:
                    pages[-1].text(x, state["y"], tok, fs)
                x += tw + width(" ", fs)

        for tok in tokens:
            plain = re.sub(r"\^\{[^}]*\}", "", tok)
            tw = width(plain, fs) + (width(re.sub(r".*\^\{([^}]*)\}.*", r"\1", tok), fs * 0.6) if "^{" in tok else 0)
            space = width(" ", fs)
            if line and lw + space + tw > colw:
                if a.hyphenate and len(plain) >= 8 and plain.isalpha():
                    room = colw - lw - space
                    k = len(plain) - 3
                    while k >= 3 and width(plain[:k] + "-", fs) > room:
                        k -= 1
                    if k >= 3:
                        line.append((plain[:k] + "-", width(plain[:k] + "-", fs)))
                        flush(line)
                        newline(lead)
                        rest = plain[k:]
                        line, lw = [(rest, width(rest, fs))], width(rest, fs)
                        continue
                flush(line)
                newline(lead)
                line, lw = [], 0.0
            lw = lw + (space if line else 0) + tw
            line.append((tok, tw))
        if line:
            flush(line)
        state["y"] -= lead * 0.6
    # headers, page numbers, footnotes
    for i, p in enumerate(pages):
        if a.header:
            p.text(margin, ph - margin + 10, a.header, size * 0.8)
        if a.page_numbers:
            p.text(pw / 2, margin - 20, str(i + 1), size * 0.8)
        y = margin + note_room(p)
        for label, text in p.notes:
            for j, ln in enumerate(wrap_plain("%s %s" % (label, text), pw - 2 * margin, size * 0.8)):
                y -= size
                p.text(margin, y + 8, ln, size * 0.8)
    return pages


def wrap_plain(text, w, size):
    out, line = [], ""
    for tok in text.split():
        t = (line + " " + tok) if line else tok
        if width(t, size) > w and line:
            out.append(line)
            line = tok
        else:
            line = t
    if line:
        out.append(line)
    return out


def write_pdf(pages, path):
    objs = []

    def add(body):
        objs.append(body)
        return len(objs)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
               b"/Encoding /WinAnsiEncoding >>")
    pages_id = len(objs) + 1 + 2 * len(pages)
    kids = []
    for p in pages:
        data = zlib.compress("\n".join(p.ops).encode("latin-1"))
        c = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data)
                + data + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792]"
                        b" /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                        % (pages_id, font, c)))
    add(b"<< /Type /Pages /Kids [%s] /Count %d >>" %
        (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
    cat = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, body in enumerate(objs):
        offs.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1, cat, xref)
    with open(path, "wb") as f:
        f.write(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--columns", type=int, default=1)
    ap.add_argument("--header", default="")
    ap.add_argument("--page-numbers", action="store_true")
    ap.add_argument("--font-size", type=float, default=10)
    ap.add_argument("--hyphenate", action="store_true")
    ap.add_argument("src")
    ap.add_argument("dst")
    a = ap.parse_args()
    text = open(a.src, encoding="utf-8").read()
    paras, notes = [], {}
    for block in re.split(r"\n\s*\n", text):
        block = " ".join(block.split())
        if not block:
            continue
        m = re.match(r"@fn (\S+) (.*)", block)
        if m:
            notes[m.group(1)] = m.group(2)
        elif block.startswith("# "):
            paras.append(("h", block[2:]))
        else:
            paras.append(("p", block))
    write_pdf(layout(paras, notes, a), a.dst)


if __name__ == "__main__":
    main()
