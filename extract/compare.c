/* STUB: replaced by the cross-document comparison (issue 6). */
#include "extract_int.h"
#include <stdlib.h>
#include <string.h>
struct ev_synonyms { int unused; };
int ev_synonyms_load(ev_synonyms **out, const char *path, ev_err *err)
{
    (void)path; (void)err;
    *out = calloc(1, sizeof(**out));
    return *out ? 0 : EV_ENOMEM;
}
void ev_synonyms_free(ev_synonyms *s) { free(s); }
int ev_unit_same_family(const char *a, const char *b) { return strcmp(a, b) == 0; }
double ev_figure_match(const ev_quantity *fig, const ev_claim *c,
                       double tolerance_pct)
{
    (void)tolerance_pct;
    if (!ev_unit_same_family(fig->unit, c->unit))
        return -1;
    return (fig->lo <= c->hi && c->lo <= fig->hi) ? 1.0 : -1.0;
}
void ev_group_vec_release(ev_group_vec *v)
{
    size_t i;
    for (i = 0; i < v->n; i++) {
        free(v->v[i].subject);
        free(v->v[i].why);
        free(v->v[i].members.v);
    }
    free(v->v);
    memset(v, 0, sizeof(*v));
}
int ev_conflicts_find(const ev_extractor *ex, const ev_synonyms *syn,
                      const ev_claim *claims, size_t n, int min_sources,
                      ev_group_vec *out)
{
    (void)ex; (void)syn; (void)claims; (void)n; (void)min_sources; (void)out;
    return 0;
}
const char *ev_verdict_name(int v)
{
    static const char *const names[] = {"supported", "contradicted",
                                        "disputed", "unsupported"};
    return v >= 0 && v < 4 ? names[v] : "?";
}
void ev_check_result_release(ev_check_result *r)
{
    free(r->agree.v);
    free(r->disagree.v);
    free(r->subject);
    free(r->why);
    memset(r, 0, sizeof(*r));
}
int ev_check_figure(const ev_extractor *ex, const ev_synonyms *syn,
                    const ev_claim *draft, const ev_claim *claims, size_t n,
                    ev_check_result *out)
{
    (void)ex; (void)syn; (void)draft; (void)claims; (void)n;
    memset(out, 0, sizeof(*out));
    out->verdict = EV_V_UNSUPPORTED;
    return 0;
}
