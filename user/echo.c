/*
 * echo: print the arguments, separated by single spaces, and a newline.
 *
 *   echo [ARG...]
 *
 * Exits 0, or 1 if standard output could not be written.
 */
#include <stdio.h>

int main(int argc, char *argv[])
{
	for (int i = 1; i < argc; i++) {
		if (i > 1)
			putchar(' ');
		fputs(argv[i], stdout);
	}
	putchar('\n');
	return fflush(stdout) == 0 ? 0 : 1;
}
