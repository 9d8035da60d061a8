/*
 * Tests for the reading of single words in the claim comparison
 * (extract/compare_lex.c): the kind, classes, countries, year and term of
 * a word, two-word country names, and the lexicon, whose remembered
 * readings must be the readings themselves whatever it holds. Then the
 * features built on them: the query words of sentences (values from the
 * code before the lexicon) and a feature cache that tells claims apart
 * by their sentence.
 */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare_int.h"
#include "extract.h"

static ev_lex read_word(const char *w)
{
    ev_lex x;
    ev_compare__lex_read(&x, w, strlen(w));
    return x;
}

START_TEST(test_lex_kind_year_term)
{
    ev_lex x = read_word("Troops");
    ck_assert_int_eq(x.kind, EV_TK_WORD);
    ck_assert_str_eq(x.low, "troops");
    ck_assert_str_eq(x.stem, "troop");
    ck_assert_uint_eq(x.stem_len, 5);
    ck_assert_uint_eq(x.len, 6);
    ck_assert(x.term == ev_compare__term("troop", 5));
    ck_assert_uint_eq(x.cls, 0);

    x = read_word("the");
    ck_assert_int_eq(x.kind, EV_TK_WORD);
    ck_assert(x.cls & EV_WC_STOP);
    ck_assert(x.term == 0);

    x = read_word("x"); /* one letter: no term */
    ck_assert(x.term == 0);

    x = read_word("Thirty");
    ck_assert_int_eq(x.kind, EV_TK_NUMWORD);
    ck_assert_str_eq(x.stem, "thirty"); /* numbers in words: not stemmed */
    ck_assert(x.term == 0);

    x = read_word("54,000");
    ck_assert_int_eq(x.kind, EV_TK_NUM);
    ck_assert_int_eq(x.year, 0);
    ck_assert_uint_eq(x.cls, 0);

    x = read_word("2019");
    ck_assert_int_eq(x.kind, EV_TK_NUM);
    ck_assert_int_eq(x.year, 2019);
    ck_assert_int_eq(read_word("FY2019").year, 2019);
    ck_assert_int_eq(read_word("FY2019").kind, EV_TK_WORD);
    ck_assert_int_eq(read_word("1850").year, 0);
    ck_assert_int_eq(read_word("2100").year, 0);
    ck_assert_int_eq(read_word("20,19").year, 0);

    x = read_word("2nd"); /* digits first, then letters: a word */
    ck_assert_int_eq(x.kind, EV_TK_WORD);
    ck_assert_str_eq(x.stem, "2nd");
    ck_assert(x.term == ev_compare__term("2nd", 3));
}
END_TEST

START_TEST(test_lex_classes)
{
    static const struct {
        const char *w;
        unsigned cls; /* exactly these */
    } t[] = {
        {"urged", EV_WC_DEMAND},
        {"targets", EV_WC_TARGET},
        {"rose", EV_WC_CHANGE},
        {"increased", EV_WC_CHANGE},
        {"estimated", EV_WC_STOP | EV_WC_ATTRIB | EV_WC_STATEMENT},
        {"share", EV_WC_MEASURE},
        {"announced", EV_WC_STATEMENT},
        {"versus", EV_WC_SEPARATOR | EV_WC_PHRASE_END | EV_WC_COMPARE},
        {"though", EV_WC_STOP | EV_WC_SEPARATOR | EV_WC_PHRASE_END |
                       EV_WC_CONTRAST},
        {"study", EV_WC_PUBLICATION},
        {"report", EV_WC_PUBLICATION | EV_WC_ATTRIB | EV_WC_STATEMENT},
        {"United", EV_WC_PAIR},
        {"korea", EV_WC_PAIR},
        {"KOREAN", EV_WC_PAIR},
        {"Okinawa", 0},
        {"marines", 0},
    };
    size_t i;
    for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        ev_lex x = read_word(t[i].w);
        ck_assert_msg(x.cls == t[i].cls, "%s: classes %#x, want %#x", t[i].w,
                      x.cls, t[i].cls);
    }
}
END_TEST

