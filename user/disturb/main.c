/*
 * disturb: the bursty disturbance of the SafeX experiment, a
 * Markov-modulated on/off CPU hog.
 *
 *   disturb SEED [--fifo | --rr MS] [--prio P] [--force AT LEN] [--seconds S]
 *
 * It makes itself a real-time task of priority P (default 30): FIFO
 * (quantum 0, the default, --fifo) or round-robin with a quantum of MS
 * ticks (--rr MS). Then it alternates idle periods (exponential, mean 10
 * s; it sleeps) and bursts (geometric in 10 ms steps, mean 3 s; it spins,
 * watching uptime() for the burst's end), drawn from its own PRNG seeded
 * by SEED (schedule.c), so the same SEED gives the same schedule.
 * --force AT LEN puts one burst of LEN ms AT ms after the start, before
 * the random schedule begins. --seconds S ends it S seconds after the
 * start (a burst in progress is cut short); without it, it runs forever.
 *
 * Output, unbuffered: "DIST seed SEED" first, then "DIST on T" and
 * "DIST off T" at every transition, T being uptime() in ms. Exits 0 after
 * --seconds, 1 if it cannot set its scheduling, 2 on a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talos.h>
#include "schedule.h"

#define DEFAULT_PRIORITY 30
#define ACCOUNT_PERIOD   1000      /* ticks: the accounting window, as qosdemo's */

/* The run's end (uptime ms), or 0 when it runs forever. */
static unsigned deadline;

static _Noreturn void usage(void)
{
	fprintf(stderr, "usage: disturb SEED [--fifo | --rr MS] [--prio P] [--force AT LEN] "
		"[--seconds S]\n");
	exit(2);
}

/* Parse S as a whole number in [MIN, MAX], or fail with the usage line. */
static unsigned number(const char *s, unsigned long min, unsigned long max)
{
	char *end;
	unsigned long v;

	if (!s || *s < '0' || *s > '9')
		usage();
	v = strtoul(s, &end, 10);
	if (*end != '\0' || v < min || v > max)
		usage();
	return (unsigned)v;
}

/* Print "DIST WHAT T" now, unbuffered. */
static void say(const char *what)
{
	printf("DIST %s %u\n", what, uptime());
	fflush(stdout);
}

/* Has the run's deadline passed at uptime NOW? */
static int over(unsigned now)
{
	return deadline && (int)(now - deadline) >= 0;
}

/* The sooner of uptime END and the deadline. */
static unsigned cut(unsigned end)
{
	return deadline && (int)(deadline - end) < 0 ? deadline : end;
}

/* Exit when the deadline has passed. */
static void check_over(void)
{
	if (over(uptime()))
		exit(0);
}

/* Sleep until uptime END (or the deadline, then exit). */
static void idle_until(unsigned end)
{
	unsigned stop = cut(end), now;

	while ((int)(stop - (now = uptime())) > 0)
		sleep_ms(stop - now);
	check_over();
}

/* Spin from now until uptime END (or the deadline), between "on" and "off" lines. */
static void burst_until(unsigned end)
{
	static volatile unsigned sink;
	unsigned stop = cut(end);

	say("on");
	while ((int)(stop - uptime()) > 0)
		for (int i = 0; i < 1000; i++)
			sink = sink * 1103515245u + 12345u;
	say("off");
	check_over();
}

int main(int argc, char *argv[])
{
	struct sched_param sp = { SCHED_RT, DEFAULT_PRIORITY, 0, ACCOUNT_PERIOD };
	unsigned seed, seconds = 0, force_at = 0, force_len = 0;
	int force = 0;

	if (argc < 2)
		usage();
	seed = number(argv[1], 0, 0xFFFFFFFFul);
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--fifo") == 0) {
			sp.quantum = 0;
		} else if (strcmp(argv[i], "--rr") == 0 && i + 1 < argc) {
			sp.quantum = (int)number(argv[++i], 1, 1000);
		} else if (strcmp(argv[i], "--prio") == 0 && i + 1 < argc) {
			sp.priority = (int)number(argv[++i], 1, SCHED_RT_LEVELS - 1);
		} else if (strcmp(argv[i], "--force") == 0 && i + 2 < argc) {
			force_at = number(argv[++i], 0, 86400000);
			force_len = number(argv[++i], 1, 86400000);
			force = 1;
		} else if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
			seconds = number(argv[++i], 1, 86400);
		} else {
			usage();
		}
	}
	if (setsched(0, &sp) < 0) {
		fprintf(stderr, "disturb: setsched (priority %d, quantum %d): %s%s\n", sp.priority,
			sp.quantum, strerror(errno), errno == EINVAL && sp.quantum == 0 ?
			" (this kernel does not run FIFO tasks: try --rr MS)" : "");
		return 1;
	}

	unsigned t = uptime();      /* the planned time of the next transition */
	struct dist_rng rng;

	if (seconds)
		deadline = t + seconds * 1000u;
	dist_rng_seed(&rng, seed);
	printf("DIST seed %u\n", seed);
	fflush(stdout);
	if (force) {
		idle_until(t += force_at);
		burst_until(t += force_len);
	}
	for (;;) {
		struct dist_cycle c = dist_next_cycle(&rng);
		idle_until(t += c.idle_ms);
		burst_until(t += c.burst_ms);
	}
}
