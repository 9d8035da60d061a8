/*
 * Comparing claims across documents. Each claim is turned into features
 * read from the claim itself: its unit family, its interval widened by
 * rounding and qualifier, the stemmed content words around the figure
 * (after synonym sets), the countries named next to it, whether it is a
 * demand or target rather than a measurement, whether it is one end of a
 * change over time, and its year. Two claims measure the same quantity
 * when those agree and enough weighted words are shared; they conflict
 * when their widened intervals do not overlap. Candidate pairs come from
 * an inverted index over (unit family, word), so large claim sets are
 * never compared all against all.
 */
#include "compare_int.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Relative widening of an approximate figure ("about 75"). */
#define APPROX_REL 0.10
/* Content words taken on each side of the figure. */
#define WINDOW_WORDS 12
/* Content words searched on each side for a country. */
#define ENTITY_WORDS 4
/* Content words searched before the figure for a demand/target cue. */
#define KIND_WORDS 8
/* Minimum weighted word overlap for "same quantity". */
#ifndef SIM_MIN
#define SIM_MIN 0.15
#endif
/* Below this, a pair must share three words. */
#define SIM_WEAK 0.25
#define MAX_YEARS 8

/* ------------------------------------------------------------------ */
/* Unit families                                                        */

typedef struct phys_unit {
    const char *name;
    const char *family;
    double factor; /* to the family's base unit */
} phys_unit;

static const phys_unit phys_units[] = {
    {"mg", "mass", 1e-3},        {"g", "mass", 1},
    {"kg", "mass", 1e3},         {"t", "mass", 1e6},
    {"tonne", "mass", 1e6},      {"tonnes", "mass", 1e6},
    {"ton", "mass", 907184.74},  {"tons", "mass", 907184.74},
    {"lb", "mass", 453.59237},   {"oz", "mass", 28.349523},
    {"mm", "length", 1e-3},      {"cm", "length", 1e-2},
    {"m", "length", 1},          {"km", "length", 1e3},
    {"mi", "length", 1609.344},  {"miles", "length", 1609.344},
    {"ft", "length", 0.3048},    {"in", "length", 0.0254},
    {"s", "time", 1},            {"min", "time", 60},
    {"h", "time", 3600},         {"hours", "time", 3600},
    {"days", "time", 86400},     {"day", "time", 86400},
    {"weeks", "time", 604800},   {"week", "time", 604800},
    {"months", "time", 2629800}, {"month", "time", 2629800},
    {"years", "time", 31557600}, {"year", "time", 31557600},
    {"ml", "volume", 1e-3},      {"l", "volume", 1},
    {"m3", "volume", 1e3},       {"ha", "area", 1e4},
    {"km2", "area", 1e6},        {"m2", "area", 1},
    {"acres", "area", 4046.8564},{"w", "power", 1},
    {"kw", "power", 1e3},        {"mw", "power", 1e6},
    {"gw", "power", 1e9},        {"kwh", "energy", 1},
    {"mwh", "energy", 1e3},      {"gwh", "energy", 1e6},
    {"twh", "energy", 1e9},
};

/* Writes the family key of unit to fam and returns the factor that
 * converts a value in unit to the family's base. */
static double unit_family(const char *unit, char *fam, size_t fam_len)
{
    char low[EV_UNIT_LEN];
    size_t i, n = 0;
    if (!unit || !*unit) {
        snprintf(fam, fam_len, "count");
        return 1;
    }
    for (i = 0; unit[i] && n + 1 < sizeof(low); i++)
        low[n++] = (char)tolower((unsigned char)unit[i]);
    low[n] = '\0';
    if (!strcmp(low, "percent") || !strcmp(low, "%") ||
        !strcmp(low, "pct") || !strcmp(low, "per cent")) {
        snprintf(fam, fam_len, "percent");
        return 1;
    }
    if (!strcmp(low, "pp") || !strncmp(low, "percentage point", 16)) {
        snprintf(fam, fam_len, "percentage points");
        return 1;
    }
    if (!strcmp(low, "$")) {
        snprintf(fam, fam_len, "money USD");
        return 1;
    }
    if (n == 3 && isupper((unsigned char)unit[0]) &&
        isupper((unsigned char)unit[1]) && isupper((unsigned char)unit[2])) {
        snprintf(fam, fam_len, "money %s", unit);
        return 1;
    }
    for (i = 0; i < sizeof(phys_units) / sizeof(phys_units[0]); i++) {
        if (!strcmp(low, phys_units[i].name)) {
            snprintf(fam, fam_len, "%s", phys_units[i].family);
            return phys_units[i].factor;
        }
    }
    snprintf(fam, fam_len, "%s", low);
    return 1;
}

int ev_unit_same_family(const char *a, const char *b)
{
    char fa[EV_UNIT_LEN + 8], fb[EV_UNIT_LEN + 8];
    unit_family(a, fa, sizeof(fa));
    unit_family(b, fb, sizeof(fb));
    return strcmp(fa, fb) == 0;
}

/* ------------------------------------------------------------------ */
/* Precision and intervals                                              */

static double scale_word(const char *s, size_t len)
{
    static const struct {
        const char *w;
        double v;
    } t[] = {{"thousand", 1e3}, {"k", 1e3},        {"million", 1e6},
             {"mn", 1e6},       {"m", 1e6},        {"billion", 1e9},
             {"bn", 1e9},       {"b", 1e9},        {"trillion", 1e12},
             {"tn", 1e12},      {"lakh", 1e5},     {"crore", 1e7}};
    size_t i, k;
    for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        if (strlen(t[i].w) != len)
            continue;
        for (k = 0; k < len; k++)
            if (tolower((unsigned char)s[k]) != t[i].w[k])
                break;
        if (k == len)
            return t[i].v;
    }
    return 1;
}

/*
 * The number of decimals "%.10g" prints for v >= 0 (0 when it prints
 * no point), or -1 when this cannot tell without printing: v is then
 * outside [1e-4, 1e9), not finite, or not the double nearest to a
 * decimal of at most 10 significant digits. When v is the double
 * nearest to m / 10^k (m < 10^10, k smallest), "%.10g" rounds v's exact
 * value (within half an ulp, far below its 10th digit) to m / 10^k and
 * drops trailing zeros: k decimals, no exponent in this range.
 */
int ev_compare__typed_decimals(double v)
{
    static const double p10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
                                 1e8, 1e9, 1e10, 1e11, 1e12, 1e13};
    int k;
    if (v == 0)
        return 0;
    if (!(v >= 1e-4 && v < 1e9))
        return -1;
    for (k = 0; k < (int)(sizeof(p10) / sizeof(p10[0])); k++) {
        double m = nearbyint(v * p10[k]);
        if (m >= 1e10)
            return -1;
        /* m and 10^k are exact, so the quotient is correctly rounded */
        if (m / p10[k] == v)
            return k;
    }
    return -1;
}

/*
 * Half of the last written unit of the figure: "75" 0.5, "74.5" 0.05,
 * "1.7 billion" 0.05e9. Figures in words count as exact integers except
 * for a trailing million/billion/trillion.
 */
static double half_unit(const char *surface, double value)
{
    const char *p, *last = NULL, *q, *dot = NULL;
    size_t dec = 0, wl;
    double scale = 1;
    if (!surface || !*surface) {
        /* a typed figure: its value is all we have */
        char buf[64];
        double v = fabs(value), place;
        int d = ev_compare__typed_decimals(v);
        if (d > 0)
            return 0.5 * pow(10, -(double)d);
        if (d < 0) {
            snprintf(buf, sizeof(buf), "%.10g", v);
            dot = strchr(buf, '.');
            if (dot && !strchr(buf, 'e'))
                return 0.5 * pow(10, -(double)strlen(dot + 1));
        }
        if (v < 1e6 || v != floor(v))
            return 0.5;
        /* "$2 billion" arrives as 2e9: its last written digit counts */
        for (place = 1e6; fmod(v, place * 10) == 0 && place < 1e15;)
            place *= 10;
        return 0.5 * place;
    }
    for (p = surface; *p; p++) {
        if (!isdigit((unsigned char)*p))
            continue;
        if (p > surface &&
            (isdigit((unsigned char)p[-1]) ||
             ((p[-1] == '.' || p[-1] == ',') && p - 1 > surface &&
              isdigit((unsigned char)p[-2]))))
            continue;
        last = p;
    }
    if (last) {
        for (q = last; isdigit((unsigned char)*q) ||
                       ((*q == ',' || *q == '.') &&
                        isdigit((unsigned char)q[1]));
             q++)
            if (*q == '.')
                dot = q;
        if (dot)
            for (p = dot + 1; isdigit((unsigned char)*p); p++)
                dec++;
        while (isspace((unsigned char)*q))
            q++;
        for (wl = 0; isalpha((unsigned char)q[wl]); wl++)
            ;
        if (wl)
            scale = scale_word(q, wl);
        return 0.5 * pow(10, -(double)dec) * scale;
    }
    /* in words: exact, except a trailing million/billion/trillion */
    for (p = surface; *p; p++) {
        if (!isalpha((unsigned char)*p) ||
            (p > surface && isalpha((unsigned char)p[-1])))
            continue;
        for (wl = 0; isalpha((unsigned char)p[wl]); wl++)
            ;
        if (wl > 2 && scale_word(p, wl) >= 1e6)
            scale = scale_word(p, wl);
    }
    return 0.5 * scale;
}

typedef struct ivl {
    double lo, hi;
} ivl;

static ivl widen(double lo, double hi, int qualifier, double half,
                 double approx_rel)
{
    ivl r;
    r.lo = lo - half;
    r.hi = hi + half;
    switch (qualifier) {
    case EV_Q_APPROX:
        r.lo -= approx_rel * fabs(lo);
        r.hi += approx_rel * fabs(hi);
        break;
    case EV_Q_AT_LEAST:
    case EV_Q_MORE_THAN:
        r.hi = HUGE_VAL;
        break;
    case EV_Q_AT_MOST:
    case EV_Q_LESS_THAN:
        r.lo = -HUGE_VAL;
        break;
    default:
        break;
    }
    return r;
}

static int overlap(ivl a, ivl b) { return a.lo <= b.hi && b.lo <= a.hi; }

/* Distance between two intervals relative to their magnitude; 0 when
 * they overlap. */
static double rel_gap(ivl a, ivl b)
{
    double gap, mag;
    if (overlap(a, b))
        return 0;
    gap = a.hi < b.lo ? b.lo - a.hi : a.lo - b.hi;
    mag = fmax(fmax(fabs(a.lo), fabs(a.hi)), fmax(fabs(b.lo), fabs(b.hi)));
    if (!isfinite(mag) || mag <= 0) {
        mag = 0;
        if (isfinite(a.lo)) mag = fmax(mag, fabs(a.lo));
        if (isfinite(a.hi)) mag = fmax(mag, fabs(a.hi));
        if (isfinite(b.lo)) mag = fmax(mag, fabs(b.lo));
        if (isfinite(b.hi)) mag = fmax(mag, fabs(b.hi));
    }
    return mag > 0 ? gap / mag : gap;
}

