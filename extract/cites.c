/*
 * In-text citation markers: footnote numbers that PDF extraction glued to
 * the text ("percent.13", "(US–NATO).28", "administration4"), kept only
 * when they run in sequence with the document's footnotes; numbered cites
 * "[12]", "[3, 5-7]", "[1]–[3]" (ranges expanded); author-year cites
 * "(Kozlowski, 2019b)", "Olson and Zeckhauser (1966)", linked to the
 * reference list by surname, year and suffix. Also the lifetime of the
 * citation patterns. Every scan is one pass; lookups are binary searches.
 */
#include "cites_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define MAX_RANGE 1000   /* widest numbered range we expand */
#define MAX_NUMS 128     /* numbers in one bracket */

static const char author_year_src[] =
    "(?<![\\p{L}\\p{M}\\p{N}'\\x{2019}-])"
    "((?:(?:[Vv]an|[Vv]on|[Dd]er|[Dd]en|[Dd]e|[Dd]el|[Dd]ella|[Dd]i|[Dd]a|"
    "[Dd]u|[Ll]e|[Ll]a|[Dd]os|[Dd]as|[Tt]en|[Tt]er)\\s+){0,3}"
    "\\p{Lu}[\\p{L}\\p{M}'\\x{2019}-]+)"
    "(\\s+et\\s+al\\.?|\\s+(?:and|&)\\s+"
    "(?:(?:[Vv]an|[Vv]on|[Dd]e|[Dd]er|[Dd]en|[Dd]i|[Dd]a|[Dd]u|[Ll]e|[Ll]a)"
    "\\s+){0,3}\\p{Lu}[\\p{L}\\p{M}'\\x{2019}-]+)?"
    "(,?\\s+|\\s+\\()"
    "((?:1[6-9]|20)[0-9]{2})([a-z]?)(?![\\p{L}\\p{N}])";

static const char say_verb_src[] =
    "(?<![\\p{L}])(said|says|say|stated|states|claimed|claims|claim|"
    "reported|reports|estimated|estimates|estimate|revealed|reveals|"
    "argued|argues|noted|notes|found|finds|showed|shows|announced|"
    "announces|allocated|allocates|projected|projects|wrote|writes|"
    "warned|warns|predicted|predicts|concluded|concludes|acknowledged|"
    "acknowledges|insisted|insists|suggested|suggests|told|tells|"
    "declared|declares|disclosed|discloses|calculated|calculates|"
    "put the (?:figure|number|cost) at)(?![\\p{L}])";

static const char according_src[] =
    "(?<![\\p{L}])(?:[Aa]ccording to|[Aa]s reported by|[Cc]iting|"
    "[Pp]er (?=a |an |the ))\\s+";

static const char in_its_src[] =
    "(?<![\\p{L}])[Ii]n\\s+(?:its|their|his|her|a|an|the)\\s+"
    "(?:[\\p{L}\\p{N}'\\x{2019}-]+\\s+){0,5}?"
    "(?:report|budget request|budget proposal|request|study|survey|"
    "statement|analysis|assessment|testimony|review|poll|estimates?|"
    "projections?|white paper|data|figures|forecast)(?![\\p{L}])";

static int compile(pcre2_code **out, const char *src, ev_err *err)
{
    int ecode;
    PCRE2_SIZE eoff;
    *out = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED,
                         PCRE2_UTF | PCRE2_UCP, &ecode, &eoff, NULL);
    if (!*out) {
        PCRE2_UCHAR msg[128];
        pcre2_get_error_message(ecode, msg, sizeof(msg));
        return ev_err_set(err, EV_ERROR, "cannot compile citation pattern: %s",
                          (const char *)msg);
    }
    pcre2_jit_compile(*out, PCRE2_JIT_COMPLETE); /* falls back if no JIT */
    return 0;
}

int ev_extract__cites_new(ev_cites_rx **out, ev_err *err)
{
    ev_cites_rx *rx = calloc(1, sizeof(*rx));
    int rc;
    *out = NULL;
    if (!rx)
        return ev_err_set(err, EV_ENOMEM, "out of memory");
    rc = compile(&rx->author_year, author_year_src, err);
    if (!rc)
        rc = compile(&rx->say_verb, say_verb_src, err);
    if (!rc)
        rc = compile(&rx->according, according_src, err);
    if (!rc)
        rc = compile(&rx->in_its, in_its_src, err);
    if (rc) {
        ev_extract__cites_free(rx);
        return rc;
    }
    *out = rx;
    return 0;
}

