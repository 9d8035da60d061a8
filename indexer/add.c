/*
 * The ingest pipeline. The calling thread walks the paths and decides,
 * from each file's size and mtime against the index, which files need
 * work; worker threads read, parse and extract those (a worker that finds
 * the content hash unchanged skips extraction); the calling thread is the
 * one writer: it takes results in walk order (so a parallel run writes
 * exactly what a serial run writes) and stores them in batch
 * transactions, one savepoint per document.
 */
#include "indexer.h"

#include <errno.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif
#include <time.h>
#include <unistd.h>

/* Batch limits: commit after this many documents, bytes of text or
 * seconds. A batch's full-text rows go in at its commit, a stretch in
 * which the writer takes no result: a batch well under the workers'
 * window (below) lets them work through it instead of filling the window
 * and waiting. On the 1 GB bench corpus, 256 documents / 48 MB took 97 s,
 * 64 / 12 MB 84 s, and 32 / 6 MB 96 s (more, smaller FTS segments). */
#define BATCH_DOCS 64
#define BATCH_BYTES (12u * 1024u * 1024u)
#define BATCH_SEC 2.0

/* Results the workers may hold ahead of the writer: always jobs * 2 + 2,
 * up to WINDOW_DOCS while their files total at most WINDOW_BYTES. */
#define WINDOW_DOCS 128
#define WINDOW_BYTES (64u * 1024u * 1024u)
/* Workers' nice value, above the writer's (see worker). */
#define WORKER_NICE 5

typedef struct job {
    char *path;
    int64_t mtime_ns;
    int64_t size;
    int known;        /* in the index already */
    int64_t old_id;
    uint64_t old_hash;
    /* result */
    int done;
    int status;       /* EV_ADD_* */
    int rc;
    ev_err err;
    ev_doc doc;
    ev_buf frame;     /* doc's text packed for the index */
    ev_index_tokens *toks; /* its full-text tokens (NULL: the writer's) */
    double cpu_parse, cpu_extract, cpu_pack;
} job;

typedef EV_VEC(job) job_vec;

typedef struct pipeline {
    ev_index *idx;
    const ev_extractor *ex;
    const ev_add_opts *opts;
    job_vec jobs;
    size_t next_job;     /* next to hand to a worker */
    size_t next_write;   /* next the writer stores */
    size_t window;       /* results a worker may always be ahead of the
                            writer by */
    size_t window_max;   /* and at most, while ahead_bytes allows */
    uint64_t ahead_bytes; /* source bytes of jobs taken, not yet written */
    int quit;
    pthread_mutex_t mu;
    pthread_cond_t job_done;
    pthread_cond_t slot_free;
} pipeline;

