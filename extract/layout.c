/*
 * Layout of plain-text documents: turns the blank-line paragraphs that
 * corpus/ made into body, footnote, reference, meta and noise blocks.
 *
 * Footnotes follow the PDF-extraction model: a footnote starts at a line
 * "N<en space>" or "N<two spaces>" whose N is the next footnote number of
 * the document (they run 1, 2, 3, ...); wrapped lines are joined, URLs
 * broken at a line end are glued, a footnote cut by a page break goes on
 * in the lines just before the next footnote, body text that resumes
 * after a page break starts with a space, and the URL dumps the extraction
 * puts after a page's footnotes are noise whose URLs confirm the notes'.
 * Reference lists start at a "References"-like heading, or are found as a
 * run of author-year entries. Everything is one pass over the lines.
 */
#include "cites_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct seg {
    size_t s, e;
    int kind;
    int note; /* footnote index, or -1 */
} seg;

typedef struct part {
    int note;
    size_t s, e;
    size_t order;
} part;

typedef struct lay {
    const char *t;
    ev_doc *doc;
    EV_VEC(seg) segs;
    EV_VEC(part) parts;
    int next_fn;  /* number the next footnote must have */
    int cur;      /* note being filled, or -1 */
    int page_first; /* first note since the last URL dump */
    EV_VEC(unsigned char) dirty; /* note got parts since its text was built */
} lay;

/* Trimmed bounds of the line starting at s (ending before \n or end). */
static size_t line_end(const char *t, size_t s, size_t end)
{
    const char *nl = memchr(t + s, '\n', end - s);
    return nl ? (size_t)(nl - t) : end;
}

static size_t rtrim(const char *t, size_t s, size_t e)
{
    while (e > s && isspace((unsigned char)t[e - 1]))
        e--;
    return e;
}

static size_t ltrim(const char *t, size_t s, size_t e)
{
    while (s < e) {
        size_t n = ev_cites__space_len(t + s, e - s);
        if (!n)
            break;
        s += n;
    }
    return s;
}

/*
 * A footnote start "N<en space>text" or "N  text" at t[s..e): returns N
 * (1..9999) or 0.
 */
static int fn_start(const char *t, size_t s, size_t e)
{
    size_t i = s, d;
    int n = 0, en = 0, sp = 0;
    while (i < e && isdigit((unsigned char)t[i]) && i - s < 4) {
        n = n * 10 + (t[i] - '0');
        i++;
    }
    if (i == s || t[s] == '0' || (i < e && isdigit((unsigned char)t[i])))
        return 0;
    d = i;
    while (i < e) {
        if (e - i >= 3 && (unsigned char)t[i] == 0xE2 &&
            (unsigned char)t[i + 1] == 0x80 && (unsigned char)t[i + 2] == 0x82) {
            en = 1;
            i += 3;
        } else if (t[i] == ' ' || t[i] == '\t') {
            sp += t[i] == '\t' ? 2 : 1;
            i++;
        } else {
            break;
        }
    }
    if (i >= e || i == d || isdigit((unsigned char)t[i]))
        return 0;
    if (en)
        return n;
    if (sp < 2)
        return 0;
    /* two spaces: not a table row (cells split by two spaces) */
    {
        size_t k;
        for (k = i; k + 1 < e; k++)
            if (t[k] == ' ' && t[k + 1] == ' ')
                return 0;
    }
    return n;
}

static int url_only_line(const char *t, size_t s, size_t e)
{
    size_t k;
    s = ltrim(t, s, e);
    if (e - s < 8 || strncmp(t + s, "http", 4) != 0 ||
        (strncmp(t + s, "http://", 7) != 0 && strncmp(t + s, "https://", 8) != 0))
        return 0;
    for (k = s; k < e; k++)
        if (isspace((unsigned char)t[k]))
            return 0;
    return 1;
}

static size_t utf8_count(const char *t, size_t s, size_t e)
{
    size_t n = 0;
    for (; s < e; s++)
        if (((unsigned char)t[s] & 0xC0) != 0x80)
            n++;
    return n;
}

