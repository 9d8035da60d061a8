/*
 * Declarations shared between the files of index/.
 */
#ifndef EV_INDEX_INT_H
#define EV_INDEX_INT_H

#include "index.h"

#include <sqlite3.h>

/* Cached prepared statements, by purpose. */
enum {
    ST_DOC_STATE,
    ST_DOC_TOUCH,
    ST_DOC_INSERT,
    ST_DOC_RANGES,
    ST_NEXT_IDS,
    ST_DEL_PASSAGES,
    ST_DEL_SENTENCES,
    ST_DEL_CLAIM_CITES,
    ST_DEL_CLAIMS,
    ST_DEL_NOTES,
    ST_DEL_REFS,
    ST_DEL_CITES,
    ST_DOC_DELETE,
    ST_FTS_DEL_PASSAGES,
    ST_DOC_BODY,
    ST_DOC_PASSAGES,
    ST_FTS_DEL_SENTENCES,
    ST_LOC_FIND,
    ST_LOC_INSERT,
    ST_PASSAGE_INSERT,
    ST_PASSAGE_FTS,
    ST_NOTE_INSERT,
    ST_REF_INSERT,
    ST_CITE_INSERT,
    ST_CLAIM_INSERT,
    ST_SENT_INSERT,
    ST_SENT_FTS,
    ST_CLAIM_CITE_INSERT,
    ST_CLAIM_CITES,
    ST__COUNT
};

/* A reference's row id: its document's id and its place in the list
 * (below EV_REF_MAX), so that a document's references are one range of
 * a rowid table; as SQL over the expressions doc and idx. */
#define EV_REF_SHIFT 20
#define EV_REF_MAX (1 << EV_REF_SHIFT)
#define EV_REF_ID(doc, idx) "((" doc ") * 1048576 + (" idx "))"
/* "BETWEEN ... AND ...": the ids of document doc's references */
#define EV_REF_IDS(doc)                                                      \
    "BETWEEN " EV_REF_ID(doc, "0") " AND " EV_REF_ID(doc, "1048575")
/* A reference id's document and place in the list */
#define EV_REF_DOC(id) "((" id ") >> 20)"
#define EV_REF_PLACE(id) "((" id ") & 1048575)"
_Static_assert(EV_REF_MAX == 1048576 && EV_REF_SHIFT == 20,
               "the EV_REF_ macros must multiply by EV_REF_MAX");
/* A reference's title or container column: stored as text, or as an
 * integer (offset << 16 | length) of the bytes of its text it is. */
#define EV_REF_PART(col)                                                     \
    "CASE WHEN typeof(" col ") = 'integer' THEN"                            \
    " CAST(substr(CAST(r.text AS BLOB), (" col " >> 16) + 1,"               \
    " " col " & 65535) AS TEXT) ELSE " col " END"

/* A claim citation's columns (kind, marker, text, url, note, ref,
 * start, end; the text and URL from its footnote or reference when it
 * has none of its own) and the joins they need, over claim_cites cc. */
#define EV_CLAIM_CITE_COLS                                                   \
    "SELECT cc.kind, cc.marker,"                                            \
    " CASE WHEN cc.text IS NOT NULL THEN nullif(cc.text, '')"               \
    "  WHEN cc.note >= 0 THEN n.text ELSE r.text END,"                      \
    " CASE WHEN cc.url IS NOT NULL THEN nullif(cc.url, '')"                 \
    "  ELSE nullif(substr(coalesce(CASE WHEN cc.note >= 0 THEN n.urls"      \
    "   ELSE r.urls END, ''), 1, instr(coalesce(CASE WHEN cc.note >= 0"     \
    "   THEN n.urls ELSE r.urls END, '') || char(10), char(10)) - 1),"      \
    "  '') END,"                                                            \
    " cc.note, cc.ref, cc.start, cc.end"
#define EV_CLAIM_CITE_JOINS                                                  \
    " JOIN claims c ON c.id = cc.claim_id"                                  \
    " LEFT JOIN notes n ON n.doc_id = c.doc_id AND n.idx = cc.note"         \
    " LEFT JOIN refs r ON cc.ref >= 0"                                      \
    " AND r.id = " EV_REF_ID("c.doc_id", "cc.ref")

/* tokens.c: one token of a text (its bytes at ev_index_tokens.text +
 * at), and the tokens of one text of the document (doc->text[off..
 * off+len)), t[lo..lo+n). */
typedef struct ev_tok {
    uint32_t at, len; /* len's top bit: FTS5_TOKEN_COLOCATED */
    int32_t start, end;
} ev_tok;
#define EV_TOK_COLOCATED 0x80000000u
typedef struct ev_tok_row {
    size_t off, len, lo, n;
} ev_tok_row;
struct ev_index_tokens {
    ev_buf text;
    EV_VEC(ev_tok) t;
    EV_VEC(ev_tok_row) rows; /* by (off, len) */
};

/* The row of k for doc->text[off..off+len), or NULL. */
const ev_tok_row *ev_index__tokens_find(const ev_index_tokens *k,
                                        size_t off, size_t len);
/* Registers the writer's "porter" (tokens.c) on idx's connection. */
int ev_index__tokens_register(ev_index *idx, ev_err *err);

/* The text being inserted into a full-text table, with its tokens:
 * the writer's tokenizer replays them (row NULL: none). */
typedef struct ev_index_replay {
    const char *text;
    size_t len;
    const ev_index_tokens *toks;
    const ev_tok_row *row;
} ev_index_replay;

