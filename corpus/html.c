/*
 * HTML pages: metadata from <title>, <meta>, <link rel=canonical> and
 * JSON-LD; main-content extraction in the manner of readability (drop
 * furniture by tag, role and class/id hints, score paragraph-like
 * elements by text length and commas, hand the score up to ancestors,
 * discount link-dense containers, take the best container with its
 * qualifying siblings, then drop link-dense lists and tables inside it);
 * blocks for headings, paragraphs, list items, captions and table cells;
 * links with their anchor spans; in-page footnote links resolved to notes.
 */
#include "corpus_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

typedef struct hnode {
    xmlNode *n;
    size_t text;    /* non-space bytes of text below */
    size_t links;   /* of which inside <a> */
    size_t commas;
    double score;
    int scored;
    int removed;
} hnode;

typedef struct hctx {
    ev_doc *doc;
    ev_tb tb;
    EV_VEC(hnode) nodes;
    EV_VEC(char *) note_ids;
    ev_buf loc;
    int flags;
    int oom;
} hctx;

#define F_STRIP 1
#define F_WEIGHT 2
#define F_CLEAN 4

static hnode *H(const hctx *c, const xmlNode *n)
{
    uintptr_t i = (uintptr_t)n->_private;
    if (!i || n->type != XML_ELEMENT_NODE || i > c->nodes.n)
        return NULL;
    return &c->nodes.v[i - 1];
}

static int name_in(const xmlNode *n, const char *const *list)
{
    const char *nm = ev_corpus__name(n);
    for (; *list; list++)
        if (strcasecmp(nm, *list) == 0)
            return 1;
    return 0;
}

static const char *const drop_tags[] = {
    "script", "style",  "noscript", "nav",    "header",   "footer",
    "aside",  "form",   "button",   "iframe", "svg",      "select",
    "input",  "textarea", "object", "embed",  "template", "link",
    "meta",   "canvas", "math",     "dialog", "menu",     "label",
    "head",   NULL};

static const char *const block_tags[] = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd",
    "figcaption", "caption", "td", "th", "pre", "address", NULL};

static const char *const container_tags[] = {
    "div", "section", "article", "main", "ul", "ol", "dl", "table", "tbody",
    "thead", "tfoot", "tr", "figure", "blockquote", "body", "html", "center",
    "details", "summary", "hgroup", NULL};

/* class + " " + id, lower-cased, into buf. */
static void hints(const xmlNode *n, char *buf, size_t cap)
{
    char *cl = ev_corpus__attr(n, "class");
    char *id = ev_corpus__attr(n, "id");
    size_t k = 0, i;
    const char *parts[2];
    parts[0] = cl ? cl : "";
    parts[1] = id ? id : "";
    for (i = 0; i < 2; i++) {
        const char *s = parts[i];
        if (i && k + 1 < cap)
            buf[k++] = ' ';
        for (; *s && k + 1 < cap; s++)
            buf[k++] = (char)tolower((unsigned char)*s);
    }
    buf[k] = '\0';
    free(cl);
    free(id);
}

static int has_any(const char *s, const char *const *words)
{
    for (; *words; words++)
        if (strstr(s, *words))
            return 1;
    return 0;
}

static const char *const unlikely_w[] = {
    "-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment",
    "community", "cover-wrap", "disqus", "extra", "footer", "gdpr", "header",
    "legends", "menu", "related", "remark", "replies", "rss", "shoutbox",
    "sidebar", "skyscraper", "social", "sponsor", "supplemental", "ad-break",
    "agegate", "pagination", "pager", "popup", "yom-remote", "cookie",
    "share", "sharing", "newsletter", "subscribe", "promo", "recommend",
    "more-from", "morefrom", "most-popular", "trending", NULL};
static const char *const maybe_w[] = {"and", "article", "body", "column",
                                      "content", "main", "shadow", NULL};
static const char *const positive_w[] = {
    "article", "body", "content", "entry", "hentry", "h-entry", "main",
    "page", "post", "text", "blog", "story", NULL};
static const char *const negative_w[] = {
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact",
    "foot", "gdpr", "masthead", "media", "meta", "outbrain", "promo",
    "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper",
    "sponsor", "shopping", "tags", "tool", "widget", "recommend", "cookie",
    NULL};

