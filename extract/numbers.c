/*
 * The number recogniser: finds every figure in a UTF-8 string and
 * normalises it to an interval, a unit and a qualifier.
 *
 * The scan is a byte loop with a cheap prefilter: only digits, a '.'
 * before a digit, and the first letter of a word that can start a number
 * word ("fifty", "a dozen", "twice", "billions") are looked at; every
 * other word is skipped whole, so digits glued to letters (FY2018, v1,
 * Sharing2025) never start a figure. At a candidate the figure is parsed
 * by hand (digits, separators, word numbers, scale words, currencies,
 * percent) and the physical unit after it by one anchored PCRE2 pattern
 * (JIT). Context rules then drop what is not a quantity: dates and years,
 * page/section/article numbers, identifiers and URL digits, ordinals, list
 * numbering, glued footnote markers, names with numbers, rhetorical
 * enumerations and the one-glyph-per-line debris of PDF sidebars.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "extract_int.h"
#include "numbers_lex.h"

#include <math.h>
#include <pcre2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* room for the qualifier phrases of QUALS (checked when the tables are
 * built) */
#define EV_NQUALS 96

struct ev_numbers_rx {
    pcre2_code *unit; /* a physical unit right after a number, anchored */
    /* bit n of lenmask[27 * first + second] set when some number word of
     * length n starts with those two letters (second 26: none); the
     * per-word prefilter. ascale: the same for the words completing
     * "a"/"an" */
    uint32_t lenmask[26 * 27];
    uint32_t ascale[26 * 27];
    /* unit2[52 * a + b]: 0 when no unit starts with the ASCII letters a,
     * b (a-z then A-Z) */
    unsigned char unit2[52 * 52];
    uint32_t el1, el2[26]; /* element symbols: see element_symbol */
    /* byte classes for the main loop: 1 digit, 2 letter, 0 other */
    unsigned char cls[256];
    /* lower-case word -> WF_* flags of the word lists holding it, and
     * its number-word and denominator rows (index + 1, 0 when none) */
    struct wentry {
        const char *w;
        unsigned flags;
        unsigned short num, den;
    } words[2048];
    /* the last words of the qualifier phrases, kept alive for words[] */
    char qual_last[EV_NQUALS][16];
    unsigned char qual_len[EV_NQUALS]; /* strlen of each QUALS phrase */
    uint32_t qual_lasth[EV_NQUALS];    /* word_hash of its last word */
    /* bit n of qual_lastmask[c]: a qualifier's last word has n letters and
     * ends in 'a' + c */
    uint32_t qual_lastmask[26];
    char fold[40][16]; /* "fivefold", "tenfold": kept alive for words[] */
};

enum {
    WF_LABEL = 1,
    WF_MONTH = 2,
    WF_ENUM = 4,
    WF_WINDOW = 8,
    WF_FUNC = 16,
    WF_QUAL = 32,  /* last word of a qualifier phrase */
    WF_CUR = 64,   /* first word of a currency phrase */
    WF_NUM = 128,  /* a number word (WORDS) */
    WF_NUMSTART = 256, /* a word that can start a word number */
    WF_ASCALE = 512,   /* completes "a"/"an": "a dozen", "a third" */
    WF_AUNIT = 1024    /* a unit that "a"/"an" counts once: "a gallon" */
};

static uint32_t word_hash(const char *t, size_t a, size_t b)
{
    uint32_t h = 2166136261u;
    size_t i;
    for (i = a; i < b; i++)
        h = (h ^ lx_lc((unsigned char)t[i])) * 16777619u;
    return h;
}

/* The table row of word t[a..b): one hash probe instead of scanning the
 * lists; NULL when the word is in none. */
static const struct wentry *word_entry(const ev_numbers_rx *rx,
                                       const char *t, size_t a, size_t b)
{
    uint32_t h;
    if (b <= a || b - a > 16)
        return NULL;
    h = word_hash(t, a, b) & 2047;
    while (rx->words[h].w) {
        if (lx_eq(t, a, b, rx->words[h].w))
            return &rx->words[h];
        h = (h + 1) & 2047;
    }
    return NULL;
}

static unsigned word_flags(const ev_numbers_rx *rx, const char *t, size_t a,
                           size_t b)
{
    const struct wentry *e = word_entry(rx, t, a, b);
    return e ? e->flags : 0;
}

/*
 * Unit atoms: SI prefixes on SI and common bases, then a few symbols and
 * words; exponents (m2, m^2, m², s-1, s⁻¹) and compounds (mg/kg, m s-1,
 * W m−2, mol·L−1). The caller checks that no letter follows the match.
 */
#define U_PFX "(?:da|[YZEPTGMkhdcmµμunpfa])?"
#define U_BASE                                                               \
    "(?:mol|cd|Hz|Pa|Wh|eV|Da|bar|Gy|Sv|Bq|cal|Ω|ohm|lm|lx|[mgsAKNJWVFSTHLlCBt])"
#define U_EXP "(?:\\^?[-−]?[0-9]{1,2}(?![0-9.,])|[⁻]?[¹²³⁴⁵⁶⁷⁸⁹⁰]+)?"
#define U_SYM                                                                \
    "(?:sq\\.?\\s?(?:ft|km|mi|yd|in|m)|°\\s?[CFK]\\b|℃|°|Å|" U_PFX U_BASE "|min|hr|hrs|yr|yrs|ppm|ppb|ppt"   \
    "|ppmv|mph|kph|rpm|psi|dB|dBm|atm|Torr|mmHg|mm Hg|wt\\s?%|vol\\s?%"       \
    "|tbsp|tsp|Gyr|Myr|kyr|Ga|Ma|ka"                                          \
    "|at\\s?%|mol\\s?%|kDa|kb|Mb|Gb|bp|nt|px|dpi|fps|Gbps|Mbps|kbps|GB|MB"    \
    "|KB|TB|ha|ft|mi|yd|lbs?|oz|gal|mpg|kn|cc|IU|sigma|σ|h|d|μL|µL|mL|μl"     \
    "|µl|ml|dL|dl|mM|μM|µM|nM|pM|mg|kg|km|cm|mm|nm|µm|μm|ms|µs|μs|ns|kJ|MJ"   \
    "|kW|MW|GW|kWh|MWh|GWh|kV|mV|mA|kHz|MHz|GHz|kPa|MPa|GPa|hPa|Gt|Mt|kt)"
#define U_ATOM "(?:" U_SYM U_EXP ")"
#define U_WORDS                                                              \
    "(?:(?:square|cubic|sq\\.?)\\s)?(?:(?:kilo|centi|milli|micro|nano|mega"   \
    "|giga|tera)?(?:met(?:er|re)s?|grams?|gramme?s?|lit(?:er|re)s?|watts?"    \
    "|joules?|volts?|hertz|bytes?|bits?|seconds?|tonnes?)|tons?|miles?"       \
    "|feet|foot|inch(?:es)?|yards?|ounces?|acres?|hectares?|kelvins?"         \
    "|degrees?(?:\\s(?:Celsius|Fahrenheit|centigrade|C|F)\\b)?|calories?"     \
    "|[Cc]elsius|[Ff]ahrenheit"     \
    "|kilocalories?|minutes?|hours?|days?|weeks?|months?|years?|decades?"     \
    "|centur(?:y|ies)|nights?|knots?|pixels?|amps?|amperes?|molar"            \
    "|gallons?|pints?|quarts?|cups?|tablespoons?|teaspoons?"                  \
    "|pound-feet|horsepower|barrels?|atmospheres?|moles?)"                    \
    "(?:\\s(?:squared|cubed))?"
#define U_PATTERN                                                            \
    "(?:" U_WORDS "(?![A-Za-z])|" U_ATOM                                     \
    "(?:(?:\\s?[/·⋅]\\s?|\\s(?=[A-Za-zµμ°]{1,4}(?:[-−][0-9]|[⁻][¹²³])))"   \
    U_ATOM ")*(?:\\s?[/]\\s?(?:" U_WORDS "))?(?![A-Za-z0-9]))"

static void build_wordmask(ev_numbers_rx *rx);
static int build_unit2(ev_numbers_rx *rx);
static void build_elements(ev_numbers_rx *rx);
static void build_tables(ev_numbers_rx *rx);
static void build_prefilters(ev_numbers_rx *rx);

int ev_extract__numbers_new(ev_numbers_rx **out, ev_err *err)
{
    ev_numbers_rx *rx = calloc(1, sizeof(*rx));
    int ecode = 0;
    PCRE2_SIZE eoff = 0;
    *out = NULL;
    if (!rx)
        return ev_err_set(err, EV_ENOMEM, "out of memory");
    rx->unit = pcre2_compile((PCRE2_SPTR)U_PATTERN, PCRE2_ZERO_TERMINATED,
                             PCRE2_UTF | PCRE2_ANCHORED, &ecode, &eoff,
                             NULL);
    if (!rx->unit) {
        PCRE2_UCHAR msg[120];
        pcre2_get_error_message(ecode, msg, sizeof(msg));
        free(rx);
        return ev_err_set(err, EV_ERROR,
                          "cannot compile unit pattern: %s at %zu",
                          (const char *)msg, (size_t)eoff);
    }
    (void)pcre2_jit_compile(rx->unit,
                            PCRE2_JIT_COMPLETE | PCRE2_JIT_PARTIAL_HARD);
    if (build_unit2(rx)) {
        ev_extract__numbers_free(rx);
        return ev_err_set(err, EV_ENOMEM, "out of memory");
    }
    build_wordmask(rx);
    build_tables(rx);
    build_elements(rx);
    build_prefilters(rx);
    *out = rx;
    return 0;
}

void ev_extract__numbers_free(ev_numbers_rx *rx)
{
    if (!rx)
        return;
    pcre2_code_free(rx->unit);
    free(rx);
}

/* ---------------------------------------------------------------- */
/* Word numbers                                                       */

typedef struct wnum {
    const char *w;
    double v;
    int kind; /* 1 unit/teen, 2 ten, 3 hundred, 4 big scale, 5 dozen */
} wnum;

static const wnum WORDS[] = {
    {"zero", 0, 1},       {"nought", 0, 1},       {"naught", 0, 1},
    {"one", 1, 1},        {"two", 2, 1},          {"three", 3, 1},
    {"four", 4, 1},       {"five", 5, 1},         {"six", 6, 1},
    {"seven", 7, 1},      {"eight", 8, 1},        {"nine", 9, 1},
    {"ten", 10, 1},       {"eleven", 11, 1},      {"twelve", 12, 1},
    {"thirteen", 13, 1},  {"fourteen", 14, 1},    {"fifteen", 15, 1},
    {"sixteen", 16, 1},   {"seventeen", 17, 1},   {"eighteen", 18, 1},
    {"nineteen", 19, 1},  {"twenty", 20, 2},      {"thirty", 30, 2},
    {"forty", 40, 2},     {"fifty", 50, 2},       {"sixty", 60, 2},
    {"seventy", 70, 2},   {"eighty", 80, 2},      {"ninety", 90, 2},
    {"hundred", 100, 3},  {"hundreds", 100, 3},   {"thousand", 1e3, 4},
    {"lakh", 1e5, 4},     {"million", 1e6, 4},    {"crore", 1e7, 4},
    {"billion", 1e9, 4},  {"trillion", 1e12, 4},  {"dozen", 12, 5},
    {"dozens", 12, 5},    {NULL, 0, 0}};

/* Looks up t[a..b) (case-insensitive) in WORDS. */
static const wnum *word_lookup(const ev_numbers_rx *rx, const char *t,
                               size_t a, size_t b)
{
    const struct wentry *e;
    if (b - a < 3 || b - a > 9)
        return NULL;
    e = word_entry(rx, t, a, b);
    return e && e->num ? &WORDS[e->num - 1] : NULL;
}

/* Denominators of word fractions: "a third", "three fifths",
 * "one-eighth", "and three quarters", "three twenty-firsts". */
typedef struct denom {
    const char *w;
    double d;
    unsigned char plural;
    unsigned char flags; /* DN_* */
} denom;

enum {
    DN_UNIT = 1,  /* an ordinal of 1-9 that a ten compounds: "twenty-first" */
    DN_NOSOLO = 2 /* a denominator only in such a compound: "a second" and
                   * "the first" are no fractions */
};

static const denom DENOMS[] = {
    {"half", 2, 0, 0},
    {"halves", 2, 1, 0},
    {"quarter", 4, 0, 0},
    {"quarters", 4, 1, 0},
    {"first", 1, 0, DN_UNIT | DN_NOSOLO},
    {"firsts", 1, 1, DN_UNIT | DN_NOSOLO},
    {"second", 2, 0, DN_UNIT | DN_NOSOLO},
    {"seconds", 2, 1, DN_UNIT | DN_NOSOLO},
    {"third", 3, 0, DN_UNIT},
    {"thirds", 3, 1, DN_UNIT},
    {"fourth", 4, 0, DN_UNIT},
    {"fourths", 4, 1, DN_UNIT},
    {"fifth", 5, 0, DN_UNIT},
    {"fifths", 5, 1, DN_UNIT},
    {"sixth", 6, 0, DN_UNIT},
    {"sixths", 6, 1, DN_UNIT},
    {"seventh", 7, 0, DN_UNIT},
    {"sevenths", 7, 1, DN_UNIT},
    {"eighth", 8, 0, DN_UNIT},
    {"eighths", 8, 1, DN_UNIT},
    {"ninth", 9, 0, DN_UNIT},
    {"ninths", 9, 1, DN_UNIT},
    {"tenth", 10, 0, 0},
    {"tenths", 10, 1, 0},
    {"eleventh", 11, 0, 0},
    {"elevenths", 11, 1, 0},
    {"twelfth", 12, 0, 0},
    {"twelfths", 12, 1, 0},
    {"thirteenth", 13, 0, 0},
    {"thirteenths", 13, 1, 0},
    {"fourteenth", 14, 0, 0},
    {"fourteenths", 14, 1, 0},
    {"fifteenth", 15, 0, 0},
    {"fifteenths", 15, 1, 0},
    {"sixteenth", 16, 0, 0},
    {"sixteenths", 16, 1, 0},
    {"seventeenth", 17, 0, 0},
    {"seventeenths", 17, 1, 0},
    {"eighteenth", 18, 0, 0},
    {"eighteenths", 18, 1, 0},
    {"nineteenth", 19, 0, 0},
    {"nineteenths", 19, 1, 0},
    {"twentieth", 20, 0, 0},
    {"twentieths", 20, 1, 0},
    {"thirtieth", 30, 0, 0},
    {"thirtieths", 30, 1, 0},
    {"fortieth", 40, 0, 0},
    {"fortieths", 40, 1, 0},
    {"fiftieth", 50, 0, 0},
    {"fiftieths", 50, 1, 0},
    {"sixtieth", 60, 0, 0},
    {"sixtieths", 60, 1, 0},
    {"seventieth", 70, 0, 0},
    {"seventieths", 70, 1, 0},
    {"eightieth", 80, 0, 0},
    {"eightieths", 80, 1, 0},
    {"ninetieth", 90, 0, 0},
    {"ninetieths", 90, 1, 0},
    {"hundredth", 100, 0, 0},
    {"hundredths", 100, 1, 0},
    {"thousandth", 1e3, 0, 0},
    {"thousandths", 1e3, 1, 0},
    {"millionth", 1e6, 0, 0},
    {"millionths", 1e6, 1, 0},
    {"billionth", 1e9, 0, 0},
    {"billionths", 1e9, 1, 0},
    {"trillionth", 1e12, 0, 0},
    {"trillionths", 1e12, 1, 0},
    {NULL, 0, 0, 0}};

/* Vague plurals: "dozens", "hundreds of", "billions". */
typedef struct vague {
    const char *w;
    double v;
} vague;
static const vague VAGUE[] = {{"dozens", 24},       {"hundreds", 200},
                              {"thousands", 2000},  {"millions", 2e6},
                              {"billions", 2e9},    {"trillions", 2e12},
                              {NULL, 0}};

/* The lenmask/ascale row of the word of n bytes at s (n >= 1, s[0] a
 * letter). */
static size_t pair_index(const unsigned char *s, size_t n)
{
    unsigned second = n > 1 && lx_alpha(s[1]) ? (s[1] | 0x20) - 'a' : 26;
    return (size_t)((s[0] | 0x20) - 'a') * 27 + second;
}

static void mask_set(uint32_t *mask, const char *w, size_t extra)
{
    size_t n = strlen(w);
    if (lx_lower((unsigned char)w[0]) && n + extra < 32)
        mask[pair_index((const unsigned char *)w, n)] |= (uint32_t)1
                                                         << (n + extra);
}

static void mask_add(ev_numbers_rx *rx, const char *w, size_t extra)
{
    mask_set(rx->lenmask, w, extra);
}

/* Can the word of n bytes at s be a number word by its first two letters
 * and length? */
static int mask_hit(const uint32_t *mask, const unsigned char *s, size_t n)
{
    return n < 32 && (mask[pair_index(s, n)] >> n & 1);
}

/* Can the word t[a..b) start a word number? One table probe per word
 * with a candidate initial ("a"/"an" probe the next word). */
static int maybe_number_word(const ev_numbers_rx *rx, const char *t,
                             size_t len, size_t a, size_t b)
{
    if (b - a <= 2) {
        size_t r, e;
        if (!(lx_eq(t, a, b, "a") || lx_eq(t, a, b, "an")))
            return 0;
        r = lx_skip_ws(t, len, b);
        e = r;
        while (e < len && lx_alpha((unsigned char)t[e]))
            e++;
        if (e == r ||
            !mask_hit(rx->ascale, (const unsigned char *)t + r, e - r))
            return 0;
        return (word_flags(rx, t, r, e) & (WF_ASCALE | WF_AUNIT)) != 0;
    }
    return (word_flags(rx, t, a, b) & WF_NUMSTART) != 0;
}


static struct wentry *word_slot(ev_numbers_rx *rx, const char *w)
{
    uint32_t h = word_hash(w, 0, strlen(w)) & 2047;
    while (rx->words[h].w && strcmp(rx->words[h].w, w) != 0)
        h = (h + 1) & 2047;
    rx->words[h].w = w;
    return &rx->words[h];
}

/* The per-word prefilter masks and the number-word rows of words[]. */
static void build_wordmask(ev_numbers_rx *rx)
{
    static const char *const EXTRA[] = {"a", "an", "twice", "thrice",
                                        "tens", "half", "quarter", NULL};
    static const char *const A_WORDS[] = {"hundred", "thousand", "million",
                                          "billion", "trillion", "dozen",
                                          "decade", NULL};
    /* units counted once by "a"/"an" ("an hour", "a gallon"); not the
     * idioms "a second", "a minute", "a day", "a mile", "a pound" */
    static const char *const A_UNITS[] = {
        "hour", "gallon", "pint", "quart", "cup", "tablespoon", "teaspoon",
        "penny", "ounce", "litre", "liter", "kilogram", NULL};
    const wnum *w;
    const vague *vg;
    const denom *d;
    const char *const *e;
    size_t k = 0;
    for (w = WORDS; w->w; w++) {
        struct wentry *we = word_slot(rx, w->w);
        we->num = (unsigned short)(w - WORDS + 1);
        we->flags |= WF_NUM | WF_NUMSTART;
        mask_add(rx, w->w, 0);
        mask_add(rx, w->w, 4); /* "fivefold" */
        if (w->kind == 2) {
            /* "a twenty-first" */
            we->flags |= WF_ASCALE;
            mask_set(rx->ascale, w->w, 0);
        }
        if (w->kind <= 2 && k < sizeof(rx->fold) / sizeof(rx->fold[0])) {
            snprintf(rx->fold[k], sizeof(rx->fold[k]), "%sfold", w->w);
            word_slot(rx, rx->fold[k])->flags |= WF_NUMSTART;
            k++;
        }
    }
    for (d = DENOMS; d->w; d++) {
        struct wentry *we = word_slot(rx, d->w);
        we->den = (unsigned short)(d - DENOMS + 1);
        if (!d->plural && !(d->flags & DN_NOSOLO)) {
            we->flags |= WF_ASCALE;
            mask_set(rx->ascale, d->w, 0);
        }
    }
    for (e = A_WORDS; *e; e++) {
        word_slot(rx, *e)->flags |= WF_ASCALE;
        mask_set(rx->ascale, *e, 0);
    }
    for (e = A_UNITS; *e; e++) {
        word_slot(rx, *e)->flags |= WF_AUNIT;
        mask_set(rx->ascale, *e, 0);
    }
    for (vg = VAGUE; vg->w; vg++) {
        mask_add(rx, vg->w, 0);
        word_slot(rx, vg->w)->flags |= WF_NUMSTART;
    }
    for (e = EXTRA; *e; e++) {
        mask_add(rx, *e, 0);
        if (strlen(*e) > 2)
            word_slot(rx, *e)->flags |= WF_NUMSTART;
    }
}


/* ---------------------------------------------------------------- */
/* A parsed figure                                                    */

typedef struct fig {
    size_t start, end;          /* whole figure incl. currency, unit */
    size_t num_start, num_end;  /* numeric core */
    double v;                   /* value, scale applied */
    double scale;               /* 1 when no scale word */
    double pm;                  /* "± pm", 0 when none */
    double core;                /* the number as written, before scale */
    char unit[EV_UNIT_LEN];
    char detail[EV_UNIT_LEN];
    int words;                  /* written in words */
    int vague;                  /* dozens, billions */
    int multiple;
    int int_digits;             /* digits before the decimal point */
    int plain_int;              /* digits only: no separator, decimal */
    int has_dec;
    int cont_group;             /* "1.234.567,89": dot groups */
    int has_cur;                /* currency given */
    int glued_unit;             /* unit written without space */
    size_t noun_end;
    int qual;                   /* qualifier implied by the figure */
    int neg;                    /* a minus sign or word came before */
    size_t sign_at;             /* where the sign starts */
    double wscale;              /* last scale word of a word number */
} fig;

typedef struct scanner {
    const ev_numbers_rx *rx;
    pcre2_match_data *md;
    const char *t;
    size_t len;
    size_t *label_end; /* end of the last number rejected as a label */
} scanner;

static void set_unit(fig *f, const char *u)
{
    size_t n = strlen(u);
    if (n >= sizeof(f->unit))
        n = sizeof(f->unit) - 1;
    memcpy(f->unit, u, n);
    f->unit[n] = 0;
}

/* Parses digits at p: 54,000 / 816 000 / 74.5 / .08 / 4e14. */
/* A Unicode vulgar fraction at q ("½", "⅓", "¾"): its byte length and
 * value, or 0. */
static size_t vulgar_at(const char *t, size_t len, size_t q, double *v)
{
    const unsigned char *s = (const unsigned char *)t;
    static const double U2150[] = {1.0 / 7, 1.0 / 9, 1.0 / 10, 1.0 / 3,
                                   2.0 / 3, 1.0 / 5, 2.0 / 5, 3.0 / 5,
                                   4.0 / 5, 1.0 / 6, 5.0 / 6, 1.0 / 8,
                                   3.0 / 8, 5.0 / 8, 7.0 / 8};
    if (q + 1 < len && s[q] == 0xC2 && s[q + 1] >= 0xBC && s[q + 1] <= 0xBE) {
        *v = s[q + 1] == 0xBC ? 0.25 : s[q + 1] == 0xBD ? 0.5 : 0.75;
        return 2;
    }
    if (q + 2 < len && s[q] == 0xE2 && s[q + 1] == 0x85 && s[q + 2] >= 0x90 &&
        s[q + 2] <= 0x9E) {
        *v = U2150[s[q + 2] - 0x90];
        return 3;
    }
    return 0;
}

/* Digits from q: their count (at most 40 looked at). */
static size_t digit_run(const char *t, size_t len, size_t q)
{
    size_t e = q;
    while (e < len && e - q < 40 && lx_digit((unsigned char)t[e]))
        e++;
    return e - q;
}

/* The value of the k decimals at t[a..a+k): "25" -> 0.25. */
static double decimals(const char *t, size_t a, size_t k)
{
    double x = 0, sc10 = 0.1;
    size_t i;
    for (i = a; i < a + k; i++, sc10 /= 10)
        x += (t[i] - '0') * sc10;
    return x;
}

/* Grouping written other than "54,000": Indian lakh groups
 * "12,34,567.89" (two-digit groups before the last three) and continental
 * "1.234.567,89" / "1.111,11" (dot groups, then a decimal comma). The
 * digits start at p and the first run has n digits; returns the end of
 * the number and sets *v, or 0 when neither form is there. */
