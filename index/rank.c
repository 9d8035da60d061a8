/*
 * FTS5 auxiliary functions of check's candidate query: ev_count() counts
 * the sentences of each word (below), and ev_rank() is the rank of a
 * sentence for the candidates of a figure.
 *
 * ev_rank() is bm25 without the length normalisation (b = 0): the sum,
 * over the query's words, of each word's idf times its saturated count
 * in the sentence.
 *
 * Why not bm25(): bm25 reads the length of every matching row from the
 * table's %_docsize, one lookup per row, and ranking the few thousand
 * sentences that hold a figure's rare words is most of a check on a
 * large index; those lookups were three quarters of the ranking. A
 * sentence is short, and its length says little about whether it
 * speaks of the same quantity; the words it shares with the figure's
 * sentence, weighed by their rarity, say that.
 */
#include "index_int.h"

#include <limits.h>
#include <math.h>
#include <string.h>

#define RANK_K1 1.2

/* Per query: each phrase's idf. */
typedef struct rank_data {
    int n;
    double *idf;
} rank_data;

static void rank_data_free(void *p)
{
    rank_data *d = p;
    if (!d)
        return;
    sqlite3_free(d->idf);
    sqlite3_free(d);
}

/* Counts the rows of one phrase, up to a cap. */
typedef struct count_state {
    sqlite3_int64 n, cap;
} count_state;

static int count_upto(const Fts5ExtensionApi *api, Fts5Context *fts,
                      void *ctx)
{
    count_state *c = ctx;
    (void)api;
    (void)fts;
    /* SQLITE_DONE ends xQueryPhrase early, without an error */
    return ++c->n >= c->cap ? SQLITE_DONE : SQLITE_OK;
}

/* The query's rank data: made on the first row, kept by FTS5 for the
 * rest of the query. */
static rank_data *rank_data_get(const Fts5ExtensionApi *api,
                                Fts5Context *fts, int *rc)
{
    rank_data *d = api->xGetAuxdata(fts, 0);
    sqlite3_int64 rows = 0;
    int i;
    if (d)
        return d;
    d = sqlite3_malloc(sizeof(*d));
    if (!d) {
        *rc = SQLITE_NOMEM;
        return NULL;
    }
    d->n = api->xPhraseCount(fts);
    d->idf = sqlite3_malloc64(sizeof(double) * (size_t)(d->n + 1));
    if (!d->idf) {
        rank_data_free(d);
        *rc = SQLITE_NOMEM;
        return NULL;
    }
    *rc = api->xRowCount(fts, &rows);
    for (i = 0; i < d->n && *rc == SQLITE_OK; i++) {
        count_state hits = {0, LLONG_MAX}; /* every row */
        double idf;
        *rc = api->xQueryPhrase(fts, i, &hits, count_upto);
        /* as bm25: a word in more than half the rows still counts a
         * little, never against */
        idf = log(((double)rows - (double)hits.n + 0.5) /
                  ((double)hits.n + 0.5));
        d->idf[i] = idf > 1e-6 ? idf : 1e-6;
    }
    if (*rc == SQLITE_OK)
        *rc = api->xSetAuxdata(fts, d, rank_data_free);
    else
        rank_data_free(d);
    return *rc == SQLITE_OK ? d : NULL;
}

static void ev_rank(const Fts5ExtensionApi *api, Fts5Context *fts,
                    sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    rank_data *d;
    double score = 0;
    int rc = SQLITE_OK, i;
    (void)argc;
    (void)argv;
    d = rank_data_get(api, fts, &rc);
    /* each phrase's count in this row, from its own position list (the
     * instance list of xInstCount merges them all by position first) */
    for (i = 0; d && i < d->n && rc == SQLITE_OK; i++) {
        Fts5PhraseIter it;
        int col, off, tf = 0;
        rc = api->xPhraseFirst(fts, i, &it, &col, &off);
        while (rc == SQLITE_OK && col >= 0) {
            tf++;
            api->xPhraseNext(fts, &it, &col, &off);
        }
        if (tf)
            score += d->idf[i] * tf * (RANK_K1 + 1) / (tf + RANK_K1);
    }
    if (!d || rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc != SQLITE_OK ? rc : SQLITE_ERROR);
        return;
    }
    /* lower is better, as bm25(), so that ORDER BY ranks best first */
    sqlite3_result_double(ctx, -score);
}

/*
 * ev_count(fts, cap): for each phrase of the query, the rows that hold
 * it, counted up to cap, as "n0 n1 ...". Called on one row of the query
 * ("w0" OR "w1" ...), it reads each phrase's doclist directly: counting
 * through SQL (count(*) over a LIMIT) costs a statement per word and the
 * VM's work for every row.
 */
static void ev_count(const Fts5ExtensionApi *api, Fts5Context *fts,
                     sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    sqlite3_str *out;
    sqlite3_int64 cap = argc > 0 ? sqlite3_value_int64(argv[0]) : 0;
    int n = api->xPhraseCount(fts), i, rc = SQLITE_OK;
    char *text;
    if (cap < 1) {
        sqlite3_result_error(ctx, "ev_count: cap must be positive", -1);
        return;
    }
    out = sqlite3_str_new(NULL);
    for (i = 0; i < n && rc == SQLITE_OK; i++) {
        count_state c = {0, cap};
        rc = api->xQueryPhrase(fts, i, &c, count_upto);
        sqlite3_str_appendf(out, i ? " %lld" : "%lld", (long long)c.n);
    }
    if (sqlite3_str_errcode(out) != SQLITE_OK && rc == SQLITE_OK)
        rc = sqlite3_str_errcode(out);
    text = sqlite3_str_finish(out);
    if (rc != SQLITE_OK || !text) {
        sqlite3_free(text);
        sqlite3_result_error_code(ctx, rc != SQLITE_OK ? rc : SQLITE_NOMEM);
        return;
    }
    sqlite3_result_text(ctx, text, -1, sqlite3_free);
}

fts5_api *ev_index__fts5_api(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
        sqlite3_step(st);
    }
    sqlite3_finalize(st);
    return api && api->iVersion >= 2 ? api : NULL;
}

int ev_index__rank_register(ev_index *idx, ev_err *err)
{
    fts5_api *api = ev_index__fts5_api(idx->db);
    int rc;
    if (!api)
        return ev_err_set(err, EV_EDB, "this SQLite has no FTS5");
    rc = api->xCreateFunction(api, "ev_rank", NULL, ev_rank, NULL);
    if (rc == SQLITE_OK)
        rc = api->xCreateFunction(api, "ev_count", NULL, ev_count, NULL);
    if (rc != SQLITE_OK)
        return ev_index__dberr(idx, err, "cannot register ev_rank");
    return 0;
}
