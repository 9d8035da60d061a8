/*
 * evidex refs: references and footnotes of the indexed documents, each
 * with the claims that cite it; BibTeX and CSL-JSON export.
 */
#include "cmd.h"

#include <ctype.h>
#include <string.h>

static const ev_cmd_help help = {
    "refs", "[--doc DOC] [--format text|json|bibtex|csl] [--claims]",
    "List the references (reference-list entries and footnotes) of a\n"
    "document, or of all documents, each with the claims that cite it.",
    "--format bibtex and --format csl (CSL-JSON) export the references\n"
    "for Zotero, pandoc or BibTeX. --json is the same as --format json.",
    "  evidex refs --doc 000\n"
    "  evidex refs --doc 001 --claims\n"
    "  evidex refs --format bibtex > sources.bib\n"};

enum { FMT_TEXT, FMT_JSON, FMT_BIBTEX, FMT_CSL };

typedef struct refs_ctx {
    int fmt;
    int with_claims;
    ev_index *idx;
    ev_buf b;
    int n;
} refs_ctx;

/* BibTeX-safe: braces and backslashes dropped. */
static void bib_str(ev_buf *b, const char *s)
{
    for (; s && *s; s++)
        if (*s != '{' && *s != '}' && *s != '\\')
            ev_buf_putc(b, *s);
}

static void bib_key(ev_buf *b, const ev_ref_row *r)
{
    const char *a = r->ref->first_author;
    size_t n0 = b->len;
    for (; a && *a && b->len - n0 < 20; a++)
        if (isalnum((unsigned char)*a))
            ev_buf_putc(b, (char)tolower((unsigned char)*a));
    if (b->len == n0)
        ev_buf_puts(b, "ref");
    if (r->ref->year)
        ev_buf_printf(b, "%d", r->ref->year);
    if (r->ref->year_suffix)
        ev_buf_putc(b, r->ref->year_suffix);
    ev_buf_printf(b, "_%lld_%d", (long long)r->doc_id, r->idx);
}

static int print_claim_line(void *vctx, const ev_claim *c)
{
    (void)vctx;
    printf("    cited by %s:%d: %s", c->doc, c->line, c->surface);
    if (c->subject && *c->subject)
        printf(" (%s)", c->subject);
    putchar('\n');
    return 0;
}

static int on_ref(void *vctx, const ev_ref_row *r)
{
    refs_ctx *k = vctx;
    const ev_ref *f = r->ref;
    ev_buf *b = &k->b;
    size_t i;
    switch (k->fmt) {
    case FMT_JSON:
        /* the shared line, then the index's own fields before its '}' */
        ev_ref_json(b, r->doc, f->label, f);
        b->len--;
        ev_buf_printf(b, ",\"id\":%d,\"kind\":\"%s\"", r->idx, r->kind);
        ev_buf_json_field(b, "pmid", f->pmid);
        ev_buf_json_field(b, "accessed", f->accessed);
        ev_buf_printf(b, ",\"n_claims\":%d}", r->n_claims);
        cli_put_line(b);
        break;
    case FMT_CSL:
        if (k->n)
            fputs(",\n", stdout);
        ev_buf_puts(b, "  {\"id\":\"");
        bib_key(b, r);
        ev_buf_puts(b, "\",\"type\":\"");
        ev_buf_puts(b, f->container ? "article-journal" : "document");
        ev_buf_putc(b, '"');
        if (f->title)
            ev_buf_json_field(b, "title", f->title);
        else
            ev_buf_json_field(b, "title", f->text);
        if (f->container)
            ev_buf_json_field(b, "container-title", f->container);
        if (f->doi)
            ev_buf_json_field(b, "DOI", f->doi);
        if (f->pmid)
            ev_buf_json_field(b, "PMID", f->pmid);
        if (f->urls.n)
            ev_buf_json_field(b, "URL", f->urls.v[0]);
        if (f->year)
            ev_buf_printf(b, ",\"issued\":{\"date-parts\":[[%d]]}", f->year);
        if (f->authors) {
            /* "Surname, A.; Surname, B." -> [{family, given}] */
            const char *p = f->authors;
            ev_buf_puts(b, ",\"author\":[");
            for (i = 0; *p; i++) {
                const char *semi = strchr(p, ';');
                const char *end = semi ? semi : p + strlen(p);
                const char *comma = memchr(p, ',', (size_t)(end - p));
                while (*p == ' ')
                    p++;
                if (i)
                    ev_buf_putc(b, ',');
                ev_buf_puts(b, "{\"family\":");
                ev_buf_json_str(b, p, (size_t)((comma ? comma : end) - p));
                if (comma) {
                    const char *g = comma + 1;
                    while (*g == ' ')
                        g++;
                    ev_buf_puts(b, ",\"given\":");
                    ev_buf_json_str(b, g, (size_t)(end - g));
                }
                ev_buf_putc(b, '}');
                p = semi ? semi + 1 : end;
            }
            ev_buf_putc(b, ']');
        }
        ev_buf_json_field(b, "note", f->text);
        ev_buf_putc(b, '}');
        fwrite(b->ptr, 1, b->len, stdout);
        ev_buf_clear(b);
        break;
    case FMT_BIBTEX:
        ev_buf_puts(b, f->container ? "@article{" : "@misc{");
        bib_key(b, r);
        ev_buf_puts(b, ",\n");
        if (f->authors) {
            const char *p;
            ev_buf_puts(b, "  author = {");
            for (p = f->authors; *p; p++) {
                if (*p == ';') {
                    ev_buf_puts(b, " and");
                } else if (*p != '{' && *p != '}' && *p != '\\') {
                    ev_buf_putc(b, *p);
                }
            }
            ev_buf_puts(b, "},\n");
        }
        ev_buf_puts(b, "  title = {");
        bib_str(b, f->title ? f->title : f->text);
        ev_buf_puts(b, "},\n");
        if (f->container) {
            ev_buf_puts(b, "  journal = {");
            bib_str(b, f->container);
            ev_buf_puts(b, "},\n");
        }
        if (f->year)
            ev_buf_printf(b, "  year = {%d},\n", f->year);
        if (f->doi) {
            ev_buf_puts(b, "  doi = {");
            bib_str(b, f->doi);
            ev_buf_puts(b, "},\n");
        }
        if (f->urls.n) {
            ev_buf_puts(b, "  url = {");
            bib_str(b, f->urls.v[0]);
            ev_buf_puts(b, "},\n");
        }
        ev_buf_puts(b, "  note = {");
        bib_str(b, f->text);
        ev_buf_puts(b, "}\n}\n");
        fwrite(b->ptr, 1, b->len, stdout);
        ev_buf_clear(b);
        break;
    default:
        printf("%s [%s%s%s] %s\n", r->doc, r->kind,
               f->label ? " " : "", f->label ? f->label : "",
               f->text ? f->text : "");
        for (i = 0; i < f->urls.n; i++)
            printf("    url: %s\n", f->urls.v[i]);
        if (f->doi)
            printf("    doi: %s\n", f->doi);
        if (r->n_claims) {
            printf("    %d claim(s) cite it\n", r->n_claims);
            if (k->with_claims)
                ev_index_ref_claims(k->idx, r->doc_id, r->idx,
                                    print_claim_line, NULL, NULL);
        }
        break;
    }
    k->n++;
    return 0;
}