static size_t other_grouping(const char *t, size_t len, size_t p, size_t n,
                             double *v, int *has_dec)
{
    size_t q = p + n, k, g = 0;
    double x = 0;
    for (k = p; k < q; k++)
        x = x * 10 + (t[k] - '0');
    if (n <= 2 && q < len && t[q] == ',') {
        /* lakh: ",dd" groups then ",ddd" */
        while (q + 3 <= len && t[q] == ',' && digit_run(t, len, q + 1) == 2 &&
               q + 3 < len && t[q + 3] == ',') {
            x = x * 100 + (t[q + 1] - '0') * 10 + (t[q + 2] - '0');
            q += 3;
            g++;
        }
        if (!g || q >= len || t[q] != ',' || digit_run(t, len, q + 1) != 3)
            return 0;
        x = x * 1000 + (t[q + 1] - '0') * 100 + (t[q + 2] - '0') * 10 +
            (t[q + 3] - '0');
        q += 4;
        if (q < len && t[q] == ',' && q + 1 < len &&
            lx_digit((unsigned char)t[q + 1]))
            return 0;
        if (q + 1 < len && t[q] == '.' && (k = digit_run(t, len, q + 1)) > 0) {
            x += decimals(t, q + 1, k);
            q += 1 + k;
            *has_dec = 1;
        }
        *v = x;
        return q;
    }
    if (n <= 3 && q < len && t[q] == '.') {
        /* continental: ".ddd" groups and a decimal comma */
        while (q < len && t[q] == '.' && digit_run(t, len, q + 1) == 3) {
            x = x * 1000 + (t[q + 1] - '0') * 100 + (t[q + 2] - '0') * 10 +
                (t[q + 3] - '0');
            q += 4;
            g++;
        }
        k = q + 1 < len && t[q] == ',' ? digit_run(t, len, q + 1) : 0;
        if (!g || k == 0 || k == 3 || k > 6)
            return 0;
        x += decimals(t, q + 1, k);
        q += 1 + k;
        *v = x;
        *has_dec = 1;
        return q;
    }
    return 0;
}

/* A decimal comma after the integer digits t[p..q): "0,05", "60,8%",
 * "2,05 et 2,6%". A comma is a decimal mark when the digits after it are
 * not a thousands group (not exactly three), or when the integer part is
 * a lone 0 ("0,025"); never after four or more digits ("in 2015,34" is a
 * year and a footnote marker) nor inside a list ("1,2,3", "[1,2]"). Returns the
 * count of decimals, or 0. */
static size_t decimal_comma(const char *t, size_t len, size_t p, size_t q)
{
    size_t k, e;
    if (q + 1 >= len || t[q] != ',' || q - p > 3)
        return 0;
    k = digit_run(t, len, q + 1);
    if (k == 0 || k > 6)
        return 0;
    if (k == 3 && !(q - p == 1 && t[p] == '0'))
        return 0;
    e = q + 1 + k;
    /* a list of numbers, a version or a decimal point after it */
    if (e + 1 < len && (t[e] == ',' || t[e] == '.') &&
        lx_digit((unsigned char)t[e + 1]))
        return 0;
    if (p > 0 && (t[p - 1] == ',' || t[p - 1] == '[' || t[p - 1] == '.'))
        return 0;
    /* "1,2 and 3", "1,2 or 4": a list */
    {
        size_t r = lx_skip_ws(t, len, e), w;
        if ((w = lx_word_at(t, len, r, "and")) != 0 ||
            (w = lx_word_at(t, len, r, "or")) != 0 ||
            (r < len && t[r] == '&' && (w = r + 1) != 0)) {
            size_t n2;
            r = lx_skip_ws(t, len, w);
            n2 = digit_run(t, len, r);
            /* a small whole number, not itself a decimal comma ("0,5") */
            if (n2 >= 1 && n2 <= 2 && !(r + n2 < len && t[r + n2] == ','))
                return 0;
        }
    }
    return k;
}

static int parse_digits(const scanner *sc, size_t p, fig *f)
{
    const char *t = sc->t;
    size_t len = sc->len, q = p;
    double v = 0;
    int nd = 0, sep = 0;
    while (q < len && lx_digit((unsigned char)t[q])) {
        if (nd < 40)
            v = v * 10 + (t[q] - '0');
        nd++;
        q++;
    }
    if (nd > 30)
        return 0;
    if (nd >= 1 && nd <= 3 && q + 4 < len && (t[q] == ',' || t[q] == '.')) {
        int hd = 0;
        size_t e = other_grouping(t, len, p, (size_t)nd, &v, &hd);
        if (e) {
            f->int_digits = nd;
            f->has_dec = hd;
            f->cont_group = t[p + nd] == '.';
            f->plain_int = 0;
            f->num_start = p;
            f->num_end = e;
            f->v = v;
            return 1;
        }
    }
    if (nd >= 1 && q < len && t[q] == ',') {
        size_t k = decimal_comma(t, len, p, q);
        if (k) {
            v += decimals(t, q + 1, k);
            f->int_digits = nd;
            f->has_dec = 1;
            f->plain_int = 0;
            f->num_start = p;
            f->num_end = q + 1 + k;
            f->v = v;
            return 1;
        }
    }
    /* thousands groups: ",ddd" or a space before exactly three digits */
    if (nd >= 1 && nd <= 3) {
        for (;;) {
            size_t s = 0;
            if (q < len && t[q] == ',')
                s = 1;
            else if (!sep || sep == 2)
                s = lx_hspace(t, len, q);
            if (!s || q + s + 3 > len)
                break;
            if (!lx_digit((unsigned char)t[q + s]) ||
                !lx_digit((unsigned char)t[q + s + 1]) ||
                !lx_digit((unsigned char)t[q + s + 2]) ||
                (q + s + 3 < len && lx_digit((unsigned char)t[q + s + 3])))
                break;
            if (t[q] == ',' && sep == 2)
                break;
            /* a space group must not be followed by ",ddd" or ".d" that
             * makes it a separate number ("in 2017 100 troops") */
            if (t[q] != ',') {
                if (sep == 0 && nd == 0)
                    break;
                sep = 2;
            } else {
                sep = 1;
            }
            v = v * 1000 + (t[q + s] - '0') * 100 + (t[q + s + 1] - '0') * 10 +
                (t[q + s + 2] - '0');
            nd += 3;
            q += s + 3;
        }
    }
    if (nd > 30)
        return 0;
    f->int_digits = nd;
    f->plain_int = !sep;
    if (q + 1 < len && t[q] == '.' && lx_digit((unsigned char)t[q + 1])) {
        double scale = 0.1;
        q++;
        f->has_dec = 1;
        f->plain_int = 0;
        while (q < len && lx_digit((unsigned char)t[q])) {
            v += (t[q] - '0') * scale;
            scale /= 10;
            q++;
        }
    }
    {
        /* "2½", "½": a vulgar fraction after or instead of the digits */
        double fr;
        size_t n = f->has_dec ? 0 : vulgar_at(t, len, q, &fr);
        if (n && !(q + n < len && lx_digit((unsigned char)t[q + n]))) {
            v += fr;
            q += n;
            f->has_dec = 1;
            f->plain_int = 0;
        }
    }
    if (nd == 0 && !f->has_dec)
        return 0;
    /* glued exponent: 4e14, 1.2E-5 */
    if (q + 1 < len && (t[q] == 'e' || t[q] == 'E')) {
        size_t r = q + 1;
        int sg = 1, ex = 0, ned = 0;
        if (r < len && (t[r] == '-' || t[r] == '+')) {
            sg = t[r] == '-' ? -1 : 1;
            r++;
        }
        while (r < len && lx_digit((unsigned char)t[r]) && ned < 4) {
            ex = ex * 10 + (t[r] - '0');
            r++;
            ned++;
        }
        if (ned && (r >= len || !lx_alnum((unsigned char)t[r]))) {
            v *= pow(10, sg * ex);
            q = r;
            f->plain_int = 0;
        }
    }
    f->num_start = p;
    f->num_end = q;
    f->v = v;
    return 1;
}

/* "^E" at q, E an optionally signed integer of at most three digits: its
 * end (0 when none) and *e. */
static size_t caret_exp(const char *t, size_t len, size_t q, int *e)
{
    size_t r = q + 1, n = 0;
    int sg = 1, x = 0;
    if (q >= len || t[q] != '^')
        return 0;
    if (r < len && (t[r] == '-' || t[r] == '+'))
        sg = t[r++] == '-' ? -1 : 1;
    while (r < len && lx_digit((unsigned char)t[r]) && n < 4) {
        x = x * 10 + (t[r] - '0');
        r++;
        n++;
    }
    if (n == 0 || n > 3 || (r < len && (lx_alnum((unsigned char)t[r]) ||
                                        t[r] == '.' || t[r] == '^')))
        return 0;
    *e = sg * x;
    return r;
}

/* A caret power after the number at q ("10^6": *v = 10^6) or a product
 * with one ("8x2^10": *v = 8 * 2^10). Returns the end, or q. */
static size_t parse_caret(const scanner *sc, size_t q, double *v)
{
    const char *t = sc->t;
    size_t len = sc->len, r, b;
    double base = 0, x;
    int e;
    if ((r = caret_exp(t, len, q, &e)) != 0) {
        x = pow(*v, e);
        if (!isfinite(x))
            return q;
        *v = x;
        return r;
    }
    if (q + 2 >= len || !(t[q] == 'x' || t[q] == '*'))
        return q;
    for (b = q + 1; b < len && lx_digit((unsigned char)t[b]) && b - q < 4; b++)
        base = base * 10 + (t[b] - '0');
    if (b == q + 1 || (r = caret_exp(t, len, b, &e)) == 0 ||
        (base == 10 && e < 0))
        return q;
    x = *v * pow(base, e);
    if (!isfinite(x))
        return q;
    *v = x;
    return r;
}

/* Parses "× 10^5", "x10−5", "·10^3" after a number. */
static size_t parse_times_ten(const scanner *sc, size_t q, double *v)
{
    const char *t = sc->t;
    size_t len = sc->len, r = q;
    int sg = 1, ex = 0, n = 0;
    while (r < len && t[r] == ' ')
        r++;
    if (r + 1 < len && (unsigned char)t[r] == 0xC3 &&
        (unsigned char)t[r + 1] == 0x97)
        r += 2; /* × */
    else if (r < len && (t[r] == 'x' || t[r] == '*'))
        r++;
    else
        return q;
    while (r < len && t[r] == ' ')
        r++;
    if (!(r + 1 < len && t[r] == '1' && t[r + 1] == '0'))
        return q;
    r += 2;
    /* "× 10 −4", "× 10 27molecules": a superscript exponent that PDF
     * extraction set apart by one space */
    if (r + 1 < len && t[r] == ' ' &&
        (lx_digit((unsigned char)t[r + 1]) ||
         (t[r + 1] == '-' && r + 2 < len &&
          lx_digit((unsigned char)t[r + 2])) ||
         (r + 4 < len && (unsigned char)t[r + 1] == 0xE2 &&
          (unsigned char)t[r + 2] == 0x88 && (unsigned char)t[r + 3] == 0x92 &&
          lx_digit((unsigned char)t[r + 4]))))
        r++;
    if (r < len && t[r] == '^')
        r++;
    if (r < len && t[r] == '-') {
        sg = -1;
        r++;
    } else if (r + 2 < len && (unsigned char)t[r] == 0xE2 &&
               (unsigned char)t[r + 1] == 0x88 &&
               (unsigned char)t[r + 2] == 0x92) {
        sg = -1;
        r += 3;
    } else if (r + 2 < len && (unsigned char)t[r] == 0xE2 &&
               (unsigned char)t[r + 1] == 0x81 &&
               (unsigned char)t[r + 2] == 0xBB) {
        sg = -1; /* ⁻ */
        r += 3;
    }
    while (r < len && lx_digit((unsigned char)t[r]) && n < 3) {
        ex = ex * 10 + (t[r] - '0');
        r++;
        n++;
    }
    if (!n || n > 2 || (r < len && (lx_digit((unsigned char)t[r]) ||
                                    (t[r] == '.' && r + 1 < len &&
                                     lx_digit((unsigned char)t[r + 1])))))
        return q;
    *v *= pow(10, sg * ex);
    return r;
}

/* ---------------------------------------------------------------- */
/* The word-number grammar                                            */

/* A word number is read in two steps: wn_run() collects its tokens
 * (number words, "a", "and", fraction words) and wn_value() reads them
 * as a cardinal, a fraction or a whole number and a fraction, trying the
 * few ways a run of words splits between numerator and denominator. */

enum {
    WK_SMALL = 1, /* zero to nineteen */
    WK_TEN,       /* twenty ... ninety */
    WK_COMP,      /* a ten and a unit: "fifty-four", "ninety - five" */
    WK_HUNDRED,
    WK_SCALE,     /* thousand, lakh, million, crore, billion, trillion */
    WK_DOZEN,
    WK_DIGITS,    /* a plain integer among words: "4 thousand 3 hundred" */
    WK_A,         /* "a", "an" */
    WK_AND,       /* "and", "&" */
    WK_COMMA,     /* a comma after a scale word */
    WK_ORD        /* a fraction word: "fifths", "a twenty-first" */
};

#define WRUN_MAX 24

typedef struct wtok {
    size_t a, e;
    double v;
    unsigned char k;      /* WK_* */
    unsigned char plural; /* WK_ORD: "fifths" */
} wtok;

static int wk_small(int k)
{
    return k == WK_SMALL || k == WK_TEN || k == WK_COMP || k == WK_DIGITS;
}

static size_t wn_end(const char *t, size_t len, size_t q)
{
    while (q < len && lx_alpha((unsigned char)t[q]))
        q++;
    return q;
}

static size_t wn_hskip(const char *t, size_t len, size_t p)
{
    size_t n;
    while ((n = lx_hspace(t, len, p)) != 0)
        p += n;
    return p;
}

/* A unit or a unit ordinal joined to the ten *tk by a hyphen, glued or
 * spaced ("fifty-four", "ninety - five", "twenty-first"): folded into *tk. */
static void wn_compound(const ev_numbers_rx *rx, const char *t, size_t len,
                        wtok *tk)
{
    const struct wentry *we;
    size_t r = wn_hskip(t, len, tk->e), e;
    if (r >= len || t[r] != '-')
        return;
    r = wn_hskip(t, len, r + 1);
    e = wn_end(t, len, r);
    we = word_entry(rx, t, r, e);
    if (!we)
        return;
    if (we->num) {
        const wnum *w = &WORDS[we->num - 1];
        if (w->kind == 1 && w->v >= 1 && w->v <= 9) {
            tk->k = WK_COMP;
            tk->v += w->v;
            tk->e = e;
        }
    } else if (we->den && (DENOMS[we->den - 1].flags & DN_UNIT)) {
        tk->k = WK_ORD;
        tk->v += DENOMS[we->den - 1].d;
        tk->plural = DENOMS[we->den - 1].plural;
        tk->e = e;
    }
}

/* The token at q into *tk; 0 when there is none. digits: a plain integer
 * of up to six digits counts as a number word. */
static int wn_tok(const ev_numbers_rx *rx, const char *t, size_t len,
                  size_t q, int digits, wtok *tk)
{
    static const unsigned char KIND[] = {0,          WK_SMALL, WK_TEN,
                                         WK_HUNDRED, WK_SCALE, WK_DOZEN};
    const struct wentry *we;
    unsigned char c;
    size_t e;
    if (q >= len)
        return 0;
    c = (unsigned char)t[q];
    tk->a = q;
    tk->v = 0;
    tk->plural = 0;
    if (lx_digit(c)) {
        if (!digits)
            return 0;
        for (e = q; e < len && lx_digit((unsigned char)t[e]); e++) {
            if (e - q >= 6)
                return 0;
            tk->v = tk->v * 10 + (t[e] - '0');
        }
        if (e < len &&
            (lx_alpha((unsigned char)t[e]) || t[e] == '%' ||
             ((t[e] == '.' || t[e] == ',' || t[e] == '/' || t[e] == ':') &&
              e + 1 < len && lx_digit((unsigned char)t[e + 1]))))
            return 0;
        tk->k = WK_DIGITS;
        tk->e = e;
        return 1;
    }
    if (c == '&') {
        if (q + 1 >= len || t[q + 1] != ' ')
            return 0;
        tk->k = WK_AND;
        tk->e = q + 1;
        return 1;
    }
    if (!lx_alpha(c))
        return 0;
    e = wn_end(t, len, q);
    tk->e = e;
    if (e - q <= 3) {
        if (lx_eq(t, q, e, "a") || lx_eq(t, q, e, "an")) {
            tk->k = WK_A;
            tk->v = 1;
            return 1;
        }
        if (lx_eq(t, q, e, "and")) {
            tk->k = WK_AND;
            return 1;
        }
    }
    we = word_entry(rx, t, q, e);
    if (!we)
        return 0;
    if (we->num) {
        const wnum *w = &WORDS[we->num - 1];
        tk->k = KIND[w->kind];
        tk->v = w->v;
        if (tk->k == WK_TEN)
            wn_compound(rx, t, len, tk);
        return 1;
    }
    if (we->den && !(DENOMS[we->den - 1].flags & DN_NOSOLO)) {
        tk->k = WK_ORD;
        tk->v = DENOMS[we->den - 1].d;
        tk->plural = DENOMS[we->den - 1].plural;
        return 1;
    }
    return 0;
}

/* Collects the tokens of the word number at p (at most WRUN_MAX), joined
 * by space and at most one line break, a hyphen, "and", a comma after a
 * scale word, or a spaced hyphen before a fraction word ("one - fourth").
 * The run ends after a fraction word. Returns the token count. */
static size_t wn_run(const ev_numbers_rx *rx, const char *t, size_t len,
                     size_t p, int digits, wtok *tk)
{
    size_t n = 0, q = p;
    while (n < WRUN_MAX && wn_tok(rx, t, len, q, digits, &tk[n])) {
        const wtok *k = &tk[n];
        size_t r;
        if (k->k == WK_AND ? n == 0 || !(wk_small(tk[n - 1].k) ||
                                         tk[n - 1].k == WK_HUNDRED ||
                                         tk[n - 1].k == WK_SCALE ||
                                         tk[n - 1].k == WK_DOZEN)
                           : k->k == WK_A && n > 0 &&
                                 tk[n - 1].k != WK_AND)
            break;
        n++;
        if (k->k == WK_ORD)
            break;
        r = k->e;
        if (r + 1 < len && t[r] == '-' && lx_alpha((unsigned char)t[r + 1])) {
            q = r + 1;
            continue;
        }
        if (r < len && t[r] == ',' && k->k == WK_SCALE && n < WRUN_MAX) {
            q = lx_skip_ws(t, len, r + 1);
            if (q == r + 1)
                break;
            tk[n].k = WK_COMMA;
            tk[n].a = r;
            tk[n].e = r + 1;
            tk[n].v = 0;
            tk[n].plural = 0;
            n++;
            continue;
        }
        q = lx_skip_ws(t, len, r);
        if (q == r)
            break;
        if (q < len && t[q] == '-') {
            wtok o;
            size_t r2 = wn_hskip(t, len, q + 1);
            if (r2 == q + 1 || !wn_tok(rx, t, len, r2, 0, &o) ||
                o.k != WK_ORD)
                break;
            q = r2;
        }
    }
    return n;
}

/* A cardinal being read: total of the closed scale groups, cur below the
 * last scale word, part below the last hundred. */
typedef struct wcard {
    double total, cur, part;
    double minscale; /* the last scale word: the next must be smaller */
    double chunk;    /* what the last scale group added */
    int prev;        /* WK_* of the last token, 0 before the first */
    int join;        /* an "and" or a comma follows prev */
} wcard;

static void wn_card_init(wcard *c)
{
    memset(c, 0, sizeof(*c));
    c->minscale = HUGE_VAL;
}

/* Adds tk to the cardinal c; 0 when it does not go on with it ("two
 * three", "twenty eleven", "thousand thousand"). loose: "and" may follow
 * any number ("twenty and three"), not only a hundred or a scale. */
static int wn_card_add(wcard *c, const wtok *tk, int loose)
{
    int p = c->prev;
    double v = tk->v;
    switch (tk->k) {
    case WK_AND:
    case WK_COMMA:
        if (!p || c->join || p == WK_A || p == WK_DOZEN ||
            (tk->k == WK_COMMA && p != WK_SCALE) ||
            (!loose && p != WK_HUNDRED && p != WK_SCALE))
            return 0;
        c->join = 1;
        return 1;
    case WK_A:
        if (p)
            return 0;
        break;
    case WK_SMALL:
    case WK_DIGITS:
        if (p == WK_A || p == WK_DOZEN ||
            (wk_small(p) &&
             !(p == WK_TEN && tk->k == WK_SMALL && v >= 1 && v <= 9)))
            return 0;
        /* a zero only stands alone: "3 hundred and 0" is two numbers */
        if (p && (v == 0 || (tk->k == WK_DIGITS &&
                             v >= (p == WK_HUNDRED ? 100 : 1000))))
            return 0;
        c->cur += v;
        c->part += v;
        break;
    case WK_TEN:
    case WK_COMP:
        if (p == WK_A || p == WK_DOZEN || wk_small(p))
            return 0;
        c->cur += v;
        c->part += v;
        break;
    case WK_HUNDRED:
        if (p == WK_HUNDRED || p == WK_SCALE || p == WK_DOZEN ||
            c->cur >= 100)
            return 0;
        c->cur = (wk_small(p) ? c->cur : 1) * 100;
        c->part = 0;
        break;
    case WK_SCALE:
        if (!p || c->join)
            return 0;
        if (p == WK_SCALE) {
            /* "lakh crore", "thousand million": the scales multiply */
            if (v <= c->minscale)
                return 0;
            c->total += c->chunk * (v - 1);
            c->chunk *= v;
            c->minscale = v;
            break;
        }
        if (v >= c->minscale)
            return 0;
        c->chunk = (p == WK_A ? 1 : c->cur) * v;
        c->total += c->chunk;
        c->cur = c->part = 0;
        c->minscale = v;
        break;
    case WK_DOZEN:
        if (p == WK_SCALE || p == WK_DOZEN || c->join)
            return 0;
        if (wk_small(p))
            c->cur += c->part * 11; /* "three hundred and two dozen" */
        else if (p == WK_HUNDRED)
            c->cur *= 12;
        else
            c->cur = 12;
        c->part = 0;
        break;
    default:
        return 0;
    }
    c->prev = tk->k;
    c->join = 0;
    return 1;
}

/* Is c a whole number? numer: a lone "a" is one ("a third"). */
static int wn_card_done(const wcard *c, int numer)
{
    return c->prev && !c->join && (c->prev != WK_A || numer);
}

static double wn_card_value(const wcard *c)
{
    return c->prev == WK_A ? 1 : c->total + c->cur;
}

/* Reads tk[i..j) whole as a cardinal into *c. */
static int wn_card_all(const wtok *tk, size_t i, size_t j, int loose,
                       int numer, wcard *c)
{
    wn_card_init(c);
    for (; i < j; i++)
        if (!wn_card_add(c, &tk[i], loose))
            return 0;
    return wn_card_done(c, numer);
}

/* The longest cardinal at the start of tk[0..n): its token count (0 when
 * none) and state. A join that a multiplier fails after was a list ("two
 * hundred and three hundred" stops after the first "hundred"), and a
 * comma goes on only into a group with its own multiplier ("3 million,
 * 200 thousand", not "2 million, 3 of them"). */
static size_t wn_card_greedy(const wtok *tk, size_t n, wcard *out)
{
    wcard c, ok, at, mul;
    size_t i, okn = 0, atn = 0, muln = 0;
    int joined = 0, comma = 0;
    wn_card_init(&c);
    ok = at = mul = c;
    for (i = 0; i < n; i++) {
        int k = tk[i].k;
        if (!wn_card_add(&c, &tk[i], 0)) {
            /* "39 million 38 million": a new number began after the
             * last multiplier */
            if (k == WK_HUNDRED || k == WK_SCALE || k == WK_DOZEN) {
                if (joined) {
                    ok = at;
                    okn = atn;
                } else if (muln) {
                    ok = mul;
                    okn = muln;
                }
            }
            break;
        }
        if (k == WK_AND || k == WK_COMMA) {
            at = ok;
            atn = okn;
            joined = 1;
            comma = k == WK_COMMA;
        } else if (k == WK_HUNDRED || k == WK_SCALE) {
            joined = comma = 0;
            mul = c;
            muln = i + 1;
        }
        if (wn_card_done(&c, 0)) {
            ok = c;
            okn = i + 1;
        }
    }
    if (comma) {
        ok = at;
        okn = atn;
    }
    *out = ok;
    return okn;
}

/* The fraction word o as a number word inside a compound ordinal:
 * "thirty fifth" counts thirty-five. */
static wtok wn_ord_card(const wtok *o)
{
    wtok c = *o;
    c.k = o->v < 20   ? WK_SMALL
          : o->v < 100 ? (fmod(o->v, 10) == 0 ? WK_TEN : WK_COMP)
          : o->v == 100 ? WK_HUNDRED
                        : WK_SCALE;
    return c;
}

/* The fraction tk[i..k) over tk[k..m], tk[m] the fraction word: the
 * numerator a cardinal (one for a singular word, more for a plural), the
 * denominator the fraction word with the number words before it that
 * compound with it ("one hundred | one thousand fifths"). */
