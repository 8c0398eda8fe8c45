/*
 * tail: print the last lines of files.
 *
 *   tail [-n N] [FILE...]
 *
 * The last N lines (10 by default) of each FILE, or of standard input
 * when none (or "-"); with more than one FILE each starts with a
 * "==> FILE <==" heading. The input is read whole into memory (a ramfs
 * file is at most 1 MiB). Exits 0, 1 if a FILE could not be read, 2 on a
 * usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define USAGE "usage: tail [-n N] [FILE...]\n"

/* Print the last LINES lines of FD. NAME is for messages. 0 or 1. */
static int tail(int fd, const char *name, long lines)
{
	static char *data;
	static size_t cap;
	size_t len = 0;
	ssize_t n;

	for (;;) {
		if (len == cap) {
			size_t want = cap ? 2 * cap : 4096;
			char *bigger = realloc(data, want);
			if (!bigger) {
				fprintf(stderr, "tail: %s: %s\n", name, strerror(ENOMEM));
				return 1;
			}
			data = bigger;
			cap = want;
		}
		n = read(fd, data + len, cap - len);
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	if (n < 0) {
		fprintf(stderr, "tail: %s: %s\n", name, strerror(errno));
		return 1;
	}
	/* Walk back over LINES line ends; a last line without '\n' counts too. */
	size_t start = len;
	if (start > 0 && data[start - 1] == '\n')
		start--;
	for (long seen = 0; start > 0; start--) {
		if (data[start - 1] == '\n' && ++seen == lines)
			break;
	}
	if (lines == 0)
		start = len;
	fwrite(data + start, 1, len - start, stdout);
	return 0;
}

int main(int argc, char *argv[])
{
	long lines = 10;
	int i = 1, status = 0;

	if (i < argc && strcmp(argv[i], "-n") == 0) {
		char *end;
		if (i + 1 == argc || (lines = strtol(argv[i + 1], &end, 10)) < 0 ||
		    *end != '\0' || end == argv[i + 1]) {
			fprintf(stderr, "tail: -n needs a number of lines\n" USAGE);
			return 2;
		}
		i += 2;
	}
	if (i < argc && argv[i][0] == '-' && argv[i][1]) {
		fprintf(stderr, "tail: %s: unknown option\n" USAGE, argv[i]);
		return 2;
	}
	if (i == argc)
		return tail(STDIN_FILENO, "standard input", lines);
	int many = argc - i > 1;
	for (int first = i; i < argc; i++) {
		int fd = strcmp(argv[i], "-") == 0 ? STDIN_FILENO : open(argv[i], O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "tail: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		if (many)
			printf("%s==> %s <==\n", i > first ? "\n" : "", argv[i]);
		status |= tail(fd, argv[i], lines);
		if (fd != STDIN_FILENO)
			close(fd);
	}
	return status;
}
