/*
 * Linking a claim to what backs it: the markers of its own sentence (and
 * a footnote marker glued after the sentence's final period), the
 * footnote or reference entry it sits in, attribution phrases of its
 * sentence and HTML links anchored in it, nearest first. A sentence with
 * no marker and no attribution gets nothing: we never borrow a cite from
 * the next sentence.
 */
#include "cites_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct cand {
    ev_citation c;
    size_t dist;
    size_t order;
} cand;

typedef EV_VEC(cand) cand_vec;

static size_t dist_to(const ev_claim *cl, size_t s, size_t e)
{
    if (s >= cl->end)
        return s - cl->end;
    if (e <= cl->start)
        return cl->start - e;
    return 0;
}

static int add_cand(cand_vec *v, int kind, const char *marker, size_t ml,
                    const char *text, const char *url, int note, int ref,
                    size_t s, size_t e, size_t dist)
{
    cand *c = ev_vec_push(v);
    if (!c)
        return EV_ENOMEM;
    c->c.kind = kind;
    c->c.note = note;
    c->c.ref = ref;
    c->c.start = s;
    c->c.end = e;
    c->dist = dist;
    c->order = v->n;
    if (marker) {
        c->c.marker = ev_strndup(marker, ml);
        if (!c->c.marker)
            return EV_ENOMEM;
    }
    if (text && !(c->c.text = ev_strdup(text)))
        return EV_ENOMEM;
    if (url && !(c->c.url = ev_strdup(url)))
        return EV_ENOMEM;
    return 0;
}

/* Whether [s, e) overlaps an in-text citation marker of doc. */
static int overlaps_marker(const ev_doc *doc, size_t s, size_t e)
{
    size_t lo = 0, hi = doc->cites.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->cites.v[mid].end <= s)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < doc->cites.n && doc->cites.v[lo].start < e;
}

/* Whether text[a, b) holds a contrast that starts a new clause with a
 * source of its own: ", though", ", but", ", whereas", ", while", ";",
 * "however". */
static int contrast_between(const char *t, size_t a, size_t b)
{
    static const char *const breaks[] = {", though", ", although", ", but",
                                         ", whereas", ", while", ";",
                                         " however", ", yet"};
    size_t k;
    if (b <= a)
        return 0;
    for (k = 0; k < sizeof(breaks) / sizeof(breaks[0]); k++)
        if (memmem(t + a, b - a, breaks[k], strlen(breaks[k])))
            return 1;
    return 0;
}

/*
 * With several attribution phrases in one sentence, each governs its own
 * clause. "The minister said X, though media outlets have estimated Y":
 * an attribution is dropped for a figure when a contrast separates it
 * from a later attribution that still precedes the figure, or, for one
 * after the figure, when a contrast separates it from the figure and
 * another attribution precedes the figure. A nested one ("Genron NPO
 * reveals that 50.8 percent of respondents stated ...") does not cut
 * off the outer one.
 */
static void keep_governing_attribution(cand_vec *v, const ev_claim *claim,
                                       const char *t)
{
    size_t i, k, w = 0, n_before = 0;
    char *drop = calloc(v->n ? v->n : 1, 1);
    if (!drop)
        return;
    for (i = 0; i < v->n; i++) {
        const ev_citation *a = &v->v[i].c;
        if (a->kind != EV_CITE_ATTRIBUTION || a->start > claim->start)
            continue;
        n_before++;
        for (k = 0; k < v->n; k++) {
            const ev_citation *b = &v->v[k].c;
            if (k != i && b->kind == EV_CITE_ATTRIBUTION &&
                b->start > a->end && b->start <= claim->start &&
                contrast_between(t, a->end, b->start))
                drop[i] = 1;
        }
    }
    for (i = 0; n_before && i < v->n; i++) {
        const ev_citation *a = &v->v[i].c;
        if (a->kind == EV_CITE_ATTRIBUTION && a->start > claim->start &&
            contrast_between(t, claim->end, a->start))
            drop[i] = 1;
    }
    for (i = 0; i < v->n; i++) {
        if (drop[i]) {
            ev_citation_release(&v->v[i].c);
            continue;
        }
        v->v[w++] = v->v[i];
    }
    v->n = w;
    free(drop);
}

