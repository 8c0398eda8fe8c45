/*
 * cp: copy files.
 *
 *   cp SRC DST        copy the file SRC to DST (replacing its contents)
 *   cp SRC... DIR     copy each SRC into the directory DIR, by its name
 *
 * Directories are not copied. Copying a file onto itself is refused
 * (same dev and ino, struct stat), since truncating DST would empty SRC.
 * Exits 0, 1 if a file could not be copied (the others still are), 2 on a
 * usage error.
 */
#include "filetool.h"

/* Copy SRC to DST. Returns 0 or 1 (after a message). */
static int copy(const char *src, const char *dst)
{
	static char buf[4096];
	struct stat s, d;
	int in, out, status = 0;
	ssize_t n;

	in = open(src, O_RDONLY);
	if (in < 0) {
		fprintf(stderr, "cp: %s: %s\n", src, strerror(errno));
		return 1;
	}
	if (fstat(in, &s) == 0 && stat(dst, &d) == 0 && s.dev == d.dev && s.ino == d.ino) {
		fprintf(stderr, "cp: %s and %s are the same file\n", src, dst);
		close(in);
		return 1;
	}
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC);
	if (out < 0) {
		fprintf(stderr, "cp: %s: %s\n", dst, strerror(errno));
		close(in);
		return 1;
	}
	while (status == 0 && (n = read(in, buf, sizeof(buf))) > 0) {
		for (ssize_t done = 0; done < n; ) {
			ssize_t k = write(out, buf + done, (size_t)(n - done));
			if (k < 0) {
				fprintf(stderr, "cp: %s: %s\n", dst, strerror(errno));
				status = 1;
				break;
			}
			done += k;
		}
	}
	if (status == 0 && n < 0) {
		fprintf(stderr, "cp: %s: %s\n", src, strerror(errno));
		status = 1;
	}
	close(in);
	close(out);
	return status;
}

int main(int argc, char *argv[])
{
	return filetool_pairs_main(argc, argv, "cp", copy);
}
