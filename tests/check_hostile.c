/*
 * Hostile inputs: files people really have in their downloads folder, and
 * broken environments. Each test drives the real evidex binary (EV_BIN) or
 * the library and asserts a clean outcome: the file indexed, or one
 * one-line error naming the file and the reason, never a crash, a hang or
 * a network access. Large inputs are generated here (sparse files for the
 * 1 GB case), never checked in.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli_harness.h"
#include "corpus.h"
#include "extract.h"

#define HOSTILE EV_TEST_DATA "/hostile"

static void make_tmp(void)
{
    make_tmp_named("hostile");
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void write_str(const char *name, const char *s)
{
    write_file(name, s, strlen(s));
}

/*
 * Every line of stderr must be one diagnostic: "evidex: ..." with no
 * sanitizer or library noise. When file is non-NULL some line must name
 * it together with reason (a substring; NULL: any reason).
 */
static void assert_diagnostics(const char *file, const char *reason)
{
    char *err = slurp(err_path), *line = err, *nl;
    int named = 0;
    while (*line) {
        nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        ck_assert_msg(strncmp(line, "evidex: ", 8) == 0,
                      "stray stderr line: %s", line);
        ck_assert_msg(strlen(line) < 600, "diagnostic too long: %s", line);
        if (file && strstr(line, file) &&
            (!reason || strstr(line, reason)))
            named = 1;
        if (!nl)
            break;
        line = nl + 1;
    }
    if (file)
        ck_assert_msg(named, "no diagnostic naming '%s' (%s); stderr: %s",
                      file, reason ? reason : "any reason", err);
    free(err);
}