static double now_sec(clockid_t clk)
{
    struct timespec ts;
    clock_gettime(clk, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int64_t mtime_of(const struct stat *st)
{
    return (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
}

static int stopping(const ev_add_opts *o)
{
    return o->stop && *o->stop;
}

/* ---- walking ---- */

typedef struct walk_ctx {
    pipeline *p;
    ev_add_stats *stats;
    int oom;
} walk_ctx;

static void report(const ev_add_opts *o, const char *path, int status,
                   const char *msg)
{
    if (o->report)
        o->report(o->ctx, path, status, msg);
}

static void on_walk_error(void *vctx, const char *path, const char *msg)
{
    walk_ctx *w = vctx;
    w->stats->failed++;
    report(w->p->opts, path, EV_ADD_FAILED, msg);
}

static int on_file(void *vctx, const char *path)
{
    walk_ctx *w = vctx;
    pipeline *p = w->p;
    struct stat st;
    ev_doc_state state;
    char *abs;
    job *j;
    int rc;
    if (stopping(p->opts))
        return 1;
    abs = realpath(path, NULL);
    if (!abs || stat(abs, &st) != 0) {
        free(abs);
        on_walk_error(w, path, strerror(errno));
        return 0;
    }
    /* the same file named twice in one batch is indexed once */
    {
        size_t i;
        for (i = p->jobs.n; i-- > 0 && i + 64 >= p->jobs.n;)
            if (strcmp(p->jobs.v[i].path, abs) == 0) {
                free(abs);
                return 0;
            }
    }
    rc = ev_index_doc_state(p->idx, abs, &state, NULL);
    if (rc == 0 && !p->opts->force && state.size == (int64_t)st.st_size &&
        state.mtime_ns == mtime_of(&st)) {
        w->stats->unchanged++;
        free(abs);
        return 0;
    }
    j = ev_vec_push(&p->jobs);
    if (!j) {
        free(abs);
        w->oom = 1;
        return 1;
    }
    j->path = abs;
    j->mtime_ns = mtime_of(&st);
    j->size = (int64_t)st.st_size;
    j->known = rc == 0;
    j->old_id = rc == 0 ? state.id : 0;
    j->old_hash = rc == 0 ? state.hash : 0;
    ev_doc_init(&j->doc);
    return 0;
}

/* ---- workers ---- */

/* What a thread prepares documents for the index with (made when first
 * needed). */
typedef struct prep_tools {
    ev_lz_packer *pk;
    ev_index_tokenizer *tk;
    int tk_failed; /* no tokenizer: the writer tokenizes */
} prep_tools;

static void prep_tools_free(prep_tools *t)
{
    ev_lz_packer_free(t->pk);
    ev_index_tokenizer_free(t->tk);
    memset(t, 0, sizeof(*t));
}

/* Packs job j's text and tokenizes it for the index (j->rc: whether
 * it could be packed). */
static void prepare(job *j, prep_tools *t)
{
    if (!t->pk)
        t->pk = ev_lz_packer_new();
    j->rc = t->pk ? ev_index_pack_text(t->pk, &j->doc, &j->frame, &j->err)
                  : ev_err_set(&j->err, EV_ENOMEM, "out of memory");
    if (j->rc)
        return;
    if (!t->tk && !t->tk_failed)
        t->tk_failed = ev_index_tokenizer_new(&t->tk, NULL) != 0;
    /* tokens only save the writer work: without them it tokenizes */
    if (t->tk && ev_index_tokenize(t->tk, &j->doc, &j->toks, NULL))
        j->toks = NULL;
}

/* Reads, extracts and prepares job j (t: this thread's tools). */
static void run_job(pipeline *p, job *j, prep_tools *t)
{
    double t0 = now_sec(CLOCK_THREAD_CPUTIME_ID), t1;
    j->rc = ev_corpus_read(&j->doc, j->path, &p->opts->corpus, &j->err);
    t1 = now_sec(CLOCK_THREAD_CPUTIME_ID);
    j->cpu_parse = t1 - t0;
    if (j->rc) {
        j->status = EV_ADD_FAILED;
        ev_doc_release(&j->doc);
        return;
    }
    if (j->known && !p->opts->force && j->doc.hash == j->old_hash) {
        j->status = EV_ADD_UNCHANGED;
        ev_doc_release(&j->doc);
        return;
    }
    j->rc = ev_extract_doc(p->ex, &j->doc, &j->err);
    t0 = now_sec(CLOCK_THREAD_CPUTIME_ID);
    j->cpu_extract = t0 - t1;
    if (!j->rc)
        prepare(j, t);
    j->cpu_pack = now_sec(CLOCK_THREAD_CPUTIME_ID) - t0;
    if (j->rc) {
        j->status = EV_ADD_FAILED;
        ev_doc_release(&j->doc);
        ev_buf_release(&j->frame);
        return;
    }
    j->status = j->known ? EV_ADD_UPDATED : EV_ADD_ADDED;
}

/* Whether a worker may take the next job (p->mu held): the workers run
 * ahead of the writer through its commits (a batch's full-text rows go
 * in at commit, seconds in which the writer takes no result), within a
 * bound on what the results in flight hold. */
static int may_take(const pipeline *p)
{
    size_t ahead = p->next_job - p->next_write;
    if (ahead < p->window)
        return 1;
    return ahead < p->window_max &&
           p->ahead_bytes + (uint64_t)p->jobs.v[p->next_job].size <=
               WINDOW_BYTES;
}

static void *worker(void *arg)
{
    pipeline *p = arg;
    prep_tools tools = {0};
#ifdef __linux__
    /* The writer is the pipeline's narrowest stage: with as many
     * workers as cores, it keeps a core to itself (Linux threads have
     * a nice value each; failing to set it changes only timing). */
    (void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), WORKER_NICE);
#endif
    pthread_mutex_lock(&p->mu);
    for (;;) {
        size_t i;
        while (!p->quit && p->next_job < p->jobs.n && !may_take(p))
            pthread_cond_wait(&p->slot_free, &p->mu);
        if (p->quit || p->next_job >= p->jobs.n)
            break;
        i = p->next_job++;
        p->ahead_bytes += (uint64_t)p->jobs.v[i].size;
        pthread_mutex_unlock(&p->mu);
        if (!stopping(p->opts))
            run_job(p, &p->jobs.v[i], &tools);
        else
            p->jobs.v[i].status = -1; /* not done: interrupted */
        pthread_mutex_lock(&p->mu);
        p->jobs.v[i].done = 1;
        pthread_cond_broadcast(&p->job_done);
    }
    pthread_mutex_unlock(&p->mu);
    prep_tools_free(&tools);
    return NULL;
}

/* ---- the writer ---- */

static int write_job(pipeline *p, job *j, ev_add_stats *s, ev_err *err)
{
    const ev_add_opts *o = p->opts;
    int replaced = 0, rc;
    s->cpu_parse += j->cpu_parse;
    s->cpu_extract += j->cpu_extract;
    s->cpu_pack += j->cpu_pack;
    switch (j->status) {
    case EV_ADD_FAILED:
        s->failed++;
        report(o, j->path, EV_ADD_FAILED, j->err.msg);
        return 0;
    case EV_ADD_UNCHANGED:
        s->unchanged++;
        return ev_index_touch_doc(p->idx, j->old_id, j->mtime_ns, err);
    case EV_ADD_ADDED:
    case EV_ADD_UPDATED:
        break;
    default:
        s->interrupted = 1;
        return 0;
    }
    {
        double t0 = now_sec(CLOCK_THREAD_CPUTIME_ID);
        rc = ev_index_put_doc_frame(p->idx, &j->doc, j->frame.ptr,
                                    j->frame.len, j->toks, j->mtime_ns,
                                    &replaced, err);
        s->cpu_index += now_sec(CLOCK_THREAD_CPUTIME_ID) - t0;
    }
    if (rc) {
        /* A document the index refuses is this file's failure unless the
         * index itself is unusable (busy, full, read-only). */
        if (rc == EV_EBUSY || rc == EV_EDB)
            return rc;
        s->failed++;
        report(o, j->path, EV_ADD_FAILED, err->msg);
        return 0;
    }
    if (j->doc.n_repaired > 0) {
        char msg[128];
        snprintf(msg, sizeof(msg),
                 "invalid UTF-8: %ld byte(s) replaced with U+FFFD",
                 j->doc.n_repaired);
        report(o, j->path, EV_ADD_WARNING, msg);
    }
    if (replaced)
        s->updated++;
    else
        s->added++;
    s->bytes += j->doc.source_size;
    s->text_bytes += j->doc.text_len;
    s->claims += j->doc.claims.n;
    s->passages += j->doc.blocks.n;
    return 0;
}

/* ---- pruning ---- */

typedef struct prune_ctx {
    ev_strvec gone;
} prune_ctx;

static int on_indexed_path(void *vctx, const char *path)
{
    prune_ctx *pc = vctx;
    struct stat st;
    if (stat(path, &st) != 0 && (errno == ENOENT || errno == ENOTDIR))
        return ev_strvec_push(&pc->gone, path, strlen(path));
    return 0;
}

/* Removes the documents under each folder of paths whose files no longer
 * exist, in the current batch. */
static int prune(ev_index *idx, const char *const *paths, size_t n_paths,
                 ev_add_stats *stats, ev_err *err)
{
    prune_ctx pc;
    size_t i, k;
    int rc = 0;
    memset(&pc, 0, sizeof(pc));
    for (i = 0; i < n_paths && !rc; i++) {
        struct stat st;
        char *abs;
        ev_buf prefix = EV_BUF_INIT;
        if (stat(paths[i], &st) != 0 || !S_ISDIR(st.st_mode))
            continue;
        abs = realpath(paths[i], NULL);
        if (!abs)
            continue;
        ev_buf_puts(&prefix, abs);
        if (prefix.len && prefix.ptr[prefix.len - 1] != '/')
            ev_buf_putc(&prefix, '/');
        free(abs);
        if (prefix.oom) {
            ev_buf_release(&prefix);
            rc = ev_err_set(err, EV_ENOMEM, "out of memory");
            break;
        }
        rc = ev_index_doc_paths(idx, prefix.ptr, on_indexed_path, &pc, err);
        ev_buf_release(&prefix);
    }
    if (!rc && pc.gone.n)
        rc = ev_index_begin(idx, err);
    for (k = 0; !rc && k < pc.gone.n; k++) {
        rc = ev_index_remove_doc(idx, pc.gone.v[k], err);
        if (!rc)
            stats->removed++;
    }
    if (!rc)
        rc = ev_index_commit(idx, err);
    else
        ev_index_rollback(idx);
    ev_strvec_release(&pc.gone);
    return rc;
}

/* A written document's text and tokens, which the index borrows until
 * the batch commits. */
typedef struct held_doc {
    char *text;
    ev_index_tokens *toks;
} held_doc;
typedef EV_VEC(held_doc) held_vec;

/* Frees what a committed (or rolled back) batch borrowed. */
static void release_held(held_vec *v)
{
    size_t i;
    for (i = 0; i < v->n; i++) {
        free(v->v[i].text);
        ev_index_tokens_free(v->v[i].toks);
    }
    v->n = 0;
}

static void free_jobs(pipeline *p)
{
    size_t i;
    for (i = 0; i < p->jobs.n; i++) {
        free(p->jobs.v[i].path);
        ev_doc_release(&p->jobs.v[i].doc);
        ev_buf_release(&p->jobs.v[i].frame);
        ev_index_tokens_free(p->jobs.v[i].toks);
    }
    free(p->jobs.v);
    p->jobs.v = NULL;
    p->jobs.n = p->jobs.cap = 0;
}

/* Documents written in a run, as a share of the index, from which the
 * sentence index is merged into one segment afterwards (a first build,
 * or a batch as large as a quarter of what was there). */
#define COMPACT_SHARE 4

static int compact_after(ev_index *idx, ev_add_stats *stats, ev_err *err)
{
    int64_t n_docs = 0;
    size_t written = stats->added + stats->updated;
    double t0, w0;
    int rc;
    if (!written)
        return 0;
    rc = ev_index_count(idx, "docs", &n_docs, err);
    if (rc || (int64_t)(written * COMPACT_SHARE) < n_docs)
        return rc;
    t0 = now_sec(CLOCK_THREAD_CPUTIME_ID);
    w0 = now_sec(CLOCK_MONOTONIC);
    rc = ev_index_compact(idx, err);
    stats->cpu_index += now_sec(CLOCK_THREAD_CPUTIME_ID) - t0;
    stats->wall_compact = now_sec(CLOCK_MONOTONIC) - w0;
    return rc;
}

int ev_indexer_add(ev_index *idx, const ev_extractor *ex,
                   const char *const *paths, size_t n_paths,
                   const ev_add_opts *opts, ev_add_stats *stats,
                   ev_err *err)
{
    pipeline p;
    walk_ctx w;
    pthread_t threads[64];
    int n_threads = 0, jobs, rc = 0, i;
    double t_start = now_sec(CLOCK_MONOTONIC), t_batch;
    size_t batch_docs = 0;
    uint64_t batch_bytes = 0;
    /* The index queues a batch's full-text rows until commit, pointing
     * into the documents' text: the texts live until then. */
    held_vec held = {0};
    prep_tools serial_tools = {0}; /* run_job's on this thread */

    memset(stats, 0, sizeof(*stats));
    memset(&p, 0, sizeof(p));
    p.idx = idx;
    p.ex = ex;
    p.opts = opts;
    w.p = &p;
    w.stats = stats;
    w.oom = 0;
    ev_corpus_walk(paths, n_paths, on_file, on_walk_error, &w);
    if (w.oom) {
        free_jobs(&p);
        return ev_err_set(err, EV_ENOMEM, "out of memory");
    }

    jobs = opts->jobs > 0 ? opts->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (jobs < 1)
        jobs = 1;
    if (jobs > 64)
        jobs = 64;
    p.window = (size_t)jobs * 2 + 2;
    p.window_max = WINDOW_DOCS > p.window ? WINDOW_DOCS : p.window;
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.job_done, NULL);
    pthread_cond_init(&p.slot_free, NULL);
    if (jobs > 1 && p.jobs.n > 1) {
        for (i = 0; i < jobs && (size_t)i < p.jobs.n; i++) {
            if (pthread_create(&threads[n_threads], NULL, worker, &p) != 0)
                break;
            n_threads++;
        }
    }

    t_batch = now_sec(CLOCK_MONOTONIC);
    while (p.next_write < p.jobs.n) {
        job *j = &p.jobs.v[p.next_write];
        if (n_threads) {
            double t0 = now_sec(CLOCK_MONOTONIC);
            pthread_mutex_lock(&p.mu);
            while (!j->done)
                pthread_cond_wait(&p.job_done, &p.mu);
            pthread_mutex_unlock(&p.mu);
            stats->wall_wait += now_sec(CLOCK_MONOTONIC) - t0;
        } else if (!stopping(opts)) {
            run_job(&p, j, &serial_tools);
        } else {
            j->status = -1;
        }
        if (!rc && j->status >= 0 && j->status != EV_ADD_FAILED &&
            (rc = ev_index_begin(idx, err)) != 0) {
            /* cannot write at all: stop the batch */
        }
        if (!rc)
            rc = write_job(&p, j, stats, err);
        if (j->status == EV_ADD_ADDED || j->status == EV_ADD_UPDATED) {
            held_doc *slot = ev_vec_push(&held);
            batch_docs++;
            batch_bytes += j->doc.text_len;
            if (slot) {
                slot->text = j->doc.text;
                slot->toks = j->toks;
                j->doc.text = NULL;
                j->toks = NULL;
            } else if (!rc) {
                rc = ev_err_set(err, EV_ENOMEM, "out of memory");
            }
        }
        ev_doc_release(&j->doc);
        ev_buf_release(&j->frame);
        ev_index_tokens_free(j->toks);
        j->toks = NULL;
        pthread_mutex_lock(&p.mu);
        p.next_write++;
        p.ahead_bytes -= n_threads ? (uint64_t)j->size : 0;
        if (rc)
            p.quit = 1;
        pthread_cond_broadcast(&p.slot_free);
        pthread_mutex_unlock(&p.mu);
        if (rc)
            break;
        if (batch_docs >= BATCH_DOCS || batch_bytes >= BATCH_BYTES ||
            now_sec(CLOCK_MONOTONIC) - t_batch >= BATCH_SEC ||
            stopping(opts)) {
            double t0 = now_sec(CLOCK_THREAD_CPUTIME_ID);
            double w0 = now_sec(CLOCK_MONOTONIC);
            rc = ev_index_commit(idx, err);
            stats->cpu_index += now_sec(CLOCK_THREAD_CPUTIME_ID) - t0;
            stats->wall_commit += now_sec(CLOCK_MONOTONIC) - w0;
            release_held(&held);
            batch_docs = 0;
            batch_bytes = 0;
            t_batch = now_sec(CLOCK_MONOTONIC);
            if (rc)
                break;
        }
        if (opts->progress)
            opts->progress(opts->ctx, p.next_write, p.jobs.n, stats->bytes,
                           now_sec(CLOCK_MONOTONIC) - t_start);
        if (stopping(opts)) {
            stats->interrupted = 1;
            pthread_mutex_lock(&p.mu);
            p.quit = 1;
            pthread_cond_broadcast(&p.slot_free);
            pthread_mutex_unlock(&p.mu);
            break;
        }
    }
    if (!rc) {
        double t0 = now_sec(CLOCK_THREAD_CPUTIME_ID);
        double w0 = now_sec(CLOCK_MONOTONIC);
        rc = ev_index_commit(idx, err);
        stats->cpu_index += now_sec(CLOCK_THREAD_CPUTIME_ID) - t0;
        stats->wall_commit += now_sec(CLOCK_MONOTONIC) - w0;
    } else {
        ev_index_rollback(idx);
    }
    release_held(&held);
    free(held.v);
    pthread_mutex_lock(&p.mu);
    p.quit = 1;
    pthread_cond_broadcast(&p.slot_free);
    pthread_mutex_unlock(&p.mu);
    for (i = 0; i < n_threads; i++)
        pthread_join(threads[i], NULL);
    stats->skipped = p.jobs.n - p.next_write;
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.job_done);
    pthread_cond_destroy(&p.slot_free);
    free_jobs(&p);
    prep_tools_free(&serial_tools);
    if (!rc && opts->prune && !stats->interrupted)
        rc = prune(idx, paths, n_paths, stats, err);
    if (!rc && !stats->interrupted)
        rc = compact_after(idx, stats, err);
    stats->wall_sec = now_sec(CLOCK_MONOTONIC) - t_start;
    return rc;
}
