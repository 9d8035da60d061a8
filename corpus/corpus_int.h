/*
 * corpus/ internals shared by the format readers: the text builder that
 * turns a stream of text pieces into doc->text plus blocks (whitespace
 * collapsed, blocks separated by blank lines, line numbers kept), and
 * libxml2 helpers (safe parsing with a per-context error capture, depth
 * bound, node names, text content, XPath-like locators).
 */
#ifndef EV_CORPUS_INT_H
#define EV_CORPUS_INT_H

#include "corpus.h"

#include <libxml/tree.h>

/* ---- text builder ---- */

typedef struct ev_tb {
    ev_doc *doc;
    ev_buf text;
    int line;          /* 1-based line at offset scanned */
    size_t scanned;    /* newlines counted up to here */
    int in_block;
    size_t sep_at;     /* text.len before this block's separator */
    size_t blk_start;
    int blk_kind, blk_page, blk_note, blk_ref;
    char *blk_loc;
    int pending_space;
    int oom;
} ev_tb;

void ev_corpus__tb_init(ev_tb *tb, ev_doc *doc);
void ev_corpus__tb_release(ev_tb *tb);
/* Starts a block (ending any open one); locator is copied (may be NULL). */
void ev_corpus__tb_begin(ev_tb *tb, int kind, const char *locator);
/* Appends text, collapsing runs of ASCII white space to one space. */
void ev_corpus__tb_text(ev_tb *tb, const char *s, size_t len);
/* Appends text verbatim (no collapsing; pending space is flushed). */
void ev_corpus__tb_raw(ev_tb *tb, const char *s, size_t len);
/* Offset where the next non-space character will be written. */
size_t ev_corpus__tb_mark(const ev_tb *tb);
/* Ends the open block; returns its index in doc->blocks or -1 if it was
 * empty (then nothing is left of it in the text). */
int ev_corpus__tb_end(ev_tb *tb);
/* Moves the text into doc; returns 0 or EV_ENOMEM. */
int ev_corpus__tb_finish(ev_tb *tb);

/* ---- libxml2 helpers ---- */

#define EV_XML_MODE_XML 0
#define EV_XML_MODE_HTML 1

/*
 * Parses data as XML or HTML with network, DTD loading and entity
 * substitution off, libxml2's own depth limit lifted (XML_PARSE_HUGE) and
 * our own max_depth applied afterwards. HTML bytes are repaired to valid
 * UTF-8 first (doc->n_repaired counts the repairs). Errors never reach
 * stderr. Returns 0 and *out, or a negative EV_E* with err set.
 */
int ev_corpus__xml_parse(xmlDocPtr *out, ev_doc *doc, const char *data,
                         size_t len, int mode, const ev_corpus_opts *opts,
                         ev_err *err);

/* Local name of an element ("" for non-elements). */
const char *ev_corpus__name(const xmlNode *n);
int ev_corpus__is(const xmlNode *n, const char *name);
/* Copies an attribute (any namespace) into a malloc'ed string, or NULL. */
char *ev_corpus__attr(const xmlNode *n, const char *name);
/* Compares an attribute to a value (ASCII case-insensitive). */
int ev_corpus__attr_is(const xmlNode *n, const char *name, const char *val);
/* First element child with that local name, or NULL. */
xmlNode *ev_corpus__child(const xmlNode *n, const char *name);
/* First element descendant with that local name (depth bounded). */
xmlNode *ev_corpus__find(const xmlNode *n, const char *name);
/* Appends the text content of n, white space collapsed, to out. */
void ev_corpus__text_of(const xmlNode *n, ev_buf *out);
/* Malloc'ed collapsed, trimmed text content of n (NULL when empty). */
char *ev_corpus__text_dup(const xmlNode *n);
/* Writes an XPath-like locator ("/article/body/sec[2]/p[4]") of n. */
void ev_corpus__locator(const xmlNode *n, ev_buf *out);

/* Collapses white space in place and trims; returns the new length. */
size_t ev_corpus__squeeze(char *s, size_t len);
/* Finds a plausible 4-digit year (1500..2199) in s, or 0. */
int ev_corpus__year(const char *s, char *suffix);

int ev_corpus__parse_jats(ev_doc *doc, xmlDocPtr x, ev_err *err);
int ev_corpus__parse_tei(ev_doc *doc, xmlDocPtr x, ev_err *err);

#endif
