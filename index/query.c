/*
 * Read queries: documents, text and passages, full-text search, claims
 * with filters, references, citation markers, counts.
 */
#include "index_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *col_text(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

/* Steps st to the end, calling fn per row; stops when fn returns nonzero.
 * Returns 0, the callback's value, or EV_EDB. */
typedef int (*row_fn)(void *ctx, sqlite3_stmt *st);
static int each_row(ev_index *idx, sqlite3_stmt *st, row_fn fn, void *ctx,
                    ev_err *err)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int r = fn(ctx, st);
        if (r)
            return r;
    }
    if (rc != SQLITE_DONE)
        return ev_index__dberr(idx, err, "query failed");
    return 0;
}

static int prepare(ev_index *idx, const char *sql, sqlite3_stmt **st,
                   ev_err *err)
{
    if (sqlite3_prepare_v2(idx->db, sql, -1, st, NULL) != SQLITE_OK) {
        *st = NULL;
        return ev_index__dberr(idx, err, "cannot prepare query");
    }
    return 0;
}

/* Appends ids[0..n) to json as a JSON array. */
static void ids_json(ev_buf *json, const int64_t *ids, size_t n)
{
    size_t i;
    ev_buf_putc(json, '[');
    for (i = 0; i < n; i++) {
        char num[24];
        int k = snprintf(num, sizeof(num), i ? ",%lld" : "%lld",
                         (long long)ids[i]);
        ev_buf_add(json, num, (size_t)k);
    }
    ev_buf_putc(json, ']');
}

/* Prepares "<head> FROM json_each(?1) j CROSS JOIN claims c ON c.id =
 * j.value<tail>" with ?1 the JSON array of ids[0..n) (kept in json):
 * the claims in the order given, an id not in the index skipped, in one
 * statement. A statement run once per id (reset, bind, step) costs more
 * in opening and closing its cursors than in reading the row. */
static int prepare_by_ids(ev_index *idx, const char *head, const char *tail,
                          const int64_t *ids, size_t n, ev_buf *json,
                          sqlite3_stmt **st, ev_err *err)
{
    ev_buf sql = EV_BUF_INIT;
    int rc;
    ids_json(json, ids, n);
    ev_buf_puts(&sql, head);
    ev_buf_puts(&sql, " FROM json_each(?1) j CROSS JOIN claims c"
                      " ON c.id = j.value");
    ev_buf_puts(&sql, tail);
    if (json->oom || sql.oom) {
        ev_buf_release(&sql);
        return ev_err_set(err, EV_ENOMEM, "out of memory");
    }
    rc = prepare(idx, sql.ptr, st, err);
    ev_buf_release(&sql);
    if (!rc)
        sqlite3_bind_text(*st, 1, json->ptr, (int)json->len, SQLITE_STATIC);
    return rc;
}

/* ---- documents ---- */

/* Bytes of the body that stand in for a missing title. */
#define DOC_LEAD 200

typedef struct doc_ctx {
    ev_doc_cb cb;
    void *ctx;
    ev_index *idx;
    char lead[DOC_LEAD + 1];
} doc_ctx;

/* The first DOC_LEAD bytes of document id's text into c->lead (empty
 * when it cannot be read), unpacking only those: unpacking whole bodies
 * was two thirds of listing an index of 20,000 untitled documents. */
static const char *doc_lead(doc_ctx *c, int64_t id)
{
    sqlite3_stmt *st = ev_index__stmt(c->idx, ST_DOC_BODY, NULL);
    size_t n = 0;
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        if (sqlite3_step(st) == SQLITE_ROW) {
            const void *p = sqlite3_column_blob(st, 0);
            if (ev_lz_unpack_prefix(p ? p : "",
                                    (size_t)sqlite3_column_bytes(st, 0),
                                    c->lead, DOC_LEAD, &n))
                n = 0;
        }
        sqlite3_reset(st);
    }
    c->lead[n] = 0;
    return c->lead;
}

static int doc_row(void *vctx, sqlite3_stmt *st)
{
    doc_ctx *c = vctx;
    ev_doc_row r;
    r.id = sqlite3_column_int64(st, 0);
    r.name = col_text(st, 1);
    r.path = col_text(st, 2);
    r.format = col_text(st, 3);
    r.title = col_text(st, 4);
    if (!r.title)
        r.title = doc_lead(c, r.id);
    r.authors = col_text(st, 5);
    r.date = col_text(st, 6);
    r.url = col_text(st, 7);
    r.doi = col_text(st, 8);
    r.year = sqlite3_column_int(st, 9);
    r.size = sqlite3_column_int64(st, 10);
    r.n_passages = sqlite3_column_int64(st, 11);
    r.n_claims = sqlite3_column_int64(st, 12);
    r.n_refs = sqlite3_column_int64(st, 13);
    r.n_cites = sqlite3_column_int64(st, 14);
    return c->cb(c->ctx, &r);
}

int ev_index_docs(ev_index *idx, ev_doc_cb cb, void *ctx, ev_err *err)
{
    sqlite3_stmt *st;
    doc_ctx c;
    int rc = prepare(idx,
                     "SELECT id, name, path, format, title, authors, date,"
                     " url, doi, year, size, n_passages, n_claims, n_refs,"
                     " n_cites FROM docs ORDER BY name, path",
                     &st, err);
    c.cb = cb;
    c.ctx = ctx;
    c.idx = idx;
    if (rc)
        return rc;
    rc = each_row(idx, st, doc_row, &c, err);
    sqlite3_finalize(st);
    return rc;
}

int ev_index_find_doc(ev_index *idx, const char *spec, int64_t *id,
                      ev_err *err)
{
    sqlite3_stmt *st;
    int rc, n = 0;
    ev_buf names = EV_BUF_INIT;
    const char *p;
    /* exact name or path first, then a unique prefix of the name */
    rc = prepare(idx,
                 "SELECT id, name, 0 FROM docs WHERE name=?1 OR path=?1"
                 " UNION ALL SELECT id, name, 1 FROM docs"
                 " WHERE substr(name, 1, length(?1)) = ?1 AND name <> ?1"
                 " ORDER BY 3, 2 LIMIT 6",
                 &st, err);
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, spec, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW) {
        int exact = sqlite3_column_int(st, 2) == 0;
        if (n == 0)
            *id = sqlite3_column_int64(st, 0);
        if (exact && n == 0) {
            /* several exact matches would be the same name in two folders */
            n = 1;
            ev_buf_puts(&names, col_text(st, 1));
            if (sqlite3_step(st) == SQLITE_ROW &&
                sqlite3_column_int(st, 2) == 0) {
                n = 2;
                ev_buf_puts(&names, ", ");
                ev_buf_puts(&names, col_text(st, 1));
            }
            break;
        }
        if (n)
            ev_buf_puts(&names, ", ");
        ev_buf_puts(&names, col_text(st, 1));
        n++;
    }
    sqlite3_finalize(st);
    if (n == 0) {
        /* no name matches: a number is an id */
        for (p = spec; *p && isdigit((unsigned char)*p); p++)
            ;
        if (*spec && !*p) {
            rc = prepare(idx, "SELECT id FROM docs WHERE id=?1", &st, err);
            if (rc) {
                ev_buf_release(&names);
                return rc;
            }
            sqlite3_bind_int64(st, 1, strtoll(spec, NULL, 10));
            if (sqlite3_step(st) == SQLITE_ROW) {
                *id = sqlite3_column_int64(st, 0);
                n = 1;
            }
            sqlite3_finalize(st);
        }
    }
    if (n == 1) {
        rc = 0;
    } else if (n == 0) {
        rc = ev_err_set(err, EV_ENOTFOUND, "no document '%s' in the index "
                        "(see 'evidex docs')", spec);
    } else {
        rc = ev_err_set(err, EV_EINVALID, "'%s' is ambiguous: %s%s", spec,
                        names.ptr ? names.ptr : "", n > 5 ? ", ..." : "");
    }
    ev_buf_release(&names);
    return rc;
}