static int class_weight(const hctx *c, const xmlNode *n)
{
    char h[512];
    int w = 0;
    if (!(c->flags & F_WEIGHT))
        return 0;
    hints(n, h, sizeof(h));
    if (!*h || strcmp(h, " ") == 0)
        return 0;
    if (has_any(h, negative_w))
        w -= 25;
    if (has_any(h, positive_w))
        w += 25;
    return w;
}

static int hidden(const xmlNode *n)
{
    char *st = ev_corpus__attr(n, "style");
    int r = 0;
    if (st) {
        char *p;
        size_t k = 0, i;
        for (i = 0; st[i]; i++)
            if (!isspace((unsigned char)st[i]))
                st[k++] = (char)tolower((unsigned char)st[i]);
        st[k] = '\0';
        p = strstr(st, "display:none");
        r = p || strstr(st, "visibility:hidden");
        free(st);
    }
    if (!r) {
        char *h = ev_corpus__attr(n, "hidden");
        r = h != NULL;
        free(h);
    }
    if (!r && ev_corpus__attr_is(n, "aria-hidden", "true")) {
        char cl[256];
        hints(n, cl, sizeof(cl));
        r = !strstr(cl, "fallback-image");
    }
    return r;
}

static int unlikely(const xmlNode *n)
{
    char h[512];
    char *role;
    int r = 0;
    if (ev_corpus__is(n, "body") || ev_corpus__is(n, "a") ||
        ev_corpus__is(n, "html") || ev_corpus__is(n, "article") ||
        ev_corpus__is(n, "main"))
        return 0;
    role = ev_corpus__attr(n, "role");
    if (role) {
        static const char *const roles[] = {
            "menu", "menubar", "complementary", "navigation", "alert",
            "alertdialog", "dialog", "banner", "contentinfo", "search", NULL};
        const char *const *p;
        for (p = roles; *p; p++)
            if (strcasecmp(role, *p) == 0)
                r = 1;
        free(role);
        if (r)
            return 1;
    }
    hints(n, h, sizeof(h));
    if (strlen(h) <= 1)
        return 0;
    return has_any(h, unlikely_w) && !has_any(h, maybe_w);
}

/* Removes furniture; numbers the remaining elements (pre-order). */
static void prune(hctx *c, xmlNode *n, int depth)
{
    xmlNode *ch, *next;
    for (ch = n->children; ch; ch = next) {
        next = ch->next;
        if (ch->type == XML_COMMENT_NODE || ch->type == XML_PI_NODE) {
            xmlUnlinkNode(ch);
            xmlFreeNode(ch);
            continue;
        }
        if (ch->type != XML_ELEMENT_NODE)
            continue;
        if (name_in(ch, drop_tags) || hidden(ch) ||
            ((c->flags & F_STRIP) && unlikely(ch))) {
            xmlUnlinkNode(ch);
            xmlFreeNode(ch);
            continue;
        }
        {
            hnode *h = ev_vec_push(&c->nodes);
            if (!h) {
                c->oom = 1;
                return;
            }
            h->n = ch;
            ch->_private = (void *)(uintptr_t)c->nodes.n;
        }
        if (depth < 600)
            prune(c, ch, depth + 1);
    }
}

/* Bottom-up text, link and comma counts (reverse pre-order). */
static void measure(hctx *c)
{
    size_t i = c->nodes.n;
    while (i-- > 0) {
        hnode *h = &c->nodes.v[i];
        const xmlNode *ch;
        hnode *ph;
        for (ch = h->n->children; ch; ch = ch->next) {
            if (ch->type == XML_TEXT_NODE && ch->content) {
                const char *s = (const char *)ch->content;
                for (; *s; s++) {
                    if (!isspace((unsigned char)*s))
                        h->text++;
                    if (*s == ',')
                        h->commas++;
                }
            }
        }
        if (ev_corpus__is(h->n, "a"))
            h->links = h->text;
        ph = h->n->parent ? H(c, h->n->parent) : NULL;
        if (ph) {
            ph->text += h->text;
            ph->links += h->links;
            ph->commas += h->commas;
        }
    }
}

static double link_density(const hnode *h)
{
    return h->text ? (double)h->links / (double)h->text : 0.0;
}

