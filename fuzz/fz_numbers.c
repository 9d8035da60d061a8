/*
 * Fuzz target: the number recogniser, ev_numbers_scan, on any text. The
 * first byte, when there is one, also places a skip span (as citation
 * markers would) so the skip logic is exercised.
 */
#include <math.h>

#include "fuzz.h"

/* What the index and sources rely on: a figure lies in the text, its
 * interval is finite and ordered, and only a range has hi > lo (sources
 * bounds the score of everything that is not a point by it). */
static void check_figures(const ev_quantity_vec *v, size_t len)
{
    size_t i;
    for (i = 0; i < v->n; i++) {
        const ev_quantity *q = &v->v[i];
        if (q->start >= q->end || q->end > len || !isfinite(q->lo) ||
            !isfinite(q->hi) || !(q->lo <= q->hi) ||
            (q->hi > q->lo && q->qualifier != EV_Q_RANGE))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const ev_extractor *ex = fz_extractor();
    ev_buf b = EV_BUF_INIT;
    ev_quantity_vec out = {NULL, 0, 0};
    size_t skip[1][2];
    size_t n_skip = 0;
    if (fz_utf8(&b, data, size) == 0 && b.ptr) {
        if (size > 0 && b.len > 4) {
            skip[0][0] = data[0] % b.len;
            skip[0][1] = skip[0][0] + 1 + data[0] % 4;
            if (skip[0][1] > b.len)
                skip[0][1] = b.len;
            n_skip = 1;
        }
        /* the cast: C before C23 will not add const to an array pointer */
        ev_numbers_scan(ex, b.ptr, b.len,
                        n_skip ? (const size_t(*)[2])skip : NULL, n_skip,
                        &out);
        check_figures(&out, b.len);
    }
    free(out.v);
    ev_buf_release(&b);
    return 0;
}