/* A full-text row queued inside a batch: text (and tokens) are borrowed
 * from the caller (see ev_index_put_doc in index.h). */
typedef struct ev_fts_row {
    int which; /* ST_PASSAGE_FTS or ST_SENT_FTS */
    int64_t rowid;
    const char *text;
    int len;
    const ev_index_tokens *toks;
    const ev_tok_row *row;
} ev_fts_row;

/* What the writer stores of a document (index.c and tokens.c must
 * choose the same texts): its passages that have text, but noise, go to
 * passages_fts; a claim with a sentence starts a sentence row when the
 * previous claim with one (*last) had another. */
static inline int ev_index__block_stored(const ev_doc *doc, const ev_block *b)
{
    return b->end > b->start && b->end <= doc->text_len;
}

static inline int ev_index__has_sentence(const ev_doc *doc, const ev_claim *c)
{
    return c->sent_end > c->sent_start && c->sent_end <= doc->text_len;
}

static inline int ev_index__starts_sentence(const ev_doc *doc, size_t i,
                                            size_t *last)
{
    const ev_claim *c = &doc->claims.v[i];
    int starts;
    if (!ev_index__has_sentence(doc, c))
        return 0;
    starts = *last == (size_t)-1 ||
             doc->claims.v[*last].sent_start != c->sent_start ||
             doc->claims.v[*last].sent_end != c->sent_end;
    *last = i;
    return starts;
}

/* Locator ids known to the writer (locators rows are never deleted,
 * so an id stays right until a rollback takes back new rows). */
typedef struct ev_loc_slot {
    char *text; /* NULL: empty slot */
    uint64_t hash;
    int64_t id;
} ev_loc_slot;

/* Connections kept for ev_index_open_again (one per reader of check). */
#define EV_INDEX_SPARES 4

/* How many sentences hold a word (query.c, count_words): counted up to
 * cap, so rows < cap is exact and rows == cap a lower bound. */
typedef struct ev_word_count {
    char *word; /* the FTS5 phrase; NULL: empty slot */
    int64_t rows, cap;
} ev_word_count;

/* ckpt.c: checkpoints on a thread of their own while the writer goes on */
typedef struct ev_index_ckpt ev_index_ckpt;

struct ev_index {
    sqlite3 *db;
    sqlite3_stmt *st[ST__COUNT];
    int in_batch;
    int readonly;
    EV_VEC(ev_fts_row) fts; /* queued until ev_index_commit */
    ev_index_replay replay; /* see tokens.c */
    ev_lz_packer *packer;   /* for ev_index_put_doc (made when first used) */
    ev_buf frame;           /* its output */
    ev_loc_slot *loc;       /* open addressing, loc_cap a power of 2 */
    size_t loc_cap, loc_n;
    /* word counts of check's candidate queries: the figures of a draft
     * share most of their words; valid while the file's data version
     * is wc_version */
    ev_word_count *wc;
    size_t wc_cap, wc_n;
    unsigned wc_version;
    /* connections ev_index_open_again made and ev_index_put_back
     * returned, kept for the next (each keeps its word counts and its
     * mapping of the file) */
    ev_index *spare[EV_INDEX_SPARES];
    size_t n_spare;
    ev_index_ckpt *ckpt; /* started by the first checkpoint it takes */
    int ckpt_failed;     /* could not be started: the writer checkpoints */
    int ckpt_frames;     /* WAL pages from which it checkpoints */
};

/* Hands idx's checkpoints to a thread (ckpt.c), from frames WAL pages
 * (0: the default, 32 MB); for a writable connection to a file. Called
 * again, it changes frames. */
void ev_index__ckpt_install(ev_index *idx, int frames);
/* Stops the thread, if any, after the checkpoint it is running; returns
 * how many it ran. */
unsigned long ev_index__ckpt_stop(ev_index *idx);

void ev_index__wc_clear(ev_index *idx);

/* EV_Q_EXACT and EV_Q_RANGE as SQL literals: the qualifiers of the claims
 * that match a figure only near their own value (claims_qual indexes the
 * other points; schema.c and query.c must write the same text) */
#define EV_INDEX_PLAIN_QUALS "0, 6"
_Static_assert(EV_Q_EXACT == 0 && EV_Q_RANGE == 6,
               "EV_INDEX_PLAIN_QUALS must list EV_Q_EXACT and EV_Q_RANGE");

int ev_index__schema(ev_index *idx, int writable, ev_err *err);
/* Registers ev_text(body, start, end) (body.c), a passage's text out of
 * a packed body, for the view passages_text. */
int ev_index__body_register(ev_index *idx, ev_err *err);
/* Appends the text packed in frame[0..n) to out; EV_EDB when the frame
 * is damaged. */
int ev_index__unpack(const void *frame, size_t n, ev_buf *out, ev_err *err);
/* Registers ev_rank() and ev_count() (rank.c), the rank of check's
 * candidate sentences and the counts of their words, on idx's
 * connection. */
int ev_index__rank_register(ev_index *idx, ev_err *err);
/* The FTS5 API of connection db (rank.c), or NULL without FTS5 v2. */
fts5_api *ev_index__fts5_api(sqlite3 *db);
int ev_index__exec(ev_index *idx, const char *sql, ev_err *err);
int ev_index__dberr(ev_index *idx, ev_err *err, const char *what);
sqlite3_stmt *ev_index__stmt(ev_index *idx, int which, ev_err *err);

#endif
