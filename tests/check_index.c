/*
 * index/: schema, writes in transactions, replacement of a document,
 * full-text search, claim filters, references and markers, document
 * lookup, and refusal of foreign or newer databases.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "index.h"
#include "index_int.h"

#include <sqlite3.h>

static char *xstrdup(const char *s) { return ev_strdup(s); }

/* Sets a claim's figure and sentence spans from where they are in text. */
static void place(ev_claim *c, const char *text, const char *figure,
                  const char *sentence)
{
    const char *sp = strstr(text, sentence), *fp;
    ck_assert_ptr_nonnull(sp);
    fp = strstr(sp, figure);
    ck_assert_ptr_nonnull(fp);
    c->start = (size_t)(fp - text);
    c->end = c->start + strlen(figure);
    c->sent_start = (size_t)(sp - text);
    c->sent_end = c->sent_start + strlen(sentence);
}

/* A small document: two passages, one footnote, one reference, one
 * marker and three claims. */
static void make_doc(ev_doc *d, const char *path, const char *text)
{
    ev_block *b;
    ev_claim *c;
    ev_citation *ct;
    ev_ref *r;
    ev_note *n;
    ev_cite *m;
    const char *p2;
    ev_doc_init(d);
    d->path = xstrdup(path);
    d->name = xstrdup(strrchr(path, '/') ? strrchr(path, '/') + 1 : path);
    d->format = EV_FMT_TEXT;
    d->text = xstrdup(text);
    d->text_len = strlen(text);
    d->source_size = d->text_len;
    d->hash = ev_hash64(text, d->text_len, 0);
    p2 = strstr(text, "\n\n");
    b = ev_vec_push(&d->blocks);
    b->start = 0;
    b->end = p2 ? (size_t)(p2 - text) : d->text_len;
    b->line = 1;
    b->kind = EV_BLK_PARA;
    b->note = b->ref = -1;
    if (p2) {
        b = ev_vec_push(&d->blocks);
        b->start = (size_t)(p2 - text) + 2;
        b->end = d->text_len;
        b->line = 3;
        b->kind = EV_BLK_FOOTNOTE;
        b->note = 0;
        b->ref = -1;
        n = ev_vec_push(&d->notes);
        n->label = xstrdup("1");
        n->text = xstrdup(p2 + 2);
        n->start = b->start;
        n->end = b->end;
        ev_strvec_push(&n->urls, "https://example.org/a", 21);
    }
    r = ev_vec_push(&d->refs);
    r->label = xstrdup("1");
    r->text = xstrdup("Smith, J. (2019). Costs of stationing. Journal X.");
    r->first_author = xstrdup("Smith");
    r->authors = xstrdup("Smith, J.");
    r->year = 2019;
    r->doi = xstrdup("10.1000/xyz");
    r->note = 0;
    m = ev_vec_push(&d->cites);
    m->start = 5;
    m->end = 6;
    m->kind = EV_CITE_FOOTNOTE;
    m->marker = xstrdup("1");
    m->note = 0;
    *(int *)ev_vec_push(&m->refs) = 0;
    c = ev_vec_push(&d->claims);
    place(c, text, "75%", "Japan pays host nation support of about 75% of "
                          "stationing costs.");
    c->line = 1;
    c->surface = xstrdup("75%");
    c->lo = c->hi = 75;
    snprintf(c->unit, sizeof(c->unit), "percent");
    c->qualifier = EV_Q_APPROX;
    c->subject = xstrdup("share of stationing costs paid by japan");
    c->sentence = xstrdup("Japan pays host nation support of about 75% of "
                          "stationing costs.");
    c->year = 2017;
    c->block = 0;
    c->note = -1;
    ct = ev_vec_push(&c->cites);
    ct->kind = EV_CITE_FOOTNOTE;
    ct->marker = xstrdup("1");
    ct->text = xstrdup("DoD Statistical Compendium 2004");
    ct->note = 0;
    ct->ref = 0;
    /* one whose text and URL are the footnote's: stored by reference */
    ct = ev_vec_push(&c->cites);
    ct->kind = EV_CITE_FOOTNOTE;
    ct->marker = xstrdup("1");
    ct->text = xstrdup(d->notes.v[0].text);
    ct->url = xstrdup("https://example.org/a");
    ct->note = 0;
    ct->ref = 0;
    c = ev_vec_push(&d->claims);
    place(c, text, "54,000", "It hosts 54,000 troops.");
    c->line = 2;
    c->surface = xstrdup("54,000");
    c->lo = c->hi = 54000;
    snprintf(c->unit, sizeof(c->unit), "count");
    c->subject = xstrdup("us troops in japan");
    c->sentence = xstrdup("It hosts 54,000 troops.");
    c->block = 0;
    c->note = -1;
    c = ev_vec_push(&d->claims);
    place(c, text, "40-50%", "Media say 40-50%.");
    c->line = 2;
    c->surface = xstrdup("40-50%");
    c->lo = 40;
    c->hi = 50;
    snprintf(c->unit, sizeof(c->unit), "percent");
    c->qualifier = EV_Q_RANGE;
    c->subject = xstrdup("share paid");
    c->sentence = xstrdup("Media say 40-50%.");
    c->block = 0;
    c->note = -1;
}

static const char *TEXT =
    "Japan pays host nation support of about 75% of stationing costs.\n"
    "It hosts 54,000 troops. Media say 40-50%.\n\n"
    "1 DoD Statistical Compendium, 2004.";

static ev_index *open_mem(void)
{
    ev_index *idx = NULL;
    ev_err err = {0, ""};
    ck_assert_int_eq(ev_index_open(&idx, ":memory:", 0, &err), 0);
    return idx;
}

static int count_hits(void *ctx, const ev_hit *h)
{
    (*(int *)ctx)++;
    ck_assert_ptr_nonnull(strstr(h->snippet, "[host]"));
    return 0;
}

