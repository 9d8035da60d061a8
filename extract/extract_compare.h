/*
 * Comparing claims across documents: which claims a FIGURE matches,
 * which claims measure the same quantity, whether two values can both be
 * true, and a verdict for each figure of a draft. Pure functions over
 * ev_claim arrays (index/ loads them; extract/ never touches SQL).
 */
#ifndef EV_EXTRACT_COMPARE_H
#define EV_EXTRACT_COMPARE_H

#include "ev_doc.h"
#include "extract_numbers.h"

typedef struct ev_extractor ev_extractor;

/* Synonym sets for subjects: "troops ~ personnel ~ service members". */
typedef struct ev_synonyms ev_synonyms;

/* Defaults built in; then, if path is non-NULL and exists, its lines
 * ("a ~ b ~ c", '#' comments) are added. */
int ev_synonyms_load(ev_synonyms **out, const char *path, ev_err *err);
void ev_synonyms_free(ev_synonyms *s);

/* Unit family: percent, money (per currency), count, ratio, physical. */
int ev_unit_same_family(const char *a, const char *b);

/*
 * Scores how well a claim matches a figure: < 0 when it does not match
 * (unit family differs or the intervals do not overlap within
 * tolerance), else higher is better. tolerance_pct < 0 means the
 * default (the figures' own precision).
 */
double ev_figure_match(const ev_quantity *fig, const ev_claim *c,
                       double tolerance_pct);

/* The best score ev_figure_match gives: a claim whose interval is the
 * figure's own, exact or qualified as the figure is (a bound, "more than",
 * scores 0.25 less). No claim scores higher. */
#define EV_FIGURE_MATCH_BEST 2.5

/* The best score of a claim whose interval is not the figure's and whose
 * qualifier is neither EV_Q_EXACT nor the figure's: its closeness (at
 * most 1) and nothing on top. */
#define EV_FIGURE_MATCH_NEAR 1.0

/* A group of claims about one quantity. */
typedef struct ev_group {
    char *subject;
    ev_intvec members;     /* indexes into the claims array */
    double severity;       /* larger = values further apart */
    int conflict;          /* 1 when the values cannot all be true */
    char *why;             /* shared words, unit, year: for --why */
} ev_group;

typedef EV_VEC(ev_group) ev_group_vec;
void ev_group_vec_release(ev_group_vec *v);

/*
 * Groups claims[0..n) that measure the same quantity and appends to out
 * the groups whose values conflict (most severe first). min_sources:
 * groups with fewer distinct documents are dropped (1 keeps all).
 */
int ev_conflicts_find(const ev_extractor *ex, const ev_synonyms *syn,
                      const ev_claim *claims, size_t n, int min_sources,
                      ev_group_vec *out);

typedef enum ev_verdict {
    EV_V_SUPPORTED = 0,
    EV_V_CONTRADICTED,
    EV_V_DISPUTED,
    EV_V_UNSUPPORTED
} ev_verdict;

const char *ev_verdict_name(int v);

/* The verdict for a figure of a draft. */
typedef struct ev_check_result {
    int verdict;
    ev_intvec agree;      /* indexes into the candidate claims */
    ev_intvec disagree;
    char *subject;        /* what the figure was compared on, or NULL */
    char *why;
} ev_check_result;

void ev_check_result_release(ev_check_result *r);

/*
 * Compares a draft's figure (fig, with its sentence as a claim: draft)
 * against candidate corpus claims[0..n) (usually preselected by unit
 * family and words). Fills *out.
 */
int ev_check_figure(const ev_extractor *ex, const ev_synonyms *syn,
                    const ev_claim *draft, const ev_claim *claims, size_t n,
                    ev_check_result *out);

/*
 * Appends to out (space-separated) up to max_words content words of the
 * claim that say what it measures, nearest to the figure first: the
 * words to preselect candidates with (stop words, numbers and figure
 * words left out). Returns 0 or EV_ENOMEM.
 */
int ev_compare_query_words(const ev_synonyms *syn, const ev_claim *c,
                           size_t max_words, ev_buf *out);

/*
 * Features of corpus claims cached across the figures of one draft, so a
 * claim that is a candidate for many figures is read once. Not shared
 * between threads; syn must outlive the cache.
 */
typedef struct ev_feat_cache ev_feat_cache;

int ev_feat_cache_new(ev_feat_cache **out, const ev_synonyms *syn);
void ev_feat_cache_free(ev_feat_cache *c);

/* Reads claims[0..n) into the cache (each once). Word weights come
 * from all claims read so far, so a caller that checks several figures
 * adds every figure's candidates first. EV_ENOMEM on failure. */
int ev_feat_cache_add(ev_feat_cache *c, const ev_claim *claims, size_t n);

/* ev_check_figure with features taken from (and added to) cache. */
int ev_check_figure_cached(ev_feat_cache *cache, const ev_claim *draft,
                           const ev_claim *claims, size_t n,
                           ev_check_result *out);

#endif
