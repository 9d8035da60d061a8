#!/usr/bin/env python3
"""Prints the benchmark table from bench/run.sh's results.jsonl, with
each figure next to its issue-7 target. MB = 1e6 bytes of source files
unless a row says text."""
import json
import sys


def main():
    rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
    by = {}
    for r in rows:
        by.setdefault(r["kind"], []).append(r)
    one = lambda k: by.get(k, [{}])[0]
    corpus, ing, readd = one("corpus"), one("ingest"), one("readd")
    src = ing.get("bytes") or corpus.get("bytes") or 1
    mb = src / 1e6
    text_mb = ing.get("text_bytes", 0) / 1e6
    out = []

    def row(name, value, target="", ok=None):
        mark = "" if ok is None else ("ok" if ok else "MISSED")
        out.append((name, value, target, mark))

    m = one("machine")
    row("machine", "%d cores, load %.1f at start, %.1f before ingest" % (
        m.get("nproc", 0), m.get("load1", 0),
        one("load_before_ingest").get("load1", 0)))
    row("corpus", "%d files, %.0f MB source, %.0f MB text, %d copies" % (
        corpus.get("files", 0), mb, text_mb, corpus.get("copies", 0)))
    wall = ing.get("wall", 0) or 1e-9
    cpu = ing.get("cpu_user", 0) + ing.get("cpu_sys", 0)
    ing_mbs = mb / wall
    row("ingest wall", "%.1f s = %.2f MB/s (%.2f MB/s of text)" % (
        wall, ing_mbs, text_mb / wall))
    row("ingest CPU", "%.1f s = %.2f MB/s per CPU second" % (cpu, mb / cpu if cpu else 0))
    for st in ("parse", "extract", "pack", "index"):
        c = ing.get("cpu_" + st, 0)
        row("  stage %s (CPU)" % st, "%.1f s = %.1f MB/s" % (
            c, mb / c if c else 0))
    if "wall_commit" in ing:
        row("  writer wall", "%.1f s committing, %.1f s waiting for workers,"
            " %.1f s compacting" % (ing["wall_commit"], ing["wall_wait"],
                                    ing["wall_compact"]))
    base = {b["design"]: b for b in by.get("baseline", [])}
    for d, b in base.items():
        bw = b["wall"] or 1e-9
        row("baseline FTS5 '%s'" % d,
            "%.1f s wall (%.1f CPU) = %.2f MB/s, %.2f MB/s of text; db %.2fx source" % (
                bw, b["cpu"], b["source_bytes"] / 1e6 / bw,
                b["text_bytes"] / 1e6 / bw, b["db_bytes"] / max(1, b["source_bytes"])))
    if "ext" in base:
        b = base["ext"]
        r = ing_mbs / (b["source_bytes"] / 1e6 / b["wall"])
        row("ingest / baseline 'ext' (wall)", "%.2fx" % r, ">= 0.8x", r >= 0.8)
        if ing.get("cpu_index"):
            row("  writer CPU / baseline CPU", "%.2fx (%.1f s vs %.1f s)" % (
                ing["cpu_index"] / b["cpu"], ing["cpu_index"], b["cpu"]))
    if "db_bytes" in ing:
        r = ing["db_bytes"] / src
        row("index size / input", "%.2fx (%.0f MB; %.2fx the text)" % (
            r, ing["db_bytes"] / 1e6, ing["db_bytes"] / max(1, ing.get("text_bytes", 1))),
            "<= 1.2x", r <= 1.2)
    rss = max(ing.get("time_maxrss_kb", 0), ing.get("maxrss_kb", 0)) / 1024
    row("peak RSS ingest", "%.0f MB" % rss, "< 256 MB", rss < 256)
    if readd:
        row("re-add unchanged (CLI)", "%.2f s wall, %.0f MB RSS" % (
            readd["wall"], readd.get("maxrss_kb", 0) / 1024), "< 5 s",
            readd["wall"] < 5)
    q = {r["q"]: r for r in by.get("query", [])}
    targets = {"search": 20, "sources": 5, "check": 200}
    for k in ("search", "sources", "sources74", "conflicts", "check"):
        r = q.get(k)
        if not r or not r.get("n"):
            continue
        t = targets.get(k)
        row("query %s (in process)" % k,
            "p50 %.2f ms, p95 %.2f ms (n=%d, mean answers %.1f)" % (
                r["p50_ms"], r["p95_ms"], r["n"], r["mean_answers"]),
            "p50 < %d ms" % t if t else "", r["p50_ms"] < t if t else None)
        if r["n"] < 200:
            row("  (budget)", "only %d queries ran in the time budget" % r["n"])
    ct = one("check_timeout")
    if ct:
        row("query check (in process)", "did not finish within %d s" % ct["seconds"],
            "p50 < 200 ms", False)
    scans = {s["tool"]: s["seconds"] for s in by.get("scan", [])}
    s74 = q.get("sources74")
    for tool, sec in scans.items():
        row("%s -c 74.5 over the files" % tool, "%.3f s" % sec)
        if s74 and s74.get("n"):
            r = sec * 1e3 / s74["p50_ms"]
            row("  sources 74.5%% vs %s" % tool,
                ("%.0fx" if r >= 10 else "%.2fx") % r + " as fast",
                ">= 100x", r >= 100)
    qr = one("query_rss")
    if qr:
        row("peak RSS queries", "%.0f MB" % (qr["maxrss_kb"] / 1024))
    for c in by.get("cli", []):
        row("CLI process %s" % c["cmd"], "p50 %.0f ms wall" % (c["p50_s"] * 1e3))
    for r in by.get("seeds", []):
        if r.get("q") in ("sources", "conflicts", "check") and r.get("n"):
            row("seeds %s" % r["q"], "p50 %.2f ms, max %.2f ms (n=%d)" % (
                r["p50_ms"], r["max_ms"], r["n"]), "< 50 ms",
                r["max_ms"] < 50)
    w = [max(len(str(x[i])) for x in out) for i in range(3)]
    print("%-*s  %-*s  %-*s  %s" % (w[0], "figure", w[1], "measured", w[2],
                                    "target", "status"))
    for a, b, c, d in out:
        print("%-*s  %-*s  %-*s  %s" % (w[0], a, w[1], b, w[2], c, d))


if __name__ == "__main__":
    main()