int ev_index_doc_paths(ev_index *idx, const char *prefix, ev_path_cb cb,
                       void *ctx, ev_err *err)
{
    sqlite3_stmt *st;
    int rc = prepare(idx,
                     "SELECT path FROM docs WHERE substr(path, 1, length(?1))"
                     " = ?1 ORDER BY path",
                     &st, err);
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int r = cb(ctx, col_text(st, 0));
        if (r) {
            sqlite3_finalize(st);
            return r;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : ev_index__dberr(idx, err, "query failed");
}

int ev_index_doc_text(ev_index *idx, int64_t id, ev_buf *out, ev_err *err)
{
    sqlite3_stmt *st = ev_index__stmt(idx, ST_DOC_BODY, err);
    int rc;
    if (!st)
        return EV_EDB;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        const void *p = sqlite3_column_blob(st, 0);
        int n = sqlite3_column_bytes(st, 0);
        rc = ev_index__unpack(p ? p : "", (size_t)n, out, err);
    } else {
        rc = ev_err_set(err, EV_ENOTFOUND, "no such document");
    }
    sqlite3_reset(st);
    return rc;
}

typedef struct passage_ctx {
    ev_passage_cb cb;
    void *ctx;
    ev_buf body;
} passage_ctx;

static int passage_row(void *vctx, sqlite3_stmt *st)
{
    passage_ctx *c = vctx;
    ev_passage_row r;
    r.doc = col_text(st, 0);
    r.start = sqlite3_column_int64(st, 1);
    r.end = sqlite3_column_int64(st, 2);
    r.line = sqlite3_column_int(st, 3);
    r.kind = ev_block_kind_name(sqlite3_column_int(st, 4));
    r.page = sqlite3_column_int(st, 5);
    r.locator = col_text(st, 6);
    {
        size_t a = (size_t)r.start, b = (size_t)r.end;
        if (b > c->body.len)
            b = c->body.len;
        if (a > b)
            a = b;
        r.text = c->body.ptr ? c->body.ptr + a : "";
        r.text_len = b - a;
    }
    return c->cb(c->ctx, &r);
}

int ev_index_passages(ev_index *idx, int64_t doc_id, ev_passage_cb cb,
                      void *ctx, ev_err *err)
{
    sqlite3_stmt *st;
    passage_ctx c = {cb, ctx, EV_BUF_INIT};
    /* the body is read once and sliced per passage: substr() in SQL
     * would read all of it again for every passage */
    int rc = ev_index_doc_text(idx, doc_id, &c.body, err);
    if (rc)
        return rc;
    rc = prepare(idx,
                 "SELECT d.name, p.start, p.end, p.line, p.kind, p.page,"
                 " l.text FROM docs d CROSS JOIN passages p"
                 " ON p.id BETWEEN d.p_lo AND d.p_lo + d.n_passages - 1"
                 " LEFT JOIN locators l ON l.id = p.loc"
                 " WHERE d.id=? ORDER BY p.start",
                 &st, err);
    if (!rc) {
        sqlite3_bind_int64(st, 1, doc_id);
        rc = each_row(idx, st, passage_row, &c, err);
        sqlite3_finalize(st);
    }
    ev_buf_release(&c.body);
    return rc;
}

/* ---- search ---- */

typedef struct hit_ctx {
    ev_hit_cb cb;
    void *ctx;
} hit_ctx;

static int hit_row(void *vctx, sqlite3_stmt *st)
{
    hit_ctx *c = vctx;
    ev_hit h;
    h.doc = col_text(st, 0);
    h.line = sqlite3_column_int(st, 1);
    h.start = sqlite3_column_int64(st, 2);
    h.end = sqlite3_column_int64(st, 3);
    h.snippet = col_text(st, 4);
    h.score = sqlite3_column_double(st, 5);
    h.locator = col_text(st, 6);
    return c->cb(c->ctx, &h);
}

int ev_index_search(ev_index *idx, const char *query, int limit,
                    const char *mark_open, const char *mark_close,
                    ev_hit_cb cb, void *ctx, ev_err *err)
{
    sqlite3_stmt *st;
    hit_ctx c = {cb, ctx};
    int rc = prepare(idx,
                     "SELECT d.name, p.line, p.start, p.end,"
                     " snippet(passages_fts, 0, ?1, ?2, '...', 16),"
                     " bm25(passages_fts), l.text"
                     " FROM passages_fts JOIN passages p"
                     " ON p.id = passages_fts.rowid"
                     " JOIN docs d ON d.id = p.doc_id"
                     " LEFT JOIN locators l ON l.id = p.loc"
                     " WHERE passages_fts MATCH ?3 ORDER BY rank LIMIT ?4",
                     &st, err);
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, mark_open, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, mark_close, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, query, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, limit > 0 ? limit : 20);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int r = hit_row(&c, st);
        if (r) {
            sqlite3_finalize(st);
            return r;
        }
    }
    if (rc != SQLITE_DONE) {
        const char *msg = sqlite3_errmsg(idx->db);
        /* A plain SQLITE_ERROR from stepping a prepared MATCH is the
         * query's fault (syntax, unknown column, unterminated string);
         * I/O, corruption and locking have codes of their own. */
        if (sqlite3_errcode(idx->db) == SQLITE_ERROR)
            rc = ev_err_set(err, EV_EINVALID, "invalid query '%s': %s",
                            query, msg);
        else
            rc = ev_index__dberr(idx, err, "search failed");
        sqlite3_finalize(st);
        return rc;
    }
    sqlite3_finalize(st);
    return 0;
}

/* ---- claims ---- */

/* Turns free words into a safe FTS5 query: each word quoted, ANDed. */
/* Words that nearly every sentence holds: in an any-word (OR) query
 * they make FTS5 rank almost every row for no selectivity. */
static const char *const any_stop[] = {
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for",
    "from", "had", "has", "have", "in", "into", "is", "it", "its", "not",
    "of", "on", "or", "than", "that", "the", "their", "these", "this",
    "those", "to", "was", "we", "were", "which", "while", "with"};

static int skip_any_word(const unsigned char *s, size_t n)
{
    size_t i, digits = 0;
    for (i = 0; i < n; i++)
        digits += isdigit(s[i]) != 0;
    if (digits == n)
        return 1; /* figures are matched by value, not as words */
    for (i = 0; i < sizeof(any_stop) / sizeof(any_stop[0]); i++)
        if (strlen(any_stop[i]) == n &&
            strncasecmp(any_stop[i], (const char *)s, n) == 0)
            return 1;
    return 0;
}

/* Steps *p past the next word of a query; returns its start, or NULL
 * at the end. */
static const unsigned char *next_word(const unsigned char **p, size_t *len)
{
    const unsigned char *s = *p, *e;
    while (*s && !(isalnum(*s) || *s >= 0x80))
        s++;
    for (e = s; *e && (isalnum(*e) || *e >= 0x80 || *e == '\''); e++)
        ;
    *p = e;
    *len = (size_t)(e - s);
    return e > s ? s : NULL;
}

static void put_word(ev_buf *q, const unsigned char *s, size_t len, int any)
{
    if (q->len)
        ev_buf_puts(q, any ? " OR " : " ");
    ev_buf_putc(q, '"');
    ev_buf_add(q, s, len);
    ev_buf_putc(q, '"');
}

static void words_query(ev_buf *q, const char *words, int any)
{
    const unsigned char *p = (const unsigned char *)words, *s;
    size_t len;
    while ((s = next_word(&p, &len)) != NULL)
        if (!(any && skip_any_word(s, len)))
            put_word(q, s, len, any);
}

/* A word of an any-word query and the sentences that hold it. */
typedef struct any_word {
    const unsigned char *s;
    size_t len, pos;
    int64_t rows; /* counted up to the budget and one more */
} any_word;

static int cmp_any_word(const void *a, const void *b)
{
    const any_word *x = a, *y = b;
    if (x->rows != y->rows)
        return x->rows < y->rows ? -1 : 1;
    return (x->pos > y->pos) - (x->pos < y->pos);
}

