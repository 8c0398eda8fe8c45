/*
 * libc_vfmt: the formatting engine under every printf-like function.
 *
 * It reads the format once, left to right. Each conversion specification
 * is parsed into a struct spec, its argument is fetched with the type that
 * the length modifier names, and its text goes out char by char through the
 * caller's put callback. It allocates nothing and keeps no state between
 * calls, so any destination (a string, a stream buffer, a device) plugs in.
 *
 * Invariant: integers are converted as uintmax_t magnitudes by divmod(),
 * which divides by 32-bit pieces, so i386 needs no 64-bit division helper
 * from libgcc.
 */
#include <stdio.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <limits.h>
#include <string.h>
#include <errno.h>

/* Where the output goes, and how much of it there has been. */
struct out {
	void (*put)(void *ctx, char c);
	void *ctx;
	unsigned long long count;   /* chars produced so far (wider than int on purpose) */
};

/* Length modifiers: which type an integer argument has. */
enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_T, LEN_J };

/* One conversion specification, %[flags][width][.precision][length]conv. */
struct spec {
	bool minus;        /* '-': left-justify in the field */
	bool zero;         /* '0': pad numbers with zeros instead of spaces */
	bool plus;         /* '+': a '+' before non-negative signed numbers */
	bool space;        /* ' ': a space before non-negative signed numbers */
	bool hash;         /* '#': alternative form (0 for octal, 0x for hex) */
	int width;         /* minimum field width; 0 when absent */
	int prec;          /* precision; -1 when absent */
	enum length len;
};

_Static_assert(sizeof(uintmax_t) == 8, "divmod assumes a 64-bit uintmax_t");

static void emit(struct out *o, char c)
{
	o->put(o->ctx, c);
	o->count++;
}

static void emit_repeat(struct out *o, char c, size_t n)
{
	while (n--)
		emit(o, c);
}

/* Emit the N chars at S in a field of SP's width, padded with spaces. */
static void emit_field(struct out *o, const struct spec *sp, const char *s, size_t n)
{
	size_t pad = (size_t)sp->width > n ? (size_t)sp->width - n : 0;

	if (!sp->minus)
		emit_repeat(o, ' ', pad);
	for (size_t i = 0; i < n; i++)
		emit(o, s[i]);
	if (sp->minus)
		emit_repeat(o, ' ', pad);
}

/*
 * Divide *V by BASE (2-16) in place and return the remainder: schoolbook
 * long division on the four 16-bit pieces of V, top first. Each step
 * divides a number below BASE * 2^16, which fits in 32 bits.
 */
static unsigned divmod(uintmax_t *v, unsigned base)
{
	uintmax_t q = 0;
	uint32_t rem = 0;

	for (int shift = 48; shift >= 0; shift -= 16) {
		uint32_t cur = rem << 16 | (uint32_t)(*v >> shift & 0xffff);

		q |= (uintmax_t)(cur / base) << shift;
		rem = cur % base;
	}
	*v = q;
	return rem;
}

/*
 * Emit MAG in BASE as one field laid out as
 *   [spaces] PREFIX [zeros] digits [spaces]
 * where PREFIX (a sign, "0x", ...) was chosen by the caller, the zeros come
 * from the precision, the '#' flag for octal, or the '0' flag, and the
 * spaces fill the width on the side the '-' flag selects.
 */
static void emit_number(struct out *o, const struct spec *sp, uintmax_t mag,
			unsigned base, bool upper, const char *prefix)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char digits[24];                 /* 22 octal digits hold 64 bits */
	size_t nd = 0, zeros = 0, len, pad;
	size_t min_digits = sp->prec < 0 ? 1 : (size_t)sp->prec;

	while (mag)
		digits[nd++] = set[divmod(&mag, base)];     /* least significant first */
	if (min_digits > nd)
		zeros = min_digits - nd;
	if (sp->hash && base == 8 && zeros == 0)
		zeros = 1;                   /* '#' makes an octal number start with 0 */
	len = strlen(prefix) + zeros + nd;
	pad = (size_t)sp->width > len ? (size_t)sp->width - len : 0;
	if (sp->zero && !sp->minus && sp->prec < 0) {
		zeros += pad;
		pad = 0;
	}

	if (!sp->minus)
		emit_repeat(o, ' ', pad);
	while (*prefix)
		emit(o, *prefix++);
	emit_repeat(o, '0', zeros);
	while (nd)
		emit(o, digits[--nd]);
	if (sp->minus)
		emit_repeat(o, ' ', pad);
}

/*
 * Fetch an integer argument of the type LEN names. Arguments narrower than
 * int arrive promoted to int, so hh and h are read as int and cut down.
 * For z and t the signed/unsigned counterpart is read and converted: size_t
 * and ptrdiff_t have the same width on every TalOS target.
 */
static intmax_t fetch_signed(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_HH: return (signed char)va_arg(*ap, int);
	case LEN_H:  return (short)va_arg(*ap, int);
	case LEN_L:  return va_arg(*ap, long);
	case LEN_LL: return va_arg(*ap, long long);
	case LEN_Z:  return (ptrdiff_t)va_arg(*ap, size_t);
	case LEN_T:  return va_arg(*ap, ptrdiff_t);
	case LEN_J:  return va_arg(*ap, intmax_t);
	default:     return va_arg(*ap, int);
	}
}

