/*
 * common/lz.c: the body compressor. Round trips of every method over
 * edge cases, text, long and far matches and the seed texts; the size
 * bound; packer reuse (positions tagged by a growing base, across its
 * wrap); and hostile frames: hand-made bad headers and codes, every
 * truncation and random byte flips of valid frames.
 */
#include "ev_lz.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define M_LZ77 (1u << EV_LZ_LZ77)
#define M_HUFF (1u << EV_LZ_HUFF)
#define M_ALL (M_LZ77 | M_HUFF)
#define M_BEST (M_ALL | EV_LZ_THOROUGH)

static const unsigned masks[] = {0,      M_LZ77, M_HUFF,
                                 M_ALL,  M_BEST, M_LZ77 | EV_LZ_THOROUGH};
#define N_MASKS (sizeof(masks) / sizeof(masks[0]))

static uint64_t rng_next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void fill_random(unsigned char *p, size_t n, uint64_t seed)
{
    size_t i;
    for (i = 0; i < n; i++)
        p[i] = (unsigned char)(rng_next(&seed) >> 24);
}

/* Text-like bytes: words of a small vocabulary, figures, punctuation,
 * line breaks; repeats like prose, never exactly periodic. */
static void fill_text(unsigned char *p, size_t n, uint64_t seed)
{
    static const char *const words[] = {
        "the", "of", "costs", "troops", "Japan", "host", "nation",
        "support", "percent", "in", "and", "a", "report", "billion",
        "estimated", "according", "to", "Congressional", "Research",
        "Service", "stationing", "were", "by", "2019", "that", "rose",
        "from", "\xc2\xa5", "\xe2\x80\x94", "budget", "fiscal", "year"};
    size_t i = 0, nw = sizeof(words) / sizeof(words[0]);
    while (i < n) {
        uint64_t r = rng_next(&seed);
        char tmp[32];
        const char *w = words[r % nw];
        size_t k, len;
        if (r % 11 == 0) {
            snprintf(tmp, sizeof(tmp), "%u.%u%%", (unsigned)(r >> 20) % 100,
                     (unsigned)(r >> 30) % 10);
            w = tmp;
        }
        len = strlen(w);
        for (k = 0; k < len && i < n; k++)
            p[i++] = (unsigned char)w[k];
        if (i < n)
            p[i++] = (r >> 40) % 13 == 0 ? '\n' : (r >> 40) % 7 == 0 ? ',' : ' ';
    }
}

/* Packs src with the methods of mask, checks the bound, the header and
 * the round trip (into a buffer of exactly n bytes, so ASan sees any
 * overrun); returns the frame size and leaves the frame in *frame_out
 * when asked. */
static size_t round_trip(ev_lz_packer *pk, const unsigned char *src,
                         size_t n, unsigned mask, unsigned char **frame_out)
{
    size_t cap = ev_lz_bound(n), len, raw_len = 0;
    unsigned char *frame = malloc(cap), *out = malloc(n ? n : 1);
    int method = -1;
    ck_assert_ptr_nonnull(frame);
    ck_assert_ptr_nonnull(out);
    len = ev_lz_pack_with(pk, src, n, frame, cap, mask);
    ck_assert_uint_gt(len, 0);
    ck_assert_uint_le(len, cap);
    ck_assert_int_eq(ev_lz_frame_info(frame, len, &raw_len, &method), 0);
    ck_assert_uint_eq(raw_len, n);
    ck_assert(method == EV_LZ_STORED || (mask & (1u << method)));
    ck_assert_int_eq(ev_lz_unpack(frame, len, out, n), 0);
    if (n)
        ck_assert(memcmp(out, src, n) == 0);
    free(out);
    if (frame_out)
        *frame_out = frame;
    else
        free(frame);
    return len;
}

static int frame_method(const unsigned char *frame, size_t len)
{
    size_t raw_len;
    int method = -1;
    ck_assert_int_eq(ev_lz_frame_info(frame, len, &raw_len, &method), 0);
    return method;
}

