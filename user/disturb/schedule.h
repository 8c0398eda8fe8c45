/*
 * The disturbance's schedule: a Markov-modulated on/off source, as in the
 * SafeX experiment. Idle periods are exponential with mean DIST_IDLE_MEAN
 * ms; bursts are geometric in steps of DIST_STEP ms, each step continuing
 * with probability 1 - DIST_STEP / DIST_BURST_MEAN, so their mean is
 * DIST_BURST_MEAN ms. Everything is integer arithmetic (the kernel does
 * not save FPU state) and pure (no system call), so the host tests build
 * it too.
 *
 * Invariant: the schedule is a function of the seed alone; the same seed
 * always gives the same sequence of idle and burst lengths.
 */
#ifndef DISTURB_SCHEDULE_H
#define DISTURB_SCHEDULE_H

#include <stdint.h>

#define DIST_IDLE_MEAN  10000u   /* ms: mean idle period (exponential) */
#define DIST_BURST_MEAN 3000u    /* ms: mean burst (geometric) */
#define DIST_STEP       10u      /* ms: the burst's step */

/* xorshift32: state never 0. */
struct dist_rng {
	uint32_t state;          /* the last value drawn (the seed at first) */
};

/* Seed RNG with SEED (0 is replaced by a fixed nonzero constant). */
void dist_rng_seed(struct dist_rng *rng, uint32_t seed);

/* The next 32-bit value of RNG (never 0). */
uint32_t dist_rand(struct dist_rng *rng);

/*
 * log2(X) for X >= 1, in fixed point with 16 fractional bits (accurate to
 * about 2^-15); 0 for X 0.
 */
uint32_t dist_log2_q16(uint32_t x);

/* An exponential draw with mean MEAN_MS ms, rounded to whole ms. */
uint32_t dist_exponential_ms(struct dist_rng *rng, uint32_t mean_ms);

/*
 * A geometric draw in steps of STEP_MS: one step, then another as long as
 * a draw continues with probability 1 - STEP_MS / MEAN_MS (MEAN_MS >
 * STEP_MS). Returns the length in ms, a multiple of STEP_MS, at least one
 * step; its mean is MEAN_MS.
 */
uint32_t dist_geometric_ms(struct dist_rng *rng, uint32_t mean_ms, uint32_t step_ms);

/* One cycle of the schedule: an idle period, then a burst. */
struct dist_cycle {
	uint32_t idle_ms;        /* idle, sleeping, before the burst */
	uint32_t burst_ms;       /* the burst, spinning */
};

/* The next cycle of the schedule drawn from RNG: idle first, then burst. */
struct dist_cycle dist_next_cycle(struct dist_rng *rng);

#endif /* DISTURB_SCHEDULE_H */
