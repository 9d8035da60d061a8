/*
 * Benchmark of the body compressor (common/ev_lz.h): reads the files
 * named on the command line (a folder stands for every regular file in
 * it), packs each one as its own frame, unpacks and compares, and prints
 * total raw bytes, frame bytes, ratio, pack and unpack MB/s, and how many
 * frames took each method. Speeds are per second of the thread's CPU
 * time (best of the rounds), so other load on the machine skews them
 * less than wall time would.
 *
 * usage: lz_bench [-m MASK] [-r ROUNDS] [-o DIR] PATH...
 *   -m  methods tried: 2 = method 1 only, 4 = method 2 only, 6 = both
 *       (default); add 0x100 (EV_LZ_THOROUGH) for the optimal parse
 *   -r  timing rounds (default 3; the best round counts)
 *   -o  also write each frame to DIR/<n>.lz (fuzz/seeds.sh uses it)
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "ev_lz.h"

typedef struct body {
    unsigned char *raw, *frame, *out;
    size_t raw_len, frame_len;
} body;

typedef EV_VEC(body) body_vec;

static int load(body_vec *v, const char *path)
{
    FILE *fp = fopen(path, "rb");
    ev_buf b = EV_BUF_INIT;
    char chunk[65536];
    size_t r;
    body *x;
    if (!fp) {
        fprintf(stderr, "lz_bench: cannot open '%s'\n", path);
        return -1;
    }
    while ((r = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        ev_buf_add(&b, chunk, r);
    fclose(fp);
    x = ev_vec_push(v);
    if (b.oom || !x) {
        ev_buf_release(&b);
        return -1;
    }
    x->raw_len = b.len;
    x->raw = (unsigned char *)ev_buf_detach(&b);
    x->frame = malloc(ev_lz_bound(x->raw_len));
    x->out = malloc(x->raw_len + 1);
    return x->frame && x->out ? 0 : -1;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_path(body_vec *v, const char *path)
{
    struct stat st;
    DIR *d;
    struct dirent *de;
    EV_VEC(char *) names = {NULL, 0, 0};
    size_t i;
    int rc = 0;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "lz_bench: no such file or folder '%s'\n", path);
        return -1;
    }
    if (!S_ISDIR(st.st_mode))
        return load(v, path);
    d = opendir(path);
    if (!d)
        return -1;
    while ((de = readdir(d)) != NULL) {
        char **slot;
        ev_buf full = EV_BUF_INIT;
        if (de->d_name[0] == '.')
            continue;
        ev_buf_printf(&full, "%s/%s", path, de->d_name);
        if (stat(full.ptr, &st) != 0 || !S_ISREG(st.st_mode) ||
            !(slot = ev_vec_push(&names))) {
            ev_buf_release(&full);
            continue;
        }
        *slot = ev_buf_detach(&full);
    }
    closedir(d);
    if (names.n)
        qsort(names.v, names.n, sizeof(*names.v), cmp_str);
    for (i = 0; i < names.n; i++) {
        if (!rc && load(v, names.v[i]))
            rc = -1;
        free(names.v[i]);
    }
    free(names.v);
    return rc;
}

static int write_frame(const char *dir, size_t k, const body *b)
{
    ev_buf path = EV_BUF_INIT;
    FILE *fp;
    int rc = -1;
    ev_buf_printf(&path, "%s/%zu.lz", dir, k);
    fp = path.oom ? NULL : fopen(path.ptr, "wb");
    if (fp) {
        if (fwrite(b->frame, 1, b->frame_len, fp) == b->frame_len)
            rc = 0;
        if (fclose(fp) != 0)
            rc = -1;
    }
    if (rc)
        fprintf(stderr, "lz_bench: cannot write '%s'\n",
                path.ptr ? path.ptr : dir);
    ev_buf_release(&path);
    return rc;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    body_vec v = {NULL, 0, 0};
    ev_lz_packer *pk = ev_lz_packer_new();
    unsigned mask = 1u << EV_LZ_LZ77 | 1u << EV_LZ_HUFF;
    const char *out_dir = NULL;
    int rounds = 3, i, r, rc = 0;
    size_t k, raw = 0, packed = 0, n_method[3] = {0, 0, 0};
    double best_pack = 1e30, best_unpack = 1e30;
    if (!pk)
        return 2;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-m") == 0 && i + 1 < argc)
            mask = (unsigned)strtoul(argv[++i], NULL, 0);
        else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            out_dir = argv[++i];
        else if (strcmp(argv[i], "-r") == 0 && i + 1 < argc)
            rounds = (int)strtol(argv[++i], NULL, 10);
        else if (load_path(&v, argv[i]))
            return 2;
    }
    if (rounds < 1)
        rounds = 1;
    if (!v.n) {
        fprintf(stderr,
                "usage: lz_bench [-m MASK] [-r ROUNDS] [-o DIR] PATH...\n");
        return 2;
    }
    for (r = 0; r < rounds; r++) {
        double t0 = now(), t1;
        for (k = 0; k < v.n; k++) {
            body *b = &v.v[k];
            b->frame_len = ev_lz_pack_with(pk, b->raw, b->raw_len, b->frame,
                                           ev_lz_bound(b->raw_len), mask);
        }
        t1 = now();
        if (t1 - t0 < best_pack)
            best_pack = t1 - t0;
        t0 = now();
        for (k = 0; k < v.n; k++) {
            body *b = &v.v[k];
            if (ev_lz_unpack(b->frame, b->frame_len, b->out, b->raw_len))
                rc = 1;
        }
        t1 = now();
        if (t1 - t0 < best_unpack)
            best_unpack = t1 - t0;
    }
    for (k = 0; k < v.n; k++) {
        body *b = &v.v[k];
        int m = 0;
        size_t len = 0;
        if (b->frame_len == 0 ||
            memcmp(b->out, b->raw, b->raw_len) != 0 ||
            ev_lz_frame_info(b->frame, b->frame_len, &len, &m) ||
            len != b->raw_len) {
            fprintf(stderr, "lz_bench: round trip failed on body %zu\n", k);
            rc = 1;
        }
        n_method[m]++;
        if (out_dir && write_frame(out_dir, k, b))
            rc = 1;
        raw += b->raw_len;
        packed += b->frame_len;
        free(b->raw);
        free(b->frame);
        free(b->out);
    }
    printf("lz: %zu bodies, raw %zu bytes, frames %zu bytes, ratio %.3fx, "
           "pack %.1f MB/s, unpack %.1f MB/s (methods: stored %zu, lz77 %zu, "
           "huff %zu)%s\n",
           v.n, raw, packed, packed ? (double)raw / (double)packed : 0.0,
           (double)raw / 1e6 / best_pack, (double)raw / 1e6 / best_unpack,
           n_method[0], n_method[1], n_method[2],
           rc ? " ROUND TRIP FAILED" : "");
    free(v.v);
    ev_lz_packer_free(pk);
    return rc;
}