static const char xxe_xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE article [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n"
    "<!ENTITY % pe SYSTEM \"file:///etc/hostname\"> %pe;]>\n"
    "<article><front><article-meta><title-group><article-title>T &xxe;"
    "</article-title></title-group></article-meta></front><body><sec>"
    "<p>Secret: &xxe; and 5 percent.</p></sec></body></article>\n";

/* 10^9 "lol"s if entities were expanded. */
static const char laughs_xml[] =
    "<?xml version=\"1.0\"?>\n<!DOCTYPE article [\n"
    "<!ENTITY l0 \"lol\">\n"
    "<!ENTITY l1 \"&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;\">\n"
    "<!ENTITY l2 \"&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;\">\n"
    "<!ENTITY l3 \"&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;\">\n"
    "<!ENTITY l4 \"&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;\">\n"
    "<!ENTITY l5 \"&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;\">\n"
    "<!ENTITY l6 \"&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;\">\n"
    "<!ENTITY l7 \"&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;\">\n"
    "<!ENTITY l8 \"&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;\">\n"
    "<!ENTITY l9 \"&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;\">\n"
    "]>\n<article><body><sec><p>&l9; costs 5 percent</p></sec></body>"
    "</article>\n";

/* Quadratic blowup: one big entity referenced many times. */
static void quadratic_xml(ev_buf *b)
{
    int i;
    ev_buf_puts(b, "<?xml version=\"1.0\"?>\n<!DOCTYPE article [<!ENTITY a \"");
    for (i = 0; i < 50000; i++)
        ev_buf_putc(b, 'a');
    ev_buf_puts(b, "\">]>\n<article><body><p>");
    for (i = 0; i < 50000; i++)
        ev_buf_puts(b, "&a;");
    ev_buf_puts(b, "</p></body></article>\n");
}

static const char net_html[] =
    "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" "
    "\"http://10.255.255.1/xhtml1-strict.dtd\">\n"
    "<html><head><title>Net</title>"
    "<link rel=\"stylesheet\" href=\"http://10.255.255.1/a.css\">"
    "<script src=\"http://10.255.255.1/a.js\"></script></head>"
    "<body><p>Revenue rose 12 percent in 2019 <img "
    "src=\"http://10.255.255.1/p.png\">.</p></body></html>\n";

static const char net_xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE article PUBLIC \"-//NLM//DTD JATS//EN\" "
    "\"http://10.255.255.1/JATS-archivearticle1.dtd\">\n"
    "<article xmlns:xi=\"http://www.w3.org/2001/XInclude\"><body><sec>"
    "<p>Costs were 7 percent.</p>"
    "<xi:include href=\"http://10.255.255.1/x.xml\"/></sec></body>"
    "</article>\n";

static const char net_tei[] =
    "<?xml version=\"1.0\"?>\n"
    "<?xml-stylesheet href=\"http://10.255.255.1/s.xsl\"?>\n"
    "<!DOCTYPE TEI SYSTEM \"http://10.255.255.1/tei.dtd\">\n"
    "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body>"
    "<p>About 3 mg per day.</p></body></text></TEI>\n";

/* ---- library level: the XML reader itself ---- */

static void parse_xml_str(ev_doc *doc, const char *s, size_t len, int *rc,
                          ev_err *err)
{
    ev_doc_init(doc);
    doc->format = EV_FMT_JATS;
    *rc = ev_corpus_parse_xml(doc, s, len, NULL, err);
}

START_TEST(test_xxe_library)
{
    ev_doc doc;
    ev_err err = {0, ""};
    int rc;
    ev_corpus_global_init();
    parse_xml_str(&doc, xxe_xml, strlen(xxe_xml), &rc, &err);
    if (rc == 0) {
        ck_assert_ptr_nonnull(doc.text);
        ck_assert_msg(!strstr(doc.text, "root:"),
                      "external entity expanded: %s", doc.text);
        ck_assert_msg(strstr(doc.text, "5 percent") != NULL,
                      "body text lost: %s", doc.text);
    } else {
        ck_assert_msg(err.msg[0] && !strchr(err.msg, '\n'), "bad error '%s'",
                      err.msg);
    }
    ev_doc_release(&doc);
}
END_TEST

START_TEST(test_billion_laughs_library)
{
    ev_doc doc;
    ev_err err = {0, ""};
    ev_buf q = EV_BUF_INIT;
    int rc;
    double t0 = now();
    ev_corpus_global_init();
    parse_xml_str(&doc, laughs_xml, strlen(laughs_xml), &rc, &err);
    if (rc == 0)
        ck_assert_msg(doc.text_len < 100000, "entities expanded: %zu bytes",
                      doc.text_len);
    else
        ck_assert_msg(err.msg[0] && !strchr(err.msg, '\n'), "bad error");
    ev_doc_release(&doc);
    quadratic_xml(&q);
    ck_assert(!q.oom);
    parse_xml_str(&doc, q.ptr, q.len, &rc, &err);
    if (rc == 0)
        ck_assert_msg(doc.text_len < 10000000, "quadratic expansion: %zu",
                      doc.text_len);
    ev_doc_release(&doc);
    ev_buf_release(&q);
    ck_assert_msg(now() - t0 < 20, "entity parsing took %.1f s", now() - t0);
}
END_TEST

START_TEST(test_deep_library)
{
    ev_buf b = EV_BUF_INIT;
    ev_doc doc;
    ev_err err = {0, ""};
    int i, rc;
    ev_corpus_global_init();
    ev_buf_puts(&b, "<html><body>");
    for (i = 0; i < 100000; i++)
        ev_buf_puts(&b, "<div><span>");
    ev_buf_puts(&b, "deep 5 percent");
    ck_assert(!b.oom);
    ev_doc_init(&doc);
    doc.format = EV_FMT_HTML;
    rc = ev_corpus_parse_html(&doc, b.ptr, b.len, NULL, &err);
    if (rc)
        ck_assert_msg(rc == EV_ELIMIT && strstr(err.msg, "deep"),
                      "rc %d: %s", rc, err.msg);
    ev_doc_release(&doc);
    ev_buf_release(&b);
}
END_TEST

/* A foot mark ending the text: no read past it (regression of extract-2,
 * heap-buffer-overflow found by fuzz_figure). The input sits in a buffer
 * of exactly its length so ASan sees any overread. */
START_TEST(test_figure_foot_mark_end)
{
    static const char *const figs[] = {"2\xc2\xbd'", "8\"", "5'",
                                       "3\xe2\x80\xb2", "4\xe2\x80\xb3"};
    const ev_extractor *ex = NULL;
    ev_extractor *exm = NULL;
    ev_err err = {0, ""};
    size_t i;
    ck_assert_int_eq(ev_extractor_new(&exm, &err), 0);
    ex = exm;
    for (i = 0; i < sizeof(figs) / sizeof(figs[0]); i++) {
        size_t n = strlen(figs[i]);
        char *s = malloc(n);
        ev_quantity q;
        ck_assert_ptr_nonnull(s);
        memcpy(s, figs[i], n);
        ev_figure_parse(ex, s, n, &q, NULL, &err);
        free(s);
    }
    ev_extractor_free(exm);
}
END_TEST

/* ---- the binary ---- */

/* A query with a newline or an escape sequence: the error stays one line
 * (regression of common-1, found by fuzz_search). */
START_TEST(test_control_chars_query_cli)
{
    char args[600];
    make_tmp();
    write_str("a.txt", "Costs rose 5 percent in 2019.\n");
    snprintf(args, sizeof(args), "add --no-progress '%s/a.txt'", tmpdir);
    ck_assert_int_eq(run(args), 0);
    ck_assert_int_eq(run("search \"$(printf 'x:\\n:\\033[31m')\""), 2);
    assert_diagnostics(NULL, NULL);
    ck_assert_int_eq(run("search \"$(printf ':\\005\\377\\n\\n')x\""), 2);
    assert_diagnostics(NULL, NULL);
    rm_tmp();
}
END_TEST

START_TEST(test_xxe_and_laughs_cli)
{
    ev_buf q = EV_BUF_INIT;
    char *out;
    double t0;
    make_tmp();
    write_str("xxe.xml", xxe_xml);
    write_str("laughs.xml", laughs_xml);
    quadratic_xml(&q);
    write_file("quad.xml", q.ptr, q.len);
    ev_buf_release(&q);
    t0 = now();
    {
        char args[600];
        snprintf(args, sizeof(args), "add --no-progress '%s'", tmpdir);
        ck_assert_int_le(run(args), 2);
    }
    ck_assert_msg(now() - t0 < 30, "add took %.1f s", now() - t0);
    assert_diagnostics(NULL, NULL);
    ck_assert_int_eq(run("search root"), run("search root"));
    out = slurp(out_path);
    ck_assert_msg(!strstr(out, "root:"), "passwd leaked: %s", out);
    free(out);
    if (run("show xxe.xml") == 0) {
        out = slurp(out_path);
        ck_assert_msg(!strstr(out, "root:"), "passwd leaked: %s", out);
        free(out);
    }
    if (run("show laughs.xml") == 0) {
        out = slurp(out_path);
        ck_assert_msg(strlen(out) < 100000, "laughs expanded");
        free(out);
    }
    rm_tmp();
}
END_TEST

START_TEST(test_network_doctype_cli)
{
    char args[600];
    double t0;
    make_tmp();
    write_str("net.html", net_html);
    write_str("net.xml", net_xml);
    write_str("net.tei.xml", net_tei);
    t0 = now();
    snprintf(args, sizeof(args), "add --no-progress '%s'", tmpdir);
    ck_assert_int_le(run(args), 2);
    /* 10.255.255.1 never answers: a fetch attempt would hang for long */
    ck_assert_msg(now() - t0 < 20, "add took %.1f s: network?", now() - t0);
    assert_diagnostics(NULL, NULL);
    ck_assert_int_eq(run("show net.html"), 0);
    rm_tmp();
}
END_TEST

START_TEST(test_no_socket_strace)
{
    char cmd[2048], trace[320];
    char *t;
    int st;
    if (system("command -v strace >/dev/null 2>&1") != 0) {
        fprintf(stderr, "hostile: strace missing: network check skipped\n");
        return;
    }
    make_tmp();
    write_str("net.html", net_html);
    write_str("net.xml", net_xml);
    write_str("net.tei.xml", net_tei);
    write_str("xxe.xml", xxe_xml);
    snprintf(trace, sizeof(trace), "%s/trace", tmpdir);
    snprintf(cmd, sizeof(cmd),
             "ASAN_OPTIONS=detect_leaks=0 strace -f -qq -e trace=network -o '%s' '%s' --db '%s' add "
             "--no-progress '%s' '%s' >/dev/null 2>&1; "
             "'%s' --db '%s' search percent >/dev/null 2>&1",
             trace, EV_BIN, db_path, tmpdir,
             EV_SHARED_DIR "/corpus/seeds/000_7b40eee1b7c376cd.txt", EV_BIN,
             db_path);
    st = system(cmd);
    ck_assert(WIFEXITED(st));
    if (access(trace, R_OK) != 0) {
        fprintf(stderr, "hostile: strace cannot trace here: skipped\n");
        rm_tmp();
        return;
    }
    t = slurp(trace);
    ck_assert_msg(!strstr(t, "AF_INET") && !strstr(t, "AF_INET6") &&
                      !strstr(t, "connect("),
                  "network system calls:\n%s", t);
    free(t);
    rm_tmp();
}
END_TEST

START_TEST(test_deep_nesting_cli)
{
    ev_buf b = EV_BUF_INIT;
    char args[600];
    int i;
    make_tmp();
    ev_buf_puts(&b, "<html><body>");
    for (i = 0; i < 100000; i++)
        ev_buf_puts(&b, "<div>");
    ev_buf_puts(&b, "deep 5 percent");
    for (i = 0; i < 100000; i++)
        ev_buf_puts(&b, "</div>");
    ev_buf_puts(&b, "</body></html>\n");
    write_file("deep.html", b.ptr, b.len);
    ev_buf_clear(&b);
    ev_buf_puts(&b, "<?xml version=\"1.0\"?><article><body>");
    for (i = 0; i < 100000; i++)
        ev_buf_puts(&b, "<sec>");
    ev_buf_puts(&b, "<p>x 5%</p>");
    for (i = 0; i < 100000; i++)
        ev_buf_puts(&b, "</sec>");
    ev_buf_puts(&b, "</body></article>\n");
    write_file("deep.xml", b.ptr, b.len);
    ev_buf_release(&b);
    snprintf(args, sizeof(args), "add --no-progress '%s'", tmpdir);
    ck_assert_int_le(run(args), 2);
    assert_diagnostics(NULL, NULL);
    {
        char *err = slurp(err_path);
        /* either indexed or refused by the depth limit, by name */
        ck_assert_msg(!strstr(err, "deep.html") ||
                          strstr(err, "deep.html': document nested too deep"),
                      "%s", err);
        ck_assert_msg(!strstr(err, "deep.xml") ||
                          strstr(err, "deep.xml': document nested too deep"),
                      "%s", err);
        free(err);
    }
    rm_tmp();
}
END_TEST

START_TEST(test_huge_files_cli)
{
    char path[512], args[1200];
    int fd;
    ev_buf b = EV_BUF_INIT;
    size_t i;
    make_tmp();
    /* 1 GiB of one line, sparse: refused by size before it is read */
    snprintf(path, sizeof(path), "%s/big.txt", tmpdir);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(ftruncate(fd, (off_t)1 << 30), 0);
    ck_assert_int_eq(pwrite(fd, "x", 1, 0), 1);
    close(fd);
    snprintf(args, sizeof(args), "add --no-progress '%s'", path);
    ck_assert_int_eq(run(args), 2);
    assert_diagnostics("big.txt", "file too large");
    /* the configured limit, with a clear message */
    for (i = 0; i < 300000; i++)
        ev_buf_puts(&b, "word ");
    write_file("line.txt", b.ptr, b.len);
    ev_buf_release(&b);
    snprintf(args, sizeof(args), "add --no-progress --max-size 1 '%s/line.txt'",
             tmpdir);
    ck_assert_int_eq(run(args), 2);
    assert_diagnostics("line.txt", "file too large");
    /* under the size limit, but one 1.5 MB line is not prose */
    snprintf(args, sizeof(args), "add --no-progress '%s/line.txt'", tmpdir);
    ck_assert_int_eq(run(args), 2);
    assert_diagnostics("line.txt", "longer than");
    rm_tmp();
}
END_TEST

START_TEST(test_nul_bytes_cli)
{
    static const char nul_txt[] = "Some text of 5 percent\0\0\0 more\n";
    static const char nul_html[] =
        "<html><body><p>Rose 5\0 percent</p></body></html>\n";
    char args[600];
    make_tmp();
    write_file("nul.txt", nul_txt, sizeof(nul_txt) - 1);
    write_file("nul.html", nul_html, sizeof(nul_html) - 1);
    snprintf(args, sizeof(args), "add --no-progress '%s/nul.txt'", tmpdir);
    ck_assert_int_eq(run(args), 2);
    assert_diagnostics("nul.txt", "NUL");
    snprintf(args, sizeof(args), "add --no-progress '%s/nul.html'", tmpdir);
    ck_assert_int_le(run(args), 2);
    assert_diagnostics(NULL, NULL);
    rm_tmp();
}
END_TEST

START_TEST(test_bad_utf8_cli)
{
    static const char bad[] =
        "Overlong \xc0\xaf and \xe0\x80\xaf, surrogate \xed\xa0\x80, "
        "bad \xff\xfe, cut \xe2\x82 ok 12 percent of \xf4\x90\x80\x80 "
        "things, \xf8\x88\x80\x80\x80 five-byte.\n\nNext 7 percent.\xc3";
    static const char bad_html[] =
        "<html><head><meta charset=\"utf-8\"><title>T\xc0\xaf</title></head>"
        "<body><p>Rose \xed\xa0\x80 5 percent \xff in 2019.</p></body></html>";
    char args[600];
    char *out;
    make_tmp();
    write_file("bad.txt", bad, sizeof(bad) - 1);
    write_file("bad.html", bad_html, sizeof(bad_html) - 1);
    snprintf(args, sizeof(args), "add --no-progress '%s'", tmpdir);
    ck_assert_int_eq(run(args), 0);
    assert_diagnostics("bad.txt", "invalid UTF-8");
    ck_assert_int_eq(run("show bad.txt"), 0);
    out = slurp(out_path);
    ck_assert_uint_eq(ev_utf8_valid(out, strlen(out)), strlen(out));
    ck_assert_ptr_nonnull(strstr(out, "12 percent"));
    free(out);
    ck_assert_int_eq(run("--json claims"), 0);
    out = slurp(out_path);
    ck_assert_uint_eq(ev_utf8_valid(out, strlen(out)), strlen(out));
    free(out);
    ck_assert_int_eq(run("show bad.html"), 0);
    out = slurp(out_path);
    ck_assert_uint_eq(ev_utf8_valid(out, strlen(out)), strlen(out));
    free(out);
    rm_tmp();
}
END_TEST

START_TEST(test_pdf_billion_pages_cli)
{
    char args[600];
    double t0;
    make_tmp();
    t0 = now();
    snprintf(args, sizeof(args),
             "add --no-progress --pdf-timeout 20 '%s/billion-pages.pdf' "
             "'%s/truncated.pdf' '%s/not-a.pdf'",
             HOSTILE, HOSTILE, HOSTILE);
    ck_assert_int_le(run(args), 2);
    ck_assert_msg(now() - t0 < 60, "add took %.1f s", now() - t0);
    assert_diagnostics(NULL, NULL);
    {
        char *err = slurp(err_path);
        ck_assert_msg(strstr(err, "not-a.pdf'"), "no error for a non-PDF: %s",
                      err);
        free(err);
    }
    rm_tmp();
}
END_TEST

START_TEST(test_symlink_loop_cli)
{
    char cmd[1200], args[600];
    char *out;
    make_tmp();
    snprintf(cmd, sizeof(cmd),
             "cd '%s' && mkdir -p d/sub && printf 'Costs rose 5 percent.\\n' "
             "> d/sub/a.txt && ln -s .. d/sub/up && ln -s ../d d/sub/again "
             "&& ln -s self.txt d/self.txt && ln -s b.txt d/a.txt "
             "&& ln -s a.txt d/b.txt && ln -s /nonexistent d/gone.txt",
             tmpdir);
    ck_assert_int_eq(system(cmd), 0);
    snprintf(args, sizeof(args), "add --no-progress '%s/d'", tmpdir);
    ck_assert_int_le(run(args), 2);
    assert_diagnostics("self.txt", NULL);
    ck_assert_int_eq(run("docs"), 0);
    out = slurp(out_path);
    /* the one real file, once */
    ck_assert_ptr_nonnull(strstr(out, "a.txt"));
    ck_assert_ptr_null(strstr(strstr(out, "a.txt") + 1, "a.txt"));
    free(out);
    rm_tmp();
}
END_TEST

/* Keeps rewriting, truncating, deleting and re-creating files under dir
 * until killed. */
static pid_t start_mutator(const char *dir)
{
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        char path[600];
        unsigned r = (unsigned)getpid();
        for (;;) {
            int k;
            FILE *fp;
            r = r * 1103515245u + 12345u;
            k = (int)((r >> 8) % 20);
            snprintf(path, sizeof(path), "%s/f%02d.txt", dir, k);
            switch ((r >> 16) % 4) {
            case 0:
                unlink(path);
                break;
            case 1:
                if (truncate(path, (off_t)((r >> 4) % 64)) != 0)
                    (void)0;
                break;
            default:
                fp = fopen(path, "w");
                if (fp) {
                    int n = (int)((r >> 3) % 400), i;
                    for (i = 0; i < n; i++)
                        fprintf(fp, "Line %d says %d percent rose.\n%s", i,
                                i % 97, i % 7 ? "" : "\n");
                    fclose(fp);
                }
                break;
            }
        }
    }
    return pid;
}