static void init_score(hctx *c, hnode *h)
{
    const char *nm = ev_corpus__name(h->n);
    if (h->scored)
        return;
    h->scored = 1;
    h->score = class_weight(c, h->n);
    if (!strcasecmp(nm, "div") || !strcasecmp(nm, "article") ||
        !strcasecmp(nm, "main") || !strcasecmp(nm, "section"))
        h->score += 5;
    else if (!strcasecmp(nm, "pre") || !strcasecmp(nm, "td") ||
             !strcasecmp(nm, "blockquote"))
        h->score += 3;
    else if (!strcasecmp(nm, "address") || !strcasecmp(nm, "ol") ||
             !strcasecmp(nm, "ul") || !strcasecmp(nm, "dl") ||
             !strcasecmp(nm, "dd") || !strcasecmp(nm, "dt") ||
             !strcasecmp(nm, "li"))
        h->score -= 3;
    else if (nm[0] == 'h' && nm[1] >= '1' && nm[1] <= '6' && !nm[2])
        h->score -= 5;
    else if (!strcasecmp(nm, "th"))
        h->score -= 5;
}

static int has_block_child(const xmlNode *n)
{
    const xmlNode *ch;
    for (ch = n->children; ch; ch = ch->next)
        if (ch->type == XML_ELEMENT_NODE &&
            (name_in(ch, block_tags) || name_in(ch, container_tags)))
            return 1;
    return 0;
}

static hnode *pick_top(hctx *c)
{
    size_t i;
    hnode *top = NULL;
    for (i = 0; i < c->nodes.n; i++) {
        hnode *h = &c->nodes.v[i];
        const char *nm = ev_corpus__name(h->n);
        double s;
        xmlNode *a;
        int level;
        int para = !strcasecmp(nm, "p") || !strcasecmp(nm, "pre") ||
                   !strcasecmp(nm, "td") || !strcasecmp(nm, "section") ||
                   (!strcasecmp(nm, "div") && !has_block_child(h->n));
        if (!para || h->text < 25)
            continue;
        s = 1.0 + (double)h->commas +
            (double)(h->text / 100 < 3 ? h->text / 100 : 3);
        for (a = h->n->parent, level = 0; a && level < 5;
             a = a->parent, level++) {
            hnode *ah = H(c, a);
            if (!ah)
                break;
            init_score(c, ah);
            ah->score += level == 0   ? s
                         : level == 1 ? s / 2
                                      : s / (level * 3);
        }
    }
    for (i = 0; i < c->nodes.n; i++) {
        hnode *h = &c->nodes.v[i];
        if (!h->scored)
            continue;
        h->score *= 1.0 - link_density(h);
        if (!top || h->score > top->score)
            top = h;
    }
    if (!top)
        return NULL;
    /* Several near-best candidates under one ancestor: take the ancestor. */
    {
        hnode *alt[5];
        int n_alt = 0, k;
        xmlNode *p;
        for (i = 0; i < c->nodes.n; i++) {
            hnode *h = &c->nodes.v[i];
            if (h == top || !h->scored || h->score < 0.75 * top->score)
                continue;
            if (n_alt < 4) {
                alt[n_alt++] = h;
            } else {
                int lo = 0;
                for (k = 1; k < n_alt; k++)
                    if (alt[k]->score < alt[lo]->score)
                        lo = k;
                if (h->score > alt[lo]->score)
                    alt[lo] = h;
            }
        }
        if (n_alt >= 3)
            for (p = top->n->parent; p && H(c, p); p = p->parent) {
                int inside = 0;
                for (k = 0; k < n_alt; k++) {
                    const xmlNode *a;
                    for (a = alt[k]->n->parent; a; a = a->parent)
                        if (a == p) {
                            inside++;
                            break;
                        }
                }
                if (inside >= 3) {
                    top = H(c, p);
                    init_score(c, top);
                    break;
                }
                if (ev_corpus__is(p, "body"))
                    break;
            }
    }
    /* Climb while a parent scores better: content split over siblings. */
    {
        double last = top->score, threshold = last / 3;
        xmlNode *p = top->n->parent;
        while (p && !ev_corpus__is(p, "body")) {
            hnode *ph = H(c, p);
            if (!ph)
                break;
            if (ph->scored) {
                if (ph->score < threshold)
                    break;
                if (ph->score > last) {
                    top = ph;
                    break;
                }
                last = ph->score;
            }
            p = p->parent;
        }
        /* a lone child says nothing more than its parent */
        while (top->n->parent && H(c, top->n->parent) &&
               !ev_corpus__is(top->n->parent, "body")) {
            const xmlNode *ch;
            int k = 0;
            for (ch = top->n->parent->children; ch; ch = ch->next)
                if (ch->type == XML_ELEMENT_NODE)
                    k++;
            if (k != 1)
                break;
            top = H(c, top->n->parent);
            init_score(c, top);
        }
    }
    return top;
}

