/*
 * Declarations shared by the files of the claim comparison (compare.c,
 * compare_lex.c, synonyms.c, stem.c): the word stemmer, the synonym
 * canonicaliser and the reading of single words.
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

/* ------------------------------------------------------------------ */
/* Words (compare_lex.c)                                                */

/* What a token is: a word, a number ("54,000"), a number in words
 * ("thirty"), or punctuation that bounds a phrase. */
enum { EV_TK_WORD, EV_TK_NUM, EV_TK_NUMWORD, EV_TK_PUNCT };

/* Word classes, bits of ev_lex.cls: the word lists a word (by its
 * lowercase form) or its stem is in. */
enum {
    EV_WC_STOP = 1u << 0,        /* never content: "the", "percent" */
    EV_WC_SEPARATOR = 1u << 1,   /* separates compared items: "versus" */
    EV_WC_PHRASE_END = 1u << 2,  /* ends a noun phrase: "that", "and" */
    EV_WC_CONTRAST = 1u << 3,    /* another estimate follows: "though" */
    EV_WC_COMPARE = 1u << 4,     /* sets figures side by side: "versus" */
    EV_WC_PUBLICATION = 1u << 5, /* names a publication: "report" */
    EV_WC_DEMAND = 1u << 6,      /* stem of a demand: "urg", "call" */
    EV_WC_TARGET = 1u << 7,      /* stem of a target: "goal", "ceil" */
    EV_WC_CHANGE = 1u << 8,      /* stem of a change verb: "rose" */
    EV_WC_ATTRIB = 1u << 9,      /* stem of an attribution: "estim" */
    EV_WC_MEASURE = 1u << 10,    /* stem of a measured noun: "share" */
    EV_WC_STATEMENT = 1u << 11,  /* stem of a statement verb: "announc" */
    EV_WC_PAIR = 1u << 12        /* a word of a two-word country name, in
                                  * any case ("United", "korea") */
};

/* One word as the comparison reads it: everything about it that does
 * not depend on the words around it. */
typedef struct ev_lex {
    int kind;      /* EV_TK_WORD, EV_TK_NUM or EV_TK_NUMWORD */
    unsigned cls;  /* EV_WC_* bits */
    int name;      /* country id of the word as written, or 0 */
    int name_any;  /* country id of the word in any case, or 0 */
    int year;      /* 1900..2099 for "2019" or "FY2019", else 0 */
    uint64_t term; /* a word (EV_TK_WORD) of two letters or more and no
                    * stop word: ev_compare__term of its stem; else 0 */
    size_t len;    /* of the word, low and low before stemming */
    size_t stem_len;
    char low[EV_WORD_MAX];  /* lowercase */
    char stem[EV_WORD_MAX]; /* stemmed (EV_TK_WORD only), else low */
} ev_lex;

/* Reads raw[0..len) (letters and digits, 0 < len < EV_WORD_MAX) into
 * out. */
void ev_compare__lex_read(ev_lex *out, const char *raw, size_t len);

/*
 * The id of the two-word country name that word w makes with the word
 * after it (next) or before it (prev); either may be NULL. Exact case
 * unless any_case. 0 when none.
 */
int ev_compare__entity_pair(const char *prev, const char *w,
                            const char *next, int any_case);

/*
 * The words read so far, so that a word met again is not read again.
 * A zeroed ev_lexicon (EV_LEXICON_INIT) is empty and ready; it grows up
 * to a fixed number of words (then further words are read each time).
 * Not shared between threads.
 */
typedef struct ev_lex_entry ev_lex_entry;
typedef struct ev_word_class ev_word_class;
typedef struct ev_lexicon {
    ev_lex_entry *v;        /* the words, in the order read */
    uint32_t *ix;           /* hash table of 1 + index into v (0: free) */
    size_t n, cap;          /* words; slots of ix (0 or a power of two) */
    ev_word_class *classes; /* the word lists by word, or NULL */
} ev_lexicon;

#define EV_LEXICON_INIT {NULL, NULL, 0, 0, NULL}

void ev_compare__lexicon_release(ev_lexicon *lx);

/*
 * The reading of raw[0..len) (as ev_compare__lex_read): from lx when it
 * holds the word, else read into *tmp (and kept in lx if it has room).
 * lx may be NULL. The result is valid until the next call with lx.
 */
const ev_lex *ev_compare__lexicon_get(ev_lexicon *lx, const char *raw,
                                      size_t len, ev_lex *tmp);

#endif
