/*
 * Fuzz target: the attribution finder, ev_attributions_find, on one
 * "sentence" of any text.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const ev_extractor *ex = fz_extractor();
    ev_buf b = EV_BUF_INIT;
    ev_attribution_vec out = {NULL, 0, 0};
    size_t i;
    if (fz_utf8(&b, data, size) == 0 && b.ptr &&
        ev_attributions_find(ex, b.ptr, b.len, &out) == 0) {
        for (i = 0; i < out.n; i++)
            if (out.v[i].start > out.v[i].end || out.v[i].end > b.len)
                abort();
    }
    ev_attribution_vec_release(&out);
    ev_buf_release(&b);
    return 0;
}