static int sentence_like(const xmlNode *n)
{
    ev_buf b = EV_BUF_INIT;
    int r;
    ev_corpus__text_of(n, &b);
    r = b.ptr && (strstr(b.ptr, ". ") || (b.len && b.ptr[b.len - 1] == '.'));
    ev_buf_release(&b);
    return r;
}

/* Readability's conditional cleaning of lists, tables, divs and forms. */
static int link_dense_junk(hctx *c, const xmlNode *n)
{
    hnode *h = H(c, n);
    int weight, p = 0, img = 0, li = 0, inputs = 0;
    double ld;
    const xmlNode *d;
    if (!h)
        return 0;
    if (!name_in(n, (const char *const[]){"ul", "ol", "table", "div",
                                          "section", "dl", NULL}))
        return 0;
    if (!(c->flags & F_CLEAN))
        return 0;
    weight = class_weight(c, n);
    if (weight + (h->scored ? h->score : 0) < 0)
        return 1;
    if (h->commas >= 10)
        return 0;
    /* count direct-ish descendants cheaply: two levels */
    for (d = n->children; d; d = d->next) {
        const xmlNode *e;
        if (ev_corpus__is(d, "p"))
            p++;
        else if (ev_corpus__is(d, "img"))
            img++;
        else if (ev_corpus__is(d, "li"))
            li++;
        else if (ev_corpus__is(d, "input"))
            inputs++;
        for (e = d->children; e; e = e->next) {
            if (ev_corpus__is(e, "p"))
                p++;
            else if (ev_corpus__is(e, "img"))
                img++;
            else if (ev_corpus__is(e, "li"))
                li++;
        }
    }
    ld = link_density(h);
    if (ev_corpus__is(n, "ul") || ev_corpus__is(n, "ol"))
        li = 0; /* a real list is fine when it is not link-dense */
    if (img > 1 && (double)p / img < 0.5)
        return 1;
    if (li - 100 > p)
        return 1;
    if (h->text < 25 && (img == 0 || img > 2))
        return 1;
    if (weight < 25 && ld > 0.2 && h->text < 2000)
        return 1;
    if (weight >= 25 && ld > 0.5)
        return 1;
    return 0;
}

/* ---- emission ---- */

static void begin(hctx *c, const xmlNode *n, int kind)
{
    c->loc.len = 0;
    if (c->loc.ptr)
        c->loc.ptr[0] = '\0';
    ev_corpus__locator(n, &c->loc);
    ev_corpus__tb_begin(&c->tb, kind, c->loc.oom ? NULL : c->loc.ptr);
}

static int heading_kind(const xmlNode *n)
{
    const char *nm = ev_corpus__name(n);
    return (nm[0] == 'h' || nm[0] == 'H') && nm[1] >= '1' && nm[1] <= '6' &&
           !nm[2];
}

static int notes_container(const xmlNode *n)
{
    int depth = 0;
    for (; n && depth < 4; n = n->parent, depth++) {
        char h[512];
        char *role = ev_corpus__attr(n, "role");
        int r = role && (strcasecmp(role, "doc-endnotes") == 0 ||
                         strcasecmp(role, "doc-footnote") == 0 ||
                         strcasecmp(role, "doc-endnote") == 0);
        free(role);
        if (r)
            return 1;
        hints(n, h, sizeof(h));
        if (strstr(h, "footnote") || strstr(h, "endnote") ||
            strstr(h, "references") || strstr(h, "reflist"))
            return 1;
    }
    return 0;
}

static void emit(hctx *c, xmlNode *n, int kind, int depth);

static int blank_text(const xmlNode *n)
{
    const char *s = (const char *)n->content;
    for (; s && *s; s++)
        if (!isspace((unsigned char)*s))
            return 0;
    return 1;
}

static void emit_children(hctx *c, xmlNode *n, int kind, int depth)
{
    xmlNode *ch;
    for (ch = n->children; ch; ch = ch->next)
        emit(c, ch, kind, depth + 1);
}

