/*
 * Multiboot information parser and command-line lookup.
 *
 * Every pointer in the loader's structures is physical; physical memory is
 * identity-mapped before and after paging is enabled, so it reads directly.
 * Counts are clamped to our tables, and strings are copied with bounds.
 */
#include "kernel/multiboot.h"
#include "kernel/string.h"

/* The Multiboot v1 information structure (only the fields TalOS reads). */
struct mb_raw {
	uint32_t flags;
	uint32_t mem_lower, mem_upper;           /* flags bit 0 */
	uint32_t boot_device;                    /* bit 1 */
	uint32_t cmdline;                        /* bit 2 */
	uint32_t mods_count, mods_addr;          /* bit 3 */
	uint32_t syms[4];                        /* bits 4/5 */
	uint32_t mmap_length, mmap_addr;         /* bit 6 */
	uint32_t drives_length, drives_addr;     /* bit 7 */
	uint32_t config_table;                   /* bit 8 */
	uint32_t boot_loader_name;               /* bit 9 */
};

struct mb_raw_mod {
	uint32_t start, end, string, reserved;
};

struct mb_raw_mmap {
	uint32_t size;                           /* of the rest of this entry */
	uint64_t base, len;
	uint32_t type;
} __attribute__((packed));

#define MBF_MEM     (1u << 0)
#define MBF_CMDLINE (1u << 2)
#define MBF_MODS    (1u << 3)
#define MBF_MMAP    (1u << 6)
#define MBF_LOADER  (1u << 9)
#define MMAP_AVAILABLE 1

struct mb_info boot_info;

static void copy_string(char *dst, size_t n, uint32_t src)
{
	if (src == 0) {
		dst[0] = '\0';
		return;
	}
	strlcpy(dst, (const char *)src, n);
}

static void parse_mmap(const struct mb_raw *mb)
{
	uint32_t p = mb->mmap_addr, end = mb->mmap_addr + mb->mmap_length;
	while (p + sizeof(struct mb_raw_mmap) <= end && boot_info.nregions < MB_MAX_REGIONS) {
		const struct mb_raw_mmap *e = (const struct mb_raw_mmap *)p;
		struct mb_region *r = &boot_info.regions[boot_info.nregions++];
		r->base = e->base;
		r->len = e->len;
		r->available = e->type == MMAP_AVAILABLE;
		p += e->size + sizeof(e->size);
	}
}

bool multiboot_parse(uint32_t magic, uint32_t info)
{
	memset(&boot_info, 0, sizeof(boot_info));
	if (magic != MULTIBOOT_BOOT_MAGIC)
		return false;
	const struct mb_raw *mb = (const struct mb_raw *)info;

	if (mb->flags & MBF_MEM) {
		boot_info.mem_lower_kb = mb->mem_lower;
		boot_info.mem_upper_kb = mb->mem_upper;
	}
	if (mb->flags & MBF_CMDLINE)
		copy_string(boot_info.cmdline, sizeof(boot_info.cmdline), mb->cmdline);
	if (mb->flags & MBF_LOADER)
		copy_string(boot_info.loader, sizeof(boot_info.loader), mb->boot_loader_name);
	if (mb->flags & MBF_MMAP)
		parse_mmap(mb);
	if (mb->flags & MBF_MODS) {
		const struct mb_raw_mod *m = (const struct mb_raw_mod *)mb->mods_addr;
		for (uint32_t i = 0; i < mb->mods_count && i < PARAM_MAX_MODULES; i++) {
			struct mb_module *dst = &boot_info.modules[boot_info.nmodules++];
			dst->start = m[i].start;
			dst->end = m[i].end;
			copy_string(dst->name, sizeof(dst->name), m[i].string);
		}
	}
	return true;
}

/*
 * The command line is the kernel path (GRUB) or empty (QEMU -kernel puts the
 * path first too), then space-separated words "key" or "key=value".
 */
bool cmdline_get(const char *key, char *val, size_t n)
{
	size_t klen = strlen(key);
	const char *p = boot_info.cmdline;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *word = p;
		while (*p && *p != ' ')
			p++;
		size_t wlen = (size_t)(p - word);
		if (wlen < klen || memcmp(word, key, klen) != 0)
			continue;
		if (wlen == klen) {
			if (n > 0)
				val[0] = '\0';
			return true;
		}
		if (word[klen] == '=') {
			size_t vlen = wlen - klen - 1;
			if (n > 0) {
				if (vlen >= n)
					vlen = n - 1;
				memcpy(val, word + klen + 1, vlen);
				val[vlen] = '\0';
			}
			return true;
		}
	}
	return false;
}