static int wn_frac_at(const wtok *tk, size_t i, size_t k, size_t m,
                      double *v)
{
    wcard n, d;
    double nv, dv = tk[m].v;
    size_t j;
    if (tk[k - 1].k == WK_AND || !wn_card_all(tk, i, k, 0, 1, &n))
        return 0;
    nv = wn_card_value(&n);
    if (tk[m].plural ? nv <= 1 : nv != 1)
        return 0;
    if (k < m) {
        wtok oc = wn_ord_card(&tk[m]);
        if (tk[k].k != WK_SMALL && tk[k].k != WK_TEN && tk[k].k != WK_COMP)
            return 0;
        wn_card_init(&d);
        for (j = k; j < m; j++)
            if (!wn_card_add(&d, &tk[j], 0))
                return 0;
        if (!wn_card_add(&d, &oc, 0))
            return 0;
        dv = wn_card_value(&d);
    }
    if (dv <= 0)
        return 0;
    *v = nv / dv;
    return 1;
}

/* A fraction over tk[i..m]: the longest denominator that leaves a
 * numerator ("one | one hundred fifth", "twenty | twenty fifths"), but a
 * round one ("hundredths", "trillionths") alone first. */
static int wn_frac(const wtok *tk, size_t i, size_t m, double *v)
{
    size_t k;
    if (m <= i)
        return 0;
    if (tk[m].v >= 100 && wn_frac_at(tk, i, m, m, v))
        return 1;
    for (k = i + 1; k <= m; k++)
        if (wn_frac_at(tk, i, k, m, v))
            return 1;
    return 0;
}

/* A word number read from its tokens. */
typedef struct wres {
    double whole;  /* the cardinal, or the whole part before a fraction */
    double frac;   /* the fraction, 0 when none */
    double wscale; /* the scale word ending the cardinal, 1 when none */
    size_t n;      /* tokens used */
    int has_frac, has_whole;
} wres;

/* Reads tk[0..n) as one number: a whole part and "and" and a fraction
 * ("twenty and three fifths", "five billion and three quarters"; a
 * fraction whose numerator goes on a hundred is no such split: "one
 * hundred and thirty fifths" is 130/5), a fraction, or the longest
 * cardinal. Returns 0 when none, or when the words are an ordinal ("the
 * twenty-first", "the one hundred fifth"). */
static int wn_value(const wtok *tk, size_t n, wres *r)
{
    wcard c;
    memset(r, 0, sizeof(*r));
    r->wscale = 1;
    if (tk[n - 1].k == WK_ORD) {
        size_t m = n - 1, j;
        wtok oc = wn_ord_card(&tk[m]);
        for (j = m; j-- > 1;) {
            if (tk[j].k != WK_AND ||
                (tk[m].v < 100 && tk[j - 1].k == WK_HUNDRED &&
                 wk_small(tk[j + 1].k)) ||
                !wn_card_all(tk, 0, j, 1, 0, &c) ||
                !wn_frac(tk, j + 1, m, &r->frac))
                continue;
            r->whole = wn_card_value(&c);
            r->wscale = c.prev == WK_SCALE ? c.minscale : 1;
            r->has_whole = r->has_frac = 1;
            r->n = n;
            return 1;
        }
        if (wn_frac(tk, 0, m, &r->frac)) {
            r->has_frac = 1;
            r->n = n;
            return 1;
        }
        if (m == 0 || (wn_card_all(tk, 0, m, 0, 0, &c) &&
                       tk[0].k != WK_A && wn_card_add(&c, &oc, 0)))
            return 0;
        n = m;
    }
    r->n = wn_card_greedy(tk, n, &c);
    if (!r->n)
        return 0;
    r->whole = wn_card_value(&c);
    if (c.prev == WK_SCALE)
        r->wscale = c.minscale;
    return 1;
}

/* "point seventy-one", "point nought three" after a cardinal at q: the
 * decimals, each word giving its own digits. Returns the end and sets
 * *frac, or 0. */
static size_t wn_point(const scanner *sc, size_t q, double *frac)
{
    const char *t = sc->t;
    size_t len = sc->len, e = lx_word_at(t, len, q, "point"), end = 0;
    double v = 0, div = 1;
    int nd = 0;
    wtok tk;
    if (!e || (q = lx_skip_ws(t, len, e)) == e)
        return 0;
    while (wn_tok(sc->rx, t, len, q, 0, &tk) &&
           (tk.k == WK_SMALL || tk.k == WK_TEN || tk.k == WK_COMP)) {
        int d = tk.v < 10 ? 1 : 2;
        if (nd + d > 15)
            break;
        v = v * (d == 1 ? 10 : 100) + tk.v;
        div *= d == 1 ? 10 : 100;
        nd += d;
        end = tk.e;
        if ((q = lx_skip_ws(t, len, end)) == end)
            break;
    }
    if (!nd)
        return 0;
    *frac = v / div;
    return end;
}

/* "one over twenty", "1 over 3", "two out of five hundred" after a
 * cardinal n at q: the divisor's end, and *d, or 0. "over" needs the
 * divisor to end the phrase ("one over twenty years" is a duration);
 * "out of" a divisor no smaller than n. */
static size_t unit_at(const scanner *sc, size_t p);

static size_t wn_over(const scanner *sc, size_t q, double n, double *d)
{
    const char *t = sc->t;
    size_t len = sc->len, e, k, end;
    wtok tk[WRUN_MAX];
    wcard c;
    int over = 1;
    if (!(e = lx_word_at(t, len, q, "over"))) {
        if (!(e = lx_word_at(t, len, q, "out")) ||
            !(e = lx_word_at(t, len, lx_skip_ws(t, len, e), "of")))
            return 0;
        over = 0;
    }
    q = lx_skip_ws(t, len, e);
    if (q == e)
        return 0;
    k = wn_run(sc->rx, t, len, q, 1, tk);
    if (k && tk[k - 1].k == WK_ORD)
        k--;
    k = wn_card_greedy(tk, k, &c);
    if (!k || (*d = wn_card_value(&c)) <= 0)
        return 0;
    end = tk[k - 1].e;
    /* "Five out of 25 µl": the first number has the unit too */
    if (unit_at(sc, wn_hskip(t, len, end)))
        return 0;
    if (over) {
        size_t r = wn_hskip(t, len, end);
        if (r < len && (lx_alnum((unsigned char)t[r]) || t[r] == '%' ||
                        t[r] == '-' || t[r] == '/'))
            return 0;
    } else if (*d < n) {
        return 0;
    }
    return end;
}

/* The word number at p into *f. digits: it starts with digits ("4
 * thousand 3 hundred and 21", "3 million and a quarter", "1 over
 * three"), and counts only when the words add to them, leaving "3
 * hundred", "2 million" to the digit parser. Returns 1, or 0. */
static int wn_parse(const scanner *sc, size_t p, int digits, fig *f)
{
    const char *t = sc->t;
    size_t len = sc->len, n, end, q, e, i;
    wtok tk[WRUN_MAX], s;
    wres r;
    double v, x;
    int mixed = 0;
    n = wn_run(sc->rx, t, len, p, digits, tk);
    /* among digits, a later integer is a number word only after "and"
     * or before a multiplier: "4 thousand 3 hundred and 21", not the
     * table cells "1 million    480" */
    for (i = 1; digits && i < n; i++)
        if (tk[i].k == WK_DIGITS && tk[i - 1].k != WK_AND &&
            tk[i - 1].k != WK_COMMA &&
            (i + 1 == n ||
             (tk[i + 1].k != WK_HUNDRED && tk[i + 1].k != WK_SCALE)))
            n = i;
    if (!n || !wn_value(tk, n, &r))
        return 0;
    /* "all for naught", "came to nought", "naught but" */
    if (r.n == 1 && tk[0].k == WK_SMALL && tk[0].v == 0 &&
        !lx_eq(t, tk[0].a, tk[0].e, "zero")) {
        size_t a2 = lx_word_back(t, lx_skip_ws_back(t, p));
        size_t b2 = wn_end(t, len, a2);
        if (lx_eq(t, a2, b2, "for") || lx_eq(t, a2, b2, "to") ||
            lx_word_at(t, len, lx_skip_ws(t, len, tk[0].e), "but"))
            return 0;
    }
    end = tk[r.n - 1].e;
    q = lx_skip_ws(t, len, end);
    if (r.has_frac) {
        if (q > end && wn_tok(sc->rx, t, len, q, 0, &s) &&
            (s.k == WK_SCALE || s.k == WK_HUNDRED)) {
            /* "three quarters million", "five and a half million", "one
             * billion and a quarter million" */
            v = r.wscale > s.v ? r.whole + r.frac * s.v
                               : (r.whole + r.frac) * s.v;
            end = s.e;
        } else if (!r.has_whole && (e = lx_word_at(t, len, q, "of")) &&
                   wn_tok(sc->rx, t, len, lx_skip_ws(t, len, e), 0, &s) &&
                   s.k == WK_A && (e = lx_skip_ws(t, len, s.e)) > s.e &&
                   wn_tok(sc->rx, t, len, e, 0, &s) &&
                   (s.k == WK_SCALE || s.k == WK_HUNDRED ||
                    s.k == WK_DOZEN)) {
            /* "two thirds of a million" */
            v = r.frac * s.v;
            end = s.e;
        } else {
            /* "a third of", "a fifth.", not "a third party" */
            if (tk[0].k == WK_A && !r.has_whole &&
                ((end < len && t[end] == '-') ||
                 (q < len && lx_alpha((unsigned char)t[q]) &&
                  !lx_word_at(t, len, q, "of"))))
                return 0;
            /* "five billion and three quarters" */
            v = r.whole + r.frac * r.wscale;
        }
        f->has_dec = 1;
        mixed = r.has_whole;
    } else {
        v = r.whole;
        if (r.wscale > 1)
            f->wscale = r.wscale;
        if (!digits && (e = wn_point(sc, q, &x)) != 0) {
            v += x;
            end = e;
            f->has_dec = 1;
        } else if ((e = wn_over(sc, q, v, &x)) != 0) {
            v /= x;
            end = e;
            f->has_dec = 1;
            f->wscale = 0;
            mixed = 1;
        }
    }
    if (digits && !mixed) {
        /* a number word after a multiplier: "4 thousand 3", "3 hundred
         * and 21" */
        int mult = 0;
        if (tk[0].v >= 1000)
            return 0;
        for (i = 1; i < r.n && !mixed; i++) {
            if (tk[i].k == WK_HUNDRED || tk[i].k == WK_SCALE)
                mult = 1;
            else if (mult && tk[i].k != WK_AND && tk[i].k != WK_COMMA)
                mixed = 1;
        }
        if (!mixed)
            return 0;
    }
    f->v = v;
    f->words = 1;
    f->num_start = p;
    f->num_end = end;
    return 1;
}

/* Parses a word number at p ("fifty-four thousand", "a dozen",
 * "one and a half", "zero point five", "dozens", "billions and billions").
 * Returns 1 on success, 2 when the unit is given too ("a decade"). */
static int parse_words(const scanner *sc, size_t p, fig *f)
{
    const char *t = sc->t;
    size_t len = sc->len;
    size_t a = p, b;
    const vague *vg;
    const wnum *w;

    b = a;
    while (b < len && lx_alpha((unsigned char)t[b]))
        b++;
    /* vague plurals */
    for (vg = VAGUE; vg->w; vg++) {
        if (lx_eq(t, a, b, vg->w)) {
            size_t e = b, r;
            /* "billions and billions", "tens of thousands" not here */
            r = lx_skip_ws(t, len, e);
            if (lx_word_at(t, len, r, "and")) {
                size_t r2 = lx_skip_ws(t, len, r + 3), e2 = r2;
                while (e2 < len && lx_alpha((unsigned char)t[e2]))
                    e2++;
                if (lx_eq(t, r2, e2, vg->w))
                    e = e2;
            }
            f->v = vg->v;
            f->vague = 1;
            f->words = 1;
            f->qual = EV_Q_AT_LEAST;
            f->num_start = p;
            f->num_end = e;
            f->scale = 1;
            return 1;
        }
    }
    if (lx_eq(t, a, b, "tens")) {
        size_t r = lx_skip_ws(t, len, b);
        size_t e = lx_word_at(t, len, r, "of");
        if (e) {
            size_t r2 = lx_skip_ws(t, len, e), e2 = r2;
            while (e2 < len && lx_alpha((unsigned char)t[e2]))
                e2++;
            for (vg = VAGUE; vg->w; vg++)
                if (vg->v >= 1000 && lx_eq(t, r2, e2, vg->w)) {
                    f->v = vg->v * 10;
                    f->vague = 1;
                    f->words = 1;
                    f->qual = EV_Q_AT_LEAST;
                    f->num_start = p;
                    f->num_end = e2;
                    return 1;
                }
        }
        return 0;
    }
    if (lx_eq(t, a, b, "twice") || lx_eq(t, a, b, "thrice")) {
        f->v = lx_eq(t, a, b, "twice") ? 2 : 3;
        f->multiple = 1;
        f->words = 1;
        set_unit(f, "ratio");
        f->num_start = p;
        f->num_end = b;
        return 1;
    }
    /* "fivefold", "tenfold" */
    if (b - a > 4 && lx_eq(t, b - 4, b, "fold") &&
        (w = word_lookup(sc->rx, t, a, b - 4)) != NULL && w->kind <= 2) {
        f->v = w->v;
        f->multiple = 1;
        f->words = 1;
        set_unit(f, "ratio");
        f->num_start = p;
        f->num_end = b;
        return 1;
    }
    if (lx_eq(t, a, b, "a") || lx_eq(t, a, b, "an")) {
        size_t r = lx_skip_ws(t, len, b), e = r;
        wtok nx;
        while (e < len && lx_alpha((unsigned char)t[e]))
            e++;
        if (lx_eq(t, r, e, "decade")) {
            f->v = 10;
            f->words = 1;
            set_unit(f, "other");
            snprintf(f->detail, sizeof(f->detail), "years");
            f->num_start = p;
            f->num_end = e;
            f->end = e;
            return 2; /* complete: unit given */
        }
        if (word_flags(sc->rx, t, r, e) & WF_AUNIT) {
            /* "a gallon", "an hour": one unit, unless a figure came
             * first ("$3 a gallon" is a rate) */
            size_t bk = lx_skip_ws_back(t, p);
            if (bk > 0 && (lx_digit((unsigned char)t[bk - 1]) ||
                           t[bk - 1] == '%'))
                return 0;
            f->v = 1;
            f->words = 1;
            f->num_start = p;
            f->num_end = b;
            return 1;
        }
        /* "a hundred", "a third", "a twenty-first"; not "a twenty" */
        if (r == b || !wn_tok(sc->rx, t, len, r, 0, &nx) ||
            !(nx.k == WK_HUNDRED || nx.k == WK_SCALE || nx.k == WK_DOZEN ||
              nx.k == WK_ORD))
            return 0;
    } else if (lx_eq(t, a, b, "half") || lx_eq(t, a, b, "quarter")) {
        /* "half a million", "quarter million" */
        size_t r = lx_skip_ws(t, len, b), e;
        if ((e = lx_word_at(t, len, r, "a")) != 0)
            r = lx_skip_ws(t, len, e);
        e = r;
        while (e < len && lx_alpha((unsigned char)t[e]))
            e++;
        w = word_lookup(sc->rx, t, r, e);
        if (!w || (w->kind != 3 && w->kind != 4 && w->kind != 5) || r == b)
            return 0;
        f->v = w->v * (lx_lc((unsigned char)t[a]) == 'h' ? 0.5 : 0.25);
        f->words = 1;
        f->has_dec = 1;
        f->num_start = p;
        f->num_end = e;
        return 1;
    }
    return wn_parse(sc, p, 0, f);
}

/* A figure that starts with the plain integer *f at p and goes on in
 * words ("4 thousand 3 hundred and 21", "3 million and a quarter", "1
 * over three"): replaces *f. The cheap test first: a space, then a scale
 * word, "over" or "out". */
static void parse_mixed(const scanner *sc, size_t p, fig *f)
{
    const char *t = sc->t;
    size_t len = sc->len, e = f->num_end, we;
    const wnum *w;
    unsigned char c;
    fig g;
    if (e - p > 6 || e + 1 >= len || t[e] != ' ')
        return;
    c = lx_lc((unsigned char)t[e + 1]);
    if (!(c == 'h' || c == 't' || c == 'm' || c == 'b' || c == 'l' ||
          c == 'c' || c == 'o'))
        return;
    we = wn_end(t, len, e + 1);
    if (!lx_eq(t, e + 1, we, "over") && !lx_eq(t, e + 1, we, "out") &&
        !((w = word_lookup(sc->rx, t, e + 1, we)) != NULL &&
          (w->kind == 3 || w->kind == 4)))
        return;
    memset(&g, 0, sizeof(g));
    g.scale = 1;
    if (wn_parse(sc, p, 1, &g))
        *f = g;
}

/* ---------------------------------------------------------------- */
/* Currencies                                                         */

typedef struct cur_word {
    const char *w;   /* lower-case, may hold spaces */
    const char *iso;
    double mult;     /* 0.01 for cents */
} cur_word;

static const cur_word CUR_WORDS[] = {
    {"us dollars", "USD", 1},         {"u.s. dollars", "USD", 1},
    {"american dollars", "USD", 1},   {"australian dollars", "AUD", 1},
    {"canadian dollars", "CAD", 1},   {"hong kong dollars", "HKD", 1},
    {"new zealand dollars", "NZD", 1},{"singapore dollars", "SGD", 1},
    {"taiwan dollars", "TWD", 1},     {"us dollar", "USD", 1},
    {"u.s. dollar", "USD", 1},        {"australian dollar", "AUD", 1},
    {"canadian dollar", "CAD", 1},    {"hong kong dollar", "HKD", 1},
    {"new zealand dollar", "NZD", 1}, {"singapore dollar", "SGD", 1},
    {"chinese yuan", "CNY", 1},       {"japanese yen", "JPY", 1},
    {"danish kroner", "DKK", 1},      {"danish krone", "DKK", 1},
    {"danish crowns", "DKK", 1},      {"swedish kronor", "SEK", 1},
    {"swedish krona", "SEK", 1},      {"swedish crowns", "SEK", 1},
    {"norwegian kroner", "NOK", 1},   {"norwegian krone", "NOK", 1},
    {"norwegian crowns", "NOK", 1},   {"mexican pesos", "MXN", 1},
    {"finnish markka", "FIM", 1},     {"markka", "FIM", 1},
    {"baht", "THB", 1},               {"rupiah", "IDR", 1},
    {"dollars", "USD", 1},
    {"dollar", "USD", 1},             {"bucks", "USD", 1},
    {"yen", "JPY", 1},                {"euros", "EUR", 1},
    {"euro", "EUR", 1},               {"pounds sterling", "GBP", 1},
    {"pound sterling", "GBP", 1},     {"sterling", "GBP", 1},
    {"pounds", "GBP", 1},             {"pound", "GBP", 1},
    {"yuan", "CNY", 1},               {"renminbi", "CNY", 1},
    {"rupees", "INR", 1},             {"rupee", "INR", 1},
    {"ringgit", "MYR", 1},            {"shekels", "ILS", 1},
    {"roubles", "RUB", 1},            {"rubles", "RUB", 1},
    {"pesos", "MXN", 1},              {"swiss francs", "CHF", 1},
    {"francs", "FRF", 1},             {"rand", "ZAR", 1},
    {"won", "KRW", 1},                {"lira", "TRY", 1},
    {"cents", "USD", 0.01},           {"cent", "USD", 0.01},
    {"pence", "GBP", 0.01},           {"penny", "GBP", 0.01},
    {"pennies", "GBP", 0.01},         {NULL, NULL, 0}};

static const char *const ISO_CODES[] = {
    "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "AUD", "CAD", "CHF", "INR",
    "HKD", "SGD", "KRW", "ZAR", "NZD", "SEK", "NOK", "DKK", "MXN", "BRL",
    "RUB", "ILS", "MYR", "TRY", "PLN", "THB", "IDR", "TWD", "CZK", "HUF",
    "AED", "SAR", "NGN", "EGP", "PHP", "VND", "PKR", "ARS", "CLP", "COP",
    NULL};

/* Matches a (possibly multi-word) lower-case phrase w at p; returns end. */
static size_t phrase_at(const char *t, size_t len, size_t p, const char *w)
{
    size_t i = 0, q = p;
    while (w[i]) {
        if (w[i] == ' ') {
            size_t r = lx_skip_ws(t, len, q);
            if (r == q)
                return 0;
            q = r;
            i++;
            continue;
        }
        if (q >= len || lx_lc((unsigned char)t[q]) != (unsigned char)w[i])
            return 0;
        q++;
        i++;
    }
    if (q < len && lx_alpha((unsigned char)t[q]))
        return 0;
    return q;
}

/* Cheap precheck: the phrase's first word can match t[a..we) (we is the
 * end of the letters-and-dots run at a). */
static int first_word_ok(const char *t, size_t a, size_t we, const char *w)
{
    size_t i = a;
    for (; *w && *w != ' '; w++, i++)
        if (i >= we || lx_lc((unsigned char)t[i]) != (unsigned char)*w)
            return 0;
    return 1;
}

/* ISO codes also read in lower case ("20 usd", "rmb 10"); the others
 * are English words in lower case (try, php, won). */
static const char *const ISO_LOWER[] = {"usd", "eur", "gbp", "jpy", "cny",
                                        "rmb", "aud", "cad", "nzd", "hkd",
                                        "chf", "inr", "sgd", NULL};

static int iso_at(const char *t, size_t len, size_t p, size_t *end)
{
    const char *const *c;
    if (p + 3 > len)
        return -1;
    if (p + 3 < len && lx_alpha((unsigned char)t[p + 3]))
        return -1;
    if (p > 0 && lx_alpha((unsigned char)t[p - 1]))
        return -1;
    if (lx_lower((unsigned char)t[p])) {
        for (c = ISO_LOWER; *c; c++)
            if (memcmp(t + p, *c, 3) == 0) {
                char up[4];
                int k;
                for (k = 0; k < 3; k++)
                    up[k] = (char)((*c)[k] - 32);
                up[3] = 0;
                for (c = ISO_CODES; *c; c++)
                    if (memcmp(up, *c, 3) == 0) {
                        *end = p + 3;
                        return (int)(c - ISO_CODES);
                    }
                return -1;
            }
        return -1;
    }
    /* every code is three capitals */
    if (!lx_upper((unsigned char)t[p]) || !lx_upper((unsigned char)t[p + 1]) ||
        !lx_upper((unsigned char)t[p + 2]))
        return -1;
    for (c = ISO_CODES; *c; c++)
        if (memcmp(t + p, *c, 3) == 0) {
            *end = p + 3;
            return (int)(c - ISO_CODES);
        }
    return -1;
}

/* Letters written before '$' ("US$", "C$", "AUD$", "Mex$", "HK $"). */
static const char *dollar_prefix(const char *t, size_t a, size_t b)
{
    static const struct {
        const char *w, *iso;
    } P[] = {{"us", "USD"},  {"usd", "USD"}, {"a", "AUD"},   {"au", "AUD"},
             {"aud", "AUD"}, {"c", "CAD"},   {"ca", "CAD"},  {"cad", "CAD"},
             {"can", "CAD"}, {"hk", "HKD"},  {"hkd", "HKD"}, {"nz", "NZD"},
             {"nzd", "NZD"}, {"s", "SGD"},   {"sgd", "SGD"}, {"r", "BRL"},
             {"mex", "MXN"}, {"mxn", "MXN"}, {"nt", "TWD"},  {NULL, NULL}};
    int k;
    if (b <= a || b - a > 3)
        return NULL;
    for (k = 0; P[k].w; k++)
        if (lx_eq(t, a, b, P[k].w))
            return P[k].iso;
    return NULL;
}

/* Other currency signs (3-byte UTF-8 E2 82 xx, and 元). */
static const char *sign_iso(const unsigned char *s, size_t n)
{
    if (n < 3)
        return NULL;
    if (s[0] == 0xE2 && s[1] == 0x82) {
        switch (s[2]) {
        case 0xAC: return "EUR";
        case 0xB9: return "INR";
        case 0xA9: return "KRW";
        case 0xA1: return "CRC";
        case 0xBE: return "GEL";
        case 0xBD: return "RUB";
        case 0xBA: return "TRY";
        case 0xB1: return "PHP";
        case 0xA6: return "NGN";
        case 0xAB: return "VND";
        case 0xB4: return "UAH";
        case 0xAA: return "ILS";
        default: return NULL;
        }
    }
    if (s[0] == 0xE5 && s[1] == 0x85 && s[2] == 0x83)
        return "CNY";
    return NULL;
}

/* Currency symbol ending at p (bytes t[..p)); sets iso and returns its
 * start, or p when none. Handles $, US$, A$, HK$, £, €, ¥, ₹, Rs, codes. */
/* Is the letter at w the "s" of a possessive ("music's", "music ' s")? */
static int possessive_s(const char *t, size_t w)
{
    const unsigned char *s = (const unsigned char *)t;
    size_t k = w;
    if (k > 0 && s[k - 1] == ' ')
        k--;
    if (k > 0 && s[k - 1] == '\'')
        return 1;
    return k >= 3 && s[k - 3] == 0xE2 && s[k - 2] == 0x80 && s[k - 1] == 0x99;
}