static int cmp_any_pos(const void *a, const void *b)
{
    const any_word *x = a, *y = b;
    return (x->pos > y->pos) - (x->pos < y->pos);
}

void ev_index__wc_clear(ev_index *idx)
{
    size_t i;
    for (i = 0; i < idx->wc_cap; i++) {
        free(idx->wc[i].word);
        idx->wc[i].word = NULL;
    }
    idx->wc_n = 0;
}

/* The slot of phrase in idx's word counts (empty when it has none), or
 * NULL when the table cannot grow. Counts of an older data version are
 * dropped first. */
static ev_word_count *wc_slot(ev_index *idx, const char *phrase, size_t len)
{
    unsigned version = 0;
    size_t j;
    sqlite3_file_control(idx->db, "main", SQLITE_FCNTL_DATA_VERSION,
                         &version);
    if (version != idx->wc_version) {
        ev_index__wc_clear(idx);
        idx->wc_version = version;
    }
    if ((idx->wc_n + 1) * 2 > idx->wc_cap) {
        size_t nc = idx->wc_cap ? idx->wc_cap * 2 : 256, i;
        ev_word_count *nw = calloc(nc, sizeof(*nw));
        if (!nw)
            return NULL;
        for (i = 0; i < idx->wc_cap; i++) {
            const char *w = idx->wc[i].word;
            if (!w)
                continue;
            j = (size_t)ev_hash64(w, strlen(w), 3) & (nc - 1);
            while (nw[j].word)
                j = (j + 1) & (nc - 1);
            nw[j] = idx->wc[i];
        }
        free(idx->wc);
        idx->wc = nw;
        idx->wc_cap = nc;
    }
    j = (size_t)ev_hash64(phrase, len, 3) & (idx->wc_cap - 1);
    while (idx->wc[j].word && strcmp(idx->wc[j].word, phrase) != 0)
        j = (j + 1) & (idx->wc_cap - 1);
    return &idx->wc[j];
}

/* The connection's count of phrase, counted up to cap (exact below its
 * own cap), or -1 when it has none. */
static int64_t wc_known(ev_index *idx, const ev_buf *phrase, int64_t cap)
{
    ev_word_count *slot = wc_slot(idx, phrase->ptr, phrase->len);
    if (slot && slot->word && (slot->rows < slot->cap || cap <= slot->cap))
        return slot->rows < cap ? slot->rows : cap;
    return -1;
}

/* Keeps a count of phrase (kept when it can be: one not kept is counted
 * again next time). */
static void wc_keep(ev_index *idx, const ev_buf *phrase, int64_t rows,
                    int64_t cap)
{
    ev_word_count *slot = wc_slot(idx, phrase->ptr, phrase->len);
    if (!slot)
        return;
    if (!slot->word && (slot->word = ev_strdup(phrase->ptr)) != NULL)
        idx->wc_n++;
    slot->rows = rows;
    slot->cap = cap;
}

/* Runs st (ev_count over the query q of n phrases, up to cap) into
 * rows[0..n): 1 when the query did not hold n phrases (a word the
 * tokenizer drops), else 0 or an error. */
static int ev_count_run(ev_index *idx, sqlite3_stmt *st, const ev_buf *q,
                        size_t n, int64_t cap, int64_t *rows, ev_err *err)
{
    size_t k = 0;
    int rc;
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, q->ptr, (int)q->len, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, cap);
    rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) {
        /* no row holds any of them */
        memset(rows, 0, n * sizeof(*rows));
        rc = 0;
    } else if (rc == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        char *e;
        while (t && *t && k < n) {
            rows[k++] = strtoll(t, &e, 10);
            t = *e == ' ' ? e + 1 : e;
        }
        rc = k == n && t && !*t ? 0 : 1;
    } else {
        rc = ev_index__dberr(idx, err, "query failed");
    }
    sqlite3_reset(st);
    return rc;
}

/*
 * Sets w[i].rows, the sentences that hold each of n words, counted up
 * to cap (reading only their doclists: no ranking): from the
 * connection's earlier counts where it has them, the rest in one
 * ev_count query (rank.c), or one per word when the tokenizer drops a
 * word whole and the phrases no longer line up with the words.
 */
static int count_words(ev_index *idx, any_word *w, size_t n, int64_t cap,
                       ev_err *err)
{
    ev_buf phrase = EV_BUF_INIT, q = EV_BUF_INIT;
    sqlite3_stmt *st = NULL;
    size_t *todo = malloc((n + 1) * sizeof(*todo)), n_todo = 0, i;
    int64_t *rows = malloc((n + 1) * sizeof(*rows));
    int rc = 0;
    if (!todo || !rows) {
        rc = ev_err_set(err, EV_ENOMEM, "out of memory");
        goto done;
    }
    for (i = 0; i < n; i++) {
        ev_buf_clear(&phrase);
        put_word(&phrase, w[i].s, w[i].len, 1);
        if (phrase.oom) {
            rc = ev_err_set(err, EV_ENOMEM, "out of memory");
            goto done;
        }
        w[i].rows = wc_known(idx, &phrase, cap);
        if (w[i].rows < 0) {
            todo[n_todo++] = i;
            put_word(&q, w[i].s, w[i].len, 1);
        }
    }
    if (!n_todo)
        goto done;
    if (q.oom) {
        rc = ev_err_set(err, EV_ENOMEM, "out of memory");
        goto done;
    }
    rc = prepare(idx,
                 "SELECT ev_count(sentences_fts, ?2) FROM sentences_fts"
                 " WHERE sentences_fts MATCH ?1 LIMIT 1",
                 &st, err);
    if (!rc)
        rc = ev_count_run(idx, st, &q, n_todo, cap, rows, err);
    if (rc == 1) {
        /* one word at a time; a word with no tokens holds no rows */
        rc = 0;
        for (i = 0; !rc && i < n_todo; i++) {
            ev_buf_clear(&q);
            put_word(&q, w[todo[i]].s, w[todo[i]].len, 1);
            rc = q.oom ? ev_err_set(err, EV_ENOMEM, "out of memory")
                       : ev_count_run(idx, st, &q, 1, cap, &rows[i], err);
            if (rc == 1) {
                rows[i] = 0;
                rc = 0;
            }
        }
    }
    for (i = 0; !rc && i < n_todo; i++) {
        any_word *x = &w[todo[i]];
        x->rows = rows[i];
        ev_buf_clear(&phrase);
        put_word(&phrase, x->s, x->len, 1);
        if (!phrase.oom)
            wc_keep(idx, &phrase, x->rows, cap);
    }
done:
    sqlite3_finalize(st);
    ev_buf_release(&phrase);
    ev_buf_release(&q);
    free(todo);
    free(rows);
    return rc;
}

/*
 * The any-word query of about, ranking at most about `budget` rows:
 * ranking reads every sentence that holds any of the words (and its
 * length), so on a large index one common word ("percent", "cost")
 * costs more than all the rest. The rarest words are kept, as long as
 * the sentences they hold number budget in all (the rarest always);
 * the common ones weigh least in bm25 and mostly add sentences that
 * share nothing else with the figure. Kept words stay in their order,
 * so with every word kept (a small index) the query is the full one.
 */