static uintmax_t fetch_unsigned(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_HH: return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_H:  return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_L:  return va_arg(*ap, unsigned long);
	case LEN_LL: return va_arg(*ap, unsigned long long);
	case LEN_Z:  return va_arg(*ap, size_t);
	case LEN_T:  return (size_t)va_arg(*ap, ptrdiff_t);
	case LEN_J:  return va_arg(*ap, uintmax_t);
	default:     return va_arg(*ap, unsigned int);
	}
}

/* Read a decimal number at *F, saturating at INT_MAX, and move *F past it. */
static int parse_int(const char **f)
{
	int n = 0;

	for (; **f >= '0' && **f <= '9'; (*f)++) {
		int d = **f - '0';

		n = n > (INT_MAX - d) / 10 ? INT_MAX : n * 10 + d;
	}
	return n;
}

/*
 * Parse the flags, width, precision and length modifier that follow a '%'
 * at *F into SP, taking each '*' from AP. Leaves *F at the conversion char.
 */
static void parse_spec(const char **f, struct spec *sp, va_list *ap)
{
	const char *p = *f;

	*sp = (struct spec){ .prec = -1, .len = LEN_NONE };
	for (;; p++) {
		if (*p == '-')
			sp->minus = true;
		else if (*p == '0')
			sp->zero = true;
		else if (*p == '+')
			sp->plus = true;
		else if (*p == ' ')
			sp->space = true;
		else if (*p == '#')
			sp->hash = true;
		else
			break;
	}
	if (*p == '*') {
		int w = va_arg(*ap, int);

		p++;
		if (w < 0) {                 /* a negative '*' width means '-' */
			sp->minus = true;
			w = w == INT_MIN ? INT_MAX : -w;
		}
		sp->width = w;
	} else {
		sp->width = parse_int(&p);
	}
	if (*p == '.') {
		p++;
		if (*p == '*') {
			int prec = va_arg(*ap, int);

			p++;
			sp->prec = prec < 0 ? -1 : prec;   /* negative: as if omitted */
		} else {
			sp->prec = parse_int(&p);          /* "." alone means 0 */
		}
	}
	switch (*p) {
	case 'h': sp->len = p[1] == 'h' ? LEN_HH : LEN_H; break;
	case 'l': sp->len = p[1] == 'l' ? LEN_LL : LEN_L; break;
	case 'z': sp->len = LEN_Z; break;
	case 't': sp->len = LEN_T; break;
	case 'j': sp->len = LEN_J; break;
	}
	if (sp->len == LEN_HH || sp->len == LEN_LL)
		p += 2;
	else if (sp->len != LEN_NONE)
		p++;
	*f = p;
}

/*
 * Emit the conversion CONV described by SP, fetching its argument from AP.
 * Returns false, having fetched nothing, for a conversion it does not
 * support.
 */
static bool convert(struct out *o, const struct spec *sp, char conv, va_list *ap)
{
	uintmax_t u;
	intmax_t v;

	switch (conv) {
	case 'd':
	case 'i':
		v = fetch_signed(ap, sp->len);
		u = v < 0 ? 0 - (uintmax_t)v : (uintmax_t)v;   /* right even for INTMAX_MIN */
		emit_number(o, sp, u, 10, false,
			    v < 0 ? "-" : sp->plus ? "+" : sp->space ? " " : "");
		return true;
	case 'u':
		emit_number(o, sp, fetch_unsigned(ap, sp->len), 10, false, "");
		return true;
	case 'o':
		emit_number(o, sp, fetch_unsigned(ap, sp->len), 8, false, "");
		return true;
	case 'x':
	case 'X':
		u = fetch_unsigned(ap, sp->len);
		emit_number(o, sp, u, 16, conv == 'X',
			    sp->hash && u ? (conv == 'X' ? "0X" : "0x") : "");
		return true;
	}
	if (sp->len != LEN_NONE)
		return false;                /* no length modifier for c, s, p, % */
	switch (conv) {
	case 'c': {
		char c = (char)va_arg(*ap, int);

		emit_field(o, sp, &c, 1);
		return true;
	}
	case 's': {
		const char *s = va_arg(*ap, const char *);

		if (!s)
			s = "(null)";
		emit_field(o, sp, s, sp->prec < 0 ? strlen(s) : strnlen(s, (size_t)sp->prec));
		return true;
	}
	case 'p':
		emit_number(o, sp, (uintptr_t)va_arg(*ap, void *), 16, false, "0x");
		return true;
	case '%':
		emit(o, '%');
		return true;
	}
	return false;
}

int libc_vfmt(void (*put)(void *ctx, char c), void *ctx, const char *fmt, va_list ap)
{
	struct out o = { put, ctx, 0 };
	va_list args;                    /* a copy we can pass by address (see below) */

	/*
	 * On x86_64 va_list is an array type, so a va_list parameter is really
	 * a pointer and &ap would have the wrong type; a local copy works on
	 * every ABI.
	 */
	va_copy(args, ap);
	while (*fmt) {
		const char *start = fmt;
		struct spec sp;

		if (*fmt != '%') {
			emit(&o, *fmt++);
			continue;
		}
		fmt++;
		parse_spec(&fmt, &sp, &args);
		if (!convert(&o, &sp, *fmt, &args)) {
			/* Unsupported or cut short by the end of FMT: copy it as written. */
			for (; start <= fmt && *start; start++)
				emit(&o, *start);
		}
		if (*fmt)
			fmt++;
	}
	va_end(args);
	if (o.count > INT_MAX) {
		errno = ERANGE;
		return -1;
	}
	return (int)o.count;
}
