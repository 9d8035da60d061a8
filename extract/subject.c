/*
 * The subject of a figure: what it measures, as a short lower-cased
 * phrase made of the sentence's own words. Rules, in order:
 *   1. the counted noun phrase after the figure, with its "in/of/on"
 *      tail ("54,000 U.S. troops in Japan" -> "u.s. troops in japan");
 *   2. the "of" chain after a share or an amount ("86 percent of the
 *      total cost of stationing U.S. troops" -> "total cost of stationing
 *      u.s. troops");
 *   3. the clause's words before the figure (the verb's subject and the
 *      verb) plus the words right after it ("Japan paid ... on the bases").
 * Rule 1 or 2 is followed by the clause head when it names a different
 * entity, so that "Japan" and "UK" figures stay apart.
 */
#include "extract_int.h"
#include "numbers_lex.h"

#include <string.h>
#include <strings.h>

static const char *const STOP[] = {
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "and",
    "or", "but", "with", "from", "as", "that", "this", "these", "those",
    "is", "are", "was", "were", "be", "been", "being", "it", "its", "their",
    "there", "which", "who", "whom", "whose", "has", "have", "had", "will",
    "would", "can", "could", "may", "might", "should", "must", "do",
    "does", "did", "also", "some", "about", "approximately", "around",
    "roughly", "nearly", "almost", "more", "than", "less", "fewer", "over",
    "under", "up", "least", "most", "only", "just", "mere", "between",
    "per", "percent", "cent", "such", "so", "very", "much", "many",
    "estimated", "an", "according", "said", "says", "while", "when",
    "where", "if", "then", "not", "no", "all", "each", "both", "he", "she",
    "they", "we", "i", "you", "his", "her", "our", "my", "your", "them",
    "us", "him", "what", "how", "why", "into", "out", "after", "before",
    "since", "until", "during", "because", "though", "although", "yet",
    "still", "even", "other", "another", "same", "s", "t", "year",
    "years", "annually", "whereas", NULL};

/* Words that end a noun phrase going right. */
static const char *const BREAK_RIGHT[] = {
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will",
    "would", "can", "could", "may", "might", "should", "must", "do", "does",
    "did", "that", "which", "who", "whom", "and", "or", "but", "than",
    "as", "while", "when", "because", "since", "although", "though",
    "if", "by", "with", "to", "from", "per", "according", "between",
    "during", "after", "before", "into", "over", "under", "against", NULL};

typedef struct wordlist {
    size_t a[24], b[24];
    int n;
} wordlist;

static void add_word(wordlist *w, size_t a, size_t b)
{
    if (w->n < 24) {
        w->a[w->n] = a;
        w->b[w->n] = b;
        w->n++;
    }
}

/* Next word at or after p within [.., len); word chars are letters,
 * digits, '.', '-', '’' inside. Stops (returns 0) at punctuation that
 * ends a clause. */
static int next_word(const char *t, size_t len, size_t *p, size_t *a,
                     size_t *b)
{
    size_t q = *p;
    const unsigned char *s = (const unsigned char *)t;
    while (q < len && (s[q] == ' ' || s[q] == '\n' || s[q] == '\t' ||
                       s[q] == '\r' || s[q] == '"' || s[q] >= 0x80)) {
        if (s[q] >= 0x80) {
            /* quotes and spaces are skipped, other symbols stop */
            if (q + 2 < len && s[q] == 0xE2 && s[q + 1] == 0x80 &&
                (s[q + 2] == 0x9C || s[q + 2] == 0x9D ||
                 s[q + 2] == 0x98 || s[q + 2] == 0x99 ||
                 (s[q + 2] >= 0x80 && s[q + 2] <= 0x8A))) {
                q += 3;
                continue;
            }
            if (q + 1 < len && s[q] == 0xC2 && s[q + 1] == 0xA0) {
                q += 2;
                continue;
            }
            break;
        }
        q++;
    }
    if (q >= len || !lx_alnum(s[q]))
        return 0;
    *a = q;
    while (q < len && (lx_alnum(s[q]) ||
                       ((s[q] == '.' || s[q] == '-' || s[q] == '\'') &&
                        q + 1 < len && lx_alnum(s[q + 1])) ||
                       (s[q] == '.' && q >= 2 && s[q - 2] == '.')))
        q++;
    *b = q;
    *p = q;
    return 1;
}

static int is_stop(const char *t, size_t a, size_t b)
{
    return lx_in(t, a, b, STOP);
}

static int has_digit(const char *t, size_t a, size_t b)
{
    size_t i;
    for (i = a; i < b; i++)
        if (lx_digit((unsigned char)t[i]))
            return 1;
    return 0;
}