static int rare_words_query(ev_index *idx, ev_buf *q, const char *about,
                            int64_t budget, ev_err *err)
{
    EV_VEC(any_word) v = {NULL, 0, 0};
    const unsigned char *p = (const unsigned char *)about, *s;
    int64_t total = 0;
    size_t len, i, n_keep;
    int rc = 0;
    while ((s = next_word(&p, &len)) != NULL) {
        any_word *w;
        if (skip_any_word(s, len))
            continue;
        w = ev_vec_push(&v);
        if (!w) {
            rc = ev_err_set(err, EV_ENOMEM, "out of memory");
            goto done;
        }
        w->s = s;
        w->len = len;
        w->pos = v.n - 1;
        w->rows = 0;
    }
    if (v.n > 1) {
        int64_t cap, least;
        /* counted up to the budget and one more; every word over it:
         * count further, so that the one kept is the rarest, not merely
         * the first */
        for (cap = budget + 1; !rc; cap *= 8) {
            rc = count_words(idx, v.v, v.n, cap, err);
            for (least = cap, i = 0; i < v.n; i++)
                if (v.v[i].rows < least)
                    least = v.v[i].rows;
            if (least < cap)
                break;
        }
        if (rc)
            goto done;
        qsort(v.v, v.n, sizeof(v.v[0]), cmp_any_word);
    }
    for (n_keep = 0; n_keep < v.n; n_keep++) {
        if (n_keep && total + v.v[n_keep].rows > budget)
            break;
        total += v.v[n_keep].rows;
    }
    qsort(v.v, n_keep, sizeof(v.v[0]), cmp_any_pos);
    for (i = 0; i < n_keep; i++)
        put_word(q, v.v[i].s, v.v[i].len, 1);
done:
    free(v.v);
    return rc;
}

/* Appends the citation in st's row (EV_CLAIM_CITE_COLS) to c. */
static int cite_from_row(sqlite3_stmt *st, ev_claim *c, ev_err *err)
{
    ev_citation *ct = ev_vec_push(&c->cites);
    if (!ct)
        return ev_err_set(err, EV_ENOMEM, "out of memory");
    ct->kind = sqlite3_column_int(st, 0);
    ct->marker = ev_strdup(col_text(st, 1));
    ct->text = ev_strdup(col_text(st, 2));
    ct->url = ev_strdup(col_text(st, 3));
    ct->note = sqlite3_column_int(st, 4);
    ct->ref = sqlite3_column_int(st, 5);
    ct->start = (size_t)sqlite3_column_int64(st, 6);
    ct->end = (size_t)sqlite3_column_int64(st, 7);
    return 0;
}

static int load_citations(ev_index *idx, ev_claim *c, ev_err *err)
{
    sqlite3_stmt *st = ev_index__stmt(idx, ST_CLAIM_CITES, err);
    int rc = SQLITE_DONE, r = 0;
    if (!st)
        return EV_EDB;
    sqlite3_bind_int64(st, 1, c->id);
    while (!r && (rc = sqlite3_step(st)) == SQLITE_ROW)
        r = cite_from_row(st, c, err);
    sqlite3_reset(st);
    if (r)
        return r;
    return rc == SQLITE_DONE ? 0 : ev_index__dberr(idx, err, "query failed");
}

int ev_index_claims_cites(ev_index *idx, ev_claim *const *claims, size_t n,
                          ev_err *err)
{
    sqlite3_stmt *st = NULL;
    ev_buf json = EV_BUF_INIT;
    int64_t *ids;
    size_t i;
    int rc = 0, step = SQLITE_DONE;
    if (!n)
        return 0;
    ids = malloc(n * sizeof(*ids));
    if (!ids)
        return ev_err_set(err, EV_ENOMEM, "out of memory");
    for (i = 0; i < n; i++)
        ids[i] = claims[i]->id;
    ids_json(&json, ids, n);
    free(ids);
    if (json.oom) {
        ev_buf_release(&json);
        return ev_err_set(err, EV_ENOMEM, "out of memory");
    }
    /* one statement for all: a claim's rows come in ord order (the key
     * of claim_cites), and j.key says whose they are */
    rc = prepare(idx,
                 EV_CLAIM_CITE_COLS ", j.key FROM json_each(?1) j"
                 " CROSS JOIN claim_cites cc ON cc.claim_id = j.value"
                 EV_CLAIM_CITE_JOINS,
                 &st, err);
    if (!rc)
        sqlite3_bind_text(st, 1, json.ptr, (int)json.len, SQLITE_STATIC);
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t k = sqlite3_column_int64(st, 8);
        if (k >= 0 && (size_t)k < n)
            rc = cite_from_row(st, claims[k], err);
    }
    if (!rc && step != SQLITE_DONE)
        rc = ev_index__dberr(idx, err, "query failed");
    sqlite3_finalize(st);
    ev_buf_release(&json);
    return rc;
}

/* A claim's sentence is stored once per sentence as written; the claim
 * gets it with its white space collapsed, as the extractor gives it. */
#define CLAIM_COLS CLAIM_SELECT " FROM claims c" CLAIM_JOINS
#define CLAIM_SELECT                                                         \
    "SELECT c.id, d.name, c.start, c.end, c.line, c.surface, c.lo, c.hi,"   \
    " c.unit, c.unit_detail, c.qualifier, c.subject, s.text,"               \
    " coalesce(s.start, 0), coalesce(s.end, 0), coalesce(c.year, 0),"       \
    " c.block, c.note"
#define CLAIM_JOINS                                                          \
    " JOIN docs d ON d.id = c.doc_id"                                       \
    " LEFT JOIN sentences s ON s.id = c.sent_id"

/* Column i into c->unit, cut to fit (no printf: this runs for every
 * candidate of a value lookup). */
static void copy_unit(ev_claim *c, sqlite3_stmt *st, int i)
{
    const unsigned char *u = sqlite3_column_text(st, i);
    size_t n = u ? (size_t)sqlite3_column_bytes(st, i) : 0;
    if (n >= sizeof(c->unit))
        n = sizeof(c->unit) - 1;
    if (n)
        memcpy(c->unit, u, n);
    c->unit[n] = 0;
}

static int claim_from_row(sqlite3_stmt *st, ev_claim *c)
{
    memset(c, 0, sizeof(*c));
    c->id = sqlite3_column_int64(st, 0);
    c->doc = ev_strdup(col_text(st, 1));
    c->start = (size_t)sqlite3_column_int64(st, 2);
    c->end = (size_t)sqlite3_column_int64(st, 3);
    c->line = sqlite3_column_int(st, 4);
    c->surface = ev_strdup(col_text(st, 5) ? col_text(st, 5) : "");
    c->lo = sqlite3_column_double(st, 6);
    c->hi = sqlite3_column_double(st, 7);
    copy_unit(c, st, 8);
    c->unit_detail = ev_strdup(col_text(st, 9));
    c->qualifier = sqlite3_column_int(st, 10);
    c->subject = ev_strdup(col_text(st, 11));
    {
        ev_buf b = EV_BUF_INIT;
        const char *t = col_text(st, 12);
        ev_text_collapse(&b, t ? t : "",
                         t ? (size_t)sqlite3_column_bytes(st, 12) : 0);
        c->sentence = ev_buf_detach(&b);
    }
    c->sent_start = (size_t)sqlite3_column_int64(st, 13);
    c->sent_end = (size_t)sqlite3_column_int64(st, 14);
    c->year = sqlite3_column_int(st, 15);
    c->block = sqlite3_column_int(st, 16);
    c->note = sqlite3_column_int(st, 17);
    return (!c->doc || !c->surface || !c->sentence) ? EV_ENOMEM : 0;
}

/* Steps st, a query of CLAIM_SELECT's columns, handing cb each claim,
 * with its citations unless the filter f leaves them out. */
static int run_claims(ev_index *idx, sqlite3_stmt *st,
                      const ev_claim_filter *f, ev_claim_cb cb, void *ctx,
                      ev_err *err)
{
    int rc, r = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        ev_claim c;
        r = claim_from_row(st, &c);
        if (!r && !(f && f->no_cites))
            r = load_citations(idx, &c, err);
        else if (r)
            ev_err_set(err, r, "out of memory");
        if (!r)
            r = cb(ctx, &c);
        ev_claim_release(&c);
        if (r)
            break;
    }
    if (r)
        return r;
    if (rc != SQLITE_DONE)
        return ev_index__dberr(idx, err, "claims query failed");
    return 0;
}

/* The FTS query of an any-word filter into q (nothing for others). */
static int any_query(ev_index *idx, ev_buf *q, const ev_claim_filter *f,
                     ev_err *err)
{
    if (!f || !f->about || !*f->about || !f->about_any)
        return 0;
    if (f->about_rows > 0)
        return rare_words_query(idx, q, f->about, f->about_rows, err);
    words_query(q, f->about, 1);
    return 0;
}

