/*
 * The extractor's lifetime and the whole-document pipeline of extract/:
 * layout, citation markers, claims.
 */
#include "extract_int.h"

#include <stdlib.h>

int ev_extractor_new(ev_extractor **out, ev_err *err)
{
    ev_extractor *ex = calloc(1, sizeof(*ex));
    int rc;
    *out = NULL;
    if (!ex)
        return ev_err_set(err, EV_ENOMEM, "out of memory");
    rc = ev_extract__numbers_new(&ex->num, err);
    if (!rc)
        rc = ev_extract__cites_new(&ex->cit, err);
    if (rc) {
        ev_extractor_free(ex);
        return rc;
    }
    *out = ex;
    return 0;
}

void ev_extractor_free(ev_extractor *ex)
{
    if (!ex)
        return;
    ev_extract__numbers_free(ex->num);
    ev_extract__cites_free(ex->cit);
    free(ex);
}

int ev_extract_doc(const ev_extractor *ex, ev_doc *doc, ev_err *err)
{
    int rc = ev_extract_layout(ex, doc, err);
    if (!rc)
        rc = ev_extract_cites(ex, doc, err);
    if (!rc)
        rc = ev_extract_claims(ex, doc, err);
    return rc;
}
