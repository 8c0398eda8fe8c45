/*
 * kmain: bring the machine up in dependency order, then run the in-kernel
 * test suite (command line "test" or "test=PATTERN"), or the in-kernel
 * benchmarks ("bench" or "bench=PATTERN"), or start the first user process
 * ("init=PATH", default /bin/init; "initarg=WORD" gives it one argument).
 *
 * Order matters: the console first (so everything after can report), then
 * the boot information (before any allocator can reuse its memory), traps,
 * memory, and only then the timer and interrupts. The boot context ends as
 * the idle task.
 */
#include "ext/dion.h"
#include "ext/ext.h"
#include "kernel/console.h"
#include "kernel/file.h"
#include "kernel/fpu.h"
#include "kernel/gdt.h"
#include "kernel/kbd.h"
#include "kernel/kbench.h"
#include "kernel/kheap.h"
#include "kernel/kprintf.h"
#include "kernel/ktest.h"
#include "kernel/multiboot.h"
#include "kernel/panic.h"
#include "kernel/pic.h"
#include "kernel/pit.h"
#include "kernel/pmm.h"
#include "kernel/power.h"
#include "kernel/proc.h"
#include "kernel/ramfs.h"
#include "kernel/serial.h"
#include "kernel/syscall.h"
#include "kernel/trap.h"
#include "kernel/vm.h"
#include "kernel/x86.h"
#include "sched/sched.h"

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

/* The test suite runs in a kernel thread, so tests may sleep and block. */
static void run_tests(void *pattern)
{
	ktest_run(pattern);
	kprintf("KT exit done\n");
	power_exit(EXIT_SUITE_DONE);
}

static void run_benchmarks(void *pattern)
{
	kbench_run(pattern);
}

/* The initrd is the first boot module; without one the ramfs starts empty. */
static void mount_initrd(void)
{
	if (boot_info.nmodules == 0) {
		kprintf("ramfs: no initrd module: starting empty\n");
		ramfs_init(NULL, 0);
		return;
	}
	const struct mb_module *m = &boot_info.modules[0];
	if (ramfs_init((const void *)m->start, m->end - m->start) != 0)
		kprintf("ramfs: initrd %s rejected: starting empty\n", m->name);
}

/* Start the first user process: PATH from "init=", argv[1] from "initarg=". */
static void start_init(void)
{
	char path[PATH_MAX_LEN] = "/bin/init";
	cmdline_get("init", path, sizeof(path));
	struct file *console = file_console();
	if (!console)
		PANIC("out of memory for the console file");
	struct file *fds[3] = { console, console, console };
	char arg[PATH_MAX_LEN];
	char *argv[] = { path, NULL, NULL };
	if (cmdline_get("initarg", arg, sizeof(arg)))
		argv[1] = arg;
	/* This is the idle task, which a tick may switch away from at any point:
	 * with interrupts off, init runs only once its line is printed. */
	bool was = irq_save();
	int pid = proc_spawn(path, argv[1] ? 2 : 1, argv, NULL, fds);
	file_close(console);
	if (pid < 0)
		PANIC("cannot start %s: error %d", path, -pid);
	kprintf("init: %s started as pid %d\n", path, pid);
	irq_restore(was);
}

void kmain(uint32_t magic, uint32_t info)
{
	uint64_t entry_tsc = rdtsc();
	console_init();
	kprintf("TalOS %s booting (i386)\n", TALOS_VERSION);
	kprintf("boot: kmain entered at tsc %llu\n", entry_tsc);
	if (!multiboot_parse(magic, info))
		PANIC("not started by a multiboot loader (eax=%08x)", magic);
	log_boot_info();

	idt_init();
	fpu_init();
	pic_init();
	pmm_init();
	vm_init();
	kprintf("mem: %u KiB managed, %u KiB free, paging on\n",
		pmm_total_pages() * 4, pmm_free_pages() * 4);
	gdt_init_tss();
	pit_init();
	sched_init();
	proc_init();
	syscall_init();
	ext_init();
	dion_init();
	serial_enable_rx_irq();
	kbd_init();
	mount_initrd();
	sti();
	kprintf("timer: PIT at %u Hz, scheduler on\n", PARAM_HZ);

	static char pattern[PARAM_CMDLINE_MAX];
	if (cmdline_get("test", pattern, sizeof(pattern))) {
		if (!sched_kthread("ktest", run_tests, pattern[0] ? pattern : "*"))
			PANIC("out of memory for the test thread");
	} else if (cmdline_get("bench", pattern, sizeof(pattern))) {
		if (!sched_kthread("kbench", run_benchmarks, pattern[0] ? pattern : "*"))
			PANIC("out of memory for the benchmark thread");
	} else {
		start_init();
	}
	sched_idle();
}