/* Builds "<select> WHERE ..." for a claim filter into sql (q receives
 * the all-words FTS query; any-word queries with words are any_claims').
 * The SQL is assembled from fixed fragments; every user value is a bound
 * parameter (?1 doc, ?2 words, ?3 unit, ?4/?5 range, ?7 limit). */
static void claims_sql(ev_buf *sql, ev_buf *q, const ev_claim_filter *f,
                       const char *select, const char *joins)
{
    ev_buf_puts(sql, select);
    /* a document's claims are one id range (schema.c): a value index
     * would scan every claim of the unit instead */
    ev_buf_puts(sql, f && f->doc_id ? " FROM claims c NOT INDEXED"
                                    : " FROM claims c");
    ev_buf_puts(sql, joins);
    ev_buf_puts(sql, " WHERE 1");
    if (f && f->doc_id)
        ev_buf_puts(sql, " AND c.id BETWEEN"
                         " (SELECT c_lo FROM docs WHERE id = ?1) AND"
                         " (SELECT c_lo + n_claims - 1 FROM docs"
                         " WHERE id = ?1)");
    if (f && f->about && *f->about && !f->about_any) {
        words_query(q, f->about, 0);
        /* the subject is made of the sentence's own words: the
         * sentence index answers for both (a sentence's claims are
         * c_lo..c_hi, see schema.c) */
        if (q->len)
            ev_buf_puts(sql, " AND c.id IN (SELECT k.id FROM sentences_fts"
                             " f CROSS JOIN sentences s ON s.id = f.rowid"
                             " CROSS JOIN claims k NOT INDEXED"
                             " ON k.id BETWEEN s.c_lo"
                             " AND s.c_hi AND k.sent_id = s.id"
                             " WHERE sentences_fts MATCH ?2)");
    }
    if (f && f->use_range && f->unit && *f->unit) {
        /* points (most claims) by a tight range on (unit, lo); the few
         * ranges through their own partial index */
        ev_buf_puts(sql, " AND c.id IN (SELECT id FROM claims WHERE"
                         " unit = ?3 AND lo BETWEEN ?4 AND ?5 AND hi = lo"
                         " UNION ALL SELECT id FROM claims WHERE unit = ?3"
                         " AND hi > lo AND lo <= ?5 AND hi >= ?4)");
    } else {
        if (f && f->unit && *f->unit)
            ev_buf_puts(sql, " AND c.unit = ?3");
        if (f && f->use_range)
            ev_buf_puts(sql, " AND c.lo <= ?5 AND c.hi >= ?4");
    }
    /* by document, then place (see schema.c) */
    ev_buf_puts(sql, " ORDER BY c.id");
    if (f && f->limit > 0)
        ev_buf_puts(sql, " LIMIT ?7");
}

static void claims_bind(sqlite3_stmt *st, const ev_claim_filter *f,
                        const ev_buf *q)
{
    if (!f)
        return;
    if (f->doc_id)
        sqlite3_bind_int64(st, 1, f->doc_id);
    if (q->len)
        sqlite3_bind_text(st, 2, q->ptr, -1, SQLITE_STATIC);
    if (f->unit && *f->unit)
        sqlite3_bind_text(st, 3, f->unit, -1, SQLITE_STATIC);
    if (f->use_range) {
        sqlite3_bind_double(st, 4, f->lo);
        sqlite3_bind_double(st, 5, f->hi);
    }
    if (f->limit > 0)
        sqlite3_bind_int(st, 7, f->limit);
}

/* Prepares the claims query built in sql (with q, the FTS words) and
 * binds f to it. */
static int prepare_claims(ev_index *idx, const ev_buf *sql, const ev_buf *q,
                          const ev_claim_filter *f, sqlite3_stmt **st,
                          ev_err *err)
{
    int rc;
    if (sql->oom || q->oom)
        return ev_err_set(err, EV_ENOMEM, "out of memory");
    rc = prepare(idx, sql->ptr, st, err);
    if (!rc)
        claims_bind(*st, f, q);
    return rc;
}

/* Steps st, a query of (id, lo, hi, unit, qualifier), handing cb each row
 * as a light claim. */
static int run_light(ev_index *idx, sqlite3_stmt *st, ev_claim_cb cb,
                     void *ctx, ev_err *err)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        ev_claim c;
        int r;
        memset(&c, 0, sizeof(c));
        c.id = sqlite3_column_int64(st, 0);
        c.lo = sqlite3_column_double(st, 1);
        c.hi = sqlite3_column_double(st, 2);
        copy_unit(&c, st, 3);
        c.qualifier = sqlite3_column_int(st, 4);
        c.block = c.note = -1;
        r = cb(ctx, &c);
        if (r)
            return r;
    }
    return rc == SQLITE_DONE ? 0 : ev_index__dberr(idx, err, "query failed");
}

/* Sentences ranked for an any-word query: the claims of the best this
 * many are its candidates. */
#define ANY_SENTENCES 500

/* A candidate of an any-word query, by what orders it. */
typedef struct any_hit {
    double r; /* its sentence's rank, lower is better */
    int64_t doc_id, start, id;
} any_hit;

static int cmp_any_hit(const void *a, const void *b)
{
    const any_hit *x = a, *y = b;
    if (x->r != y->r)
        return x->r < y->r ? -1 : 1;
    if (x->doc_id != y->doc_id)
        return x->doc_id < y->doc_id ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

/* A ranked sentence of an any-word query. */
typedef struct any_sent {
    double r; /* ev_rank: lower is better */
    int64_t id;
} any_sent;

/* (r, id) order: the best first, rowid breaking ties so the same
 * sentences are kept every time. */
static int any_sent_before(const any_sent *a, const any_sent *b)
{
    return a->r < b->r || (a->r == b->r && a->id < b->id);
}

static int cmp_any_sent(const void *a, const void *b)
{
    return any_sent_before(b, a) - any_sent_before(a, b);
}

/* Restores the max-heap h[0..n) (the worst kept on top) below i. */
static void heap_down(any_sent *h, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, w = i;
        any_sent t;
        if (l < n && any_sent_before(&h[w], &h[l]))
            w = l;
        if (l + 1 < n && any_sent_before(&h[w], &h[l + 1]))
            w = l + 1;
        if (w == i)
            return;
        t = h[i];
        h[i] = h[w];
        h[w] = t;
        i = w;
    }
}

static void heap_up(any_sent *h, size_t i)
{
    while (i > 0 && any_sent_before(&h[(i - 1) / 2], &h[i])) {
        any_sent t = h[i];
        h[i] = h[(i - 1) / 2];
        h[(i - 1) / 2] = t;
        i = (i - 1) / 2;
    }
}

/*
 * The best n sentences of the FTS5 query q by ev_rank, best first, into
 * out (room for n). Kept in a heap here: SQLite's ORDER BY ... LIMIT
 * keeps them in a temporary b-tree, an insert and a delete for every
 * row ranked, which cost several times the ranking itself.
 */
static int best_sentences(ev_index *idx, const ev_buf *q, any_sent *out,
                          size_t n, size_t *n_out, ev_err *err)
{
    sqlite3_stmt *st = NULL;
    size_t k = 0;
    int rc = prepare(idx,
                     "SELECT rowid, ev_rank(sentences_fts) FROM sentences_fts"
                     " WHERE sentences_fts MATCH ?1",
                     &st, err);
    *n_out = 0;
    if (rc)
        return rc;
    sqlite3_bind_text(st, 1, q->ptr, (int)q->len, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        any_sent s;
        s.id = sqlite3_column_int64(st, 0);
        s.r = sqlite3_column_double(st, 1);
        if (k < n) {
            out[k] = s;
            heap_up(out, k++);
        } else if (n && any_sent_before(&s, &out[0])) {
            out[0] = s;
            heap_down(out, k, 0);
        }
    }
    rc = rc == SQLITE_DONE ? 0 : ev_index__dberr(idx, err, "query failed");
    sqlite3_finalize(st);
    if (!rc && k)
        qsort(out, k, sizeof(out[0]), cmp_any_sent);
    *n_out = rc ? 0 : k;
    return rc;
}

