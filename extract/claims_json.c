/*
 * The JSON form of one claim, shared by bench/claims_dump and
 * `evidex --json claims`: one object on one line, stable keys.
 */
#include "extract_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Shortest round-trip form of a double; JSON has no NaN/Infinity. */
static void put_num(ev_buf *b, double v)
{
    char tmp[40];
    int prec;
    if (!isfinite(v)) {
        ev_buf_puts(b, "null");
        return;
    }
    if (v == floor(v) && fabs(v) < 1e15) {
        snprintf(tmp, sizeof(tmp), "%.0f", v);
        ev_buf_puts(b, tmp);
        return;
    }
    for (prec = 1; prec <= 17; prec++) {
        snprintf(tmp, sizeof(tmp), "%.*g", prec, v);
        if (strtod(tmp, NULL) == v)
            break;
    }
    ev_buf_puts(b, tmp);
}

int ev_claim_json(ev_buf *b, const ev_claim *c, const char *doc_name)
{
    size_t i;
    const char *doc = doc_name ? doc_name : (c->doc ? c->doc : "");
    ev_buf_puts(b, "{\"doc\":");
    ev_buf_json_cstr(b, doc);
    ev_buf_printf(b, ",\"start\":%zu,\"end\":%zu,\"line\":%d,\"surface\":",
                  c->start, c->end, c->line);
    ev_buf_json_cstr(b, c->surface ? c->surface : "");
    ev_buf_puts(b, ",\"value_lo\":");
    put_num(b, c->lo);
    ev_buf_puts(b, ",\"value_hi\":");
    put_num(b, c->hi);
    ev_buf_puts(b, ",\"unit\":");
    ev_buf_json_cstr(b, c->unit);
    ev_buf_puts(b, ",\"unit_detail\":");
    ev_buf_json_cstr(b, c->unit_detail);
    ev_buf_puts(b, ",\"qualifier\":");
    ev_buf_json_cstr(b, ev_qualifier_name(c->qualifier));
    ev_buf_puts(b, ",\"subject\":");
    ev_buf_json_cstr(b, c->subject);
    ev_buf_puts(b, ",\"sentence\":");
    ev_buf_json_cstr(b, c->sentence);
    if (c->year)
        ev_buf_printf(b, ",\"year\":%d", c->year);
    else
        ev_buf_puts(b, ",\"year\":null");
    ev_buf_puts(b, ",\"citations\":[");
    for (i = 0; i < c->cites.n; i++) {
        const ev_citation *ct = &c->cites.v[i];
        if (i)
            ev_buf_putc(b, ',');
        ev_buf_puts(b, "{\"kind\":");
        ev_buf_json_cstr(b, ev_cite_kind_name(ct->kind));
        ev_buf_puts(b, ",\"marker\":");
        ev_buf_json_cstr(b, ct->marker);
        ev_buf_puts(b, ",\"text\":");
        ev_buf_json_cstr(b, ct->text);
        ev_buf_putc(b, '}');
    }
    ev_buf_puts(b, "]}");
    return b->oom ? EV_ENOMEM : 0;
}
