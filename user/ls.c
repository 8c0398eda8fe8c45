/*
 * ls: list directories of the ramfs, one entry per line: the name, then
 * the size (bytes for a file, entries for a directory) and the type.
 *
 *   ls [PATH...]      each directory PATH in turn (the working directory
 *                     if none); a file PATH is listed as itself
 *
 * Exits 0, or 1 if a PATH could not be listed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <talos.h>

/* List DIR, with a "DIR:" heading when SHOW_NAME. Returns 0 or 1. */
static int list(const char *dir, int show_name)
{
	struct dirent e;
	struct stat st;
	int i, r;

	if (stat(dir, &st) == 0 && st.type == DT_FILE) {
		printf("%-24s %8u  file\n", dir, st.size);
		return 0;
	}
	if (show_name)
		printf("%s:\n", dir);
	for (i = 0; (r = readdir(dir, i, &e)) == 1; i++)
		printf("%-24s %8u  %s\n", e.name, e.size, e.type == DT_DIR ? "dir" : "file");
	if (r < 0) {
		fprintf(stderr, "ls: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char *argv[])
{
	int status = 0;

	if (argc == 1)
		return list(".", 0);
	for (int i = 1; i < argc; i++) {
		if (i > 1)
			printf("\n");
		status |= list(argv[i], argc > 2);
	}
	return status;
}
