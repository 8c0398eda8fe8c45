/*
 * Invoking an extension under a CPU reservation (see ext/ext.h).
 *
 * One invocation runs at a time (kernel code is not preempted, and
 * extensions cannot block). Its record says which code range is the
 * extension's, how many ticks remain, and where to recover. The timer and
 * the exception vectors look at the interrupted EIP: only a trap that
 * interrupted the extension's own code may abort it, so an interface call
 * in progress always completes.
 */
#include "ext/ext.h"
#include "kernel/panic.h"
#include "kernel/pit.h"
#include "kernel/setjmp.h"
#include "kernel/trap.h"
#include "kernel/x86.h"
#include "sched/sched.h"
#include "talos/errno.h"

uint32_t ext_call_native(uint32_t entry, const uint32_t *args, uint32_t nargs);
void ext_abort_landing(void);

struct invocation {
	struct ext *ext;
	uint32_t code_lo, code_hi;      /* [lo, hi): the extension's code */
	int ticks_left;                 /* reservation remaining */
	int ticks_used;
	int abort_status;               /* EXT_ABORT_* once aborted */
	int fault_vector;
	struct kjmp_buf recovery;
};

static struct invocation *active;
static pit_hook_fn *next_tick_hook;

struct ext *ext_active(void)
{
	return active ? active->ext : NULL;
}

static bool in_extension(const struct trapframe *tf)
{
	return active && (tf->cs & 3) == 0 && tf->eip >= active->code_lo && tf->eip < active->code_hi;
}

/* Make the trap return into ext_abort_landing instead of the extension. */
static void abort_from_trap(struct trapframe *tf, int status)
{
	active->abort_status = status;
	active->fault_vector = (int)tf->vector;
	tf->eip = (uint32_t)ext_abort_landing;
}

void ext_abort_jump(void)
{
	kjmp_jump(&active->recovery, 1);
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

/* Bytes of kernel stack left below the caller. */
static uint32_t stack_left(void)
{
	struct task *t = sched_current();
	uint32_t esp;
	__asm__ volatile("mov %%esp, %0" : "=r"(esp));
	return t->kstack ? esp - (uint32_t)t->kstack : 0;
}

/*
 * Run ENTRY(ARGS) with INV as the active invocation; false if it was aborted.
 * Kept apart from ext_invoke so no caller local lives across kjmp_save.
 */
static bool run_protected(struct invocation *inv, uint32_t entry, const uint32_t *args,
			  int nargs, int *result)
{
	active = inv;
	bool completed = false;
	if (kjmp_save(&inv->recovery) == 0) {
		*result = (int)ext_call_native(entry, args, (uint32_t)nargs);
		completed = true;
	}
	active = NULL;
	return completed;
}

int ext_invoke(struct ext *e, const struct ext_export *x, const uint32_t *args, int nargs,
	       int reservation, struct ext_call *call)
{
	if (nargs != x->nargs)
		return -EINVAL;
	if (active)
		return -EBUSY;
	uint32_t need = x->stack > e->handler_stack ? x->stack : e->handler_stack;
	if (stack_left() < need + PARAM_EXT_STACK_MARGIN)
		return -ENOSPC;

	struct invocation inv = {
		.ext = e,
		.code_lo = (uint32_t)e->code,
		.code_hi = (uint32_t)e->code + e->code_len,
		.ticks_left = reservation,
	};
	kobj_get(&e->obj);
	e->stats.invocations++;
	uint64_t t0 = rdtsc();
	int result = 0;
	call->status = EXT_OK;
	call->fault_vector = 0;
	if (run_protected(&inv, x->entry, args, nargs, &result)) {
		e->stats.completed++;
	} else if (inv.abort_status == EXT_ABORT_OVERRUN) {
		e->stats.overruns++;
		call->status = EXT_ABORT_OVERRUN;
	} else {
		e->stats.faults++;
		call->fault_vector = inv.fault_vector;
		call->status = EXT_ABORT_FAULT;
		if (e->handler) {
			/* The handler runs with what is left of the reservation. */
			uint32_t code = (uint32_t)inv.fault_vector;
			inv.abort_status = 0;
			if (run_protected(&inv, e->handler, &code, 1, &result))
				call->status = EXT_FAULT_HANDLED;
		}
	}
	uint64_t cycles = rdtsc() - t0;
	call->result = call->status == EXT_OK || call->status == EXT_FAULT_HANDLED ? result : 0;
	call->ticks = (unsigned)inv.ticks_used;
	call->cycles = cycles;
	e->stats.ticks += (unsigned)inv.ticks_used;
	e->stats.cycles += cycles;
	kobj_put(&e->obj);
	return 0;
}
