/*
 * Tests for the claim comparison (extract/compare.c): unit families,
 * figure matching, synonyms, conflict groups over hand-built claims
 * modelled on the seed cases, draft verdicts, and end-to-end runs over
 * the seeds and the drafts in tests/data/drafts.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "extract.h"

static ev_extractor *ex;
static ev_synonyms *syn;

static void setup(void)
{
    ev_err err;
    ck_assert_int_eq(ev_extractor_new(&ex, &err), 0);
    ck_assert_int_eq(ev_synonyms_load(&syn, NULL, &err), 0);
}

static void teardown(void)
{
    ev_synonyms_free(syn);
    ev_extractor_free(ex);
    syn = NULL;
    ex = NULL;
}

typedef EV_VEC(ev_claim) claim_vec;

/* Appends a claim whose figure is the first occurrence of surface in
 * sentence. */
static void add(claim_vec *v, const char *doc, const char *sentence,
                const char *surface, double lo, double hi, const char *unit,
                int qual, int year, const char *subject)
{
    ev_claim *c = ev_vec_push(v);
    const char *hit = strstr(sentence, surface);
    ck_assert_ptr_nonnull(c);
    ck_assert_msg(hit != NULL, "'%s' not in sentence", surface);
    c->sentence = ev_strdup(sentence);
    c->surface = ev_strdup(surface);
    c->doc = ev_strdup(doc);
    c->subject = subject ? ev_strdup(subject) : NULL;
    c->sent_start = 1000;
    c->sent_end = 1000 + strlen(sentence);
    c->start = 1000 + (size_t)(hit - sentence);
    c->end = c->start + strlen(surface);
    c->lo = lo;
    c->hi = hi;
    snprintf(c->unit, sizeof(c->unit), "%s", unit);
    c->qualifier = qual;
    c->year = year;
    c->block = -1;
    c->note = -1;
    c->line = 1;
}

static void release(claim_vec *v)
{
    size_t i;
    for (i = 0; i < v->n; i++)
        ev_claim_release(&v->v[i]);
    free(v->v);
    memset(v, 0, sizeof(*v));
}

/* Does a group hold the claims with these two surfaces? */
static int grouped(const claim_vec *v, const ev_group_vec *g, const char *a,
                   const char *b)
{
    size_t i, k;
    for (i = 0; i < g->n; i++) {
        int ha = 0, hb = 0;
        for (k = 0; k < g->v[i].members.n; k++) {
            const char *s = v->v[g->v[i].members.v[k]].surface;
            ha |= !strcmp(s, a);
            hb |= !strcmp(s, b);
        }
        if (ha && hb)
            return 1;
    }
    return 0;
}

static void find(const claim_vec *v, ev_group_vec *g)
{
    memset(g, 0, sizeof(*g));
    ck_assert_int_eq(ev_conflicts_find(ex, syn, v->v, v->n, 1, g), 0);
}

START_TEST(test_unit_family)
{
    ck_assert(ev_unit_same_family("percent", "%"));
    ck_assert(ev_unit_same_family("USD", "$"));
    ck_assert(!ev_unit_same_family("USD", "JPY"));
    ck_assert(!ev_unit_same_family("percent", "count"));
    ck_assert(ev_unit_same_family("count", "count"));
    ck_assert(!ev_unit_same_family("count", "ratio"));
    ck_assert(ev_unit_same_family("mg", "kg"));
    ck_assert(!ev_unit_same_family("mg", "km"));
    ck_assert(ev_unit_same_family("mg/kg", "mg/kg"));
}
END_TEST

static ev_claim mkc(double lo, double hi, const char *unit, int q,
                    const char *surface)
{
    ev_claim c;
    memset(&c, 0, sizeof(c));
    c.lo = lo;
    c.hi = hi;
    snprintf(c.unit, sizeof(c.unit), "%s", unit);
    c.qualifier = q;
    c.surface = (char *)surface;
    return c;
}

