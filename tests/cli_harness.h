/*
 * What the suites that drive the evidex binary share: a private temporary
 * folder with the database and the captured stdout/stderr, running the
 * binary (EV_BIN) on it, and reading and writing files there. Functions
 * are static inline so a suite may use any subset of them.
 */
#ifndef EV_CLI_HARNESS_H
#define EV_CLI_HARNESS_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ev_common.h"

static char tmpdir[256];
static char out_path[300], err_path[300], db_path[300];

/* Makes /tmp/evidex-<what>-XXXXXX with out, err and t.db paths in it. */
static inline void make_tmp_named(const char *what)
{
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/evidex-%s-XXXXXX", what);
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
    snprintf(out_path, sizeof(out_path), "%s/out", tmpdir);
    snprintf(err_path, sizeof(err_path), "%s/err", tmpdir);
    snprintf(db_path, sizeof(db_path), "%s/t.db", tmpdir);
}

static inline void rm_tmp(void)
{
    char cmd[900];
    /* a mount or an immutable file left by a failed test would block rm */
    snprintf(cmd, sizeof(cmd),
             "umount '%s/ro' 2>/dev/null; chattr -R -i '%s' 2>/dev/null; "
             "rm -rf '%s'", tmpdir, tmpdir, tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", tmpdir);
}

/* Runs evidex with args (shell words) on database db, stdout and stderr
 * to out_path and err_path; asserts it exited (a crash or a sanitizer
 * abort fails here) and returns its status. */
static inline int run_db(const char *db, const char *args)
{
    char cmd[4096];
    int st;
    snprintf(cmd, sizeof(cmd), "'%s' --db '%s' %s >'%s' 2>'%s' </dev/null",
             EV_BIN, db, args, out_path, err_path);
    st = system(cmd);
    ck_assert_msg(WIFEXITED(st), "evidex %s: killed by a signal", args);
    ck_assert_msg(WEXITSTATUS(st) != 127, "cannot run %s", EV_BIN);
    return WEXITSTATUS(st);
}

static inline int run(const char *args)
{
    return run_db(db_path, args);
}

static inline char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    ev_buf b = EV_BUF_INIT;
    char chunk[8192];
    size_t n;
    ck_assert_ptr_nonnull(fp);
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        ev_buf_add(&b, chunk, n);
    fclose(fp);
    ev_buf_add(&b, "", 0);
    return ev_buf_detach(&b);
}

static inline int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* Writes data to tmpdir/name. */
static inline void write_file(const char *name, const void *data, size_t len)
{
    char path[512];
    FILE *fp;
    snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
    fp = fopen(path, "wb");
    ck_assert_ptr_nonnull(fp);
    ck_assert_uint_eq(fwrite(data, 1, len, fp), len);
    fclose(fp);
}

#endif