START_TEST(test_put_and_search)
{
    ev_index *idx = open_mem();
    ev_doc d;
    ev_err err = {0, ""};
    int replaced = -1, n = 0;
    int64_t count;
    make_doc(&d, "/tmp/a.txt", TEXT);
    ck_assert_int_eq(ev_index_put_doc(idx, &d, 1, &replaced, &err), 0);
    ck_assert_int_eq(replaced, 0);
    ck_assert_int_eq(ev_index_search(idx, "host nation", 10, "[", "]",
                                     count_hits, &n, &err), 0);
    ck_assert_int_eq(n, 1);
    /* porter stemming: "stationed" finds "stationing" */
    n = 0;
    ck_assert_int_eq(ev_index_search(idx, "host AND stationed", 10, "[", "]",
                                     count_hits, &n, &err), 0);
    ck_assert_int_eq(n, 1);
    /* replacing the same path keeps one copy */
    ck_assert_int_eq(ev_index_put_doc(idx, &d, 2, &replaced, &err), 0);
    ck_assert_int_eq(replaced, 1);
    ck_assert_int_eq(ev_index_count(idx, "docs", &count, &err), 0);
    ck_assert_int_eq(count, 1);
    ck_assert_int_eq(ev_index_count(idx, "claims", &count, &err), 0);
    ck_assert_int_eq(count, 3);
    n = 0;
    ck_assert_int_eq(ev_index_search(idx, "host", 10, "[", "]", count_hits,
                                     &n, &err), 0);
    ck_assert_int_eq(n, 1);
    ev_doc_release(&d);
    ev_index_free(idx);
}
END_TEST

static int nop_hit(void *ctx, const ev_hit *h)
{
    (void)ctx;
    (void)h;
    return 0;
}

START_TEST(test_search_syntax_error)
{
    ev_index *idx = open_mem();
    ev_err err = {0, ""};
    int rc = ev_index_search(idx, "\"unterminated", 10, "[", "]", nop_hit,
                             NULL, &err);
    ck_assert_int_eq(rc, EV_EINVALID);
    ck_assert_ptr_null(strchr(err.msg, '\n'));
    rc = ev_index_search(idx, "AND OR", 10, "[", "]", nop_hit, NULL, &err);
    ck_assert_int_eq(rc, EV_EINVALID);
    ev_index_free(idx);
}
END_TEST

typedef struct got {
    int n;
    char surface[64];
    int n_cites;
} got;

/* Claims read back whole: surface and sentence from the stored text,
 * citation text and URL as written (own, or the footnote's). */
static int on_claim(void *ctx, const ev_claim *c)
{
    got *g = ctx;
    g->n++;
    snprintf(g->surface, sizeof(g->surface), "%s", c->surface);
    g->n_cites = (int)c->cites.n;
    ck_assert_ptr_nonnull(c->doc);
    if (strcmp(c->surface, "75%") == 0) {
        ck_assert_str_eq(c->sentence, "Japan pays host nation support of "
                                      "about 75% of stationing costs.");
        ck_assert_uint_eq(c->cites.n, 2);
        ck_assert_str_eq(c->cites.v[0].text,
                         "DoD Statistical Compendium 2004");
        ck_assert_ptr_null(c->cites.v[0].url);
        ck_assert_str_eq(c->cites.v[1].text,
                         "1 DoD Statistical Compendium, 2004.");
        ck_assert_str_eq(c->cites.v[1].url, "https://example.org/a");
    }
    if (strcmp(c->surface, "54,000") == 0)
        ck_assert_str_eq(c->sentence, "It hosts 54,000 troops.");
    return 0;
}

START_TEST(test_claim_filters)
{
    ev_index *idx = open_mem();
    ev_doc d;
    ev_err err = {0, ""};
    ev_claim_filter f;
    got g;
    int replaced;
    make_doc(&d, "/tmp/a.txt", TEXT);
    ck_assert_int_eq(ev_index_put_doc(idx, &d, 1, &replaced, &err), 0);
    memset(&f, 0, sizeof(f));
    memset(&g, 0, sizeof(g));
    f.unit = "count";
    ck_assert_int_eq(ev_index_claims(idx, &f, on_claim, &g, &err), 0);
    ck_assert_int_eq(g.n, 1);
    ck_assert_str_eq(g.surface, "54,000");
    /* value range: 74.5..75.5 percent meets 75 only; 45 meets the range */
    memset(&g, 0, sizeof(g));
    f.unit = "percent";
    f.use_range = 1;
    f.lo = 74.5;
    f.hi = 75.5;
    ck_assert_int_eq(ev_index_claims(idx, &f, on_claim, &g, &err), 0);
    ck_assert_int_eq(g.n, 1);
    ck_assert_str_eq(g.surface, "75%");
    ck_assert_int_eq(g.n_cites, 2);
    memset(&g, 0, sizeof(g));
    f.lo = f.hi = 45;
    ck_assert_int_eq(ev_index_claims(idx, &f, on_claim, &g, &err), 0);
    ck_assert_int_eq(g.n, 1);
    ck_assert_str_eq(g.surface, "40-50%");
    /* words: stemmed, over subject and sentence */
    memset(&f, 0, sizeof(f));
    memset(&g, 0, sizeof(g));
    f.about = "stationed costs";
    ck_assert_int_eq(ev_index_claims(idx, &f, on_claim, &g, &err), 0);
    ck_assert_int_eq(g.n, 1);
    /* punctuation in words cannot break the query */
    memset(&g, 0, sizeof(g));
    f.about = "\"japan (AND";
    ck_assert_int_eq(ev_index_claims(idx, &f, on_claim, &g, &err), 0);
    ev_doc_release(&d);
    ev_index_free(idx);
}
END_TEST

typedef struct light_got {
    int64_t ids[8];
    double lo[8];
    int n;
} light_got;

static int on_light(void *ctx, const ev_claim *c)
{
    light_got *g = ctx;
    ck_assert_int_lt(g->n, 8);
    g->ids[g->n] = c->id;
    g->lo[g->n++] = c->lo;
    return 0;
}

/* The light read of unit's claims in the wide window [lo, hi] with the
 * exact one [exact_lo, exact_hi]. Returns how many (into g). */
static int n_light(ev_index *idx, const char *unit, double lo, double hi,
                   double exact_lo, double exact_hi, light_got *g)
{
    ev_err err = {0, ""};
    ev_claim_filter f;
    memset(&f, 0, sizeof(f));
    f.unit = unit;
    f.use_range = f.use_exact_range = 1;
    f.lo = lo;
    f.hi = hi;
    f.exact_lo = exact_lo;
    f.exact_hi = exact_hi;
    memset(g, 0, sizeof(*g));
    ck_assert_int_eq(ev_index_claims_light(idx, &f, on_light, g, &err), 0);
    return g->n;
}

/* Percent claims in a wide window [30, 90] with a narrow exact one
 * [60, 62]: only qualified claims ("about 75%") or ranges can meet it. */
static int light_percent_60(ev_index *idx, light_got *g)
{
    return n_light(idx, "percent", 30, 90, 60, 62, g);
}

