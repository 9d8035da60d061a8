/*
 * The document model's constructors, destructors, deep copies, names of
 * enums, and the line table used to turn byte offsets into line numbers.
 */
#include "ev_doc.h"

#include <stdlib.h>
#include <string.h>

static const char *const format_names[] = {"unknown", "text", "html",
                                           "jats",    "tei",  "pdf"};
static const char *const block_names[] = {
    "para",     "heading",   "list_item", "caption", "table_cell",
    "footnote", "reference", "meta",      "noise"};
static const char *const cite_names[] = {"footnote", "reference",
                                         "author_year", "attribution"};
static const char *const qual_names[] = {"exact",     "approx",    "at_least",
                                         "at_most",   "more_than", "less_than",
                                         "range"};

#define NAME_OF(tab, i)                                                      \
    ((i) >= 0 && (size_t)(i) < sizeof(tab) / sizeof(tab[0]) ? tab[i] : "?")

const char *ev_format_name(int fmt) { return NAME_OF(format_names, fmt); }
const char *ev_block_kind_name(int kind) { return NAME_OF(block_names, kind); }
const char *ev_cite_kind_name(int kind) { return NAME_OF(cite_names, kind); }
const char *ev_qualifier_name(int q) { return NAME_OF(qual_names, q); }

void ev_doc_init(ev_doc *doc)
{
    memset(doc, 0, sizeof(*doc));
}

void ev_strvec_release(ev_strvec *v)
{
    size_t i;
    for (i = 0; i < v->n; i++)
        free(v->v[i]);
    free(v->v);
    memset(v, 0, sizeof(*v));
}

int ev_strvec_push(ev_strvec *v, const char *s, size_t len)
{
    char *copy = ev_strndup(s, len);
    char **slot;
    if (!copy)
        return EV_ENOMEM;
    slot = ev_vec_push(v);
    if (!slot) {
        free(copy);
        return EV_ENOMEM;
    }
    *slot = copy;
    return 0;
}

void ev_block_release(ev_block *b)
{
    free(b->locator);
    b->locator = NULL;
}

void ev_note_release(ev_note *n)
{
    free(n->label);
    free(n->text);
    ev_strvec_release(&n->urls);
    memset(n, 0, sizeof(*n));
}

void ev_ref_release(ev_ref *r)
{
    free(r->label);
    free(r->id);
    free(r->text);
    free(r->authors);
    free(r->first_author);
    free(r->title);
    free(r->container);
    free(r->doi);
    free(r->pmid);
    free(r->accessed);
    ev_strvec_release(&r->urls);
    memset(r, 0, sizeof(*r));
}

void ev_cite_release(ev_cite *c)
{
    free(c->marker);
    free(c->refs.v);
    memset(c, 0, sizeof(*c));
}

void ev_citation_release(ev_citation *c)
{
    free(c->marker);
    free(c->text);
    free(c->url);
    memset(c, 0, sizeof(*c));
}

void ev_claim_release(ev_claim *c)
{
    size_t i;
    free(c->surface);
    free(c->unit_detail);
    free(c->subject);
    free(c->sentence);
    free(c->doc);
    for (i = 0; i < c->cites.n; i++)
        ev_citation_release(&c->cites.v[i]);
    free(c->cites.v);
    memset(c, 0, sizeof(*c));
}

/* Copies a string field; *bad is set when an allocation fails. */
static char *dup_field(const char *s, int *bad)
{
    char *p;
    if (!s)
        return NULL;
    p = ev_strdup(s);
    if (!p)
        *bad = 1;
    return p;
}

int ev_citation_copy(ev_citation *dst, const ev_citation *src)
{
    int bad = 0;
    *dst = *src;
    dst->marker = dup_field(src->marker, &bad);
    dst->text = dup_field(src->text, &bad);
    dst->url = dup_field(src->url, &bad);
    if (bad) {
        ev_citation_release(dst);
        return EV_ENOMEM;
    }
    return 0;
}

int ev_claim_copy(ev_claim *dst, const ev_claim *src)
{
    int bad = 0;
    size_t i;
    *dst = *src;
    memset(&dst->cites, 0, sizeof(dst->cites));
    dst->surface = dup_field(src->surface, &bad);
    dst->unit_detail = dup_field(src->unit_detail, &bad);
    dst->subject = dup_field(src->subject, &bad);
    dst->sentence = dup_field(src->sentence, &bad);
    dst->doc = dup_field(src->doc, &bad);
    for (i = 0; !bad && i < src->cites.n; i++) {
        ev_citation *c = ev_vec_push(&dst->cites);
        if (!c || ev_citation_copy(c, &src->cites.v[i]))
            bad = 1;
    }
    if (bad) {
        ev_claim_release(dst);
        return EV_ENOMEM;
    }
    return 0;
}

void ev_doc_release(ev_doc *doc)
{
    size_t i;
    if (!doc)
        return;
    free(doc->path);
    free(doc->name);
    free(doc->text);
    free(doc->meta.title);
    free(doc->meta.authors);
    free(doc->meta.date);
    free(doc->meta.url);
    free(doc->meta.doi);
    for (i = 0; i < doc->blocks.n; i++)
        ev_block_release(&doc->blocks.v[i]);
    free(doc->blocks.v);
    for (i = 0; i < doc->notes.n; i++)
        ev_note_release(&doc->notes.v[i]);
    free(doc->notes.v);
    for (i = 0; i < doc->refs.n; i++)
        ev_ref_release(&doc->refs.v[i]);
    free(doc->refs.v);
    for (i = 0; i < doc->cites.n; i++)
        ev_cite_release(&doc->cites.v[i]);
    free(doc->cites.v);
    for (i = 0; i < doc->links.n; i++)
        free(doc->links.v[i].href);
    free(doc->links.v);
    for (i = 0; i < doc->claims.n; i++)
        ev_claim_release(&doc->claims.v[i]);
    free(doc->claims.v);
    ev_doc_init(doc);
}

int ev_lines_build(ev_lines *out, const char *text, size_t len)
{
    size_t n = 1, i, k = 0;
    const char *p = text, *end = text + len;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        n++;
        p++;
    }
    out->starts = malloc(n * sizeof(size_t));
    out->n = 0;
    if (!out->starts)
        return EV_ENOMEM;
    out->starts[k++] = 0;
    for (i = 0; i < len; i++)
        if (text[i] == '\n')
            out->starts[k++] = i + 1;
    out->n = k;
    return 0;
}

int ev_lines_find(const ev_lines *l, size_t off)
{
    size_t lo = 0, hi = l->n;
    if (!l->n)
        return 1;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return (int)lo + 1;
}

void ev_lines_release(ev_lines *l)
{
    free(l->starts);
    l->starts = NULL;
    l->n = 0;
}
