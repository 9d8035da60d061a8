/*
 * evidex claims: quantitative claims with their citations, filtered by
 * document, words and unit.
 */
#include "cmd.h"

#include <string.h>

static const ev_cmd_help help = {
    "claims", "[--doc DOC] [--about WORDS] [--unit UNIT] [--limit N]",
    "List the quantitative claims: each figure with its value, unit,\n"
    "qualifier, what it measures, its sentence and its citations.",
    "Units: percent, USD, JPY, EUR, GBP (and other ISO currency codes),\n"
    "count, ratio, or a physical unit as written (mg/kg, km, h).\n"
    "Qualifiers: exact, approx, at_least, at_most, more_than, less_than,\n"
    "range.",
    "  evidex claims --doc 001\n"
    "  evidex claims --about 'stationing costs' --unit percent\n"
    "  evidex --json claims > claims.ndjson\n"};

typedef struct claims_ctx {
    int json;
    ev_buf line;
    size_t n;
} claims_ctx;

static int on_claim(void *vctx, const ev_claim *c)
{
    claims_ctx *k = vctx;
    k->n++;
    if (k->json) {
        ev_claim_json(&k->line, c, c->doc);
        cli_put_line(&k->line);
    } else {
        cli_print_claim(stdout, c, 0);
    }
    return 0;
}

int cmd_claims(int argc, char **argv, ev_cli *cli)
{
    const char *doc = NULL, *about = NULL, *unit = NULL;
    int limit = 0, n, rc = 0;
    char *pos[1];
    const ev_opt opts[] = {
        {"--doc", 'd', OPT_STR, &doc, "DOC", "only this document"},
        {"--about", 'a', OPT_STR, &about, "WORDS",
         "only claims whose subject or sentence has all these words"},
        {"--unit", 'u', OPT_STR, &unit, "UNIT", "only this unit"},
        {"--limit", 'n', OPT_INT, &limit, "N", "at most N claims"},
    };
    ev_index *idx;
    ev_err err = {0, ""};
    ev_claim_filter f;
    claims_ctx k;
    n = cli_parse(cli, argc, argv, opts, sizeof(opts) / sizeof(opts[0]),
                  &help, pos, 0);
    if (n < 0)
        return n == -1 ? EXIT_OK : EXIT_ERR;
    idx = cli_open_index(cli, 0);
    if (!idx)
        return EXIT_ERR;
    memset(&f, 0, sizeof(f));
    memset(&k, 0, sizeof(k));
    k.json = cli->json;
    if (doc)
        rc = ev_index_find_doc(idx, doc, &f.doc_id, &err);
    f.about = about;
    f.unit = unit;
    f.limit = limit;
    if (!rc)
        rc = ev_index_claims(idx, &f, on_claim, &k, &err);
    ev_buf_release(&k.line);
    ev_index_free(idx);
    if (rc) {
        cli_error("claims: %s", err.msg);
        return EXIT_ERR;
    }
    if (!cli->json && k.n == 0)
        fprintf(stderr, "no claims\n");
    return EXIT_OK;
}
