/*
 * extract/: text in, spans out. Finds the layout of plain-text documents
 * (footnote blocks, reference lists, noise), in-text citation markers,
 * quantities and claims, and compares claims across documents. Knows
 * nothing of SQL or files.
 *
 * An ev_extractor holds every compiled pattern (PCRE2, JIT); create it
 * once per process. It is immutable after ev_extractor_new, so one
 * extractor may be shared by many threads; each call allocates its own
 * match data.
 */
#ifndef EV_EXTRACT_H
#define EV_EXTRACT_H

#include "ev_doc.h"

typedef struct ev_extractor ev_extractor;

int ev_extractor_new(ev_extractor **out, ev_err *err);
void ev_extractor_free(ev_extractor *ex);

/*
 * Runs the whole extraction on a document that corpus/ has read:
 * ev_extract_layout (plain text only), ev_extract_cites, ev_extract_claims.
 */
int ev_extract_doc(const ev_extractor *ex, ev_doc *doc, ev_err *err);

#include "extract_numbers.h"
#include "extract_cites.h"
#include "extract_compare.h"

#endif
