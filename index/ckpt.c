/*
 * Checkpoints off the writer's thread. In WAL mode a commit appends
 * pages to the -wal file, and a checkpoint later copies them into the
 * database file and syncs it. SQLite checkpoints inside the commit that
 * crosses wal_autocheckpoint, on the committing thread: the writer, the
 * ingest pipeline's narrowest stage, stopped for the copy and the sync.
 * On the 1 GB bench corpus, runs alternating with and without this took
 * 82.6 / 86.4 s against 89.4 / 90.0 s (the writer's commits 44-46 s
 * against 53-55 s).
 *
 * An ingest connection instead has a WAL hook (on_wal) that, once the
 * WAL holds CKPT_FRAMES pages (idx->ckpt_frames), wakes a thread of its
 * own with its own connection to run a PASSIVE checkpoint: it copies
 * what is committed while the writer goes on (SQLite lets one
 * checkpointer run beside one writer).
 *
 * The WAL starts over from its beginning only when the writer begins a
 * transaction with all of it copied, and the writer begins the next
 * batch as soon as one commits, before the thread is done. So at eight
 * times CKPT_FRAMES (or at once, if no thread could be started) the
 * writer waits for the thread's checkpoint and copies the rest itself,
 * as SQLite would have, and the WAL starts over: it grows to 256 MB and
 * a commit's pages (290 MB at most on the 1 GB bench), and is removed
 * when the index is closed.
 *
 * Durability is SQLite's: a checkpoint copies only committed pages, and
 * syncs before the WAL can be reused; a crash at any point leaves the
 * committed transactions in the WAL or the file.
 */
#include "index_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* 32 MB of 4 KB pages, as the PRAGMA wal_autocheckpoint of other
 * writable connections (index.c) */
#define CKPT_FRAMES 8192

struct ev_index_ckpt {
    pthread_t thread;
    pthread_mutex_t run; /* held by whoever checkpoints */
    pthread_mutex_t mu;
    pthread_cond_t wake;
    int pending, quit;
    sqlite3 *db; /* the thread's own connection */
    unsigned long runs;
};

static void *ckpt_main(void *arg)
{
    ev_index_ckpt *c = arg;
    pthread_mutex_lock(&c->mu);
    for (;;) {
        while (!c->quit && !c->pending)
            pthread_cond_wait(&c->wake, &c->mu);
        if (c->quit)
            break;
        c->pending = 0;
        pthread_mutex_unlock(&c->mu);
        pthread_mutex_lock(&c->run);
        (void)sqlite3_wal_checkpoint_v2(c->db, "main",
                                        SQLITE_CHECKPOINT_PASSIVE, NULL,
                                        NULL);
        pthread_mutex_unlock(&c->run);
        pthread_mutex_lock(&c->mu);
        c->runs++;
    }
    pthread_mutex_unlock(&c->mu);
    return NULL;
}

/* The checkpointer of idx, started on first use; NULL when it cannot
 * be (the writer then checkpoints itself). */
static ev_index_ckpt *ckpt_get(ev_index *idx)
{
    ev_index_ckpt *c = idx->ckpt;
    const char *path;
    if (c || idx->ckpt_failed)
        return c;
    idx->ckpt_failed = 1; /* until it has started */
    path = sqlite3_db_filename(idx->db, "main");
    if (!path || !*path || !(c = calloc(1, sizeof(*c))))
        return NULL;
    if (sqlite3_open_v2(path, &c->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK ||
        /* a first read opens the WAL on this connection */
        sqlite3_exec(c->db, "PRAGMA synchronous=NORMAL;"
                            "SELECT count(*) FROM sqlite_master",
                     NULL, NULL, NULL) != SQLITE_OK) {
        sqlite3_close(c->db);
        free(c);
        return NULL;
    }
    pthread_mutex_init(&c->run, NULL);
    pthread_mutex_init(&c->mu, NULL);
    pthread_cond_init(&c->wake, NULL);
    if (pthread_create(&c->thread, NULL, ckpt_main, c) != 0) {
        pthread_mutex_destroy(&c->run);
        pthread_mutex_destroy(&c->mu);
        pthread_cond_destroy(&c->wake);
        sqlite3_close(c->db);
        free(c);
        return NULL;
    }
    idx->ckpt = c;
    idx->ckpt_failed = 0;
    return c;
}

/* sqlite3_wal_hook: after each commit of idx's connection, with the
 * pages now in the WAL. */
static int on_wal(void *arg, sqlite3 *db, const char *name, int n_frames)
{
    ev_index *idx = arg;
    ev_index_ckpt *c;
    if (n_frames < idx->ckpt_frames)
        return SQLITE_OK;
    c = ckpt_get(idx);
    if (!c || n_frames >= 8 * idx->ckpt_frames) {
        /* the thread's checkpoints have not kept up (or there is no
         * thread): this one, after the thread's, copies the whole WAL,
         * which the next commit then starts over */
        if (c)
            pthread_mutex_lock(&c->run);
        (void)sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE,
                                        NULL, NULL);
        if (c)
            pthread_mutex_unlock(&c->run);
        return SQLITE_OK;
    }
    pthread_mutex_lock(&c->mu);
    c->pending = 1;
    pthread_cond_signal(&c->wake);
    pthread_mutex_unlock(&c->mu);
    return SQLITE_OK;
}

void ev_index__ckpt_install(ev_index *idx, int frames)
{
    idx->ckpt_frames = frames > 0 ? frames : CKPT_FRAMES;
    sqlite3_wal_hook(idx->db, on_wal, idx);
}

unsigned long ev_index__ckpt_stop(ev_index *idx)
{
    ev_index_ckpt *c = idx->ckpt;
    unsigned long runs;
    if (!c)
        return 0;
    pthread_mutex_lock(&c->mu);
    c->quit = 1;
    pthread_cond_signal(&c->wake);
    pthread_mutex_unlock(&c->mu);
    pthread_join(c->thread, NULL);
    pthread_mutex_destroy(&c->run);
    pthread_mutex_destroy(&c->mu);
    pthread_cond_destroy(&c->wake);
    sqlite3_close(c->db);
    runs = c->runs;
    free(c);
    idx->ckpt = NULL;
    return runs;
}
