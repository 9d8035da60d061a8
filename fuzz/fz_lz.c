/*
 * Fuzz target: the body compressor (common/ev_lz.h). The input is first
 * a frame to unpack, whole and its first bytes (a bad one must be
 * refused, never read or written out of bounds; a prefix of a frame that
 * unpacks must be its text's), then data to pack with each method (and
 * the thorough parse) and unpack again, whole and in part, which must
 * give it back.
 */
#include <string.h>

#include "ev_lz.h"
#include "fuzz.h"

/* Frames may declare up to EV_LZ_MAX_RAW bytes; larger than this is not
 * worth allocating for one input. */
#define FZ_LZ_MAX_OUT ((size_t)16 << 20)

static void unpack_any(const uint8_t *data, size_t size)
{
    size_t raw_len;
    uint8_t *out;
    int rc;
    if (ev_lz_frame_info(data, size, &raw_len, NULL) != 0 ||
        raw_len > FZ_LZ_MAX_OUT)
        return;
    out = malloc(raw_len ? raw_len : 1);
    if (!out)
        return;
    rc = ev_lz_unpack(data, size, out, raw_len);
    if (rc != 0 && rc != EV_EFORMAT)
        abort();
    {
        /* (an exact-size buffer for the prefix: ASan sees any write past) */
        size_t cap = raw_len / 3, got = 0;
        uint8_t *pre = malloc(cap ? cap : 1);
        int prc;
        if (!pre)
            abort();
        prc = ev_lz_unpack_prefix(data, size, pre, cap, &got);
        if ((prc != 0 && prc != EV_EFORMAT) ||
            (prc == 0 && (got != cap ||
                          (rc == 0 && cap && memcmp(pre, out, cap) != 0))))
            abort();
        free(pre);
    }
    free(out);
}

static void round_trip(ev_lz_packer *pk, const uint8_t *data, size_t size,
                       unsigned mask)
{
    size_t cap = ev_lz_bound(size), len, raw_len = 0;
    uint8_t *frame = malloc(cap), *out = malloc(size ? size : 1);
    if (!frame || !out)
        abort();
    len = ev_lz_pack_with(pk, data, size, frame, cap, mask);
    if (len == 0 || len > cap ||
        ev_lz_frame_info(frame, len, &raw_len, NULL) != 0 ||
        raw_len != size || ev_lz_unpack(frame, len, out, size) != 0 ||
        (size && memcmp(out, data, size) != 0))
        abort();
    {
        size_t half = size / 2, got = 0;
        if (ev_lz_unpack_prefix(frame, len, out, half, &got) != 0 ||
            got != half || (half && memcmp(out, data, half) != 0))
            abort();
    }
    free(frame);
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* one packer for the process, as a thread would keep one */
    static ev_lz_packer *pk;
    if (!pk && !(pk = ev_lz_packer_new()))
        abort();
    unpack_any(data, size);
    round_trip(pk, data, size, 1u << EV_LZ_LZ77);
    round_trip(pk, data, size, 1u << EV_LZ_HUFF);
    round_trip(pk, data, size, 1u << EV_LZ_HUFF | EV_LZ_THOROUGH);
    round_trip(pk, data, size, 1u << EV_LZ_LZ77 | EV_LZ_THOROUGH);
    return 0;
}
