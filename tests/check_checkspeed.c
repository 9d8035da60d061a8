/*
 * index/: the candidate query of check (ev_claim_filter.about_any with
 * about_rows): only the sentences of a figure's rarest words are ranked,
 * about_rows in all, the rarest word always; with a budget that holds
 * every word the answer is the full any-word query's, claim for claim.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index.h"

/* Sentences of the test document, one claim each: "cost" is common,
 * "zebrafish" rare, and three sentences hold both. */
#define N_COST_ONLY 30
#define N_BOTH 3
#define N_RARE_ONLY 2
#define N_SENT (N_COST_ONLY + N_BOTH + N_RARE_ONLY)

static void sentence_of(char *out, size_t size, int i)
{
    if (i < N_COST_ONLY)
        snprintf(out, size, "The cost rose to %d units.", i + 1);
    else if (i < N_COST_ONLY + N_BOTH)
        snprintf(out, size, "The zebrafish cost %d units.", i + 1);
    else
        snprintf(out, size, "A zebrafish weighed %d units.", i + 1);
}

/* Appends sentence s, whose one figure is the number v, to text and its
 * claim to d. */
static void push_sentence(ev_doc *d, ev_buf *text, const char *s, int v)
{
    ev_claim *c = ev_vec_push(&d->claims);
    char fig[16];
    ck_assert_ptr_nonnull(c);
    snprintf(fig, sizeof(fig), "%d", v);
    ck_assert_ptr_nonnull(strstr(s, fig));
    c->sent_start = text->len;
    c->sent_end = text->len + strlen(s);
    c->start = c->sent_start + (size_t)(strstr(s, fig) - s);
    c->end = c->start + strlen(fig);
    c->line = (int)d->claims.n;
    c->surface = ev_strdup(fig);
    c->lo = c->hi = v;
    snprintf(c->unit, sizeof(c->unit), "count");
    c->sentence = ev_strdup(s);
    c->block = -1;
    c->note = -1;
    ev_buf_puts(text, s);
    ev_buf_putc(text, '\n');
}

/* Gives d the text built in text (taken). */
static void finish_doc(ev_doc *d, ev_buf *text)
{
    ck_assert(!text->oom);
    d->text_len = text->len;
    d->text = ev_buf_detach(text);
    d->source_size = d->text_len;
    d->hash = ev_hash64(d->text, d->text_len, 0);
}

static void make_doc(ev_doc *d)
{
    ev_buf text = EV_BUF_INIT;
    char s[64];
    int i;
    ev_doc_init(d);
    d->path = ev_strdup("/tmp/words.txt");
    d->name = ev_strdup("words.txt");
    d->format = EV_FMT_TEXT;
    for (i = 0; i < N_SENT; i++) {
        sentence_of(s, sizeof(s), i);
        push_sentence(d, &text, s, i + 1);
    }
    finish_doc(d, &text);
}

typedef struct got {
    double lo[N_SENT];
    int n;
} got;

static int on_claim(void *ctx, const ev_claim *c)
{
    got *g = ctx;
    ck_assert_int_lt(g->n, N_SENT);
    g->lo[g->n++] = c->lo;
    return 0;
}

static ev_index *open_doc(void)
{
    ev_index *idx = NULL;
    ev_err err = {0, ""};
    ev_doc d;
    int replaced;
    ck_assert_int_eq(ev_index_open(&idx, ":memory:", 0, &err), 0);
    make_doc(&d);
    ck_assert_int_eq(ev_index_put_doc(idx, &d, 1, &replaced, &err), 0);
    ev_doc_release(&d);
    return idx;
}

static got any_claims(ev_index *idx, const char *about, int rows)
{
    ev_claim_filter f;
    ev_err err = {0, ""};
    got g;
    memset(&f, 0, sizeof(f));
    memset(&g, 0, sizeof(g));
    f.about = about;
    f.about_any = 1;
    f.about_rows = rows;
    ck_assert_int_eq(ev_index_claims(idx, &f, on_claim, &g, &err), 0);
    return g;
}

