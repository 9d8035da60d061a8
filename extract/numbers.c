/* STUB: replaced by the number recogniser (issue 3). */
#include "extract_int.h"
#include <stdlib.h>
struct ev_numbers_rx { int unused; };
int ev_extract__numbers_new(ev_numbers_rx **out, ev_err *err)
{
    (void)err;
    *out = calloc(1, sizeof(**out));
    return *out ? 0 : EV_ENOMEM;
}
void ev_extract__numbers_free(ev_numbers_rx *rx) { free(rx); }
int ev_numbers_scan(const ev_extractor *ex, const char *text, size_t len,
                    const size_t (*skip)[2], size_t n_skip,
                    ev_quantity_vec *out)
{
    (void)ex; (void)text; (void)len; (void)skip; (void)n_skip; (void)out;
    return 0;
}
int ev_figure_parse(const ev_extractor *ex, const char *s, size_t len,
                    ev_quantity *out, ev_buf *words, ev_err *err)
{
    (void)ex; (void)s; (void)len; (void)out; (void)words;
    return ev_err_set(err, EV_EINVALID, "no figure");
}
int ev_extract_claims(const ev_extractor *ex, ev_doc *doc, ev_err *err)
{
    (void)ex; (void)doc; (void)err;
    return 0;
}
int ev_sentences_split(const char *text, size_t len, ev_sizevec *out)
{
    (void)text; (void)len; (void)out;
    return 0;
}
