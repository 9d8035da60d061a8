/*
 * The body compressor of ev_lz.h, written from scratch: one lazy LZ77
 * parse over hash chains (1 MiB window, minimum match 4) feeds two
 * encoders, and the smallest of stored, method 1 and method 2 is
 * written. Both encoders' sizes are computed exactly before anything is
 * written, so the frame goes straight to dst. With EV_LZ_THOROUGH a
 * second parse finds the cheapest path through every match at every
 * position, priced by the code lengths method 2 gave the first parse
 * (or by method 1's bytes when that method won).
 *
 * Method 1 payload: sequences of
 *   token (high nibble literal count, low nibble match length - 4; 15
 *   means a LEB128 varint adds to it), literals, then unless the output
 *   is complete: offset (2 bytes little-endian below 0x8000, else 2 bytes
 *   with bit 15 set carrying the low 15 bits and 1 more byte the next 8),
 *   match length extension.
 *
 * Method 2 payload: one LSB-first bit stream of blocks. A block: 1 bit
 * "last", 16 x 3 bits code lengths of the code-length alphabet (0-12
 * literal lengths, 13 repeat the previous 3-6 times, 14 and 15 runs of
 * 3-10 and 11-138 zeros), the lengths of the literal/length (337) and
 * offset (46) alphabets coded with it, then symbols until end-of-block.
 * Literal/length symbols: 0-255 literals, 256 end of block, 257+c a
 * match of length code c followed by an offset code, 297+c a match of
 * length code c at the previous match's offset (1 before any). Lengths
 * and offsets above a few carry extra bits. Codes are canonical
 * Huffman, at most 12 bits, so one table lookup decodes a symbol.
 *
 * Positions in the match finder are offset by a base that grows from
 * call to call, so entries left by earlier inputs fall below the current
 * base and need no clearing (tables are cleared only when the base would
 * wrap).
 */
#include "ev_lz.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- parameters ---- */

#define WIN_BITS 20
#define WIN_SIZE ((uint32_t)1 << WIN_BITS)
#define WIN_MASK (WIN_SIZE - 1)
#define HASH_BITS 16
#define HASH_SIZE ((size_t)1 << HASH_BITS)
#define MIN_MATCH 4
/* Largest match the parse emits: method 2's length codes stop here. */
#define MAX_MATCH (65535 + MIN_MATCH)
/* Chain steps per search (48 gains 0.02x on /tmp/bodies at 4/5 of the
 * speed) and the length that ends a search early. */
#define MAX_CHAIN 16
#define NICE_LEN 128
/* Largest input the optimal parse takes: its prices (at most 14 bits a
 * byte) must fit in 32 bits. */
#define DP_MAX ((size_t)1 << 28)
/* A match this long is taken whole by the optimal parse, which skips
 * searching inside it; the optimal parse's chain steps (16 loses 0.014x
 * on /tmp/bodies, 64 gains 0.006x at 0.85 of the speed). */
#define DP_SKIP 32
#define DP_CHAIN 32
/* Lazy matching: past GOOD_LEN the next position is searched with a
 * quarter of the steps, past LAZY_MAX not at all; a later match must
 * gain LAZY_T (see gain()) over the one it replaces. */
#define GOOD_LEN 8
#define LAZY_MAX 32
#define LAZY_T 4
/* Method 1 offsets: 2 bytes below this, else 3 bytes (23 bits). */
#define OFF_2BYTE 0x8000u
#define MAX_OFFSET (((uint32_t)1 << 23) - 1)

/* Method 2 alphabets. */
#define N_LIT 256
#define SYM_EOB 256
#define N_LEN_CODES 40
#define SYM_LEN 257                   /* + length code: a match */
#define SYM_REP (257 + N_LEN_CODES)   /* + length code: repeat offset */
#define N_LL (257 + 2 * N_LEN_CODES)
/* The repeat offset before the first match. */
#define REP_INIT 1
#define N_OFF 46
#define N_CL 16
#define MAX_BITS 12
#define CL_MAX_BITS 7
#define CL_REP_PREV 13 /* previous length 3..6 times, 2 extra bits */
#define CL_ZEROS 14    /* 3..10 zeros, 3 extra bits */
#define CL_ZEROS_LONG 15 /* 11..138 zeros, 7 extra bits */
/* A method 2 block ends after the sequence that reaches this many raw
 * bytes, so long inputs get codes fitted to each part. */
#define BLOCK_RAW ((size_t)1 << 17)

typedef struct seq {
    uint32_t lit_len; /* literals before the match */
    uint32_t match_len;
    uint32_t offset;
} seq;

/* Run-length form of the code lengths of a block, in the code-length
 * alphabet. */
typedef struct cl_item {
    uint8_t sym, extra;
} cl_item;

/* One method 2 block: the sequences [s0, s1) (s1 == n_seqs includes the
 * tail literals), its code lengths and codes. */
typedef struct m2_block {
    size_t s0, s1;
    uint32_t ll_freq[N_LL], off_freq[N_OFF];
    uint8_t lens[N_LL + N_OFF]; /* literal/length then offset */
    uint8_t cl_len[N_CL];
    cl_item cl[N_LL + N_OFF];
    unsigned n_cl;
    uint64_t bits; /* size of the block in bits */
} m2_block;

struct ev_lz_packer {
    uint32_t *head; /* HASH_SIZE: latest position per hash, plus base */
    uint32_t *prev; /* WIN_SIZE: previous position with the same hash */
    uint32_t base;  /* position 0 of the current input */
    seq *seqs;
    size_t n_seqs, cap_seqs;
    size_t tail_lit; /* literals after the last match */
    m2_block *blk; /* method 2 planning scratch */
    /* optimal parse (EV_LZ_THOROUGH): per position, the cheapest price
     * of reaching it and the step that does (length 0: a literal) */
    uint32_t *price, *step_len, *step_off;
    uint32_t *rep_at; /* the repeat offset on that path */
    size_t cap_dp;
};

/* ---- small helpers ---- */

