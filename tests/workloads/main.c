/*
 * The host test runner of the experiment workloads. Output, one line per
 * test: "pass workloads.NAME" or "FAIL workloads.NAME: file:line: what",
 * then "workloads: N passed, M failed". Exits 1 when a test failed or
 * none ran.
 */
#include <stdarg.h>
#include <stdio.h>
#include "check.h"

struct test {
	const char *name;
	void (*fn)(void);
};

#define WL_TABLE_ENTRY(name) { #name, test_##name },
static const struct test tests[] = { WL_TESTS(WL_TABLE_ENTRY) };

static int failed_checks;
static char first_failure[512];

void check_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (failed_checks++ > 0)
		return;
	n = snprintf(first_failure, sizeof(first_failure), "%s:%d: ", file, line);
	va_start(ap, fmt);
	vsnprintf(first_failure + n, sizeof(first_failure) - (size_t)n, fmt, ap);
	va_end(ap);
}

int main(void)
{
	int passed = 0, failed = 0;

	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		failed_checks = 0;
		tests[i].fn();
		if (failed_checks) {
			printf("FAIL workloads.%s: %s\n", tests[i].name, first_failure);
			failed++;
		} else {
			printf("pass workloads.%s\n", tests[i].name);
			passed++;
		}
		fflush(stdout);
	}
	printf("workloads: %d passed, %d failed\n", passed, failed);
	return failed || !passed;
}
