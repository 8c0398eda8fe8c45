/*
 * rm: remove files, and with -r directories with everything in them.
 *
 *   rm [-r] [-f] PATH...
 *
 * Without -r a directory is refused ("is a directory"); -f says nothing
 * about a PATH that does not exist. Initrd files are read-only ("read-only
 * file system"). Exits 0, 1 if something could not be removed, 2 on a
 * usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <talos.h>
#include <unistd.h>

#define USAGE "usage: rm [-r] [-f] PATH...\n"

static int recursive, force;

/* Report that PATH could not be removed (errno); returns 1. */
static int fail(const char *path)
{
	fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
	return 1;
}

/*
 * Remove PATH: a file, or with -r a directory after its entries (removed
 * one by one from the first, so the listing shifts under us). Returns 0 or 1.
 */
static int remove_path(const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return force && errno == ENOENT ? 0 : fail(path);
	if (st.type != DT_DIR)
		return unlink(path) < 0 ? fail(path) : 0;
	if (!recursive) {
		fprintf(stderr, "rm: %s: is a directory (rm -r removes it)\n", path);
		return 1;
	}
	struct dirent e;
	int skipped = 0, status = 0, r;
	while ((r = readdir(path, skipped, &e)) == 1) {
		char sub[PATH_MAX_LEN];
		if (snprintf(sub, sizeof(sub), "%s/%s", strcmp(path, "/") ? path : "", e.name)
		    >= (int)sizeof(sub)) {
			fprintf(stderr, "rm: %s/%s: %s\n", path, e.name, strerror(ENAMETOOLONG));
			return 1;
		}
		if (remove_path(sub) != 0) {
			status = 1;
			skipped++;           /* it stays: look past it */
		}
	}
	if (r < 0)
		return fail(path);
	if (status)
		return 1;                    /* not empty: its own message would only repeat */
	return rmdir(path) < 0 ? fail(path) : 0;
}

int main(int argc, char *argv[])
{
	int i = 1, status = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'r' || *o == 'R') {
				recursive = 1;
			} else if (*o == 'f') {
				force = 1;
			} else {
				fprintf(stderr, "rm: -%c: unknown option\n" USAGE, *o);
				return 2;
			}
		}
	}
	if (i == argc) {
		if (force)
			return 0;            /* rm -f with nothing to remove */
		fprintf(stderr, USAGE);
		return 2;
	}
	for (; i < argc; i++)
		status |= remove_path(argv[i]);
	return status;
}
