/*
 * Kernel plugins: the SafeX runtime's second isolation mode, native code
 * isolated by the processor instead of by types (docs/plugins.md).
 *
 * A plugin is a GCC-compiled ELF32 relocatable object (talos/plugin.h),
 * loaded by the same ext_load into a struct ext whose `plugin` is set, and
 * invoked by the same ext_run: its exports' entry is plugin_enter (in
 * ext/plugin_entry.asm), which enters ring 1 at the export's offset. The
 * invariant: ring-1 code can reach no memory but its own region, no ports
 * and no instruction that changes machine state, and every way out of ring
 * 1 (its return, a gate, a trap) lands in the runtime. The memory part
 * holds only where the processor enforces segment limits (see plugin_init).
 *
 * The plugin's region (one kmalloc block) is the base of all three of its
 * segments; offsets below are what the plugin sees as addresses:
 *
 *   0            +------------------------+  stack segment: [0, stacks)
 *                | stack of run slot 0    |  PARAM_PLUGIN_STACK bytes each;
 *                | ...  slot RUNS-1       |  a run starts at its slot's top
 *   stacks       +------------------------+  code segment: [0, code_end)
 *                | return stub, then one  |  16 bytes each: lcall to a gate
 *                | stub per import        |
 *                | executable sections    |  .text
 *   code_end     +------------------------+
 *                | other sections         |  .rodata, .plugin.*, .data, .bss
 *   size         +------------------------+  data segment: [0, size)
 *
 * The GDT holds one code, data and stack descriptor for plugins
 * (kernel/gdt.h), rewritten for the plugin a task runs whenever it enters
 * ring 1 or is switched to while in ring 1, so no plugin can name another's
 * segments. While a task runs in ring 1 the user segments (DPL 3, flat, so
 * loadable from ring 1) are marked not present, and CR0.TS is set so that
 * any FPU instruction traps; ring 1 has IOPL 0, the TSS no I/O bitmap, and
 * the LDT register is null.
 *
 * Ring 1 is entered by iret onto the run's own ring-1 stack; traps and the
 * gates switch to ring 0 on the stack in TSS.esp0, which the run sets to
 * just below plugin_enter's frame on its task's kernel stack (so nothing
 * above is overwritten) and the switch hook restores for a task preempted
 * in ring 1. TSS.ss1/esp1 are never used: no gate leads into ring 1.
 */
#ifndef EXT_PLUGIN_H
#define EXT_PLUGIN_H

#include "kernel/kdefs.h"
#include "talos/param.h"

struct ext;
struct ext_iface;
struct ext_invocation;
struct trapframe;

#define PLUGIN_RPL 1                  /* the ring plugins run in */
#define PLUGIN_STUB_BYTES 16          /* size of the return stub and of each import stub */
#define PLUGIN_IMPORTS_MAX 16         /* distinct interfaces one plugin may import */

struct plugin {
	uint8_t *region;                /* the segments' base (kmalloc) */
	uint32_t size;                  /* bytes: the data segment's limit + 1 */
	uint32_t stacks;                /* bytes of run stacks: the stack segment's limit + 1 */
	uint32_t code_end;              /* the code segment's limit + 1 */
	uint32_t return_stub;           /* offset a plugin function returns to */
	uint32_t slots_busy;            /* bit i: run slot i's stack is in use */
	int nimports;
	const struct ext_iface *imports[PLUGIN_IMPORTS_MAX];  /* stub i calls imports[i] */
	uint64_t code_desc, data_desc, stack_desc;  /* its GDT descriptors */
};

/* Does OBJ (LEN bytes) claim to be a plugin (an ELF file) rather than a TAL object? */
bool plugin_is_object(const uint8_t *obj, uint32_t len);

/*
 * Link the plugin OBJ into E (fresh from ext_load): lay out its sections,
 * patch its relocations, bind its imports to the kernel interfaces of the
 * same names, publish its exports. Returns 0, or -EREJECT (a malformed
 * object) / -ELINK (an unknown import or export) / -ENOMEM with a one-line
 * reason in MSG naming the section, symbol or relocation. Leaves nothing
 * allocated behind on failure except what E's destructor frees.
 */
int plugin_load(struct ext *e, const uint8_t *obj, uint32_t len, char *msg, uint32_t msglen);

/* Free P (from E's destructor: no run can be under way). */
void plugin_free(struct plugin *p);

/*
 * Install the plugin traps and the switch hook (from ext_init), and probe
 * whether the processor enforces segment limits: QEMU's TCG does not, so
 * under it a plugin could reach any memory through its segments. There
 * plugins are refused, unless the kernel was booted with plugins=unisolated
 * or plugin_allow_unisolated was called (benchmarks, tests of well-behaved
 * plugins).
 */
void plugin_init(void);

/* Are plugins isolated here (the processor enforces segment limits)? */
bool plugin_isolated(void);

/* Load plugins even where they cannot be isolated (ALLOW), or not. */
void plugin_allow_unisolated(bool allow);

/* May a plugin be loaded now: isolated, or allowed unisolated? */
bool plugin_may_load(void);

/*
 * Called by ext_aborted for a plugin's invocation: leave ring-1 state if
 * the run had entered it. Returns 0, or -EBUSY if the run never started
 * (every stack slot was taken by preempted runs of the same plugin).
 */
int plugin_aborted(struct ext_invocation *inv);

/* Make trap frame TF, taken in ring 1, return to ring-0 kernel code. */
void plugin_frame_to_kernel(struct trapframe *tf);

/* The entry of every plugin export (ext/plugin_entry.asm), called by ext_run. */
int plugin_enter(void);

#endif /* EXT_PLUGIN_H */
