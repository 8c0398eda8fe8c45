/*
 * Loading ELF32 executables into a user address space.
 *
 * Accepted: ELF32, little-endian, i386, ET_EXEC, with PT_LOAD segments that
 * lie inside [USER_BASE, USER_STACK_TOP - USER_STACK_SIZE) and inside the
 * file. Segments without PF_W are mapped read-only. Anything else is
 * rejected with -ENOEXEC and nothing is left mapped by the failed load's
 * caller once it frees the address space.
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include "kernel/kdefs.h"

struct elf_image {
	uint32_t entry;    /* first instruction */
	uint32_t end;      /* one past the highest loaded byte: the initial program break */
	uint32_t pages;    /* pages mapped */
};

/*
 * Map and fill the segments of the executable DATA (SIZE bytes) into PD.
 * Returns 0, -ENOEXEC for a malformed or foreign file, -ENOMEM.
 */
int elf_load(uint32_t *pd, const uint8_t *data, uint32_t size, struct elf_image *out);

#endif /* KERNEL_ELF_H */