START_TEST(test_figure_match)
{
    ev_quantity f;
    ev_claim c;
    memset(&f, 0, sizeof(f));
    f.lo = f.hi = 75;
    snprintf(f.unit, sizeof(f.unit), "percent");
    c = mkc(74.5, 74.5, "percent", EV_Q_EXACT, "74.5 percent");
    ck_assert(ev_figure_match(&f, &c, -1) >= 0);      /* 75 covers 74.5 */
    c = mkc(76, 76, "percent", EV_Q_EXACT, "76%");
    ck_assert(ev_figure_match(&f, &c, -1) < 0);
    c = mkc(77, 77, "percent", EV_Q_APPROX, "77%");
    ck_assert(ev_figure_match(&f, &c, -1) >= 0);      /* "about 77" */
    c = mkc(75, 75, "count", EV_Q_EXACT, "75");
    ck_assert(ev_figure_match(&f, &c, -1) < 0);       /* other family */
    f.lo = f.hi = 74.5;
    c = mkc(74.5, 74.5, "percent", EV_Q_EXACT, "74.5%");
    ck_assert(ev_figure_match(&f, &c, -1) >= 0);
    c = mkc(75, 75, "percent", EV_Q_EXACT, "75%");
    ck_assert(ev_figure_match(&f, &c, -1) >= 0);      /* 75 is 74.5..75.5 */
    c = mkc(74.6, 74.6, "percent", EV_Q_EXACT, "74.6%");
    ck_assert(ev_figure_match(&f, &c, -1) < 0);
    ck_assert(ev_figure_match(&f, &c, 1.0) >= 0);     /* --tolerance 1 */
    /* exact beats approximate */
    {
        ev_claim a = mkc(74.5, 74.5, "percent", EV_Q_EXACT, "74.5%");
        ev_claim b = mkc(75, 75, "percent", EV_Q_APPROX, "75 percent");
        ck_assert(ev_figure_match(&f, &a, -1) > ev_figure_match(&f, &b, -1));
    }
    /* an open-ended figure: "more than 80%" is met by 86% and by "over
     * 85%", the same bound scores best, and 78% or "less than 70%" do
     * not meet it (its infinite end once made every overlap "touch") */
    f.lo = f.hi = 80;
    f.qualifier = EV_Q_MORE_THAN;
    c = mkc(86, 86, "percent", EV_Q_EXACT, "86%");
    ck_assert(ev_figure_match(&f, &c, -1) >= 0);
    {
        ev_claim same = mkc(80, 80, "percent", EV_Q_MORE_THAN, "80%");
        ck_assert(ev_figure_match(&f, &same, -1) >
                  ev_figure_match(&f, &c, -1));
        ck_assert(ev_figure_match(&f, &same, -1) < EV_FIGURE_MATCH_BEST);
    }
    c = mkc(85, 85, "percent", EV_Q_MORE_THAN, "85%");
    ck_assert(ev_figure_match(&f, &c, -1) >= 0);
    c = mkc(78, 78, "percent", EV_Q_EXACT, "78%");
    ck_assert(ev_figure_match(&f, &c, -1) < 0);
    c = mkc(70, 70, "percent", EV_Q_LESS_THAN, "70%");
    ck_assert(ev_figure_match(&f, &c, -1) < 0);
    f.qualifier = EV_Q_AT_MOST;
    c = mkc(60, 60, "percent", EV_Q_LESS_THAN, "60%");
    ck_assert(ev_figure_match(&f, &c, -1) >= 0);      /* both open below */
    f.qualifier = EV_Q_EXACT;
    /* a range figure matches overlapping claims */
    f.lo = 40;
    f.hi = 50;
    f.qualifier = EV_Q_RANGE;
    c = mkc(45, 45, "percent", EV_Q_EXACT, "45%");
    ck_assert(ev_figure_match(&f, &c, -1) >= 0);
    c = mkc(86, 86, "percent", EV_Q_EXACT, "86 percent");
    ck_assert(ev_figure_match(&f, &c, -1) < 0);
    /* $2 billion is 1.5..2.5 billion */
    memset(&f, 0, sizeof(f));
    f.lo = f.hi = 2e9;
    snprintf(f.unit, sizeof(f.unit), "USD");
    c = mkc(2.1e9, 2.1e9, "USD", EV_Q_EXACT, "$2.1 billion");
    ck_assert(ev_figure_match(&f, &c, -1) >= 0);
    c = mkc(2e9, 2e9, "JPY", EV_Q_EXACT, "2 billion yen");
    ck_assert(ev_figure_match(&f, &c, -1) < 0);
}
END_TEST

