/*
 * Invoking an extension under a CPU reservation (contract in ext/ext.h).
 *
 * The fast path, ext_run, is in ext/call.asm; this file holds what the
 * timer and the exception vectors do to a running invocation, and the slow
 * path after an abort. The invocation a task is running hangs off the task
 * (task->ext_inv), so a run preempted by one tick and resumed later is found
 * again by the next: every decision below is about the current task's own
 * invocation. Only a trap that interrupted the extension's own code (for a
 * kernel plugin: any code in ring 1) may abort it or switch tasks, so interface code always completes and is never
 * preempted; an overrun that falls due during an interface call is taken
 * when that call returns (ext_iface_return).
 */
#include "ext/ext.h"
#include "ext/plugin.h"
#include "kernel/kheap.h"
#include "kernel/panic.h"
#include "kernel/pit.h"
#include "kernel/string.h"
#include "kernel/trap.h"
#include "kernel/x86.h"
#include "sched/sched.h"
#include "talos/errno.h"

/* In ext/call.asm, which reads these fields at fixed offsets. */
void ext_abort_landing(void) NORETURN;
_Static_assert(offsetof(struct ext_invocation, recovery_esp) == 0, "call.asm INV_RECOVERY");
_Static_assert(offsetof(struct ext_invocation, entry) == 4, "call.asm INV_ENTRY");
_Static_assert(offsetof(struct ext_invocation, nargs) == 8, "call.asm INV_NARGS");
_Static_assert(offsetof(struct ext_invocation, stack_need) == 12, "call.asm INV_STACK_NEED");
_Static_assert(offsetof(struct ext_invocation, ticks_left) == 16, "call.asm INV_TICKS_LEFT");
_Static_assert(offsetof(struct ext_invocation, stats) == 20, "call.asm INV_STATS");
_Static_assert(offsetof(struct ext_invocation, result) == 24, "call.asm INV_RESULT");
_Static_assert(offsetof(struct task, kstack) == 4, "call.asm TASK_KSTACK");
_Static_assert(offsetof(struct task, ext_inv) == 8, "call.asm TASK_EXT_INV");
_Static_assert(offsetof(struct ext_stat, invocations) == 16, "call.asm STAT_INVOCATIONS");
_Static_assert(offsetof(struct ext_stat, completed) == 20, "call.asm STAT_COMPLETED");

static pit_hook_fn *next_tick_hook;

static struct ext_invocation *running(void)
{
	return sched_running->ext_inv;
}

struct ext *ext_active(void)
{
	return running() ? running()->ext : NULL;
}

/* Did TF interrupt the code of the extension the current task is running? */
static bool in_extension(const struct trapframe *tf)
{
	struct ext_invocation *inv = running();
	if (!inv)
		return false;
	if ((tf->cs & 3) == PLUGIN_RPL)
		return true;                    /* only a plugin's own code runs in ring 1 */
	if ((tf->cs & 3) != 0)
		return false;
	uint32_t lo = (uint32_t)inv->ext->code;
	return tf->eip >= lo && tf->eip < lo + inv->ext->code_len;
}

void ext_abort_trap(struct trapframe *tf, int status)
{
	running()->abort_status = status;
	running()->fault_vector = (int)tf->vector;
	if ((tf->cs & 3) == PLUGIN_RPL)
		plugin_frame_to_kernel(tf);
	tf->eip = (uint32_t)ext_abort_landing;
}

/* Every tick: charge the current task's invocation, and end it when it is spent. */
static void ext_tick(struct trapframe *tf)
{
	if (next_tick_hook)
		next_tick_hook(tf);
	struct ext_invocation *inv = running();
	if (!inv)
		return;
	inv->stats->ticks++;
	if (--inv->ticks_left <= 0 && in_extension(tf))
		ext_abort_trap(tf, EXT_ABORT_OVERRUN);
}

