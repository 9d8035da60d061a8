/*
 * ingest_bench: runs the ingest pipeline (ev_indexer_add) in process and
 * prints one JSON line with its statistics, including the per-stage CPU
 * seconds the CLI does not show (parse, extract, index), the process CPU
 * time and the peak resident set size.
 *
 * Usage: ingest_bench --db FILE [--jobs N] [--force] PATH...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "indexer.h"

static double tv_sec(struct timeval tv)
{
    return (double)tv.tv_sec + (double)tv.tv_usec * 1e-6;
}

static void on_report(void *ctx, const char *path, int status,
                      const char *msg)
{
    size_t *n = ctx;
    if (status == EV_ADD_FAILED && (*n)++ < 5)
        fprintf(stderr, "ingest_bench: cannot index '%s': %s\n", path, msg);
}

int main(int argc, char **argv)
{
    const char *db = NULL;
    const char **paths = calloc((size_t)argc + 1, sizeof(*paths));
    size_t n_paths = 0, n_failed_shown = 0;
    ev_add_opts o;
    ev_add_stats s;
    ev_err err = {0, ""};
    ev_extractor *ex = NULL;
    ev_index *idx = NULL;
    struct rusage ru;
    int i, rc = 2;

    memset(&o, 0, sizeof(o));
    if (!paths)
        return 2;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            db = argv[++i];
        else if (strcmp(argv[i], "--jobs") == 0 && i + 1 < argc)
            o.jobs = (int)strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--force") == 0)
            o.force = 1;
        else
            paths[n_paths++] = argv[i];
    }
    if (!db || !n_paths) {
        fprintf(stderr, "usage: ingest_bench --db FILE [--jobs N] [--force] "
                        "PATH...\n");
        free(paths);
        return 2;
    }
    ev_corpus_global_init();
    o.report = on_report;
    o.ctx = &n_failed_shown;
    if (ev_extractor_new(&ex, &err) ||
        ev_index_open(&idx, db, EV_INDEX_INGEST, &err) ||
        ev_indexer_add(idx, ex, paths, n_paths, &o, &s, &err)) {
        fprintf(stderr, "ingest_bench: %s\n", err.msg);
        goto done;
    }
    getrusage(RUSAGE_SELF, &ru);
    printf("{\"added\":%zu,\"updated\":%zu,\"unchanged\":%zu,\"failed\":%zu,"
           "\"bytes\":%llu,\"text_bytes\":%llu,\"passages\":%llu,"
           "\"claims\":%llu,\"wall\":%.3f,\"cpu_parse\":%.3f,"
           "\"cpu_extract\":%.3f,\"cpu_pack\":%.3f,\"cpu_index\":%.3f,"
           "\"wall_wait\":%.3f,\"wall_commit\":%.3f,"
           "\"wall_compact\":%.3f,\"cpu_user\":%.3f,"
           "\"cpu_sys\":%.3f,\"maxrss_kb\":%ld}\n",
           s.added, s.updated, s.unchanged, s.failed,
           (unsigned long long)s.bytes, (unsigned long long)s.text_bytes,
           (unsigned long long)s.passages, (unsigned long long)s.claims,
           s.wall_sec, s.cpu_parse, s.cpu_extract, s.cpu_pack, s.cpu_index,
           s.wall_wait, s.wall_commit, s.wall_compact, tv_sec(ru.ru_utime), tv_sec(ru.ru_stime), ru.ru_maxrss);
    rc = 0;
done:
    ev_index_free(idx);
    ev_extractor_free(ex);
    ev_corpus_global_cleanup();
    free(paths);
    return rc;
}