static uint32_t load32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static uint64_t load64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static uint64_t load64le(const uint8_t *p)
{
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
           (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
           (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
           (uint64_t)p[7] << 56;
}

static unsigned highbit(uint32_t v)
{
    return 31u - (unsigned)__builtin_clz(v);
}

static size_t varint_len(size_t v)
{
    size_t k = 1;
    while (v >= 0x80) {
        v >>= 7;
        k++;
    }
    return k;
}

static uint8_t *varint_put(uint8_t *p, size_t v)
{
    while (v >= 0x80) {
        *p++ = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    *p++ = (uint8_t)v;
    return p;
}

/* Reads a varint of at most 5 bytes whose value is at most
 * EV_LZ_MAX_RAW; NULL when there is none. */
static const uint8_t *varint_get(const uint8_t *p, const uint8_t *end,
                                 size_t *out)
{
    size_t v = 0;
    unsigned shift = 0;
    for (;;) {
        unsigned b;
        if (p >= end || shift > 28)
            return NULL;
        b = *p++;
        v |= (size_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            break;
        shift += 7;
    }
    if (v > EV_LZ_MAX_RAW)
        return NULL;
    *out = v;
    return p;
}

/* ---- packer ---- */

ev_lz_packer *ev_lz_packer_new(void)
{
    ev_lz_packer *p = calloc(1, sizeof(*p));
    if (!p)
        return NULL;
    p->head = calloc(HASH_SIZE, sizeof(*p->head));
    p->prev = calloc(WIN_SIZE, sizeof(*p->prev));
    p->blk = malloc(sizeof(*p->blk));
    if (!p->head || !p->prev || !p->blk) {
        ev_lz_packer_free(p);
        return NULL;
    }
    /* entries are 0, below every base */
    p->base = 1;
    return p;
}

void ev_lz_packer_free(ev_lz_packer *p)
{
    if (!p)
        return;
    free(p->head);
    free(p->prev);
    free(p->seqs);
    free(p->blk);
    free(p->price);
    free(p->step_len);
    free(p->step_off);
    free(p->rep_at);
    free(p);
}

size_t ev_lz_bound(size_t n)
{
    /* stored is the fallback: header (varint of up to 10 bytes, method) */
    return n + 11;
}

static int seq_reserve(ev_lz_packer *p, size_t n)
{
    size_t need = n / MIN_MATCH + 2;
    seq *s;
    if (need <= p->cap_seqs)
        return 0;
    s = realloc(p->seqs, need * sizeof(*s));
    if (!s)
        return EV_ENOMEM;
    p->seqs = s;
    p->cap_seqs = need;
    return 0;
}

/* Makes room for n positions after the base, clearing the tables only
 * when positions would no longer fit in 32 bits. */
static void base_reserve(ev_lz_packer *p, size_t n)
{
    if ((uint64_t)p->base + n + WIN_SIZE >= UINT32_MAX) {
        memset(p->head, 0, HASH_SIZE * sizeof(*p->head));
        memset(p->prev, 0, (size_t)WIN_SIZE * sizeof(*p->prev));
        p->base = 1;
    }
}

static uint32_t hash4(const uint8_t *s)
{
    return (load32(s) * 2654435761u) >> (32 - HASH_BITS);
}

/* Length of the common prefix of a and b, at most max. */
static uint32_t match_len(const uint8_t *a, const uint8_t *b, uint32_t max)
{
    uint32_t k = 0;
    while (k + 8 <= max) {
        uint64_t x = load64(a + k) ^ load64(b + k);
        if (x)
            return k + ((unsigned)__builtin_ctzll(x) >> 3);
        k += 8;
    }
    while (k < max && a[k] == b[k])
        k++;
    return k;
}

typedef struct finder {
    ev_lz_packer *p;
    const uint8_t *src;
    size_t n;
    size_t next; /* first position not yet inserted */
    size_t last; /* positions from here on are not hashed (< 4 bytes) */
} finder;

static void insert_upto(finder *f, size_t end)
{
    uint32_t *head = f->p->head, *prev = f->p->prev;
    uint32_t base = f->p->base;
    size_t i;
    if (end > f->last)
        end = f->last;
    for (i = f->next; i < end; i++) {
        uint32_t h = hash4(f->src + i);
        uint32_t a = base + (uint32_t)i;
        prev[a & WIN_MASK] = head[h];
        head[h] = a;
    }
    if (end > f->next)
        f->next = end;
}

/* Best match at i among earlier positions, looking at most steps
 * candidates (inserting everything up to and including i). Returns its
 * length (0 if none of MIN_MATCH). */
static uint32_t find(finder *f, size_t i, int steps, uint32_t *off)
{
    uint32_t *head = f->p->head, *prev = f->p->prev;
    const uint8_t *s = f->src + i;
    uint32_t base = f->p->base, a = base + (uint32_t)i;
    uint32_t low = a - base >= WIN_SIZE - 1 ? a - (WIN_SIZE - 1) : base;
    uint32_t max = f->n - i > MAX_MATCH ? MAX_MATCH : (uint32_t)(f->n - i);
    uint32_t best = MIN_MATCH - 1, c, h, s4;
    insert_upto(f, i);
    h = hash4(s);
    c = head[h];
    prev[a & WIN_MASK] = c;
    head[h] = a;
    f->next = i + 1;
    s4 = load32(s);
    while (c >= low && c < a && steps-- > 0) {
        const uint8_t *m = f->src + (c - base);
        if (m[best] == s[best] && load32(m) == s4) {
            uint32_t len = 4 + match_len(m + 4, s + 4, max - 4);
            if (len > best) {
                best = len;
                *off = a - c;
                if (len >= NICE_LEN || len == max)
                    break;
            }
        }
        c = prev[c & WIN_MASK];
    }
    return best >= MIN_MATCH ? best : 0;
}

/* Rough worth of a match: its length against the cost of its offset,
 * nothing for the repeat offset rep. */
static int gain(uint32_t len, uint32_t off, uint32_t rep)
{
    return (int)(len * 4) - (off == rep ? 0 : (int)highbit(off));
}

/* Length of the match at i with offset rep (0 if under MIN_MATCH). */
static uint32_t rep_match(const finder *f, size_t i, uint32_t rep)
{
    uint32_t max, len;
    if (rep > i)
        return 0;
    max = f->n - i > MAX_MATCH ? MAX_MATCH : (uint32_t)(f->n - i);
    len = match_len(f->src + i - rep, f->src + i, max);
    return len >= MIN_MATCH ? len : 0;
}

/* The better of find()'s match at i and the repeat offset's. */
static uint32_t best_at(finder *f, size_t i, int steps, uint32_t rep,
                        uint32_t *off)
{
    uint32_t len = find(f, i, steps, off), rl = rep_match(f, i, rep);
    if (rl && (!len || gain(rl, rep, rep) >= gain(len, *off, rep))) {
        *off = rep;
        return rl;
    }
    return len;
}

/* Lazy parse of src[0..n) into p->seqs and p->tail_lit. */
static void parse(ev_lz_packer *p, const uint8_t *src, size_t n)
{
    finder f;
    size_t i = 0, anchor = 0;
    uint32_t rep = REP_INIT;
    f.p = p;
    f.src = src;
    f.n = n;
    f.next = 0;
    f.last = n >= MIN_MATCH ? n - MIN_MATCH + 1 : 0;
    p->n_seqs = 0;
    while (i + MIN_MATCH <= n) {
        uint32_t off = 0, len = best_at(&f, i, MAX_CHAIN, rep, &off);
        seq *q;
        if (!len) {
            i++;
            continue;
        }
        /* a better match one byte later wins over this one */
        while (i + 1 + MIN_MATCH <= n && len < LAZY_MAX) {
            /* a good match already: look less hard for a better one */
            int steps = len >= GOOD_LEN ? MAX_CHAIN / 4 : MAX_CHAIN;
            uint32_t off2 = 0, len2 = best_at(&f, i + 1, steps, rep, &off2);
            if (len2 > len &&
                gain(len2, off2, rep) > gain(len, off, rep) + LAZY_T) {
                i++;
                len = len2;
                off = off2;
                continue;
            }
            break;
        }
        q = &p->seqs[p->n_seqs++];
        q->lit_len = (uint32_t)(i - anchor);
        q->match_len = len;
        q->offset = off;
        rep = off;
        i += len;
        anchor = i;
        insert_upto(&f, i);
    }
    p->tail_lit = n - anchor;
}

/* ---- method 1: sizes and writing ---- */

static size_t m1_size(const ev_lz_packer *p)
{
    size_t k, total = 0;
    for (k = 0; k < p->n_seqs; k++) {
        const seq *q = &p->seqs[k];
        total += 1 + q->lit_len + (q->offset < OFF_2BYTE ? 2 : 3);
        if (q->lit_len >= 15)
            total += varint_len(q->lit_len - 15);
        if (q->match_len - MIN_MATCH >= 15)
            total += varint_len(q->match_len - MIN_MATCH - 15);
    }
    total += 1 + p->tail_lit;
    if (p->tail_lit >= 15)
        total += varint_len(p->tail_lit - 15);
    return total;
}

static uint8_t *m1_literals(uint8_t *o, const uint8_t *lit, size_t n_lit,
                            unsigned mnib)
{
    *o++ = (uint8_t)((n_lit >= 15 ? 15u : (unsigned)n_lit) << 4 | mnib);
    if (n_lit >= 15)
        o = varint_put(o, n_lit - 15);
    memcpy(o, lit, n_lit);
    return o + n_lit;
}

static void m1_write(const ev_lz_packer *p, const uint8_t *src, uint8_t *o)
{
    size_t k, pos = 0;
    for (k = 0; k < p->n_seqs; k++) {
        const seq *q = &p->seqs[k];
        uint32_t ml = q->match_len - MIN_MATCH;
        o = m1_literals(o, src + pos, q->lit_len, ml >= 15 ? 15u : ml);
        if (q->offset < OFF_2BYTE) {
            *o++ = (uint8_t)q->offset;
            *o++ = (uint8_t)(q->offset >> 8);
        } else {
            *o++ = (uint8_t)q->offset;
            *o++ = (uint8_t)((q->offset >> 8) | 0x80);
            *o++ = (uint8_t)(q->offset >> 15);
        }
        if (ml >= 15)
            o = varint_put(o, ml - 15);
        pos += q->lit_len + q->match_len;
    }
    m1_literals(o, src + pos, p->tail_lit, 0);
}

/* ---- method 2: codes ---- */

/* The code of v when values below 1 << k are codes of their own and
 * each power of two above has two codes (its top two bits), with the
 * bits below those two as *eb extra bits. */
static unsigned split_code(uint32_t v, unsigned k, unsigned *eb)
{
    unsigned nb;
    if (v < (1u << k)) {
        *eb = 0;
        return v;
    }
    nb = highbit(v);
    *eb = nb - 1;
    return (1u << k) + (nb - k) * 2 + ((v >> (nb - 1)) & 1);
}

/* Length code of v = length - MIN_MATCH: 16 direct. */
static unsigned len_code(uint32_t v, unsigned *eb)
{
    return split_code(v, 4, eb);
}

/* Offset code of d = offset - 1: 4 direct. */
static unsigned off_code(uint32_t d, unsigned *eb)
{
    return split_code(d, 2, eb);
}


/* Smallest value and extra bits of each length and offset code (the
 * inverse of len_code() and off_code()). */
static const uint32_t len_base_tab[40] = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 24, 32, 48, 64,
    96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096, 6144,
    8192, 12288, 16384, 24576, 32768, 49152};
static const uint8_t len_extra_tab[40] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 3, 4, 4, 5, 5, 6, 6, 7,
    7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13, 14, 14};
static const uint32_t off_base_tab[46] = {
    0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512,
    768, 1024, 1536, 2048, 3072, 4096, 6144, 8192, 12288, 16384, 24576, 32768,
    49152, 65536, 98304, 131072, 196608, 262144, 393216, 524288, 786432,
    1048576, 1572864, 2097152, 3145728, 4194304, 6291456};
static const uint8_t off_extra_tab[46] = {
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10,
    11, 11, 12, 12, 13, 13, 14, 14, 15, 15, 16, 16, 17, 17, 18, 18, 19, 19,
    20, 20, 21, 21};

typedef struct sym_freq {
    uint32_t freq;
    uint16_t sym;
} sym_freq;

static int cmp_freq(const void *a, const void *b)
{
    const sym_freq *x = a, *y = b;
    if (x->freq != y->freq)
        return x->freq < y->freq ? -1 : 1;
    return x->sym < y->sym ? -1 : x->sym > y->sym;
}

/* Huffman code lengths of freq[0..n) (n <= N_LL), at most limit bits:
 * the two-queue construction, then lengths over the limit are clamped
 * and the least frequent shorter codes lengthened until the code fits
 * (Kraft sum at most 1). */
static void huff_lengths(const uint32_t *freq, unsigned n, unsigned limit,
                         uint8_t *len)
{
    sym_freq leaf[N_LL];
    uint32_t nfreq[N_LL];     /* internal node weights */
    uint16_t parent[2 * N_LL]; /* leaves 0..m-1, internals m.. */
    uint8_t depth[2 * N_LL];
    unsigned m = 0, i, li = 0, ni = 0, n_int = 0;
    uint32_t kraft = 0, one = (uint32_t)1 << limit;
    memset(len, 0, n);
    for (i = 0; i < n; i++)
        if (freq[i]) {
            leaf[m].freq = freq[i];
            leaf[m].sym = (uint16_t)i;
            m++;
        }
    if (m == 0)
        return;
    if (m == 1) {
        len[leaf[0].sym] = 1;
        return;
    }
    qsort(leaf, m, sizeof(leaf[0]), cmp_freq);
    /* merge the two lightest of the leaf queue and the node queue */
    while (n_int < m - 1) {
        unsigned pick[2], k;
        uint32_t w = 0;
        for (k = 0; k < 2; k++) {
            if (li < m && (ni >= n_int || leaf[li].freq <= nfreq[ni])) {
                pick[k] = li;
                w += leaf[li++].freq;
            } else {
                pick[k] = m + ni;
                w += nfreq[ni++];
            }
        }
        nfreq[n_int] = w;
        parent[pick[0]] = (uint16_t)(m + n_int);
        parent[pick[1]] = (uint16_t)(m + n_int);
        n_int++;
    }
    /* the root is the last internal node; parents come after children */
    depth[m + n_int - 1] = 0;
    for (i = m + n_int - 1; i-- > 0;)
        depth[i] = (uint8_t)(depth[parent[i]] + 1 > 255
                                 ? 255
                                 : depth[parent[i]] + 1);
    for (i = 0; i < m; i++) {
        unsigned d = depth[i] > limit ? limit : depth[i];
        len[leaf[i].sym] = (uint8_t)d;
        kraft += one >> d;
    }
    /* too long: lengthen the deepest codes still under the limit, least
     * frequent first */
    while (kraft > one) {
        unsigned best = m, bl = 0;
        for (i = 0; i < m; i++) {
            unsigned l = len[leaf[i].sym];
            if (l < limit && l > bl) {
                bl = l;
                best = i;
            }
        }
        len[leaf[best].sym]++;
        kraft -= one >> (bl + 1);
    }
    /* room left: shorten the most frequent codes that fit */
    for (i = m; i-- > 0;) {
        unsigned l = len[leaf[i].sym];
        while (l > 1 && kraft + (one >> l) <= one) {
            kraft += one >> l;
            l--;
        }
        len[leaf[i].sym] = (uint8_t)l;
    }
}

/* The first canonical code of each length 1..top (count[0] is 0):
 * the packer and the unpacker must agree on these. */
static void first_codes(const unsigned *count, unsigned top, unsigned *next)
{
    unsigned b, c = 0;
    for (b = 1; b <= top; b++) {
        c = (c + count[b - 1]) << 1;
        next[b] = c;
    }
}

/* The l low bits of v in reverse order (codes go LSB first). */
static unsigned reverse_bits(unsigned v, unsigned l)
{
    unsigned r = 0, k;
    for (k = 0; k < l; k++)
        r |= ((v >> k) & 1u) << (l - 1 - k);
    return r;
}

/* Canonical codes of len[0..n), bit-reversed for an LSB-first stream. */
static void huff_codes(const uint8_t *len, unsigned n, uint16_t *code)
{
    unsigned count[MAX_BITS + 2] = {0}, next[MAX_BITS + 2];
    unsigned i;
    for (i = 0; i < n; i++)
        count[len[i]]++;
    count[0] = 0;
    first_codes(count, MAX_BITS + 1, next);
    for (i = 0; i < n; i++)
        if (len[i])
            code[i] = (uint16_t)reverse_bits(next[len[i]]++, len[i]);
}

static unsigned cl_runs(const uint8_t *lens, unsigned n, cl_item *out)
{
    unsigned i = 0, k = 0;
    while (i < n) {
        unsigned l = lens[i], run = 1;
        while (i + run < n && lens[i + run] == l)
            run++;
        if (l == 0 && run >= 3) {
            unsigned r = run > 138 ? 138 : run;
            if (r >= 11) {
                out[k].sym = CL_ZEROS_LONG;
                out[k++].extra = (uint8_t)(r - 11);
            } else {
                out[k].sym = CL_ZEROS;
                out[k++].extra = (uint8_t)(r - 3);
            }
            i += r;
        } else if (l != 0 && run >= 4) {
            unsigned r = run - 1 > 6 ? 6 : run - 1;
            out[k].sym = (uint8_t)l;
            out[k++].extra = 0;
            out[k].sym = CL_REP_PREV;
            out[k++].extra = (uint8_t)(r - 3);
            i += 1 + r;
        } else {
            out[k].sym = (uint8_t)l;
            out[k++].extra = 0;
            i++;
        }
    }
    return k;
}

static const uint8_t cl_extra_bits[N_CL] = {0, 0, 0, 0, 0, 0, 0, 0,
                                            0, 0, 0, 0, 0, 2, 3, 7};

/* Builds the block's codes over literals starting at src + pos; returns
 * its size in bits. */
static void m2_plan(const ev_lz_packer *p, const uint8_t *src, size_t pos,
                    m2_block *b)
{
    uint32_t cl_freq[N_CL] = {0};
    uint64_t bits = 1 + N_CL * 3, extra = 0;
    size_t k;
    unsigned i, eb;
    memset(b->ll_freq, 0, sizeof(b->ll_freq));
    memset(b->off_freq, 0, sizeof(b->off_freq));
    uint32_t rep = b->s0 ? p->seqs[b->s0 - 1].offset : REP_INIT;
    for (k = b->s0; k <= b->s1 && k <= p->n_seqs; k++) {
        size_t n_lit = k < p->n_seqs ? p->seqs[k].lit_len : p->tail_lit;
        const uint8_t *lit = src + pos;
        size_t j;
        if (k == b->s1 && b->s1 < p->n_seqs)
            break;
        for (j = 0; j < n_lit; j++)
            b->ll_freq[lit[j]]++;
        pos += n_lit;
        if (k < p->n_seqs) {
            const seq *q = &p->seqs[k];
            unsigned lc = len_code(q->match_len - MIN_MATCH, &eb);
            extra += eb;
            if (q->offset == rep) {
                b->ll_freq[SYM_REP + lc]++;
            } else {
                b->ll_freq[SYM_LEN + lc]++;
                b->off_freq[off_code(q->offset - 1, &eb)]++;
                extra += eb;
            }
            rep = q->offset;
            pos += q->match_len;
        }
    }
    b->ll_freq[SYM_EOB]++;
    huff_lengths(b->ll_freq, N_LL, MAX_BITS, b->lens);
    huff_lengths(b->off_freq, N_OFF, MAX_BITS, b->lens + N_LL);
    b->n_cl = cl_runs(b->lens, N_LL + N_OFF, b->cl);
    for (i = 0; i < b->n_cl; i++)
        cl_freq[b->cl[i].sym]++;
    huff_lengths(cl_freq, N_CL, CL_MAX_BITS, b->cl_len);
    for (i = 0; i < b->n_cl; i++)
        bits += b->cl_len[b->cl[i].sym] + cl_extra_bits[b->cl[i].sym];
    for (i = 0; i < N_LL; i++)
        bits += (uint64_t)b->ll_freq[i] * b->lens[i];
    for (i = 0; i < N_OFF; i++)
        bits += (uint64_t)b->off_freq[i] * b->lens[N_LL + i];
    b->bits = bits + extra;
}

/* End of the block starting at sequence s0 (see BLOCK_RAW). */
static size_t m2_block_end(const ev_lz_packer *p, size_t s0)
{
    size_t raw = 0, k;
    for (k = s0; k < p->n_seqs; k++) {
        raw += p->seqs[k].lit_len + p->seqs[k].match_len;
        if (raw >= BLOCK_RAW && p->n_seqs - k > 1024)
            return k + 1;
    }
    return p->n_seqs;
}

/* Size in bytes of the method 2 payload. */
static size_t m2_size(const ev_lz_packer *p, const uint8_t *src,
                      m2_block *b)
{
    uint64_t bits = 0;
    size_t pos = 0, k;
    b->s0 = 0;
    for (;;) {
        b->s1 = m2_block_end(p, b->s0);
        m2_plan(p, src, pos, b);
        bits += b->bits;
        if (b->s1 == p->n_seqs)
            break;
        for (k = b->s0; k < b->s1; k++)
            pos += p->seqs[k].lit_len + p->seqs[k].match_len;
        b->s0 = b->s1;
    }
    return (size_t)((bits + 7) / 8);
}

/* ---- optimal parse (EV_LZ_THOROUGH) ---- */

static int dp_reserve(ev_lz_packer *p, size_t n)
{
    uint32_t *a, *b, *c, *d;
    if (n + 1 <= p->cap_dp)
        return 0;
    a = realloc(p->price, (n + 1) * sizeof(*a));
    if (a)
        p->price = a;
    b = realloc(p->step_len, (n + 1) * sizeof(*b));
    if (b)
        p->step_len = b;
    c = realloc(p->step_off, (n + 1) * sizeof(*c));
    if (c)
        p->step_off = c;
    d = realloc(p->rep_at, (n + 1) * sizeof(*d));
    if (d)
        p->rep_at = d;
    if (!a || !b || !c || !d)
        return EV_ENOMEM;
    p->cap_dp = n + 1;
    return 0;
}

/* Every match at i longer than the ones nearer (at most DP_CHAIN):
 * lens[] increasing, offs[] their offsets. Returns how many. */
static unsigned find_all(finder *f, size_t i, uint32_t *lens, uint32_t *offs)
{
    uint32_t *head = f->p->head, *prev = f->p->prev;
    const uint8_t *s = f->src + i;
    uint32_t base = f->p->base, a = base + (uint32_t)i;
    uint32_t low = a - base >= WIN_SIZE - 1 ? a - (WIN_SIZE - 1) : base;
    uint32_t max = f->n - i > MAX_MATCH ? MAX_MATCH : (uint32_t)(f->n - i);
    uint32_t best = MIN_MATCH - 1, c, h, s4 = load32(s);
    unsigned k = 0;
    int steps = DP_CHAIN;
    insert_upto(f, i);
    h = hash4(s);
    c = head[h];
    prev[a & WIN_MASK] = c;
    head[h] = a;
    f->next = i + 1;
    while (c >= low && c < a && steps-- > 0) {
        const uint8_t *m = f->src + (c - base);
        if (m[best] == s[best] && load32(m) == s4) {
            uint32_t len = 4 + match_len(m + 4, s + 4, max - 4);
            if (len > best) {
                best = len;
                lens[k] = len;
                offs[k++] = a - c;
                if (len >= NICE_LEN || len == max)
                    break;
            }
        }
        c = prev[c & WIN_MASK];
    }
    return k;
}

/* Price in bits of a code of length l (an unused symbol is priced as a
 * long code, since the next plan may give it one). */
static uint32_t code_price(uint8_t l)
{
    return l ? l : MAX_BITS + 2;
}

/* Parses src[0..n) into p->seqs by the cheapest path under the prices
 * of the code lengths in b (a plan of an earlier parse of the same
 * input), or of method 1's bytes when b is NULL: a forward pass relaxes every literal and every match length
 * found at each position, then the path is read back from the end. */
static void parse_optimal(ev_lz_packer *p, const uint8_t *src, size_t n,
                          const m2_block *b)
{
    uint32_t lit_price[N_LIT], len_price[NICE_LEN + 1];
    uint32_t rep_price[NICE_LEN + 1];
    uint32_t off_price[N_OFF], lens[DP_CHAIN], offs[DP_CHAIN];
    uint32_t *price = p->price, *step_len = p->step_len;
    uint32_t *step_off = p->step_off, *rep_at = p->rep_at;
    finder f;
    size_t i, j, k, m_count = 0, end;
    unsigned c, eb;
    for (c = 0; c < N_LIT; c++)
        lit_price[c] = b ? code_price(b->lens[c]) : 8;
    for (c = 0; c < N_OFF; c++)
        off_price[c] =
            b ? code_price(b->lens[N_LL + c]) + off_extra_tab[c]
              : off_base_tab[c] + 1 < OFF_2BYTE ? 16 : 24;
    for (c = MIN_MATCH; c <= NICE_LEN; c++) {
        unsigned lc = len_code(c - MIN_MATCH, &eb);
        len_price[c] = b ? code_price(b->lens[SYM_LEN + lc]) + eb
                         : c - MIN_MATCH < 15 ? 8 : 16;
        /* method 1 has no repeat offset: priced as an offset of 2 */
        rep_price[c] = b ? code_price(b->lens[SYM_REP + lc]) + eb
                         : len_price[c] + 16;
    }
    f.p = p;
    f.src = src;
    f.n = n;
    f.next = 0;
    f.last = n >= MIN_MATCH ? n - MIN_MATCH + 1 : 0;
    price[0] = 0;
    rep_at[0] = REP_INIT;
    for (i = 1; i <= n; i++)
        price[i] = UINT32_MAX;
#define RELAX(to, c_, l_, o_)                                                \
    do {                                                                     \
        if ((c_) < price[to]) {                                              \
            price[to] = (c_);                                                \
            step_len[to] = (l_);                                             \
            step_off[to] = (o_);                                             \
            rep_at[to] = (l_) ? (o_) : rep;                                  \
        }                                                                    \
    } while (0)
    for (i = 0; i < n; i++) {
        uint32_t here = price[i], rep = rep_at[i], cost, rl;
        unsigned n_m, q;
        RELAX(i + 1, here + lit_price[src[i]], 0, 0);
        if (i + MIN_MATCH > n)
            continue;
        n_m = find_all(&f, i, lens, offs);
        if (n_m && lens[n_m - 1] >= DP_SKIP) {
            /* a long match: take it whole and skip its positions */
            uint32_t l = lens[n_m - 1], o = offs[n_m - 1];
            uint32_t lp = l < NICE_LEN ? l : NICE_LEN;
            cost = here + (o == rep ? rep_price[lp]
                                    : off_price[off_code(o - 1, &eb)] +
                                          len_price[lp]);
            RELAX(i + l, cost, l, o);
            /* the positions inside are hashed but not parsed from */
            insert_upto(&f, i + l);
            i += l - 1;
            continue;
        }
        {
            uint32_t l = MIN_MATCH;
            for (q = 0; q < n_m; q++) {
                uint32_t o = offs[q];
                if (o == rep) {
                    for (; l <= lens[q]; l++)
                        RELAX(i + l, here + rep_price[l], l, o);
                    continue;
                }
                cost = here + off_price[off_code(o - 1, &eb)];
                for (; l <= lens[q]; l++)
                    RELAX(i + l, cost + len_price[l], l, o);
            }
        }
        /* the repeat offset, cheaper than the chain's matches */
        rl = rep_match(&f, i, rep);
        if (rl >= NICE_LEN)
            rl = NICE_LEN - 1;
        for (k = MIN_MATCH; k <= rl; k++)
            RELAX(i + k, here + rep_price[k], (uint32_t)k, rep);
    }
#undef RELAX
    /* read the path back: matches land in p->seqs last first, their
     * start in lit_len for now */
    j = n;
    while (j > 0) {
        uint32_t l = step_len[j];
        if (!l) {
            j--;
            continue;
        }
        p->seqs[m_count].lit_len = (uint32_t)(j - l);
        p->seqs[m_count].match_len = l;
        p->seqs[m_count].offset = step_off[j];
        m_count++;
        j -= l;
    }
    for (k = 0; k < m_count / 2; k++) {
        seq t = p->seqs[k];
        p->seqs[k] = p->seqs[m_count - 1 - k];
        p->seqs[m_count - 1 - k] = t;
    }
    end = 0;
    for (k = 0; k < m_count; k++) {
        size_t start = p->seqs[k].lit_len;
        p->seqs[k].lit_len = (uint32_t)(start - end);
        end = start + p->seqs[k].match_len;
    }
    p->n_seqs = m_count;
    p->tail_lit = n - end;
}

typedef struct bit_writer {
    uint8_t *p;
    uint64_t buf;
    unsigned cnt;
} bit_writer;

/* Adds the n <= 32 low bits of v; whole 32-bit words go out as they
 * fill, so only bytes of the payload are ever written. */
static void put_bits(bit_writer *w, uint32_t v, unsigned n)
{
    w->buf |= (uint64_t)v << w->cnt;
    w->cnt += n;
    if (w->cnt >= 32) {
        w->p[0] = (uint8_t)w->buf;
        w->p[1] = (uint8_t)(w->buf >> 8);
        w->p[2] = (uint8_t)(w->buf >> 16);
        w->p[3] = (uint8_t)(w->buf >> 24);
        w->p += 4;
        w->buf >>= 32;
        w->cnt -= 32;
    }
}

static void m2_write(const ev_lz_packer *p, const uint8_t *src, uint8_t *o,
                     m2_block *b)
{
    bit_writer w = {o, 0, 0};
    uint16_t code[N_LL + N_OFF], cl_code[N_CL];
    uint32_t enc[N_LL + N_OFF], rep = REP_INIT;
    size_t pos = 0, k;
    unsigned i, eb;
    /* m2_size left the plan of its last block: the whole input's when
     * there was one block */
    int reuse = b->s0 == 0 && b->s1 == p->n_seqs;
    b->s0 = 0;
    for (;;) {
        b->s1 = m2_block_end(p, b->s0);
        if (!reuse)
            m2_plan(p, src, pos, b);
        put_bits(&w, b->s1 == p->n_seqs, 1);
        for (i = 0; i < N_CL; i++)
            put_bits(&w, b->cl_len[i], 3);
        huff_codes(b->cl_len, N_CL, cl_code);
        for (i = 0; i < b->n_cl; i++) {
            unsigned s = b->cl[i].sym;
            put_bits(&w, cl_code[s], b->cl_len[s]);
            put_bits(&w, b->cl[i].extra, cl_extra_bits[s]);
        }
        huff_codes(b->lens, N_LL, code);
        huff_codes(b->lens + N_LL, N_OFF, code + N_LL);
        /* code and length in one local word: the payload stores could
         * alias b->lens, not this */
        for (i = 0; i < N_LL + N_OFF; i++)
            enc[i] = (uint32_t)code[i] | (uint32_t)b->lens[i] << 16;
        for (k = b->s0; k <= b->s1 && k <= p->n_seqs; k++) {
            size_t n_lit, j;
            if (k == b->s1 && b->s1 < p->n_seqs)
                break;
            n_lit = k < p->n_seqs ? p->seqs[k].lit_len : p->tail_lit;
            for (j = 0; j < n_lit; j++) {
                uint32_t e = enc[src[pos + j]];
                put_bits(&w, e & 0xffff, e >> 16);
            }
            pos += n_lit;
            if (k < p->n_seqs) {
                const seq *q = &p->seqs[k];
                uint32_t v = q->match_len - MIN_MATCH, d = q->offset - 1;
                unsigned lc = len_code(v, &eb);
                unsigned c = (q->offset == rep ? SYM_REP : SYM_LEN) + lc;
                put_bits(&w, enc[c] & 0xffff, enc[c] >> 16);
                put_bits(&w, v - len_base_tab[lc], eb);
                if (q->offset != rep) {
                    c = N_LL + off_code(d, &eb);
                    put_bits(&w, enc[c] & 0xffff, enc[c] >> 16);
                    put_bits(&w, d - off_base_tab[c - N_LL], eb);
                }
                rep = q->offset;
                pos += q->match_len;
            }
        }
        put_bits(&w, code[SYM_EOB], b->lens[SYM_EOB]);
        if (b->s1 == p->n_seqs)
            break;
        b->s0 = b->s1;
    }
    while (w.cnt > 0) {
        *w.p++ = (uint8_t)w.buf;
        w.buf >>= 8;
        w.cnt = w.cnt > 8 ? w.cnt - 8 : 0;
    }
}

/* ---- framing ---- */

static size_t pack_frame(ev_lz_packer *p, const void *src, size_t n,
                         void *dst, size_t cap, unsigned method_mask)
{
    const uint8_t *s = src;
    uint8_t *o = dst;
    size_t hdr = varint_len(n) + 1, best = n, size;
    int method = EV_LZ_STORED;
    if (n > EV_LZ_MAX_RAW)
        return 0;
    if (n >= 16 && (method_mask & (1u << EV_LZ_LZ77 | 1u << EV_LZ_HUFF))) {
        if (seq_reserve(p, n))
            return 0;
        base_reserve(p, n);
        parse(p, s, n);
        p->base += (uint32_t)n + WIN_SIZE;
        if (method_mask & 1u << EV_LZ_LZ77) {
            size = m1_size(p);
            if (size < best) {
                best = size;
                method = EV_LZ_LZ77;
            }
        }
        if (method_mask & 1u << EV_LZ_HUFF) {
            size = m2_size(p, s, p->blk);
            if (size < best) {
                best = size;
                method = EV_LZ_HUFF;
            }
        }
        if ((method_mask & EV_LZ_THOROUGH) && method != EV_LZ_STORED &&
            n <= DP_MAX && dp_reserve(p, n) == 0) {
            /* parse again by the prices of the method that won, keep
             * the better parse; method 2's are its codes for the lazy
             * parse over the whole input */
            m2_block *b = p->blk;
            if (method == EV_LZ_HUFF) {
                b->s0 = 0;
                b->s1 = p->n_seqs;
                m2_plan(p, s, 0, b);
            }
            base_reserve(p, n);
            parse_optimal(p, s, n, method == EV_LZ_HUFF ? b : NULL);
            p->base += (uint32_t)n + WIN_SIZE;
            size = method == EV_LZ_HUFF ? m2_size(p, s, b) : m1_size(p);
            if (size < best) {
                best = size;
            } else {
                base_reserve(p, n);
                parse(p, s, n);
                p->base += (uint32_t)n + WIN_SIZE;
                if (method == EV_LZ_HUFF)
                    m2_size(p, s, b);
            }
        }
    }
    if (hdr + best > cap)
        return 0;
    o = varint_put(o, n);
    *o++ = (uint8_t)method;
    if (method == EV_LZ_STORED) {
        if (n)
            memcpy(o, s, n);
    } else if (method == EV_LZ_LZ77) {
        m1_write(p, s, o);
    } else {
        m2_write(p, s, o, p->blk);
    }
    return hdr + best;
}

/* Scratch sized by the input (sequences, optimal parse) is kept between
 * calls for inputs up to KEEP_RAW bytes; after a longer one it is freed,
 * so that one large text does not hold memory for the packer's life. */
#define KEEP_RAW ((size_t)4 << 20)

static void trim_scratch(ev_lz_packer *p)
{
    if (p->cap_seqs > KEEP_RAW / MIN_MATCH + 2) {
        free(p->seqs);
        p->seqs = NULL;
        p->cap_seqs = 0;
    }
    if (p->cap_dp > KEEP_RAW + 1) {
        free(p->price);
        free(p->step_len);
        free(p->step_off);
        free(p->rep_at);
        p->price = p->step_len = p->step_off = p->rep_at = NULL;
        p->cap_dp = 0;
    }
}

size_t ev_lz_pack_with(ev_lz_packer *p, const void *src, size_t n,
                       void *dst, size_t cap, unsigned method_mask)
{
    size_t got = pack_frame(p, src, n, dst, cap, method_mask);
    trim_scratch(p);
    return got;
}

size_t ev_lz_pack(ev_lz_packer *p, const void *src, size_t n, void *dst,
                  size_t cap)
{
    return ev_lz_pack_with(p, src, n, dst, cap,
                           1u << EV_LZ_LZ77 | 1u << EV_LZ_HUFF);
}

/* Header of frame[0..n): sets *raw_len, *method, *hdr_len. */
static int frame_header(const uint8_t *f, size_t n, size_t *raw_len,
                        int *method, size_t *hdr_len)
{
    const uint8_t *p = varint_get(f, f + n, raw_len);
    if (!p || p >= f + n || *p > EV_LZ_HUFF)
        return EV_EFORMAT;
    *method = *p++;
    *hdr_len = (size_t)(p - f);
    if (*method == EV_LZ_STORED && n - *hdr_len != *raw_len)
        return EV_EFORMAT;
    if (*method != EV_LZ_STORED && n == *hdr_len)
        return EV_EFORMAT;
    return 0;
}

int ev_lz_frame_info(const void *frame, size_t n, size_t *raw_len,
                     int *method)
{
    size_t hdr, len;
    int m, rc;
    if (!frame)
        return EV_EFORMAT;
    rc = frame_header(frame, n, &len, &m, &hdr);
    if (rc)
        return rc;
    *raw_len = len;
    if (method)
        *method = m;
    return 0;
}

/* ---- method 1 decoding ---- */

/* Copies a match of len bytes from off back; the caller checked both. */
static uint8_t *copy_match(uint8_t *op, const uint8_t *oend, size_t off,
                           size_t len)
{
    const uint8_t *m = op - off;
    uint8_t *end = op + len;
    if ((size_t)(oend - op) >= len + 16) {
        if (off >= 16) {
            do {
                memcpy(op, m, 16);
                op += 16;
                m += 16;
            } while (op < end);
            return end;
        }
        if (off >= 8) {
            do {
                memcpy(op, m, 8);
                op += 8;
                m += 8;
            } while (op < end);
            return end;
        }
    }
    while (op < end)
        *op++ = *m++;
    return end;
}

/* With partial, dst[0..raw_len) is only the first raw_len bytes of a
 * longer output: decoding stops with 0 once they are written (a run
 * that crosses the end is cut there), and what follows is not read. */
static int m1_decode(const uint8_t *ip, const uint8_t *iend, uint8_t *dst,
                     size_t raw_len, int partial)
{
    uint8_t *op = dst, *oend = dst + raw_len;
    for (;;) {
        size_t lit, ml, off;
        unsigned tok;
        if (ip >= iend)
            return EV_EFORMAT;
        tok = *ip++;
        lit = tok >> 4;
        if (lit == 15) {
            size_t ext;
            ip = varint_get(ip, iend, &ext);
            if (!ip)
                return EV_EFORMAT;
            lit += ext;
        }
        if (partial && lit > (size_t)(oend - op))
            lit = (size_t)(oend - op);
        if (lit > (size_t)(iend - ip) || lit > (size_t)(oend - op))
            return EV_EFORMAT;
        if (lit <= 16 && iend - ip >= 16 && oend - op >= 16)
            memcpy(op, ip, 16);
        else
            memcpy(op, ip, lit);
        ip += lit;
        op += lit;
        if (op == oend)
            return partial || (ip == iend && (tok & 15) == 0) ? 0
                                                             : EV_EFORMAT;
        if (iend - ip < 2)
            return EV_EFORMAT;
        off = (size_t)ip[0] | (size_t)ip[1] << 8;
        ip += 2;
        if (off & 0x8000) {
            if (ip >= iend)
                return EV_EFORMAT;
            off = (off & 0x7fff) | (size_t)*ip++ << 15;
        }
        ml = (tok & 15) + MIN_MATCH;
        if ((tok & 15) == 15) {
            size_t ext;
            ip = varint_get(ip, iend, &ext);
            if (!ip)
                return EV_EFORMAT;
            ml += ext;
        }
        if (partial && ml >= (size_t)(oend - op))
            ml = (size_t)(oend - op);
        if (off == 0 || off > (size_t)(op - dst) ||
            ml > (size_t)(oend - op))
            return EV_EFORMAT;
        op = copy_match(op, oend, off, ml);
        if (partial && op == oend)
            return 0;
    }
}

/* ---- method 2 decoding ---- */

typedef struct bit_reader {
    const uint8_t *p, *end;
    uint64_t buf;
    unsigned cnt;
    unsigned over; /* zero bytes fed past the end */
} bit_reader;

static int refill_slow(bit_reader *r)
{
    while (r->cnt <= 56) {
        if (r->p < r->end)
            r->buf |= (uint64_t)*r->p++ << r->cnt;
        else if (++r->over > 16)
            return EV_EFORMAT;
        r->cnt += 8;
    }
    return 0;
}

/* Leaves at least 56 bits in the buffer; past the end they are zeros,
 * counted so the caller can tell a stream that ran out (and fails once
 * far past it). */
static inline int refill(bit_reader *r)
{
    if (r->end - r->p >= 8) {
        r->buf |= load64le(r->p) << r->cnt;
        r->p += (63 - r->cnt) >> 3;
        r->cnt |= 56;
        return 0;
    }
    return refill_slow(r);
}

static uint32_t take(bit_reader *r, unsigned n)
{
    uint32_t v = (uint32_t)(r->buf & (((uint64_t)1 << n) - 1));
    r->buf >>= n;
    r->cnt -= n;
    return v;
}

#define BAD_ENTRY ((uint16_t)(0xfff << 4 | 1))

/* Decoding table of 1 << (longest code) entries, *bits_out that length:
 * symbol << 4 | length, and BAD_ENTRY for a bit pattern no code starts
 * (a symbol no alphabet has, one bit long so the decoding loops need
 * not tell it apart before they check the symbol). Fails on a code
 * longer than limit or an over-subscribed code. */
static int table_build(const uint8_t *len, unsigned n, unsigned limit,
                       uint16_t *tab, unsigned *bits_out)
{
    unsigned count[MAX_BITS + 1] = {0}, next[MAX_BITS + 2];
    unsigned i, b, bits = 1;
    uint32_t kraft = 0;
    for (i = 0; i < n; i++) {
        if (len[i] > limit)
            return EV_EFORMAT;
        count[len[i]]++;
        if (len[i] > bits)
            bits = len[i];
    }
    /* the table is as wide as the longest code, not the limit */
    count[0] = 0;
    for (b = 1; b <= bits; b++)
        kraft += count[b] << (bits - b);
    if (kraft > (1u << bits))
        return EV_EFORMAT;
    if (kraft < (1u << bits))
        for (i = 0; i < (1u << bits); i++)
            tab[i] = BAD_ENTRY;
    first_codes(count, bits + 1, next);
    for (i = 0; i < n; i++) {
        unsigned l = len[i], k;
        if (!l)
            continue;
        for (k = reverse_bits(next[l]++, l); k < (1u << bits); k += 1u << l)
            tab[k] = (uint16_t)(i << 4 | l);
    }
    *bits_out = bits;
    return 0;
}

/* The next symbol through a table of mask + 1 entries (a bad bit
 * pattern gives a symbol out of every alphabet: see BAD_ENTRY). */
static inline unsigned next_sym(bit_reader *r, const uint16_t *tab,
                                unsigned mask)
{
    unsigned e = tab[r->buf & mask], l = e & 15;
    r->buf >>= l;
    r->cnt -= l;
    return e >> 4;
}

/* Decodes a symbol of an alphabet of n_sym from a table of mask + 1
 * entries. */
static int decode_sym(bit_reader *r, const uint16_t *tab, unsigned mask,
                      unsigned n_sym, unsigned *sym)
{
    *sym = next_sym(r, tab, mask);
    return *sym >= n_sym ? EV_EFORMAT : 0;
}

/* Reads a block's code lengths and builds its tables; masks[] get the
 * tables' index masks. */
static int m2_tables(bit_reader *r, uint16_t *ll_tab, uint16_t *off_tab,
                     unsigned *masks)
{
    unsigned cl_bits;
    uint8_t cl_len[N_CL], lens[N_LL + N_OFF];
    uint16_t cl_tab[1 << CL_MAX_BITS];
    unsigned i = 0;
    if (refill(r))
        return EV_EFORMAT;
    for (i = 0; i < N_CL; i++)
        cl_len[i] = (uint8_t)take(r, 3);
    if (table_build(cl_len, N_CL, CL_MAX_BITS, cl_tab, &cl_bits))
        return EV_EFORMAT;
    i = 0;
    while (i < N_LL + N_OFF) {
        unsigned s, run;
        uint8_t v;
        if (refill(r) || decode_sym(r, cl_tab, (1u << cl_bits) - 1, N_CL, &s))
            return EV_EFORMAT;
        if (s <= MAX_BITS) {
            lens[i++] = (uint8_t)s;
            continue;
        }
        if (s == CL_REP_PREV) {
            if (i == 0)
                return EV_EFORMAT;
            v = lens[i - 1];
            run = 3 + take(r, 2);
        } else {
            v = 0;
            run = s == CL_ZEROS ? 3 + take(r, 3) : 11 + take(r, 7);
        }
        if (run > N_LL + N_OFF - i)
            return EV_EFORMAT;
        memset(lens + i, v, run);
        i += run;
    }
    if (table_build(lens, N_LL, MAX_BITS, ll_tab, &masks[0]) ||
        table_build(lens + N_LL, N_OFF, MAX_BITS, off_tab, &masks[1]))
        return EV_EFORMAT;
    masks[0] = (1u << masks[0]) - 1;
    masks[1] = (1u << masks[1]) - 1;
    return 0;
}

/* Decodes one block's symbols up to its end-of-block into op. */
static int m2_symbols(bit_reader *r, const uint16_t *ll_tab,
                      const uint16_t *off_tab, const unsigned *masks,
                      uint8_t *dst, uint8_t **opp, uint8_t *oend,
                      size_t *rep_io, int partial)
{
    /* a local copy stays in registers */
    bit_reader q = *r;
    uint8_t *op = *opp;
    size_t rep = *rep_io;
    int rc = EV_EFORMAT;
    for (;;) {
        unsigned s, c;
        size_t ml, off;
        if (refill(&q))
            goto done;
        /* literals while the buffer surely holds a whole code: at most
         * 52 of them (a code has a bit at least), so far from the end
         * of the output there is no need to check each */
        if (oend - op >= 64) {
            do {
                s = next_sym(&q, ll_tab, masks[0]);
                if (s >= N_LIT)
                    break;
                *op++ = (uint8_t)s;
            } while (q.cnt >= MAX_BITS);
        } else {
            do {
                s = next_sym(&q, ll_tab, masks[0]);
                if (s >= N_LIT)
                    break;
                if (op == oend) {
                    rc = partial ? 0 : EV_EFORMAT;
                    goto done;
                }
                *op++ = (uint8_t)s;
            } while (q.cnt >= MAX_BITS);
        }
        if (s < N_LIT)
            continue;
        if (s == SYM_EOB)
            break;
        if (refill(&q))
            goto done;
        if (s >= N_LL)
            goto done;
        c = s < SYM_REP ? s - SYM_LEN : s - SYM_REP;
        /* 56 bits hold length extra (14), offset code (12) and offset
         * extra (21) */
        ml = len_base_tab[c] + take(&q, len_extra_tab[c]) + MIN_MATCH;
        if (s < SYM_REP) {
            if (decode_sym(&q, off_tab, masks[1], N_OFF, &c))
                goto done;
            rep = off_base_tab[c] + take(&q, off_extra_tab[c]) + 1;
        }
        off = rep;
        if (partial && ml >= (size_t)(oend - op))
            ml = (size_t)(oend - op);
        if (off > (size_t)(op - dst) || ml > (size_t)(oend - op))
            goto done;
        op = copy_match(op, oend, off, ml);
        if (partial && op == oend)
            break;
    }
    rc = 0;
done:
    *r = q;
    *opp = op;
    *rep_io = rep;
    return rc;
}

/* partial: as m1_decode's */
static int m2_decode(const uint8_t *ip, const uint8_t *iend, uint8_t *dst,
                     size_t raw_len, int partial)
{
    uint16_t ll_tab[1 << MAX_BITS], off_tab[1 << MAX_BITS];
    unsigned masks[2];
    bit_reader r = {ip, iend, 0, 0, 0};
    uint8_t *op = dst, *oend = dst + raw_len;
    size_t rep = REP_INIT;
    unsigned last = 0;
    while (!last) {
        if (refill(&r))
            return EV_EFORMAT;
        last = take(&r, 1);
        if (m2_tables(&r, ll_tab, off_tab, masks))
            return EV_EFORMAT;
        if (m2_symbols(&r, ll_tab, off_tab, masks, dst, &op, oend, &rep,
                       partial))
            return EV_EFORMAT;
        if (partial && op == oend)
            break;
    }
    /* every bit consumed must have been in the input */
    if (partial)
        return op == oend && r.over * 8 <= r.cnt ? 0 : EV_EFORMAT;
    if (op != oend || r.over * 8 > r.cnt)
        return EV_EFORMAT;
    return 0;
}

int ev_lz_unpack(const void *frame, size_t n, void *dst, size_t raw_len)
{
    const uint8_t *f = frame;
    uint8_t empty;
    size_t len, hdr;
    int method;
    if (!frame || frame_header(f, n, &len, &method, &hdr))
        return EV_EFORMAT;
    if (len != raw_len)
        return EV_EINVALID;
    if (method == EV_LZ_STORED) {
        if (len)
            memcpy(dst, f + hdr, len);
        return 0;
    }
    /* an empty output may come with a NULL dst, where the decoders'
     * pointer arithmetic would be undefined */
    if (!len)
        dst = &empty;
    if (method == EV_LZ_LZ77)
        return m1_decode(f + hdr, f + n, dst, len, 0);
    return m2_decode(f + hdr, f + n, dst, len, 0);
}

int ev_lz_unpack_prefix(const void *frame, size_t n, void *dst, size_t cap,
                        size_t *got)
{
    const uint8_t *f = frame;
    size_t len, hdr;
    int method, rc;
    *got = 0;
    if (!frame || frame_header(f, n, &len, &method, &hdr))
        return EV_EFORMAT;
    if (len <= cap) {
        rc = ev_lz_unpack(frame, n, dst, len);
        *got = rc ? 0 : len;
        return rc;
    }
    if (!cap)
        return 0;
    if (method == EV_LZ_STORED)
        memcpy(dst, f + hdr, cap);
    else if ((rc = method == EV_LZ_LZ77
                       ? m1_decode(f + hdr, f + n, dst, cap, 1)
                       : m2_decode(f + hdr, f + n, dst, cap, 1)) != 0)
        return rc;
    *got = cap;
    return 0;
}

int ev_lz_unpack_buf(const void *frame, size_t n, ev_buf *out)
{
    size_t len;
    int rc = ev_lz_frame_info(frame, n, &len, NULL);
    if (rc)
        return rc;
    if (ev_buf_grow(out, len))
        return EV_ENOMEM;
    rc = ev_lz_unpack(frame, n, out->ptr + out->len, len);
    if (rc) {
        out->ptr[out->len] = '\0';
        return rc;
    }
    out->len += len;
    out->ptr[out->len] = '\0';
    return 0;
}