void ev_extract__cites_free(ev_cites_rx *rx)
{
    if (!rx)
        return;
    pcre2_code_free(rx->author_year);
    pcre2_code_free(rx->say_verb);
    pcre2_code_free(rx->according);
    pcre2_code_free(rx->in_its);
    free(rx);
}

/* ---- lookups --------------------------------------------------------- */

typedef struct ay_key {
    char *key;
    int year;
    int ref;
} ay_key;

typedef struct ctx {
    ev_doc *doc;
    int *note_by_num; /* footnote number -> note index */
    size_t n_note_by_num;
    int *ref_by_num;  /* numbered label -> ref index */
    size_t n_ref_by_num;
    ay_key *ay;       /* sorted by key, year */
    size_t n_ay;
    size_t *old;      /* spans of markup cites: start, end pairs, sorted */
    size_t n_old;
    int expect;       /* next footnote number expected */
    ev_buf kb;
} ctx;

static long parse_num(const char *s, size_t n)
{
    long v = 0;
    size_t i;
    if (!n || n > 6)
        return -1;
    for (i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}


static int ay_cmp(const void *a, const void *b)
{
    const ay_key *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    if (x->year != y->year)
        return x->year < y->year ? -1 : 1;
    return x->ref < y->ref ? -1 : x->ref > y->ref;
}

static int build_ctx(ctx *c, ev_doc *doc)
{
    size_t i;
    long maxn = 0;
    memset(c, 0, sizeof(*c));
    c->doc = doc;
    c->expect = 1;
    /* footnotes by number */
    for (i = 0; i < doc->notes.n; i++) {
        const char *l = doc->notes.v[i].label;
        long v = l ? parse_num(l, strlen(l)) : -1;
        if (v > maxn && v <= 100000)
            maxn = v;
    }
    if (maxn > 0) {
        c->note_by_num = malloc(sizeof(int) * (size_t)(maxn + 1));
        if (!c->note_by_num)
            return EV_ENOMEM;
        c->n_note_by_num = (size_t)maxn + 1;
        for (i = 0; i < c->n_note_by_num; i++)
            c->note_by_num[i] = -1;
        for (i = 0; i < doc->notes.n; i++) {
            const char *l = doc->notes.v[i].label;
            long v = l ? parse_num(l, strlen(l)) : -1;
            if (v > 0 && v <= maxn && c->note_by_num[v] < 0)
                c->note_by_num[v] = (int)i;
        }
    }
    /* numbered references; without labels, the n-th entry */
    maxn = 0;
    {
        size_t n_list = 0;
        for (i = 0; i < doc->refs.n; i++) {
            const char *l = doc->refs.v[i].label;
            long v;
            if (doc->refs.v[i].note >= 0)
                continue;
            n_list++;
            v = l ? parse_num(l, strlen(l)) : -1;
            if (v > maxn && v <= 1000000)
                maxn = v;
        }
        if (!maxn)
            maxn = (long)n_list;
        if (maxn > 0) {
            size_t k = 0;
            int labelled = 0;
            c->ref_by_num = malloc(sizeof(int) * (size_t)(maxn + 1));
            if (!c->ref_by_num)
                return EV_ENOMEM;
            c->n_ref_by_num = (size_t)maxn + 1;
            for (i = 0; i < c->n_ref_by_num; i++)
                c->ref_by_num[i] = -1;
            for (i = 0; i < doc->refs.n; i++) {
                const char *l = doc->refs.v[i].label;
                long v = l ? parse_num(l, strlen(l)) : -1;
                if (doc->refs.v[i].note < 0 && v > 0 && v <= maxn) {
                    labelled = 1;
                    if (c->ref_by_num[v] < 0)
                        c->ref_by_num[v] = (int)i;
                }
            }
            if (!labelled)
                for (i = 0; i < doc->refs.n; i++)
                    if (doc->refs.v[i].note < 0 && ++k <= (size_t)maxn)
                        c->ref_by_num[k] = (int)i;
        }
    }
    /* author-year keys */
    c->ay = calloc(doc->refs.n + 1, sizeof(ay_key));
    if (!c->ay)
        return EV_ENOMEM;
    for (i = 0; i < doc->refs.n; i++) {
        const ev_ref *r = &doc->refs.v[i];
        if (!r->first_author || !r->year || r->note >= 0)
            continue;
        ev_cites__name_key(&c->kb, r->first_author, strlen(r->first_author));
        if (c->kb.oom)
            return EV_ENOMEM;
        if (!c->kb.len)
            continue;
        c->ay[c->n_ay].key = ev_strndup(c->kb.ptr, c->kb.len);
        if (!c->ay[c->n_ay].key)
            return EV_ENOMEM;
        c->ay[c->n_ay].year = r->year;
        c->ay[c->n_ay].ref = (int)i;
        c->n_ay++;
    }
    qsort(c->ay, c->n_ay, sizeof(ay_key), ay_cmp);
    /* spans of the cites corpus/ took from markup */
    if (doc->cites.n) {
        c->old = malloc(sizeof(size_t) * 2 * doc->cites.n);
        if (!c->old)
            return EV_ENOMEM;
        for (i = 0; i < doc->cites.n; i++) {
            c->old[2 * i] = doc->cites.v[i].start;
            c->old[2 * i + 1] = doc->cites.v[i].end;
        }
        c->n_old = doc->cites.n;
        /* sort pairs by start (insertion is fine: markup is in order) */
        for (i = 1; i < c->n_old; i++) {
            size_t s0 = c->old[2 * i], e0 = c->old[2 * i + 1], j = i;
            while (j > 0 && c->old[2 * (j - 1)] > s0) {
                c->old[2 * j] = c->old[2 * (j - 1)];
                c->old[2 * j + 1] = c->old[2 * (j - 1) + 1];
                j--;
            }
            c->old[2 * j] = s0;
            c->old[2 * j + 1] = e0;
        }
    }
    return 0;
}

static void free_ctx(ctx *c)
{
    size_t i;
    free(c->note_by_num);
    free(c->ref_by_num);
    for (i = 0; i < c->n_ay; i++)
        free(c->ay[i].key);
    free(c->ay);
    free(c->old);
    ev_buf_release(&c->kb);
}

/* Does [s, e) overlap a markup cite? */
static int overlaps_old(const ctx *c, size_t s, size_t e)
{
    size_t lo = 0, hi = c->n_old;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->old[2 * mid] < e)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* old[lo-1] is the last starting before e; earlier ones may be long */
    while (lo > 0) {
        lo--;
        if (c->old[2 * lo + 1] > s)
            return 1;
        if (c->n_old - lo > 8)
            break;
    }
    return 0;
}