START_TEST(test_synonyms_file)
{
    ev_synonyms *s = NULL;
    ev_err err;
    claim_vec v = {NULL, 0, 0};
    ev_group_vec g;
    ck_assert_int_eq(
        ev_synonyms_load(&s, EV_TEST_DATA "/compare/synonyms.txt", &err), 0);
    /* "lorries" and "trucks" only meet through the user file */
    add(&v, "a.txt", "The depot holds 400 lorries for the winter road "
                     "service.",
        "400", 400, 400, "count", EV_Q_EXACT, 0, NULL);
    add(&v, "b.txt", "The depot holds 900 trucks for the winter road "
                     "service.",
        "900", 900, 900, "count", EV_Q_EXACT, 0, NULL);
    memset(&g, 0, sizeof(g));
    ck_assert_int_eq(ev_conflicts_find(ex, syn, v.v, v.n, 1, &g), 0);
    ck_assert_int_eq((int)g.n, 0); /* counted nouns differ by default */
    ev_group_vec_release(&g);
    ck_assert_int_eq(ev_conflicts_find(ex, s, v.v, v.n, 1, &g), 0);
    ck_assert_int_eq((int)g.n, 1);
    ev_group_vec_release(&g);
    ev_synonyms_free(s);
    release(&v);
    /* a missing file is not an error: the defaults stay */
    ck_assert_int_eq(ev_synonyms_load(&s, "/nonexistent/syn.txt", &err), 0);
    ev_synonyms_free(s);
}
END_TEST