static int push_seg(lay *L, size_t s, size_t e, int kind, int note)
{
    seg *g;
    s = ltrim(L->t, s, e);
    e = rtrim(L->t, s, e);
    if (e <= s)
        return 0;
    /* extend the previous segment when it is of the same kind and note */
    if (L->segs.n) {
        g = &L->segs.v[L->segs.n - 1];
        if (g->kind == kind && g->note == note && g->e <= s) {
            const char *gap = L->t + g->e;
            size_t k, nl = 0;
            for (k = 0; k < s - g->e; k++)
                nl += gap[k] == '\n';
            if (nl <= 1) {
                g->e = e;
                return 0;
            }
        }
    }
    g = ev_vec_push(&L->segs);
    if (!g)
        return EV_ENOMEM;
    g->s = s;
    g->e = e;
    g->kind = kind;
    g->note = note;
    return 0;
}

static int push_part(lay *L, int note, size_t s, size_t e)
{
    part *p = ev_vec_push(&L->parts);
    if (!p)
        return EV_ENOMEM;
    p->note = note;
    p->s = s;
    p->e = e;
    p->order = L->parts.n;
    while (L->dirty.n <= (size_t)note)
        if (!ev_vec_push(&L->dirty))
            return EV_ENOMEM;
    L->dirty.v[note] = 1;
    return 0;
}

/* Builds note k's cleaned text and URLs from its parts (contiguous in
 * L->parts, which is ordered by note because notes only open forward). */
static int build_note(lay *L, int k)
{
    ev_note *nt = &L->doc->notes.v[k];
    ev_buf b = EV_BUF_INIT;
    size_t lo = 0, hi = L->parts.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (L->parts.v[mid].note < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < L->parts.n && L->parts.v[lo].note == k; lo++) {
        const part *p = &L->parts.v[lo];
        if (ev_cites__join_lines(&b, L->t + p->s, p->e - p->s))
            break;
    }
    if (b.oom || (!b.ptr && ev_buf_puts(&b, ""))) {
        ev_buf_release(&b);
        return EV_ENOMEM;
    }
    free(nt->text);
    nt->text = ev_buf_detach(&b);
    ev_buf_release(&b);
    ev_strvec_release(&nt->urls);
    if (!nt->text || ev_cites__urls(&nt->urls, nt->text, strlen(nt->text)))
        return EV_ENOMEM;
    L->dirty.v[k] = 0;
    return 0;
}

static int build_dirty(lay *L, size_t from)
{
    size_t k;
    for (k = from; k < L->dirty.n; k++)
        if (L->dirty.v[k] && build_note(L, (int)k))
            return EV_ENOMEM;
    return 0;
}

static int new_note(lay *L, int num, size_t s)
{
    ev_note *n = ev_vec_push(&L->doc->notes);
    char lab[16];
    int k = 0, v = num;
    char tmp[16];
    if (!n)
        return -1;
    do {
        tmp[k++] = (char)('0' + v % 10);
        v /= 10;
    } while (v && k < 15);
    for (v = 0; v < k; v++)
        lab[v] = tmp[k - 1 - v];
    lab[k] = 0;
    n->label = ev_strdup(lab);
    if (!n->label)
        return -1;
    n->start = s;
    n->end = s;
    return (int)(L->doc->notes.n - 1);
}

/* Is the note's text so far complete (ends like a sentence)? */
static int note_closed(const lay *L, int note)
{
    size_t i;
    for (i = L->parts.n; i > 0; i--) {
        const part *p = &L->parts.v[i - 1];
        if (p->note == note) {
            size_t e = rtrim(L->t, p->s, p->e);
            unsigned char c;
            if (e == p->s)
                return 1;
            c = (unsigned char)L->t[e - 1];
            if (c == '.' || c == ')' || c == '?' || c == '!' || c == '"')
                return 1;
            /* closing curly quotes */
            if (e >= 3 && (unsigned char)L->t[e - 3] == 0xE2 &&
                (c == 0x9D || c == 0x99))
                return 1;
            return 0;
        }
    }
    return 1;
}

/* Appends the footnote line t[s..e) (starting a note if fn_num). */
static int fn_line(lay *L, size_t s, size_t e, int fn_num)
{
    if (fn_num) {
        int idx = new_note(L, fn_num, s);
        if (idx < 0)
            return EV_ENOMEM;
        L->cur = idx;
        L->next_fn = fn_num + 1;
        /* the note's text starts after "N<spaces>" */
        while (s < e && isdigit((unsigned char)L->t[s]))
            s++;
        s = ltrim(L->t, s, e);
        L->doc->notes.v[idx].end = e;
    } else if (L->cur >= 0) {
        ev_note *nt = &L->doc->notes.v[L->cur];
        if (s >= nt->end && s - nt->end <= 2)
            nt->end = e;
    }
    if (L->cur < 0)
        return push_seg(L, s, e, EV_BLK_PARA, -1);
    if (push_seg(L, s, e, EV_BLK_FOOTNOTE, L->cur))
        return EV_ENOMEM;
    return push_part(L, L->cur, s, e);
}

