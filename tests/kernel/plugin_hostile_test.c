/*
 * Hostile kernel plugins (tests/kernel/plugins/phostile.c): reads and
 * writes outside the segments, segment register loads, far jumps, calls
 * and returns, privileged and I/O instructions, stack overflow, and
 * infinite loops with interrupts "disabled". Each run must end with the
 * abort the processor's fault implies (the vector is asserted), the
 * kernel's memory untouched, the user segments present again, the plugin
 * still usable afterwards, and every heap byte back once it is unloaded.
 *
 * The attacks that only segment limits stop (reads, writes and pushes
 * beyond them) run only where the processor enforces limits: Bochs
 * (make test-bochs) and hardware, not QEMU's TCG, where plugins are refused
 * instead (checked here too). The others rest on privilege checks, which
 * every emulator makes, and run everywhere.
 */
#include "tests/kernel/ext_objs.h"
#include "ext/plugin.h"
#include "kernel/gdt.h"
#include "kernel/kheap.h"
#include "kernel/kprintf.h"
#include "kernel/ktest.h"
#include "kernel/string.h"
#include "kernel/trap.h"
#include "kernel/x86.h"
#include "talos/errno.h"
#include "talos/plugin.h"

PLUGIN_OBJ(phostile);

#define T_NP   11   /* segment not present */
#define T_SS   12   /* stack-segment fault */
#define T_NM    7   /* FPU instruction with CR0.TS */

extern uint64_t gdt_table[];
static volatile uint32_t canary = 0xC0FFEE;

static struct ext_call run(struct ext *e, const char *name, int nargs, uint32_t a0, uint32_t a1,
			   uint32_t a2, int reservation)
{
	const struct ext_export *x = ext_find_export(e, name);
	if (!x)
		KT_FAIL("no export %s", name);
	uint32_t args[3] = { a0, a1, a2 };
	struct ext_call c;
	memset(&c, 0, sizeof(c));
	int err = ext_invoke(e, x, args, nargs, reservation, &c);
	if (err)
		KT_FAIL("ext_invoke(%s): %d", name, err);
	/* Whatever happened, ring 0 is back to normal. */
	KT_EXPECT(gdt_table[SEG_UCODE / 8] & (1ull << 47));
	KT_EXPECT(gdt_table[SEG_UDATA / 8] & (1ull << 47));
	KT_EXPECT_EQ(gdt_kernel_stack(), sched_stack_top(sched_current()));
	KT_EXPECT(read_eflags() & EFLAGS_IF);
	return c;
}

/* Run NAME and expect it aborted by a fault of VECTOR. */
static void expect_fault(struct ext *e, const char *name, int nargs, uint32_t a0, uint32_t a1,
			 uint32_t a2, int vector)
{
	struct ext_call c = run(e, name, nargs, a0, a1, a2, 10);
	if (c.status != EXT_ABORT_FAULT || c.fault_vector != vector)
		KT_FAIL("%s(%x, %x, %x): status %d vector %d result %d; expected a fault of vector %d",
			name, a0, a1, a2, c.status, c.fault_vector, c.result, vector);
}

static char msg[512];
static struct kheap_stats heap_before;

/* Unload E and check that the heap holds exactly what it held before the load. */
static void unload_and_check(struct ext *e)
{
	kobj_put(&e->obj);
	struct kheap_stats after;
	kheap_get_stats(&after);
	KT_EXPECT_EQ(after.used_bytes, heap_before.used_bytes);
	KT_EXPECT_EQ(after.used_blocks, heap_before.used_blocks);
}

/*
 * Where limits are enforced: load the hostile plugin. Where not: check that
 * it is refused (nothing else may run) and return NULL.
 */
static struct ext *load_if_isolated(void)
{
	kheap_get_stats(&heap_before);
	plugin_allow_unisolated(false);
	struct ext *e = NULL;
	int err = ext_load(ktest_plugin_phostile,
			   (uint32_t)(ktest_plugin_phostile_end - ktest_plugin_phostile), "phostile", &e,
			   msg, sizeof(msg));
	if (plugin_isolated()) {
		if (err)
			KT_FAIL("load: %d: %s", err, msg);
		return e;
	}
	KT_EXPECT_EQ(err, -EREJECT);
	kprintf("note: segment limits are not enforced here; limit attacks run under Bochs\n");
	return NULL;
}

