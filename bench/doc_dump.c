/*
 * doc_dump: reads source files with corpus/ and prints what it extracted.
 *
 *   doc_dump FILE...          the extracted text (what `evidex show` prints)
 *   doc_dump --json FILE...   one NDJSON line per block
 *                             {doc,start,end,line,kind,page,text,locator}
 *   doc_dump --cites FILE...  the markup citations as NDJSON
 *                             {doc,start,end,marker,kind,refs:[{text,year,doi}]}
 *   doc_dump --meta FILE...   metadata, notes, refs and links as NDJSON
 *
 * Exit status 1 when any file could not be read (one line on stderr each).
 */
#include "corpus.h"

#include <stdio.h>
#include <string.h>

static void put_json_line(ev_buf *b)
{
    ev_buf_putc(b, '\n');
    if (!b->oom)
        fwrite(b->ptr, 1, b->len, stdout);
    ev_buf_clear(b);
}

static void jstr(ev_buf *b, const char *key, const char *s)
{
    ev_buf_printf(b, ",\"%s\":", key);
    if (s)
        ev_buf_json_str(b, s, strlen(s));
    else
        ev_buf_puts(b, "null");
}

static void dump_blocks(const ev_doc *d)
{
    ev_buf b = EV_BUF_INIT;
    size_t i;
    for (i = 0; i < d->blocks.n; i++) {
        const ev_block *bl = &d->blocks.v[i];
        ev_buf_puts(&b, "{\"doc\":");
        ev_buf_json_str(&b, d->name, strlen(d->name));
        ev_buf_printf(&b, ",\"start\":%zu,\"end\":%zu,\"line\":%d", bl->start,
                      bl->end, bl->line);
        jstr(&b, "kind", ev_block_kind_name(bl->kind));
        ev_buf_printf(&b, ",\"page\":%d,\"note\":%d,\"ref\":%d,\"text\":",
                      bl->page, bl->note, bl->ref);
        ev_buf_json_str(&b, d->text + bl->start, bl->end - bl->start);
        jstr(&b, "locator", bl->locator);
        ev_buf_putc(&b, '}');
        put_json_line(&b);
    }
    ev_buf_release(&b);
}

static void dump_cites(const ev_doc *d)
{
    ev_buf b = EV_BUF_INIT;
    size_t i, k;
    for (i = 0; i < d->cites.n; i++) {
        const ev_cite *c = &d->cites.v[i];
        ev_buf_puts(&b, "{\"doc\":");
        ev_buf_json_str(&b, d->name, strlen(d->name));
        ev_buf_printf(&b, ",\"start\":%zu,\"end\":%zu", c->start, c->end);
        jstr(&b, "marker", c->marker);
        jstr(&b, "kind", ev_cite_kind_name(c->kind));
        ev_buf_printf(&b, ",\"note\":%d,\"refs\":[", c->note);
        for (k = 0; k < c->refs.n; k++) {
            const ev_ref *r = &d->refs.v[c->refs.v[k]];
            ev_buf_puts(&b, k ? ",{\"text\":" : "{\"text\":");
            ev_buf_json_str(&b, r->text ? r->text : "",
                            r->text ? strlen(r->text) : 0);
            ev_buf_printf(&b, ",\"year\":%d", r->year);
            jstr(&b, "doi", r->doi);
            ev_buf_putc(&b, '}');
        }
        ev_buf_puts(&b, "]}");
        put_json_line(&b);
    }
    ev_buf_release(&b);
}

static void dump_meta(const ev_doc *d)
{
    ev_buf b = EV_BUF_INIT;
    size_t i;
    ev_buf_puts(&b, "{\"doc\":");
    ev_buf_json_str(&b, d->name, strlen(d->name));
    jstr(&b, "format", ev_format_name(d->format));
    jstr(&b, "title", d->meta.title);
    jstr(&b, "authors", d->meta.authors);
    jstr(&b, "date", d->meta.date);
    jstr(&b, "url", d->meta.url);
    jstr(&b, "doi", d->meta.doi);
    ev_buf_printf(&b, ",\"year\":%d,\"n_blocks\":%zu,\"n_refs\":%zu,"
                      "\"n_notes\":%zu,\"n_cites\":%zu,\"n_links\":%zu}",
                  d->meta.year, d->blocks.n, d->refs.n, d->notes.n,
                  d->cites.n, d->links.n);
    put_json_line(&b);
    for (i = 0; i < d->notes.n; i++) {
        ev_buf_puts(&b, "{\"note\":");
        ev_buf_printf(&b, "%zu", i);
        jstr(&b, "label", d->notes.v[i].label);
        jstr(&b, "text", d->notes.v[i].text);
        ev_buf_putc(&b, '}');
        put_json_line(&b);
    }
    for (i = 0; i < d->refs.n; i++) {
        const ev_ref *r = &d->refs.v[i];
        ev_buf_printf(&b, "{\"ref\":%zu", i);
        jstr(&b, "label", r->label);
        jstr(&b, "id", r->id);
        jstr(&b, "first_author", r->first_author);
        jstr(&b, "authors", r->authors);
        ev_buf_printf(&b, ",\"year\":%d", r->year);
        jstr(&b, "title", r->title);
        jstr(&b, "container", r->container);
        jstr(&b, "doi", r->doi);
        jstr(&b, "pmid", r->pmid);
        jstr(&b, "text", r->text);
        ev_buf_putc(&b, '}');
        put_json_line(&b);
    }
    for (i = 0; i < d->links.n; i++) {
        const ev_link *l = &d->links.v[i];
        ev_buf_printf(&b, "{\"link\":%zu,\"start\":%zu,\"end\":%zu", i,
                      l->start, l->end);
        jstr(&b, "href", l->href);
        ev_buf_puts(&b, ",\"text\":");
        ev_buf_json_str(&b, d->text + l->start, l->end - l->start);
        ev_buf_putc(&b, '}');
        put_json_line(&b);
    }
    ev_buf_release(&b);
}

int main(int argc, char **argv)
{
    int mode = 0, status = 0, i;
    ev_corpus_global_init();
    for (i = 1; i < argc; i++) {
        ev_doc d;
        ev_err err = {0, ""};
        if (strcmp(argv[i], "--json") == 0) {
            mode = 1;
            continue;
        }
        if (strcmp(argv[i], "--cites") == 0) {
            mode = 2;
            continue;
        }
        if (strcmp(argv[i], "--meta") == 0) {
            mode = 3;
            continue;
        }
        ev_doc_init(&d);
        if (ev_corpus_read(&d, argv[i], NULL, &err) != 0) {
            fprintf(stderr, "doc_dump: %s: %s\n", argv[i], err.msg);
            status = 1;
            ev_doc_release(&d);
            continue;
        }
        if (mode == 0) {
            fwrite(d.text, 1, d.text_len, stdout);
            putchar('\n');
        } else if (mode == 1) {
            dump_blocks(&d);
        } else if (mode == 2) {
            dump_cites(&d);
        } else {
            dump_meta(&d);
        }
        ev_doc_release(&d);
    }
    ev_corpus_global_cleanup();
    if (fflush(stdout) != 0 || ferror(stdout))
        status = 1;
    return status;
}
