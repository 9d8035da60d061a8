/*
 * Opening the index, cached statements, transactions, and writing
 * documents: ev_index_put_doc replaces one document with all its
 * passages, notes, references, markers and claims atomically.
 */
#include "index_int.h"

#include <stdlib.h>
#include <string.h>

static const char *const stmt_sql[ST__COUNT] = {
    [ST_DOC_STATE] = "SELECT id, hash, size, mtime_ns FROM docs WHERE path=?",
    [ST_DOC_TOUCH] = "UPDATE docs SET mtime_ns=? WHERE id=?",
    [ST_DOC_INSERT] =
        "INSERT INTO docs(path, name, format, title, authors, date, url, doi,"
        " year, size, mtime_ns, hash, n_repaired, n_passages, n_claims,"
        " n_refs, n_cites, n_sents, p_lo, s_lo, c_lo, body)"
        " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    [ST_DOC_RANGES] = "SELECT p_lo, p_lo + n_passages - 1, s_lo,"
                      " s_lo + n_sents - 1, c_lo, c_lo + n_claims - 1"
                      " FROM docs WHERE id=?",
    /* the ids a new document's rows take (see schema.c) */
    [ST_NEXT_IDS] = "SELECT (SELECT coalesce(max(id), 0) FROM passages),"
                    " (SELECT coalesce(max(id), 0) FROM sentences),"
                    " (SELECT coalesce(max(id), 0) FROM claims)",
    [ST_DEL_PASSAGES] = "DELETE FROM passages WHERE id BETWEEN ? AND ?",
    [ST_DEL_SENTENCES] = "DELETE FROM sentences WHERE id BETWEEN ? AND ?",
    [ST_DEL_CLAIM_CITES] =
        "DELETE FROM claim_cites WHERE claim_id BETWEEN ? AND ?",
    [ST_DEL_CLAIMS] = "DELETE FROM claims WHERE id BETWEEN ? AND ?",
    [ST_DEL_NOTES] = "DELETE FROM notes WHERE doc_id=?",
    [ST_DEL_REFS] = "DELETE FROM refs WHERE id " EV_REF_IDS("?1"),
    [ST_DEL_CITES] = "DELETE FROM cites WHERE doc_id=?",
    [ST_DOC_DELETE] = "DELETE FROM docs WHERE id=?",
    [ST_FTS_DEL_PASSAGES] =
        "INSERT INTO passages_fts(passages_fts, rowid, text)"
        " VALUES('delete', ?, ?)",
    [ST_DOC_BODY] = "SELECT body FROM docs WHERE id=?",
    [ST_DOC_PASSAGES] = "SELECT id, start, end FROM passages"
                        " WHERE id BETWEEN ? AND ? AND kind <> 8",
    [ST_FTS_DEL_SENTENCES] =
        "INSERT INTO sentences_fts(sentences_fts, rowid, text)"
        " SELECT 'delete', id, text FROM sentences WHERE id BETWEEN ? AND ?",
    [ST_LOC_FIND] = "SELECT id FROM locators WHERE text=?",
    [ST_LOC_INSERT] = "INSERT INTO locators(text) VALUES(?)",
    [ST_PASSAGE_INSERT] =
        "INSERT INTO passages(id, doc_id, start, end, line, kind, page, loc)"
        " VALUES(?,?,?,?,?,?,?,?)",
    [ST_PASSAGE_FTS] = "INSERT INTO passages_fts(rowid, text) VALUES(?,?)",
    [ST_NOTE_INSERT] = "INSERT INTO notes(doc_id, idx, label, text, start,"
                       " end, urls) VALUES(?,?,?,?,?,?,?)",
    [ST_REF_INSERT] =
        "INSERT INTO refs(id, label, rid, text, authors,"
        " first_author, year, year_suffix, title, container, doi, pmid,"
        " accessed, urls, start, end, note)"
        " VALUES(" EV_REF_ID("?1", "?2") ",?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    [ST_CITE_INSERT] = "INSERT INTO cites(doc_id, idx, start, end, kind,"
                       " marker, note, refs) VALUES(?,?,?,?,?,?,?,?)",
    [ST_CLAIM_INSERT] =
        "INSERT INTO claims(id, doc_id, start, end, line, lo, hi, unit,"
        " unit_detail, qualifier, subject, sent_id, year, block, note,"
        " surface) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    [ST_SENT_INSERT] = "INSERT INTO sentences(id, doc_id, start, end, c_lo,"
                       " c_hi, text) VALUES(?,?,?,?,?,?,?)",
    [ST_SENT_FTS] = "INSERT INTO sentences_fts(rowid, text) VALUES(?,?)",
    [ST_CLAIM_CITE_INSERT] =
        "INSERT INTO claim_cites(claim_id, ord, kind, marker, text, url,"
        " note, ref, start, end) VALUES(?,?,?,?,?,?,?,?,?,?)",
    /* text and url NULL with note/ref set: those of the note or ref;
     * the empty string stands for a citation that had none */
    [ST_CLAIM_CITES] = EV_CLAIM_CITE_COLS " FROM claim_cites cc"
        EV_CLAIM_CITE_JOINS " WHERE cc.claim_id=? ORDER BY cc.ord",
};

static void loc_forget(ev_index *idx);

int ev_index__dberr(ev_index *idx, ev_err *err, const char *what)
{
    int code = sqlite3_errcode(idx->db);
    int ret = (code == SQLITE_BUSY || code == SQLITE_LOCKED) ? EV_EBUSY
                                                             : EV_EDB;
    /* every message names the index file: with several indexes about, "disk
     * I/O error" alone does not say which file could not be written */
    const char *path = sqlite3_db_filename(idx->db, "main");
    if (!path || !*path)
        path = "(in memory)";
    if (ret == EV_EBUSY)
        return ev_err_set(err, ret, "index '%s': %s: the index is busy "
                          "(another evidex is writing it)", path, what);
    if (code == SQLITE_READONLY)
        return ev_err_set(err, ret, "index '%s': %s: the index is read-only",
                          path, what);
    if (code == SQLITE_FULL)
        return ev_err_set(err, ret, "index '%s': %s: disk full", path, what);
    if (code == SQLITE_IOERR)
        return ev_err_set(err, ret, "index '%s': %s: cannot write the index "
                          "file (disk full, over a file size limit, or a "
                          "failing disk); what was indexed before is kept",
                          path, what);
    return ev_err_set(err, ret, "index '%s': %s: %s", path, what,
                      sqlite3_errmsg(idx->db));
}

int ev_index__exec(ev_index *idx, const char *sql, ev_err *err)
{
    if (sqlite3_exec(idx->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return ev_index__dberr(idx, err, "database error");
    return 0;
}

sqlite3_stmt *ev_index__stmt(ev_index *idx, int which, ev_err *err)
{
    sqlite3_stmt *st = idx->st[which];
    if (st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        return st;
    }
    if (sqlite3_prepare_v3(idx->db, stmt_sql[which], -1,
                           SQLITE_PREPARE_PERSISTENT, &st,
                           NULL) != SQLITE_OK) {
        ev_index__dberr(idx, err, "cannot prepare statement");
        return NULL;
    }
    idx->st[which] = st;
    return st;
}

int ev_index_open_again(ev_index **out, ev_index *idx, ev_err *err)
{
    const char *path = sqlite3_db_filename(idx->db, "main");
    *out = NULL;
    if (idx->n_spare) {
        *out = idx->spare[--idx->n_spare];
        return 0;
    }
    if (!path || !*path)
        return ev_err_set(err, EV_ENOTFOUND, "the index has no file");
    return ev_index_open(out, path, EV_INDEX_READONLY, err);
}

/* Bytes of the file a reader maps (SQLite caps it at its compile-time
 * SQLITE_MAX_MMAP_SIZE). */
#define EV_INDEX_MMAP "4294967296"

/* Internal open flag: path is a URI opening the file immutable. */
#define OPEN_IMMUTABLE 0x100

/* "file:<path percent-encoded>?immutable=1", or NULL on oom. */
static char *immutable_uri(const char *path)
{
    ev_buf b = EV_BUF_INIT;
    const unsigned char *p;
    ev_buf_puts(&b, "file:");
    for (p = (const unsigned char *)path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#' || *p < 0x21 || *p >= 0x7f)
            ev_buf_printf(&b, "%%%02X", *p);
        else
            ev_buf_putc(&b, (char)*p);
    }
    ev_buf_puts(&b, "?immutable=1");
    if (b.oom) {
        ev_buf_release(&b);
        return NULL;
    }
    return ev_buf_detach(&b);
}

int ev_index_open(ev_index **out, const char *path, int flags, ev_err *err)
{
    ev_index *idx;
    int oflags, rc;
    *out = NULL;
    idx = calloc(1, sizeof(*idx));
    if (!idx)
        return ev_err_set(err, EV_ENOMEM, "out of memory");
    idx->readonly = (flags & EV_INDEX_READONLY) != 0;
    oflags = idx->readonly ? SQLITE_OPEN_READONLY
                           : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    oflags |= SQLITE_OPEN_NOMUTEX;
    if (flags & OPEN_IMMUTABLE)
        oflags |= SQLITE_OPEN_URI;
    rc = sqlite3_open_v2(path, &idx->db, oflags, NULL);
    if (rc != SQLITE_OK) {
        ev_err_set(err, rc == SQLITE_CANTOPEN ? EV_ENOTFOUND : EV_EDB,
                   "cannot open index '%s': %s", path,
                   idx->db ? sqlite3_errmsg(idx->db) : "out of memory");
        ev_index_free(idx);
        return err ? err->code : EV_EDB;
    }
    sqlite3_extended_result_codes(idx->db, 0);
    sqlite3_busy_timeout(idx->db, 10000);
    if (!idx->readonly) {
        sqlite3_stmt *st = NULL;
        const char *mode = NULL;
        if (sqlite3_prepare_v2(idx->db, "PRAGMA journal_mode=WAL", -1, &st,
                               NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            mode = (const char *)sqlite3_column_text(st, 0);
        if (!mode) {
            int code = sqlite3_errcode(idx->db);
            sqlite3_finalize(st);
            if (code == SQLITE_NOTADB) {
                ev_err_set(err, EV_EDB, "'%s' is not an evidex index "
                           "(not a database)", path);
            } else if (code == SQLITE_CANTOPEN || code == SQLITE_READONLY) {
                ev_err_set(err, EV_EDB, "cannot open index '%s' for "
                           "writing: the index is read-only", path);
            } else {
                ev_index__dberr(idx, err, "cannot open index");
            }
            ev_index_free(idx);
            return err ? err->code : EV_EDB;
        }
        sqlite3_finalize(st);
    }
    rc = ev_index__exec(idx, "PRAGMA synchronous=NORMAL;"
                             "PRAGMA secure_delete=OFF;"
                             "PRAGMA temp_store=MEMORY;"
                             "PRAGMA cache_size=-32768", err);
    /* A writer checkpoints the WAL into the file every 32 MB instead of
     * SQLite's 4 MB: a page that many commits rewrite (b-tree interiors,
     * the FTS5 structure) goes to the file once per checkpoint, and
     * there are fewer of the checkpoint's syncs (84 s -> 78-82 s for the
     * 1 GB bench ingest). An ingest connection to a file hands them to a
     * thread of its own instead (ckpt.c). */
    if (!rc && !idx->readonly)
        rc = ev_index__exec(idx, "PRAGMA wal_autocheckpoint=8192", err);
    if (!rc && !idx->readonly && (flags & EV_INDEX_INGEST) && path[0] &&
        strcmp(path, ":memory:") != 0)
        ev_index__ckpt_install(idx, 0);
    /* Readers map the file: pages come straight from the OS cache
     * instead of a read() into SQLite's own cache for every page a
     * query touches. Writers keep read(): a mapped file that another
     * process truncates (a checkpoint) would fault under them. */
    if (!rc && idx->readonly)
        rc = ev_index__exec(idx, "PRAGMA mmap_size=" EV_INDEX_MMAP, err);
    if (!rc)
        rc = ev_index__rank_register(idx, err);
    if (!rc)
        rc = ev_index__body_register(idx, err);
    if (!rc && !idx->readonly)
        rc = ev_index__tokens_register(idx, err);
    if (!rc)
        rc = ev_index__schema(idx, !idx->readonly, err);
    if (rc && idx->readonly && !(flags & OPEN_IMMUTABLE) &&
        sqlite3_errcode(idx->db) == SQLITE_CANTOPEN) {
        /* A WAL index on a read-only medium: its -shm cannot be made.
         * Nobody can be writing it there, so read it as immutable. */
        char *uri = immutable_uri(path);
        ev_index_free(idx);
        if (!uri)
            return ev_err_set(err, EV_ENOMEM, "out of memory");
        rc = ev_index_open(out, uri, flags | OPEN_IMMUTABLE, err);
        free(uri);
        return rc;
    }
    if (rc) {
        ev_index_free(idx);
        return rc;
    }
    (void)flags;
    *out = idx;
    return 0;
}

/* Inserts one full-text row now (with its tokens, when it has them). */
static int fts_insert(ev_index *idx, const ev_fts_row *r, ev_err *err)
{
    sqlite3_stmt *st = ev_index__stmt(idx, r->which, err);
    int rc;
    if (!st)
        return EV_EDB;
    sqlite3_bind_int64(st, 1, r->rowid);
    sqlite3_bind_text(st, 2, r->text, r->len, SQLITE_STATIC);
    idx->replay.text = r->text;
    idx->replay.len = (size_t)r->len;
    idx->replay.toks = r->toks;
    idx->replay.row = r->row;
    rc = sqlite3_step(st);
    memset(&idx->replay, 0, sizeof(idx->replay));
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return ev_index__dberr(idx, err, "cannot index text");
    return 0;
}

/* Inside a batch: queued for ev_index_commit; outside: inserted now.
 * text is doc->text[off..off+len); toks, doc's tokens or NULL. */
static int fts_put(ev_index *idx, int which, int64_t rowid,
                   const ev_doc *doc, size_t off, size_t len,
                   const ev_index_tokens *toks, ev_err *err)
{
    ev_fts_row row, *r;
    row.which = which;
    row.rowid = rowid;
    row.text = doc->text + off;
    row.len = (int)len;
    row.toks = toks;
    row.row = ev_index__tokens_find(toks, off, len);
    if (!idx->in_batch)
        return fts_insert(idx, &row, err);
    r = ev_vec_push(&idx->fts);
    if (!r)
        return ev_err_set(err, EV_ENOMEM, "out of memory");
    *r = row;
    return 0;
}

static int fts_flush(ev_index *idx, ev_err *err)
{
    size_t i;
    int rc = 0;
    for (i = 0; i < idx->fts.n && !rc; i++)
        rc = fts_insert(idx, &idx->fts.v[i], err);
    idx->fts.n = 0;
    return rc;
}

void ev_index_put_back(ev_index *idx, ev_index *again)
{
    if (!again)
        return;
    if (idx->n_spare < EV_INDEX_SPARES)
        idx->spare[idx->n_spare++] = again;
    else
        ev_index_free(again);
}

void ev_index_free(ev_index *idx)
{
    int i;
    if (!idx)
        return;
    while (idx->n_spare)
        ev_index_free(idx->spare[--idx->n_spare]);
    free(idx->fts.v);
    ev_lz_packer_free(idx->packer);
    ev_buf_release(&idx->frame);
    loc_forget(idx);
    free(idx->loc);
    ev_index__wc_clear(idx);
    free(idx->wc);
    ev_index__ckpt_stop(idx);
    for (i = 0; i < ST__COUNT; i++)
        sqlite3_finalize(idx->st[i]);
    if (idx->db) {
        if (idx->in_batch)
            sqlite3_exec(idx->db, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close(idx->db);
    }
    free(idx);
}

int ev_index_begin(ev_index *idx, ev_err *err)
{
    if (idx->in_batch)
        return 0;
    if (ev_index__exec(idx, "BEGIN IMMEDIATE", err))
        return err ? err->code : EV_EDB;
    idx->in_batch = 1;
    return 0;
}

int ev_index_commit(ev_index *idx, ev_err *err)
{
    if (!idx->in_batch)
        return 0;
    if (fts_flush(idx, err) || ev_index__exec(idx, "COMMIT", err)) {
        ev_index_rollback(idx);
        return err ? err->code : EV_EDB;
    }
    idx->in_batch = 0;
    return 0;
}

int ev_index_compact(ev_index *idx, ev_err *err)
{
    int rc;
    if (idx->in_batch)
        return ev_err_set(err, EV_EINVALID, "compact inside a batch");
    rc = ev_index_begin(idx, err);
    if (rc)
        return rc;
    if (ev_index__exec(idx,
                       "INSERT INTO sentences_fts(sentences_fts)"
                       " VALUES('optimize')",
                       err)) {
        ev_index_rollback(idx);
        return EV_EDB;
    }
    return ev_index_commit(idx, err);
}

int ev_index_rollback(ev_index *idx)
{
    idx->fts.n = 0;
    if (!idx->in_batch)
        return 0;
    sqlite3_exec(idx->db, "ROLLBACK", NULL, NULL, NULL);
    loc_forget(idx);
    idx->in_batch = 0;
    return 0;
}

int ev_index_doc_state(ev_index *idx, const char *path, ev_doc_state *out,
                       ev_err *err)
{
    sqlite3_stmt *st = ev_index__stmt(idx, ST_DOC_STATE, err);
    int rc;
    if (!st)
        return EV_EDB;
    sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->id = sqlite3_column_int64(st, 0);
        out->hash = (uint64_t)sqlite3_column_int64(st, 1);
        out->size = sqlite3_column_int64(st, 2);
        out->mtime_ns = sqlite3_column_int64(st, 3);
        sqlite3_reset(st);
        return 0;
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return EV_ENOTFOUND;
    return ev_index__dberr(idx, err, "cannot read document state");
}

int ev_index_touch_doc(ev_index *idx, int64_t id, int64_t mtime_ns,
                       ev_err *err)
{
    sqlite3_stmt *st = ev_index__stmt(idx, ST_DOC_TOUCH, err);
    if (!st)
        return EV_EDB;
    sqlite3_bind_int64(st, 1, mtime_ns);
    sqlite3_bind_int64(st, 2, id);
    if (sqlite3_step(st) != SQLITE_DONE) {
        sqlite3_reset(st);
        return ev_index__dberr(idx, err, "cannot update document");
    }
    sqlite3_reset(st);
    return 0;
}

/* Steps a write statement once; returns 0 or EV_EDB with err set. */
static int step_done(ev_index *idx, sqlite3_stmt *st, ev_err *err,
                     const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return ev_index__dberr(idx, err, what);
    return 0;
}

static void bind_str(sqlite3_stmt *st, int col, const char *s)
{
    if (s)
        sqlite3_bind_text(st, col, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, col);
}

static void bind_opt_int(sqlite3_stmt *st, int col, int64_t v, int present)
{
    if (present)
        sqlite3_bind_int64(st, col, v);
    else
        sqlite3_bind_null(st, col);
}

/* Binds part, a reference's title or container, as where it lies in
 * the reference's text when it is there (EV_REF_PART reads it back). */
static void bind_part(sqlite3_stmt *st, int col, const char *part,
                      const char *text)
{
    const char *at = part && *part && text ? strstr(text, part) : NULL;
    size_t len = part ? strlen(part) : 0;
    if (at && len < 65536)
        sqlite3_bind_int64(st, col, (int64_t)(at - text) << 16 | (int64_t)len);
    else
        bind_str(st, col, part);
}

/* Joins a string vector with newlines into b (empty -> NULL binding). */
static const char *join_urls(ev_buf *b, const ev_strvec *v)
{
    size_t i;
    ev_buf_clear(b);
    for (i = 0; i < v->n; i++) {
        if (i)
            ev_buf_putc(b, '\n');
        ev_buf_puts(b, v->v[i]);
    }
    return v->n && !b->oom ? b->ptr : NULL;
}

/*
 * Takes a document's passages (ids lo..hi) out of passages_fts. FTS5
 * needs the text it indexed: the body is read once and sliced here
 * (substr() in SQL would read the whole body again for every passage).
 */
static int delete_passages_fts(ev_index *idx, int64_t id, int64_t lo,
                               int64_t hi, ev_err *err)
{
    sqlite3_stmt *body, *ps, *del;
    ev_buf text = EV_BUF_INIT;
    int rc = 0;
    if (hi < lo)
        return 0;
    body = ev_index__stmt(idx, ST_DOC_BODY, err);
    if (!body)
        return EV_EDB;
    sqlite3_bind_int64(body, 1, id);
    if (sqlite3_step(body) == SQLITE_ROW) {
        const void *p = sqlite3_column_blob(body, 0);
        rc = ev_index__unpack(p ? p : "", (size_t)sqlite3_column_bytes(body, 0),
                              &text, err);
    }
    sqlite3_reset(body);
    if (rc) {
        ev_buf_release(&text);
        return rc;
    }
    ps = ev_index__stmt(idx, ST_DOC_PASSAGES, err);
    if (!ps) {
        ev_buf_release(&text);
        return EV_EDB;
    }
    sqlite3_bind_int64(ps, 1, lo);
    sqlite3_bind_int64(ps, 2, hi);
    while (!rc && sqlite3_step(ps) == SQLITE_ROW) {
        int64_t pid = sqlite3_column_int64(ps, 0);
        size_t a = (size_t)sqlite3_column_int64(ps, 1);
        size_t b = (size_t)sqlite3_column_int64(ps, 2);
        if (b > text.len)
            b = text.len;
        if (a > b)
            a = b;
        del = ev_index__stmt(idx, ST_FTS_DEL_PASSAGES, err);
        if (!del) {
            rc = EV_EDB;
            break;
        }
        sqlite3_bind_int64(del, 1, pid);
        sqlite3_bind_text(del, 2, text.ptr ? text.ptr + a : "", (int)(b - a),
                          SQLITE_STATIC);
        if (sqlite3_step(del) != SQLITE_DONE)
            rc = ev_index__dberr(idx, err, "cannot remove old version");
        sqlite3_reset(del);
    }
    sqlite3_reset(ps);
    ev_buf_release(&text);
    return rc;
}

/* Runs statement which with (a) or (a, b) bound; 0 or EV_EDB. */
static int run_del(ev_index *idx, int which, int n, int64_t a, int64_t b,
                   ev_err *err)
{
    sqlite3_stmt *st = ev_index__stmt(idx, which, err);
    if (!st)
        return EV_EDB;
    sqlite3_bind_int64(st, 1, a);
    if (n > 1)
        sqlite3_bind_int64(st, 2, b);
    return step_done(idx, st, err, "cannot remove old version");
}

/* Removes document id and every row of it: its passages, sentences and
 * claims by their id ranges (see schema.c), the rest by doc_id. */
static int delete_doc(ev_index *idx, int64_t id, ev_err *err)
{
    sqlite3_stmt *st = ev_index__stmt(idx, ST_DOC_RANGES, err);
    int64_t r[6];
    int i, rc;
    if (!st)
        return EV_EDB;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return rc == SQLITE_DONE
                   ? 0
                   : ev_index__dberr(idx, err, "cannot remove old version");
    }
    for (i = 0; i < 6; i++)
        r[i] = sqlite3_column_int64(st, i);
    sqlite3_reset(st);
    if (delete_passages_fts(idx, id, r[0], r[1], err))
        return err ? err->code : EV_EDB;
    if (run_del(idx, ST_FTS_DEL_SENTENCES, 2, r[2], r[3], err) ||
        run_del(idx, ST_DEL_PASSAGES, 2, r[0], r[1], err) ||
        run_del(idx, ST_DEL_SENTENCES, 2, r[2], r[3], err) ||
        run_del(idx, ST_DEL_CLAIM_CITES, 2, r[4], r[5], err) ||
        run_del(idx, ST_DEL_CLAIMS, 2, r[4], r[5], err) ||
        run_del(idx, ST_DEL_NOTES, 1, id, 0, err) ||
        run_del(idx, ST_DEL_REFS, 1, id, 0, err) ||
        run_del(idx, ST_DEL_CITES, 1, id, 0, err) ||
        run_del(idx, ST_DOC_DELETE, 1, id, 0, err))
        return EV_EDB;
    return 0;
}

/* ---- locators ---- */

/* Forgets every known locator id: after a rollback, ids given in the
 * rolled-back transaction name no row (or another one, later). */
static void loc_forget(ev_index *idx)
{
    size_t i;
    for (i = 0; i < idx->loc_cap; i++) {
        free(idx->loc[i].text);
        idx->loc[i].text = NULL;
    }
    idx->loc_n = 0;
}

static ev_loc_slot *loc_slot(ev_loc_slot *v, size_t cap, const char *text,
                             uint64_t h)
{
    size_t i = (size_t)h & (cap - 1);
    while (v[i].text && (v[i].hash != h || strcmp(v[i].text, text) != 0))
        i = (i + 1) & (cap - 1);
    return &v[i];
}

static int loc_remember(ev_index *idx, const char *text, uint64_t h,
                        int64_t id)
{
    ev_loc_slot *sl;
    if ((idx->loc_n + 1) * 2 > idx->loc_cap) {
        size_t cap = idx->loc_cap ? idx->loc_cap * 2 : 256, i;
        ev_loc_slot *v = calloc(cap, sizeof(*v));
        if (!v)
            return EV_ENOMEM;
        for (i = 0; i < idx->loc_cap; i++)
            if (idx->loc[i].text)
                *loc_slot(v, cap, idx->loc[i].text, idx->loc[i].hash) =
                    idx->loc[i];
        free(idx->loc);
        idx->loc = v;
        idx->loc_cap = cap;
    }
    sl = loc_slot(idx->loc, idx->loc_cap, text, h);
    sl->text = ev_strdup(text);
    if (!sl->text)
        return EV_ENOMEM;
    sl->hash = h;
    sl->id = id;
    idx->loc_n++;
    return 0;
}

/* The id of locator text, stored now if it is new. */
static int loc_id(ev_index *idx, const char *text, int64_t *id, ev_err *err)
{
    uint64_t h = ev_hash64(text, strlen(text), 0);
    sqlite3_stmt *st;
    int rc;
    if (idx->loc_cap) {
        ev_loc_slot *sl = loc_slot(idx->loc, idx->loc_cap, text, h);
        if (sl->text) {
            *id = sl->id;
            return 0;
        }
    }
    st = ev_index__stmt(idx, ST_LOC_FIND, err);
    if (!st)
        return EV_EDB;
    sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
    } else {
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return ev_index__dberr(idx, err, "cannot read locators");
        st = ev_index__stmt(idx, ST_LOC_INSERT, err);
        if (!st)
            return EV_EDB;
        sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
        if (step_done(idx, st, err, "cannot store locator"))
            return EV_EDB;
        *id = sqlite3_last_insert_rowid(idx->db);
    }
    if (loc_remember(idx, text, h, *id))
        return ev_err_set(err, EV_ENOMEM, "out of memory");
    return 0;
}

/* Text and first URL of what a citation points to (note, else ref). */
static void derived_of(const ev_doc *doc, const ev_citation *ct,
                       const char **text, const char **url)
{
    const ev_strvec *urls = NULL;
    *text = *url = NULL;
    if (ct->note >= 0 && (size_t)ct->note < doc->notes.n) {
        *text = doc->notes.v[ct->note].text;
        urls = &doc->notes.v[ct->note].urls;
    } else if (ct->note < 0 && ct->ref >= 0 &&
               (size_t)ct->ref < doc->refs.n) {
        *text = doc->refs.v[ct->ref].text;
        urls = &doc->refs.v[ct->ref].urls;
    }
    if (urls && urls->n)
        *url = urls->v[0];
}

static int same_str(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* The text or URL column of a citation: NULL when it is the pointed-to
 * one's, "" when the citation has none but the pointed-to one has. */
static void bind_derived(sqlite3_stmt *st, int col, const char *own,
                         const char *derived)
{
    if (same_str(own, derived) || (!own && !derived))
        sqlite3_bind_null(st, col);
    else
        sqlite3_bind_text(st, col, own ? own : "", -1, SQLITE_STATIC);
}

/* How many sentence rows put_claims writes for doc. */
static size_t count_sentences(const ev_doc *doc)
{
    size_t i, n = 0, last = (size_t)-1;
    for (i = 0; i < doc->claims.n; i++)
        n += (size_t)ev_index__starts_sentence(doc, i, &last);
    return n;
}

/* The last claim of the sentence row claim i starts. */
static size_t sentence_end(const ev_doc *doc, size_t i)
{
    const ev_claim *c = &doc->claims.v[i];
    size_t j, end = i;
    for (j = i + 1; j < doc->claims.n; j++) {
        const ev_claim *d = &doc->claims.v[j];
        if (!ev_index__has_sentence(doc, d))
            continue;
        if (d->sent_start != c->sent_start || d->sent_end != c->sent_end)
            break;
        end = j;
    }
    return end;
}

/* Writes doc's sentences and claims with ids from s_lo and c_lo. */
static int put_claims(ev_index *idx, const ev_doc *doc, int64_t doc_id,
                      int64_t s_lo, int64_t c_lo,
                      const ev_index_tokens *toks, ev_err *err)
{
    size_t i, k, last = (size_t)-1;
    int64_t sent_id = 0, next_sent = s_lo;
    for (i = 0; i < doc->claims.n; i++) {
        const ev_claim *c = &doc->claims.v[i];
        sqlite3_stmt *st;
        int64_t cid = c_lo + (int64_t)i;
        int has_sent = ev_index__has_sentence(doc, c);
        if (ev_index__starts_sentence(doc, i, &last)) {
            st = ev_index__stmt(idx, ST_SENT_INSERT, err);
            if (!st)
                return EV_EDB;
            sent_id = next_sent++;
            sqlite3_bind_int64(st, 1, sent_id);
            sqlite3_bind_int64(st, 2, doc_id);
            sqlite3_bind_int64(st, 3, (int64_t)c->sent_start);
            sqlite3_bind_int64(st, 4, (int64_t)c->sent_end);
            sqlite3_bind_int64(st, 5, cid);
            sqlite3_bind_int64(st, 6, c_lo + (int64_t)sentence_end(doc, i));
            sqlite3_bind_text(st, 7, doc->text + c->sent_start,
                              (int)(c->sent_end - c->sent_start),
                              SQLITE_STATIC);
            if (step_done(idx, st, err, "cannot store sentence"))
                return EV_EDB;
            if (fts_put(idx, ST_SENT_FTS, sent_id, doc, c->sent_start,
                        c->sent_end - c->sent_start, toks, err))
                return err ? err->code : EV_EDB;
        }
        st = ev_index__stmt(idx, ST_CLAIM_INSERT, err);
        if (!st)
            return EV_EDB;
        sqlite3_bind_int64(st, 1, cid);
        sqlite3_bind_int64(st, 2, doc_id);
        sqlite3_bind_int64(st, 3, (int64_t)c->start);
        sqlite3_bind_int64(st, 4, (int64_t)c->end);
        sqlite3_bind_int(st, 5, c->line);
        sqlite3_bind_double(st, 6, c->lo);
        sqlite3_bind_double(st, 7, c->hi);
        bind_str(st, 8, c->unit);
        bind_str(st, 9, c->unit_detail);
        sqlite3_bind_int(st, 10, c->qualifier);
        bind_str(st, 11, c->subject);
        bind_opt_int(st, 12, sent_id, has_sent);
        bind_opt_int(st, 13, c->year, c->year != 0);
        sqlite3_bind_int(st, 14, c->block);
        sqlite3_bind_int(st, 15, c->note);
        if (c->end > c->start && c->end <= doc->text_len)
            sqlite3_bind_text(st, 16, doc->text + c->start,
                              (int)(c->end - c->start), SQLITE_STATIC);
        else
            bind_str(st, 16, c->surface ? c->surface : "");
        if (step_done(idx, st, err, "cannot store claim"))
            return EV_EDB;
        for (k = 0; k < c->cites.n; k++) {
            const ev_citation *ct = &c->cites.v[k];
            const char *dtext, *durl;
            derived_of(doc, ct, &dtext, &durl);
            st = ev_index__stmt(idx, ST_CLAIM_CITE_INSERT, err);
            if (!st)
                return EV_EDB;
            sqlite3_bind_int64(st, 1, cid);
            sqlite3_bind_int(st, 2, (int)k);
            sqlite3_bind_int(st, 3, ct->kind);
            bind_str(st, 4, ct->marker);
            bind_derived(st, 5, ct->text, dtext);
            bind_derived(st, 6, ct->url, durl);
            sqlite3_bind_int(st, 7, ct->note);
            sqlite3_bind_int(st, 8, ct->ref);
            sqlite3_bind_int64(st, 9, (int64_t)ct->start);
            sqlite3_bind_int64(st, 10, (int64_t)ct->end);
            if (step_done(idx, st, err, "cannot store claim citation"))
                return EV_EDB;
        }
    }
    return 0;
}

static int put_refs(ev_index *idx, const ev_doc *doc, int64_t doc_id,
                    ev_buf *tmp, ev_err *err)
{
    size_t i, k;
    for (i = 0; i < doc->notes.n; i++) {
        const ev_note *n = &doc->notes.v[i];
        sqlite3_stmt *st = ev_index__stmt(idx, ST_NOTE_INSERT, err);
        if (!st)
            return EV_EDB;
        sqlite3_bind_int64(st, 1, doc_id);
        sqlite3_bind_int(st, 2, (int)i);
        bind_str(st, 3, n->label);
        bind_str(st, 4, n->text);
        sqlite3_bind_int64(st, 5, (int64_t)n->start);
        sqlite3_bind_int64(st, 6, (int64_t)n->end);
        bind_str(st, 7, join_urls(tmp, &n->urls));
        if (step_done(idx, st, err, "cannot store footnote"))
            return EV_EDB;
    }
    if (doc->refs.n >= EV_REF_MAX)
        return ev_err_set(err, EV_ELIMIT, "more than %d references",
                          EV_REF_MAX - 1);
    for (i = 0; i < doc->refs.n; i++) {
        const ev_ref *r = &doc->refs.v[i];
        sqlite3_stmt *st = ev_index__stmt(idx, ST_REF_INSERT, err);
        char suffix[2] = {r->year_suffix, 0};
        if (!st)
            return EV_EDB;
        sqlite3_bind_int64(st, 1, doc_id);
        sqlite3_bind_int(st, 2, (int)i);
        bind_str(st, 3, r->label);
        bind_str(st, 4, r->id);
        bind_str(st, 5, r->text);
        bind_str(st, 6, r->authors);
        bind_str(st, 7, r->first_author);
        bind_opt_int(st, 8, r->year, r->year != 0);
        bind_str(st, 9, r->year_suffix ? suffix : NULL);
        bind_part(st, 10, r->title, r->text);
        bind_part(st, 11, r->container, r->text);
        bind_str(st, 12, r->doi);
        bind_str(st, 13, r->pmid);
        bind_str(st, 14, r->accessed);
        bind_str(st, 15, join_urls(tmp, &r->urls));
        sqlite3_bind_int64(st, 16, (int64_t)r->start);
        sqlite3_bind_int64(st, 17, (int64_t)r->end);
        sqlite3_bind_int(st, 18, r->note);
        if (step_done(idx, st, err, "cannot store reference"))
            return EV_EDB;
    }
    for (i = 0; i < doc->cites.n; i++) {
        const ev_cite *c = &doc->cites.v[i];
        sqlite3_stmt *st = ev_index__stmt(idx, ST_CITE_INSERT, err);
        if (!st)
            return EV_EDB;
        ev_buf_clear(tmp);
        for (k = 0; k < c->refs.n; k++)
            ev_buf_printf(tmp, k ? " %d" : "%d", c->refs.v[k]);
        sqlite3_bind_int64(st, 1, doc_id);
        sqlite3_bind_int(st, 2, (int)i);
        sqlite3_bind_int64(st, 3, (int64_t)c->start);
        sqlite3_bind_int64(st, 4, (int64_t)c->end);
        sqlite3_bind_int(st, 5, c->kind);
        bind_str(st, 6, c->marker);
        sqlite3_bind_int(st, 7, c->note);
        bind_str(st, 8, c->refs.n && !tmp->oom ? tmp->ptr : NULL);
        if (step_done(idx, st, err, "cannot store citation marker"))
            return EV_EDB;
    }
    return tmp->oom ? ev_err_set(err, EV_ENOMEM, "out of memory") : 0;
}

static int put_passages(ev_index *idx, const ev_doc *doc, int64_t doc_id,
                        int64_t p_lo, const ev_index_tokens *toks,
                        ev_err *err)
{
    size_t i;
    int64_t pid = p_lo;
    for (i = 0; i < doc->blocks.n; i++) {
        const ev_block *b = &doc->blocks.v[i];
        sqlite3_stmt *st;
        int64_t loc = 0;
        if (!ev_index__block_stored(doc, b))
            continue;
        if (b->locator && loc_id(idx, b->locator, &loc, err))
            return err ? err->code : EV_EDB;
        st = ev_index__stmt(idx, ST_PASSAGE_INSERT, err);
        if (!st)
            return EV_EDB;
        sqlite3_bind_int64(st, 1, pid);
        sqlite3_bind_int64(st, 2, doc_id);
        sqlite3_bind_int64(st, 3, (int64_t)b->start);
        sqlite3_bind_int64(st, 4, (int64_t)b->end);
        sqlite3_bind_int(st, 5, b->line);
        sqlite3_bind_int(st, 6, b->kind);
        sqlite3_bind_int(st, 7, b->page);
        bind_opt_int(st, 8, loc, b->locator != NULL);
        if (step_done(idx, st, err, "cannot store passage"))
            return EV_EDB;
        /* noise is kept for show, not searched */
        if (b->kind != EV_BLK_NOISE &&
            fts_put(idx, ST_PASSAGE_FTS, pid, doc, b->start,
                    b->end - b->start, toks, err))
            return err ? err->code : EV_EDB;
        pid++;
    }
    return 0;
}

static int put_doc_rows(ev_index *idx, const ev_doc *doc, const void *frame,
                        size_t frame_len, const ev_index_tokens *toks,
                        int64_t mtime_ns, int *replaced, ev_err *err)
{
    ev_doc_state old;
    sqlite3_stmt *st;
    int64_t doc_id, p_lo, s_lo, c_lo;
    size_t i, n_passages = 0;
    ev_buf tmp = EV_BUF_INIT;
    int rc;
    const char *path = doc->path ? doc->path : doc->name;

    *replaced = 0;
    rc = ev_index_doc_state(idx, path, &old, err);
    if (rc == 0) {
        *replaced = 1;
        if (delete_doc(idx, old.id, err))
            return EV_EDB;
    } else if (rc != EV_ENOTFOUND) {
        return rc;
    }
    /* the document's rows take the next ids of each table */
    st = ev_index__stmt(idx, ST_NEXT_IDS, err);
    if (!st)
        return EV_EDB;
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_reset(st);
        return ev_index__dberr(idx, err, "cannot read row ids");
    }
    p_lo = sqlite3_column_int64(st, 0) + 1;
    s_lo = sqlite3_column_int64(st, 1) + 1;
    c_lo = sqlite3_column_int64(st, 2) + 1;
    sqlite3_reset(st);
    for (i = 0; i < doc->blocks.n; i++)
        n_passages += (size_t)ev_index__block_stored(doc, &doc->blocks.v[i]);

    st = ev_index__stmt(idx, ST_DOC_INSERT, err);
    if (!st)
        return EV_EDB;
    bind_str(st, 1, path);
    bind_str(st, 2, doc->name);
    bind_str(st, 3, ev_format_name(doc->format));
    bind_str(st, 4, doc->meta.title);
    bind_str(st, 5, doc->meta.authors);
    bind_str(st, 6, doc->meta.date);
    bind_str(st, 7, doc->meta.url);
    bind_str(st, 8, doc->meta.doi);
    bind_opt_int(st, 9, doc->meta.year, doc->meta.year != 0);
    sqlite3_bind_int64(st, 10, (int64_t)doc->source_size);
    sqlite3_bind_int64(st, 11, mtime_ns);
    sqlite3_bind_int64(st, 12, (int64_t)doc->hash);
    sqlite3_bind_int64(st, 13, doc->n_repaired);
    sqlite3_bind_int64(st, 14, (int64_t)n_passages);
    sqlite3_bind_int64(st, 15, (int64_t)doc->claims.n);
    sqlite3_bind_int64(st, 16, (int64_t)doc->refs.n);
    sqlite3_bind_int64(st, 17, (int64_t)doc->cites.n);
    sqlite3_bind_int64(st, 18, (int64_t)count_sentences(doc));
    sqlite3_bind_int64(st, 19, p_lo);
    sqlite3_bind_int64(st, 20, s_lo);
    sqlite3_bind_int64(st, 21, c_lo);
    sqlite3_bind_blob64(st, 22, frame, frame_len, SQLITE_STATIC);
    if (step_done(idx, st, err, "cannot store document"))
        return EV_EDB;
    doc_id = sqlite3_last_insert_rowid(idx->db);

    rc = put_passages(idx, doc, doc_id, p_lo, toks, err);
    if (!rc)
        rc = put_refs(idx, doc, doc_id, &tmp, err);
    ev_buf_release(&tmp);
    if (!rc)
        rc = put_claims(idx, doc, doc_id, s_lo, c_lo, toks, err);
    return rc;
}

int ev_index_put_doc(ev_index *idx, const ev_doc *doc, int64_t mtime_ns,
                     int *replaced, ev_err *err)
{
    int rc;
    if (!idx->packer) {
        idx->packer = ev_lz_packer_new();
        if (!idx->packer)
            return ev_err_set(err, EV_ENOMEM, "out of memory");
    }
    rc = ev_index_pack_text(idx->packer, doc, &idx->frame, err);
    if (!rc)
        rc = ev_index_put_doc_frame(idx, doc, idx->frame.ptr, idx->frame.len,
                                    NULL, mtime_ns, replaced, err);
    /* a large document's frame is not kept for the next */
    if (idx->frame.cap > ((size_t)1 << 20))
        ev_buf_release(&idx->frame);
    return rc;
}

int ev_index_put_doc_frame(ev_index *idx, const ev_doc *doc,
                           const void *frame, size_t frame_len,
                           const ev_index_tokens *toks, int64_t mtime_ns,
                           int *replaced, ev_err *err)
{
    int rc, own = !idx->in_batch;
    size_t queued;
    if (!own && idx->fts.n) {
        /* Replacing deletes the old version's full-text rows: the queue
         * goes in first (and before the savepoint, which could roll
         * back rows no longer queued). */
        ev_doc_state old;
        if (ev_index_doc_state(idx, doc->path ? doc->path : doc->name, &old,
                               NULL) == 0 &&
            fts_flush(idx, err))
            return err ? err->code : EV_EDB;
    }
    queued = idx->fts.n;
    if (own ? ev_index__exec(idx, "BEGIN IMMEDIATE", err)
            : ev_index__exec(idx, "SAVEPOINT put_doc", err))
        return err ? err->code : EV_EDB;
    rc = put_doc_rows(idx, doc, frame, frame_len, toks, mtime_ns, replaced,
                      err);
    if (rc) {
        if (own) {
            sqlite3_exec(idx->db, "ROLLBACK", NULL, NULL, NULL);
        } else {
            sqlite3_exec(idx->db, "ROLLBACK TO put_doc; RELEASE put_doc",
                         NULL, NULL, NULL);
            idx->fts.n = queued; /* this document's rows are gone */
        }
        loc_forget(idx);
        return rc;
    }
    if (ev_index__exec(idx, own ? "COMMIT" : "RELEASE put_doc", err)) {
        if (own) {
            sqlite3_exec(idx->db, "ROLLBACK", NULL, NULL, NULL);
            loc_forget(idx);
        }
        return err ? err->code : EV_EDB;
    }
    return 0;
}

int ev_index_remove_doc(ev_index *idx, const char *path, ev_err *err)
{
    ev_doc_state old;
    int rc = ev_index_doc_state(idx, path, &old, err);
    int own = !idx->in_batch;
    if (rc)
        return rc == EV_ENOTFOUND
                   ? ev_err_set(err, rc, "'%s' is not in the index", path)
                   : rc;
    if (own && ev_index__exec(idx, "BEGIN IMMEDIATE", err))
        return err ? err->code : EV_EDB;
    rc = fts_flush(idx, err); /* queued rows may be this document's */
    if (!rc)
        rc = delete_doc(idx, old.id, err);
    if (own) {
        if (rc)
            sqlite3_exec(idx->db, "ROLLBACK", NULL, NULL, NULL);
        else if (ev_index__exec(idx, "COMMIT", err))
            rc = EV_EDB;
    }
    return rc;
}
