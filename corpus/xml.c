/*
 * JATS (PubMed Central, eLife, PLOS) and TEI (GROBID) readers. One walker
 * serves both dialects: a table says which elements are blocks, which are
 * containers that set the kind of the blocks inside (captions, footnotes,
 * list items, table cells), which are skipped, and which are citations.
 * Reference lists become doc->refs (and reference blocks after a
 * "References" heading); footnotes become doc->notes and footnote blocks;
 * every bibliographic xref becomes an ev_cite with its span in doc->text,
 * and a numbered range with links only on its ends ("[10]–[14]") is
 * expanded to the references in between.
 */
#include "corpus_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>

#define MAX_WALK 400

enum { W_INLINE = 0, W_SKIP, W_BLOCK, W_CONTAINER, W_CITE, W_NOTE };

typedef struct pending_fn {
    size_t cite;  /* index in doc->cites */
    char *rid;
} pending_fn;

typedef struct xctx {
    ev_doc *doc;
    ev_tb tb;
    int tei;
    int note;            /* current note index or -1 */
    EV_VEC(pending_fn) fns;
    EV_VEC(char *) note_ids;
    ev_buf loc;
    int oom;
} xctx;

/* ---- element classes ---- */

static int classify(const xctx *c, const xmlNode *n, int *kind)
{
    const char *nm = ev_corpus__name(n);
    *kind = -1;
    if (!c->tei) {
        static const char *const skip[] = {
            "ref-list", "graphic", "inline-graphic", "media", "object-id",
            "tex-math", "alt-text", "long-desc", "journal-meta",
            "article-categories", "history", "permissions", "counts",
            "custom-meta-group", "funding-group", "self-uri", "related-article",
            "contrib-group", "aff", "author-notes", "pub-date", "volume",
            "elocation-id", "article-id", "issue", "fpage", "lpage",
            "title-group", "kwd-group", "supplementary-material-ref"};
        size_t i;
        for (i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
            if (strcmp(nm, skip[i]) == 0)
                return W_SKIP;
        if (strcmp(nm, "xref") == 0) {
            if (ev_corpus__attr_is(n, "ref-type", "bibr") ||
                ev_corpus__attr_is(n, "ref-type", "fn"))
                return W_CITE;
            return W_INLINE;
        }
        if (strcmp(nm, "p") == 0 || strcmp(nm, "def") == 0 ||
            strcmp(nm, "term") == 0 || strcmp(nm, "attrib") == 0)
            return W_BLOCK;
        if (strcmp(nm, "title") == 0 || strcmp(nm, "subtitle") == 0) {
            *kind = EV_BLK_HEADING;
            return W_BLOCK;
        }
        if (strcmp(nm, "td") == 0 || strcmp(nm, "th") == 0) {
            *kind = EV_BLK_TABLE_CELL;
            return W_BLOCK;
        }
        if (strcmp(nm, "label") == 0) {
            const char *pn = ev_corpus__name(n->parent);
            if (strcmp(pn, "fig") == 0 || strcmp(pn, "table-wrap") == 0 ||
                strcmp(pn, "boxed-text") == 0 ||
                strcmp(pn, "supplementary-material") == 0) {
                *kind = EV_BLK_CAPTION;
                return W_BLOCK;
            }
            if (strcmp(pn, "fn") == 0 || strcmp(pn, "sec") == 0 ||
                strcmp(pn, "app") == 0)
                return W_SKIP;
            return W_INLINE;
        }
        if (strcmp(nm, "caption") == 0) {
            *kind = EV_BLK_CAPTION;
            return W_CONTAINER;
        }
        if (strcmp(nm, "list-item") == 0) {
            *kind = EV_BLK_LIST_ITEM;
            return W_CONTAINER;
        }
        if (strcmp(nm, "fn") == 0)
            return W_NOTE;
        if (strcmp(nm, "sec") == 0 || strcmp(nm, "body") == 0 ||
            strcmp(nm, "back") == 0 || strcmp(nm, "abstract") == 0 ||
            strcmp(nm, "trans-abstract") == 0 || strcmp(nm, "fig") == 0 ||
            strcmp(nm, "table-wrap") == 0 || strcmp(nm, "table") == 0 ||
            strcmp(nm, "thead") == 0 || strcmp(nm, "tbody") == 0 ||
            strcmp(nm, "tr") == 0 || strcmp(nm, "list") == 0 ||
            strcmp(nm, "ack") == 0 || strcmp(nm, "app") == 0 ||
            strcmp(nm, "app-group") == 0 || strcmp(nm, "fn-group") == 0 ||
            strcmp(nm, "boxed-text") == 0 || strcmp(nm, "disp-quote") == 0 ||
            strcmp(nm, "table-wrap-foot") == 0 ||
            strcmp(nm, "supplementary-material") == 0 ||
            strcmp(nm, "def-list") == 0 || strcmp(nm, "def-item") == 0 ||
            strcmp(nm, "glossary") == 0 || strcmp(nm, "sub-article") == 0 ||
            strcmp(nm, "front-stub") == 0 || strcmp(nm, "notes") == 0 ||
            strcmp(nm, "fig-group") == 0 || strcmp(nm, "statement") == 0 ||
            strcmp(nm, "disp-formula-group") == 0 ||
            strcmp(nm, "colgroup") == 0 || strcmp(nm, "col") == 0)
            return W_CONTAINER;
        return W_INLINE;
    }
    /* TEI */
    if (strcmp(nm, "listBibl") == 0 || strcmp(nm, "teiHeader") == 0 ||
        strcmp(nm, "graphic") == 0 || strcmp(nm, "facsimile") == 0)
        return W_SKIP;
    if (strcmp(nm, "ref") == 0) {
        if (ev_corpus__attr_is(n, "type", "bibr") ||
            ev_corpus__attr_is(n, "type", "foot"))
            return W_CITE;
        return W_INLINE;
    }
    if (strcmp(nm, "p") == 0 || strcmp(nm, "formula") == 0 ||
        strcmp(nm, "ab") == 0)
        return W_BLOCK;
    if (strcmp(nm, "head") == 0) {
        *kind = strcmp(ev_corpus__name(n->parent), "figure") == 0
                    ? EV_BLK_CAPTION
                    : EV_BLK_HEADING;
        return W_BLOCK;
    }
    if (strcmp(nm, "figDesc") == 0 ||
        (strcmp(nm, "label") == 0 &&
         strcmp(ev_corpus__name(n->parent), "figure") == 0)) {
        *kind = EV_BLK_CAPTION;
        return W_BLOCK;
    }
    if (strcmp(nm, "cell") == 0) {
        *kind = EV_BLK_TABLE_CELL;
        return W_BLOCK;
    }
    if (strcmp(nm, "item") == 0) {
        *kind = EV_BLK_LIST_ITEM;
        return W_BLOCK;
    }
    if (strcmp(nm, "note") == 0) {
        if (ev_corpus__attr_is(n, "place", "foot") ||
            ev_corpus__attr_is(n, "place", "end"))
            return W_NOTE;
        return W_BLOCK;
    }
    if (strcmp(nm, "div") == 0 || strcmp(nm, "body") == 0 ||
        strcmp(nm, "back") == 0 || strcmp(nm, "front") == 0 ||
        strcmp(nm, "text") == 0 || strcmp(nm, "figure") == 0 ||
        strcmp(nm, "table") == 0 || strcmp(nm, "row") == 0 ||
        strcmp(nm, "list") == 0 || strcmp(nm, "abstract") == 0 ||
        strcmp(nm, "group") == 0)
        return W_CONTAINER;
    return W_INLINE;
}

/* ---- helpers ---- */

static int ref_by_id(const ev_doc *doc, const char *id, size_t len)
{
    size_t i;
    for (i = 0; i < doc->refs.n; i++) {
        const char *r = doc->refs.v[i].id;
        if (r && strlen(r) == len && memcmp(r, id, len) == 0)
            return (int)i;
    }
    return -1;
}

static void begin(xctx *c, const xmlNode *n, int kind)
{
    c->loc.len = 0;
    if (c->loc.ptr)
        c->loc.ptr[0] = '\0';
    ev_corpus__locator(n, &c->loc);
    ev_corpus__tb_begin(&c->tb, kind, c->loc.oom ? NULL : c->loc.ptr);
    c->tb.blk_note = c->note;
}

static int has_digit_only(const char *s)
{
    int d = 0;
    for (; *s; s++) {
        if (isdigit((unsigned char)*s))
            d = 1;
        else if (!strchr("[]() ,", *s))
            return 0;
    }
    return d;
}

static void add_cite(xctx *c, const xmlNode *n, size_t start, size_t end)
{
    ev_doc *doc = c->doc;
    ev_cite *ct;
    const char *t = c->tb.text.ptr;
    char *ids = ev_corpus__attr(n, c->tei ? "target" : "rid");
    int is_fn = c->tei ? ev_corpus__attr_is(n, "type", "foot")
                       : ev_corpus__attr_is(n, "ref-type", "fn");
    const char *p;
    if (c->tb.text.oom) {
        free(ids);
        c->oom = 1;
        return;
    }
    while (start < end && t[start] == ' ')
        start++;
    if (start > end)
        start = end;
    ct = ev_vec_push(&doc->cites);
    if (!ct) {
        free(ids);
        c->oom = 1;
        return;
    }
    ct->start = start;
    ct->end = end;
    ct->note = -1;
    ct->marker = ev_strndup(t ? t + start : "", end - start);
    if (!ct->marker)
        c->oom = 1;
    if (is_fn) {
        pending_fn *pf;
        ct->kind = EV_CITE_FOOTNOTE;
        pf = ev_vec_push(&c->fns);
        if (!pf) {
            free(ids);
            c->oom = 1;
            return;
        }
        pf->cite = doc->cites.n - 1;
        pf->rid = ids;
        return;
    }
    ct->kind = has_digit_only(ct->marker ? ct->marker : "")
                   ? EV_CITE_REFERENCE
                   : EV_CITE_AUTHOR_YEAR;
    for (p = ids ? ids : ""; *p;) {
        const char *q;
        int r;
        while (*p == ' ' || *p == '#')
            p++;
        q = p;
        while (*q && *q != ' ')
            q++;
        if (q > p) {
            r = ref_by_id(doc, p, (size_t)(q - p));
            if (r >= 0) {
                int *slot = ev_vec_push(&ct->refs);
                if (!slot)
                    c->oom = 1;
                else
                    *slot = r;
            }
        }
        p = q;
    }
    free(ids);
}

/* ---- walker ---- */

static void walk(xctx *c, const xmlNode *n, int kind, int depth);

static void walk_children(xctx *c, const xmlNode *n, int kind, int depth)
{
    const xmlNode *ch;
    for (ch = n->children; ch; ch = ch->next)
        walk(c, ch, kind, depth + 1);
}

static void walk_note(xctx *c, const xmlNode *n, int depth)
{
    ev_note *note;
    int idx, saved = c->note;
    size_t first_block = c->doc->blocks.n, b;
    char *label;
    const xmlNode *lab = ev_corpus__child(n, "label");
    if (c->tb.in_block)
        ev_corpus__tb_end(&c->tb);
    note = ev_vec_push(&c->doc->notes);
    if (!note) {
        c->oom = 1;
        return;
    }
    idx = (int)(c->doc->notes.n - 1);
    label = lab ? ev_corpus__text_dup(lab) : ev_corpus__attr(n, "n");
    note->label = label;
    {
        char **slot = ev_vec_push(&c->note_ids);
        if (!slot)
            c->oom = 1;
        else
            *slot = ev_corpus__attr(n, c->tei ? "id" : "id");
    }
    c->note = idx;
    if (c->tei) {
        /* TEI notes hold their text directly */
        begin(c, n, EV_BLK_FOOTNOTE);
        walk_children(c, n, EV_BLK_FOOTNOTE, depth);
        ev_corpus__tb_end(&c->tb);
    } else {
        walk_children(c, n, EV_BLK_FOOTNOTE, depth);
        if (c->tb.in_block)
            ev_corpus__tb_end(&c->tb);
    }
    c->note = saved;
    note = &c->doc->notes.v[idx];
    if (c->doc->blocks.n > first_block && !c->tb.text.oom) {
        ev_buf t = EV_BUF_INIT;
        note->start = c->doc->blocks.v[first_block].start;
        note->end = c->doc->blocks.v[c->doc->blocks.n - 1].end;
        for (b = first_block; b < c->doc->blocks.n; b++) {
            const ev_block *bl = &c->doc->blocks.v[b];
            if (t.len)
                ev_buf_putc(&t, ' ');
            ev_buf_add(&t, c->tb.text.ptr + bl->start, bl->end - bl->start);
        }
        note->text = ev_buf_detach(&t);
        if (!note->text)
            c->oom = 1;
    }
}

static void walk(xctx *c, const xmlNode *n, int kind, int depth)
{
    int k, cls;
    if (depth > MAX_WALK || c->oom)
        return;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        const char *s = (const char *)n->content;
        size_t len = s ? strlen(s) : 0, i;
        if (!len)
            return;
        if (!c->tb.in_block) {
            for (i = 0; i < len; i++)
                if (!isspace((unsigned char)s[i]))
                    break;
            if (i == len)
                return;
            begin(c, n->parent, kind >= 0 ? kind : EV_BLK_PARA);
        }
        ev_corpus__tb_text(&c->tb, s, len);
        return;
    }
    if (n->type != XML_ELEMENT_NODE)
        return;
    cls = classify(c, n, &k);
    switch (cls) {
    case W_SKIP:
        return;
    case W_NOTE:
        walk_note(c, n, depth);
        return;
    case W_CONTAINER:
        if (c->tb.in_block)
            ev_corpus__tb_end(&c->tb);
        walk_children(c, n, k >= 0 ? k : kind, depth);
        if (c->tb.in_block)
            ev_corpus__tb_end(&c->tb);
        return;
    case W_BLOCK: {
        int bk = k >= 0 ? k : (kind >= 0 ? kind : EV_BLK_PARA);
        if (k == EV_BLK_HEADING && kind >= 0 && kind != EV_BLK_PARA)
            bk = kind; /* a caption's or footnote's title */
        begin(c, n, bk);
        walk_children(c, n, bk, depth);
        if (c->tb.in_block)
            ev_corpus__tb_end(&c->tb);
        return;
    }
    case W_CITE: {
        size_t start;
        if (!c->tb.in_block)
            begin(c, n->parent, kind >= 0 ? kind : EV_BLK_PARA);
        start = ev_corpus__tb_mark(&c->tb);
        walk_children(c, n, kind, depth);
        if (c->tb.in_block)
            add_cite(c, n, start, c->tb.text.len);
        return;
    }
    default:
        walk_children(c, n, kind, depth);
        return;
    }
}

