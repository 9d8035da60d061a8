/*
 * Parsing one bibliographic entry (a reference-list entry or a footnote's
 * source) into its parts: label, authors, year, title, container, DOI,
 * PMID, URLs and access date. Also the text helpers the layout uses to
 * clean entries: joining wrapped lines and gluing URLs broken at a line
 * end. All scanners are single passes over the entry.
 */
#include "cites_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

size_t ev_cites__space_len(const char *s, size_t len)
{
    unsigned char c;
    if (!len)
        return 0;
    c = (unsigned char)s[0];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f')
        return 1;
    if (c == 0xC2 && len >= 2 && (unsigned char)s[1] == 0xA0)
        return 2;
    if (c == 0xE2 && len >= 3 && (unsigned char)s[1] == 0x80 &&
        (unsigned char)s[2] >= 0x82 && (unsigned char)s[2] <= 0x8A)
        return 3;
    return 0;
}

static int is_year_at(const char *s, size_t len, size_t i)
{
    int y;
    if (i + 4 > len)
        return 0;
    if (!isdigit((unsigned char)s[i]) || !isdigit((unsigned char)s[i + 1]) ||
        !isdigit((unsigned char)s[i + 2]) || !isdigit((unsigned char)s[i + 3]))
        return 0;
    if (i > 0 && (isalnum((unsigned char)s[i - 1])))
        return 0;
    if (i + 4 < len && isdigit((unsigned char)s[i + 4]))
        return 0;
    if (i + 4 < len && isalpha((unsigned char)s[i + 4]) &&
        (i + 5 < len && isalnum((unsigned char)s[i + 5])))
        return 0;
    y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 +
        (s[i + 3] - '0');
    return (y >= 1600 && y <= 2099) ? y : 0;
}

static const char *const months[] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December", "Jan.",
    "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.",
    "Oct.", "Nov.", "Dec.", "spring", "summer", "autumn", "winter",
    "Spring", "Summer", "Autumn", "Winter", "Fall", NULL};

/* Does a month name (optionally "September/October") end at s[i]? */
static int month_before(const char *s, size_t i)
{
    size_t k;
    for (k = 0; months[k]; k++) {
        size_t n = strlen(months[k]);
        if (i >= n && memcmp(s + i - n, months[k], n) == 0 &&
            (i == n || !isalpha((unsigned char)s[i - n - 1])))
            return 1;
    }
    return 0;
}

/* Skips URL-like tokens: returns the end of the token if s[i] starts one. */
static size_t url_token_end(const char *s, size_t len, size_t i)
{
    if ((len - i >= 7 && strncmp(s + i, "http://", 7) == 0) ||
        (len - i >= 8 && strncmp(s + i, "https://", 8) == 0) ||
        (len - i >= 4 && strncmp(s + i, "www.", 4) == 0) ||
        (len - i >= 3 && strncmp(s + i, "10.", 3) == 0 && i > 0 &&
         !isdigit((unsigned char)s[i - 1]))) {
        while (i < len && !isspace((unsigned char)s[i]))
            i++;
        return i;
    }
    return 0;
}

int ev_cites__find_year(const char *s, size_t len, int footnote_mode,
                        char *suffix, size_t *pos)
{
    size_t i, first_pos = 0;
    int first = 0;
    *suffix = 0;
    *pos = 0;
    for (i = 0; i < len; i++) {
        size_t ue;
        int y;
        if ((i == 0 || isspace((unsigned char)s[i - 1]) || s[i - 1] == ',') &&
            (ue = url_token_end(s, len, i)) != 0) {
            i = ue;
            continue;
        }
        y = is_year_at(s, len, i);
        if (!y)
            continue;
        /* numeric dates (25.08.2020) and page/URL parts are not years */
        if (i > 0 && (s[i - 1] == '.' || s[i - 1] == '/' || s[i - 1] == ':') &&
            i > 1 && isdigit((unsigned char)s[i - 2]))
            continue;
        if (i > 0 && s[i - 1] == '/')
            continue;
        {
            char suf = 0;
            size_t after = i + 4;
            int date_like;
            char prev = i > 0 ? s[i - 1] : ' ';
            char prev2 = i > 1 ? s[i - 2] : ' ';
            if (after < len && islower((unsigned char)s[after]) &&
                (after + 1 >= len || !isalpha((unsigned char)s[after + 1]))) {
                suf = s[after];
                after++;
            }
            if (!footnote_mode) {
                *suffix = suf;
                *pos = i;
                return y;
            }
            date_like = month_before(s, i > 0 ? i - 1 : 0) ||
                        prev == '(' ||
                        ((prev == ' ' && prev2 == ',') &&
                         (after >= len || strchr(",.;)", s[after])));
            if (date_like && prev == '(' && after < len && s[after] == '-')
                date_like = 0;
            if (date_like) {
                *suffix = suf;
                *pos = i;
                return y;
            }
            if (!first && !(prev == '-' || (after < len && s[after] == '-'))) {
                first = y;
                first_pos = i;
            }
        }
    }
    if (first)
        *pos = first_pos;
    return first;
}

