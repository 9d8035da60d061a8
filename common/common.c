/*
 * Implementation of the shared base layer: errors, ev_buf, growable
 * arrays, UTF-8 validation and repair, hashing.
 */
#include "ev_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ev_err_set(ev_err *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->code = code;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
        va_end(ap);
        /* Messages quote user input (queries, paths, markup): a newline
         * or an escape sequence in it must not break the one-line form
         * or reach the terminal. */
        {
            unsigned char *p;
            for (p = (unsigned char *)err->msg; *p; p++)
                if (*p < 0x20 || *p == 0x7f)
                    *p = '?';
        }
    }
    return code;
}

void ev_buf_init(ev_buf *b)
{
    b->ptr = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}

void ev_buf_release(ev_buf *b)
{
    if (!b)
        return;
    free(b->ptr);
    ev_buf_init(b);
}

void ev_buf_clear(ev_buf *b)
{
    b->len = 0;
    if (b->ptr)
        b->ptr[0] = '\0';
}

int ev_buf_grow(ev_buf *b, size_t extra)
{
    size_t need, cap;
    char *p;
    if (b->oom)
        return EV_ENOMEM;
    if (extra > SIZE_MAX - b->len - 1)
        goto fail;
    need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    p = realloc(b->ptr, cap);
    if (!p)
        goto fail;
    b->ptr = p;
    b->cap = cap;
    return 0;
fail:
    b->oom = 1;
    return EV_ENOMEM;
}

int ev_buf_add(ev_buf *b, const void *data, size_t len)
{
    if (ev_buf_grow(b, len))
        return EV_ENOMEM;
    if (len)
        memcpy(b->ptr + b->len, data, len);
    b->len += len;
    b->ptr[b->len] = '\0';
    return 0;
}

int ev_buf_puts(ev_buf *b, const char *s)
{
    return ev_buf_add(b, s, strlen(s));
}

int ev_buf_putc(ev_buf *b, char c)
{
    return ev_buf_add(b, &c, 1);
}

int ev_buf_printf(ev_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;
    char small[256];
    va_start(ap, fmt);
    n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0)
        return EV_ERROR;
    if ((size_t)n < sizeof(small))
        return ev_buf_add(b, small, (size_t)n);
    if (ev_buf_grow(b, (size_t)n))
        return EV_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

int ev_buf_json_str(ev_buf *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, run = 0;
    if (!s) {
        return ev_buf_add(b, "null", 4);
    }
    ev_buf_putc(b, '"');
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        char u[6];
        if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
            continue;
        ev_buf_add(b, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        default:
            u[0] = '\\'; u[1] = 'u'; u[2] = '0'; u[3] = '0';
            u[4] = hex[c >> 4]; u[5] = hex[c & 15];
            ev_buf_add(b, u, 6);
            break;
        }
        if (esc)
            ev_buf_puts(b, esc);
    }
    ev_buf_add(b, s + run, len - run);
    return ev_buf_putc(b, '"');
}

int ev_buf_json_cstr(ev_buf *b, const char *s)
{
    return ev_buf_json_str(b, s, s ? strlen(s) : 0);
}

int ev_buf_json_field(ev_buf *b, const char *key, const char *s)
{
    ev_buf_putc(b, ',');
    ev_buf_json_str(b, key, strlen(key));
    ev_buf_putc(b, ':');
    return ev_buf_json_cstr(b, s);
}

char *ev_buf_detach(ev_buf *b)
{
    char *p;
    if (b->oom) {
        ev_buf_release(b);
        return NULL;
    }
    if (!b->ptr && ev_buf_grow(b, 0))
        return NULL;
    p = b->ptr;
    p[b->len] = '\0'; /* an empty buffer was never written: terminate */
    ev_buf_init(b);
    return p;
}

char *ev_strndup(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *ev_strdup(const char *s)
{
    return s ? ev_strndup(s, strlen(s)) : NULL;
}

void *ev_vec_grow_(void **v, size_t *cap, size_t n, size_t elem)
{
    size_t ncap = *cap ? *cap * 2 : 8;
    void *p;
    if (n < *cap)
        return *v;
    if (ncap > SIZE_MAX / elem)
        return NULL;
    p = realloc(*v, ncap * elem);
    if (!p)
        return NULL;
    *v = p;
    *cap = ncap;
    return p;
}

void *ev_vec_zero_(void *p, size_t elem)
{
    return memset(p, 0, elem);
}

/* Length of the valid UTF-8 sequence at s, or 0 when invalid (rejects
 * overlongs, surrogates and code points above U+10FFFF). */
static size_t utf8_seq(const unsigned char *s, size_t len)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return (len >= 2 && (s[1] & 0xC0) == 0x80) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (len < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && s[1] < 0xA0)
            return 0;
        if (c == 0xED && s[1] >= 0xA0)
            return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (len < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
            (s[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && s[1] < 0x90)
            return 0;
        if (c == 0xF4 && s[1] >= 0x90)
            return 0;
        return 4;
    }
    return 0;
}

size_t ev_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        size_t n;
        /* fast path over ASCII, 8 bytes at a time */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (w & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        n = utf8_seq(p + i, len - i);
        if (!n)
            return i;
        i += n;
    }
    return len;
}