/* ---- references ---- */

static void add_name(ev_buf *authors, const char *surname, const char *given)
{
    if (authors->len)
        ev_buf_puts(authors, "; ");
    ev_buf_puts(authors, surname);
    if (given && *given) {
        ev_buf_puts(authors, ", ");
        ev_buf_puts(authors, given);
    }
}

static int is_doi_text(const char *s)
{
    return s && strncmp(s, "10.", 3) == 0 && strchr(s, '/');
}

/* Pulls "10.xxxx/..." out of a URL or text; malloc'ed or NULL. */
static char *doi_in(const char *s)
{
    const char *p = s ? strstr(s, "10.") : NULL;
    while (p) {
        const char *q = p + 3;
        int digits = 0;
        while (isdigit((unsigned char)*q)) {
            q++;
            digits++;
        }
        if (digits >= 4 && *q == '/') {
            const char *e = q + 1;
            while (*e && !isspace((unsigned char)*e) && *e != '"' &&
                   *e != '<')
                e++;
            while (e > q + 1 && strchr(".,;)]", e[-1]))
                e--;
            if (e > q + 1)
                return ev_strndup(p, (size_t)(e - p));
        }
        p = strstr(p + 3, "10.");
    }
    return NULL;
}

static void set_field(char **dst, char *val)
{
    if (!val)
        return;
    if (*dst || !*val) {
        free(val);
        return;
    }
    *dst = val;
}

