/*
 * mpegenc: a CPU-bound MPEG-like video encoder, a workload of the SafeX
 * experiment.
 *
 *   mpegenc [--join TARGET PERIOD] [--frames N]
 *
 * It encodes synthetic 160x120 RGB frames (encode.h) forever, or N frames
 * with --frames, and after each group of 30 frames prints
 * "mpegenc: pid P gop G frames F bytes B": G counts groups from 1, F is
 * the frames coded so far, B the bytes of the group's bitstream. With
 * --join it first makes itself an application of the Dionisys CPU SM
 * asking for TARGET ticks per PERIOD (min 0, max twice the target but at
 * most the period), with the monitor /ext/monitor.to and the PID handler
 * /ext/pid.to (DJoinCPU). Exits 0 after N frames, 1 if joining failed, 2
 * on a usage error.
 */
#include <dionisys.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "encode.h"

#define GOP_FRAMES 30               /* frames per printed group */

static struct encoder enc;          /* large: kept out of the stack */

static _Noreturn void usage(void)
{
	fprintf(stderr, "usage: mpegenc [--join TARGET PERIOD] [--frames N]\n");
	exit(2);
}

/* Parse S as a whole number in [1, MAX], or fail with the usage line. */
static unsigned positive(const char *s, unsigned long max)
{
	char *end;
	unsigned long v;

	if (!s || *s < '0' || *s > '9')
		usage();
	v = strtoul(s, &end, 10);
	if (*end != '\0' || v < 1 || v > max)
		usage();
	return (unsigned)v;
}

int main(int argc, char *argv[])
{
	unsigned frames = 0, target = 0, period = 0;
	unsigned long gop_bytes = 0;
	char why[160];

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--join") == 0 && i + 2 < argc) {
			target = positive(argv[++i], 10000);
			period = positive(argv[++i], 10000);
		} else if (strcmp(argv[i], "--frames") == 0 && i + 1 < argc) {
			frames = positive(argv[++i], 0xFFFFFFFFul);
		} else {
			usage();
		}
	}
	if (target && DJoinCPU((int)target, 0, (int)(2 * target < period ? 2 * target : period),
			       (int)period, why, sizeof(why)) < 0) {
		fprintf(stderr, "mpegenc: %s\n", why);
		return 1;
	}
	enc_init(&enc);
	for (unsigned f = 1; !frames || f <= frames; f++) {
		gop_bytes += enc_next(&enc, NULL);
		if (f % GOP_FRAMES == 0) {
			printf("mpegenc: pid %d gop %u frames %u bytes %lu\n", getpid(),
			       f / GOP_FRAMES, f, gop_bytes);
			fflush(stdout);
			gop_bytes = 0;
		}
	}
	return 0;
}
