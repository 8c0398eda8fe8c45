/*
 * filetool.h: the argument handling the file tools share. User programs
 * are one source file each, so each program that includes this header
 * compiles its own copy of these (static inline) functions.
 *
 *   filetool_lines_main   head and tail: [-n N] [FILE...], each FILE (or
 *                         standard input when none, or "-") handed to FN
 *                         with N, a "==> FILE <==" heading before each when
 *                         there are several
 *   filetool_pairs_main   cp and mv: SRC DST, or SRC... DIR (each SRC to
 *                         DIR/its last component), each pair handed to FN
 *
 * Both print PROG's usage line and return 2 on a usage error; otherwise
 * 0, or 1 if FN (or opening a FILE) failed for any argument: the others
 * are still done.
 */
#ifndef USER_FILETOOL_H
#define USER_FILETOOL_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Handle N lines of FD (NAME names it in messages). Returns 0 or 1. */
typedef int filetool_lines_fn(int fd, const char *name, long n);

/* Handle the pair SRC, DST. Returns 0 or 1 (after a message). */
typedef int filetool_pair_fn(const char *src, const char *dst);

static inline int filetool_lines_main(int argc, char *argv[], const char *prog,
				      filetool_lines_fn *fn)
{
	long lines = 10;
	int i = 1, status = 0;

	if (i < argc && strcmp(argv[i], "-n") == 0) {
		char *end;
		if (i + 1 == argc || (lines = strtol(argv[i + 1], &end, 10)) < 0 ||
		    *end != '\0' || end == argv[i + 1]) {
			fprintf(stderr, "%s: -n needs a number of lines\n"
				"usage: %s [-n N] [FILE...]\n", prog, prog);
			return 2;
		}
		i += 2;
	}
	if (i < argc && argv[i][0] == '-' && argv[i][1]) {
		fprintf(stderr, "%s: %s: unknown option\nusage: %s [-n N] [FILE...]\n",
			prog, argv[i], prog);
		return 2;
	}
	if (i == argc)
		return fn(STDIN_FILENO, "standard input", lines);
	int many = argc - i > 1;
	for (int first = i; i < argc; i++) {
		int fd = strcmp(argv[i], "-") == 0 ? STDIN_FILENO : open(argv[i], O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "%s: %s: %s\n", prog, argv[i], strerror(errno));
			status = 1;
			continue;
		}
		if (many)
			printf("%s==> %s <==\n", i > first ? "\n" : "", argv[i]);
		status |= fn(fd, argv[i], lines);
		if (fd != STDIN_FILENO)
			close(fd);
	}
	return status;
}

static inline int filetool_pairs_main(int argc, char *argv[], const char *prog,
				      filetool_pair_fn *fn)
{
	struct stat st;
	int status = 0;
	const char *last = argv[argc - 1];
	int into_dir = argc > 2 && stat(last, &st) == 0 && st.type == DT_DIR;

	if (argc < 3 || (argc > 3 && !into_dir)) {
		if (argc > 3)
			fprintf(stderr, "%s: %s: not a directory\n", prog, last);
		fprintf(stderr, "usage: %s SRC DST | %s SRC... DIR\n", prog, prog);
		return 2;
	}
	for (int i = 1; i < argc - 1; i++) {
		char dst[PATH_MAX_LEN];
		const char *slash = strrchr(argv[i], '/');
		const char *base = slash ? slash + 1 : argv[i];
		if (!into_dir) {
			status |= fn(argv[i], last);
		} else if (snprintf(dst, sizeof(dst), "%s/%s", last, base) >= (int)sizeof(dst)) {
			fprintf(stderr, "%s: %s/%s: %s\n", prog, last, base, strerror(ENAMETOOLONG));
			status = 1;
		} else {
			status |= fn(argv[i], dst);
		}
	}
	return status;
}

#endif /* USER_FILETOOL_H */