static ev_cite *add_cite(ctx *c, size_t s, size_t e, int kind,
                         const char *marker, size_t marker_len, int note)
{
    ev_cite *ct;
    if (overlaps_old(c, s, e))
        return NULL;
    ct = ev_vec_push(&c->doc->cites);
    if (!ct)
        return NULL;
    ct->start = s;
    ct->end = e;
    ct->kind = kind;
    ct->note = note;
    ct->marker = ev_strndup(marker, marker_len);
    if (!ct->marker) {
        c->doc->cites.n--;
        return NULL;
    }
    return ct;
}

static int push_ref(ev_cite *ct, int ref)
{
    size_t i;
    int *slot;
    for (i = 0; i < ct->refs.n; i++)
        if (ct->refs.v[i] == ref)
            return 0;
    slot = ev_vec_push(&ct->refs);
    if (!slot)
        return EV_ENOMEM;
    *slot = ref;
    return 0;
}

/* ---- footnote markers glued by PDF extraction ------------------------ */

static int closing_quote_before(const char *t, size_t i)
{
    /* ” U+201D, ’ U+2019 end with 0x9D / 0x99 after E2 80 */
    return i >= 3 && (unsigned char)t[i - 3] == 0xE2 &&
           (unsigned char)t[i - 2] == 0x80 &&
           ((unsigned char)t[i - 1] == 0x9D || (unsigned char)t[i - 1] == 0x99);
}

static int marker_follow_ok(const char *t, size_t j, size_t e)
{
    unsigned char c;
    if (j >= e)
        return 1;
    c = (unsigned char)t[j];
    if (isspace(c) || c == ',' || c == ';' || c == ':' || c == ')' || c == '.')
        return 1;
    /* en/em dash */
    if (c == 0xE2 && j + 2 < e && (unsigned char)t[j + 1] == 0x80 &&
        ((unsigned char)t[j + 2] == 0x93 || (unsigned char)t[j + 2] == 0x94))
        return 1;
    return 0;
}