START_TEST(test_lex_countries)
{
    ev_lex x = read_word("Japan");
    ck_assert_int_eq(x.name, 2);
    ck_assert_int_eq(x.name_any, 2);
    x = read_word("japanese");
    ck_assert_int_eq(x.name, 0); /* as written: names are capitalised */
    ck_assert_int_eq(x.name_any, 2);
    x = read_word("US");
    ck_assert_int_eq(x.name, 1);
    ck_assert_int_eq(read_word("Us").name, 0);
    ck_assert_int_eq(read_word("Us").name_any, 1);
    ck_assert_int_eq(read_word("Tokyo").name, 2);
    ck_assert_int_eq(read_word("Kyiv").name, 25);
    ck_assert_int_eq(read_word("Kiev").name, 25);
    ck_assert_int_eq(read_word("Japa").name_any, 0);
    ck_assert_int_eq(read_word("Japans").name_any, 0);
    ck_assert_int_eq(read_word("Guam").name_any, 0);

    ck_assert_int_eq(ev_compare__entity_pair(NULL, "South", "Korea", 0), 11);
    ck_assert_int_eq(ev_compare__entity_pair("North", "Korea", NULL, 0), 10);
    ck_assert_int_eq(ev_compare__entity_pair("United", "States", "and", 0),
                     1);
    ck_assert_int_eq(ev_compare__entity_pair(NULL, "United", "Kingdom", 0),
                     4);
    ck_assert_int_eq(ev_compare__entity_pair(NULL, "south", "korea", 0), 0);
    ck_assert_int_eq(ev_compare__entity_pair(NULL, "south", "korea", 1), 11);
    ck_assert_int_eq(ev_compare__entity_pair("saudi", "arabia", NULL, 1),
                     65);
    ck_assert_int_eq(ev_compare__entity_pair("South", "Korea", NULL, 0), 11);
    ck_assert_int_eq(ev_compare__entity_pair(NULL, "South", "China", 0), 0);
    ck_assert_int_eq(ev_compare__entity_pair(NULL, "South", NULL, 1), 0);
}
END_TEST

static void same_lex(const ev_lex *a, const ev_lex *b, const char *w)
{
    ck_assert_msg(a->kind == b->kind && a->cls == b->cls &&
                      a->name == b->name && a->name_any == b->name_any &&
                      a->year == b->year && a->term == b->term &&
                      a->len == b->len && a->stem_len == b->stem_len &&
                      !strcmp(a->low, b->low) && !strcmp(a->stem, b->stem),
                  "'%s': remembered reading differs", w);
}

/* Looks w up in lx and compares with reading it afresh. */
static void check_word(ev_lexicon *lx, const char *w)
{
    ev_lex tmp, fresh;
    const ev_lex *got = ev_compare__lexicon_get(lx, w, strlen(w), &tmp);
    ck_assert_ptr_nonnull(got);
    ev_compare__lex_read(&fresh, w, strlen(w));
    same_lex(got, &fresh, w);
}

/* A distinct word for i: letters only, some capitalised, some a real
 * word's prefix so they stem and classify like words. */
static void synth_word(char *buf, size_t size, size_t i)
{
    static const char *const stems[] = {"report", "Japan", "increas",
                                         "the", "share", "United", "troop"};
    char tail[16];
    size_t k = 0, v = i;
    do {
        tail[k++] = (char)('a' + v % 26);
        v /= 26;
    } while (v && k + 1 < sizeof(tail));
    tail[k] = '\0';
    snprintf(buf, size, "%s%s%s", stems[i % 7], tail,
             i % 3 ? "ed" : "s");
}