/*
 * The claims of an any-word query (q, the FTS5 words), best ranked first:
 * those of the best ANY_SENTENCES sentences by ev_rank, by (rank,
 * document, offset), at most f->limit.
 *
 * In three steps rather than one join: the ranked sentences; the light
 * claims of each (id and what orders them), stopping once the limit is
 * reached and the next sentence ranks lower; then the kept claims whole.
 * One join read every claim of all the sentences whole (a sentence's
 * text, the document's name) and sorted them, only to keep the limit.
 */
static int any_claims(ev_index *idx, const ev_claim_filter *f,
                      const ev_buf *q, int light, ev_claim_cb cb, void *ctx,
                      ev_err *err)
{
    EV_VEC(any_hit) hits = {NULL, 0, 0};
    any_sent *best = NULL;
    int64_t *ids = NULL;
    sqlite3_stmt *per = NULL, *whole = NULL;
    ev_buf sql = EV_BUF_INIT, json = EV_BUF_INIT;
    size_t limit = f->limit > 0 ? (size_t)f->limit : (size_t)-1, i, n_best;
    int rc, step;
    double last_r = 0;
    if (q->oom)
        return ev_err_set(err, EV_ENOMEM, "out of memory");
    best = malloc(sizeof(*best) * ANY_SENTENCES);
    if (!best)
        return ev_err_set(err, EV_ENOMEM, "out of memory");
    rc = best_sentences(idx, q, best, ANY_SENTENCES, &n_best, err);
    if (rc)
        goto done;
    if (!n_best)
        goto done;
    /* the claims of the ranked sentences, in rank order, in one statement
     * (j.key is the sentence's place in best); each sentence's claims
     * are an id range (schema.c), which NOT INDEXED keeps the planner
     * on: with a unit it would otherwise scan the unit's value index */
    ids = malloc(n_best * sizeof(*ids));
    if (!ids) {
        rc = ev_err_set(err, EV_ENOMEM, "out of memory");
        goto done;
    }
    for (i = 0; i < n_best; i++)
        ids[i] = best[i].id;
    ids_json(&json, ids, n_best);
    ev_buf_puts(&sql, "SELECT j.key, c.id, c.doc_id, c.start"
                      " FROM json_each(?1) j CROSS JOIN sentences s"
                      " ON s.id = j.value CROSS JOIN claims c NOT INDEXED"
                      " ON c.id BETWEEN s.c_lo AND s.c_hi"
                      " AND c.sent_id = s.id WHERE 1");
    if (f->doc_id)
        ev_buf_puts(&sql, " AND c.doc_id = ?2");
    if (f->unit && *f->unit)
        ev_buf_puts(&sql, " AND c.unit = ?3");
    if (f->use_range)
        ev_buf_puts(&sql, " AND c.lo <= ?5 AND c.hi >= ?4");
    if (sql.oom || json.oom) {
        rc = ev_err_set(err, EV_ENOMEM, "out of memory");
        goto done;
    }
    rc = prepare(idx, sql.ptr, &per, err);
    if (rc)
        goto done;
    sqlite3_bind_text(per, 1, json.ptr, (int)json.len, SQLITE_STATIC);
    if (f->doc_id)
        sqlite3_bind_int64(per, 2, f->doc_id);
    if (f->unit && *f->unit)
        sqlite3_bind_text(per, 3, f->unit, -1, SQLITE_STATIC);
    if (f->use_range) {
        sqlite3_bind_double(per, 4, f->lo);
        sqlite3_bind_double(per, 5, f->hi);
    }
    while ((step = sqlite3_step(per)) == SQLITE_ROW) {
        int64_t k = sqlite3_column_int64(per, 0);
        double r = k >= 0 && (size_t)k < n_best ? best[k].r : last_r;
        any_hit *h;
        /* the claims of a lower-ranked sentence all come after those
         * kept; one of the same rank may come before */
        if (hits.n >= limit && r > last_r)
            break;
        last_r = r;
        h = ev_vec_push(&hits);
        if (!h) {
            rc = ev_err_set(err, EV_ENOMEM, "out of memory");
            goto done;
        }
        h->r = r;
        h->id = sqlite3_column_int64(per, 1);
        h->doc_id = sqlite3_column_int64(per, 2);
        h->start = sqlite3_column_int64(per, 3);
    }
    if (step != SQLITE_DONE && step != SQLITE_ROW) {
        rc = ev_index__dberr(idx, err, "claims query failed");
        goto done;
    }
    if (hits.n)
        qsort(hits.v, hits.n, sizeof(hits.v[0]), cmp_any_hit);
    if (hits.n > limit)
        hits.n = limit;
    if (!hits.n)
        goto done;
    if (hits.n > n_best) {
        int64_t *more = realloc(ids, hits.n * sizeof(*ids));
        if (!more) {
            rc = ev_err_set(err, EV_ENOMEM, "out of memory");
            goto done;
        }
        ids = more;
    }
    for (i = 0; i < hits.n; i++)
        ids[i] = hits.v[i].id;
    /* json is per's parameter: done with it first */
    sqlite3_finalize(per);
    per = NULL;
    ev_buf_clear(&json);
    rc = prepare_by_ids(idx,
                        light ? "SELECT c.id, c.lo, c.hi, c.unit, c.qualifier"
                              : CLAIM_SELECT,
                        light ? "" : CLAIM_JOINS, ids, hits.n, &json, &whole,
                        err);
    if (!rc)
        rc = light ? run_light(idx, whole, cb, ctx, err)
                   : run_claims(idx, whole, f, cb, ctx, err);
done:
    free(best);
    free(ids);
    sqlite3_finalize(per);
    sqlite3_finalize(whole);
    ev_buf_release(&sql);
    ev_buf_release(&json);
    free(hits.v);
    return rc;
}

int ev_index_claims(ev_index *idx, const ev_claim_filter *f, ev_claim_cb cb,
                    void *ctx, ev_err *err)
{
    ev_buf sql = EV_BUF_INIT, q = EV_BUF_INIT;
    sqlite3_stmt *st = NULL;
    int rc;
    rc = any_query(idx, &q, f, err);
    if (rc)
        goto done;
    if (q.len && f->about_any) {
        rc = any_claims(idx, f, &q, 0, cb, ctx, err);
        goto done;
    }
    claims_sql(&sql, &q, f, CLAIM_SELECT, CLAIM_JOINS);
    rc = prepare_claims(idx, &sql, &q, f, &st, err);
    if (rc)
        goto done;
    rc = run_claims(idx, st, f, cb, ctx, err);
done:
    sqlite3_finalize(st);
    ev_buf_release(&sql);
    ev_buf_release(&q);
    return rc;
}

/* Prepares sql, a light query whose ?1, ?2 and ?3 are a unit and two
 * values, with those bound. */
static int prepare_light(ev_index *idx, const char *sql, const char *unit,
                         double lo, double hi, sqlite3_stmt **st,
                         ev_err *err)
{
    int rc = prepare(idx, sql, st, err);
    if (rc)
        return rc;
    sqlite3_bind_text(*st, 1, unit, -1, SQLITE_STATIC);
    sqlite3_bind_double(*st, 2, lo);
    sqlite3_bind_double(*st, 3, hi);
    return 0;
}

int ev_index_claims_equal(ev_index *idx, const char *unit, double lo,
                          double hi, int qualifier, int limit, ev_claim_cb cb,
                          void *ctx, ev_err *err)
{
    sqlite3_stmt *st = NULL;
    /* every key column of claims_point is fixed, so the index gives the
     * rows in rowid order: no sort, and the scan stops at the limit */
    int rc = prepare_light(idx,
                           "SELECT id, lo, hi, unit, qualifier FROM claims"
                           " WHERE unit = ?1 AND lo = ?2 AND hi = ?3"
                           " AND qualifier = ?4 ORDER BY id LIMIT ?5",
                           unit, lo, hi, &st, err);
    if (rc)
        return rc;
    sqlite3_bind_int(st, 4, qualifier);
    sqlite3_bind_int(st, 5, limit);
    rc = run_light(idx, st, cb, ctx, err);
    sqlite3_finalize(st);
    return rc;
}

