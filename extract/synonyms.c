/*
 * Synonym sets for comparing what claims measure: "troops ~ personnel ~
 * service members". The defaults (the same sets as data/synonyms.txt) are
 * built in so the binary works without the file; a user file adds sets.
 * Each phrase is stored as its stems; a run of stems that matches a
 * phrase stands for the set's canonical id.
 */
#include "compare_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char default_sets[] =
    "troops ~ personnel ~ service members ~ servicemembers ~ military personnel ~ forces ~ soldiers ~ servicemen ~ service personnel ~ military members\n"
    "cost sharing ~ host nation support ~ burden sharing ~ host-nation support ~ HNS ~ cost-sharing ~ burden-sharing ~ special measures agreement\n"
    "stationing ~ stationed ~ hosting ~ hosted ~ deployment ~ deployed\n"
    "bases ~ facilities ~ installations ~ military bases ~ military facilities ~ base\n"
    "relocate ~ transfer ~ move ~ redeploy ~ shift ~ withdraw ~ pull\n"
    "pay ~ paid ~ payment ~ cover ~ contribute ~ contribution ~ offset ~ shoulder ~ bear\n"
    "spending ~ spend ~ spent ~ expenditure ~ outlays ~ outlay\n"
    "budget ~ appropriation ~ budget request ~ appropriations\n"
    "total ~ overall ~ entire ~ whole\n"
    "annual ~ annually ~ per year ~ a year ~ each year ~ yearly ~ every year\n"
    "share ~ proportion ~ percentage ~ fraction ~ portion ~ rate\n"
    "marines ~ marine corps ~ marine ~ marine personnel\n"
    "defense ~ defence ~ military\n"
    "killed ~ deaths ~ died ~ fatalities ~ dead ~ death toll\n"
    "gdp ~ gross domestic product ~ economic output\n"
    "increase ~ rise ~ growth ~ grow ~ raise ~ hike\n"
    "decrease ~ decline ~ fall ~ drop ~ reduction ~ cut\n"
    "poll ~ survey ~ opinion poll\n"
    "respondents ~ people surveyed ~ those polled ~ those surveyed\n"
    "confidence ~ trust\n"
    "favourable ~ favorable ~ positive\n"
    "unemployment ~ joblessness\n"
    "inflation ~ price growth\n"
    "population ~ inhabitants ~ residents\n"
    "children ~ kids\n"
    "cost ~ price ~ expense\n";

typedef struct phrase {
    uint64_t first;  /* term hash of the first stem */
    uint64_t canon;  /* the set's id */
    char *stems;     /* stems joined by single spaces */
    size_t n_words;
} phrase;

struct ev_synonyms {
    EV_VEC(phrase) p;
    int sorted;
};

uint64_t ev_compare__term(const char *stem, size_t len)
{
    return ev_hash64(stem, len, 0x9e3779b97f4a7c15ULL);
}

/* Lowercases and stems the words of text[0..len) into out (joined by
 * spaces); returns the number of words. */
static size_t stem_phrase(const char *text, size_t len, ev_buf *out)
{
    size_t i = 0, n = 0;
    while (i < len) {
        char w[EV_WORD_MAX];
        size_t wl = 0;
        while (i < len && !isalnum((unsigned char)text[i]))
            i++;
        while (i < len && (isalnum((unsigned char)text[i]) ||
                           (text[i] == '.' && wl == 1))) {
            if (text[i] != '.' && wl + 1 < sizeof(w))
                w[wl++] = (char)tolower((unsigned char)text[i]);
            i++;
        }
        if (!wl)
            continue;
        w[wl] = '\0';
        wl = ev_compare__stem(w, wl);
        if (n)
            ev_buf_putc(out, ' ');
        ev_buf_add(out, w, wl);
        n++;
    }
    return n;
}

