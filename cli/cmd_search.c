/*
 * evidex search QUERY: bm25-ranked passages with marked snippets.
 */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const ev_cmd_help help = {
    "search", "QUERY [--limit N]",
    "Full-text search of every indexed passage, best first (bm25).",
    "QUERY uses FTS5 syntax: words (all must occur; stemmed, accents\n"
    "ignored), \"exact phrases\", OR, NOT, NEAR(a b, 5), prefix*.\n"
    "In the output the matched terms are marked [like this] (bold on a\n"
    "terminal).",
    "  evidex search 'host nation support'\n"
    "  evidex search '\"burden sharing\" AND japan' --limit 5\n"
    "  evidex --json search 'stationing NEAR(cost share, 5)'\n"};

typedef struct search_ctx {
    int json;
    ev_buf line;
    int n;
} search_ctx;

static int on_hit(void *vctx, const ev_hit *h)
{
    search_ctx *s = vctx;
    s->n++;
    if (s->json) {
        ev_buf *b = &s->line;
        ev_buf_puts(b, "{\"doc\":");
        ev_buf_json_str(b, h->doc, strlen(h->doc));
        ev_buf_printf(b, ",\"line\":%d,\"start\":%lld,\"end\":%lld,"
                         "\"score\":%.6g,\"snippet\":",
                      h->line, (long long)h->start, (long long)h->end,
                      -h->score);
        ev_buf_json_str(b, h->snippet ? h->snippet : "",
                        h->snippet ? strlen(h->snippet) : 0);
        if (h->locator) {
            ev_buf_puts(b, ",\"locator\":");
            ev_buf_json_str(b, h->locator, strlen(h->locator));
        }
        ev_buf_putc(b, '}');
        cli_put_line(b);
    } else {
        const char *p;
        printf("%s:%d: ", h->doc, h->line);
        /* one line: newlines in the snippet become spaces */
        for (p = h->snippet ? h->snippet : ""; *p; p++)
            putchar(*p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p);
        putchar('\n');
    }
    return 0;
}

int cmd_search(int argc, char **argv, ev_cli *cli)
{
    int limit = 20, n, rc;
    char *pos[1];
    const ev_opt opts[] = {
        {"--limit", 'n', OPT_INT, &limit, "N", "at most N hits (default 20)"},
    };
    ev_index *idx;
    ev_err err = {0, ""};
    search_ctx s;
    const char *open_mark, *close_mark;
    n = cli_parse(cli, argc, argv, opts, 1, &help, pos, 1);
    if (n < 0)
        return n == -1 ? EXIT_OK : EXIT_ERR;
    if (n == 0 || !*pos[0]) {
        cli_error("search: no QUERY given (see 'evidex search --help')");
        return EXIT_ERR;
    }
    idx = cli_open_index(cli, 0);
    if (!idx)
        return EXIT_ERR;
    memset(&s, 0, sizeof(s));
    s.json = cli->json;
    if (cli->json) {
        open_mark = "[";
        close_mark = "]";
    } else if (isatty(STDOUT_FILENO)) {
        open_mark = "\033[1m";
        close_mark = "\033[0m";
    } else {
        open_mark = "[";
        close_mark = "]";
    }
    rc = ev_index_search(idx, pos[0], limit, open_mark, close_mark, on_hit,
                         &s, &err);
    ev_buf_release(&s.line);
    ev_index_free(idx);
    if (rc) {
        cli_error("search: %s", err.msg);
        return EXIT_ERR;
    }
    if (!cli->json && s.n == 0)
        fprintf(stderr, "no matches\n");
    return EXIT_OK;
}
