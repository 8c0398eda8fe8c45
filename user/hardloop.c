/*
 * hardloop: a pure CPU loop, a workload of the SafeX experiment.
 *
 *   hardloop [--join TARGET PERIOD]
 *
 * It prints "hardloop: pid P" (with " joined cpu TARGET/PERIOD" after
 * joining), then spins on a volatile counter forever and prints nothing
 * more. With --join it first makes itself an application of the Dionisys
 * CPU SM asking for TARGET ticks per PERIOD (min 0, max twice the target
 * but at most the period), with the monitor /ext/monitor.to and the PID
 * handler /ext/pid.to (DJoinCPU). Exits 1 if joining failed, 2 on a
 * usage error; otherwise it never ends.
 */
#include <dionisys.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static _Noreturn void usage(void)
{
	fprintf(stderr, "usage: hardloop [--join TARGET PERIOD]\n");
	exit(2);
}

/* Parse S as a whole number in [1, 10000], or fail with the usage line. */
static int positive(const char *s)
{
	char *end;
	long v;

	if (*s < '0' || *s > '9')
		usage();
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < 1 || v > 10000)
		usage();
	return (int)v;
}

int main(int argc, char *argv[])
{
	static volatile unsigned counter;
	char why[160];

	if (argc == 4 && strcmp(argv[1], "--join") == 0) {
		int target = positive(argv[2]), period = positive(argv[3]);
		if (DJoinCPU(target, 0, 2 * target < period ? 2 * target : period, period, why,
			     sizeof(why)) < 0) {
			fprintf(stderr, "hardloop: %s\n", why);
			return 1;
		}
		printf("hardloop: pid %d joined cpu %d/%d\n", getpid(), target, period);
	} else if (argc == 1) {
		printf("hardloop: pid %d\n", getpid());
	} else {
		usage();
	}
	fflush(stdout);
	for (;;)
		counter++;
}
