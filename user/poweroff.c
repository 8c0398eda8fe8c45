/*
 * poweroff: flush output and switch the machine off (QEMU exits).
 *
 *   poweroff
 *
 * Returns only if the kernel refuses, with status 1.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <talos.h>

int main(int argc, char *argv[])
{
	if (argc > 1) {
		fprintf(stderr, "usage: %s\n", argv[0]);
		return 2;
	}
	fflush(stdout);
	poweroff(POWEROFF_NORMAL);
	fprintf(stderr, "poweroff: %s\n", strerror(errno));
	return 1;
}
