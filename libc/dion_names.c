/*
 * Dionisys names and rights as text, declared in <dionisys.h>: pure code
 * (no system call), shared by the shell's `dion` command and the demos,
 * and tested on the host (tests/libc/test_dion.c).
 *
 * Invariant: kind_names[] is indexed by the DION_* kind numbers of
 * <talos/dionisys.h>, so a kind's name and number never disagree.
 */
#include <dionisys.h>
#include <string.h>

static const char *const kind_names[] = {
	[DION_SM] = "sm",
	[DION_MONITOR] = "monitor",
	[DION_HANDLER] = "handler",
	[DION_CHANNEL] = "channel",
	[DION_CLASS] = "class",
	[DION_APP] = "app",
};

#define NKINDS ((int)(sizeof(kind_names) / sizeof(kind_names[0])))
#define KIND_PREFIX_MIN 3   /* letters a kind's abbreviation needs at least */

const char *dion_kind_name(int kind)
{
	if (kind <= 0 || kind >= NKINDS || !kind_names[kind])
		return "?";
	return kind_names[kind];
}

int dion_kind_parse(const char *s)
{
	size_t len = strlen(s);

	for (int k = 1; k < NKINDS; k++) {
		const char *name = kind_names[k];
		if (!name)
			continue;
		if (strcmp(s, name) == 0)
			return k;
		if (len >= KIND_PREFIX_MIN && strncmp(s, name, len) == 0)
			return k;
	}
	return -1;
}

char *dion_rights_str(unsigned rights, char *buf)
{
	static const unsigned read_bit[3] = { DION_R_OWNER_READ, DION_R_EXT_READ, DION_R_OTHER_READ };
	static const unsigned write_bit[3] = { DION_R_OWNER_WRITE, DION_R_EXT_WRITE,
					       DION_R_OTHER_WRITE };
	char *p = buf;

	for (int i = 0; i < 3; i++) {
		if (i)
			*p++ = ' ';
		*p++ = rights & read_bit[i] ? 'r' : '-';
		*p++ = rights & write_bit[i] ? 'w' : '-';
	}
	*p = '\0';
	return buf;
}
