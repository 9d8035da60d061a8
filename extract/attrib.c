/*
 * Attributions without a formal cite: "according to a 2019 report [PDF]
 * by the Congressional Research Service", "Japan's defense minister said
 * in 2017", "media outlets have estimated", "In its fiscal 2026 defense
 * budget request". Rules: "according to" phrases, a verb of saying with a
 * noun-phrase subject right before it (pronouns, conjunctions and
 * possessive adjectives like "NATO's stated goal" are not subjects), and
 * "In its ... report/request" phrases. Nothing here knows any name.
 */
#include "cites_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_SUBJ_WORDS 6
#define MAX_PHRASE 200

void ev_attribution_vec_release(ev_attribution_vec *v)
{
    size_t i;
    for (i = 0; i < v->n; i++)
        free(v->v[i].who);
    free(v->v);
    v->v = NULL;
    v->n = v->cap = 0;
}

static int in_list(const char *w, size_t n, const char *const *list)
{
    size_t k;
    for (k = 0; list[k]; k++)
        if (strlen(list[k]) == n && strncasecmp(list[k], w, n) == 0)
            return 1;
    return 0;
}

/* Words that end a subject when walking back from the verb. */
static const char *const stop_words[] = {
    "and", "or", "but", "that", "which", "who", "whom", "whose", "it", "he",
    "she", "they", "we", "i", "you", "this", "these", "those", "there",
    "when", "while", "if", "as", "because", "since", "although", "though",
    "then", "so", "not", "was", "were", "is", "are", "be", "been", "being",
    "in", "on", "at", "of", "for", "with", "to", "from", "by", "about",
    "than", "into", "over", "under", "after", "before", "during", "where",
    "what", "how", "why", "also", "has", "have", "had", "will", "would",
    "could", "should", "may", "might", "can", "must", "do", "does", "did",
    "percent", "one", "some", "many", "most", "all", "each", "it's", "its",
    "his", "her", "their", "our", "my", "your", "him", "them", "us", "me",
    "said", "says", "once", "later", "first", NULL};

/* Skipped between subject and verb: auxiliaries and adverbs. */
static const char *const aux_words[] = {
    "has", "have", "had", "also", "reportedly", "previously", "recently",
    "once", "publicly", "later", "already", "repeatedly", "itself",
    "officially", "separately", "further", NULL};

static const char *const determiners[] = {"the", "a", "an", NULL};

/* Verb forms that are also plural nouns: need a proper-noun subject. */
static const char *const noun_like[] = {
    "claims", "claim", "reports", "estimates", "estimate", "notes", "finds",
    "shows", "states", "projects", "says", "say", "found", "writes",
    "tells", "warns", NULL};

/* The word ending at e (exclusive); returns its start. Words may hold
 * letters, digits, apostrophes (also U+2019), hyphens and dots. */
static size_t word_before(const char *t, size_t lo, size_t e)
{
    size_t s = e;
    while (s > lo) {
        unsigned char c = (unsigned char)t[s - 1];
        if (isalnum(c) || c == '\'' || c == '-' || c == '.' || c >= 0x80) {
            /* stop at U+2014/2013 dashes and curly double quotes */
            if (c >= 0x80 && s >= lo + 3 && (unsigned char)t[s - 3] == 0xE2 &&
                (unsigned char)t[s - 2] == 0x80 &&
                (c == 0x93 || c == 0x94 || c == 0x9C || c == 0x9D))
                break;
            s--;
        } else {
            break;
        }
    }
    return s;
}

static size_t skip_space_back(const char *t, size_t lo, size_t e)
{
    while (e > lo && (t[e - 1] == ' ' || t[e - 1] == '\n' || t[e - 1] == '\t'))
        e--;
    return e;
}

static int possessive(const char *w, size_t n)
{
    if (n >= 2 && w[n - 2] == '\'' && w[n - 1] == 's')
        return 1;
    if (n >= 4 && (unsigned char)w[n - 4] == 0xE2 &&
        (unsigned char)w[n - 3] == 0x80 && (unsigned char)w[n - 2] == 0x99 &&
        w[n - 1] == 's')
        return 1;
    return 0;
}

static int has_digit(const char *w, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (isdigit((unsigned char)w[i]))
            return 1;
    return 0;
}

