/*
 * mv: rename files and directories.
 *
 *   mv SRC DST        give SRC the name DST (an existing file DST, or an
 *                     empty directory DST, is replaced)
 *   mv SRC... DIR     move each SRC into the directory DIR, by its name
 *
 * Initrd files cannot be moved ("read-only file system"); nor can a
 * directory into itself. Exits 0, 1 if something could not be moved, 2 on
 * a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* The last component of PATH. */
static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Rename SRC to DST. Returns 0 or 1 (after a message). */
static int move(const char *src, const char *dst)
{
	if (rename(src, dst) == 0)
		return 0;
	fprintf(stderr, "mv: %s -> %s: %s\n", src, dst, strerror(errno));
	return 1;
}

int main(int argc, char *argv[])
{
	struct stat st;
	int status = 0;
	const char *last = argv[argc - 1];
	int into_dir = argc > 2 && stat(last, &st) == 0 && st.type == DT_DIR;

	if (argc < 3 || (argc > 3 && !into_dir)) {
		if (argc > 3)
			fprintf(stderr, "mv: %s: not a directory\n", last);
		fprintf(stderr, "usage: mv SRC DST | mv SRC... DIR\n");
		return 2;
	}
	for (int i = 1; i < argc - 1; i++) {
		char dst[PATH_MAX_LEN];
		if (!into_dir) {
			status |= move(argv[i], last);
		} else if (snprintf(dst, sizeof(dst), "%s/%s", last, base_name(argv[i]))
			   >= (int)sizeof(dst)) {
			fprintf(stderr, "mv: %s/%s: %s\n", last, base_name(argv[i]),
				strerror(ENAMETOOLONG));
			status = 1;
		} else {
			status |= move(argv[i], dst);
		}
	}
	return status;
}