static int add_set(ev_synonyms *s, const char *line, size_t len)
{
    uint64_t canon = 0;
    int have_canon = 0;
    size_t i = 0;
    ev_buf b = EV_BUF_INIT;
    while (i <= len) {
        size_t j = i, n;
        phrase *p;
        while (j < len && line[j] != '~')
            j++;
        ev_buf_clear(&b);
        n = stem_phrase(line + i, j - i, &b);
        if (b.oom) {
            ev_buf_release(&b);
            return EV_ENOMEM;
        }
        if (n) {
            const char *sp = strchr(b.ptr, ' ');
            size_t first_len = sp ? (size_t)(sp - b.ptr) : b.len;
            if (!have_canon) {
                canon = ev_compare__term(b.ptr, b.len) ^ 0x5bd1e995ULL;
                have_canon = 1;
            }
            p = ev_vec_push(&s->p);
            if (!p) {
                ev_buf_release(&b);
                return EV_ENOMEM;
            }
            p->stems = ev_strndup(b.ptr, b.len);
            if (!p->stems) {
                s->p.n--;
                ev_buf_release(&b);
                return EV_ENOMEM;
            }
            p->first = ev_compare__term(b.ptr, first_len);
            p->canon = canon;
            p->n_words = n;
        }
        i = j + 1;
    }
    ev_buf_release(&b);
    return 0;
}

static int add_text(ev_synonyms *s, const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t j = i, end;
        int rc;
        while (j < len && text[j] != '\n')
            j++;
        end = j;
        {
            const char *hash = memchr(text + i, '#', j - i);
            if (hash)
                end = (size_t)(hash - text);
        }
        if (end > i && memchr(text + i, '~', end - i)) {
            rc = add_set(s, text + i, end - i);
            if (rc)
                return rc;
        }
        i = j + 1;
    }
    return 0;
}

static int cmp_phrase(const void *a, const void *b)
{
    const phrase *x = a, *y = b;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    /* longer phrases first, so the first hit of a scan is the longest */
    if (x->n_words != y->n_words)
        return x->n_words > y->n_words ? -1 : 1;
    return 0;
}

int ev_synonyms_load(ev_synonyms **out, const char *path, ev_err *err)
{
    ev_synonyms *s = calloc(1, sizeof(*s));
    int rc;
    *out = NULL;
    if (!s)
        return ev_err_set(err, EV_ENOMEM, "out of memory");
    rc = add_text(s, default_sets, sizeof(default_sets) - 1);
    if (!rc && path) {
        FILE *f = fopen(path, "rb");
        if (f) {
            ev_buf b = EV_BUF_INIT;
            char chunk[4096];
            size_t got;
            while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
                ev_buf_add(&b, chunk, got);
            if (ferror(f))
                rc = ev_err_set(err, EV_EIO, "cannot read '%s'", path);
            else if (b.oom)
                rc = EV_ENOMEM;
            else if (b.len)
                rc = add_text(s, b.ptr, b.len);
            fclose(f);
            ev_buf_release(&b);
        } else if (errno != ENOENT) {
            rc = ev_err_set(err, EV_EIO, "cannot open '%s': %s", path,
                            strerror(errno));
        }
    }
    if (rc) {
        if (rc == EV_ENOMEM)
            ev_err_set(err, EV_ENOMEM, "out of memory");
        ev_synonyms_free(s);
        return rc;
    }
    if (s->p.n)
        qsort(s->p.v, s->p.n, sizeof(s->p.v[0]), cmp_phrase);
    s->sorted = 1;
    *out = s;
    return 0;
}

void ev_synonyms_free(ev_synonyms *s)
{
    size_t i;
    if (!s)
        return;
    for (i = 0; i < s->p.n; i++)
        free(s->p.v[i].stems);
    free(s->p.v);
    free(s);
}

/* Does the phrase's stem list equal stems[0..n_words)? */
static int phrase_is(const phrase *p, const char *const *stems, size_t n)
{
    const char *q = p->stems;
    size_t k;
    if (p->n_words > n)
        return 0;
    for (k = 0; k < p->n_words; k++) {
        size_t l = strlen(stems[k]);
        if (strncmp(q, stems[k], l) != 0 || (q[l] != ' ' && q[l] != '\0'))
            return 0;
        q += l;
        if (*q == ' ')
            q++;
    }
    return 1;
}

size_t ev_compare__syn_match(const ev_synonyms *s, const char *const *stems,
                             size_t n, uint64_t *canon)
{
    uint64_t first;
    size_t lo = 0, hi, i;
    if (!s || !n || !s->p.n)
        return 0;
    first = ev_compare__term(stems[0], strlen(stems[0]));
    hi = s->p.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->p.v[mid].first < first)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (i = lo; i < s->p.n && s->p.v[i].first == first; i++) {
        if (phrase_is(&s->p.v[i], stems, n)) {
            *canon = s->p.v[i].canon;
            return s->p.v[i].n_words;
        }
    }
    return 0;
}
