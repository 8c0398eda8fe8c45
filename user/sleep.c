/*
 * sleep: wait for a number of seconds.
 *
 *   sleep SECONDS     a whole or decimal number: "2", "0.5", "1.250"
 *
 * The kernel counts milliseconds, so digits past the third decimal are
 * ignored. Exits 0, or 2 for a missing or malformed SECONDS.
 */
#include <stdio.h>
#include <talos.h>
#include <unistd.h>

/*
 * Parse S as digits with at most one '.', into whole seconds and
 * milliseconds. Returns 0, or -1 if S is not such a number.
 */
static int parse_seconds(const char *s, unsigned *secs, unsigned *ms)
{
	unsigned scale = 100;
	int digits = 0;

	*secs = *ms = 0;
	for (; *s >= '0' && *s <= '9'; s++, digits++) {
		if (*secs > (~0u - 9) / 10)
			return -1;                  /* too large for an unsigned */
		*secs = *secs * 10 + (unsigned)(*s - '0');
	}
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++, digits++) {
			*ms += scale * (unsigned)(*s - '0');
			scale /= 10;
		}
	}
	return *s == '\0' && digits > 0 ? 0 : -1;
}

int main(int argc, char *argv[])
{
	unsigned secs, ms;

	if (argc != 2 || parse_seconds(argv[1], &secs, &ms) < 0) {
		fprintf(stderr, "usage: sleep SECONDS (e.g. 2 or 0.5)\n");
		return 2;
	}
	sleep(secs);
	if (ms > 0)
		sleep_ms(ms);
	return 0;
}
