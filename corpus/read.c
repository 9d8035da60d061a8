/*
 * Reading a source file: size limits, content hash, format detection by
 * content, dispatch to the format's parser, and the folder walk.
 */
#include "corpus.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_MAX_FILE (256u * 1024u * 1024u)

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static int has_ext(const char *name, const char *ext)
{
    size_t n = strlen(name), e = strlen(ext);
    return n > e && strcasecmp(name + n - e, ext) == 0;
}

/* Skips a UTF-8 BOM and leading white space. */
static const char *skip_ws(const char *p, const char *end)
{
    if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (p < end && isspace((unsigned char)*p))
        p++;
    return p;
}

static int starts_ci(const char *p, const char *end, const char *lit)
{
    size_t n = strlen(lit);
    return (size_t)(end - p) >= n && strncasecmp(p, lit, n) == 0;
}

/* Finds the root element name after the prolog, comments and doctype. */
static int xml_root_is(const char *p, const char *end, const char *name)
{
    size_t n = strlen(name);
    int guard = 0;
    while (p < end && guard++ < 64) {
        p = skip_ws(p, end);
        if (p >= end || *p != '<')
            return 0;
        if (starts_ci(p, end, "<?") || starts_ci(p, end, "<!")) {
            const char *q = memchr(p, '>', (size_t)(end - p));
            const char *lb = memchr(p, '[', (size_t)(end - p));
            /* a DOCTYPE's internal subset holds '>'s: skip to "]>" */
            if (starts_ci(p, end, "<!DOCTYPE") && lb && q && lb < q) {
                q = lb;
                while ((q = memchr(q, ']', (size_t)(end - q))) != NULL) {
                    const char *r = skip_ws(q + 1, end);
                    if (r < end && *r == '>') {
                        q = r;
                        break;
                    }
                    q++;
                }
            }
            if (!q)
                return 0;
            p = q + 1;
            continue;
        }
        p++;
        /* skip a namespace prefix */
        {
            const char *q = p;
            while (q < end && (isalnum((unsigned char)*q) || *q == '-' ||
                               *q == '_' || *q == '.'))
                q++;
            if (q < end && *q == ':')
                p = q + 1;
        }
        return (size_t)(end - p) > n && strncasecmp(p, name, n) == 0 &&
               !isalnum((unsigned char)p[n]);
    }
    return 0;
}

int ev_corpus_detect(const char *data, size_t len, const char *name)
{
    const char *end = data + len, *p = skip_ws(data, end);
    size_t head = len < 4096 ? len : 4096;
    const char *hend = data + head;
    if (len >= 5 && memcmp(data, "%PDF-", 5) == 0)
        return EV_FMT_PDF;
    if (starts_ci(p, end, "<?xml") || starts_ci(p, end, "<!DOCTYPE article") ||
        starts_ci(p, end, "<article") || starts_ci(p, end, "<TEI") ||
        starts_ci(p, end, "<!--")) {
        if (xml_root_is(p, hend, "article"))
            return EV_FMT_JATS;
        if (xml_root_is(p, hend, "TEI") || xml_root_is(p, hend, "teiCorpus"))
            return EV_FMT_TEI;
        if (xml_root_is(p, hend, "html"))
            return EV_FMT_HTML;
        if (starts_ci(p, end, "<!--") &&
            (memmem(data, head, "<html", 5) || memmem(data, head, "<HTML", 5)))
            return EV_FMT_HTML;
        if (starts_ci(p, end, "<?xml") || starts_ci(p, end, "<!DOCTYPE"))
            return EV_FMT_UNKNOWN;
    }
    if (starts_ci(p, end, "<!DOCTYPE html") || starts_ci(p, end, "<html") ||
        starts_ci(p, end, "<head") || starts_ci(p, end, "<body"))
        return EV_FMT_HTML;
    if (name && (has_ext(name, ".html") || has_ext(name, ".htm") ||
                 has_ext(name, ".xhtml")) &&
        p < end && *p == '<')
        return EV_FMT_HTML;
    if (name && has_ext(name, ".pdf"))
        return EV_FMT_PDF; /* without the magic: the PDF reader says why */
    if (memchr(data, '\0', len))
        return EV_FMT_UNKNOWN;
    return EV_FMT_TEXT;
}

