/*
 * cat: copy files, or standard input, to standard output.
 *
 *   cat [FILE...]     each FILE in turn; none (or "-") means standard input
 *
 * A FILE that is the output file itself (`cat f >> f`, same dev and ino in
 * struct stat) is refused, "input file is output file": copying it would
 * never end. Exits 0, or 1 if a file could not be read or was refused (the
 * others are still copied) or the output could not be written.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct stat out;      /* standard output, if it is a ramfs file (type DT_FILE) */

/* Copy FD to standard output until end of file. NAME is for messages. Returns 0 or 1. */
static int copy(int fd, const char *name)
{
	static char buf[1024];
	struct stat in;
	ssize_t n;

	if (out.type == DT_FILE && fstat(fd, &in) == 0 && in.dev == out.dev &&
	    in.ino == out.ino) {
		fprintf(stderr, "cat: %s: input file is output file\n", name);
		return 1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		if (fwrite(buf, 1, (size_t)n, stdout) != (size_t)n || fflush(stdout) != 0) {
			fprintf(stderr, "cat: write error: %s\n", strerror(errno));
			return 1;
		}
	}
	if (n < 0) {
		fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char *argv[])
{
	int status = 0;

	if (fstat(STDOUT_FILENO, &out) < 0)
		out.type = 0;
	if (argc == 1)
		return copy(STDIN_FILENO, "standard input");
	for (int i = 1; i < argc; i++) {
		int fd;

		if (strcmp(argv[i], "-") == 0) {
			status |= copy(STDIN_FILENO, "standard input");
			continue;
		}
		fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		status |= copy(fd, argv[i]);
		close(fd);
	}
	return status;
}