START_TEST(test_lexicon_same_as_read)
{
    static const char *const words[] = {
        "The", "the", "THE", "Japan", "japan", "JAPAN", "United", "States",
        "united", "troops", "Troops", "2019", "FY2019", "fy2019", "54",
        "thirty", "Thirty", "estimated", "Estimates", "report", "2nd",
        "a", "I", "us", "US", "Us", "relocation", "relocated"};
    ev_lexicon lx = EV_LEXICON_INIT;
    size_t round, i;
    char buf[EV_WORD_MAX];
    /* the second and third rounds come from the lexicon */
    for (round = 0; round < 3; round++)
        for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
            check_word(&lx, words[i]);
    /* a word of the longest length, and one that differs in its last
     * byte only */
    memset(buf, 'q', EV_WORD_MAX - 1);
    buf[EV_WORD_MAX - 1] = '\0';
    check_word(&lx, buf);
    buf[EV_WORD_MAX - 2] = 'r';
    check_word(&lx, buf);
    check_word(&lx, buf);
    /* enough words to grow the table many times and then fill it: past
     * its limit words are read each time, still the same */
    for (round = 0; round < 2; round++)
        for (i = 0; i < 40000; i++) {
            synth_word(buf, sizeof(buf), i);
            check_word(&lx, buf);
        }
    ck_assert_uint_gt(lx.n, 1000);
    ck_assert_uint_lt(lx.n, 40000);
    ck_assert_uint_ge(lx.cap, 2 * lx.n);
    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        check_word(&lx, words[i]);
    /* no lexicon: read each time */
    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        check_word(NULL, words[i]);
    ev_compare__lexicon_release(&lx);
    ck_assert_ptr_null(lx.v);
    ck_assert_uint_eq(lx.n, 0);
    ev_compare__lexicon_release(&lx); /* released twice is fine */
}
END_TEST

/* Every word of the seed documents (runs of letters and digits, cut to
 * the longest word kept) read through one lexicon twice, and afresh. */
START_TEST(test_lexicon_seed_words)
{
    static const char *const seeds[] = {
        "000_7b40eee1b7c376cd.txt", "001_234ade4c56047fd2.txt",
        "002_5f8320005d233d63.txt", "003_b31458c1ba93cc4c.txt",
        "004_35db4e2c9c51291d.txt"};
    ev_lexicon lx = EV_LEXICON_INIT;
    size_t i, n_words = 0;
    int round;
    for (round = 0; round < 2; round++)
        for (i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
            char path[512], w[EV_WORD_MAX];
            size_t wl = 0;
            FILE *f;
            int ch;
            snprintf(path, sizeof(path), "%s/corpus/seeds/%s", EV_SHARED_DIR,
                     seeds[i]);
            f = fopen(path, "rb");
            ck_assert_msg(f != NULL, "cannot open %s", path);
            do {
                ch = getc(f);
                if (ch != EOF && ch < 0x80 && isalnum(ch)) {
                    if (wl + 1 < sizeof(w))
                        w[wl++] = (char)ch;
                    continue;
                }
                if (wl) {
                    w[wl] = '\0';
                    check_word(&lx, w);
                    n_words++;
                    wl = 0;
                }
            } while (ch != EOF);
            fclose(f);
        }
    ck_assert_uint_gt(n_words, 10000);
    ck_assert_uint_gt(lx.n, 1000);
    ev_compare__lexicon_release(&lx);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Features built from the words                                        */

static ev_synonyms *syn;

static void setup(void)
{
    ev_err err;
    ck_assert_int_eq(ev_synonyms_load(&syn, NULL, &err), 0);
}

static void teardown(void)
{
    ev_synonyms_free(syn);
    syn = NULL;
}

/* A claim whose figure is the first occurrence of surface in sentence
 * (the caller frees the strings with ev_claim_release). */
static void make_claim(ev_claim *c, const char *doc, const char *sentence,
                       const char *surface, double v, const char *unit,
                       const char *subject)
{
    const char *hit = strstr(sentence, surface);
    ck_assert_ptr_nonnull(hit);
    memset(c, 0, sizeof(*c));
    c->doc = ev_strdup(doc);
    c->sentence = ev_strdup(sentence);
    c->surface = ev_strdup(surface);
    c->subject = subject ? ev_strdup(subject) : NULL;
    c->sent_start = 100;
    c->sent_end = 100 + strlen(sentence);
    c->start = 100 + (size_t)(hit - sentence);
    c->end = c->start + strlen(surface);
    c->lo = c->hi = v;
    snprintf(c->unit, sizeof(c->unit), "%s", unit);
    c->qualifier = EV_Q_EXACT;
    c->block = -1;
    c->note = -1;
    c->line = 1;
}

/* Query words of sentences, as the code before the lexicon gave them. */
START_TEST(test_query_words)
{
    static const struct {
        const char *sentence, *surface, *unit, *subject, *want;
    } t[] = {
        {"About 54,000 U.S. troops are stationed in Japan.", "54,000",
         "count", NULL, "troops stationed japan"},
        {"Japan pays 74.5 percent of the cost of stationing US forces, "
         "the Defense Ministry said in 2019.",
         "74.5 percent", "percent", NULL,
         "pays japan cost stationing forces defense ministry"},
        {"The United States and Japan agreed in 2006 to relocate Futenma "
         "and transfer eight thousand Marines to Guam.",
         "eight thousand", "count", "Marines to Guam",
         "transfer futenma marines guam agreed japan"},
        {"South Korea covered roughly 40 percent, while the UK 27.1, "
         "though critics estimated it at 30 percent.",
         "40 percent", "percent", NULL, "covered korea"},
        {"Host-nation support rose from 1.7 billion in FY2016 to 2.1 "
         "billion.",
         "2.1", "USD", "host nation support", "fy2016 rose host"},
    };
    size_t i;
    for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        ev_claim c;
        ev_buf b = EV_BUF_INIT;
        make_claim(&c, "d", t[i].sentence, t[i].surface, 1, t[i].unit,
                   t[i].subject);
        ck_assert_int_eq(ev_compare_query_words(syn, &c, 8, &b), 0);
        ck_assert_msg(!strcmp(b.ptr ? b.ptr : "", t[i].want),
                      "%zu: '%s', want '%s'", i, b.ptr ? b.ptr : "",
                      t[i].want);
        ev_buf_release(&b);
        ev_claim_release(&c);
    }
}
END_TEST