static int has_url(const ev_strvec *v, const char *u, size_t n)
{
    size_t i;
    for (i = 0; i < v->n; i++)
        if (strlen(v->v[i]) == n && memcmp(v->v[i], u, n) == 0)
            return 1;
    return 0;
}

static int tld_like(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && islower((unsigned char)s[i]))
        i++;
    return i >= 2 && i <= 4 && (i == len || s[i] == '/');
}

int ev_cites__urls(ev_strvec *out, const char *s, size_t len)
{
    size_t i = 0;
    ev_buf u = EV_BUF_INIT;
    int rc = 0;
    while (i < len) {
        size_t st, e, host, k;
        int dot = 0;
        const char *p = NULL;
        if (len - i >= 7 && strncmp(s + i, "http", 4) == 0)
            p = s + i;
        if (!p || (i > 0 && !isspace((unsigned char)s[i - 1]) &&
                   !strchr("(<[\"';,", s[i - 1]) &&
                   (unsigned char)s[i - 1] < 0x80)) {
            i++;
            continue;
        }
        if (strncmp(p, "http://", 7) == 0)
            host = i + 7;
        else if (len - i >= 8 && strncmp(p, "https://", 8) == 0)
            host = i + 8;
        else {
            i++;
            continue;
        }
        st = i;
        e = host;
        while (e < len && !isspace((unsigned char)s[e]) &&
               (unsigned char)s[e] >= 0x21 && s[e] != '"' && s[e] != '<' &&
               s[e] != '>' && !((unsigned char)s[e] == 0xE2))
            e++;
        ev_buf_clear(&u);
        ev_buf_add(&u, s + st, e - st);
        /* "www.example. org/x": a space the extraction put after a dot */
        if (u.len && u.ptr[u.len - 1] == '.' && e + 1 < len && s[e] == ' ' &&
            tld_like(s + e + 1, len - e - 1)) {
            size_t e2 = e + 1;
            while (e2 < len && !isspace((unsigned char)s[e2]))
                e2++;
            ev_buf_add(&u, s + e + 1, e2 - e - 1);
            e = e2;
        }
        if (u.oom) {
            rc = EV_ENOMEM;
            break;
        }
        while (u.len && strchr(".,;:)]}'’”\"", u.ptr[u.len - 1]))
            u.len--;
        /* cut a closing curly quote glued on (bytes E2 80 9D / 99) */
        while (u.len >= 3 && (unsigned char)u.ptr[u.len - 3] == 0xE2)
            u.len -= 3;
        u.ptr[u.len] = 0;
        /* a complete host: a dot with something after it */
        for (k = host - st; k < u.len && u.ptr[k] != '/'; k++)
            if (u.ptr[k] == '.' && k + 1 < u.len && u.ptr[k + 1] != '/')
                dot = 1;
        if (dot && !has_url(out, u.ptr, u.len) &&
            ev_strvec_push(out, u.ptr, u.len)) {
            rc = EV_ENOMEM;
            break;
        }
        i = e > i ? e : i + 1;
    }
    ev_buf_release(&u);
    return rc;
}

/* Last token of b (after its last space). */
static const char *last_token(const ev_buf *b, size_t *n)
{
    size_t i = b->len;
    if (!b->ptr) { /* nothing joined yet: NULL + 0 is undefined */
        *n = 0;
        return "";
    }
    while (i > 0 && b->ptr[i - 1] != ' ')
        i--;
    *n = b->len - i;
    return b->ptr + i;
}

static int url_like(const char *t, size_t n)
{
    size_t i;
    for (i = 0; i + 3 <= n; i++)
        if (memcmp(t + i, "://", 3) == 0)
            return 1;
    return n >= 4 && memcmp(t, "www.", 4) == 0;
}