START_TEST(test_vanishing_files_cli)
{
    char dir[300], args[800];
    pid_t pid;
    int i, st;
    make_tmp();
    snprintf(dir, sizeof(dir), "%s/v", tmpdir);
    ck_assert_int_eq(mkdir(dir, 0755), 0);
    pid = start_mutator(dir);
    usleep(100000);
    snprintf(args, sizeof(args), "add --no-progress --jobs 2 '%s'", dir);
    for (i = 0; i < 8; i++) {
        int rc = run(args);
        ck_assert_msg(rc == 0 || rc == 2, "exit %d", rc);
        assert_diagnostics(NULL, NULL);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
    /* a FIFO named directly must not block the walk or the reader */
    snprintf(args, sizeof(args), "%s/fifo.txt", tmpdir);
    ck_assert_int_eq(mkfifo(args, 0644), 0);
    snprintf(args, sizeof(args), "add --no-progress '%s/fifo.txt' '%s'",
             tmpdir, dir);
    ck_assert_int_eq(run(args), 2);
    assert_diagnostics("fifo.txt", "not a regular file");
    ck_assert_int_eq(run("docs"), 0);
    rm_tmp();
}
END_TEST

/* Makes db_path impossible to write even for root: the immutable
 * attribute (chattr +i), else a plain chmod for other users. Returns 0 if
 * it could. */
static int make_readonly(void)
{
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "chattr +i '%s' 2>/dev/null", db_path);
    if (system(cmd) == 0)
        return 0;
    if (geteuid() != 0 && chmod(db_path, 0444) == 0)
        return 0;
    return -1;
}

