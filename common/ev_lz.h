/*
 * evidex's own compressor for stored document bodies (no library behind
 * it). A frame is self-describing: the raw length as a LEB128 varint, a
 * method byte, then the payload:
 *
 *   0  stored: the raw bytes (used when nothing else is smaller)
 *   1  LZ77, byte-aligned tokens (fast to decode)
 *   2  LZ77 with canonical Huffman coding of literals, lengths and
 *      offsets (smaller; picked per frame when it is)
 *
 * The packer keeps its tables between calls (one per thread); the
 * decoder needs no state. Decoding checks every byte it reads and every
 * byte it writes: a malformed frame gives EV_EFORMAT, never a read or a
 * write outside the buffers it was given.
 */
#ifndef EV_LZ_H
#define EV_LZ_H

#include <stddef.h>

#include "ev_common.h"

enum { EV_LZ_STORED = 0, EV_LZ_LZ77 = 1, EV_LZ_HUFF = 2 };

/* Largest input ev_lz_pack takes, and the largest raw length a frame may
 * declare (1 GiB). */
#define EV_LZ_MAX_RAW ((size_t)1 << 30)

/* Reusable compressor state: 4.3 MB of tables, plus 3 bytes per byte of
 * the longest input so far (15 with EV_LZ_THOROUGH) up to 4 MB: scratch
 * for a longer input is freed after it. Not thread-safe: one per
 * thread. */
typedef struct ev_lz_packer ev_lz_packer;

/* Returns a new packer, or NULL on allocation failure. */
ev_lz_packer *ev_lz_packer_new(void);
/* Accepts NULL. */
void ev_lz_packer_free(ev_lz_packer *p);

/* Largest frame ev_lz_pack can write for n input bytes. */
size_t ev_lz_bound(size_t n);

/*
 * Compresses src[0..n) into one frame at dst. Returns the frame's size,
 * or 0 when cap is too small for it (cap >= ev_lz_bound(n) never is), n
 * exceeds EV_LZ_MAX_RAW, or the packer could not grow its sequence
 * buffer. Allocates only when an input is longer than any before (or
 * than 4 MB).
 */
size_t ev_lz_pack(ev_lz_packer *p, const void *src, size_t n, void *dst,
                  size_t cap);

/* Variant for tests and the bench: method_mask limits the methods tried
 * (bit 1 << EV_LZ_LZ77, 1 << EV_LZ_HUFF; stored is always allowed), and
 * EV_LZ_THOROUGH adds a second, optimal parse priced for the method that
 * won the first (smaller frames, about 4x slower to pack; the same
 * format and decoding speed). */
#define EV_LZ_THOROUGH (1u << 8)
size_t ev_lz_pack_with(ev_lz_packer *p, const void *src, size_t n,
                       void *dst, size_t cap, unsigned method_mask);

/*
 * Reads the header of frame[0..n): sets *raw_len (and *method when not
 * NULL). Returns 0, or EV_EFORMAT when the header is malformed, declares
 * more than EV_LZ_MAX_RAW bytes or an unknown method, or a stored frame's
 * size does not match.
 */
int ev_lz_frame_info(const void *frame, size_t n, size_t *raw_len,
                     int *method);

/*
 * Decompresses frame[0..n) into dst[0..raw_len). raw_len must be the
 * frame's raw length (see ev_lz_frame_info), else EV_EINVALID. Returns
 * 0, or EV_EFORMAT on any malformed input (dst may then hold garbage).
 */
int ev_lz_unpack(const void *frame, size_t n, void *dst, size_t raw_len);

/*
 * Decompresses the first min(cap, raw length) bytes of frame[0..n) into
 * dst, reading no more of the frame than they need; *got is how many.
 * Returns 0, or EV_EFORMAT on malformed input met on the way (what lies
 * past the prefix is not checked).
 */
int ev_lz_unpack_prefix(const void *frame, size_t n, void *dst, size_t cap,
                        size_t *got);

/* Appends the decompressed frame to out (kept NUL-terminated). Returns
 * 0, EV_EFORMAT (out unchanged) or EV_ENOMEM. */
int ev_lz_unpack_buf(const void *frame, size_t n, ev_buf *out);

#endif
