/*
 * evidex conflicts: groups of claims about one quantity whose values
 * cannot all be true, most severe first.
 */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

static const ev_cmd_help help = {
    "conflicts", "[--about WORDS] [--min-sources N] [--why] [--synonyms FILE]",
    "Find claims that measure the same quantity but disagree: each group\n"
    "with every side's value, document, line and citation.",
    "Claims are compared when unit, subject words (stemmed, with\n"
    "synonyms), entity and year agree; values are compatible when their\n"
    "intervals, widened by qualifiers ('about', 'more than') and rounding,\n"
    "overlap. A series over time, the same figure repeated, or a target\n"
    "versus a measurement is not a conflict. --why shows the evidence\n"
    "used. Synonyms: lines 'troops ~ personnel ~ service members' in\n"
    "FILE (default $EVIDEX_SYNONYMS) extend the built-in set.\n"
    "Exit status 1 when conflicts are reported.",
    "  evidex conflicts\n"
    "  evidex conflicts --about 'stationing costs' --why\n"
    "  evidex --json conflicts --min-sources 2\n"};

int cmd_conflicts(int argc, char **argv, ev_cli *cli)
{
    const char *about = NULL, *syn_path = getenv("EVIDEX_SYNONYMS");
    int min_sources = 1, why = 0, max_claims = EV_CONFLICTS_MAX_CLAIMS, n, rc;
    char *pos[1];
    const ev_opt opts[] = {
        {"--about", 'a', OPT_STR, &about, "WORDS",
         "only claims whose subject or sentence has these words"},
        {"--min-sources", 0, OPT_INT, &min_sources, "N",
         "only groups drawing on at least N documents (default 1)"},
        {"--why", 0, OPT_FLAG, &why, NULL,
         "show why the claims were compared"},
        {"--synonyms", 0, OPT_STR, &syn_path, "FILE",
         "extra synonym sets"},
        {"--max-claims", 0, OPT_INT, &max_claims, "N",
         "compare at most N claims (default 50000)"},
    };
    ev_index *idx;
    const ev_extractor *ex;
    ev_synonyms *syn = NULL;
    ev_err err = {0, ""};
    ev_claim_vec claims = {0};
    ev_group_vec groups = {0};
    ev_buf b = EV_BUF_INIT;
    size_t i, k, n_groups = 0;
    n = cli_parse(cli, argc, argv, opts, sizeof(opts) / sizeof(opts[0]),
                  &help, pos, 0);
    if (n < 0)
        return n == -1 ? EXIT_OK : EXIT_ERR;
    ex = cli_extractor(cli);
    if (!ex)
        return EXIT_ERR;
    if (ev_synonyms_load(&syn, syn_path, &err)) {
        cli_error("conflicts: %s", err.msg);
        return EXIT_ERR;
    }
    idx = cli_open_index(cli, 0);
    if (!idx) {
        ev_synonyms_free(syn);
        return EXIT_ERR;
    }
    rc = ev_conflicts(idx, ex, syn, about, min_sources,
                      max_claims > 0 ? (size_t)max_claims : 0, &claims,
                      &groups, &err);
    ev_index_free(idx);
    ev_synonyms_free(syn);
    if (rc) {
        cli_error("conflicts: %s", err.msg);
        goto done;
    }
    n_groups = groups.n;
    for (i = 0; i < groups.n; i++) {
        const ev_group *g = &groups.v[i];
        if (cli->json) {
            ev_buf_puts(&b, "{\"subject\":");
            ev_buf_json_str(&b, g->subject ? g->subject : "",
                            g->subject ? strlen(g->subject) : 0);
            ev_buf_printf(&b, ",\"severity\":%.4g", g->severity);
            if (why && g->why) {
                ev_buf_puts(&b, ",\"why\":");
                ev_buf_json_str(&b, g->why, strlen(g->why));
            }
            ev_buf_puts(&b, ",\"claims\":[");
            for (k = 0; k < g->members.n; k++) {
                const ev_claim *c = &claims.v[g->members.v[k]];
                if (k)
                    ev_buf_putc(&b, ',');
                ev_claim_json(&b, c, c->doc);
            }
            ev_buf_puts(&b, "]}");
            cli_put_line(&b);
        } else {
            printf("conflict: %s (%zu claims)\n",
                   g->subject ? g->subject : "?", g->members.n);
            if (why && g->why)
                printf("  why: %s\n", g->why);
            for (k = 0; k < g->members.n; k++)
                cli_print_claim(stdout, &claims.v[g->members.v[k]], 2);
            putchar('\n');
        }
    }
    if (!cli->json)
        printf("%zu conflict(s) among %zu claims\n", groups.n, claims.n);
done:
    ev_buf_release(&b);
    ev_group_vec_release(&groups);
    ev_claim_vec_release(&claims);
    if (rc)
        return EXIT_ERR;
    return n_groups ? EXIT_FOUND : EXIT_OK;
}
