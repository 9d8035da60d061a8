/*
 * index/: the only code that speaks SQL. One SQLite file holds documents
 * (with their extracted text, stored once), passages, footnotes and
 * references, in-text citation markers, claims with their citations, and
 * two FTS5 indexes: passages_fts over passage text (external content read
 * back out of the stored document text) and claims_fts over claim subject
 * and sentence.
 *
 * Every statement is prepared; no SQL is built from user strings. All
 * writes run inside transactions: ev_index_put_doc replaces one document
 * atomically (inside a caller's batch it uses a savepoint, so a failed
 * document rolls back alone).
 *
 * Strings passed to callbacks are borrowed and valid only during the call.
 */
#ifndef EV_INDEX_H
#define EV_INDEX_H

#include "ev_doc.h"
#include "ev_lz.h"

typedef struct ev_index ev_index;

#define EV_INDEX_SCHEMA_VERSION 4

enum {
    EV_INDEX_READONLY = 1, /* open for queries only */
    EV_INDEX_INGEST = 2    /* tune for bulk writes (synchronous=NORMAL) */
};

/* Opens (creating when writable) the database at path. */
int ev_index_open(ev_index **out, const char *path, int flags, ev_err *err);
void ev_index_free(ev_index *idx);

/* Opens another read-only connection to idx's file, for a reader in
 * another thread (a handle is used by one thread at a time), or hands
 * back one that ev_index_put_back returned. EV_ENOTFOUND when idx has no
 * file (an in-memory index). */
int ev_index_open_again(ev_index **out, ev_index *idx, ev_err *err);

/* Returns a connection from ev_index_open_again to idx, which keeps a
 * few (with their word counts and mapped file) for the next, and frees
 * them with itself; NULL is ignored. */
void ev_index_put_back(ev_index *idx, ev_index *again);

/* Batch transactions for the writer. put_doc outside a batch runs in its
 * own transaction. */
int ev_index_begin(ev_index *idx, ev_err *err);
int ev_index_commit(ev_index *idx, ev_err *err);
int ev_index_rollback(ev_index *idx);

/* What the index knows of a file, for incremental re-indexing. */
typedef struct ev_doc_state {
    int64_t id;
    uint64_t hash;
    int64_t size;
    int64_t mtime_ns;
} ev_doc_state;

/* EV_ENOTFOUND when the path is not indexed. */
int ev_index_doc_state(ev_index *idx, const char *path, ev_doc_state *out,
                       ev_err *err);
/* Records a new mtime for an unchanged document. */
int ev_index_touch_doc(ev_index *idx, int64_t id, int64_t mtime_ns,
                       ev_err *err);

/* Stores doc (replacing any earlier version of the same path). *replaced
 * is set to 1 when an earlier version existed.
 * Inside a batch the document's full-text rows are queued and inserted
 * by ev_index_commit, after the last savepoint (FTS5 flushes its pending
 * terms into a new segment at every savepoint, which made the writer
 * merge thousands of one-document segments): doc->text must stay valid
 * until ev_index_commit or ev_index_rollback returns. */
int ev_index_put_doc(ev_index *idx, const ev_doc *doc, int64_t mtime_ns,
                     int *replaced, ev_err *err);
/* doc's text as the index stores it: one compressed frame (ev_lz.h),
 * into frame. Pure computation: any thread may make it, with a packer
 * of its own, and hand it to ev_index_put_doc_frame. */
int ev_index_pack_text(ev_lz_packer *pk, const ev_doc *doc, ev_buf *frame,
                       ev_err *err);
/* The full-text tokens of the texts of a document the index searches,
 * made off the writer thread with an ev_index_tokenizer (one per
 * thread: SQLite's own tokenizer on a private connection), for the
 * writer to use instead of tokenizing them again (tokens.c). */
typedef struct ev_index_tokens ev_index_tokens;
typedef struct ev_index_tokenizer ev_index_tokenizer;
int ev_index_tokenizer_new(ev_index_tokenizer **out, ev_err *err);
void ev_index_tokenizer_free(ev_index_tokenizer *t);
/* *out: doc's tokens (free with ev_index_tokens_free). */
int ev_index_tokenize(ev_index_tokenizer *t, const ev_doc *doc,
                      ev_index_tokens **out, ev_err *err);
