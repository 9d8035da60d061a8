/*
 * End-to-end tests of the evidex binary: add (incremental, bad input),
 * search, docs, show, claims and the other commands' contracts, on the
 * real seeds corpus in ../shared and on files the tests write.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli_harness.h"

static void make_tmp(void)
{
    make_tmp_named("cli");
}

#define SEEDS EV_SHARED_DIR "/corpus/seeds"

START_TEST(test_add_incremental)
{
    char *out;
    char args[1024];
    make_tmp();
    snprintf(args, sizeof(args), "add '%s' --no-progress", SEEDS);
    ck_assert_int_eq(run(args), 0);
    out = slurp(out_path);
    ck_assert_msg(strstr(out, "5 added, 0 updated, 0 unchanged, 0 failed"),
                  "got: %s", out);
    free(out);
    ck_assert_int_eq(run(args), 0);
    out = slurp(out_path);
    ck_assert_msg(strstr(out, "0 added, 0 updated, 5 unchanged, 0 failed"),
                  "got: %s", out);
    free(out);
    /* a copy of one seed, then changed: only it is re-indexed */
    {
        char cmd[1024];
        snprintf(cmd, sizeof(cmd), "mkdir -p '%s/c' && cp '%s'/00*.txt '%s/c/'",
                 tmpdir, SEEDS, tmpdir);
        ck_assert_int_eq(system(cmd), 0);
        snprintf(args, sizeof(args), "add '%s/c'", tmpdir);
        ck_assert_int_eq(run(args), 0);
        snprintf(cmd, sizeof(cmd),
                 "printf 'An extra line of 12 percent.\\n' >> '%s/c/004_35db4e2c9c51291d.txt'",
                 tmpdir);
        ck_assert_int_eq(system(cmd), 0);
        ck_assert_int_eq(run(args), 0);
        out = slurp(out_path);
        ck_assert_msg(strstr(out, "0 added, 1 updated, 4 unchanged, 0 failed"),
                      "got: %s", out);
        free(out);
        /* same content, new mtime: unchanged by hash */
        snprintf(cmd, sizeof(cmd), "touch '%s/c/000_7b40eee1b7c376cd.txt'",
                 tmpdir);
        ck_assert_int_eq(system(cmd), 0);
        ck_assert_int_eq(run(args), 0);
        out = slurp(out_path);
        ck_assert_msg(strstr(out, "0 added, 0 updated, 5 unchanged"),
                      "got: %s", out);
        free(out);
        /* a deleted file leaves the index only with --prune */
        snprintf(cmd, sizeof(cmd), "rm '%s/c/002_5f8320005d233d63.txt'",
                 tmpdir);
        ck_assert_int_eq(system(cmd), 0);
        ck_assert_int_eq(run(args), 0);
        out = slurp(out_path);
        ck_assert_msg(!strstr(out, "removed"), "got: %s", out);
        free(out);
        snprintf(args, sizeof(args), "add '%s/c' --prune", tmpdir);
        ck_assert_int_eq(run(args), 0);
        out = slurp(out_path);
        ck_assert_msg(strstr(out, "4 unchanged, 0 failed, 1 removed"),
                      "got: %s", out);
        free(out);
        /* the seeds added from ../shared are not under c/: untouched */
        ck_assert_int_eq(run("--json docs"), 0);
        out = slurp(out_path);
        ck_assert_int_eq(count_lines(out), 9);
        free(out);
    }
    rm_tmp();
}
END_TEST

START_TEST(test_search_json)
{
    char args[1024];
    char *out, *line;
    int saw001 = 0, saw003 = 0;
    make_tmp();
    snprintf(args, sizeof(args), "add '%s'", SEEDS);
    ck_assert_int_eq(run(args), 0);
    ck_assert_int_eq(run("--json search 'host nation support'"), 0);
    out = slurp(out_path);
    ck_assert_int_gt(count_lines(out), 0);
    for (line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
        ck_assert_msg(line[0] == '{' && line[strlen(line) - 1] == '}',
                      "not one object: %s", line);
        ck_assert_ptr_nonnull(strstr(line, "\"doc\":"));
        ck_assert_ptr_nonnull(strstr(line, "\"line\":"));
        ck_assert_ptr_nonnull(strstr(line, "\"snippet\":"));
        ck_assert_ptr_nonnull(strstr(line, "\"score\":"));
        saw001 |= strstr(line, "\"001_") != NULL;
        saw003 |= strstr(line, "\"003_") != NULL;
    }
    ck_assert(saw001 && saw003);
    free(out);
    /* an FTS syntax error is one line on stderr and exit 2 */
    ck_assert_int_eq(run("search '\"unterminated'"), 2);
    out = slurp(err_path);
    ck_assert_int_eq(count_lines(out), 1);
    ck_assert_ptr_nonnull(strstr(out, "invalid query"));
    free(out);
    rm_tmp();
}
END_TEST

