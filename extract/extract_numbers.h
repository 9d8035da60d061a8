/*
 * Quantities and claims. The number recogniser finds every figure in a
 * string and normalises it; the claim builder turns the figures of a
 * document into claims with sentence, subject, year and citations.
 */
#ifndef EV_EXTRACT_NUMBERS_H
#define EV_EXTRACT_NUMBERS_H

#include "ev_doc.h"

typedef struct ev_extractor ev_extractor;

/* A figure found by the recogniser. Offsets are relative to the scanned
 * string. The span covers the figure (number, scale, unit words and
 * symbols), not qualifier words; qual_start marks where a qualifier
 * phrase begins (== start when there is none). */
typedef struct ev_quantity {
    size_t start, end;
    size_t qual_start;
    double lo, hi;
    char unit[EV_UNIT_LEN];  /* percent, USD, ..., count, ratio, mg/kg */
    int qualifier;           /* ev_qualifier */
    int is_year;             /* a bare year-like number (dates excluded) */
    int flags;               /* EV_QF_* */
    char detail[EV_UNIT_LEN];/* unit detail ("weeks", "percent of GDP",
                                "USD per year", "cents"), or "" */
    size_t noun_end;         /* end of the counted noun after the figure
                                (== end when there is none) */
} ev_quantity;

enum {
    EV_QF_WORDS = 1,      /* written in words ("fifty-four thousand") */
    EV_QF_CHANGE = 2,     /* one end of "from X to Y" / "decreased X to Y" */
    EV_QF_MULTIPLE = 4,   /* fivefold, twice, 3:1, one in five */
    EV_QF_VAGUE = 8,      /* "hundreds of", "dozens", "billions" */
    EV_QF_BARE = 16,      /* a bare number: no unit and no counted noun */
    EV_QF_INHERIT = 32    /* unit taken from the next figure ("72 to 57
                             percent", "3, rather than 2, percent") */
};

typedef EV_VEC(ev_quantity) ev_quantity_vec;

/*
 * Appends every quantity in text[0..len) to out. text must be valid UTF-8
 * (corpus/ guarantees it for documents; callers with other text repair it
 * first). skip, if non-NULL, lists n_skip sorted spans (e.g. citation
 * markers) in which no figure may start. Returns 0 or EV_ENOMEM.
 * Year-like numbers are reported with is_year set; dates, page/section
 * numbers, identifiers, URL digits, ordinals, list numbers, glued
 * footnote markers and one-glyph-per-line debris are not reported.
 */
int ev_numbers_scan(const ev_extractor *ex, const char *text, size_t len,
                    const size_t (*skip)[2], size_t n_skip,
                    ev_quantity_vec *out);

/*
 * Parses a FIGURE as a user types it ("74.5%", "54,000 troops", "$2
 * billion", "40-50%", "fifty-four thousand"). On success *out holds the
 * figure and, if words is non-NULL, words receives the text around the
 * figure (e.g. "troops"), for narrowing by subject. A bare number with a
 * counted noun has unit "count".
 * Returns 0, or EV_EINVALID with err set when no figure is found.
 */
int ev_figure_parse(const ev_extractor *ex, const char *s, size_t len,
                    ev_quantity *out, ev_buf *words, ev_err *err);

/*
 * Builds doc->claims from doc->text and doc->blocks: scans every block
 * except EV_BLK_NOISE, skips doc->cites marker spans, fills sentence,
 * subject, year, line, block, note, and links each claim to its
 * citations (doc->cites, doc->notes, doc->refs, attributions, links).
 */
int ev_extract_claims(const ev_extractor *ex, ev_doc *doc, ev_err *err);

/* Sentence spans of text[0..len), splitting that survives abbreviations
 * (U.S., Gen., No., et al., e.g.). Appends [start,end) pairs to out. */
typedef EV_VEC(size_t) ev_sizevec;
int ev_sentences_split(const char *text, size_t len, ev_sizevec *out);

/*
 * The subject of a figure: a short lower-cased phrase built from the
 * sentence's own words (the counted noun phrase, the "of" chain after a
 * percentage, else the clause's head words). sent[0..sent_len) is the
 * sentence, q the figure with offsets relative to sent. Appends to out
 * (nothing when no content word is found). Returns 0 or EV_ENOMEM.
 */
int ev_subject_build(const char *sent, size_t sent_len,
                     const ev_quantity *q, ev_buf *out);

/*
 * The year a figure refers to, from its sentence: the one year the
 * sentence states (`In fiscal year 2017`, `FY2018`, `in 2016`), or the
 * year written right after the figure when there are several; 0 when
 * none, when only a decade is given, or when two years compete.
 * fig_start/fig_end are relative to sent.
 */
int ev_claim_year(const char *sent, size_t sent_len, size_t fig_start,
                  size_t fig_end);

/*
 * Appends one claim as a JSON object on one line (no trailing newline):
 * {"doc","start","end","line","surface","value_lo","value_hi","unit",
 * "unit_detail","qualifier","subject","sentence","year","citations"}.
 * doc_name may be NULL (then c->doc, else ""). Returns 0 or EV_ENOMEM.
 */
int ev_claim_json(ev_buf *b, const ev_claim *c, const char *doc_name);

#endif
