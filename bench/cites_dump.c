/*
 * cites_dump [--refs] FILE...: reads each file, runs the layout and the
 * citation-marker extraction and prints NDJSON: one in-text marker a line
 * (the `evidex --json cites` contract), or with --refs one reference a
 * line (as `evidex --json refs`).
 */
#include "corpus.h"
#include "extract.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    ev_extractor *ex = NULL;
    ev_err err = {0, ""};
    ev_buf line = EV_BUF_INIT;
    int i, refs = 0, status = 0;
    ev_corpus_global_init();
    if (ev_extractor_new(&ex, &err)) {
        fprintf(stderr, "cites_dump: %s\n", err.msg);
        return 2;
    }
    for (i = 1; i < argc; i++) {
        ev_doc doc;
        size_t k;
        if (strcmp(argv[i], "--refs") == 0) {
            refs = 1;
            continue;
        }
        ev_doc_init(&doc);
        if (ev_corpus_read(&doc, argv[i], NULL, &err) ||
            ev_extract_layout(ex, &doc, &err) ||
            ev_extract_cites(ex, &doc, &err)) {
            fprintf(stderr, "cites_dump: %s: %s\n", argv[i], err.msg);
            ev_doc_release(&doc);
            status = 1;
            continue;
        }
        if (refs) {
            for (k = 0; k < doc.refs.n; k++) {
                ev_buf_clear(&line);
                ev_ref_json_doc(&line, &doc, &doc.refs.v[k]);
                printf("%s\n", line.ptr ? line.ptr : "");
            }
        } else {
            for (k = 0; k < doc.cites.n; k++) {
                ev_buf_clear(&line);
                ev_cite_json_doc(&line, &doc, &doc.cites.v[k]);
                printf("%s\n", line.ptr ? line.ptr : "");
            }
        }
        ev_doc_release(&doc);
    }
    ev_buf_release(&line);
    ev_extractor_free(ex);
    ev_corpus_global_cleanup();
    if (fflush(stdout) || ferror(stdout))
        return 2;
    return status;
}