void ev_index_tokens_free(ev_index_tokens *k);

/* ev_index_put_doc with the text already packed (frame, frame_len from
 * ev_index_pack_text of the same doc) and, when toks is not NULL, its
 * tokens (ev_index_tokenize of the same doc), which must stay valid as
 * long as doc->text (until ev_index_commit inside a batch). */
int ev_index_put_doc_frame(ev_index *idx, const ev_doc *doc,
                           const void *frame, size_t frame_len,
                           const ev_index_tokens *toks, int64_t mtime_ns,
                           int *replaced, ev_err *err);

/* Removes a document by path; EV_ENOTFOUND if absent. */
int ev_index_remove_doc(ev_index *idx, const char *path, ev_err *err);

/* Calls cb with the path of every document whose path starts with
 * prefix (every document when prefix is ""). */
typedef int (*ev_path_cb)(void *ctx, const char *path);
int ev_index_doc_paths(ev_index *idx, const char *prefix, ev_path_cb cb,
                       void *ctx, ev_err *err);

/* ---- queries ---- */

typedef struct ev_doc_row {
    int64_t id;
    const char *name, *path, *format, *title, *authors, *date, *url, *doi;
    int year;
    int64_t size;
    int64_t n_passages, n_claims, n_refs, n_cites;
} ev_doc_row;

typedef int (*ev_doc_cb)(void *ctx, const ev_doc_row *row);
int ev_index_docs(ev_index *idx, ev_doc_cb cb, void *ctx, ev_err *err);

/*
 * Resolves a user's DOC argument: an exact name, an exact path, a unique
 * name prefix, or a numeric id. EV_ENOTFOUND / EV_EINVALID (ambiguous,
 * with the candidates named in err).
 */
int ev_index_find_doc(ev_index *idx, const char *spec, int64_t *id,
                      ev_err *err);

/* The stored text of a document (copied into out). */
int ev_index_doc_text(ev_index *idx, int64_t id, ev_buf *out, ev_err *err);

typedef struct ev_passage_row {
    const char *doc;
    int64_t start, end;
    int line, page;
    const char *kind;
    const char *text;
    size_t text_len;
    const char *locator;
} ev_passage_row;

typedef int (*ev_passage_cb)(void *ctx, const ev_passage_row *row);
int ev_index_passages(ev_index *idx, int64_t doc_id, ev_passage_cb cb,
                      void *ctx, ev_err *err);

typedef struct ev_hit {
    const char *doc;
    int line;
    int64_t start, end;
    const char *snippet; /* matched terms between mark_open/mark_close */
    double score;        /* bm25: smaller is better; printed negated */
    const char *locator;
} ev_hit;

typedef int (*ev_hit_cb)(void *ctx, const ev_hit *hit);
/*
 * Full-text search with FTS5 query syntax. A syntax error returns
 * EV_EINVALID with a one-line explanation.
 */
int ev_index_search(ev_index *idx, const char *query, int limit,
                    const char *mark_open, const char *mark_close,
                    ev_hit_cb cb, void *ctx, ev_err *err);

/* Claim filters; NULL/0 fields do not filter. */
typedef struct ev_claim_filter {
    int64_t doc_id;      /* 0: all documents */
    const char *about;   /* FTS5 words over subject + sentence */
    int about_any;       /* 1: any of the words: the claims of the best 500
                            sentences, best ranked first */
    int about_rows;      /* with about_any, > 0: rank only the sentences of
                            the rarest words, about_rows in all (those of
                            the rarest word always): common words of a
                            large index add rows to rank, not candidates */
    const char *unit;    /* exact unit */
    int use_range;       /* only claims whose [lo,hi] meets [lo,hi] */
    double lo, hi;
    int use_exact_range; /* with use_range: claims qualified EV_Q_EXACT or
                            EV_Q_RANGE must also meet [exact_lo,
                            exact_hi] (the others [lo,hi] alone); only
                            ev_index_claims_light reads it */
    double exact_lo, exact_hi;
    int limit;           /* 0: no limit */
    int no_cites;        /* 1: claims come without their citations
                            (ev_index_claims_cites reads them later) */
} ev_claim_filter;

