/*
 * Declarations shared by the citation files of extract/ (cites.c,
 * layout.c, references.c, attrib.c, link.c, cites_json.c): the compiled
 * patterns of the citation side and small text helpers.
 */
#ifndef EV_CITES_INT_H
#define EV_CITES_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "extract_int.h"

struct ev_cites_rx {
    pcre2_code *author_year; /* "Smith et al., 2010", "Olson and X (1966)" */
    pcre2_code *say_verb;    /* verbs of saying for attributions */
    pcre2_code *according;   /* "according to ..." */
    pcre2_code *in_its;      /* "In its fiscal 2026 defense budget request" */
};

/* Longest run of a reference text we parse; longer entries are cut. */
#define EV_CITES_MAX_ENTRY 4096

/*
 * Finds a plausible publication year in s[0..len): footnote mode prefers
 * date-like years ("15 February 2017,", "(July 2017)", ", 2016,"),
 * reference mode the first year outside URLs and numeric dates. Returns
 * the year or 0; *suffix gets 'a' of "2019a" (or 0), *pos the offset.
 */
int ev_cites__find_year(const char *s, size_t len, int footnote_mode,
                        char *suffix, size_t *pos);

/* Appends the complete http(s) URLs of s (trailing punctuation cut,
 * "example. org/x" space artefacts repaired), without duplicates. */
int ev_cites__urls(ev_strvec *out, const char *s, size_t len);

/* Fills r (text already set, one line) from its text: label, authors,
 * first_author, year, title, container, doi, pmid, urls, accessed.
 * footnote_mode selects the year rule. Returns 0 or EV_ENOMEM. */
int ev_cites__parse_ref(ev_ref *r, int footnote_mode);

/* Writes the comparison key of a surname: ASCII lowercased, letters and
 * non-ASCII bytes only (apostrophes, spaces, hyphens dropped). */
void ev_cites__name_key(ev_buf *out, const char *s, size_t len);

/* Number of authors in a reference's author string (et al. counts 3). */
int ev_cites__n_authors(const ev_ref *r);

/* Joins the lines of s[0..len) into out: whitespace runs collapsed to one
 * space, URLs broken at a line end glued back. */
int ev_cites__join_lines(ev_buf *out, const char *s, size_t len);

/* Nonzero for U+0020/tab/CR/LF/FF and U+00A0/U+2002..U+200A at s. */
size_t ev_cites__space_len(const char *s, size_t len);

/* The reference that is footnote note's source, or -1 (link.c). */
int ev_cites__ref_of_note(const ev_doc *doc, int note);

#endif
