/*
 * The disturbance's schedule (schedule.h): xorshift32, a fixed-point
 * log2 for the exponential idle periods (-mean * ln U), and the geometric
 * bursts. Invariant: integer arithmetic only, no system call.
 */
#include "schedule.h"

#define SEED_FOR_ZERO 0x9E3779B9u       /* xorshift32 must never hold 0 */
#define LN2_Q16       45426u            /* ln 2 * 65536, rounded */

/*
 * Small seeds make xorshift's first outputs small too (seed 1 drew a first
 * idle gap of 97 s), so the seed is scrambled first (an integer hash) and
 * the first outputs are thrown away.
 */
void dist_rng_seed(struct dist_rng *rng, uint32_t seed)
{
	uint32_t x = seed;
	x = (x ^ (x >> 16)) * 0x45D9F3Bu;
	x = (x ^ (x >> 16)) * 0x45D9F3Bu;
	x ^= x >> 16;
	rng->state = x ? x : SEED_FOR_ZERO;
	for (int i = 0; i < 8; i++)
		dist_rand(rng);
}

uint32_t dist_rand(struct dist_rng *rng)
{
	uint32_t x = rng->state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	rng->state = x;
	return x;
}

/*
 * The integer part is the index of the top bit; the fraction comes one bit
 * at a time by squaring the mantissa m in [1, 2) (kept in Q30): when the
 * square reaches 2, the next bit is 1 and the square is halved.
 */
uint32_t dist_log2_q16(uint32_t x)
{
	uint32_t ipart = 0, frac = 0;
	uint64_t m;

	if (x == 0)
		return 0;
	while (ipart < 31 && x >> (ipart + 1))
		ipart++;
	m = ((uint64_t)x << 30) >> ipart;       /* x / 2^ipart in Q30, in [1, 2) */
	for (int bit = 15; bit >= 0; bit--) {
		m = (m * m) >> 30;
		if (m >= (2ull << 30)) {
			m >>= 1;
			frac |= 1u << bit;
		}
	}
	return (ipart << 16) | frac;
}

/*
 * -mean * ln U with U = r / 2^32, r in [1, 2^32 - 1]: -ln U = (32 - log2 r)
 * * ln 2 lies in (0, 22.2], so the draw is at most 22.2 * mean.
 */
uint32_t dist_exponential_ms(struct dist_rng *rng, uint32_t mean_ms)
{
	uint32_t r = dist_rand(rng);
	uint64_t neglog2 = (32ull << 16) - dist_log2_q16(r);    /* Q16 */
	uint64_t neglog = (neglog2 * LN2_Q16) >> 16;            /* -ln U in Q16 */

	return (uint32_t)((neglog * mean_ms + (1u << 15)) >> 16);
}

uint32_t dist_geometric_ms(struct dist_rng *rng, uint32_t mean_ms, uint32_t step_ms)
{
	uint32_t len = step_ms;

	/* Stop with probability STEP / MEAN: a uniform draw in [0, MEAN) below STEP. */
	while ((uint32_t)(((uint64_t)dist_rand(rng) * mean_ms) >> 32) >= step_ms)
		len += step_ms;
	return len;
}

struct dist_cycle dist_next_cycle(struct dist_rng *rng)
{
	struct dist_cycle c;

	c.idle_ms = dist_exponential_ms(rng, DIST_IDLE_MEAN);
	c.burst_ms = dist_geometric_ms(rng, DIST_BURST_MEAN, DIST_STEP);
	return c;
}
