/*
 * The claim builder: turns the figures of a document into ev_claim
 * records (span, line, surface, interval, unit, qualifier, sentence,
 * subject, year, block, note) and links each to its citations through
 * ev_link_claim. Also the year finder and ev_figure_parse.
 *
 * Block policy: noise blocks yield nothing; blocks that are one glyph per
 * line (a PDF sidebar) yield nothing; reference entries (and paragraphs
 * that read like one) yield only figures with a unit or a counted noun,
 * never bare numbers, which there are volumes, pages and issue numbers.
 */
#include "extract_int.h"
#include "numbers_lex.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One glyph per line: most lines of the block hold at most 3 visible
 * bytes (the vertical sidebar of a PDF cover). */
static int garbled(const char *t, size_t len)
{
    size_t i = 0, lines = 0, short_lines = 0;
    while (i < len) {
        size_t j = i, vis = 0;
        while (j < len && t[j] != '\n') {
            if (t[j] != ' ' && t[j] != '\t' && t[j] != '\r' &&
                ((unsigned char)t[j] & 0xC0) != 0x80)
                vis++;
            j++;
        }
        if (vis) {
            lines++;
            if (vis <= 3)
                short_lines++;
        }
        i = j + 1;
    }
    return lines >= 3 && short_lines * 10 >= lines * 6;
}

/* "Surname, A. (2019). Title" or "[Access: ...]": a reference entry. */
static int reference_like(const char *t, size_t len)
{
    size_t i, lim = len < 160 ? len : 160;
    int year_paren = 0;
    if (len > 800)
        return 0; /* a whole unsplit text, not an entry */
    if (len > 0 && memmem(t, len, "[Access", 7))
        return 1;
    if (len > 0 && (memmem(t, len, "Retrieved from", 14) ||
                    memmem(t, len, "Accessed", 8) ||
                    memmem(t, len, "accessed", 8)))
        return 1;
    for (i = 0; i + 5 < lim; i++)
        if (t[i] == '(' && lx_digit((unsigned char)t[i + 1]) &&
            lx_digit((unsigned char)t[i + 2]) &&
            lx_digit((unsigned char)t[i + 3]) &&
            lx_digit((unsigned char)t[i + 4]) &&
            (t[i + 5] == ')' || lx_alpha((unsigned char)t[i + 5])))
            year_paren = 1;
    /* starts with a capitalised surname and a comma within 40 bytes */
    if (year_paren && len > 0 && lx_upper((unsigned char)t[0])) {
        const char *c = memchr(t, ',', len < 40 ? len : 40);
        const char *d = memchr(t, '.', len < 60 ? len : 60);
        if (c || d)
            return 1;
    }
    return 0;
}

/* A photo caption: a short block that carries a photo credit. */
static int caption_like(const char *t, size_t len)
{
    static const char *const CREDIT[] = {
        "Getty Images", "/Reuters", "REUTERS", "/AFP", "AFP/", "AP Photo",
        "Photo by", "Photo:", "Photograph:", "Image credit", "Photo credit",
        "/Bloomberg", "/AP", "Shutterstock", NULL};
    const char *const *c;
    if (len > 600)
        return 0;
    for (c = CREDIT; *c; c++)
        if (memmem(t, len, *c, strlen(*c)))
            return 1;
    return 0;
}

/* Collapses whitespace runs to one space, dropping them at either end
 * (the result is never longer than t[a..b)). */
static char *collapse(const char *t, size_t a, size_t b)
{
    char *o = malloc(b - a + 1), *w = o;
    size_t i;
    int sp = 0;
    if (!o)
        return NULL;
    for (i = a; i < b;) {
        size_t n = lx_hspace(t, b, i);
        if (n || t[i] == '\n' || t[i] == '\r') {
            sp = 1;
            i += n ? n : 1;
            continue;
        }
        if (sp && w > o)
            *w++ = ' ';
        sp = 0;
        *w++ = t[i++];
    }
    *w = '\0';
    return o;
}