START_TEST(test_docs_show)
{
    char args[1024];
    char *out;
    make_tmp();
    snprintf(args, sizeof(args), "add '%s'", SEEDS);
    ck_assert_int_eq(run(args), 0);
    ck_assert_int_eq(run("--json docs"), 0);
    out = slurp(out_path);
    ck_assert_int_eq(count_lines(out), 5);
    ck_assert_ptr_nonnull(strstr(out, "\"passages\":"));
    ck_assert_ptr_nonnull(strstr(out, "\"claims\":"));
    /* a text without a title is shown by its first words */
    ck_assert_ptr_nonnull(strstr(out, "\"title\":\"This paper analyzes the "
                                      "position of burden sharing"));
    free(out);
    /* show prints the text exactly as stored: for text, the file */
    ck_assert_int_eq(run("show 004_35db4e2c9c51291d.txt"), 0);
    {
        char *file = slurp(SEEDS "/004_35db4e2c9c51291d.txt");
        out = slurp(out_path);
        ck_assert_int_eq(strncmp(out, file, strlen(file)), 0);
        free(file);
        free(out);
    }
    ck_assert_int_eq(run("--json show 004"), 0);
    out = slurp(out_path);
    ck_assert_ptr_nonnull(strstr(out, "\"locator\":"));
    ck_assert_ptr_nonnull(strstr(out, "\"start\":0,"));
    free(out);
    ck_assert_int_eq(run("show no-such-doc"), 2);
    out = slurp(err_path);
    ck_assert_ptr_nonnull(strstr(out, "no document"));
    free(out);
    rm_tmp();
}
END_TEST

START_TEST(test_bad_input)
{
    char args[2048];
    char *out;
    static const char bad_utf8[] = "Costs rose by 12 percent \xff\xfe in 2019.\n";
    static const char nul[] = "text\0with\0nul";
    make_tmp();
    write_file("empty.txt", "", 0);
    write_file("binary.txt", nul, sizeof(nul));
    write_file("bad.txt", bad_utf8, sizeof(bad_utf8) - 1);
    write_file("good.txt", "Japan pays 86 percent of the costs.\n", 36);
    {
        char cmd[1400];
        snprintf(cmd, sizeof(cmd), "mkfifo '%s/fifo.txt' && ln -s '%s/nowhere' '%s/dangling.txt'",
                 tmpdir, tmpdir, tmpdir);
        ck_assert_int_eq(system(cmd), 0);
        /* a 50 MB file with no newline */
        snprintf(cmd, sizeof(cmd),
                 "head -c 52428800 /dev/zero | tr '\\0' 'a' > '%s/oneline.txt'",
                 tmpdir);
        ck_assert_int_eq(system(cmd), 0);
    }
    snprintf(args, sizeof(args),
             "add '%s' '%s/missing.txt' '%s/fifo.txt' --no-progress",
             tmpdir, tmpdir, tmpdir);
    ck_assert_int_eq(run(args), 2);
    out = slurp(err_path);
    /* one line each, naming the file and the reason */
    ck_assert_msg(strstr(out, "empty.txt': empty file"), "%s", out);
    ck_assert_msg(strstr(out, "binary.txt': binary file"), "%s", out);
    ck_assert_msg(strstr(out, "missing.txt': no such file"), "%s", out);
    ck_assert_msg(strstr(out, "fifo.txt': not a regular file"), "%s", out);
    ck_assert_msg(strstr(out, "dangling.txt'"), "%s", out);
    ck_assert_msg(strstr(out, "bad.txt': invalid UTF-8"), "%s", out);
    ck_assert_msg(strstr(out, "oneline.txt': "), "%s", out);
    free(out);
    out = slurp(out_path);
    /* good.txt and bad.txt (repaired) are indexed */
    ck_assert_msg(strstr(out, "2 added"), "%s", out);
    free(out);
    ck_assert_int_eq(run("search costs"), 0);
    out = slurp(out_path);
    ck_assert_ptr_nonnull(strstr(out, "good.txt"));
    ck_assert_ptr_nonnull(strstr(out, "bad.txt"));
    free(out);
    rm_tmp();
}
END_TEST

