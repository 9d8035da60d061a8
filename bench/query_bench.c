/*
 * query_bench: query latency measured in process through the library
 * (no process start-up), over queries drawn from the index itself so they
 * hit real figures, words and subjects:
 *   search     two words of a claim's sentence (FTS5 over passages)
 *   sources    a claim's figure, as a user would type it
 *   conflicts  --about one or two words of a claim's subject
 *   check      a 2-page draft (~5,500 bytes, sentences of indexed claims)
 *   sources74  the fixed figure '74.5%' (compared with grep over files)
 * Queries are picked with a seeded generator, so a run is repeatable.
 * Prints one JSON line per kind (n, p50/p95/mean/max in ms, answers) and
 * one with the peak RSS.
 *
 * Each kind stops early when it has used --budget seconds (default 300;
 * its line then says how many queries ran).
 *
 * Usage: query_bench --db FILE [--n N] [--seed S] [--kinds LIST]
 *                    [--budget SEC] [--draft-out FILE]
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "indexer.h"

#define DRAFT_BYTES 5500

typedef struct rng {
    uint64_t s;
} rng;

static uint64_t next(rng *r)
{
    /* splitmix64 */
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec * 1e-6;
}

/* CPU time of this process: on a shared, loaded machine wall time moves
 * with other people's work; CPU time is the stable comparison. */
static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec * 1e-6;
}

typedef EV_VEC(int64_t) id_vec;
typedef EV_VEC(double) dbl_vec;

static int on_doc(void *ctx, const ev_doc_row *row)
{
    id_vec *v = ctx;
    int64_t *p = ev_vec_push(v);
    if (!p)
        return EV_ENOMEM;
    *p = row->id;
    return 0;
}

/* The claims of one document (copied). */
static int on_claim(void *ctx, const ev_claim *c)
{
    ev_claim_vec *v = ctx;
    ev_claim *p = ev_vec_push(v);
    if (!p)
        return EV_ENOMEM;
    if (ev_claim_copy(p, c)) {
        v->n--;
        return EV_ENOMEM;
    }
    return 0;
}

static int on_hit(void *ctx, const ev_hit *h)
{
    (void)h;
    (*(size_t *)ctx)++;
    return 0;
}

/* Copies the k-th word (ASCII letters, at least min_len) of s into out;
 * returns 0 when there is none. */
static int nth_word(const char *s, int k, size_t min_len, char *out,
                    size_t cap)
{
    int seen = 0;
    while (s && *s) {
        const char *b;
        while (*s && !isalpha((unsigned char)*s))
            s++;
        b = s;
        while (isalpha((unsigned char)*s))
            s++;
        if ((size_t)(s - b) >= min_len && (size_t)(s - b) < cap) {
            if (seen++ == k) {
                memcpy(out, b, (size_t)(s - b));
                out[s - b] = 0;
                return 1;
            }
        }
    }
    return 0;
}

static int count_words(const char *s, size_t min_len)
{
    char w[64];
    int n = 0;
    while (nth_word(s, n, min_len, w, sizeof(w)))
        n++;
    return n;
}

typedef struct query_set {
    ev_strvec search, figure, about, draft;
} query_set;

/* A random claim of a random document, or NULL; *pool is reused. */
static const ev_claim *pick_claim(ev_index *idx, const id_vec *docs, rng *r,
                                  ev_claim_vec *pool, ev_err *err)
{
    int tries;
    for (tries = 0; tries < 20; tries++) {
        ev_claim_filter f;
        size_t i;
        for (i = 0; i < pool->n; i++)
            ev_claim_release(&pool->v[i]);
        pool->n = 0;
        memset(&f, 0, sizeof(f));
        f.doc_id = docs->v[next(r) % docs->n];
        f.limit = 200;
        if (ev_index_claims(idx, &f, on_claim, pool, err))
            return NULL;
        if (pool->n) {
            const ev_claim *c = &pool->v[next(r) % pool->n];
            if (c->sentence && c->surface && *c->surface)
                return c;
        }
    }
    return NULL;
}

