/*
 * fts_baseline: the bare FTS5 writer that evidex's ingest is measured
 * against. It takes the passages an evidex index holds (the same
 * documents' text and passage offsets), dumps them to a flat file
 * (untimed), then times inserting exactly those passages into a fresh
 * database with the same tokenizer, pragmas and batch sizes, and nothing
 * else: no reading, parsing, extraction, claims or references.
 *
 * Designs (--design):
 *   ext          evidex's: docs(body BLOB) + passages(offsets) + an
 *                external-content FTS5 table reading through a view;
 *                the body is the packed text evidex stored (its packing,
 *                done on evidex's workers, is not timed here)
 *   contentless  docs(body BLOB) + passages + FTS5 with content=''
 *   plain        one FTS5 table that stores its own copy of the text
 *   bare         a contentless FTS5 table only (the tokenizer + index
 *                cost and nothing else)
 * Tuning knobs: --page-size N, --pgsz N, --automerge N, --crisismerge N,
 * --batch-docs N, --batch-mb N, --cache-mb N, --detail full|column|none,
 * --pragma 'SQL' (run after evidex's pragmas, e.g. wal_autocheckpoint),
 * --savepoint 1 (a savepoint around each document, as ev_index_put_doc
 * does inside a batch), --savepoint 2 (savepoints around the plain rows,
 * FTS rows of a batch inserted just before its COMMIT).
 *
 * Usage: fts_baseline [--from EVIDEX_DB] --to NEW_DB [--dump FILE]
 *                     [--design D] [knobs]
 * --from writes the dump (to FILE, or NEW_DB.passages removed after);
 * --dump FILE without --from reuses an earlier dump.
 * Prints one JSON line.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "ev_lz.h"

/* EV_BLK_NOISE in ev_doc.h: kept for show, never searched. */
#define KIND_NOISE 8

typedef struct opts {
    const char *from, *to, *dump, *design, *detail, *pragma;
    int page_size, pgsz, automerge, crisismerge, batch_docs, cache_mb;
    int savepoint; /* 1: a savepoint around each document, as evidex */
    double batch_mb;
} opts;

typedef struct prow {
    uint32_t start, end;
    int32_t line, kind, page;
} prow;

typedef struct dhead {
    uint64_t size;      /* source bytes */
    uint64_t body_len;  /* text bytes (unpacked) */
    uint64_t frame_len; /* the text as evidex stores it (packed) */
    uint32_t n_pass;
} dhead;

static double now(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int die(sqlite3 *db, const char *what)
{
    fprintf(stderr, "fts_baseline: %s: %s\n", what,
            db ? sqlite3_errmsg(db) : "error");
    return 2;
}

static int exec(sqlite3 *db, const char *sql)
{
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return die(db, sql);
    return 0;
}

/* Writes every document of the evidex index at o->from to o->dump. */
static int dump(const opts *o)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *d = NULL, *p = NULL;
    FILE *f = NULL;
    prow *rows = NULL;
    size_t cap = 0;
    int rc = 2;
    ev_buf text = EV_BUF_INIT;
    if (sqlite3_open_v2(o->from, &db, SQLITE_OPEN_READONLY, NULL) !=
        SQLITE_OK)
        return die(db, "cannot open the evidex index");
    /* a document's passages are its id range (index/schema.c) */
    if (sqlite3_prepare_v2(db, "SELECT p_lo, size, body,"
                               " p_lo + n_passages - 1 FROM docs ORDER BY id",
                           -1, &d, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT start, end, line, kind, page"
                               " FROM passages WHERE id BETWEEN ? AND ?"
                               " ORDER BY id",
                           -1, &p, NULL) != SQLITE_OK) {
        rc = die(db, "cannot read the evidex index");
        goto done;
    }
    f = fopen(o->dump, "wb");
    if (!f) {
        perror(o->dump);
        goto done;
    }
    while (sqlite3_step(d) == SQLITE_ROW) {
        dhead h;
        size_t n = 0;
        const void *frame = sqlite3_column_blob(d, 2);
        memset(&h, 0, sizeof(h));
        h.size = (uint64_t)sqlite3_column_int64(d, 1);
        h.frame_len = (uint64_t)sqlite3_column_bytes(d, 2);
        ev_buf_clear(&text);
        if (ev_lz_unpack_buf(frame ? frame : "", h.frame_len, &text)) {
            rc = die(db, "a document's stored text does not unpack");
            goto done;
        }
        h.body_len = text.len;
        sqlite3_bind_int64(p, 1, sqlite3_column_int64(d, 0));
        sqlite3_bind_int64(p, 2, sqlite3_column_int64(d, 3));
        while (sqlite3_step(p) == SQLITE_ROW) {
            if (n == cap) {
                size_t nc = cap ? cap * 2 : 1024;
                prow *nr = realloc(rows, nc * sizeof(*rows));
                if (!nr)
                    goto done;
                rows = nr;
                cap = nc;
            }
            rows[n].start = (uint32_t)sqlite3_column_int64(p, 0);
            rows[n].end = (uint32_t)sqlite3_column_int64(p, 1);
            rows[n].line = sqlite3_column_int(p, 2);
            rows[n].kind = sqlite3_column_int(p, 3);
            rows[n].page = sqlite3_column_int(p, 4);
            n++;
        }
        sqlite3_reset(p);
        h.n_pass = (uint32_t)n;
        if (fwrite(&h, sizeof(h), 1, f) != 1 ||
            (h.body_len && fwrite(text.ptr, h.body_len, 1, f) != 1) ||
            (h.frame_len && fwrite(frame, h.frame_len, 1, f) != 1) ||
            (n && fwrite(rows, sizeof(*rows), n, f) != n)) {
            perror(o->dump);
            goto done;
        }
    }
    rc = 0;
done:
    if (f && fclose(f) != 0)
        rc = 2;
    free(rows);
    ev_buf_release(&text);
    sqlite3_finalize(d);
    sqlite3_finalize(p);
    sqlite3_close(db);
    return rc;
}