START_TEST(test_usage_errors)
{
    char *out;
    make_tmp();
    ck_assert_int_eq(run("frobnicate"), 2);
    ck_assert_int_eq(run("search"), 2);
    ck_assert_int_eq(run("search --limit x foo"), 2);
    out = slurp(err_path);
    ck_assert_ptr_nonnull(strstr(out, "not a whole number"));
    free(out);
    /* queries on a missing index explain how to make one */
    ck_assert_int_eq(run("docs"), 2);
    out = slurp(err_path);
    ck_assert_ptr_nonnull(strstr(out, "evidex add"));
    free(out);
    ck_assert_int_eq(run("--help"), 0);
    out = slurp(out_path);
    ck_assert_ptr_nonnull(strstr(out, "sources"));
    free(out);
    ck_assert_int_eq(run("--version"), 0);
    {
        static const char *const cmds[] = {"add", "search", "claims",
                                           "sources", "conflicts", "check",
                                           "refs", "cites", "docs", "show"};
        size_t i;
        for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
            char args[64];
            snprintf(args, sizeof(args), "%s --help", cmds[i]);
            ck_assert_int_eq(run(args), 0);
            out = slurp(out_path);
            ck_assert_msg(strstr(out, "usage:") && strstr(out, "examples:"),
                          "%s --help: %s", cmds[i], out);
            free(out);
        }
    }
    rm_tmp();
}
END_TEST

START_TEST(test_not_a_database)
{
    char *out;
    make_tmp();
    {
        FILE *fp = fopen(db_path, "wb");
        int i;
        ck_assert_ptr_nonnull(fp);
        for (i = 0; i < 200; i++)
            fputs("definitely not sqlite ", fp);
        fclose(fp);
    }
    ck_assert_int_eq(run("docs"), 2);
    out = slurp(err_path);
    ck_assert_int_eq(count_lines(out), 1);
    ck_assert_ptr_nonnull(strstr(out, "not"));
    free(out);
    rm_tmp();
}
END_TEST

START_TEST(test_parallel_equals_serial)
{
    char db1[400], db2[400], args[1024];
    char *a, *b;
    static const char *const queries[] = {"--json claims", "--json refs",
                                          "--json cites", "--json docs"};
    size_t i;
    make_tmp();
    snprintf(db1, sizeof(db1), "%s/serial.db", tmpdir);
    snprintf(db2, sizeof(db2), "%s/parallel.db", tmpdir);
    snprintf(args, sizeof(args), "add '%s' --jobs 1", SEEDS);
    ck_assert_int_eq(run_db(db1, args), 0);
    snprintf(args, sizeof(args), "add '%s' --jobs 4", SEEDS);
    ck_assert_int_eq(run_db(db2, args), 0);
    for (i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
        ck_assert_int_eq(run_db(db1, queries[i]), 0);
        a = slurp(out_path);
        ck_assert_int_eq(run_db(db2, queries[i]), 0);
        b = slurp(out_path);
        ck_assert_msg(strcmp(a, b) == 0, "%s differs between --jobs 1 and 4",
                      queries[i]);
        ck_assert_int_gt(strlen(a), 0);
        free(a);
        free(b);
    }
    rm_tmp();
}
END_TEST

/* The value of "key":"..." or "key":N in one JSON line, copied to out. */
static int json_field(const char *line, const char *key, char *out,
                      size_t cap)
{
    char pat[64];
    const char *p, *e;
    snprintf(pat, sizeof(pat), "\"%s\":", key);
    p = strstr(line, pat);
    if (!p)
        return 0;
    p += strlen(pat);
    if (*p == '"') {
        p++;
        for (e = p; *e && !(*e == '"' && e[-1] != '\\'); e++)
            ;
    } else {
        for (e = p; *e && *e != ',' && *e != '}'; e++)
            ;
    }
    snprintf(out, cap, "%.*s", (int)(e - p), p);
    return 1;
}

/* check on each draft of tests/data/drafts: every planted figure gets
 * the verdict its .expect file names ("flagged" = contradicted or
 * disputed); no other figure is flagged; code blocks are skipped. */