/* The number ending at e has a currency before it ("rmb 10" in "rmb 10
 * usd 20": the "usd" then belongs to the 20). */
static int number_has_prefix(const char *t, size_t e)
{
    const unsigned char *s = (const unsigned char *)t;
    size_t d = e, e2;
    while (d > 0 && (lx_digit(s[d - 1]) || s[d - 1] == ',' || s[d - 1] == '.'))
        d--;
    if (d > 0 && s[d - 1] == ' ')
        d--;
    if (d > 0 && (s[d - 1] == '$' || (d >= 2 && s[d - 2] == 0xC2 &&
                                      (s[d - 1] == 0xA3 || s[d - 1] == 0xA5))))
        return 1;
    if (d >= 3 && sign_iso(s + d - 3, 3))
        return 1;
    return d >= 3 && (d == 3 || !lx_alnum(s[d - 4])) &&
           iso_at(t, d, d - 3, &e2) >= 0;
}

static size_t cur_prefix_back(const char *t, size_t p, const char **iso)
{
    const unsigned char *s = (const unsigned char *)t;
    size_t q = p;
    /* one space allowed between symbol and number: "$ 1.8", "EUR 3m" */
    if (q > 0 && (s[q - 1] == ' '))
        q--;
    else if (q >= 2 && s[q - 2] == 0xC2 && s[q - 1] == 0xA0)
        q -= 2;
    if (q > 0 && s[q - 1] == '$') {
        size_t b = q - 1, w = lx_word_back(t, b);
        const char *pi;
        *iso = "USD";
        if (w < b && (w == 0 || !lx_alnum(s[w - 1]))) {
            pi = dollar_prefix(t, w, b);
            if (!pi)
                return b;
            *iso = pi;
            return w;
        }
        /* "US $4", "HK $5.4m", "c $ 16.4", "u.s $ 100" */
        if (b >= 2 && s[b - 1] == ' ') {
            w = lx_word_back(t, b - 1);
            if (w >= 2 && b - 1 - w == 1 && s[w - 1] == '.' &&
                (s[w - 2] | 0x20) == 'u' && (s[w] | 0x20) == 's' &&
                (w == 2 || !lx_alnum(s[w - 3]))) {
                *iso = "USD";
                return w - 2;
            }
            if (w < b - 1 && (w == 0 || !lx_alnum(s[w - 1])) &&
                (pi = dollar_prefix(t, w, b - 1)) != NULL &&
                !(b - 1 - w == 1 && lx_eq(t, w, b - 1, "a")) &&
                !(b - 1 - w == 1 && possessive_s(t, w))) {
                /* but "a" alone is the article ("a $5 fee"), and "'s $"
                 * a possessive ("music 's $500 million man") */
                *iso = pi;
                return w;
            }
        }
        return b;
    }
    if (q >= 2 && s[q - 2] == 0xC2 && s[q - 1] == 0xA3) {
        *iso = "GBP";
        return q - 2;
    }
    if (q >= 2 && s[q - 2] == 0xC2 && s[q - 1] == 0xA5) {
        *iso = "JPY";
        return q - 2;
    }
    if (q >= 3 && sign_iso(s + q - 3, 3)) {
        *iso = sign_iso(s + q - 3, 3);
        return q - 3;
    }
    if (q >= 3 && lx_alpha(s[q - 1]) && lx_alpha(s[q - 2]) &&
        lx_alpha(s[q - 3]) && (q == 3 || !lx_alnum(s[q - 4]))) {
        size_t e;
        int k = iso_at(t, q, q - 3, &e);
        /* "10 rmb 20 usd": a code right after a number is that number's */
        size_t before = q - 3;
        if (before > 0 && s[before - 1] == ' ')
            before--;
        if (k >= 0 && !(before > 0 && before < q - 3 &&
                        lx_digit(s[before - 1]) &&
                        !number_has_prefix(t, before))) {
            *iso = ISO_CODES[k];
            if (strcmp(*iso, "RMB") == 0)
                *iso = "CNY";
            return q - 3;
        }
    }
    if (q >= 2 && (s[q - 1] == '.' || lx_alpha(s[q - 1]))) {
        size_t e = s[q - 1] == '.' ? q - 1 : q;
        if (e >= 2 && lx_eq(t, e - 2, e, "rs") &&
            (e == 2 || !lx_alnum(s[e - 3]))) {
            *iso = "INR";
            return e - 2;
        }
    }
    return p;
}

/* Currency symbol or code starting at p, for the second end of a range. */
static size_t cur_prefix_fwd(const char *t, size_t len, size_t p,
                             const char **iso)
{
    const unsigned char *s = (const unsigned char *)t;
    size_t q = p, e;
    int k;
    if (q + 3 <= len && (lx_eq(t, q, q + 2, "us") ||
                         lx_eq(t, q, q + 2, "hk")) && s[q + 2] == '$')
        q += 2;
    if (q < len && s[q] == '$') {
        *iso = "USD";
        q++;
    } else if (q + 1 < len && s[q] == 0xC2 && s[q + 1] == 0xA3) {
        *iso = "GBP";
        q += 2;
    } else if (q + 1 < len && s[q] == 0xC2 && s[q + 1] == 0xA5) {
        *iso = "JPY";
        q += 2;
    } else if (sign_iso(s + q, len - q)) {
        *iso = sign_iso(s + q, len - q);
        q += 3;
    } else if ((k = iso_at(t, len, q, &e)) >= 0) {
        *iso = strcmp(ISO_CODES[k], "RMB") == 0 ? "CNY" : ISO_CODES[k];
        q = e;
    } else {
        return p;
    }
    if (q < len && s[q] == ' ')
        q++;
    return q;
}

/* ---------------------------------------------------------------- */
/* After the number: scale, currency, percent, unit                   */

static const char *const FUNC_WORDS[] = {
    "and", "or", "to", "of", "in", "on", "at", "by", "for", "from", "with",
    "than", "as", "is", "are", "was", "were", "be", "been", "the", "a",
    "an", "per", "that", "this", "which", "who", "it", "its", "into",
    "over", "under", "up", "down", "out", "off", "after", "before",
    "since", "until", "during", "between", "among", "against", "through",
    "while", "when", "where", "if", "but", "not", "no", "so", "has",
    "have", "had", "will", "would", "can", "could", "may", "might",
    "should", "must", "do", "does", "did", "also", "each", "all", "more",
    "less", "than", "about", "rather", "versus", "vs", "via", "respectively",
    "times", "year", "years", NULL};

static size_t scale_word(const scanner *sc, size_t p, int cur, double *m)
{
    const char *t = sc->t;
    size_t len = sc->len, e;
    static const struct {
        const char *w;
        double m;
        int needs_cur;
    } S[] = {{"thousand", 1e3, 0}, {"million", 1e6, 0}, {"billion", 1e9, 0},
             {"trillion", 1e12, 0}, {"hundred", 100, 0}, {"bn", 1e9, 0},
             {"bln", 1e9, 0},       {"mln", 1e6, 0},     {"mn", 1e6, 0},
             {"mil", 1e6, 1},       {"mill", 1e6, 1},    {"trn", 1e12, 0},
             {"tn", 1e12, 1},       {"lakh", 1e5, 0},    {"crore", 1e7, 0},
             {"k", 1e3, 1},         {"m", 1e6, 1},       {"b", 1e9, 1},
             {"t", 1e12, 1},
             {"dozen", 12, 0},      {"dozens", 12, 0},   {NULL, 0, 0}};
    int i;
    unsigned char c0;
    if (p >= len || !lx_alpha((unsigned char)t[p]))
        return 0;
    c0 = lx_lc((unsigned char)t[p]);
    if (!(c0 == 't' || c0 == 'm' || c0 == 'b' || c0 == 'h' || c0 == 'l' ||
          c0 == 'c' || c0 == 'k' || c0 == 'd'))
        return 0;
    if (p + 1 < len && t[p] == 'M' && t[p + 1] == 'M' &&
        (p + 2 >= len || !lx_alpha((unsigned char)t[p + 2]))) {
        *m = 1e6;
        return p + 2;
    }
    for (i = 0; S[i].w; i++) {
        if ((unsigned char)S[i].w[0] != c0 || (S[i].needs_cur && !cur))
            continue;
        e = lx_word_at(t, len, p, S[i].w);
        if (e) {
            /* single-letter scales must be lower-case or glued money:
             * "£300m", "EUR 3m", "$2B" */
            if (strlen(S[i].w) == 1 && e < len && t[e] == '.' &&
                e + 1 < len && lx_alpha((unsigned char)t[e + 1]))
                continue;
            *m = S[i].m;
            return e;
        }
    }
    return 0;
}

/* Index of an ASCII letter in the unit2 table, or -1. */
static int letter52(unsigned char c)
{
    return lx_lower(c) ? c - 'a' : lx_upper(c) ? 26 + (c - 'A') : -1;
}

/* Can a unit start at p? 0 only when p starts with two ASCII letters
 * that no unit starts with ("the", "and", "of"). */
static int unit_may_start(const scanner *sc, size_t p)
{
    const unsigned char *s = (const unsigned char *)sc->t;
    int a, b;
    if (p + 1 >= sc->len)
        return 1;
    /* the non-ASCII characters that start U_PATTERN: ° µ Å μ Ω σ ℃ (keep
     * in step with U_SYM and U_PFX); "±", "×", "à", "−" start no unit */
    if (s[p] >= 0x80)
        return (s[p] == 0xC2 && (s[p + 1] == 0xB0 || s[p + 1] == 0xB5)) ||
               (s[p] == 0xC3 && s[p + 1] == 0x85) ||
               (s[p] == 0xCE && (s[p + 1] == 0xBC || s[p + 1] == 0xA9)) ||
               (s[p] == 0xCF && s[p + 1] == 0x83) ||
               (s[p] == 0xE2 && s[p + 1] == 0x84);
    a = letter52(s[p]);
    b = letter52(s[p + 1]);
    if (a < 0 || b < 0)
        return 1;
    return sc->rx->unit2[a * 52 + b];
}

/* unit2[]: for every two ASCII letters, one partial match of the pair
 * alone (PCRE2_PARTIAL_HARD): "no match" means no text starting with the
 * pair matches the unit pattern. */
static int build_unit2(ev_numbers_rx *rx)
{
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(rx->unit,
                                                                NULL);
    int a, b;
    if (!md)
        return EV_ENOMEM;
    for (a = 0; a < 52; a++)
        for (b = 0; b < 52; b++) {
            unsigned char pair[2];
            int rc;
            pair[0] = (unsigned char)(a < 26 ? 'a' + a : 'A' + a - 26);
            pair[1] = (unsigned char)(b < 26 ? 'a' + b : 'A' + b - 26);
            rc = pcre2_match(rx->unit, pair, 2, 0, PCRE2_PARTIAL_HARD, md,
                             NULL);
            rx->unit2[a * 52 + b] = rc != PCRE2_ERROR_NOMATCH;
        }
    pcre2_match_data_free(md);
    return 0;
}

/* Physical unit at p (anchored PCRE2); returns end or 0. */
static size_t unit_at(const scanner *sc, size_t p)
{
    int rc;
    PCRE2_SIZE *ov;
    if (p >= sc->len || !sc->md)
        return 0;
    if (!unit_may_start(sc, p))
        return 0;
    rc = pcre2_match(sc->rx->unit, (PCRE2_SPTR)sc->t, sc->len, p,
                     PCRE2_NO_UTF_CHECK, sc->md, NULL);
    if (rc < 0)
        return 0;
    ov = pcre2_get_ovector_pointer(sc->md);
    if (ov[1] <= p)
        return 0;
    return (size_t)ov[1];
}

typedef struct time_unit {
    const char *w;
    const char *detail;
    double mult;
} time_unit;

static const time_unit TIME_UNITS[] = {
    {"seconds", "seconds", 1}, {"second", "seconds", 1},
    {"minutes", "minutes", 1}, {"minute", "minutes", 1},
    {"min", "minutes", 1},     {"hours", "hours", 1},
    {"hour", "hours", 1},      {"hrs", "hours", 1},
    {"hr", "hours", 1},        {"h", "hours", 1},
    {"days", "days", 1},       {"day", "days", 1},
    {"nights", "nights", 1},   {"night", "nights", 1},
    {"weeks", "weeks", 1},     {"week", "weeks", 1},
    {"months", "months", 1},   {"month", "months", 1},
    {"years", "years", 1},     {"year", "years", 1},
    {"yrs", "years", 1},       {"yr", "years", 1},
    {"decades", "years", 10},  {"decade", "years", 10},
    {"centuries", "years", 100}, {"century", "years", 100},
    {NULL, NULL, 0}};

/* Normalises a unit as written: whitespace collapsed, U+2212 to '-',
 * superscripts to ^n, a few words to symbols. */
static void unit_normalise(const char *t, size_t a, size_t b, char *out,
                           size_t cap)
{
    static const struct {
        const char *w, *sym;
    } W[] = {{"kilometers", "km"},  {"kilometres", "km"},
             {"kilometer", "km"},   {"kilometre", "km"},
             {"centimeters", "cm"}, {"centimetres", "cm"},
             {"millimeters", "mm"}, {"millimetres", "mm"},
             {"meters", "m"},       {"metres", "m"},
             {"meter", "m"},        {"metre", "m"},
             {"nanometers", "nm"},  {"nanometres", "nm"},
             {"micrometers", "µm"}, {"micrometres", "µm"},
             {"kilograms", "kg"},   {"kilogram", "kg"},
             {"milligrams", "mg"},  {"milligram", "mg"},
             {"grams", "g"},        {"gram", "g"},
             {"liters", "L"},       {"litres", "L"},
             {"liter", "L"},        {"litre", "L"},
             {"milliliters", "mL"}, {"millilitres", "mL"},
             {"tonnes", "t"},       {"tonne", "t"},
             {"kelvin", "K"},       {"kelvins", "K"},
             {"degrees celsius", "°C"}, {"degrees fahrenheit", "°F"},
             {"degrees c", "°C"},   {"degrees f", "°F"},
             {"celsius", "°C"},     {"fahrenheit", "°F"},
             {"degrees centigrade", "°C"},
             {"watts", "W"},        {"watt", "W"},
             {"kilowatts", "kW"},   {"megawatts", "MW"},
             {"joules", "J"},       {"volts", "V"},
             {"hertz", "Hz"},       {"feet", "ft"},
             {"foot", "ft"},        {"inches", "in"},
             {"inch", "in"},        {"miles", "mi"},
             {"mile", "mi"},        {"yards", "yd"},
             {"yard", "yd"},        {"ounces", "oz"},
             {"acres", "acre"},     {"hectares", "ha"},
             {"degrees", "°"},      {"degree", "°"},
             {NULL, NULL}};
    size_t o = 0, i;
    int k;
    /* every word in W has at least four letters */
    for (k = 0; b - a >= 4 && W[k].w; k++)
        if (lx_eq(t, a, b, W[k].w)) {
            snprintf(out, cap, "%s", W[k].sym);
            return;
        }
    for (i = a; i < b && o + 4 < cap;) {
        const unsigned char *s = (const unsigned char *)t + i;
        if (s[0] == ' ' || s[0] == '\n' || s[0] == '\t' || s[0] == '\r') {
            if (o && out[o - 1] != ' ')
                out[o++] = ' ';
            i++;
        } else if (i + 2 < b && s[0] == 0xE2 && s[1] == 0x88 &&
                   s[2] == 0x92) {
            out[o++] = '-';
            i += 3;
        } else if (i + 2 < b && s[0] == 0xE2 && s[1] == 0x81 &&
                   s[2] == 0xBB) {
            out[o++] = '^';
            out[o++] = '-';
            i += 3;
        } else if (i + 1 < b && s[0] == 0xC2 &&
                   (s[1] == 0xB2 || s[1] == 0xB3 || s[1] == 0xB9)) {
            if (!o || (out[o - 1] != '-' && out[o - 1] != '^'))
                out[o++] = '^';
            out[o++] = s[1] == 0xB2 ? '2' : s[1] == 0xB3 ? '3' : '1';
            i += 2;
        } else if (i + 1 < b && s[0] == 0xCE && s[1] == 0xBC) {
            out[o++] = (char)0xC2; /* Greek mu to micro sign */
            out[o++] = (char)0xB5;
            i += 2;
        } else {
            out[o++] = (char)s[0];
            i++;
        }
    }
    while (o && out[o - 1] == ' ')
        o--;
    out[o] = 0;
}

static int starts_time_unit(const char *t, size_t a, size_t b,
                            const time_unit **tu)
{
    const time_unit *u;
    unsigned char c0;
    if (b <= a || b - a > 9)
        return 0;
    c0 = lx_lc((unsigned char)t[a]);
    for (u = TIME_UNITS; u->w; u++)
        if ((unsigned char)u->w[0] == c0 && lx_eq(t, a, b, u->w)) {
            *tu = u;
            return 1;
        }
    return 0;
}

/* "13 dollars 45", "3 dollars 50 cents", "thirteen dollars and forty-five
 * cents": minor units after a whole amount. The number must be below 100
 * and be followed by a cent word, or end the clause. Returns the new end
 * (e when there is none) and adds to f->v. */
static size_t minor_units(const scanner *sc, fig *f, size_t e)
{
    const char *t = sc->t;
    size_t len = sc->len, r = lx_skip_ws(t, len, e), a;
    fig g;
    static const char *const CENT[] = {"cents", "cent", "pence", "penny",
                                       "p", NULL};
    int k;
    if (r == e)
        return e;
    if ((a = lx_word_at(t, len, r, "and")) != 0)
        r = lx_skip_ws(t, len, a);
    if (r >= len)
        return e;
    memset(&g, 0, sizeof(g));
    if (lx_digit((unsigned char)t[r])) {
        if (!parse_digits(sc, r, &g) || !g.plain_int || g.int_digits > 2)
            return e;
    } else if (lx_alpha((unsigned char)t[r])) {
        if (parse_words(sc, r, &g) != 1 || g.vague || g.multiple)
            return e;
    } else {
        return e;
    }
    if (g.v < 1 || g.v >= 100 || g.v != floor(g.v))
        return e;
    a = lx_skip_ws(t, len, g.num_end);
    for (k = 0; CENT[k]; k++) {
        size_t ce = lx_word_at(t, len, a, CENT[k]);
        if (ce) {
            f->v += g.v / 100;
            return ce;
        }
    }
    if (g.num_end >= len || t[g.num_end] == '.' || t[g.num_end] == ',' ||
        t[g.num_end] == ';' || t[g.num_end] == '\n' ||
        (t[g.num_end] == ' ' && a >= len)) {
        f->v += g.v / 100;
        return g.num_end;
    }
    return e;
}

/* An inch mark ('"', U+2033) or foot mark ('\'', U+2032) at p ending a
 * measure: no letter or digit after it, and an ASCII mark must not close
 * a quotation opened earlier on the line. Returns its length or 0. */
static size_t inch_foot_mark(const char *t, size_t len, size_t p)
{
    const unsigned char *s = (const unsigned char *)t;
    size_t n = 0, k;
    if (p < len && (s[p] == '"' || s[p] == '\''))
        n = 1;
    else if (p + 2 < len && s[p] == 0xE2 && s[p + 1] == 0x80 &&
             (s[p + 2] == 0xB2 || s[p + 2] == 0xB3))
        n = 3;
    /* "5′-phosphate" is a locant, "the 1980' s" a decade */
    if (!n || (p + n < len && (lx_alnum(s[p + n]) || s[p + n] >= 0x80 ||
                               s[p + n] == '-')))
        return 0;
    if (p + n + 2 < len && s[p + n] == ' ' && s[p + n + 1] == 's' &&
        !lx_alpha(s[p + n + 2]))
        return 0;
    if (n == 1) {
        int quotes = 0;
        /* opening marks only: after a space, a bracket or the line start,
         * before a non-space (an apostrophe inside a word opens nothing) */
        for (k = p; k > 0 && s[k - 1] != '\n' && p - k < 400; k--)
            quotes += s[k - 1] == s[p] &&
                      (k == 1 || s[k - 2] == ' ' || s[k - 2] == '(' ||
                       s[k - 2] == '\n' || s[k - 2] == '[') &&
                      k < len && s[k] != ' ';
        if (quotes)
            return 0;
    }
    return n;
}

/* Everything after the numeric core. Returns 0 when the token is not a
 * figure (ordinal, decade, time of day). */
