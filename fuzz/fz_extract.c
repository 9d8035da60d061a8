/*
 * Fuzz target: the whole extraction, ev_extract_doc (layout, markers,
 * numbers, sentences, subjects, claims, linking), on a plain-text
 * document read through ev_corpus_parse as a .txt file would be.
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
        ev_extract_doc(ex, &doc, &err) == 0)
        fz_doc_check(&doc);
    ev_doc_release(&doc);
    return 0;
}
