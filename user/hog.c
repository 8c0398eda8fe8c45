/*
 * hog: burn CPU, to watch the scheduler share it.
 *
 *   hog [SECONDS]     run for SECONDS of uptime (forever if not given)
 *
 * The program spins through "loops" (a fixed block of arithmetic each) and,
 * each time another second of uptime has passed, prints
 * "hog PID: N loops", N being the loops done since the previous line: two
 * hogs side by side show how the CPU is divided between them. Exits 0, or
 * 2 for a malformed SECONDS.
 */
#include <stdio.h>
#include <stdlib.h>
#include <talos.h>
#include <unistd.h>

#define LOOP_WORK 10000   /* iterations of arithmetic in one loop */

/* One loop: work the compiler cannot remove. */
static void spin(void)
{
	static volatile unsigned sink;
	unsigned x = sink;

	for (int i = 0; i < LOOP_WORK; i++)
		x = x * 1103515245u + 12345u;
	sink = x;
}

int main(int argc, char *argv[])
{
	long seconds = 0;               /* 0: forever */
	unsigned start, next, now;
	unsigned long loops = 0;
	char *end = NULL;

	if (argc == 2)
		seconds = strtol(argv[1], &end, 10);
	if (argc > 2 || (end && (*end != '\0' || end == argv[1] || seconds <= 0))) {
		fprintf(stderr, "usage: hog [SECONDS] (a whole number above 0)\n");
		return 2;
	}
	start = uptime();
	next = start + 1000;
	for (;;) {
		spin();
		loops++;
		now = uptime();
		if (now < next)
			continue;
		printf("hog %d: %lu loops\n", getpid(), loops);
		loops = 0;
		if (seconds > 0 && now - start >= (unsigned long)seconds * 1000)
			return 0;
		while (next <= now)           /* skip the seconds others had the CPU for */
			next += 1000;
	}
}