START_TEST(test_conflicts_seed_cases)
{
    claim_vec v = {NULL, 0, 0};
    ev_group_vec g;
    size_t i;
    /* Japan's share: a minister's figure against the media's range */
    add(&v, "003", "Japan's defense minister said in 2017 that Japan paid 86 "
                   "percent of the total cost, though media outlets have "
                   "estimated the number to be between 40 and 50 percent.",
        "86 percent", 86, 86, "percent", EV_Q_EXACT, 2017, NULL);
    add(&v, "003", v.v[0].sentence, "40 and 50 percent", 40, 50, "percent",
        EV_Q_RANGE, 2017, NULL);
    /* Marines to Guam */
    add(&v, "002", "In reference to the long-planned relocation of some "
                   "9,000 Marine personnel from Okinawa to Guam, agreed at "
                   "the 2006 and 2012 meetings, progress is slow.",
        "9,000", 9000, 9000, "count", EV_Q_APPROX, 0, NULL);
    add(&v, "003", "The United States and Japan agreed in 2006 to relocate "
                   "Futenma and transfer eight thousand Marines to Guam.",
        "eight thousand", 8000, 8000, "count", EV_Q_EXACT, 2006, NULL);
    /* consistent: the same personnel figure in digits and in words */
    add(&v, "003", "Okinawa hosts a majority of the approximately "
                   "fifty-four thousand U.S. military personnel in Japan.",
        "fifty-four thousand", 54000, 54000, "count", EV_Q_APPROX, 0, NULL);
    add(&v, "004", "About 54,000 U.S. troops are stationed in Japan.",
        "54,000", 54000, 54000, "count", EV_Q_APPROX, 0, NULL);
    /* consistent: more than eighty vs 85 facilities */
    add(&v, "003", "There are more than eighty U.S. military facilities in "
                   "Japan.",
        "eighty", 80, 80, "count", EV_Q_MORE_THAN, 0, NULL);
    add(&v, "004", "U.S. forces have the exclusive use of 85 facilities in "
                   "Japan.",
        "85", 85, 85, "count", EV_Q_EXACT, 0, NULL);
    /* a series over time in one sentence */
    add(&v, "001", "Japanese confidence in the US president fell from 78 "
                   "percent in 2016 to 24 percent in 2017.",
        "78 percent", 78, 78, "percent", EV_Q_EXACT, 2016, NULL);
    add(&v, "001", v.v[8].sentence, "24 percent", 24, 24, "percent",
        EV_Q_EXACT, 2017, NULL);
    /* and across documents with different years */
    add(&v, "005", "Japanese confidence in the US president stood at 61 "
                   "percent in 2019.",
        "61 percent", 61, 61, "percent", EV_Q_EXACT, 2019, NULL);
    /* a demand is not a measurement */
    add(&v, "001", "Trump argued that Japan should pay 100 percent of the "
                   "cost of stationing US forces there.",
        "100 percent", 100, 100, "percent", EV_Q_EXACT, 0, NULL);
    add(&v, "006", "Japan pays about 75 percent of the cost of stationing "
                   "US forces there.",
        "75 percent", 75, 75, "percent", EV_Q_APPROX, 0, NULL);
    /* yen and dollars are not compared */
    add(&v, "001", "In fiscal year 2017, Japan spent more than 587.5 billion "
                   "yen towards the cost of US forces in Japan.",
        "587.5 billion yen", 587.5e9, 587.5e9, "JPY", EV_Q_MORE_THAN, 2017,
        NULL);
    add(&v, "007", "In fiscal year 2017, Japan spent 2 billion dollars "
                   "towards the cost of US forces in Japan.",
        "2 billion dollars", 2e9, 2e9, "USD", EV_Q_EXACT, 2017, NULL);
    /* other countries in a list are other subjects */
    add(&v, "001", "Japan's share of stationing costs stands at 74.5 "
                   "percent, while the UK 27.1, Italy 41, Germany 32.6.",
        "74.5 percent", 74.5, 74.5, "percent", EV_Q_EXACT, 0, NULL);
    add(&v, "001", v.v[15].sentence, "27.1", 27.1, 27.1, "percent",
        EV_Q_EXACT, 0, NULL);
    add(&v, "008", "The UK's share of stationing costs stands at 27 "
                   "percent.",
        "27 percent", 27, 27, "percent", EV_Q_EXACT, 0, NULL);
    add(&v, "009", "Germany's share of stationing costs stands at 33 "
                   "percent.",
        "33 percent", 33, 33, "percent", EV_Q_EXACT, 0, NULL);

    find(&v, &g);
    ck_assert(grouped(&v, &g, "86 percent", "40 and 50 percent"));
    ck_assert(grouped(&v, &g, "9,000", "eight thousand"));
    ck_assert(!grouped(&v, &g, "fifty-four thousand", "54,000") ||
              g.n == 0);
    ck_assert(!grouped(&v, &g, "eighty", "85"));
    ck_assert(!grouped(&v, &g, "78 percent", "24 percent"));
    ck_assert(!grouped(&v, &g, "61 percent", "24 percent"));
    ck_assert(!grouped(&v, &g, "100 percent", "75 percent"));
    ck_assert(!grouped(&v, &g, "587.5 billion yen", "2 billion dollars"));
    ck_assert(!grouped(&v, &g, "74.5 percent", "27.1"));
    ck_assert(!grouped(&v, &g, "27.1", "33 percent"));
    ck_assert(!grouped(&v, &g, "74.5 percent", "27 percent"));
    ck_assert_int_eq((int)g.n, 2);
    for (i = 0; i < g.n; i++) {
        ck_assert(g.v[i].conflict);
        ck_assert_ptr_nonnull(g.v[i].subject);
        ck_assert_ptr_nonnull(g.v[i].why);
        ck_assert(strstr(g.v[i].why, "unit:") != NULL);
    }
    /* most severe first: 86 vs 40-50 is further apart than 9,000/8,000 */
    ck_assert(g.v[0].severity >= g.v[1].severity);
    ck_assert(grouped(&v, &g, "86 percent", "40 and 50 percent"));
    ev_group_vec_release(&g);

    /* --min-sources: groups with fewer documents are dropped */
    memset(&g, 0, sizeof(g));
    ck_assert_int_eq(ev_conflicts_find(ex, syn, v.v, v.n, 2, &g), 0);
    ck_assert(grouped(&v, &g, "9,000", "eight thousand"));
    ev_group_vec_release(&g);
    ck_assert_int_eq(ev_conflicts_find(ex, syn, v.v, v.n, 10, &g), 0);
    ck_assert_int_eq((int)g.n, 0);
    ev_group_vec_release(&g);
    release(&v);
}
END_TEST

