/*
 * Document bodies as stored: docs.body holds each document's text as one
 * compressed frame (common/ev_lz.h). Packing is pure computation, so the
 * indexer's workers do it off the writer thread; reading unpacks, and
 * the SQL function ev_text(body, start, end) gives the view passages_text
 * (and so FTS5's snippets) a passage's text.
 */
#include "index_int.h"

#include <stdlib.h>
#include <string.h>

int ev_index_pack_text(ev_lz_packer *pk, const ev_doc *doc, ev_buf *frame,
                       ev_err *err)
{
    size_t n = doc->text ? doc->text_len : 0, got;
    ev_buf_clear(frame);
    if (n > EV_LZ_MAX_RAW)
        return ev_err_set(err, EV_ELIMIT, "text longer than %zu bytes",
                          (size_t)EV_LZ_MAX_RAW);
    if (ev_buf_grow(frame, ev_lz_bound(n)))
        return ev_err_set(err, EV_ENOMEM, "out of memory");
    got = ev_lz_pack(pk, n ? doc->text : "", n, frame->ptr, frame->cap);
    if (!got)
        return ev_err_set(err, EV_ENOMEM, "out of memory");
    frame->len = got;
    return 0;
}

int ev_index__unpack(const void *frame, size_t n, ev_buf *out, ev_err *err)
{
    int rc = ev_lz_unpack_buf(frame, n, out);
    if (rc == EV_ENOMEM)
        return ev_err_set(err, rc, "out of memory");
    if (rc)
        return ev_err_set(err, EV_EDB, "the stored text of a document is "
                          "damaged: the index file is corrupt (remove it "
                          "and add the sources again)");
    return 0;
}

/* The last body ev_text unpacked on this connection: FTS5 asks for the
 * passages of one document one after another (snippets of one search,
 * a rebuild), and comparing the frame costs far less than unpacking. */
typedef struct text_cache {
    ev_buf frame, text;
    int valid;
} text_cache;

static void text_cache_free(void *p)
{
    text_cache *c = p;
    if (!c)
        return;
    ev_buf_release(&c->frame);
    ev_buf_release(&c->text);
    free(c);
}

/* ev_text(body, start, end): bytes start..end of the text packed in
 * body, as TEXT (clamped to the text; NULL for a NULL body). */
static void fn_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    text_cache *c = sqlite3_user_data(ctx);
    const void *frame = sqlite3_value_blob(argv[0]);
    size_t n = (size_t)sqlite3_value_bytes(argv[0]);
    sqlite3_int64 a = sqlite3_value_int64(argv[1]);
    sqlite3_int64 b = sqlite3_value_int64(argv[2]);
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
        return;
    if (!frame)
        frame = "";
    if (!c->valid || c->frame.len != n || memcmp(c->frame.ptr, frame, n)) {
        c->valid = 0;
        ev_buf_clear(&c->frame);
        ev_buf_clear(&c->text);
        if (ev_buf_add(&c->frame, frame, n)) {
            sqlite3_result_error_nomem(ctx);
            return;
        }
        switch (ev_lz_unpack_buf(frame, n, &c->text)) {
        case 0:
            break;
        case EV_ENOMEM:
            sqlite3_result_error_nomem(ctx);
            return;
        default:
            sqlite3_result_error(ctx, "damaged document text", -1);
            return;
        }
        c->valid = 1;
    }
    if (b > (sqlite3_int64)c->text.len)
        b = (sqlite3_int64)c->text.len;
    if (a < 0)
        a = 0;
    if (a > b)
        a = b;
    sqlite3_result_text(ctx, c->text.ptr ? c->text.ptr + a : "", (int)(b - a),
                        SQLITE_TRANSIENT);
}

int ev_index__body_register(ev_index *idx, ev_err *err)
{
    text_cache *c = calloc(1, sizeof(*c));
    if (!c)
        return ev_err_set(err, EV_ENOMEM, "out of memory");
    /* on failure SQLite calls the destructor itself */
    if (sqlite3_create_function_v2(idx->db, "ev_text", 3,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC |
                                       SQLITE_INNOCUOUS,
                                   c, fn_text, NULL, NULL,
                                   text_cache_free) != SQLITE_OK)
        return ev_index__dberr(idx, err, "cannot register ev_text");
    return 0;
}