/* Is the glued marker of footnote 1 somewhere in t[0..upto)? */
static int marker_one_before(const char *t, size_t upto)
{
    size_t i;
    for (i = 1; i + 1 < upto; i++) {
        unsigned char p = (unsigned char)t[i - 1];
        if (t[i] != '1' || isdigit((unsigned char)t[i + 1]) ||
            isalpha((unsigned char)t[i + 1]))
            continue;
        if (islower(p) || p == '.' || p == ',' || p == ';' || p == ')' ||
            p == ':' || p == '"' || p == 0x9D || p == 0x99)
            return 1;
    }
    return 0;
}

/* Is this block the cover sidebar one glyph a line? (all lines tiny) */
static int tiny_block(const char *t, size_t s, size_t e)
{
    size_t p = s;
    int lines = 0;
    while (p < e) {
        size_t le = line_end(t, p, e);
        size_t a = ltrim(t, p, le), z = rtrim(t, p, le);
        if (utf8_count(t, a, z) > 3)
            return 0;
        lines++;
        p = le + 1;
    }
    return lines > 0 && lines <= 4;
}

static int number_only(const char *t, size_t s, size_t e)
{
    size_t k, n = 0;
    s = ltrim(t, s, e);
    e = rtrim(t, s, e);
    for (k = s; k < e; k++, n++)
        if (!isdigit((unsigned char)t[k]))
            return 0;
    return n > 0 && n <= 4;
}

/* Attaches the URLs of a dump block to the notes of its page. */
static int attach_dump(lay *L, size_t s, size_t e)
{
    ev_doc *doc = L->doc;
    size_t p = s, n_urls = 0;
    int from = L->page_first > 0 ? L->page_first - 1 : 0;
    if (from < (int)doc->notes.n - 64)
        from = (int)doc->notes.n - 64;
    if (from < 0)
        from = 0;
    if (build_dirty(L, (size_t)from))
        return EV_ENOMEM;
    while (p < e && n_urls < 4096) {
        size_t le = line_end(L->t, p, e);
        size_t a = ltrim(L->t, p, le), z = rtrim(L->t, a, le);
        int k;
        n_urls++;
        while (z > a && strchr(".,;", L->t[z - 1]))
            z--;
        for (k = from; k < (int)doc->notes.n && z > a; k++) {
            ev_note *nt = &doc->notes.v[k];
            size_t j, found = 0;
            if (!nt->text || !nt->text[0])
                continue;
            /* the note's text without white space holds the URL? */
            {
                const char *x = nt->text;
                size_t xl = strlen(x), q, m = 0;
                for (q = 0; q < xl && !found; q++) {
                    size_t r = q, u = a;
                    if (x[q] != L->t[a])
                        continue;
                    while (r < xl && u < z) {
                        if (x[r] == ' ') {
                            r++;
                            continue;
                        }
                        if (x[r] != L->t[u])
                            break;
                        r++;
                        u++;
                    }
                    if (u == z)
                        found = 1;
                    if (++m > 64)
                        break;
                }
            }
            if (!found)
                continue;
            for (j = 0; j < nt->urls.n; j++) {
                size_t ul = strlen(nt->urls.v[j]);
                if (ul == z - a && memcmp(nt->urls.v[j], L->t + a, ul) == 0)
                    break;
                if (ul < z - a && memcmp(nt->urls.v[j], L->t + a, ul) == 0) {
                    /* a prefix cut at a line end: the dump has it whole */
                    char *u2 = ev_strndup(L->t + a, z - a);
                    if (!u2)
                        return EV_ENOMEM;
                    free(nt->urls.v[j]);
                    nt->urls.v[j] = u2;
                    break;
                }
            }
            if (j == nt->urls.n && ev_strvec_push(&nt->urls, L->t + a, z - a))
                return EV_ENOMEM;
            break;
        }
        p = le + 1;
    }
    return 0;
}