static void emit_link(hctx *c, xmlNode *n, int kind, int depth)
{
    char *href = ev_corpus__attr(n, "href");
    size_t start;
    if (!c->tb.in_block)
        begin(c, n->parent, kind);
    start = ev_corpus__tb_mark(&c->tb);
    emit_children(c, n, kind, depth);
    if (href && *href && c->tb.in_block && c->tb.text.len > start &&
        strncasecmp(href, "javascript:", 11) != 0) {
        ev_link *l = ev_vec_push(&c->doc->links);
        if (!l) {
            c->oom = 1;
        } else {
            l->start = start;
            l->end = c->tb.text.len;
            l->href = href;
            href = NULL;
        }
    }
    free(href);
}

static void emit_note(hctx *c, xmlNode *n, int depth, char *id)
{
    ev_note *note = ev_vec_push(&c->doc->notes);
    char **slot;
    int b;
    size_t first = c->doc->blocks.n, ni;
    if (!note) {
        free(id);
        c->oom = 1;
        return;
    }
    slot = ev_vec_push(&c->note_ids);
    if (!slot) {
        free(id);
        c->oom = 1;
        return;
    }
    *slot = id;
    /* (this note's index: a note nested in it is pushed after it, so the
     * last note is not always this one) */
    ni = c->doc->notes.n - 1;
    begin(c, n, EV_BLK_FOOTNOTE);
    c->tb.blk_note = (int)ni;
    emit_children(c, n, EV_BLK_FOOTNOTE, depth);
    c->tb.blk_note = (int)ni;
    b = ev_corpus__tb_end(&c->tb);
    note = &c->doc->notes.v[ni];
    if (b >= 0 || c->doc->blocks.n > first) {
        const ev_block *bl = &c->doc->blocks.v[first];
        size_t last = c->doc->blocks.n - 1, k;
        note->start = bl->start;
        note->end = c->doc->blocks.v[last].end;
        note->text = ev_strndup(c->tb.text.ptr + note->start,
                                note->end - note->start);
        if (!note->text)
            c->oom = 1;
        else
            ev_corpus__squeeze(note->text, strlen(note->text));
        for (k = first; k <= last; k++) {
            c->doc->blocks.v[k].kind = EV_BLK_FOOTNOTE;
            if (c->doc->blocks.v[k].note < 0)
                c->doc->blocks.v[k].note = (int)ni;
        }
        {
            char lab[16];
            snprintf(lab, sizeof(lab), "%zu", ni + 1);
            note->label = ev_strdup(lab);
        }
    }
}

static void emit(hctx *c, xmlNode *n, int kind, int depth)
{
    if (depth > 600 || c->oom)
        return;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        const char *s = (const char *)n->content;
        size_t len = s ? strlen(s) : 0, i;
        if (!len)
            return;
        if (!c->tb.in_block) {
            for (i = 0; i < len && isspace((unsigned char)s[i]); i++)
                ;
            if (i == len)
                return;
            begin(c, n->parent, kind);
        }
        ev_corpus__tb_text(&c->tb, s, len);
        return;
    }
    if (n->type != XML_ELEMENT_NODE)
        return;
    if (!H(c, n) || link_dense_junk(c, n))
        return;
    if (ev_corpus__is(n, "br")) {
        const xmlNode *nx = n->next;
        while (nx && nx->type == XML_TEXT_NODE && blank_text(nx))
            nx = nx->next;
        if (ev_corpus__is(nx, "br") || ev_corpus__is(n->prev, "br")) {
            if (c->tb.in_block)
                ev_corpus__tb_end(&c->tb);
        } else if (c->tb.in_block) {
            ev_corpus__tb_text(&c->tb, " ", 1);
        }
        return;
    }
    if (ev_corpus__is(n, "img") || ev_corpus__is(n, "picture") ||
        ev_corpus__is(n, "video") || ev_corpus__is(n, "audio") ||
        ev_corpus__is(n, "source"))
        return;
    if (ev_corpus__is(n, "a")) {
        emit_link(c, n, kind, depth);
        return;
    }
    if (name_in(n, block_tags)) {
        int k = kind;
        char *id;
        if (heading_kind(n))
            k = EV_BLK_HEADING;
        else if (ev_corpus__is(n, "li") || ev_corpus__is(n, "dt") ||
                 ev_corpus__is(n, "dd"))
            k = kind == EV_BLK_PARA ? EV_BLK_LIST_ITEM : kind;
        else if (ev_corpus__is(n, "td") || ev_corpus__is(n, "th"))
            k = EV_BLK_TABLE_CELL;
        else if (ev_corpus__is(n, "figcaption") ||
                 ev_corpus__is(n, "caption"))
            k = EV_BLK_CAPTION;
        id = ev_corpus__attr(n, "id");
        if (id && *id && (ev_corpus__is(n, "li") || ev_corpus__is(n, "p")) &&
            notes_container(n)) {
            emit_note(c, n, depth, id);
            return;
        }
        free(id);
        begin(c, n, k);
        emit_children(c, n, k, depth);
        if (c->tb.in_block)
            ev_corpus__tb_end(&c->tb);
        return;
    }
    if (name_in(n, container_tags)) {
        int k = kind;
        if (ev_corpus__is(n, "figure"))
            k = EV_BLK_CAPTION;
        if (c->tb.in_block)
            ev_corpus__tb_end(&c->tb);
        emit_children(c, n, k, depth);
        if (c->tb.in_block)
            ev_corpus__tb_end(&c->tb);
        return;
    }
    emit_children(c, n, kind, depth);
}

