/*
 * String-to-integer conversion: strtol, strtoll, strtoul, strtoull, atoi
 * and atol. One parser reads the sign and the digits into an unsigned long
 * long magnitude; each public function then fits that magnitude into its
 * own type, saturating with errno = ERANGE when it does not fit.
 *
 * Invariant: nothing here assumes the width of long; limits come from
 * <limits.h>, and overflow is detected with the compiler's checked
 * arithmetic builtins, which need no 64-bit division helper on i386.
 */
#include <stdlib.h>
#include <stdbool.h>
#include <limits.h>
#include <ctype.h>
#include <errno.h>

/* The value of C as a digit (0-9, then a-z / A-Z as 10-35), or 36 if none. */
static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 36;
}

/* What the parser found; the magnitude is only meaningful without overflow. */
struct parsed {
	unsigned long long mag; /* absolute value of the number */
	bool neg;               /* a '-' sign came before the digits */
	bool overflow;          /* the digits did not fit in unsigned long long */
};

/*
 * Parse S by the rules documented in stdlib.h and set *ENDP (if not NULL).
 * An invalid BASE sets errno = EINVAL and parses nothing.
 */
static struct parsed parse(const char *s, char **endp, int base)
{
	struct parsed r = { 0, false, false };
	const char *p = s;
	bool any = false;

	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		goto done;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		r.neg = *p++ == '-';
	/* "0x" is a prefix only if a hex digit follows; in "0xz" the number is "0". */
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    digit_value(p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = *p == '0' ? 8 : 10;
	}
	for (; digit_value(*p) < base; p++) {
		any = true;
		if (__builtin_mul_overflow(r.mag, (unsigned)base, &r.mag) ||
		    __builtin_add_overflow(r.mag, (unsigned)digit_value(*p), &r.mag))
			r.overflow = true;   /* keep going: *ENDP must pass every digit */
	}
done:
	if (endp)
		*endp = (char *)(any ? p : s);
	return r;
}

/*
 * Fit R into the signed type whose range is [-MAX - 1, MAX]; saturate and
 * set errno = ERANGE when it does not fit.
 */
static long long fit_signed(struct parsed r, long long max)
{
	unsigned long long limit = (unsigned long long)max + r.neg;

	if (r.overflow || r.mag > limit) {
		errno = ERANGE;
		return r.neg ? -max - 1 : max;
	}
	/* Negate without overflowing when mag is exactly max + 1. */
	return r.neg && r.mag ? -(long long)(r.mag - 1) - 1 : (long long)r.mag;
}

/*
 * Fit R into the unsigned type whose largest value is MAX (all ones);
 * a '-' negates modulo MAX + 1, as C says.
 */
static unsigned long long fit_unsigned(struct parsed r, unsigned long long max)
{
	if (r.overflow || r.mag > max) {
		errno = ERANGE;
		return max;
	}
	return r.neg ? (0 - r.mag) & max : r.mag;
}

long strtol(const char *restrict s, char **restrict endp, int base)
{
	return (long)fit_signed(parse(s, endp, base), LONG_MAX);
}

long long strtoll(const char *restrict s, char **restrict endp, int base)
{
	return fit_signed(parse(s, endp, base), LLONG_MAX);
}

unsigned long strtoul(const char *restrict s, char **restrict endp, int base)
{
	return (unsigned long)fit_unsigned(parse(s, endp, base), ULONG_MAX);
}

unsigned long long strtoull(const char *restrict s, char **restrict endp, int base)
{
	return fit_unsigned(parse(s, endp, base), ULLONG_MAX);
}

int atoi(const char *s)
{
	return (int)fit_signed(parse(s, NULL, 10), INT_MAX);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}
