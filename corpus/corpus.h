/*
 * corpus/: finding source files, detecting their format by content, and
 * turning each format (plain text, HTML, JATS, TEI, PDF) into one ev_doc:
 * UTF-8 text with blocks, metadata, and for structured formats notes,
 * references, markup citations and links.
 *
 * libxml2 must be initialised once per process by the caller
 * (ev_corpus_global_init, called from cli/main.c) before threads start.
 */
#ifndef EV_CORPUS_H
#define EV_CORPUS_H

#include "ev_doc.h"

/* Limits applied while reading; zero fields take the defaults. */
typedef struct ev_corpus_opts {
    size_t max_file_size;   /* bytes; default 256 MiB */
    int pdf_timeout_sec;    /* default 60 */
    int max_depth;          /* XML/HTML nesting; default 512 */
} ev_corpus_opts;

void ev_corpus_global_init(void);
void ev_corpus_global_cleanup(void);

/* Detects the format of data[0..len) (content first, name as a hint). */
int ev_corpus_detect(const char *data, size_t len, const char *name);

/*
 * Reads the file at path into doc (which the caller has ev_doc_init'ed;
 * on failure it is released). Fills path, name, format, text, blocks,
 * hash, source_size and what the format gives. Returns 0, or a negative
 * EV_E* with a one-line err naming the reason (the caller adds the file
 * name): EV_EIO unreadable, EV_EINVALID empty or binary, EV_ELIMIT too
 * large, EV_EFORMAT unknown format.
 */
int ev_corpus_read(ev_doc *doc, const char *path, const ev_corpus_opts *opts,
                   ev_err *err);

/* Parses bytes already in memory (same contract as ev_corpus_read). */
int ev_corpus_parse(ev_doc *doc, const char *name, const char *data,
                    size_t len, const ev_corpus_opts *opts, ev_err *err);

/* Per-format entry points (data need not be NUL-terminated). Each fills
 * doc->text, blocks and what it knows; format detection is done. */
int ev_corpus_parse_text(ev_doc *doc, const char *data, size_t len,
                         ev_err *err);
int ev_corpus_parse_html(ev_doc *doc, const char *data, size_t len,
                         const ev_corpus_opts *opts, ev_err *err);
int ev_corpus_parse_xml(ev_doc *doc, const char *data, size_t len,
                        const ev_corpus_opts *opts, ev_err *err);
int ev_corpus_parse_pdf(ev_doc *doc, const char *data, size_t len,
                        const ev_corpus_opts *opts, ev_err *err);

/* Splits doc->text into blank-line-separated paragraph blocks. */
int ev_corpus_paragraphs(ev_doc *doc);

/*
 * Walks paths (files and folders, recursively, symlink loops broken,
 * hidden entries skipped) and calls fn for each regular file whose name
 * looks like a source (.txt .md .html .htm .xhtml .xml .nxml .pdf, any
 * case) or, for paths named directly, any file. fn returns nonzero to
 * stop. Errors on a path (missing, unreadable) are reported through
 * on_error and the walk goes on.
 */
typedef int (*ev_walk_fn)(void *ctx, const char *path);
typedef void (*ev_walk_err_fn)(void *ctx, const char *path, const char *msg);
int ev_corpus_walk(const char *const *paths, size_t n_paths, ev_walk_fn fn,
                   ev_walk_err_fn on_error, void *ctx);

#endif