/* ---- metadata ---- */

static void meta_set(char **dst, const char *v)
{
    char *s;
    if (*dst || !v || !*v)
        return;
    s = ev_strdup(v);
    if (s)
        *dst = s;
    if (s)
        ev_corpus__squeeze(s, strlen(s));
}

/* Finds "key": "value" in a JSON-LD text (first occurrence). */
static char *json_str(const char *js, const char *key)
{
    char pat[48];
    const char *p, *q;
    ev_buf b = EV_BUF_INIT;
    snprintf(pat, sizeof(pat), "\"%s\"", key);
    p = strstr(js, pat);
    if (!p)
        return NULL;
    p += strlen(pat);
    while (*p == ' ' || *p == ':' || *p == '\n' || *p == '\t' || *p == '\r')
        p++;
    if (*p == '{' || *p == '[') {
        /* an object: take its "name" */
        const char *nm = strstr(p, "\"name\"");
        if (!nm || nm - p > 400)
            return NULL;
        return json_str(p, "name");
    }
    if (*p != '"')
        return NULL;
    p++;
    for (q = p; *q && *q != '"'; q++) {
        if (*q == '\\' && q[1]) {
            q++;
            if (*q == 'n' || *q == 't')
                ev_buf_putc(&b, ' ');
            else if (*q != 'u')
                ev_buf_putc(&b, *q);
            continue;
        }
        ev_buf_putc(&b, *q);
    }
    if (!b.len) {
        ev_buf_release(&b);
        return NULL;
    }
    return ev_buf_detach(&b);
}

