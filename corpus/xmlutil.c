/*
 * Shared machinery of the structured-format readers: libxml2 process
 * init, safe parsing (no network, no DTD, no entity substitution, errors
 * captured per context instead of printed, our own depth bound), node
 * helpers, and the text builder that produces doc->text and its blocks.
 */
#include "corpus_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

void ev_corpus_global_init(void)
{
    xmlInitParser();
}

void ev_corpus_global_cleanup(void)
{
    xmlCleanupParser();
}

/* ---- text builder ---- */

void ev_corpus__tb_init(ev_tb *tb, ev_doc *doc)
{
    memset(tb, 0, sizeof(*tb));
    tb->doc = doc;
    tb->line = 1;
}

void ev_corpus__tb_release(ev_tb *tb)
{
    ev_buf_release(&tb->text);
    free(tb->blk_loc);
    tb->blk_loc = NULL;
}

void ev_corpus__tb_begin(ev_tb *tb, int kind, const char *locator)
{
    if (tb->in_block)
        ev_corpus__tb_end(tb);
    tb->sep_at = tb->text.len;
    if (tb->text.len)
        ev_buf_add(&tb->text, "\n\n", 2);
    tb->blk_start = tb->text.len;
    tb->blk_kind = kind;
    tb->blk_page = 0;
    tb->blk_note = -1;
    tb->blk_ref = -1;
    free(tb->blk_loc);
    tb->blk_loc = locator ? ev_strdup(locator) : NULL;
    if (locator && !tb->blk_loc)
        tb->oom = 1;
    tb->pending_space = 0;
    tb->in_block = 1;
}

static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

void ev_corpus__tb_text(ev_tb *tb, const char *s, size_t len)
{
    size_t i = 0;
    if (!tb->in_block)
        ev_corpus__tb_begin(tb, EV_BLK_PARA, NULL);
    while (i < len) {
        size_t j;
        if (is_ws((unsigned char)s[i])) {
            tb->pending_space = 1;
            i++;
            continue;
        }
        j = i;
        while (j < len && !is_ws((unsigned char)s[j]))
            j++;
        if (tb->pending_space && tb->text.len > tb->blk_start)
            ev_buf_putc(&tb->text, ' ');
        tb->pending_space = 0;
        ev_buf_add(&tb->text, s + i, j - i);
        i = j;
    }
}

void ev_corpus__tb_raw(ev_tb *tb, const char *s, size_t len)
{
    if (!tb->in_block)
        ev_corpus__tb_begin(tb, EV_BLK_PARA, NULL);
    if (tb->pending_space && tb->text.len > tb->blk_start)
        ev_buf_putc(&tb->text, ' ');
    tb->pending_space = 0;
    ev_buf_add(&tb->text, s, len);
}

size_t ev_corpus__tb_mark(const ev_tb *tb)
{
    if (tb->in_block && tb->pending_space && tb->text.len > tb->blk_start)
        return tb->text.len + 1;
    return tb->text.len;
}

int ev_corpus__tb_end(ev_tb *tb)
{
    ev_block *b;
    size_t i;
    if (!tb->in_block)
        return -1;
    tb->in_block = 0;
    tb->pending_space = 0;
    if (tb->text.oom) {
        tb->oom = 1;
        return -1;
    }
    if (tb->text.len == tb->blk_start) {
        tb->text.len = tb->sep_at;
        if (tb->text.ptr)
            tb->text.ptr[tb->text.len] = '\0';
        free(tb->blk_loc);
        tb->blk_loc = NULL;
        return -1;
    }
    for (i = tb->scanned; i < tb->blk_start; i++)
        if (tb->text.ptr[i] == '\n')
            tb->line++;
    tb->scanned = tb->blk_start;
    b = ev_vec_push(&tb->doc->blocks);
    if (!b) {
        tb->oom = 1;
        return -1;
    }
    b->start = tb->blk_start;
    b->end = tb->text.len;
    b->line = tb->line;
    b->kind = tb->blk_kind;
    b->page = tb->blk_page;
    b->note = tb->blk_note;
    b->ref = tb->blk_ref;
    b->locator = tb->blk_loc;
    tb->blk_loc = NULL;
    return (int)(tb->doc->blocks.n - 1);
}