int ev_index_claims_near(ev_index *idx, const char *unit, double lo,
                         double hi, double value, ev_claim_cb cb, void *ctx,
                         ev_err *err)
{
    sqlite3_stmt *st = NULL;
    /* the first part as in ev_index_claims_light; the second through
     * claims_qual, whose literals it repeats */
    int rc = prepare_light(idx,
                           "SELECT id, lo, hi, unit, qualifier FROM claims"
                           " WHERE unit = ?1 AND lo BETWEEN ?2 AND ?3"
                           " AND hi = lo AND qualifier IN ("
                           EV_INDEX_PLAIN_QUALS ")"
                           " UNION ALL SELECT id, lo, hi, unit, qualifier"
                           " FROM claims WHERE unit = ?1 AND lo = ?4"
                           " AND hi = lo AND qualifier NOT IN ("
                           EV_INDEX_PLAIN_QUALS ")",
                           unit, lo, hi, &st, err);
    if (rc)
        return rc;
    sqlite3_bind_double(st, 4, value);
    rc = run_light(idx, st, cb, ctx, err);
    sqlite3_finalize(st);
    return rc;
}

int ev_index_claims_light(ev_index *idx, const ev_claim_filter *f,
                          ev_claim_cb cb, void *ctx, ev_err *err)
{
    ev_buf sql = EV_BUF_INIT, q = EV_BUF_INIT;
    sqlite3_stmt *st = NULL;
    int rc;
    if (f && f->use_range && f->use_exact_range && f->unit && *f->unit &&
        !f->doc_id && !(f->about && *f->about) && f->limit <= 0) {
        /* as below, exact points by their own narrow window: most
         * claims are exact, and only qualified ones reach far, read
         * through their own partial index (claims_qual: the qualifiers
         * are written as the index's literals so the planner can use
         * it; bound values could not be proven to match it) */
        ev_buf_puts(&sql,
                    "SELECT id, lo, hi, unit, qualifier FROM claims"
                    " WHERE unit = ?3 AND lo BETWEEN ?8 AND ?9 AND hi = lo"
                    " AND qualifier IN (" EV_INDEX_PLAIN_QUALS ")"
                    " UNION ALL SELECT id, lo, hi, unit, qualifier FROM claims"
                    " WHERE unit = ?3 AND lo BETWEEN ?4 AND ?5 AND hi = lo"
                    " AND qualifier NOT IN (" EV_INDEX_PLAIN_QUALS ")"
                    " UNION ALL SELECT id, lo, hi, unit, qualifier FROM claims"
                    " WHERE unit = ?3 AND hi > lo AND lo <= ?5 AND hi >= ?4"
                    " AND (qualifier NOT IN (" EV_INDEX_PLAIN_QUALS ") OR"
                    " (lo <= ?9 AND hi >= ?8))");
    } else if (f && f->use_range && f->unit && *f->unit && !f->doc_id &&
               !(f->about && *f->about) && f->limit <= 0) {
        /* read from the covering value indexes alone */
        ev_buf_puts(&sql,
                    "SELECT id, lo, hi, unit, qualifier FROM claims"
                    " WHERE unit = ?3 AND lo BETWEEN ?4 AND ?5 AND hi = lo"
                    " UNION ALL SELECT id, lo, hi, unit, qualifier FROM claims"
                    " WHERE unit = ?3 AND hi > lo AND lo <= ?5 AND hi >= ?4");
    } else {
        rc = any_query(idx, &q, f, err);
        if (!rc && q.len && f->about_any) {
            rc = any_claims(idx, f, &q, 1, cb, ctx, err);
            goto done;
        }
        if (rc)
            goto done;
        claims_sql(&sql, &q, f, "SELECT c.id, c.lo, c.hi, c.unit, c.qualifier",
                   "");
    }
    rc = prepare_claims(idx, &sql, &q, f, &st, err);
    if (rc)
        goto done;
    if (f && f->use_range && f->use_exact_range) {
        sqlite3_bind_double(st, 8, f->exact_lo);
        sqlite3_bind_double(st, 9, f->exact_hi);
    }
    rc = run_light(idx, st, cb, ctx, err);
done:
    sqlite3_finalize(st);
    ev_buf_release(&sql);
    ev_buf_release(&q);
    return rc;
}

int ev_index_claims_brief(ev_index *idx, const int64_t *ids, size_t n,
                          ev_claim_cb cb, void *ctx, ev_err *err)
{
    sqlite3_stmt *st = NULL;
    ev_buf json = EV_BUF_INIT;
    int rc = 0, step;
    if (!n)
        return 0;
    rc = prepare_by_ids(idx,
                        "SELECT c.id, d.name, c.start, c.end, c.surface, c.lo,"
                        " c.hi, c.unit, c.qualifier",
                        " JOIN docs d ON d.id = c.doc_id", ids, n, &json, &st,
                        err);
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        ev_claim c;
        /* borrowed: the strings live until the next step */
        memset(&c, 0, sizeof(c));
        c.id = sqlite3_column_int64(st, 0);
        c.doc = (char *)col_text(st, 1);
        c.start = (size_t)sqlite3_column_int64(st, 2);
        c.end = (size_t)sqlite3_column_int64(st, 3);
        c.surface = (char *)col_text(st, 4);
        c.lo = sqlite3_column_double(st, 5);
        c.hi = sqlite3_column_double(st, 6);
        copy_unit(&c, st, 7);
        c.qualifier = sqlite3_column_int(st, 8);
        c.block = c.note = -1;
        rc = cb(ctx, &c);
    }
    if (!rc && step != SQLITE_DONE)
        rc = ev_index__dberr(idx, err, "query failed");
    sqlite3_finalize(st);
    ev_buf_release(&json);
    return rc;
}

int ev_index_claims_by_id(ev_index *idx, const int64_t *ids, size_t n,
                          ev_claim_cb cb, void *ctx, ev_err *err)
{
    sqlite3_stmt *st = NULL;
    ev_buf json = EV_BUF_INIT;
    int rc;
    if (!n)
        return 0;
    rc = prepare_by_ids(idx, CLAIM_SELECT, CLAIM_JOINS, ids, n, &json, &st,
                        err);
    if (!rc)
        rc = run_claims(idx, st, NULL, cb, ctx, err);
    sqlite3_finalize(st);
    ev_buf_release(&json);
    return rc;
}

/* ---- references ---- */

static void ref_from_row(sqlite3_stmt *st, int base, ev_ref *r,
                         ev_strvec *urls)
{
    const char *u;
    memset(r, 0, sizeof(*r));
    r->label = (char *)col_text(st, base + 0);
    r->id = (char *)col_text(st, base + 1);
    r->text = (char *)col_text(st, base + 2);
    r->authors = (char *)col_text(st, base + 3);
    r->first_author = (char *)col_text(st, base + 4);
    r->year = sqlite3_column_int(st, base + 5);
    u = col_text(st, base + 6);
    r->year_suffix = u ? u[0] : 0;
    r->title = (char *)col_text(st, base + 7);
    r->container = (char *)col_text(st, base + 8);
    r->doi = (char *)col_text(st, base + 9);
    r->pmid = (char *)col_text(st, base + 10);
    r->accessed = (char *)col_text(st, base + 11);
    r->note = sqlite3_column_int(st, base + 13);
    r->start = (size_t)sqlite3_column_int64(st, base + 14);
    r->end = (size_t)sqlite3_column_int64(st, base + 15);
    u = col_text(st, base + 12);
    while (u && *u) {
        const char *nl = strchr(u, '\n');
        size_t len = nl ? (size_t)(nl - u) : strlen(u);
        ev_strvec_push(urls, u, len);
        u = nl ? nl + 1 : NULL;
    }
    r->urls = *urls;
}