static int has_docs(const opts *o)
{
    return strcmp(o->design, "ext") == 0 ||
           strcmp(o->design, "contentless") == 0;
}

static int create(sqlite3 *db, const opts *o)
{
    char sql[1024], fts_opts[256];
    const char *tok = "tokenize='porter unicode61 remove_diacritics 2'";
    int n = snprintf(fts_opts, sizeof(fts_opts), "%s", tok);
    if (o->detail)
        snprintf(fts_opts + n, sizeof(fts_opts) - (size_t)n, ", detail=%s",
                 o->detail);
    if (o->page_size) {
        snprintf(sql, sizeof(sql), "PRAGMA page_size=%d", o->page_size);
        if (exec(db, sql))
            return 2;
    }
    /* evidex's pragmas (index/index.c ev_index_open) */
    snprintf(sql, sizeof(sql),
             "PRAGMA journal_mode=WAL;"
             " PRAGMA synchronous=NORMAL; PRAGMA secure_delete=OFF;"
             " PRAGMA temp_store=MEMORY; PRAGMA cache_size=-%d;"
             " PRAGMA wal_autocheckpoint=8192",
             (o->cache_mb ? o->cache_mb : 32) * 1024);
    if (exec(db, sql))
        return 2;
    if (o->pragma && exec(db, o->pragma))
        return 2;
    if (has_docs(o) &&
        exec(db, "CREATE TABLE docs(id INTEGER PRIMARY KEY, size INTEGER"
                 " NOT NULL, body BLOB NOT NULL);"
                 "CREATE TABLE passages(id INTEGER PRIMARY KEY,"
                 " doc_id INTEGER NOT NULL, start INTEGER NOT NULL,"
                 " end INTEGER NOT NULL, line INTEGER NOT NULL,"
                 " kind INTEGER NOT NULL, page INTEGER NOT NULL,"
                 " loc INTEGER);"
                 "CREATE VIEW passages_text(id, text) AS SELECT p.id,"
                 " CAST(substr(d.body, p.start + 1, p.end - p.start) AS TEXT)"
                 " FROM passages p JOIN docs d ON d.id = p.doc_id;"))
        return 2;
    if (strcmp(o->design, "ext") == 0)
        snprintf(sql, sizeof(sql),
                 "CREATE VIRTUAL TABLE passages_fts USING fts5(text,"
                 " content='passages_text', content_rowid='id', %s)",
                 fts_opts);
    else if (strcmp(o->design, "plain") == 0)
        snprintf(sql, sizeof(sql),
                 "CREATE VIRTUAL TABLE passages_fts USING fts5(text, %s)",
                 fts_opts);
    else
        snprintf(sql, sizeof(sql),
                 "CREATE VIRTUAL TABLE passages_fts USING fts5(text,"
                 " content='', %s)", fts_opts);
    if (exec(db, sql))
        return 2;
    if (o->pgsz) {
        snprintf(sql, sizeof(sql), "INSERT INTO passages_fts(passages_fts,"
                 " rank) VALUES('pgsz', %d)", o->pgsz);
        if (exec(db, sql))
            return 2;
    }
    if (o->automerge >= 0) {
        snprintf(sql, sizeof(sql), "INSERT INTO passages_fts(passages_fts,"
                 " rank) VALUES('automerge', %d)", o->automerge);
        if (exec(db, sql))
            return 2;
    }
    if (o->crisismerge) {
        snprintf(sql, sizeof(sql), "INSERT INTO passages_fts(passages_fts,"
                 " rank) VALUES('crisismerge', %d)", o->crisismerge);
        if (exec(db, sql))
            return 2;
    }
    return 0;
}

