/*
 * The database schema (version EV_INDEX_SCHEMA_VERSION in PRAGMA
 * user_version) and its creation. Document text is stored once, packed
 * (body.c), as a BLOB in docs.body; passages hold only offsets, and
 * passages_fts reads their text back through a view and ev_text().
 * (Opened without evidex, the file answers every query but those that
 * read passage text: the SQLite shell has no ev_text.) The sentences that carry claims are
 * stored once more, each once however many figures it has, with the
 * claims' short surfaces: reading a claim never reads a whole body
 * (a body is a chain of overflow pages), which is what makes sources,
 * conflicts and check fast on a large index.
 *
 * A document's passages, sentences and claims have consecutive ids,
 * given in text order when it is written (index.c, put_doc_rows), and
 * docs holds the first of each (p_lo, s_lo, c_lo) with their counts;
 * a sentence holds the first and last id of its claims (c_lo, c_hi).
 * (Queries over them say NOT INDEXED where the planner could take a
 * value index instead of the range.)
 * Those ranges stand in for an index on doc_id or sent_id: each would
 * cost a b-tree entry per row on disk and an insert per row while
 * writing. Rows are deleted by the same ranges (there are no foreign
 * keys), inside the transaction that replaces or removes the document.
 * Since a newer document gets larger ids in every table, ordering
 * claims by id orders them by document, then by place.
 */
#include "index_int.h"

#define STR_(x) #x
#define STR(x) STR_(x)

static const char schema_sql[] =
    "CREATE TABLE docs("
    " id INTEGER PRIMARY KEY,"
    " path TEXT NOT NULL UNIQUE,"
    " name TEXT NOT NULL,"
    " format TEXT NOT NULL,"
    " title TEXT, authors TEXT, date TEXT, url TEXT, doi TEXT, year INTEGER,"
    " size INTEGER NOT NULL,"
    " mtime_ns INTEGER NOT NULL,"
    " hash INTEGER NOT NULL,"
    " n_repaired INTEGER NOT NULL DEFAULT 0,"
    " n_passages INTEGER NOT NULL DEFAULT 0,"
    " n_claims INTEGER NOT NULL DEFAULT 0,"
    " n_refs INTEGER NOT NULL DEFAULT 0,"
    " n_cites INTEGER NOT NULL DEFAULT 0,"
    " n_sents INTEGER NOT NULL DEFAULT 0,"
    " p_lo INTEGER NOT NULL DEFAULT 0,"
    " s_lo INTEGER NOT NULL DEFAULT 0,"
    " c_lo INTEGER NOT NULL DEFAULT 0,"
    " body BLOB NOT NULL);"
    "CREATE INDEX docs_name ON docs(name);"
    /* the XPath-like places of passages in their XML or HTML: few
     * distinct ones, each stored once */
    "CREATE TABLE locators("
    " id INTEGER PRIMARY KEY,"
    " text TEXT NOT NULL UNIQUE);"
    "CREATE TABLE passages("
    " id INTEGER PRIMARY KEY,"
    " doc_id INTEGER NOT NULL,"
    " start INTEGER NOT NULL, end INTEGER NOT NULL,"
    " line INTEGER NOT NULL, kind INTEGER NOT NULL, page INTEGER NOT NULL,"
    " loc INTEGER);"
    "CREATE VIEW passages_text(id, text) AS"
    " SELECT p.id, ev_text(d.body, p.start, p.end)"
    " FROM passages p JOIN docs d ON d.id = p.doc_id;"
    "CREATE VIRTUAL TABLE passages_fts USING fts5(text,"
    " content='passages_text', content_rowid='id',"
    " tokenize='porter unicode61 remove_diacritics 2');"
    "CREATE TABLE notes("
    " doc_id INTEGER NOT NULL,"
    " idx INTEGER NOT NULL, label TEXT, text TEXT,"
    " start INTEGER, end INTEGER, urls TEXT,"
    " PRIMARY KEY(doc_id, idx)) WITHOUT ROWID;"
    /* id is EV_REF_ID(doc id, place in the list) (index_int.h); title
     * and container have no type: an integer there is where they lie
     * in text (see EV_REF_PART) */
    "CREATE TABLE refs("
    " id INTEGER PRIMARY KEY,"
    " label TEXT, rid TEXT, text TEXT, authors TEXT,"
    " first_author TEXT, year INTEGER, year_suffix TEXT, title,"
    " container, doi TEXT, pmid TEXT, accessed TEXT, urls TEXT,"
    " start INTEGER, end INTEGER, note INTEGER);"
    "CREATE TABLE cites("
    " doc_id INTEGER NOT NULL,"
    " idx INTEGER NOT NULL, start INTEGER, end INTEGER, kind INTEGER,"
    " marker TEXT, note INTEGER, refs TEXT,"
    " PRIMARY KEY(doc_id, idx)) WITHOUT ROWID;"
    "CREATE TABLE sentences("
    " id INTEGER PRIMARY KEY,"
    " doc_id INTEGER NOT NULL,"
    " start INTEGER NOT NULL, end INTEGER NOT NULL,"
    " c_lo INTEGER NOT NULL, c_hi INTEGER NOT NULL, text TEXT NOT NULL);"
    "CREATE VIRTUAL TABLE sentences_fts USING fts5(text,"
    " content='sentences', content_rowid='id',"
    " tokenize='porter unicode61 remove_diacritics 2');"
    "CREATE TABLE claims("
    " id INTEGER PRIMARY KEY,"
    " doc_id INTEGER NOT NULL,"
    " start INTEGER NOT NULL, end INTEGER NOT NULL, line INTEGER NOT NULL,"
    " surface TEXT NOT NULL, lo REAL, hi REAL, unit TEXT NOT NULL,"
    " unit_detail TEXT, qualifier INTEGER NOT NULL, subject TEXT,"
    " sent_id INTEGER, year INTEGER, block INTEGER, note INTEGER);"
    /* A citation's text and URL are stored only when they differ from
     * those of the footnote or reference it points to. */
    "CREATE TABLE claim_cites("
    " claim_id INTEGER NOT NULL,"
    " ord INTEGER NOT NULL, kind INTEGER NOT NULL, marker TEXT, text TEXT,"
    " url TEXT, note INTEGER, ref INTEGER, start INTEGER, end INTEGER,"
    " PRIMARY KEY(claim_id, ord)) WITHOUT ROWID;"
    /* value lookups, covering what scoring a value reads: points by
     * (unit, lo), the few ranges apart, and the few qualified points
     * ("about 70%") apart again, since they are looked up in a wider
     * window than exact ones */
    "CREATE INDEX claims_point ON claims(unit, lo, hi, qualifier);"
    "CREATE INDEX claims_range ON claims(unit, lo, hi, qualifier)"
    " WHERE hi > lo;"
    "CREATE INDEX claims_qual ON claims(unit, lo, hi, qualifier)"
    " WHERE hi = lo AND qualifier NOT IN (" EV_INDEX_PLAIN_QUALS ");"
    "PRAGMA user_version = " STR(EV_INDEX_SCHEMA_VERSION) ";";