/* Names in a JATS person-group or citation (name, string-name, collab). */
static void jats_names(const xmlNode *n, ev_buf *authors, char **first,
                       int depth)
{
    const xmlNode *ch;
    if (depth > 8)
        return;
    for (ch = n->children; ch; ch = ch->next) {
        if (ch->type != XML_ELEMENT_NODE)
            continue;
        if (ev_corpus__is(ch, "person-group")) {
            char *t = ev_corpus__attr(ch, "person-group-type");
            int author = !t || strcmp(t, "author") == 0;
            free(t);
            if (author)
                jats_names(ch, authors, first, depth + 1);
        } else if (ev_corpus__is(ch, "name") ||
                   ev_corpus__is(ch, "string-name")) {
            char *sn = ev_corpus__text_dup(ev_corpus__child(ch, "surname"));
            char *gn =
                ev_corpus__text_dup(ev_corpus__child(ch, "given-names"));
            if (!sn)
                sn = ev_corpus__text_dup(ch);
            if (sn) {
                add_name(authors, sn, gn);
                if (!*first)
                    *first = ev_strdup(sn);
            }
            free(sn);
            free(gn);
        } else if (ev_corpus__is(ch, "collab")) {
            char *cn = ev_corpus__text_dup(ch);
            if (cn) {
                add_name(authors, cn, NULL);
                if (!*first)
                    *first = ev_strdup(cn);
            }
            free(cn);
        }
    }
}