/* Load the hostile plugin for the attacks privilege checks stop (any emulator). */
static struct ext *load_hostile(void)
{
	kheap_get_stats(&heap_before);
	plugin_allow_unisolated(true);
	struct ext *e = NULL;
	int err = ext_load(ktest_plugin_phostile,
			   (uint32_t)(ktest_plugin_phostile_end - ktest_plugin_phostile), "phostile", &e,
			   msg, sizeof(msg));
	if (err)
		KT_FAIL("load: %d: %s", err, msg);
	return e;
}

KTEST(plugin_hostile, memory_outside_the_segments)
{
	struct ext *e = load_if_isolated();
	if (!e)
		return;
	struct plugin *p = e->plugin;
	uint32_t size = p->size;
	/* The last word of the data segment is the plugin's; one byte further is not. */
	KT_EXPECT_EQ(run(e, "peek", 1, size - 4, 0, 0, 10).status, EXT_OK);
	expect_fault(e, "peek", 1, size - 3, 0, 0, T_GPFLT);
	expect_fault(e, "peek", 1, size, 0, 0, T_GPFLT);
	/* The kernel's canary, wherever its offset from the plugin's base falls. */
	uint32_t off = (uint32_t)&canary - (uint32_t)p->region;
	expect_fault(e, "peek", 1, off, 0, 0, T_GPFLT);
	expect_fault(e, "poke", 2, off, 0xBAD, 0, T_GPFLT);
	expect_fault(e, "poke", 2, 0xFFFFFFFC, 0xBAD, 0, T_GPFLT);
	expect_fault(e, "poke", 2, 0x00100000, 0xBAD, 0, T_GPFLT);   /* the kernel's own address */
	KT_EXPECT_EQ(canary, 0xC0FFEEu);
	/* The stack segment covers the run stacks only. */
	KT_EXPECT_EQ(run(e, "stack_peek", 1, p->stacks - 4, 0, 0, 10).status, EXT_OK);
	expect_fault(e, "stack_peek", 1, p->stacks, 0, 0, T_SS);
	expect_fault(e, "stack_peek", 1, off, 0, 0, T_SS);
	KT_EXPECT_EQ(e->stats.faults, 8u);
	unload_and_check(e);
}

KTEST(plugin_hostile, segment_register_loads)
{
	struct ext *e = load_hostile();
	/* Its own data segment is fine, in any data register. */
	KT_EXPECT_EQ(run(e, "load_seg", 2, 0, PLUGIN_SEL_DATA, 0, 10).result, 1234);
	KT_EXPECT_EQ(run(e, "load_seg", 2, 4, PLUGIN_SEL_STACK, 0, 10).result, 1);
	expect_fault(e, "load_seg", 2, 0, SEG_KDATA, 0, T_GPFLT);
	expect_fault(e, "load_seg", 2, 1, SEG_KDATA | 1, 0, T_GPFLT);
	expect_fault(e, "load_seg", 2, 0, SEG_KCODE, 0, T_GPFLT);
	expect_fault(e, "load_seg", 2, 0, SEG_TSS, 0, T_GPFLT);
	expect_fault(e, "load_seg", 2, 0, PLUGIN_SEL_GATE, 0, T_GPFLT);
	expect_fault(e, "load_seg", 2, 0, 0x1F8, 0, T_GPFLT);           /* beyond the GDT */
	/* The LDT register is null (the reset value, base 0, would read descriptors from low memory). */
	expect_fault(e, "load_seg", 2, 0, 0x4, 0, T_GPFLT);
	expect_fault(e, "load_seg", 2, 0, 0x100C, 0, T_GPFLT);
	if (plugin_isolated())                  /* QEMU's TCG lets a null segment through */
		expect_fault(e, "load_seg", 2, 0, 0, 0, T_GPFLT);       /* null, then a read */
	/* The user segments are flat and DPL 3, loadable from ring 1: not present while it runs. */
	expect_fault(e, "load_seg", 2, 0, SEG_UDATA, 0, T_NP);
	expect_fault(e, "load_seg", 2, 2, SEG_UDATA, 0, T_NP);
	expect_fault(e, "load_seg", 2, 3, SEG_UDATA, 0, T_NP);
	expect_fault(e, "load_seg", 2, 3, SEG_KDATA, 0, T_GPFLT);
	expect_fault(e, "load_seg", 2, 4, SEG_UDATA, 0, T_GPFLT);       /* ss: DPL 3 != CPL 1 */
	expect_fault(e, "load_seg", 2, 4, SEG_KDATA, 0, T_GPFLT);
	expect_fault(e, "load_seg", 2, 4, PLUGIN_SEL_CODE, 0, T_GPFLT);
	unload_and_check(e);
}

