/*
 * Declarations shared by the files of the claim comparison (compare.c,
 * synonyms.c, stem.c): the word stemmer and the synonym canonicaliser.
 */
#ifndef EV_COMPARE_INT_H
#define EV_COMPARE_INT_H

#include "extract_compare.h"

/* Longest word the stemmer and the synonym table handle (bytes). */
#define EV_WORD_MAX 48

/*
 * Stems the lowercase ASCII word w[0..len) in place (Porter's algorithm,
 * steps 1-5) and returns the new length. Words with other bytes, and
 * words of one or two letters, are left alone.
 */
size_t ev_compare__stem(char *w, size_t len);

/*
 * Given the stems of a token run stems[0..n), returns how many leading
 * stems a synonym phrase covers (0 when none) and sets *canon to the
 * phrase's canonical id (stable while s lives). Longest phrase wins.
 */
size_t ev_compare__syn_match(const ev_synonyms *s, const char *const *stems,
                             size_t n, uint64_t *canon);

/* Hash of one stem, as used for terms. */
uint64_t ev_compare__term(const char *stem, size_t len);

/*
 * How many decimals "%.10g" prints for v >= 0 (0 when no point), or -1
 * when it cannot tell without printing (then half_unit prints).
 */
int ev_compare__typed_decimals(double v);

/*
 * Debugging aid (bench/conflicts_dump --debug): appends to out the
 * features of claims[sel[i]] (weighed against all n claims) and the
 * decision for every pair among them.
 */
int ev_compare__debug(const ev_synonyms *syn, const ev_claim *claims,
                      size_t n, const int *sel, size_t n_sel, ev_buf *out);

#endif