/* Words right of the figure: the noun phrase and its prepositional tail. */
static void right_phrase(const char *t, size_t len, size_t p, int max,
                         wordlist *w)
{
    size_t a, b;
    int k = 0, preps = 0;
    while (k < max && next_word(t, len, &p, &a, &b)) {
        if (has_digit(t, a, b))
            break;
        if (lx_in(t, a, b, BREAK_RIGHT))
            break;
        if (lx_eq(t, a, b, "of") || lx_eq(t, a, b, "in") ||
            lx_eq(t, a, b, "on") || lx_eq(t, a, b, "at") ||
            lx_eq(t, a, b, "for")) {
            if (++preps > 2)
                break;
        }
        add_word(w, a, b);
        k++;
    }
}

/* Words of the clause before position p (up to max), in text order. */
static void left_phrase(const char *t, size_t p, int max, wordlist *w)
{
    size_t ends[16], starts[16];
    int n = 0, i;
    size_t q = p;
    while (n < max && q > 0) {
        size_t b, a;
        while (q > 0 && (t[q - 1] == ' ' || t[q - 1] == '\n' ||
                         t[q - 1] == '\t' || t[q - 1] == '\r'))
            q--;
        if (q == 0 || !lx_alnum((unsigned char)t[q - 1]))
            break;
        b = q;
        while (q > 0 && (lx_alnum((unsigned char)t[q - 1]) ||
                         ((t[q - 1] == '.' || t[q - 1] == '-') && q >= 2 &&
                          lx_alnum((unsigned char)t[q - 2]))))
            q--;
        a = q;
        if (has_digit(t, a, b))
            break;
        starts[n] = a;
        ends[n] = b;
        n++;
    }
    for (i = n - 1; i >= 0; i--)
        add_word(w, starts[i], ends[i]);
}

static void emit(const char *t, const wordlist *w, ev_buf *out,
                 size_t *n_out)
{
    int i, j;
    for (i = 0; i < w->n; i++) {
        size_t a = w->a[i], b = w->b[i], k;
        int dup = 0;
        if (is_stop(t, a, b) && !(lx_eq(t, a, b, "of") && i > 0 &&
                                  i + 1 < w->n &&
                                  !is_stop(t, w->a[i + 1], w->b[i + 1])))
            continue;
        for (j = 0; j < i; j++)
            if (w->b[j] - w->a[j] == b - a &&
                strncasecmp(t + w->a[j], t + a, b - a) == 0)
                dup = 1;
        if (dup)
            continue;
        if (*n_out)
            ev_buf_putc(out, ' ');
        for (k = a; k < b; k++)
            ev_buf_putc(out, (char)lx_lc((unsigned char)t[k]));
        (*n_out)++;
    }
}

int ev_subject_build(const char *sent, size_t sent_len,
                     const ev_quantity *q, ev_buf *out)
{
    wordlist main_w, head_w;
    size_t n = 0, r, a, b, p;
    size_t len0 = out->len;

    memset(&main_w, 0, sizeof(main_w));
    memset(&head_w, 0, sizeof(head_w));
    if (q->end > sent_len || q->start > q->end)
        return 0;

    if (q->noun_end > q->end) {
        /* rule 1: counted noun phrase */
        right_phrase(sent, sent_len, q->end, 7, &main_w);
    } else {
        p = q->end;
        if (next_word(sent, sent_len, &p, &a, &b) &&
            lx_eq(sent, a, b, "of")) {
            /* rule 2: of chain */
            right_phrase(sent, sent_len, b, 8, &main_w);
        }
    }
    /* the clause head: words before the qualifier */
    left_phrase(sent, q->qual_start, 6, &head_w);
    if (main_w.n == 0) {
        /* rule 3: head + a few words after */
        emit(sent, &head_w, out, &n);
        r = q->end;
        memset(&main_w, 0, sizeof(main_w));
        right_phrase(sent, sent_len, r, 4, &main_w);
        emit(sent, &main_w, out, &n);
    } else {
        emit(sent, &main_w, out, &n);
        if (head_w.n) {
            /* keep the clause's named entities (capitalised words) */
            wordlist caps;
            int i;
            memset(&caps, 0, sizeof(caps));
            for (i = 0; i < head_w.n; i++)
                if (lx_upper((unsigned char)sent[head_w.a[i]]) &&
                    !is_stop(sent, head_w.a[i], head_w.b[i]))
                    add_word(&caps, head_w.a[i], head_w.b[i]);
            if (caps.n) {
                size_t before = out->len;
                ev_buf_puts(out, n ? " (" : "(");
                {
                    size_t m = 0;
                    emit(sent, &caps, out, &m);
                    if (m == 0)
                        out->len = before, out->ptr[before] = 0;
                    else
                        ev_buf_putc(out, ')');
                }
            }
        }
    }
    if (out->oom) {
        out->len = len0;
        return EV_ENOMEM;
    }
    return 0;
}