/* Empty, one byte, short inputs, every method: short inputs are stored
 * with a header of varint length and method. */
START_TEST(test_small)
{
    ev_lz_packer *pk = ev_lz_packer_new();
    unsigned char buf[64], *frame;
    size_t m, n;
    ck_assert_ptr_nonnull(pk);
    fill_text(buf, sizeof(buf), 7);
    for (m = 0; m < N_MASKS; m++)
        for (n = 0; n <= sizeof(buf); n++)
            round_trip(pk, buf, n, masks[m], NULL);
    ck_assert_uint_eq(round_trip(pk, buf, 0, M_ALL, &frame), 2);
    ck_assert_int_eq(frame[0], 0);
    ck_assert_int_eq(frame[1], EV_LZ_STORED);
    free(frame);
    ck_assert_uint_eq(round_trip(pk, buf, 1, M_ALL, &frame), 3);
    ck_assert_int_eq(frame[2], buf[0]);
    free(frame);
    ev_lz_packer_free(pk);
    ev_lz_packer_free(NULL);
}
END_TEST

/* A run of one byte (matches overlapping their source at offset 1)
 * shrinks to almost nothing with either method. */
START_TEST(test_same_bytes)
{
    ev_lz_packer *pk = ev_lz_packer_new();
    size_t sizes[] = {16, 17, 100, 65536, 70000, 1 << 20, 3 << 20}, i, m;
    ck_assert_ptr_nonnull(pk);
    for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        unsigned char *p = malloc(sizes[i]);
        ck_assert_ptr_nonnull(p);
        memset(p, 'x', sizes[i]);
        for (m = 1; m < N_MASKS; m++) {
            unsigned char *frame;
            size_t len = round_trip(pk, p, sizes[i], masks[m], &frame);
            ck_assert_uint_lt(len, sizes[i] / 10 + 16);
            ck_assert_int_ne(frame_method(frame, len), EV_LZ_STORED);
            free(frame);
        }
        free(p);
    }
    ev_lz_packer_free(pk);
}
END_TEST

/* Random bytes do not shrink: the frame is stored, n + header bytes. */
START_TEST(test_random_stored)
{
    ev_lz_packer *pk = ev_lz_packer_new();
    size_t n = 200000, m;
    unsigned char *p = malloc(n);
    ck_assert_ptr_nonnull(pk);
    ck_assert_ptr_nonnull(p);
    fill_random(p, n, 99);
    for (m = 0; m < N_MASKS; m++) {
        unsigned char *frame;
        size_t len = round_trip(pk, p, n, masks[m], &frame);
        ck_assert_uint_eq(len, n + 3 + 1);
        ck_assert_int_eq(frame_method(frame, len), EV_LZ_STORED);
        ck_assert(memcmp(frame + 4, p, n) == 0);
        free(frame);
    }
    free(p);
    ev_lz_packer_free(pk);
}
END_TEST

/* Text-like input of 100 KB (beyond a 64 KB window) and 3 MB (beyond
 * the 1 MB window and the method 2 block size): each method round trips
 * and compresses, method 2 more than method 1, and (up to 100 KB) the
 * thorough parse no less than the lazy one. */
START_TEST(test_text)
{
    ev_lz_packer *pk = ev_lz_packer_new();
    size_t sizes[] = {1000, 100000, 3 << 20}, i;
    ck_assert_ptr_nonnull(pk);
    for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        unsigned char *p = malloc(sizes[i]), *f1, *f2;
        size_t l1, l2, la, lb;
        ck_assert_ptr_nonnull(p);
        fill_text(p, sizes[i], 1234 + i);
        l1 = round_trip(pk, p, sizes[i], M_LZ77, &f1);
        l2 = round_trip(pk, p, sizes[i], M_HUFF, &f2);
        la = round_trip(pk, p, sizes[i], M_ALL, NULL);
        if (sizes[i] <= 100000) {
            /* (slow under the sanitizers on the 3 MB input) */
            lb = round_trip(pk, p, sizes[i], M_BEST, NULL);
            ck_assert_uint_le(lb, la);
            ck_assert_uint_le(round_trip(pk, p, sizes[i],
                                         M_LZ77 | EV_LZ_THOROUGH, NULL),
                              l1);
        }
        ck_assert_int_eq(frame_method(f1, l1), EV_LZ_LZ77);
        ck_assert_int_eq(frame_method(f2, l2), EV_LZ_HUFF);
        ck_assert_uint_lt(l1, sizes[i] * 2 / 3);
        ck_assert_uint_lt(l2, l1);
        ck_assert_uint_eq(la, l2 < l1 ? l2 : l1);
        free(f1);
        free(f2);
        free(p);
    }
    ev_lz_packer_free(pk);
}
END_TEST