static int cand_cmp(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->dist != y->dist)
        return x->dist < y->dist ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

static const char *first_url(const ev_strvec *v)
{
    return v->n ? v->v[0] : NULL;
}

/* Only closing punctuation, quotes and spaces in t[a..b)? */
static int only_closers(const char *t, size_t a, size_t b)
{
    size_t i;
    if (b < a || b - a > 8)
        return 0;
    for (i = a; i < b; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c == '.' || c == ',' || c == ';' || c == ')' || c == '"' ||
            c == '\'' || c == ' ' || c == ']' || c == ':')
            continue;
        if (c == 0xE2 && i + 2 < b && (unsigned char)t[i + 1] == 0x80 &&
            ((unsigned char)t[i + 2] == 0x9D || (unsigned char)t[i + 2] == 0x99)) {
            i += 2;
            continue;
        }
        return 0;
    }
    return 1;
}

int ev_cites__ref_of_note(const ev_doc *doc, int note)
{
    size_t lo = 0, hi = doc->refs.n, i;
    /* the layout appends footnote sources in note order after the list */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int n = doc->refs.v[mid].note;
        if (n >= 0 && n < note)
            lo = mid + 1;
        else if (n >= 0 && n > note)
            hi = mid;
        else if (n == note)
            return (int)mid;
        else
            break;
    }
    for (i = 0; i < doc->refs.n; i++)
        if (doc->refs.v[i].note == note)
            return (int)i;
    return -1;
}

static int add_note_cand(cand_vec *v, const ev_doc *doc, int note,
                         size_t s, size_t e, size_t dist)
{
    const ev_note *nt = &doc->notes.v[note];
    int ref = ev_cites__ref_of_note(doc, note);
    return add_cand(v, EV_CITE_FOOTNOTE, nt->label,
                    nt->label ? strlen(nt->label) : 0, nt->text,
                    first_url(&nt->urls), note, ref, s, e, dist);
}