int cmd_refs(int argc, char **argv, ev_cli *cli)
{
    const char *doc = NULL, *format = NULL;
    int with_claims = 0, n, rc = 0;
    char *pos[1];
    const ev_opt opts[] = {
        {"--doc", 'd', OPT_STR, &doc, "DOC", "only this document"},
        {"--format", 'f', OPT_STR, &format, "FMT",
         "text (default), json, bibtex or csl"},
        {"--claims", 'c', OPT_FLAG, &with_claims, NULL,
         "list the claims citing each reference"},
    };
    ev_index *idx;
    ev_err err = {0, ""};
    refs_ctx k;
    int64_t doc_id = 0;
    n = cli_parse(cli, argc, argv, opts, sizeof(opts) / sizeof(opts[0]),
                  &help, pos, 0);
    if (n < 0)
        return n == -1 ? EXIT_OK : EXIT_ERR;
    memset(&k, 0, sizeof(k));
    k.fmt = cli->json ? FMT_JSON : FMT_TEXT;
    if (format) {
        if (strcmp(format, "json") == 0)
            k.fmt = FMT_JSON;
        else if (strcmp(format, "bibtex") == 0 || strcmp(format, "bib") == 0)
            k.fmt = FMT_BIBTEX;
        else if (strcmp(format, "csl") == 0 || strcmp(format, "csl-json") == 0)
            k.fmt = FMT_CSL;
        else if (strcmp(format, "text") == 0)
            k.fmt = FMT_TEXT;
        else {
            cli_error("refs: unknown format '%s' (text, json, bibtex, csl)",
                      format);
            return EXIT_ERR;
        }
    }
    k.with_claims = with_claims;
    idx = cli_open_index(cli, 0);
    if (!idx)
        return EXIT_ERR;
    k.idx = idx;
    if (doc)
        rc = ev_index_find_doc(idx, doc, &doc_id, &err);
    if (!rc) {
        if (k.fmt == FMT_CSL)
            fputs("[\n", stdout);
        rc = ev_index_refs(idx, doc_id, on_ref, &k, &err);
        if (k.fmt == FMT_CSL)
            fputs("\n]\n", stdout);
    }
    ev_buf_release(&k.b);
    ev_index_free(idx);
    if (rc) {
        cli_error("refs: %s", err.msg);
        return EXIT_ERR;
    }
    return EXIT_OK;
}