START_TEST(test_readonly_db_cli)
{
    char args[600];
    char *out;
    make_tmp();
    write_str("a.txt", "Costs rose 5 percent in 2019.\n");
    write_str("b.txt", "Costs fell 3 percent in 2020.\n");
    snprintf(args, sizeof(args), "add --no-progress '%s/a.txt'", tmpdir);
    ck_assert_int_eq(run(args), 0);
    if (make_readonly() != 0) {
        fprintf(stderr, "hostile: cannot make a read-only file here "
                        "(root without chattr): skipped\n");
        rm_tmp();
        return;
    }
    snprintf(args, sizeof(args), "add --no-progress '%s/b.txt'", tmpdir);
    ck_assert_int_eq(run(args), 2);
    assert_diagnostics(NULL, NULL);
    out = slurp(err_path);
    ck_assert_msg(strstr(out, "read-only") != NULL, "stderr: %s", out);
    ck_assert_int_eq((int)(strchr(out, '\n') - out + 1), (int)strlen(out));
    free(out);
    /* queries still work, and the index kept its one document */
    ck_assert_int_eq(run("search percent"), 0);
    ck_assert_int_eq(run("docs"), 0);
    out = slurp(out_path);
    ck_assert_ptr_nonnull(strstr(out, "a.txt"));
    ck_assert_ptr_null(strstr(out, "b.txt"));
    free(out);
    rm_tmp();
}
END_TEST