/* Text of a citation part: names as "Surname GN", <etal/> as "et al.". */
static void part_node(const xmlNode *n, ev_buf *out, int depth);

static void part_text(const xmlNode *n, ev_buf *out, int depth)
{
    const xmlNode *ch;
    if (depth > 12)
        return;
    for (ch = n->children; ch; ch = ch->next)
        part_node(ch, out, depth + 1);
}

static void part_node(const xmlNode *ch, ev_buf *out, int depth)
{
    if ((ch->type == XML_TEXT_NODE || ch->type == XML_CDATA_SECTION_NODE) &&
        ch->content) {
        ev_buf_puts(out, (const char *)ch->content);
    } else if (ev_corpus__is(ch, "name") || ev_corpus__is(ch, "string-name")) {
        const xmlNode *sn = ev_corpus__child(ch, "surname");
        const xmlNode *gn = ev_corpus__child(ch, "given-names");
        const xmlNode *sf = ev_corpus__child(ch, "suffix");
        if (!sn) {
            part_text(ch, out, depth);
            return;
        }
        ev_corpus__text_of(sn, out);
        if (gn) {
            ev_buf_putc(out, ' ');
            ev_corpus__text_of(gn, out);
        }
        if (sf) {
            ev_buf_putc(out, ' ');
            ev_corpus__text_of(sf, out);
        }
    } else if (ev_corpus__is(ch, "etal")) {
        ev_buf_puts(out, " et al.");
    } else if (ch->type == XML_ELEMENT_NODE) {
        part_text(ch, out, depth);
    }
}

static void part_line(const xmlNode *n, ev_buf *out, int self)
{
    size_t from = out->len;
    if (self)
        part_node(n, out, 0);
    else
        part_text(n, out, 0);
    if (!out->oom && out->ptr) {
        out->len = from + ev_corpus__squeeze(out->ptr + from, out->len - from);
        out->ptr[out->len] = '\0';
    }
}

/* One line for a citation element: its own text when it is mixed
 * content, else the parts in order with readable separators. */
static void cite_line(const xmlNode *cit, ev_buf *out)
{
    const xmlNode *ch;
    int mixed = 0;
    for (ch = cit->children; ch; ch = ch->next)
        if (ch->type == XML_TEXT_NODE && ch->content) {
            const char *s = (const char *)ch->content;
            for (; *s; s++)
                if (!isspace((unsigned char)*s) && *s != '.' && *s != ',')
                    mixed = 1;
        }
    if (mixed) {
        part_line(cit, out, 0);
        return;
    }
    for (ch = cit->children; ch; ch = ch->next) {
        size_t before = out->len;
        if (ch->type != XML_ELEMENT_NODE)
            continue;
        if (out->len)
            ev_buf_putc(out, ' ');
        if (ev_corpus__is(ch, "person-group")) {
            const xmlNode *nm;
            int k = 0;
            for (nm = ch->children; nm; nm = nm->next) {
                if (nm->type != XML_ELEMENT_NODE)
                    continue;
                if (k++ && !ev_corpus__is(nm, "etal"))
                    ev_buf_puts(out, ", ");
                if (ev_corpus__is(nm, "etal"))
                    ev_buf_puts(out, " et al.");
                else
                    part_line(nm, out, 1);
            }
        } else if (ev_corpus__is(ch, "year")) {
            ev_buf_putc(out, '(');
            ev_corpus__text_of(ch, out);
            ev_buf_putc(out, ')');
        } else if (ev_corpus__is(ch, "pub-id")) {
            char *t = ev_corpus__attr(ch, "pub-id-type");
            if (t)
                ev_buf_printf(out, "%s: ", t);
            free(t);
            ev_corpus__text_of(ch, out);
        } else {
            ev_corpus__text_of(ch, out);
            if (ev_corpus__is(ch, "article-title") ||
                ev_corpus__is(ch, "source") || ev_corpus__is(ch, "name") ||
                ev_corpus__is(ch, "chapter-title"))
                ev_buf_putc(out, '.');
        }
        if (out->len == before + 1) {
            out->len = before;
            out->ptr[before] = '\0';
        }
    }
}

static void collect_urls(const xmlNode *n, ev_strvec *urls, int depth)
{
    const xmlNode *ch;
    if (depth > 10)
        return;
    for (ch = n->children; ch; ch = ch->next) {
        if (ch->type != XML_ELEMENT_NODE)
            continue;
        if (ev_corpus__is(ch, "ext-link") || ev_corpus__is(ch, "uri") ||
            ev_corpus__is(ch, "ptr")) {
            char *h = ev_corpus__attr(ch, ev_corpus__is(ch, "ptr") ? "target"
                                                                   : "href");
            if (!h)
                h = ev_corpus__text_dup(ch);
            if (h && (strncmp(h, "http", 4) == 0 || strncmp(h, "ftp", 3) == 0))
                ev_strvec_push(urls, h, strlen(h));
            free(h);
        } else {
            collect_urls(ch, urls, depth + 1);
        }
    }
}

