/*
 * claims_dump FILE...: reads each file with corpus/, runs the whole
 * extraction and prints one NDJSON claim object per line (the form
 * `evidex --json claims` prints and tools/score_claims.py reads).
 */
#include "corpus.h"
#include "extract.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    ev_extractor *ex = NULL;
    ev_err err = {0, ""};
    ev_buf b = EV_BUF_INIT;
    int i, status = 0;
    if (argc < 2) {
        fprintf(stderr, "usage: claims_dump FILE...\n");
        return 2;
    }
    ev_corpus_global_init();
    if (ev_extractor_new(&ex, &err)) {
        fprintf(stderr, "claims_dump: %s\n", err.msg);
        return 2;
    }
    for (i = 1; i < argc; i++) {
        ev_doc doc;
        size_t k;
        ev_doc_init(&doc);
        if (ev_corpus_read(&doc, argv[i], NULL, &err)) {
            fprintf(stderr, "claims_dump: %s: %s\n", argv[i], err.msg);
            status = 2;
            continue;
        }
        if (ev_extract_doc(ex, &doc, &err)) {
            fprintf(stderr, "claims_dump: %s: %s\n", argv[i], err.msg);
            status = 2;
            ev_doc_release(&doc);
            continue;
        }
        for (k = 0; k < doc.claims.n; k++) {
            ev_buf_clear(&b);
            if (ev_claim_json(&b, &doc.claims.v[k], doc.name)) {
                fprintf(stderr, "claims_dump: out of memory\n");
                status = 2;
                break;
            }
            fwrite(b.ptr, 1, b.len, stdout);
            fputc('\n', stdout);
        }
        ev_doc_release(&doc);
    }
    ev_buf_release(&b);
    ev_extractor_free(ex);
    ev_corpus_global_cleanup();
    if (fflush(stdout) || ferror(stdout))
        status = 2;
    return status;
}
