/*
 * JSON writers for in-text citation markers and references: the line
 * formats of `evidex --json cites` and `evidex --json refs`, shared by the
 * CLI and bench/cites_dump. Each writes one object, no newline.
 */
#include "extract.h"

#include <string.h>

static void put_str(ev_buf *b, const char *s)
{
    if (s)
        ev_buf_json_str(b, s, strlen(s));
    else
        ev_buf_puts(b, "null");
}

static void put_year(ev_buf *b, int year)
{
    if (year)
        ev_buf_printf(b, "%d", year);
    else
        ev_buf_puts(b, "null");
}

int ev_cite_json(ev_buf *b, const ev_doc *doc, const ev_cite *c)
{
    size_t i;
    ev_buf_puts(b, "{\"doc\":");
    put_str(b, doc->name);
    ev_buf_printf(b, ",\"start\":%zu,\"end\":%zu,\"marker\":", c->start,
                  c->end);
    put_str(b, c->marker);
    ev_buf_puts(b, ",\"kind\":");
    put_str(b, ev_cite_kind_name(c->kind));
    ev_buf_puts(b, ",\"refs\":[");
    for (i = 0; i < c->refs.n; i++) {
        const ev_ref *r;
        if (c->refs.v[i] < 0 || (size_t)c->refs.v[i] >= doc->refs.n)
            continue;
        r = &doc->refs.v[c->refs.v[i]];
        if (i)
            ev_buf_putc(b, ',');
        ev_buf_puts(b, "{\"text\":");
        put_str(b, r->text);
        ev_buf_puts(b, ",\"year\":");
        put_year(b, r->year);
        ev_buf_puts(b, ",\"doi\":");
        put_str(b, r->doi);
        ev_buf_putc(b, '}');
    }
    ev_buf_puts(b, "]}");
    return b->oom ? EV_ENOMEM : 0;
}

int ev_ref_json(ev_buf *b, const ev_doc *doc, const ev_ref *r)
{
    size_t i;
    const char *marker = r->label;
    if (r->note >= 0 && (size_t)r->note < doc->notes.n &&
        doc->notes.v[r->note].label)
        marker = doc->notes.v[r->note].label;
    ev_buf_puts(b, "{\"doc\":");
    put_str(b, doc->name);
    ev_buf_puts(b, ",\"marker\":");
    put_str(b, marker);
    ev_buf_puts(b, ",\"text\":");
    put_str(b, r->text);
    ev_buf_puts(b, ",\"authors\":");
    put_str(b, r->authors);
    ev_buf_puts(b, ",\"year\":");
    put_year(b, r->year);
    ev_buf_puts(b, ",\"title\":");
    put_str(b, r->title);
    ev_buf_puts(b, ",\"container\":");
    put_str(b, r->container);
    ev_buf_puts(b, ",\"urls\":[");
    for (i = 0; i < r->urls.n; i++) {
        if (i)
            ev_buf_putc(b, ',');
        put_str(b, r->urls.v[i]);
    }
    ev_buf_puts(b, "],\"doi\":");
    put_str(b, r->doi);
    ev_buf_putc(b, '}');
    return b->oom ? EV_ENOMEM : 0;
}
