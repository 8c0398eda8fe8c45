/*
 * sh: the `ext` built-in, which loads SafeX extensions into the kernel and
 * calls them from the command line (syscalls in include/talos/syscall.h):
 *
 *   ext load FILE                        verify and link FILE; print its handle
 *   ext call H FUNC [ARG...] [-r TICKS]  run export FUNC of handle H under a
 *                                        reservation of TICKS (default: the
 *                                        kernel's); ARG is an integer, or
 *                                        task:PID, process PID's task object
 *                                        passed as a capability
 *   ext stat H                           the invocation statistics of H
 *   ext unload H                         close H, which unloads the extension
 *   ext list                             the extensions this shell holds
 *
 * Invariant: loaded[] lists exactly the extension handles the shell holds
 * open, and a task handle opened for a task:PID argument is closed before
 * `ext call` returns (the extension keeps its own reference if it needs one).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talos.h>

#include "sh.h"

#define MAX_LOADED 16    /* extensions the shell holds at once */
#define MSG_LEN    256   /* bytes of the verifier's message kept */

struct loaded {
	int used;                 /* this entry names an open handle */
	int handle;               /* the kernel's handle number */
	char path[PATH_MAX_LEN];  /* the file it was loaded from */
};

static struct loaded loaded[MAX_LOADED];

void sh_ext_help(void)
{
	printf("  ext load FILE                        load a SafeX extension; prints its handle H\n"
	       "  ext call H FUNC [ARG...] [-r TICKS]  call an export; ARG: integer or task:PID\n"
	       "  ext stat H | unload H                statistics, unload\n"
	       "  ext list                             the extensions this shell holds\n");
}

static int usage(void)
{
	fprintf(stderr, "usage: ext load FILE | call H FUNC [ARG...] [-r TICKS] | stat H | "
		"unload H | list\n");
	return 2;
}

/* Parse S (decimal, 0x hexadecimal, or negative) into *OUT; 0, or -1 if S is not a number. */
static int parse_int(const char *s, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 0);
	if (end == s || *end != '\0' || errno)
		return -1;
	*out = (int)v;
	return 0;
}

/* The entry of the handle the word S names, or NULL after printing why. */
static struct loaded *lookup(const char *s)
{
	int h;
	if (parse_int(s, &h) < 0) {
		fprintf(stderr, "ext: %s is not a handle number\n", s);
		return NULL;
	}
	for (int i = 0; i < MAX_LOADED; i++)
		if (loaded[i].used && loaded[i].handle == h)
			return &loaded[i];
	fprintf(stderr, "ext: no handle %d (`ext list` shows the loaded ones)\n", h);
	return NULL;
}

/* ext load PATH: load it and remember its handle; prints the verifier's message on rejection. */
static int cmd_load(const char *path)
{
	char msg[MSG_LEN] = "";
	struct loaded *slot = NULL;
	struct ext_stat st;

	for (int i = 0; i < MAX_LOADED && !slot; i++)
		if (!loaded[i].used)
			slot = &loaded[i];
	if (!slot) {
		fprintf(stderr, "ext: %d extensions loaded already: unload one first\n", MAX_LOADED);
		return 1;
	}
	int h = ext_load(path, msg, sizeof(msg));
	if (h < 0) {
		if (errno == EREJECT)
			fprintf(stderr, "ext: %s: rejected by the verifier: %s\n", path, msg);
		else if (errno == ELINK)
			fprintf(stderr, "ext: %s: cannot be linked: %s\n", path, msg);
		else
			fprintf(stderr, "ext: %s: %s\n", path, strerror(errno));
		return 1;
	}
	slot->used = 1;
	slot->handle = h;
	snprintf(slot->path, sizeof(slot->path), "%s", path);
	if (ext_stat(h, &st) == 0)
		printf("ext: %s: handle %d (%d exports)\n", path, h, st.nexports);
	else
		printf("ext: %s: handle %d\n", path, h);
	return 0;
}

/* How invocation C ended, in a few words. */
static void describe(const struct ext_call *c, char *buf, size_t len)
{
	switch (c->status) {
	case EXT_OK:
		snprintf(buf, len, "ok");
		break;
	case EXT_ABORT_OVERRUN:
		snprintf(buf, len, "aborted: reservation overrun");
		break;
	case EXT_ABORT_FAULT:
		snprintf(buf, len, "aborted: CPU exception %d", c->fault_vector);
		break;
	case EXT_FAULT_HANDLED:
		snprintf(buf, len, "handled by the extension's handler");
		break;
	case EXT_RAISED:
		snprintf(buf, len, "aborted: uncaught exception %d", c->exception);
		break;
	default:
		snprintf(buf, len, "unknown status %d", c->status);
		break;
	}
}

/*
 * Fill C's arguments from the words ARGV[0..ARGC-1] (integers, task:PID,
 * and "-r TICKS"), opening a task handle for each task:PID. Returns 0, or
 * -1 after printing why (the task handles opened so far are then closed).
 */