KTEST(plugin_hostile, far_jumps_calls_and_returns)
{
	struct ext *e = load_hostile();
	uint32_t kernel_code = (uint32_t)ext_find_export;
	for (uint32_t how = 0; how < 2; how++) {
		expect_fault(e, "far", 3, how, SEG_KCODE, kernel_code, T_GPFLT);
		expect_fault(e, "far", 3, how, SEG_KCODE | 1, kernel_code, T_GPFLT);
		expect_fault(e, "far", 3, how, SEG_TSS, 0, T_GPFLT);
		expect_fault(e, "far", 3, how, SEG_KDATA, 0, T_GPFLT);
		expect_fault(e, "far", 3, how, SEG_UCODE, 0x40000000, T_GPFLT);
		expect_fault(e, "far", 3, how, 0, 0, T_GPFLT);
	}
	/* Returns may not go inward (to ring 0) nor out to ring 3. */
	expect_fault(e, "far", 3, 2, SEG_KCODE, kernel_code, T_GPFLT);
	expect_fault(e, "far", 3, 3, SEG_KCODE, kernel_code, T_GPFLT);
	expect_fault(e, "far", 3, 2, SEG_UCODE, 0x40000000, T_NP);
	expect_fault(e, "far", 3, 3, SEG_UCODE, 0x40000000, T_NP);
	KT_EXPECT_EQ(run(e, "peek", 1, 0, 0, 0, 10).status, EXT_OK);
	unload_and_check(e);
}

KTEST(plugin_hostile, privileged_and_io_instructions)
{
	struct ext *e = load_hostile();
	static const int vectors[] = {
		T_GPFLT,       /* cli */
		T_GPFLT,       /* hlt */
		T_GPFLT,       /* out to QEMU's exit port */
		T_GPFLT,       /* in from the keyboard */
		T_GPFLT,       /* mov cr3 */
		T_GPFLT,       /* lgdt */
		T_GPFLT,       /* wrmsr */
		T_SYSCALL,     /* int 0x80: exit(0) */
		T_GPFLT,       /* int 0x20: the timer's vector */
		T_NM,          /* fninit */
		T_GPFLT,       /* ltr */
		T_GPFLT,       /* clts */
		T_BRKPT,       /* int3 */
		T_ILLOP,       /* ud2 */
	};
	for (uint32_t i = 0; i < ARRAY_LEN(vectors); i++)
		expect_fault(e, "privileged", 1, i, 0, 0, vectors[i]);
	/* popf cannot clear IF at IOPL 0: the timer still ends the loop, on time. */
	for (int r = 1; r <= 3; r++) {
		struct ext_call c = run(e, "popf_cli_spin", 0, 0, 0, 0, r);
		KT_EXPECT_EQ(c.status, EXT_ABORT_OVERRUN);
		KT_EXPECT_EQ(c.ticks, (unsigned)r);
	}
	KT_EXPECT_EQ(e->stats.faults, (unsigned)ARRAY_LEN(vectors));
	KT_EXPECT_EQ(e->stats.overruns, 3u);
	unload_and_check(e);
}

KTEST(plugin_hostile, stack_overflow_and_wild_stack)
{
	struct ext *e = load_if_isolated();
	if (!e)
		return;
	expect_fault(e, "push_forever", 0, 0, 0, 0, T_SS);
	expect_fault(e, "recurse", 2, 0, 1u << 30, 0, T_SS);
	expect_fault(e, "wild_esp", 1, 0x80000000u, 0, 0, T_SS);
	expect_fault(e, "wild_esp", 1, e->plugin->stacks + 4, 0, 0, T_SS);
	expect_fault(e, "wild_esp", 1, 0, 0, 0, T_SS);                  /* wraps below 0 */
	KT_EXPECT_EQ(run(e, "wild_esp", 1, 64, 0, 0, 10).status, EXT_OK);
	unload_and_check(e);
}