START_TEST(test_check_drafts)
{
    static const char *const drafts[] = {"alliance.md", "alliance.txt",
                                         "alliance.tex", "share.md",
                                         "decoys.txt"};
    char args[1024];
    size_t i;
    make_tmp();
    snprintf(args, sizeof(args), "add '%s'", SEEDS);
    ck_assert_int_eq(run(args), 0);
    for (i = 0; i < sizeof(drafts) / sizeof(drafts[0]); i++) {
        char path[512], *expect, *out, *line, *save = NULL;
        int status, n_expect = 0, n_met = 0;
        snprintf(path, sizeof(path), "%s/drafts/%s.expect", EV_TEST_DATA,
                 drafts[i]);
        expect = slurp(path);
        snprintf(args, sizeof(args), "--json check '%s/drafts/%s'",
                 EV_TEST_DATA, drafts[i]);
        status = run(args);
        ck_assert_msg(status == 1, "%s: exit %d", drafts[i], status);
        out = slurp(out_path);
        for (line = strtok_r(out, "\n", &save); line;
             line = strtok_r(NULL, "\n", &save)) {
            char ln[16], surface[128], verdict[32], key[200];
            const char *e;
            int flagged;
            ck_assert(json_field(line, "line", ln, sizeof(ln)));
            ck_assert(json_field(line, "surface", surface, sizeof(surface)));
            ck_assert(json_field(line, "verdict", verdict, sizeof(verdict)));
            ck_assert_ptr_null(strstr(surface, "99"));
            flagged = !strcmp(verdict, "contradicted") ||
                      !strcmp(verdict, "disputed");
            snprintf(key, sizeof(key), "\n%s %s|", ln, surface);
            e = strstr(expect, key);
            if (!e) {
                ck_assert_msg(!flagged, "%s:%s: %s flagged but planted as "
                              "consistent", drafts[i], ln, surface);
                continue;
            }
            e += strlen(key);
            n_met++;
            if (!strncmp(e, "flagged", 7))
                ck_assert_msg(flagged, "%s:%s: %s is %s, expected flagged",
                              drafts[i], ln, surface, verdict);
            else
                ck_assert_msg(!strncmp(e, verdict, strlen(verdict)),
                              "%s:%s: %s is %s, expected %.20s", drafts[i],
                              ln, surface, verdict, e);
        }
        for (line = expect; (line = strchr(line, '\n')) != NULL; line++)
            n_expect += line[1] >= '0' && line[1] <= '9';
        ck_assert_msg(n_met == n_expect, "%s: %d of %d planted figures seen",
                      drafts[i], n_met, n_expect);
        /* the editor form: file:line:col: warning: */
        snprintf(args, sizeof(args), "check '%s/drafts/%s'", EV_TEST_DATA,
                 drafts[i]);
        ck_assert_int_eq(run(args), 1);
        free(out);
        out = slurp(out_path);
        ck_assert_msg(strstr(out, ": warning: ") && strstr(out, ": note: "),
                      "%s", out);
        free(out);
        free(expect);
    }
    rm_tmp();
}
END_TEST

/* The figures the issue names: who states 74.5%, 54,000 troops, 86%. */
START_TEST(test_sources_seeds)
{
    char args[1024];
    char *out;
    make_tmp();
    snprintf(args, sizeof(args), "add '%s'", SEEDS);
    ck_assert_int_eq(run(args), 0);
    ck_assert_int_eq(run("--json sources 74.5%"), 0);
    out = slurp(out_path);
    ck_assert_msg(strstr(out, "\"001_") && strstr(out, "\"marker\":\"28\"") &&
                  strstr(out, "Statistical Compendium"), "%s", out);
    free(out);
    ck_assert_int_eq(run("--json sources '54,000 troops'"), 0);
    out = slurp(out_path);
    ck_assert_msg(strstr(out, "\"003_") && strstr(out, "\"004_") &&
                  strstr(out, "fifty-four thousand"), "%s", out);
    free(out);
    ck_assert_int_eq(run("--json sources 86%"), 0);
    out = slurp(out_path);
    ck_assert_msg(strstr(out, "\"003_") && strstr(out, "defense minister"),
                  "%s", out);
    free(out);
    /* conflicts: found, exit 1, and the consistent troops group not */
    ck_assert_int_eq(run("--json conflicts"), 1);
    out = slurp(out_path);
    ck_assert_ptr_nonnull(strstr(out, "eight thousand"));
    ck_assert_ptr_null(strstr(out, "fifty-four thousand"));
    free(out);
    /* too many claims to compare: one line saying how many, exit 2 */
    ck_assert_int_eq(run("conflicts --max-claims 5"), 2);
    out = slurp(err_path);
    ck_assert_int_eq(count_lines(out), 1);
    ck_assert_ptr_nonnull(strstr(out, "claims match"));
    free(out);
    rm_tmp();
}
END_TEST