static int build_queries(ev_index *idx, const id_vec *docs, int n, rng *r,
                         query_set *q, ev_err *err)
{
    ev_claim_vec pool = {0};
    ev_buf draft = EV_BUF_INIT;
    int i, guard = 0, rc = 0;
    while ((int)q->search.n < n || (int)q->figure.n < n ||
           (int)q->about.n < n) {
        const ev_claim *c = pick_claim(idx, docs, r, &pool, err);
        char w1[64], w2[64], buf[160];
        int nw;
        if (!c || ++guard > 50 * n)
            break;
        if ((int)q->figure.n < n)
            ev_strvec_push(&q->figure, c->surface, strlen(c->surface));
        nw = count_words(c->sentence, 4);
        if ((int)q->search.n < n && nw >= 2) {
            int a = (int)(next(r) % (uint64_t)nw), b;
            b = (a + 1 + (int)(next(r) % (uint64_t)(nw - 1))) % nw;
            nth_word(c->sentence, a, 4, w1, sizeof(w1));
            nth_word(c->sentence, b, 4, w2, sizeof(w2));
            snprintf(buf, sizeof(buf), "%s %s", w1, w2);
            ev_strvec_push(&q->search, buf, strlen(buf));
        }
        nw = count_words(c->subject, 4);
        if ((int)q->about.n < n && nw >= 1) {
            nth_word(c->subject, (int)(next(r) % (uint64_t)nw), 4, w1,
                     sizeof(w1));
            ev_strvec_push(&q->about, w1, strlen(w1));
        }
    }
    /* Drafts: paragraphs of indexed claims' sentences, ~2 pages each. */
    for (i = 0; i < n && !rc; i++) {
        int in_par = 0;
        ev_buf_clear(&draft);
        ev_buf_puts(&draft, "# Draft\n\n");
        while (draft.len < DRAFT_BYTES) {
            const ev_claim *c = pick_claim(idx, docs, r, &pool, err);
            if (!c) {
                rc = EV_ERROR;
                break;
            }
            ev_buf_puts(&draft, c->sentence);
            if (++in_par == 4) {
                ev_buf_puts(&draft, "\n\n");
                in_par = 0;
            } else {
                ev_buf_putc(&draft, ' ');
            }
        }
        if (!rc)
            ev_strvec_push(&q->draft, draft.ptr, draft.len);
    }
    for (i = 0; i < (int)pool.n; i++)
        ev_claim_release(&pool.v[i]);
    free(pool.v);
    ev_buf_release(&draft);
    return rc;
}