static int scan_footnote_markers(ctx *c, size_t s, size_t e)
{
    const char *t = c->doc->text;
    size_t i = s;
    while (i < e) {
        size_t j, d;
        long n;
        int ok = 0;
        if (!isdigit((unsigned char)t[i]) || i == s ||
            isdigit((unsigned char)t[i - 1])) {
            i++;
            continue;
        }
        j = i;
        while (j < e && isdigit((unsigned char)t[j]))
            j++;
        d = j - i;
        if (d > 3 || t[i] == '0' || !marker_follow_ok(t, j, e)) {
            i = j;
            continue;
        }
        n = parse_num(t + i, d);
        {
            unsigned char p = (unsigned char)t[i - 1];
            if (p >= 'a' && p <= 'z' && i >= s + 2 &&
                isalpha((unsigned char)t[i - 2]))
                ok = 1;
            else if (p == ')' || p == ';' || p == ':' || p == '"' ||
                     p == ']' || closing_quote_before(t, i))
                ok = 1;
            else if (p == '.' || p == ',') {
                if (i >= s + 2 && isdigit((unsigned char)t[i - 2])) {
                    if (p == '.') {
                        /* "2017.1" yes, "3.4 billion" no */
                        size_t k = i - 1, nd = 0;
                        while (k > s && isdigit((unsigned char)t[k - 1])) {
                            k--;
                            nd++;
                        }
                        if (nd == 4) {
                            long y = parse_num(t + k, 4);
                            ok = y >= 1800 && y <= 2099;
                        }
                    } else {
                        ok = d != 3;
                    }
                } else if (i >= s + 2) {
                    ok = 1;
                }
            }
        }
        if (ok && n > 0 && (size_t)n < c->n_note_by_num &&
            c->note_by_num[n] >= 0 &&
            (n == c->expect || (n > c->expect && n <= c->expect + 2))) {
            int note = c->note_by_num[n];
            ev_cite *ct = add_cite(c, i, j, EV_CITE_FOOTNOTE, t + i, d, note);
            if (ct) {
                int r = ev_cites__ref_of_note(c->doc, note);
                if (r >= 0 && push_ref(ct, r))
                    return EV_ENOMEM;
            }
            c->expect = (int)n + 1;
        }
        i = j;
    }
    return 0;
}

/* ---- numbered cites [12], [3, 5-7], [1]-[3] -------------------------- */

static size_t dash_len(const char *t, size_t i, size_t e)
{
    if (i < e && t[i] == '-')
        return 1;
    if (i + 2 < e && (unsigned char)t[i] == 0xE2 &&
        (unsigned char)t[i + 1] == 0x80 &&
        ((unsigned char)t[i + 2] == 0x93 || (unsigned char)t[i + 2] == 0x94))
        return 3;
    return 0;
}

/* Parses "[...]" at t[i]; fills nums (ranges as lo, -hi pairs). Returns
 * the index after ']' or 0 if this is not a numeric bracket. */
static size_t parse_bracket(const char *t, size_t i, size_t e, long *nums,
                            size_t *n_nums)
{
    size_t k = i + 1, n = 0;
    *n_nums = 0;
    for (;;) {
        size_t a;
        long v, hi;
        while (k < e && (t[k] == ' ' || t[k] == '\n'))
            k++;
        a = k;
        while (k < e && isdigit((unsigned char)t[k]) && k - a < 6)
            k++;
        if (k == a)
            return 0;
        v = parse_num(t + a, k - a);
        hi = v;
        while (k < e && t[k] == ' ')
            k++;
        if (dash_len(t, k, e)) {
            size_t b;
            k += dash_len(t, k, e);
            while (k < e && t[k] == ' ')
                k++;
            b = k;
            while (k < e && isdigit((unsigned char)t[k]) && k - b < 6)
                k++;
            if (k == b)
                return 0;
            hi = parse_num(t + b, k - b);
        }
        if (n + 2 > MAX_NUMS)
            return 0;
        nums[n++] = v;
        nums[n++] = hi;
        while (k < e && t[k] == ' ')
            k++;
        if (k < e && (t[k] == ',' || t[k] == ';')) {
            k++;
            continue;
        }
        if (k < e && t[k] == ']') {
            *n_nums = n;
            return k + 1;
        }
        return 0;
    }
}

static int add_num_range(ctx *c, ev_cite *ct, long lo, long hi)
{
    long v;
    if (hi < lo || hi - lo > MAX_RANGE)
        hi = lo;
    for (v = lo; v <= hi; v++)
        if (v > 0 && (size_t)v < c->n_ref_by_num && c->ref_by_num[v] >= 0 &&
            push_ref(ct, c->ref_by_num[v]))
            return EV_ENOMEM;
    return 0;
}

