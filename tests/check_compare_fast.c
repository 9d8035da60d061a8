/*
 * Tests for the fast paths of the claim comparison (extract/compare.c):
 * the decimals of a typed figure found without printing it, and conflict
 * groups built with per-claim marks (many claims about one quantity, each
 * a member once).
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare_int.h"
#include "extract.h"

/* Decimals "%.10g" prints for v, or -1 when it prints an exponent. */
static int printed_decimals(double v)
{
    char buf[64];
    const char *dot;
    snprintf(buf, sizeof(buf), "%.10g", v);
    if (strchr(buf, 'e'))
        return -1;
    dot = strchr(buf, '.');
    return dot ? (int)strlen(dot + 1) : 0;
}

/* The fast answer, when it gives one, is what printing gives. */
static void agrees(double v)
{
    int d = ev_compare__typed_decimals(v);
    if (d >= 0)
        ck_assert_msg(d == printed_decimals(v), "%.17g: %d, printed %d", v,
                      d, printed_decimals(v));
}

START_TEST(test_typed_decimals)
{
    static const double fixed[] = {
        0, 74.5, 0.05, 12, 3.14, 1e-4, 0.1, 0.2, 0.1 + 0.2, 999999999.5,
        123456.7891, 0.0001234, 5e8, 1.7, 2.675, 1e9, 1e-5, 12345678.9};
    unsigned seed = 12345;
    size_t i;
    int k;
    for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
        agrees(fixed[i]);
        agrees(nextafter(fixed[i], 0));
        agrees(nextafter(fixed[i], 1e300));
    }
    /* the common figures take the fast path */
    ck_assert_int_eq(ev_compare__typed_decimals(74.5), 1);
    ck_assert_int_eq(ev_compare__typed_decimals(0.05), 2);
    ck_assert_int_eq(ev_compare__typed_decimals(12), 0);
    ck_assert_int_eq(ev_compare__typed_decimals(0.1 + 0.2), -1);
    ck_assert_int_eq(ev_compare__typed_decimals(1e9), -1);
    /* decimals of up to 10 digits, their neighbours, and raw doubles */
    for (i = 0; i < 200000; i++) {
        unsigned long long m;
        double v;
        seed = seed * 1103515245u + 12345u;
        m = ((unsigned long long)seed << 17) % 10000000000ULL;
        seed = seed * 1103515245u + 12345u;
        k = (int)(seed >> 16) % 14;
        v = (double)m / pow(10, k);
        agrees(v);
        agrees(nextafter(v, 0));
        agrees(nextafter(v, 1e300));
        agrees((double)seed / 4096.0 * ((double)(i % 7) + 0.3));
    }
}
END_TEST

typedef EV_VEC(ev_claim) claim_vec;

START_TEST(test_big_group)
{
    ev_extractor *ex = NULL;
    ev_synonyms *syn = NULL;
    ev_err err;
    claim_vec v = {NULL, 0, 0};
    ev_group_vec g = {NULL, 0, 0};
    size_t i, k, n = 150; /* words on > 200 claims are not used */
    ck_assert_int_eq(ev_extractor_new(&ex, &err), 0);
    ck_assert_int_eq(ev_synonyms_load(&syn, NULL, &err), 0);
    /* 150 documents give three values for one quantity */
    for (i = 0; i < n; i++) {
        char doc[32], sent[160], surf[32];
        ev_claim *c = ev_vec_push(&v);
        int val = 1000 + 500 * (int)(i % 3);
        ck_assert_ptr_nonnull(c);
        snprintf(doc, sizeof(doc), "doc%zu", i);
        snprintf(surf, sizeof(surf), "%d marines", val);
        snprintf(sent, sizeof(sent),
                 "Report %zu: the 2006 plan would relocate %s from Okinawa "
                 "to Guam.", i, surf);
        c->sentence = ev_strdup(sent);
        c->surface = ev_strdup(surf);
        c->doc = ev_strdup(doc);
        c->sent_start = 1000;
        c->sent_end = 1000 + strlen(sent);
        c->start = 1000 + (size_t)(strstr(sent, surf) - sent);
        c->end = c->start + strlen(surf);
        c->lo = c->hi = val;
        c->year = 2006;
        c->qualifier = EV_Q_EXACT;
        c->block = -1;
        c->note = -1;
        c->line = 1;
    }
    ck_assert_int_eq(ev_conflicts_find(ex, syn, v.v, v.n, 1, &g), 0);
    ck_assert_uint_eq(g.n, 1);
    ck_assert_uint_eq(g.v[0].members.n, n);
    for (k = 0; k < n; k++)
        ck_assert_int_eq(g.v[0].members.v[k], (int)k); /* each once, sorted */
    ck_assert(g.v[0].conflict);
    ev_group_vec_release(&g);
    for (i = 0; i < v.n; i++)
        ev_claim_release(&v.v[i]);
    free(v.v);
    ev_synonyms_free(syn);
    ev_extractor_free(ex);
}
END_TEST

Suite *compare_fast_suite(void)
{
    Suite *s = suite_create("compare_fast");
    TCase *tc = tcase_create("fast");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_typed_decimals);
    tcase_add_test(tc, test_big_group);
    suite_add_tcase(s, tc);
    return s;
}
