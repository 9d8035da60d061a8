/*
 * PDF through poppler-utils: the bytes go to a private temp file,
 * `pdftotext -bbox-layout -enc UTF-8 FILE -` runs as a child (no shell,
 * stdin /dev/null, a time limit, output capped), and its XHTML (pages,
 * blocks, lines, words with boxes) is parsed with libxml2. From the boxes:
 * running headers/footers and page numbers dropped (same text at the same
 * height on several pages, lone numbers at the top or foot), footnote
 * zones (smaller words near the page foot) turned into notes, two-column
 * reading order rebuilt from block boxes, superscript markers (raised,
 * smaller, glued to a word) linked to their notes, and end-of-line
 * hyphens removed. Each block keeps its page ("page N").
 */
#include "corpus_int.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

extern char **environ;

/* ---- running pdftotext ---- */

static double now_sec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* First meaningful line of pdftotext's stderr, lower-cased. */
static void summarise(const ev_buf *e, char *out, size_t cap)
{
    const char *p = e->ptr ? e->ptr : "";
    const char *best = NULL;
    size_t k = 0;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n && (!best || strstr(p, "rror") || strstr(p, "assword"))) {
            best = p;
            if (strstr(p, "assword") || strstr(p, "ncrypt"))
                break;
        }
        p += n + (nl ? 1 : 0);
    }
    if (best) {
        for (; *best && *best != '\n' && k + 1 < cap; best++)
            out[k++] = (char)tolower((unsigned char)*best);
    }
    out[k] = '\0';
    if (!k)
        snprintf(out, cap, "pdftotext failed");
}

static int run_pdftotext(const char *path, size_t in_len, int timeout,
                         ev_buf *out, ev_err *err)
{
    int opipe[2] = {-1, -1}, epipe[2] = {-1, -1};
    posix_spawn_file_actions_t fa;
    char *argv[] = {"pdftotext", "-bbox-layout", "-enc", "UTF-8",
                    (char *)path, "-", NULL};
    ev_buf e = EV_BUF_INIT;
    pid_t pid;
    int rc = 0, status = 0, killed = 0, spawned;
    size_t cap = in_len * 8 + (1u << 20);
    double deadline = now_sec() + (timeout > 0 ? timeout : 60);
    if (cap > (512u << 20))
        cap = 512u << 20;
    if (pipe2(opipe, O_CLOEXEC) || pipe2(epipe, O_CLOEXEC)) {
        rc = ev_err_set(err, EV_EIO, "cannot create pipe");
        goto close_fds;
    }
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, opipe[1], 1);
    posix_spawn_file_actions_adddup2(&fa, epipe[1], 2);
    spawned = posix_spawnp(&pid, "pdftotext", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(opipe[1]);
    close(epipe[1]);
    opipe[1] = epipe[1] = -1;
    if (spawned != 0) {
        rc = spawned == ENOENT
                 ? ev_err_set(err, EV_EIO,
                              "pdftotext not found: install poppler-utils")
                 : ev_err_set(err, EV_EIO, "cannot run pdftotext: %s",
                              strerror(spawned));
        goto close_fds;
    }
    for (;;) {
        struct pollfd fds[2];
        int nf = 0, left, pr;
        double rem = deadline - now_sec();
        if (opipe[0] >= 0)
            fds[nf++] = (struct pollfd){opipe[0], POLLIN, 0};
        if (epipe[0] >= 0)
            fds[nf++] = (struct pollfd){epipe[0], POLLIN, 0};
        if (!nf)
            break;
        if (rem <= 0) {
            killed = 1;
            rc = ev_err_set(err, EV_ELIMIT, "pdftotext timed out after %d s",
                            timeout);
            break;
        }
        left = (int)(rem * 1000) + 1;
        pr = poll(fds, (nfds_t)nf, left);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr < 0) {
            killed = 1;
            rc = ev_err_set(err, EV_EIO, "poll failed");
            break;
        }
        {
            int i;
            for (i = 0; i < nf; i++) {
                char buf[65536];
                ssize_t r;
                int is_out = fds[i].fd == opipe[0];
                if (!fds[i].revents)
                    continue;
                r = read(fds[i].fd, buf, sizeof(buf));
                if (r < 0 && errno == EINTR)
                    continue;
                if (r <= 0) {
                    close(fds[i].fd);
                    if (is_out)
                        opipe[0] = -1;
                    else
                        epipe[0] = -1;
                    continue;
                }
                if (is_out) {
                    if (out->len + (size_t)r > cap) {
                        killed = 1;
                        rc = ev_err_set(err, EV_ELIMIT,
                                        "pdftotext output too large "
                                        "(limit %zu bytes)", cap);
                        break;
                    }
                    ev_buf_add(out, buf, (size_t)r);
                } else if (e.len < 4096) {
                    ev_buf_add(&e, buf, (size_t)r);
                }
            }
            if (killed)
                break;
        }
    }
    if (killed)
        kill(pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (!rc && out->oom)
        rc = ev_err_set(err, EV_ENOMEM, "out of memory");
    if (!rc && (!WIFEXITED(status) || WEXITSTATUS(status) != 0)) {
        char msg[160];
        summarise(&e, msg, sizeof(msg));
        if (strstr(msg, "password") || strstr(msg, "encrypt"))
            rc = ev_err_set(err, EV_EINVALID, "encrypted pdf: %s", msg);
        else
            rc = ev_err_set(err, EV_EINVALID, "broken pdf: %s", msg);
    }
close_fds:
    if (opipe[0] >= 0)
        close(opipe[0]);
    if (opipe[1] >= 0)
        close(opipe[1]);
    if (epipe[0] >= 0)
        close(epipe[0]);
    if (epipe[1] >= 0)
        close(epipe[1]);
    ev_buf_release(&e);
    return rc;
}

