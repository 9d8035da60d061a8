/*
 * evidex docs: the indexed documents with title, size and counts.
 */
#include "cmd.h"

#include <string.h>

static const ev_cmd_help help = {
    "docs", "",
    "List the indexed documents: name, format, size, passages, claims,\n"
    "references, and title (from metadata, else the first line).",
    NULL, "  evidex docs\n  evidex --json docs\n"};

/* First non-empty line of s, at most max bytes, trimmed. */
static int first_line(const char *s, int max)
{
    int n = 0;
    while (s[n] && s[n] != '\n' && n < max)
        n++;
    return n;
}

static int on_doc(void *vctx, const ev_doc_row *r)
{
    ev_cli *cli = vctx;
    const char *title = r->title ? r->title : "";
    while (*title == '\n' || *title == ' ' || *title == '\r')
        title++;
    if (cli->json) {
        ev_buf b = EV_BUF_INIT;
        int tl = first_line(title, 200);
        ev_buf_puts(&b, "{\"doc\":");
        ev_buf_json_str(&b, r->name, strlen(r->name));
        ev_buf_json_field(&b, "path", r->path);
        ev_buf_json_field(&b, "format", r->format);
        ev_buf_puts(&b, ",\"title\":");
        ev_buf_json_str(&b, title, (size_t)tl);
        ev_buf_json_field(&b, "authors", r->authors);
        ev_buf_json_field(&b, "date", r->date);
        ev_buf_json_field(&b, "url", r->url);
        ev_buf_json_field(&b, "doi", r->doi);
        ev_buf_printf(&b, ",\"size\":%lld,\"passages\":%lld,\"claims\":%lld,"
                          "\"refs\":%lld,\"cites\":%lld}",
                      (long long)r->size, (long long)r->n_passages,
                      (long long)r->n_claims, (long long)r->n_refs,
                      (long long)r->n_cites);
        cli_put_line(&b);
        ev_buf_release(&b);
    } else {
        printf("%-28s %-5s %8lld B %5lld passages %5lld claims %4lld refs  "
               "%.*s\n",
               r->name, r->format, (long long)r->size,
               (long long)r->n_passages, (long long)r->n_claims,
               (long long)r->n_refs, first_line(title, 60), title);
    }
    return 0;
}

int cmd_docs(int argc, char **argv, ev_cli *cli)
{
    char *pos[1];
    ev_index *idx;
    ev_err err = {0, ""};
    int n = cli_parse(cli, argc, argv, NULL, 0, &help, pos, 0), rc;
    if (n < 0)
        return n == -1 ? EXIT_OK : EXIT_ERR;
    idx = cli_open_index(cli, 0);
    if (!idx)
        return EXIT_ERR;
    rc = ev_index_docs(idx, on_doc, cli, &err);
    ev_index_free(idx);
    if (rc) {
        cli_error("docs: %s", err.msg);
        return EXIT_ERR;
    }
    return EXIT_OK;
}