static int jats_ref(xctx *c, const xmlNode *ref)
{
    ev_ref *r = ev_vec_push(&c->doc->refs);
    const xmlNode *cit = NULL, *ch;
    ev_buf authors = EV_BUF_INIT, line = EV_BUF_INIT;
    static const char *const cit_names[] = {"element-citation",
                                            "mixed-citation", "citation",
                                            "nlm-citation"};
    size_t i;
    if (!r)
        return EV_ENOMEM;
    r->note = -1;
    r->id = ev_corpus__attr(ref, "id");
    r->label = ev_corpus__text_dup(ev_corpus__child(ref, "label"));
    for (i = 0; i < 4 && !cit; i++)
        cit = ev_corpus__child(ref, cit_names[i]);
    if (!cit)
        cit = ref;
    jats_names(cit, &authors, &r->first_author, 0);
    if (authors.len)
        r->authors = ev_buf_detach(&authors);
    ev_buf_release(&authors);
    for (ch = cit->children; ch; ch = ch->next) {
        if (ch->type != XML_ELEMENT_NODE)
            continue;
        if (ev_corpus__is(ch, "year") && !r->year) {
            char *y = ev_corpus__text_dup(ch);
            r->year = ev_corpus__year(y, &r->year_suffix);
            free(y);
        } else if (ev_corpus__is(ch, "article-title") ||
                   ev_corpus__is(ch, "chapter-title")) {
            set_field(&r->title, ev_corpus__text_dup(ch));
        } else if (ev_corpus__is(ch, "source")) {
            set_field(&r->container, ev_corpus__text_dup(ch));
        } else if (ev_corpus__is(ch, "pub-id")) {
            char *t = ev_corpus__attr(ch, "pub-id-type");
            if (t && strcasecmp(t, "doi") == 0)
                set_field(&r->doi, ev_corpus__text_dup(ch));
            else if (t && strcasecmp(t, "pmid") == 0)
                set_field(&r->pmid, ev_corpus__text_dup(ch));
            free(t);
        }
    }
    if (!r->title && r->container) {
        /* books: the source is the title */
        r->title = ev_strdup(r->container);
    }
    collect_urls(cit, &r->urls, 0);
    if (!r->doi) {
        for (i = 0; i < r->urls.n && !r->doi; i++)
            if (strstr(r->urls.v[i], "doi.org/") ||
                strstr(r->urls.v[i], "dx.doi"))
                r->doi = doi_in(r->urls.v[i]);
    }
    cite_line(cit, &line);
    if (!r->doi) {
        const char *d = line.ptr ? strstr(line.ptr, "doi") : NULL;
        if (!d && line.ptr)
            d = strstr(line.ptr, "DOI");
        if (d)
            r->doi = doi_in(d);
    }
    if (r->doi && !is_doi_text(r->doi)) {
        char *d = doi_in(r->doi);
        free(r->doi);
        r->doi = d;
    }
    if (!r->year && line.ptr)
        r->year = ev_corpus__year(line.ptr, &r->year_suffix);
    r->text = line.len ? ev_buf_detach(&line) : ev_strdup("");
    ev_buf_release(&line);
    return r->text ? 0 : EV_ENOMEM;
}

static void tei_names(const xmlNode *n, ev_buf *authors, char **first)
{
    const xmlNode *a;
    for (a = n->children; a; a = a->next) {
        const xmlNode *pn;
        char *sn, *gn;
        if (!ev_corpus__is(a, "author"))
            continue;
        pn = ev_corpus__child(a, "persName");
        if (!pn)
            pn = a;
        sn = ev_corpus__text_dup(ev_corpus__child(pn, "surname"));
        gn = ev_corpus__text_dup(ev_corpus__child(pn, "forename"));
        if (!sn && pn != a)
            sn = ev_corpus__text_dup(pn);
        if (!sn)
            sn = ev_corpus__text_dup(ev_corpus__child(a, "orgName"));
        if (sn) {
            add_name(authors, sn, gn);
            if (!*first)
                *first = ev_strdup(sn);
        }
        free(sn);
        free(gn);
    }
}

static void tei_idnos(const xmlNode *n, ev_ref *r, int depth)
{
    const xmlNode *ch;
    if (depth > 6)
        return;
    for (ch = n->children; ch; ch = ch->next) {
        if (ch->type != XML_ELEMENT_NODE)
            continue;
        if (ev_corpus__is(ch, "idno")) {
            char *t = ev_corpus__attr(ch, "type");
            if (t && strcasecmp(t, "doi") == 0)
                set_field(&r->doi, ev_corpus__text_dup(ch));
            else if (t && strcasecmp(t, "pmid") == 0)
                set_field(&r->pmid, ev_corpus__text_dup(ch));
            free(t);
        } else if (ev_corpus__is(ch, "date") && !r->year) {
            char *w = ev_corpus__attr(ch, "when");
            if (!w)
                w = ev_corpus__text_dup(ch);
            r->year = ev_corpus__year(w, &r->year_suffix);
            free(w);
        } else {
            tei_idnos(ch, r, depth + 1);
        }
    }
}