/* Should a line ending in URL token t continue with next line's token? */
static int url_continues(const char *t, size_t n, const char *nx,
                         size_t nx_len)
{
    char c;
    size_t i;
    if (!n || !url_like(t, n))
        return 0;
    c = t[n - 1];
    if (strchr("/-_=&?#%~:", c))
        return 1;
    if (c == '.') {
        /* "https://www." + "japantimes.co.jp/..." */
        for (i = 0; i < nx_len && !isspace((unsigned char)nx[i]); i++)
            if (nx[i] == '/' ||
                (nx[i] == '.' && i + 1 < nx_len &&
                 !isspace((unsigned char)nx[i + 1])))
                return 1;
    }
    return 0;
}

int ev_cites__join_lines(ev_buf *out, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - s) : len, a = i, z = e;
        while (a < z) {
            size_t sl = ev_cites__space_len(s + a, z - a);
            if (!sl)
                break;
            a += sl;
        }
        while (z > a && isspace((unsigned char)s[z - 1]))
            z--;
        if (z > a) {
            size_t tn;
            const char *t = last_token(out, &tn);
            if (out->len && !url_continues(t, tn, s + a, z - a))
                ev_buf_putc(out, ' ');
            /* collapse inner runs of white space */
            while (a < z) {
                size_t sl = ev_cites__space_len(s + a, z - a);
                if (sl) {
                    while (a < z && (sl = ev_cites__space_len(s + a, z - a)))
                        a += sl;
                    ev_buf_putc(out, ' ');
                } else {
                    ev_buf_putc(out, s[a++]);
                }
            }
        }
        i = e + 1;
    }
    return out->oom ? EV_ENOMEM : 0;
}

/* ASCII base letters of U+00C0..U+00FF ('*' where there is none). */
static const char latin1_base[] = "AAAAAAACEEEEIIII" "DNOOOOO*OUUUUYTs"
                                  "aaaaaaaceeeeiiii" "dnooooo*ouuuuyty";

void ev_cites__name_key(ev_buf *out, const char *s, size_t len)
{
    size_t i;
    ev_buf_clear(out);
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xC3 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
            (unsigned char)s[i + 1] <= 0xBF) {
            char b = latin1_base[(unsigned char)s[i + 1] - 0x80];
            if (b != '*')
                ev_buf_putc(out, (char)tolower((unsigned char)b));
            i++;
            continue;
        }
        if (c >= 0x80) {
            /* drop U+2019 and U+2018 (curly apostrophes) */
            if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
                ((unsigned char)s[i + 2] == 0x99 ||
                 (unsigned char)s[i + 2] == 0x98)) {
                i += 2;
                continue;
            }
            ev_buf_putc(out, (char)c);
        } else if (isalpha(c)) {
            ev_buf_putc(out, (char)tolower(c));
        }
    }
    if (!out->ptr)
        ev_buf_puts(out, "");
}

int ev_cites__n_authors(const ev_ref *r)
{
    const char *a = r->authors;
    int n = 1;
    if (!a)
        return 0;
    if (strstr(a, "et al"))
        return 3;
    for (; *a; a++)
        if (*a == ';')
            n++;
    return n;
}

/* Initials token: "AB", "A.", "A.B.", "J.-P." */
static int initials(const char *s, size_t n)
{
    size_t i, up = 0;
    if (!n || n > 6)
        return 0;
    for (i = 0; i < n; i++) {
        if (isupper((unsigned char)s[i]))
            up++;
        else if (s[i] != '.' && s[i] != '-')
            return 0;
    }
    return up > 0 && up <= 4;
}

static char *dup_trim(const char *s, size_t n)
{
    while (n && (isspace((unsigned char)*s) || *s == ',' || *s == ':')) {
        s++;
        n--;
    }
    while (n && (isspace((unsigned char)s[n - 1]) || s[n - 1] == ',' ||
                 s[n - 1] == '.' || s[n - 1] == ':' || s[n - 1] == ';'))
        n--;
    return n ? ev_strndup(s, n) : NULL;
}

/* Splits an author string "Surname AB, Surname C" or "Surname, A.,
 * Surname, B." into "Surname, AB; Surname, C" style and the first
 * surname. */
