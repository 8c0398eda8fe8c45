/*
 * What the boot loader told us, copied out of the Multiboot (v1) information
 * structure early in boot, so nothing later depends on where the loader put
 * it: the memory map, the command line, and the modules (the initrd).
 */
#ifndef KERNEL_MULTIBOOT_H
#define KERNEL_MULTIBOOT_H

#include "kernel/kdefs.h"
#include "talos/param.h"

#define MULTIBOOT_BOOT_MAGIC 0x2BADB002u
#define MB_MAX_REGIONS 32

/* One range of the physical memory map. */
struct mb_region {
	uint64_t base;
	uint64_t len;
	bool available;      /* usable RAM (type 1) */
};

/* One module loaded by the boot loader. */
struct mb_module {
	uint32_t start;      /* physical address of the first byte */
	uint32_t end;        /* one past the last byte */
	char name[64];       /* the module's string (usually its path) */
};

struct mb_info {
	uint32_t mem_lower_kb, mem_upper_kb;  /* from the basic memory fields */
	int nregions;
	struct mb_region regions[MB_MAX_REGIONS];
	int nmodules;
	struct mb_module modules[PARAM_MAX_MODULES];
	char cmdline[PARAM_CMDLINE_MAX];
	char loader[32];     /* boot loader name, if given */
};

extern struct mb_info boot_info;

/*
 * Copy the loader's information at physical address INFO into boot_info.
 * Returns false (with boot_info empty) if MAGIC is not the multiboot magic.
 */
bool multiboot_parse(uint32_t magic, uint32_t info);

/* Value of KEY in the command line ("key=value" words, or "key" alone = ""),
 * copied into VAL (size N); returns false when KEY is absent. */
bool cmdline_get(const char *key, char *val, size_t n);

#endif /* KERNEL_MULTIBOOT_H */