int ev_link_claim(const ev_extractor *ex, const ev_doc *doc, ev_claim *claim)
{
    cand_vec v = {NULL, 0, 0};
    size_t ss = claim->sent_start, se = claim->sent_end, i, lo, hi;
    const char *t = doc->text;
    int rc = 0, note = claim->note;
    if (!t)
        return 0;
    if (se <= ss || se > doc->text_len) {
        ss = claim->start;
        se = claim->end;
    }
    if (se > doc->text_len)
        se = doc->text_len;
    if (note < 0 && claim->block >= 0 && (size_t)claim->block < doc->blocks.n &&
        doc->blocks.v[claim->block].kind == EV_BLK_FOOTNOTE)
        note = doc->blocks.v[claim->block].note;

    /* the footnote the claim sits in */
    if (note >= 0 && (size_t)note < doc->notes.n &&
        (rc = add_note_cand(&v, doc, note, doc->notes.v[note].start,
                            doc->notes.v[note].end, 0)) != 0)
        goto done;
    /* the reference entry the claim sits in */
    if (claim->block >= 0 && (size_t)claim->block < doc->blocks.n) {
        const ev_block *b = &doc->blocks.v[claim->block];
        if (b->kind == EV_BLK_REFERENCE && b->ref >= 0 &&
            (size_t)b->ref < doc->refs.n) {
            const ev_ref *r = &doc->refs.v[b->ref];
            if ((rc = add_cand(&v, EV_CITE_REFERENCE, r->label,
                               r->label ? strlen(r->label) : 0, r->text,
                               first_url(&r->urls), r->note, b->ref, r->start,
                               r->end, 0)) != 0)
                goto done;
        }
    }
    /* in-text markers of the sentence, and one glued after its end */
    lo = 0;
    hi = doc->cites.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->cites.v[mid].start < ss)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (i = lo; i < doc->cites.n; i++) {
        const ev_cite *c = &doc->cites.v[i];
        size_t k;
        if (c->start >= se && !only_closers(t, se, c->start))
            break;
        /* a marker opening the sentence closes the previous one */
        if (c->start > ss && only_closers(t, ss, c->start) &&
            c->start - ss <= 4 && c->kind == EV_CITE_FOOTNOTE)
            continue;
        if (c->start == ss && c->kind == EV_CITE_FOOTNOTE && ss > 0 &&
            !isspace((unsigned char)t[ss - 1]))
            continue;
        if (c->kind == EV_CITE_FOOTNOTE && c->note >= 0 &&
            (size_t)c->note < doc->notes.n) {
            if ((rc = add_note_cand(&v, doc, c->note, c->start, c->end,
                                    dist_to(claim, c->start, c->end))) != 0)
                goto done;
            continue;
        }
        for (k = 0; k < c->refs.n; k++) {
            int ri = c->refs.v[k];
            const ev_ref *r;
            if (ri < 0 || (size_t)ri >= doc->refs.n)
                continue;
            r = &doc->refs.v[ri];
            if ((rc = add_cand(&v, c->kind, c->marker,
                               c->marker ? strlen(c->marker) : 0, r->text,
                               first_url(&r->urls), r->note, ri, c->start,
                               c->end, dist_to(claim, c->start, c->end))) != 0)
                goto done;
        }
    }
    /* attribution phrases of the sentence */
    if (ex && se > ss) {
        ev_attribution_vec av = {NULL, 0, 0};
        rc = ev_attributions_find(ex, t + ss, se - ss, &av);
        for (i = 0; !rc && i < av.n; i++) {
            size_t s = ss + av.v[i].start, e = ss + av.v[i].end;
            char *phrase = ev_strndup(t + s, e - s);
            if (!phrase) {
                rc = EV_ENOMEM;
                break;
            }
            rc = add_cand(&v, EV_CITE_ATTRIBUTION, t + s, e - s, phrase, NULL,
                          -1, -1, s, e, dist_to(claim, s, e));
            free(phrase);
        }
        ev_attribution_vec_release(&av);
        if (rc)
            goto done;
        keep_governing_attribution(&v, claim, t);
    }
    /* HTML links anchored in the sentence. Only links that leave the
     * page for a full URL can be sources: in-page anchors (#fn3) are
     * notes already linked through their markers, and site-relative links
     * (/wiki/Netscape) are navigation. A link inside an attribution
     * phrase ("according to a 2019 report [PDF]") gives that attribution
     * its URL instead of standing alone. */
    for (i = 0; i < doc->links.n; i++) {
        const ev_link *l = &doc->links.v[i];
        size_t k;
        int merged = 0;
        if (l->start < ss || l->end > se || l->end <= l->start || !l->href)
            continue;
        if (strncmp(l->href, "http://", 7) != 0 &&
            strncmp(l->href, "https://", 8) != 0)
            continue;
        if (overlaps_marker(doc, l->start, l->end))
            continue;
        for (k = 0; k < v.n && !merged; k++) {
            ev_citation *c = &v.v[k].c;
            if (c->kind == EV_CITE_ATTRIBUTION && !c->url &&
                l->start < c->end + 16 && l->end > c->start) {
                if (!(c->url = ev_strdup(l->href))) {
                    rc = EV_ENOMEM;
                    goto done;
                }
                merged = 1;
            }
        }
        if (merged)
            continue;
        if ((rc = add_cand(&v, EV_CITE_REFERENCE, t + l->start,
                           l->end - l->start, NULL, l->href, -1, -1, l->start,
                           l->end, dist_to(claim, l->start, l->end))) != 0)
            goto done;
    }
    if (v.n > 1)
        qsort(v.v, v.n, sizeof(cand), cand_cmp);
    for (i = 0; i < v.n; i++) {
        ev_citation *slot = ev_vec_push(&claim->cites);
        if (!slot) {
            rc = EV_ENOMEM;
            goto done;
        }
        *slot = v.v[i].c;
        memset(&v.v[i].c, 0, sizeof(ev_citation));
    }
done:
    for (i = 0; i < v.n; i++)
        ev_citation_release(&v.v[i].c);
    free(v.v);
    return rc;
}