static int scan_numbered(ctx *c, size_t s, size_t e)
{
    const char *t = c->doc->text;
    size_t i = s;
    long nums[MAX_NUMS], nums2[MAX_NUMS];
    while (i < e) {
        const char *br = memchr(t + i, '[', e - i);
        size_t after, n_nums, k, end;
        ev_cite *ct;
        if (!br)
            break;
        i = (size_t)(br - t);
        after = parse_bracket(t, i, e, nums, &n_nums);
        if (!after) {
            i++;
            continue;
        }
        end = after;
        /* "[1]–[3]" */
        {
            size_t dl = dash_len(t, after, e), n2;
            if (dl && after + dl < e && t[after + dl] == '[') {
                size_t a2 = parse_bracket(t, after + dl, e, nums2, &n2);
                if (a2 && n2 >= 2 && n_nums >= 2) {
                    nums[n_nums - 1] = nums2[0];
                    for (k = 2; k < n2 && n_nums + 2 <= MAX_NUMS; k += 2) {
                        nums[n_nums++] = nums2[k];
                        nums[n_nums++] = nums2[k + 1];
                    }
                    end = a2;
                }
            }
        }
        ct = add_cite(c, i, end, EV_CITE_REFERENCE, t + i, end - i, -1);
        if (ct) {
            for (k = 0; k + 1 < n_nums; k += 2)
                if (add_num_range(c, ct, nums[k], nums[k + 1]))
                    return EV_ENOMEM;
            if (!ct->refs.n) {
                /* no such references: not a citation */
                ev_cite_release(ct);
                c->doc->cites.n--;
            }
        }
        i = end;
    }
    return 0;
}

/* ---- author-year ----------------------------------------------------- */

static int count_word(const char *s, size_t n, const char *w)
{
    size_t i, m = strlen(w);
    for (i = 0; i + m <= n; i++)
        if (memcmp(s + i, w, m) == 0)
            return 1;
    return 0;
}

/* The reference for surname s[0..n), year, suffix; -1 if none. */
static int lookup_ay(ctx *c, const char *s, size_t n, int year, char suf,
                     int n_auth)
{
    size_t lo = 0, hi = c->n_ay, k;
    int best = -1, best_score = -1;
    ev_cites__name_key(&c->kb, s, n);
    if (c->kb.oom || !c->kb.len)
        return -1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = strcmp(c->ay[mid].key, c->kb.ptr);
        if (cmp < 0 || (cmp == 0 && c->ay[mid].year < year))
            lo = mid + 1;
        else
            hi = mid;
    }
    for (k = lo; k < c->n_ay && k < lo + 64; k++) {
        const ev_ref *r;
        int score = 0, na;
        if (c->ay[k].year != year || strcmp(c->ay[k].key, c->kb.ptr) != 0)
            break;
        r = &c->doc->refs.v[c->ay[k].ref];
        if (suf && r->year_suffix && r->year_suffix != suf)
            continue;
        if (suf == r->year_suffix)
            score += 4;
        na = ev_cites__n_authors(r);
        if ((n_auth >= 3 && na >= 3) || (n_auth < 3 && na == n_auth))
            score += 2;
        if (score > best_score) {
            best_score = score;
            best = c->ay[k].ref;
        }
    }
    return best;
}