static int year_in(const char *s, size_t n)
{
    char suf;
    size_t pos;
    return ev_cites__find_year(s, n, 0, &suf, &pos);
}

static int push_attr(ev_attribution_vec *out, size_t s, size_t e,
                     const char *who, size_t who_len, int year)
{
    ev_attribution *a;
    size_t i;
    for (i = 0; i < out->n; i++)
        if (out->v[i].start < e && s < out->v[i].end)
            return 0;
    a = ev_vec_push(out);
    if (!a)
        return EV_ENOMEM;
    a->start = s;
    a->end = e;
    a->year = year;
    if (who && who_len) {
        a->who = ev_strndup(who, who_len);
        if (!a->who)
            return EV_ENOMEM;
    }
    return 0;
}

/* The subject before position e: start of the noun phrase, or (size_t)-1. */
static size_t subject_before(const char *t, size_t lo, size_t e, int need_cap,
                             size_t *head_s, size_t *head_e)
{
    size_t p = skip_space_back(t, lo, e), ws, start = (size_t)-1;
    int words = 0, skipped = 0, any_cap = 0;
    /* auxiliaries and adverbs */
    while (p > lo && skipped < 3) {
        ws = word_before(t, lo, p);
        if (ws == p || !in_list(t + ws, p - ws, aux_words))
            break;
        p = skip_space_back(t, lo, ws);
        skipped++;
    }
    *head_s = *head_e = 0;
    while (p > lo && words < MAX_SUBJ_WORDS) {
        size_t wl;
        ws = word_before(t, lo, p);
        wl = p - ws;
        if (!wl)
            break;
        if (words == 0) {
            if (in_list(t + ws, wl, stop_words) ||
                in_list(t + ws, wl, determiners) || possessive(t + ws, wl) ||
                has_digit(t + ws, wl))
                return (size_t)-1;
            *head_s = ws;
            *head_e = p;
        } else if (in_list(t + ws, wl, determiners)) {
            start = ws;
            words++;
            break;
        } else if (in_list(t + ws, wl, stop_words) || has_digit(t + ws, wl)) {
            break;
        }
        if (isupper((unsigned char)t[ws]))
            any_cap = 1;
        start = ws;
        words++;
        p = skip_space_back(t, lo, ws);
        if (p == ws)
            break; /* punctuation before the word */
    }
    if (!words || (need_cap && !any_cap))
        return (size_t)-1;
    if (need_cap && !isupper((unsigned char)t[*head_s]) &&
        !(start != (size_t)-1 && isupper((unsigned char)t[start])))
        return (size_t)-1;
    return start;
}

static int find_say(const ev_cites_rx *rx, pcre2_match_data *md,
                    const char *t, size_t len, ev_attribution_vec *out)
{
    size_t off = 0;
    while (off < len) {
        PCRE2_SIZE *ov;
        size_t vs, ve, subj, hs, he, pe;
        int need_cap, m;
        m = pcre2_match(rx->say_verb, (PCRE2_SPTR)t, len, off,
                        PCRE2_NO_UTF_CHECK, md, NULL);
        if (m < 0)
            break;
        ov = pcre2_get_ovector_pointer(md);
        vs = ov[0];
        ve = ov[1];
        off = ve > off ? ve : off + 1;
        need_cap = in_list(t + vs, ve - vs, noun_like);
        {
            size_t p = skip_space_back(t, 0, vs);
            if (p > 0 && t[p - 1] == ',') {
                /* "Name, in his address to X, stated": skip the aside */
                size_t q = p - 1, lim = p > 160 ? p - 160 : 0;
                while (q > lim && t[q - 1] != ',' && t[q - 1] != '.' &&
                       t[q - 1] != ';')
                    q--;
                if (q > lim && t[q - 1] == ',') {
                    subj = subject_before(t, 0, q - 1, 1, &hs, &he);
                } else {
                    continue;
                }
            } else {
                subj = subject_before(t, 0, vs, need_cap, &hs, &he);
            }
        }
        if (subj == (size_t)-1)
            continue;
        pe = ve;
        /* "said in 2017" */
        if (pe + 8 <= len && strncmp(t + pe, " in ", 4) == 0 &&
            year_in(t + pe + 4, 4) && (pe + 8 == len ||
                                       !isdigit((unsigned char)t[pe + 8])))
            pe += 8;
        if (pe - subj > MAX_PHRASE)
            continue;
        {
            size_t ws = subj;
            /* who: the subject without its article */
            size_t we = skip_space_back(t, 0, vs);
            if (we - ws > 4 && strncasecmp(t + ws, "the ", 4) == 0)
                ws += 4;
            while (we > ws && (t[we - 1] == ',' || t[we - 1] == ' '))
                we--;
            /* drop the auxiliaries from who */
            {
                size_t k = we;
                for (;;) {
                    size_t w0 = word_before(t, ws, k);
                    if (w0 < k && w0 > ws && in_list(t + w0, k - w0, aux_words))
                        k = skip_space_back(t, ws, w0);
                    else
                        break;
                }
                we = k;
            }
            if (push_attr(out, subj, pe, t + ws, we - ws,
                          year_in(t + subj, pe - subj)))
                return EV_ENOMEM;
        }
    }
    return 0;
}

