/*
 * head: print the first lines of files.
 *
 *   head [-n N] [FILE...]
 *
 * The first N lines (10 by default) of each FILE, or of standard input
 * when none (or "-"); with more than one FILE each starts with a
 * "==> FILE <==" heading. Exits 0, 1 if a FILE could not be read, 2 on a
 * usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define USAGE "usage: head [-n N] [FILE...]\n"

/* Copy the first LINES lines of FD to standard output. NAME is for messages. 0 or 1. */
static int head(int fd, const char *name, long lines)
{
	static char buf[1024];
	ssize_t n = 0;

	while (lines > 0 && (n = read(fd, buf, sizeof(buf))) > 0) {
		ssize_t k = 0;
		while (k < n && lines > 0)
			if (buf[k++] == '\n')
				lines--;
		fwrite(buf, 1, (size_t)k, stdout);
	}
	if (lines > 0 && n < 0) {
		fprintf(stderr, "head: %s: %s\n", name, strerror(errno));
		return 1;
	}
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
			fprintf(stderr, "head: -n needs a number of lines\n" USAGE);
			return 2;
		}
		i += 2;
	}
	if (i < argc && argv[i][0] == '-' && argv[i][1]) {
		fprintf(stderr, "head: %s: unknown option\n" USAGE, argv[i]);
		return 2;
	}
	if (i == argc)
		return head(STDIN_FILENO, "standard input", lines);
	int many = argc - i > 1;
	for (int first = i; i < argc; i++) {
		int fd = strcmp(argv[i], "-") == 0 ? STDIN_FILENO : open(argv[i], O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "head: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		if (many)
			printf("%s==> %s <==\n", i > first ? "\n" : "", argv[i]);
		status |= head(fd, argv[i], lines);
		if (fd != STDIN_FILENO)
			close(fd);
	}
	return status;
}