static int cmp_dbl(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Wall times t and CPU times tc of one kind's queries (same order). */
static void report(const char *kind, dbl_vec *t, dbl_vec *tc, double answers)
{
    size_t n = t->n, i;
    double sum = 0;
    if (!n) {
        printf("{\"kind\":\"%s\",\"n\":0}\n", kind);
        return;
    }
    qsort(t->v, n, sizeof(double), cmp_dbl);
    qsort(tc->v, n, sizeof(double), cmp_dbl);
    for (i = 0; i < n; i++)
        sum += t->v[i];
    printf("{\"kind\":\"%s\",\"n\":%zu,\"p50_ms\":%.3f,\"p95_ms\":%.3f,"
           "\"mean_ms\":%.3f,\"max_ms\":%.3f,\"p50_cpu_ms\":%.3f,"
           "\"p95_cpu_ms\":%.3f,\"mean_answers\":%.1f}\n",
           kind, n, t->v[(n - 1) / 2], t->v[(n * 95 + 99) / 100 - 1],
           sum / (double)n, t->v[n - 1], tc->v[(n - 1) / 2],
           tc->v[(n * 95 + 99) / 100 - 1], answers / (double)n);
    fflush(stdout);
}

static int want(const char *kinds, const char *k)
{
    const char *p = kinds;
    size_t n = strlen(k);
    if (!kinds)
        return 1;
    while ((p = strstr(p, k)) != NULL) {
        if ((p == kinds || p[-1] == ',') && (p[n] == 0 || p[n] == ','))
            return 1;
        p += n;
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *db = NULL, *kinds = NULL, *draft_out = NULL;
    int n = 200, i, rc = 2;
    double budget_ms = 300e3, k0;
    /* EV_BENCH_SLOW_MS=N: print each sources query of N ms CPU or more */
    double slow_ms = getenv("EV_BENCH_SLOW_MS")
                         ? atof(getenv("EV_BENCH_SLOW_MS")) : -1;
    rng r = {7};
    ev_err err = {0, ""};
    ev_extractor *ex = NULL;
    ev_synonyms *syn = NULL;
    ev_index *idx = NULL;
    id_vec docs = {0};
    query_set q;
    dbl_vec t = {0}, tc = {0};
    struct rusage ru;
    double t0, answers;

    memset(&q, 0, sizeof(q));
    for (i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--db") == 0)
            db = argv[i + 1];
        else if (strcmp(argv[i], "--n") == 0)
            n = (int)strtol(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--seed") == 0)
            r.s = strtoull(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--kinds") == 0)
            kinds = argv[i + 1];
        else if (strcmp(argv[i], "--budget") == 0)
            budget_ms = strtod(argv[i + 1], NULL) * 1e3;
        else if (strcmp(argv[i], "--draft-out") == 0)
            draft_out = argv[i + 1];
        else
            break;
    }
    if (!db || i < argc || n < 1) {
        fprintf(stderr, "usage: query_bench --db FILE [--n N] [--seed S] "
                        "[--kinds search,sources,conflicts,check,sources74] "
                        "[--draft-out FILE]\n");
        return 2;
    }
    ev_corpus_global_init();
    if (ev_extractor_new(&ex, &err) || ev_synonyms_load(&syn, NULL, &err) ||
        ev_index_open(&idx, db, EV_INDEX_READONLY, &err) ||
        ev_index_docs(idx, on_doc, &docs, &err))
        goto fail;
    if (!docs.n) {
        fprintf(stderr, "query_bench: the index is empty\n");
        goto done;
    }
    t0 = now_ms();
    if (build_queries(idx, &docs, n, &r, &q, &err))
        goto fail;
    fprintf(stderr, "query_bench: %zu docs; queries built in %.0f ms\n",
            docs.n, now_ms() - t0);
    if (draft_out && q.draft.n) {
        FILE *f = fopen(draft_out, "w");
        if (f) {
            fputs(q.draft.v[0], f);
            fclose(f);
        }
    }

    if (want(kinds, "search")) {
        answers = 0;
        k0 = now_ms();
        for (i = 0; i < (int)q.search.n && now_ms() - k0 < budget_ms; i++) {
            size_t hits = 0;
            double a = now_ms(), ac = cpu_ms();
            if (ev_index_search(idx, q.search.v[i], 20, "[", "]", on_hit,
                                &hits, &err))
                goto fail;
            *(double *)ev_vec_push(&t) = now_ms() - a;
            *(double *)ev_vec_push(&tc) = cpu_ms() - ac;
            answers += (double)hits;
        }
        report("search", &t, &tc, answers);
        t.n = tc.n = 0;
    }
    if (want(kinds, "sources") || want(kinds, "sources74")) {
        int k;
        for (k = 0; k < 2; k++) {
            const char *kind = k ? "sources74" : "sources";
            if (!want(kinds, kind))
                continue;
            answers = 0;
            k0 = now_ms();
            for (i = 0; i < (int)q.figure.n && now_ms() - k0 < budget_ms;
                 i++) {
                ev_source_vec hits = {0};
                ev_quantity fig;
                double a = now_ms(), ac = cpu_ms();
                rc = ev_sources(idx, ex, k ? "74.5%" : q.figure.v[i], NULL,
                                -1, 50, &fig, &hits, &err);
                double used = cpu_ms() - ac;
                *(double *)ev_vec_push(&t) = now_ms() - a;
                *(double *)ev_vec_push(&tc) = used;
                if (slow_ms >= 0 && used >= slow_ms)
                    fprintf(stderr, "slow %s: %.1f ms CPU, %zu answers: %s\n",
                            kind, used, hits.n, k ? "74.5%" : q.figure.v[i]);
                answers += (double)hits.n;
                ev_source_vec_release(&hits);
                /* a surface the recogniser does not re-read alone is
                 * answered with an error: count it, it is still timed */
                if (rc && rc != EV_EINVALID && rc != EV_ENOTFOUND)
                    goto fail;
            }
            report(kind, &t, &tc, answers);
            t.n = tc.n = 0;
        }
    }
    if (want(kinds, "conflicts")) {
        answers = 0;
        k0 = now_ms();
        for (i = 0; i < (int)q.about.n && now_ms() - k0 < budget_ms; i++) {
            ev_claim_vec claims = {0};
            ev_group_vec groups = {0};
            double a = now_ms(), ac = cpu_ms();
            /* a word too broad is refused at once (EV_ELIMIT): that is
             * the answer a user gets, so it is timed like the others */
            int crc = ev_conflicts(idx, ex, syn, q.about.v[i], 1, 0, &claims,
                                   &groups, &err);
            if (crc && crc != EV_ELIMIT)
                goto fail;
            *(double *)ev_vec_push(&t) = now_ms() - a;
            *(double *)ev_vec_push(&tc) = cpu_ms() - ac;
            answers += (double)groups.n;
            ev_group_vec_release(&groups);
            ev_claim_vec_release(&claims);
        }
        report("conflicts", &t, &tc, answers);
        t.n = tc.n = 0;
    }
    if (want(kinds, "check")) {
        answers = 0;
        k0 = now_ms();
        for (i = 0; i < (int)q.draft.n && now_ms() - k0 < budget_ms; i++) {
            ev_draft_vec out = {0};
            double a = now_ms(), ac = cpu_ms();
            if (ev_check_text(idx, ex, syn, "draft.md", q.draft.v[i],
                              strlen(q.draft.v[i]), &out, &err))
                goto fail;
            *(double *)ev_vec_push(&t) = now_ms() - a;
            *(double *)ev_vec_push(&tc) = cpu_ms() - ac;
            answers += (double)out.n;
            ev_draft_vec_release(&out);
        }
        report("check", &t, &tc, answers);
        t.n = tc.n = 0;
    }
    getrusage(RUSAGE_SELF, &ru);
    printf("{\"kind\":\"rss\",\"maxrss_kb\":%ld}\n", ru.ru_maxrss);
    rc = 0;
    goto done;
fail:
    fprintf(stderr, "query_bench: %s\n", err.msg);
    rc = 2;
done:
    free(t.v);
    free(tc.v);
    free(docs.v);
    ev_strvec_release(&q.search);
    ev_strvec_release(&q.figure);
    ev_strvec_release(&q.about);
    ev_strvec_release(&q.draft);
    ev_index_free(idx);
    ev_synonyms_free(syn);
    ev_extractor_free(ex);
    ev_corpus_global_cleanup();
    return rc;
}