/* A random block repeated 40 KB, 600 KB and 1.5 MB later: the first two
 * repeats are found (offsets past 2 bytes and past 64 KB), the last is
 * beyond the 1 MB window and must not be (and still round trips). */
START_TEST(test_far_matches)
{
    ev_lz_packer *pk = ev_lz_packer_new();
    size_t gaps[] = {40000, 600000, 1500000}, blk = 20000, i, m;
    ck_assert_ptr_nonnull(pk);
    for (i = 0; i < 3; i++) {
        size_t n = blk + gaps[i] + blk;
        unsigned char *p = malloc(n);
        ck_assert_ptr_nonnull(p);
        fill_random(p, blk + gaps[i], 5 + i);
        memcpy(p + blk + gaps[i], p, blk);
        for (m = 1; m < N_MASKS; m++) {
            size_t len = round_trip(pk, p, n, masks[m], NULL);
            if (i < 2)
                ck_assert_uint_lt(len, n - blk + 1000);
            else
                ck_assert_uint_gt(len, n - 100);
        }
        free(p);
    }
    ev_lz_packer_free(pk);
}
END_TEST

/* The bound holds; a cap one byte short of the frame gives 0; the exact
 * cap works. Inputs over EV_LZ_MAX_RAW are refused. */
START_TEST(test_bound)
{
    ev_lz_packer *pk = ev_lz_packer_new();
    size_t sizes[] = {0, 1, 15, 16, 200, 5000, 70000}, i, m;
    unsigned char *p = malloc(70000), *frame = malloc(ev_lz_bound(70000));
    unsigned char one = 0;
    ck_assert_ptr_nonnull(pk);
    ck_assert_ptr_nonnull(p);
    ck_assert_ptr_nonnull(frame);
    for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        for (m = 0; m < 2; m++) {
            size_t n = sizes[i], len, len2;
            if (m)
                fill_random(p, n, 3 + i);
            else
                fill_text(p, n, 3 + i);
            len = ev_lz_pack(pk, p, n, frame, ev_lz_bound(n));
            ck_assert_uint_gt(len, 0);
            ck_assert_uint_le(len, ev_lz_bound(n));
            ck_assert_uint_eq(ev_lz_pack(pk, p, n, frame, len - 1), 0);
            len2 = ev_lz_pack(pk, p, n, frame, len);
            ck_assert_uint_eq(len2, len);
        }
    }
    ck_assert_uint_eq(ev_lz_pack(pk, &one, EV_LZ_MAX_RAW + 1, frame, 10), 0);
    free(p);
    free(frame);
    ev_lz_packer_free(pk);
}
END_TEST

/* A packer reused over many inputs writes the same frames as a fresh
 * one, also after its position base wraps (each call advances it by the
 * input plus the window, twice with the thorough parse: 5000 calls pass
 * 2^32). */