static int scan_author_year(ctx *c, const ev_cites_rx *rx, size_t s, size_t e)
{
    const char *t = c->doc->text;
    pcre2_match_data *md;
    size_t off = s;
    int rc = 0;
    if (!c->n_ay)
        return 0;
    md = pcre2_match_data_create_from_pattern(rx->author_year, NULL);
    if (!md)
        return EV_ENOMEM;
    while (off < e) {
        PCRE2_SIZE *ov;
        int m = pcre2_match(rx->author_year, (PCRE2_SPTR)t, e, off,
                            PCRE2_NO_UTF_CHECK, md, NULL);
        size_t ms, ys, ye, name_s, name_e, end;
        int year, n_auth, ref, narrative;
        char suf;
        if (m < 0)
            break;
        ov = pcre2_get_ovector_pointer(md);
        ms = ov[0];
        name_s = ov[2];
        name_e = ov[3];
        ys = ov[8];
        ye = ov[9];
        year = (int)parse_num(t + ys, ye - ys);
        suf = ov[11] > ov[10] ? t[ov[10]] : 0;
        narrative = memchr(t + ov[6], '(', ov[7] - ov[6]) != NULL;
        n_auth = 1;
        if (ov[4] != PCRE2_UNSET && ov[5] > ov[4])
            n_auth = count_word(t + ov[4], ov[5] - ov[4], "et") ? 3 : 2;
        /* the surname: group 1 without a leading particle-less word */
        ref = lookup_ay(c, t + name_s, name_e - name_s, year, suf, n_auth);
        end = ov[1];
        if (narrative && end < e && t[end] == ')')
            end++;
        if (ref >= 0) {
            ev_cite *ct = add_cite(c, ms, end, EV_CITE_AUTHOR_YEAR, t + ms,
                                   end - ms, -1);
            if (ct && push_ref(ct, ref)) {
                rc = EV_ENOMEM;
                break;
            }
        }
        /* more years of the same authors: ", 2009b", ", 2013" */
        {
            size_t k = ov[1];
            for (;;) {
                size_t a = k, y0;
                char suf2 = 0;
                int y2;
                while (a < e && (t[a] == ',' || t[a] == ' ' || t[a] == '\n'))
                    a++;
                if (a == k || a + 4 > e || !isdigit((unsigned char)t[a]))
                    break;
                y0 = a;
                y2 = (int)parse_num(t + a, 4);
                if (y2 < 1600 || y2 > 2099 ||
                    (a + 4 < e && isdigit((unsigned char)t[a + 4])))
                    break;
                a += 4;
                if (a < e && islower((unsigned char)t[a]) &&
                    (a + 1 >= e || !isalpha((unsigned char)t[a + 1])))
                    suf2 = t[a++];
                if (a < e && isalpha((unsigned char)t[a]))
                    break;
                ref = lookup_ay(c, t + name_s, name_e - name_s, y2, suf2,
                                n_auth);
                if (ref >= 0) {
                    size_t ce = a;
                    ev_cite *ct;
                    if (narrative && ce < e && t[ce] == ')')
                        ce++;
                    ct = add_cite(c, y0, ce, EV_CITE_AUTHOR_YEAR, t + y0,
                                  a - y0, -1);
                    if (ct && push_ref(ct, ref)) {
                        rc = EV_ENOMEM;
                        break;
                    }
                }
                k = a;
            }
            if (rc)
                break;
            end = k > end ? k : end;
        }
        off = end > ov[1] ? end : ov[1];
        if (off <= ms)
            off = ms + 1;
    }
    pcre2_match_data_free(md);
    return rc;
}

static int body_kind(int k)
{
    return k == EV_BLK_PARA || k == EV_BLK_HEADING || k == EV_BLK_LIST_ITEM ||
           k == EV_BLK_CAPTION || k == EV_BLK_TABLE_CELL;
}

static int cite_cmp(const void *a, const void *b)
{
    const ev_cite *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end < y->end ? -1 : x->end > y->end;
}

int ev_extract_cites(const ev_extractor *ex, ev_doc *doc, ev_err *err)
{
    ctx c;
    size_t i;
    int rc;
    int glued = doc->format == EV_FMT_TEXT || doc->format == EV_FMT_PDF;
    if (!doc->text)
        return 0;
    /* JATS and TEI state their citations in markup (xref, ref): when the
     * markup gave some, text patterns would only add guesses beside
     * exact links */
    if ((doc->format == EV_FMT_JATS || doc->format == EV_FMT_TEI) &&
        doc->cites.n > 0)
        return 0;
    rc = build_ctx(&c, doc);
    for (i = 0; !rc && i < doc->blocks.n; i++) {
        const ev_block *b = &doc->blocks.v[i];
        if (!body_kind(b->kind) || b->end > doc->text_len || b->end <= b->start)
            continue;
        if (glued && c.n_note_by_num)
            rc = scan_footnote_markers(&c, b->start, b->end);
        if (!rc && c.n_ref_by_num)
            rc = scan_numbered(&c, b->start, b->end);
        if (!rc)
            rc = scan_author_year(&c, ex->cit, b->start, b->end);
    }
    free_ctx(&c);
    if (rc)
        return ev_err_set(err, rc, "out of memory");
    if (doc->cites.n > 1)
        qsort(doc->cites.v, doc->cites.n, sizeof(ev_cite), cite_cmp);
    return 0;
}
