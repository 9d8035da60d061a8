/*
 * Cross-document questions: the sources of a figure, conflicting groups,
 * and checking a draft. Index queries preselect candidates (unit, value
 * range, words); extract/'s comparison functions decide.
 */
#include "indexer.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <pthread.h>

void ev_claim_vec_release(ev_claim_vec *v)
{
    size_t i;
    for (i = 0; i < v->n; i++)
        ev_claim_release(&v->v[i]);
    free(v->v);
    memset(v, 0, sizeof(*v));
}

void ev_source_vec_release(ev_source_vec *v)
{
    size_t i;
    for (i = 0; i < v->n; i++)
        ev_claim_release(&v->v[i].claim);
    free(v->v);
    memset(v, 0, sizeof(*v));
}

/* ---- sources ---- */

typedef struct src_ctx {
    const ev_quantity *fig;
    double tol;
    ev_source_vec *out;
    int oom;
} src_ctx;

static int on_source(void *vctx, const ev_claim *c)
{
    src_ctx *s = vctx;
    double score = ev_figure_match(s->fig, c, s->tol);
    ev_source_hit *h;
    if (score < 0)
        return 0;
    h = ev_vec_push(s->out);
    if (!h || ev_claim_copy(&h->claim, c)) {
        if (h)
            s->out->n--;
        s->oom = 1;
        return EV_ENOMEM;
    }
    h->score = score;
    return 0;
}

/* A candidate scored on its value alone. */
typedef struct light_hit {
    int64_t id;
    double score;
} light_hit;

typedef struct light_ctx {
    const ev_quantity *fig;
    double tol;
    EV_VEC(light_hit) v;
    int oom;
} light_ctx;

static int on_light(void *vctx, const ev_claim *c)
{
    light_ctx *lc = vctx;
    double score = ev_figure_match(lc->fig, c, lc->tol);
    light_hit *h;
    if (score < 0)
        return 0;
    h = ev_vec_push(&lc->v);
    if (!h) {
        lc->oom = 1;
        return EV_ENOMEM;
    }
    h->id = c->id;
    h->score = score;
    return 0;
}

