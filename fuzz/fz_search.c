/*
 * Fuzz target: the FTS query path, ev_index_search, with any query
 * string against an in-memory index holding two small documents (built
 * once). Query syntax errors must come back as EV_EINVALID, never as a
 * crash.
 */
#include "fuzz.h"

#include <string.h>

static const char doc_a[] =
    "Host nation support\n\nJapan paid 74.5% of the stationing costs in "
    "2019, about $2 billion, according to a 2019 report by the "
    "Congressional Research Service.[12]\n\n"
    "Some 54,000 troops were stationed there (see note 3).\n\n"
    "References\n\n12. Smith, J. (2019). Alliance costs. Journal of "
    "Defense, 4(2), 1-20. https://doi.org/10.1000/xyz\n";
static const char doc_b[] =
    "Le café coûte 3 € — 40-50 % des ménages; \"quoted\" AND OR NOT NEAR "
    "title: body* ^start (parens) {braces} -minus +plus 'apos'\n";

static ev_index *fz_index(void)
{
    static ev_index *idx;
    const ev_extractor *ex = fz_extractor();
    const char *const texts[2] = {doc_a, doc_b};
    const char *const names[2] = {"/fuzz/a.txt", "/fuzz/b.txt"};
    ev_err err = {0, ""};
    int i, replaced;
    if (idx)
        return idx;
    if (ev_index_open(&idx, ":memory:", 0, &err) != 0)
        abort();
    for (i = 0; i < 2; i++) {
        ev_doc doc;
        ev_doc_init(&doc);
        doc.path = ev_strdup(names[i]);
        doc.name = ev_strdup(names[i] + 6);
        doc.format = EV_FMT_TEXT;
        if (ev_corpus_parse_text(&doc, texts[i], strlen(texts[i]), &err) ||
            ev_extract_doc(ex, &doc, &err) ||
            ev_index_put_doc(idx, &doc, 0, &replaced, &err))
            abort();
        ev_doc_release(&doc);
    }
    return idx;
}

static int on_hit(void *ctx, const ev_hit *hit)
{
    size_t *n = ctx;
    if (!hit->doc || !hit->snippet)
        abort();
    (*n)++;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ev_index *idx = fz_index();
    char *q = ev_strndup((const char *)data, size);
    ev_err err = {0, ""};
    size_t n = 0;
    int rc;
    if (!q)
        return 0;
    rc = ev_index_search(idx, q, 5, "[", "]", on_hit, &n, &err);
    if (rc != 0 && (err.msg[0] == '\0' || strchr(err.msg, '\n')))
        abort(); /* every failure says why, on one line */
    free(q);
    return 0;
}
