/*
 * popcrun: the runner of suite popc-run (see popcrun.h).
 *
 *   popcrun [PREFIX]    run the programs of /popc whose names start with PREFIX
 *
 * For each /popc/NAME.exp, in name order, it prints
 *
 *   KT begin popc.NAME / KT PASS popc.NAME | KT FAIL popc.NAME: REASON /
 *   KT end popc.NAME ... KT summary total=T passed=P failed=F
 *
 * A program fails at its first line the kernel disagrees with (later lines
 * may depend on that one's effect), or when ext_load refuses its object.
 * As init (pid 1) it then powers off with POWEROFF_SUITE_DONE; run by hand
 * it exits with the number of failed programs.
 * Invariant: each protocol line is flushed at once, so the kernel's own
 * console lines never split one.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talos.h>
#include <unistd.h>

#include "popcrun.h"

#define POPC_DIR     "/popc"   /* where the build put NAME.to and NAME.exp */
#define MAX_TESTS    256       /* programs in the corpus, with room to grow */
#define NAME_MAX_LEN 48        /* a program's name: a path entry less ".exp" */
#define LINE_LEN     256       /* bytes of one .exp line */
#define MSG_LEN      256       /* the verifier's message on rejection */

static char names[MAX_TESTS][NAME_MAX_LEN];

static int by_name(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

/*
 * Fill NAMES with the programs in POPC_DIR whose names start with PREFIX
 * (every NAME.exp), sorted. Returns how many, or -1 after printing why not.
 */
static int list_tests(const char *prefix)
{
	struct dirent e;
	int n = 0;

	for (int i = 0; readdir(POPC_DIR, i, &e) == 1; i++) {
		size_t len = strlen(e.name);
		if (len <= 4 || strcmp(e.name + len - 4, ".exp") != 0 ||
		    strncmp(e.name, prefix, strlen(prefix)) != 0)
			continue;
		if (n == MAX_TESTS || len - 4 >= NAME_MAX_LEN) {
			printf("popcrun: %s: too many programs or too long a name\n", e.name);
			return -1;
		}
		memcpy(names[n], e.name, len - 4);
		names[n][len - 4] = '\0';
		n++;
	}
	qsort(names, (size_t)n, NAME_MAX_LEN, by_name);
	return n;
}

/*
 * Load program NAME and run its .exp lines; TASK is the handle passed for a
 * `task` argument. Returns 0, or 1 with the reason in WHY.
 */
static int run_program(const char *name, int task, char *why, size_t len)
{
	char path[PATH_MAX_LEN], msg[MSG_LEN], line[LINE_LEN];
	struct pr_test t = { name, -1, task };

	snprintf(path, sizeof(path), POPC_DIR "/%s.exp", name);
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(why, len, "%s: %s", path, strerror(errno));
		return 1;
	}
	snprintf(path, sizeof(path), POPC_DIR "/%s.to", name);
	msg[0] = '\0';
	t.ext = ext_load(path, msg, sizeof(msg));
	if (t.ext < 0) {
		snprintf(why, len, "ext_load %s: %s: %s", path, strerror(errno), msg);
		fclose(f);
		return 1;
	}
	int failed = 0;
	while (!failed && fgets(line, sizeof(line), f))
		failed = pr_run_line(&t, line, why, len);
	fclose(f);
	if (handle_close(t.ext) < 0 && !failed) {
		snprintf(why, len, "handle_close: %s", strerror(errno));
		failed = 1;
	}
	return failed;
}

int main(int argc, char **argv)
{
	char why[PR_REASON_MAX];
	int passed = 0;

	if (argc > 2) {
		fprintf(stderr, "usage: popcrun [PREFIX]\n");
		return 2;
	}
	int n = list_tests(argc == 2 ? argv[1] : "");
	int task = task_open(0);
	if (task < 0)
		printf("popcrun: task_open(0): %s\n", strerror(errno));
	for (int i = 0; i < n && task >= 0; i++) {
		printf("KT begin popc.%s\n", names[i]);
		fflush(stdout);
		if (run_program(names[i], task, why, sizeof(why)) == 0) {
			printf("KT PASS popc.%s\n", names[i]);
			passed++;
		} else {
			printf("KT FAIL popc.%s: %s\n", names[i], why);
		}
		printf("KT end popc.%s\n", names[i]);
		fflush(stdout);
	}
	if (n == 0)
		printf("popcrun: no program in " POPC_DIR " starts with \"%s\"\n",
		       argc == 2 ? argv[1] : "");
	int total = n > 0 && task >= 0 ? n : 0;
	printf("KT summary total=%d passed=%d failed=%d\n", total, passed, total - passed);
	fflush(stdout);
	if (getpid() == 1)
		poweroff(POWEROFF_SUITE_DONE);
	return total - passed;
}
