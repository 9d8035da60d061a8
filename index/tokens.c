/*
 * Full-text tokens made off the writer thread. FTS5 tokenizes every text
 * it indexes inside the insert, on the one thread that writes; tokenizing
 * (porter over unicode61) is a large share of that thread's work. A
 * worker runs the same tokenizer, SQLite's own, on a private in-memory
 * connection (ev_index_tokenize), and the writer's connection has a
 * tokenizer named "porter" that wraps the real one: for the text being
 * inserted it hands FTS5 the worker's tokens, byte for byte what the
 * real one would give; for anything else (queries, deletes, a text
 * without tokens) it is the real one. The schema names the standard
 * tokenizer, so any SQLite reads the file as before.
 */
#include "index_int.h"

#include <stdlib.h>
#include <string.h>

struct ev_index_tokenizer {
    sqlite3 *db; /* in memory: only for its FTS5 tokenizer */
    fts5_tokenizer api;
    Fts5Tokenizer *tok;
};

/* The arguments of the tokenizer the schema names after "porter". */
static const char *const porter_args[] = {"unicode61", "remove_diacritics",
                                          "2"};

int ev_index_tokenizer_new(ev_index_tokenizer **out, ev_err *err)
{
    ev_index_tokenizer *t = calloc(1, sizeof(*t));
    fts5_api *api;
    void *ud = NULL;
    *out = NULL;
    if (!t)
        return ev_err_set(err, EV_ENOMEM, "out of memory");
    if (sqlite3_open_v2(":memory:", &t->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK ||
        !(api = ev_index__fts5_api(t->db)) ||
        api->xFindTokenizer(api, "porter", &ud, &t->api) != SQLITE_OK ||
        t->api.xCreate(ud, (const char **)porter_args, 3, &t->tok) !=
            SQLITE_OK) {
        ev_index_tokenizer_free(t);
        return ev_err_set(err, EV_EDB, "cannot make the FTS5 tokenizer");
    }
    *out = t;
    return 0;
}

void ev_index_tokenizer_free(ev_index_tokenizer *t)
{
    if (!t)
        return;
    if (t->tok)
        t->api.xDelete(t->tok);
    sqlite3_close(t->db);
    free(t);
}

void ev_index_tokens_free(ev_index_tokens *k)
{
    if (!k)
        return;
    ev_buf_release(&k->text);
    free(k->t.v);
    free(k->rows.v);
    free(k);
}

static int on_token(void *ctx, int tflags, const char *tok, int n, int start,
                    int end)
{
    ev_index_tokens *k = ctx;
    ev_tok *t;
    /* (add_row keeps a document's texts under 2 GB, so at fits) */
    if (n < 0 || (unsigned)n >= EV_TOK_COLOCATED ||
        (tflags & ~FTS5_TOKEN_COLOCATED))
        return SQLITE_ERROR;
    t = ev_vec_push(&k->t);
    if (!t || ev_buf_add(&k->text, tok, (size_t)n))
        return SQLITE_NOMEM;
    t->at = (uint32_t)(k->text.len - (size_t)n);
    t->len = (uint32_t)n |
             ((tflags & FTS5_TOKEN_COLOCATED) ? EV_TOK_COLOCATED : 0);
    t->start = start;
    t->end = end;
    return SQLITE_OK;
}

/* Tokenizes doc->text[off..off+len) as one row of k. */
static int add_row(ev_index_tokenizer *t, ev_index_tokens *k,
                   const ev_doc *doc, size_t off, size_t len)
{
    ev_tok_row *r;
    size_t lo = k->t.n;
    if (len > (size_t)0x7fffffff || k->text.len + len > (size_t)0x7fffffff)
        return 0; /* the writer tokenizes it itself */
    switch (t->api.xTokenize(t->tok, k, FTS5_TOKENIZE_DOCUMENT,
                             doc->text + off, (int)len, on_token)) {
    case SQLITE_OK:
        break;
    case SQLITE_NOMEM:
        return EV_ENOMEM;
    default:
        /* a token this cannot hold: the writer tokenizes the text */
        k->t.n = lo;
        return 0;
    }
    r = ev_vec_push(&k->rows);
    if (!r)
        return EV_ENOMEM;
    r->off = off;
    r->len = len;
    r->lo = lo;
    r->n = k->t.n - lo;
    return 0;
}

static int cmp_row(const void *a, const void *b)
{
    const ev_tok_row *x = a, *y = b;
    if (x->off != y->off)
        return x->off < y->off ? -1 : 1;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    return 0;
}

/* First token of row r (of k) that starts at or after at, relative to
 * the row's text. */
static size_t first_from(const ev_index_tokens *k, const ev_tok_row *r,
                         int32_t at)
{
    size_t lo = r->lo, hi = r->lo + r->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (k->t.v[mid].start < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/*
 * The row for doc->text[off..off+len) taken from the tokens of the
 * passage row p that holds it, when no token of p crosses either end:
 * the tokenizer decides each token from the characters alone, so the
 * span's own tokens are then exactly those (their stems are shared; the
 * offsets stay the passage's, which FTS5 does not read when indexing).
 * Returns 1 when added, 0 when the span must be tokenized itself.
 */
static int sub_row(ev_index_tokens *k, size_t p, size_t off, size_t len)
{
    const ev_tok_row *r = &k->rows.v[p];
    ev_tok_row *s;
    int32_t a, b;
    size_t first, end;
    if (off < r->off || off + len > r->off + r->len)
        return 0;
    a = (int32_t)(off - r->off);
    b = (int32_t)(off + len - r->off);
    first = first_from(k, r, a);
    end = first_from(k, r, b);
    if (first > r->lo && k->t.v[first - 1].end > a)
        return 0; /* a token crosses the start */
    if (end > first && k->t.v[end - 1].end > b)
        return 0; /* ... or the end */
    s = ev_vec_push(&k->rows);
    if (!s)
        return -1;
    s->off = off;
    s->len = len;
    s->lo = first;
    s->n = end - first;
    return 1;
}

int ev_index_tokenize(ev_index_tokenizer *t, const ev_doc *doc,
                      ev_index_tokens **out, ev_err *err)
{
    ev_index_tokens *k = calloc(1, sizeof(*k));
    size_t i, last = (size_t)-1, *row_of = NULL;
    int rc = 0;
    *out = NULL;
    if (!k || (doc->claims.n &&
               !(row_of = malloc(sizeof(*row_of) * (doc->blocks.n + 1))))) {
        free(k);
        return ev_err_set(err, EV_ENOMEM, "out of memory");
    }
    /* the texts the writer indexes: put_passages and put_claims */
    for (i = 0; i < doc->blocks.n && !rc; i++) {
        const ev_block *b = &doc->blocks.v[i];
        size_t n = k->rows.n;
        if (ev_index__block_stored(doc, b) && b->kind != EV_BLK_NOISE)
            rc = add_row(t, k, doc, b->start, b->end - b->start);
        if (row_of)
            row_of[i] = k->rows.n > n ? n : (size_t)-1;
    }
    /* a claim's sentence lies in its block: its tokens are most often
     * a run of the block's */
    for (i = 0; i < doc->claims.n && !rc; i++) {
        const ev_claim *c = &doc->claims.v[i];
        size_t len = c->sent_end - c->sent_start;
        int got = 0;
        if (!ev_index__starts_sentence(doc, i, &last))
            continue;
        if (c->block >= 0 && (size_t)c->block < doc->blocks.n &&
            row_of[c->block] != (size_t)-1)
            got = sub_row(k, row_of[c->block], c->sent_start, len);
        if (got < 0)
            rc = EV_ENOMEM;
        else if (!got)
            rc = add_row(t, k, doc, c->sent_start, len);
    }
    free(row_of);
    if (rc) {
        ev_index_tokens_free(k);
        return ev_err_set(err, EV_ENOMEM, "out of memory");
    }
    qsort(k->rows.v, k->rows.n, sizeof(k->rows.v[0]), cmp_row);
    /* held until the batch commits: no slack */
    if (k->t.n < k->t.cap) {
        ev_tok *v = realloc(k->t.v, (k->t.n ? k->t.n : 1) * sizeof(*v));
        if (v) {
            k->t.v = v;
            k->t.cap = k->t.n;
        }
    }
    if (k->text.ptr && k->text.len + 1 < k->text.cap) {
        char *p = realloc(k->text.ptr, k->text.len + 1);
        if (p) {
            k->text.ptr = p;
            k->text.cap = k->text.len + 1;
        }
    }
    *out = k;
    return 0;
}

const ev_tok_row *ev_index__tokens_find(const ev_index_tokens *k,
                                        size_t off, size_t len)
{
    size_t lo = 0, hi;
    if (!k)
        return NULL;
    hi = k->rows.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const ev_tok_row *r = &k->rows.v[mid];
        if (r->off < off || (r->off == off && r->len < len))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < k->rows.n && k->rows.v[lo].off == off &&
        k->rows.v[lo].len == len)
        return &k->rows.v[lo];
    return NULL;
}

/* ---- the writer's "porter" ---- */

typedef struct wrap_ctx {
    fts5_tokenizer real;
    void *real_ud;
    ev_index *idx;
} wrap_ctx;

typedef struct wrap_tok {
    Fts5Tokenizer *inner;
    wrap_ctx *w;
} wrap_tok;

static int wrap_create(void *ud, const char **argv, int argc,
                       Fts5Tokenizer **out)
{
    wrap_ctx *w = ud;
    wrap_tok *t = sqlite3_malloc(sizeof(*t));
    int rc;
    *out = NULL;
    if (!t)
        return SQLITE_NOMEM;
    t->w = w;
    rc = w->real.xCreate(w->real_ud, argv, argc, &t->inner);
    if (rc != SQLITE_OK) {
        sqlite3_free(t);
        return rc;
    }
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static void wrap_delete(Fts5Tokenizer *p)
{
    wrap_tok *t = (wrap_tok *)p;
    if (!t)
        return;
    t->w->real.xDelete(t->inner);
    sqlite3_free(t);
}

static int wrap_tokenize(Fts5Tokenizer *p, void *ctx, int flags,
                         const char *text, int n,
                         int (*xToken)(void *, int, const char *, int, int,
                                       int))
{
    wrap_tok *t = (wrap_tok *)p;
    const ev_index_replay *r = &t->w->idx->replay;
    if (r->row && (flags & FTS5_TOKENIZE_DOCUMENT) && n >= 0 &&
        (size_t)n == r->len && (n == 0 || memcmp(text, r->text, (size_t)n) == 0)) {
        const ev_tok *k = r->toks->t.v + r->row->lo;
        size_t i;
        for (i = 0; i < r->row->n; i++, k++) {
            int rc = xToken(ctx,
                            (k->len & EV_TOK_COLOCATED) ? FTS5_TOKEN_COLOCATED
                                                        : 0,
                            r->toks->text.ptr + k->at,
                            (int)(k->len & ~EV_TOK_COLOCATED), k->start,
                            k->end);
            if (rc != SQLITE_OK)
                return rc;
        }
        return SQLITE_OK;
    }
    return t->w->real.xTokenize(t->inner, ctx, flags, text, n, xToken);
}

int ev_index__tokens_register(ev_index *idx, ev_err *err)
{
    fts5_api *api = ev_index__fts5_api(idx->db);
    wrap_ctx *w;
    fts5_tokenizer methods = {wrap_create, wrap_delete, wrap_tokenize};
    if (!api)
        return ev_err_set(err, EV_EDB, "this SQLite has no FTS5");
    w = calloc(1, sizeof(*w));
    if (!w)
        return ev_err_set(err, EV_ENOMEM, "out of memory");
    w->idx = idx;
    if (api->xFindTokenizer(api, "porter", &w->real_ud, &w->real) !=
        SQLITE_OK) {
        free(w);
        return ev_err_set(err, EV_EDB, "this SQLite has no porter tokenizer");
    }
    /* the connection owns w once registered (FTS5 frees nothing when
     * registering fails) */
    if (api->xCreateTokenizer(api, "porter", w, &methods, free) !=
        SQLITE_OK) {
        free(w);
        return ev_index__dberr(idx, err, "cannot register the tokenizer");
    }
    return 0;
}
