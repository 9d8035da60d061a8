/*
 * Option parsing and help text, driven by each command's option table.
 */
#include "cmd.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs("evidex: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void cli_help(FILE *fp, const ev_cli *cli, const ev_cmd_help *help,
              const ev_opt *opts, size_t n_opts)
{
    size_t i;
    fprintf(fp, "usage: %s [--db FILE] %s [--json] %s\n\n%s\n", cli->prog,
            help->name, help->usage, help->summary);
    if (help->details)
        fprintf(fp, "\n%s\n", help->details);
    fputs("\noptions:\n", fp);
    for (i = 0; i < n_opts; i++) {
        char left[64];
        if (opts[i].short_name)
            snprintf(left, sizeof(left), "-%c, %s%s%s", opts[i].short_name,
                     opts[i].name, opts[i].arg ? " " : "",
                     opts[i].arg ? opts[i].arg : "");
        else
            snprintf(left, sizeof(left), "%s%s%s", opts[i].name,
                     opts[i].arg ? " " : "", opts[i].arg ? opts[i].arg : "");
        fprintf(fp, "  %-26s %s\n", left, opts[i].help);
    }
    fprintf(fp, "  %-26s %s\n", "--json",
            "print NDJSON: one JSON object per line");
    fprintf(fp, "  %-26s %s\n", "--db FILE",
            "the index (default $EVIDEX_DB or ./evidex.db)");
    fprintf(fp, "  %-26s %s\n", "-h, --help", "show this help");
    if (help->examples)
        fprintf(fp, "\nexamples:\n%s\n", help->examples);
}

static int set_value(const ev_opt *o, const char *val)
{
    char *end;
    switch (o->kind) {
    case OPT_STR:
        *(const char **)o->dest = val;
        return 0;
    case OPT_INT: {
        long v;
        errno = 0;
        v = strtol(val, &end, 10);
        if (errno || *end || end == val || v < -1000000000L ||
            v > 1000000000L) {
            cli_error("%s: '%s' is not a whole number", o->name, val);
            return -1;
        }
        *(int *)o->dest = (int)v;
        return 0;
    }
    case OPT_DOUBLE: {
        double v;
        errno = 0;
        v = strtod(val, &end);
        if (errno || *end || end == val) {
            cli_error("%s: '%s' is not a number", o->name, val);
            return -1;
        }
        *(double *)o->dest = v;
        return 0;
    }
    default:
        return -1;
    }
}

int cli_parse(ev_cli *cli, int argc, char **argv, const ev_opt *opts,
              size_t n_opts, const ev_cmd_help *help, char **pos,
              int max_pos)
{
    int i, n_pos = 0, only_pos = 0;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const ev_opt *o = NULL;
        const char *val = NULL;
        size_t k;
        if (only_pos || a[0] != '-' || a[1] == '\0') {
            if (n_pos >= max_pos) {
                cli_error("%s: unexpected argument '%s' (see 'evidex %s "
                          "--help')", help->name, a, help->name);
                return -2;
            }
            pos[n_pos++] = argv[i];
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_pos = 1;
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            cli_help(stdout, cli, help, opts, n_opts);
            return -1;
        }
        if (strcmp(a, "--json") == 0) {
            cli->json = 1;
            continue;
        }
        if (strcmp(a, "--db") == 0 || strncmp(a, "--db=", 5) == 0) {
            if (a[4] == '=') {
                cli->db = a + 5;
            } else if (i + 1 < argc) {
                cli->db = argv[++i];
            } else {
                cli_error("--db needs a FILE");
                return -2;
            }
            continue;
        }
        for (k = 0; k < n_opts; k++) {
            size_t len = strlen(opts[k].name);
            if (strncmp(a, opts[k].name, len) == 0 &&
                (a[len] == '\0' || (a[len] == '=' && opts[k].kind != OPT_FLAG))) {
                o = &opts[k];
                if (a[len] == '=')
                    val = a + len + 1;
                break;
            }
            if (opts[k].short_name && a[1] == opts[k].short_name &&
                a[2] == '\0') {
                o = &opts[k];
                break;
            }
        }
        if (!o) {
            cli_error("%s: unknown option '%s' (see 'evidex %s --help')",
                      help->name, a, help->name);
            return -2;
        }
        if (o->kind == OPT_FLAG) {
            (*(int *)o->dest)++;
            continue;
        }
        if (!val) {
            if (i + 1 >= argc) {
                cli_error("%s: %s needs %s", help->name, o->name,
                          o->arg ? o->arg : "a value");
                return -2;
            }
            val = argv[++i];
        }
        if (set_value(o, val))
            return -2;
    }
    return n_pos;
}
