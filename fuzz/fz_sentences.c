/*
 * Fuzz target: the sentence splitter, ev_sentences_split. Checks that
 * every span is ordered and inside the text.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ev_buf b = EV_BUF_INIT;
    ev_sizevec out = {NULL, 0, 0};
    size_t i;
    if (fz_utf8(&b, data, size) == 0 && b.ptr &&
        ev_sentences_split(b.ptr, b.len, &out) == 0) {
        if (out.n % 2)
            abort();
        for (i = 0; i + 1 < out.n; i += 2)
            if (out.v[i] > out.v[i + 1] || out.v[i + 1] > b.len)
                abort();
    }
    free(out.v);
    ev_buf_release(&b);
    return 0;
}
