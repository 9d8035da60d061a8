/*
 * Fuzz target: the plain-text layout (footnote blocks, reference lists,
 * noise) and the citation-marker parsers: ev_corpus_parse_text, then
 * ev_extract_layout and ev_extract_cites, then the document's spans and
 * indexes are checked.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const ev_extractor *ex = fz_extractor();
    ev_doc doc;
    ev_err err = {0, ""};
    ev_doc_init(&doc);
    doc.format = EV_FMT_TEXT;
    if (ev_corpus_parse_text(&doc, (const char *)data, size, &err) == 0 &&
        ev_extract_layout(ex, &doc, &err) == 0 &&
        ev_extract_cites(ex, &doc, &err) == 0)
        fz_doc_check(&doc);
    ev_doc_release(&doc);
    return 0;
}