/* Exact claims meet the narrow window, qualified ones the wide one. */
START_TEST(test_claims_light_exact_window)
{
    ev_index *idx = open_mem();
    ev_doc d;
    ev_err err = {0, ""};
    light_got g;
    int replaced;
    make_doc(&d, "/tmp/a.txt", TEXT);
    ck_assert_int_eq(ev_index_put_doc(idx, &d, 1, &replaced, &err), 0);
    /* 54,000 is exact: outside [53000, 53500] it is not read */
    ck_assert_int_eq(n_light(idx, "count", 50000, 60000, 53000, 53500, &g),
                     0);
    ck_assert_int_eq(n_light(idx, "count", 50000, 60000, 53000, 54000, &g),
                     1);
    ck_assert_double_eq(g.lo[0], 54000);
    /* "about 75%" reaches as far as the wide window; the 40-50% range
     * must meet the narrow one */
    ck_assert_int_eq(light_percent_60(idx, &g), 1);
    ck_assert_double_eq(g.lo[0], 75);
    ck_assert_int_eq(n_light(idx, "percent", 30, 90, 44, 46, &g), 2);
    ev_doc_release(&d);
    ev_index_free(idx);
}
END_TEST

/* Claims equal to a value come lowest id first, up to the limit, and only
 * with the qualifier asked. */
/* How many claims ev_index_claims_equal gives (ids into g). */
static int n_equal(ev_index *idx, const char *unit, double lo, double hi,
                   int qualifier, int limit, light_got *g)
{
    ev_err err = {0, ""};
    memset(g, 0, sizeof(*g));
    ck_assert_int_eq(ev_index_claims_equal(idx, unit, lo, hi, qualifier,
                                           limit, on_light, g, &err),
                     0);
    return g->n;
}

START_TEST(test_claims_equal)
{
    ev_index *idx = open_mem();
    ev_doc d, e;
    ev_err err = {0, ""};
    light_got g;
    int replaced;
    make_doc(&d, "/tmp/a.txt", TEXT);
    make_doc(&e, "/tmp/b.txt", TEXT);
    ck_assert_int_eq(ev_index_put_doc(idx, &d, 1, &replaced, &err), 0);
    ck_assert_int_eq(ev_index_put_doc(idx, &e, 1, &replaced, &err), 0);
    ck_assert_int_eq(n_equal(idx, "count", 54000, 54000, EV_Q_EXACT, 5, &g),
                     2);
    ck_assert_int_lt(g.ids[0], g.ids[1]);
    ck_assert_double_eq(g.lo[0], 54000);
    ck_assert_int_eq(n_equal(idx, "count", 54000, 54000, EV_Q_EXACT, 1, &g),
                     1);
    /* "about 75%" is not an exact 75%, and 40-50% is no 45% */
    ck_assert_int_eq(n_equal(idx, "percent", 75, 75, EV_Q_EXACT, 5, &g), 0);
    ck_assert_int_eq(n_equal(idx, "percent", 75, 75, EV_Q_APPROX, 5, &g), 2);
    ck_assert_int_eq(n_equal(idx, "percent", 45, 45, EV_Q_RANGE, 5, &g), 0);
    ck_assert_int_eq(n_equal(idx, "percent", 40, 50, EV_Q_RANGE, 5, &g), 2);
    ev_doc_release(&d);
    ev_doc_release(&e);
    ev_index_free(idx);
}
END_TEST