/*
 * An index on a read-only medium (a read-only bind mount stands in for a
 * CD or a read-only share): add says the index is read-only, queries work.
 * Needs mount rights (root); skipped otherwise. Regression test of
 * hardening proposal index-1 (open read-only media immutable).
 */
START_TEST(test_readonly_medium_cli)
{
    char cmd[1400], mnt[280], args[700];
    char *out;
    make_tmp();
    write_str("a.txt", "Costs rose 5 percent in 2019.\n");
    snprintf(args, sizeof(args), "add --no-progress '%s/a.txt'", tmpdir);
    ck_assert_int_eq(run(args), 0);
    snprintf(mnt, sizeof(mnt), "%.200s/ro", tmpdir);
    ck_assert_int_eq(mkdir(mnt, 0755), 0);
    snprintf(cmd, sizeof(cmd),
             "mount --bind '%s' '%s' 2>/dev/null && "
             "mount -o remount,bind,ro '%s' 2>/dev/null",
             tmpdir, mnt, mnt);
    if (system(cmd) != 0) {
        snprintf(cmd, sizeof(cmd), "umount '%s' 2>/dev/null", mnt);
        if (system(cmd) != 0)
            (void)0;
        fprintf(stderr, "hostile: no mount rights: read-only medium "
                        "test skipped\n");
        rm_tmp();
        return;
    }
    snprintf(db_path, sizeof(db_path), "%.250s/t.db", mnt);
    snprintf(args, sizeof(args), "add --no-progress '%s/a.txt'", tmpdir);
    ck_assert_int_eq(run(args), 2);
    assert_diagnostics(NULL, NULL);
    out = slurp(err_path);
    ck_assert_msg(strstr(out, "read-only") != NULL, "stderr: %s", out);
    free(out);
    ck_assert_int_eq(run("search percent"), 0);
    out = slurp(out_path);
    ck_assert_ptr_nonnull(strstr(out, "a.txt"));
    free(out);
    snprintf(cmd, sizeof(cmd), "umount '%s'", mnt);
    ck_assert_int_eq(system(cmd), 0);
    rm_tmp();
}
END_TEST

