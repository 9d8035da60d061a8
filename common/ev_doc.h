/*
 * The one document model every format is turned into. corpus/ fills the
 * text, blocks, metadata and (for structured formats) notes, references,
 * markup citations and links; extract/ adds layout for plain text, in-text
 * citation markers and claims; index/ stores it. One ev_doc owns all of
 * its strings and arrays; ev_doc_release frees everything.
 *
 * Offsets: every start/end is a half-open byte range into doc->text. For
 * plain-text sources doc->text is the file's bytes (invalid UTF-8 repaired
 * to U+FFFD, which only happens with a warning), so offsets are file
 * offsets; for other formats they point into the extracted text and each
 * block keeps a locator back into the source.
 */
#ifndef EV_DOC_H
#define EV_DOC_H

#include "ev_common.h"

typedef enum ev_format {
    EV_FMT_UNKNOWN = 0,
    EV_FMT_TEXT,
    EV_FMT_HTML,
    EV_FMT_JATS,
    EV_FMT_TEI,
    EV_FMT_PDF
} ev_format;

const char *ev_format_name(int fmt);

typedef enum ev_block_kind {
    EV_BLK_PARA = 0,
    EV_BLK_HEADING,
    EV_BLK_LIST_ITEM,
    EV_BLK_CAPTION,
    EV_BLK_TABLE_CELL,
    EV_BLK_FOOTNOTE,   /* a footnote/endnote body; note says which */
    EV_BLK_REFERENCE,  /* a reference-list entry; ref says which */
    EV_BLK_META,       /* title, byline, affiliation, keywords */
    EV_BLK_NOISE       /* garbled sidebar, URL dumps, page furniture */
} ev_block_kind;

const char *ev_block_kind_name(int kind);

/*
 * Index fields documented "or -1" must be set to -1 when absent: slots
 * from ev_vec_push are zeroed, and 0 is a valid index.
 */

/* A passage: a paragraph-like run of text. */
typedef struct ev_block {
    size_t start, end;
    int line;      /* 1-based line of start in doc->text */
    int kind;      /* ev_block_kind */
    int page;      /* PDF page (1-based) or 0 */
    int note;      /* index into doc->notes, or -1 */
    int ref;       /* index into doc->refs, or -1 */
    char *locator; /* "page 3", "/article/body/sec[2]/p[4]", or NULL */
} ev_block;

typedef EV_VEC(char *) ev_strvec;

/* A footnote or endnote. */
typedef struct ev_note {
    char *label;      /* "28" */
    char *text;       /* cleaned: lines joined, broken URLs glued */
    size_t start, end;/* span of the note's first part in doc->text */
    ev_strvec urls;
} ev_note;

/* A bibliographic reference (reference-list entry, or a footnote's source). */
typedef struct ev_ref {
    char *label;       /* "12" for numbered lists, else NULL */
    char *id;          /* markup id (JATS rid), else NULL */
    char *text;        /* the entry as one line */
    char *authors;     /* "Surname, A.; Surname, B." or NULL */
    char *first_author;/* surname, or NULL */
    int year;          /* 0 when unknown */
    char year_suffix;  /* 'b' in 2019b, else 0 */
    char *title;
    char *container;   /* journal, publisher, site */
    char *doi;
    char *pmid;
    char *accessed;
    ev_strvec urls;
    size_t start, end; /* span in doc->text, or 0,0 */
    int note;          /* index into doc->notes when the ref is a
                          footnote's source, else -1 (set it explicitly:
                          a zeroed slot would mean note 0) */
} ev_ref;

typedef EV_VEC(int) ev_intvec;

typedef enum ev_cite_kind {
    EV_CITE_FOOTNOTE = 0,
    EV_CITE_REFERENCE,   /* numbered: [12], superscript 12 */
    EV_CITE_AUTHOR_YEAR,
    EV_CITE_ATTRIBUTION
} ev_cite_kind;

const char *ev_cite_kind_name(int kind);

/* An in-text citation marker. */
typedef struct ev_cite {
    size_t start, end; /* the marker's span */
    int kind;          /* ev_cite_kind (not ATTRIBUTION) */
    char *marker;      /* as written: "28", "[12]", "Kozlowski, 2019b" */
    int note;          /* footnote index, or -1 */
    ev_intvec refs;    /* indexes into doc->refs */
} ev_cite;

