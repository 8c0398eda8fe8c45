/*
 * sh: the `dion` built-in, which shows and adjusts the Dionisys objects of
 * the machine from the command line (what bpftool is to eBPF):
 *
 *   dion [list]                  every object in the nameserver's listing,
 *                                one line each, with its statistics
 *   dion attrs CD                the attributes of application CD: name,
 *                                value ("(hidden)" when the shell may not
 *                                read it), rights (owner, extensions, others)
 *   dion set CD NAME VALUE       write an attribute (the SM's guard decides)
 *   dion destroy KIND CD NAME    destroy an object (KIND: monitor, handler,
 *                                channel, sm, ...; a channel is named by its
 *                                monitor)
 *
 * Only the owner of an application, or a process it granted access, may
 * read or write its attributes: the shell usually may list them only.
 * Invariant: the shell holds nothing between commands; every line asks the
 * kernel afresh.
 */
#include <dionisys.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

void sh_dion_help(void)
{
	printf("  dion [list]                          the Dionisys objects and their statistics\n"
	       "  dion attrs CD                        the attributes of application CD\n"
	       "  dion set CD NAME VALUE               write an attribute\n"
	       "  dion destroy KIND CD NAME            destroy a monitor, handler, channel, sm\n");
}

static int usage(void)
{
	fprintf(stderr, "usage: dion [list] | attrs CD | set CD NAME VALUE | "
		"destroy KIND CD NAME\n");
	return 2;
}

/* Parse S (decimal, 0x hexadecimal, or negative) into *OUT; 0, or -1 after printing why. */
static int parse_int(const char *s, const char *what, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 0);
	if (end == s || *end != '\0' || errno) {
		fprintf(stderr, "dion: %s is not a number (%s expected)\n", s, what);
		return -1;
	}
	*out = (int)v;
	return 0;
}

/* A hint after strerror for the errors of the attribute calls, or "". */
static const char *attr_hint(int err)
{
	switch (err) {
	case ENOENT: return " (no such application or attribute: `dion list` shows them)";
	case EACCES: return " (only the owner, or a process it granted access, may)";
	case ERANGE: return " (the service manager's guard refused the value)";
	default:     return "";
	}
}

/* dion list: one line per object of the nameserver's listing. */
static int cmd_list(void)
{
	struct dion_info d;
	int r, i;

	printf("%-7s %-12s %-8s %3s %5s %6s %6s %6s %6s %6s %7s %7s %s\n", "KIND", "NAME", "SM",
	       "CD", "OWNER", "PERIOD", "RUNS", "TICKS", "ABORTS", "EVENTS", "DROPPED", "PENDING",
	       "DETAIL");
	for (i = 0; (r = DList(i, &d)) == 1; i++) {
		char detail[sizeof(d.detail) + 16];
		if (d.kind == DION_CHANNEL)
			snprintf(detail, sizeof(detail), "id %d: %s", d.id, d.detail);
		else
			snprintf(detail, sizeof(detail), "%s", d.detail);
		printf("%-7s %-12s %-8s %3d %5d %6d %6u %6u %6u %6u %7u %7u %s\n",
		       dion_kind_name(d.kind), d.name, d.sm, d.cd, d.owner, d.period, d.stat.runs,
		       d.stat.ticks, d.stat.aborts, d.stat.events, d.stat.dropped, d.stat.pending,
		       detail);
	}
	if (r < 0) {
		fprintf(stderr, "dion: list, entry %d: %s\n", i, strerror(errno));
		return 1;
	}
	if (i == 0)
		printf("(no objects)\n");
	return 0;
}

/* dion attrs CD: every attribute of the application's class. */
static int cmd_attrs(const char *cd_word)
{
	struct dion_attr_info a;
	char rights[DION_RIGHTS_STR];
	int cd, r, i;

	if (parse_int(cd_word, "a class descriptor", &cd) < 0)
		return 2;
	for (i = 0; (r = DListAttrs(cd, i, &a)) == 1; i++) {
		if (i == 0)
			printf("%-*s %11s %s\n", DION_NAME_MAX - 8, "NAME", "VALUE",
			       "RIGHTS (owner ext other)");
		char value[16];
		if (a.rights & DION_R_HIDDEN)
			snprintf(value, sizeof(value), "(hidden)");
		else
			snprintf(value, sizeof(value), "%d", a.value);
		printf("%-*s %11s %s\n", DION_NAME_MAX - 8, a.name, value,
		       dion_rights_str(a.rights, rights));
	}
	if (r < 0) {
		int err = errno;
		fprintf(stderr, "dion: attrs %d: %s%s\n", cd, strerror(err), attr_hint(err));
		return 1;
	}
	if (i == 0)
		printf("application %d has no attributes\n", cd);
	return 0;
}

/* dion set CD NAME VALUE. */
static int cmd_set(char **argv)
{
	int cd, value;

	if (parse_int(argv[2], "a class descriptor", &cd) < 0 ||
	    parse_int(argv[4], "an attribute value", &value) < 0)
		return 2;
	if (DSetAttr(cd, argv[3], value) < 0) {
		int err = errno;
		fprintf(stderr, "dion: set %d %s %d: %s%s\n", cd, argv[3], value, strerror(err),
			attr_hint(err));
		return 1;
	}
	return 0;
}

/* dion destroy KIND CD NAME. */
static int cmd_destroy(char **argv)
{
	int kind = dion_kind_parse(argv[2]), cd;

	if (kind < 0) {
		fprintf(stderr, "dion: %s is not a kind (monitor, handler, channel, sm, class, "
			"app)\n", argv[2]);
		return 2;
	}
	if (parse_int(argv[3], "a class descriptor", &cd) < 0)
		return 2;
	if (DDestroy(kind, cd, argv[4]) < 0) {
		int err = errno;
		const char *hint = err == ENOENT ? " (no such object: `dion list` shows them)"
				 : err == EPERM ? " (only the application's owner may)" : "";
		fprintf(stderr, "dion: destroy %s %d %s: %s%s\n", dion_kind_name(kind), cd, argv[4],
			strerror(err), hint);
		return 1;
	}
	printf("dion: %s %s of application %d destroyed\n", dion_kind_name(kind), argv[4], cd);
	return 0;
}

int sh_dion(int argc, char **argv)
{
	if (argc == 1 || (argc == 2 && strcmp(argv[1], "list") == 0))
		return cmd_list();
	if (argc == 3 && strcmp(argv[1], "attrs") == 0)
		return cmd_attrs(argv[2]);
	if (argc == 5 && strcmp(argv[1], "set") == 0)
		return cmd_set(argv);
	if (argc == 5 && strcmp(argv[1], "destroy") == 0)
		return cmd_destroy(argv);
	return usage();
}