/* Does the open note's last line lead into a URL ("July 2017, ")? */
static int url_continues_note(const lay *L)
{
    const part *p;
    size_t e;
    if (!L->parts.n || L->cur < 0)
        return 0;
    p = &L->parts.v[L->parts.n - 1];
    if (p->note != L->cur)
        return 0;
    e = rtrim(L->t, p->s, p->e);
    return e > p->s && strchr(",;:", L->t[e - 1]) != NULL;
}

/*
 * One original block: footnote lines, page-break tails, body that
 * resumes after the footnotes, the author's "* " note.
 */
static int do_block(lay *L, size_t bs, size_t be, int next_starts_fn)
{
    const char *t = L->t;
    size_t p = bs, body_from = bs;
    int mode = 0; /* 0 body, 1 in footnote */
    int any_fn = 0;
    size_t first_fn_line = (size_t)-1;

    /* find the first footnote-start line of the block */
    {
        size_t q = bs;
        while (q < be) {
            size_t le = line_end(t, q, be);
            int n = fn_start(t, q, rtrim(t, q, le));
            if (n && n == L->next_fn &&
                (n != 1 || marker_one_before(t, bs))) {
                first_fn_line = q;
                break;
            }
            q = le + 1;
        }
    }

    /* a URL dump glued before the body that resumes after a page break */
    if (first_fn_line == (size_t)-1 && url_only_line(t, bs, rtrim(t, bs,
                                                     line_end(t, bs, be)))) {
        size_t q = bs;
        while (q < be) {
            size_t le = line_end(t, q, be);
            if (!url_only_line(t, q, rtrim(t, q, le)))
                break;
            q = le + 1;
        }
        if (q < be) {
            if (push_seg(L, bs, q, EV_BLK_NOISE, -1) || attach_dump(L, bs, q))
                return EV_ENOMEM;
            L->page_first = (int)L->doc->notes.n;
            p = body_from = q;
        }
    }

    /* lines before the first footnote start: a page-broken note's tail? */
    if (first_fn_line != (size_t)-1 && first_fn_line > bs && L->cur >= 0 &&
        !note_closed(L, L->cur)) {
        size_t q = bs;
        while (q < first_fn_line) {
            size_t le = line_end(t, q, be);
            if (fn_line(L, q, rtrim(t, q, le), 0))
                return EV_ENOMEM;
            q = le + 1;
        }
        p = body_from = first_fn_line;
    } else if (first_fn_line == (size_t)-1 && next_starts_fn && L->cur >= 0 &&
               p == bs && !note_closed(L, L->cur) && t[bs] != ' ') {
        /* a tail alone in its block, right before the next footnotes */
        size_t q = bs;
        int lines = 0;
        while (q < be && lines < 4) {
            q = line_end(t, q, be) + 1;
            lines++;
        }
        if (q >= be) {
            q = bs;
            while (q < be) {
                size_t le = line_end(t, q, be);
                if (fn_line(L, q, rtrim(t, q, le), 0))
                    return EV_ENOMEM;
                q = le + 1;
            }
            return 0;
        }
    }

    /* the author note "* Name is ..." up to the body's page resumption */
    if (first_fn_line == (size_t)-1 && t[bs] == '*' && be - bs > 2 &&
        t[bs + 1] == ' ' && isupper((unsigned char)t[bs + 2])) {
        size_t q = bs;
        while (q < be) {
            size_t le = line_end(t, q, be);
            if (q > bs && t[q] == ' ' && q + 1 < le && t[q + 1] != ' ') {
                if (push_seg(L, bs, q, EV_BLK_META, -1))
                    return EV_ENOMEM;
                p = body_from = q;
                break;
            }
            q = le + 1;
        }
    }

    while (p < be) {
        size_t le = line_end(t, p, be), ze = rtrim(t, p, le);
        int n = (first_fn_line != (size_t)-1 && p >= first_fn_line)
                    ? fn_start(t, p, ze)
                    : 0;
        if (n && n == L->next_fn) {
            if (mode == 0 && p > body_from &&
                push_seg(L, body_from, p, EV_BLK_PARA, -1))
                return EV_ENOMEM;
            if (fn_line(L, p, ze, n))
                return EV_ENOMEM;
            mode = 1;
            any_fn = 1;
        } else if (mode == 1) {
            if (url_only_line(t, p, ze) && !url_continues_note(L)) {
                if (push_seg(L, p, ze, EV_BLK_NOISE, -1) ||
                    attach_dump(L, p, ze))
                    return EV_ENOMEM;
            } else if (t[p] == ' ' && p + 1 < ze && t[p + 1] != ' ') {
                /* body resumes after the page break */
                mode = 0;
                body_from = p;
            } else if (fn_line(L, p, ze, 0)) {
                return EV_ENOMEM;
            }
        }
        p = le + 1;
    }
    if (mode == 0 && body_from < be &&
        push_seg(L, body_from, be, EV_BLK_PARA, -1))
        return EV_ENOMEM;
    (void)any_fn;
    return 0;
}