/* ---- the page model ---- */

typedef struct pword {
    double x0, y0, x1, y1;
    char *text;
    int sup;          /* superscript marker */
} pword;

typedef struct pline {
    double x0, y0, x1, y1;
    size_t w0, nw;    /* words[w0 .. w0+nw) */
    double h;         /* median word height */
    int drop;         /* header/footer/page number */
    int foot;         /* in the footnote zone */
    int page;
} pline;

typedef struct pblock {
    double x0, y0, x1, y1;
    size_t l0, nl;
    int page;
} pblock;

typedef struct ppage {
    double w, h;
    size_t b0, nb;
} ppage;

typedef struct pmodel {
    EV_VEC(pword) words;
    EV_VEC(pline) lines;
    EV_VEC(pblock) blocks;
    EV_VEC(ppage) pages;
    double body_h;
    int oom;
} pmodel;

static double num_attr(const xmlNode *n, const char *name)
{
    char *v = ev_corpus__attr(n, name);
    double d = v ? strtod(v, NULL) : 0;
    free(v);
    return d;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The xMin/yMin/xMax/yMax box pdftotext gives a word, line or block. */
static void read_box(const xmlNode *n, double *x0, double *y0, double *x1,
                     double *y1)
{
    *x0 = num_attr(n, "xMin");
    *y0 = num_attr(n, "yMin");
    *x1 = num_attr(n, "xMax");
    *y1 = num_attr(n, "yMax");
}

static void load_line(pmodel *m, const xmlNode *ln)
{
    const xmlNode *w;
    pline *l = ev_vec_push(&m->lines);
    double hs[64];
    int nh = 0;
    if (!l) {
        m->oom = 1;
        return;
    }
    read_box(ln, &l->x0, &l->y0, &l->x1, &l->y1);
    l->w0 = m->words.n;
    l->page = (int)m->pages.n;
    for (w = ln->children; w; w = w->next) {
        pword *pw;
        if (!ev_corpus__is(w, "word"))
            continue;
        pw = ev_vec_push(&m->words);
        if (!pw) {
            m->oom = 1;
            return;
        }
        read_box(w, &pw->x0, &pw->y0, &pw->x1, &pw->y1);
        pw->text = ev_corpus__text_dup(w);
        if (!pw->text) {
            m->words.n--;
            continue;
        }
        if (nh < 64)
            hs[nh++] = pw->y1 - pw->y0;
    }
    l = &m->lines.v[m->lines.n - 1];
    l->nw = m->words.n - l->w0;
    if (nh) {
        qsort(hs, (size_t)nh, sizeof(double), cmp_double);
        l->h = hs[nh / 2];
    }
    if (!l->nw)
        m->lines.n--;
}

static void load(pmodel *m, const xmlNode *n, int depth)
{
    const xmlNode *c;
    if (depth > 12 || m->oom)
        return;
    for (c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (ev_corpus__is(c, "page")) {
            ppage *p = ev_vec_push(&m->pages);
            if (!p) {
                m->oom = 1;
                return;
            }
            p->w = num_attr(c, "width");
            p->h = num_attr(c, "height");
            p->b0 = m->blocks.n;
            load(m, c, depth + 1);
            m->pages.v[m->pages.n - 1].nb =
                m->blocks.n - m->pages.v[m->pages.n - 1].b0;
        } else if (ev_corpus__is(c, "block")) {
            pblock *b = ev_vec_push(&m->blocks);
            const xmlNode *ln;
            if (!b) {
                m->oom = 1;
                return;
            }
            read_box(c, &b->x0, &b->y0, &b->x1, &b->y1);
            b->l0 = m->lines.n;
            b->page = (int)m->pages.n;
            for (ln = c->children; ln; ln = ln->next)
                if (ev_corpus__is(ln, "line"))
                    load_line(m, ln);
            b = &m->blocks.v[m->blocks.n - 1];
            b->nl = m->lines.n - b->l0;
            if (!b->nl)
                m->blocks.n--;
        } else {
            load(m, c, depth + 1);
        }
    }
}

static void free_model(pmodel *m)
{
    size_t i;
    for (i = 0; i < m->words.n; i++)
        free(m->words.v[i].text);
    free(m->words.v);
    free(m->lines.v);
    free(m->blocks.v);
    free(m->pages.v);
}

/* Text of a line with digits folded, for repeat detection. */
static void line_key(const pmodel *m, const pline *l, char *out, size_t cap)
{
    size_t i, k = 0;
    for (i = 0; i < l->nw && k + 2 < cap; i++) {
        const char *s = m->words.v[l->w0 + i].text;
        if (k)
            out[k++] = ' ';
        for (; *s && k + 1 < cap; s++)
            out[k++] = isdigit((unsigned char)*s) ? '#' : *s;
    }
    out[k] = '\0';
}

static int lone_number(const pmodel *m, const pline *l)
{
    size_t i;
    int digits = 0;
    if (l->nw > 4)
        return 0;
    for (i = 0; i < l->nw; i++) {
        const char *s = m->words.v[l->w0 + i].text;
        for (; *s; s++) {
            if (isdigit((unsigned char)*s))
                digits = 1;
            else if (!strchr("-–/|", *s) && !isalpha((unsigned char)*s))
                return 0;
        }
    }
    if (!digits)
        return 0;
    /* "Page 3", "3 of 12", "- 3 -", "iv" style furniture */
    if (l->nw == 1)
        return 1;
    for (i = 0; i < l->nw; i++) {
        const char *s = m->words.v[l->w0 + i].text;
        if (isalpha((unsigned char)*s) && strcasecmp(s, "page") != 0 &&
            strcasecmp(s, "of") != 0 && strcasecmp(s, "p.") != 0)
            return 0;
    }
    return 1;
}

/* Running headers/footers and page numbers. */
static void mark_furniture(pmodel *m)
{
    size_t p, b, l, q;
    for (p = 0; p < m->pages.n; p++) {
        const ppage *pg = &m->pages.v[p];
        for (b = pg->b0; b < pg->b0 + pg->nb; b++) {
            const pblock *bl = &m->blocks.v[b];
            for (l = bl->l0; l < bl->l0 + bl->nl; l++) {
                pline *ln = &m->lines.v[l];
                char key[256];
                int edge = ln->y1 < pg->h * 0.12 || ln->y0 > pg->h * 0.88;
                int repeats = 0;
                if (!edge)
                    continue;
                if (lone_number(m, ln)) {
                    ln->drop = 1;
                    continue;
                }
                if (m->pages.n < 2)
                    continue;
                line_key(m, ln, key, sizeof(key));
                for (q = 0; q < m->lines.n && repeats < 2; q++) {
                    const pline *o = &m->lines.v[q];
                    char k2[256];
                    const pblock *ob;
                    if (q == l || fabs(o->y0 - ln->y0) > 4)
                        continue;
                    /* find the page of o via its block */
                    (void)ob;
                    line_key(m, o, k2, sizeof(k2));
                    if (strcmp(key, k2) == 0)
                        repeats++;
                }
                if (repeats >= (m->pages.n < 3 ? 1 : 2))
                    ln->drop = 1;
            }
        }
    }
}

/* Body text height: the median over all word heights. */
static void body_height(pmodel *m)
{
    double *hs;
    size_t i, n = m->lines.n;
    if (!n) {
        m->body_h = 10;
        return;
    }
    hs = malloc(n * sizeof(double));
    if (!hs) {
        m->oom = 1;
        return;
    }
    for (i = 0; i < n; i++)
        hs[i] = m->lines.v[i].h;
    qsort(hs, n, sizeof(double), cmp_double);
    m->body_h = hs[n / 2];
    free(hs);
}

/* Footnote zone: from the lowest run of smaller lines up, at the foot. */
static void mark_footnotes(pmodel *m)
{
    size_t p, b, l;
    for (p = 0; p < m->pages.n; p++) {
        const ppage *pg = &m->pages.v[p];
        double zone_top = pg->h;
        /* lines ordered bottom-up: find the smallest y where every line
         * below is small (ignoring furniture) */
        int any = 1;
        while (any) {
            double best = -1;
            any = 0;
            for (b = pg->b0; b < pg->b0 + pg->nb; b++) {
                const pblock *bl = &m->blocks.v[b];
                for (l = bl->l0; l < bl->l0 + bl->nl; l++) {
                    const pline *ln = &m->lines.v[l];
                    if (ln->drop || ln->y0 >= zone_top - 0.1)
                        continue;
                    if (ln->y0 > best)
                        best = ln->y0;
                }
            }
            if (best < 0)
                break;
            for (b = pg->b0; b < pg->b0 + pg->nb; b++) {
                const pblock *bl = &m->blocks.v[b];
                for (l = bl->l0; l < bl->l0 + bl->nl; l++) {
                    pline *ln = &m->lines.v[l];
                    if (ln->drop || fabs(ln->y0 - best) > 0.1)
                        continue;
                    if (ln->h < m->body_h * 0.88 && ln->y0 > pg->h * 0.5) {
                        ln->foot = 1;
                        any = 1;
                    }
                }
            }
            zone_top = best;
        }
    }
}

/* Superscripts: raised, smaller, numeric words glued to the word before. */
static void mark_superscripts(pmodel *m)
{
    size_t l, i;
    for (l = 0; l < m->lines.n; l++) {
        const pline *ln = &m->lines.v[l];
        for (i = 1; i < ln->nw; i++) {
            pword *w = &m->words.v[ln->w0 + i];
            const pword *prev = &m->words.v[ln->w0 + i - 1];
            const char *s = w->text;
            double h = w->y1 - w->y0, ph = prev->y1 - prev->y0;
            int digits = *s != 0;
            for (; *s; s++)
                if (!isdigit((unsigned char)*s) && *s != ',')
                    digits = 0;
            if (digits && h < ph * 0.8 && w->y1 < prev->y1 - ph * 0.15 &&
                w->x0 - prev->x1 < 1.5)
                w->sup = 1;
        }
    }
}

/* ---- reading order and text ---- */

typedef struct pctx {
    ev_doc *doc;
    ev_tb tb;
    pmodel *m;
    EV_VEC(size_t) order;    /* block indexes in reading order */
    EV_VEC(size_t) sup_cites;/* cites waiting for their notes */
    int oom;
} pctx;

static int cmp_block_y(const void *a, const void *b, void *arg)
{
    const pmodel *m = arg;
    const pblock *x = &m->blocks.v[*(const size_t *)a];
    const pblock *y = &m->blocks.v[*(const size_t *)b];
    if (x->y0 != y->y0)
        return x->y0 < y->y0 ? -1 : 1;
    return x->x0 < y->x0 ? -1 : x->x0 > y->x0;
}

/* Blocks of a page in reading order: bands between full-width blocks,
 * each band's left column before its right column. */
static void page_order(pctx *c, size_t p)
{
    pmodel *m = c->m;
    const ppage *pg = &m->pages.v[p];
    size_t *idx, n = pg->nb, i, k;
    double mid = pg->w / 2;
    if (!n)
        return;
    idx = malloc(n * sizeof(size_t));
    if (!idx) {
        c->oom = 1;
        return;
    }
    for (i = 0; i < n; i++)
        idx[i] = pg->b0 + i;
    qsort_r(idx, n, sizeof(size_t), cmp_block_y, m);
    i = 0;
    while (i < n) {
        size_t j = i;
        /* a band: consecutive blocks none of which spans the middle */
        while (j < n) {
            const pblock *b = &m->blocks.v[idx[j]];
            if (b->x0 < mid - 5 && b->x1 > mid + 5)
                break;
            j++;
        }
        for (k = 0; k < 2; k++) {
            size_t q;
            for (q = i; q < j; q++) {
                const pblock *b = &m->blocks.v[idx[q]];
                int right = b->x0 >= mid - 5;
                if ((int)k == right) {
                    size_t *s = ev_vec_push(&c->order);
                    if (!s)
                        c->oom = 1;
                    else
                        *s = idx[q];
                }
            }
        }
        if (j < n) {
            size_t *s = ev_vec_push(&c->order);
            if (!s)
                c->oom = 1;
            else
                *s = idx[j];
            j++;
        }
        i = j;
    }
    free(idx);
}

static int ends_sentence(const ev_buf *t)
{
    size_t n = t->len;
    while (n && t->ptr[n - 1] == ' ')
        n--;
    if (!n)
        return 1;
    return strchr(".!?:;\")]", t->ptr[n - 1]) != NULL ||
           (n >= 3 && (unsigned char)t->ptr[n - 3] == 0xE2 &&
            (unsigned char)t->ptr[n - 2] == 0x80 &&
            ((unsigned char)t->ptr[n - 1] == 0x9D));
}

static void add_word(pctx *c, const pword *w, int glue, int page)
{
    ev_tb *tb = &c->tb;
    size_t start;
    if (glue) {
        tb->pending_space = 0;
    } else if (tb->text.len > tb->blk_start) {
        tb->pending_space = 1;
    }
    start = ev_corpus__tb_mark(tb);
    ev_corpus__tb_text(tb, w->text, strlen(w->text));
    if (w->sup) {
        ev_cite *ct = ev_vec_push(&c->doc->cites);
        size_t *s;
        if (!ct) {
            c->oom = 1;
            return;
        }
        ct->start = start;
        ct->end = tb->text.len;
        ct->kind = EV_CITE_FOOTNOTE;
        ct->note = -1;
        ct->marker = ev_strdup(w->text);
        if (!ct->marker)
            c->oom = 1;
        s = ev_vec_push(&c->sup_cites);
        if (!s)
            c->oom = 1;
        else
            *s = (size_t)page; /* page, parallel to the cite */
    }
}

/* Appends a line; returns 1 when it ended with a hyphen we removed. */
static int add_line(pctx *c, const pline *ln, int joined, int page)
{
    pmodel *m = c->m;
    size_t i;
    int hyph = 0;
    for (i = 0; i < ln->nw; i++) {
        pword w = m->words.v[ln->w0 + i];
        char *tmp = NULL;
        size_t wl = strlen(w.text);
        int glue = (i == 0 && joined) || (i > 0 && w.sup);
        if (i + 1 == ln->nw && wl >= 3 && w.text[wl - 1] == '-' &&
            isalpha((unsigned char)w.text[wl - 2])) {
            tmp = ev_strndup(w.text, wl - 1);
            if (tmp) {
                w.text = tmp;
                hyph = 1;
            }
        }
        add_word(c, &w, glue, page);
        free(tmp);
    }
    return hyph;
}

static int next_starts_lower(const pmodel *m, const pline *ln)
{
    const char *s = ln->nw ? m->words.v[ln->w0].text : "";
    return islower((unsigned char)*s);
}

static void emit_blocks(pctx *c)
{
    pmodel *m = c->m;
    size_t oi, p;
    EV_VEC(size_t) notes_pending;
    int open = 0, hyph = 0, open_page = 0;
    char loc[32];
    memset(&notes_pending, 0, sizeof(notes_pending));
    for (p = 0; p < m->pages.n; p++)
        page_order(c, p);
    for (oi = 0; oi < c->order.n && !c->oom; oi++) {
        const pblock *b = &m->blocks.v[c->order.v[oi]];
        size_t l;
        int heading = 0, first = 1;
        for (l = b->l0; l < b->l0 + b->nl; l++) {
            const pline *ln = &m->lines.v[l];
            if (ln->drop)
                continue;
            if (ln->foot) {
                size_t *s = ev_vec_push(&notes_pending);
                if (!s)
                    c->oom = 1;
                else
                    *s = l;
                continue;
            }
            if (first) {
                heading = b->nl == 1 && ln->h > m->body_h * 1.15 &&
                          ln->nw <= 16;
                first = 0;
                /* a paragraph continued from the previous column/page */
                if (open && !heading &&
                    (hyph || !ends_sentence(&c->tb.text)) &&
                    (hyph || next_starts_lower(m, ln) ||
                     m->lines.v[b->l0].y0 < m->pages.v[b->page - 1].h * 0.2 ||
                     b->x0 > m->pages.v[b->page - 1].w * 0.45)) {
                    hyph = add_line(c, ln, hyph, b->page);
                    continue;
                }
                if (open)
                    ev_corpus__tb_end(&c->tb);
                open = 0;
                /* flush footnotes held back while a paragraph went on */
                if (notes_pending.n) {
                    size_t q;
                    for (q = 0; q < notes_pending.n; q++) {
                        const pline *fl = &m->lines.v[notes_pending.v[q]];
                        const char *w0 = m->words.v[fl->w0].text;
                        int label = isdigit((unsigned char)*w0) &&
                                    strlen(w0) <= 4;
                        if (label || !c->tb.in_block) {
                            snprintf(loc, sizeof(loc), "page %d", fl->page);
                            ev_corpus__tb_begin(&c->tb, EV_BLK_FOOTNOTE, loc);
                            c->tb.blk_page = fl->page;
                            hyph = 0;
                        }
                        hyph = add_line(c, fl, hyph, 0);
                    }
                    ev_corpus__tb_end(&c->tb);
                    notes_pending.n = 0;
                    hyph = 0;
                }
                snprintf(loc, sizeof(loc), "page %d", b->page);
                ev_corpus__tb_begin(&c->tb,
                                    heading ? EV_BLK_HEADING : EV_BLK_PARA,
                                    loc);
                c->tb.blk_page = b->page;
                open = 1;
                open_page = b->page;
                hyph = add_line(c, ln, 0, b->page);
                continue;
            }
            hyph = add_line(c, ln, hyph, b->page);
        }
    }
    (void)open_page;
    if (open)
        ev_corpus__tb_end(&c->tb);
    if (notes_pending.n) {
        size_t q;
        for (q = 0; q < notes_pending.n; q++) {
            const pline *fl = &m->lines.v[notes_pending.v[q]];
            const char *w0 = m->words.v[fl->w0].text;
            if ((isdigit((unsigned char)*w0) && strlen(w0) <= 4) ||
                !c->tb.in_block) {
                snprintf(loc, sizeof(loc), "page %d", fl->page);
                ev_corpus__tb_begin(&c->tb, EV_BLK_FOOTNOTE, loc);
                c->tb.blk_page = fl->page;
                hyph = 0;
            }
            hyph = add_line(c, fl, hyph, 0);
        }
        ev_corpus__tb_end(&c->tb);
    }
    free(notes_pending.v);
}

/* Footnote blocks become notes; superscript cites find their notes. */
static void link_notes(pctx *c)
{
    ev_doc *doc = c->doc;
    size_t i, k;
    for (i = 0; i < doc->blocks.n; i++) {
        ev_block *b = &doc->blocks.v[i];
        ev_note *n;
        const char *t = c->tb.text.ptr + b->start;
        size_t ll = 0;
        if (b->kind != EV_BLK_FOOTNOTE)
            continue;
        n = ev_vec_push(&doc->notes);
        if (!n) {
            c->oom = 1;
            return;
        }
        while (ll < b->end - b->start && isdigit((unsigned char)t[ll]))
            ll++;
        n->label = ll ? ev_strndup(t, ll) : NULL;
        n->start = b->start;
        n->end = b->end;
        n->text = ev_strndup(t, b->end - b->start);
        if (!n->text)
            c->oom = 1;
        b->note = (int)(doc->notes.n - 1);
    }
    for (i = 0; i < doc->cites.n; i++) {
        ev_cite *ct = &doc->cites.v[i];
        int best = -1;
        if (ct->kind != EV_CITE_FOOTNOTE || !ct->marker)
            continue;
        for (k = 0; k < doc->notes.n; k++) {
            const ev_note *n = &doc->notes.v[k];
            if (!n->label || strcmp(n->label, ct->marker) != 0)
                continue;
            /* the first note with that label after the marker */
            if (n->start > ct->start) {
                best = (int)k;
                break;
            }
            best = (int)k;
        }
        ct->note = best;
    }
}

int ev_corpus_parse_pdf(ev_doc *doc, const char *data, size_t len,
                        const ev_corpus_opts *opts, ev_err *err)
{
    const char *tmpdir = getenv("TMPDIR");
    ev_buf path = EV_BUF_INIT, out = EV_BUF_INIT;
    xmlDocPtr x = NULL;
    pmodel m;
    pctx c;
    ev_corpus_opts o = {0};
    int fd = -1, rc = 0;
    memset(&m, 0, sizeof(m));
    memset(&c, 0, sizeof(c));
    if (opts)
        o = *opts;
    if (len < 5 || memcmp(data, "%PDF-", 5) != 0)
        return ev_err_set(err, EV_EINVALID, "not a pdf (no %%PDF- header)");
    ev_buf_puts(&path, tmpdir && *tmpdir ? tmpdir : "/tmp");
    ev_buf_puts(&path, "/evidex-pdf-XXXXXX");
    if (path.oom)
        return ev_err_set(err, EV_ENOMEM, "out of memory");
    fd = mkstemp(path.ptr);
    if (fd < 0) {
        rc = ev_err_set(err, EV_EIO, "cannot create temp file: %s",
                        strerror(errno));
        goto done;
    }
    if (write_all(fd, data, len) != 0) {
        rc = ev_err_set(err, EV_EIO, "cannot write temp file: %s",
                        strerror(errno));
        close(fd);
        unlink(path.ptr);
        goto done;
    }
    close(fd);
    rc = run_pdftotext(path.ptr, len, o.pdf_timeout_sec, &out, err);
    unlink(path.ptr);
    if (rc)
        goto done;
    if (!out.len) {
        rc = ev_err_set(err, EV_EINVALID, "broken pdf: pdftotext gave nothing");
        goto done;
    }
    o.max_depth = 64;
    rc = ev_corpus__xml_parse(&x, doc, out.ptr, out.len, EV_XML_MODE_XML, &o,
                              err);
    if (rc)
        goto done;
    ev_buf_release(&out);
    load(&m, xmlDocGetRootElement(x), 0);
    xmlFreeDoc(x);
    x = NULL;
    if (m.oom) {
        rc = ev_err_set(err, EV_ENOMEM, "out of memory");
        goto done;
    }
    if (!m.words.n) {
        rc = ev_err_set(err, EV_EINVALID,
                        "pdf has no text layer (scanned images?)");
        goto done;
    }
    body_height(&m);
    mark_furniture(&m);
    mark_footnotes(&m);
    mark_superscripts(&m);
    c.doc = doc;
    c.m = &m;
    ev_corpus__tb_init(&c.tb, doc);
    emit_blocks(&c);
    if (!c.oom)
        link_notes(&c);
    doc->format = EV_FMT_PDF;
    if (c.oom || ev_corpus__tb_finish(&c.tb))
        rc = ev_err_set(err, EV_ENOMEM, "out of memory");
    ev_corpus__tb_release(&c.tb);
    free(c.order.v);
    free(c.sup_cites.v);
done:
    if (x)
        xmlFreeDoc(x);
    free_model(&m);
    ev_buf_release(&out);
    ev_buf_release(&path);
    return rc;
}