static int cmp_light(const void *a, const void *b)
{
    const light_hit *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

static int cmp_hit(const void *a, const void *b)
{
    const ev_source_hit *x = a, *y = b;
    int c;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    c = strcmp(x->claim.doc ? x->claim.doc : "", y->claim.doc ? y->claim.doc : "");
    if (c)
        return c;
    return x->claim.start < y->claim.start ? -1 : x->claim.start > y->claim.start;
}

/* Words of a typed figure that are not its number, unit or qualifier:
 * "troops" in "54,000 troops". */
static int figure_word(const char *w, size_t len)
{
    static const char *const skip[] = {
        "percent", "per", "cent", "pct", "dollars", "dollar", "usd", "yen",
        "euros", "euro", "pounds", "pound", "billion", "billions", "million",
        "millions", "thousand", "thousands", "hundred", "hundreds",
        "trillion", "about", "some", "nearly", "almost", "around", "more",
        "than", "less", "over", "under", "least", "most", "and", "between",
        "the", "of"};
    size_t i;
    if (len < 3)
        return 0;
    for (i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
        if (strlen(skip[i]) == len && !strncasecmp(w, skip[i], len))
            return 0;
    return 1;
}

/* Does text hold word (case-insensitive, at word bounds)? */
static int has_word(const char *text, const char *w, size_t len)
{
    const char *p;
    if (!text)
        return 0;
    for (p = text; *p; p++) {
        if ((p == text || !isalnum((unsigned char)p[-1])) &&
            !strncasecmp(p, w, len) && !isalnum((unsigned char)p[len]))
            return 1;
    }
    return 0;
}

/* Relative width of [lo, hi]. */
static double rel_width(double lo, double hi)
{
    double mid = fabs(lo + hi) / 2;
    return mid > 0 ? (hi - lo) / mid : 0;
}

/*
 * Ranks hits beyond value closeness: a claim whose sentence has the
 * figure's own words ("troops" in "54,000 troops") goes up, and a range
 * far wider than the figure ("40,000 to 150,000" for 54,000) is dropped
 * when narrower hits exist: it merely contains the value.
 */
static void rank_sources(const char *figure, const ev_quantity *fig,
                         ev_source_vec *out)
{
    double limit = fmax(0.5, 3 * rel_width(fig->lo, fig->hi));
    size_t i, w = 0, n_narrow = 0;
    const char *p = figure;
    while (*p) {
        const char *s;
        while (*p && !isalpha((unsigned char)*p))
            p++;
        s = p;
        while (isalpha((unsigned char)*p))
            p++;
        if (p > s && figure_word(s, (size_t)(p - s)))
            for (i = 0; i < out->n; i++)
                if (has_word(out->v[i].claim.sentence, s, (size_t)(p - s)))
                    out->v[i].score += 0.5;
    }
    for (i = 0; i < out->n; i++)
        n_narrow += rel_width(out->v[i].claim.lo, out->v[i].claim.hi) <= limit;
    if (!n_narrow)
        return;
    for (i = 0; i < out->n; i++) {
        if (rel_width(out->v[i].claim.lo, out->v[i].claim.hi) > limit) {
            ev_claim_release(&out->v[i].claim);
            continue;
        }
        out->v[w++] = out->v[i];
    }
    out->n = w;
}

/* Does the typed figure carry words of its own ("troops")? */
static int figure_has_words(const char *figure)
{
    const char *p = figure;
    while (*p) {
        const char *s;
        while (*p && !isalpha((unsigned char)*p))
            p++;
        s = p;
        while (isalpha((unsigned char)*p))
            p++;
        if (p > s && figure_word(s, (size_t)(p - s)))
            return 1;
    }
    return 0;
}

/*
 * The window that claims qualified exact (or a plain range) must meet
 * to match an exact figure: the figure widened by its half unit (at
 * most 0.5 below a million) or the tolerance, and the claim's own half
 * unit (at most 0.5 again) on top. ev_figure_match decides; this only
 * keeps the value lookup from reading the far claims that the wide
 * window (there for "about" and "at least" claims) takes in. Returns 0
 * when no such bound holds: large values round to their leading
 * digits, and qualified figures reach further.
 */
static int exact_window(const ev_quantity *fig, double tolerance_pct,
                        const ev_claim_filter *f, double *lo, double *hi)
{
    double mag = fmax(fabs(fig->lo), fabs(fig->hi)), half, eps;
    if (fig->qualifier != EV_Q_EXACT && fig->qualifier != EV_Q_RANGE)
        return 0;
    if (mag >= 1e6 || fmax(fabs(f->lo), fabs(f->hi)) >= 1e6)
        return 0;
    half = tolerance_pct >= 0 ? tolerance_pct / 100.0 * mag : 0.5;
    eps = 1e-9 * (mag + half + 1);
    *lo = fmax(f->lo, fig->lo - half - 0.5 - eps);
    *hi = fmin(f->hi, fig->hi + half + 0.5 + eps);
    return *lo <= *hi;
}

/* A candidate matched on its surface, before its text is read. */
typedef struct brief_hit {
    int64_t id;
    double score, lo, hi;
    char *doc;
    size_t start;
} brief_hit;

typedef struct brief_ctx {
    const ev_quantity *fig;
    double tol;
    EV_VEC(brief_hit) v;
} brief_ctx;

static int on_brief(void *vctx, const ev_claim *c)
{
    brief_ctx *bc = vctx;
    double score = ev_figure_match(bc->fig, c, bc->tol);
    brief_hit *h;
    if (score < 0)
        return 0;
    h = ev_vec_push(&bc->v);
    if (!h)
        return EV_ENOMEM;
    h->doc = ev_strdup(c->doc ? c->doc : "");
    if (!h->doc) {
        bc->v.n--;
        return EV_ENOMEM;
    }
    h->id = c->id;
    h->score = score;
    h->lo = c->lo;
    h->hi = c->hi;
    h->start = c->start;
    return 0;
}

/* The order of cmp_hit. */
static int cmp_brief(const void *a, const void *b)
{
    const brief_hit *x = a, *y = b;
    int c;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    c = strcmp(x->doc, y->doc);
    if (c)
        return c;
    return x->start < y->start ? -1 : x->start > y->start;
}

/*
 * For a figure without words of its own, the final order depends only
 * on the score, the range width, the document and the offset: matches
 * ids[0..*n) on their surfaces, ranks them as rank_sources and cmp_hit
 * would, and keeps in ids the best limit, so that only those are read
 * whole (with their sentences and citations).
 */
static int pick_sources(ev_index *idx, const ev_quantity *fig, double tol,
                        int limit, int64_t *ids, size_t *n, ev_err *err)
{
    brief_ctx bc;
    double wlimit = fmax(0.5, 3 * rel_width(fig->lo, fig->hi));
    size_t i, w = 0, n_narrow = 0;
    int rc;
    memset(&bc, 0, sizeof(bc));
    bc.fig = fig;
    bc.tol = tol;
    rc = ev_index_claims_brief(idx, ids, *n, on_brief, &bc, err);
    if (rc == EV_ENOMEM)
        rc = ev_err_set(err, rc, "out of memory");
    if (rc)
        goto done;
    for (i = 0; i < bc.v.n; i++)
        n_narrow += rel_width(bc.v.v[i].lo, bc.v.v[i].hi) <= wlimit;
    for (i = 0; i < bc.v.n; i++) {
        if (n_narrow && rel_width(bc.v.v[i].lo, bc.v.v[i].hi) > wlimit) {
            free(bc.v.v[i].doc);
            continue;
        }
        bc.v.v[w++] = bc.v.v[i];
    }
    bc.v.n = w;
    if (bc.v.n > 1)
        qsort(bc.v.v, bc.v.n, sizeof(bc.v.v[0]), cmp_brief);
    *n = bc.v.n;
    if (limit > 0 && *n > (size_t)limit)
        *n = (size_t)limit;
    for (i = 0; i < *n; i++)
        ids[i] = bc.v.v[i].id;
done:
    for (i = 0; i < bc.v.n; i++)
        free(bc.v.v[i].doc);
    free(bc.v.v);
    return rc;
}

/* How many candidates sources reads in brief for limit answers. */
static size_t brief_cap(int limit) { return (size_t)limit * 4 + 200; }

/*
 * A common value ("two", "5%") has tens of thousands of claims in a large
 * index, and most of them are the figure itself. When at least
 * brief_cap(limit) claims have exactly the figure's interval and score
 * EV_FIGURE_MATCH_BEST, they are the first brief_cap(limit) of the light
 * ranking (best score, then lowest id; nothing scores higher), so they are
 * read alone, in id order, and the rest of the window is not read.
 * Fills lc and returns 0, or EV_ENOTFOUND (lc empty) when the full
 * window must be read, or the error of the read.
 */
static int enough_equal(ev_index *idx, const ev_quantity *fig,
                        const char *about, int limit, light_ctx *lc,
                        ev_err *err)
{
    size_t cap, i;
    int quals[2], nq = 1, k, rc;
    if (limit <= 0 || (about && *about) || !fig->unit[0])
        return EV_ENOTFOUND;
    cap = brief_cap(limit);
    quals[0] = EV_Q_EXACT;
    if (fig->qualifier != EV_Q_EXACT)
        quals[nq++] = fig->qualifier;
    for (k = 0; k < nq; k++) {
        rc = ev_index_claims_equal(idx, fig->unit, fig->lo, fig->hi, quals[k],
                                   (int)cap, on_light, lc, err);
        if (rc)
            return rc; /* the caller reports it and frees lc */
    }
    for (i = 0; i < lc->v.n && lc->v.v[i].score == EV_FIGURE_MATCH_BEST; i++)
        ;
    if (lc->v.n < cap || i < lc->v.n) {
        /* too few, or some not best (a zero-width match): read all */
        lc->v.n = 0;
        return EV_ENOTFOUND;
    }
    return 0;
}

/*
 * An exact point figure ("74.5%") is matched best by the plain points
 * near it, and by the qualified points equal to it. Everything else in
 * the window scores at most EV_FIGURE_MATCH_NEAR: a qualified point of
 * another value, and a range (the recogniser qualifies every claim with
 * hi > lo EV_Q_RANGE). So when brief_cap(limit) of the near ones score
 * above that, they are the head of the light ranking, and the far
 * qualified points and the ranges (most of a common unit's window) are
 * not read. Fills lc and returns 0, or EV_ENOTFOUND (lc empty) when the
 * full window must be read, or the error of the read.
 */
static int near_first(ev_index *idx, const ev_quantity *fig,
                      const ev_claim_filter *f, int limit, light_ctx *lc,
                      ev_err *err)
{
    size_t i, n = 0;
    int rc;
    if (limit <= 0 || !f->use_exact_range || (f->about && *f->about) ||
        !fig->unit[0] || fig->qualifier != EV_Q_EXACT || fig->lo != fig->hi)
        return EV_ENOTFOUND;
    rc = ev_index_claims_near(idx, fig->unit, f->exact_lo, f->exact_hi,
                              fig->lo, on_light, lc, err);
    if (rc)
        return rc; /* the caller reports it and frees lc */
    for (i = 0; i < lc->v.n; i++)
        n += lc->v.v[i].score > EV_FIGURE_MATCH_NEAR;
    if (n < brief_cap(limit)) {
        lc->v.n = 0;
        return EV_ENOTFOUND;
    }
    return 0;
}

int ev_sources(ev_index *idx, const ev_extractor *ex, const char *figure,
               const char *about, double tolerance_pct, int limit,
               ev_quantity *fig, ev_source_vec *out, ev_err *err)
{
    ev_claim_filter f;
    src_ctx s;
    double span, slack;
    int rc;
    rc = ev_figure_parse(ex, figure, strlen(figure), fig, NULL, err);
    if (rc)
        return rc;
    memset(&f, 0, sizeof(f));
    f.about = about;
    f.unit = fig->unit;
    /* Preselect what can match: an approximate claim ("about 75") is
     * widened by 10% of itself, an approximate figure by 10% more;
     * ev_figure_match decides. */
    span = fabs(fig->hi) > fabs(fig->lo) ? fabs(fig->hi) : fabs(fig->lo);
    slack = span * (fig->qualifier == EV_Q_APPROX ? 0.25 : 0.12) + 1e-9;
    if (tolerance_pct > 0)
        slack = fmax(slack, span * tolerance_pct / 100.0);
    f.use_range = 1;
    f.lo = fig->lo - slack;
    f.hi = fig->hi + slack;
    f.use_exact_range =
        exact_window(fig, tolerance_pct, &f, &f.exact_lo, &f.exact_hi);
    s.fig = fig;
    s.tol = tolerance_pct;
    s.out = out;
    s.oom = 0;
    /* Score every candidate on its value alone, then read in full only
     * the best: on a large index thousands of claims lie in the window. */
    {
        light_ctx lc;
        int64_t *ids = NULL;
        size_t i, n_full;
        memset(&lc, 0, sizeof(lc));
        lc.fig = fig;
        lc.tol = tolerance_pct;
        rc = enough_equal(idx, fig, about, limit, &lc, err);
        if (rc == EV_ENOTFOUND)
            rc = near_first(idx, fig, &f, limit, &lc, err);
        if (rc == EV_ENOTFOUND)
            rc = ev_index_claims_light(idx, &f, on_light, &lc, err);
        if (!rc && lc.oom)
            rc = ev_err_set(err, EV_ENOMEM, "out of memory");
        if (rc) {
            free(lc.v.v);
            return rc;
        }
        if (lc.v.n > 1)
            qsort(lc.v.v, lc.v.n, sizeof(lc.v.v[0]), cmp_light);
        n_full = lc.v.n;
        if (limit > 0 && n_full > brief_cap(limit))
            n_full = brief_cap(limit);
        ids = malloc((n_full ? n_full : 1) * sizeof(*ids));
        if (!ids) {
            free(lc.v.v);
            return ev_err_set(err, EV_ENOMEM, "out of memory");
        }
        for (i = 0; i < n_full; i++)
            ids[i] = lc.v.v[i].id;
        free(lc.v.v);
        if (!figure_has_words(figure))
            rc = pick_sources(idx, fig, tolerance_pct, limit, ids, &n_full,
                              err);
        if (!rc)
            rc = ev_index_claims_by_id(idx, ids, n_full, on_source, &s, err);
        free(ids);
    }
    if (s.oom)
        return ev_err_set(err, EV_ENOMEM, "out of memory");
    if (rc)
        return rc;
    rank_sources(figure, fig, out);
    if (out->n > 1)
        qsort(out->v, out->n, sizeof(out->v[0]), cmp_hit);
    if (limit > 0 && out->n > (size_t)limit) {
        size_t i;
        for (i = (size_t)limit; i < out->n; i++)
            ev_claim_release(&out->v[i].claim);
        out->n = (size_t)limit;
    }
    return 0;
}

/* ---- conflicts ---- */

static int collect(void *vctx, const ev_claim *c)
{
    ev_claim_vec *v = vctx;
    ev_claim *slot = ev_vec_push(v);
    if (!slot)
        return EV_ENOMEM;
    if (ev_claim_copy(slot, c)) {
        v->n--;
        return EV_ENOMEM;
    }
    return 0;
}

static int count_claim(void *vctx, const ev_claim *c)
{
    (void)c;
    (*(size_t *)vctx)++;
    return 0;
}

int ev_conflicts(ev_index *idx, const ev_extractor *ex,
                 const ev_synonyms *syn, const char *about, int min_sources,
                 size_t max_claims, ev_claim_vec *claims,
                 ev_group_vec *groups, ev_err *err)
{
    ev_claim_filter f;
    size_t n = 0;
    int rc;
    memset(&f, 0, sizeof(f));
    f.about = about;
    if (!max_claims)
        max_claims = EV_CONFLICTS_MAX_CLAIMS;
    /* count on the light columns before reading anything whole */
    rc = ev_index_claims_light(idx, &f, count_claim, &n, err);
    if (rc)
        return rc;
    if (n > max_claims)
        return ev_err_set(err, EV_ELIMIT,
                          "%zu claims match%s%s: narrow them with --about "
                          "WORDS (or raise --max-claims, now %zu)",
                          n, about && *about ? " " : "",
                          about && *about ? "these words" : "", max_claims);
    rc = ev_index_claims(idx, &f, collect, claims, err);
    if (rc == EV_ENOMEM)
        return ev_err_set(err, rc, "out of memory");
    if (rc)
        return rc;
    rc = ev_conflicts_find(ex, syn, claims->v, claims->n,
                           min_sources > 0 ? min_sources : 1, groups);
    if (rc)
        return ev_err_set(err, rc, "out of memory");
    return 0;
}

/* ---- checking a draft ---- */

void ev_draft_vec_release(ev_draft_vec *v)
{
    size_t i;
    for (i = 0; i < v->n; i++) {
        ev_claim_release(&v->v[i].fig);
        ev_check_result_release(&v->v[i].result);
        ev_claim_vec_release(&v->v[i].sources);
    }
    free(v->v);
    memset(v, 0, sizeof(*v));
}

/* Blanks [a, b) with spaces, keeping newlines so lines and columns of
 * the rest stay where they were. */
static void blank(char *t, size_t a, size_t b)
{
    for (; a < b; a++)
        if (t[a] != '\n')
            t[a] = ' ';
}

static int line_starts_with(const char *t, size_t len, size_t at,
                            const char *lit)
{
    size_t n = strlen(lit);
    while (at < len && (t[at] == ' ' || t[at] == '\t'))
        at++;
    return at + n <= len && memcmp(t + at, lit, n) == 0;
}

/*
 * Hides what is not prose: fenced and indented code blocks and inline
 * code in Markdown; comments, math-free commands (\cite{...}, \label,
 * \begin{...}) and verbatim environments in LaTeX.
 */
static void mask_markup(char *t, size_t len)
{
    size_t i = 0;
    int in_fence = 0, latex = 0;
    if (strstr(t, "\\documentclass") || strstr(t, "\\begin{") ||
        strstr(t, "\\section"))
        latex = 1;
    while (i < len) {
        size_t eol = i;
        while (eol < len && t[eol] != '\n')
            eol++;
        if (line_starts_with(t, len, i, "```") ||
            line_starts_with(t, len, i, "~~~")) {
            in_fence = !in_fence;
            blank(t, i, eol);
        } else if (in_fence) {
            blank(t, i, eol);
        } else if (!latex && eol - i >= 4 && memcmp(t + i, "    ", 4) == 0 &&
                   (i == 0 || (i >= 2 && t[i - 2] == '\n'))) {
            blank(t, i, eol);
        } else if (latex && line_starts_with(t, len, i, "\\begin{verbatim}")) {
            const char *e = strstr(t + i, "\\end{verbatim}");
            size_t stop = e ? (size_t)(e - t) + 14 : len;
            blank(t, i, stop);
            eol = stop;
        } else {
            size_t k;
            for (k = i; k < eol; k++) {
                if (!latex && t[k] == '`') {
                    size_t e = k + 1;
                    while (e < eol && t[e] != '`')
                        e++;
                    if (e < eol) {
                        blank(t, k, e + 1);
                        k = e;
                    }
                } else if (latex && t[k] == '%' && (k == 0 || t[k - 1] != '\\')) {
                    blank(t, k, eol);
                    break;
                } else if (latex && t[k] == '\\' && k + 1 < eol &&
                           isalpha((unsigned char)t[k + 1])) {
                    /* a command name; its {argument} too when it is a
                     * reference-like command */
                    size_t e = k + 1;
                    int keep_arg;
                    while (e < eol && isalpha((unsigned char)t[e]))
                        e++;
                    keep_arg = (e - k - 1 == 4 && !memcmp(t + k + 1, "emph", 4)) ||
                               (e - k - 1 == 6 && !memcmp(t + k + 1, "textbf", 6)) ||
                               (e - k - 1 == 6 && !memcmp(t + k + 1, "textit", 6)) ||
                               (e - k - 1 == 7 && !memcmp(t + k + 1, "section", 7)) ||
                               (e - k - 1 == 10 && !memcmp(t + k + 1, "subsection", 10)) ||
                               (e - k - 1 == 8 && !memcmp(t + k + 1, "footnote", 8));
                    blank(t, k, e);
                    if (!keep_arg && e < eol && t[e] == '{') {
                        size_t c = e + 1;
                        while (c < eol && t[c] != '}')
                            c++;
                        blank(t, e, c < eol ? c + 1 : eol);
                        e = c;
                    }
                    k = e > k ? e - 1 : k;
                } else if (latex && (t[k] == '{' || t[k] == '}' || t[k] == '~')) {
                    t[k] = ' ';
                } else if (latex && t[k] == '\\' && k + 1 < eol &&
                           strchr("%$&#_", t[k + 1])) {
                    t[k] = ' '; /* \% \$ ...: the character itself */
                    k++;
                }
            }
        }
        i = eol + 1;
    }
}

/* Words of a draft figure's claim used to preselect candidates. */
#define QUERY_WORDS 12

/* Units compared only with themselves: percent, counts, currencies. */
static int unit_is_exact(const char *u)
{
    if (!u || !*u)
        return 0;
    if (!strcmp(u, "percent") || !strcmp(u, "count"))
        return 1;
    return strlen(u) == 3 && isupper((unsigned char)u[0]) &&
           isupper((unsigned char)u[1]) && isupper((unsigned char)u[2]);
}

/* Candidate claims read for each figure of a draft. */
#define CHECK_CANDIDATES 200

/* Sentences ranked for each figure of a draft, about: those of its
 * rarest words, this many in all. Ranking costs about a microsecond a
 * sentence, and one common word of a large index holds tens of
 * thousands; an index of a few thousand sentences keeps every word. */
#define CHECK_RANK_ROWS 5000

/* The candidate query of one figure of a draft. */
typedef struct fig_query {
    char *words;      /* NULL or empty: nothing to look up */
    const char *unit; /* the unit filter, or NULL */
    long same_as;     /* an earlier figure with the same query, or -1 */
    size_t sentence;  /* where the figure's sentence starts in the draft */
} fig_query;

/* Which figures' candidates have been read, shared by the readers of a
 * draft and the thread that builds the candidates' features meanwhile. */
typedef struct query_sync {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    unsigned char *done; /* per figure: its candidates are read */
    size_t n_running;    /* readers not yet finished */
} query_sync;

/* One reader of a draft's queries: it takes the figures of one sentence
 * at a time, the next not yet taken (each thread its own connection,
 * whose word counts the figures of a sentence share; the figures'
 * source vectors are disjoint, so nothing else is shared but read-only
 * input). */
typedef struct query_job {
    ev_index *idx;
    ev_draft_figure *figs;
    const fig_query *q;
    size_t n;
    size_t *next;     /* the first figure no reader has taken */
    query_sync *sync; /* NULL: run alone, before anything reads figs */
    int rc;
    ev_err err;
} query_job;

/* Takes the next figures to look up, [*first, returned end): those of
 * one sentence; end == *first when none are left. */
static size_t take_figures(query_job *job, size_t *first)
{
    size_t i, e;
    if (job->sync)
        pthread_mutex_lock(&job->sync->mu);
    i = *job->next;
    for (e = i; e < job->n && (e == i || job->q[e].sentence ==
                                             job->q[i].sentence);
         e++)
        ;
    *job->next = e;
    if (job->sync)
        pthread_mutex_unlock(&job->sync->mu);
    *first = i;
    return e;
}

static void mark_done(query_sync *s, size_t i, int finished)
{
    if (!s)
        return;
    pthread_mutex_lock(&s->mu);
    if (finished)
        s->n_running--;
    else
        s->done[i] = 1;
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
}

static void *run_queries(void *vjob)
{
    query_job *job = vjob;
    size_t i = 0, end = 0;
    while (!job->rc) {
        const fig_query *q;
        if (i == end) {
            end = take_figures(job, &i);
            if (i == end)
                break;
        }
        q = &job->q[i];
        ev_claim_filter f;
        if (!q->words || !*q->words || q->same_as >= 0) {
            mark_done(job->sync, i++, 0);
            continue;
        }
        memset(&f, 0, sizeof(f));
        f.about = q->words;
        f.about_any = 1;
        /* best ranked first: the best few hundred are the ones that can
         * be about the same quantity */
        f.limit = CHECK_CANDIDATES;
        f.about_rows = CHECK_RANK_ROWS;
        f.unit = q->unit;
        f.no_cites = 1; /* read for the sources shown, after the verdicts */
        job->rc = ev_index_claims(job->idx, &f, collect, &job->figs[i].sources,
                                  &job->err);
        if (job->rc == EV_ENOMEM)
            ev_err_set(&job->err, EV_ENOMEM, "out of memory");
        if (!job->rc)
            mark_done(job->sync, i++, 0);
    }
    mark_done(job->sync, 0, 1);
    return NULL;
}

/* Readers for the queries of a draft: ranking the candidates of each
 * figure is most of a check, and the figures are independent. */
#define CHECK_MAX_READERS 4

static size_t n_readers(size_t n_queries)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    if (n > CHECK_MAX_READERS)
        n = CHECK_MAX_READERS;
    /* a connection costs about a millisecond to open */
    if ((size_t)n > n_queries / 4)
        n = (long)(n_queries / 4);
    return n < 1 ? 1 : (size_t)n;
}

/* The queries of a draft under way: readers on threads while the
 * caller builds features of the figures already read (queries_wait), or
 * all run before queries_start returns. */
typedef struct queries {
    query_job jobs[CHECK_MAX_READERS];
    pthread_t th[CHECK_MAX_READERS];
    int started[CHECK_MAX_READERS];
    size_t nt, next;
    query_sync sync;
    int threaded;
} queries;

/*
 * Starts the queries q[0..n) into figs[i].sources: with several readers
 * (the index is a file; another connection each, the first on idx), each
 * on its own thread; else on idx, now. queries_finish must follow.
 */
static void queries_start(queries *qs, ev_index *idx, ev_draft_figure *figs,
                          const fig_query *q, size_t n)
{
    size_t want = 0, i, k;
    memset(qs, 0, sizeof(*qs));
    for (i = 0; i < n; i++)
        want += q[i].words && *q[i].words && q[i].same_as < 0;
    want = n_readers(want);
    qs->jobs[0].idx = idx;
    for (qs->nt = 1; qs->nt < want; qs->nt++) {
        ev_err e = {0, ""};
        /* another connection, or fewer readers (an in-memory index) */
        if (ev_index_open_again(&qs->jobs[qs->nt].idx, idx, &e))
            break;
    }
    for (k = 0; k < qs->nt; k++) {
        qs->jobs[k].figs = figs;
        qs->jobs[k].q = q;
        qs->jobs[k].n = n;
        qs->jobs[k].next = &qs->next;
    }
    qs->sync.done = calloc(n + 1, 1);
    if (qs->nt > 1 && qs->sync.done &&
        pthread_mutex_init(&qs->sync.mu, NULL) == 0) {
        if (pthread_cond_init(&qs->sync.cv, NULL) == 0) {
            qs->threaded = 1;
            qs->sync.n_running = qs->nt;
            for (k = 0; k < qs->nt; k++) {
                qs->jobs[k].sync = &qs->sync;
                qs->started[k] =
                    pthread_create(&qs->th[k], NULL, run_queries,
                                   &qs->jobs[k]) == 0;
                if (!qs->started[k])
                    run_queries(&qs->jobs[k]); /* no thread: here, now */
            }
            return;
        }
        pthread_mutex_destroy(&qs->sync.mu);
    }
    /* one reader, or no threads: the first takes every figure now, on
     * idx */
    run_queries(&qs->jobs[0]);
}

/* Waits until figure i's candidates are read: 1, or 0 when they will
 * not be (its reader failed or did not start). */
static int queries_wait(queries *qs, size_t i)
{
    int ok;
    if (!qs->threaded)
        return 1;
    pthread_mutex_lock(&qs->sync.mu);
    while (!qs->sync.done[i] && qs->sync.n_running)
        pthread_cond_wait(&qs->sync.cv, &qs->sync.mu);
    ok = qs->sync.done[i];
    pthread_mutex_unlock(&qs->sync.mu);
    return ok;
}

/* Joins the readers and returns the extra connections to the first;
 * the first failure into err. */
static int queries_finish(queries *qs, ev_err *err)
{
    size_t k;
    int rc = 0;
    for (k = 0; k < qs->nt; k++) {
        if (qs->started[k])
            pthread_join(qs->th[k], NULL);
        /* kept for the next check of this process */
        if (k > 0)
            ev_index_put_back(qs->jobs[0].idx, qs->jobs[k].idx);
    }
    for (k = 0; k < qs->nt && !rc; k++) {
        if (qs->jobs[k].rc) {
            rc = qs->jobs[k].rc;
            *err = qs->jobs[k].err;
        }
    }
    if (qs->threaded) {
        pthread_cond_destroy(&qs->sync.cv);
        pthread_mutex_destroy(&qs->sync.mu);
    }
    free(qs->sync.done);
    return rc;
}

int ev_check_text(ev_index *idx, const ev_extractor *ex,
                  const ev_synonyms *syn, const char *name, const char *text,
                  size_t len, ev_draft_vec *out, ev_err *err)
{
    ev_doc doc;
    ev_lines lines = {0};
    ev_feat_cache *cache = NULL;
    fig_query *q = NULL;
    queries qs;
    size_t i, j, base = out->n, n_q = 0;
    int rc;
    ev_doc_init(&doc);
    if (ev_feat_cache_new(&cache, syn))
        return ev_err_set(err, EV_ENOMEM, "out of memory");
    rc = ev_corpus_parse_text(&doc, text, len, err);
    if (rc)
        goto done;
    doc.name = ev_strdup(name);
    doc.format = EV_FMT_TEXT;
    mask_markup(doc.text, doc.text_len);
    rc = ev_extract_doc(ex, &doc, err);
    if (rc)
        goto done;
    if (ev_lines_build(&lines, doc.text, doc.text_len)) {
        rc = ev_err_set(err, EV_ENOMEM, "out of memory");
        goto done;
    }
    q = calloc(doc.claims.n + 1, sizeof(*q));
    if (!q) {
        rc = ev_err_set(err, EV_ENOMEM, "out of memory");
        goto done;
    }
    /* the figures and the words to look each up by */
    for (i = 0; i < doc.claims.n; i++) {
        ev_claim *c = &doc.claims.v[i];
        ev_draft_figure *d;
        ev_buf words = EV_BUF_INIT;
        int line, had_words;
        if (c->note >= 0)
            continue; /* the draft's own footnotes are not its figures */
        d = ev_vec_push(out);
        if (!d) {
            rc = ev_err_set(err, EV_ENOMEM, "out of memory");
            goto done;
        }
        if (ev_claim_copy(&d->fig, c)) {
            out->n--;
            rc = ev_err_set(err, EV_ENOMEM, "out of memory");
            goto done;
        }
        free(d->fig.doc);
        d->fig.doc = ev_strdup(name);
        line = ev_lines_find(&lines, c->start);
        d->fig.line = line;
        d->col = (int)(c->start - lines.starts[line - 1]) + 1;
        /* The words that say what the figure measures, not every word
         * of the sentence: an OR of "the", "of", "in" would rank most of
         * a large index. */
        rc = ev_compare_query_words(syn, c, QUERY_WORDS, &words);
        if (rc) {
            ev_buf_release(&words);
            rc = ev_err_set(err, rc, "out of memory");
            goto done;
        }
        /* no words: nothing to look up (and an empty ev_buf detaches
         * unterminated) */
        had_words = words.len > 0;
        q[n_q].words = had_words ? ev_buf_detach(&words) : NULL;
        ev_buf_release(&words);
        if (had_words && !q[n_q].words) {
            rc = ev_err_set(err, EV_ENOMEM, "out of memory");
            goto done;
        }
        /* Only the figure's unit can be the same quantity; units with
         * conversions (km, m) are left to the comparison. */
        q[n_q].unit = unit_is_exact(c->unit) ? c->unit : NULL; /* out moves */
        q[n_q].same_as = -1;
        q[n_q].sentence = c->sent_start;
        /* figures of one sentence often ask the same: ask once */
        for (j = 0; q[n_q].words && j < n_q; j++) {
            if (q[j].same_as < 0 && q[j].words &&
                !strcmp(q[j].words, q[n_q].words) &&
                !strcmp(q[j].unit ? q[j].unit : "",
                        q[n_q].unit ? q[n_q].unit : "")) {
                q[n_q].same_as = (long)j;
                break;
            }
        }
        n_q++;
    }
    /* each figure's candidates are taken in as soon as they are read,
     * while the readers go on with the next figures */
    queries_start(&qs, idx, out->v + base, q, n_q);
    for (i = 0; i < n_q && !rc; i++) {
        ev_draft_figure *d = &out->v[base + i];
        if (!queries_wait(&qs, i))
            break; /* its reader failed: queries_finish says why */
        if (q[i].same_as >= 0) {
            const ev_claim_vec *from = &out->v[base + q[i].same_as].sources;
            for (j = 0; j < from->n && !rc; j++)
                if (collect(&d->sources, &from->v[j]))
                    rc = ev_err_set(err, EV_ENOMEM, "out of memory");
        }
        /* in figure order, as the candidates' words are counted */
        if (!rc && ev_feat_cache_add(cache, d->sources.v, d->sources.n))
            rc = ev_err_set(err, EV_ENOMEM, "out of memory");
    }
    {
        ev_err qerr = {0, ""};
        int qrc = queries_finish(&qs, &qerr);
        if (!rc && qrc) {
            rc = qrc;
            *err = qerr;
        }
    }
    if (rc)
        goto done;
    /* every figure's candidates are read before any is weighed */
    for (i = 0; i < out->n; i++) {
        ev_draft_figure *d = &out->v[i];
        rc = ev_check_figure_cached(cache, &d->fig, d->sources.v,
                                    d->sources.n, &d->result);
        if (rc) {
            rc = ev_err_set(err, rc, "out of memory");
            goto done;
        }
    }
    /* citations only for the sources a verdict names: a few of the
     * hundreds read */
    {
        EV_VEC(ev_claim *) shown = {NULL, 0, 0};
        for (i = base; i < out->n && !rc; i++) {
            ev_draft_figure *d = &out->v[i];
            const ev_intvec *lists[2] = {&d->result.agree,
                                         &d->result.disagree};
            size_t l;
            for (l = 0; l < 2 && !rc; l++) {
                for (j = 0; j < lists[l]->n && !rc; j++) {
                    ev_claim **p = ev_vec_push(&shown);
                    if (!p)
                        rc = ev_err_set(err, EV_ENOMEM, "out of memory");
                    else
                        *p = &d->sources.v[lists[l]->v[j]];
                }
            }
        }
        if (!rc)
            rc = ev_index_claims_cites(idx, shown.v, shown.n, err);
        free(shown.v);
    }
done:
    if (q)
        for (i = 0; i < n_q; i++)
            free(q[i].words);
    free(q);
    ev_feat_cache_free(cache);
    ev_lines_release(&lines);
    ev_doc_release(&doc);
    return rc;
}

int ev_check_draft(ev_index *idx, const ev_extractor *ex,
                   const ev_synonyms *syn, const char *path,
                   ev_draft_vec *out, ev_err *err)
{
    FILE *fp = fopen(path, "rb");
    ev_buf b = EV_BUF_INIT;
    char chunk[65536];
    size_t n;
    int rc;
    if (!fp)
        return ev_err_set(err, EV_EIO, "cannot open draft '%s'", path);
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        if (ev_buf_add(&b, chunk, n))
            break;
    if (ferror(fp) || b.oom) {
        fclose(fp);
        ev_buf_release(&b);
        return ev_err_set(err, EV_EIO, "cannot read draft '%s'", path);
    }
    fclose(fp);
    if (!b.len) {
        ev_buf_release(&b);
        return 0;
    }
    rc = ev_check_text(idx, ex, syn, path, b.ptr, b.len, out, err);
    ev_buf_release(&b);
    return rc;
}
