/*
 * Symbol lookup over the table that tools/gensyms.py generates:
 *
 *   ksyms_count: number of entries
 *   ksyms_table: { address, offset of the name in ksyms_names } sorted by address
 *   ksyms_names: NUL-terminated names
 */
#include "kernel/ksyms.h"

struct ksym {
	uint32_t addr;
	uint32_t name;
};

extern const uint32_t ksyms_count;
extern const struct ksym ksyms_table[];
extern const char ksyms_names[];
extern const char __text_end[];

const char *ksyms_lookup(uint32_t addr, uint32_t *offset)
{
	if (ksyms_count == 0 || addr < ksyms_table[0].addr || addr >= (uint32_t)__text_end)
		return NULL;
	/* Binary search for the last symbol at or below ADDR. */
	uint32_t lo = 0, hi = ksyms_count;
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (ksyms_table[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	*offset = addr - ksyms_table[lo].addr;
	return ksyms_names + ksyms_table[lo].name;
}