/* Two claims alike but for their sentence are two entries of a cache:
 * each figure is judged on its own claim's words. */
START_TEST(test_cache_tells_sentences_apart)
{
    ev_claim src[2], draft;
    ev_feat_cache *cache = NULL;
    ev_check_result r;
    make_claim(&src[0], "a", "About 54,000 U.S. troops are stationed in "
                             "Japan.",
               "54,000", 54000, "count", NULL);
    make_claim(&src[1], "a", "About 54,000 migrant workers arrived in "
                             "Italy.",
               "54,000", 54000, "count", NULL);
    /* the same document, offsets and surface: only the sentence
     * differs */
    src[1].sent_start = src[0].sent_start;
    src[1].sent_end = src[0].sent_end;
    src[1].start = src[0].start;
    src[1].end = src[0].end;
    make_claim(&draft, "draft", "Some 60,000 U.S. troops are stationed in "
                                "Japan.",
               "60,000", 60000, "count", NULL);
    ck_assert_int_eq(ev_feat_cache_new(&cache, syn), 0);
    ck_assert_int_eq(ev_feat_cache_add(cache, src, 2), 0);
    ck_assert_int_eq(ev_check_figure_cached(cache, &draft, &src[0], 1, &r),
                     0);
    ck_assert_str_eq(ev_verdict_name(r.verdict), "contradicted");
    ev_check_result_release(&r);
    ck_assert_int_eq(ev_check_figure_cached(cache, &draft, &src[1], 1, &r),
                     0);
    ck_assert_str_eq(ev_verdict_name(r.verdict), "unsupported");
    ev_check_result_release(&r);
    /* and again, now that both are cached */
    ck_assert_int_eq(ev_check_figure_cached(cache, &draft, src, 2, &r), 0);
    ck_assert_str_eq(ev_verdict_name(r.verdict), "contradicted");
    ck_assert_int_eq((int)r.disagree.n, 1);
    ck_assert_int_eq(r.disagree.v[0], 0);
    ev_check_result_release(&r);
    ev_feat_cache_free(cache);
    ev_claim_release(&src[0]);
    ev_claim_release(&src[1]);
    ev_claim_release(&draft);
}
END_TEST

Suite *compare_lex_suite(void)
{
    Suite *s = suite_create("compare_lex");
    TCase *tc = tcase_create("words");
    tcase_add_test(tc, test_lex_kind_year_term);
    tcase_add_test(tc, test_lex_classes);
    tcase_add_test(tc, test_lex_countries);
    suite_add_tcase(s, tc);
    tc = tcase_create("lexicon");
    tcase_add_test(tc, test_lexicon_same_as_read);
    tcase_add_test(tc, test_lexicon_seed_words);
    suite_add_tcase(s, tc);
    tc = tcase_create("features");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_query_words);
    tcase_add_test(tc, test_cache_tells_sentences_apart);
    suite_add_tcase(s, tc);
    return s;
}