/* --savepoint 2: FTS rows held until just before COMMIT, so no
 * savepoint falls between FTS5 writes (each savepoint makes FTS5 flush
 * its pending terms into a new small segment). */
typedef struct pending {
    int64_t *ids;
    char **texts;
    int *lens;
    size_t n, cap;
} pending;

static int pending_add(pending *p, int64_t id, const char *t, int len)
{
    if (p->n == p->cap) {
        size_t nc = p->cap ? p->cap * 2 : 4096;
        int64_t *ni = realloc(p->ids, nc * sizeof(*ni));
        char **nt;
        int *nl;
        if (ni)
            p->ids = ni;
        nt = realloc(p->texts, nc * sizeof(*nt));
        if (nt)
            p->texts = nt;
        nl = realloc(p->lens, nc * sizeof(*nl));
        if (nl)
            p->lens = nl;
        if (!ni || !nt || !nl)
            return 2;
        p->cap = nc;
    }
    p->texts[p->n] = malloc((size_t)len + 1);
    if (!p->texts[p->n])
        return 2;
    memcpy(p->texts[p->n], t, (size_t)len);
    p->ids[p->n] = id;
    p->lens[p->n] = len;
    p->n++;
    return 0;
}

static int pending_flush(sqlite3 *db, sqlite3_stmt *fi, pending *p)
{
    size_t i;
    int rc = 0;
    for (i = 0; i < p->n; i++) {
        if (!rc && fi) {
            sqlite3_bind_int64(fi, 1, p->ids[i]);
            sqlite3_bind_text(fi, 2, p->texts[i], p->lens[i], SQLITE_STATIC);
            if (sqlite3_step(fi) != SQLITE_DONE)
                rc = die(db, "insert fts");
            sqlite3_reset(fi);
        }
        free(p->texts[i]);
    }
    p->n = 0;
    return rc;
}

