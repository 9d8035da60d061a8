/*
 * recognizer_bench [FILE...]: MB/s of ev_numbers_scan alone. The files
 * (default: the seeds and the eval-public quantity texts under
 * EV_SHARED_DIR or ../shared) are concatenated and repeated in memory up
 * to about 100 MB, then scanned in 1 MiB slices on one core.
 */
#include "extract.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int add_file(ev_buf *all, const char *path)
{
    FILE *f = fopen(path, "rb");
    char tmp[65536];
    size_t n;
    if (!f)
        return -1;
    while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
        ev_buf_add(all, tmp, n);
    ev_buf_putc(all, '\n');
    fclose(f);
    return 0;
}

/* Length of the slice of b at off: 1 MiB at most, cut at a line end so
 * no figure is cut. */
static size_t slice_len(const ev_buf *b, size_t off)
{
    size_t n = b->len - off > (1u << 20) ? (1u << 20) : b->len - off;
    while (off + n < b->len && n > 1 && b->ptr[off + n - 1] != '\n')
        n--;
    return n;
}

/* Every figure of src, one line each, into path (scanned in the same
 * line-aligned 1 MiB slices as the timed run). */
static int dump(const ev_extractor *ex, const ev_buf *src, const char *path)
{
    ev_quantity_vec v = {NULL, 0, 0};
    FILE *f = fopen(path, "w");
    size_t off, k;
    int rc = 0;
    if (!f) {
        fprintf(stderr, "recognizer_bench: cannot write '%s'\n", path);
        return -1;
    }
    for (off = 0; off < src->len && !rc;) {
        size_t n = slice_len(src, off);
        v.n = 0;
        rc = ev_numbers_scan(ex, src->ptr + off, n, NULL, 0, &v);
        for (k = 0; k < v.n && !rc; k++) {
            const ev_quantity *q = &v.v[k];
            fprintf(f, "%zu %zu %zu %.17g %.17g %s %d %d %d %s %zu\n",
                    off + q->start, off + q->end, off + q->qual_start, q->lo,
                    q->hi, q->unit, q->qualifier, q->is_year, q->flags,
                    q->detail, off + q->noun_end);
        }
        off += n;
    }
    free(v.v);
    if (fclose(f) || rc) {
        fprintf(stderr, "recognizer_bench: dump to '%s' failed\n", path);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    static const char *const PATTERNS[] = {
        "/corpus/seeds/*.txt", "/eval-public/quantities/*/*.txt",
        "/eval-public/quantities/*/docs/*.txt"};
    ev_buf one = EV_BUF_INIT, rep = EV_BUF_INIT, all = EV_BUF_INIT;
    ev_extractor *ex = NULL;
    ev_err err;
    ev_quantity_vec v = {NULL, 0, 0};
    const char *shared = getenv("EV_SHARED_DIR");
    size_t target = 100u << 20, off, figures = 0;
    struct timespec t0, t1, c0, c1;
    double sec, cpu;
    int i;

    if (!shared)
        shared = "../shared";
    if (getenv("EV_BENCH_MB")) {
        long mb = strtol(getenv("EV_BENCH_MB"), NULL, 10);
        if (mb > 0 && mb < 4096)
            target = (size_t)mb << 20;
    }
    if (argc > 1) {
        for (i = 1; i < argc; i++)
            if (add_file(&one, argv[i]))
                fprintf(stderr, "recognizer_bench: cannot read '%s'\n",
                        argv[i]);
    } else {
        for (i = 0; i < 3; i++) {
            char pat[4096];
            glob_t g;
            size_t k;
            snprintf(pat, sizeof(pat), "%s%s", shared, PATTERNS[i]);
            if (glob(pat, 0, NULL, &g) == 0) {
                for (k = 0; k < g.gl_pathc; k++)
                    add_file(&one, g.gl_pathv[k]);
                globfree(&g);
            }
        }
    }
    if (!one.len) {
        fprintf(stderr, "recognizer_bench: no text (set EV_SHARED_DIR)\n");
        return 2;
    }
    if (ev_utf8_repair(one.ptr, one.len, &rep) < 0)
        return 2;
    while (all.len < target && !all.oom)
        ev_buf_add(&all, rep.ptr, rep.len);
    if (all.oom || ev_extractor_new(&ex, &err)) {
        fprintf(stderr, "recognizer_bench: setup failed\n");
        return 2;
    }
    if (getenv("EV_BENCH_DUMP") && dump(ex, &rep, getenv("EV_BENCH_DUMP")))
        return 2;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
    for (off = 0; off < all.len;) {
        size_t n = slice_len(&all, off);
        v.n = 0;
        if (ev_numbers_scan(ex, all.ptr + off, n, NULL, 0, &v))
            return 2;
        figures += v.n;
        off += n;
    }
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    sec = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    cpu = (double)(c1.tv_sec - c0.tv_sec) + (c1.tv_nsec - c0.tv_nsec) / 1e9;
    /* CPU time is the per-core figure on a shared, loaded machine; wall
     * time includes the time other processes held the core */
    printf("recognizer: %.1f MB in %.3f s = %.1f MB/s wall, %.3f s CPU = "
           "%.1f MB/s per core (%zu figures, source %.1f MB, %zu bytes "
           "scanned)\n",
           all.len / 1e6, sec, all.len / 1e6 / sec, cpu,
           all.len / 1e6 / cpu, figures, one.len / 1e6, all.len);
    free(v.v);
    ev_extractor_free(ex);
    ev_buf_release(&one);
    ev_buf_release(&rep);
    ev_buf_release(&all);
    return 0;
}
