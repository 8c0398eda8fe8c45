/*
 * kmain: bring the machine up in dependency order, then either run the
 * test suite (command line "test" or "test=PATTERN") or start the console.
 *
 * Order matters: the console first (so everything after can report), then
 * the boot information (before any allocator can reuse its memory), traps,
 * memory, and only then the timer and interrupts.
 */
#include "kernel/console.h"
#include "kernel/kheap.h"
#include "kernel/kprintf.h"
#include "kernel/ktest.h"
#include "kernel/monitor.h"
#include "kernel/multiboot.h"
#include "kernel/panic.h"
#include "kernel/pic.h"
#include "kernel/pit.h"
#include "kernel/pmm.h"
#include "kernel/power.h"
#include "kernel/serial.h"
#include "kernel/trap.h"
#include "kernel/vm.h"
#include "kernel/x86.h"

#define TALOS_VERSION "0.1"

static void log_boot_info(void)
{
	kprintf("boot: loader \"%s\", command line \"%s\"\n",
		boot_info.loader[0] ? boot_info.loader : "?", boot_info.cmdline);
	for (int i = 0; i < boot_info.nregions; i++) {
		const struct mb_region *r = &boot_info.regions[i];
		kprintf("boot: memory %08llx-%08llx %s\n", r->base, r->base + r->len - 1,
			r->available ? "available" : "reserved");
	}
	for (int i = 0; i < boot_info.nmodules; i++) {
		const struct mb_module *m = &boot_info.modules[i];
		kprintf("boot: module %08x-%08x %s\n", m->start, m->end, m->name);
	}
}

void kmain(uint32_t magic, uint32_t info)
{
	console_init();
	kprintf("TalOS %s booting (i386)\n", TALOS_VERSION);
	if (!multiboot_parse(magic, info))
		PANIC("not started by a multiboot loader (eax=%08x)", magic);
	log_boot_info();

	idt_init();
	pic_init();
	pmm_init();
	vm_init();
	kprintf("mem: %u KiB managed, %u KiB free, paging on\n",
		pmm_total_pages() * 4, pmm_free_pages() * 4);
	pit_init();
	serial_enable_rx_irq();
	sti();
	kprintf("timer: PIT at %u Hz\n", PARAM_HZ);

	char pattern[PARAM_CMDLINE_MAX];
	if (cmdline_get("test", pattern, sizeof(pattern))) {
		ktest_run(pattern[0] ? pattern : "*");
		kprintf("KT exit done\n");
		power_exit(EXIT_SUITE_DONE);
	}
	monitor_run();
}
