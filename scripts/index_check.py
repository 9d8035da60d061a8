#!/usr/bin/env python3
"""Consistency check of an evidex index, for the crash and concurrency tests.

usage: index_check.py DB [--fts]

Prints one line of figures and exits 1 when the index is damaged:
PRAGMA integrity_check, and every document either wholly indexed or
absent: docs.n_passages / n_sents / n_claims / n_refs / n_cites equal the
rows stored for it, its passages, sentences and claims fill exactly its id
ranges (p_lo, s_lo, c_lo: the schema has no foreign keys), and no rows
belong to a missing document. --fts also
runs FTS5's own integrity-check on every FTS5 table.
"""
import os
import sqlite3
import sys

# (count column, table, first-id column or None: rows found by doc_id)
COUNTS = (("n_passages", "passages", "p_lo"), ("n_sents", "sentences", "s_lo"),
          ("n_claims", "claims", "c_lo"), ("n_refs", "refs", None),
          ("n_cites", "cites", None))


def check(path, fts=False):
    """Returns (problems, figures): a list of strings, and a dict."""
    problems = []
    if not os.path.exists(path):
        # killed before it made the file: nothing was indexed, nothing lost
        return problems, {"docs": 0, "half": 0}
    con = sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=30)
    try:
        ic = [r[0] for r in con.execute("PRAGMA integrity_check")]
        if ic != ["ok"]:
            problems.append("integrity_check: " + "; ".join(ic[:5]))
        tables = {r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table','view')")}
        if "docs" not in tables:
            return problems, {"docs": 0, "half": 0}
        n_docs = con.execute("SELECT count(*) FROM docs").fetchone()[0]
        half = set()
        for col, table, lo in COUNTS:
            if lo:
                where = ("t.id BETWEEN d.%s AND d.%s + d.%s - 1 "
                         "AND t.doc_id = d.id" % (lo, lo, col))
                stray = con.execute(
                    "SELECT count(*) FROM %s t WHERE NOT EXISTS (SELECT 1 "
                    "FROM docs d WHERE d.id = t.doc_id AND t.id BETWEEN "
                    "d.%s AND d.%s + d.%s - 1)" % (table, lo, lo, col)
                ).fetchone()[0]
                if stray:
                    problems.append("%d %s rows outside their document's "
                                    "range" % (stray, table))
            elif table == "refs":
                # id = doc id * 2^20 + place (index/index_int.h EV_REF_ID)
                where = "t.id >> 20 = d.id"
            else:
                where = "t.doc_id = d.id"
            rows = con.execute(
                "SELECT d.id, d.path, d.%s, (SELECT count(*) FROM %s t "
                "WHERE %s) FROM docs d" % (col, table, where))
            for did, p, want, got in rows:
                if want != got:
                    half.add(did)
                    problems.append("half-indexed '%s': %s=%d but %d %s rows"
                                    % (p, col, want, got, table))
            orphans = con.execute(
                "SELECT count(*) FROM %s WHERE %s NOT IN "
                "(SELECT id FROM docs)"
                % (table, "id >> 20" if table == "refs" else "doc_id")
            ).fetchone()[0]
            if orphans:
                problems.append("%d %s rows of missing documents"
                                % (orphans, table))
        oc = con.execute("SELECT count(*) FROM claim_cites WHERE claim_id "
                         "NOT IN (SELECT id FROM claims)").fetchone()[0]
        if oc:
            problems.append("%d claim_cites rows of missing claims" % oc)
        os_ = con.execute("SELECT count(*) FROM claims c JOIN sentences s "
                          "ON s.id = c.sent_id WHERE c.id NOT BETWEEN s.c_lo "
                          "AND s.c_hi OR c.doc_id <> s.doc_id").fetchone()[0]
        if os_:
            problems.append("%d claims outside their sentence's range" % os_)
        if fts:
            rw = sqlite3.connect(path, timeout=30)
            try:
                # whatever FTS5 tables this schema version has
                fts_tables = [r[0] for r in con.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' "
                    "AND sql LIKE '%USING fts5%'")]
                for t in fts_tables:
                    try:
                        rw.execute("INSERT INTO %s(%s) VALUES('integrity-check')"
                                   % (t, t))
                    except sqlite3.DatabaseError as e:
                        problems.append("%s integrity-check: %s" % (t, e))
                rw.rollback()
            finally:
                rw.close()
        return problems, {"docs": n_docs, "half": len(half)}
    finally:
        con.close()


def doc_counts(path):
    """{path: (hash, n_passages, n_claims, n_refs, n_cites)}"""
    if not os.path.exists(path):
        return {}
    con = sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=30)
    try:
        # killed before the schema was made: an empty index, not an error
        if not con.execute("SELECT 1 FROM sqlite_master WHERE type='table' "
                           "AND name='docs'").fetchone():
            return {}
        return {r[0]: tuple(r[1:]) for r in con.execute(
            "SELECT path, hash, n_passages, n_claims, n_refs, n_cites "
            "FROM docs")}
    finally:
        con.close()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    probs, fig = check(sys.argv[1], "--fts" in sys.argv[2:])
    for p in probs[:20]:
        print("index_check:", p)
    print("index_check: %d docs, %d half-indexed, %d problems"
          % (fig["docs"], fig["half"], len(probs)))
    sys.exit(1 if probs else 0)
