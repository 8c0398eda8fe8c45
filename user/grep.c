/*
 * grep: print the lines that contain a fixed string.
 *
 *   grep [-v] [-c] [-n] STRING [FILE...]
 *
 * STRING is matched as it is (no regular expressions). -v selects the
 * lines that do not contain it, -c prints only how many lines were
 * selected, -n puts each line's number before it. With more than one FILE
 * each line (or count) starts with "FILE:". Standard input when no FILE
 * (or "-"). Exits 0 if a line was selected, 1 if none, 2 on an error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USAGE "usage: grep [-v] [-c] [-n] STRING [FILE...]\n"

static int invert, count_only, numbers;

/*
 * Read one line of F (without its '\n') into *LINE, grown as needed
 * (*CAP bytes). Returns its length, or -1 at end of file; -2 out of memory.
 */
static long read_line(FILE *f, char **line, size_t *cap)
{
	size_t len = 0;
	int c;

	while ((c = getc(f)) != EOF && c != '\n') {
		if (len + 1 >= *cap) {
			size_t want = *cap ? 2 * *cap : 128;
			char *bigger = realloc(*line, want);
			if (!bigger)
				return -2;
			*line = bigger;
			*cap = want;
		}
		(*line)[len++] = (char)c;
	}
	if (c == EOF && len == 0)
		return -1;
	if (!*line && !(*line = malloc(*cap = 128)))
		return -2;
	(*line)[len] = '\0';
	return (long)len;
}

/* Search F (called NAME; PREFIX says whether lines show it). Returns lines selected, -1 on error. */
static long search(FILE *f, const char *name, int prefix, const char *needle)
{
	static char *line;
	static size_t cap;
	long selected = 0, len;

	for (long no = 1; (len = read_line(f, &line, &cap)) >= 0; no++) {
		if ((strstr(line, needle) != NULL) == invert)
			continue;
		selected++;
		if (count_only)
			continue;
		if (prefix)
			printf("%s:", name);
		if (numbers)
			printf("%ld:", no);
		printf("%s\n", line);
	}
	if (len == -2 || ferror(f)) {
		fprintf(stderr, "grep: %s: %s\n", name, strerror(len == -2 ? ENOMEM : errno));
		return -1;
	}
	if (count_only) {
		if (prefix)
			printf("%s:", name);
		printf("%ld\n", selected);
	}
	return selected;
}

int main(int argc, char *argv[])
{
	int i = 1, error = 0;
	long found = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'v') {
				invert = 1;
			} else if (*o == 'c') {
				count_only = 1;
			} else if (*o == 'n') {
				numbers = 1;
			} else {
				fprintf(stderr, "grep: -%c: unknown option\n" USAGE, *o);
				return 2;
			}
		}
	}
	if (i == argc) {
		fprintf(stderr, USAGE);
		return 2;
	}
	const char *needle = argv[i++];
	if (i == argc) {
		long n = search(stdin, "standard input", 0, needle);
		return n < 0 ? 2 : n == 0;
	}
	int prefix = argc - i > 1;
	for (; i < argc; i++) {
		FILE *f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
		if (!f) {
			fprintf(stderr, "grep: %s: %s\n", argv[i], strerror(errno));
			error = 1;
			continue;
		}
		long n = search(f, argv[i], prefix, needle);
		if (n < 0)
			error = 1;
		else
			found += n;
		if (f != stdin)
			fclose(f);
	}
	return error ? 2 : found == 0;
}