static int tei_ref(xctx *c, const xmlNode *bs)
{
    ev_ref *r = ev_vec_push(&c->doc->refs);
    const xmlNode *an = ev_corpus__child(bs, "analytic");
    const xmlNode *mo = ev_corpus__child(bs, "monogr");
    const xmlNode *ch;
    ev_buf authors = EV_BUF_INIT, line = EV_BUF_INIT;
    if (!r)
        return EV_ENOMEM;
    r->note = -1;
    r->id = ev_corpus__attr(bs, "id");
    if (an)
        tei_names(an, &authors, &r->first_author);
    if (!authors.len && mo)
        tei_names(mo, &authors, &r->first_author);
    if (authors.len)
        r->authors = ev_buf_detach(&authors);
    ev_buf_release(&authors);
    if (an)
        r->title = ev_corpus__text_dup(ev_corpus__child(an, "title"));
    if (mo) {
        char *t = ev_corpus__text_dup(ev_corpus__child(mo, "title"));
        if (r->title)
            r->container = t;
        else
            r->title = t;
    }
    tei_idnos(bs, r, 0);
    collect_urls(bs, &r->urls, 0);
    for (ch = bs->children; ch; ch = ch->next)
        if (ev_corpus__is(ch, "note") &&
            ev_corpus__attr_is(ch, "type", "raw_reference"))
            ev_corpus__text_of(ch, &line);
    if (!line.len) {
        if (r->authors)
            ev_buf_printf(&line, "%s", r->authors);
        if (r->year)
            ev_buf_printf(&line, " (%d)", r->year);
        if (r->title)
            ev_buf_printf(&line, " %s.", r->title);
        if (r->container)
            ev_buf_printf(&line, " %s.", r->container);
        if (r->doi)
            ev_buf_printf(&line, " doi: %s", r->doi);
        if (line.ptr)
            line.len = ev_corpus__squeeze(line.ptr, line.len);
    }
    r->text = line.len ? ev_buf_detach(&line) : ev_strdup("");
    ev_buf_release(&line);
    return r->text ? 0 : EV_ENOMEM;
}

static void collect_refs(xctx *c, const xmlNode *n, int depth)
{
    const xmlNode *ch;
    if (depth > MAX_WALK || c->oom)
        return;
    for (ch = n->children; ch; ch = ch->next) {
        if (ch->type != XML_ELEMENT_NODE)
            continue;
        if (!c->tei && ev_corpus__is(ch, "ref") &&
            ev_corpus__is(ch->parent, "ref-list")) {
            if (jats_ref(c, ch))
                c->oom = 1;
        } else if (c->tei && ev_corpus__is(ch, "biblStruct") &&
                   ev_corpus__is(ch->parent, "listBibl")) {
            if (tei_ref(c, ch))
                c->oom = 1;
        } else if (!ev_corpus__is(ch, "teiHeader")) {
            collect_refs(c, ch, depth + 1);
        }
    }
}

/* Emits the reference list as blocks and records each entry's span. */
static void emit_refs(xctx *c, const xmlNode *list_title)
{
    size_t i;
    if (!c->doc->refs.n)
        return;
    ev_corpus__tb_begin(&c->tb, EV_BLK_HEADING,
                        c->tei ? "/TEI/text/back/listBibl"
                               : "/article/back/ref-list");
    if (list_title)
        ev_corpus__tb_text(&c->tb, "", 0);
    {
        char *t = list_title ? ev_corpus__text_dup(list_title) : NULL;
        ev_corpus__tb_text(&c->tb, t ? t : "References",
                           strlen(t ? t : "References"));
        free(t);
    }
    ev_corpus__tb_end(&c->tb);
    for (i = 0; i < c->doc->refs.n; i++) {
        ev_ref *r = &c->doc->refs.v[i];
        char loc[96];
        int b;
        snprintf(loc, sizeof(loc), "%s[%zu]",
                 c->tei ? "/TEI/text/back/listBibl/biblStruct"
                        : "/article/back/ref-list/ref",
                 i + 1);
        ev_corpus__tb_begin(&c->tb, EV_BLK_REFERENCE, loc);
        c->tb.blk_ref = (int)i;
        if (r->label) {
            size_t ll = strlen(r->label);
            ev_corpus__tb_text(&c->tb, r->label, ll);
            if (ll && isdigit((unsigned char)r->label[ll - 1]))
                ev_corpus__tb_text(&c->tb, ".", 1);
            ev_corpus__tb_text(&c->tb, " ", 1);
        }
        ev_corpus__tb_text(&c->tb, r->text, strlen(r->text));
        b = ev_corpus__tb_end(&c->tb);
        if (b >= 0) {
            r->start = c->doc->blocks.v[b].start;
            r->end = c->doc->blocks.v[b].end;
        }
    }
}

/* Numbered ranges: "[10]–[14]" or "10–14" with links only on the ends. */
static void expand_ranges(xctx *c)
{
    ev_doc *doc = c->doc;
    const char *t = c->tb.text.ptr;
    size_t i;
    if (!t)
        return;
    for (i = 1; i < doc->cites.n; i++) {
        ev_cite *a = &doc->cites.v[i - 1], *b = &doc->cites.v[i];
        size_t p;
        int dash = 0, other = 0, lo, hi, k;
        if (a->kind != EV_CITE_REFERENCE || b->kind != EV_CITE_REFERENCE ||
            a->refs.n != 1 || b->refs.n != 1 || b->start < a->end ||
            b->start - a->end > 8)
            continue;
        for (p = a->end; p < b->start; p++) {
            unsigned char ch = (unsigned char)t[p];
            if (ch == '-')
                dash = 1;
            else if (ch == 0xE2 && p + 2 < b->start &&
                     (unsigned char)t[p + 1] == 0x80 &&
                     ((unsigned char)t[p + 2] == 0x93 ||
                      (unsigned char)t[p + 2] == 0x94)) {
                dash = 1;
                p += 2;
            } else if (ch != ' ' && ch != '[' && ch != ']' && ch != '(' &&
                       ch != ')')
                other = 1;
        }
        /* the dash may sit inside the first marker's brackets: "[10–" */
        if (!dash || other)
            continue;
        lo = a->refs.v[0];
        hi = b->refs.v[0];
        if (hi - lo < 2 || hi - lo > 200)
            continue;
        for (k = lo + 1; k < hi; k++) {
            int *slot = ev_vec_push(&b->refs);
            if (!slot) {
                c->oom = 1;
                return;
            }
            *slot = k;
        }
    }
}