/* Runs evidex add with the file size limited (the disk is "full" past
 * limit bytes; SIGXFSZ ignored so writes fail with EFBIG). */
static int run_limited(const char *dir, rlim_t limit)
{
    pid_t pid = fork();
    int st;
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        struct rlimit rl = {limit, limit};
        int fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        signal(SIGXFSZ, SIG_IGN);
        if (fd >= 0) {
            dup2(fd, 2);
            close(fd);
        }
        fd = open("/dev/null", O_WRONLY);
        if (fd >= 0)
            dup2(fd, 1);
        setrlimit(RLIMIT_FSIZE, &rl);
        execl(EV_BIN, EV_BIN, "--db", db_path, "add", "--no-progress", dir,
              (char *)NULL);
        _exit(127);
    }
    ck_assert_int_eq(waitpid(pid, &st, 0), pid);
    ck_assert_msg(WIFEXITED(st), "killed by signal %d",
                  WIFSIGNALED(st) ? WTERMSIG(st) : 0);
    return WEXITSTATUS(st);
}

START_TEST(test_full_disk_cli)
{
    char dir[300], name[64], args[700];
    ev_buf b = EV_BUF_INIT;
    int i, k, rc;
    char *out;
    make_tmp();
    snprintf(dir, sizeof(dir), "%s/docs", tmpdir);
    ck_assert_int_eq(mkdir(dir, 0755), 0);
    for (i = 0; i < 40; i++) {
        ev_buf_clear(&b);
        for (k = 0; k < 300; k++)
            ev_buf_printf(&b, "In %d the cost of item %d rose %d.%d percent "
                          "to $%d million.\n%s", 1990 + k % 30, i * 1000 + k,
                          k % 50, i % 10, k * 7 + i, k % 5 ? "" : "\n");
        snprintf(name, sizeof(name), "docs/d%02d.txt", i);
        write_file(name, b.ptr, b.len);
    }
    ev_buf_release(&b);
    rc = run_limited(dir, 256 * 1024);
    ck_assert_int_eq(rc, 2);
    assert_diagnostics(NULL, NULL);
    out = slurp(err_path);
    ck_assert_msg(out[0] != '\0', "no diagnostic for a full disk");
    /* one line that names the index file and the reason */
    ck_assert_msg(strstr(out, db_path) != NULL && strchr(out, '\n') ==
                      out + strlen(out) - 1 &&
                      strstr(out, "cannot write the index") != NULL,
                  "full disk: %s", out);
    free(out);
    /* the index is still usable, and the next add completes the rest */
    snprintf(args, sizeof(args), "add --no-progress '%s'", dir);
    ck_assert_int_eq(run(args), 0);
    out = slurp(out_path);
    ck_assert_msg(strstr(out, "0 failed") != NULL, "%s", out);
    free(out);
    ck_assert_int_eq(run("docs"), 0);
    rm_tmp();
}
END_TEST