static int parse_suffix(const scanner *sc, fig *f)
{
    const char *t = sc->t;
    size_t len = sc->len, p = f->num_end, q, e;
    double m = 1;
    int powten = 0; /* a power of ten was read: no ordinal suffix follows */

    f->scale = 1;
    f->end = f->num_end;
    f->noun_end = 0;
    if (f->multiple || f->vague) {
        if (f->vague) {
            /* "billions of dollars", "millions of dollars" */
            q = lx_skip_ws(t, len, f->num_end);
            if ((e = lx_word_at(t, len, q, "of")) != 0) {
                size_t r = lx_skip_ws(t, len, e);
                const cur_word *c;
                for (c = CUR_WORDS; c->w; c++)
                    if ((e = phrase_at(t, len, r, c->w)) != 0) {
                        set_unit(f, c->iso);
                        f->end = e;
                        f->has_cur = 1;
                        return 1;
                    }
            }
        }
        goto noun;
    }
    if (!f->words) {
        /* "10 −7 grains": a power of ten whose superscript exponent was
         * set apart by one space */
        if (f->plain_int && f->int_digits == 2 && f->v == 10 && p + 2 < len &&
            (t[p] == ' ' || (unsigned char)t[p] == 0xE2)) {
            /* (glued only with U+2212, never with a hyphen: "10−1m") */
            size_t r = t[p] == ' ' ? p + 1 : p, n = 0;
            int ex = 0;
            if (t[r] == '-' && r > p)
                r++;
            else if (r + 2 < len && (unsigned char)t[r] == 0xE2 &&
                     (unsigned char)t[r + 1] == 0x88 &&
                     (unsigned char)t[r + 2] == 0x92)
                r += 3;
            if (r > p + 1 && !(r > p && t[r - 1] == '-' && t[p] != ' ')) {
                while (r < len && lx_digit((unsigned char)t[r]) && n < 3) {
                    ex = ex * 10 + (t[r] - '0');
                    r++;
                    n++;
                }
                if (n >= 1 && n <= 2 &&
                    !(r < len && (lx_digit((unsigned char)t[r]) ||
                                  t[r] == '.' || t[r] == ','))) {
                    f->v = pow(10, -ex);
                    p = r;
                    f->num_end = f->end = r;
                    f->plain_int = 0;
                    f->has_dec = 1;
                    powten = 1;
                }
            }
        }
        /* a power written with a caret ("10^6", "2.5^-1", "8x2^10"), then
         * "6.23x10^-4" before "3x" */
        e = parse_times_ten(sc, parse_caret(sc, p, &f->v), &f->v);
        if (e != p) {
            p = e;
            f->num_end = e;
            f->end = e;
            f->plain_int = 0;
            powten = 1; /* "× 10 −4s": no ordinal or decade follows */
        }
        /* fractions "3/4", "1/2 inch"; mixed "2 1/4" */
        if (f->plain_int && f->int_digits <= 3) {
            size_t r = p;
            int mixed = 0;
            if (r + 1 < len && t[r] == ' ' &&
                lx_digit((unsigned char)t[r + 1])) {
                r++;
                mixed = 1;
            } else if (r + 2 < len && t[r] == ' ' && t[r + 1] == ' ' &&
                       lx_digit((unsigned char)t[r + 2])) {
                r += 2; /* "2  1/4" */
                mixed = 1;
            }
            if (mixed || (r < len && t[r] == '/')) {
                fig a, b;
                memset(&a, 0, sizeof(a));
                memset(&b, 0, sizeof(b));
                if (mixed ? parse_digits(sc, r, &a) : (a.v = f->v, 1)) {
                    size_t sl = mixed ? a.num_end : r;
                    if (a.v >= 1 && sl + 1 < len && t[sl] == '/' &&
                        lx_digit((unsigned char)t[sl + 1]) &&
                        (!mixed || (a.plain_int && a.int_digits <= 2)) &&
                        parse_digits(sc, sl + 1, &b) && b.plain_int &&
                        b.int_digits <= 3 && b.v > a.v &&
                        (b.num_end >= len ||
                         (!lx_alnum((unsigned char)t[b.num_end]) &&
                          t[b.num_end] != '/' && t[b.num_end] != '.' &&
                          t[b.num_end] != ','))) {
                        f->v = (mixed ? f->v : 0) + a.v / b.v;
                        p = b.num_end;
                        f->num_end = f->end = p;
                        f->plain_int = 0;
                        f->has_dec = 1;
                    }
                }
            }
        }
        /* ordinals, decades, times of day */
        if (p < len && lx_alpha((unsigned char)t[p]) && !powten) {
            size_t w = p;
            while (w < len && lx_alpha((unsigned char)t[w]))
                w++;
            if (lx_eq(t, p, w, "st") || lx_eq(t, p, w, "nd") ||
                lx_eq(t, p, w, "rd") || lx_eq(t, p, w, "th") ||
                lx_eq(t, p, w, "s") || lx_eq(t, p, w, "am") ||
                lx_eq(t, p, w, "pm"))
                return 0;
            if (lx_eq(t, p, w, "fold") || lx_eq(t, p, w, "x")) {
                f->multiple = 1;
                set_unit(f, "ratio");
                f->end = w;
                return 1;
            }
        }
        if (p + 1 < len && t[p] == '\'' && t[p + 1] == 's')
            return 0;
        /* ratios "3:1"; clock times "10:30" are not figures */
        if (p + 1 < len && t[p] == ':' && lx_digit((unsigned char)t[p + 1])) {
            fig g;
            memset(&g, 0, sizeof(g));
            if (parse_digits(sc, p + 1, &g)) {
                if (g.int_digits == 2 && !g.has_dec && f->v <= 24)
                    return 0;
                if (g.v > 0 && (g.num_end >= len ||
                                !lx_alpha((unsigned char)t[g.num_end]))) {
                    f->v /= g.v;
                    f->multiple = 1;
                    set_unit(f, "ratio");
                    f->num_end = f->end = g.num_end;
                    return 1;
                }
            }
        }
    }
    /* "one in five" */
    if (f->words && f->v >= 1 && f->v <= 10) {
        size_t r = lx_skip_ws(t, len, p);
        if ((e = lx_word_at(t, len, r, "in")) != 0) {
            fig g;
            size_t r2 = lx_skip_ws(t, len, e);
            memset(&g, 0, sizeof(g));
            if (r2 < len && lx_alpha((unsigned char)t[r2]) &&
                parse_words(sc, r2, &g) == 1 && !g.vague && !g.multiple &&
                g.v > f->v) {
                f->v /= g.v;
                f->multiple = 1;
                set_unit(f, "ratio");
                f->num_end = f->end = g.num_end;
                goto noun;
            }
        }
    }
    /* scale word */
    q = p;
    if (q < len && !lx_alpha((unsigned char)t[q]))
        q = lx_skip_ws(t, len, q);
    if ((e = scale_word(sc, q, f->has_cur, &m)) != 0 ||
        ((q == p || (q == p + 1 && t[p] == ' ')) && !f->words && q < len &&
         t[q] == 'k' &&
         (q + 1 >= len || t[q + 1] == ' ' || t[q + 1] == ',' ||
          t[q + 1] == '.' || t[q + 1] == ';' || t[q + 1] == ')' ||
          t[q + 1] == '\n') &&
         (m = 1e3, e = q + 1)) ||
        (q == p && !f->words && f->has_dec && q < len && t[q] == 'b' &&
         (q + 1 >= len || !lx_alnum((unsigned char)t[q + 1])) &&
         (m = 1e9, e = q + 1))) {
        /* "m" with no currency is metres: scale_word refuses it; a "k"
         * is a thousand ("40k", "2.33 k"), a "b" glued to a decimal a
         * billion ("1.2b") */
        double m2;
        size_t e2, q2 = lx_skip_ws(t, len, e);
        /* "4 hundred million", "three lakh crore" */
        if (q2 > e && (e2 = scale_word(sc, q2, f->has_cur, &m2)) != 0 &&
            m2 > m && m2 >= 1e3) {
            m *= m2;
            e = e2;
        }
        f->v *= m;
        f->scale = m;
        p = e;
        f->end = e;
        f->plain_int = 0;
    }
    /* currency after the number */
    q = lx_skip_ws(t, len, p);
    if (!f->has_cur) {
        const cur_word *c;
        const char *iso = NULL;
        size_t r = q;
        size_t we = r;
        while (we < len && (lx_alpha((unsigned char)t[we]) || t[we] == '.'))
            we++;
        size_t w1 = r, w2 = r;
        while (w2 < we && lx_alpha((unsigned char)t[w2]))
            w2++;
        while (w1 < we && t[w1] != ' ')
            w1++;
        /* (the word up to the next space is looked up only when it is
         * longer than the letters: "u.s." after "u") */
        if (!(word_flags(sc->rx, t, r, w2) & WF_CUR) &&
            (w1 == w2 || !(word_flags(sc->rx, t, r, w1) & WF_CUR)))
            we = r; /* no currency word here */
        for (c = CUR_WORDS; we > r && c->w; c++)
            if (first_word_ok(t, r, we, c->w) &&
                (e = phrase_at(t, len, r, c->w)) != 0) {
                /* "won" is a verb unless a scale came first */
                if (strcmp(c->w, "won") == 0 && f->scale == 1)
                    continue;
                if ((strcmp(c->w, "pound") == 0 ||
                     strcmp(c->w, "pounds") == 0) &&
                    e < len && t[e] == '-')
                    continue; /* pound-feet */
                set_unit(f, c->iso);
                f->v *= c->mult;
                if (c->mult != 1)
                    snprintf(f->detail, sizeof(f->detail), "%s",
                             c->mult == 0.01 && strcmp(c->iso, "GBP") == 0
                                 ? "pence" : "cents");
                f->end = e;
                f->has_cur = 1;
                p = e;
                if (c->mult == 1 && f->scale == 1)
                    p = f->end = minor_units(sc, f, e);
                break;
            }
        if (!f->has_cur) {
            int k;
            size_t e2;
            if (r == p || r == p + 1) {
                double pm = 1;
                if ((k = iso_at(t, len, r, &e2)) >= 0 ||
                    (f->scale == 1 && r + 4 <= len &&
                     (t[r] == 'M' || t[r] == 'k' || t[r] == 'K') &&
                     lx_upper((unsigned char)t[r + 1]) &&
                     (k = iso_at(t + r + 1, len - r - 1, 0, &e2)) >= 0 &&
                     (e2 += r + 1) > 0 &&
                     (pm = t[r] == 'M' ? 1e6 : 1e3) > 0)) {
                    /* "48.5 MGBP", "120 MEUR", "kEUR": a scale prefix */
                    iso = strcmp(ISO_CODES[k], "RMB") == 0 ? "CNY"
                                                           : ISO_CODES[k];
                    e = e2;
                    if (pm > 1) {
                        f->v *= pm;
                        f->scale = pm;
                    } else if (f->scale == 1 &&
                               (e = minor_units(sc, f, e2)) > e2) {
                        /* "15 USD 50" (minor_units added the cents) */
                    } else if (f->scale == 1) {
                        /* "80 USD million" */
                        double m3;
                        size_t e3 = scale_word(sc, lx_skip_ws(t, len, e2), 1,
                                               &m3);
                        if (e3 && m3 >= 1e3 && lx_skip_ws(t, len, e2) > e2) {
                            f->v *= m3;
                            f->scale = m3;
                            e = e3;
                        }
                    }
                } else if (r < len && t[r] == '$' && r == p) {
                    iso = "USD";
                    e = r + 1;
                } else if (sign_iso((const unsigned char *)t + r,
                                    len - r)) {
                    iso = sign_iso((const unsigned char *)t + r, len - r);
                    e = r + 3;
                }
            }
            if (iso) {
                set_unit(f, iso);
                f->end = e;
                f->has_cur = 1;
                p = e;
            }
        }
    }
    /* "1p/19q", "5q31": chromosome bands are not figures */
    if (!f->words && f->plain_int && p == f->num_end && p + 2 < len &&
        (t[p] == 'p' || t[p] == 'q') &&
        ((t[p + 1] == '/' && lx_digit((unsigned char)t[p + 2])) ||
         lx_digit((unsigned char)t[p + 1])))
        return 0;
    /* "164p", "118.5p": pence, glued only ("12 p." is a page) */
    if (!f->has_cur && !f->words && p == f->num_end && p < len &&
        t[p] == 'p' && (p + 1 >= len || !lx_alnum((unsigned char)t[p + 1])) &&
        /* "1p/19q" is a chromosome arm */
        !(p + 2 < len && t[p + 1] == '/' && lx_digit((unsigned char)t[p + 2]))) {
        set_unit(f, "GBP");
        snprintf(f->detail, sizeof(f->detail), "pence");
        f->v /= 100;
        f->end = p + 1;
        f->has_cur = 1;
        p = p + 1;
    }
    if (f->has_cur) {
        if (!f->unit[0])
            set_unit(f, "USD");
        /* rates */
        q = lx_skip_ws(t, len, p);
        if (phrase_at(t, len, q, "per year") || phrase_at(t, len, q, "a year") ||
            phrase_at(t, len, q, "annually") ||
            phrase_at(t, len, q, "each year") ||
            phrase_at(t, len, q, "per annum") ||
            phrase_at(t, len, q, "every year"))
            snprintf(f->detail, sizeof(f->detail), "%.8s per year", f->unit);
        return 1;
    }
    /* inch and foot marks glued to the number: 8", 2½', 150″ */
    if (!f->words && p == f->num_end) {
        size_t mk = inch_foot_mark(t, len, p);
        if (mk) {
            /* t[p + 2] exists only for the 3-byte marks (U+2032/3) */
            set_unit(f, t[p] == '"' ||
                                (mk == 3 && (unsigned char)t[p + 2] == 0xB3)
                            ? "in" : "ft");
            f->end = p + mk;
            return 1;
        }
    }
    /* percent */
    q = p;
    if (q < len && t[q] == '%') {
        set_unit(f, "percent");
        f->end = q + 1;
        p = q + 1;
    } else {
        size_t r = lx_skip_ws(t, len, p);
        /* "2, percent" in "3, rather than 2, percent" */
        if (r < len && t[r] == ',' && r == p)
            r = lx_skip_ws(t, len, r + 1);
        else if (r < len && t[r] == '%' && r > p)
            e = r + 1;
        if (r < len && t[r] == '%' && r > p) {
            set_unit(f, "percent");
            f->end = r + 1;
            p = r + 1;
        } else if (r < len && lx_lc((unsigned char)t[r]) != 'p') {
            /* every percent word below starts with p */
        } else if ((e = phrase_at(t, len, r, "percentage points")) != 0 ||
                   (e = phrase_at(t, len, r, "percentage point")) != 0) {
            set_unit(f, "percent");
            snprintf(f->detail, sizeof(f->detail), "percentage points");
            f->end = e;
            p = e;
        } else if ((e = phrase_at(t, len, r, "percent")) != 0 ||
                   (e = phrase_at(t, len, r, "per cent")) != 0 ||
                   (e = phrase_at(t, len, r, "pct")) != 0 ||
                   (e = phrase_at(t, len, r, "per-cent")) != 0 ||
                   (e = phrase_at(t, len, r, "percentage")) != 0 ||
                   (e = phrase_at(t, len, r, "percents")) != 0 ||
                   (r == p && (e = phrase_at(t, len, r, "pc")) != 0)) {
            /* "5pc" glued is British for percent; "5 pc" is parsecs */
            set_unit(f, "percent");
            f->end = e;
            p = e;
        }
    }
    if (!strcmp(f->unit, "percent")) {
        q = lx_skip_ws(t, len, p);
        if ((e = lx_word_at(t, len, q, "of")) != 0) {
            size_t r = lx_skip_ws(t, len, e);
            size_t r2 = r;
            if ((e = lx_word_at(t, len, r, "their")) != 0 ||
                (e = lx_word_at(t, len, r, "its")) != 0 ||
                (e = lx_word_at(t, len, r, "the")) != 0)
                r2 = lx_skip_ws(t, len, e);
            if (r2 + 3 <= len && memcmp(t + r2, "GDP", 3) == 0)
                snprintf(f->detail, sizeof(f->detail), "percent of GDP");
        }
        return 1;
    }
    /* ages: "twelve-year-old", "35 years old", "aged 35" */
    q = p;
    if (q < len && t[q] == '-' && phrase_at(t, len, q + 1, "year-old")) {
        set_unit(f, "other");
        snprintf(f->detail, sizeof(f->detail), "years of age");
        f->end = q + 9;
        return 1;
    }
    /* physical or time unit: glued, one space, or hyphenated adjective */
    {
        size_t r = p, ue = 0;
        int hy = 0;
        if (r < len && t[r] == '-' && r + 1 < len &&
            lx_alpha((unsigned char)t[r + 1])) {
            r++;
            hy = 1;
        } else if (lx_hspace(t, len, r)) {
            r += lx_hspace(t, len, r);
        } else if (r < len && (t[r] == '\n') && r + 1 < len && t[r + 1] != '\n') {
            r++;
        }
        if (r < len && (lx_alpha((unsigned char)t[r]) ||
                        (unsigned char)t[r] >= 0x80))
            ue = unit_at(sc, r);
        if (ue) {
            /* "in" and single letters that are words are not units */
            if (ue - r == 1 && t[r] == 'H' && r == p)
                return 0; /* "1H NMR", "3H-thymidine": a mass number */
            /* "at", "as", "in" after a space are words, not attotonnes */
            if (r != p && !hy && ue - r <= 2 &&
                (word_flags(sc->rx, t, r, ue) & WF_FUNC))
                ue = 0;
        }
        if (ue) {
            const time_unit *tu;
            if (!(ue - r == 1 && (t[r] == 'a' || t[r] == 'A') && !hy &&
                  r != p)) {
                f->glued_unit = (r == p);
                if (starts_time_unit(t, r, ue, &tu)) {
                    set_unit(f, "other");
                    snprintf(f->detail, sizeof(f->detail), "%s", tu->detail);
                    f->v *= tu->mult;
                    f->end = ue;
                    /* "35 years old", "years of age" */
                    q = lx_skip_ws(t, len, ue);
                    if (!strcmp(tu->detail, "years") &&
                        ((e = lx_word_at(t, len, q, "old")) != 0 ||
                         (e = phrase_at(t, len, q, "of age")) != 0)) {
                        snprintf(f->detail, sizeof(f->detail),
                                 "years of age");
                        if (t[q] != 'o' || t[q + 1] != 'f')
                            f->end = e;
                    } else if (q < len && t[q] == '-' &&
                               phrase_at(t, len, q + 1, "old")) {
                        snprintf(f->detail, sizeof(f->detail),
                                 "years of age");
                        f->end = q + 4;
                    }
                    return 1;
                }
                unit_normalise(t, r, ue, f->unit, sizeof(f->unit));
                f->end = ue;
                return 1;
            }
        }
    }
    /* multiples: "3 times higher" */
    q = lx_skip_ws(t, len, p);
    if ((e = lx_word_at(t, len, q, "times")) != 0) {
        size_t r = lx_skip_ws(t, len, e);
        static const char *const CMP[] = {
            "more", "higher", "larger", "greater", "as", "faster", "bigger",
            "smaller", "lower", "less", "longer", "the", "that", "what",
            NULL};
        size_t w = r;
        while (w < len && lx_alpha((unsigned char)t[w]))
            w++;
        if (lx_in(t, r, w, CMP)) {
            f->multiple = 1;
            set_unit(f, "ratio");
            f->end = e;
            return 1;
        }
    }
noun:
    /* a counted noun right after the figure: "54,000 U.S. troops" */
    q = lx_skip_ws(t, len, f->end);
    if (q < len && q > f->end && lx_alpha((unsigned char)t[q])) {
        size_t w = q;
        while (w < len && (lx_alpha((unsigned char)t[w]) || t[w] == '.' ||
                           t[w] == '-'))
            w++;
        while (w > q && (t[w - 1] == '.' || t[w - 1] == '-'))
            w--;
        if (lx_lower((unsigned char)t[q]) && !(word_flags(sc->rx, t, q, w) & WF_FUNC))
            f->noun_end = w;
        else if (lx_upper((unsigned char)t[q]) && w - q <= 5 &&
                 memchr(t + q, '.', w - q)) {
            /* "U.S. troops" */
            size_t r = lx_skip_ws(t, len, w + 1), w2 = r;
            while (w2 < len && lx_lower((unsigned char)t[w2]))
                w2++;
            if (w2 > r && !(word_flags(sc->rx, t, r, w2) & WF_FUNC))
                f->noun_end = w2;
        } else if (lx_eq(t, q, w, "of")) {
            /* partitive "five of whom", "Thirty-one of the" */
            f->noun_end = w;
        }
    }
    return 1;
}

/* ---------------------------------------------------------------- */
/* Context rules                                                      */

/* Words after which a number is a label, not a quantity. */
static const char *const LABEL_WORDS[] = {
    "article", "art", "articles", "section", "sec", "sections", "chapter",
    "chap", "ch", "vol", "volume", "volumes", "no", "nos", "issue",
    "issues", "p", "pp", "page", "pages", "para", "paragraph", "paras",
    "fig", "figs", "figure", "figures", "table", "tables", "tab", "eq",
    "eqs", "equation", "equations", "ref", "refs", "reference",
    "references", "issn", "isbn", "doi", "session", "phase", "phases",
    "step", "steps", "stage", "stages", "type", "class", "grade",
    "version", "v", "ver", "appendix", "annex", "box", "line", "lines",
    "item", "items", "row", "rows", "column", "columns", "part", "parts",
    "rule", "rules", "resolution", "amendment", "title", "footnote",
    "footnotes", "note", "notes", "n", "level", "levels", "wave",
    "waves", "round", "rounds", "route", "highway", "flight", "room",
    "suite", "unit", "units", "experiment", "experiments", "study",
    "studies", "model", "models", "group", "groups", "sample", "samples",
    "case", "cases", "patient", "patients", "subject", "participant",
    "scheme", "method", "algorithm", "lemma", "theorem", "proposition",
    "corollary", "definition", "example", "exercise", "problem",
    "section", "sect", "fn", "supplementary", "s", "ex", "tel", "fax",
    "phone", "code", "zip", "id", "arxiv", "pmid", "pmc", "mr", "ms",
    "dr", "gen", "op", "opus", "act", "bill", "law", "rev", "no.",
    "region", "zone", "site", "sites", "station", "stations", "well",
    "wells", "core", "cores", "plot", "plots", "sheet", "day", "days",
    "week", "weeks", "month", "months", "year", "years", "generation",
    "series", "channel", "track", "lane", "gate", "block", "lot",
    "number", "num", "image", "images", "panel", "panels", "at", "claim",
    "claims", "scenario", "scenarios", "compound", "compounds", "formula",
    "eqn", "eqns", "lemmas", "theorems", "sections", "chapters",
    "appendices", "tables", "classes", "specimen", "specimens", "types",
    /* claims, examples, tables and figures of German and French patents */
    "anspruch", "anspr\xc3\xbc" "che", "revendication", "revendications",
    "beispiel", "beispiele", "exemple", "exemples", "tabelle", "tableau",
    "abbildung", "abb", "formel", "formule", "verbindung", "compos\xc3\xa9",
    NULL};

static const char *const MONTHS[] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", NULL};

static const char *const ENUM_NOUNS[] = {
    "reasons", "questions", "points", "ways", "things", "issues",
    "factors", "aspects", "pillars", "goals", "priorities", "lessons",
    "options", "elements", "principles", "dimensions", "themes",
    "challenges", "areas", "objectives", "arguments", "scenarios",
    "considerations", "observations", "conclusions", "implications",
    "motives", "drivers", "categories", "approaches", "sections",
    "parts", "main", "major", "key", "basic", "broad", "unanswered",
    "important", "distinct", "different", "possible", "fundamental",
    "crucial", "critical", "central", "specific", "general", NULL};

static const char *const WINDOW_WORDS[] = {
    "past", "last", "next", "previous", "coming", "recent", "following",
    "preceding", "first", "final", "initial", "early", "late", NULL};

static void add_list(ev_numbers_rx *rx, const char *const *list,
                     unsigned flag)
{
    for (; *list; list++) {
        word_slot(rx, *list)->flags |= flag;
    }
}

static void build_tables(ev_numbers_rx *rx)
{
    int c;
    for (c = 0; c < 256; c++)
        rx->cls[c] = lx_digit((unsigned char)c)   ? 1
                     : lx_alpha((unsigned char)c) ? 2
                     : c == '.'                   ? 3
                     : c == 0xC2 || c == 0xE2     ? 4 /* may start ½, ⅓ */
                                                  : 0;
    add_list(rx, LABEL_WORDS, WF_LABEL);
    add_list(rx, MONTHS, WF_MONTH);
    add_list(rx, ENUM_NOUNS, WF_ENUM);
    add_list(rx, WINDOW_WORDS, WF_WINDOW);
    add_list(rx, FUNC_WORDS, WF_FUNC);
}

/* The ASCII word ending at or before p (skipping spaces and one '.'). */
static int prev_word(const char *t, size_t p, size_t *a, size_t *b)
{
    size_t q = lx_skip_ws_back(t, p);
    if (q > 0 && t[q - 1] == '.')
        q--;
    *b = q;
    *a = lx_word_back(t, q);
    return *a < *b;
}

/* A sentence starts at p: text start, blank line, or after . ! ? : " “ (. */
static int sentence_start(const char *t, size_t p)
{
    size_t q = lx_skip_ws_back(t, p);
    const unsigned char *s = (const unsigned char *)t;
    if (q == 0)
        return 1;
    if (q < p && memchr(t + q, '\n', p - q) && q >= 1 && s[q - 1] == '\n')
        return 1;
    switch (s[q - 1]) {
    case '.': case '!': case '?': case ':': case '"': case '(': case '\n':
    case ';': case '[': case '*': case '-':
        return 1;
    default:
        break;
    }
    if (q >= 3 && s[q - 3] == 0xE2 && s[q - 2] == 0x80 &&
        (s[q - 1] == 0x9C || s[q - 1] == 0x98 || s[q - 1] == 0x94 ||
         s[q - 1] == 0xA2))
        return 1; /* “ ‘ — • */
    return 0;
}

/* Only spaces between the line start and p (bounded look). */
static int line_start_before(const char *t, size_t p)
{
    size_t k;
    for (k = 0; k < 16 && p > 0; k++) {
        char c = t[p - 1];
        if (c == '\n')
            return 1;
        if (c != ' ' && c != '\t' && c != '\r')
            return 0;
        p--;
    }
    return p == 0;
}

/* Only spaces between p and the line end (bounded look). */
static int line_end_after(const char *t, size_t len, size_t p)
{
    size_t k;
    for (k = 0; k < 16 && p < len; k++) {
        char c = t[p];
        if (c == '\n')
            return 1;
        if (c != ' ' && c != '\t' && c != '\r')
            return 0;
        p++;
    }
    return p >= len;
}

/*
 * The whitespace-delimited token around [a,b): numbers inside URLs,
 * paths, dates (25.08.2020, 2018/06/12), versions and identifiers
 * (978-88-9368-067-7) are not figures.
 */
static int in_identifier(const char *t, size_t len, size_t a, size_t b)
{
    size_t x = a, y = b, i;
    int slashes = 0, dots = 0, hy = 0, colon = 0, dot = 0, w = 0;
    while (x > 0 && t[x - 1] != ' ' && t[x - 1] != '\n' && t[x - 1] != '\t' &&
           t[x - 1] != '(' && t[x - 1] != '[' && a - x < 200)
        x--;
    while (y < len && t[y] != ' ' && t[y] != '\n' && t[y] != '\t' &&
           y - b < 200)
        y++;
    for (i = x; i < y; i++) {
        switch (t[i]) {
        case '/':
            slashes++;
            break;
        case '_': case '=': case '?': case '@': case '#': case '&':
        case '\\':
            return 1;
        case ':':
            if (i + 2 < y && t[i + 1] == '/' && t[i + 2] == '/')
                return 1;
            colon++;
            break;
        case '.':
            dot = 1;
            break;
        case 'w':
            w = 1;
            break;
        default:
            break;
        }
    }
    if (y - x >= 7 && (w || dot)) {
        /* "www", ".htm", ".pdf", ".org", ".com" anywhere in the token */
        for (i = x; i + 3 <= y; i++) {
            const char *c = t + i;
            if ((c[0] == 'w' && c[1] == 'w' && c[2] == 'w') ||
                (c[0] == '.' && i + 4 <= y &&
                 ((c[1] == 'h' && c[2] == 't' && c[3] == 'm') ||
                  (c[1] == 'p' && c[2] == 'd' && c[3] == 'f') ||
                  (c[1] == 'o' && c[2] == 'r' && c[3] == 'g') ||
                  (c[1] == 'c' && c[2] == 'o' && c[3] == 'm'))))
                return 1;
        }
    }
    if (slashes >= 2)
        return 1;
    /* dotted and dashed digit groups: d.d.d, d-d-d */
    {
        int gd = 0;
        for (i = a; i < y; i++) {
            if (t[i] == '.' && i + 1 < y && lx_digit((unsigned char)t[i + 1])) {
                if (++gd > dots)
                    dots = gd;
            } else if (t[i] == '-' && i + 1 < y &&
                       lx_digit((unsigned char)t[i + 1]) && i > a &&
                       lx_digit((unsigned char)t[i - 1])) {
                hy++;
                gd = 0;
            } else if (!lx_digit((unsigned char)t[i]) && t[i] != ',') {
                break;
            }
        }
        gd = 0;
        for (i = a; i > x; i--) {
            if (t[i - 1] == '.' && lx_digit((unsigned char)t[i])) {
                if (++gd > dots)
                    dots = gd;
            } else if (t[i - 1] == '-' && i >= 2 &&
                       lx_digit((unsigned char)t[i - 2])) {
                hy++;
                gd = 0;
            } else if (!lx_digit((unsigned char)t[i - 1])) {
                break;
            }
        }
    }
    if (dots >= 2 || hy >= 2)
        return 1;
    (void)colon;
    return 0;
}

