#include "corpus_int.h"
int ev_corpus_parse_html(ev_doc *doc, const char *data, size_t len,
                         const ev_corpus_opts *opts, ev_err *err)
{
    (void)doc; (void)data; (void)len; (void)opts;
    return ev_err_set(err, EV_EFORMAT, "html not supported yet");
}
