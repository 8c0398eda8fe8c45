/*
 * popcrun: runs the Popcorn test corpus (the tests/popc programs) in the kernel.
 *
 * The build compiles each accepted program to /popc/NAME.to and writes its
 * expectations, one per line, to /popc/NAME.exp (format in
 * tests/popc/run.py). popcrun loads each object with ext_load, runs its
 * lines in order against that one loaded instance (globals carry over from
 * one line to the next), and reports one KT test per program (main.c).
 * Invariant: a test's extension handle is closed before the next test
 * starts, so each program runs in a fresh instance.
 */
#ifndef POPCRUN_POPCRUN_H
#define POPCRUN_POPCRUN_H

#include <stddef.h>

#define PR_REASON_MAX 200   /* bytes of a FAIL reason */

/* One loaded test program, as the lines of its .exp file see it. */
struct pr_test {
	const char *name;   /* NAME, without directory or extension */
	int ext;            /* handle of the loaded extension */
	int task;           /* handle of this process's task object (a `task` argument) */
};

/*
 * Run one line LINE of T's .exp file (the text is cut into words in
 * place). Returns 0 if the kernel did what the line expects; otherwise 1
 * with the reason ("NAME.pop:LINE: CALL: expected ..., got ...") in WHY
 * (WHYLEN bytes).
 */
int pr_run_line(struct pr_test *t, char *line, char *why, size_t whylen);

#endif /* POPCRUN_POPCRUN_H */
