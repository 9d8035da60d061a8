/*
 * Fuzz target: FIGURE parsing, ev_figure_parse, on raw bytes as a user
 * types them on the command line (argv is not validated UTF-8, so
 * neither is this input; it stops at the first NUL like a C string).
 */
#include "fuzz.h"

#include <math.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const ev_extractor *ex = fz_extractor();
    char *s = ev_strndup((const char *)data, size);
    ev_buf words = EV_BUF_INIT;
    ev_quantity q;
    ev_err err = {0, ""};
    if (s) {
        memset(&q, 0, sizeof(q));
        if (ev_figure_parse(ex, s, strlen(s), &q, &words, &err) == 0 &&
            (q.start > q.end || q.end > strlen(s) || !isfinite(q.lo) ||
             !isfinite(q.hi) || !(q.lo <= q.hi)))
            abort();
    }
    ev_buf_release(&words);
    free(s);
    return 0;
}
