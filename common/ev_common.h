/*
 * Shared base layer of evidex: error codes and the caller-owned error
 * record, the growable text buffer ev_buf, a typed growable array macro,
 * and small UTF-8 helpers. Every module links this; it links nothing.
 */
#ifndef EV_COMMON_H
#define EV_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

/* Error codes: 0 is OK, failures are negative. New codes go last. */
enum {
    EV_OK = 0,
    EV_ERROR = -1,
    EV_ENOTFOUND = -2,
    EV_EINVALID = -3,
    EV_EIO = -4,
    EV_ENOMEM = -5,
    EV_EDB = -6,
    EV_EUNCHANGED = -7, /* not a failure for callers that expect it */
    EV_EBUSY = -8,
    EV_ELIMIT = -9,     /* a configured size/time/depth limit was hit */
    EV_EFORMAT = -10    /* unknown or unsupported format */
};

#define EV_ERR_MSG 256

/* Caller-owned error record; fallible calls fill it on failure. */
typedef struct ev_err {
    int code;
    char msg[EV_ERR_MSG];
} ev_err;

/* Sets err (if non-NULL) and returns code. Message: one line, lowercase. */
int ev_err_set(ev_err *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/*
 * Growable NUL-terminated byte buffer. Initialise with EV_BUF_INIT or
 * ev_buf_init; release with ev_buf_release. After an allocation failure
 * the buffer sets oom and further appends are no-ops, so appends may be
 * chained and checked once.
 */
typedef struct ev_buf {
    char *ptr;
    size_t len;
    size_t cap;
    int oom;
} ev_buf;

#define EV_BUF_INIT {NULL, 0, 0, 0}

void ev_buf_init(ev_buf *b);
void ev_buf_release(ev_buf *b);
void ev_buf_clear(ev_buf *b);
int ev_buf_grow(ev_buf *b, size_t extra);
int ev_buf_add(ev_buf *b, const void *data, size_t len);
int ev_buf_puts(ev_buf *b, const char *s);
int ev_buf_putc(ev_buf *b, char c);
int ev_buf_printf(ev_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Appends s as a JSON string literal, quotes included. */
int ev_buf_json_str(ev_buf *b, const char *s, size_t len);
/* Appends NUL-terminated s as a JSON string, or null when s is NULL. */
int ev_buf_json_cstr(ev_buf *b, const char *s);
/* Appends ,"key":<s as ev_buf_json_cstr> (key is not escaped). */
int ev_buf_json_field(ev_buf *b, const char *key, const char *s);
/* Takes ownership of the contents (never NULL unless oom); resets b. */
char *ev_buf_detach(ev_buf *b);

/* Returns a malloc'ed copy of s[0..len) with a NUL, or NULL. */
char *ev_strndup(const char *s, size_t len);
char *ev_strdup(const char *s);

/*
 * Typed growable array: EV_VEC(ev_claim) declares
 * struct { ev_claim *v; size_t n, cap; }. ev_vec_push returns a pointer
 * to a zeroed new slot, or NULL on allocation failure.
 */
#define EV_VEC(T) struct { T *v; size_t n, cap; }
void *ev_vec_grow_(void **v, size_t *cap, size_t n, size_t elem);
#define ev_vec_push(vec)                                                     \
    (((vec)->n < (vec)->cap ||                                               \
      ev_vec_grow_((void **)&(vec)->v, &(vec)->cap, (vec)->n,                \
                   sizeof(*(vec)->v)))                                       \
         ? ev_vec_zero_(&(vec)->v[(vec)->n++], sizeof(*(vec)->v))            \
         : NULL)
void *ev_vec_zero_(void *p, size_t elem);

/*
 * UTF-8. ev_utf8_valid returns the length of the valid prefix.
 * ev_utf8_repair writes a copy of src with each invalid byte replaced by
 * U+FFFD into out and returns the number of replacements (or -1 on oom).
 */
size_t ev_utf8_valid(const char *s, size_t len);
long ev_utf8_repair(const char *src, size_t len, ev_buf *out);

/*
 * Appends text[0..len) to out with every run of white space (ASCII space,
 * tab, CR, LF, U+00A0, U+2000..U+200A, U+202F) turned into one space and
 * none at either end. This is the form of a claim's sentence.
 */
int ev_text_collapse(ev_buf *out, const char *text, size_t len);

/* 64-bit FNV-1a, used for content hashes. */
uint64_t ev_hash64(const void *data, size_t len, uint64_t seed);

#endif
