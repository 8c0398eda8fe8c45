/*
 * kprintf and ksnprintf share one formatter, fmt_core(), which hands each
 * output character to a sink. The formatter keeps no state between calls.
 */
#include "kernel/kprintf.h"
#include "kernel/console.h"
#include "kernel/x86.h"

struct sink {
	void (*put)(struct sink *s, char c);
	char *buf;        /* ksnprintf: destination */
	size_t size;      /* ksnprintf: capacity including the NUL */
	size_t len;       /* characters produced so far (all of them) */
};

struct spec {
	bool left;        /* '-' flag */
	bool zero;        /* '0' flag */
	int width;        /* minimum field width */
	int prec;         /* precision, -1 when absent */
};

static void emit(struct sink *s, char c)
{
	s->put(s, c);
	s->len++;
}

static void pad(struct sink *s, char c, int n)
{
	while (n-- > 0)
		emit(s, c);
}

/* Emit STR of length N inside the field described by SP. */
static void emit_field(struct sink *s, const struct spec *sp, const char *str, int n)
{
	if (!sp->left)
		pad(s, ' ', sp->width - n);
	for (int i = 0; i < n; i++)
		emit(s, str[i]);
	if (sp->left)
		pad(s, ' ', sp->width - n);
}

/* Emit an unsigned magnitude V in BASE with optional sign and prefix. */
static void emit_number(struct sink *s, const struct spec *sp, uint64_t v, int base,
			bool upper, bool negative, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = digits[v % (unsigned)base];
		v /= (unsigned)base;
	} while (v);
	while (n < sp->prec && n < (int)sizeof(tmp))
		tmp[n++] = '0';

	int plen = 0;
	while (prefix[plen])
		plen++;
	int total = n + plen + (negative ? 1 : 0);
	bool zero_pad = sp->zero && !sp->left && sp->prec < 0;

	if (!sp->left && !zero_pad)
		pad(s, ' ', sp->width - total);
	if (negative)
		emit(s, '-');
	for (int i = 0; i < plen; i++)
		emit(s, prefix[i]);
	if (zero_pad)
		pad(s, '0', sp->width - total);
	while (n > 0)
		emit(s, tmp[--n]);
	if (sp->left)
		pad(s, ' ', sp->width - total);
}

static int fmt_core(struct sink *s, const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			emit(s, *fmt);
			continue;
		}
		const char *start = fmt++;
		struct spec sp = { false, false, 0, -1 };
		for (;; fmt++) {
			if (*fmt == '-')
				sp.left = true;
			else if (*fmt == '0')
				sp.zero = true;
			else
				break;
		}
		if (*fmt == '*') {
			sp.width = va_arg(ap, int);
			if (sp.width < 0) {
				sp.left = true;
				sp.width = -sp.width;
			}
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			sp.width = sp.width * 10 + (*fmt++ - '0');
		if (*fmt == '.') {
			fmt++;
			sp.prec = 0;
			if (*fmt == '*') {
				sp.prec = va_arg(ap, int);
				fmt++;
			}
			while (*fmt >= '0' && *fmt <= '9')
				sp.prec = sp.prec * 10 + (*fmt++ - '0');
		}
		int longs = 0;
		while (*fmt == 'l') {
			longs++;
			fmt++;
		}

		switch (*fmt) {
		case 'd':
		case 'i': {
			int64_t v = longs >= 2 ? va_arg(ap, int64_t)
				  : longs == 1 ? va_arg(ap, long) : va_arg(ap, int);
			uint64_t mag = v < 0 ? -(uint64_t)v : (uint64_t)v;
			emit_number(s, &sp, mag, 10, false, v < 0, "");
			break;
		}
		case 'u':
		case 'x':
		case 'X': {
			uint64_t v = longs >= 2 ? va_arg(ap, uint64_t)
				   : longs == 1 ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
			emit_number(s, &sp, v, *fmt == 'u' ? 10 : 16, *fmt == 'X', false, "");
			break;
		}
		case 'p': {
			struct spec psp = { sp.left, false, sp.width, 8 };
			emit_number(s, &psp, (uintptr_t)va_arg(ap, void *), 16, false, false, "0x");
			break;
		}
		case 's': {
			const char *str = va_arg(ap, const char *);
			if (!str)
				str = "(null)";
			int n = 0;
			while (str[n] && (sp.prec < 0 || n < sp.prec))
				n++;
			emit_field(s, &sp, str, n);
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);
			emit_field(s, &sp, &c, 1);
			break;
		}
		case '%':
			emit(s, '%');
			break;
		default:
			/* Unknown or truncated conversion: show it verbatim. */
			for (const char *p = start; p <= fmt && *p; p++)
				emit(s, *p);
			if (!*fmt)
				return (int)s->len;
		}
	}
	return (int)s->len;
}

static void put_console(struct sink *s, char c)
{
	(void)s;
	console_putc(c);
}

static void put_buffer(struct sink *s, char c)
{
	if (s->len + 1 < s->size)
		s->buf[s->len] = c;
}

int vkprintf(const char *fmt, va_list ap)
{
	struct sink s = { put_console, NULL, 0, 0 };
	bool was = irq_save();
	int n = fmt_core(&s, fmt, ap);
	irq_restore(was);
	return n;
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vkprintf(fmt, ap);
	va_end(ap);
	return n;
}

int vksnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink s = { put_buffer, buf, size, 0 };
	int n = fmt_core(&s, fmt, ap);
	if (size > 0)
		buf[s.len < size ? s.len : size - 1] = '\0';
	return n;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vksnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