/* Is a claim's value that of a sentence holding "zebrafish"? */
static int is_rare(double lo)
{
    return lo > N_COST_ONLY;
}

START_TEST(test_budget_drops_common_words)
{
    ev_index *idx = open_doc();
    got all = any_claims(idx, "zebrafish cost", 0);
    got cut = any_claims(idx, "zebrafish cost", 10);
    int i;
    /* without a budget, every sentence of either word, both words first */
    ck_assert_int_eq(all.n, N_SENT);
    for (i = 0; i < N_BOTH; i++)
        ck_assert_msg(is_rare(all.lo[i]) && all.lo[i] <= N_COST_ONLY + N_BOTH,
                      "rank %d is %g", i, all.lo[i]);
    /* 5 sentences of "zebrafish" fit in 10; the 33 of "cost" do not */
    ck_assert_int_eq(cut.n, N_BOTH + N_RARE_ONLY);
    for (i = 0; i < cut.n; i++)
        ck_assert_msg(is_rare(cut.lo[i]), "claim %g has no zebrafish",
                      cut.lo[i]);
    ev_index_free(idx);
}
END_TEST

START_TEST(test_budget_holding_all_words_changes_nothing)
{
    ev_index *idx = open_doc();
    got all = any_claims(idx, "zebrafish cost", 0);
    /* 5 + 33 sentences: exactly the budget, and far above it */
    got fit = any_claims(idx, "zebrafish cost", N_SENT + N_BOTH);
    got big = any_claims(idx, "zebrafish cost", 100000);
    int i;
    ck_assert_int_eq(fit.n, all.n);
    ck_assert_int_eq(big.n, all.n);
    for (i = 0; i < all.n; i++) {
        ck_assert(fit.lo[i] == all.lo[i]);
        ck_assert(big.lo[i] == all.lo[i]);
    }
    ev_index_free(idx);
}
END_TEST

START_TEST(test_budget_keeps_rarest_word)
{
    ev_index *idx = open_doc();
    /* both words over a budget of 1: the rarest is kept all the same */
    got g = any_claims(idx, "cost zebrafish", 1);
    int i;
    ck_assert_int_eq(g.n, N_BOTH + N_RARE_ONLY);
    for (i = 0; i < g.n; i++)
        ck_assert(is_rare(g.lo[i]));
    /* a lone word is never cut */
    g = any_claims(idx, "cost", 1);
    ck_assert_int_eq(g.n, N_COST_ONLY + N_BOTH);
    /* a word no sentence holds costs nothing and is kept */
    g = any_claims(idx, "okapi zebrafish cost", 10);
    ck_assert_int_eq(g.n, N_BOTH + N_RARE_ONLY);
    g = any_claims(idx, "okapi", 10);
    ck_assert_int_eq(g.n, 0);
    /* stop words and numbers are left out before counting */
    g = any_claims(idx, "the 12 zebrafish cost", 10);
    ck_assert_int_eq(g.n, N_BOTH + N_RARE_ONLY);
    ev_index_free(idx);
}
END_TEST

START_TEST(test_budget_with_unit_and_limit)
{
    ev_index *idx = open_doc();
    ev_claim_filter f;
    ev_err err = {0, ""};
    got g;
    memset(&f, 0, sizeof(f));
    memset(&g, 0, sizeof(g));
    f.about = "zebrafish cost";
    f.about_any = 1;
    f.about_rows = 10;
    f.unit = "count";
    f.limit = 2;
    ck_assert_int_eq(ev_index_claims(idx, &f, on_claim, &g, &err), 0);
    ck_assert_int_eq(g.n, 2);
    ck_assert(is_rare(g.lo[0]) && is_rare(g.lo[1]));
    /* the light read takes the same words */
    memset(&g, 0, sizeof(g));
    f.limit = 0;
    ck_assert_int_eq(ev_index_claims_light(idx, &f, on_claim, &g, &err), 0);
    ck_assert_int_eq(g.n, N_BOTH + N_RARE_ONLY);
    ev_index_free(idx);
}
END_TEST

