/*
 * Fuzz target: the PDF reader, ev_corpus_parse_pdf, which runs pdftotext
 * as a child: the time limit is kept at 2 s so a run stays short. Inputs
 * that do not start with the PDF magic get it prepended, so the mutator
 * spends its time inside the reader.
 */
#include "fuzz.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const ev_extractor *ex = fz_extractor();
    ev_corpus_opts o;
    ev_doc doc;
    ev_err err = {0, ""};
    ev_buf b = EV_BUF_INIT;
    if (size < 5 || memcmp(data, "%PDF-", 5) != 0)
        ev_buf_puts(&b, "%PDF-1.4\n");
    ev_buf_add(&b, data, size);
    memset(&o, 0, sizeof(o));
    o.pdf_timeout_sec = 2;
    o.max_file_size = 1u << 20;
    ev_doc_init(&doc);
    doc.format = EV_FMT_PDF;
    if (!b.oom &&
        ev_corpus_parse_pdf(&doc, b.ptr, b.len, &o, &err) == 0 && doc.text) {
        fz_doc_check(&doc);
        if (ev_extract_doc(ex, &doc, &err) == 0)
            fz_doc_check(&doc);
    }
    ev_doc_release(&doc);
    ev_buf_release(&b);
    return 0;
}