static void ext_trap(struct trapframe *tf)
{
	if (in_extension(tf))
		ext_abort_trap(tf, EXT_ABORT_FAULT);
	else
		trap_unhandled(tf);
}

void ext_init(void)
{
	next_tick_hook = pit_set_tick_hook(ext_tick);
	sched_set_preempt_hook(in_extension);
	/*
	 * Exceptions extension code can raise; NMI, double fault and machine
	 * check stay fatal, and the FPU's (7, 16, 19) are kernel/fpu.c's:
	 * extensions have no FPU instructions.
	 */
	static const int vectors[] = { T_DIVIDE, T_DEBUG, T_BRKPT, T_OFLOW, 5, T_ILLOP, 10, 11, 12,
				       T_GPFLT, T_PGFLT, 17 };
	for (uint32_t i = 0; i < ARRAY_LEN(vectors); i++)
		trap_set_handler(vectors[i], ext_trap);
	plugin_init();
}

int ext_hold(struct ext *e, struct kobj *o)
{
	for (int i = 0; i < e->nheld; i++)
		if (e->held[i] == o)
			return 0;
	if (e->nheld == PARAM_EXT_HELD)
		return -ENOSPC;
	kobj_get(o);
	e->held[e->nheld++] = o;
	return 0;
}

void ext_raise(int code)
{
	ASSERT(running() != NULL);
	running()->abort_status = EXT_RAISED;
	running()->exception = code;
	ext_abort_landing();
}

void ext_overrun_now(void)
{
	running()->abort_status = EXT_ABORT_OVERRUN;
	ext_abort_landing();
}

/*
 * The slow path, called by ext_abort_landing on ext_run's frame once the
 * aborted run's stack is gone: count the outcome, and give a fault or an
 * uncaught exception to the extension's handler, if it has one, with the
 * rest of the reservation. Returns ext_run's status.
 */
int ext_aborted(struct ext_invocation *inv)
{
	if (inv->ext->plugin && plugin_aborted(inv) < 0)
		return -EBUSY;
	struct ext_stat *st = inv->stats;
	int status = inv->abort_status;
	st->invocations++;
	if (status == EXT_ABORT_OVERRUN) {
		st->overruns++;
		return status;
	}
	if (status == EXT_RAISED)
		st->raised++;
	else
		st->faults++;
	struct ext *e = inv->ext;
	if (!e->handler || inv->is_handler)
		return status;

	/* The abort path's frames (well under 512 bytes) come out of the margin. */
	struct ext_invocation h = {
		.entry = e->handler, .nargs = 1, .stats = st, .ext = e, .is_handler = true,
		.dion = inv->dion,
		.stack_need = e->handler_stack + PARAM_EXT_STACK_MARGIN / 2,
	};
	uint32_t code = (uint32_t)(status == EXT_RAISED ? inv->exception : inv->fault_vector);
	int hs = ext_run(&h, &code, inv->ticks_left);
	inv->ticks_left = h.ticks_left;
	st->invocations--;                  /* the handler's run is part of this invocation */
	if (hs == EXT_OK) {
		st->completed--;
		inv->result = h.result;
		return EXT_FAULT_HANDLED;
	}
	inv->abort_status = h.abort_status;
	inv->fault_vector = h.fault_vector;
	inv->exception = h.exception;
	return hs < 0 ? status : hs;
}

int ext_invoke(struct ext *e, const struct ext_export *x, const uint32_t *args, int nargs,
	       int reservation, struct ext_call *call)
{
	if (nargs != x->nargs)
		return -EINVAL;
	struct ext_invocation inv;
	ext_prepare(&inv, e, x);
	uint64_t t0 = rdtsc();
	int status = ext_run(&inv, args, reservation);
	uint64_t cycles = rdtsc() - t0;
	ext_release(&inv);
	if (status < 0)
		return status;
	ext_call_results(e, &inv, status, reservation, cycles, call);
	return 0;
}