static int year_at(const char *t, size_t len, size_t i)
{
    int y;
    if (i + 4 > len)
        return 0;
    if (!(lx_digit((unsigned char)t[i]) && lx_digit((unsigned char)t[i + 1]) &&
          lx_digit((unsigned char)t[i + 2]) &&
          lx_digit((unsigned char)t[i + 3])))
        return 0;
    if (i > 0 && (lx_digit((unsigned char)t[i - 1]) || t[i - 1] == ',' ||
                  t[i - 1] == '.' || t[i - 1] == '$'))
        return 0;
    if (i > 0 && lx_alpha((unsigned char)t[i - 1]) &&
        !(i >= 2 && (t[i - 1] == 'Y' || t[i - 1] == 'y') &&
          (t[i - 2] == 'F' || t[i - 2] == 'f')))
        return 0;
    if (i + 4 < len && (lx_alnum((unsigned char)t[i + 4]) ||
                        (t[i + 4] == ',' && i + 5 < len &&
                         lx_digit((unsigned char)t[i + 5]))))
        return 0; /* 1970s, 2,000 */
    if (i + 4 < len && (t[i + 4] == '%' || t[i + 4] == '.') &&
        i + 5 < len && lx_digit((unsigned char)t[i + 5]))
        return 0;
    y = (t[i] - '0') * 1000 + (t[i + 1] - '0') * 100 + (t[i + 2] - '0') * 10 +
        (t[i + 3] - '0');
    return y >= 1900 && y <= 2099 ? y : 0;
}

int ev_claim_year(const char *sent, size_t sent_len, size_t fig_start,
                  size_t fig_end)
{
    int years[16], n = 0, distinct = 0, first = 0, k;
    size_t pos[16], i;
    for (i = 0; i < sent_len && n < 16; i++) {
        int y;
        if (i >= fig_start && i < fig_end)
            continue;
        y = year_at(sent, sent_len, i);
        if (!y)
            continue;
        years[n] = y;
        pos[n] = i;
        n++;
        i += 3;
    }
    for (k = 0; k < n; k++) {
        int j, seen = 0;
        for (j = 0; j < k; j++)
            if (years[j] == years[k])
                seen = 1;
        if (!seen) {
            distinct++;
            if (!first)
                first = years[k];
        }
    }
    if (distinct == 1)
        return first;
    /* several years: the one written right after the figure */
    for (k = 0; k < n; k++)
        if (pos[k] >= fig_end && pos[k] - fig_end <= 24) {
            size_t a, b;
            size_t q = lx_skip_ws_back(sent, pos[k]);
            if (q >= 2 && q <= sent_len) {
                b = q;
                a = lx_word_back(sent, b);
                if (lx_eq(sent, a, b, "in") || lx_eq(sent, a, b, "fy") ||
                    lx_eq(sent, a, b, "year") || lx_eq(sent, a, b, "by"))
                    return years[k];
            }
        }
    return 0;
}

typedef struct span2 {
    size_t a, b;
} span2;

static int cmp_span(const void *x, const void *y)
{
    const span2 *p = x, *q = y;
    return p->a < q->a ? -1 : p->a > q->a;
}

/* List carry-over: "74.5 percent ... the UK 27.1, Italy 41, and South
 * Korea 40" — a bare number after a name, in a comma list, takes the unit
 * of the last percentage or amount earlier in the sentence. */
static const char *carry_unit(const char *t, size_t len,
                              const ev_quantity *qs, size_t i,
                              size_t sent_a)
{
    const ev_quantity *q = &qs[i];
    size_t a, b, r;
    size_t j;
    if (!(q->flags & EV_QF_BARE) || (q->flags & EV_QF_WORDS))
        return NULL;
    b = lx_skip_ws_back(t, q->start);
    a = lx_word_back(t, b);
    if (a == b || !lx_upper((unsigned char)t[a]))
        return NULL;
    r = lx_skip_ws(t, len, q->end);
    if (!(r >= len || t[r] == ',' || t[r] == ';' || t[r] == '.' ||
          t[r] == ')' || lx_word_at(t, len, r, "and")))
        return NULL;
    for (j = i; j-- > 0;) {
        if (qs[j].start < sent_a)
            break;
        if (qs[j].is_year)
            continue;
        if (!strcmp(qs[j].unit, "percent"))
            return "percent";
        if (!(qs[j].flags & EV_QF_BARE))
            return NULL;
    }
    return NULL;
}