START_TEST(test_reuse)
{
    ev_lz_packer *pk = ev_lz_packer_new(), *fresh;
    unsigned char p[3000], a[3100], b[3100];
    size_t i, la, lb;
    ck_assert_ptr_nonnull(pk);
    for (i = 0; i < 5000; i++) {
        size_t n = 500 + (i * 37) % 2500;
        unsigned mask = i % 3 ? M_ALL : M_BEST;
        fill_text(p, n, i % 50);
        la = ev_lz_pack_with(pk, p, n, a, sizeof(a), mask);
        ck_assert_uint_gt(la, 0);
        if (i % 250 == 0 || i % 50 == 49) {
            fresh = ev_lz_packer_new();
            ck_assert_ptr_nonnull(fresh);
            lb = ev_lz_pack_with(fresh, p, n, b, sizeof(b), mask);
            ck_assert_uint_eq(la, lb);
            ck_assert(memcmp(a, b, la) == 0);
            ev_lz_packer_free(fresh);
        }
    }
    ev_lz_packer_free(pk);
}
END_TEST

/* A packer that packed an input over 4 MB (whose scratch it then frees)
 * packs that input and smaller ones as a fresh packer does, and the
 * large frame unpacks to the input. */
START_TEST(test_reuse_after_large)
{
    size_t big = (5u << 20) + 123, small = 2000, la, lb, cap;
    unsigned char *p = malloc(big), *a, *b, *back;
    ev_lz_packer *pk = ev_lz_packer_new(), *fresh = ev_lz_packer_new();
    int round;
    ck_assert_ptr_nonnull(p);
    ck_assert_ptr_nonnull(pk);
    ck_assert_ptr_nonnull(fresh);
    cap = ev_lz_bound(big);
    a = malloc(cap);
    b = malloc(cap);
    back = malloc(big);
    ck_assert(a && b && back);
    fill_text(p, big, 7);
    for (round = 0; round < 2; round++) {
        la = ev_lz_pack(pk, p, big, a, cap);
        ck_assert_uint_gt(la, 0);
        ck_assert_int_eq(ev_lz_unpack(a, la, back, big), 0);
        ck_assert(memcmp(back, p, big) == 0);
        la = ev_lz_pack(pk, p, small, a, cap);
        lb = ev_lz_pack(fresh, p, small, b, cap);
        ck_assert_uint_gt(la, 0);
        ck_assert_uint_eq(la, lb);
        ck_assert(memcmp(a, b, la) == 0);
    }
    ev_lz_packer_free(pk);
    ev_lz_packer_free(fresh);
    free(p);
    free(a);
    free(b);
    free(back);
}
END_TEST

/* Unpacks frame[0..n) the way a careful caller would: the header first,
 * then into a buffer of exactly the declared size. Returns the code. */
static int unpack_checked(const unsigned char *frame, size_t n)
{
    size_t raw_len = 0;
    unsigned char *out;
    int rc = ev_lz_frame_info(frame, n, &raw_len, NULL);
    if (rc) {
        ck_assert_int_eq(rc, EV_EFORMAT);
        return rc;
    }
    ck_assert_uint_le(raw_len, EV_LZ_MAX_RAW);
    if (raw_len > (64u << 20))
        return 1; /* a plausible header; too big to try here */
    out = malloc(raw_len ? raw_len : 1);
    ck_assert_ptr_nonnull(out);
    rc = ev_lz_unpack(frame, n, out, raw_len);
    ck_assert(rc == 0 || rc == EV_EFORMAT);
    free(out);
    return rc;
}

