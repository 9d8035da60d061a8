/*
 * Plain-text sources (.txt, .md): UTF-8 repair and paragraph blocks with
 * byte offsets and line numbers into the source file.
 */
#include "corpus.h"

#include <stdlib.h>
#include <string.h>

/* A "line" longer than this is not prose: a data dump, a minified file
 * or garbage. Refusing it keeps every later stage's work per line bounded. */
#define MAX_LINE (1u << 20)

int ev_corpus_parse_text(ev_doc *doc, const char *data, size_t len,
                         ev_err *err)
{
    ev_buf b = EV_BUF_INIT;
    long bad;
    size_t ok, i, line_start = 0, line = 1;
    for (i = 0; i < len; i++) {
        if (data[i] == '\n') {
            line++;
            line_start = i + 1;
        } else if (i - line_start >= MAX_LINE) {
            return ev_err_set(err, EV_ELIMIT, "line %zu is longer than "
                              "1 MiB: not a text document", line);
        }
    }
    ok = ev_utf8_valid(data, len);
    if (ok == len) {
        if (ev_buf_add(&b, data, len))
            goto oom;
        bad = 0;
    } else {
        bad = ev_utf8_repair(data, len, &b);
        if (bad < 0)
            goto oom;
    }
    free(doc->text);
    doc->text_len = b.len;
    doc->text = ev_buf_detach(&b);
    if (!doc->text)
        goto oom;
    doc->n_repaired = bad;
    if (ev_corpus_paragraphs(doc))
        goto oom;
    return 0;
oom:
    ev_buf_release(&b);
    return ev_err_set(err, EV_ENOMEM, "out of memory");
}

static int blank_line(const char *p, const char *end)
{
    while (p < end && *p != '\n') {
        if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\f')
            return 0;
        p++;
    }
    return 1;
}

int ev_corpus_paragraphs(ev_doc *doc)
{
    const char *t = doc->text, *end = t + doc->text_len, *p = t;
    int line = 1;
    while (p < end) {
        const char *start, *last_end;
        int start_line;
        /* skip blank lines */
        while (p < end && blank_line(p, end)) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            if (!nl) {
                p = end;
                break;
            }
            p = nl + 1;
            line++;
        }
        if (p >= end)
            break;
        start = p;
        start_line = line;
        last_end = p;
        while (p < end && !blank_line(p, end)) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            const char *le = nl ? nl : end;
            /* trim trailing white space of the block */
            while (le > p && (le[-1] == ' ' || le[-1] == '\t' ||
                              le[-1] == '\r'))
                le--;
            last_end = le;
            if (!nl) {
                p = end;
                break;
            }
            p = nl + 1;
            line++;
        }
        {
            ev_block *b = ev_vec_push(&doc->blocks);
            if (!b)
                return EV_ENOMEM;
            b->start = (size_t)(start - t);
            b->end = (size_t)(last_end - t);
            b->line = start_line;
            b->kind = EV_BLK_PARA;
            b->note = b->ref = -1;
        }
    }
    return 0;
}
