/*
 * Citations: the layout of plain-text documents (footnote blocks,
 * reference lists, repeated-URL dumps, garbled sidebars), in-text markers
 * (footnote numbers glued by PDF extraction, [12], author-year), and
 * attributions ("according to a 2019 report by ...").
 */
#ifndef EV_EXTRACT_CITES_H
#define EV_EXTRACT_CITES_H

#include "ev_doc.h"

typedef struct ev_extractor ev_extractor;

/*
 * For EV_FMT_TEXT documents: reclassifies and splits doc->blocks (which
 * corpus/ made as blank-line paragraphs) into body, footnote, reference,
 * meta and noise blocks; fills doc->notes and doc->refs. Other formats
 * come with their structure from corpus/ and are left unchanged.
 */
int ev_extract_layout(const ev_extractor *ex, ev_doc *doc, ev_err *err);

/*
 * Finds in-text citation markers in body blocks and appends them to
 * doc->cites, linked to doc->notes / doc->refs. Markers that corpus/
 * already took from markup (JATS xref) are kept, and no marker is added
 * twice over the same span.
 */
int ev_extract_cites(const ev_extractor *ex, ev_doc *doc, ev_err *err);

/* An attribution phrase found in a sentence. */
typedef struct ev_attribution {
    size_t start, end;  /* the phrase, relative to the scanned string */
    char *who;          /* "Congressional Research Service", or NULL */
    int year;           /* 0 if none */
} ev_attribution;

typedef EV_VEC(ev_attribution) ev_attribution_vec;

/* Appends the attribution phrases found in text[0..len) (one sentence). */
int ev_attributions_find(const ev_extractor *ex, const char *text,
                         size_t len, ev_attribution_vec *out);
void ev_attribution_vec_release(ev_attribution_vec *v);

/*
 * Links one claim to its citations (appends to claim->cites): markers in
 * its sentence or closing its clause, the footnote it sits in, the
 * reference entry it is in, attributions in the sentence, anchors around
 * it. Nearest first. Called by ev_extract_claims.
 */
int ev_link_claim(const ev_extractor *ex, const ev_doc *doc,
                  ev_claim *claim);

/*
 * JSON lines of `evidex --json cites` / `evidex --json refs`: appends one
 * object (no trailing newline) to b. A cite prints {doc, start, end,
 * marker, kind, refs: [{text, year, doi, label?}]}, where refs holds the
 * c->refs.n resolved entries (NULL entries are left out); a reference
 * {doc, marker (footnote number or list label, or null), text, authors,
 * year, title, container, urls, doi}, its closing brace last so a caller
 * may add fields before it. The _doc variants resolve references and the
 * marker from a whole document. Return 0 or EV_ENOMEM.
 */
int ev_cite_json(ev_buf *b, const char *doc_name, const ev_cite *c,
                 const ev_ref *const *refs);
int ev_cite_json_doc(ev_buf *b, const ev_doc *doc, const ev_cite *c);
int ev_ref_json(ev_buf *b, const char *doc_name, const char *marker,
                const ev_ref *r);
int ev_ref_json_doc(ev_buf *b, const ev_doc *doc, const ev_ref *r);

#endif