/* Hand-made bad frames, one per check the decoder makes. */
START_TEST(test_malformed)
{
    static const struct {
        const char *bytes;
        size_t len;
    } bad[] = {
        {"", 0},                           /* no header */
        {"\x80", 1},                       /* varint never ends */
        {"\x80\x80\x80\x80\x80\x01\x00", 7}, /* varint too long */
        {"\x80\x80\x80\x80\x08\x00", 6},   /* 2^31: over EV_LZ_MAX_RAW */
        {"\x03", 1},                       /* no method */
        {"\x03\x03xyz", 5},                /* unknown method */
        {"\x03\x00xy", 4},                 /* stored, short */
        {"\x03\x00xyzw", 6},               /* stored, long */
        {"\x03\x01", 2},                   /* method 1, no payload */
        {"\x03\x01\x30xy", 5},             /* literals past the input */
        {"\x03\x01\x40xyzw", 7},           /* literals past the output */
        {"\x05\x01\x10x\x00\x00", 6},      /* offset 0 */
        {"\x05\x01\x10x\x02\x00", 6},      /* offset before the start */
        {"\x06\x01\x10x\x01\x00", 6},      /* match past the output */
        {"\x05\x01\x10x\x01\x00\x00!", 8}, /* bytes after the end */
        {"\x05\x01\x10x\x01", 5},          /* offset cut short */
        {"\x05\x01\x10x\x01\x80", 6},      /* 3-byte offset cut short */
        {"\x05\x01\x1fx\x01\x00", 6},      /* length extension missing */
        {"\x01\x01\x11x", 4},              /* last token with a match */
        {"\x03\x02", 2},                   /* method 2, no payload */
        {"\x03\x02\x00", 3},               /* method 2, runs out */
        /* last, all 16 code-length codes 1 bit long: over-subscribed */
        {"\x03\x02\x93\x24\x49\x92\x24\x49\x00", 9},
    };
    size_t i;
    unsigned char out[16];
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        size_t raw_len;
        int rc = ev_lz_frame_info(bad[i].bytes, bad[i].len, &raw_len, NULL);
        if (rc == 0) {
            ck_assert_uint_le(raw_len, sizeof(out));
            rc = ev_lz_unpack(bad[i].bytes, bad[i].len, out, raw_len);
        }
        ck_assert_msg(rc == EV_EFORMAT, "case %zu gave %d", i, rc);
    }
    /* a good frame, then a caller's wrong length */
    ck_assert_int_eq(ev_lz_unpack("\x05\x01\x10x\x01\x00\x00", 7, out, 5), 0);
    ck_assert(memcmp(out, "xxxxx", 5) == 0);
    ck_assert_int_eq(ev_lz_unpack("\x05\x01\x10x\x01\x00\x00", 7, out, 4),
                     EV_EINVALID);
    ck_assert_int_eq(ev_lz_unpack(NULL, 0, out, 0), EV_EFORMAT);
    /* an empty output may come with no buffer */
    ck_assert_int_eq(ev_lz_unpack("\x00\x01\x00", 3, NULL, 0), 0);
    ck_assert_int_eq(ev_lz_unpack("\x00\x00", 2, NULL, 0), 0);
    ck_assert_int_eq(ev_lz_unpack("\x00\x02\x00", 3, NULL, 0), EV_EFORMAT);
}
END_TEST

/* Every truncation of a valid frame of each method is refused. */
START_TEST(test_truncations)
{
    ev_lz_packer *pk = ev_lz_packer_new();
    unsigned char p[6000];
    size_t m, cut;
    ck_assert_ptr_nonnull(pk);
    fill_text(p, sizeof(p), 42);
    for (m = 0; m < N_MASKS; m++) {
        unsigned char *frame;
        size_t len = round_trip(pk, p, sizeof(p), masks[m], &frame);
        for (cut = 0; cut < len; cut++) {
            /* an exact-size copy, so reading past the cut is caught */
            unsigned char *t = malloc(cut ? cut : 1);
            ck_assert_ptr_nonnull(t);
            memcpy(t, frame, cut);
            ck_assert_int_eq(unpack_checked(t, cut), EV_EFORMAT);
            free(t);
        }
        free(frame);
    }
    ev_lz_packer_free(pk);
}
END_TEST

/* Random byte flips (one to four per try) of valid frames of each
 * method: refused or decoded to the declared length, never a crash (the
 * suite runs under ASan+UBSan in CI). */