/* ---- reference lists ---------------------------------------------- */

static int heading_word(const char *s, size_t n)
{
    static const char *const names[] = {
        "references", "bibliography", "works cited", "sources",
        "literature cited", "reference list", "cited literature",
        "references and notes", "literature", "cited works", NULL};
    size_t k;
    /* "7. References", "References:" */
    while (n && (isdigit((unsigned char)*s) || *s == '.' || *s == ' ')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ':' || s[n - 1] == ' '))
        n--;
    for (k = 0; names[k]; k++) {
        size_t m = strlen(names[k]), i;
        if (m != n)
            continue;
        for (i = 0; i < n; i++)
            if (tolower((unsigned char)s[i]) != names[k][i])
                break;
        if (i == n)
            return 1;
    }
    return 0;
}

/* Does the text look like the start of a bibliography entry? */
static int entry_start(const char *s, size_t n)
{
    size_t i, lim = n < 600 ? n : 600, a = 0;
    if (!n)
        return 0;
    /* numbered: "12. ", "[12] " */
    if (s[0] == '[')
        a = 1;
    i = a;
    while (i < n && isdigit((unsigned char)s[i]) && i - a < 7)
        i++;
    if (i > a && i + 1 < n && (s[i] == '.' || s[i] == ']') && s[i + 1] == ' ')
        a = i + 2;
    else
        a = 0;
    if (a >= n)
        return 0;
    if (!(isupper((unsigned char)s[a]) || (unsigned char)s[a] >= 0xC0 ||
          s[a] == '"'))
        return 0;
    for (i = a; i + 4 < lim; i++) {
        if (s[i] == '(' && isdigit((unsigned char)s[i + 1])) {
            char suf;
            size_t pos;
            if (ev_cites__find_year(s + i + 1, n - i - 1 < 6 ? n - i - 1 : 6,
                                    0, &suf, &pos) &&
                pos == 0)
                return 1;
        }
        if (i + 7 < lim && strncmp(s + i, " no date", 8) == 0)
            return 1;
        if (s[i] == '(' && i + 5 < n && strncmp(s + i, "(n.d.)", 6) == 0)
            return 1;
        if (s[i] == '.' && (s[i + 1] == ' ' || s[i + 1] == '\n') && i + 6 < n &&
            isdigit((unsigned char)s[i + 2])) {
            char suf;
            size_t pos;
            int y = ev_cites__find_year(s + i + 2, 5, 0, &suf, &pos);
            size_t after = i + 6 + (suf ? 1 : 0);
            if (y && pos == 0 && after < n && s[after] == '.')
                return 1;
        }
    }
    return 0;
}

/* Does the text start with a list label "12. " or "[12] "? */
static int numbered_label(const char *s, size_t n)
{
    size_t i = 0, a;
    if (n && s[0] == '[')
        i = 1;
    a = i;
    while (i < n && isdigit((unsigned char)s[i]) && i - a < 7)
        i++;
    return i > a && i + 1 < n && (s[i] == '.' || s[i] == ']') &&
           (s[i + 1] == ' ' || s[i + 1] == '\n');
}

static int add_ref_entry(ev_doc *doc, lay *L, const size_t *idx, size_t n_idx)
{
    ev_buf b = EV_BUF_INIT;
    ev_ref *r;
    size_t k;
    int ri;
    for (k = 0; k < n_idx; k++) {
        const seg *g = &L->segs.v[idx[k]];
        if (ev_cites__join_lines(&b, L->t + g->s, g->e - g->s))
            break;
    }
    r = ev_vec_push(&doc->refs);
    if (b.oom || !r) {
        ev_buf_release(&b);
        return EV_ENOMEM;
    }
    ri = (int)doc->refs.n - 1;
    r->note = -1;
    r->text = ev_buf_detach(&b);
    ev_buf_release(&b);
    if (!r->text)
        return EV_ENOMEM;
    r->start = L->segs.v[idx[0]].s;
    r->end = L->segs.v[idx[0]].e;
    for (k = 0; k < n_idx; k++) {
        L->segs.v[idx[k]].kind = EV_BLK_REFERENCE;
        L->segs.v[idx[k]].note = -2 - ri; /* ref index, decoded later */
    }
    return ev_cites__parse_ref(r, 0);
}