int ev_corpus__tb_finish(ev_tb *tb)
{
    if (tb->in_block)
        ev_corpus__tb_end(tb);
    if (tb->oom || tb->text.oom)
        return EV_ENOMEM;
    if (!tb->text.ptr && ev_buf_add(&tb->text, "", 0))
        return EV_ENOMEM;
    if (!tb->text.ptr) {
        tb->text.ptr = calloc(1, 1);
        if (!tb->text.ptr)
            return EV_ENOMEM;
    }
    free(tb->doc->text);
    tb->doc->text_len = tb->text.len;
    tb->doc->text = ev_buf_detach(&tb->text);
    return tb->doc->text ? 0 : EV_ENOMEM;
}

/* ---- parsing ---- */

typedef struct err_capture {
    int n;
    int depth;     /* libxml2 reported excessive depth */
    int fatal;
    char first[160];
} err_capture;

static void capture_error(void *data, xmlErrorPtr e)
{
    xmlParserCtxtPtr ctxt = data;
    err_capture *cap = ctxt ? ctxt->_private : NULL;
    if (!cap || !e)
        return;
    if (e->level < XML_ERR_ERROR)
        return;
    if (e->message && strstr(e->message, "depth"))
        cap->depth = 1;
    if (e->level == XML_ERR_FATAL)
        cap->fatal = 1;
    if (cap->n++ == 0 && e->message) {
        size_t i, k = 0;
        for (i = 0; e->message[i] && k + 1 < sizeof(cap->first); i++) {
            unsigned char c = (unsigned char)e->message[i];
            if (c == '\n' || c == '\r')
                continue;
            cap->first[k++] = (char)tolower(c);
        }
        cap->first[k] = '\0';
        while (k && cap->first[k - 1] == ' ')
            cap->first[--k] = '\0';
        if (e->line > 0 && k + 24 < sizeof(cap->first))
            snprintf(cap->first + k, sizeof(cap->first) - k, " (line %d)",
                     e->line);
    }
}

/* Depth of the deepest element, walked without recursion. */
static int tree_depth(const xmlNode *root, int limit)
{
    const xmlNode *n = root;
    int d = 1, max = 0;
    while (n) {
        if (d > max)
            max = d;
        if (max > limit)
            return max;
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            d++;
            continue;
        }
        while (n && !n->next) {
            n = n->parent;
            d--;
            if (n == root || d <= 0)
                return max;
        }
        if (n)
            n = n->next;
        if (n == root)
            break;
    }
    return max;
}

/* Charset declared in an HTML page's <meta>, if not UTF-8 (ASCII lower). */
static int declared_charset(const char *data, size_t len, char *out,
                            size_t cap)
{
    size_t head = len < 8192 ? len : 8192, i;
    for (i = 0; i + 8 < head; i++) {
        if (strncasecmp(data + i, "charset=", 8) == 0) {
            size_t j = i + 8, k = 0;
            while (j < head && (data[j] == '"' || data[j] == '\'' ||
                                data[j] == ' '))
                j++;
            while (j < head && k + 1 < cap &&
                   (isalnum((unsigned char)data[j]) || data[j] == '-' ||
                    data[j] == '_'))
                out[k++] = (char)tolower((unsigned char)data[j++]);
            out[k] = '\0';
            return k > 0;
        }
    }
    return 0;
}

static int known_legacy(const char *cs)
{
    static const char *const ok[] = {"iso-8859-1", "latin1", "windows-1252",
                                     "cp1252", "iso-8859-15",
                                     "us-ascii", "ascii"};
    size_t i;
    for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
        if (strcmp(cs, ok[i]) == 0)
            return 1;
    return 0;
}