START_TEST(test_same_claim_quoted)
{
    claim_vec v = {NULL, 0, 0};
    ev_group_vec g;
    add(&v, "a", "About 54,000 U.S. troops are stationed in Japan.", "54,000",
        54000, 54000, "count", EV_Q_APPROX, 0, NULL);
    add(&v, "b", "About 54,000 U.S. troops are stationed in Japan.", "54,000",
        54000, 54000, "count", EV_Q_APPROX, 0, NULL);
    add(&v, "c", "Some 54,000 US service members are stationed in Japan.",
        "54,000", 54000, 54000, "count", EV_Q_APPROX, 0, NULL);
    find(&v, &g);
    ck_assert_int_eq((int)g.n, 0);
    ev_group_vec_release(&g);
    /* but a far-off figure on the same words conflicts */
    add(&v, "d", "Some 80,000 US service members are stationed in Japan.",
        "80,000", 80000, 80000, "count", EV_Q_APPROX, 0, NULL);
    find(&v, &g);
    ck_assert_int_eq((int)g.n, 1);
    ck_assert_int_eq((int)g.v[0].members.n, 4);
    ev_group_vec_release(&g);
    release(&v);
}
END_TEST

START_TEST(test_check_figure)
{
    claim_vec src = {NULL, 0, 0}, d = {NULL, 0, 0};
    ev_check_result r;
    add(&src, "002", "In reference to the long-planned relocation of some "
                     "9,000 Marine personnel from Okinawa to Guam, agreed at "
                     "the 2006 and 2012 meetings, progress is slow.",
        "9,000", 9000, 9000, "count", EV_Q_APPROX, 0, NULL);
    add(&src, "003", "The United States and Japan agreed in 2006 to relocate "
                     "Futenma and transfer eight thousand Marines to Guam.",
        "eight thousand", 8000, 8000, "count", EV_Q_EXACT, 2006,
        "Marines to Guam");
    add(&src, "004", "About 54,000 U.S. troops are stationed in Japan.",
        "54,000", 54000, 54000, "count", EV_Q_APPROX, 0, NULL);

    /* contradicted: no source agrees */
    add(&d, "draft.md", "Some 12,000 Marines are to move from Okinawa to "
                        "Guam.",
        "12,000", 12000, 12000, "count", EV_Q_APPROX, 0, NULL);
    ck_assert_int_eq(ev_check_figure(ex, syn, &d.v[0], src.v, src.n, &r), 0);
    ck_assert_str_eq(ev_verdict_name(r.verdict), "contradicted");
    ck_assert_int_eq((int)r.disagree.n, 2);
    ck_assert_int_eq((int)r.agree.n, 0);
    ck_assert_ptr_nonnull(r.subject);
    ck_assert_ptr_nonnull(r.why);
    ev_check_result_release(&r);

    /* disputed: one agrees, one does not */
    add(&d, "draft.md", "Exactly 8,700 Marines are to move from Okinawa to "
                        "Guam.",
        "8,700", 8700, 8700, "count", EV_Q_EXACT, 0, NULL);
    ck_assert_int_eq(ev_check_figure(ex, syn, &d.v[1], src.v, src.n, &r), 0);
    ck_assert_str_eq(ev_verdict_name(r.verdict), "disputed");
    ev_check_result_release(&r);

    /* supported */
    add(&d, "draft.md", "Roughly fifty-four thousand US troops are stationed "
                        "in Japan.",
        "fifty-four thousand", 54000, 54000, "count", EV_Q_APPROX, 0, NULL);
    ck_assert_int_eq(ev_check_figure(ex, syn, &d.v[2], src.v, src.n, &r), 0);
    ck_assert_str_eq(ev_verdict_name(r.verdict), "supported");
    ck_assert_int_eq((int)r.agree.n, 1);
    ck_assert_int_eq(r.agree.v[0], 2);
    ev_check_result_release(&r);

    /* unsupported */
    add(&d, "draft.md", "The coast guard operates 370 patrol vessels.", "370",
        370, 370, "count", EV_Q_EXACT, 0, NULL);
    ck_assert_int_eq(ev_check_figure(ex, syn, &d.v[3], src.v, src.n, &r), 0);
    ck_assert_str_eq(ev_verdict_name(r.verdict), "unsupported");
    ck_assert_ptr_null(r.subject);
    ev_check_result_release(&r);
    release(&src);
    release(&d);
}
END_TEST