#define REF_COLS                                                             \
    "r.label, r.rid, r.text, r.authors, r.first_author, r.year,"            \
    " r.year_suffix, " EV_REF_PART("r.title") ","                           \
    " " EV_REF_PART("r.container") ", r.doi, r.pmid, r.accessed,"           \
    " r.urls, r.note, r.start, r.end"

int ev_index_refs(ev_index *idx, int64_t doc_id, ev_ref_cb cb, void *ctx,
                  ev_err *err)
{
    sqlite3_stmt *st;
    /* (a document's references are one range of ids: EV_REF_ID) */
#define REFS_SELECT(where)                                                   \
    "SELECT d.name, " EV_REF_DOC("r.id") ", " EV_REF_PLACE("r.id") ", "     \
    REF_COLS ","                                                            \
    " (SELECT count(DISTINCT cc.claim_id) FROM docs k"                      \
    "  CROSS JOIN claim_cites cc"                                           \
    "  ON cc.claim_id BETWEEN k.c_lo AND k.c_lo + k.n_claims - 1"           \
    "  WHERE k.id = " EV_REF_DOC("r.id") " AND"                             \
    "  (cc.ref = " EV_REF_PLACE("r.id") " OR"                               \
    "  (r.note >= 0 AND cc.note = r.note AND cc.kind = 0)))"                \
    " FROM refs r JOIN docs d ON d.id = " EV_REF_DOC("r.id") where          \
    " ORDER BY d.name, r.id"
    int rc = prepare(idx,
                     doc_id ? REFS_SELECT(" WHERE r.id " EV_REF_IDS("?1"))
                            : REFS_SELECT(""),
                     &st, err);
#undef REFS_SELECT
    if (rc)
        return rc;
    if (doc_id)
        sqlite3_bind_int64(st, 1, doc_id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        ev_ref r;
        ev_strvec urls = {0};
        ev_ref_row row;
        int ret;
        ref_from_row(st, 3, &r, &urls);
        row.doc = col_text(st, 0);
        row.doc_id = sqlite3_column_int64(st, 1);
        row.idx = sqlite3_column_int(st, 2);
        row.kind = r.note >= 0 ? "footnote" : "reference";
        row.ref = &r;
        row.n_claims = sqlite3_column_int(st, 19);
        ret = cb(ctx, &row);
        ev_strvec_release(&urls);
        if (ret) {
            sqlite3_finalize(st);
            return ret;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : ev_index__dberr(idx, err, "query failed");
}

int ev_index_ref_claims(ev_index *idx, int64_t doc_id, int ref_idx,
                        ev_claim_cb cb, void *ctx, ev_err *err)
{
    sqlite3_stmt *st;
    int rc = prepare(idx,
                     CLAIM_COLS " WHERE c.doc_id = ?1 AND c.id IN"
                     " (SELECT cc.claim_id FROM docs k"
                     "  CROSS JOIN claim_cites cc ON cc.claim_id"
                     "  BETWEEN k.c_lo AND k.c_lo + k.n_claims - 1"
                     "  LEFT JOIN refs r ON r.id = " EV_REF_ID("?1", "?2")
                     "  WHERE k.id = ?1 AND (cc.ref = ?2 OR (r.note >= 0"
                     "  AND cc.note = r.note AND cc.kind = 0)))"
                     " ORDER BY c.start",
                     &st, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, doc_id);
    sqlite3_bind_int(st, 2, ref_idx);
    rc = run_claims(idx, st, NULL, cb, ctx, err);
    sqlite3_finalize(st);
    return rc;
}

/* ---- citation markers ---- */

int ev_index_cites(ev_index *idx, int64_t doc_id, ev_cite_cb cb, void *ctx,
                   ev_err *err)
{
    sqlite3_stmt *st, *rs;
    int rc = prepare(idx,
                     "SELECT d.name, c.doc_id, c.start, c.end, c.kind,"
                     " c.marker, c.note, c.refs FROM cites c"
                     " JOIN docs d ON d.id = c.doc_id"
                     " WHERE ?1 = 0 OR c.doc_id = ?1 ORDER BY d.name, c.idx",
                     &st, err);
    if (rc)
        return rc;
    rc = prepare(idx, "SELECT " REF_COLS " FROM refs r"
                      " WHERE r.id = " EV_REF_ID("?1", "?2"), &rs, err);
    if (rc) {
        sqlite3_finalize(st);
        return rc;
    }
    sqlite3_bind_int64(st, 1, doc_id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        ev_cite c;
        ev_cite_row row;
        const char *list = col_text(st, 7);
        ev_ref refs[64];
        ev_strvec urls[64];
        const ev_ref *ptrs[64];
        size_t n = 0, i;
        int ret;
        memset(&c, 0, sizeof(c));
        c.start = (size_t)sqlite3_column_int64(st, 2);
        c.end = (size_t)sqlite3_column_int64(st, 3);
        c.kind = sqlite3_column_int(st, 4);
        c.marker = (char *)col_text(st, 5);
        c.note = sqlite3_column_int(st, 6);
        /* resolve up to 64 references; a longer range is cut there */
        while (list && *list && n < 64) {
            char *endp;
            long k = strtol(list, &endp, 10);
            if (endp == list)
                break;
            list = endp;
            if (k < 0 || k >= EV_REF_MAX)
                continue;
            sqlite3_reset(rs);
            sqlite3_bind_int64(rs, 1, sqlite3_column_int64(st, 1));
            sqlite3_bind_int(rs, 2, (int)k);
            if (sqlite3_step(rs) != SQLITE_ROW)
                continue;
            memset(&urls[n], 0, sizeof(urls[n]));
            ref_from_row(rs, 0, &refs[n], &urls[n]);
            /* strings of rs rows die at the next step: copy them */
            refs[n].label = ev_strdup(refs[n].label);
            refs[n].id = ev_strdup(refs[n].id);
            refs[n].text = ev_strdup(refs[n].text);
            refs[n].authors = ev_strdup(refs[n].authors);
            refs[n].first_author = ev_strdup(refs[n].first_author);
            refs[n].title = ev_strdup(refs[n].title);
            refs[n].container = ev_strdup(refs[n].container);
            refs[n].doi = ev_strdup(refs[n].doi);
            refs[n].pmid = ev_strdup(refs[n].pmid);
            refs[n].accessed = ev_strdup(refs[n].accessed);
            ptrs[n] = &refs[n];
            {
                int *slot = ev_vec_push(&c.refs);
                if (!slot) {
                    ev_ref_release(&refs[n]);
                    break;
                }
                *slot = (int)k;
            }
            n++;
        }
        row.doc = col_text(st, 0);
        row.cite = &c;
        row.refs = ptrs;
        c.refs.n = n;
        ret = cb(ctx, &row);
        for (i = 0; i < n; i++)
            ev_ref_release(&refs[i]);
        free(c.refs.v);
        if (ret) {
            sqlite3_finalize(rs);
            sqlite3_finalize(st);
            return ret;
        }
    }
    sqlite3_finalize(rs);
    if (rc != SQLITE_DONE) {
        rc = ev_index__dberr(idx, err, "query failed");
        sqlite3_finalize(st);
        return rc;
    }
    sqlite3_finalize(st);
    return 0;
}

int ev_index_count(ev_index *idx, const char *what, int64_t *out,
                   ev_err *err)
{
    static const char *const names[] = {"docs", "passages", "claims", "refs",
                                        "cites"};
    static const char *const sql[] = {
        "SELECT count(*) FROM docs", "SELECT count(*) FROM passages",
        "SELECT count(*) FROM claims", "SELECT count(*) FROM refs",
        "SELECT count(*) FROM cites"};
    size_t i;
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(what, names[i]) == 0) {
            sqlite3_stmt *st;
            int rc = prepare(idx, sql[i], &st, err);
            if (rc)
                return rc;
            *out = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0)
                                                  : 0;
            sqlite3_finalize(st);
            return 0;
        }
    }
    return ev_err_set(err, EV_EINVALID, "unknown count '%s'", what);
}