/* The rank (ev_rank, bm25 without lengths): sentences holding both words
 * first, then those of the rare word alone, then the common word's; equal
 * scores in sentence order. */
START_TEST(test_rank_rare_words_first)
{
    ev_index *idx = open_doc();
    got g = any_claims(idx, "cost zebrafish", 0);
    int i;
    ck_assert_int_eq(g.n, N_SENT);
    for (i = 0; i < N_SENT; i++) {
        double want = i < N_BOTH ? N_COST_ONLY + 1 + i
                      : i < N_BOTH + N_RARE_ONLY
                          ? N_COST_ONLY + N_BOTH + 1 + (i - N_BOTH)
                          : 1 + (i - N_BOTH - N_RARE_ONLY);
        ck_assert_msg(g.lo[i] == want, "rank %d is %g, want %g", i, g.lo[i],
                      want);
    }
    ev_index_free(idx);
}
END_TEST

/* A second document of n sentences holding "cost" alone. */
static void put_cost_doc(ev_index *idx, int n)
{
    ev_buf text = EV_BUF_INIT;
    ev_err err = {0, ""};
    ev_doc d;
    char s[64];
    int i, replaced;
    ev_doc_init(&d);
    d.path = ev_strdup("/tmp/more.txt");
    d.name = ev_strdup("more.txt");
    d.format = EV_FMT_TEXT;
    for (i = 0; i < n; i++) {
        snprintf(s, sizeof(s), "The cost fell to %d units.", 500 + i);
        push_sentence(&d, &text, s, 500 + i);
    }
    finish_doc(&d, &text);
    ck_assert_int_eq(ev_index_put_doc(idx, &d, 1, &replaced, &err), 0);
    ev_doc_release(&d);
}

/* The word counts a connection keeps between queries are dropped when
 * the index changes: 5 + 33 sentences fit a budget of 40, and after 10
 * more of "cost" only "zebrafish" does. */
START_TEST(test_word_counts_follow_writes)
{
    ev_index *idx = open_doc();
    got g = any_claims(idx, "zebrafish cost", 40);
    int i;
    ck_assert_int_eq(g.n, N_SENT);
    put_cost_doc(idx, 10);
    g = any_claims(idx, "zebrafish cost", 40);
    ck_assert_int_eq(g.n, N_BOTH + N_RARE_ONLY);
    for (i = 0; i < g.n; i++)
        ck_assert(is_rare(g.lo[i]));
    ev_index_free(idx);
}
END_TEST

/* A word the tokenizer drops whole ("‰" is punctuation to it) holds
 * no sentences: it is counted as none, and the others as without it. */
START_TEST(test_word_without_tokens)
{
    /* a fresh connection each: its word counts are not kept from the
     * query before, so the three words are counted together */
    ev_index *idx = open_doc(), *fresh = open_doc();
    got want = any_claims(idx, "zebrafish cost", 10);
    got g = any_claims(fresh, "zebrafish \xe2\x80\xb0 cost", 10);
    int i;
    ck_assert_int_eq(want.n, N_BOTH + N_RARE_ONLY);
    ck_assert_int_eq(g.n, want.n);
    for (i = 0; i < g.n; i++)
        ck_assert(g.lo[i] == want.lo[i]);
    ev_index_free(fresh);
    /* with a budget that holds every word, the full query's answer */
    fresh = open_doc();
    want = any_claims(idx, "zebrafish cost", 0);
    g = any_claims(fresh, "zebrafish \xe2\x80\xb0 cost", 1000);
    ck_assert_int_eq(g.n, N_SENT);
    for (i = 0; i < g.n; i++)
        ck_assert(g.lo[i] == want.lo[i]);
    ev_index_free(fresh);
    ev_index_free(idx);
}
END_TEST

typedef struct many {
    int n, n_first_doc;
    double last;
    int in_order;
} many;