long ev_utf8_repair(const char *src, size_t len, ev_buf *out)
{
    long bad = 0;
    size_t i = 0;
    while (i < len) {
        size_t ok = ev_utf8_valid(src + i, len - i);
        ev_buf_add(out, src + i, ok);
        i += ok;
        if (i < len) {
            ev_buf_add(out, "\xEF\xBF\xBD", 3);
            bad++;
            i++;
        }
    }
    if (!out->ptr)
        ev_buf_grow(out, 0);
    return out->oom ? -1 : bad;
}

/* Length of the white-space character at t[p], or 0. */
static size_t space_len(const unsigned char *t, size_t len, size_t p)
{
    if (t[p] == ' ' || t[p] == '\t' || t[p] == '\n' || t[p] == '\r')
        return 1;
    if (t[p] == 0xC2 && p + 1 < len && t[p + 1] == 0xA0)
        return 2;
    if (t[p] == 0xE2 && p + 2 < len && t[p + 1] == 0x80 &&
        ((t[p + 2] >= 0x80 && t[p + 2] <= 0x8A) || t[p + 2] == 0xAF))
        return 3;
    return 0;
}

/* Whether a lead byte b (0xC2 or 0xE2) in t[0..len) starts a space. */
static int has_space_at(const unsigned char *t, size_t len, unsigned char b)
{
    const unsigned char *p = t, *end = t + len;
    while ((p = memchr(p, b, (size_t)(end - p))) != NULL) {
        if (space_len(t, len, (size_t)(p - t)))
            return 1;
        p++;
    }
    return 0;
}

/* Whether t[0..len) has two ASCII spaces in a row: eight bytes at a
 * step, each space byte marked by its top bit (on little-endian
 * machines; byte by byte elsewhere). */
static int has_double_space(const unsigned char *t, size_t len)
{
    size_t i = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t spaces = 0x2020202020202020ULL;
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;
    uint64_t before = 0; /* top bit set: the byte before i is a space */
    for (; i + 8 <= len; i += 8) {
        uint64_t w, x, m;
        memcpy(&w, t + i, 8);
        x = w ^ spaces; /* a space byte is 0 here */
        m = ~(((x & low7) + low7) | x | low7);
        if ((m & (m >> 8)) || (before && (m & 0x80)))
            return 1;
        before = m >> 63;
    }
#endif
    for (; i < len; i++)
        if (t[i] == ' ' && i > 0 && t[i - 1] == ' ')
            return 1;
    return 0;
}

/* Whether text is already collapsed: its only white space is single
 * ASCII spaces between words, as in most sentences. Each test scans
 * many bytes at a time (memchr, has_double_space). */
static int is_collapsed(const unsigned char *t, size_t len)
{
    if (!len)
        return 1;
    if (t[0] == ' ' || t[len - 1] == ' ')
        return 0;
    if (memchr(t, '\n', len) || memchr(t, '\t', len) || memchr(t, '\r', len))
        return 0;
    if (has_space_at(t, len, 0xC2) || has_space_at(t, len, 0xE2))
        return 0;
    return !has_double_space(t, len);
}

int ev_text_collapse(ev_buf *out, const char *text, size_t len)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t i = 0;
    char *o, *start;
    int sp = 0;
    /* never longer than the text: room once, then byte by byte (a
     * sentence is collapsed for every claim read), or in one copy */
    if (ev_buf_grow(out, len))
        return EV_ENOMEM;
    if (is_collapsed(t, len)) {
        memcpy(out->ptr + out->len, text, len);
        out->len += len;
        out->ptr[out->len] = '\0';
        return 0;
    }
    start = o = out->ptr + out->len;
    while (i < len) {
        unsigned char ch = t[i];
        size_t n = ch > ' ' && ch < 0x80 ? 0 : space_len(t, len, i);
        if (n) {
            sp = 1;
            i += n;
            continue;
        }
        if (sp && o > start)
            *o++ = ' ';
        sp = 0;
        *o++ = (char)ch;
        i++;
    }
    out->len = (size_t)(o - out->ptr);
    out->ptr[out->len] = '\0';
    return 0;
}

uint64_t ev_hash64(const void *data, size_t len, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325ULL ^ seed;
    size_t i;
    for (i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}
