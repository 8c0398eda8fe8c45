/*
 * <assert.h>: run-time assertions (C11 7.2).
 *
 * assert(EXPR) evaluates EXPR once; when it is zero, libc_assert_fail
 * writes "assertion failed: EXPR, file F, line L, function FN" and a newline
 * to standard error (fd 2) and calls abort(). Defining NDEBUG before
 * including this header turns every assert into a no-op that does not
 * evaluate EXPR. As the standard requires, the header may be included again
 * with a different NDEBUG, so only the declaration is guarded.
 */
#undef assert
#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
#define assert(expr) \
	((expr) ? (void)0 : libc_assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif

#ifndef _ASSERT_H
#define _ASSERT_H

#define static_assert _Static_assert

/* Report a failed assertion (the assert macro's slow path) and abort(). */
_Noreturn void libc_assert_fail(const char *expr, const char *file, int line,
				const char *func);

#endif /* _ASSERT_H */
