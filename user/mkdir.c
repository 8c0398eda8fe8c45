/*
 * mkdir: make directories.
 *
 *   mkdir [-p] DIR...
 *
 * A directory is made only inside one that exists; -p makes the missing
 * ones above it too, and says nothing about a DIR that is already a
 * directory. Exits 0, 1 if a DIR could not be made, 2 on a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <talos.h>

#define USAGE "usage: mkdir [-p] DIR...\n"

/* Make DIR (with -p: PARENTS, each directory above it too). Returns 0 or 1. */
static int make(const char *dir, int parents)
{
	char path[PATH_MAX_LEN];
	struct stat st;

	if (!parents) {
		if (mkdir(dir) == 0)
			return 0;
		fprintf(stderr, "mkdir: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	if (strlen(dir) >= sizeof(path)) {
		fprintf(stderr, "mkdir: %s: %s\n", dir, strerror(ENAMETOOLONG));
		return 1;
	}
	strcpy(path, dir);
	/* Each prefix ending before a '/', then the whole path. */
	for (char *c = path + 1;; c++) {
		if (*c != '/' && *c != '\0')
			continue;
		char saved = *c;
		*c = '\0';
		if (mkdir(path) < 0 && (errno != EEXIST || stat(path, &st) < 0 ||
					st.type != DT_DIR)) {
			if (errno == EEXIST)
				errno = ENOTDIR;
			fprintf(stderr, "mkdir: %s: %s\n", path, strerror(errno));
			return 1;
		}
		*c = saved;
		if (saved == '\0')
			return 0;
	}
}

int main(int argc, char *argv[])
{
	int i = 1, parents = 0, status = 0;

	if (i < argc && strcmp(argv[i], "-p") == 0) {
		parents = 1;
		i++;
	}
	if (i == argc || (argv[i][0] == '-' && argv[i][1])) {
		fprintf(stderr, USAGE);
		return 2;
	}
	for (; i < argc; i++)
		status |= make(argv[i], parents);
	return status;
}
