/*
 * cli/: argument parsing and printing only. Each command lives in
 * cmd_<name>.c as int cmd_<name>(int argc, char **argv, ev_cli *cli)
 * with a static option table that also produces its --help.
 */
#ifndef EV_CMD_H
#define EV_CMD_H

#include <stdio.h>

#include "indexer.h"

/* Exit codes. */
enum { EXIT_OK = 0, EXIT_FOUND = 1, EXIT_ERR = 2 };

typedef struct ev_cli {
    const char *db;      /* --db, $EVIDEX_DB, or evidex.db */
    int json;            /* --json */
    const char *prog;
    ev_extractor *ex;    /* created on first use */
} ev_cli;

/* Option kinds. */
enum { OPT_FLAG, OPT_STR, OPT_INT, OPT_DOUBLE };

typedef struct ev_opt {
    const char *name;   /* "--limit" */
    char short_name;    /* 'n' or 0 */
    int kind;
    void *dest;         /* int*, const char**, double* */
    const char *arg;    /* "N" for help */
    const char *help;
} ev_opt;

typedef struct ev_cmd_help {
    const char *name;
    const char *usage;    /* "QUERY [--limit N]" */
    const char *summary;
    const char *details;  /* paragraphs, may be NULL */
    const char *examples; /* lines, may be NULL */
} ev_cmd_help;

/*
 * Parses argv[1..] against opts; positional arguments go to pos (at
 * most max_pos, error beyond). --json and --db are accepted anywhere.
 * Returns -1 after printing help (exit 0), -2 on a usage error (printed;
 * exit 2), else the number of positionals.
 */
int cli_parse(ev_cli *cli, int argc, char **argv, const ev_opt *opts,
              size_t n_opts, const ev_cmd_help *help, char **pos,
              int max_pos);

void cli_help(FILE *fp, const ev_cli *cli, const ev_cmd_help *help,
              const ev_opt *opts, size_t n_opts);

/* Prints "evidex: " + message to stderr (one line). */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Opens the index; prints the error and returns NULL on failure. A
 * read-only open of a missing index explains how to create one. */
ev_index *cli_open_index(ev_cli *cli, int writable);
/* The shared extractor; prints and returns NULL on failure. */
const ev_extractor *cli_extractor(ev_cli *cli);

/* Writes b as one line to stdout and clears it. */
void cli_put_line(ev_buf *b);

/* Human form of a claim: "doc:line: surface (unit, qualifier) — subject",
 * the sentence with the figure marked, and citations. */
void cli_print_claim(FILE *fp, const ev_claim *c, int indent);
/* "74.5 percent", "1.7e+09-2.1e+09 USD" */
void cli_format_value(ev_buf *b, double lo, double hi, const char *unit,
                      int qualifier);

int cmd_add(int argc, char **argv, ev_cli *cli);
int cmd_search(int argc, char **argv, ev_cli *cli);
int cmd_claims(int argc, char **argv, ev_cli *cli);
int cmd_sources(int argc, char **argv, ev_cli *cli);
int cmd_conflicts(int argc, char **argv, ev_cli *cli);
int cmd_check(int argc, char **argv, ev_cli *cli);
int cmd_refs(int argc, char **argv, ev_cli *cli);
int cmd_cites(int argc, char **argv, ev_cli *cli);
int cmd_docs(int argc, char **argv, ev_cli *cli);
int cmd_show(int argc, char **argv, ev_cli *cli);

#endif
