/*
 * Shared helpers of the fuzz targets: a process-wide extractor (libFuzzer
 * gives a harness no handle to keep state in, so the targets keep one
 * lazily built extractor; the library itself has no mutable globals), and
 * UTF-8 repair of raw fuzz bytes for entry points whose contract says
 * their text is already valid.
 *
 * Every target defines LLVMFuzzerTestOneInput; with clang it links with
 * libFuzzer, with any compiler it links with driver.c, which feeds it
 * files given on the command line.
 */
#ifndef EV_FUZZ_H
#define EV_FUZZ_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "corpus.h"
#include "extract.h"
#include "index.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The shared extractor (and libxml2 set up once); aborts if it cannot be
 * built, since then no input could be tested. */
static inline const ev_extractor *fz_extractor(void)
{
    static ev_extractor *ex;
    if (!ex) {
        ev_err err = {0, ""};
        ev_corpus_global_init();
        if (ev_extractor_new(&ex, &err) != 0)
            abort();
    }
    return ex;
}

/* Copies data into b as valid UTF-8 (bad bytes become U+FFFD). Returns
 * 0, or -1 on allocation failure. */
static inline int fz_utf8(ev_buf *b, const uint8_t *data, size_t size)
{
    if (ev_utf8_valid((const char *)data, size) == size)
        return ev_buf_add(b, data, size) ? -1 : 0;
    return ev_utf8_repair((const char *)data, size, b) < 0 ? -1 : 0;
}

/* Aborts (a finding) when a span of doc lies outside its text or an
 * index points outside its array: later stages (the index's substr, the
 * printers) trust these. */
static inline void fz_doc_check(const ev_doc *d)
{
    size_t i, k;
    if (!d->text || d->text[d->text_len] != '\0')
        abort();
#define FZ_SPAN(s, e) if ((s) > (e) || (e) > d->text_len) abort()
#define FZ_IDX(x, n) if ((x) < -1 || (x) >= (int)(n)) abort()
    for (i = 0; i < d->blocks.n; i++) {
        FZ_SPAN(d->blocks.v[i].start, d->blocks.v[i].end);
        FZ_IDX(d->blocks.v[i].note, d->notes.n);
        FZ_IDX(d->blocks.v[i].ref, d->refs.n);
    }
    for (i = 0; i < d->notes.n; i++)
        FZ_SPAN(d->notes.v[i].start, d->notes.v[i].end);
    for (i = 0; i < d->refs.n; i++) {
        FZ_SPAN(d->refs.v[i].start, d->refs.v[i].end);
        FZ_IDX(d->refs.v[i].note, d->notes.n);
    }
    for (i = 0; i < d->cites.n; i++) {
        FZ_SPAN(d->cites.v[i].start, d->cites.v[i].end);
        FZ_IDX(d->cites.v[i].note, d->notes.n);
        for (k = 0; k < d->cites.v[i].refs.n; k++)
            if (d->cites.v[i].refs.v[k] < 0 ||
                d->cites.v[i].refs.v[k] >= (int)d->refs.n)
                abort();
    }
    for (i = 0; i < d->links.n; i++)
        FZ_SPAN(d->links.v[i].start, d->links.v[i].end);
    for (i = 0; i < d->claims.n; i++) {
        const ev_claim *c = &d->claims.v[i];
        FZ_SPAN(c->start, c->end);
        FZ_SPAN(c->sent_start, c->sent_end);
        /* finite, ordered, and hi > lo only for a range (see
         * fz_numbers.c) */
        if (!isfinite(c->lo) || !isfinite(c->hi) || !(c->lo <= c->hi) ||
            (c->hi > c->lo && c->qualifier != EV_Q_RANGE))
            abort();
        FZ_IDX(c->block, d->blocks.n);
        FZ_IDX(c->note, d->notes.n);
        for (k = 0; k < c->cites.n; k++) {
            FZ_SPAN(c->cites.v[k].start, c->cites.v[k].end);
            FZ_IDX(c->cites.v[k].note, d->notes.n);
            FZ_IDX(c->cites.v[k].ref, d->refs.n);
        }
    }
#undef FZ_SPAN
#undef FZ_IDX
}

#endif
