/*
 * evidex cites: in-text citation markers and the references they cite.
 */
#include "cmd.h"

#include <string.h>

static const ev_cmd_help help = {
    "cites", "[--doc DOC]",
    "List every in-text citation marker (footnote numbers, [12], author-\n"
    "year cites) with its position and the reference entries it points\n"
    "to. A numbered range such as [10-14] lists every reference it covers.",
    NULL, "  evidex cites --doc 001\n  evidex --json cites > cites.ndjson\n"};

static int on_cite(void *vctx, const ev_cite_row *r)
{
    ev_buf *b = vctx;
    const ev_cite *c = r->cite;
    size_t i;
    if (b) {
        ev_cite_json(b, r->doc, c, r->refs);
        cli_put_line(b);    } else {
        printf("%s@%zu: %s (%s)\n", r->doc, c->start,
               c->marker ? c->marker : "", ev_cite_kind_name(c->kind));
        for (i = 0; i < c->refs.n; i++)
            printf("    -> %.160s\n", r->refs[i]->text ? r->refs[i]->text : "");
    }
    return 0;
}

int cmd_cites(int argc, char **argv, ev_cli *cli)
{
    const char *doc = NULL;
    char *pos[1];
    const ev_opt opts[] = {
        {"--doc", 'd', OPT_STR, &doc, "DOC", "only this document"},
    };
    ev_index *idx;
    ev_err err = {0, ""};
    ev_buf b = EV_BUF_INIT;
    int64_t doc_id = 0;
    int n = cli_parse(cli, argc, argv, opts, 1, &help, pos, 0), rc = 0;
    if (n < 0)
        return n == -1 ? EXIT_OK : EXIT_ERR;
    idx = cli_open_index(cli, 0);
    if (!idx)
        return EXIT_ERR;
    if (doc)
        rc = ev_index_find_doc(idx, doc, &doc_id, &err);
    if (!rc)
        rc = ev_index_cites(idx, doc_id, on_cite, cli->json ? &b : NULL, &err);
    ev_buf_release(&b);
    ev_index_free(idx);
    if (rc) {
        cli_error("cites: %s", err.msg);
        return EXIT_ERR;
    }
    return EXIT_OK;
}