double ev_figure_match(const ev_quantity *fig, const ev_claim *c,
                       double tolerance_pct)
{
    char ff[EV_UNIT_LEN + 8], cf[EV_UNIT_LEN + 8];
    double fk = unit_family(fig->unit, ff, sizeof(ff));
    double ck = unit_family(c->unit, cf, sizeof(cf));
    double half, score, fmid, cmid, mag;
    ivl f, cw, cs;
    if (strcmp(ff, cf) != 0)
        return -1;
    half = half_unit(NULL, fig->hi) * fk;
    if (tolerance_pct >= 0)
        half = tolerance_pct / 100.0 * fmax(fabs(fig->lo), fabs(fig->hi)) *
               fk;
    f = widen(fig->lo * fk, fig->hi * fk, fig->qualifier, half, APPROX_REL);
    cs.lo = c->lo * ck;
    cs.hi = c->hi * ck;
    cw = widen(cs.lo, cs.hi, c->qualifier, half_unit(c->surface, c->hi) * ck,
               APPROX_REL);
    /* touching ends (74.55 and 74.55) do not match; the tolerance is
     * relative to the overlap's own ends, which are finite unless both
     * sides are open ("more than 80%" and "over 85%") */
    {
        double olo = fmax(f.lo, cw.lo), ohi = fmin(f.hi, cw.hi);
        double omag = fmax(isfinite(olo) ? fabs(olo) : 0,
                          isfinite(ohi) ? fabs(ohi) : 0);
        if (!(ohi - olo > 1e-9 * omag))
            return -1;
    }
    fmid = (fig->lo + fig->hi) / 2 * fk;
    cmid = (cs.lo + cs.hi) / 2;
    mag = fmax(fabs(fmid), fabs(cmid));
    score = 1.0 - (mag > 0 ? fabs(fmid - cmid) / mag : 0);
    if (score < 0.01)
        score = 0.01;
    if (fig->lo * fk == cs.lo && fig->hi * fk == cs.hi)
        score += 1.0;
    if (c->qualifier == EV_Q_EXACT || c->qualifier == fig->qualifier)
        score += 0.5;
    if (c->qualifier == EV_Q_AT_LEAST || c->qualifier == EV_Q_MORE_THAN ||
        c->qualifier == EV_Q_AT_MOST || c->qualifier == EV_Q_LESS_THAN)
        score -= 0.25;
    /* 1.0 + 1.0 + 0.5 at most: EV_FIGURE_MATCH_BEST */
    return score;
}

/* ------------------------------------------------------------------ */
/* Tokens                                                               */

enum {
    TK_WORD = EV_TK_WORD,
    TK_NUM = EV_TK_NUM,
    TK_NUMWORD = EV_TK_NUMWORD,
    TK_PUNCT = EV_TK_PUNCT
};

typedef struct tok {
    size_t s, e;          /* byte span in the sentence */
    int kind;
    char punct;
    char raw[EV_WORD_MAX]; /* as written (letters/digits only) */
    char low[EV_WORD_MAX];
    char stem[EV_WORD_MAX];
    unsigned cls;         /* EV_WC_* */
    int name, name_any;   /* as ev_lex */
    int year;             /* as ev_lex */
    uint64_t word;        /* ev_lex.term */
    uint64_t term;        /* 0: not a content word */
    int entity;           /* country id, or 0 */
    int cont;             /* a later word of a synonym phrase */
} tok;

typedef EV_VEC(tok) tok_vec;

/* Token buffers for feat_build: the last sentence's tokens, kept with
 * their text and its key (the claims of a sentence come together, and
 * tokenizing the sentence is most of building a claim's features), a
 * scratch vector for the subject, the words read so far, and the last
 * unit's family. Zeroed is empty. */
typedef struct tok_scratch {
    tok_vec sent, tv;
    char *text;       /* the sentence sent holds, or NULL */
    size_t len;
    uint64_t key;     /* sent_key of text in key_doc, or 0 */
    char *key_doc;    /* NULL for a claim without a document */
    ev_lexicon lex;
    int have_unit;
    char unit[EV_UNIT_LEN];
    char fam[EV_UNIT_LEN + 8];
    double unit_k;
} tok_scratch;

static void scratch_release(tok_scratch *ts)
{
    free(ts->sent.v);
    free(ts->tv.v);
    free(ts->text);
    free(ts->key_doc);
    ev_compare__lexicon_release(&ts->lex);
    memset(ts, 0, sizeof(*ts));
}

/* A clause dash at text[i]: an em dash, or an en dash or hyphen(s)
 * with spaces on both sides. */
static int is_dash(const char *text, size_t len, size_t i)
{
    size_t w = 0;
    int em = 0;
    if (text[i] == '-') {
        for (w = i; w < len && text[w] == '-'; w++)
            ;
        w -= i;
    } else if ((unsigned char)text[i] == 0xE2 && i + 2 < len &&
               (unsigned char)text[i + 1] == 0x80 &&
               ((unsigned char)text[i + 2] == 0x93 ||
                (unsigned char)text[i + 2] == 0x94)) {
        w = 3;
        em = (unsigned char)text[i + 2] == 0x94;
    }
    if (!w)
        return 0;
    if (em)
        return 1;
    return i > 0 && isspace((unsigned char)text[i - 1]) && i + w < len &&
           isspace((unsigned char)text[i + w]);
}

/* Sets the fields of word token t that depend on the word alone. */
static void read_word(tok *t, ev_lexicon *lx, const char *raw, size_t len)
{
    ev_lex tmp;
    const ev_lex *x = ev_compare__lexicon_get(lx, raw, len, &tmp);
    memcpy(t->raw, raw, len + 1);
    memcpy(t->low, x->low, len + 1);
    memcpy(t->stem, x->stem, x->stem_len + 1);
    t->kind = x->kind;
    t->cls = x->cls;
    t->name = x->name;
    t->name_any = x->name_any;
    t->year = x->year;
    t->word = x->term;
}

/* Splits text into words (letters and digits; "U.S." is one word),
 * numbers and the punctuation that bounds phrases. Words are read
 * through lx (may be NULL). */
static int tokenize(const char *text, size_t len, tok_vec *out,
                    ev_lexicon *lx)
{
    size_t i = 0;
    out->n = 0;
    while (i < len) {
        unsigned char ch = (unsigned char)text[i];
        tok *t;
        if (isalnum(ch)) {
            size_t s = i, wl = 0;
            int digits_first = isdigit(ch) != 0;
            char raw[EV_WORD_MAX];
            if (digits_first) {
                while (i < len &&
                       (isdigit((unsigned char)text[i]) ||
                        ((text[i] == ',' || text[i] == '.') && i + 1 < len &&
                         isdigit((unsigned char)text[i + 1])))) {
                    if (wl + 1 < sizeof(raw))
                        raw[wl++] = text[i];
                    i++;
                }
            } else if (i + 3 < len && text[i + 1] == '.' &&
                       isalpha((unsigned char)text[i + 2]) &&
                       text[i + 3] == '.') {
                /* an initialism: "U.S.", "U.K.", "U.S.A." */
                while (i + 1 < len && isalpha((unsigned char)text[i]) &&
                       text[i + 1] == '.' && wl + 1 < sizeof(raw)) {
                    raw[wl++] = text[i];
                    i += 2;
                }
            }
            while (i < len && isalnum((unsigned char)text[i])) {
                if (wl + 1 < sizeof(raw))
                    raw[wl++] = text[i];
                i++;
            }
            raw[wl] = '\0';
            if (digits_first && s > 0 &&
                (isalpha((unsigned char)text[s - 1]) || text[s - 1] == '.' ||
                 text[s - 1] == ')' || text[s - 1] == '"' ||
                 (unsigned char)text[s - 1] >= 0x80) &&
                (s < 2 || !isdigit((unsigned char)text[s - 2])) &&
                text[s - 1] != '$') {
                /* a note marker glued to the text ("Japan.29") */
                continue;
            }
            t = ev_vec_push(out);
            if (!t)
                return EV_ENOMEM;
            t->s = s;
            t->e = i;
            read_word(t, lx, raw, wl);
            continue;
        }
        if (is_dash(text, len, i)) {
            /* a spaced dash or an em dash sets off a clause; "US–Japan"
             * and "30–40" stay joined */
            t = ev_vec_push(out);
            if (!t)
                return EV_ENOMEM;
            t->s = i;
            t->e = i + 1;
            t->kind = TK_PUNCT;
            t->punct = '-';
        } else if (ch == ',' || ch == ';' || ch == ':' || ch == '(' ||
                   ch == ')' || ch == '.' || ch == '!' || ch == '?') {
            t = ev_vec_push(out);
            if (!t)
                return EV_ENOMEM;
            t->s = i;
            t->e = i + 1;
            t->kind = TK_PUNCT;
            t->punct = (char)ch;
        }
        i++;
    }
    return 0;
}

static int entity_of(const tok_vec *tv, size_t i, int any_case)
{
    const tok *t = &tv->v[i];
    int upper = isupper((unsigned char)t->raw[0]) != 0;
    if (t->kind != TK_WORD)
        return 0;
    /* subjects are lowercased: match names, not "us" */
    if (!upper && (!any_case || !strcmp(t->low, "us")))
        return 0;
    if (t->cls & EV_WC_PAIR) {
        int id = ev_compare__entity_pair(i > 0 ? tv->v[i - 1].raw : NULL,
                                         t->raw,
                                         i + 1 < tv->n ? tv->v[i + 1].raw
                                                       : NULL,
                                         !upper);
        if (id)
            return id;
    }
    return upper ? t->name : t->name_any;
}

/* Sets term and entity on every token; synonym phrases get their set's
 * id on the first word and no term on the rest. */
static void assign_terms(const ev_synonyms *syn, tok_vec *tv, int any_case)
{
    size_t i;
    const char *stems[6];
    for (i = 0; i < tv->n; i++) {
        tok *t = &tv->v[i];
        t->term = 0;
        t->cont = 0;
        t->entity = entity_of(tv, i, any_case);
    }
    for (i = 0; i < tv->n; i++) {
        tok *t = &tv->v[i];
        size_t n = 0, k, got;
        uint64_t canon = 0;
        if (t->kind != TK_WORD)
            continue;
        for (k = i; k < tv->n && n < 6 && tv->v[k].kind == TK_WORD; k++)
            stems[n++] = tv->v[k].stem;
        got = ev_compare__syn_match(syn, stems, n, &canon);
        if (got) {
            t->term = canon;
            for (k = 1; k < got; k++)
                tv->v[i + k].cont = 1;
            i += got - 1;
            continue;
        }
        if (t->entity) {
            /* "Japanese" and "Japan" are one word; "US" says little */
            if (t->entity != 1)
                t->term = 0xE7000000ULL + (uint64_t)t->entity;
            continue;
        }
        t->term = t->word;
    }
}

/* ------------------------------------------------------------------ */
/* Claim features                                                       */

enum { KIND_MEASURE = 0, KIND_DEMAND, KIND_TARGET, KIND_PART };

typedef struct term {
    uint64_t h;
    double w;     /* idf times prox */
    double prox;  /* 1 next to the figure, less further away */
    char word[24];
} term;

typedef struct feat {
    char fam[EV_UNIT_LEN + 8];
    uint64_t fam_h;
    ivl stated, wide;
    term *t;
    size_t n_t;
    double norm;
    unsigned char ent[72]; /* entity ids present near the figure */
    int has_ent;
    int kind;
    int change;
    int year;
    int years[MAX_YEARS];
    int n_years;
    uint64_t head; /* counted noun right after a count, or 0 */
    uint64_t sent_key;
    size_t f0, f1; /* figure span in the sentence */
    size_t ph0, ph1; /* what it is "of" ("the total cost"), or 0, 0 */
    int has_pos;
    /* t[] by hash (build_feats sets them, in one block at hs; NULL
     * elsewhere): hs[k] is the k-th smallest hash, t[byh[k]] its term,
     * ws[k] that term's weight */
    uint64_t *hs;
    double *ws;
    unsigned *byh;
} feat;

static void feat_release(feat *f)
{
    free(f->t);
    free(f->hs);
    memset(f, 0, sizeof(*f));
}

/* Finds surface in sentence with any run of white space matching any
 * other ("24 \npercent" in a sentence whose lines were joined). */