int ev_corpus_parse(ev_doc *doc, const char *name, const char *data,
                    size_t len, const ev_corpus_opts *opts, ev_err *err)
{
    ev_corpus_opts o = {0};
    int fmt, rc;
    if (opts)
        o = *opts;
    if (!o.max_file_size)
        o.max_file_size = DEFAULT_MAX_FILE;
    if (!o.pdf_timeout_sec)
        o.pdf_timeout_sec = 60;
    if (!o.max_depth)
        o.max_depth = 512;
    if (!doc->name)
        doc->name = ev_strdup(name ? base_name(name) : "-");
    if (len == 0)
        return ev_err_set(err, EV_EINVALID, "empty file");
    if (len > o.max_file_size)
        return ev_err_set(err, EV_ELIMIT,
                          "file too large (%zu bytes; limit %zu)", len,
                          o.max_file_size);
    doc->source_size = len;
    doc->hash = ev_hash64(data, len, 0);
    fmt = ev_corpus_detect(data, len, name);
    doc->format = fmt;
    switch (fmt) {
    case EV_FMT_TEXT: rc = ev_corpus_parse_text(doc, data, len, err); break;
    case EV_FMT_HTML: rc = ev_corpus_parse_html(doc, data, len, &o, err); break;
    case EV_FMT_JATS:
    case EV_FMT_TEI: rc = ev_corpus_parse_xml(doc, data, len, &o, err); break;
    case EV_FMT_PDF: rc = ev_corpus_parse_pdf(doc, data, len, &o, err); break;
    default:
        if (memchr(data, '\0', len))
            return ev_err_set(err, EV_EINVALID,
                              "binary file (contains NUL bytes)");
        return ev_err_set(err, EV_EFORMAT, "unknown format");
    }
    return rc;
}

int ev_corpus_read(ev_doc *doc, const char *path, const ev_corpus_opts *opts,
                   ev_err *err)
{
    size_t max = opts && opts->max_file_size ? opts->max_file_size
                                             : DEFAULT_MAX_FILE;
    struct stat st;
    char *data = NULL;
    size_t len = 0;
    int fd, rc;
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return ev_err_set(err, errno == ENOENT ? EV_ENOTFOUND : EV_EIO,
                          "cannot open: %s", strerror(errno));
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return ev_err_set(err, EV_EIO, "not a regular file");
    }
    if ((size_t)st.st_size > max) {
        close(fd);
        return ev_err_set(err, EV_ELIMIT,
                          "file too large (%lld bytes; limit %zu)",
                          (long long)st.st_size, max);
    }
    /* Read until EOF rather than trusting st_size: the file may change
     * while it is read. One byte over the limit is enough to refuse. */
    {
        size_t cap = (size_t)st.st_size + 1;
        data = malloc(cap + 1);
        if (!data) {
            close(fd);
            return ev_err_set(err, EV_ENOMEM, "out of memory");
        }
        for (;;) {
            ssize_t r;
            if (len == cap) {
                char *p;
                if (cap > max) {
                    free(data);
                    close(fd);
                    return ev_err_set(err, EV_ELIMIT, "file too large "
                                      "(grew while reading; limit %zu)", max);
                }
                cap *= 2;
                p = realloc(data, cap + 1);
                if (!p) {
                    free(data);
                    close(fd);
                    return ev_err_set(err, EV_ENOMEM, "out of memory");
                }
                data = p;
            }
            r = read(fd, data + len, cap - len);
            if (r < 0) {
                if (errno == EINTR)
                    continue;
                rc = ev_err_set(err, EV_EIO, "read failed: %s",
                                strerror(errno));
                free(data);
                close(fd);
                return rc;
            }
            if (r == 0)
                break;
            len += (size_t)r;
        }
    }
    close(fd);
    if (len > max) {
        free(data);
        return ev_err_set(err, EV_ELIMIT, "file too large (limit %zu)", max);
    }
    data[len] = '\0';
    free(doc->path);
    doc->path = ev_strdup(path);
    free(doc->name);
    doc->name = ev_strdup(base_name(path));
    rc = ev_corpus_parse(doc, path, data, len, opts, err);
    free(data);
    return rc;
}

