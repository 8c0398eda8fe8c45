/*
 * Running kernel plugins (contract in ext/plugin.h): the ring-1 state a
 * run sets up and takes down, the interface gate's checks, and what traps
 * and task switches do to a run in ring 1. The invariant kept here: while
 * the current task runs a plugin in ring 1, the GDT's plugin segments are
 * that plugin's, the user segments are not present, TSS.esp0 is the run's
 * place on the task's kernel stack and CR0.TS is set; at every other time
 * the user segments are present and TSS.esp0 is what the scheduler set.
 */
#include "ext/plugin.h"
#include "ext/ext.h"
#include "ext/iface.h"
#include "kernel/fpu.h"
#include "kernel/gdt.h"
#include "kernel/kheap.h"
#include "kernel/kprintf.h"
#include "kernel/multiboot.h"
#include "kernel/string.h"
#include "kernel/trap.h"
#include "kernel/x86.h"
#include "sched/sched.h"
#include "talos/errno.h"
#include "talos/objects.h"
#include "talos/plugin.h"

/* In ext/plugin_entry.asm, which reads these fields at fixed offsets. */
void plugin_gate(void);
void plugin_return(void);
int plugin_probe_limit(void);
void plugin_probe_read(void);
void plugin_probe_faulted(void);
_Static_assert(offsetof(struct ext_invocation, export) == 52, "plugin_entry.asm INV_EXPORT");
_Static_assert(offsetof(struct ext_invocation, ring0_esp) == 56, "plugin_entry.asm INV_RING0_ESP");
_Static_assert(offsetof(struct ext_export, plugin_eip) == 36, "plugin_entry.asm X_PLUGIN_EIP");
_Static_assert(offsetof(struct task, ext_inv) == 8, "plugin_entry.asm TASK_EXT_INV");
_Static_assert((SEG_PLUGIN_GATE | PLUGIN_RPL) == PLUGIN_SEL_GATE, "talos/plugin.h selectors");
_Static_assert((SEG_PLUGIN_RET | PLUGIN_RPL) == PLUGIN_SEL_RET, "talos/plugin.h selectors");
_Static_assert((SEG_PLUGIN_CODE | PLUGIN_RPL) == PLUGIN_SEL_CODE, "talos/plugin.h selectors");
_Static_assert((SEG_PLUGIN_DATA | PLUGIN_RPL) == PLUGIN_SEL_DATA, "talos/plugin.h selectors");
_Static_assert((SEG_PLUGIN_STACK | PLUGIN_RPL) == PLUGIN_SEL_STACK, "talos/plugin.h selectors");
_Static_assert(PARAM_PLUGIN_RUNS <= 32, "slots_busy is a 32-bit mask");

#define T_DEVICE 7              /* #NM: an FPU instruction with CR0.TS set */
#define GATE_ARGS_MAX 2         /* arguments the gate passes on (the widest interface) */

static trap_handler_fn *next_syscall, *next_device, *next_debug;
static struct plugin *installed;   /* whose segments are in the GDT */
static bool user_hidden;           /* the user segments are marked not present */
static bool limits_checked;        /* the processor enforces segment limits */
static bool unisolated_ok;         /* load plugins even if it does not */

/* Give the CPU P's segments, hide the user segments, take traps at ESP0. */
static void ring1_state(struct plugin *p, uint32_t esp0)
{
	if (installed != p) {
		gdt_set_descriptor(SEG_PLUGIN_CODE, p->code_desc);
		gdt_set_descriptor(SEG_PLUGIN_DATA, p->data_desc);
		gdt_set_descriptor(SEG_PLUGIN_STACK, p->stack_desc);
		installed = p;
	}
	if (!user_hidden) {
		gdt_set_present(SEG_UCODE, false);
		gdt_set_present(SEG_UDATA, false);
		user_hidden = true;
	}
	gdt_set_kernel_stack(esp0);
}

static void user_segments_back(void)
{
	if (user_hidden) {
		gdt_set_present(SEG_UCODE, true);
		gdt_set_present(SEG_UDATA, true);
		user_hidden = false;
	}
}

/* The index E's plugin sees for capability O (E holds every capability it was given). */
static uint32_t cap_index(const struct ext *e, const struct kobj *o)
{
	for (int i = 0; i < e->nheld; i++)
		if (e->held[i] == o)
			return (uint32_t)i;
	return ~0u;
}