static int find_loose(const char *sentence, const char *surface, size_t *f0,
                      size_t *f1)
{
    const char *p;
    for (p = sentence; *p; p++) {
        const char *a = p, *b = surface;
        while (*a && *b) {
            if (isspace((unsigned char)*a) && isspace((unsigned char)*b)) {
                while (isspace((unsigned char)*a))
                    a++;
                while (isspace((unsigned char)*b))
                    b++;
            } else if (*a == *b) {
                a++;
                b++;
            } else {
                break;
            }
        }
        if (!*b) {
            *f0 = (size_t)(p - sentence);
            *f1 = (size_t)(a - sentence);
            return 1;
        }
    }
    return 0;
}

/* Locates the figure in the claim's sentence. */
static int figure_pos(const ev_claim *c, size_t *f0, size_t *f1)
{
    size_t slen;
    const char *hit;
    if (!c->sentence)
        return 0;
    slen = strlen(c->sentence);
    if (c->sent_end > c->sent_start && c->start >= c->sent_start &&
        c->end <= c->sent_end && c->sent_end - c->sent_start == slen) {
        *f0 = c->start - c->sent_start;
        *f1 = c->end - c->sent_start;
        return 1;
    }
    if (c->surface && *c->surface) {
        hit = strstr(c->sentence, c->surface);
        if (hit) {
            *f0 = (size_t)(hit - c->sentence);
            *f1 = *f0 + strlen(c->surface);
            return 1;
        }
        return find_loose(c->sentence, c->surface, f0, f1);
    }
    return 0;
}

static int add_term(feat *f, size_t *cap, uint64_t h, const char *word,
                    double prox)
{
    size_t k, len;
    for (k = 0; k < f->n_t; k++)
        if (f->t[k].h == h) {
            if (prox > f->t[k].prox)
                f->t[k].prox = prox;
            return 0;
        }
    if (f->n_t == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        term *nt = realloc(f->t, nc * sizeof(*nt));
        if (!nt)
            return EV_ENOMEM;
        f->t = nt;
        *cap = nc;
    }
    f->t[f->n_t].h = h;
    f->t[f->n_t].w = 1;
    f->t[f->n_t].prox = prox;
    /* as snprintf "%s" would: cut to fit, always terminated */
    len = strlen(word);
    if (len >= sizeof(f->t[f->n_t].word))
        len = sizeof(f->t[f->n_t].word) - 1;
    memcpy(f->t[f->n_t].word, word, len);
    f->t[f->n_t].word[len] = '\0';
    f->n_t++;
    return 0;
}

static int is_stop_punct(const tok *t)
{
    return t->kind == TK_PUNCT &&
           (t->punct == ',' || t->punct == ';' || t->punct == ':' ||
            t->punct == '.' || t->punct == '!' || t->punct == '?' ||
            t->punct == '-');
}

/* Countries named next to the figure, within its own list item or
 * clause: the scan stops at punctuation, another number, or a word that
 * separates compared items ("versus", "while"). */
/* One token of the scan around a figure: stops (returns 1) at a clause
 * stop, a number or a separator word; marks an entity and counts the
 * words that matter. */
static int entity_token(feat *f, const tok *t, size_t *words)
{
    if (is_stop_punct(t) || t->kind == TK_NUM ||
        (t->cls & EV_WC_SEPARATOR))
        return 1;
    if (t->kind != TK_WORD)
        return 0;
    if (t->entity) {
        f->ent[t->entity] = 1;
        f->has_ent = 1;
    }
    if (t->term || t->entity)
        (*words)++;
    return 0;
}

static void find_entities(const tok_vec *tv, size_t first, size_t last,
                          feat *f)
{
    size_t i, words;
    int in_paren = 0;
    /* left */
    words = 0;
    for (i = first; i-- > 0 && words < ENTITY_WORDS;) {
        const tok *t = &tv->v[i];
        if (t->kind == TK_PUNCT && t->punct == ')') {
            /* an aside: "Japan's share ("offset rate") stands at 74.5" */
            size_t k = i;
            while (k > 0 && !(tv->v[k - 1].kind == TK_PUNCT &&
                              (tv->v[k - 1].punct == '(' ||
                               tv->v[k - 1].punct == ')')))
                k--;
            if (k == 0 || tv->v[k - 1].punct != '(')
                break;
            i = k - 1;
            continue;
        }
        if (entity_token(f, t, &words))
            break;
    }
    /* right */
    words = 0;
    for (i = last + 1; i < tv->n && words < ENTITY_WORDS; i++) {
        const tok *t = &tv->v[i];
        if (t->kind == TK_PUNCT && t->punct == '(') {
            in_paren = 1;
            continue;
        }
        if (t->kind == TK_PUNCT && t->punct == ')') {
            if (in_paren)
                break;
            continue;
        }
        if (entity_token(f, t, &words))
            break;
    }
}

static int is_other_figure(const tok *t);

static void mark_entity(feat *f, int id)
{
    if (id > 0 && (size_t)id < sizeof(f->ent)) {
        f->ent[id] = 1;
        f->has_ent = 1;
    }
}


/* Any country near the figure besides the US (the usual frame)? */
static int has_foreign(const feat *f)
{
    size_t i;
    for (i = 2; i < sizeof(f->ent); i++)
        if (f->ent[i])
            return 1;
    return 0;
}

/* With no country next to the figure, the sentence's countries stand in:
 * "... in Japan, and about 54,000 personnel serve there", except those
 * after the figure's clause and those that belong to another figure. */
static void sentence_entities(const tok_vec *tv, size_t first, size_t last,
                              feat *f)
{
    size_t i, k, end = last + 1;
    /* the setting comes before the figure; after it, only its clause
     * ("... of some 9,000 Marines to Guam—...—deterrence against China") */
    while (end < tv->n && !is_stop_punct(&tv->v[end]))
        end++;
    for (i = 0; i < end; i++) {
        int owned = 0;
        if (!tv->v[i].entity || (i >= first && i <= last))
            continue;
        /* "while the UK 27.1, Italy 41": those belong to their figures */
        for (k = i > 2 ? i - 2 : 0; k <= i + 2 && k < tv->n && !owned; k++)
            owned = (k < first || k > last) && is_other_figure(&tv->v[k]);
        if (!owned) {
            f->ent[tv->v[i].entity] = 1;
            f->has_ent = 1;
        }
    }
}

/* Demand or target: the nearest cue word before the figure (or just
 * after it) decides. */
static int find_kind(const tok_vec *tv, size_t first, size_t last)
{
    size_t i, words = 0;
    for (i = first; i-- > 0 && words < KIND_WORDS;) {
        const tok *t = &tv->v[i];
        if (t->kind == TK_PUNCT && (t->punct == '.' || t->punct == ';'))
            break;
        if (t->kind != TK_WORD)
            continue;
        if ((t->cls & EV_WC_DEMAND) && strcmp(t->low, "called") &&
            strcmp(t->low, "expected"))
            return KIND_DEMAND;
        if ((t->cls & EV_WC_TARGET))
            return KIND_TARGET;
        words++;
    }
    words = 0;
    for (i = last + 1; i < tv->n && words < 3; i++) {
        const tok *t = &tv->v[i];
        if (is_stop_punct(t))
            break;
        if (t->kind != TK_WORD)
            continue;
        if ((t->cls & EV_WC_TARGET))
            return KIND_TARGET;
        words++;
    }
    return KIND_MEASURE;
}

/* One end of a change: "from X" / "to X" after a change verb. */
static int find_change(const tok_vec *tv, size_t first)
{
    size_t i = first, k;
    while (i > 0 && tv->v[i - 1].kind == TK_WORD &&
           ((tv->v[i - 1].cls & EV_WC_STOP) &&
            strcmp(tv->v[i - 1].low, "from") && strcmp(tv->v[i - 1].low, "to")))
        i--;
    if (i == 0 || (strcmp(tv->v[i - 1].low, "from") &&
                   strcmp(tv->v[i - 1].low, "to")))
        return 0;
    for (k = i - 1; k-- > 0 && i - k < 40;) {
        if (tv->v[k].kind == TK_WORD && (tv->v[k].cls & EV_WC_CHANGE))
            return 1;
    }
    return 0;
}

static double prox_of(size_t d)
{
    return d <= 3 ? 1.0 : d <= 6 ? 0.7 : 0.4;
}

/*
 * Adds the content words of tokens [lo, hi] with a weight that falls
 * with their distance (in content words) from the figure [first, last].
 * Another figure of the sentence takes the words on its side of the
 * midpoint: in "54,000 troops ... use of 85 facilities" the troops
 * belong to 54,000 and the facilities to 85.
 */
static int is_other_figure(const tok *t)
{
    return (t->kind == TK_NUM || t->kind == TK_NUMWORD) && !t->year;
}

/*
 * Content words between two figures at tokens a < b that belong to the
 * one on side (1: a's right, 0: b's left): a comma or semicolon between
 * them splits the clauses, else the nearer half.
 */
static size_t split_words(const tok_vec *tv, size_t a, size_t b, int right)
{
    size_t i, n = 0, before = 0, cut = 0;
    int have_cut = 0;
    for (i = a + 1; i < b; i++) {
        const tok *t = &tv->v[i];
        if (is_stop_punct(t)) {
            /* the cut nearest to the other figure */
            if (right && !have_cut) {
                cut = n;
                have_cut = 1;
            } else if (!right) {
                cut = n;
                have_cut = 1;
            }
        }
        n += t->term != 0;
    }
    before = have_cut ? cut : (n + 1) / 2;
    if (right)
        return before;
    return have_cut ? n - cut : (n + 1) / 2;
}

static int add_window(feat *f, size_t *cap, const tok_vec *tv, size_t lo,
                      size_t hi, size_t first, size_t last)
{
    size_t i, d, n_words, allowed;
    int bounded;
    int rc;
    if (!f->has_pos) {
        for (i = lo; i <= hi && i < tv->n; i++)
            if (tv->v[i].term &&
                (rc = add_term(f, cap, tv->v[i].term, tv->v[i].low, 0.7)))
                return rc;
        return 0;
    }
    /* left: count, then take the nearer half if a figure bounds it */
    n_words = 0;
    bounded = 0;
    for (i = first; i-- > lo;) {
        if (is_other_figure(&tv->v[i])) {
            bounded = 1;
            break;
        }
        n_words += tv->v[i].term != 0;
    }
    allowed = bounded ? split_words(tv, i, first, 0) : n_words;
    d = 0;
    for (i = first; i-- > lo && d < allowed;) {
        const tok *t = &tv->v[i];
        if (!t->term)
            continue;
        d++;
        rc = add_term(f, cap, t->term, t->low, prox_of(d));
        if (rc)
            return rc;
    }
    n_words = 0;
    bounded = 0;
    for (i = last + 1; i <= hi && i < tv->n; i++) {
        if (is_other_figure(&tv->v[i])) {
            bounded = 1;
            break;
        }
        n_words += tv->v[i].term != 0;
    }
    allowed = bounded ? split_words(tv, last, i, 1) : n_words;
    d = 0;
    for (i = last + 1; i <= hi && i < tv->n && d < allowed; i++) {
        const tok *t = &tv->v[i];
        if (!t->term)
            continue;
        d++;
        rc = add_term(f, cap, t->term, t->low, prox_of(d));
        if (rc)
            return rc;
    }
    return 0;
}

/*
 * Adds the noun phrase after "of" at tokens[at] ("of the overall cost of
 * US forces in Japan"): content words up to punctuation, a word that ends
 * the phrase, or another figure; a parenthesis right after the phrase (an
 * alias, "("stationing cost offset percentage")") is read too.
 */
