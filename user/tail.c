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
#include "filetool.h"

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
	return filetool_lines_main(argc, argv, "tail", tail);
}