/*
 * Called by plugin_enter (interrupts on, not preemptible: ring 0) for INV,
 * whose ring0_esp it has set, with ARGS the export's arguments: take a
 * stack slot, push the arguments (capabilities as indices) and the return
 * stub's offset on it, and set up the ring-1 state. Returns the ring-1
 * stack pointer, or 0 when every slot is in use.
 */
uint32_t plugin_begin(struct ext_invocation *inv, const uint32_t *args)
{
	struct ext *e = inv->ext;
	struct plugin *p = e->plugin;
	int slot = 0;
	while (slot < PARAM_PLUGIN_RUNS && (p->slots_busy & (1u << slot)))
		slot++;
	if (slot == PARAM_PLUGIN_RUNS)
		return 0;
	p->slots_busy |= 1u << slot;
	inv->plugin_slot = slot;
	uint32_t esp = (uint32_t)(slot + 1) * PARAM_PLUGIN_STACK;
	const struct ext_export *x = inv->export;
	for (int i = x->nargs - 1; i >= 0; i--) {
		uint32_t v = x->cap_kind[i] ? cap_index(e, (const struct kobj *)args[i]) : args[i];
		esp -= 4;
		memcpy(p->region + esp, &v, 4);
	}
	esp -= 4;
	memcpy(p->region + esp, &p->return_stub, 4);
	inv->saved_esp0 = gdt_kernel_stack();
	ring1_state(p, inv->ring0_esp);
	fpu_switched();                     /* CR0.TS: the plugin's FPU instructions trap */
	inv->plugin_live = true;
	return esp;
}

/* Called by plugin_return and on an abort: give the slot back, undo the ring-1 state. */
void plugin_end(struct ext_invocation *inv)
{
	inv->ext->plugin->slots_busy &= ~(1u << inv->plugin_slot);
	inv->plugin_live = false;
	user_segments_back();
	gdt_set_kernel_stack(inv->saved_esp0);
}

int plugin_aborted(struct ext_invocation *inv)
{
	if (!inv->plugin_live)
		return -EBUSY;
	/* Aborted from a gate: fs and gs may still hold the plugin's selectors. */
	__asm__ volatile("mov %w0, %%fs\n\tmov %w0, %%gs" : : "r"(SEG_KDATA));
	plugin_end(inv);
	return 0;
}

/*
 * The interface gate's C half, called by plugin_gate with the stub's
 * interface number INDEX and the plugin's stack pointer PESP (pointing at
 * the stub's return address, the arguments above it). Every argument is
 * checked before the interface runs: a bad number is -ENOSYS, arguments
 * outside the stack segment or a name outside the data segment -EFAULT, a
 * capability index the plugin does not hold (or of the wrong kind) -EBADF.
 */
int plugin_iface(uint32_t index, uint32_t pesp)
{
	struct ext *e = sched_running->ext_inv->ext;
	struct plugin *p = e->plugin;
	if (index >= (uint32_t)p->nimports)
		return ext_iface_return(-ENOSYS);
	const struct ext_iface *k = p->imports[index];
	uint32_t n = strlen(k->args), a[GATE_ARGS_MAX] = { 0, 0 };
	if (pesp > p->stacks || p->stacks - pesp < 4 * (n + 1))
		return ext_iface_return(-EFAULT);
	for (uint32_t i = 0; i < n; i++) {
		uint32_t v;
		memcpy(&v, p->region + pesp + 4 * (i + 1), 4);
		if (k->args[i] == 't') {
			if (v >= (uint32_t)e->nheld || e->held[v]->kind != OBJ_TASK)
				return ext_iface_return(-EBADF);
			v = (uint32_t)e->held[v];
		} else if (k->args[i] == 'n') {
			if (v > p->size - EXT_NAME_LEN)
				return ext_iface_return(-EFAULT);
			v += (uint32_t)p->region;
		}
		a[i] = v;
	}
	switch (n) {
	case 0:
		return ((int (*)(void))k->fn)();
	case 1:
		return ((int (*)(uint32_t))k->fn)(a[0]);
	default:
		return ((int (*)(uint32_t, uint32_t))k->fn)(a[0], a[1]);
	}
}

void plugin_frame_to_kernel(struct trapframe *tf)
{
	tf->cs = SEG_KCODE;
	tf->ds = tf->es = tf->fs = tf->gs = SEG_KDATA;
	tf->eflags = EFLAGS_IF | 0x2;       /* none of the plugin's flags (TF, NT, DF) */
}