/* Qualifier phrases, matched against the words right before a figure. */
typedef struct qual_phrase {
    const char *w; /* lower-case words, single spaces */
    int q;
} qual_phrase;

#define Q_BETWEEN 100
#define Q_FROM 101

static const qual_phrase QUALS[] = {
    {"somewhere in the region of", EV_Q_APPROX},
    {"in the region of", EV_Q_APPROX},
    {"in the order of", EV_Q_APPROX},
    {"on the order of", EV_Q_APPROX},
    {"in excess of", EV_Q_MORE_THAN},
    {"upwards of", EV_Q_MORE_THAN},
    {"no more than", EV_Q_AT_MOST},
    {"not more than", EV_Q_AT_MOST},
    {"no less than", EV_Q_AT_LEAST},
    {"not less than", EV_Q_AT_LEAST},
    {"no fewer than", EV_Q_AT_LEAST},
    {"a minimum of", EV_Q_AT_LEAST},
    {"a maximum of", EV_Q_AT_MOST},
    {"just over", EV_Q_MORE_THAN},
    {"just under", EV_Q_LESS_THAN},
    {"well over", EV_Q_MORE_THAN},
    {"greater than or equal to", EV_Q_AT_LEAST},
    {"more than or equal to", EV_Q_AT_LEAST},
    {"greater or equal than", EV_Q_AT_LEAST},
    {"greater or equal to", EV_Q_AT_LEAST},
    {"less than or equal to", EV_Q_AT_MOST},
    {"less or equal than", EV_Q_AT_MOST},
    {"less or equal to", EV_Q_AT_MOST},
    {"more than", EV_Q_MORE_THAN},
    {"greater than", EV_Q_MORE_THAN},
    {"higher than", EV_Q_MORE_THAN},
    {"larger than", EV_Q_MORE_THAN},
    {"less than", EV_Q_LESS_THAN},
    {"fewer than", EV_Q_LESS_THAN},
    {"lower than", EV_Q_LESS_THAN},
    {"smaller than", EV_Q_LESS_THAN},
    {"at least", EV_Q_AT_LEAST},
    {"at most", EV_Q_AT_MOST},
    {"up to", EV_Q_AT_MOST},
    {"as many as", EV_Q_AT_MOST},
    {"as much as", EV_Q_AT_MOST},
    {"as high as", EV_Q_AT_MOST},
    {"close to", EV_Q_APPROX},
    {"an estimated", EV_Q_APPROX},
    {"estimated", EV_Q_APPROX},
    {"approximately", EV_Q_APPROX},
    {"approx", EV_Q_APPROX},
    {"about", EV_Q_APPROX},
    {"around", EV_Q_APPROX},
    {"roughly", EV_Q_APPROX},
    {"some", EV_Q_APPROX},
    {"nearly", EV_Q_APPROX},
    {"almost", EV_Q_APPROX},
    {"circa", EV_Q_APPROX},
    {"ca", EV_Q_APPROX},
    {"exceeding", EV_Q_MORE_THAN},
    {"exceeds", EV_Q_MORE_THAN},
    {"over", EV_Q_MORE_THAN},
    {"above", EV_Q_MORE_THAN},
    {"beyond", EV_Q_MORE_THAN},
    {"within", EV_Q_AT_MOST},
    {"under", EV_Q_LESS_THAN},
    {"below", EV_Q_LESS_THAN},
    {"a mere", EV_Q_EXACT},
    {"mere", EV_Q_EXACT},
    {"exactly", EV_Q_EXACT},
    {"between", Q_BETWEEN},
    {"entre", Q_BETWEEN},
    {"zwischen", Q_BETWEEN},
    {"from", Q_FROM},
    {NULL, 0}};

_Static_assert(sizeof(QUALS) / sizeof(QUALS[0]) <= EV_NQUALS + 1,
               "EV_NQUALS must hold every qualifier phrase");

/* Word-table flags for the qualifier and currency prechecks. */
static void build_prefilters(ev_numbers_rx *rx)
{
    static const char *const CUR_FIRST[] = {
        "us", "u.s.", "american", "australian", "canadian", "hong", "new",
        "singapore", "taiwan", "chinese", "japanese", "danish", "swedish",
        "norwegian", "mexican", "finnish", "swiss", "pounds", "pound", NULL};
    const qual_phrase *qp;
    const cur_word *c;
    size_t k = 0;
    for (qp = QUALS; qp->w && k < EV_NQUALS; qp++) {
        rx->qual_len[k] = (unsigned char)strlen(qp->w);
        const char *sp = strrchr(qp->w, ' ');
        const char *one[2];
        const char *lw = sp ? sp + 1 : qp->w;
        size_t n = strlen(lw);
        if (n >= sizeof(rx->qual_last[k]))
            n = sizeof(rx->qual_last[k]) - 1;
        memcpy(rx->qual_last[k], lw, n);
        rx->qual_last[k][n] = 0;
        rx->qual_lasth[k] = word_hash(lw, 0, n);
        one[0] = rx->qual_last[k];
        one[1] = NULL;
        add_list(rx, one, WF_QUAL);
        if (n && n < 32 && lx_lower((unsigned char)lw[n - 1]))
            rx->qual_lastmask[lw[n - 1] - 'a'] |= (uint32_t)1 << n;
        k++;
    }
    add_list(rx, CUR_FIRST, WF_CUR);
    for (c = CUR_WORDS; c->w; c++)
        if (!strchr(c->w, ' ')) {
            const char *one[2];
            one[0] = c->w;
            one[1] = NULL;
            add_list(rx, one, WF_CUR);
        }
}

/* Matches a qualifier phrase ending right before p; returns its start
 * (p when none) and sets *q. */
static size_t qualifier_back(const ev_numbers_rx *rx, const char *t,
                             size_t p, int *q)
{
    const unsigned char *s = (const unsigned char *)t;
    size_t b = lx_skip_ws_back(t, p), lastw_a, lastw_b;
    const qual_phrase *qp;
    uint32_t lasth;
    *q = -1;
    if (b == 0)
        return p;
    /* symbols: ~ ≈ ∼ > < ≥ ≤ */
    if (s[b - 1] == '~') {
        *q = EV_Q_APPROX;
        return b - 1;
    }
    if (s[b - 1] == '>' || s[b - 1] == '<') {
        *q = s[b - 1] == '>' ? EV_Q_MORE_THAN : EV_Q_LESS_THAN;
        return b - 1;
    }
    if (b >= 2 && (s[b - 1] == '=') && (s[b - 2] == '>' || s[b - 2] == '<')) {
        *q = s[b - 2] == '>' ? EV_Q_AT_LEAST : EV_Q_AT_MOST;
        return b - 2;
    }
    if (b >= 3 && s[b - 3] == 0xE2) {
        unsigned c1 = s[b - 2], c2 = s[b - 1];
        if ((c1 == 0x89 && c2 == 0x88) || (c1 == 0x88 && c2 == 0xBC)) {
            *q = EV_Q_APPROX;
            return b - 3;
        }
        if (c1 == 0x89 && (c2 == 0xA5 || c2 == 0xA7)) {
            *q = EV_Q_AT_LEAST;
            return b - 3;
        }
        if (c1 == 0x89 && (c2 == 0xA4 || c2 == 0xA6)) {
            *q = EV_Q_AT_MOST;
            return b - 3;
        }
    }
    {
        /* the previous word, to test phrases by their last word first */
        size_t pe = b, pa;
        if (pe > 0 && s[pe - 1] == '.')
            pe--;
        pa = lx_word_back(t, pe);
        /* (the length and last letter of the word first: one table bit
         * instead of a hash probe for most words) */
        if (pa == pe || pe - pa >= 32 ||
            !(rx->qual_lastmask[(t[pe - 1] | 0x20) - 'a'] >> (pe - pa) & 1) ||
            !(word_flags(rx, t, pa, pe) & WF_QUAL))
            return p;
        lastw_a = pa;
        lastw_b = pe;
    }
    lasth = word_hash(t, lastw_a, lastw_b);
    for (qp = QUALS; qp->w; qp++) {
        /* compare words backwards (QUALS fits EV_NQUALS: static assert) */
        size_t n = rx->qual_len[qp - QUALS], i = n, x = b;
        int ok = 1;
        size_t m = lastw_b - lastw_a;
        if (rx->qual_lasth[qp - QUALS] != lasth)
            continue; /* another last word */
        if (m > n || (m < n && qp->w[n - m - 1] != ' ') ||
            !lx_eq(t, lastw_a, lastw_b, qp->w + n - m))
            continue;
        if (x > 0 && t[x - 1] == '.' && (!strcmp(qp->w, "approx") ||
                                         !strcmp(qp->w, "ca")))
            x--;
        while (i > 0) {
            if (qp->w[i - 1] == ' ') {
                size_t y = lx_skip_ws_back(t, x);
                if (y == x) {
                    ok = 0;
                    break;
                }
                x = y;
                i--;
                continue;
            }
            if (x == 0 || lx_lc(s[x - 1]) != (unsigned char)qp->w[i - 1]) {
                ok = 0;
                break;
            }
            x--;
            i--;
        }
        if (ok && (x == 0 || !lx_alpha(s[x - 1]))) {
            *q = qp->q;
            return x;
        }
    }
    return p;
}

static int change_verb_before(const char *t, size_t p)
{
    static const char *const V[] = {
        "increas", "decreas", "rose", "rise", "risen", "fell", "fall",
        "grew", "grow", "drop", "declin", "climb", "jump", "surg", "slip",
        "plung", "soar", "cut", "reduc", "rais", "went", "gone", "chang",
        "shr", "expand", "narrow", "widen", "boost", "lift", "lower",
        "slash", "up", "down", "tumbl", "doubl", "slid", "sank", "sunk",
        "dip", "swell", "swollen", "push", "moved", "improv", "worsen",
        NULL};
    size_t q = p;
    int k;
    for (k = 0; k < 3; k++) {
        size_t a, b;
        const char *const *v;
        if (!prev_word(t, q, &a, &b))
            return 0;
        /* "dropped by 1 to 1.5 degrees": the change is the range; "down
         * from the US $89 to $93 billion": the range is a noun phrase */
        if ((k == 0 && lx_eq(t, a, b, "by")) || lx_eq(t, a, b, "the") ||
            lx_eq(t, a, b, "a") || lx_eq(t, a, b, "an") ||
            lx_eq(t, a, b, "its") || lx_eq(t, a, b, "their"))
            return 0;
        for (v = V; *v; v++) {
            size_t n = strlen(*v), i;
            if (b - a < n)
                continue;
            for (i = 0; i < n; i++)
                if (lx_lc((unsigned char)t[a + i]) != (unsigned char)(*v)[i])
                    break;
            if (i == n && (n > 2 || b - a == n))
                return 1;
        }
        q = a;
    }
    return 0;
}

/* ---------------------------------------------------------------- */
/* The scanner                                                        */

/* Parses the figure whose number starts at p; currency looked up
 * backwards. Returns 1 with *f filled, 0 when nothing parses. */
static int figure_at(const scanner *sc, size_t p, fig *f)
{
    const char *iso = NULL;
    int r;
    memset(f, 0, sizeof(*f));
    f->scale = 1;
    if (lx_digit((unsigned char)sc->t[p]) || sc->t[p] == '.' ||
        (unsigned char)sc->t[p] >= 0x80) {
        const unsigned char *s = (const unsigned char *)sc->t;
        size_t sp = p;
        if (!parse_digits(sc, p, f))
            return 0;
        if (f->plain_int)
            parse_mixed(sc, p, f);
        /* a sign glued to the number: "-1.6%", "−0.5", "$-50.8bn", not
         * the dash of "COVID-19" or "10-20" */
        if (p >= 1 && s[p - 1] == '-')
            sp = p - 1;
        else if (p >= 3 && s[p - 3] == 0xE2 && s[p - 2] == 0x88 &&
                 s[p - 1] == 0x92)
            sp = p - 3;
        if (sp < p) {
            size_t cs = cur_prefix_back(sc->t, sp, &iso);
            if (cs < sp || sp == 0 || s[sp - 1] == ' ' ||
                s[sp - 1] == '\n' || s[sp - 1] == '\t' ||
                s[sp - 1] == '(' || s[sp - 1] == '[' || s[sp - 1] == '=' ||
                s[sp - 1] == '<' || s[sp - 1] == '>') {
                f->neg = 1;
                f->sign_at = sp;
                f->start = cs;
            } else {
                iso = NULL;
                f->start = cur_prefix_back(sc->t, p, &iso);
            }
        } else {
            f->start = cur_prefix_back(sc->t, p, &iso);
        }
        if (iso) {
            set_unit(f, iso);
            f->has_cur = 1;
        }
    } else {
        r = parse_words(sc, p, f);
        if (!r)
            return 0;
        f->start = p;
        if (r == 2)
            return 1;
        if (f->multiple || f->vague) {
            f->end = f->num_end;
        }
    }
    f->core = f->v;
    if (!parse_suffix(sc, f))
        return 0;
    if (f->end < f->num_end)
        f->end = f->num_end;
    /* "minus 5", "negative one" */
    if (!f->neg) {
        size_t b = lx_skip_ws_back(sc->t, f->start), a = lx_word_back(sc->t, b);
        if (b < f->start && (lx_eq(sc->t, a, b, "minus") ||
                             lx_eq(sc->t, a, b, "negative"))) {
            f->neg = 1;
            f->sign_at = a;
            f->start = a;
        }
    }
    if (f->neg)
        f->v = -f->v;
    return 1;
}

/* The second end of a range at p ("$2.1 billion", "50 percent"). */
static int figure_fwd(const scanner *sc, size_t p, fig *f)
{
    const char *iso = NULL;
    size_t q = cur_prefix_fwd(sc->t, sc->len, p, &iso);
    if (q >= sc->len)
        return 0;
    if (sc->t[q] == '-' && q + 1 < sc->len &&
        lx_digit((unsigned char)sc->t[q + 1]))
        q++;
    else if (q + 3 < sc->len && (unsigned char)sc->t[q] == 0xE2 &&
             (unsigned char)sc->t[q + 1] == 0x88 &&
             (unsigned char)sc->t[q + 2] == 0x92 &&
             lx_digit((unsigned char)sc->t[q + 3]))
        q += 3;
    if (!(lx_digit((unsigned char)sc->t[q]) ||
          (lx_alpha((unsigned char)sc->t[q]) && !iso)))
        return 0;
    if (!figure_at(sc, q, f))
        return 0;
    if (f->neg && f->sign_at < p) {
        f->neg = 0;
        f->v = -f->v;
    }
    if (iso) {
        set_unit(f, iso);
        f->has_cur = 1;
    }
    f->start = p;
    return 1;
}

static int push(ev_quantity_vec *out, const fig *f, size_t qs, int qual,
                int flags)
{
    ev_quantity *q = ev_vec_push(out);
    if (!q)
        return EV_ENOMEM;
    q->start = f->start;
    q->end = f->end;
    q->qual_start = qs;
    q->lo = q->hi = f->v;
    if (f->unit[0])
        memcpy(q->unit, f->unit, sizeof(q->unit));
    else
        memcpy(q->unit, "count", 6);
    memcpy(q->detail, f->detail, sizeof(q->detail));
    q->qualifier = qual < 0 ? EV_Q_EXACT : qual;
    q->flags = flags | (f->words ? EV_QF_WORDS : 0) |
               (f->multiple ? EV_QF_MULTIPLE : 0) |
               (f->vague ? EV_QF_VAGUE : 0) |
               (!f->unit[0] && !f->noun_end ? EV_QF_BARE : 0);
    q->noun_end = f->noun_end ? f->noun_end : f->end;
    return 0;
}

static int year_like(const fig *f)
{
    return !f->words && f->plain_int && f->int_digits == 4 &&
           f->v >= 1000 && f->v <= 2100 && !f->unit[0];
}

/* "bis", "oder", "und", "ou", "et", "à": list and range joiners of
 * German and French patent claims ("Ansprüche 1 bis 3"); end or 0. */
static size_t foreign_joiner(const char *t, size_t len, size_t p)
{
    static const char *const J[] = {"bis", "oder", "und", "ou", "et",
                                    "\xc3\xa0", NULL};
    const char *const *j;
    size_t e;
    for (j = J; *j; j++)
        if ((e = lx_word_at(t, len, p, *j)) != 0)
            return e;
    return 0;
}

/* Element symbols that follow a mass number ("75 As", "199 La") or sit in
 * a composition ("Al 10 Ga 20"); common English words and unit symbols
 * (In, At, He, Be, No, Pa, Am) left out. */
static int element_symbol_list(const char *t, size_t a, size_t b)
{
    static const char *const EL[] = {
        "H", "B", "C", "N", "O", "F", "P", "S", "K", "V", "Y", "I", "W",
        "U", "Li", "Na", "Mg", "Al", "Si", "Cl", "Ar", "Ca", "Sc", "Ti",
        "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga", "Ge", "As", "Se",
        "Br", "Kr", "Rb", "Sr", "Zr", "Nb", "Mo", "Ru", "Rh", "Pd", "Ag",
        "Cd", "Sn", "Sb", "Te", "Xe", "Cs", "Ba", "La", "Ce", "Pr", "Nd",
        "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Hf",
        "Ta", "Re", "Os", "Ir", "Pt", "Au", "Hg", "Tl", "Pb", "Bi", "Th",
        "Pu", NULL};
    const char *const *e;
    if (b - a < 1 || b - a > 2 || !lx_upper((unsigned char)t[a]))
        return 0;
    for (e = EL; *e; e++)
        if (strlen(*e) == b - a && memcmp(t + a, *e, b - a) == 0)
            return 1;
    return 0;
}

/* Does the ':' at c end "(ppm)" or "cm-1" / "cm−1" (a spectral peak list
 * follows)? */
static int spectral_list_head(const char *t, size_t c)
{
    const unsigned char *s = (const unsigned char *)t;
    size_t m = lx_skip_ws_back(t, c);
    if (m >= 5 && memcmp(t + m - 5, "ppm)", 4) == 0 && s[m - 1] == ')')
        return 1;
    if (m >= 4 && memcmp(t + m - 4, "ppm)", 4) == 0)
        return 1;
    if (m >= 4 && memcmp(t + m - 4, "cm-1", 4) == 0)
        return 1;
    return m >= 6 && memcmp(t + m - 6, "cm\xe2\x88\x92" "1", 6) == 0;
}

/* A one-letter variable (ASCII or Greek) at p, followed by no letter;
 * returns its end or 0. */
static size_t variable_at(const char *t, size_t len, size_t p)
{
    const unsigned char *s = (const unsigned char *)t;
    size_t e;
    if (p >= len)
        return 0;
    if (lx_alpha(s[p]))
        e = p + 1;
    else if ((s[p] == 0xCE || s[p] == 0xCF) && p + 1 < len)
        e = p + 2;
    else
        return 0;
    if (e < len && (lx_alpha(s[e]) || lx_digit(s[e]) || s[e] >= 0x80))
        return 0;
    if (p > 0 && (lx_alpha(s[p - 1]) || s[p - 1] >= 0x80))
        return 0;
    return e;
}

/* Length of a minus, plus or slash operator at p (ASCII or U+2212), or 0. */
static size_t operator_at(const char *t, size_t len, size_t p)
{
    const unsigned char *s = (const unsigned char *)t;
    if (p < len && (s[p] == '-' || s[p] == '+' || s[p] == '/'))
        return 1;
    if (p + 2 < len && s[p] == 0xE2 && s[p + 1] == 0x88 && s[p + 2] == 0x92)
        return 3;
    return 0;
}

/* Is the number [a, b) one operand of a formula whose other operand is a
 * one-letter variable: "(1 − f )", "(t − 10)", "1/T"? */
static int formula_operand(const char *t, size_t len, size_t a, size_t b)
{
    const unsigned char *s = (const unsigned char *)t;
    size_t q = b, o, k;
    if (q < len && s[q] == ' ')
        q++;
    if ((o = operator_at(t, len, q)) != 0) {
        q += o;
        if (q < len && s[q] == ' ')
            q++;
        k = variable_at(t, len, q);
        /* a single letter that ends a clause is a word or a unit */
        if (k && (k >= len || s[k] == ' ' || s[k] == ')') &&
            !(s[q] == 'a' || s[q] == 'A' || s[q] == 'I'))
            return 1;
    }
    q = a;
    if (q > 0 && s[q - 1] == ' ')
        q--;
    for (o = 1; o <= 3 && o <= q; o++)
        if (operator_at(t, len, q - o) == o)
            break;
    if (o <= 3 && o <= q) {
        q -= o;
        if (q > 0 && s[q - 1] == ' ')
            q--;
        if (q >= 1 && variable_at(t, len, q - 1) == q &&
            (q < 2 || s[q - 2] == '(' || s[q - 2] == ' '))
            return !(s[q - 1] == 'a' || s[q - 1] == 'A' || s[q - 1] == 'I');
        if (q >= 2 && (s[q - 2] == 0xCE || s[q - 2] == 0xCF) &&
            variable_at(t, len, q - 2) == q)
            return 1;
    }
    return 0;
}

/* element_symbol_list through the bitmaps of rx (el1: one letter, el2:
 * capital then small letter). */
static int element_symbol(const ev_numbers_rx *rx, const char *t, size_t a,
                          size_t b)
{
    const unsigned char *s = (const unsigned char *)t;
    if (b - a == 1)
        return lx_upper(s[a]) && (rx->el1 >> (s[a] - 'A') & 1);
    if (b - a == 2)
        return lx_upper(s[a]) && lx_lower(s[a + 1]) &&
               (rx->el2[s[a] - 'A'] >> (s[a + 1] - 'a') & 1);
    return 0;
}

static void build_elements(ev_numbers_rx *rx)
{
    char w[3];
    int a, b;
    w[2] = 0;
    for (a = 0; a < 26; a++) {
        w[0] = (char)('A' + a);
        if (element_symbol_list(w, 0, 1))
            rx->el1 |= (uint32_t)1 << a;
        for (b = 0; b < 26; b++) {
            w[1] = (char)('a' + b);
            if (element_symbol_list(w, 0, 2))
                rx->el2[a] |= (uint32_t)1 << b;
        }
    }
}

/* A peak descriptor of an NMR list right after p: "(2H, d", "(,1H, dd",
 * " (1H, br)". */
static int nmr_descriptor_at(const char *t, size_t len, size_t p)
{
    const unsigned char *s = (const unsigned char *)t;
    size_t k = p;
    if (k < len && s[k] == ' ')
        k++;
    if (k >= len || s[k] != '(')
        return 0;
    k++;
    if (k < len && s[k] == ',')
        k++;
    if (k >= len || !lx_digit(s[k]))
        return 0;
    while (k < len && lx_digit(s[k]))
        k++;
    return k + 1 < len && s[k] == 'H' && (s[k + 1] == ',' || s[k + 1] == ')');
}

/* Is [a, b) a cell of a table row flattened to one line: three or more
 * gaps of two spaces or a tab on the line, one of them or the line edge
 * right next to the figure? */
static int table_cell(const char *t, size_t len, size_t a, size_t b)
{
    const unsigned char *s = (const unsigned char *)t;
    size_t k;
    int gaps = 0;
    /* the cheap test first: a gap right next to the figure */
    if (!((a >= 2 && s[a - 1] == ' ' && s[a - 2] == ' ') ||
          (a >= 1 && s[a - 1] == '\t') ||
          (b + 2 <= len && s[b] == ' ' && s[b + 1] == ' ') ||
          (b < len && s[b] == '\t')))
        return 0;
    /* count gaps outward from the figure; three are enough */
    for (k = a; k > 0 && s[k - 1] != '\n' && a - k < 2000 && gaps < 3;) {
        if (s[k - 1] == '\t' || (s[k - 1] == ' ' && k >= 2 && s[k - 2] == ' ')) {
            while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\t'))
                k--;
            if (k > 0 && s[k - 1] != '\n')
                gaps++;
            continue;
        }
        k--;
    }
    for (k = b; k < len && s[k] != '\n' && k - b < 2000 && gaps < 3;) {
        if (s[k] == '\t' || (s[k] == ' ' && k + 1 < len && s[k + 1] == ' ')) {
            while (k < len && (s[k] == ' ' || s[k] == '\t'))
                k++;
            if (k < len && s[k] != '\n')
                gaps++;
            continue;
        }
        k++;
    }
    return gaps >= 3;
}

/*
 * Numbers of scientific and patent text that measure nothing: peaks of
 * NMR and IR lists after the first, coupling constants inside peak
 * descriptors, locants of chemical names ("4-(n-butyl)", "4,5-dihydro",
 * "[3,2-b]"), volume and page numbers before a "(year)", unitless table
 * cells, mass numbers before element symbols ("75 As", "1 H NMR") and
 * the subscripts of compositions ("Al 10 Ga 20", "H 2 S").
 */