int ev_corpus__xml_parse(xmlDocPtr *out, ev_doc *doc, const char *data,
                         size_t len, int mode, const ev_corpus_opts *opts,
                         ev_err *err)
{
    ev_buf fixed = EV_BUF_INIT;
    const char *src = data;
    const char *enc = NULL;
    char cs[32];
    err_capture cap;
    xmlParserCtxtPtr ctxt = NULL;
    xmlDocPtr x = NULL;
    int max_depth = opts && opts->max_depth > 0 ? opts->max_depth : 512;
    int rc = 0, depth;
    *out = NULL;
    memset(&cap, 0, sizeof(cap));
    if (len > (size_t)0x7fffffff)
        return ev_err_set(err, EV_ELIMIT, "document too large to parse");
    if (mode == EV_XML_MODE_HTML) {
        enc = "UTF-8";
        if (ev_utf8_valid(data, len) != len) {
            if (declared_charset(data, len, cs, sizeof(cs)) &&
                known_legacy(cs)) {
                enc = "windows-1252";
            } else {
                long bad = ev_utf8_repair(data, len, &fixed);
                if (bad < 0 || fixed.oom) {
                    rc = ev_err_set(err, EV_ENOMEM, "out of memory");
                    goto done;
                }
                doc->n_repaired = bad;
                src = fixed.ptr;
                len = fixed.len;
            }
        }
        ctxt = htmlNewParserCtxt();
    } else {
        ctxt = xmlNewParserCtxt();
    }
    if (!ctxt) {
        rc = ev_err_set(err, EV_ENOMEM, "out of memory");
        goto done;
    }
    ctxt->_private = &cap;
    if (ctxt->sax) {
        ctxt->sax->initialized = XML_SAX2_MAGIC;
        ctxt->sax->serror = capture_error;
        ctxt->sax->warning = NULL;
        ctxt->sax->error = NULL;
        ctxt->sax->fatalError = NULL;
    }
    ctxt->vctxt.error = NULL;
    ctxt->vctxt.warning = NULL;
    if (mode == EV_XML_MODE_HTML) {
        x = htmlCtxtReadMemory(ctxt, src, (int)len, NULL, enc,
                               HTML_PARSE_RECOVER | HTML_PARSE_NONET |
                                   HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                   XML_PARSE_HUGE);
    } else {
        x = xmlCtxtReadMemory(ctxt, src, (int)len, NULL, NULL,
                              XML_PARSE_NONET | XML_PARSE_HUGE |
                                  XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                  XML_PARSE_NOCDATA);
    }
    if (cap.depth) {
        rc = ev_err_set(err, EV_ELIMIT,
                        "document nested too deep (limit %d)", max_depth);
        goto done;
    }
    if (!x || !xmlDocGetRootElement(x)) {
        if (cap.n)
            rc = ev_err_set(err, EV_EINVALID, "cannot parse: %s", cap.first);
        else
            rc = ev_err_set(err, EV_EINVALID, "cannot parse: no root element");
        goto done;
    }
    if (mode == EV_XML_MODE_XML && !ctxt->wellFormed) {
        rc = ev_err_set(err, EV_EINVALID, "malformed xml: %s",
                        cap.n ? cap.first : "unknown error");
        goto done;
    }
    depth = tree_depth(xmlDocGetRootElement(x), max_depth);
    if (depth > max_depth) {
        rc = ev_err_set(err, EV_ELIMIT,
                        "document nested too deep (more than %d levels)",
                        max_depth);
        goto done;
    }
    *out = x;
    x = NULL;
done:
    if (x)
        xmlFreeDoc(x);
    if (ctxt) {
        ctxt->_private = NULL;
        if (mode == EV_XML_MODE_HTML)
            htmlFreeParserCtxt(ctxt);
        else
            xmlFreeParserCtxt(ctxt);
    }
    ev_buf_release(&fixed);
    return rc;
}

/* ---- node helpers ---- */

const char *ev_corpus__name(const xmlNode *n)
{
    if (!n || n->type != XML_ELEMENT_NODE || !n->name)
        return "";
    return (const char *)n->name;
}

int ev_corpus__is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->name &&
           strcasecmp((const char *)n->name, name) == 0;
}

static const xmlAttr *find_attr(const xmlNode *n, const char *name)
{
    const xmlAttr *a;
    if (!n || n->type != XML_ELEMENT_NODE)
        return NULL;
    for (a = n->properties; a; a = a->next)
        if (a->name && strcasecmp((const char *)a->name, name) == 0)
            return a;
    return NULL;
}

char *ev_corpus__attr(const xmlNode *n, const char *name)
{
    const xmlAttr *a = find_attr(n, name);
    ev_buf b = EV_BUF_INIT;
    const xmlNode *c;
    if (!a)
        return NULL;
    for (c = a->children; c; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
            c->content)
            ev_buf_puts(&b, (const char *)c->content);
    if (!b.ptr)
        ev_buf_add(&b, "", 0);
    return ev_buf_detach(&b);
}

int ev_corpus__attr_is(const xmlNode *n, const char *name, const char *val)
{
    char *v = ev_corpus__attr(n, name);
    int r = v && strcasecmp(v, val) == 0;
    free(v);
    return r;
}

