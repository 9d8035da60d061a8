/*
 * Declarations shared between the files of extract/. Each part of the
 * extractor owns its compiled patterns in a sub-object that
 * ev_extractor_new creates and ev_extractor_free destroys.
 */
#ifndef EV_EXTRACT_INT_H
#define EV_EXTRACT_INT_H

#include "extract.h"

typedef struct ev_numbers_rx ev_numbers_rx; /* numbers.c */
typedef struct ev_cites_rx ev_cites_rx;     /* cites.c */

struct ev_extractor {
    ev_numbers_rx *num;
    ev_cites_rx *cit;
};

int ev_extract__numbers_new(ev_numbers_rx **out, ev_err *err);
void ev_extract__numbers_free(ev_numbers_rx *rx);
int ev_extract__cites_new(ev_cites_rx **out, ev_err *err);
void ev_extract__cites_free(ev_cites_rx *rx);

#endif
