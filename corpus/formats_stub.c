/* STUB: replaced by the HTML, XML and PDF readers (issue 5). */
#include "corpus.h"
int ev_corpus_parse_html(ev_doc *doc, const char *data, size_t len,
                         const ev_corpus_opts *opts, ev_err *err)
{
    (void)doc; (void)data; (void)len; (void)opts;
    return ev_err_set(err, EV_EFORMAT, "html not supported yet");
}
int ev_corpus_parse_xml(ev_doc *doc, const char *data, size_t len,
                        const ev_corpus_opts *opts, ev_err *err)
{
    (void)doc; (void)data; (void)len; (void)opts;
    return ev_err_set(err, EV_EFORMAT, "xml not supported yet");
}
int ev_corpus_parse_pdf(ev_doc *doc, const char *data, size_t len,
                        const ev_corpus_opts *opts, ev_err *err)
{
    (void)doc; (void)data; (void)len; (void)opts;
    return ev_err_set(err, EV_EFORMAT, "pdf not supported yet");
}
void ev_corpus_global_init(void) {}
void ev_corpus_global_cleanup(void) {}