static int science_reject(const scanner *sc, const fig *f, int bare)
{
    const char *t = sc->t;
    const unsigned char *s = (const unsigned char *)t;
    size_t len = sc->len, p = f->num_start, e = f->num_end, k;
    size_t before = lx_skip_ws_back(t, f->start);
    /* a unit written as one capital letter: "1 H" (hours, henry) */
    int one_cap_unit = f->unit[0] && f->end > e &&
                       lx_upper(s[f->end - 1]) &&
                       (f->end - 1 == e ||
                        (f->end - 2 == e && s[e] == ' '));
    size_t re = e;
    /* "7.01-7.30 (1H, br)": the descriptor follows the range */
    if (re + 1 < len && s[re] == '-' && lx_digit(s[re + 1])) {
        re++;
        while (re < len && (lx_digit(s[re]) || s[re] == '.' || s[re] == ','))
            re++;
    }

    /* NMR peak lists: "8.79(2H, d, J= 6.6Hz), 8.38(1H, d, ...)" */
    if (nmr_descriptor_at(t, len, f->num_end) ||
        nmr_descriptor_at(t, len, f->end) || nmr_descriptor_at(t, len, re)) {
        if (before > 0 && (s[before - 1] == ',' || s[before - 1] == ')'))
            return 1;
    }
    /* coupling constants inside a peak descriptor */
    if (before > 0 && s[before - 1] == '=' && f->start == before + (f->start > before)) {
        size_t j = lx_skip_ws_back(t, before - 1);
        if (j > 0 && s[j - 1] == 'J') {
            for (k = j; k > 0 && j - k < 40; k--)
                if (s[k - 1] == '(' || s[k - 1] == ')' || s[k - 1] == '\n')
                    break;
            if (k > 0 && s[k - 1] == '(' && nmr_descriptor_at(t, len, k - 1))
                return 1;
        }
    }
    /* IR lists: "cm-1:3388, 1627, 1540" after the first peak */
    if (bare && f->plain_int && before > 0 && s[before - 1] == ',') {
        for (k = f->start; k > 0 && f->start - k < 160; k--) {
            unsigned char c = s[k - 1];
            if (!(lx_digit(c) || c == ',' || c == ' ' || c == '.'))
                break;
        }
        if (k > 0 && s[k - 1] == ':' && k >= 5) {
            size_t m = lx_skip_ws_back(t, k - 1);
            if (m >= 2 && s[m - 1] == '1' &&
                (s[m - 2] == '-' ||
                 (m >= 4 && s[m - 4] == 0xE2 && s[m - 3] == 0x88 &&
                  s[m - 2] == 0x92)))
                return 1;
        }
    }
    /* chemical locants */
    if (f->plain_int && f->int_digits <= 2 && !f->unit[0]) {
        size_t q = p;
        int n = 0;
        for (;;) {
            size_t d = q;
            while (q < len && lx_digit(s[q]) && q - d < 3)
                q++;
            if (q == d || (q < len && lx_digit(s[q])))
                break;
            n++;
            if (q < len && s[q] == '\'')
                q++;
            if (q + 1 < len && s[q] == ',' && lx_digit(s[q + 1])) {
                q++;
                continue;
            }
            break;
        }
        if (n >= 1 && q + 1 < len && s[q] == '-' &&
            (s[q + 1] == '(' || s[q + 1] == '[' ||
             (n >= 2 && lx_alpha(s[q + 1])) ||
             (lx_lower(s[q + 1]) && q + 2 < len && s[q + 2] == ']')))
            return 1;
        if (n >= 2 && q < len && (s[q] == '(' || s[q] == ']'))
            return 1;
    }
    /* "J. Chem. Res. (S), 6 (1980)", "Immunology, 14, 599 (1968)" */
    if (bare && f->plain_int && before > 0 && s[before - 1] == ',') {
        size_t q = e;
        if (q + 2 < len && s[q] == ',' && s[q + 1] == ' ' &&
            lx_digit(s[q + 2])) {
            q += 2;
            while (q < len && lx_digit(s[q]))
                q++;
        }
        if (q + 7 <= len && s[q] == ' ' && s[q + 1] == '(' &&
            (s[q + 2] == '1' || s[q + 2] == '2') && lx_digit(s[q + 3]) &&
            lx_digit(s[q + 4]) && lx_digit(s[q + 5]) && s[q + 6] == ')')
            return 1;
    }
    /* set elements: "{1}, {2}, {4, 5}", "y ∈ {0, 1}", "{1,. .. , 5}" */
    if (bare) {
        for (k = f->start; k > 0 && f->start - k < 40; k--) {
            unsigned char c = s[k - 1];
            if (!(lx_digit(c) || c == ',' || c == ' ' || c == '.' ||
                  c == '-' || c >= 0x80))
                break;
        }
        if (k > 0 && s[k - 1] == '{') {
            for (k = f->num_end; k < len && k - f->num_end < 40; k++) {
                unsigned char c = s[k];
                if (c == '}')
                    return 1;
                if (!(lx_digit(c) || c == ',' || c == ' ' || c == '.'))
                    break;
            }
        }
    }
    /* equation and section numbers: "model (3.3)", "Section (3.1)" */
    if (bare && f->has_dec && !f->neg && f->int_digits <= 2 && f->v >= 1 &&
        f->start > 0 && s[f->start - 1] == '(' && e < len && s[e] == ')' &&
        e - p <= 5)
        return 1;
    /* terms of a formula: "(1 − f )", "(t − 10)", "1/T 1" */
    if (bare && !f->neg && formula_operand(t, len, f->start, e))
        return 1;
    /* unitless cells of a table flattened to a line */
    if (!f->unit[0] && table_cell(t, len, f->start, f->end))
        return 1;
    /* mass numbers and compositions */
    if (!f->neg && f->int_digits <= 3 &&
        (bare || one_cap_unit ||
         (f->end > e + 1 && f->end - e <= 3 && s[e] == ' ' &&
          element_symbol(sc->rx, t, e + 1, f->end)))) {
        size_t r = e, w;
        if (r < len && s[r] == ' ')
            r++;
        w = r;
        while (w < len && lx_alpha(s[w]) && w - r < 3)
            w++;
        if (r > e && element_symbol(sc->rx, t, r, w) &&
            (w >= len || !lx_alpha(s[w]))) {
            size_t r2 = w < len && s[w] == ' ' ? w + 1 : w;
            int after_el = 0;
            if (p >= 2 && s[p - 1] == ' ') {
                size_t a2 = lx_word_back(t, p - 1);
                after_el = element_symbol(sc->rx, t, a2, p - 1) ||
                           (p >= 3 && s[p - 2] == ')');
            }
            /* "Al 10 Ga 20", "H 2 S", "(Pr 75 Dy 25 ) 70 Al",
             * "Zr 0.12 Ga 0.3" */
            if (after_el && r2 < len && (lx_digit(s[r2]) || w - r <= 1 ||
                                         s[p - 2] == ')'))
                return 1;
            if (r2 < len && lx_digit(s[r2]) && r2 > w && f->plain_int)
                return 1;
            if (!f->plain_int)
                return 0;
            /* "75 As sites", "1 H NMR", "199 La signals" */
            if (r2 > w && r2 + 3 <= len && memcmp(t + r2, "NMR", 3) == 0)
                return 1;
            if (r2 > w && w - r == 2 && lx_lower(s[r2]) &&
                !(s[r] == 'G' && s[r + 1] == 'a'))
                return 1;
        }
    }
    return 0;
}

/* Is the digit at p glued to punctuation that makes it a marker or part
 * of an identifier ("percent.13", ").28", "/2", "#3")? The cheap subset
 * of reject's glued rule: no currency prefix can end in these. */
static int glued_before(const char *t, size_t p)
{
    unsigned char c = (unsigned char)t[p - 1];
    switch (c) {
    case ',': case ')': case ']': case '"': case '\'': case '/': case '+':
    case '#': case '_': case '*': case '^':
        return 1;
    case '.':
        /* "No.2" sets a label list in reject */
        return p >= 2 && !lx_alpha((unsigned char)t[p - 2]) &&
               !lx_digit((unsigned char)t[p - 2]);
    default:
        return 0;
    }
}

/* Rules that drop a figure from its context. */
static int reject(const scanner *sc, const fig *f, int second)
{
    const char *t = sc->t;
    const unsigned char *s = (const unsigned char *)t;
    size_t len = sc->len, p = f->num_start, a, b;
    int bare = !f->unit[0] && !f->multiple && !f->vague;

    /* the rest of a label list: "Tables 1 and 2", "phases 3, 5, and 7",
     * "claims 1-3" */
    /* (section numbers "Sections 3.2 and 4.4" continue a list too) */
    if (bare && !f->words &&
        (f->plain_int || (f->has_dec && f->int_digits <= 2 && !f->neg)) &&
        sc->label_end &&
        *sc->label_end && *sc->label_end <= f->start &&
        f->start - *sc->label_end <= 24) {
        size_t k = *sc->label_end;
        while (k < f->start) {
            size_t e;
            if (t[k] == ' ' || t[k] == ',' || t[k] == '-' || t[k] == '&' ||
                lx_digit((unsigned char)t[k])) {
                /* (digits: members glued by a comma, "Tables 1,2 and 3") */
                k++;
            } else if ((unsigned char)t[k] == 0xE2 && k + 2 < f->start &&
                       (unsigned char)t[k + 1] == 0x80) {
                k += 3;
            } else if ((e = lx_word_at(t, len, k, "and")) != 0 ||
                       (e = lx_word_at(t, len, k, "or")) != 0 ||
                       (e = lx_word_at(t, len, k, "to")) != 0 ||
                       (e = foreign_joiner(t, len, k)) != 0) {
                k = e;
            } else {
                break;
            }
        }
        if (k == f->start)
            return 2;
    }

    if (!f->words) {
        /* glued: "percent.13", "Obama.3", ").28", "world.”1", "COVID-19" */
        if (p > 0 && f->start == p && !second) {
            unsigned char c = s[p - 1];
            /* the first peak of a spectral list stands for the list:
             * "δ (ppm):13.59(1H, s), ...", "cm-1:3388, 1627, ..." */
            if (c == ':' && spectral_list_head(t, p - 1))
                goto not_glued;
            /* "No.2 to 4, 6 and 15": a label glued to its number */
            if (c == '.' && bare && p >= 2 && lx_alpha(s[p - 2]) &&
                (word_flags(sc->rx, t, lx_word_back(t, p - 1), p - 1) &
                 WF_LABEL))
                return 2;
            if (lx_alpha(c) || c == '.' || c == ',' || c == ')' ||
                c == ']' || c == '"' || c == '\'' || c == '/' || c == '+' ||
                c == '#' || c == '_' || c == '*' || c == '^' || c == ':')
                return 1;
            if (c == '-' && p >= 2 && (lx_alnum(s[p - 2]) || s[p - 2] == '-'))
                return 1;
            if (p >= 3 && s[p - 3] == 0xE2 && s[p - 2] == 0x80 &&
                (c == 0x9D || c == 0x99))
                return 1;
            /* "m−2", "mol−1": an exponent, not a negative number */
            if (p >= 4 && s[p - 3] == 0xE2 && s[p - 2] == 0x88 &&
                c == 0x92 && (lx_alnum(s[p - 4]) || s[p - 4] == ')'))
                return 1;
            /* a Greek letter glued before: "δ13C", "ν3" */
            if (p >= 2 && (s[p - 2] == 0xCE || s[p - 2] == 0xCF) &&
                c >= 0x80)
                return 1;
        }
    not_glued:
        /* an exponent glued to a unit: "m−2", "mol−1", "ha−1" */
        if (f->neg && f->sign_at >= 1 && f->start == f->sign_at &&
            (lx_alnum(s[f->sign_at - 1]) || s[f->sign_at - 1] == ')'))
            return 1;
        /* one capital (and a small letter) glued after the number that
         * is no unit: "3D", "4G", "100Ti", "187Os/188Os"; unknown unit
         * symbols in capitals stay ("1AU", "900MVA") */
        if (!second && f->end == f->num_end && f->num_end < len &&
            lx_upper(s[f->num_end])) {
            size_t e = f->num_end + 1;
            if (e < len && lx_lower(s[e]))
                e++;
            if (e >= len || !lx_alpha(s[e]))
                return 1;
        }
        if (f->num_end < len && s[f->num_end] == '+' &&
            f->num_end + 1 < len && lx_digit(s[f->num_end + 1]))
            return 1; /* 2+2 */
        if (!f->cont_group && in_identifier(t, len, p, f->num_end))
            return 1;
        /* times of day and clock values: 10:30 */
        if (f->num_end + 2 < len && s[f->num_end] == ':' &&
            lx_digit(s[f->num_end + 1]) && lx_digit(s[f->num_end + 2]) &&
            f->v <= 24)
            return 1;
        /* labels at a line start: "1. Conditions", "28\u2002Pew" */
        if (bare && line_start_before(t, f->start)) {
            size_t e = f->num_end;
            if (e < len && (s[e] == '.' || s[e] == ')') && e + 1 < len &&
                (s[e + 1] == ' ' || s[e + 1] == '\t'))
                return 1;
            if (e + 2 < len && s[e] == 0xE2 && s[e + 1] == 0x80 &&
                s[e + 2] >= 0x80 && s[e + 2] <= 0x8A)
                return 1;
            if (e < len && s[e] == '\t')
                return 1;
            /* a small integer alone on its line: page number, sidebar
             * debris (a decimal or grouped number there is data) */
            if (f->plain_int && f->int_digits <= 4 && !f->neg &&
                line_end_after(t, len, e))
                return 1;
        }
        /* enclosed: "(29)", "[12]" */
        if (bare && f->plain_int && f->start > 0 && f->num_end < len &&
            ((s[f->start - 1] == '(' && s[f->num_end] == ')') ||
             (s[f->start - 1] == '[' && s[f->num_end] == ']')))
            return 1;
    } else {
        /* word numbers: capitalised mid-sentence is a name ("Three
         * Non-Nuclear Principles", "Article Nine") */
        if (lx_upper(s[p]) && !sentence_start(t, f->start))
            return 1;
        /* (a fraction is no name: "One out of three Germans") */
        if (lx_upper(s[p]) && f->num_end + 1 < len && !f->has_dec) {
            size_t r = lx_skip_ws(t, len, f->num_end);
            if (r < len && lx_upper(s[r]) && r > f->num_end && bare)
                return 1;
        }
        /* "one" without a unit is a pronoun far more often than a count */
        if (!f->unit[0] && f->v == 1 && !f->has_dec && f->num_end - p <= 3 &&
            !f->neg)
            return 1;
        if (bare && f->v == 1 && f->num_end - p <= 3) {
            size_t a2, b2;
            if (prev_word(t, f->start, &a2, &b2)) {
                static const char *const ONE[] = {
                    "no", "any", "each", "every", "the", "this", "that",
                    "which", "only", "no", "someone", "anyone", "at",
                    "as", "for", "in", "is", "one", "than", "with",
                    "from", "of", "and", "or", "to", "by", "but", NULL};
                if (lx_in(t, a2, b2, ONE))
                    return 1;
            }
            {
                size_t r = lx_skip_ws(t, len, f->num_end), w = r;
                while (w < len && lx_alpha(s[w]))
                    w++;
                if (lx_eq(t, r, w, "another") || lx_eq(t, r, w, "of") ||
                    lx_eq(t, r, w, "hand") || lx_eq(t, r, w, "day") ||
                    lx_eq(t, r, w, "side") || lx_eq(t, r, w, "way") ||
                    lx_eq(t, r, w, "time") || lx_eq(t, r, w, "point"))
                    return 1;
            }
        }
    }
    /* the word before */
    if (prev_word(t, f->start, &a, &b)) {
        unsigned lf = word_flags(sc->rx, t, a, b);
        if (!(lf & WF_LABEL) && bare) {
            /* "Ansprüche 1", "revendication 1": a word with non-ASCII
             * letters; "andFigure 13": the capitalised tail of words
             * glued by PDF extraction */
            size_t a8 = a, k;
            while (a8 > 0 && (lx_alpha(s[a8 - 1]) || s[a8 - 1] >= 0x80) &&
                   b - a8 < 32)
                a8--;
            if (a8 < a && (word_flags(sc->rx, t, a8, b) & WF_LABEL))
                return 2;
            for (k = b - 1; k > a; k--)
                if (lx_upper(s[k]) && lx_lower(s[k - 1]))
                    break;
            if (k > a && (word_flags(sc->rx, t, k, b) & WF_LABEL) &&
                b - k >= 3)
                return 2;
        }
        if ((lf & WF_LABEL) && !f->has_cur &&
            strcmp(f->unit, "percent") != 0 && !f->multiple) {
            /* "at" only labels clock times / ages already excluded;
             * keep "at 70%"; for plain "at 70" keep it a label only in
             * titles: handled by the claim builder */
            if (!lx_eq(t, a, b, "at") && !lx_eq(t, a, b, "n") &&
                !lx_eq(t, a, b, "s") && !lx_eq(t, a, b, "v") &&
                !lx_eq(t, a, b, "day") && !lx_eq(t, a, b, "days") &&
                !lx_eq(t, a, b, "year") && !lx_eq(t, a, b, "years") &&
                !lx_eq(t, a, b, "week") && !lx_eq(t, a, b, "weeks") &&
                !lx_eq(t, a, b, "month") && !lx_eq(t, a, b, "months") &&
                !lx_eq(t, a, b, "number") && !lx_eq(t, a, b, "level") &&
                !lx_eq(t, a, b, "levels") && !lx_eq(t, a, b, "unit") &&
                !lx_eq(t, a, b, "units") && !lx_eq(t, a, b, "patients") &&
                !lx_eq(t, a, b, "samples") && !lx_eq(t, a, b, "cases") &&
                !lx_eq(t, a, b, "groups") && !lx_eq(t, a, b, "studies") &&
                !lx_eq(t, a, b, "sites") && !lx_eq(t, a, b, "stations") &&
                !lx_eq(t, a, b, "wells") && !lx_eq(t, a, b, "cores") &&
                !lx_eq(t, a, b, "plots") && !lx_eq(t, a, b, "models") &&
                !lx_eq(t, a, b, "items") && !lx_eq(t, a, b, "images") &&
                !lx_eq(t, a, b, "panels") && !lx_eq(t, a, b, "lines") &&
                !lx_eq(t, a, b, "rows") && !lx_eq(t, a, b, "columns") &&
                !lx_eq(t, a, b, "experiments") &&
                !lx_eq(t, a, b, "participant") &&
                !lx_eq(t, a, b, "subject") && !lx_eq(t, a, b, "well"))
                return 2;
            /* "day 3", "week 12", "year 2": ordinal use of time words,
             * only when the word is singular and capitalised or bare */
            if ((lx_eq(t, a, b, "day") || lx_eq(t, a, b, "week") ||
                 lx_eq(t, a, b, "month") || lx_eq(t, a, b, "year") ||
                 lx_eq(t, a, b, "level") || lx_eq(t, a, b, "unit") ||
                 lx_eq(t, a, b, "number") || lx_eq(t, a, b, "well") ||
                 lx_eq(t, a, b, "subject") || lx_eq(t, a, b, "participant")) &&
                bare)
                return 1;
            if (lx_eq(t, a, b, "n") && b < len && t[b] == '.' && bare)
                return 1; /* "n. 5" */
        }
        /* a month next to a day number: "March 27", "27 March" */
        if (!f->words && f->plain_int && f->v >= 1 && f->v <= 31 && bare &&
            (word_flags(sc->rx, t, a, b) & WF_MONTH) && lx_upper(s[a]))
            return 1;
        /* time windows: "the past four years" */
        if ((word_flags(sc->rx, t, a, b) & WF_WINDOW) && (f->words || bare ||
                                             !strcmp(f->unit, "other")))
            return 1;
        /* definitional counts: "these two countries", "the two militaries" */
        if (f->words && (!f->unit[0] || !strcmp(f->unit, "other")) &&
            !f->multiple &&
            ((f->core <= 4 && (lx_eq(t, a, b, "these") ||
                            lx_eq(t, a, b, "those") ||
                            lx_eq(t, a, b, "both") || lx_eq(t, a, b, "our") ||
                            lx_eq(t, a, b, "its") ||
                            lx_eq(t, a, b, "their"))) ||
             (f->core == 2 && lx_eq(t, a, b, "the"))))
            return 1;
        /* a name with a number: "Voyager 2 in", "Cooper 360 Degrees" */
        if (!f->words && bare && lx_upper(s[a]) && b - a > 1 &&
            !sentence_start(t, a) && !(word_flags(sc->rx, t, a, b) & WF_MONTH)) {
            size_t r = lx_skip_ws(t, len, f->num_end);
            if (r < len && r > f->num_end && lx_alpha(s[r]) &&
                !lx_word_at(t, len, r, "and") && !lx_word_at(t, len, r, "to") &&
                !lx_word_at(t, len, r, "or"))
                return 1;
            /* "Voyager 1 (1980)", "Scenario 1 and 3": a small number
             * right after a capitalised word is its label */
            if (f->plain_int && f->int_digits == 1 && b + 1 == f->start &&
                t[b] == ' ')
                return 2;
        }
    }
    if (!f->words && bare && f->plain_int) {
        size_t k, open = 0;
        /* citation lists "[6, 7]", "[12]" */
        for (k = f->start; k > 0 && f->start - k < 24; k--) {
            unsigned char c = s[k - 1];
            if (c == ']' || c == '\n' || c == ')')
                break;
            if (c == '[') {
                open = 1;
                break;
            }
            if (!(lx_digit(c) || c == ',' || c == ' ' || c == '-'))
                break;
        }
        if (open) {
            for (k = f->num_end; k < len && k - f->num_end < 24; k++) {
                unsigned char c = s[k];
                if (c == ']')
                    return 1;
                if (!(lx_digit(c) || c == ',' || c == ' ' || c == '-'))
                    break;
            }
        }
        /* enumerations "; 3) comparison" with no opening bracket */
        if (f->num_end < len && s[f->num_end] == ')' &&
            (f->start == 0 || s[f->start - 1] != '(')) {
            for (k = f->start; k > 0 && f->start - k < 40; k--)
                if (s[k - 1] == '(' || s[k - 1] == ')' || s[k - 1] == '\n')
                    break;
            if (k == 0 || s[k - 1] != '(')
                return 1;
        }
    }
    /* an exponent written apart: "min −1", "ε −1", "kg −1" */
    if (!f->words && bare && f->neg && f->plain_int && f->v >= -4 &&
        f->start == f->sign_at && f->sign_at >= 2 &&
        s[f->sign_at - 1] == ' ') {
        size_t b2 = f->sign_at - 1, a2 = lx_word_back(t, b2);
        if ((b2 > a2 && b2 - a2 <= 4 &&
             !(word_flags(sc->rx, t, a2, b2) & WF_FUNC)) ||
            (b2 >= 2 && (s[b2 - 2] == 0xCE || s[b2 - 2] == 0xCF)))
            return 1;
    }
    /* subscripts of formulas and model names: "CO 2", "DyF 3", "VO 2",
     * "ZAN 680", "OMIM: 608109" */
    if (!f->words && bare && f->plain_int && !f->neg && f->start == p &&
        p >= 3) {
        size_t b2 = p, a2;
        int up = 0, lo = 0, chem = 1;
        if (s[b2 - 1] == ' ')
            b2--;
        if (b2 < p && b2 > 0 && s[b2 - 1] == ':')
            b2--;
        a2 = lx_word_back(t, b2);
        if (b2 < p && b2 - a2 >= 2 && b2 - a2 <= 8 &&
            (a2 == 0 || !lx_alnum(s[a2 - 1]))) {
            size_t k;
            for (k = a2; k < b2; k++) {
                if (lx_upper(s[k]))
                    up++;
                else
                    lo++;
                /* formula: element symbols, one capital then at most one
                 * small letter */
                if (lx_lower(s[k]) &&
                    (k == a2 || !lx_upper(s[k - 1])))
                    chem = 0;
            }
            if (lx_upper(s[a2]) && (lo == 0 || (chem && up >= 2)))
                return 1;
        }
    }
    /* variables and subscripts: "G 1", "L 2 (t)", "NH 3", "a 0" */
    if (!f->words && bare && f->start == p && p >= 2 && s[p - 1] == ' ') {
        size_t b2 = p - 1, a2 = lx_word_back(t, b2);
        static const char *const SHORT_OK[] = {
            "at", "of", "in", "to", "by", "or", "is", "as", "an", "on", "up",
            "be", "we", "it", "if", "so", "vs", "ie", "eg", "for", NULL};
        if (b2 > a2 && b2 - a2 <= 2 && (a2 == 0 || !lx_alnum(s[a2 - 1])) &&
            !lx_in(t, a2, b2, SHORT_OK) &&
            !(b2 - a2 == 2 && lx_upper(s[a2]) && lx_upper(s[a2 + 1])))
            return 1;
        if (b2 >= 2 && (s[b2 - 2] == 0xCE || s[b2 - 2] == 0xCF))
            return 1; /* Greek letter */
    }
    /* compounds: "zero-sum", "one-sided", "two-way" */
    if (bare && f->num_end + 1 < len && s[f->num_end] == '-' &&
        lx_alpha(s[f->num_end + 1]))
        return 1;
    /* a day number before a month: "27 March 2017" */
    if (!f->words && f->plain_int && f->v >= 1 && f->v <= 31 && bare) {
        size_t r = lx_skip_ws(t, len, f->num_end), w = r;
        while (w < len && lx_alpha(s[w]))
            w++;
        if (w > r && lx_upper(s[r]) && (word_flags(sc->rx, t, r, w) & WF_MONTH))
            return 1;
    }
    /* rhetorical enumerations: "three major reasons", "is threefold." */
    if ((f->words || f->v <= 10) && (bare || f->multiple)) {
        size_t r = lx_skip_ws(t, len, f->end), w = r;
        while (w < len && lx_alpha(s[w]))
            w++;
        if (w > r && (word_flags(sc->rx, t, r, w) & WF_ENUM))
            return 1;
        if (f->multiple && f->words &&
            (r >= len || s[r] == '.' || s[r] == ',' || s[r] == ':' ||
             s[r] == ';'))
            return 1;
    }
    if (!f->words && science_reject(sc, f, bare))
        return 1;
    return 0;
}

