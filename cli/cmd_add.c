/*
 * evidex add PATH...: index sources, reporting each failed file on one
 * line and a summary at the end.
 */
#include "cmd.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
    (void)sig;
    stop_flag = 1;
}

typedef struct add_ctx {
    int json;
    int progress;
    int warned;
} add_ctx;

static void on_report(void *vctx, const char *path, int status,
                      const char *msg)
{
    add_ctx *a = vctx;
    if (a->progress)
        fputs("\r\033[K", stderr);
    const char *p;
    fprintf(stderr, "evidex: %s '",
            status == EV_ADD_WARNING ? "warning:" : "cannot index");
    /* a file name may hold a newline or an escape: keep one line */
    for (p = path; *p; p++)
        fputc((unsigned char)*p < 0x20 || *p == 0x7f ? '?' : *p, stderr);
    fprintf(stderr, "': %s\n", msg);
    a->warned = 1;
}

static void on_progress(void *vctx, size_t done, size_t total,
                        uint64_t bytes, double elapsed)
{
    add_ctx *a = vctx;
    double mbs = elapsed > 0 ? (double)bytes / 1e6 / elapsed : 0;
    double eta = done ? elapsed * (double)(total - done) / (double)done : 0;
    if (!a->progress)
        return;
    fprintf(stderr, "\r\033[K[%zu/%zu] %.1f MB, %.1f MB/s, ETA %.0fs", done,
            total, (double)bytes / 1e6, mbs, eta);
    if (done == total)
        fputs("\r\033[K", stderr);
}

static const ev_cmd_help help = {
    "add", "PATH... [--jobs N] [--force] [--prune] [--progress]",
    "Index sources: files or folders (walked recursively; .txt .md .html\n"
    ".htm .xml .nxml .pdf). Formats are detected by content.",
    "Unchanged files (same size and time, or same content) are skipped;\n"
    "changed files are re-indexed in place. Each file is stored in one\n"
    "transaction: a file that fails is reported on one line and the rest\n"
    "of the batch goes on. Ctrl-C stops after the current file.\n"
    "--prune also removes the documents under the given folders whose\n"
    "files no longer exist. After a run that wrote a quarter of the\n"
    "index or more (a first build), the sentence index is compacted, for\n"
    "faster `check` (a few seconds on a 1 GB corpus).",
    "  evidex add ../shared/corpus/seeds\n"
    "  evidex --db papers.db add ~/papers --jobs 2\n"};

int cmd_add(int argc, char **argv, ev_cli *cli)
{
    int jobs = 0, force = 0, prune = 0, progress = 0, no_progress = 0, n;
    double max_mb = 0;
    int pdf_timeout = 0;
    const ev_opt opts[] = {
        {"--jobs", 'j', OPT_INT, &jobs, "N",
         "worker threads (default: one per core)"},
        {"--force", 0, OPT_FLAG, &force, NULL,
         "re-index files even when unchanged"},
        {"--prune", 0, OPT_FLAG, &prune, NULL,
         "remove documents whose files are gone from the given folders"},
        {"--progress", 0, OPT_FLAG, &progress, NULL,
         "progress bar on stderr (default when stderr is a terminal)"},
        {"--no-progress", 0, OPT_FLAG, &no_progress, NULL,
         "no progress bar"},
        {"--max-size", 0, OPT_DOUBLE, &max_mb, "MB",
         "skip files larger than this (default 256)"},
        {"--pdf-timeout", 0, OPT_INT, &pdf_timeout, "SEC",
         "time limit for reading one PDF (default 60)"},
    };
    char **paths = calloc((size_t)argc + 1, sizeof(char *));
    ev_index *idx = NULL;
    const ev_extractor *ex;
    ev_add_opts o;
    ev_add_stats s;
    ev_err err = {0, ""};
    add_ctx a;
    struct sigaction sa, old_int, old_term;
    int rc;
    if (!paths) {
        cli_error("out of memory");
        return EXIT_ERR;
    }
    n = cli_parse(cli, argc, argv, opts, sizeof(opts) / sizeof(opts[0]),
                  &help, paths, argc);
    if (n < 0) {
        free(paths);
        return n == -1 ? EXIT_OK : EXIT_ERR;
    }
    if (n == 0) {
        cli_error("add: no PATH given (see 'evidex add --help')");
        free(paths);
        return EXIT_ERR;
    }
    ex = cli_extractor(cli);
    idx = ex ? cli_open_index(cli, 1) : NULL;
    if (!idx) {
        free(paths);
        return EXIT_ERR;
    }
    memset(&o, 0, sizeof(o));
    memset(&a, 0, sizeof(a));
    a.json = cli->json;
    a.progress = !no_progress && (progress || isatty(STDERR_FILENO));
    o.jobs = jobs;
    o.force = force;
    o.prune = prune;
    o.corpus.max_file_size = max_mb > 0 ? (size_t)(max_mb * 1024 * 1024) : 0;
    o.corpus.pdf_timeout_sec = pdf_timeout;
    o.stop = &stop_flag;
    o.report = on_report;
    o.progress = on_progress;
    o.ctx = &a;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    rc = ev_indexer_add(idx, ex, (const char *const *)paths, (size_t)n, &o,
                        &s, &err);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    ev_index_free(idx);
    free(paths);
    if (rc) {
        cli_error("%s", err.msg);
        return EXIT_ERR;
    }
    if (cli->json) {
        printf("{\"added\":%zu,\"updated\":%zu,\"unchanged\":%zu,"
               "\"failed\":%zu,\"removed\":%zu,\"interrupted\":%s,"
               "\"bytes\":%llu,\"claims\":%llu,\"seconds\":%.3f,"
               "\"cpu_parse\":%.3f,\"cpu_extract\":%.3f,"
               "\"cpu_pack\":%.3f,\"cpu_index\":%.3f}\n",
               s.added, s.updated, s.unchanged, s.failed, s.removed,
               s.interrupted ? "true" : "false",
               (unsigned long long)s.bytes, (unsigned long long)s.claims,
               s.wall_sec, s.cpu_parse, s.cpu_extract, s.cpu_pack,
               s.cpu_index);
    } else {
        printf("%zu added, %zu updated, %zu unchanged, %zu failed",
               s.added, s.updated, s.unchanged, s.failed);
        if (s.removed)
            printf(", %zu removed", s.removed);
        if (s.claims)
            printf(" (%llu claims)", (unsigned long long)s.claims);
        if (s.interrupted)
            printf("; interrupted, %zu file(s) left for the next run",
                   s.skipped);
        putchar('\n');
    }
    return s.failed || s.interrupted ? EXIT_ERR : EXIT_OK;
}