xmlNode *ev_corpus__child(const xmlNode *n, const char *name)
{
    xmlNode *c;
    if (!n)
        return NULL;
    for (c = n->children; c; c = c->next)
        if (ev_corpus__is(c, name))
            return c;
    return NULL;
}

static xmlNode *find_rec(const xmlNode *n, const char *name, int depth)
{
    xmlNode *c, *r;
    if (depth > 600)
        return NULL;
    for (c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (ev_corpus__is(c, name))
            return c;
        r = find_rec(c, name, depth + 1);
        if (r)
            return r;
    }
    return NULL;
}

xmlNode *ev_corpus__find(const xmlNode *n, const char *name)
{
    return n ? find_rec(n, name, 0) : NULL;
}

static void text_rec(const xmlNode *n, ev_buf *out, int depth)
{
    const xmlNode *c;
    if (depth > 600)
        return;
    for (c = n->children; c; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
            c->content)
            ev_buf_puts(out, (const char *)c->content);
        else if (c->type == XML_ELEMENT_NODE)
            text_rec(c, out, depth + 1);
    }
}

void ev_corpus__text_of(const xmlNode *n, ev_buf *out)
{
    size_t from = out->len;
    if (!n)
        return;
    if (n->type == XML_TEXT_NODE && n->content)
        ev_buf_puts(out, (const char *)n->content);
    else
        text_rec(n, out, 0);
    if (!out->oom && out->ptr) {
        out->len = from + ev_corpus__squeeze(out->ptr + from, out->len - from);
        out->ptr[out->len] = '\0';
    }
}

char *ev_corpus__text_dup(const xmlNode *n)
{
    ev_buf b = EV_BUF_INIT;
    ev_corpus__text_of(n, &b);
    if (!b.len) {
        ev_buf_release(&b);
        return NULL;
    }
    return ev_buf_detach(&b);
}

void ev_corpus__locator(const xmlNode *n, ev_buf *out)
{
    const xmlNode *chain[64];
    int k = 0, i;
    while (n && n->type == XML_ELEMENT_NODE && k < 64) {
        chain[k++] = n;
        n = n->parent;
    }
    for (i = k - 1; i >= 0; i--) {
        const xmlNode *s;
        int idx = 1, more = 0;
        for (s = chain[i]->prev; s; s = s->prev)
            if (s->type == XML_ELEMENT_NODE && s->name &&
                strcmp((const char *)s->name, (const char *)chain[i]->name) ==
                    0)
                idx++;
        for (s = chain[i]->next; s && !more; s = s->next)
            if (s->type == XML_ELEMENT_NODE && s->name &&
                strcmp((const char *)s->name, (const char *)chain[i]->name) ==
                    0)
                more = 1;
        ev_buf_putc(out, '/');
        ev_buf_puts(out, ev_corpus__name(chain[i]));
        if (idx > 1 || more)
            ev_buf_printf(out, "[%d]", idx);
    }
}

size_t ev_corpus__squeeze(char *s, size_t len)
{
    size_t i, k = 0;
    int sp = 0;
    for (i = 0; i < len; i++) {
        if (is_ws((unsigned char)s[i])) {
            sp = 1;
            continue;
        }
        if (sp && k)
            s[k++] = ' ';
        sp = 0;
        s[k++] = s[i];
    }
    s[k] = '\0';
    return k;
}

int ev_corpus__year(const char *s, char *suffix)
{
    size_t i, n = s ? strlen(s) : 0;
    if (suffix)
        *suffix = 0;
    for (i = 0; i + 4 <= n; i++) {
        if ((i == 0 || !isdigit((unsigned char)s[i - 1])) &&
            isdigit((unsigned char)s[i]) && isdigit((unsigned char)s[i + 1]) &&
            isdigit((unsigned char)s[i + 2]) &&
            isdigit((unsigned char)s[i + 3]) &&
            (i + 4 == n || !isdigit((unsigned char)s[i + 4]))) {
            int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 +
                    (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
            if (y >= 1500 && y <= 2199) {
                if (suffix && i + 4 < n && s[i + 4] >= 'a' &&
                    s[i + 4] <= 'z' &&
                    (i + 5 == n || !isalpha((unsigned char)s[i + 5])))
                    *suffix = s[i + 4];
                return y;
            }
        }
    }
    return 0;
}
