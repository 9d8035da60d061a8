/* STUB: replaced by the citation extractor (issue 4). */
#include "extract_int.h"
#include <stdlib.h>
struct ev_cites_rx { int unused; };
int ev_extract__cites_new(ev_cites_rx **out, ev_err *err)
{
    (void)err;
    *out = calloc(1, sizeof(**out));
    return *out ? 0 : EV_ENOMEM;
}
void ev_extract__cites_free(ev_cites_rx *rx) { free(rx); }
int ev_extract_layout(const ev_extractor *ex, ev_doc *doc, ev_err *err)
{
    (void)ex; (void)doc; (void)err;
    return 0;
}
int ev_extract_cites(const ev_extractor *ex, ev_doc *doc, ev_err *err)
{
    (void)ex; (void)doc; (void)err;
    return 0;
}
int ev_attributions_find(const ev_extractor *ex, const char *text,
                         size_t len, ev_attribution_vec *out)
{
    (void)ex; (void)text; (void)len; (void)out;
    return 0;
}
void ev_attribution_vec_release(ev_attribution_vec *v)
{
    size_t i;
    for (i = 0; i < v->n; i++)
        free(v->v[i].who);
    free(v->v);
    v->v = NULL;
    v->n = v->cap = 0;
}
int ev_link_claim(const ev_extractor *ex, const ev_doc *doc, ev_claim *claim)
{
    (void)ex; (void)doc; (void)claim;
    return 0;
}
