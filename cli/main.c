/*
 * evidex's entry point: global options, the command table, top-level
 * help, and the final check that stdout was written.
 */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

typedef struct cmd_row {
    const char *name;
    int (*fn)(int argc, char **argv, ev_cli *cli);
    const char *summary;
} cmd_row;

static const cmd_row commands[] = {
    {"add", cmd_add, "index sources (files or folders); re-run to update"},
    {"search", cmd_search, "full-text search of the indexed passages"},
    {"claims", cmd_claims, "list quantitative claims with their citations"},
    {"sources", cmd_sources, "every source that states a figure"},
    {"conflicts", cmd_conflicts, "claims about one quantity that disagree"},
    {"check", cmd_check, "check the figures of a draft against the corpus"},
    {"refs", cmd_refs, "references and footnotes (also BibTeX, CSL-JSON)"},
    {"cites", cmd_cites, "in-text citation markers and what they cite"},
    {"docs", cmd_docs, "the indexed documents"},
    {"show", cmd_show, "a document's extracted text (or passages)"},
};

static void usage(FILE *fp, const char *prog)
{
    size_t i;
    fprintf(fp,
            "usage: %s [--db FILE] COMMAND [--json] [ARGS...]\n\n"
            "evidex indexes sources (text, Markdown, HTML, JATS/TEI XML, PDF),\n"
            "extracts every quantitative claim with the citation behind it,\n"
            "and answers: who says this figure, where do sources disagree,\n"
            "and does my draft contradict them.\n\ncommands:\n",
            prog);
    for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(fp,
            "\nglobal options:\n"
            "  --db FILE    the index (default $EVIDEX_DB, else ./evidex.db)\n"
            "  --json       NDJSON output, one object per line\n"
            "  --version    print the version\n"
            "  -h, --help   this help; 'evidex COMMAND --help' for a command\n"
            "\nexit status: 0 ok, 1 problems found (conflicts, check), "
            "2 usage or runtime error\n"
            "\nexamples:\n"
            "  evidex add ~/papers\n"
            "  evidex search 'host nation support'\n"
            "  evidex sources 74.5%%\n"
            "  evidex conflicts --about 'stationing costs'\n"
            "  evidex check draft.md\n");
}

int main(int argc, char **argv)
{
    ev_cli cli;
    const char *env = getenv("EVIDEX_DB");
    int i, rc = EXIT_ERR;
    memset(&cli, 0, sizeof(cli));
    cli.prog = "evidex";
    cli.db = env && *env ? env : "evidex.db";

    /* global options before the command */
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) {
            cli.json = 1;
        } else if (strcmp(argv[i], "--db") == 0) {
            if (i + 1 >= argc) {
                cli_error("--db needs a FILE");
                return EXIT_ERR;
            }
            cli.db = argv[++i];
        } else if (strncmp(argv[i], "--db=", 5) == 0) {
            cli.db = argv[i] + 5;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("evidex %s\n", EV_VERSION);
            return fflush(stdout) || ferror(stdout) ? EXIT_ERR : EXIT_OK;
        } else if (strcmp(argv[i], "-h") == 0 ||
                   strcmp(argv[i], "--help") == 0 ||
                   strcmp(argv[i], "help") == 0) {
            if (strcmp(argv[i], "help") == 0 && i + 1 < argc) {
                /* evidex help CMD == evidex CMD --help */
                char *sub[2] = {argv[i + 1], "--help"};
                size_t k;
                for (k = 0; k < sizeof(commands) / sizeof(commands[0]); k++)
                    if (strcmp(commands[k].name, argv[i + 1]) == 0)
                        return commands[k].fn(2, sub, &cli);
            }
            usage(stdout, cli.prog);
            return EXIT_OK;
        } else {
            break;
        }
    }
    if (i >= argc) {
        usage(stderr, cli.prog);
        return EXIT_ERR;
    }
    {
        size_t k;
        const cmd_row *cmd = NULL;
        for (k = 0; k < sizeof(commands) / sizeof(commands[0]); k++)
            if (strcmp(commands[k].name, argv[i]) == 0)
                cmd = &commands[k];
        if (!cmd) {
            cli_error("unknown command '%s' (see 'evidex --help')", argv[i]);
            return EXIT_ERR;
        }
        ev_corpus_global_init();
        rc = cmd->fn(argc - i, argv + i, &cli);
        ev_extractor_free(cli.ex);
        ev_corpus_global_cleanup();
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("cannot write output");
        return EXIT_ERR;
    }
    return rc;
}