/* The value lookup reads exact claims in a narrow window and qualified
 * ones in a wide one, and reads whole only the best it ranks: "about
 * 80%" and "less than 78%" still match 74.5%, 76% and 67% do not, and
 * the order is the score's. */
START_TEST(test_sources_qualified)
{
    static const char text[] =
        "Japan paid about 80% of the stationing costs in 2015.\n\n"
        "Japan paid 74% of the stationing costs in 2017.\n\n"
        "Japan paid 76% of the stationing costs in 2018.\n\n"
        "Japan paid 74.5% of the stationing costs in 2019.\n\n"
        "Japan paid less than 78% of the stationing costs in 2020.\n\n"
        "Japan paid between 60% and 90% of the stationing costs in 2021.\n\n"
        "Japan paid 67% of the stationing costs in 2022.\n";
    static const char *const order[] = {"[74.5%]", "[74%]", "[60-90%]",
                                        "[~80%]", "[<78%]"};
    char args[1024];
    char *out;
    const char *p;
    size_t i;
    make_tmp();
    write_file("a.txt", text, sizeof(text) - 1);
    snprintf(args, sizeof(args), "add '%s/a.txt'", tmpdir);
    ck_assert_int_eq(run(args), 0);
    ck_assert_int_eq(run("sources 74.5%"), 0);
    out = slurp(out_path);
    ck_assert_msg(strstr(out, "5 source(s)"), "%s", out);
    for (p = out, i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
        p = strstr(p, order[i]);
        ck_assert_msg(p != NULL, "%s missing or out of order in %s",
                      order[i], out);
    }
    ck_assert_ptr_null(strstr(out, "[76%]"));
    ck_assert_ptr_null(strstr(out, "[67%]"));
    free(out);
    rm_tmp();
}
END_TEST

/* Writes text (released) to a.txt in the test folder and adds it. */
static void add_text(ev_buf *text)
{
    char args[1024];
    ck_assert(!text->oom);
    write_file("a.txt", text->ptr, text->len);
    ev_buf_release(text);
    snprintf(args, sizeof(args), "add '%s/a.txt'", tmpdir);
    ck_assert_int_eq(run(args), 0);
}

/* A value stated more often than sources reads in brief (4 x limit + 200)
 * is answered from the claims equal to it alone: the answer is the one
 * the whole window gives (the first lines of a larger limit, which reads
 * the whole window). */
START_TEST(test_sources_many_equal)
{
    ev_buf text = EV_BUF_INIT;
    char *one, *all, *nl;
    int i;
    make_tmp();
    ev_buf_puts(&text, "Japan paid about 7% of the costs in 1999.\n\n");
    for (i = 0; i < 260; i++)
        ev_buf_printf(&text, "Japan paid 7%% of the costs of base %d.\n\n", i);
    ev_buf_puts(&text, "Japan paid 7.2% of the costs in 2001.\n");
    add_text(&text);
    /* limit 2: 208 equal claims suffice; limit 100: the whole window */
    ck_assert_int_eq(run("--json sources --limit 2 7%"), 0);
    one = slurp(out_path);
    ck_assert_int_eq(run("--json sources --limit 100 7%"), 0);
    all = slurp(out_path);
    nl = strchr(one, '\n');
    ck_assert_ptr_nonnull(nl);
    nl = strchr(nl + 1, '\n');
    ck_assert_ptr_nonnull(nl);
    ck_assert_int_eq(nl[1], 0); /* two answers, no more */
    ck_assert_int_eq(strncmp(one, all, (size_t)(nl - one + 1)), 0);
    ck_assert_ptr_nonnull(strstr(one, "base 0."));
    ck_assert_ptr_nonnull(strstr(one, "base 1."));
    ck_assert_ptr_null(strstr(one, "about 7%"));
    free(one);
    free(all);
    rm_tmp();
}
END_TEST

