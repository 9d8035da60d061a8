/*
 * common/: the growable buffer and its edge cases.
 */
#include "ev_common.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* A buffer nothing was written to detaches as an empty C string. */
START_TEST(test_detach_empty)
{
    ev_buf b = EV_BUF_INIT;
    char *p = ev_buf_detach(&b);
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(p, "");
    ck_assert_ptr_null(b.ptr);
    ck_assert_uint_eq(b.len, 0);
    free(p);
}
END_TEST

/* Detaching hands over the text, NUL-terminated, and resets the buffer. */
START_TEST(test_detach_text)
{
    ev_buf b = EV_BUF_INIT;
    char *p;
    ev_buf_add(&b, "74.5%", 5);
    ev_buf_putc(&b, '!');
    p = ev_buf_detach(&b);
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(p, "74.5%!");
    ck_assert_ptr_null(b.ptr);
    /* the buffer is usable again */
    ev_buf_add(&b, "x", 1);
    ck_assert_uint_eq(b.len, 1);
    ev_buf_release(&b);
    free(p);
}
END_TEST

Suite *common_suite(void)
{
    Suite *s = suite_create("common");
    TCase *tc = tcase_create("buf");
    tcase_add_test(tc, test_detach_empty);
    tcase_add_test(tc, test_detach_text);
    suite_add_tcase(s, tc);
    return s;
}