Suite *hostile_suite(void)
{
    Suite *s = suite_create("hostile");
    TCase *tc = tcase_create("xml");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_xxe_library);
    tcase_add_test(tc, test_billion_laughs_library);
    tcase_add_test(tc, test_deep_library);
    tcase_add_test(tc, test_figure_foot_mark_end);
    tcase_add_test(tc, test_xxe_and_laughs_cli);
    tcase_add_test(tc, test_network_doctype_cli);
    tcase_add_test(tc, test_deep_nesting_cli);
    suite_add_tcase(s, tc);
    tc = tcase_create("network");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_no_socket_strace);
    suite_add_tcase(s, tc);
    tc = tcase_create("bytes");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_huge_files_cli);
    tcase_add_test(tc, test_nul_bytes_cli);
    tcase_add_test(tc, test_bad_utf8_cli);
    tcase_add_test(tc, test_pdf_billion_pages_cli);
    tcase_add_test(tc, test_control_chars_query_cli);
    suite_add_tcase(s, tc);
    tc = tcase_create("filesystem");
    tcase_set_timeout(tc, 240);
    tcase_add_test(tc, test_symlink_loop_cli);
    tcase_add_test(tc, test_vanishing_files_cli);
    tcase_add_test(tc, test_readonly_db_cli);
    tcase_add_test(tc, test_readonly_medium_cli);
    tcase_add_test(tc, test_full_disk_cli);
    suite_add_tcase(s, tc);
    return s;
}