static int parse_authors(ev_ref *r, const char *s, size_t n)
{
    ev_buf b = EV_BUF_INIT;
    size_t i = 0, first_end = 0;
    int n_names = 0;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (!n)
        return 0;
    /* first surname: up to the first comma, initials at its end cut */
    {
        size_t e = 0, w;
        while (e < n && s[e] != ',' && s[e] != '(')
            e++;
        first_end = e;
        while (first_end > 0 && isspace((unsigned char)s[first_end - 1]))
            first_end--;
        w = first_end;
        while (w > 0 && !isspace((unsigned char)s[w - 1]))
            w--;
        if (w > 0 && initials(s + w, first_end - w)) {
            first_end = w;
            while (first_end > 0 && isspace((unsigned char)s[first_end - 1]))
                first_end--;
        }
        r->first_author = dup_trim(s, first_end);
    }
    /* the author string: names separated by "; " */
    while (i < n) {
        size_t e = i;
        while (e < n && s[e] != ',')
            e++;
        {
            const char *t = s + i;
            size_t tn = e - i;
            while (tn && isspace((unsigned char)*t)) {
                t++;
                tn--;
            }
            while (tn && isspace((unsigned char)t[tn - 1]))
                tn--;
            if (tn) {
                if (initials(t, tn) && n_names) {
                    ev_buf_puts(&b, ", ");
                    ev_buf_add(&b, t, tn);
                } else {
                    if (n_names)
                        ev_buf_puts(&b, "; ");
                    ev_buf_add(&b, t, tn);
                    n_names++;
                }
            }
        }
        i = e + 1;
    }
    if (b.oom) {
        ev_buf_release(&b);
        return EV_ENOMEM;
    }
    r->authors = b.len ? ev_buf_detach(&b) : NULL;
    ev_buf_release(&b);
    return 0;
}

/* End of a sentence-like segment starting at i: ". ", "? ", "! ". */
static size_t segment_end(const char *s, size_t n, size_t i)
{
    size_t k;
    for (k = i; k < n; k++) {
        if ((s[k] == '.' || s[k] == '?' || s[k] == '!') &&
            (k + 1 >= n || s[k + 1] == ' ')) {
            /* initials "A." and "U.S." do not end a title */
            if (s[k] == '.' && k >= 1 && isupper((unsigned char)s[k - 1]) &&
                (k < 2 || !isalpha((unsigned char)s[k - 2])))
                continue;
            return k;
        }
        if (s[k] == '[' && k + 1 < n && s[k + 1] == 'A')
            return k;
    }
    return n;
}

static void find_doi_pmid(ev_ref *r, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i + 7 < n; i++) {
        if (!r->doi && s[i] == '1' && s[i + 1] == '0' && s[i + 2] == '.' &&
            isdigit((unsigned char)s[i + 3]) &&
            (i == 0 || !isalnum((unsigned char)s[i - 1]))) {
            size_t e = i + 3, slash = 0;
            while (e < n && !isspace((unsigned char)s[e])) {
                if (s[e] == '/' && !slash)
                    slash = e;
                e++;
            }
            while (e > i && strchr(".,;)]", s[e - 1]))
                e--;
            if (slash && e > slash + 1)
                r->doi = ev_strndup(s + i, e - i);
        }
        if (!r->pmid && n - i > 6 && strncmp(s + i, "PMID:", 5) == 0) {
            size_t a = i + 5, e;
            while (a < n && s[a] == ' ')
                a++;
            e = a;
            while (e < n && isdigit((unsigned char)s[e]))
                e++;
            if (e > a)
                r->pmid = ev_strndup(s + a, e - a);
        }
    }
}

static void find_accessed(ev_ref *r, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i + 8 < n && !r->accessed; i++) {
        size_t a = 0, e;
        if (strncmp(s + i, "[Access", 7) == 0)
            a = i + 7;
        else if (strncmp(s + i, "ccessed", 7) == 0 && i > 0 &&
                 (s[i - 1] == 'A' || s[i - 1] == 'a'))
            a = i + 7;
        if (!a)
            continue;
        while (a < n && (isalpha((unsigned char)s[a]) || s[a] == ':' ||
                         s[a] == ' '))
            a++;
        e = a;
        while (e < n && s[e] != ']' && s[e] != ')' && e - a < 40 &&
               !(s[e] == '.' && (e + 1 >= n || s[e + 1] == ' ')))
            e++;
        if (e > a && isdigit((unsigned char)s[a]))
            r->accessed = ev_strndup(s + a, e - a);
    }
}

