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

/* Collapsing white space: runs of ASCII and Unicode spaces become one
 * space, none at the ends, other bytes (UTF-8 dashes, letters) kept;
 * appended after what the buffer holds. */
START_TEST(test_collapse)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"", ""},
        {"   ", ""},
        {"a", "a"},
        {"  a  b  ", "a b"},
        {"costs\n\t rose\r\n", "costs rose"},
        /* U+00A0, U+2009 and U+202F are spaces; U+2013 and U+2014 not */
        {"74.5\xc2\xa0%", "74.5 %"},
        {"30\xe2\x80\x89" "percent\xe2\x80\xaf" "more", "30 percent more"},
        {"US\xe2\x80\x93" "Japan \xe2\x80\x94 costs", "US\xe2\x80\x93" "Japan \xe2\x80\x94 costs"},
        /* clean text is copied whole; two spaces in a row are found
         * inside and across eight-byte steps */
        {"one two three four five", "one two three four five"},
        {"abcdefg  hij", "abcdefg hij"},
        {"abcdefgh  ijklmnop", "abcdefgh ijklmnop"},
        {"abc  defghijklmnopq", "abc defghijklmnopq"},
        {"abcdefghijklmnopq  r", "abcdefghijklmnopq r"},
        {"a b c d e f g h i j", "a b c d e f g h i j"},
        /* a lone lead byte at the end is not a space */
        {"a \xe2\x80", "a \xe2\x80"},
        {"a \xc2", "a \xc2"},
    };
    size_t i;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        ev_buf b = EV_BUF_INIT;
        ck_assert_int_eq(ev_text_collapse(&b, cases[i].in, strlen(cases[i].in)), 0);
        ck_assert_ptr_nonnull(b.ptr);
        ck_assert_str_eq(b.ptr, cases[i].out);
        ck_assert_uint_eq(b.len, strlen(cases[i].out));
        ev_buf_release(&b);
    }
    {
        ev_buf b = EV_BUF_INIT;
        ev_buf_puts(&b, "x:");
        ck_assert_int_eq(ev_text_collapse(&b, " y  z ", 6), 0);
        ck_assert_str_eq(b.ptr, "x:y z");
        ev_buf_release(&b);
    }
}
END_TEST

Suite *common_suite(void)
{
    Suite *s = suite_create("common");
    TCase *tc = tcase_create("buf");
    tcase_add_test(tc, test_detach_empty);
    tcase_add_test(tc, test_detach_text);
    tcase_add_test(tc, test_collapse);
    suite_add_tcase(s, tc);
    return s;
}