static void resolve_fns(xctx *c)
{
    size_t i, j;
    for (i = 0; i < c->fns.n; i++) {
        const char *rid = c->fns.v[i].rid;
        ev_cite *ct = &c->doc->cites.v[c->fns.v[i].cite];
        if (!rid)
            continue;
        while (*rid == '#')
            rid++;
        for (j = 0; j < c->note_ids.n; j++)
            if (c->note_ids.v[j] && strcmp(c->note_ids.v[j], rid) == 0) {
                ct->note = (int)j;
                break;
            }
    }
}

/* ---- front matter ---- */

static void meta_block(xctx *c, const char *loc, const char *s)
{
    if (!s || !*s)
        return;
    ev_corpus__tb_begin(&c->tb, EV_BLK_META, loc);
    ev_corpus__tb_text(&c->tb, s, strlen(s));
    ev_corpus__tb_end(&c->tb);
}

static void jats_front(xctx *c, const xmlNode *art)
{
    const xmlNode *front = ev_corpus__child(art, "front");
    const xmlNode *am = ev_corpus__child(front, "article-meta");
    const xmlNode *ch;
    ev_buf authors = EV_BUF_INIT;
    char *first = NULL;
    if (!am)
        return;
    c->doc->meta.title = ev_corpus__text_dup(ev_corpus__find(am,
                                                             "article-title"));
    for (ch = am->children; ch; ch = ch->next) {
        if (ev_corpus__is(ch, "article-id") &&
            ev_corpus__attr_is(ch, "pub-id-type", "doi"))
            set_field(&c->doc->meta.doi, ev_corpus__text_dup(ch));
        else if (ev_corpus__is(ch, "pub-date") && !c->doc->meta.year) {
            const xmlNode *y = ev_corpus__child(ch, "year");
            char *ys = ev_corpus__text_dup(y);
            c->doc->meta.year = ev_corpus__year(ys, NULL);
            if (ys) {
                ev_buf d = EV_BUF_INIT;
                char *m = ev_corpus__text_dup(ev_corpus__child(ch, "month"));
                char *dd = ev_corpus__text_dup(ev_corpus__child(ch, "day"));
                ev_buf_puts(&d, ys);
                if (m)
                    ev_buf_printf(&d, "-%02d", atoi(m));
                if (m && dd)
                    ev_buf_printf(&d, "-%02d", atoi(dd));
                free(c->doc->meta.date);
                c->doc->meta.date = ev_buf_detach(&d);
                free(m);
                free(dd);
            }
            free(ys);
        } else if (ev_corpus__is(ch, "contrib-group")) {
            const xmlNode *ct;
            for (ct = ch->children; ct; ct = ct->next) {
                const xmlNode *nm;
                if (!ev_corpus__is(ct, "contrib") ||
                    !ev_corpus__attr_is(ct, "contrib-type", "author"))
                    continue;
                nm = ev_corpus__child(ct, "name");
                if (nm) {
                    char *sn =
                        ev_corpus__text_dup(ev_corpus__child(nm, "surname"));
                    char *gn = ev_corpus__text_dup(
                        ev_corpus__child(nm, "given-names"));
                    if (sn)
                        add_name(&authors, sn, gn);
                    if (sn && !first)
                        first = ev_strdup(sn);
                    free(sn);
                    free(gn);
                } else if (ev_corpus__child(ct, "collab")) {
                    char *cn =
                        ev_corpus__text_dup(ev_corpus__child(ct, "collab"));
                    if (cn)
                        add_name(&authors, cn, NULL);
                    free(cn);
                }
            }
        }
    }
    free(first);
    if (authors.len)
        c->doc->meta.authors = ev_buf_detach(&authors);
    ev_buf_release(&authors);
    meta_block(c, "/article/front/article-meta/title-group/article-title",
               c->doc->meta.title);
    meta_block(c, "/article/front/article-meta/contrib-group",
               c->doc->meta.authors);
    if (c->doc->meta.doi) {
        char line[300];
        snprintf(line, sizeof(line), "DOI: %s", c->doc->meta.doi);
        meta_block(c, "/article/front/article-meta/article-id", line);
    }
    for (ch = am->children; ch; ch = ch->next)
        if (ev_corpus__is(ch, "abstract")) {
            if (!ev_corpus__child(ch, "title")) {
                ev_corpus__tb_begin(&c->tb, EV_BLK_HEADING, NULL);
                ev_corpus__tb_text(&c->tb, "Abstract", 8);
                ev_corpus__tb_end(&c->tb);
            }
            walk(c, ch, -1, 3);
        }
    /* author notes (footnotes on the byline) */
    for (ch = am->children; ch; ch = ch->next)
        if (ev_corpus__is(ch, "author-notes")) {
            const xmlNode *f;
            for (f = ch->children; f; f = f->next)
                if (ev_corpus__is(f, "fn"))
                    walk_note(c, f, 4);
        }
}

