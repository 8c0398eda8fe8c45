/*
 * uptime: print the time since boot, in ticks and in seconds.
 *
 *   uptime            e.g. "uptime: 12345 ticks (12.345 s)"
 *
 * One tick is one millisecond (the PIT runs at 1000 Hz).
 */
#include <stdio.h>
#include <talos.h>

int main(int argc, char *argv[])
{
	unsigned t;

	if (argc > 1) {
		fprintf(stderr, "usage: %s\n", argv[0]);
		return 2;
	}
	t = uptime();
	printf("uptime: %u ticks (%u.%03u s)\n", t, t / 1000, t % 1000);
	return 0;
}