static void read_meta(hctx *c, xmlNode *root)
{
    ev_doc_meta *m = &c->doc->meta;
    xmlNode *head = ev_corpus__child(root, "head");
    xmlNode *n;
    char *v;
    ev_buf authors = EV_BUF_INIT;
    char *og_title = NULL, *cit_title = NULL, *title = NULL, *date = NULL;
    if (!head)
        head = ev_corpus__find(root, "head");
    if (!head)
        return;
    for (n = head->children; n; n = n->next) {
        char *key, *content;
        if (ev_corpus__is(n, "title") && !title) {
            title = ev_corpus__text_dup(n);
            continue;
        }
        if (ev_corpus__is(n, "link")) {
            char *rel = ev_corpus__attr(n, "rel");
            if (rel && strcasecmp(rel, "canonical") == 0) {
                v = ev_corpus__attr(n, "href");
                meta_set(&m->url, v);
                free(v);
            }
            free(rel);
            continue;
        }
        if (ev_corpus__is(n, "script") &&
            ev_corpus__attr_is(n, "type", "application/ld+json")) {
            char *js = ev_corpus__text_dup(n);
            if (js) {
                char *h = json_str(js, "headline");
                char *d = json_str(js, "datePublished");
                char *a = json_str(js, "author");
                char *u = json_str(js, "url");
                if (h && !og_title)
                    og_title = h;
                else
                    free(h);
                if (d && !date)
                    date = d;
                else
                    free(d);
                if (a && !authors.len)
                    ev_buf_puts(&authors, a);
                free(a);
                free(u);
                free(js);
            }
            continue;
        }
        if (!ev_corpus__is(n, "meta"))
            continue;
        key = ev_corpus__attr(n, "name");
        if (!key)
            key = ev_corpus__attr(n, "property");
        content = ev_corpus__attr(n, "content");
        if (key && content && *content) {
            size_t i;
            for (i = 0; key[i]; i++)
                key[i] = (char)tolower((unsigned char)key[i]);
            if (!strcmp(key, "citation_title") || !strcmp(key, "dc.title"))
                meta_set(&cit_title, content);
            else if (!strcmp(key, "og:title") || !strcmp(key, "twitter:title"))
                meta_set(&og_title, content);
            else if (!strcmp(key, "citation_author") ||
                     !strcmp(key, "dc.creator") || !strcmp(key, "author") ||
                     !strcmp(key, "article:author") ||
                     !strcmp(key, "parsely-author")) {
                if (strncmp(content, "http", 4) != 0) {
                    if (authors.len)
                        ev_buf_puts(&authors, "; ");
                    ev_buf_puts(&authors, content);
                }
            } else if (!strcmp(key, "citation_publication_date") ||
                       !strcmp(key, "citation_date") ||
                       !strcmp(key, "dc.date") ||
                       !strcmp(key, "article:published_time") ||
                       !strcmp(key, "date") ||
                       !strcmp(key, "parsely-pub-date"))
                meta_set(&date, content);
            else if (!strcmp(key, "citation_doi") ||
                     !strcmp(key, "dc.identifier")) {
                const char *d = strstr(content, "10.");
                if (d)
                    meta_set(&m->doi, d);
            } else if (!strcmp(key, "og:url") ||
                       !strcmp(key, "citation_public_url"))
                meta_set(&m->url, content);
        }
        free(key);
        free(content);
    }
    m->title = cit_title ? cit_title : og_title ? og_title : title;
    if (m->title == cit_title) {
        free(og_title);
        free(title);
    } else if (m->title == og_title) {
        free(title);
    } else {
        free(og_title);
    }
    if (authors.len)
        m->authors = ev_buf_detach(&authors);
    ev_buf_release(&authors);
    m->date = date;
    if (date)
        m->year = ev_corpus__year(date, NULL);
}

/* In-page footnote links ("#fn3") become footnote citations. */
static void resolve_notes(hctx *c)
{
    size_t i, j;
    for (i = 0; i < c->doc->links.n; i++) {
        const ev_link *l = &c->doc->links.v[i];
        const char *h = strchr(l->href, '#');
        if (!h || !h[1])
            continue;
        for (j = 0; j < c->note_ids.n; j++) {
            ev_cite *ct;
            const ev_note *nt = &c->doc->notes.v[j];
            if (!c->note_ids.v[j] || strcmp(c->note_ids.v[j], h + 1) != 0)
                continue;
            if (l->start >= nt->start && l->end <= nt->end)
                break; /* the back-link inside the note itself */
            ct = ev_vec_push(&c->doc->cites);
            if (!ct) {
                c->oom = 1;
                return;
            }
            ct->start = l->start;
            ct->end = l->end;
            ct->kind = EV_CITE_FOOTNOTE;
            ct->note = (int)j;
            ct->marker = ev_strndup(c->tb.text.ptr + l->start,
                                    l->end - l->start);
            if (!ct->marker)
                c->oom = 1;
            break;
        }
    }
}

