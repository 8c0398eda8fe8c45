/*
 * popcrun: running one line of a test's .exp file against its loaded
 * extension, and saying what differed when the kernel disagrees.
 *
 *   call SRCLINE FUNC ARG... = VALUE        ext_call: EXT_OK, result VALUE
 *   call SRCLINE FUNC ARG... raises CODE    ext_call: EXT_RAISED, exception CODE
 *   call SRCLINE FUNC ARG... handled CODE [= VALUE]
 *                                           ext_call: EXT_FAULT_HANDLED (and
 *                                           the handler's result VALUE)
 *
 * Invariant: a line is judged only by what the kernel returned; nothing
 * here computes an expected value.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talos.h>

#include "popcrun.h"

#define MAX_WORDS   (EXT_MAX_ARGS + 8)  /* the longest line: a call with every argument */
#define RESERVATION 100                 /* ticks per call: far above what any test needs */

/* Cut LINE into words at spaces; returns the count, or -1 past MAX words. */
static int split(char *line, char **words, int max)
{
	int n = 0;
	for (char *p = strtok(line, " \n"); p; p = strtok(NULL, " \n")) {
		if (n == max)
			return -1;
		words[n++] = p;
	}
	return n;
}

/* Parse the decimal integer S into *OUT; returns 0, or -1 if S is not one. */
static int parse_int(const char *s, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || errno)
		return -1;
	*out = (int)v;
	return 0;
}

/* What an invocation C ended with, in the words of an expectation. */
static void describe(const struct ext_call *c, char *buf, size_t len)
{
	switch (c->status) {
	case EXT_OK:
		snprintf(buf, len, "= %d", c->result);
		break;
	case EXT_RAISED:
		snprintf(buf, len, "raises %d", c->exception);
		break;
	case EXT_FAULT_HANDLED:
		snprintf(buf, len, "handled, the handler returned %d", c->result);
		break;
	case EXT_ABORT_FAULT:
		snprintf(buf, len, "aborted by CPU exception %d", c->fault_vector);
		break;
	case EXT_ABORT_OVERRUN:
		snprintf(buf, len, "aborted: reservation overrun after %u ticks", c->ticks);
		break;
	default:
		snprintf(buf, len, "unknown status %d", c->status);
		break;
	}
}

/*
 * A `call` line (words W[0..N-1]): invoke FUNC and compare. The kernel
 * does not report the code a handled exception carried, so for `handled`
 * only the status and the handler's result can be checked.
 */
static int run_call(struct pr_test *t, char **w, int n, char *why, size_t len)
{
	struct ext_call c;
	char label[96], got[64];
	int nargs = 0, used, i = 3;

	memset(&c, 0, sizeof(c));
	used = snprintf(label, sizeof(label), "%s(", w[2]);
	for (; i < n && strcmp(w[i], "=") && strcmp(w[i], "raises") && strcmp(w[i], "handled"); i++) {
		if (nargs == EXT_MAX_ARGS)
			goto malformed;
		if (strcmp(w[i], "task") == 0) {
			c.args[nargs] = t->task;
			c.handle_mask |= 1u << nargs;
		} else if (parse_int(w[i], &c.args[nargs]) < 0) {
			goto malformed;
		}
		used += snprintf(label + used, sizeof(label) - (size_t)used, "%s%s",
				 nargs ? ", " : "", w[i]);
		nargs++;
	}
	snprintf(label + used, sizeof(label) - (size_t)used, ")");

	/* The expectation: KIND (=, raises or handled), CODE and VALUE. */
	int code = 0, value = 0, has_value = 0;
	if (i + 2 > n)
		goto malformed;
	const char *kind = w[i];
	if (strcmp(kind, "=") == 0) {
		has_value = 1;
		if (i + 2 != n || parse_int(w[i + 1], &value) < 0)
			goto malformed;
	} else {
		if (parse_int(w[i + 1], &code) < 0)
			goto malformed;
		if (i + 2 != n) {
			if (strcmp(kind, "handled") || i + 4 != n || strcmp(w[i + 2], "=") ||
			    parse_int(w[i + 3], &value) < 0)
				goto malformed;
			has_value = 1;
		}
	}

	c.nargs = nargs;
	c.reservation = RESERVATION;
	if (ext_call(t->ext, w[2], &c) < 0) {
		snprintf(why, len, "line %s: %s: ext_call failed: %s", w[1], label, strerror(errno));
		return 1;
	}
	int ok;
	if (strcmp(kind, "=") == 0)
		ok = c.status == EXT_OK && c.result == value;
	else if (strcmp(kind, "raises") == 0)
		ok = c.status == EXT_RAISED && c.exception == code;
	else
		ok = c.status == EXT_FAULT_HANDLED && (!has_value || c.result == value);
	if (ok)
		return 0;
	describe(&c, got, sizeof(got));
	if (strcmp(kind, "=") == 0)
		snprintf(why, len, "line %s: %s: expected = %d, got %s", w[1], label, value, got);
	else if (strcmp(kind, "raises") == 0)
		snprintf(why, len, "line %s: %s: expected raises %d, got %s", w[1], label, code, got);
	else if (has_value)
		snprintf(why, len, "line %s: %s: expected exception %d handled, the handler "
			 "returning %d; got %s", w[1], label, code, value, got);
	else
		snprintf(why, len, "line %s: %s: expected exception %d handled, got %s",
			 w[1], label, code, got);
	return 1;

malformed:
	snprintf(why, len, "line %s: malformed call line in %s.exp", w[1], t->name);
	return 1;
}

int pr_run_line(struct pr_test *t, char *line, char *why, size_t whylen)
{
	char *w[MAX_WORDS];
	int n = split(line, w, MAX_WORDS);

	if (n < 0 || (n > 0 && n < 4)) {
		snprintf(why, whylen, "malformed line in %s.exp", t->name);
		return 1;
	}
	if (n == 0)
		return 0;
	if (strcmp(w[0], "call") == 0)
		return run_call(t, w, n, why, whylen);
	snprintf(why, whylen, "line %s: unknown line kind '%s' in %s.exp", w[1], w[0], t->name);
	return 1;
}