static int parse_args(int argc, char **argv, struct ext_call *c)
{
	for (int i = 0; i < argc; i++) {
		const char *w = argv[i];
		if (strcmp(w, "-r") == 0) {
			if (i + 1 == argc || parse_int(argv[i + 1], &c->reservation) < 0) {
				fprintf(stderr, "ext: -r needs a number of ticks\n");
				goto fail;
			}
			i++;
			continue;
		}
		if (c->nargs == EXT_MAX_ARGS) {
			fprintf(stderr, "ext: at most %d arguments\n", EXT_MAX_ARGS);
			goto fail;
		}
		int v, pid;
		if (strncmp(w, "task:", 5) == 0) {
			if (parse_int(w + 5, &pid) < 0) {
				fprintf(stderr, "ext: %s: task:PID needs a process id\n", w);
				goto fail;
			}
			v = task_open(pid);
			if (v < 0) {
				fprintf(stderr, "ext: %s: %s\n", w, strerror(errno));
				goto fail;
			}
			c->handle_mask |= 1u << c->nargs;
		} else if (parse_int(w, &v) < 0) {
			fprintf(stderr, "ext: %s is neither an integer nor task:PID\n", w);
			goto fail;
		}
		c->args[c->nargs++] = v;
	}
	return 0;
fail:
	for (int i = 0; i < c->nargs; i++)
		if (c->handle_mask & (1u << i))
			handle_close(c->args[i]);
	return -1;
}

/*
 * ext call H FUNC ARGS...: invoke and print the result, how the invocation
 * ended, its ticks and cycles. Returns 0 if FUNC returned (or its
 * exception was handled), 1 if the kernel refused or aborted the call.
 */
static int cmd_call(int argc, char **argv)
{
	struct ext_call c;
	char how[64];

	if (argc < 4)
		return usage();
	struct loaded *l = lookup(argv[2]);
	if (!l)
		return 1;
	memset(&c, 0, sizeof(c));
	if (parse_args(argc - 4, argv + 4, &c) < 0)
		return 2;
	int r = ext_call(l->handle, argv[3], &c);
	int err = errno;
	for (int i = 0; i < c.nargs; i++)
		if (c.handle_mask & (1u << i))
			handle_close(c.args[i]);
	if (r < 0) {
		if (err == ENOENT)
			fprintf(stderr, "ext: %s: no such export\n", argv[3]);
		else if (err == EINVAL)
			fprintf(stderr, "ext: %s: refused: wrong number of arguments, an integer "
				"where a task is expected (or the reverse), or -r out of range\n",
				argv[3]);
		else
			fprintf(stderr, "ext: %s: %s\n", argv[3], strerror(err));
		return 1;
	}
	describe(&c, how, sizeof(how));
	printf("result %d (status %s, %u ticks, %llu cycles)\n", c.result, how, c.ticks, c.cycles);
	return c.status == EXT_OK || c.status == EXT_FAULT_HANDLED ? 0 : 1;
}

/* ext stat H: every field of struct ext_stat, one line. */
static int cmd_stat(struct loaded *l)
{
	struct ext_stat s;
	if (ext_stat(l->handle, &s) < 0) {
		fprintf(stderr, "ext: stat %d: %s\n", l->handle, strerror(errno));
		return 1;
	}
	printf("%s: %u invocations (%u completed, %u overruns, %u faults, %u raised), "
	       "%u ticks, %llu cycles, code %u bytes, data %u bytes, %d exports\n",
	       s.name, s.invocations, s.completed, s.overruns, s.faults, s.raised, s.ticks,
	       s.cycles, s.code_bytes, s.data_bytes, s.nexports);
	return 0;
}

/* ext unload H: close the handle; the shell held the only one, so the kernel unloads. */
static int cmd_unload(struct loaded *l)
{
	if (handle_close(l->handle) < 0) {
		fprintf(stderr, "ext: unload %d: %s\n", l->handle, strerror(errno));
		return 1;
	}
	l->used = 0;
	printf("ext: handle %d unloaded (%s)\n", l->handle, l->path);
	return 0;
}

/* ext list: the handles in the table, with the files they came from. */
static int cmd_list(void)
{
	int shown = 0;
	for (int i = 0; i < MAX_LOADED; i++) {
		if (loaded[i].used) {
			printf("%d  %s\n", loaded[i].handle, loaded[i].path);
			shown++;
		}
	}
	if (!shown)
		printf("no extensions loaded\n");
	return 0;
}

int sh_ext(int argc, char **argv)
{
	if (argc < 2)
		return usage();
	const char *cmd = argv[1];
	if (strcmp(cmd, "list") == 0)
		return argc == 2 ? cmd_list() : usage();
	if (strcmp(cmd, "call") == 0)
		return cmd_call(argc, argv);
	if (argc != 3)
		return usage();
	if (strcmp(cmd, "load") == 0)
		return cmd_load(argv[2]);
	int (*fn)(struct loaded *) = strcmp(cmd, "stat") == 0 ? cmd_stat
				   : strcmp(cmd, "unload") == 0 ? cmd_unload : NULL;
	if (!fn)
		return usage();
	struct loaded *l = lookup(argv[2]);
	return l ? fn(l) : 1;
}