/* Each claim comes with doc set, id set, and its citations. */
typedef int (*ev_claim_cb)(void *ctx, const ev_claim *claim);
int ev_index_claims(ev_index *idx, const ev_claim_filter *f, ev_claim_cb cb,
                    void *ctx, ev_err *err);

/* Reads the citations of claims[0..n) (by id; read with no_cites) into
 * their cites, in one query. */
int ev_index_claims_cites(ev_index *idx, ev_claim *const *claims, size_t n,
                          ev_err *err);

/* The same filter, reading only what scoring a value needs: each claim
 * comes with id, lo, hi, unit and qualifier set (no text, no citations),
 * in no particular order. */
int ev_index_claims_light(ev_index *idx, const ev_claim_filter *f,
                          ev_claim_cb cb, void *ctx, ev_err *err);

/* Light claims (as ev_index_claims_light) of unit whose interval is
 * exactly [lo, hi] and whose qualifier is qualifier, lowest ids first, at
 * most limit (> 0) of them. */
int ev_index_claims_equal(ev_index *idx, const char *unit, double lo,
                          double hi, int qualifier, int limit, ev_claim_cb cb,
                          void *ctx, ev_err *err);

/* Light claims of unit that are points (hi = lo): the plain ones
 * (qualified EV_Q_EXACT or EV_Q_RANGE) with lo in [lo, hi], then the
 * qualified ones ("about", "at least") equal to value; in no particular
 * order. The near part of a point figure's candidates. */
int ev_index_claims_near(ev_index *idx, const char *unit, double lo,
                         double hi, double value, ev_claim_cb cb, void *ctx,
                         ev_err *err);

/* Claims by id, in the order given, with only id, doc, start, end,
 * surface, lo, hi, unit and qualifier set (no sentence, no citations):
 * what matching a typed figure reads. An id not in the index is
 * skipped. */
int ev_index_claims_brief(ev_index *idx, const int64_t *ids, size_t n,
                          ev_claim_cb cb, void *ctx, ev_err *err);

/* Whole claims by id, in the order given. */
int ev_index_claims_by_id(ev_index *idx, const int64_t *ids, size_t n,
                          ev_claim_cb cb, void *ctx, ev_err *err);

/* References (reference-list entries and footnotes) of one document, or
 * all when doc_id is 0. kind is "footnote" or "reference". n_claims:
 * claims that cite it. */
typedef struct ev_ref_row {
    const char *doc;
    int64_t doc_id;
    int idx;            /* index within its document */
    const char *kind;
    const ev_ref *ref;  /* borrowed; strings valid during the call */
    int n_claims;
} ev_ref_row;

typedef int (*ev_ref_cb)(void *ctx, const ev_ref_row *row);
int ev_index_refs(ev_index *idx, int64_t doc_id, ev_ref_cb cb, void *ctx,
                  ev_err *err);

/* Claims citing one reference (by document and reference index). */
int ev_index_ref_claims(ev_index *idx, int64_t doc_id, int ref_idx,
                        ev_claim_cb cb, void *ctx, ev_err *err);

/* In-text citation markers with their resolved references. */
typedef struct ev_cite_row {
    const char *doc;
    const ev_cite *cite;       /* borrowed */
    const ev_ref *const *refs; /* cite->refs.n resolved entries (may be NULL) */
} ev_cite_row;

typedef int (*ev_cite_cb)(void *ctx, const ev_cite_row *row);
int ev_index_cites(ev_index *idx, int64_t doc_id, ev_cite_cb cb, void *ctx,
                   ev_err *err);

/*
 * Merges the segments of the sentence index into one (FTS5 'optimize'),
 * in its own transaction. check reads each of its words' row lists
 * through every segment that holds part of it, so on an index built in
 * many batches it runs about a sixth faster afterwards. Costs about
 * 2.5 s per 80 MB of sentence index (a 1 GB corpus); worth it after an
 * add that wrote much of the index, not after every small one.
 */
int ev_index_compact(ev_index *idx, ev_err *err);

/* Counts for summaries. */
int ev_index_count(ev_index *idx, const char *what, int64_t *out,
                   ev_err *err);

#endif
