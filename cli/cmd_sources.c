/*
 * evidex sources FIGURE: every claim that states a figure, best first.
 */
#include "cmd.h"

#include <string.h>

static const ev_cmd_help help = {
    "sources", "FIGURE [--about WORDS] [--tolerance PCT] [--limit N]",
    "Every source that states FIGURE, best matches first: document, line,\n"
    "the sentence with the figure marked, what it measures, and its\n"
    "citations (footnote, reference, attribution).",
    "FIGURE is read like the documents are: 74.5%, '74.5 percent',\n"
    "'54,000 troops', 'fifty-four thousand', '$2 billion', '40-50%'.\n"
    "A claim matches when its value lies within the figure's own precision\n"
    "('75' matches 74.5 to 75.5; 'about 75' more widely), in the same\n"
    "unit. --tolerance widens that to PCT percent of the figure.",
    "  evidex sources 74.5%\n"
    "  evidex sources '54,000 troops'\n"
    "  evidex sources '$2 billion' --about japan\n"};

int cmd_sources(int argc, char **argv, ev_cli *cli)
{
    const char *about = NULL;
    double tol = -1;
    int limit = 50, n, rc;
    char *pos[1];
    const ev_opt opts[] = {
        {"--about", 'a', OPT_STR, &about, "WORDS",
         "only claims whose subject or sentence has these words"},
        {"--tolerance", 't', OPT_DOUBLE, &tol, "PCT",
         "match values within PCT percent of the figure"},
        {"--limit", 'n', OPT_INT, &limit, "N", "at most N (default 50)"},
    };
    ev_index *idx;
    const ev_extractor *ex;
    ev_err err = {0, ""};
    ev_source_vec hits = {0};
    ev_quantity fig;
    ev_buf b = EV_BUF_INIT;
    size_t i;
    n = cli_parse(cli, argc, argv, opts, sizeof(opts) / sizeof(opts[0]),
                  &help, pos, 1);
    if (n < 0)
        return n == -1 ? EXIT_OK : EXIT_ERR;
    if (n == 0) {
        cli_error("sources: no FIGURE given (see 'evidex sources --help')");
        return EXIT_ERR;
    }
    ex = cli_extractor(cli);
    idx = ex ? cli_open_index(cli, 0) : NULL;
    if (!idx)
        return EXIT_ERR;
    rc = ev_sources(idx, ex, pos[0], about, tol, limit, &fig, &hits, &err);
    ev_index_free(idx);
    if (rc) {
        cli_error("sources: %s", err.msg);
        ev_source_vec_release(&hits);
        return EXIT_ERR;
    }
    if (!cli->json) {
        cli_format_value(&b, fig.lo, fig.hi, fig.unit, fig.qualifier);
        printf("%zu source(s) for %s\n", hits.n, b.ptr ? b.ptr : pos[0]);
        ev_buf_clear(&b);
    }
    for (i = 0; i < hits.n; i++) {
        if (cli->json) {
            ev_claim_json(&b, &hits.v[i].claim, hits.v[i].claim.doc);
            cli_put_line(&b);
        } else {
            cli_print_claim(stdout, &hits.v[i].claim, 0);
        }
    }
    ev_buf_release(&b);
    ev_source_vec_release(&hits);
    return EXIT_OK;
}