static int seg_lines(const lay *L, const seg *g)
{
    size_t k;
    int n = 1;
    for (k = g->s; k < g->e; k++)
        n += L->t[k] == '\n';
    return n;
}

/* Splits a segment holding several entries, one a line. */
static int split_entry_lines(lay *L, size_t si)
{
    seg g = L->segs.v[si];
    size_t p = g.s, n_lines = 0, n_start = 0;
    if (seg_lines(L, &g) < 3)
        return 0;
    while (p < g.e) {
        size_t le = line_end(L->t, p, g.e);
        n_lines++;
        n_start += entry_start(L->t + p, le - p) != 0;
        p = le + 1;
    }
    if (n_start != n_lines)
        return 0;
    /* replace the segment by one per line */
    {
        size_t extra = n_lines - 1, i;
        for (i = 0; i < extra; i++)
            if (!ev_vec_push(&L->segs))
                return EV_ENOMEM;
        memmove(&L->segs.v[si + n_lines], &L->segs.v[si + 1],
                (L->segs.n - extra - si - 1) * sizeof(seg));
        p = g.s;
        for (i = 0; i < n_lines; i++) {
            size_t le = line_end(L->t, p, g.e);
            L->segs.v[si + i] = g;
            L->segs.v[si + i].s = p;
            L->segs.v[si + i].e = rtrim(L->t, p, le);
            p = le + 1;
        }
    }
    return 0;
}

static int find_references(ev_doc *doc, lay *L)
{
    size_t i, start = (size_t)-1, stop;
    size_t *idx = NULL;
    int rc = 0, headed = 0;
    for (i = 0; i < L->segs.n; i++) {
        const seg *g = &L->segs.v[i];
        if (g->kind == EV_BLK_PARA && g->e - g->s < 40 &&
            !memchr(L->t + g->s, '\n', g->e - g->s) &&
            heading_word(L->t + g->s, g->e - g->s))
            start = i + 1;
    }
    if (start != (size_t)-1) {
        headed = 1;
        L->segs.v[start - 1].kind = EV_BLK_HEADING;
    } else {
        /* no heading: the first run of >= 3 entry starts */
        size_t run_s = 0, n_st = 0, n_cont = 0;
        for (i = 0; i < L->segs.n; i++) {
            const seg *g = &L->segs.v[i];
            int st = g->kind == EV_BLK_PARA &&
                     entry_start(L->t + g->s, g->e - g->s);
            if (st) {
                if (!n_st)
                    run_s = i;
                n_st++;
            } else if (n_st && g->kind == EV_BLK_PARA && g->e - g->s < 400 &&
                       (i + 1 == L->segs.n ||
                        entry_start(L->t + L->segs.v[i + 1].s,
                                    L->segs.v[i + 1].e - L->segs.v[i + 1].s))) {
                n_cont++;
            } else if (g->kind == EV_BLK_NOISE || g->kind == EV_BLK_FOOTNOTE) {
                continue;
            } else {
                if (n_st >= 3 && n_st >= 2 * n_cont)
                    break;
                n_st = n_cont = 0;
            }
        }
        if (n_st >= 3 && n_st >= 2 * n_cont)
            start = run_s;
    }
    if (start == (size_t)-1)
        return 0;
    for (i = start; i < L->segs.n; i++)
        if (L->segs.v[i].kind == EV_BLK_PARA &&
            (rc = split_entry_lines(L, i)) != 0)
            return rc;
    idx = malloc(sizeof(size_t) * 64);
    if (!idx)
        return EV_ENOMEM;
    stop = L->segs.n;
    i = start;
    while (i < stop) {
        seg *g = &L->segs.v[i];
        size_t n_idx = 0, j;
        if (g->kind != EV_BLK_PARA) {
            i++;
            continue;
        }
        /* a short heading-like line ends the list */
        if (!entry_start(L->t + g->s, g->e - g->s) &&
            !numbered_label(L->t + g->s, g->e - g->s) && g->e - g->s < 60 &&
            !memchr(L->t + g->s, '\n', g->e - g->s) &&
            L->t[g->e - 1] != '.' && !memchr(L->t + g->s, '(', g->e - g->s) &&
            i > start && !ev_cites__find_year(L->t + g->s, g->e - g->s, 0,
                                              &(char){0}, &(size_t){0}))
            break;
        idx[n_idx++] = i;
        /* short non-entry blocks after it continue the entry */
        for (j = i + 1; j < stop && n_idx < 64; j++) {
            const seg *h = &L->segs.v[j];
            if (h->kind == EV_BLK_NOISE)
                continue;
            if (h->kind != EV_BLK_PARA ||
                entry_start(L->t + h->s, h->e - h->s) || h->e - h->s >= 400 ||
                numbered_label(L->t + h->s, h->e - h->s))
                break;
            /* under a heading, an entry that ended with a period is whole */
            if (headed) {
                const seg *pv = &L->segs.v[idx[n_idx - 1]];
                if (L->t[pv->e - 1] == '.')
                    break;
            }
            idx[n_idx++] = j;
        }
        if ((rc = add_ref_entry(doc, L, idx, n_idx)) != 0)
            break;
        i = idx[n_idx - 1] + 1;
    }
    free(idx);
    return rc;
}

