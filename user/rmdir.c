/*
 * rmdir: remove empty directories.
 *
 *   rmdir DIR...
 *
 * A directory that still holds entries is refused ("directory not
 * empty"; rm -r removes it with its entries). Exits 0, 1 if a DIR could
 * not be removed, 2 on a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	int status = 0;

	if (argc < 2 || (argv[1][0] == '-' && argv[1][1])) {
		fprintf(stderr, "usage: rmdir DIR...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		if (rmdir(argv[i]) < 0) {
			fprintf(stderr, "rmdir: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