static void tei_front(xctx *c, const xmlNode *tei)
{
    const xmlNode *hdr = ev_corpus__child(tei, "teiHeader");
    const xmlNode *fd = ev_corpus__child(hdr, "fileDesc");
    const xmlNode *ts = ev_corpus__child(fd, "titleStmt");
    const xmlNode *sd = ev_corpus__child(fd, "sourceDesc");
    const xmlNode *bs = ev_corpus__child(sd, "biblStruct");
    const xmlNode *an = ev_corpus__child(bs, "analytic");
    const xmlNode *ps = ev_corpus__child(fd, "publicationStmt");
    const xmlNode *pd = ev_corpus__child(hdr, "profileDesc");
    const xmlNode *ch;
    ev_buf authors = EV_BUF_INIT;
    char *first = NULL;
    c->doc->meta.title = ev_corpus__text_dup(ev_corpus__child(ts, "title"));
    if (an)
        tei_names(an, &authors, &first);
    free(first);
    if (authors.len)
        c->doc->meta.authors = ev_buf_detach(&authors);
    ev_buf_release(&authors);
    if (bs) {
        ev_ref tmp;
        memset(&tmp, 0, sizeof(tmp));
        tei_idnos(bs, &tmp, 0);
        c->doc->meta.doi = tmp.doi;
        tmp.doi = NULL;
        c->doc->meta.year = tmp.year;
        ev_ref_release(&tmp);
    }
    if (ps) {
        const xmlNode *d = ev_corpus__child(ps, "date");
        char *w = ev_corpus__attr(d, "when");
        if (w) {
            if (!c->doc->meta.year)
                c->doc->meta.year = ev_corpus__year(w, NULL);
            c->doc->meta.date = w;
        }
    }
    meta_block(c, "/TEI/teiHeader/fileDesc/titleStmt/title",
               c->doc->meta.title);
    meta_block(c, "/TEI/teiHeader/fileDesc/sourceDesc", c->doc->meta.authors);
    if (pd)
        for (ch = pd->children; ch; ch = ch->next)
            if (ev_corpus__is(ch, "abstract")) {
                ev_corpus__tb_begin(&c->tb, EV_BLK_HEADING, NULL);
                ev_corpus__tb_text(&c->tb, "Abstract", 8);
                ev_corpus__tb_end(&c->tb);
                walk(c, ch, -1, 3);
            }
}

static const xmlNode *find_ref_list_title(const xmlNode *root, int tei)
{
    const xmlNode *rl = ev_corpus__find(root, tei ? "listBibl" : "ref-list");
    if (!rl)
        return NULL;
    if (tei) {
        const xmlNode *p = rl->parent;
        return ev_corpus__is(p, "div") ? ev_corpus__child(p, "head") : NULL;
    }
    return ev_corpus__child(rl, "title");
}

int ev_corpus_parse_xml(ev_doc *doc, const char *data, size_t len,
                        const ev_corpus_opts *opts, ev_err *err)
{
    xmlDocPtr x = NULL;
    const xmlNode *root;
    int rc = ev_corpus__xml_parse(&x, doc, data, len, EV_XML_MODE_XML, opts,
                                  err);
    if (rc)
        return rc;
    root = xmlDocGetRootElement(x);
    if (ev_corpus__is(root, "article"))
        rc = ev_corpus__parse_jats(doc, x, err);
    else if (ev_corpus__is(root, "TEI") || ev_corpus__is(root, "teiCorpus"))
        rc = ev_corpus__parse_tei(doc, x, err);
    else
        rc = ev_err_set(err, EV_EFORMAT, "unsupported xml root element '%.40s'",
                        ev_corpus__name(root));
    xmlFreeDoc(x);
    return rc;
}

static int run(ev_doc *doc, xmlDocPtr x, int tei, ev_err *err)
{
    xctx c;
    const xmlNode *root = xmlDocGetRootElement(x), *ch;
    size_t i;
    int rc = 0;
    memset(&c, 0, sizeof(c));
    c.doc = doc;
    c.tei = tei;
    c.note = -1;
    ev_corpus__tb_init(&c.tb, doc);
    doc->format = tei ? EV_FMT_TEI : EV_FMT_JATS;
    collect_refs(&c, root, 0);
    if (!tei) {
        jats_front(&c, root);
        for (ch = root->children; ch; ch = ch->next)
            /* Peer-review letters and replies (eLife's sub-articles)
             * discuss the article; they are not part of its evidence. */
            if (ev_corpus__is(ch, "body") || ev_corpus__is(ch, "back") ||
                ev_corpus__is(ch, "floats-group") ||
                (ev_corpus__is(ch, "sub-article") &&
                 !ev_corpus__attr_is(ch, "article-type", "reply") &&
                 !ev_corpus__attr_is(ch, "article-type",
                                     "article-commentary") &&
                 !ev_corpus__attr_is(ch, "article-type", "decision-letter")))
                walk(&c, ch, -1, 1);
    } else {
        const xmlNode *tx = ev_corpus__child(root, "text");
        tei_front(&c, root);
        if (tx)
            walk(&c, tx, -1, 1);
    }
    if (c.tb.in_block)
        ev_corpus__tb_end(&c.tb);
    emit_refs(&c, find_ref_list_title(root, tei));
    expand_ranges(&c);
    resolve_fns(&c);
    if (c.oom || ev_corpus__tb_finish(&c.tb))
        rc = ev_err_set(err, EV_ENOMEM, "out of memory");
    ev_corpus__tb_release(&c.tb);
    for (i = 0; i < c.fns.n; i++)
        free(c.fns.v[i].rid);
    free(c.fns.v);
    for (i = 0; i < c.note_ids.n; i++)
        free(c.note_ids.v[i]);
    free(c.note_ids.v);
    ev_buf_release(&c.loc);
    return rc;
}

int ev_corpus__parse_jats(ev_doc *doc, xmlDocPtr x, ev_err *err)
{
    return run(doc, x, 0, err);
}

int ev_corpus__parse_tei(ev_doc *doc, xmlDocPtr x, ev_err *err)
{
    return run(doc, x, 1, err);
}
