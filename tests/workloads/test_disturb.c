/*
 * Host tests of disturb's schedule: the PRNG, the fixed-point log2, the
 * means of the idle periods and bursts, and that a seed fixes the schedule.
 */
#include <math.h>
#include <stdint.h>
#include "check.h"
#include "schedule.h"

#define DRAWS 20000             /* draws per mean: its standard error is about 0.7% */

void test_rng_xorshift_known_values(void)
{
	struct dist_rng r = { .state = 1 };

	CHECK_INT(dist_rand(&r), 270369u);
	CHECK_INT(dist_rand(&r), 67634689u);
	CHECK_INT(dist_rand(&r), 2647435461u);
}

/* Neighbouring small seeds give unrelated schedules: their first gaps average 10 s. */
void test_rng_small_seeds_first_gap(void)
{
	struct dist_rng r;
	uint64_t sum = 0;

	for (uint32_t seed = 1; seed <= DRAWS / 10; seed++) {
		dist_rng_seed(&r, seed);
		sum += dist_next_cycle(&r).idle_ms;
	}
	uint64_t mean = sum / (DRAWS / 10);
	CHECK(mean > DIST_IDLE_MEAN * 9 / 10 && mean < DIST_IDLE_MEAN * 11 / 10);
}

void test_rng_seed_zero_not_stuck(void)
{
	struct dist_rng r;

	dist_rng_seed(&r, 0);
	for (int i = 0; i < 100; i++)
		CHECK(dist_rand(&r) != 0);
}

void test_log2_q16_accuracy(void)
{
	struct dist_rng r;

	CHECK_INT(dist_log2_q16(1), 0);
	CHECK_INT(dist_log2_q16(2), 1 << 16);
	CHECK_INT(dist_log2_q16(0x80000000u), 31 << 16);
	dist_rng_seed(&r, 99);
	for (int i = 0; i < 10000; i++) {
		uint32_t x = dist_rand(&r) >> (i % 32);
		x = x ? x : 1;
		CHECK(fabs(dist_log2_q16(x) / 65536.0 - log2(x)) < 1.0 / 16384);
	}
}

void test_idle_mean_within_5_percent_of_10s(void)
{
	struct dist_rng r;
	uint64_t sum = 0;
	unsigned below_mean = 0;

	dist_rng_seed(&r, 7);
	for (int i = 0; i < DRAWS; i++) {
		uint32_t d = dist_exponential_ms(&r, DIST_IDLE_MEAN);
		sum += d;
		below_mean += d < DIST_IDLE_MEAN;
	}
	double mean = (double)sum / DRAWS;
	CHECK(fabs(mean - 10000) < 500);
	/* Exponential: P(X < mean) = 1 - 1/e = 63.2%. */
	CHECK(fabs(below_mean / (double)DRAWS - 0.632) < 0.02);
}

void test_burst_mean_within_5_percent_of_3s(void)
{
	struct dist_rng r;
	uint64_t sum = 0;

	dist_rng_seed(&r, 11);
	for (int i = 0; i < DRAWS; i++) {
		uint32_t b = dist_geometric_ms(&r, DIST_BURST_MEAN, DIST_STEP);
		CHECK(b >= DIST_STEP && b % DIST_STEP == 0);
		sum += b;
	}
	double mean = (double)sum / DRAWS;
	CHECK(fabs(mean - 3000) < 150);
}

void test_same_seed_same_schedule(void)
{
	struct dist_rng a, b, c;
	int differs = 0;

	dist_rng_seed(&a, 42);
	dist_rng_seed(&b, 42);
	dist_rng_seed(&c, 43);
	for (int i = 0; i < 200; i++) {
		struct dist_cycle x = dist_next_cycle(&a), y = dist_next_cycle(&b);
		struct dist_cycle z = dist_next_cycle(&c);
		CHECK_INT(x.idle_ms, y.idle_ms);
		CHECK_INT(x.burst_ms, y.burst_ms);
		differs |= x.idle_ms != z.idle_ms || x.burst_ms != z.burst_ms;
	}
	CHECK(differs);
}
