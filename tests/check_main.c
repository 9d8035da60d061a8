/*
 * Shared main for every Check suite: tests/CMakeLists.txt compiles it once
 * per check_<name>.c with EV_SUITE defined to that file's suite function.
 */
#include <check.h>
#include <stdlib.h>

Suite *EV_SUITE(void);

int main(void)
{
    SRunner *sr = srunner_create(EV_SUITE());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
