/*
 * Plain driver for the fuzz targets, for compilers without libFuzzer (gcc)
 * and for regression runs in CI: runs LLVMFuzzerTestOneInput once over
 * each file named on the command line, and over every regular file of
 * each folder named (recursively). Prints one summary line; a crash or
 * sanitizer report is the failure, as under libFuzzer.
 *
 * Options (before the paths): -max_len=N truncates inputs like libFuzzer;
 * other -flags are accepted and ignored so one command line serves both.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct drv {
    size_t max_len;
    size_t n_run, n_bytes;
    int failed;
} drv;

static void run_file(drv *d, const char *path)
{
    FILE *fp = fopen(path, "rb");
    unsigned char *buf = NULL;
    size_t cap = 0, len = 0, r;
    if (!fp) {
        fprintf(stderr, "fuzz driver: cannot open '%s'\n", path);
        d->failed = 1;
        return;
    }
    for (;;) {
        if (len == cap) {
            unsigned char *p;
            cap = cap ? cap * 2 : 65536;
            p = realloc(buf, cap);
            if (!p) {
                fprintf(stderr, "fuzz driver: out of memory on '%s'\n", path);
                d->failed = 1;
                free(buf);
                fclose(fp);
                return;
            }
            buf = p;
        }
        r = fread(buf + len, 1, cap - len, fp);
        if (r == 0)
            break;
        len += r;
    }
    fclose(fp);
    if (d->max_len && len > d->max_len)
        len = d->max_len;
    /* a fresh allocation of exactly len bytes lets ASan see overreads */
    {
        unsigned char *exact = malloc(len ? len : 1);
        if (exact) {
            if (len)
                memcpy(exact, buf, len);
            LLVMFuzzerTestOneInput(exact, len);
            free(exact);
        }
    }
    free(buf);
    d->n_run++;
    d->n_bytes += len;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_path(drv *d, const char *path, int depth)
{
    struct stat st;
    DIR *dir;
    struct dirent *de;
    char **names = NULL;
    size_t n = 0, cap = 0, i;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "fuzz driver: no such file or folder '%s'\n", path);
        d->failed = 1;
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        if (S_ISREG(st.st_mode))
            run_file(d, path);
        return;
    }
    if (depth > 16 || !(dir = opendir(path)))
        return;
    while ((de = readdir(dir)) != NULL) {
        size_t need;
        char *full;
        if (de->d_name[0] == '.')
            continue;
        if (n == cap) {
            char **p;
            cap = cap ? cap * 2 : 64;
            p = realloc(names, cap * sizeof(*names));
            if (!p)
                break;
            names = p;
        }
        need = strlen(path) + strlen(de->d_name) + 2;
        full = malloc(need);
        if (!full)
            break;
        snprintf(full, need, "%s/%s", path, de->d_name);
        names[n++] = full;
    }
    closedir(dir);
    if (n)
        qsort(names, n, sizeof(*names), cmp_str);
    for (i = 0; i < n; i++) {
        run_path(d, names[i], depth + 1);
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    drv d;
    int i;
    memset(&d, 0, sizeof(d));
    for (i = 1; i < argc; i++) {
        if (strncmp(argv[i], "-max_len=", 9) == 0)
            d.max_len = (size_t)strtoull(argv[i] + 9, NULL, 10);
        else if (argv[i][0] == '-' && argv[i][1] != '\0')
            continue;
        else
            run_path(&d, argv[i], 0);
    }
    printf("%s: ran %zu input(s), %zu bytes\n", argv[0], d.n_run, d.n_bytes);
    return d.failed ? 1 : 0;
}
