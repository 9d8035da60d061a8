/*
 * Sentence splitting for claims. Splits after . ! ? (with closing quotes,
 * brackets and glued footnote digits kept in the sentence) when the next
 * word starts a sentence, and at blank lines; does not split after
 * abbreviations (U.S., Gen., No., et al., e.g., i.e., Fig.), initials, or
 * decimal points, and treats the " \n" line ends of hard-wrapped PDF text
 * as spaces.
 */
#include "extract_int.h"
#include "numbers_lex.h"

static const char *const ABBREV[] = {
    "mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "capt", "gov",
    "sen", "rep", "pres", "prof", "st", "no", "nos", "vol", "vols", "fig",
    "figs", "eq", "eqs", "ref", "refs", "pp", "p", "vs", "al", "e.g",
    "i.e", "eg", "ie", "cf", "approx", "ca", "inc", "ltd", "co", "corp",
    "jr", "sr", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "art", "sec", "ch", "para", "ed", "eds",
    "dept", "univ", "mt", "ft", "adm", "gens", "sens", "reps", "rev",
    "hon", "messrs", "esp", "viz", "resp", "tab", "suppl", "est", "min",
    "max", "no", "op", "cit", "ibid", "id", "nr", "ver", "v", NULL};

/* Is the '.' at p the end of an abbreviation or initial? */
static int abbrev_dot(const char *t, size_t p)
{
    size_t a = p, b = p;
    while (a > 0 && (lx_alpha((unsigned char)t[a - 1]) ||
                     (t[a - 1] == '.' && a >= 2 &&
                      lx_alpha((unsigned char)t[a - 2]))))
        a--;
    if (a == b)
        return 0;
    if (b - a == 1 && lx_upper((unsigned char)t[a]))
        return 1; /* initial: "J. Smith" */
    if (memchr(t + a, '.', b - a))
        return 1; /* U.S., e.g., i.e. */
    return lx_in(t, a, b, ABBREV);
}

/* Skips closing quotes and brackets after p. */
static size_t closers(const char *t, size_t len, size_t p)
{
    const unsigned char *s = (const unsigned char *)t;
    for (;;) {
        if (p < len && (s[p] == '"' || s[p] == '\'' || s[p] == ')' ||
                        s[p] == ']')) {
            p++;
        } else if (p + 2 < len && s[p] == 0xE2 && s[p + 1] == 0x80 &&
                   (s[p + 2] == 0x9D || s[p + 2] == 0x99)) {
            p += 3;
        } else {
            return p;
        }
    }
}

/* Skips "[12]", "[3, 5-7]", "[a]" groups glued at p. */
static size_t bracket_markers(const char *t, size_t len, size_t p)
{
    for (;;) {
        size_t q = p + 1;
        if (p >= len || t[p] != '[')
            return p;
        while (q < len && q - p <= 16 &&
               (lx_digit((unsigned char)t[q]) || t[q] == ',' ||
                t[q] == '-' || t[q] == ' ' ||
                (q == p + 1 && lx_alpha((unsigned char)t[q]) &&
                 q + 1 < len && t[q + 1] == ']')))
            q++;
        if (q >= len || t[q] != ']' || q == p + 1)
            return p;
        p = q + 1;
    }
}

static int starter(const char *t, size_t len, size_t p)
{
    const unsigned char *s = (const unsigned char *)t;
    if (p >= len)
        return 1;
    if (lx_upper(s[p]) || lx_digit(s[p]) || s[p] == '"' || s[p] == '(' ||
        s[p] == '[' || s[p] == '$' || s[p] >= 0xC2)
        return 1;
    return 0;
}

static int push_span(ev_sizevec *out, const char *t, size_t a, size_t b)
{
    size_t *x;
    while (a < b && (t[a] == ' ' || t[a] == '\n' || t[a] == '\t' ||
                     t[a] == '\r'))
        a++;
    while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\n' ||
                     t[b - 1] == '\t' || t[b - 1] == '\r'))
        b--;
    if (b <= a)
        return 0;
    if (!(x = ev_vec_push(out)))
        return EV_ENOMEM;
    *x = a;
    if (!(x = ev_vec_push(out)))
        return EV_ENOMEM;
    *x = b;
    return 0;
}

int ev_sentences_split(const char *text, size_t len, ev_sizevec *out)
{
    size_t p = 0, start = 0;
    int rc;
    while (p < len) {
        char c = text[p];
        if (c == '\n') {
            /* a blank line ends the sentence */
            size_t q = p + 1;
            while (q < len && (text[q] == ' ' || text[q] == '\t' ||
                               text[q] == '\r'))
                q++;
            if (q < len && text[q] == '\n') {
                if ((rc = push_span(out, text, start, p)) != 0)
                    return rc;
                start = q;
                p = q;
                continue;
            }
            p++;
            continue;
        }
        if (c == '.' || c == '!' || c == '?') {
            size_t e = closers(text, len, p + 1), d = e, r;
            if (c == '.' && p + 1 < len &&
                lx_digit((unsigned char)text[p + 1]) && p > 0 &&
                lx_digit((unsigned char)text[p - 1])) {
                p++;
                continue; /* decimal point */
            }
            /* a glued footnote marker: "percent.13 Next" */
            while (d < len && d - e < 3 && lx_digit((unsigned char)text[d]))
                d++;
            if (d > e && (d >= len || text[d] == ' ' || text[d] == '\n'))
                e = d;
            /* bracketed reference markers after the stop belong to this
             * sentence: "free.[3] One day", "meeting.[8][9] A" */
            e = bracket_markers(text, len, e);
            r = lx_skip_ws(text, len, e);
            if (e < len && r == e && text[e] != '\n') {
                p++;
                continue; /* "U.S.-Japan", "3.5" */
            }
            if (c == '.' && abbrev_dot(text, p)) {
                p++;
                continue;
            }
            if (!starter(text, len, r)) {
                p++;
                continue;
            }
            if ((rc = push_span(out, text, start, e)) != 0)
                return rc;
            start = e;
            p = e;
            continue;
        }
        p++;
    }
    return push_span(out, text, start, len);
}
