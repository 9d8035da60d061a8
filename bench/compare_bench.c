/*
 * compare_bench [--n N] [--figures F]: times the claim comparison on a
 * synthetic candidate set. The seed documents' claims are copied N times
 * over (each copy a new document, its words lightly varied) and:
 *   check      ev_check_figure for F draft figures against N candidates
 *              each (what `check` does per figure after preselection);
 *   checkset   the same through one ev_feat_cache: every candidate read
 *              once (read_ms), then the F comparisons (compare_ms);
 *   conflicts  ev_conflicts_find over all the copies.
 * Prints one JSON line per kind with the time in ms.
 */
#include "corpus.h"
#include "extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef EV_VEC(ev_claim) claim_vec;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec * 1e-6;
}

static int load(const ev_extractor *ex, const char *path, claim_vec *out)
{
    ev_doc doc;
    ev_err err;
    size_t k;
    ev_doc_init(&doc);
    if (ev_corpus_read(&doc, path, NULL, &err) ||
        ev_extract_doc(ex, &doc, &err)) {
        fprintf(stderr, "compare_bench: %s: %s\n", path, err.msg);
        ev_doc_release(&doc);
        return -1;
    }
    for (k = 0; k < doc.claims.n; k++) {
        ev_claim *c = ev_vec_push(out);
        if (!c || ev_claim_copy(c, &doc.claims.v[k]))
            return -1;
        free(c->doc);
        c->doc = ev_strdup(doc.name ? doc.name : path);
    }
    ev_doc_release(&doc);
    return 0;
}

int main(int argc, char **argv)
{
    static const char *const seeds[] = {
        "000_7b40eee1b7c376cd.txt", "001_234ade4c56047fd2.txt",
        "002_5f8320005d233d63.txt", "003_b31458c1ba93cc4c.txt",
        "004_35db4e2c9c51291d.txt"};
    /* the seeds beside the repository; EV_SEEDS_DIR overrides */
    const char *dir = getenv("EV_SEEDS_DIR") ? getenv("EV_SEEDS_DIR")
                                             : "../shared/corpus/seeds";
    ev_extractor *ex = NULL;
    ev_synonyms *syn = NULL;
    ev_err err;
    claim_vec base = {NULL, 0, 0}, big = {NULL, 0, 0};
    ev_group_vec groups = {NULL, 0, 0};
    size_t n = 500, n_fig = 40, i, k;
    char path[1024];
    double t0;
    int a;
    for (a = 1; a < argc; a++) {
        if (!strcmp(argv[a], "--n") && a + 1 < argc)
            n = (size_t)strtoul(argv[++a], NULL, 10);
        else if (!strcmp(argv[a], "--figures") && a + 1 < argc)
            n_fig = (size_t)strtoul(argv[++a], NULL, 10);
        else if (!strcmp(argv[a], "--dir") && a + 1 < argc)
            dir = argv[++a];
    }
    ev_corpus_global_init();
    if (ev_extractor_new(&ex, &err) || ev_synonyms_load(&syn, NULL, &err)) {
        fprintf(stderr, "compare_bench: %s\n", err.msg);
        return 2;
    }
    for (i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
        snprintf(path, sizeof(path), "%s/%s", dir, seeds[i]);
        if (load(ex, path, &base))
            return 2;
    }
    if (!base.n)
        return 2;
    /* copies: a new document each, one word of the sentence varied */
    for (i = 0; big.n < n; i++) {
        const ev_claim *src = &base.v[i % base.n];
        ev_claim *c = ev_vec_push(&big);
        char name[64];
        if (!c || ev_claim_copy(c, src))
            return 2;
        snprintf(name, sizeof(name), "copy%zu", i / base.n);
        free(c->doc);
        c->doc = ev_strdup(name);
        if (c->sentence && strlen(c->sentence) > 8) {
            size_t at = (i * 7919) % (strlen(c->sentence) - 4);
            if (c->sentence[at] >= 'a' && c->sentence[at] <= 'y')
                c->sentence[at]++;
        }
    }
    t0 = now_ms();
    for (k = 0; k < n_fig; k++) {
        ev_check_result r;
        if (ev_check_figure(ex, syn, &base.v[k % base.n], big.v, big.n, &r))
            return 2;
        ev_check_result_release(&r);
    }
    printf("{\"kind\":\"check\",\"candidates\":%zu,\"figures\":%zu,"
           "\"ms\":%.1f}\n",
           big.n, n_fig, now_ms() - t0);
    {
        ev_feat_cache *cache = NULL;
        double t1;
        t0 = now_ms();
        if (ev_feat_cache_new(&cache, syn) ||
            ev_feat_cache_add(cache, big.v, big.n))
            return 2;
        t1 = now_ms();
        for (k = 0; k < n_fig; k++) {
            ev_check_result r;
            if (ev_check_figure_cached(cache, &base.v[k % base.n], big.v,
                                       big.n, &r))
                return 2;
            ev_check_result_release(&r);
        }
        ev_feat_cache_free(cache);
        printf("{\"kind\":\"checkset\",\"candidates\":%zu,\"figures\":%zu,"
               "\"read_ms\":%.1f,\"compare_ms\":%.1f}\n",
               big.n, n_fig, t1 - t0, now_ms() - t1);
    }
    t0 = now_ms();
    if (ev_conflicts_find(ex, syn, big.v, big.n, 1, &groups))
        return 2;
    printf("{\"kind\":\"conflicts\",\"claims\":%zu,\"groups\":%zu,"
           "\"ms\":%.1f}\n",
           big.n, groups.n, now_ms() - t0);
    ev_group_vec_release(&groups);
    for (i = 0; i < base.n; i++)
        ev_claim_release(&base.v[i]);
    for (i = 0; i < big.n; i++)
        ev_claim_release(&big.v[i]);
    free(base.v);
    free(big.v);
    ev_synonyms_free(syn);
    ev_extractor_free(ex);
    ev_corpus_global_cleanup();
    return 0;
}
