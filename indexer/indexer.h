/*
 * indexer/: the public API of evidex as a library. It runs the pipeline
 * corpus -> extract -> index (parsing and extraction on worker threads,
 * one writer batching documents into transactions, incremental by size,
 * mtime and content hash), and answers the cross-document questions
 * (sources of a figure, conflicts, checking a draft) by combining index
 * queries with extract/'s comparison functions.
 *
 * Library code never prints: per-file outcomes and progress reach the
 * caller through callbacks.
 */
#ifndef EV_INDEXER_H
#define EV_INDEXER_H

#include <signal.h>

#include "corpus.h"
#include "extract.h"
#include "index.h"

/* ---- adding sources ---- */

enum {
    EV_ADD_ADDED = 0,
    EV_ADD_UPDATED,
    EV_ADD_UNCHANGED,
    EV_ADD_FAILED,
    EV_ADD_WARNING /* indexed, with a warning (e.g. invalid UTF-8 repaired) */
};

typedef struct ev_add_stats {
    size_t added, updated, unchanged, failed, skipped, removed;
    uint64_t bytes;          /* source bytes read and indexed */
    uint64_t text_bytes;     /* extracted text bytes */
    uint64_t claims, passages;
    double wall_sec;
    /* thread CPU seconds: reading and parsing, extraction, preparing
     * for the index (packing the text and tokenizing it; these three on
     * the workers), and the writer */
    double cpu_parse, cpu_extract, cpu_pack, cpu_index;
    /* wall seconds the writer spent waiting for the workers' next
     * result, committing batches, and compacting after the run */
    double wall_wait, wall_commit, wall_compact;
    int interrupted;
} ev_add_stats;

/* One call per file that failed or carries a warning. */
typedef void (*ev_add_report_fn)(void *ctx, const char *path, int status,
                                 const char *msg);
/* Progress: files done of total, bytes done, seconds elapsed. */
typedef void (*ev_add_progress_fn)(void *ctx, size_t done, size_t total,
                                   uint64_t bytes, double elapsed);

typedef struct ev_add_opts {
    int jobs;                       /* worker threads; 0 = one per core */
    int force;                      /* re-index even when unchanged */
    int prune;                      /* remove documents under the given
                                       folders whose files are gone */
    ev_corpus_opts corpus;
    volatile sig_atomic_t *stop;    /* set by a signal handler: stop after
                                       the current file */
    ev_add_report_fn report;
    ev_add_progress_fn progress;
    void *ctx;
} ev_add_opts;

/*
 * Indexes every source under paths. Per-file problems are reported and
 * counted, not returned; the return value is 0, or a negative EV_E* for
 * a failure of the index itself (err set).
 */
int ev_indexer_add(ev_index *idx, const ev_extractor *ex,
                   const char *const *paths, size_t n_paths,
                   const ev_add_opts *opts, ev_add_stats *stats,
                   ev_err *err);

/* ---- cross-document questions ---- */

typedef EV_VEC(ev_claim) ev_claim_vec;
void ev_claim_vec_release(ev_claim_vec *v);

/* A claim that matched, with its score. */
typedef struct ev_source_hit {
    ev_claim claim;
    double score;
} ev_source_hit;

typedef EV_VEC(ev_source_hit) ev_source_vec;
void ev_source_vec_release(ev_source_vec *v);

/*
 * Every claim that states FIGURE (parsed by the same recogniser), best
 * first. about: words that narrow by subject/sentence (may be NULL).
 * tolerance_pct < 0: default tolerance. The parsed figure is returned in
 * *fig.
 */
int ev_sources(ev_index *idx, const ev_extractor *ex, const char *figure,
               const char *about, double tolerance_pct, int limit,
               ev_quantity *fig, ev_source_vec *out, ev_err *err);

/* Default bound on the claims one conflicts run compares. */
#define EV_CONFLICTS_MAX_CLAIMS 50000

/* Conflicting groups over the corpus (optionally narrowed by words). The
 * groups' member indexes point into *claims. More than max_claims
 * matching claims (0: EV_CONFLICTS_MAX_CLAIMS) is EV_ELIMIT, with a
 * message saying how many match: memory and time grow with them. */
int ev_conflicts(ev_index *idx, const ev_extractor *ex,
                 const ev_synonyms *syn, const char *about, int min_sources,
                 size_t max_claims, ev_claim_vec *claims,
                 ev_group_vec *groups, ev_err *err);

/* One figure of a draft with its verdict and the claims behind it. */
typedef struct ev_draft_figure {
    ev_claim fig;            /* as a claim of the draft (doc = file) */
    int col;                 /* 1-based column (bytes) */
    ev_check_result result;
    ev_claim_vec sources;    /* result's indexes point here */
} ev_draft_figure;

typedef EV_VEC(ev_draft_figure) ev_draft_vec;
void ev_draft_vec_release(ev_draft_vec *v);

/*
 * Reads a draft (Markdown, plain text or LaTeX; code blocks, LaTeX
 * commands and comments are skipped) and checks each figure.
 */
int ev_check_draft(ev_index *idx, const ev_extractor *ex,
                   const ev_synonyms *syn, const char *path,
                   ev_draft_vec *out, ev_err *err);

/* The same on text in memory (name is used for claim->doc). */
int ev_check_text(ev_index *idx, const ev_extractor *ex,
                  const ev_synonyms *syn, const char *name, const char *text,
                  size_t len, ev_draft_vec *out, ev_err *err);

#endif