/* Reads and extracts a file; claims get doc = the file's name. */
static void load(const char *path, claim_vec *out)
{
    ev_doc doc;
    ev_err err;
    size_t k;
    ev_doc_init(&doc);
    ck_assert_msg(ev_corpus_read(&doc, path, NULL, &err) == 0, "%s: %s",
                  path, err.msg);
    ck_assert_int_eq(ev_extract_doc(ex, &doc, &err), 0);
    for (k = 0; k < doc.claims.n; k++) {
        ev_claim *c = ev_vec_push(out);
        ck_assert_ptr_nonnull(c);
        ck_assert_int_eq(ev_claim_copy(c, &doc.claims.v[k]), 0);
        free(c->doc);
        c->doc = ev_strdup(doc.name);
    }
    ev_doc_release(&doc);
}

static const char *const seeds[] = {
    "000_7b40eee1b7c376cd.txt", "001_234ade4c56047fd2.txt",
    "002_5f8320005d233d63.txt", "003_b31458c1ba93cc4c.txt",
    "004_35db4e2c9c51291d.txt"};

static void load_seeds(claim_vec *v)
{
    size_t i;
    char path[512];
    for (i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
        snprintf(path, sizeof(path), "%s/corpus/seeds/%s", EV_SHARED_DIR,
                 seeds[i]);
        load(path, v);
    }
}

static int group_has(const claim_vec *v, const ev_group *g, const char *doc,
                     const char *surface)
{
    size_t k;
    for (k = 0; k < g->members.n; k++) {
        const ev_claim *c = &v->v[g->members.v[k]];
        if (!strncmp(c->doc, doc, 3) && !strcmp(c->surface, surface))
            return 1;
    }
    return 0;
}

START_TEST(test_seeds_conflicts)
{
    claim_vec v = {NULL, 0, 0};
    ev_group_vec g;
    size_t i;
    int share = 0, marines = 0, payment = 0;
    load_seeds(&v);
    if (v.n == 0) {
        release(&v);
        return; /* claim extractor not built in */
    }
    find(&v, &g);
    for (i = 0; i < g.n; i++) {
        const ev_group *gr = &g.v[i];
        share |= group_has(&v, gr, "003", "86 percent") &&
                 group_has(&v, gr, "003", "40 and 50 percent");
        marines |= group_has(&v, gr, "002", "9,000") &&
                   group_has(&v, gr, "003", "eight thousand");
        payment |= group_has(&v, gr, "001", "5 billion dollars") &&
                   (group_has(&v, gr, "004", "$2 billion") ||
                    group_has(&v, gr, "003", "$1.7 billion to $2.1 billion"));
        /* consistent pairs never flagged on their own */
        ck_assert(!(group_has(&v, gr, "003", "fifty-four thousand") &&
                    group_has(&v, gr, "004", "54,000")));
        ck_assert(!(group_has(&v, gr, "004", "85") &&
                    group_has(&v, gr, "003", "eighty")));
    }
    ck_assert(share);
    ck_assert(marines);
    ck_assert(payment);
    ck_assert_int_le((int)g.n, 6);
    ev_group_vec_release(&g);
    release(&v);
}
END_TEST

