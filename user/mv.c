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
#include "filetool.h"

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
	return filetool_pairs_main(argc, argv, "mv", move);
}
