/*
 * Fuzz target: the HTML and JATS/TEI readers. The first byte picks the
 * way in: format detection by content (ev_corpus_parse, PDFs excluded:
 * they have their own target), the HTML reader, or the XML reader; the
 * rest is the file. Each parsed document then goes through the whole
 * extraction, and its spans and indexes are checked.
 */
#include "fuzz.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const ev_extractor *ex = fz_extractor();
    ev_corpus_opts o;
    ev_doc doc;
    ev_err err = {0, ""};
    const char *s;
    size_t len;
    int rc;
    if (size < 1)
        return 0;
    s = (const char *)data + 1;
    len = size - 1;
    memset(&o, 0, sizeof(o));
    o.max_depth = 64 + data[0] % 64; /* keeps deep inputs cheap */
    ev_doc_init(&doc);
    switch (data[0] % 3) {
    case 0:
        if (len >= 5 && memcmp(s, "%PDF-", 5) == 0) {
            rc = -1;
            break;
        }
        rc = ev_corpus_parse(&doc, "fuzz.html", s, len, &o, &err);
        break;
    case 1:
        doc.format = EV_FMT_HTML;
        rc = ev_corpus_parse_html(&doc, s, len, &o, &err);
        break;
    default:
        doc.format = data[0] % 2 ? EV_FMT_TEI : EV_FMT_JATS;
        rc = ev_corpus_parse_xml(&doc, s, len, &o, &err);
        break;
    }
    if (rc == 0 && doc.text) {
        fz_doc_check(&doc);
        if (ev_extract_doc(ex, &doc, &err) == 0)
            fz_doc_check(&doc);
    }
    ev_doc_release(&doc);
    return 0;
}