/* Resolves "Ibid." and "..., cit." footnote sources to earlier notes. */
static void resolve_back_refs(ev_doc *doc, size_t first_ref)
{
    size_t i;
    for (i = first_ref; i < doc->refs.n; i++) {
        ev_ref *r = &doc->refs.v[i];
        const char *tx = r->text, *cit;
        if (r->note < 0 || !tx)
            continue;
        if (strncmp(tx, "Ibid", 4) == 0 || strncmp(tx, "ibid", 4) == 0) {
            if (i > first_ref && doc->refs.v[i - 1].note >= 0) {
                const ev_ref *pr = &doc->refs.v[i - 1];
                if (pr->year)
                    r->year = pr->year;
            }
            continue;
        }
        cit = strstr(tx, ", cit.");
        if (!cit)
            cit = strstr(tx, ", op. cit.");
        if (cit && cit - tx > 3) {
            /* the cited title is the text before "cit."; find it earlier */
            size_t n = (size_t)(cit - tx), j;
            const char *key = tx;
            size_t kl = n;
            for (j = i; j-- > first_ref;) {
                const ev_ref *pr = &doc->refs.v[j];
                const char *hit;
                char *k2;
                if (pr->note < 0 || !pr->text)
                    continue;
                k2 = ev_strndup(key, kl);
                if (!k2)
                    return;
                hit = strstr(pr->text, k2);
                if (!hit && strchr(k2, ',')) {
                    /* drop the author: "Surname, Title" -> "Title" */
                    const char *c = strchr(k2, ',') + 1;
                    while (*c == ' ')
                        c++;
                    if (strlen(c) > 8)
                        hit = strstr(pr->text, c);
                }
                free(k2);
                if (hit) {
                    char suf;
                    size_t pos;
                    const char *h_end = hit + strlen(hit);
                    int y = ev_cites__find_year(hit, (size_t)(h_end - hit), 1,
                                                &suf, &pos);
                    if (y)
                        r->year = y;
                    else if (pr->year)
                        r->year = pr->year;
                    break;
                }
            }
        }
    }
}