static int build_claim(const ev_extractor *ex, ev_doc *doc, int bi,
                       const ev_lines *lines, const ev_quantity *q,
                       const char *unit, size_t sa, size_t sb)
{
    const ev_block *blk = &doc->blocks.v[bi];
    const char *t = doc->text;
    size_t off = blk->start;
    ev_claim *c;
    ev_buf subj = EV_BUF_INIT;
    ev_quantity rel;
    int rc;

    c = ev_vec_push(&doc->claims);
    if (!c)
        return EV_ENOMEM;
    c->start = off + q->start;
    c->end = off + q->end;
    c->line = ev_lines_find(lines, c->start);
    c->surface = ev_strndup(t + c->start, c->end - c->start);
    c->lo = q->lo;
    c->hi = q->hi;
    snprintf(c->unit, sizeof(c->unit), "%s", unit);
    c->unit_detail = q->detail[0] ? ev_strdup(q->detail) : NULL;
    c->qualifier = q->qualifier;
    c->sent_start = off + sa;
    c->sent_end = off + sb;
    if (doc->claims.n > 1 && c[-1].sentence &&
        c[-1].sent_start == c->sent_start && c[-1].sent_end == c->sent_end)
        c->sentence = ev_strdup(c[-1].sentence); /* the same sentence */
    else
        c->sentence = collapse(t, c->sent_start, c->sent_end);
    rel = *q;
    rel.start -= sa;
    rel.end -= sa;
    rel.qual_start = rel.qual_start >= sa ? rel.qual_start - sa : 0;
    rel.noun_end = rel.noun_end >= sa ? rel.noun_end - sa : rel.end;
    if (ev_subject_build(t + c->sent_start, sb - sa, &rel, &subj) != 0 ||
        subj.oom) {
        ev_buf_release(&subj);
        return EV_ENOMEM;
    }
    c->subject = subj.len ? ev_buf_detach(&subj) : NULL;
    ev_buf_release(&subj);
    c->year = ev_claim_year(t + c->sent_start, sb - sa, rel.start, rel.end);
    c->block = bi;
    c->note = blk->kind == EV_BLK_FOOTNOTE ? blk->note : -1;
    c->id = 0;
    c->doc = NULL;
    if (!c->surface || !c->sentence)
        return EV_ENOMEM;
    rc = ev_link_claim(ex, doc, c);
    return rc;
}


/* A citation marker after a sentence's closing mark ends the sentence when
 * a capital follows: "rose 5% in 2019.<sup>1</sup> Later" is two
 * sentences, though "2019.1 Later" reads as a decimal to the splitter.
 * sents holds [start, end) pairs in order; the pair holding the marker
 * is cut after it. */
static int split_at_markers(const char *t, size_t len,
                            const size_t (*mk)[2], size_t n, ev_sizevec *sents)
{
    size_t k, j;
    for (k = 0; k < n; k++) {
        size_t a = mk[k][0], b = mk[k][1], r = b;
        unsigned char c;
        if (a == 0 || b >= len || b <= a)
            continue;
        c = (unsigned char)t[a - 1];
        if (c != '.' && c != '!' && c != '?')
            continue;
        if (r >= len || (t[r] != ' ' && t[r] != '\n'))
            continue;
        while (r < len && (t[r] == ' ' || t[r] == '\n'))
            r++;
        if (r >= len || !(t[r] >= 'A' && t[r] <= 'Z'))
            continue;
        for (j = 0; j + 1 < sents->n; j += 2) {
            size_t sa = sents->v[j], sb = sents->v[j + 1];
            if (sa < b && b < sb && r < sb) {
                /* [sa, b) and [r, sb): two pairs where there was one */
                if (!ev_vec_push(sents) || !ev_vec_push(sents))
                    return EV_ENOMEM;
                memmove(sents->v + j + 4, sents->v + j + 2,
                        (sents->n - 4 - j) * sizeof(*sents->v));
                sents->v[j + 1] = b;
                sents->v[j + 2] = r;
                sents->v[j + 3] = sb;
                break;
            }
        }
    }
    return 0;
}