/* The first n lines of a and b are the same (and a has no more). */
static void same_head(const char *a, const char *b, int n)
{
    const char *e = a;
    int i;
    for (i = 0; i < n; i++) {
        e = strchr(e, '\n');
        ck_assert_msg(e != NULL, "fewer than %d lines: %s", n, a);
        e++;
    }
    ck_assert_int_eq(*e, 0);
    ck_assert_int_eq(strncmp(a, b, (size_t)(e - a)), 0);
}

/* An exact figure with more plain claims near it than sources reads in
 * brief is answered from those and the qualified claims equal to it: the
 * ranges and other qualified claims of the window score lower and are
 * not read. The answer is the one the whole window gives. */
START_TEST(test_sources_near_first)
{
    static const char *const near[] = {"74%", "75%"};
    ev_buf text = EV_BUF_INIT;
    char *two, *three, *all;
    int i;
    make_tmp();
    ev_buf_puts(&text, "Japan paid between 70% and 80% of the costs.\n\n"
                       "Japan paid about 75% of the costs in 1998.\n\n"
                       "Japan paid about 74.5% of the costs in 1999.\n\n"
                       "Japan paid 74.5% of the costs in 2000.\n\n");
    for (i = 0; i < 240; i++)
        ev_buf_printf(&text, "Japan paid %s of the costs of base %d.\n\n",
                      near[i % 2], i);
    add_text(&text);
    /* limits 2 and 3: 208 and 212 near claims suffice; 300: the whole
     * window (1400 > 244 claims), where the range and "about 75%" rank
     * last */
    ck_assert_int_eq(run("--json sources --limit 2 74.5%"), 0);
    two = slurp(out_path);
    ck_assert_int_eq(run("--json sources --limit 3 74.5%"), 0);
    three = slurp(out_path);
    ck_assert_int_eq(run("--json sources --limit 300 74.5%"), 0);
    all = slurp(out_path);
    ck_assert_int_eq(count_lines(all), 244);
    same_head(two, all, 2);
    same_head(three, all, 3);
    ck_assert_ptr_nonnull(strstr(two, "in 2000."));
    ck_assert_ptr_nonnull(strstr(two, "about 74.5% of the costs in 1999"));
    ck_assert_ptr_nonnull(strstr(three, "base "));
    ck_assert_ptr_nonnull(strstr(all, "between 70% and 80%"));
    ck_assert_ptr_nonnull(strstr(all, "about 75%"));
    free(two);
    free(three);
    free(all);
    rm_tmp();
}
END_TEST

/* The k-th line of s (0-based), from its "col" key on, into out. */
static int nth_from_col(const char *s, int k, char *out, size_t cap)
{
    const char *e, *c;
    for (; k > 0 && s; k--) {
        s = strchr(s, '\n');
        if (s)
            s++;
    }
    if (!s || !*s)
        return 0;
    e = strchr(s, '\n');
    c = strstr(s, "\"col\"");
    if (!e || !c || c > e || (size_t)(e - c) >= cap)
        return 0;
    memcpy(out, c, (size_t)(e - c));
    out[e - c] = 0;
    return 1;
}

/* A draft whose paragraphs come twice: its figures are looked up once
 * per distinct query and on several readers, and each copy gets the
 * verdicts and sources the single draft gets. */
START_TEST(test_check_repeated)
{
    static char a[16384], b[16384], x[16384];
    char args[1024], cmd[1024];
    char *one, *two;
    int n = 0, k;
    make_tmp();
    snprintf(args, sizeof(args), "add '%s' --no-progress", SEEDS);
    ck_assert_int_eq(run(args), 0);
    snprintf(cmd, sizeof(cmd), "cat '%s/drafts/share.md' '%s/drafts/share.md'"
             " > '%s/twice.md'", EV_TEST_DATA, EV_TEST_DATA, tmpdir);
    ck_assert_int_eq(system(cmd), 0);
    snprintf(args, sizeof(args), "check -v --json '%s/drafts/share.md'",
             EV_TEST_DATA);
    ck_assert_int_eq(run(args), 1);
    one = slurp(out_path);
    snprintf(args, sizeof(args), "check -v --json '%s/twice.md'", tmpdir);
    ck_assert_int_eq(run(args), 1);
    two = slurp(out_path);
    n = count_lines(one);
    ck_assert_int_ge(n, 8);
    ck_assert_int_eq(count_lines(two), 2 * n);
    for (k = 0; k < n; k++) {
        ck_assert(nth_from_col(one, k, x, sizeof(x)));
        ck_assert(nth_from_col(two, k, a, sizeof(a)));
        ck_assert(nth_from_col(two, k + n, b, sizeof(b)));
        ck_assert_str_eq(a, x);
        ck_assert_str_eq(b, x);
    }
    free(one);
    free(two);
    rm_tmp();
}
END_TEST