int ev_extract_layout(const ev_extractor *ex, ev_doc *doc, ev_err *err)
{
    lay L;
    size_t i, n_blocks, first_note, first_ref;
    int rc = 0;
    unsigned char *tiny = NULL;
    ev_lines lines = {NULL, 0};
    (void)ex;
    if (doc->format != EV_FMT_TEXT || !doc->text)
        return 0;
    memset(&L, 0, sizeof(L));
    L.t = doc->text;
    L.doc = doc;
    L.next_fn = 1;
    L.cur = -1;
    first_note = doc->notes.n;
    first_ref = doc->refs.n;
    L.page_first = (int)first_note;
    n_blocks = doc->blocks.n;
    tiny = calloc(n_blocks + 1, 1);
    if (!tiny) {
        rc = EV_ENOMEM;
        goto done;
    }
    for (i = 0; i < n_blocks; i++)
        tiny[i] = (unsigned char)tiny_block(L.t, doc->blocks.v[i].start,
                                            doc->blocks.v[i].end);
    for (i = 0; i < n_blocks; i++) {
        const ev_block *b = &doc->blocks.v[i];
        size_t s = b->start, e = b->end, q;
        int all_urls = 1;
        /* runs of one-glyph lines (a sidebar), page numbers */
        if (tiny[i]) {
            size_t a = i, z = i;
            while (a > 0 && tiny[a - 1])
                a--;
            while (z + 1 < n_blocks && tiny[z + 1])
                z++;
            if (z - a + 1 >= 3 || number_only(L.t, s, e)) {
                if ((rc = push_seg(&L, s, e, EV_BLK_NOISE, -1)) != 0)
                    goto done;
                continue;
            }
        }
        for (q = s; q < e;) {
            size_t le = line_end(L.t, q, e);
            if (!url_only_line(L.t, q, rtrim(L.t, q, le))) {
                all_urls = 0;
                break;
            }
            q = le + 1;
        }
        if (all_urls) {
            if ((rc = push_seg(&L, s, e, EV_BLK_NOISE, -1)) != 0 ||
                (rc = attach_dump(&L, s, e)) != 0)
                goto done;
            L.page_first = (int)doc->notes.n;
            continue;
        }
        {
            int nx = 0;
            if (i + 1 < n_blocks) {
                const ev_block *b2 = &doc->blocks.v[i + 1];
                size_t le = line_end(L.t, b2->start, b2->end);
                nx = fn_start(L.t, b2->start, rtrim(L.t, b2->start, le)) ==
                     L.next_fn;
            }
            if ((rc = do_block(&L, s, e, nx)) != 0)
                goto done;
        }
    }
    if ((rc = build_dirty(&L, first_note)) != 0)
        goto done;
    if ((rc = find_references(doc, &L)) != 0)
        goto done;
    /* every footnote is also a reference (its source) */
    for (i = first_note; i < doc->notes.n; i++) {
        ev_note *nt = &doc->notes.v[i];
        ev_ref *r = ev_vec_push(&doc->refs);
        size_t k;
        if (!r) {
            rc = EV_ENOMEM;
            goto done;
        }
        r->note = (int)i;
        r->start = nt->start;
        r->end = nt->end;
        r->label = ev_strdup(nt->label);
        r->text = ev_strdup(nt->text ? nt->text : "");
        if (!r->label || !r->text || ev_cites__parse_ref(r, 1)) {
            rc = EV_ENOMEM;
            goto done;
        }
        /* the note's URLs (confirmed by dumps) replace the parsed ones */
        ev_strvec_release(&r->urls);
        for (k = 0; k < nt->urls.n; k++)
            if (ev_strvec_push(&r->urls, nt->urls.v[k],
                               strlen(nt->urls.v[k]))) {
                rc = EV_ENOMEM;
                goto done;
            }
    }
    resolve_back_refs(doc, first_ref);
    /* replace the blocks */
    if ((rc = ev_lines_build(&lines, L.t, doc->text_len)) != 0)
        goto done;
    for (i = 0; i < doc->blocks.n; i++)
        ev_block_release(&doc->blocks.v[i]);
    doc->blocks.n = 0;
    for (i = 0; i < L.segs.n; i++) {
        const seg *g = &L.segs.v[i];
        ev_block *b = ev_vec_push(&doc->blocks);
        if (!b) {
            rc = EV_ENOMEM;
            goto done;
        }
        b->start = g->s;
        b->end = g->e;
        b->kind = g->kind;
        b->note = g->kind == EV_BLK_FOOTNOTE ? g->note : -1;
        b->ref = g->kind == EV_BLK_REFERENCE ? -2 - g->note : -1;
        b->line = ev_lines_find(&lines, g->s);
    }
    /* a footnote block's ref: the note's source */
    for (i = first_ref; i < doc->refs.n; i++) {
        const ev_ref *r = &doc->refs.v[i];
        size_t k;
        if (r->note < 0)
            continue;
        for (k = 0; k < doc->blocks.n; k++)
            if (doc->blocks.v[k].kind == EV_BLK_FOOTNOTE &&
                doc->blocks.v[k].note == r->note)
                doc->blocks.v[k].ref = (int)i;
    }
done:
    if (rc == EV_ENOMEM)
        ev_err_set(err, rc, "out of memory");
    ev_lines_release(&lines);
    free(tiny);
    free(L.segs.v);
    free(L.parts.v);
    free(L.dirty.v);
    return rc;
}