static int add_chain(feat *f, size_t *cap, const tok_vec *tv, size_t at,
                     int ents, size_t from)
{
    size_t i, words = 0, end = 0;
    int in_paren = 0, rc;
    for (i = at + 1; i < tv->n && words < 8; i++) {
        const tok *t = &tv->v[i];
        if (t->kind == TK_PUNCT) {
            if (t->punct == '(' && !in_paren) {
                in_paren = 1;
                continue;
            }
            break;
        }
        if (is_other_figure(t) || (t->cls & EV_WC_PHRASE_END))
            break;
        if (t->entity && ents)
            mark_entity(f, t->entity);
        if (t->cont && !in_paren)
            end = t->e;
        if (!t->term)
            continue;
        words++;
        if (!in_paren)
            end = t->e;
        rc = add_term(f, cap, t->term, t->low, 1.0);
        if (rc)
            return rc;
    }
    /* the first phrase names the quantity in messages */
    if (end > from && !f->ph1) {
        f->ph0 = from;
        f->ph1 = end;
    }
    return 0;
}

/* Is the figure [first, last] the one nearest to token m? A phrase
 * belongs to its nearest figure ("provides $2 billion to offset the cost
 * of ..., in addition to millions of dollars of equipment"). */
static int nearest_figure(const tok_vec *tv, size_t m, size_t first,
                          size_t last)
{
    size_t d = m < first ? first - m : m > last ? m - last : 0, i;
    size_t lo = m > d ? m - d : 0, hi = m + d < tv->n ? m + d : tv->n - 1;
    for (i = lo; i <= hi; i++)
        if ((i < first || i > last) && is_other_figure(&tv->v[i]))
            return 0;
    return 1;
}

/* A list item: no content word but a country between the figure and
 * the punctuation around it ("while the UK 27.1, Italy 41, ..."). Such a
 * figure measures what the list's head measures. */
/* One side of is_bare: walks from tv->v[i] by step (+1 or -1) to the
 * punctuation or figure that ends the item. Returns -1 when a content
 * word stands there, else whether an entity does. */
static int bare_side(const tok_vec *tv, size_t i, int step)
{
    int ent = 0;
    for (; i < tv->n; i += (size_t)step) {
        const tok *t = &tv->v[i];
        if (t->kind == TK_PUNCT || is_other_figure(t))
            break;
        if (t->term && !t->entity)
            return -1;
        ent |= t->entity != 0;
    }
    return ent;
}

static int is_bare(const tok_vec *tv, size_t first, size_t last)
{
    int before = first > 0 ? bare_side(tv, first - 1, -1) : 0;
    int after = before < 0 ? -1 : bare_side(tv, last + 1, 1);
    return before >= 0 && after >= 0 && (before | after);
}

/*
 * What a figure is "of": its own phrase ("86 percent of the total cost")
 * or else every "share/cost/number of ..." phrase of the sentence that
 * is nearer to it than to any other figure, however far ("the exact percentage of the overall cost ... is
 * difficult to determine ... somewhere in the region of 75 percent").
 * These words name the quantity; they weigh fully.
 */
static int add_of_phrases(feat *f, size_t *cap, const tok_vec *tv,
                          size_t first, size_t last)
{
    size_t i, from;
    int rc;
    /* countries of the phrase count when none is next to the figure */
    int ents = !has_foreign(f);
    int bare = is_bare(tv, first, last);
    for (i = last + 1; i < tv->n && i <= last + 2; i++) {
        if (tv->v[i].kind != TK_WORD)
            break;
        if (!strcmp(tv->v[i].low, "of")) {
            size_t k = i + 1;
            while (k < tv->n && (!strcmp(tv->v[k].low, "the") ||
                                 !strcmp(tv->v[k].low, "a")))
                k++;
            return add_chain(f, cap, tv, i, ents,
                             k < tv->n ? tv->v[k].s : tv->v[i].e);
        }
    }
    for (i = 0; i + 1 < tv->n; i++) {
        const tok *t = &tv->v[i];
        if (t->kind != TK_WORD || !(t->cls & EV_WC_MEASURE) ||
            strcmp(tv->v[i + 1].low, "of") ||
            (!bare && !nearest_figure(tv, i, first, last)))
            continue;
        if (t->term && (rc = add_term(f, cap, t->term, t->low, 1.0)))
            return rc;
        /* the owner: "Japan's share of", "the Japanese share of" (not
         * for a list item, which has its own country) */
        from = t->s;
        if (bare) {
            /* keep the measure noun only */
        } else if (i > 0 && tv->v[i - 1].entity) {
            from = tv->v[i - 1].s;
            if (ents)
                mark_entity(f, tv->v[i - 1].entity);
        } else if (i > 1 && !strcmp(tv->v[i - 1].low, "s") &&
                   tv->v[i - 2].entity) {
            from = tv->v[i - 2].s;
            if (ents)
                mark_entity(f, tv->v[i - 2].entity);
        }
        rc = add_chain(f, cap, tv, i + 1, ents, from);
        if (rc)
            return rc;
    }
    return 0;
}

/* The token of an earlier figure of the sentence that the figure at
 * first measures the same thing as: a rival estimate (a contrasting
 * conjunction, then a reporting verb, between them), the other side of a
 * comparison, or the earlier point of a change; else SIZE_MAX. */
static size_t rival_before(const tok_vec *tv, size_t first, int change)
{
    size_t i;
    int attrib = 0;
    for (i = first; i-- > 0;) {
        const tok *t = &tv->v[i];
        if (is_other_figure(t)) {
            /* "from 78 percent in 2016 to 24 percent": a later point of
             * a series measures what the first one does */
            if (!change)
                return SIZE_MAX;
            while (i > 0 && is_other_figure(&tv->v[i - 1]))
                i--;
            return i;
        }
        if (t->kind != TK_WORD)
            continue;
        if (t->cls & EV_WC_ATTRIB)
            attrib = 1;
        else if ((attrib && (t->cls & EV_WC_CONTRAST)) ||
                 (t->cls & EV_WC_COMPARE))
            break;
    }
    if (i == SIZE_MAX || i == 0)
        return SIZE_MAX;
    while (i-- > 0)
        if (is_other_figure(&tv->v[i])) {
            /* the start of that figure */
            while (i > 0 && is_other_figure(&tv->v[i - 1]))
                i--;
            return i;
        }
    return SIZE_MAX;
}

/* Drops c->year when every mention of it in the sentence dates a
 * publication. */
static void drop_publication_year(const tok_vec *tv, feat *f)
{
    size_t i;
    int seen = 0, pub = 0, k;
    if (!f->year)
        return;
    for (i = 0; i < tv->n; i++) {
        if (tv->v[i].year != f->year)
            continue;
        seen++;
        if (i + 1 < tv->n && (tv->v[i + 1].cls & EV_WC_PUBLICATION))
            pub++;
    }
    if (!seen || pub < seen)
        return;
    for (k = 0; k < f->n_years; k++)
        if (f->years[k] == f->year) {
            f->years[k] = f->years[--f->n_years];
            break;
        }
    f->year = 0;
}

/* Is the year at token i the date of a reporting verb ("said in 2017",
 * "reported on 3 May 2017")? */
static int is_statement_year(const tok_vec *tv, size_t i)
{
    size_t k, back = 0;
    for (k = i; k-- > 0 && back < 4; back++) {
        const tok *t = &tv->v[k];
        if (t->kind == TK_WORD && (t->cls & EV_WC_STATEMENT))
            return 1;
        if (t->kind == TK_PUNCT && t->punct != ',')
            return 0;
        if (t->kind == TK_WORD && strcmp(t->low, "in") &&
            strcmp(t->low, "on") && strcmp(t->low, "of") && !t->term)
            return 0;
    }
    return 0;
}

/* Drops the year when every mention of it dates a statement: such a
 * figure may be compared with any year's. */
static void drop_statement_year(const tok_vec *tv, feat *f)
{
    size_t i;
    int seen = 0, stmt = 0;
    if (!f->year)
        return;
    for (i = 0; i < tv->n; i++) {
        if (tv->v[i].year != f->year)
            continue;
        seen++;
        stmt += is_statement_year(tv, i);
    }
    if (seen && stmt == seen)
        f->year = 0;
}

/* "Thirty-one of the eighty-five", "five of whom": a part of a whole. */
static int is_part(const tok_vec *tv, size_t last)
{
    size_t i = last + 1;
    if (i >= tv->n || strcmp(tv->v[i].low, "of"))
        return 0;
    i++;
    if (i < tv->n && (!strcmp(tv->v[i].low, "whom") ||
                      !strcmp(tv->v[i].low, "which") ||
                      !strcmp(tv->v[i].low, "them")))
        return 1;
    if (i < tv->n && (!strcmp(tv->v[i].low, "the") ||
                      !strcmp(tv->v[i].low, "its") ||
                      !strcmp(tv->v[i].low, "these") ||
                      !strcmp(tv->v[i].low, "those") ||
                      !strcmp(tv->v[i].low, "their")))
        i++;
    return i < tv->n && is_other_figure(&tv->v[i]);
}

/* The counted noun: the first content word after a count, before any
 * punctuation ("54,000 U.S. troops", "85 facilities"). */
static void find_head(const tok_vec *tv, size_t last, feat *f)
{
    size_t i;
    for (i = last + 1; i < tv->n; i++) {
        const tok *t = &tv->v[i];
        if (t->kind == TK_PUNCT || is_other_figure(t))
            break;
        if (!t->term || t->entity)
            continue;
        f->head = t->term;
        break;
    }
}

/* The tokens of sentence s (terms assigned), from ts when it holds them. */
static int sentence_tokens(const ev_synonyms *syn, tok_scratch *ts,
                           const char *s, size_t len, const tok_vec **out)
{
    int rc;
    *out = &ts->sent;
    if (ts->text && ts->len == len && memcmp(ts->text, s, len) == 0)
        return 0;
    free(ts->text);
    ts->text = NULL;
    ts->key = 0;
    rc = tokenize(s, len, &ts->sent, &ts->lex);
    if (rc)
        return rc;
    assign_terms(syn, &ts->sent, 0);
    /* kept only when it can be: a copy that fails is a miss next time */
    ts->text = malloc(len + 1);
    if (ts->text) {
        memcpy(ts->text, s, len);
        ts->text[len] = 0;
        ts->len = len;
    }
    return 0;
}

/* The key of c's sentence in its document, which sentence_tokens has
 * just read (into ts->text, unless out of memory): kept for the next
 * claim of the sentence, as hashing a long sentence again for each of
 * its figures costs more than the rest of their features. */
static uint64_t sentence_key(tok_scratch *ts, const ev_claim *c,
                             size_t slen)
{
    uint64_t h;
    if (ts->key && !c->doc == !ts->key_doc &&
        (!c->doc || !strcmp(c->doc, ts->key_doc)))
        return ts->key;
    if (c->doc)
        h = ev_hash64(c->sentence, slen,
                      ev_hash64(c->doc, strlen(c->doc), 1)) | 1;
    else
        h = ev_hash64(c->sentence, slen, 1) | 1;
    free(ts->key_doc);
    ts->key_doc = NULL;
    ts->key = 0;
    if (ts->text && (!c->doc || (ts->key_doc = ev_strdup(c->doc))))
        ts->key = h;
    return h;
}

/* unit_family of unit, from ts when the last claim had the same unit. */
static double family_of(tok_scratch *ts, const char *unit, char *fam,
                        size_t fam_len)
{
    if (!ts->have_unit || strcmp(unit, ts->unit)) {
        ts->have_unit = 0;
        if (strlen(unit) >= sizeof(ts->unit) || fam_len != sizeof(ts->fam))
            return unit_family(unit, fam, fam_len);
        ts->unit_k = unit_family(unit, ts->fam, sizeof(ts->fam));
        memcpy(ts->unit, unit, strlen(unit) + 1);
        ts->have_unit = 1;
    }
    memcpy(fam, ts->fam, strlen(ts->fam) + 1);
    return ts->unit_k;
}