/* The integer the query sql gives on the file at path. */
static int64_t sql_int(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    int64_t n = -1;
    ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
                     SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

/* An index of an older schema is refused, for reading and for writing,
 * with a message that says what to do. */
START_TEST(test_old_schema_refused)
{
    char dir[] = "/tmp/evidex-old-XXXXXX", path[64], cmd[96];
    ev_index *idx = NULL;
    ev_doc d;
    ev_err err = {0, ""};
    sqlite3 *db = NULL;
    int replaced, i;
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/t.db", dir);
    ck_assert_int_eq(ev_index_open(&idx, path, 0, &err), 0);
    make_doc(&d, "/tmp/a.txt", TEXT);
    ck_assert_int_eq(ev_index_put_doc(idx, &d, 1, &replaced, &err), 0);
    ev_index_free(idx);
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(db, "PRAGMA user_version = 3", NULL, NULL,
                                  NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    for (i = 0; i < 2; i++) {
        idx = NULL;
        err.msg[0] = 0;
        ck_assert_int_eq(ev_index_open(&idx, path, i ? EV_INDEX_READONLY : 0,
                                       &err),
                         EV_EDB);
        ck_assert_ptr_null(idx);
        ck_assert_ptr_nonnull(strstr(err.msg, "schema 3 is too old"));
        ck_assert_ptr_nonnull(strstr(err.msg, "add the sources again"));
    }
    ev_doc_release(&d);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

static int on_locator(void *ctx, const ev_passage_row *r)
{
    ev_strvec *v = ctx;
    ev_strvec_push(v, r->locator ? r->locator : "-",
                   strlen(r->locator ? r->locator : "-"));
    return 0;
}

/* Each document's passages, sentences and claims are exactly its id
 * ranges (schema.c) after documents are added, replaced and removed;
 * nothing is left behind, and locators are stored once. */
START_TEST(test_row_ranges)
{
    static const char *const checks[] = {
        /* rows outside their document's range */
        "SELECT count(*) FROM passages p WHERE NOT EXISTS (SELECT 1 FROM"
        " docs d WHERE d.id = p.doc_id AND p.id BETWEEN d.p_lo"
        " AND d.p_lo + d.n_passages - 1)",
        "SELECT count(*) FROM sentences s WHERE NOT EXISTS (SELECT 1 FROM"
        " docs d WHERE d.id = s.doc_id AND s.id BETWEEN d.s_lo"
        " AND d.s_lo + d.n_sents - 1)",
        "SELECT count(*) FROM claims c WHERE NOT EXISTS (SELECT 1 FROM"
        " docs d WHERE d.id = c.doc_id AND c.id BETWEEN d.c_lo"
        " AND d.c_lo + d.n_claims - 1)",
        /* ranges with missing rows */
        "SELECT (SELECT sum(n_passages) FROM docs) -"
        " (SELECT count(*) FROM passages)",
        "SELECT (SELECT sum(n_sents) FROM docs) -"
        " (SELECT count(*) FROM sentences)",
        "SELECT (SELECT sum(n_claims) FROM docs) -"
        " (SELECT count(*) FROM claims)",
        /* claims outside their sentence's range, rows of no document */
        "SELECT count(*) FROM claims c JOIN sentences s ON s.id = c.sent_id"
        " WHERE c.id NOT BETWEEN s.c_lo AND s.c_hi OR s.doc_id <> c.doc_id",
        "SELECT count(*) FROM claim_cites WHERE claim_id NOT IN"
        " (SELECT id FROM claims)",
        "SELECT count(*) FROM notes WHERE doc_id NOT IN (SELECT id FROM docs)",
        "SELECT count(*) FROM refs WHERE id >> 20 NOT IN (SELECT id FROM docs)",
        "SELECT count(*) - (SELECT sum(n_refs) FROM docs) FROM refs",
        "SELECT count(*) FROM cites WHERE doc_id NOT IN (SELECT id FROM docs)",
    };
    char dir[] = "/tmp/evidex-ranges-XXXXXX", path[64], cmd[96];
    ev_index *idx = NULL;
    ev_doc a, b, a2;
    ev_err err = {0, ""};
    ev_strvec locs = {0};
    int replaced;
    size_t i;
    int64_t id = 0;
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/t.db", dir);
    ck_assert_int_eq(ev_index_open(&idx, path, 0, &err), 0);
    make_doc(&a, "/tmp/a.txt", TEXT);
    make_doc(&b, "/tmp/b.txt", TEXT);
    make_doc(&a2, "/tmp/a.txt",
             "Japan pays host nation support of about 75% of stationing "
             "costs.\nIt hosts 54,000 troops. Media say 40-50%.\n\n"
             "1 DoD Statistical Compendium, 2005.");
    a.blocks.v[0].locator = xstrdup("/article/body/p[1]");
    a.blocks.v[1].locator = xstrdup("/article/back/fn[1]");
    b.blocks.v[0].locator = xstrdup("/article/body/p[1]");
    a2.blocks.v[1].locator = xstrdup("/article/back/fn[1]");
    ck_assert_int_eq(ev_index_put_doc(idx, &a, 1, &replaced, &err), 0);
    ck_assert_int_eq(ev_index_put_doc(idx, &b, 1, &replaced, &err), 0);
    ck_assert_int_eq(ev_index_put_doc(idx, &a2, 2, &replaced, &err), 0);
    ck_assert_int_eq(replaced, 1);
    ck_assert_int_eq(ev_index_remove_doc(idx, "/tmp/b.txt", &err), 0);
    ck_assert_int_eq(ev_index_find_doc(idx, "a.txt", &id, &err), 0);
    ck_assert_int_eq(ev_index_passages(idx, id, on_locator, &locs, &err), 0);
    ck_assert_uint_eq(locs.n, 2);
    ck_assert_str_eq(locs.v[0], "-");
    ck_assert_str_eq(locs.v[1], "/article/back/fn[1]");
    ev_index_free(idx);
    for (i = 0; i < sizeof(checks) / sizeof(checks[0]); i++)
        ck_assert_msg(sql_int(path, checks[i]) == 0, "%s", checks[i]);
    ck_assert_int_eq(sql_int(path, "SELECT count(*) FROM docs"), 1);
    ck_assert_int_eq(sql_int(path, "SELECT count(*) FROM claims"), 3);
    ck_assert_int_eq(sql_int(path, "SELECT count(*) FROM sentences"), 3);
    ck_assert_int_eq(sql_int(path, "SELECT count(*) FROM locators"), 2);
    ev_strvec_release(&locs);
    ev_doc_release(&a);
    ev_doc_release(&b);
    ev_doc_release(&a2);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

static int count_any_hit(void *ctx, const ev_hit *h)
{
    (void)h;
    (*(int *)ctx)++;
    return 0;
}

/* The body is stored packed, reads back as written, and a damaged one
 * gives an error naming the cause, never a crash or garbage text. */
START_TEST(test_body_packed)
{
    char dir[] = "/tmp/evidex-body-XXXXXX", path[64], cmd[96];
    ev_index *idx = NULL;
    ev_doc d;
    ev_err err = {0, ""};
    ev_buf text = EV_BUF_INIT;
    sqlite3 *db = NULL;
    int replaced, hits = 0;
    int64_t id = 0;
    ev_buf big = EV_BUF_INIT;
    int i;
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/t.db", dir);
    ck_assert_int_eq(ev_index_open(&idx, path, 0, &err), 0);
    /* a text that packs well: the stored body is smaller than it */
    for (i = 0; i < 200; i++)
        ev_buf_puts(&big, TEXT);
    make_doc(&d, "/tmp/a.txt", big.ptr);
    ck_assert_int_eq(ev_index_put_doc(idx, &d, 1, &replaced, &err), 0);
    ck_assert_int_eq(ev_index_find_doc(idx, "a.txt", &id, &err), 0);
    ck_assert_int_eq(ev_index_doc_text(idx, id, &text, &err), 0);
    ck_assert_uint_eq(text.len, big.len);
    ck_assert_int_eq(memcmp(text.ptr, big.ptr, big.len), 0);
    ck_assert_int_eq(ev_index_search(idx, "stationing", 5, "[", "]",
                                     count_any_hit, &hits, &err),
                     0);
    ck_assert_int_eq(hits, 2); /* the doc's two passages */
    ev_index_free(idx);
    ck_assert_int_lt(sql_int(path, "SELECT length(body) FROM docs"),
                     (int64_t)big.len / 4);
    /* damage it: a frame that claims more text than it holds */
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(db, "UPDATE docs SET body ="
                                      " substr(body, 1, length(body) / 2)",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    ck_assert_int_eq(ev_index_open(&idx, path, EV_INDEX_READONLY, &err), 0);
    ev_buf_clear(&text);
    ck_assert_int_eq(ev_index_doc_text(idx, id, &text, &err), EV_EDB);
    ck_assert_ptr_nonnull(strstr(err.msg, "damaged"));
    hits = 0;
    ck_assert_int_ne(ev_index_search(idx, "stationing", 5, "[", "]",
                                     count_any_hit, &hits, &err),
                     0);
    ev_index_free(idx);
    ev_buf_release(&text);
    ev_buf_release(&big);
    ev_doc_release(&d);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* Appends every row of table on the file at path to out. */
static void table_bytes(const char *path, const char *table, ev_buf *out)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    char sql[128];
    snprintf(sql, sizeof(sql), "SELECT * FROM %s ORDER BY 1", table);
    ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
                     SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        int i;
        for (i = 0; i < sqlite3_column_count(st); i++) {
            const void *p = sqlite3_column_blob(st, i);
            ev_buf_printf(out, "|%d:", sqlite3_column_bytes(st, i));
            if (p)
                ev_buf_add(out, p, (size_t)sqlite3_column_bytes(st, i));
        }
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    ck_assert(!out->oom);
}

/* Tokens made off the writer (ev_index_tokenize) give the full-text
 * indexes, byte for byte, that the writer's own tokenizing gives, inside
 * a batch and out of one, and queries still tokenize their own words. */
/* The stems of row r of k, joined by '|'. */
static void row_stems(const ev_index_tokens *k, const ev_tok_row *r,
                      ev_buf *out)
{
    size_t i;
    ck_assert_ptr_nonnull(r);
    ev_buf_clear(out);
    for (i = r->lo; i < r->lo + r->n; i++) {
        const ev_tok *t = &k->t.v[i];
        ev_buf_add(out, k->text.ptr + t->at, t->len & ~EV_TOK_COLOCATED);
        ev_buf_putc(out, '|');
    }
    ev_buf_putc(out, 0);
}

/* The tokens of text[off..off+len) made alone, through a one-block
 * document. */
static void alone_stems(ev_index_tokenizer *tk, const char *text, size_t off,
                        size_t len, ev_buf *out)
{
    ev_doc d;
    ev_block *b;
    ev_index_tokens *k = NULL;
    ev_err err = {0, ""};
    ev_doc_init(&d);
    d.path = xstrdup("/tmp/alone.txt");
    d.name = xstrdup("alone.txt");
    d.text = calloc(1, len + 1);
    ck_assert_ptr_nonnull(d.text);
    memcpy(d.text, text + off, len);
    d.text_len = len;
    b = ev_vec_push(&d.blocks);
    b->start = 0;
    b->end = len;
    b->kind = EV_BLK_PARA;
    b->note = b->ref = -1;
    ck_assert_int_eq(ev_index_tokenize(tk, &d, &k, &err), 0);
    row_stems(k, ev_index__tokens_find(k, 0, len), out);
    ev_index_tokens_free(k);
    ev_doc_release(&d);
}

/* A claim's sentence takes its tokens from its passage's, the same ones
 * the sentence gives alone; a sentence that cuts a word is tokenized
 * itself. */
START_TEST(test_sentence_tokens_shared)
{
    ev_index_tokenizer *tk = NULL;
    ev_index_tokens *k = NULL;
    ev_err err = {0, ""};
    ev_buf x = EV_BUF_INIT, y = EV_BUF_INIT;
    ev_doc d;
    const ev_tok_row *p;
    size_t i;
    ck_assert_int_eq(ev_index_tokenizer_new(&tk, &err), 0);
    make_doc(&d, "/tmp/shared.txt", TEXT);
    /* the last claim's sentence starts inside the word "Media" */
    d.claims.v[2].sent_start += 2;
    ck_assert_int_eq(ev_index_tokenize(tk, &d, &k, &err), 0);
    p = ev_index__tokens_find(k, d.blocks.v[0].start,
                              d.blocks.v[0].end - d.blocks.v[0].start);
    ck_assert_ptr_nonnull(p);
    for (i = 0; i < d.claims.n; i++) {
        const ev_claim *c = &d.claims.v[i];
        size_t len = c->sent_end - c->sent_start;
        const ev_tok_row *r = ev_index__tokens_find(k, c->sent_start, len);
        int inside;
        ck_assert_ptr_nonnull(r);
        ck_assert_uint_gt(r->n, 1);
        inside = r->lo >= p->lo && r->lo + r->n <= p->lo + p->n;
        ck_assert_int_eq(inside, i < 2);
        row_stems(k, r, &x);
        alone_stems(tk, d.text, c->sent_start, len, &y);
        ck_assert_str_eq(x.ptr, y.ptr);
    }
    row_stems(k, ev_index__tokens_find(k, d.claims.v[2].sent_start,
                                       d.claims.v[2].sent_end -
                                           d.claims.v[2].sent_start),
              &x);
    ck_assert_str_eq(x.ptr, "dia|sai|40|50|");
    ev_buf_release(&x);
    ev_buf_release(&y);
    ev_index_tokens_free(k);
    ev_doc_release(&d);
    ev_index_tokenizer_free(tk);
}
END_TEST

START_TEST(test_tokens_replayed)
{
    static const char *const texts[] = {
        NULL, /* TEXT */
        "Café naïve résumé. Japan pays host nation support of about 75% "
        "of stationing costs.\nÄrzte: It hosts 54,000 troops. Media say "
        "40-50%.\n\n1 Über-Statistik, 2004 — «données».",
    };
    static const char *const tables[] = {
        "passages_fts_data", "passages_fts_docsize", "sentences_fts_data",
        "sentences_fts_docsize"};
    char dir[] = "/tmp/evidex-toks-XXXXXX", pa[64], pb[64], cmd[96];
    ev_index *a = NULL, *b = NULL;
    ev_index_tokenizer *tk = NULL;
    ev_lz_packer *pk = ev_lz_packer_new();
    ev_err err = {0, ""};
    ev_doc d[2];
    ev_index_tokens *toks[2] = {NULL, NULL};
    ev_buf frame[2] = {EV_BUF_INIT, EV_BUF_INIT};
    int replaced, hits = 0;
    size_t i;
    ck_assert_ptr_nonnull(pk);
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(pa, sizeof(pa), "%s/a.db", dir);
    snprintf(pb, sizeof(pb), "%s/b.db", dir);
    ck_assert_int_eq(ev_index_open(&a, pa, 0, &err), 0);
    ck_assert_int_eq(ev_index_open(&b, pb, 0, &err), 0);
    ck_assert_int_eq(ev_index_tokenizer_new(&tk, &err), 0);
    for (i = 0; i < 2; i++) {
        char path[32];
        snprintf(path, sizeof(path), "/tmp/t%zu.txt", i);
        make_doc(&d[i], path, texts[i] ? texts[i] : TEXT);
        ck_assert_int_eq(ev_index_put_doc(a, &d[i], 1, &replaced, &err), 0);
        ck_assert_int_eq(ev_index_tokenize(tk, &d[i], &toks[i], &err), 0);
        ck_assert_int_eq(ev_index_pack_text(pk, &d[i], &frame[i], &err), 0);
    }
    /* the first out of a batch, the second queued until commit */
    ck_assert_int_eq(ev_index_put_doc_frame(b, &d[0], frame[0].ptr,
                                            frame[0].len, toks[0], 1,
                                            &replaced, &err),
                     0);
    ck_assert_int_eq(ev_index_begin(b, &err), 0);
    ck_assert_int_eq(ev_index_put_doc_frame(b, &d[1], frame[1].ptr,
                                            frame[1].len, toks[1], 1,
                                            &replaced, &err),
                     0);
    ck_assert_int_eq(ev_index_commit(b, &err), 0);
    /* diacritics folded and words stemmed as the query's own words */
    ck_assert_int_eq(ev_index_search(b, "cafe AND arzte", 5, "[", "]",
                                     count_any_hit, &hits, &err),
                     0);
    ck_assert_int_eq(hits, 1);
    ev_index_free(a);
    ev_index_free(b);
    for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
        ev_buf x = EV_BUF_INIT, y = EV_BUF_INIT;
        table_bytes(pa, tables[i], &x);
        table_bytes(pb, tables[i], &y);
        ck_assert_uint_gt(x.len, 0);
        ck_assert_msg(x.len == y.len && memcmp(x.ptr, y.ptr, x.len) == 0,
                      "%s differs", tables[i]);
        ev_buf_release(&x);
        ev_buf_release(&y);
    }
    for (i = 0; i < 2; i++) {
        ev_index_tokens_free(toks[i]);
        ev_buf_release(&frame[i]);
        ev_doc_release(&d[i]);
    }
    ev_index_tokenizer_free(tk);
    ev_lz_packer_free(pk);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

typedef struct brief_got {
    int n;
    char surface[4][16];
    char doc[4][16];
} brief_got;

static int on_brief(void *ctx, const ev_claim *c)
{
    brief_got *g = ctx;
    ck_assert_int_lt(g->n, 4);
    ck_assert_ptr_null(c->sentence);
    ck_assert_uint_eq(c->cites.n, 0);
    snprintf(g->surface[g->n], sizeof(g->surface[0]), "%s", c->surface);
    snprintf(g->doc[g->n++], sizeof(g->doc[0]), "%s", c->doc);
    return 0;
}

/* The ids of the two percent claims of make_doc's document, put into
 * idx: the range (40-50%) and the point (75%). */
static void percent_ids(ev_index *idx, ev_doc *d, int64_t *range,
                        int64_t *point)
{
    ev_err err = {0, ""};
    ev_claim_filter f;
    light_got lg;
    int replaced;
    make_doc(d, "/tmp/a.txt", TEXT);
    ck_assert_int_eq(ev_index_put_doc(idx, d, 1, &replaced, &err), 0);
    memset(&f, 0, sizeof(f));
    memset(&lg, 0, sizeof(lg));
    f.unit = "percent";
    f.use_range = 1;
    f.lo = 0;
    f.hi = 100;
    ck_assert_int_eq(ev_index_claims_light(idx, &f, on_light, &lg, &err), 0);
    ck_assert_int_eq(lg.n, 2);
    /* whatever order the lookup gave */
    *range = lg.lo[0] == 40 ? lg.ids[0] : lg.ids[1];
    *point = lg.lo[0] == 40 ? lg.ids[1] : lg.ids[0];
}

/* Brief claims come in the order asked, unknown ids skipped. */
START_TEST(test_claims_brief)
{
    ev_index *idx = open_mem();
    ev_doc d;
    ev_err err = {0, ""};
    brief_got g;
    int64_t ids[3];
    percent_ids(idx, &d, &ids[0], &ids[2]);
    ids[1] = 999999;
    memset(&g, 0, sizeof(g));
    ck_assert_int_eq(ev_index_claims_brief(idx, ids, 3, on_brief, &g, &err),
                     0);
    ck_assert_int_eq(g.n, 2);
    ck_assert_str_eq(g.surface[0], "40-50%");
    ck_assert_str_eq(g.surface[1], "75%");
    ck_assert_str_eq(g.doc[1], "a.txt");
    ev_doc_release(&d);
    ev_index_free(idx);
}
END_TEST

typedef struct whole_got {
    int n;
    char surface[6][16];
    size_t n_cites[6];
    int has_sentence[6];
} whole_got;

static int on_whole(void *ctx, const ev_claim *c)
{
    whole_got *g = ctx;
    ck_assert_int_lt(g->n, 6);
    snprintf(g->surface[g->n], sizeof(g->surface[0]), "%s", c->surface);
    g->has_sentence[g->n] = c->sentence && *c->sentence;
    g->n_cites[g->n++] = c->cites.n;
    return 0;
}

/* Whole claims by id: in the order asked (repeats too), unknown ids
 * skipped, each with its sentence and citations. */
START_TEST(test_claims_by_id)
{
    ev_index *idx = open_mem();
    ev_doc d;
    ev_err err = {0, ""};
    whole_got g;
    int64_t ids[5], r75, r40;
    percent_ids(idx, &d, &r40, &r75);
    ids[0] = r40;
    ids[1] = -5;
    ids[2] = r75;
    ids[3] = r40;
    ids[4] = 999999;
    memset(&g, 0, sizeof(g));
    ck_assert_int_eq(ev_index_claims_by_id(idx, ids, 5, on_whole, &g, &err),
                     0);
    ck_assert_int_eq(g.n, 3);
    ck_assert_str_eq(g.surface[0], "40-50%");
    ck_assert_str_eq(g.surface[1], "75%");
    ck_assert_str_eq(g.surface[2], "40-50%");
    ck_assert(g.has_sentence[1]);
    ck_assert_uint_eq(g.n_cites[1], d.claims.v[0].cites.n);
    ck_assert_uint_ge(g.n_cites[1], 2);
    /* none asked, none read */
    memset(&g, 0, sizeof(g));
    ck_assert_int_eq(ev_index_claims_by_id(idx, ids, 0, on_whole, &g, &err),
                     0);
    ck_assert_int_eq(g.n, 0);
    ev_doc_release(&d);
    ev_index_free(idx);
}
END_TEST

typedef EV_VEC(ev_claim) claim_list;

static int keep_claim(void *ctx, const ev_claim *c)
{
    claim_list *l = ctx;
    ev_claim *slot = ev_vec_push(l);
    ck_assert_ptr_nonnull(slot);
    ck_assert_int_eq(ev_claim_copy(slot, c), 0);
    return 0;
}

/* Claims read without citations get them all in one batch afterwards,
 * the same as a read with them (a claim asked twice gets them twice). */
START_TEST(test_claims_cites_later)
{
    ev_index *idx = open_mem();
    ev_doc d;
    ev_err err = {0, ""};
    ev_claim_filter f;
    claim_list with = {NULL, 0, 0}, without = {NULL, 0, 0};
    ev_claim *ask[3];
    size_t i, k;
    int replaced;
    make_doc(&d, "/tmp/a.txt", TEXT);
    ck_assert_int_eq(ev_index_put_doc(idx, &d, 1, &replaced, &err), 0);
    memset(&f, 0, sizeof(f));
    ck_assert_int_eq(ev_index_claims(idx, &f, keep_claim, &with, &err), 0);
    f.no_cites = 1;
    ck_assert_int_eq(ev_index_claims(idx, &f, keep_claim, &without, &err), 0);
    ck_assert_uint_eq(with.n, without.n);
    ck_assert_uint_ge(with.n, 2);
    for (i = 0; i < without.n; i++)
        ck_assert_uint_eq(without.v[i].cites.n, 0);
    /* the last twice, the first once */
    ask[0] = &without.v[without.n - 1];
    ask[1] = &without.v[0];
    ask[2] = &without.v[without.n - 1];
    ck_assert_int_eq(ev_index_claims_cites(idx, ask, 3, &err), 0);
    ck_assert_uint_eq(without.v[0].cites.n, with.v[0].cites.n);
    ck_assert_uint_ge(with.v[0].cites.n, 2);
    for (k = 0; k < with.v[0].cites.n; k++) {
        const ev_citation *a = &with.v[0].cites.v[k];
        const ev_citation *b = &without.v[0].cites.v[k];
        ck_assert_int_eq(a->kind, b->kind);
        ck_assert_str_eq(a->marker ? a->marker : "", b->marker ? b->marker : "");
        ck_assert_str_eq(a->text ? a->text : "", b->text ? b->text : "");
        ck_assert_str_eq(a->url ? a->url : "", b->url ? b->url : "");
        ck_assert_int_eq(a->note, b->note);
        ck_assert_int_eq(a->ref, b->ref);
    }
    ck_assert_uint_eq(without.v[without.n - 1].cites.n,
                      2 * with.v[with.n - 1].cites.n);
    ck_assert_int_eq(ev_index_claims_cites(idx, ask, 0, &err), 0);
    for (i = 0; i < with.n; i++)
        ev_claim_release(&with.v[i]);
    for (i = 0; i < without.n; i++)
        ev_claim_release(&without.v[i]);
    free(with.v);
    free(without.v);
    ev_doc_release(&d);
    ev_index_free(idx);
}
END_TEST

static int count_docs(void *ctx, const ev_doc_row *row)
{
    (void)row;
    (*(int *)ctx)++;
    return 0;
}

/* A second connection to the same file for another thread; none for an
 * in-memory index; one put back is kept for the next. */
START_TEST(test_open_again)
{
    char dir[] = "/tmp/evidex-again-XXXXXX", path[64], cmd[96];
    ev_index *idx = open_mem(), *again = NULL;
    ev_doc d;
    ev_err err = {0, ""};
    int replaced, n = 0;
    ck_assert_int_eq(ev_index_open_again(&again, idx, &err), EV_ENOTFOUND);
    ck_assert_ptr_null(again);
    ev_index_free(idx);
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/t.db", dir);
    ck_assert_int_eq(ev_index_open(&idx, path, 0, &err), 0);
    make_doc(&d, "/tmp/a.txt", TEXT);
    ck_assert_int_eq(ev_index_put_doc(idx, &d, 1, &replaced, &err), 0);
    ck_assert_int_eq(ev_index_open_again(&again, idx, &err), 0);
    ck_assert_int_eq(ev_index_docs(again, count_docs, &n, &err), 0);
    ck_assert_int_eq(n, 1);
    ev_index_free(again);
    /* one put back is handed out again, and sees later writes */
    {
        ev_index *kept = NULL, *back = NULL;
        ev_doc d2;
        ck_assert_int_eq(ev_index_open_again(&kept, idx, &err), 0);
        ev_index_put_back(idx, kept);
        ev_index_put_back(idx, NULL);
        ck_assert_int_eq(ev_index_open_again(&back, idx, &err), 0);
        ck_assert_ptr_eq(back, kept);
        make_doc(&d2, "/tmp/b.txt", TEXT);
        ck_assert_int_eq(ev_index_put_doc(idx, &d2, 1, &replaced, &err), 0);
        ev_doc_release(&d2);
        n = 0;
        ck_assert_int_eq(ev_index_docs(back, count_docs, &n, &err), 0);
        ck_assert_int_eq(n, 2);
        /* kept ones are freed with idx */
        ev_index_put_back(idx, back);
    }
    ev_index_free(idx);
    ev_doc_release(&d);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

static int on_ref(void *ctx, const ev_ref_row *r)
{
    got *g = ctx;
    g->n++;
    ck_assert_int_eq(r->ref->year, 2019);
    ck_assert_str_eq(r->ref->doi, "10.1000/xyz");
    ck_assert_int_eq(r->n_claims, 1);
    return 0;
}

static int on_cite(void *ctx, const ev_cite_row *r)
{
    got *g = ctx;
    g->n++;
    ck_assert_uint_eq(r->cite->refs.n, 1);
    ck_assert_ptr_nonnull(strstr(r->refs[0]->text, "Smith"));
    return 0;
}

START_TEST(test_refs_and_cites)
{
    ev_index *idx = open_mem();
    ev_doc d;
    ev_err err = {0, ""};
    got g;
    int replaced;
    make_doc(&d, "/tmp/a.txt", TEXT);
    ck_assert_int_eq(ev_index_put_doc(idx, &d, 1, &replaced, &err), 0);
    memset(&g, 0, sizeof(g));
    ck_assert_int_eq(ev_index_refs(idx, 0, on_ref, &g, &err), 0);
    ck_assert_int_eq(g.n, 1);
    memset(&g, 0, sizeof(g));
    ck_assert_int_eq(ev_index_cites(idx, 0, on_cite, &g, &err), 0);
    ck_assert_int_eq(g.n, 1);
    ev_doc_release(&d);
    ev_index_free(idx);
}
END_TEST

START_TEST(test_find_doc)
{
    ev_index *idx = open_mem();
    ev_doc a, b;
    ev_err err = {0, ""};
    int64_t id = 0, id2 = 0;
    int replaced;
    make_doc(&a, "/x/001_abc.txt", TEXT);
    make_doc(&b, "/x/002_def.txt", TEXT);
    /* 002 gets id 1: the name prefix "001" must still mean 001_abc */
    ck_assert_int_eq(ev_index_put_doc(idx, &b, 1, &replaced, &err), 0);
    ck_assert_int_eq(ev_index_put_doc(idx, &a, 1, &replaced, &err), 0);
    ck_assert_int_eq(ev_index_find_doc(idx, "1", &id, &err), 0);
    ck_assert_int_eq(id, 1);
    ck_assert_int_eq(ev_index_find_doc(idx, "001_abc.txt", &id, &err), 0);
    ck_assert_int_eq(id, 2);
    ck_assert_int_eq(ev_index_find_doc(idx, "001", &id2, &err), 0);
    ck_assert_int_eq(id, id2);
    ck_assert_int_eq(ev_index_find_doc(idx, "00", &id, &err), EV_EINVALID);
    ck_assert_ptr_nonnull(strstr(err.msg, "ambiguous"));
    ck_assert_int_eq(ev_index_find_doc(idx, "nope", &id, &err), EV_ENOTFOUND);
    ck_assert_int_eq(ev_index_remove_doc(idx, "/x/001_abc.txt", &err), 0);
    ck_assert_int_eq(ev_index_find_doc(idx, "001_abc.txt", &id, &err),
                     EV_ENOTFOUND);
    ev_doc_release(&a);
    ev_doc_release(&b);
    ev_index_free(idx);
}
END_TEST

/* An ingest connection's checkpoints run on their own thread: the WAL
 * stays small while batches commit, readers see every commit, and the
 * file is whole after. */
START_TEST(test_checkpoint_thread)
{
    char dir[] = "/tmp/evidex-ckpt-XXXXXX", path[64], wal[80];
    ev_index *idx = NULL, *rd = NULL;
    ev_err err = {0, ""};
    struct stat st;
    sqlite3 *db = NULL;
    sqlite3_stmt *q = NULL;
    int64_t count;
    int i, replaced;
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/x.db", dir);
    snprintf(wal, sizeof(wal), "%s-wal", path);
    ck_assert_int_eq(ev_index_open(&idx, path, EV_INDEX_INGEST, &err), 0);
    ev_index__ckpt_install(idx, 8); /* from 8 WAL pages */
    ck_assert_int_eq(ev_index_open(&rd, path, EV_INDEX_READONLY, &err), 0);
    for (i = 0; i < 40; i++) {
        char name[32];
        ev_doc d;
        snprintf(name, sizeof(name), "/tmp/c%d.txt", i);
        make_doc(&d, name, TEXT);
        ck_assert_int_eq(ev_index_begin(idx, &err), 0);
        ck_assert_int_eq(ev_index_put_doc(idx, &d, 1, &replaced, &err), 0);
        ck_assert_int_eq(ev_index_commit(idx, &err), 0);
        ev_doc_release(&d);
        ck_assert_int_eq(ev_index_count(rd, "docs", &count, &err), 0);
        ck_assert_int_eq(count, i + 1);
    }
    ck_assert_ptr_nonnull(idx->ckpt);
    ck_assert_uint_gt(ev_index__ckpt_stop(idx), 0);
    ck_assert_ptr_null(idx->ckpt);
    /* without checkpoints, these 40 commits leave a WAL of 3.3 MB */
    ck_assert_int_eq(stat(wal, &st), 0);
    ck_assert_int_lt(st.st_size, 160 * 4096);
    ev_index_free(rd);
    ev_index_free(idx);
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &q,
                                        NULL),
                     SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
    ck_assert_str_eq((const char *)sqlite3_column_text(q, 0), "ok");
    sqlite3_finalize(q);
    ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT count(*) FROM docs", -1,
                                        &q, NULL),
                     SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
    ck_assert_int_eq(sqlite3_column_int(q, 0), 40);
    sqlite3_finalize(q);
    sqlite3_close(db);
    unlink(path);
    rmdir(dir);
}
END_TEST

START_TEST(test_batch_savepoint)
{
    ev_index *idx = open_mem();
    ev_doc d;
    ev_err err = {0, ""};
    int replaced;
    int64_t count;
    make_doc(&d, "/tmp/a.txt", TEXT);
    ck_assert_int_eq(ev_index_begin(idx, &err), 0);
    ck_assert_int_eq(ev_index_put_doc(idx, &d, 1, &replaced, &err), 0);
    ev_index_rollback(idx);
    ck_assert_int_eq(ev_index_count(idx, "docs", &count, &err), 0);
    ck_assert_int_eq(count, 0);
    ck_assert_int_eq(ev_index_begin(idx, &err), 0);
    ck_assert_int_eq(ev_index_put_doc(idx, &d, 1, &replaced, &err), 0);
    ck_assert_int_eq(ev_index_commit(idx, &err), 0);
    ck_assert_int_eq(ev_index_count(idx, "docs", &count, &err), 0);
    ck_assert_int_eq(count, 1);
    ev_doc_release(&d);
    ev_index_free(idx);
}
END_TEST

START_TEST(test_foreign_files)
{
    char path[] = "/tmp/evidex-idx-XXXXXX";
    int fd = mkstemp(path);
    ev_index *idx = NULL;
    ev_err err = {0, ""};
    ck_assert_int_ge(fd, 0);
    {
        static const char junk[] = "this is not a database at all, just text "
                                   "long enough to fill the header of an "
                                   "sqlite file, which is 100 bytes long.";
        ck_assert_int_eq(write(fd, junk, sizeof(junk) - 1),
                         (ssize_t)(sizeof(junk) - 1));
    }
    close(fd);
    ck_assert_int_ne(ev_index_open(&idx, path, 0, &err), 0);
    ck_assert_ptr_null(idx);
    ck_assert_ptr_nonnull(strstr(err.msg, "not"));
    unlink(path);

}
END_TEST

Suite *index_suite(void)
{
    Suite *s = suite_create("index");
    TCase *tc = tcase_create("index");
    tcase_add_test(tc, test_put_and_search);
    tcase_add_test(tc, test_search_syntax_error);
    tcase_add_test(tc, test_claim_filters);
    tcase_add_test(tc, test_claims_light_exact_window);
    tcase_add_test(tc, test_old_schema_refused);
    tcase_add_test(tc, test_row_ranges);
    tcase_add_test(tc, test_body_packed);
    tcase_add_test(tc, test_tokens_replayed);
    tcase_add_test(tc, test_sentence_tokens_shared);
    tcase_add_test(tc, test_claims_equal);
    tcase_add_test(tc, test_claims_brief);
    tcase_add_test(tc, test_claims_by_id);
    tcase_add_test(tc, test_claims_cites_later);
    tcase_add_test(tc, test_open_again);
    tcase_add_test(tc, test_refs_and_cites);
    tcase_add_test(tc, test_find_doc);
    tcase_add_test(tc, test_batch_savepoint);
    tcase_add_test(tc, test_checkpoint_thread);
    tcase_add_test(tc, test_foreign_files);
    suite_add_tcase(s, tc);
    return s;
}