static int load(const opts *o)
{
    pending pend = {NULL, NULL, NULL, 0, 0};
    sqlite3 *db = NULL;
    sqlite3_stmt *di = NULL, *pi = NULL, *fi = NULL;
    FILE *f = fopen(o->dump, "rb");
    char *body = NULL;
    prow *rows = NULL;
    size_t body_cap = 0, row_cap = 0, batch_docs = 0;
    uint64_t src = 0, text = 0, fts_bytes = 0, n_docs = 0, n_pass = 0;
    uint64_t batch_bytes = 0;
    uint64_t batch_max = (uint64_t)((o->batch_mb > 0 ? o->batch_mb : 12) *
                                    1024 * 1024);
    double w0, c0, w1, c1, w2;
    struct stat st;
    struct rusage ru;
    int rc = 2, docs = has_docs(o);
    dhead h;
    if (!f) {
        perror(o->dump);
        return 2;
    }
    unlink(o->to);
    w0 = now(CLOCK_MONOTONIC);
    c0 = now(CLOCK_PROCESS_CPUTIME_ID);
    if (sqlite3_open(o->to, &db) != SQLITE_OK) {
        rc = die(db, "cannot create the baseline database");
        goto done;
    }
    if (create(db, o))
        goto done;
    if ((docs && (sqlite3_prepare_v2(db, "INSERT INTO docs(size, body)"
                                         " VALUES(?,?)", -1, &di,
                                     NULL) != SQLITE_OK ||
                  sqlite3_prepare_v2(db, "INSERT INTO passages(doc_id, start,"
                                         " end, line, kind, page)"
                                         " VALUES(?,?,?,?,?,?)", -1, &pi,
                                     NULL) != SQLITE_OK)) ||
        sqlite3_prepare_v2(db, "INSERT INTO passages_fts(rowid, text)"
                               " VALUES(?,?)", -1, &fi, NULL) != SQLITE_OK) {
        rc = die(db, "cannot prepare");
        goto done;
    }
    if (exec(db, "BEGIN IMMEDIATE"))
        goto done;
    while (fread(&h, sizeof(h), 1, f) == 1) {
        int64_t doc_id = 0, pid;
        uint32_t i;
        /* the text, then its stored (packed) form at body + body_len */
        if (h.body_len + h.frame_len + 1 > body_cap) {
            free(body);
            body_cap = h.body_len + h.frame_len + 1;
            body = malloc(body_cap);
        }
        if (h.n_pass > row_cap) {
            free(rows);
            row_cap = h.n_pass;
            rows = malloc(row_cap * sizeof(*rows));
        }
        if (!body || (h.n_pass && !rows) ||
            (h.body_len && fread(body, h.body_len, 1, f) != 1) ||
            (h.frame_len &&
             fread(body + h.body_len, h.frame_len, 1, f) != 1) ||
            (h.n_pass && fread(rows, sizeof(*rows), h.n_pass, f) != h.n_pass)) {
            fprintf(stderr, "fts_baseline: bad dump file\n");
            goto done;
        }
        if (o->savepoint && exec(db, "SAVEPOINT doc"))
            goto done;
        if (docs) {
            sqlite3_bind_int64(di, 1, (int64_t)h.size);
            /* evidex's stored form, packed off the writer (not timed) */
            sqlite3_bind_blob64(di, 2, body + h.body_len, h.frame_len,
                                SQLITE_STATIC);
            if (sqlite3_step(di) != SQLITE_DONE) {
                rc = die(db, "insert doc");
                goto done;
            }
            sqlite3_reset(di);
            doc_id = sqlite3_last_insert_rowid(db);
        }
        for (i = 0; i < h.n_pass; i++) {
            const prow *r = &rows[i];
            if (r->end <= r->start || r->end > h.body_len)
                continue;
            n_pass++;
            if (docs) {
                sqlite3_bind_int64(pi, 1, doc_id);
                sqlite3_bind_int64(pi, 2, r->start);
                sqlite3_bind_int64(pi, 3, r->end);
                sqlite3_bind_int(pi, 4, r->line);
                sqlite3_bind_int(pi, 5, r->kind);
                sqlite3_bind_int(pi, 6, r->page);
                if (sqlite3_step(pi) != SQLITE_DONE) {
                    rc = die(db, "insert passage");
                    goto done;
                }
                sqlite3_reset(pi);
                pid = sqlite3_last_insert_rowid(db);
            } else {
                pid = (int64_t)n_pass;
            }
            if (r->kind == KIND_NOISE)
                continue;
            fts_bytes += r->end - r->start;
            if (o->savepoint == 2) {
                if (pending_add(&pend, pid, body + r->start,
                                (int)(r->end - r->start)))
                    goto done;
                continue;
            }
            sqlite3_bind_int64(fi, 1, pid);
            sqlite3_bind_text(fi, 2, body + r->start, (int)(r->end - r->start),
                              SQLITE_STATIC);
            if (sqlite3_step(fi) != SQLITE_DONE) {
                rc = die(db, "insert fts");
                goto done;
            }
            sqlite3_reset(fi);
        }
        if (o->savepoint && exec(db, "RELEASE doc"))
            goto done;
        n_docs++;
        src += h.size;
        text += h.body_len;
        batch_docs++;
        batch_bytes += h.body_len;
        if (batch_docs >= (size_t)(o->batch_docs ? o->batch_docs : 64) ||
            batch_bytes >= batch_max) {
            if (pending_flush(db, fi, &pend) || exec(db, "COMMIT") ||
                exec(db, "BEGIN IMMEDIATE"))
                goto done;
            batch_docs = 0;
            batch_bytes = 0;
        }
    }
    if (pending_flush(db, fi, &pend) || exec(db, "COMMIT"))
        goto done;
    w1 = now(CLOCK_MONOTONIC);
    c1 = now(CLOCK_PROCESS_CPUTIME_ID);
    sqlite3_finalize(di);
    sqlite3_finalize(pi);
    sqlite3_finalize(fi);
    di = pi = fi = NULL;
    sqlite3_close(db);
    db = NULL;
    w2 = now(CLOCK_MONOTONIC);
    getrusage(RUSAGE_SELF, &ru);
    printf("{\"design\":\"%s\",\"savepoint\":%d,\"docs\":%llu,\"passages\":%llu,"
           "\"source_bytes\":%llu,\"text_bytes\":%llu,\"fts_bytes\":%llu,"
           "\"wall\":%.3f,\"cpu\":%.3f,\"wall_close\":%.3f,"
           "\"db_bytes\":%lld,\"maxrss_kb\":%ld}\n",
           o->design, o->savepoint, (unsigned long long)n_docs, (unsigned long long)n_pass,
           (unsigned long long)src, (unsigned long long)text,
           (unsigned long long)fts_bytes, w1 - w0, c1 - c0, w2 - w0,
           stat(o->to, &st) == 0 ? (long long)st.st_size : -1LL,
           ru.ru_maxrss);
    rc = 0;
done:
    sqlite3_finalize(di);
    sqlite3_finalize(pi);
    sqlite3_finalize(fi);
    sqlite3_close(db);
    pending_flush(db, NULL, &pend); /* frees; nothing left to insert */
    free(pend.ids);
    free(pend.texts);
    free(pend.lens);
    free(body);
    free(rows);
    fclose(f);
    return rc;
}