START_TEST(test_flips)
{
    ev_lz_packer *pk = ev_lz_packer_new();
    unsigned char p[20000];
    uint64_t seed = 77;
    size_t m, t;
    int n_bad = 0;
    ck_assert_ptr_nonnull(pk);
    fill_text(p, sizeof(p), 43);
    memset(p + 5000, ' ', 300);
    for (m = 1; m < N_MASKS; m++) {
        unsigned char *frame, *t_frame;
        size_t len = round_trip(pk, p, sizeof(p), masks[m], &frame);
        t_frame = malloc(len);
        ck_assert_ptr_nonnull(t_frame);
        for (t = 0; t < 3000; t++) {
            int k, n_flip = 1 + (int)(rng_next(&seed) % 4);
            memcpy(t_frame, frame, len);
            for (k = 0; k < n_flip; k++) {
                uint64_t r = rng_next(&seed);
                /* most flips go past the header, where the payload is */
                size_t at = (size_t)(r % len);
                t_frame[at] ^= (unsigned char)(1 + (r >> 32) % 255);
            }
            if (unpack_checked(t_frame, len) == EV_EFORMAT)
                n_bad++;
        }
        free(t_frame);
        free(frame);
    }
    /* most damage is detected */
    ck_assert_int_gt(n_bad, 4000);
    ev_lz_packer_free(pk);
}
END_TEST

/* ev_lz_unpack_prefix gives the first bytes of the text for every method
 * and every cut (inside literal runs and matches, at and past the end),
 * writes nothing past the cut, and on every truncation of a frame gives
 * the right prefix or EV_EFORMAT (an exact-size copy: never a read past
 * it). */
START_TEST(test_unpack_prefix)
{
    static const size_t cuts[] = {0,   1,    2,    15,   16,   17,  63,
                                  64,  65,   199,  200,  201,  4095, 4096,
                                  9999, 19999, 20000, 20001, 30000};
    ev_lz_packer *pk = ev_lz_packer_new();
    unsigned char p[20000], out[30000 + 64];
    size_t m, k, cut, got;
    ck_assert_ptr_nonnull(pk);
    fill_text(p, sizeof(p), 44);
    memset(p + 5000, ' ', 300); /* a long match */
    for (m = 0; m < N_MASKS; m++) {
        unsigned char *frame;
        size_t len = round_trip(pk, p, sizeof(p), masks[m], &frame);
        for (k = 0; k < sizeof(cuts) / sizeof(cuts[0]); k++) {
            size_t want = cuts[k] < sizeof(p) ? cuts[k] : sizeof(p);
            memset(out, 0xA5, sizeof(out));
            ck_assert_int_eq(ev_lz_unpack_prefix(frame, len, out, cuts[k],
                                                 &got),
                             0);
            ck_assert_uint_eq(got, want);
            ck_assert_int_eq(memcmp(out, p, want), 0);
            ck_assert_uint_eq(out[want], 0xA5);
        }
        for (cut = 0; cut < len; cut += 1 + cut / 64) {
            unsigned char *t = malloc(cut ? cut : 1);
            int rc;
            ck_assert_ptr_nonnull(t);
            memcpy(t, frame, cut);
            rc = ev_lz_unpack_prefix(t, cut, out, 200, &got);
            ck_assert(rc == EV_EFORMAT ||
                      (rc == 0 && got == 200 && memcmp(out, p, 200) == 0));
            free(t);
        }
        free(frame);
    }
    ev_lz_packer_free(pk);
}
END_TEST

/* ev_lz_unpack_buf appends after what the buffer holds, keeps it
 * NUL-terminated, and leaves it unchanged on a bad frame. */