/* Footnote sources: "Author, “Title”, in Container, date, url". */
static int parse_note_source(ev_ref *r, const char *s, size_t n)
{
    const char *q = NULL;
    size_t i;
    for (i = 0; i + 3 <= n; i++)
        if ((unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
            (unsigned char)s[i + 2] == 0x9C) {
            q = s + i;
            break;
        }
    if (q) {
        size_t a = (size_t)(q - s) + 3, e = a;
        while (e + 3 <= n && !((unsigned char)s[e] == 0xE2 &&
                               (unsigned char)s[e + 1] == 0x80 &&
                               (unsigned char)s[e + 2] == 0x9D))
            e++;
        if (e + 3 <= n) {
            r->title = dup_trim(s + a, e - a);
            if (n - e > 7 && strncmp(s + e + 3, ", in ", 5) == 0) {
                size_t c = e + 8, ce = c;
                while (ce < n && s[ce] != ',' && s[ce] != ';')
                    ce++;
                r->container = dup_trim(s + c, ce - c);
            }
        }
        if (q - s > 0 && q - s < 120 && memchr(s, ',', (size_t)(q - s)))
            return parse_authors(r, s, (size_t)(q - s));
        return 0;
    }
    /* "Author, Title, Place, Publisher, 2016" */
    {
        size_t c1 = 0, c2;
        while (c1 < n && s[c1] != ',')
            c1++;
        if (c1 < n && c1 < 80) {
            c2 = c1 + 1;
            while (c2 < n && s[c2] != ',')
                c2++;
            r->title = dup_trim(s + c1 + 1, c2 - c1 - 1);
            return parse_authors(r, s, c1);
        }
    }
    return 0;
}

int ev_cites__parse_ref(ev_ref *r, int footnote_mode)
{
    const char *s = r->text;
    size_t n = s ? strlen(s) : 0, ypos, i = 0;
    char suf;
    if (!n)
        return 0;
    if (n > EV_CITES_MAX_ENTRY)
        n = EV_CITES_MAX_ENTRY;
    if (ev_cites__urls(&r->urls, s, n))
        return EV_ENOMEM;
    find_doi_pmid(r, s, n);
    find_accessed(r, s, n);
    if (footnote_mode) {
        r->year = ev_cites__find_year(s, n, 1, &suf, &ypos);
        r->year_suffix = suf;
        return parse_note_source(r, s, n);
    }
    /* label: "12. ", "[12] " */
    {
        size_t a = 0, d;
        if (s[0] == '[')
            a = 1;
        d = a;
        while (d < n && isdigit((unsigned char)s[d]) && d - a < 7)
            d++;
        if (d > a && d < n && (s[d] == '.' || s[d] == ']' || s[d] == ')') &&
            d + 1 < n && s[d + 1] == ' ') {
            if (!r->label)
                r->label = ev_strndup(s + a, d - a);
            i = d + 2;
        }
    }
    r->year = ev_cites__find_year(s + i, n - i, 0, &suf, &ypos);
    r->year_suffix = suf;
    if (r->year) {
        size_t yp = i + ypos, a_end = yp, t;
        /* authors end before "(2006" or ". 2006" */
        while (a_end > i && (s[a_end - 1] == '(' || s[a_end - 1] == ' ' ||
                             s[a_end - 1] == '.' || s[a_end - 1] == ','))
            a_end--;
        if (a_end > i && a_end - i < 600 && parse_authors(r, s + i, a_end - i))
            return EV_ENOMEM;
        t = yp + 4 + (suf ? 1 : 0);
        while (t < n && (s[t] == ')' || s[t] == '.' || s[t] == ' ' ||
                         s[t] == ',' || s[t] == ':'))
            t++;
        if (t < n) {
            size_t te = segment_end(s, n, t), c;
            r->title = dup_trim(s + t, te - t);
            c = te + 1;
            while (c < n && s[c] == ' ')
                c++;
            if (c < n && s[c] != '[') {
                size_t ce = c;
                while (ce < n && s[ce] != '.' && s[ce] != '[' &&
                       !isdigit((unsigned char)s[ce]) && s[ce] != ',')
                    ce++;
                r->container = dup_trim(s + c, ce - c);
            }
        }
    } else {
        size_t te = segment_end(s, n, i);
        r->title = dup_trim(s + i, te - i);
    }
    return 0;
}
