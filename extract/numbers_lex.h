/*
 * Small lexical helpers shared by the number recogniser, the sentence
 * splitter, the subject builder and the claim builder (all in extract/).
 * Header-only: every function is static inline and works on explicit
 * lengths of UTF-8 text.
 */
#ifndef EV_NUMBERS_LEX_H
#define EV_NUMBERS_LEX_H

#include <stddef.h>
#include <string.h>

static inline int lx_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static inline int lx_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static inline int lx_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static inline int lx_alpha(unsigned char c)
{
    return lx_upper(c) || lx_lower(c);
}
static inline int lx_alnum(unsigned char c)
{
    return lx_alpha(c) || lx_digit(c);
}
static inline unsigned char lx_lc(unsigned char c)
{
    return lx_upper(c) ? (unsigned char)(c + 32) : c;
}

/* Length of a horizontal space at p (ASCII space/tab, NBSP, thin, narrow
 * no-break, en/em spaces), or 0. */
static inline size_t lx_hspace(const char *t, size_t len, size_t p)
{
    const unsigned char *s = (const unsigned char *)t;
    if (p >= len)
        return 0;
    if (s[p] == ' ' || s[p] == '\t')
        return 1;
    if (s[p] == 0xC2 && p + 1 < len && s[p + 1] == 0xA0)
        return 2;
    if (s[p] == 0xE2 && p + 2 < len && s[p + 1] == 0x80 &&
        ((s[p + 2] >= 0x80 && s[p + 2] <= 0x8A) || s[p + 2] == 0xAF))
        return 3;
    return 0;
}

/* Skips horizontal space and at most one line break (hard-wrapped text);
 * a blank line stops the skip. */
static inline size_t lx_skip_ws(const char *t, size_t len, size_t p)
{
    int nl = 0;
    for (;;) {
        size_t n = lx_hspace(t, len, p);
        if (n) {
            p += n;
            continue;
        }
        if (p < len && (t[p] == '\n' || t[p] == '\r') && !nl) {
            nl = 1;
            p += (t[p] == '\r' && p + 1 < len && t[p + 1] == '\n') ? 2 : 1;
            continue;
        }
        return p;
    }
}

/* Backwards: the offset after skipping space and one line break before p. */
static inline size_t lx_skip_ws_back(const char *t, size_t p)
{
    int nl = 0;
    while (p > 0) {
        unsigned char c = (unsigned char)t[p - 1];
        if (c == ' ' || c == '\t') {
            p--;
        } else if ((c == '\n' || c == '\r') && !nl) {
            nl = (c == '\n');
            p--;
            if (c == '\n' && p > 0 && t[p - 1] == '\r')
                p--;
        } else if (c == 0xA0 && p >= 2 && (unsigned char)t[p - 2] == 0xC2) {
            p -= 2;
        } else if (p >= 3 && (unsigned char)t[p - 3] == 0xE2 &&
                   (unsigned char)t[p - 2] == 0x80 &&
                   ((c >= 0x80 && c <= 0x8A) || c == 0xAF)) {
            p -= 3;
        } else {
            break;
        }
    }
    return p;
}

/* If t[p..] starts with word w (ASCII, case-insensitive) followed by a
 * non-letter, returns the end offset, else 0. */
static inline size_t lx_word_at(const char *t, size_t len, size_t p,
                                const char *w)
{
    size_t q = p;
    for (; *w; w++, q++)
        if (q >= len || lx_lc((unsigned char)t[q]) != (unsigned char)*w)
            return 0;
    if (q < len && lx_alpha((unsigned char)t[q]))
        return 0;
    return q;
}

/* Start of the ASCII word ending at p (p itself when none). */
static inline size_t lx_word_back(const char *t, size_t p)
{
    while (p > 0 && lx_alpha((unsigned char)t[p - 1]))
        p--;
    return p;
}

/* Case-insensitive compare of t[a..b) with w. */
static inline int lx_eq(const char *t, size_t a, size_t b, const char *w)
{
    size_t i = a;
    for (; *w; w++, i++)
        if (i >= b || lx_lc((unsigned char)t[i]) != (unsigned char)*w)
            return 0;
    return i == b;
}

/* Is w (lower-case) in the NULL-terminated list? Compares t[a..b). */
static inline int lx_in(const char *t, size_t a, size_t b,
                        const char *const *list)
{
    for (; *list; list++)
        if (lx_eq(t, a, b, *list))
            return 1;
    return 0;
}

#endif
