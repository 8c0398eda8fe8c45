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
#include "filetool.h"

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
	return filetool_lines_main(argc, argv, "head", head);
}