/*
 * Each draft's .expect lists "LINE SURFACE VERDICT" for its planted
 * figures; "flagged" accepts contradicted or disputed. Figures not listed
 * must not be flagged.
 */
static void check_draft(const char *name)
{
    claim_vec src = {NULL, 0, 0}, d = {NULL, 0, 0};
    char path[512], line[256];
    FILE *f;
    size_t i;
    int n_expect = 0, n_seen = 0;
    load_seeds(&src);
    if (src.n == 0) {
        release(&src);
        return;
    }
    snprintf(path, sizeof(path), "%s/drafts/%s", EV_TEST_DATA, name);
    load(path, &d);
    snprintf(path, sizeof(path), "%s/drafts/%s.expect", EV_TEST_DATA, name);
    f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    for (i = 0; i < d.n; i++) {
        ev_check_result r;
        const char *want = NULL;
        char surf[128], verdict[32];
        int ln;
        ck_assert_int_eq(ev_check_figure(ex, syn, &d.v[i], src.v, src.n, &r),
                         0);
        rewind(f);
        while (fgets(line, sizeof(line), f)) {
            if (line[0] == '#' ||
                sscanf(line, "%d %127[^|]|%31s", &ln, surf, verdict) != 3)
                continue;
            if (ln == d.v[i].line && !strcmp(surf, d.v[i].surface)) {
                want = verdict;
                break;
            }
        }
        if (want) {
            const char *got = ev_verdict_name(r.verdict);
            n_seen++;
            if (!strcmp(want, "flagged"))
                ck_assert_msg(r.verdict == EV_V_CONTRADICTED ||
                                  r.verdict == EV_V_DISPUTED,
                              "%s:%d: '%s' is %s", name, d.v[i].line,
                              d.v[i].surface, got);
            else
                ck_assert_msg(!strcmp(want, got), "%s:%d: '%s' is %s, not %s",
                              name, d.v[i].line, d.v[i].surface, got, want);
        } else {
            ck_assert_msg(r.verdict != EV_V_CONTRADICTED &&
                              r.verdict != EV_V_DISPUTED,
                          "%s:%d: '%s' flagged (%s)", name, d.v[i].line,
                          d.v[i].surface, ev_verdict_name(r.verdict));
        }
        ev_check_result_release(&r);
    }
    rewind(f);
    while (fgets(line, sizeof(line), f))
        if (line[0] != '#' && line[0] != '\n')
            n_expect++;
    fclose(f);
    ck_assert_msg(n_seen == n_expect, "%s: %d of %d planted figures found",
                  name, n_seen, n_expect);
    release(&src);
    release(&d);
}

START_TEST(test_drafts)
{
    check_draft("alliance.md");
    check_draft("alliance.txt");
    check_draft("share.md");
    check_draft("decoys.txt");
}
END_TEST

Suite *compare_suite(void)
{
    Suite *s = suite_create("compare");
    TCase *tc = tcase_create("units");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_unit_family);
    tcase_add_test(tc, test_figure_match);
    suite_add_tcase(s, tc);
    tc = tcase_create("conflicts");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_synonyms_file);
    tcase_add_test(tc, test_conflicts_seed_cases);
    tcase_add_test(tc, test_same_claim_quoted);
    suite_add_tcase(s, tc);
    tc = tcase_create("check");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_check_figure);
    suite_add_tcase(s, tc);
    tc = tcase_create("seeds");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_seeds_conflicts);
    tcase_add_test(tc, test_drafts);
    suite_add_tcase(s, tc);
    return s;
}