/* End of an "according to ..." phrase. */
static size_t phrase_end(const char *t, size_t len, size_t s)
{
    size_t i = s, words = 0;
    while (i < len && i - s < MAX_PHRASE) {
        unsigned char c = (unsigned char)t[i];
        if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')' ||
            c == '\n' || c == '"')
            break;
        if (c == '.' && (i + 1 >= len || t[i + 1] == ' ') &&
            !(i >= 1 && isupper((unsigned char)t[i - 1]) &&
              (i < 2 || !isalpha((unsigned char)t[i - 2]))))
            break;
        if (c == 0xE2 && i + 2 < len && (unsigned char)t[i + 1] == 0x80 &&
            ((unsigned char)t[i + 2] == 0x93 || (unsigned char)t[i + 2] == 0x94 ||
             (unsigned char)t[i + 2] == 0x9C || (unsigned char)t[i + 2] == 0x9D))
            break;
        if (c == ' ' && ++words >= 14)
            break;
        if (c == ' ' && i + 6 <= len && strncmp(t + i, " that ", 6) == 0)
            break;
        i++;
    }
    while (i > s && t[i - 1] == ' ')
        i--;
    return i;
}

int ev_attributions_find(const ev_extractor *ex, const char *text,
                         size_t len, ev_attribution_vec *out)
{
    const ev_cites_rx *rx = ex->cit;
    pcre2_match_data *md;
    size_t off = 0;
    int rc = 0;
    if (!text || !len)
        return 0;
    md = pcre2_match_data_create(8, NULL);
    if (!md)
        return EV_ENOMEM;
    /* according to ... */
    while (off < len) {
        PCRE2_SIZE *ov;
        size_t e, ws, we;
        int m = pcre2_match(rx->according, (PCRE2_SPTR)text, len, off,
                            PCRE2_NO_UTF_CHECK, md, NULL);
        if (m < 0)
            break;
        ov = pcre2_get_ovector_pointer(md);
        e = phrase_end(text, len, ov[1]);
        off = ov[1] > off ? ov[1] : off + 1;
        if (e <= ov[1])
            continue;
        ws = ov[1];
        we = e;
        {
            /* who: after " by ", else the phrase without its article */
            size_t k;
            for (k = ws; k + 4 <= we; k++)
                if (strncmp(text + k, " by ", 4) == 0) {
                    ws = k + 4;
                    break;
                }
            if (we - ws > 4 && strncasecmp(text + ws, "the ", 4) == 0)
                ws += 4;
        }
        if ((rc = push_attr(out, ov[0], e, text + ws, we - ws,
                            year_in(text + ov[0], e - ov[0]))) != 0)
            goto done;
    }
    /* In its ... request */
    off = 0;
    while (off < len) {
        PCRE2_SIZE *ov;
        int m = pcre2_match(rx->in_its, (PCRE2_SPTR)text, len, off,
                            PCRE2_NO_UTF_CHECK, md, NULL);
        if (m < 0)
            break;
        ov = pcre2_get_ovector_pointer(md);
        off = ov[1] > off ? ov[1] : off + 1;
        if ((rc = push_attr(out, ov[0], ov[1], NULL, 0,
                            year_in(text + ov[0], ov[1] - ov[0]))) != 0)
            goto done;
    }
    rc = find_say(rx, md, text, len, out);
done:
    pcre2_match_data_free(md);
    return rc;
}