START_TEST(test_unpack_buf)
{
    ev_lz_packer *pk = ev_lz_packer_new();
    ev_buf b = EV_BUF_INIT;
    unsigned char p[5000], frame[5100];
    size_t len;
    ck_assert_ptr_nonnull(pk);
    fill_text(p, sizeof(p), 8);
    len = ev_lz_pack(pk, p, sizeof(p), frame, sizeof(frame));
    ck_assert_uint_gt(len, 0);
    ev_buf_puts(&b, "head:");
    ck_assert_int_eq(ev_lz_unpack_buf(frame, len, &b), 0);
    ck_assert_uint_eq(b.len, 5 + sizeof(p));
    ck_assert(memcmp(b.ptr, "head:", 5) == 0);
    ck_assert(memcmp(b.ptr + 5, p, sizeof(p)) == 0);
    ck_assert_int_eq(b.ptr[b.len], '\0');
    ck_assert_int_eq(ev_lz_unpack_buf(frame, len - 1, &b), EV_EFORMAT);
    frame[len - 1] ^= 0xff;
    frame[len / 2] ^= 0x55;
    ck_assert_int_eq(ev_lz_unpack_buf(frame, len, &b), EV_EFORMAT);
    ck_assert_uint_eq(b.len, 5 + sizeof(p));
    ck_assert_int_eq(b.ptr[b.len], '\0');
    ev_buf_release(&b);
    ev_lz_packer_free(pk);
}
END_TEST

/* The seed texts, read in place: every method round trips, the default
 * frame is the smaller of the two methods, at least 2x, and the thorough
 * parse is no larger. */
START_TEST(test_seeds)
{
    ev_lz_packer *pk = ev_lz_packer_new();
    DIR *d = opendir(EV_SHARED_DIR "/corpus/seeds");
    struct dirent *de;
    size_t n_files = 0, raw = 0, packed = 0;
    ck_assert_ptr_nonnull(pk);
    ck_assert_ptr_nonnull(d);
    while ((de = readdir(d)) != NULL) {
        char path[1024];
        FILE *fp;
        ev_buf b = EV_BUF_INIT;
        char chunk[8192];
        size_t r, l1, l2, la, lb, m;
        if (de->d_name[0] == '.')
            continue;
        snprintf(path, sizeof(path), "%s/corpus/seeds/%s", EV_SHARED_DIR,
                 de->d_name);
        fp = fopen(path, "rb");
        ck_assert_ptr_nonnull(fp);
        while ((r = fread(chunk, 1, sizeof(chunk), fp)) > 0)
            ev_buf_add(&b, chunk, r);
        fclose(fp);
        ck_assert(!b.oom);
        for (m = 0; m < N_MASKS; m++)
            round_trip(pk, (const unsigned char *)b.ptr, b.len, masks[m],
                       NULL);
        l1 = round_trip(pk, (const unsigned char *)b.ptr, b.len, M_LZ77,
                        NULL);
        l2 = round_trip(pk, (const unsigned char *)b.ptr, b.len, M_HUFF,
                        NULL);
        la = round_trip(pk, (const unsigned char *)b.ptr, b.len, M_ALL,
                        NULL);
        ck_assert_uint_eq(la, l1 < l2 ? l1 : l2);
        lb = round_trip(pk, (const unsigned char *)b.ptr, b.len, M_BEST,
                        NULL);
        ck_assert_uint_le(lb, la);
        raw += b.len;
        packed += la;
        n_files++;
        ev_buf_release(&b);
    }
    closedir(d);
    ck_assert_uint_gt(n_files, 0);
    ck_assert_uint_gt(raw, packed * 2);
    ev_lz_packer_free(pk);
}
END_TEST

Suite *lz_suite(void)
{
    Suite *s = suite_create("lz");
    TCase *tc = tcase_create("round_trip");
    /* megabytes of input under the sanitizers */
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_small);
    tcase_add_test(tc, test_same_bytes);
    tcase_add_test(tc, test_random_stored);
    tcase_add_test(tc, test_text);
    tcase_add_test(tc, test_far_matches);
    tcase_add_test(tc, test_bound);
    tcase_add_test(tc, test_reuse);
    tcase_add_test(tc, test_reuse_after_large);
    tcase_add_test(tc, test_seeds);
    suite_add_tcase(s, tc);
    tc = tcase_create("hostile");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_malformed);
    tcase_add_test(tc, test_truncations);
    tcase_add_test(tc, test_flips);
    tcase_add_test(tc, test_unpack_buf);
    tcase_add_test(tc, test_unpack_prefix);
    suite_add_tcase(s, tc);
    return s;
}