int main(int argc, char **argv)
{
    opts o;
    int i, rc, own_dump = 0;
    char tmp[4096];
    memset(&o, 0, sizeof(o));
    o.design = "ext";
    o.automerge = -1;
    for (i = 1; i + 1 < argc; i += 2) {
        const char *k = argv[i], *v = argv[i + 1];
        if (strcmp(k, "--from") == 0)
            o.from = v;
        else if (strcmp(k, "--to") == 0)
            o.to = v;
        else if (strcmp(k, "--dump") == 0)
            o.dump = v;
        else if (strcmp(k, "--design") == 0)
            o.design = v;
        else if (strcmp(k, "--savepoint") == 0)
            o.savepoint = (int)strtol(v, NULL, 10);
        else if (strcmp(k, "--pragma") == 0)
            o.pragma = v;
        else if (strcmp(k, "--detail") == 0)
            o.detail = v;
        else if (strcmp(k, "--page-size") == 0)
            o.page_size = (int)strtol(v, NULL, 10);
        else if (strcmp(k, "--pgsz") == 0)
            o.pgsz = (int)strtol(v, NULL, 10);
        else if (strcmp(k, "--automerge") == 0)
            o.automerge = (int)strtol(v, NULL, 10);
        else if (strcmp(k, "--crisismerge") == 0)
            o.crisismerge = (int)strtol(v, NULL, 10);
        else if (strcmp(k, "--batch-docs") == 0)
            o.batch_docs = (int)strtol(v, NULL, 10);
        else if (strcmp(k, "--batch-mb") == 0)
            o.batch_mb = strtod(v, NULL);
        else if (strcmp(k, "--cache-mb") == 0)
            o.cache_mb = (int)strtol(v, NULL, 10);
        else
            break;
    }
    if (i < argc || !o.to || (!o.from && !o.dump) ||
        (strcmp(o.design, "ext") && strcmp(o.design, "contentless") &&
         strcmp(o.design, "plain") && strcmp(o.design, "bare"))) {
        fprintf(stderr, "usage: fts_baseline --from EVIDEX_DB --to NEW_DB "
                        "[--dump FILE] [--design ext|contentless|plain|bare]"
                        " [knobs]\n");
        return 2;
    }
    if (!o.dump) {
        snprintf(tmp, sizeof(tmp), "%s.passages", o.to);
        o.dump = tmp;
        own_dump = 1;
    }
    /* --from dumps (overwriting); --dump alone reuses an earlier dump. */
    if (o.from && (rc = dump(&o)) != 0)
        return rc;
    rc = load(&o);
    if (own_dump)
        unlink(o.dump);
    return rc;
}