/* Is the text between two figures a list or alternative joiner? */
static int joiner_only(const char *t, size_t a, size_t b)
{
    size_t i = a;
    if (b < a || b - a > 24)
        return 0;
    while (i < b) {
        size_t n = lx_hspace(t, b, i), w;
        if (n) {
            i += n;
            continue;
        }
        if (t[i] == '\n' || t[i] == ',' || t[i] == '\r') {
            i++;
            continue;
        }
        w = i;
        while (w < b && lx_alpha((unsigned char)t[w]))
            w++;
        if (w == i)
            return 0;
        if (!(lx_eq(t, i, w, "and") || lx_eq(t, i, w, "or") ||
              lx_eq(t, i, w, "to") || lx_eq(t, i, w, "rather") ||
              lx_eq(t, i, w, "than") || lx_eq(t, i, w, "versus") ||
              lx_eq(t, i, w, "vs") || lx_eq(t, i, w, "nor") ||
              lx_eq(t, i, w, "and/or")))
            return 0;
        i = w;
    }
    return 1;
}

/* Range connector at p: returns the offset after it (0 when none) and
 * sets *kind: 1 dash, 2 "to", 3 "and", 4 "±". */
/* Skips an approximation mark and the space after it at p: the second
 * end of "from ∼50 ppm to ∼150 ppm", "between ~3000 and ~10000". */
static size_t skip_approx(const char *t, size_t len, size_t p)
{
    const unsigned char *s = (const unsigned char *)t;
    if (p < len && s[p] == '~')
        return lx_skip_ws(t, len, p + 1);
    if (p + 2 < len && s[p] == 0xE2 &&
        ((s[p + 1] == 0x88 && s[p + 2] == 0xBC) ||
         (s[p + 1] == 0x89 && s[p + 2] == 0x88)))
        return lx_skip_ws(t, len, p + 3);
    return p;
}

static size_t connector_at(const char *t, size_t len, size_t p, int *kind);

static size_t connector(const char *t, size_t len, size_t p, int *kind)
{
    size_t c = connector_at(t, len, p, kind);
    return c && (*kind == 1 || *kind == 2 || *kind == 3) ? skip_approx(t, len, c)
                                                        : c;
}

static size_t connector_at(const char *t, size_t len, size_t p, int *kind)
{
    const unsigned char *s = (const unsigned char *)t;
    size_t q = lx_skip_ws(t, len, p), e;
    *kind = 0;
    /* "10 − 11 MHz": a minus sign with space on both sides; "0\uf02d0.8":
     * the Symbol font's dash that PDF extraction leaves in the private
     * use area */
    if (q + 3 < len && q > p && s[q] == 0xE2 && s[q + 1] == 0x88 &&
        s[q + 2] == 0x92 && s[q + 3] == ' ') {
        *kind = 1;
        return lx_skip_ws(t, len, q + 3);
    }
    if (q + 2 < len && s[q] == 0xEF && s[q + 1] == 0x80 && s[q + 2] == 0xAD) {
        *kind = 1;
        return lx_skip_ws(t, len, q + 3);
    }
    if (q < len && s[q] == '-') {
        *kind = 1;
        q++;
        /* "8- to 16-meter" */
        e = lx_skip_ws(t, len, q);
        if (lx_word_at(t, len, e, "to"))
            q = e + 2;
        return lx_skip_ws(t, len, q);
    }
    if (q + 2 < len && s[q] == 0xE2 && s[q + 1] == 0x80 &&
        (s[q + 2] >= 0x90 && s[q + 2] <= 0x95)) {
        *kind = 1;
        return lx_skip_ws(t, len, q + 3);
    }
    if (q + 1 < len && s[q] == 0xC2 && s[q + 1] == 0xB1) {
        *kind = 4;
        return lx_skip_ws(t, len, q + 2);
    }
    if (q + 2 < len && s[q] == '+' && s[q + 1] == '/' && s[q + 2] == '-') {
        *kind = 4;
        return lx_skip_ws(t, len, q + 3);
    }
    if (q >= len || !((s[q] | 0x20) == 't' || (s[q] | 0x20) == 'b' ||
                      (s[q] | 0x20) == 'a' || (s[q] | 0x20) == 'o' ||
                      (s[q] | 0x20) == 'e' || (s[q] | 0x20) == 'u' ||
                      s[q] == 0xC3))
        return 0; /* initials of the connector words below */
    if ((e = lx_word_at(t, len, q, "to")) != 0 ||
        (e = lx_word_at(t, len, q, "through")) != 0 ||
        (e = lx_word_at(t, len, q, "till")) != 0 ||
        (e = lx_word_at(t, len, q, "bis")) != 0 ||
        (e = lx_word_at(t, len, q, "\xc3\xa0")) != 0) {
        /* German "bis" and French "à" in patent ranges */
        *kind = 2;
        return lx_skip_ws(t, len, e);
    }
    /* "and"; French "et" and German "und" after "entre", "zwischen" */
    if ((e = lx_word_at(t, len, q, "and")) != 0 ||
        (e = lx_word_at(t, len, q, "et")) != 0 ||
        (e = lx_word_at(t, len, q, "und")) != 0) {
        *kind = 3;
        return lx_skip_ws(t, len, e);
    }
    if ((e = lx_word_at(t, len, q, "or")) != 0) {
        *kind = 5;
        return lx_skip_ws(t, len, e);
    }
    return 0;
}

static int unit_compatible(const fig *a, const fig *b)
{
    return !a->unit[0] || !strcmp(a->unit, b->unit);
}

/* After a figure with a lower (upper) bound qualifier: "and" followed by
 * an upper (lower) bound on a figure of the same unit. Fills *g and
 * returns its end, or 0. */
static size_t bound_pair(const scanner *sc, const fig *f, int qual, fig *g)
{
    const char *t = sc->t;
    size_t len = sc->len, r, e, k;
    int q2, lower = qual == EV_Q_MORE_THAN || qual == EV_Q_AT_LEAST;
    r = lx_skip_ws(t, len, f->end);
    if (!(e = lx_word_at(t, len, r, "and")))
        return 0;
    r = lx_skip_ws(t, len, e);
    /* the next number within a few words */
    for (k = 0; k < 6 && r < len; k++) {
        size_t w = r;
        if (lx_digit((unsigned char)t[r]) || t[r] == '-')
            break;
        while (w < len && lx_alpha((unsigned char)t[w]))
            w++;
        if (w == r || (word_lookup(sc->rx, t, r, w) && !lx_eq(t, r, w, "one")) ||
            lx_eq(t, r, w, "a") || lx_eq(t, r, w, "half"))
            break;
        r = lx_skip_ws(t, len, w);
    }
    if (r >= len || !(lx_digit((unsigned char)t[r]) ||
                      lx_alpha((unsigned char)t[r]) || t[r] == '-'))
        return 0;
    if (t[r] == '-')
        r++;
    if (r >= len || !figure_at(sc, r, g) || g->vague || g->multiple)
        return 0;
    if (qualifier_back(sc->rx, t, g->start, &q2) != lx_skip_ws(t, len, e))
        return 0;
    if (lower ? (q2 != EV_Q_LESS_THAN && q2 != EV_Q_AT_MOST)
              : (q2 != EV_Q_MORE_THAN && q2 != EV_Q_AT_LEAST))
        return 0;
    if (f->unit[0] && g->unit[0] && strcmp(f->unit, g->unit) != 0)
        return 0;
    if (lower ? g->v <= f->v : g->v >= f->v)
        return 0;
    return g->end;
}

/* "per kg", "per capita" at p (after spaces): the end of the rate's
 * noun, or 0. */
static size_t per_unit(const char *t, size_t len, size_t p)
{
    size_t r = lx_skip_ws(t, len, p), e, w;
    if (r == p || !(e = lx_word_at(t, len, r, "per")))
        return 0;
    r = lx_skip_ws(t, len, e);
    w = r;
    while (w < len && lx_alpha((unsigned char)t[w]) && w - r < 24)
        w++;
    return w > r && r > e ? w : 0;
}

/* A bare number that opens a range whose other end carries a unit:
 * "age group 20 to 29 years", "Ni 3.5 to 5%", "V 0.03 to 0.35%". The
 * range shows the number is a quantity even where the word before it
 * would make it a label or a formula subscript. */
static int range_with_unit(const scanner *sc, const fig *f)
{
    fig g;
    int kind;
    size_t c;
    if (f->unit[0] || f->words || f->multiple || f->vague || f->neg)
        return 0;
    c = connector(sc->t, sc->len, f->num_end, &kind);
    if (!c || (kind != 1 && kind != 2) || c >= sc->len ||
        !lx_digit((unsigned char)sc->t[c]))
        return 0;
    if (!figure_fwd(sc, c, &g) || g.words || g.vague || g.multiple ||
        !g.unit[0] || !strcmp(g.unit, "count") || g.v <= f->v)
        return 0;
    return !reject(sc, &g, 1);
}

/* Handles one candidate at p; returns the offset to resume from. */
static size_t handle(const scanner *sc, size_t p, ev_quantity_vec *out,
                     int *rc)
{
    const char *t = sc->t;
    size_t len = sc->len;
    fig f, g;
    size_t qs, resume;
    int qual, kind;

    if (p > 0 && lx_digit((unsigned char)t[p]) && glued_before(t, p)) {
        /* a footnote marker or an identifier glued to punctuation is
         * dropped before the costly suffix parse (same as reject) */
        size_t e = p;
        while (e < len && lx_digit((unsigned char)t[e]))
            e++;
        return e;
    }
    if (!figure_at(sc, p, &f))
        goto skip_token;
    resume = f.end > p ? f.end : p + 1;
    if ((kind = reject(sc, &f, 0)) != 0 && !range_with_unit(sc, &f)) {
        if (kind == 2 && sc->label_end)
            *sc->label_end = f.num_end;
        return f.num_end > p ? f.num_end : p + 1;
    }
    qs = qualifier_back(sc->rx, t, f.start, &qual);
    if (qual == EV_Q_APPROX && qs < f.start && !lx_alpha((unsigned char)t[qs])) {
        /* "between ∼3000 and 10000 days": the range word before the mark */
        int q2;
        size_t qs2 = qualifier_back(sc->rx, t, qs, &q2);
        if (q2 == Q_BETWEEN || q2 == Q_FROM) {
            qs = qs2;
            qual = q2;
        }
    }
    if (f.qual && qual < 0)
        qual = f.qual;

    /* range, change, "±", year span */
    if (!f.multiple && !f.vague) {
        size_t c = connector(t, len, f.end, &kind), per = 0;
        if (!c && f.unit[0] && (per = per_unit(t, len, f.end)) != 0 &&
            ((c = connector(t, len, per, &kind)) == 0 || kind > 2))
            c = per = 0; /* "$350 per kg to $680 per kg" */
        if (c && kind == 3 && qual != Q_BETWEEN)
            c = 0;
        if (c && c < len && figure_fwd(sc, c, &g) && !g.vague &&
            !g.multiple) {
            int fy = year_like(&f);
            if (kind == 4) {
                /* 4.9 ± 0.7 */
                f.pm = fabs(g.v); /* "83 +/- -5" is 78 to 88 */
                if (!f.unit[0] && g.unit[0]) {
                    memcpy(f.unit, g.unit, sizeof(f.unit));
                    memcpy(f.detail, g.detail, sizeof(f.detail));
                }
                f.end = g.end;
                f.noun_end = g.noun_end;
                {
                    ev_quantity *q;
                    fig tmp = f;
                    tmp.noun_end = g.noun_end;
                    if ((*rc = push(out, &tmp, qs < f.start ? qs : f.start,
                                    EV_Q_RANGE, 0)) != 0)
                        return len;
                    q = &out->v[out->n - 1];
                    q->lo = f.v - f.pm;
                    q->hi = f.v + f.pm;
                    if (qual >= 0 && qual < Q_BETWEEN && qual != EV_Q_EXACT)
                        q->qualifier = EV_Q_RANGE;
                }
                return g.end;
            }
            if (fy && !g.unit[0] && !g.words &&
                ((g.int_digits <= 2 && g.plain_int) || year_like(&g))) {
                /* 2012–13, 1985 to 1988: a span of years */
                ev_quantity *q;
                if ((*rc = push(out, &f, f.start, EV_Q_EXACT, 0)) != 0)
                    return len;
                q = &out->v[out->n - 1];
                q->is_year = 1;
                q->end = g.end;
                return g.end;
            }
            /* "three or four years", "1 or 2 percent": an alternative
             * of two values that share the unit of the second */
            /* a year before a larger plain number: "1000–5000" */
            if (fy && (g.words || g.v <= f.v || g.scale > 1 || g.wscale > 1 ||
                       (g.unit[0] && (g.int_digits < f.int_digits ||
                                      !strcmp(g.unit, "count")))))
                goto single;
            if (kind == 5 && !(g.unit[0] && strcmp(g.unit, "count") &&
                               !f.unit[0] && f.v < g.v &&
                               f.words == g.words))
                goto single;
            if (unit_compatible(&f, &g) && !reject(sc, &g, 1) &&
                (g.unit[0] || !f.unit[0])) {
                int change;
                /* the unit and scale of the second end apply to both:
                 * "1.7-2.1 billion", "four to five thousand", "US $89 to
                 * $93 billion" */
                if (!f.unit[0]) {
                    memcpy(f.unit, g.unit, sizeof(f.unit));
                    memcpy(f.detail, g.detail, sizeof(f.detail));
                }
                {
                    double gs = g.scale != 1 ? g.scale
                                : g.wscale > 1 ? g.wscale : 1;
                    if (f.scale == 1 && f.wscale == 0 && gs > 1 &&
                        f.v < g.v / gs) {
                        f.v *= gs;
                        f.scale = gs;
                    }
                }
                /* a change: "decreased $1.2 million to $23.5 million",
                 * "rose from 5% to 7%"; "3.8 to 2.5 AU" written high to
                 * low is still a range */
                change = kind == 2 && change_verb_before(t, qs);
                if (change) {
                    int fl = EV_QF_CHANGE;
                    if ((*rc = push(out, &f, qs,
                                    qual >= Q_BETWEEN ? EV_Q_EXACT : qual,
                                    fl)) != 0)
                        return len;
                    if ((*rc = push(out, &g, g.start, EV_Q_EXACT, fl)) != 0)
                        return len;
                    return g.end;
                }
                if (f.v <= g.v || kind == 2 || qual == Q_BETWEEN ||
                    (f.neg && g.neg)) {
                    ev_quantity *q;
                    fig whole = f;
                    whole.end = g.end;
                    whole.noun_end = g.noun_end;
                    if (per && (per = per_unit(t, len, g.end)) != 0)
                        whole.end = per; /* "... to $680 per kg" */
                    if ((*rc = push(out, &whole, qs, EV_Q_RANGE, 0)) != 0)
                        return len;
                    q = &out->v[out->n - 1];
                    q->lo = f.v <= g.v ? f.v : g.v;
                    q->hi = f.v <= g.v ? g.v : f.v;
                    if (f.v == g.v)
                        q->qualifier = EV_Q_EXACT;
                    return whole.end;
                }
            }
        }
    }
single:
    if (qual == Q_BETWEEN || qual == Q_FROM)
        qual = -1;
    /* "more than 10 and less than 40": a lower and an upper bound */
    if (qual == EV_Q_MORE_THAN || qual == EV_Q_AT_LEAST ||
        qual == EV_Q_LESS_THAN || qual == EV_Q_AT_MOST) {
        size_t r = bound_pair(sc, &f, qual, &g);
        if (r) {
            ev_quantity *q;
            fig whole = f;
            whole.end = g.end;
            whole.noun_end = g.noun_end;
            if (!whole.unit[0])
                memcpy(whole.unit, g.unit, sizeof(whole.unit));
            if ((*rc = push(out, &whole, qs, EV_Q_RANGE, 0)) != 0)
                return len;
            q = &out->v[out->n - 1];
            q->lo = f.v < g.v ? f.v : g.v;
            q->hi = f.v < g.v ? g.v : f.v;
            return r;
        }
    }
    /* "100 or over", "5 or more", "10 or less" */
    if (qual < 0) {
        size_t r = lx_skip_ws(t, len, f.noun_end ? f.noun_end : f.end), e;
        if ((e = lx_word_at(t, len, r, "or")) != 0) {
            size_t r2 = lx_skip_ws(t, len, e);
            if (lx_word_at(t, len, r2, "more") || lx_word_at(t, len, r2, "over") ||
                lx_word_at(t, len, r2, "above") ||
                lx_word_at(t, len, r2, "greater") ||
                lx_word_at(t, len, r2, "higher"))
                qual = EV_Q_AT_LEAST;
            else if (lx_word_at(t, len, r2, "less") ||
                     lx_word_at(t, len, r2, "fewer") ||
                     lx_word_at(t, len, r2, "under") ||
                     lx_word_at(t, len, r2, "below") ||
                     lx_word_at(t, len, r2, "lower"))
                qual = EV_Q_AT_MOST;
        } else if (f.end < len && t[f.end] == '+' &&
                   (f.end + 1 >= len || !lx_alnum((unsigned char)t[f.end + 1]))) {
            qual = EV_Q_AT_LEAST;
        }
    }
    if ((*rc = push(out, &f, qs, qual, 0)) != 0)
        return len;
    if (year_like(&f))
        out->v[out->n - 1].is_year = 1;
    return resume;

skip_token:
    while (p < len && (lx_alnum((unsigned char)t[p]) || t[p] == '.' ||
                       t[p] == ','))
        p++;
    return p;
}

/* "more than half", "about half": 50 percent. */
static size_t handle_half(const scanner *sc, size_t p, size_t e,
                          ev_quantity_vec *out, int *rc)
{
    int qual;
    size_t qs = qualifier_back(sc->rx, sc->t, p, &qual);
    fig f;
    if (qual < 0 || qual >= Q_BETWEEN)
        return e;
    memset(&f, 0, sizeof(f));
    f.start = p;
    f.end = e;
    f.num_start = p;
    f.num_end = e;
    f.v = 0.5; /* a fraction of a group is a bare number */
    f.words = 1;
    f.has_dec = 1;
    *rc = push(out, &f, qs, qual, 0);
    return e;
}

/*
 * End of the ASCII word (letters and digits) running from p: eight bytes
 * at a time (a word char test per byte lane, no carries between lanes),
 * then byte by byte.
 */
static size_t word_end(const unsigned char *s, size_t len, size_t p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ &&  \
    defined(__GNUC__)
    const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
    while (p + 8 <= len) {
        uint64_t x, x7, y, letter, digit, nonword;
        memcpy(&x, s + p, 8);
        x7 = x & ~high;
        y = x7 | ones * 0x20; /* A-Z to a-z; only letters land in a-z */
        letter = (y + ones * (0x80 - 'a')) & ~(y + ones * (0x80 - 'z' - 1));
        digit = (x7 + ones * (0x80 - '0')) & ~(x7 + ones * (0x80 - '9' - 1));
        nonword = (~(letter | digit) | x) & high;
        if (nonword)
            return p + (size_t)(__builtin_ctzll(nonword) >> 3);
        p += 8;
    }
#endif
    while (p < len && lx_alnum(s[p]))
        p++;
    return p;
}

/* Unit inheritance: "72 to 57 percent", "3, rather than 2, percent". */
static void inherit_units(const char *t, ev_quantity *v, size_t n)
{
    size_t i;
    for (i = n; i-- > 1;) {
        ev_quantity *a = &v[i - 1], *b = &v[i];
        if (!(a->flags & EV_QF_BARE) || a->is_year || b->is_year)
            continue;
        if (!(b->flags & EV_QF_BARE) && strcmp(b->unit, "count") != 0 &&
            (!strcmp(b->unit, "percent") || strlen(b->unit) == 3) &&
            joiner_only(t, a->end, b->start)) {
            memcpy(a->unit, b->unit, sizeof(a->unit));
            a->flags = (a->flags & ~EV_QF_BARE) | EV_QF_INHERIT;
        }
    }
}

int ev_numbers_scan(const ev_extractor *ex, const char *text, size_t len,
                    const size_t (*skip)[2], size_t n_skip,
                    ev_quantity_vec *out)
{
    scanner sc;
    size_t p = 0, si = 0, first = out->n, label_end = 0;
    int rc = 0;
    const unsigned char *s = (const unsigned char *)text;

    sc.rx = ex->num;
    sc.t = text;
    sc.len = len;
    sc.label_end = &label_end;
    sc.md = pcre2_match_data_create_from_pattern(ex->num->unit, NULL);
    if (!sc.md)
        return EV_ENOMEM;
    const unsigned char *cls = ex->num->cls;
    while (p < len && !rc) {
        unsigned char c;
        /* bytes that start nothing: space, punctuation, non-ASCII */
        while (p < len && !cls[s[p]])
            p++;
        if (p >= len)
            break;
        c = s[p];
        if (cls[c] == 4) {
            /* a vulgar fraction standing alone: "½ tbsp", "a ⅓ cup" */
            double fr;
            size_t n = vulgar_at(text, len, p, &fr);
            /* after a space or ASCII punctuation only: mojibake of math
             * fonts ("í µí¼") holds these bytes too */
            if (n && (p == 0 || (s[p - 1] < 0x80 && !lx_alnum(s[p - 1])))) {
                while (si < n_skip && skip[si][1] <= p)
                    si++;
                if (!(si < n_skip && skip[si][0] <= p)) {
                    size_t r = handle(&sc, p, out, &rc);
                    p = r > p ? r : p + n;
                    continue;
                }
            }
            p++;
            continue;
        }
        if (cls[c] == 1 || (c == '.' && p + 1 < len && lx_digit(s[p + 1]) &&
                            (p == 0 || s[p - 1] == ' ' || s[p - 1] == '\n'))) {
            while (si < n_skip && skip[si][1] <= p)
                si++;
            if (si < n_skip && skip[si][0] <= p) {
                p = skip[si][1];
                continue;
            }
            /* a figure ends where the next citation marker starts:
             * "in 2019.<sup>1</sup>" is no 2019.1 */
            sc.len = si < n_skip && skip[si][0] > p ? skip[si][0] : len;
            p = handle(&sc, p, out, &rc);
            sc.len = len;
            /* never resume inside a digit run */
            while (p < len && p > 0 && lx_digit(s[p]) && lx_digit(s[p - 1]))
                p++;
            continue;
        }
        if (cls[c] == 2) {
            /* a word (letters and glued digits) is skipped whole unless
             * its length and first two letters fit some number word */
            size_t w = word_end(s, len, p + 1), n;
            n = w - p;
            if (mask_hit(ex->num->lenmask, s + p, n) &&
                maybe_number_word(ex->num, text, len, p, w)) {
                int hit = 0;
                if (n == 4 && lx_eq(text, p, w, "half")) {
                    fig hf;
                    memset(&hf, 0, sizeof(hf));
                    if (parse_words(&sc, p, &hf) != 1) {
                        p = handle_half(&sc, p, w, out, &rc);
                        continue;
                    }
                }
                if (n <= 2 ? (lx_eq(text, p, w, "a") ||
                              lx_eq(text, p, w, "an"))
                           : 1) {
                    size_t sz = out->n;
                    while (si < n_skip && skip[si][1] <= p)
                        si++;
                    if (!(si < n_skip && skip[si][0] <= p)) {
                        size_t r = handle(&sc, p, out, &rc);
                        hit = out->n > sz || r > w;
                        if (hit && r > p) {
                            p = r;
                            continue;
                        }
                    }
                }
            }
            p = w;
            continue;
        }
        p++;
    }
    pcre2_match_data_free(sc.md);
    if (!rc && out->n > first) {
        size_t i, w = first;
        inherit_units(text, out->v + first, out->n - first);
        /* an exponent or a digit run past a double's range ("0e2222" is
         * 0 x inf) measures nothing: no NaN or infinity leaves here */
        for (i = first; i < out->n; i++)
            if (isfinite(out->v[i].lo) && isfinite(out->v[i].hi))
                out->v[w++] = out->v[i];
        out->n = w;
    }
    return rc;
}