int ev_extract_claims(const ev_extractor *ex, ev_doc *doc, ev_err *err)
{
    ev_lines lines = {NULL, 0};
    span2 *skips = NULL;
    size_t (*bskip)[2] = NULL;
    size_t n_sk = 0, i, si = 0;
    ev_quantity_vec qs = {NULL, 0, 0};
    ev_sizevec sents = {NULL, 0, 0};
    int rc = 0;

    if (!doc->text)
        return 0;
    if (ev_lines_build(&lines, doc->text, doc->text_len)) {
        rc = EV_ENOMEM;
        goto done;
    }
    if (doc->cites.n) {
        skips = malloc(doc->cites.n * sizeof(*skips));
        bskip = malloc(doc->cites.n * sizeof(*bskip));
        if (!skips || !bskip) {
            rc = EV_ENOMEM;
            goto done;
        }
        for (i = 0; i < doc->cites.n; i++) {
            skips[i].a = doc->cites.v[i].start;
            skips[i].b = doc->cites.v[i].end;
        }
        n_sk = doc->cites.n;
        qsort(skips, n_sk, sizeof(*skips), cmp_span);
    }
    for (i = 0; i < doc->blocks.n && !rc; i++) {
        const ev_block *blk = &doc->blocks.v[i];
        const char *bt = doc->text + blk->start;
        size_t blen = blk->end - blk->start, nb = 0, k, s = 0;
        int strict, caption;
        if (blk->kind == EV_BLK_NOISE || blk->end <= blk->start ||
            blk->end > doc->text_len)
            continue;
        if (garbled(bt, blen))
            continue;
        strict = blk->kind == EV_BLK_REFERENCE ||
                 (blk->kind != EV_BLK_FOOTNOTE && reference_like(bt, blen));
        caption = blk->kind == EV_BLK_CAPTION || caption_like(bt, blen);
        while (si < n_sk && skips[si].b <= blk->start)
            si++;
        for (k = si; k < n_sk && skips[k].a < blk->end; k++) {
            bskip[nb][0] = skips[k].a > blk->start ? skips[k].a - blk->start
                                                   : 0;
            bskip[nb][1] = skips[k].b - blk->start;
            nb++;
        }
        qs.n = 0;
        sents.n = 0;
        if ((rc = ev_numbers_scan(ex, bt, blen, nb ? (const size_t(*)[2])bskip
                                                   : NULL,
                                  nb, &qs)) != 0)
            break;
        if (!qs.n)
            continue;
        if ((rc = ev_sentences_split(bt, blen, &sents)) != 0 ||
            (rc = split_at_markers(bt, blen, (const size_t(*)[2])bskip, nb,
                                   &sents)) != 0)
            break;
        for (k = 0; k < qs.n && !rc; k++) {
            const ev_quantity *q = &qs.v[k];
            const char *unit = q->unit;
            size_t sa = 0, sb = blen;
            if (q->is_year)
                continue;
            while (s + 2 < sents.n && sents.v[s + 1] <= q->start)
                s += 2;
            if (sents.n >= 2 && sents.v[s] <= q->start &&
                q->start < sents.v[s + 1]) {
                sa = sents.v[s];
                sb = sents.v[s + 1];
                if (sb < q->end)
                    sb = q->end;
            } else if (sents.n >= 2) {
                sa = q->start;
                sb = q->end;
            }
            if (q->flags & EV_QF_BARE) {
                const char *cu = carry_unit(bt, blen, qs.v, k, sa);
                if (cu)
                    unit = cu;
                else if (strict)
                    continue;
            }
            /* a photo caption describes the photo: counts there are of
             * people in the picture, not claims */
            if (caption && !strcmp(unit, "count"))
                continue;
            if (strict && (q->flags & EV_QF_WORDS) &&
                !(q->flags & EV_QF_MULTIPLE) && q->noun_end <= q->end)
                continue;
            rc = build_claim(ex, doc, (int)i, &lines, q, unit, sa, sb);
        }
    }
done:
    if (rc && err)
        ev_err_set(err, rc, "cannot extract claims from '%s'",
                   doc->name ? doc->name : "");
    free(qs.v);
    free(sents.v);
    free(skips);
    free(bskip);
    ev_lines_release(&lines);
    return rc;
}

