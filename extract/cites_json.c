/*
 * JSON writers for in-text citation markers and references: the line
 * formats of `evidex --json cites` and `evidex --json refs`, shared by the
 * CLI (which has rows from the index) and bench/cites_dump (which has a
 * whole ev_doc: the _doc variants). Each writes one object, no newline.
 */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

static void put_year(ev_buf *b, int year)
{
    if (year)
        ev_buf_printf(b, "%d", year);
    else
        ev_buf_puts(b, "null");
}

int ev_cite_json(ev_buf *b, const char *doc_name, const ev_cite *c,
                 const ev_ref *const *refs)
{
    size_t i;
    int first = 1;
    ev_buf_puts(b, "{\"doc\":");
    ev_buf_json_cstr(b, doc_name);
    ev_buf_printf(b, ",\"start\":%zu,\"end\":%zu,\"marker\":", c->start,
                  c->end);
    ev_buf_json_cstr(b, c->marker);
    ev_buf_puts(b, ",\"kind\":");
    ev_buf_json_cstr(b, ev_cite_kind_name(c->kind));
    ev_buf_puts(b, ",\"refs\":[");
    for (i = 0; i < c->refs.n; i++) {
        const ev_ref *r = refs ? refs[i] : NULL;
        if (!r)
            continue;
        if (!first)
            ev_buf_putc(b, ',');
        first = 0;
        ev_buf_puts(b, "{\"text\":");
        ev_buf_json_cstr(b, r->text);
        ev_buf_puts(b, ",\"year\":");
        put_year(b, r->year);
        ev_buf_puts(b, ",\"doi\":");
        ev_buf_json_cstr(b, r->doi);
        if (r->label) {
            ev_buf_puts(b, ",\"label\":");
            ev_buf_json_cstr(b, r->label);
        }
        ev_buf_putc(b, '}');
    }
    ev_buf_puts(b, "]}");
    return b->oom ? EV_ENOMEM : 0;
}

int ev_cite_json_doc(ev_buf *b, const ev_doc *doc, const ev_cite *c)
{
    const ev_ref *small[16] = {NULL}, **refs = small;
    size_t i;
    int rc;
    if (c->refs.n > 16 && !(refs = malloc(c->refs.n * sizeof(*refs))))
        return EV_ENOMEM;
    for (i = 0; i < c->refs.n; i++)
        refs[i] = c->refs.v[i] >= 0 && (size_t)c->refs.v[i] < doc->refs.n
                      ? &doc->refs.v[c->refs.v[i]]
                      : NULL;
    rc = ev_cite_json(b, doc->name, c, refs);
    if (refs != small)
        free(refs);
    return rc;
}

int ev_ref_json(ev_buf *b, const char *doc_name, const char *marker,
                const ev_ref *r)
{
    size_t i;
    ev_buf_puts(b, "{\"doc\":");
    ev_buf_json_cstr(b, doc_name);
    ev_buf_puts(b, ",\"marker\":");
    ev_buf_json_cstr(b, marker);
    ev_buf_puts(b, ",\"text\":");
    ev_buf_json_cstr(b, r->text);
    ev_buf_puts(b, ",\"authors\":");
    ev_buf_json_cstr(b, r->authors);
    ev_buf_puts(b, ",\"year\":");
    put_year(b, r->year);
    ev_buf_puts(b, ",\"title\":");
    ev_buf_json_cstr(b, r->title);
    ev_buf_puts(b, ",\"container\":");
    ev_buf_json_cstr(b, r->container);
    ev_buf_puts(b, ",\"urls\":[");
    for (i = 0; i < r->urls.n; i++) {
        if (i)
            ev_buf_putc(b, ',');
        ev_buf_json_cstr(b, r->urls.v[i]);
    }
    ev_buf_puts(b, "],\"doi\":");
    ev_buf_json_cstr(b, r->doi);
    ev_buf_putc(b, '}');
    return b->oom ? EV_ENOMEM : 0;
}

int ev_ref_json_doc(ev_buf *b, const ev_doc *doc, const ev_ref *r)
{
    const char *marker = r->label;
    if (r->note >= 0 && (size_t)r->note < doc->notes.n &&
        doc->notes.v[r->note].label)
        marker = doc->notes.v[r->note].label;
    return ev_ref_json(b, doc->name, marker, r);
}
