#!/usr/bin/env python3
"""Consistency check of an evidex index, for the crash and concurrency tests.

usage: index_check.py DB [--fts]

Prints one line of figures and exits 1 when the index is damaged:
PRAGMA integrity_check, foreign keys, and every document either wholly
indexed or absent (docs.n_passages / n_claims / n_refs / n_cites equal the
rows stored for it, and no rows belong to a missing document). --fts also
runs FTS5's own integrity-check on every FTS5 table.
"""
import os
import sqlite3
import sys

COUNTS = (("n_passages", "passages"), ("n_claims", "claims"),
          ("n_refs", "refs"), ("n_cites", "cites"))


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
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append("foreign_key_check: %d rows" % len(fk))
        tables = {r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table','view')")}
        if "docs" not in tables:
            return problems, {"docs": 0, "half": 0}
        n_docs = con.execute("SELECT count(*) FROM docs").fetchone()[0]
        half = set()
        for col, table in COUNTS:
            rows = con.execute(
                "SELECT d.id, d.path, d.%s, (SELECT count(*) FROM %s t "
                "WHERE t.doc_id = d.id) FROM docs d" % (col, table))
            for did, p, want, got in rows:
                if want != got:
                    half.add(did)
                    problems.append("half-indexed '%s': %s=%d but %d %s rows"
                                    % (p, col, want, got, table))
            orphans = con.execute(
                "SELECT count(*) FROM %s WHERE doc_id NOT IN "
                "(SELECT id FROM docs)" % table).fetchone()[0]
            if orphans:
                problems.append("%d %s rows of missing documents"
                                % (orphans, table))
        oc = con.execute("SELECT count(*) FROM claim_cites WHERE claim_id "
                         "NOT IN (SELECT id FROM claims)").fetchone()[0]
        if oc:
            problems.append("%d claim_cites rows of missing claims" % oc)
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
