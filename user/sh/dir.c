/*
 * sh: the `cd` and `pwd` built-ins. The working directory belongs to the
 * shell process and every program it starts inherits it (spawn), so `cd`
 * must be a built-in; `pwd` prints the shell's own.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

int sh_dir_is_builtin(const char *name)
{
	return strcmp(name, "cd") == 0 || strcmp(name, "pwd") == 0;
}

int sh_dir(int argc, char **argv)
{
	char cwd[PATH_MAX_LEN];

	if (strcmp(argv[0], "pwd") == 0) {
		if (argc > 1) {
			fprintf(stderr, "usage: pwd\n");
			return 2;
		}
		if (!getcwd(cwd, sizeof(cwd))) {
			fprintf(stderr, "pwd: %s\n", strerror(errno));
			return 1;
		}
		printf("%s\n", cwd);
		return 0;
	}
	if (argc > 2) {
		fprintf(stderr, "usage: cd [DIR]   (no DIR: /)\n");
		return 2;
	}
	const char *dir = argc == 2 ? argv[1] : "/";
	if (chdir(dir) < 0) {
		fprintf(stderr, "cd: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	return 0;
}

void sh_dir_help(void)
{
	printf("  cd [DIR]       change the working directory (no DIR: /)\n"
	       "  pwd            print the working directory\n");
}