static int feat_build(const ev_synonyms *syn, const ev_claim *c, feat *f,
                      tok_scratch *ts)
{
    size_t cap = 0, i, first = 0, last = 0, lo_i, hi_i, words;
    size_t f0 = 0, f1 = 0;
    double k;
    int rc;
    memset(f, 0, sizeof(*f));
    k = family_of(ts, c->unit, f->fam, sizeof(f->fam));
    if (c->unit_detail && *c->unit_detail) {
        /* "percent of GDP" and "percent" of something else differ */
        size_t l = strlen(f->fam);
        const char *of = strstr(c->unit_detail, " of ");
        if (of && l + 1 < sizeof(f->fam))
            snprintf(f->fam + l, sizeof(f->fam) - l, "%s", of);
    }
    f->fam_h = ev_hash64(f->fam, strlen(f->fam), 7);
    f->stated.lo = c->lo * k;
    f->stated.hi = c->hi * k;
    f->wide = widen(f->stated.lo, f->stated.hi, c->qualifier,
                    half_unit(c->surface, c->hi) * k, APPROX_REL);
    f->year = c->year;
    if (c->year)
        f->years[f->n_years++] = c->year;
    f->has_pos = figure_pos(c, &f0, &f1);
    f->f0 = f0;
    f->f1 = f1;

    if (c->sentence) {
        const tok_vec *tv;
        size_t slen = strlen(c->sentence);
        rc = sentence_tokens(syn, ts, c->sentence, slen, &tv);
        if (rc)
            return rc;
        f->sent_key = sentence_key(ts, c, slen);
        /* tokens of the figure: [first, last] */
        if (f->has_pos && tv->n) {
            int found = 0;
            for (i = 0; i < tv->n; i++) {
                if (tv->v[i].e > f0 && tv->v[i].s < f1) {
                    if (!found)
                        first = i;
                    last = i;
                    found = 1;
                }
            }
            if (!found) {
                for (first = 0; first < tv->n && tv->v[first].s < f0;
                     first++)
                    ;
                last = first ? first - 1 : 0;
                if (first >= tv->n)
                    first = tv->n - 1;
                if (last < first)
                    last = first;
            }
        } else {
            first = 0;
            last = tv->n ? tv->n - 1 : 0;
        }
        drop_publication_year(tv, f);
        drop_statement_year(tv, f);
        for (i = 0; i < tv->n; i++) {
            int y = tv->v[i].year;
            int dup = 0, j;
            if (!y || (i >= first && i <= last && f->has_pos))
                continue;
            for (j = 0; j < f->n_years; j++)
                dup |= f->years[j] == y;
            if (!dup && f->n_years < MAX_YEARS)
                f->years[f->n_years++] = y;
        }
        if (tv->n && f->has_pos) {
            /* window of content words */
            lo_i = first;
            words = 0;
            while (lo_i > 0 && words < WINDOW_WORDS) {
                lo_i--;
                if (tv->v[lo_i].term)
                    words++;
            }
            hi_i = last;
            words = 0;
            while (hi_i + 1 < tv->n && words < WINDOW_WORDS) {
                hi_i++;
                if (tv->v[hi_i].term)
                    words++;
            }
            find_entities(tv, first, last, f);
            f->kind = find_kind(tv, first, last);
            if (!strcmp(f->fam, "count")) {
                if (is_part(tv, last))
                    f->kind = KIND_PART;
                find_head(tv, last, f);
            }
            f->change = find_change(tv, first);
        } else {
            lo_i = 0;
            hi_i = tv->n ? tv->n - 1 : 0;
        }
        rc = add_window(f, &cap, tv, lo_i, hi_i, first, last);
        if (!rc && f->has_pos && tv->n) {
            size_t r = rival_before(tv, first, f->change);
            rc = add_of_phrases(f, &cap, tv, first, last);
            /* "86 percent of the total cost, though media outlets have
             * estimated the number to be 40 to 50 percent": the second
             * estimate is of the first one's quantity */
            if (!rc && r < first) {
                /* the words, not the name: that is the other figure's */
                size_t ph0 = f->ph0, ph1 = f->ph1;
                rc = add_window(f, &cap, tv, 0, first - 1, r, r);
                if (!rc)
                    rc = add_of_phrases(f, &cap, tv, r, r);
                f->ph0 = ph0;
                f->ph1 = ph1;
            }
            if (!has_foreign(f))
                sentence_entities(tv, first, last, f);
        }
        if (rc)
            return rc;
    }
    if (c->subject && *c->subject) {
        tok_vec *tv = &ts->tv;
        rc = tokenize(c->subject, strlen(c->subject), tv, &ts->lex);
        if (rc)
            return rc;
        assign_terms(syn, tv, 1);
        for (i = 0; i < tv->n; i++) {
            if (!tv->v[i].term)
                continue;
            rc = add_term(f, &cap, tv->v[i].term, tv->v[i].low, 1.0);
            if (rc)
                return rc;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Term weights                                                         */

typedef struct df_map {
    uint64_t *keys;
    int *vals;
    size_t cap;
} df_map;

static int df_init(df_map *m, size_t n_hint)
{
    size_t cap = 64;
    while (cap < n_hint * 2)
        cap *= 2;
    m->keys = calloc(cap, sizeof(*m->keys));
    m->vals = calloc(cap, sizeof(*m->vals));
    m->cap = cap;
    if (!m->keys || !m->vals) {
        free(m->keys);
        free(m->vals);
        memset(m, 0, sizeof(*m));
        return EV_ENOMEM;
    }
    return 0;
}

static void df_release(df_map *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof(*m));
}

/* Slot of key (keys are never 0: callers or with 1). */
static size_t df_slot(const df_map *m, uint64_t key)
{
    size_t i = (size_t)(key ^ (key >> 29)) & (m->cap - 1);
    while (m->keys[i] && m->keys[i] != key)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static void df_add(df_map *m, uint64_t key)
{
    size_t i = df_slot(m, key | 1);
    m->keys[i] = key | 1;
    m->vals[i]++;
}

static int df_get(const df_map *m, uint64_t key)
{
    size_t i = df_slot(m, key | 1);
    return m->keys[i] ? m->vals[i] : 0;
}

static double idf(int df, size_t n)
{
    return log(((double)n + 5.0) / ((double)df + 0.5));
}

static void weigh(feat *f, const df_map *m, size_t n)
{
    size_t k;
    f->norm = 0;
    for (k = 0; k < f->n_t; k++) {
        f->t[k].w = idf(df_get(m, f->t[k].h), n);
        if (f->t[k].w < 0.05)
            f->t[k].w = 0.05;
        f->t[k].w *= f->t[k].prox;
        f->norm += f->t[k].w;
    }
}

/* Orders the terms of f by hash into f->byh (terms are unique per feat:
 * add_term merges repeats). EV_ENOMEM on failure. */
static int index_terms(feat *f)
{
    size_t k, n = f->n_t + 1;
    free(f->hs);
    /* one block, so a claim's lists share cache lines */
    f->hs = malloc(n * (sizeof(*f->hs) + sizeof(*f->ws) +
                        sizeof(*f->byh)));
    if (!f->hs)
        return EV_ENOMEM;
    f->ws = (double *)(f->hs + n);
    f->byh = (unsigned *)(f->ws + n);
    /* insertion sort: a claim has a few dozen terms */
    for (k = 0; k < f->n_t; k++) {
        uint64_t h = f->t[k].h;
        size_t j = k;
        for (; j > 0 && f->hs[j - 1] > h; j--) {
            f->hs[j] = f->hs[j - 1];
            f->byh[j] = f->byh[j - 1];
        }
        f->hs[j] = h;
        f->byh[j] = (unsigned)k;
    }
    for (k = 0; k < f->n_t; k++)
        f->ws[k] = f->t[f->byh[k]].w;
    return 0;
}

/*
 * shared_weight over two hash-ordered term lists: one merge finds the
 * shared terms; their weights are then added in a's term order, as the
 * plain loop adds them, so the sum is the same to the last bit. -1 when
 * more terms are shared than it keeps track of.
 */
static double shared_weight_merge(const feat *a, const feat *b,
                                  int *n_shared)
{
    struct {
        unsigned a; /* index in a->t */
        double w;   /* the smaller weight */
    } hit[64];
    size_t i = 0, j = 0, n = 0, k;
    double s = 0;
    while (i < a->n_t && j < b->n_t) {
        uint64_t ha = a->hs[i], hb = b->hs[j];
        if (ha != hb) {
            i += ha < hb;
            j += hb < ha;
            continue;
        }
        if (n == sizeof(hit) / sizeof(hit[0]))
            return -1;
        /* hit[] stays in a's term order */
        for (k = n; k > 0 && hit[k - 1].a > a->byh[i]; k--)
            hit[k] = hit[k - 1];
        hit[k].a = a->byh[i];
        hit[k].w = fmin(a->ws[i++], b->ws[j++]);
        n++;
    }
    for (k = 0; k < n; k++)
        s += hit[k].w;
    *n_shared = (int)n;
    return s;
}

static double shared_weight(const feat *a, const feat *b, int *n_shared)
{
    size_t i, j;
    double s = 0;
    *n_shared = 0;
    if (a->hs && b->hs) {
        s = shared_weight_merge(a, b, n_shared);
        if (s >= 0)
            return s;
        s = 0; /* more shared terms than the merge keeps: the plain loop */
    }
    for (i = 0; i < a->n_t; i++)
        for (j = 0; j < b->n_t; j++)
            if (a->t[i].h == b->t[j].h) {
                s += fmin(a->t[i].w, b->t[j].w);
                (*n_shared)++;
                break;
            }
    return s;
}

/* ------------------------------------------------------------------ */
/* Same quantity?                                                       */

static int has_year(const feat *f, int y)
{
    int i;
    for (i = 0; i < f->n_years; i++)
        if (f->years[i] == y)
            return 1;
    return 0;
}

static int years_ok(const feat *a, const feat *b)
{
    if (a->change || b->change) {
        /* a point of a series only meets a figure for the same year */
        if (!a->year || !b->year || a->year != b->year)
            return 0;
        if (a->change && b->change)
            return 1;
        return (a->change ? b : a)->n_years <= 1;
    }
    if (!a->year || !b->year || a->year == b->year)
        return 1;
    return has_year(a, b->year) || has_year(b, a->year);
}

static int entities_ok(const feat *a, const feat *b)
{
    int only_a = 0, only_b = 0;
    size_t i;
    if (!a->has_ent || !b->has_ent)
        return 1;
    /* the US frames most figures: when both name another country, the
     * US alone does not set them apart */
    for (i = has_foreign(a) && has_foreign(b) ? 2 : 0; i < sizeof(a->ent);
         i++) {
        if (a->ent[i] && !b->ent[i])
            only_a = 1;
        if (b->ent[i] && !a->ent[i])
            only_b = 1;
    }
    return !(only_a && only_b);
}

/*
 * Two figures of one sentence are a change, a list or a contrast unless
 * the words between them bring in a second source for the same thing:
 * a contrasting conjunction followed by a reporting verb ("86 percent,
 * though media outlets have estimated ... 40 to 50 percent").
 */
static int same_sentence_rival(const ev_claim *a, const feat *fa,
                               const feat *fb, tok_scratch *ts)
{
    tok_vec *tv = &ts->tv;
    size_t s, e, i;
    int conj = 0;
    if (!fa->has_pos || !fb->has_pos)
        return 0;
    s = fa->f1 < fb->f1 ? fa->f1 : fb->f1;
    e = fa->f0 < fb->f0 ? fb->f0 : fa->f0;
    if (e <= s)
        return 0;
    if (tokenize(a->sentence + s, e - s, tv, &ts->lex))
        return 0;
    for (i = 0; i < tv->n; i++) {
        const tok *t = &tv->v[i];
        if (t->kind != TK_WORD)
            continue;
        if (t->cls & EV_WC_CONTRAST)
            conj = 1;
        else if (conj && (t->cls & EV_WC_ATTRIB))
            return 1;
    }
    return 0;
}

static int heads_ok(const feat *a, const feat *b)
{
    return !a->head || !b->head || a->head == b->head;
}

typedef struct pair_info {
    int same;     /* same quantity */
    int conflict; /* values cannot both hold */
    double sim;
    double severity;
    int n_shared;
    const char *reason; /* why not the same quantity (for --debug) */
} pair_info;

static void compare_pair(const ev_claim *ca, const feat *a,
                         const ev_claim *cb, const feat *b, tok_scratch *ts,
                         pair_info *out)
{
    int n_shared = 0;
    double sw;
    memset(out, 0, sizeof(*out));
    out->reason = a->fam_h != b->fam_h  ? "unit"
                  : !years_ok(a, b)     ? "year"
                  : !entities_ok(a, b)  ? "entity"
                  : a->kind != b->kind  ? "kind"
                  : !heads_ok(a, b)     ? "head"
                                        : NULL;
    if (out->reason)
        return;
    if (a->sent_key && a->sent_key == b->sent_key) {
        if (!same_sentence_rival(ca, a, b, ts)) {
            out->reason = "same sentence, no rival";
            return;
        }
        out->sim = 1;
    } else {
        (void)cb;
        /* the same counted noun ("troops") is strong evidence; else weak
         * overlap needs more shared words */
        int same_head = a->head && a->head == b->head;
        sw = shared_weight(a, b, &n_shared);
        out->n_shared = n_shared;
        out->reason = "words";
        if (n_shared < (same_head ? 1 : 2) || a->norm <= 0 || b->norm <= 0)
            return;
        out->sim = sw / sqrt(a->norm * b->norm);
        if (out->sim < SIM_MIN ||
            (!same_head && out->sim < SIM_WEAK && n_shared < 3))
            return;
        out->reason = NULL;
    }
    out->same = 1;
    if (!overlap(a->wide, b->wide)) {
        out->conflict = 1;
        out->severity = rel_gap(a->stated, b->stated);
        if (out->severity <= 0)
            out->severity = rel_gap(a->wide, b->wide);
    }
}

/* "shared words: relocate, marines, guam; unit: count; year: 2006" */
static char *explain(const feat *a, const feat *b, int year)
{
    ev_buf w = EV_BUF_INIT;
    size_t i, j, n = 0;
    ev_buf_puts(&w, "shared words: ");
    for (i = 0; i < a->n_t && n < 8; i++)
        for (j = 0; j < b->n_t; j++)
            if (a->t[i].h == b->t[j].h) {
                ev_buf_printf(&w, "%s%s", n ? ", " : "", a->t[i].word);
                n++;
                break;
            }
    if (!n)
        ev_buf_puts(&w, "(same sentence)");
    ev_buf_printf(&w, "; unit: %s", a->fam);
    if (year)
        ev_buf_printf(&w, "; year: %d", year);
    else
        ev_buf_puts(&w, "; year: any");
    return ev_buf_detach(&w);
}

/* The words both features share, as a readable subject. */
static char *shared_subject(const feat *a, const feat *b)
{
    ev_buf w = EV_BUF_INIT;
    size_t i, j, n = 0;
    for (i = 0; i < a->n_t && n < 5; i++)
        for (j = 0; j < b->n_t; j++)
            if (a->t[i].h == b->t[j].h) {
                ev_buf_printf(&w, "%s%s", n ? " " : "", a->t[i].word);
                n++;
                break;
            }
    if (!n)
        ev_buf_puts(&w, a->fam);
    return ev_buf_detach(&w);
}

/* The phrase that names the claim's quantity ("percentage of the overall
 * cost of US forces in Japan"), whitespace collapsed, or NULL. */
static char *phrase_subject(const ev_claim *c, const feat *f)
{
    ev_buf b = EV_BUF_INIT;
    size_t i;
    if (!f->ph1 || !c->sentence || f->ph1 > strlen(c->sentence))
        return NULL;
    for (i = f->ph0; i < f->ph1; i++) {
        char ch = c->sentence[i];
        if (isspace((unsigned char)ch)) {
            if (b.len && b.ptr[b.len - 1] != ' ')
                ev_buf_putc(&b, ' ');
        } else {
            ev_buf_putc(&b, ch);
        }
    }
    return ev_buf_detach(&b);
}

/* ------------------------------------------------------------------ */
/* Conflicts                                                            */

void ev_group_vec_release(ev_group_vec *v)
{
    size_t i;
    for (i = 0; i < v->n; i++) {
        free(v->v[i].subject);
        free(v->v[i].why);
        free(v->v[i].members.v);
    }
    free(v->v);
    memset(v, 0, sizeof(*v));
}

typedef struct edge {
    int a, b;
    int conflict;
    double sim, severity;
} edge;

typedef EV_VEC(edge) edge_vec;

static int uf_find(int *p, int x)
{
    while (p[x] != x) {
        p[x] = p[p[x]];
        x = p[x];
    }
    return x;
}

/* Posting key of a (family, term) pair. */
static uint64_t post_key(const feat *f, uint64_t word)
{
    return (word * 0x9E3779B97F4A7C15ULL) ^ f->fam_h;
}

typedef struct posting {
    uint64_t key;
    int claim;
} posting;

static int cmp_posting(const void *x, const void *y)
{
    const posting *a = x, *b = y;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->claim - b->claim;
}

static int cmp_group(const void *x, const void *y)
{
    const ev_group *a = x, *b = y;
    if (a->severity != b->severity)
        return a->severity > b->severity ? -1 : 1;
    return a->members.v[0] - b->members.v[0];
}

static int intvec_has(const ev_intvec *v, int x)
{
    size_t i;
    for (i = 0; i < v->n; i++)
        if (v->v[i] == x)
            return 1;
    return 0;
}

static int intvec_add(ev_intvec *v, int x)
{
    int *p;
    if (intvec_has(v, x))
        return 0;
    p = ev_vec_push(v);
    if (!p)
        return EV_ENOMEM;
    *p = x;
    return 0;
}

/*
 * Appends claim x to group gi's members unless it is there already.
 * in_group[x] is the group (+1) that x was last added to: a claim
 * belongs to one group (its component's), so the mark replaces a scan
 * of the members.
 */
static int member_add(ev_intvec *v, int *in_group, size_t gi, int x)
{
    int *p;
    if (in_group[x] == (int)gi + 1)
        return 0;
    p = ev_vec_push(v);
    if (!p)
        return EV_ENOMEM;
    *p = x;
    in_group[x] = (int)gi + 1;
    return 0;
}

static int cmp_int(const void *x, const void *y)
{
    int a = *(const int *)x, b = *(const int *)y;
    return (a > b) - (a < b);
}

static size_t n_docs(const ev_claim *claims, const ev_intvec *m)
{
    size_t i, j, n = 0;
    for (i = 0; i < m->n; i++) {
        const char *d = claims[m->v[i]].doc;
        int seen = 0;
        for (j = 0; j < i && !seen; j++) {
            const char *e = claims[m->v[j]].doc;
            seen = (d == e) || (d && e && !strcmp(d, e));
        }
        if (!seen)
            n++;
    }
    return n;
}

/* Most frequent non-empty claim subject among the members, or NULL. */
static const char *common_subject(const ev_claim *claims, const ev_intvec *m)
{
    size_t i, j;
    const char *best = NULL;
    size_t best_n = 0;
    for (i = 0; i < m->n; i++) {
        const char *s = claims[m->v[i]].subject;
        size_t cnt = 0;
        if (!s || !*s)
            continue;
        for (j = 0; j < m->n; j++) {
            const char *t = claims[m->v[j]].subject;
            if (t && !strcmp(s, t))
                cnt++;
        }
        if (cnt > best_n) {
            best = s;
            best_n = cnt;
        }
    }
    return best;
}

static int build_feats(const ev_synonyms *syn, const ev_claim *claims,
                       size_t n, feat *f)
{
    tok_scratch ts;
    df_map m;
    size_t i, k;
    int rc = 0;
    memset(&ts, 0, sizeof(ts));
    for (i = 0; i < n && !rc; i++)
        rc = feat_build(syn, &claims[i], &f[i], &ts);
    scratch_release(&ts);
    if (rc)
        return rc;
    {
        size_t total = 0;
        for (i = 0; i < n; i++)
            total += f[i].n_t;
        rc = df_init(&m, total + 1);
        if (rc)
            return rc;
    }
    for (i = 0; i < n; i++)
        for (k = 0; k < f[i].n_t; k++)
            df_add(&m, f[i].t[k].h);
    for (i = 0; i < n; i++)
        weigh(&f[i], &m, n);
    df_release(&m);
    for (i = 0; i < n; i++)
        if (index_terms(&f[i]))
            return EV_ENOMEM;
    return 0;
}

static int push_edge(edge_vec *edges, int a, int b, const pair_info *pi)
{
    edge *e = ev_vec_push(edges);
    if (!e)
        return EV_ENOMEM;
    e->a = a;
    e->b = b;
    e->conflict = pi->conflict;
    e->sim = pi->sim;
    e->severity = pi->severity;
    return 0;
}

typedef struct sent_ix {
    uint64_t key;
    int claim;
} sent_ix;

static int cmp_sent_ix(const void *x, const void *y)
{
    const sent_ix *a = x, *b = y;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->claim - b->claim;
}

/* Figures of one sentence are compared with each other whatever words
 * they share (same_sentence_rival decides). */
static int same_sentence_edges(const ev_claim *claims, size_t n,
                               const feat *f, edge_vec *edges,
                               tok_scratch *ts)
{
    sent_ix *ix = malloc((n + 1) * sizeof(*ix));
    size_t i, j, k, m = 0;
    int rc = 0;
    if (!ix)
        return EV_ENOMEM;
    for (i = 0; i < n; i++)
        if (f[i].sent_key) {
            ix[m].key = f[i].sent_key;
            ix[m].claim = (int)i;
            m++;
        }
    qsort(ix, m, sizeof(*ix), cmp_sent_ix);
    for (i = 0; i < m && !rc; i = j) {
        for (j = i + 1; j < m && ix[j].key == ix[i].key; j++)
            ;
        if (j - i > 64)
            continue; /* a table flattened into one "sentence" */
        for (k = i; k < j && !rc; k++) {
            size_t l;
            for (l = k + 1; l < j && !rc; l++) {
                pair_info pi;
                int a = ix[k].claim, b = ix[l].claim;
                compare_pair(&claims[a], &f[a], &claims[b], &f[b], ts, &pi);
                if (pi.same)
                    rc = push_edge(edges, a, b, &pi);
            }
        }
    }
    free(ix);
    return rc;
}

/* First posting with key, or n_post. */
static size_t post_find(const posting *post, size_t n_post, uint64_t key)
{
    size_t lo = 0, hi = n_post;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (post[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/*
 * The features compare_pair looks at first, packed so the candidate loop
 * of find_edges reads 64 bytes per claim instead of a whole feat.
 */
typedef struct gate {
    uint64_t fam_h, head, sent_key;
    uint64_t ent[2]; /* f->ent as bits (ids 0-63, 64-71) */
    int year, n_years;
    short kind, change;
    int has_ent;
} gate;

static void gate_of(const feat *f, gate *g)
{
    size_t k;
    g->ent[0] = g->ent[1] = 0;
    for (k = 0; k < sizeof(f->ent); k++)
        if (f->ent[k])
            g->ent[k / 64] |= 1ULL << (k % 64);
    g->has_ent = f->has_ent;
    g->fam_h = f->fam_h;
    g->head = f->head;
    g->sent_key = f->sent_key;
    g->year = f->year;
    g->n_years = f->n_years;
    g->kind = (short)f->kind;
    g->change = (short)(f->change != 0);
}

/*
 * 1 when compare_pair would find a and b not the same quantity by unit,
 * kind, head, entities or year alone (the tests it makes first; see
 * years_ok, entities_ok and heads_ok). 0 when it has to look.
 */
static int gate_rejects(const gate *a, const gate *b)
{
    if (a->fam_h != b->fam_h || a->kind != b->kind)
        return 1;
    if (a->head && b->head && a->head != b->head)
        return 1;
    if (a->has_ent && b->has_ent) {
        /* entities_ok: ids 0 and 1 (none, the US) do not count when both
         * name another country */
        int fa = (a->ent[0] & ~3ULL) || a->ent[1];
        int fb = (b->ent[0] & ~3ULL) || b->ent[1];
        uint64_t m0 = fa && fb ? ~3ULL : ~0ULL;
        uint64_t only_a = (a->ent[0] & ~b->ent[0] & m0) |
                          (a->ent[1] & ~b->ent[1]);
        uint64_t only_b = (b->ent[0] & ~a->ent[0] & m0) |
                          (b->ent[1] & ~a->ent[1]);
        if (only_a && only_b)
            return 1;
    }
    if (a->change || b->change)
        return !a->year || !b->year || a->year != b->year;
    /* has_year finds nothing in an empty list */
    return a->year && b->year && a->year != b->year && !a->n_years &&
           !b->n_years;
}

/*
 * Candidate pairs share a (family, word) posting that is not too common
 * (a word on more than max_df claims of one family says little); mark[]
 * keeps each pair to one comparison.
 */
static int find_edges(const ev_claim *claims, size_t n, const feat *f,
                      edge_vec *edges)
{
    posting *post = NULL;
    size_t n_post = 0, i, k, cap_post = 0;
    int *mark = NULL;
    gate *gt = NULL;
    tok_scratch ts;
    size_t max_df = n / 10 > 200 ? n / 10 : 200;
    int rc = 0;
    memset(&ts, 0, sizeof(ts));
    for (i = 0; i < n; i++)
        cap_post += f[i].n_t;
    post = malloc((cap_post + 1) * sizeof(*post));
    mark = malloc((n + 1) * sizeof(*mark));
    gt = malloc((n + 1) * sizeof(*gt));
    if (!post || !mark || !gt) {
        rc = EV_ENOMEM;
        goto done;
    }
    for (i = 0; i < n; i++) {
        mark[i] = -1;
        gate_of(&f[i], &gt[i]);
        for (k = 0; k < f[i].n_t; k++) {
            post[n_post].key = post_key(&f[i], f[i].t[k].h);
            post[n_post].claim = (int)i;
            n_post++;
        }
    }
    qsort(post, n_post, sizeof(*post), cmp_posting);
    rc = same_sentence_edges(claims, n, f, edges, &ts);
    for (i = 0; i < n && !rc; i++) {
        for (k = 0; k < f[i].n_t && !rc; k++) {
            uint64_t key = post_key(&f[i], f[i].t[k].h);
            size_t p0 = post_find(post, n_post, key), p1 = p0, q;
            while (p1 < n_post && post[p1].key == key)
                p1++;
            if (p1 - p0 > max_df)
                continue;
            for (q = p0; q < p1; q++) {
                int b = post[q].claim;
                pair_info pi;
                edge *e;
                if (b <= (int)i || mark[b] == (int)i)
                    continue;
                mark[b] = (int)i;
                if (gt[i].sent_key && gt[i].sent_key == gt[b].sent_key)
                    continue; /* done by same_sentence_edges */
                if (gate_rejects(&gt[i], &gt[b]))
                    continue;
                compare_pair(&claims[i], &f[i], &claims[b], &f[b], &ts, &pi);
                if (!pi.same)
                    continue;
                e = ev_vec_push(edges);
                if (!e) {
                    rc = EV_ENOMEM;
                    break;
                }
                e->a = (int)i;
                e->b = b;
                e->conflict = pi.conflict;
                e->sim = pi.sim;
                e->severity = pi.severity;
            }
        }
    }
done:
    free(post);
    free(mark);
    free(gt);
    scratch_release(&ts);
    return rc;
}

int ev_conflicts_find(const ev_extractor *ex, const ev_synonyms *syn,
                      const ev_claim *claims, size_t n, int min_sources,
                      ev_group_vec *out)
{
    feat *f = NULL;
    edge_vec edges = {NULL, 0, 0};
    int *parent = NULL, *core = NULL;
    int *root_group = NULL; /* group (+1) of a component's root */
    int *in_group = NULL;   /* group (+1) a claim was added to */
    size_t i, k;
    size_t first_new = out->n;
    int rc = 0;
    (void)ex;
    if (!n)
        return 0;
    f = calloc(n, sizeof(*f));
    parent = malloc(n * sizeof(*parent));
    if (!f || !parent) {
        rc = EV_ENOMEM;
        goto done;
    }
    rc = build_feats(syn, claims, n, f);
    if (rc)
        goto done;
    rc = find_edges(claims, n, f, &edges);
    if (rc)
        goto done;
    for (i = 0; i < n; i++)
        parent[i] = (int)i;
    for (k = 0; k < edges.n; k++) {
        int ra = uf_find(parent, edges.v[k].a);
        int rb = uf_find(parent, edges.v[k].b);
        if (ra != rb)
            parent[ra] = rb;
    }
    /* one group per component with a conflicting edge; core[i] is the
     * group (+1) of a claim on a conflicting edge */
    core = calloc(n, sizeof(*core));
    root_group = calloc(n, sizeof(*root_group));
    in_group = calloc(n, sizeof(*in_group));
    if (!core || !root_group || !in_group) {
        rc = EV_ENOMEM;
        goto done;
    }
    for (k = 0; k < edges.n && !rc; k++) {
        const edge *e = &edges.v[k];
        int root = uf_find(parent, e->a);
        ev_group *g = NULL;
        size_t gi;
        if (!e->conflict)
            continue;
        if (root_group[root])
            g = &out->v[root_group[root] - 1];
        if (!g) {
            g = ev_vec_push(out);
            if (!g) {
                rc = EV_ENOMEM;
                break;
            }
            g->conflict = 1;
            g->severity = -1;
            root_group[root] = (int)(g - out->v) + 1;
        }
        gi = (size_t)(g - out->v);
        if (member_add(&g->members, in_group, gi, e->a) ||
            member_add(&g->members, in_group, gi, e->b)) {
            rc = EV_ENOMEM;
            break;
        }
        core[e->a] = core[e->b] = (int)gi + 1;
        if (e->severity > g->severity) {
            int year = claims[e->a].year ? claims[e->a].year
                                         : claims[e->b].year;
            free(g->why);
            free(g->subject);
            g->why = explain(&f[e->a], &f[e->b], year);
            g->subject = shared_subject(&f[e->a], &f[e->b]);
            g->severity = e->severity;
            if (!g->why || !g->subject) {
                rc = EV_ENOMEM;
                break;
            }
        }
    }
    /* claims that agree directly with a conflicting member join it */
    for (k = 0; k < edges.n && !rc; k++) {
        const edge *e = &edges.v[k];
        if (e->conflict)
            continue;
        if (core[e->a] && !core[e->b])
            rc = member_add(&out->v[core[e->a] - 1].members, in_group,
                            (size_t)core[e->a] - 1, e->b);
        else if (core[e->b] && !core[e->a])
            rc = member_add(&out->v[core[e->b] - 1].members, in_group,
                            (size_t)core[e->b] - 1, e->a);
    }
    if (rc)
        goto done;
    /* subjects, source counts, order */
    {
        size_t w = first_new;
        for (i = first_new; i < out->n; i++) {
            ev_group *g = &out->v[i];
            const char *cs;
            qsort(g->members.v, g->members.n, sizeof(int), cmp_int);
            if (min_sources > 1 &&
                n_docs(claims, &g->members) < (size_t)min_sources) {
                free(g->subject);
                free(g->why);
                free(g->members.v);
                continue;
            }
            {
                /* a member's own words for the quantity, else the most
                 * common claim subject, else the shared words */
                char *ps = NULL;
                size_t m;
                for (m = 0; m < g->members.n && !ps; m++)
                    ps = phrase_subject(&claims[g->members.v[m]],
                                        &f[g->members.v[m]]);
                if (ps) {
                    free(g->subject);
                    g->subject = ps;
                }
                cs = ps ? NULL : common_subject(claims, &g->members);
            }
            if (cs) {
                char *s = ev_strdup(cs);
                if (!s) {
                    rc = EV_ENOMEM;
                    out->n = w;
                    goto done;
                }
                free(g->subject);
                g->subject = s;
            }
            out->v[w++] = *g;
        }
        out->n = w;
        if (out->n > first_new)
            qsort(out->v + first_new, out->n - first_new, sizeof(ev_group),
                  cmp_group);
    }
done:
    if (f)
        for (i = 0; i < n; i++)
            feat_release(&f[i]);
    free(f);
    free(parent);
    free(core);
    free(root_group);
    free(in_group);
    free(edges.v);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Checking a draft                                                     */

const char *ev_verdict_name(int v)
{
    static const char *const names[] = {"supported", "contradicted",
                                        "disputed", "unsupported"};
    return v >= 0 && v < 4 ? names[v] : "?";
}

void ev_check_result_release(ev_check_result *r)
{
    free(r->agree.v);
    free(r->disagree.v);
    free(r->subject);
    free(r->why);
    memset(r, 0, sizeof(*r));
}

/*
 * Features of corpus claims, kept across the figures of one draft: a
 * claim that is a candidate for many figures is read once. Keyed by the
 * claim's document, span and sentence; weights are recomputed for each
 * figure's candidate set (weigh() rewrites w from prox).
 */
typedef struct cache_slot {
    uint64_t key; /* 0: empty */
    feat f;
} cache_slot;

struct ev_feat_cache {
    const ev_synonyms *syn;
    cache_slot *slots;
    size_t cap, n;
    df_map df;     /* document frequency of terms over the cached claims */
    size_t df_used;
    tok_scratch ts;
};

/* Counts f's terms in the cache's df (grown to stay half empty). */
static int cache_count(ev_feat_cache *c, const feat *f)
{
    size_t k;
    if ((c->df_used + f->n_t) * 2 > c->df.cap) {
        df_map nm;
        size_t i;
        if (df_init(&nm, (c->df_used + f->n_t) * 2))
            return EV_ENOMEM;
        for (i = 0; i < c->df.cap; i++)
            if (c->df.keys[i]) {
                size_t j = df_slot(&nm, c->df.keys[i]);
                nm.keys[j] = c->df.keys[i];
                nm.vals[j] = c->df.vals[i];
            }
        df_release(&c->df);
        c->df = nm;
    }
    for (k = 0; k < f->n_t; k++) {
        if (!df_get(&c->df, f->t[k].h))
            c->df_used++;
        df_add(&c->df, f->t[k].h);
    }
    return 0;
}

int ev_feat_cache_new(ev_feat_cache **out, const ev_synonyms *syn)
{
    ev_feat_cache *c = calloc(1, sizeof(*c));
    *out = NULL;
    if (!c)
        return EV_ENOMEM;
    c->syn = syn;
    c->cap = 1024;
    c->slots = calloc(c->cap, sizeof(*c->slots));
    if (!c->slots || df_init(&c->df, 1024)) {
        free(c->slots);
        free(c);
        return EV_ENOMEM;
    }
    *out = c;
    return 0;
}

void ev_feat_cache_free(ev_feat_cache *c)
{
    size_t i;
    if (!c)
        return;
    for (i = 0; i < c->cap; i++)
        if (c->slots[i].key)
            feat_release(&c->slots[i].f);
    free(c->slots);
    df_release(&c->df);
    scratch_release(&c->ts);
    free(c);
}

/* Mixes s (NUL-terminated, or NULL) into h eight bytes at a step: the
 * cache hashes every candidate's sentence for every figure, and
 * byte-wise FNV over them was a fifth of reading the candidates. */
static uint64_t key_mix(uint64_t h, const char *s)
{
    size_t len = s ? strlen(s) : 0, k;
    uint64_t w;
    h ^= (uint64_t)len + (s ? 0x100000000ULL : 0);
    for (k = 0; k + 8 <= len; k += 8) {
        memcpy(&w, s + k, 8);
        h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
        h ^= h >> 32;
    }
    w = 0;
    if (len > k)
        memcpy(&w, s + k, len - k);
    h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 29);
}

static uint64_t claim_key(const ev_claim *c)
{
    uint64_t h = (uint64_t)c->start * 0x9E3779B97F4A7C15ULL ^
                 (uint64_t)c->end;
    h = key_mix(h, c->doc);
    h = key_mix(h, c->sentence);
    h = key_mix(h, c->surface);
    /* finish (murmur3's fmix64): the slot comes from bits 7 and up */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h | 1;
}

static int cache_grow(ev_feat_cache *c)
{
    size_t nc = c->cap * 2, i;
    cache_slot *ns = calloc(nc, sizeof(*ns));
    if (!ns)
        return EV_ENOMEM;
    for (i = 0; i < c->cap; i++) {
        size_t j;
        if (!c->slots[i].key)
            continue;
        j = (size_t)(c->slots[i].key >> 7) & (nc - 1);
        while (ns[j].key)
            j = (j + 1) & (nc - 1);
        ns[j] = c->slots[i];
    }
    free(c->slots);
    c->slots = ns;
    c->cap = nc;
    return 0;
}

/* The cached features of claim (built on first use), or NULL on oom.
 * The pointer is valid until the next lookup. */
static feat *cache_get(ev_feat_cache *c, const ev_claim *cl)
{
    uint64_t key = claim_key(cl);
    size_t j;
    if ((c->n + 1) * 2 > c->cap && cache_grow(c))
        return NULL;
    j = (size_t)(key >> 7) & (c->cap - 1);
    while (c->slots[j].key && c->slots[j].key != key)
        j = (j + 1) & (c->cap - 1);
    if (!c->slots[j].key) {
        if (feat_build(c->syn, cl, &c->slots[j].f, &c->ts) ||
            cache_count(c, &c->slots[j].f)) {
            feat_release(&c->slots[j].f);
            return NULL;
        }
        c->slots[j].key = key;
        c->n++;
    }
    return &c->slots[j].f;
}

int ev_feat_cache_add(ev_feat_cache *c, const ev_claim *claims, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (!cache_get(c, &claims[i]))
            return EV_ENOMEM;
    return 0;
}

/* A shallow copy of src's words for one figure's weighing. */
static int feat_dup(feat *dst, const feat *src)
{
    *dst = *src;
    dst->t = NULL;
    dst->hs = NULL;
    dst->ws = NULL;
    dst->byh = NULL;
    if (src->n_t) {
        dst->t = malloc(src->n_t * sizeof(*dst->t));
        if (!dst->t)
            return EV_ENOMEM;
        memcpy(dst->t, src->t, src->n_t * sizeof(*dst->t));
    }
    return 0;
}


static int base_family_eq(const char *a, const char *b)
{
    char fa[EV_UNIT_LEN + 8], fb[EV_UNIT_LEN + 8];
    unit_family(a, fa, sizeof(fa));
    unit_family(b, fb, sizeof(fb));
    return strcmp(fa, fb) == 0;
}

int ev_check_figure_cached(ev_feat_cache *cache, const ev_claim *draft,
                           const ev_claim *claims, size_t n,
                           ev_check_result *out)
{
    feat *f = NULL;
    int *idx = NULL; /* f[k + 1] is claims[idx[k]] */
    size_t i, m = 0;
    int rc = 0, best = -1;
    double best_sim = -1;
    memset(out, 0, sizeof(*out));
    out->verdict = EV_V_UNSUPPORTED;
    f = calloc(n + 1, sizeof(*f));
    idx = malloc((n + 1) * sizeof(*idx));
    if (!f || !idx) {
        rc = EV_ENOMEM;
        goto done;
    }
    rc = feat_build(cache->syn, draft, &f[0], &cache->ts);
    if (rc)
        goto done;
    /* only claims of the figure's unit family can be the same quantity;
     * the others are not read at all */
    for (i = 0; i < n; i++) {
        const feat *cf;
        if (!base_family_eq(draft->unit, claims[i].unit))
            continue;
        cf = cache_get(cache, &claims[i]);
        if (!cf || feat_dup(&f[m + 1], cf)) {
            rc = EV_ENOMEM;
            goto done;
        }
        idx[m++] = (int)i;
    }
    /* word weights from every claim the cache has read (the draft's
     * other figures' candidates too), not only this figure's: these
     * were picked for sharing the figure's words */
    for (i = 0; i < m + 1; i++)
        weigh(&f[i], &cache->df, cache->n + 1);
    for (i = 0; i < m; i++) {
        pair_info pi;
        int ci = idx[i];
        compare_pair(draft, &f[0], &claims[ci], &f[i + 1], &cache->ts, &pi);
        if (!pi.same)
            continue;
        rc = pi.conflict ? intvec_add(&out->disagree, ci)
                         : intvec_add(&out->agree, ci);
        if (rc)
            goto done;
        if (pi.sim > best_sim) {
            best_sim = pi.sim;
            best = (int)i;
        }
    }
    if (out->agree.n && out->disagree.n)
        out->verdict = EV_V_DISPUTED;
    else if (out->disagree.n)
        out->verdict = EV_V_CONTRADICTED;
    else if (out->agree.n)
        out->verdict = EV_V_SUPPORTED;
    if (best >= 0) {
        const ev_claim *b = &claims[idx[best]];
        const feat *bf = &f[best + 1];
        size_t k, j;
        /* the sources' words for the quantity first */
        out->subject = phrase_subject(b, bf);
        for (k = 0; k < m && !out->subject; k++)
            for (j = 0; j < out->disagree.n && !out->subject; j++)
                if (out->disagree.v[j] == idx[k])
                    out->subject = phrase_subject(&claims[idx[k]], &f[k + 1]);
        for (k = 0; k < m && !out->subject; k++)
            for (j = 0; j < out->agree.n && !out->subject; j++)
                if (out->agree.v[j] == idx[k])
                    out->subject = phrase_subject(&claims[idx[k]], &f[k + 1]);
        if (!out->subject)
            out->subject = b->subject && *b->subject
                               ? ev_strdup(b->subject)
                               : shared_subject(&f[0], bf);
        out->why = explain(&f[0], bf, draft->year ? draft->year : b->year);
        if (!out->subject || !out->why)
            rc = EV_ENOMEM;
    }
done:
    if (f)
        for (i = 0; i < m + 1; i++)
            feat_release(&f[i]);
    free(f);
    free(idx);
    if (rc)
        ev_check_result_release(out);
    return rc;
}

static int cmp_term_prox(const void *x, const void *y)
{
    const term *a = x, *b = y;
    return (a->prox < b->prox) - (a->prox > b->prox);
}

int ev_compare_query_words(const ev_synonyms *syn, const ev_claim *c,
                           size_t max_words, ev_buf *out)
{
    feat f;
    tok_scratch ts;
    size_t k, n = 0;
    int rc;
    memset(&ts, 0, sizeof(ts));
    rc = feat_build(syn, c, &f, &ts);
    scratch_release(&ts);
    if (rc) {
        feat_release(&f);
        return rc;
    }
    /* nearest words first; qsort is not stable, so ties keep no order,
     * which only matters for which far words are cut */
    if (f.n_t > 1)
        qsort(f.t, f.n_t, sizeof(*f.t), cmp_term_prox);
    for (k = 0; k < f.n_t && n < max_words; k++) {
        const char *w = f.t[k].word;
        size_t j;
        if (strlen(w) < 2 || isdigit((unsigned char)w[0]))
            continue;
        for (j = 0; j < k && strcmp(f.t[j].word, w); j++)
            ;
        if (j < k)
            continue;
        if (out->len)
            ev_buf_putc(out, ' ');
        ev_buf_puts(out, w);
        n++;
    }
    feat_release(&f);
    return out->oom ? EV_ENOMEM : 0;
}

int ev_check_figure(const ev_extractor *ex, const ev_synonyms *syn,
                    const ev_claim *draft, const ev_claim *claims, size_t n,
                    ev_check_result *out)
{
    ev_feat_cache *cache = NULL;
    int rc;
    (void)ex;
    memset(out, 0, sizeof(*out));
    rc = ev_feat_cache_new(&cache, syn);
    if (!rc)
        rc = ev_feat_cache_add(cache, claims, n);
    if (!rc)
        rc = ev_check_figure_cached(cache, draft, claims, n, out);
    ev_feat_cache_free(cache);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Debugging                                                            */

static void dump_feat(ev_buf *b, const ev_claim *c, const feat *f)
{
    size_t k;
    ev_buf_printf(b, "[%s %s] fam=%s wide=%g..%g kind=%d change=%d year=%d",
                  c->doc ? c->doc : "?", c->surface ? c->surface : "?",
                  f->fam, f->wide.lo, f->wide.hi, f->kind, f->change,
                  f->year);
    ev_buf_puts(b, " ent=");
    for (k = 0; k < sizeof(f->ent); k++)
        if (f->ent[k])
            ev_buf_printf(b, "%zu,", k);
    ev_buf_printf(b, " head=%llx norm=%.2f\n   ",
                  (unsigned long long)(f->head & 0xffff), f->norm);
    for (k = 0; k < f->n_t; k++)
        ev_buf_printf(b, " %s:%.2f", f->t[k].word, f->t[k].w);
    ev_buf_putc(b, '\n');
}

int ev_compare__debug(const ev_synonyms *syn, const ev_claim *claims,
                      size_t n, const int *sel, size_t n_sel, ev_buf *out)
{
    feat *f = calloc(n + 1, sizeof(*f));
    tok_scratch ts;
    size_t i, j;
    int rc;
    if (!f)
        return EV_ENOMEM;
    memset(&ts, 0, sizeof(ts));
    rc = build_feats(syn, claims, n, f);
    for (i = 0; i < n_sel && !rc; i++)
        dump_feat(out, &claims[sel[i]], &f[sel[i]]);
    for (i = 0; i < n_sel && !rc; i++)
        for (j = i + 1; j < n_sel; j++) {
            pair_info pi;
            int a = sel[i], b = sel[j];
            compare_pair(&claims[a], &f[a], &claims[b], &f[b], &ts, &pi);
            ev_buf_printf(out, "%s ~ %s: same=%d conflict=%d sim=%.3f "
                          "shared=%d%s%s\n", claims[a].surface,
                          claims[b].surface, pi.same, pi.conflict, pi.sim,
                          pi.n_shared, pi.reason ? " no: " : "",
                          pi.reason ? pi.reason : "");
        }
    for (i = 0; i < n; i++)
        feat_release(&f[i]);
    free(f);
    scratch_release(&ts);
    return rc ? rc : out->oom ? EV_ENOMEM : 0;
}
