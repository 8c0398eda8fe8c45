/*
 * Tests of what boot left behind: the multiboot information, the command
 * line, the GDT and the symbol table used by backtraces.
 */
#include "kernel/ksyms.h"
#include "kernel/ktest.h"
#include "kernel/multiboot.h"
#include "kernel/pmm.h"
#include "kernel/string.h"

KTEST(boot, memory_map_has_ram_above_1mib)
{
	bool found = false;
	KT_EXPECT(boot_info.nregions > 0);
	for (int i = 0; i < boot_info.nregions; i++) {
		const struct mb_region *r = &boot_info.regions[i];
		KT_EXPECT(r->len > 0);
		if (r->available && r->base <= 0x100000 && r->base + r->len > 0x200000)
			found = true;
	}
	KT_EXPECT(found);
	/* The basic memory field agrees with the map within a megabyte. */
	uint32_t upper = 0x100000 + boot_info.mem_upper_kb * 1024;
	KT_EXPECT(upper + 0x100000 >= pmm_ram_top() && upper <= pmm_ram_top() + 0x100000);
}

KTEST(boot, command_line_parsed)
{
	char val[64];
	/* This suite runs only when "test" or "test=..." is on the command line. */
	KT_EXPECT(cmdline_get("test", val, sizeof(val)));
	KT_EXPECT(!cmdline_get("no-such-option", val, sizeof(val)));
	KT_EXPECT(!cmdline_get("tes", val, sizeof(val)));     /* whole words only */
}

KTEST(boot, cmdline_values_and_truncation)
{
	char saved[PARAM_CMDLINE_MAX];
	strlcpy(saved, boot_info.cmdline, sizeof(saved));
	strlcpy(boot_info.cmdline, "/boot/kernel.elf quiet mem=64 test=pmm.*,vm.*", sizeof(boot_info.cmdline));
	char val[8];
	KT_EXPECT(cmdline_get("quiet", val, sizeof(val)));
	KT_EXPECT_STR(val, "");
	KT_EXPECT(cmdline_get("mem", val, sizeof(val)));
	KT_EXPECT_STR(val, "64");
	KT_EXPECT(cmdline_get("test", val, sizeof(val)));
	KT_EXPECT_STR(val, "pmm.*,v");                      /* cut to the buffer */
	strlcpy(boot_info.cmdline, saved, sizeof(boot_info.cmdline));
}

KTEST(boot, symbols_resolve_kernel_functions)
{
	uint32_t off;
	const char *name = ksyms_lookup((uint32_t)cmdline_get + 3, &off);
	KT_EXPECT(name != NULL);
	KT_EXPECT_STR(name, "cmdline_get");
	KT_EXPECT_EQ(off, 3);
	KT_EXPECT(ksyms_lookup(0x10, &off) == NULL);
}

KTEST(boot, gdt_segments_loaded)
{
	uint16_t cs, ds, ss;
	__asm__ volatile("mov %%cs, %0; mov %%ds, %1; mov %%ss, %2" : "=r"(cs), "=r"(ds), "=r"(ss));
	KT_EXPECT_EQ(cs, 0x08);
	KT_EXPECT_EQ(ds, 0x10);
	KT_EXPECT_EQ(ss, 0x10);
}