/*
 * A typed FIGURE that is a plain number alone ("12", "2012", "-3.5",
 * "1,000"): the recogniser drops such numbers in running text (list
 * numbers, pages, years), but typed on their own they are the figure
 * asked for, a bare count. Fills *out and returns 1, else 0.
 */
static int plain_number(const char *s, size_t len, ev_quantity *out)
{
    char num[64];
    size_t a = 0, b = len, i, n = 0, digits = 0, group = 0;
    int seen_dot = 0, seen_comma = 0;
    while (a < b && (s[a] == ' ' || s[a] == '\t'))
        a++;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
        b--;
    if (a < b && (s[a] == '-' || s[a] == '+'))
        num[n++] = s[a++] == '-' ? '-' : '+';
    for (i = a; i < b; i++) {
        unsigned char c = (unsigned char)s[i];
        if (n >= sizeof(num) - 1)
            return 0;
        if (lx_digit(c)) {
            num[n++] = (char)c;
            digits++;
            group++;
        } else if (c == ',' && !seen_dot && digits > 0 &&
                   (seen_comma ? group == 3 : group <= 3)) {
            seen_comma = 1; /* a thousands separator: groups of three */
            group = 0;
        } else if (c == '.' && !seen_dot && i + 1 < b &&
                   lx_digit((unsigned char)s[i + 1]) &&
                   (!seen_comma || group == 3)) {
            num[n++] = '.';
            seen_dot = 1;
        } else {
            return 0;
        }
    }
    if (!digits || (seen_comma && !seen_dot && group != 3))
        return 0;
    num[n] = 0;
    memset(out, 0, sizeof(*out));
    out->start = a;
    out->end = b;
    out->qual_start = a;
    out->lo = out->hi = strtod(num, NULL);
    memcpy(out->unit, "count", 6);
    out->qualifier = EV_Q_EXACT;
    out->flags = EV_QF_BARE;
    out->noun_end = b;
    return 1;
}

int ev_figure_parse(const ev_extractor *ex, const char *s, size_t len,
                    ev_quantity *out, ev_buf *words, ev_err *err)
{
    ev_quantity_vec qs = {NULL, 0, 0};
    size_t i, pick = 0;
    int rc, found = 0;
    rc = ev_numbers_scan(ex, s, len, NULL, 0, &qs);
    if (rc) {
        free(qs.v);
        return ev_err_set(err, rc, "out of memory");
    }
    for (i = 0; i < qs.n; i++)
        if (!qs.v[i].is_year) {
            pick = i;
            found = 1;
            break;
        }
    if (!found && qs.n) {
        pick = 0;
        found = 1;
    }
    if (!found) {
        free(qs.v);
        if (plain_number(s, len, out)) {
            if (words)
                ev_buf_add(words, "", 0);
            return 0;
        }
        return ev_err_set(err, EV_EINVALID, "no figure in '%.*s'",
                          (int)(len > 60 ? 60 : len), s);
    }
    *out = qs.v[pick];
    out->is_year = 0;
    if (words) {
        ev_buf tmp = EV_BUF_INIT;
        char *a = collapse(s, 0, out->qual_start),
             *b = collapse(s, out->end, len);
        if (a && *a)
            ev_buf_puts(&tmp, a);
        if (b && *b) {
            if (tmp.len)
                ev_buf_putc(&tmp, ' ');
            ev_buf_puts(&tmp, b);
        }
        ev_buf_add(words, tmp.ptr ? tmp.ptr : "", tmp.len);
        ev_buf_release(&tmp);
        free(a);
        free(b);
    }
    free(qs.v);
    return 0;
}

