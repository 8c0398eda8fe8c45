/*
 * Invoking an extension under a CPU reservation (see ext/ext.h).
 *
 * One invocation runs at a time (kernel code is not preempted, and
 * extensions cannot block), so nothing can drop the extension while it
 * runs. Its record says whose code is running, how many ticks remain, and
 * where to recover. The timer and the exception vectors look at the
 * interrupted EIP: only a trap that interrupted the extension's own code
 * may abort it, so an interface call in progress always completes.
 */
#include "ext/ext.h"
#include "kernel/panic.h"
#include "kernel/pit.h"
#include "kernel/trap.h"
#include "kernel/x86.h"
#include "sched/sched.h"
#include "talos/errno.h"

/* Both in ext/call.asm. */
uint32_t ext_enter(struct ext_invocation *inv, uint32_t entry, const uint32_t *args, uint32_t nargs);
void ext_abort_landing(void) NORETURN;

/* The running invocation; ext_abort_landing reads it, hence the global name. */
struct ext_invocation *ext_active_inv;
#define active ext_active_inv

static pit_hook_fn *next_tick_hook;

struct ext *ext_active(void)
{
	return active ? active->ext : NULL;
}

static bool in_extension(const struct trapframe *tf)
{
	if (!active || (tf->cs & 3) != 0)
		return false;
	uint32_t lo = (uint32_t)active->ext->code;
	return tf->eip >= lo && tf->eip < lo + active->ext->code_len;
}

/* Make the trap return into ext_abort_landing instead of the extension. */
static void abort_from_trap(struct trapframe *tf, int status)
{
	active->abort_status = status;
	active->fault_vector = (int)tf->vector;
	tf->eip = (uint32_t)ext_abort_landing;
}

static void ext_tick(struct trapframe *tf)
{
	if (next_tick_hook)
		next_tick_hook(tf);
	if (!active)
		return;
	active->ticks_used++;
	if (--active->ticks_left <= 0 && in_extension(tf))
		abort_from_trap(tf, EXT_ABORT_OVERRUN);
}

static void ext_trap(struct trapframe *tf)
{
	if (in_extension(tf))
		abort_from_trap(tf, EXT_ABORT_FAULT);
	else
		trap_unhandled(tf);
}

void ext_init(void)
{
	next_tick_hook = pit_set_tick_hook(ext_tick);
	/* Exceptions extension code can raise; NMI, double fault and machine check stay fatal. */
	static const int vectors[] = { T_DIVIDE, T_DEBUG, T_BRKPT, 4, 5, T_ILLOP, 7, 10, 11, 12,
				       T_GPFLT, T_PGFLT, 16, 17, 19 };
	for (uint32_t i = 0; i < ARRAY_LEN(vectors); i++)
		trap_set_handler(vectors[i], ext_trap);
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

void ext_prepare(struct ext_invocation *inv, struct ext *e, const struct ext_export *x)
{
	inv->ext = e;
	inv->export = x;
	uint32_t need = x->stack > e->handler_stack ? x->stack : e->handler_stack;
	inv->stack_need = need + PARAM_EXT_STACK_MARGIN;
}

/* Is there room for the extension on the current kernel stack? */
static bool stack_room(uint32_t need)
{
	uint32_t base = (uint32_t)sched_current()->kstack;
	uint32_t esp;
	__asm__ volatile("mov %%esp, %0" : "=r"(esp));
	return base != 0 && esp - base >= need;
}

void ext_raise(int code)
{
	ASSERT(active != NULL);
	active->abort_status = EXT_RAISED;
	active->exception = code;
	ext_abort_landing();
}

/* A fault or an uncaught exception ended the run: let the extension's handler decide. */
static int run_handler(struct ext_invocation *inv)
{
	struct ext *e = inv->ext;
	int status = inv->abort_status;
	if (status == EXT_RAISED)
		e->stats.raised++;
	else
		e->stats.faults++;
	if (!e->handler)
		return status;
	uint32_t code = (uint32_t)(status == EXT_RAISED ? inv->exception : inv->fault_vector);
	inv->abort_status = 0;
	active = inv;
	inv->result = (int)ext_enter(inv, e->handler, &code, 1);
	active = NULL;
	return inv->abort_status ? inv->abort_status : EXT_FAULT_HANDLED;
}

int ext_run(struct ext_invocation *inv, const uint32_t *args, int reservation)
{
	if (active)
		return -EBUSY;
	if (!stack_room(inv->stack_need))
		return -ENOSPC;
	inv->ticks_left = reservation;
	inv->ticks_used = 0;
	inv->abort_status = 0;
	active = inv;
	inv->result = (int)ext_enter(inv, inv->export->entry, args, (uint32_t)inv->export->nargs);
	active = NULL;

	struct ext_stat *st = &inv->ext->stats;
	st->invocations++;
	if (inv->abort_status == 0) {
		st->completed++;
		return EXT_OK;
	}
	if (inv->abort_status == EXT_ABORT_OVERRUN) {
		st->overruns++;
		return EXT_ABORT_OVERRUN;
	}
	return run_handler(inv);
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
	if (status < 0)
		return status;
	call->status = status;
	call->result = status == EXT_OK || status == EXT_FAULT_HANDLED ? inv.result : 0;
	call->fault_vector = status == EXT_ABORT_FAULT ? inv.fault_vector : 0;
	call->exception = status == EXT_RAISED ? inv.exception : 0;
	call->ticks = (unsigned)inv.ticks_used;
	call->cycles = cycles;
	e->stats.ticks += (unsigned)inv.ticks_used;
	e->stats.cycles += cycles;
	return 0;
}