/* Figures with no words to look them up by ("12 and 40", "(3)") are
 * unsupported, and the others of the draft checked as usual (their
 * empty query was once read past its end). */
START_TEST(test_check_no_words)
{
    static const char draft[] = "# Draft\n\nIt was 12 and 40.\n\n(3)\n\n"
                                "Japan paid 74.5% of the costs.\n";
    char args[1024];
    char *out;
    make_tmp();
    snprintf(args, sizeof(args), "add '%s' --no-progress", SEEDS);
    ck_assert_int_eq(run(args), 0);
    write_file("d.md", draft, sizeof(draft) - 1);
    snprintf(args, sizeof(args), "check '%s/d.md'", tmpdir);
    ck_assert_int_eq(run(args), 1);
    out = slurp(out_path);
    ck_assert_msg(strstr(out, "d.md:7:12: warning: \"74.5%\" is disputed"),
                  "%s", out);
    ck_assert_msg(!strstr(out, ":3:"), "%s", out);
    free(out);
    rm_tmp();
}
END_TEST

/* Copies the JSON object that starts at s (a '{') into out; returns
 * its end, or NULL when it does not fit or is cut. */
static const char *json_object(const char *s, char *out, size_t cap)
{
    const char *p = s;
    int depth = 0, in_str = 0;
    for (; *p; p++) {
        if (in_str) {
            if (*p == '\\' && p[1])
                p++;
            else if (*p == '"')
                in_str = 0;
        } else if (*p == '"') {
            in_str = 1;
        } else if (*p == '{') {
            depth++;
        } else if (*p == '}' && --depth == 0) {
            size_t n = (size_t)(p + 1 - s);
            if (n + 1 > cap)
                return NULL;
            memcpy(out, s, n);
            out[n] = '\0';
            return p + 1;
        }
    }
    return NULL;
}

/* check reads a source's citations only for the sources it shows, after
 * the verdicts: each source it prints is, citations and all, the claim
 * as `claims` prints it. */
START_TEST(test_check_source_citations)
{
    static char claim[16384];
    char args[1024];
    char *all, *out, *line, *save = NULL;
    int n_sources = 0, n_cited = 0;
    make_tmp();
    snprintf(args, sizeof(args), "add '%s' --no-progress", SEEDS);
    ck_assert_int_eq(run(args), 0);
    ck_assert_int_eq(run("--json claims"), 0);
    all = slurp(out_path);
    snprintf(args, sizeof(args), "--json check '%s/drafts/share.md'",
             EV_TEST_DATA);
    ck_assert_int_eq(run(args), 1);
    out = slurp(out_path);
    for (line = strtok_r(out, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        const char *p = line;
        while ((p = strstr(p, "\"claim\":{")) != NULL) {
            p = json_object(p + strlen("\"claim\":"), claim, sizeof(claim));
            ck_assert_ptr_nonnull(p);
            n_sources++;
            n_cited += strstr(claim, "\"citations\":[]") == NULL;
            ck_assert_msg(strstr(all, claim), "not as claims prints it: %s",
                          claim);
        }
    }
    ck_assert_int_ge(n_sources, 10);
    ck_assert_int_ge(n_cited, 10);
    free(all);
    free(out);
    rm_tmp();
}
END_TEST

Suite *cli_suite(void)
{
    Suite *s = suite_create("cli");
    TCase *tc = tcase_create("cli");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_add_incremental);
    tcase_add_test(tc, test_search_json);
    tcase_add_test(tc, test_docs_show);
    tcase_add_test(tc, test_bad_input);
    tcase_add_test(tc, test_usage_errors);
    tcase_add_test(tc, test_not_a_database);
    tcase_add_test(tc, test_parallel_equals_serial);
    tcase_add_test(tc, test_check_drafts);
    tcase_add_test(tc, test_sources_seeds);
    tcase_add_test(tc, test_sources_qualified);
    tcase_add_test(tc, test_sources_many_equal);
    tcase_add_test(tc, test_sources_near_first);
    tcase_add_test(tc, test_check_repeated);
    tcase_add_test(tc, test_check_no_words);
    tcase_add_test(tc, test_check_source_citations);
    suite_add_tcase(s, tc);
    return s;
}
