/*
 * The host test harness for libc: the list of tests, the CHECK macros, and
 * the stand-ins for the syscall stubs (defined in main.c).
 *
 * Each test is a function test_NAME(void) made of checks. A check that fails
 * records file, line and what was found against what was expected, and the
 * test goes on; the test fails if any check did. main.c runs every test in
 * its own child process, so a crash or a hang fails that test only.
 */
#ifndef TESTS_LIBC_CHECK_H
#define TESTS_LIBC_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* Every test, in the order they run. X(name) stands for test_name, defined in one of the test_*.c files. */
#define LIBC_TESTS(X) \
	X(memcpy) X(memmove_overlap) X(memset) X(memcmp) X(memchr) \
	X(strlen_strnlen) X(strcpy_strncpy) X(strcat_strncat) X(strcmp_strncmp) \
	X(strchr_strrchr) X(strstr) X(strspn_strcspn_strpbrk) X(strtok) X(strdup) \
	X(strerror_every_code) X(ctype_classes) X(toupper_tolower) \
	X(strtol_bases) X(strtol_space_sign_endptr) X(strtol_overflow) \
	X(strtoul) X(strtoll_strtoull) X(strtol_invalid_base) X(atoi_atol) \
	X(abs_div) X(rand_srand) X(bsearch) \
	X(qsort_patterns) X(qsort_element_sizes) X(qsort_not_quadratic) \
	X(fmt_signed) X(fmt_unsigned_bases) X(fmt_flags) X(fmt_width_precision) \
	X(fmt_star) X(fmt_length_modifiers) X(fmt_char_string_pointer) \
	X(fmt_unsupported_verbatim) X(fmt_callback) X(fmt_matches_host_snprintf) \
	X(snprintf_truncation) X(sprintf) \
	X(malloc_basic) X(calloc) X(realloc) X(malloc_coalescing) \
	X(malloc_stress) X(malloc_out_of_memory) X(malloc_foreign_sbrk) \
	X(malloc_detects_misuse) X(heap_check_detects_corruption) \
	X(dion_kind_names) X(dion_rights_str) \
	X(fatal_message) X(assert_macro) X(headers_on_host) X(archive_undefined_symbols) \
	X(i386_archive)

#define LIBC_DECLARE_TEST(name) void test_##name(void);
LIBC_TESTS(LIBC_DECLARE_TEST)

/* Record a failed check in the running test (printf-style description). */
void check_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Checks made so far by the running test. */
extern unsigned long check_count;

#define CHECK(cond)                                                          \
	do {                                                                 \
		check_count++;                                               \
		if (!(cond))                                                 \
			check_fail(__FILE__, __LINE__, "%s", #cond);         \
	} while (0)

#define CHECK_INT(got, want)                                                 \
	do {                                                                 \
		long long g_ = (long long)(got), w_ = (long long)(want);     \
		check_count++;                                               \
		if (g_ != w_)                                                \
			check_fail(__FILE__, __LINE__, "%s is %lld, expected %lld", \
				   #got, g_, w_);                            \
	} while (0)

#define CHECK_UINT(got, want)                                                \
	do {                                                                 \
		unsigned long long g_ = (got), w_ = (want);                  \
		check_count++;                                               \
		if (g_ != w_)                                                \
			check_fail(__FILE__, __LINE__, "%s is %llu, expected %llu", \
				   #got, g_, w_);                            \
	} while (0)

#define CHECK_STR(got, want)                                                 \
	do {                                                                 \
		const char *g_ = (got), *w_ = (want);                        \
		check_count++;                                               \
		if (!g_ || strcmp(g_, w_) != 0)                              \
			check_fail(__FILE__, __LINE__, "%s is \"%s\", expected \"%s\"", \
				   #got, g_ ? g_ : "(NULL)", w_);            \
	} while (0)

#define CHECK_PTR(got, want)                                                 \
	do {                                                                 \
		const void *g_ = (got), *w_ = (want);                        \
		check_count++;                                               \
		if (g_ != w_)                                                \
			check_fail(__FILE__, __LINE__, "%s is %p, expected %p", \
				   #got, g_, w_);                            \
	} while (0)

/* ---- Stand-ins for the syscall stubs (main.c) ---- */

/* Let the heap's break grow at most LIMIT bytes past its start. */
void sbrk_set_limit(size_t limit);
/* Bytes between the break's start and where it is now. */
size_t sbrk_used(void);
/* Calls made to tl_sbrk so far. */
extern unsigned long sbrk_calls;

/*
 * Run FN(ARG) and report whether it called abort(). Either way, the text
 * libc wrote to fd 2 meanwhile is left in captured_stderr().
 */
bool expect_abort(void (*fn)(void *), void *arg);
const char *captured_stderr(void);

/* The file of symbols build/libc/libc.a leaves undefined (argv[1]), or NULL. */
extern const char *undefined_symbols_file;
/* The i386 program linked with build/libc/libc.a (argv[2]), or NULL. */
extern const char *i386_smoke_program;

#endif /* TESTS_LIBC_CHECK_H */