/* ---- walking folders ---- */

typedef struct walk_state {
    ev_walk_fn fn;
    ev_walk_err_fn on_error;
    void *ctx;
    /* (dev, ino) of the directories on the current path: loop detection */
    dev_t devs[64];
    ino_t inos[64];
    int depth;
    int stop;
} walk_state;

static int source_name(const char *name)
{
    static const char *const exts[] = {".txt",  ".md",  ".html", ".htm",
                                       ".xhtml", ".xml", ".nxml", ".pdf",
                                       ".tei",  ".markdown"};
    size_t i;
    for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
        if (has_ext(name, exts[i]))
            return 1;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk_path(walk_state *w, const char *path, int named);

static void walk_dir(walk_state *w, const char *path, const struct stat *st)
{
    DIR *d;
    struct dirent *de;
    char **names = NULL;
    size_t n = 0, cap = 0, i;
    int k;
    for (k = 0; k < w->depth; k++)
        if (w->devs[k] == st->st_dev && w->inos[k] == st->st_ino) {
            w->on_error(w->ctx, path, "symlink loop: folder already visited");
            return;
        }
    if (w->depth >= 64) {
        w->on_error(w->ctx, path, "folders nested too deep (limit 64)");
        return;
    }
    d = opendir(path);
    if (!d) {
        w->on_error(w->ctx, path, strerror(errno));
        return;
    }
    while ((de = readdir(d)) != NULL) {
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
        names[n] = ev_strdup(de->d_name);
        if (names[n])
            n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof(*names), cmp_str);
    w->devs[w->depth] = st->st_dev;
    w->inos[w->depth] = st->st_ino;
    w->depth++;
    for (i = 0; i < n; i++) {
        if (!w->stop) {
            ev_buf child = EV_BUF_INIT;
            ev_buf_puts(&child, path);
            if (child.len && child.ptr[child.len - 1] != '/')
                ev_buf_putc(&child, '/');
            ev_buf_puts(&child, names[i]);
            if (!child.oom)
                walk_path(w, child.ptr, 0);
            ev_buf_release(&child);
        }
        free(names[i]);
    }
    w->depth--;
    free(names);
}

static void walk_path(walk_state *w, const char *path, int named)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        struct stat lst;
        if (errno == ELOOP || (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)))
            w->on_error(w->ctx, path, "broken or looping symlink");
        else
            w->on_error(w->ctx, path, errno == ENOENT ? "no such file or folder"
                                                      : strerror(errno));
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        walk_dir(w, path, &st);
        return;
    }
    if (!S_ISREG(st.st_mode)) {
        if (named)
            w->on_error(w->ctx, path, "not a regular file");
        return;
    }
    if (named || source_name(path))
        if (w->fn(w->ctx, path))
            w->stop = 1;
}

int ev_corpus_walk(const char *const *paths, size_t n_paths, ev_walk_fn fn,
                   ev_walk_err_fn on_error, void *ctx)
{
    walk_state w;
    size_t i;
    memset(&w, 0, sizeof(w));
    w.fn = fn;
    w.on_error = on_error;
    w.ctx = ctx;
    for (i = 0; i < n_paths && !w.stop; i++)
        walk_path(&w, paths[i], 1);
    return 0;
}
