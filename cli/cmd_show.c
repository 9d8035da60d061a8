/*
 * evidex show DOC: a document's extracted text; with --json its passages.
 */
#include "cmd.h"

#include <string.h>

static const ev_cmd_help help = {
    "show", "DOC",
    "Print a document's extracted text (the text claims and offsets refer\n"
    "to). With --json, print its passages: doc, start, end, line, kind,\n"
    "page, text, locator.",
    "DOC is a name as 'evidex docs' lists it, a unique prefix of one, a\n"
    "path, or an id.",
    "  evidex show 001_234ade4c56047fd2.txt\n  evidex show 001 --json\n"};

static int on_passage(void *vctx, const ev_passage_row *p)
{
    ev_buf *b = vctx;
    ev_buf_puts(b, "{\"doc\":");
    ev_buf_json_str(b, p->doc, strlen(p->doc));
    ev_buf_printf(b, ",\"start\":%lld,\"end\":%lld,\"line\":%d,\"kind\":\"%s\"",
                  (long long)p->start, (long long)p->end, p->line, p->kind);
    if (p->page)
        ev_buf_printf(b, ",\"page\":%d", p->page);
    ev_buf_puts(b, ",\"text\":");
    ev_buf_json_str(b, p->text, p->text_len);
    ev_buf_json_field(b, "locator", p->locator);
    ev_buf_putc(b, '}');
    cli_put_line(b);
    return 0;
}

int cmd_show(int argc, char **argv, ev_cli *cli)
{
    char *pos[1];
    ev_index *idx;
    ev_err err = {0, ""};
    int64_t id;
    ev_buf b = EV_BUF_INIT;
    int n = cli_parse(cli, argc, argv, NULL, 0, &help, pos, 1), rc;
    if (n < 0)
        return n == -1 ? EXIT_OK : EXIT_ERR;
    if (n == 0) {
        cli_error("show: no DOC given (see 'evidex show --help')");
        return EXIT_ERR;
    }
    idx = cli_open_index(cli, 0);
    if (!idx)
        return EXIT_ERR;
    rc = ev_index_find_doc(idx, pos[0], &id, &err);
    if (!rc) {
        if (cli->json)
            rc = ev_index_passages(idx, id, on_passage, &b, &err);
        else {
            rc = ev_index_doc_text(idx, id, &b, &err);
            if (!rc) {
                fwrite(b.ptr, 1, b.len, stdout);
                if (b.len && b.ptr[b.len - 1] != '\n')
                    putchar('\n');
            }
        }
    }
    ev_buf_release(&b);
    ev_index_free(idx);
    if (rc) {
        cli_error("show: %s", err.msg);
        return EXIT_ERR;
    }
    return EXIT_OK;
}
