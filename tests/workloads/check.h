/*
 * The host test harness of the experiment workloads (mpegenc's encoder
 * and disturb's schedule): the list of tests and the CHECK macros.
 *
 * Each test is a function test_NAME(void) made of checks; a failed check
 * records file, line and what was found, and the test goes on. The test
 * fails if any check did; the first failure is the one reported.
 */
#ifndef TESTS_WORKLOADS_CHECK_H
#define TESTS_WORKLOADS_CHECK_H

/* Every test, in the order they run: X(name) stands for test_name. */
#define WL_TESTS(X) \
	X(dct_constant_block_has_only_dc) X(dct_matches_the_definition) \
	X(dct_inverse_gives_the_block_back) X(quantise_dequantise_within_half_a_step) \
	X(exp_golomb_round_trip) X(rle_block_round_trip) X(zigzag_is_a_permutation) \
	X(motion_search_finds_known_displacement) X(motion_search_stays_in_range) \
	X(frame_size_colours_and_moving_square) X(gop_coding_order) \
	X(encoder_frame_sizes_by_type) \
	X(rng_xorshift_known_values) X(rng_small_seeds_first_gap) X(rng_seed_zero_not_stuck) X(log2_q16_accuracy) \
	X(idle_mean_within_5_percent_of_10s) X(burst_mean_within_5_percent_of_3s) \
	X(same_seed_same_schedule)

#define WL_DECLARE_TEST(name) void test_##name(void);
WL_TESTS(WL_DECLARE_TEST)

/* Record a failed check in the running test (printf-style description). */
void check_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define CHECK(cond)                                                          \
	do {                                                                 \
		if (!(cond))                                                 \
			check_fail(__FILE__, __LINE__, "%s", #cond);         \
	} while (0)

#define CHECK_INT(got, want)                                                 \
	do {                                                                 \
		long long g_ = (long long)(got), w_ = (long long)(want);     \
		if (g_ != w_)                                                \
			check_fail(__FILE__, __LINE__, "%s is %lld, expected %lld", \
				   #got, g_, w_);                            \
	} while (0)

#endif /* TESTS_WORKLOADS_CHECK_H */