static int on_many(void *ctx, const ev_claim *c)
{
    many *m = ctx;
    /* equal ranks: document order, then text order */
    if (m->n && c->lo < m->last)
        m->in_order = 0;
    m->n_first_doc += c->lo <= N_SENT;
    m->last = c->lo;
    m->n++;
    return 0;
}

/* Of more sentences than are ranked (500), the best are kept, and of
 * equal ranks the first by rowid: "cost" is in 33 sentences of the
 * first document and 600 of the second, all with the same rank. */
START_TEST(test_best_sentences_of_many)
{
    ev_index *idx = open_doc();
    ev_claim_filter f;
    ev_err err = {0, ""};
    many m = {0, 0, 0, 1};
    put_cost_doc(idx, 600);
    memset(&f, 0, sizeof(f));
    f.about = "cost";
    f.about_any = 1;
    ck_assert_int_eq(ev_index_claims(idx, &f, on_many, &m, &err), 0);
    ck_assert_int_eq(m.n, 500);
    ck_assert_int_eq(m.n_first_doc, N_COST_ONLY + N_BOTH);
    ck_assert(m.in_order);
    ck_assert(m.last == 500 + (500 - (N_COST_ONLY + N_BOTH)) - 1);
    /* "zebrafish" ranks its 5 sentences first, then 495 of "cost" */
    memset(&m, 0, sizeof(m));
    f.about = "zebrafish cost";
    f.limit = 7;
    ck_assert_int_eq(ev_index_claims(idx, &f, on_many, &m, &err), 0);
    ck_assert_int_eq(m.n, 7);
    ck_assert_int_eq(m.n_first_doc, 7);
    ev_index_free(idx);
}
END_TEST

/* Compacting the sentence index (one segment instead of one per batch)
 * changes no answer; it is refused inside a batch. */
START_TEST(test_compact_keeps_answers)
{
    ev_index *idx = open_doc();
    ev_err err = {0, ""};
    ev_claim_filter f;
    many before = {0, 0, 0, 1}, after = {0, 0, 0, 1};
    got g1, g2;
    int i;
    put_cost_doc(idx, 40);
    put_cost_doc(idx, 40);
    g1 = any_claims(idx, "zebrafish cost", 10);
    memset(&f, 0, sizeof(f));
    f.about = "cost zebrafish";
    f.about_any = 1;
    ck_assert_int_eq(ev_index_claims(idx, &f, on_many, &before, &err), 0);
    ck_assert_int_eq(ev_index_compact(idx, &err), 0);
    ck_assert_int_eq(ev_index_compact(idx, &err), 0);
    g2 = any_claims(idx, "zebrafish cost", 10);
    ck_assert_int_eq(ev_index_claims(idx, &f, on_many, &after, &err), 0);
    ck_assert_int_eq(g1.n, g2.n);
    for (i = 0; i < g1.n; i++)
        ck_assert(g1.lo[i] == g2.lo[i]);
    ck_assert_int_eq(before.n, after.n);
    ck_assert_int_eq(before.n_first_doc, after.n_first_doc);
    ck_assert(before.last == after.last);
    ck_assert_int_eq(ev_index_begin(idx, &err), 0);
    ck_assert_int_ne(ev_index_compact(idx, &err), 0);
    ck_assert_int_eq(ev_index_rollback(idx), 0);
    ev_index_free(idx);
}
END_TEST

Suite *checkspeed_suite(void)
{
    Suite *s = suite_create("checkspeed");
    TCase *tc = tcase_create("about_rows");
    tcase_add_test(tc, test_budget_drops_common_words);
    tcase_add_test(tc, test_budget_holding_all_words_changes_nothing);
    tcase_add_test(tc, test_budget_keeps_rarest_word);
    tcase_add_test(tc, test_budget_with_unit_and_limit);
    tcase_add_test(tc, test_rank_rare_words_first);
    tcase_add_test(tc, test_word_counts_follow_writes);
    tcase_add_test(tc, test_word_without_tokens);
    tcase_add_test(tc, test_best_sentences_of_many);
    tcase_add_test(tc, test_compact_keeps_answers);
    suite_add_tcase(s, tc);
    return s;
}
