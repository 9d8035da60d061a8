/*
 * CI-sized crash safety and concurrency: runs scripts/crash_test.sh with
 * 10 random SIGKILLs during `evidex add` and scripts/concurrency_test.sh
 * with one round (readers during add, two writers, SIGINT), both on the
 * binary under test (EV_BIN). The acceptance run uses 200+ kills:
 * scripts/crash_test.sh 200.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#define SCRIPTS EV_TEST_DATA "/../../scripts"

static int run_script(const char *script, const char *arg)
{
    char cmd[1024];
    int st;
    if (system("command -v python3 >/dev/null 2>&1") != 0) {
        fprintf(stderr, "crash: python3 missing: %s skipped\n", script);
        return 0;
    }
    snprintf(cmd, sizeof(cmd), "EVIDEX='%s' '%s/%s' %s", EV_BIN, SCRIPTS,
             script, arg);
    st = system(cmd);
    ck_assert(WIFEXITED(st));
    return WEXITSTATUS(st);
}

START_TEST(test_sigkill_during_add)
{
    ck_assert_int_eq(run_script("crash_test.sh", "10"), 0);
}
END_TEST

START_TEST(test_concurrent_use)
{
    ck_assert_int_eq(run_script("concurrency_test.sh", "1"), 0);
}
END_TEST

Suite *crash_suite(void)
{
    Suite *s = suite_create("crash");
    TCase *tc = tcase_create("crash");
    tcase_set_timeout(tc, 900);
    tcase_add_test(tc, test_sigkill_during_add);
    tcase_add_test(tc, test_concurrent_use);
    suite_add_tcase(s, tc);
    return s;
}