/* A hyperlink kept from HTML: anchor text span and target. */
typedef struct ev_link {
    size_t start, end;
    char *href;
} ev_link;

typedef enum ev_qualifier {
    EV_Q_EXACT = 0,
    EV_Q_APPROX,
    EV_Q_AT_LEAST,
    EV_Q_AT_MOST,
    EV_Q_MORE_THAN,
    EV_Q_LESS_THAN,
    EV_Q_RANGE
} ev_qualifier;

const char *ev_qualifier_name(int q);

/* The source a claim rests on. */
typedef struct ev_citation {
    int kind;        /* ev_cite_kind */
    char *marker;    /* "28", "[12]", "Kozlowski, 2019b", or the phrase */
    char *text;      /* footnote text, reference entry, or attribution */
    char *url;       /* or NULL */
    int note, ref;   /* indexes into doc->notes / doc->refs, or -1 */
    size_t start, end; /* span of the marker or phrase in doc->text */
} ev_citation;

typedef EV_VEC(ev_citation) ev_citation_vec;

#define EV_UNIT_LEN 32

/* A quantitative claim. */
typedef struct ev_claim {
    size_t start, end;   /* the figure's span (qualifier words excluded) */
    int line;            /* 1-based line of start */
    char *surface;       /* doc->text[start..end) */
    double lo, hi;       /* the interval; equal for a point value */
    char unit[EV_UNIT_LEN]; /* percent, USD, JPY, EUR, GBP, count, ratio,
                               or a normalised physical unit ("mg/kg") */
    char *unit_detail;   /* "percent of GDP", or NULL */
    int qualifier;       /* ev_qualifier */
    char *subject;       /* short normalised phrase of what is measured */
    char *sentence;
    size_t sent_start, sent_end;
    int year;            /* year the figure refers to, or 0 */
    int block;           /* index into doc->blocks, or -1 */
    int note;            /* footnote the claim sits in, or -1 */
    ev_citation_vec cites;
    /* Set when loaded from the index for cross-document work: */
    int64_t id;
    char *doc;           /* document name, or NULL */
} ev_claim;

typedef struct ev_doc_meta {
    char *title;
    char *authors;
    char *date;
    char *url;
    char *doi;
    int year;
} ev_doc_meta;

typedef struct ev_doc {
    char *path;      /* as given (bytes) */
    char *name;      /* file name, unique key for users */
    int format;      /* ev_format */
    char *text;      /* NUL-terminated UTF-8 */
    size_t text_len;
    size_t source_size;
    uint64_t hash;   /* of the source bytes */
    long n_repaired; /* invalid UTF-8 bytes replaced */
    ev_doc_meta meta;
    EV_VEC(ev_block) blocks;
    EV_VEC(ev_note) notes;
    EV_VEC(ev_ref) refs;
    EV_VEC(ev_cite) cites;
    EV_VEC(ev_link) links;
    EV_VEC(ev_claim) claims;
} ev_doc;

void ev_doc_init(ev_doc *doc);
void ev_doc_release(ev_doc *doc);

/* 1-based line number of byte offset off in doc->text (binary search over
 * a lazily built line table is not kept: callers with many lookups should
 * use ev_lines). */
typedef struct ev_lines {
    size_t *starts; /* byte offset of each line's start */
    size_t n;
} ev_lines;
int ev_lines_build(ev_lines *out, const char *text, size_t len);
int ev_lines_find(const ev_lines *l, size_t off); /* 1-based */
void ev_lines_release(ev_lines *l);

/* Element destructors, for code that builds or drops single elements. */
void ev_block_release(ev_block *b);
void ev_note_release(ev_note *n);
void ev_ref_release(ev_ref *r);
void ev_cite_release(ev_cite *c);
void ev_citation_release(ev_citation *c);
void ev_claim_release(ev_claim *c);
void ev_strvec_release(ev_strvec *v);
int ev_strvec_push(ev_strvec *v, const char *s, size_t len);
/* Deep copies (return EV_ENOMEM on failure, dst zeroed then). */
int ev_citation_copy(ev_citation *dst, const ev_citation *src);
int ev_claim_copy(ev_claim *dst, const ev_claim *src);

#endif