static int extract_once(ev_doc *doc, const char *data, size_t len,
                        const ev_corpus_opts *opts, int flags, ev_err *err)
{
    xmlDocPtr x = NULL;
    xmlNode *root, *body;
    hctx c;
    hnode *top;
    size_t i;
    int rc = ev_corpus__xml_parse(&x, doc, data, len, EV_XML_MODE_HTML, opts,
                                  err);
    if (rc)
        return rc;
    memset(&c, 0, sizeof(c));
    c.doc = doc;
    c.flags = flags;
    ev_corpus__tb_init(&c.tb, doc);
    doc->format = EV_FMT_HTML;
    root = xmlDocGetRootElement(x);
    read_meta(&c, root);
    body = ev_corpus__is(root, "body") ? root : ev_corpus__find(root, "body");
    if (!body)
        body = root;
    {
        hnode *h = ev_vec_push(&c.nodes);
        if (!h) {
            c.oom = 1;
            goto done;
        }
        h->n = body;
        body->_private = (void *)(uintptr_t)c.nodes.n;
    }
    prune(&c, body, 0);
    if (c.oom)
        goto done;
    measure(&c);
    top = pick_top(&c);
    if (doc->meta.title) {
        ev_corpus__tb_begin(&c.tb, EV_BLK_META, "/html/head/title");
        ev_corpus__tb_text(&c.tb, doc->meta.title, strlen(doc->meta.title));
        ev_corpus__tb_end(&c.tb);
    }
    if (!top || top->n == body) {
        emit(&c, body, EV_BLK_PARA, 0);
    } else {
        /* the top candidate with its qualifying siblings */
        double threshold = top->score * 0.2 > 10 ? top->score * 0.2 : 10;
        xmlNode *parent = top->n->parent, *s;
        for (s = parent->children; s; s = s->next) {
            hnode *sh;
            int take = 0;
            if (s == top->n) {
                take = 1;
            } else if (s->type == XML_ELEMENT_NODE && (sh = H(&c, s))) {
                if (sh->scored && sh->score >= threshold)
                    take = 1;
                else if (ev_corpus__is(s, "p") || heading_kind(s)) {
                    double ld = link_density(sh);
                    if (sh->text > 80 && ld < 0.25)
                        take = 1;
                    else if (sh->text > 0 && sh->text <= 80 && ld == 0 &&
                             sentence_like(s))
                        take = 1;
                }
            }
            if (take) {
                if (s == top->n && link_dense_junk(&c, s))
                    emit_children(&c, s, EV_BLK_PARA, 1);
                else
                    emit(&c, s, EV_BLK_PARA, 1);
            }
        }
    }
    if (c.tb.in_block)
        ev_corpus__tb_end(&c.tb);
    resolve_notes(&c);
done:
    if (c.oom || ev_corpus__tb_finish(&c.tb))
        rc = ev_err_set(err, EV_ENOMEM, "out of memory");
    ev_corpus__tb_release(&c.tb);
    for (i = 0; i < c.note_ids.n; i++)
        free(c.note_ids.v[i]);
    free(c.note_ids.v);
    free(c.nodes.v);
    ev_buf_release(&c.loc);
    xmlFreeDoc(x);
    return rc;
}

/* Moves the extraction results of src into dst (dst's own are freed). */
static void take_results(ev_doc *dst, ev_doc *src)
{
    ev_doc_release(dst);
    *dst = *src;
    ev_doc_init(src);
}

int ev_corpus_parse_html(ev_doc *doc, const char *data, size_t len,
                         const ev_corpus_opts *opts, ev_err *err)
{
    /* Readability's retries: when the strict pass keeps too little text,
     * relax the unlikely-class stripping, then class weights, then the
     * conditional cleaning, and keep the longest result. */
    static const int tries[] = {F_STRIP | F_WEIGHT | F_CLEAN,
                                F_WEIGHT | F_CLEAN, F_CLEAN, 0};
    ev_doc best;
    size_t best_len = 0, i;
    int have = 0, rc = 0;
    ev_doc_init(&best);
    for (i = 0; i < sizeof(tries) / sizeof(tries[0]); i++) {
        ev_doc tmp;
        size_t content;
        ev_doc_init(&tmp);
        rc = extract_once(&tmp, data, len, opts, tries[i], err);
        if (rc) {
            ev_doc_release(&tmp);
            break;
        }
        content = tmp.text_len;
        if (tmp.meta.title)
            content -= content > strlen(tmp.meta.title)
                           ? strlen(tmp.meta.title)
                           : content;
        if (!have || content > best_len) {
            ev_doc_release(&best);
            best = tmp;
            best_len = content;
            have = 1;
        } else {
            ev_doc_release(&tmp);
        }
        if (content >= 500)
            break;
    }
    if (rc) {
        ev_doc_release(&best);
        return rc;
    }
    {
        char *path = doc->path, *name = doc->name;
        uint64_t hash = doc->hash;
        size_t size = doc->source_size;
        doc->path = NULL;
        doc->name = NULL;
        take_results(doc, &best);
        doc->path = path;
        doc->name = name;
        doc->hash = hash;
        doc->source_size = size;
        doc->format = EV_FMT_HTML;
    }
    return 0;
}