/* int 0x80 is open to ring 3, hence to ring 1: a plugin making a system call is aborted. */
static void plugin_syscall(struct trapframe *tf)
{
	if ((tf->cs & 3) == PLUGIN_RPL)
		ext_abort_trap(tf, EXT_ABORT_FAULT);
	else
		next_syscall(tf);
}

/* An FPU instruction in ring 1 (CR0.TS is set for every run) aborts the run. */
static void plugin_device(struct trapframe *tf)
{
	if ((tf->cs & 3) == PLUGIN_RPL)
		ext_abort_trap(tf, EXT_ABORT_FAULT);
	else
		next_device(tf);
}

/*
 * A plugin that sets the trap flag and calls a gate single-steps into the
 * gate's first instruction, in ring 0: abort the run there.
 */
static void plugin_debug(struct trapframe *tf)
{
	struct ext_invocation *inv = sched_running->ext_inv;
	if ((tf->cs & 3) == 0 && inv && inv->ext->plugin && inv->plugin_live &&
	    (tf->eip == (uint32_t)plugin_gate || tf->eip == (uint32_t)plugin_return)) {
		plugin_frame_to_kernel(tf);
		ext_abort_trap(tf, EXT_ABORT_FAULT);
	} else {
		next_debug(tf);
	}
}

/* A task switched to while it runs a plugin in ring 1 gets that plugin's state back. */
static void plugin_switch(struct task *next)
{
	struct ext_invocation *inv = next->ext_inv;
	if (inv && inv->ext->plugin && inv->plugin_live)
		ring1_state(inv->ext->plugin, inv->ring0_esp);
	else
		user_segments_back();
}

/* A 32-bit call gate of DPL 1 to kernel code at OFFSET, no parameters copied. */
static uint64_t call_gate(uint32_t offset)
{
	return (offset & 0xFFFF) | ((uint64_t)SEG_KCODE << 16) | (0xACull << 40) |
	       ((uint64_t)(offset >> 16) << 48);
}

/* The probe's #GP: resume after the read that should have faulted. */
static void probe_trap(struct trapframe *tf)
{
	if (tf->eip == (uint32_t)plugin_probe_read)
		tf->eip = (uint32_t)plugin_probe_faulted;
	else
		trap_unhandled(tf);
}

/* Does the processor raise #GP for a read beyond a data segment's limit? */
static bool probe_limits(void)
{
	static uint8_t probe_bytes[16];
	trap_handler_fn *prev = trap_set_handler(T_GPFLT, probe_trap);
	gdt_set_descriptor(SEG_PLUGIN_DATA, (uint64_t)((uint32_t)probe_bytes & 0xFFFFFF) << 16 |
					    (0xB3ull << 40) | (1ull << 54) |
					    (uint64_t)((uint32_t)probe_bytes >> 24) << 56);
	bool checked = plugin_probe_limit() != 0;
	gdt_set_descriptor(SEG_PLUGIN_DATA, 0);
	trap_set_handler(T_GPFLT, prev);
	return checked;
}

bool plugin_isolated(void)
{
	return limits_checked;
}

void plugin_allow_unisolated(bool allow)
{
	unisolated_ok = allow;
}

bool plugin_may_load(void)
{
	return limits_checked || unisolated_ok;
}

void plugin_init(void)
{
	/*
	 * A null LDT: the LDT register's reset value (base 0, limit 0xFFFF)
	 * would let ring 1 use descriptors read from low memory.
	 */
	__asm__ volatile("lldt %w0" : : "r"(0));
	limits_checked = probe_limits();
	char opt[16];
	unisolated_ok = cmdline_get("plugins", opt, sizeof(opt)) && strcmp(opt, "unisolated") == 0;
	if (!limits_checked)
		kprintf("plugins: this processor does not enforce segment limits: kernel plugins %s\n",
			unisolated_ok ? "load unisolated (plugins=unisolated)" : "are refused");
	gdt_set_descriptor(SEG_PLUGIN_GATE, call_gate((uint32_t)plugin_gate));
	gdt_set_descriptor(SEG_PLUGIN_RET, call_gate((uint32_t)plugin_return));
	next_syscall = trap_set_handler(T_SYSCALL, plugin_syscall);
	next_device = trap_set_handler(T_DEVICE, plugin_device);
	next_debug = trap_set_handler(T_DEBUG, plugin_debug);
	sched_set_switch_hook(plugin_switch);
}

void plugin_free(struct plugin *p)
{
	if (installed == p)
		installed = NULL;
	kfree(p->region);
	kfree(p);
}