int ev_index__schema(ev_index *idx, int writable, ev_err *err)
{
    int version = 0, rc;
    sqlite3_stmt *st = NULL;
    rc = sqlite3_prepare_v2(idx->db, "PRAGMA user_version", -1, &st, NULL);
    if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        version = sqlite3_column_int(st, 0);
    else if (rc == SQLITE_NOTADB ||
             sqlite3_errcode(idx->db) == SQLITE_NOTADB) {
        sqlite3_finalize(st);
        return ev_err_set(err, EV_EDB, "not an evidex index (not a database)");
    } else {
        ev_index__dberr(idx, err, "cannot read schema version");
        sqlite3_finalize(st);
        return EV_EDB;
    }
    sqlite3_finalize(st);
    if (version == EV_INDEX_SCHEMA_VERSION)
        return 0;
    if (version > EV_INDEX_SCHEMA_VERSION)
        return ev_err_set(err, EV_EDB,
                          "index schema %d is newer than this evidex (%d)",
                          version, EV_INDEX_SCHEMA_VERSION);
    if (version != 0)
        return ev_err_set(err, EV_EDB,
                          "index schema %d is too old: remove the file "
                          "and add the sources again", version);
    if (!writable)
        return ev_err_set(err, EV_ENOTFOUND, "index is empty");
    {
        /* A database that has tables but no version is not ours. */
        sqlite3_stmt *q = NULL;
        int n = 0;
        if (sqlite3_prepare_v2(idx->db, "SELECT count(*) FROM sqlite_master",
                               -1, &q, NULL) == SQLITE_OK &&
            sqlite3_step(q) == SQLITE_ROW)
            n = sqlite3_column_int(q, 0);
        sqlite3_finalize(q);
        if (n > 0)
            return ev_err_set(err, EV_EDB, "not an evidex index "
                              "(database has other tables)");
    }
    if (ev_index__exec(idx, "BEGIN IMMEDIATE", err))
        return EV_EDB;
    /* Another process may have created the schema while we waited. */
    if (sqlite3_prepare_v2(idx->db, "PRAGMA user_version", -1, &st, NULL) ==
            SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (version == EV_INDEX_SCHEMA_VERSION)
        return ev_index__exec(idx, "COMMIT", err) ? EV_EDB : 0;
    if (ev_index__exec(idx, schema_sql, err)) {
        sqlite3_exec(idx->db, "ROLLBACK", NULL, NULL, NULL);
        return EV_EDB;
    }
    return ev_index__exec(idx, "COMMIT", err) ? EV_EDB : 0;
}
