/*
 * The SafeX runtime: loading verified extensions into the kernel and
 * invoking them under a CPU reservation.
 *
 * Load: verify the TAL object (tal/), copy its code, read-only data and data
 * into kernel memory, patch every relocation, bind each import to the
 * kernel interface of the same name and signature (ext/iface.c), and record
 * the exports. Invoke: call an export natively in ring 0 with interrupts
 * enabled, on behalf of the invoking task: the timer charges each tick to
 * the task (its total, window and quantum, as if it ran in user space) and
 * to the invocation's reservation, and may switch tasks when the tick
 * interrupted extension code. On a return into extension code with the
 * reservation spent, or at the end of an interface call made with it
 * spent, the invocation is aborted to its recovery point; a CPU exception
 * in extension code does the same (or calls the extension's declared
 * handler). Interface code is never aborted mid-way, nor preempted.
 *
 * An extension is a kernel object (OBJ_EXT): it lives while a handle or a
 * prepared invocation refers to it (so nothing is freed under a preempted
 * run), and it holds a reference on every capability it was ever given,
 * dropped only when it is destroyed (deferred deallocation: an extension
 * may keep a capability in its data between invocations).
 *
 * Memory of a loaded extension (one kmalloc block each):
 *
 *   code    [entry of export 0 ... ]  patched: GLOBAL imm32 -> address,
 *                                      IMPORT rel32 -> kernel function
 *   rodata  names, constants           never written (verified)
 *   data    globals                    written only at verified offsets
 *
 * A kernel plugin (ext/plugin.h) is the same struct ext with `plugin` set:
 * its code and data live in the plugin's region, not in code/rodata/data,
 * and its exports enter ring 1 through plugin_enter. Everything else, the
 * invocation, reservation, abort, capabilities and statistics, is shared.
 */
#ifndef EXT_EXT_H
#define EXT_EXT_H

#include "kernel/kdefs.h"
#include "kernel/object.h"
#include "sched/sched.h"
#include "talos/ext_iface.h"
#include "talos/param.h"
#include "talos/syscall.h"

struct trapframe;
struct dion_ctx;

struct ext_export {
	char name[32];
	uint32_t entry;                 /* address of the function (plugins: plugin_enter) */
	uint32_t plugin_eip;            /* plugins: the function's offset in its code segment */
	int nargs;
	int cap_kind[PARAM_EXT_ARGS];   /* 0: int argument; else the OBJ_* a capability must be */
	uint32_t stack;                 /* bytes of stack it may use (verified bound) */
};

struct ext {
	struct kobj obj;                /* kind OBJ_EXT */
	struct plugin *plugin;          /* a kernel plugin's region, or NULL for TAL */
	char name[PROC_NAME_MAX];
	uint8_t *code, *rodata, *data;
	uint32_t code_len, rodata_len, data_len;
	int nexports;
	struct ext_export *exports;
	uint32_t handler;               /* exception handler address, 0 if none */
	uint32_t names[PARAM_EXT_NAMES];  /* addresses of its name constants (read-only
					   EXT_NAME_LEN-byte globals), for Dionisys to resolve */
	int nnames;
	uint32_t handler_stack;

	struct kobj *held[PARAM_EXT_HELD];   /* capabilities given to it */
	int nheld;

	int counters[PARAM_EXT_COUNTERS];
	int trace[PARAM_EXT_TRACE];     /* ring of the last values traced */
	uint32_t ntrace;                /* values traced in all */

	struct ext_stat stats;
};

/* Hook the runtime into the timer and the exception vectors. */
void ext_init(void);

/*
 * Verify and link the object OBJ (LEN bytes) named NAME. Returns 0 and the
 * extension (one reference) in *OUT, or -EREJECT / -ELINK / -ENOMEM with a
 * one-line reason in MSG (MSGLEN bytes).
 */
int ext_load(const uint8_t *obj, uint32_t len, const char *name, struct ext **out,
	     char *msg, uint32_t msglen);

/* The export named NAME, or NULL. */
const struct ext_export *ext_find_export(const struct ext *e, const char *name);

/*
 * An invocation of one export, prepared once and run many times (a service
 * manager's monitor runs every period). While it runs, the invoking task's
 * ext_inv points at it: the timer charges that task's ticks to it, and a
 * tick or a fault in the extension's code finds it there. Extension code is
 * preemptible, so several tasks may each be running an invocation, of the
 * same extension or of others; each record belongs to one task at a time.
 *
 * ext/call.asm reads the first seven fields at fixed offsets (checked in
 * ext/invoke.c); keep their order.
 */
struct ext_invocation {
	uint32_t recovery_esp;          /* ext_run's stack pointer, to return to on abort */
	uint32_t entry;                 /* address of the function to run */
	uint32_t nargs;                 /* words of arguments it takes */
	uint32_t stack_need;            /* kernel stack the run needs, margin included */
	int ticks_left;                 /* reservation remaining in the current run */
	struct ext_stat *stats;         /* the extension's counters */
	int result;                     /* what the function (or its handler) returned */
	struct ext *ext;                /* the extension (a reference held until ext_release) */
	bool is_handler;                /* runs the extension's exception handler */
	struct dion_ctx *dion;          /* the Dionisys monitor or handler it runs for, or NULL */
	int abort_status;               /* EXT_ABORT_* / EXT_RAISED of an aborted run */
	int fault_vector;               /* the CPU exception that aborted it */
	int exception;                  /* the code raised (EXT_RAISED) */

	/* Kernel plugins only (ext/plugin.h; ext/plugin_entry.asm reads them). */
	const struct ext_export *export; /* the export it runs */
	uint32_t ring0_esp;             /* TSS.esp0 while it runs in ring 1 */
	uint32_t saved_esp0;            /* TSS.esp0 before the run */
	int plugin_slot;                /* its stack slot in the plugin */
	bool plugin_live;               /* between entering ring 1 and leaving it */
};

/*
 * Prepare INV to run export X of E: takes a reference on E, so that E
 * outlives every run of INV even if its last handle goes; ext_release drops
 * it. Inline: both are on every system call's path to an extension.
 */
/* ext_prepare without the reference: for a caller that keeps E alive itself for the run. */
static inline void ext_prepare_borrowed(struct ext_invocation *inv, struct ext *e,
					const struct ext_export *x)
{
	uint32_t need = x->stack > e->handler_stack ? x->stack : e->handler_stack;
	/* Only what a run reads first; an abort sets the rest before anyone reads it. */
	inv->entry = x->entry;
	inv->nargs = (uint32_t)x->nargs;
	inv->stack_need = need + PARAM_EXT_STACK_MARGIN;
	inv->stats = &e->stats;
	inv->ext = e;
	inv->is_handler = false;
	inv->dion = NULL;
	inv->export = x;
	inv->plugin_live = false;
}

static inline void ext_prepare(struct ext_invocation *inv, struct ext *e,
			       const struct ext_export *x)
{
	kobj_get(&e->obj);
	ext_prepare_borrowed(inv, e, x);
}

static inline void ext_release(struct ext_invocation *inv)
{
	kobj_put(&inv->ext->obj);
	inv->ext = NULL;
}

/*
 * The dispatch path (ext/call.asm): run INV's function with ARGS (INV's
 * nargs words, capabilities already resolved to objects the extension
 * holds) under a reservation of RESERVATION ticks of the current task's CPU
 * time. Call with interrupts enabled from a task's kernel stack (a
 * kernel thread or a system call). The extension may be preempted like user
 * code; its time is the task's. Returns EXT_OK (result in INV->result),
 * EXT_ABORT_OVERRUN, EXT_ABORT_FAULT, EXT_RAISED or EXT_FAULT_HANDLED
 * (result in INV->result), or -ENOSPC (not enough kernel stack) or -EBUSY
 * (the task is already running an invocation, or INV's kernel plugin has
 * PARAM_PLUGIN_RUNS runs under way already). A fault or an uncaught
 * exception goes to the extension's handler if it declares one, with the
 * rest of the reservation: it gets the CPU vector or the exception code.
 * Ticks charged: RESERVATION - INV->ticks_left.
 */
int ext_run(struct ext_invocation *inv, const uint32_t *args, int reservation);

/*
 * Fill the out fields of CALL for a run of INV that ended with STATUS (>= 0)
 * after CYCLES under a reservation of RESERVATION ticks, and add the cycles
 * to E's statistics (inline: it is on every system call's path to an extension).
 */
static inline void ext_call_results(struct ext *e, const struct ext_invocation *inv,
				    int status, int reservation, uint64_t cycles,
				    struct ext_call *call)
{
	call->status = status;
	call->ticks = (unsigned)(reservation - inv->ticks_left);
	call->cycles = cycles;
	e->stats.cycles += cycles;
	if (status == EXT_OK) {
		call->result = inv->result;
		call->fault_vector = call->exception = 0;
		return;
	}
	call->result = status == EXT_FAULT_HANDLED ? inv->result : 0;
	call->fault_vector = status == EXT_ABORT_FAULT ? inv->fault_vector : 0;
	call->exception = status == EXT_RAISED ? inv->exception : 0;
}

/*
 * Prepare and run export X of E once, and fill the out fields of CALL,
 * cycles included. Returns 0, or -EINVAL (argument count) or an ext_run error.
 */
int ext_invoke(struct ext *e, const struct ext_export *x, const uint32_t *args, int nargs,
	       int reservation, struct ext_call *call);

/* Keep a reference on O for as long as E lives (idempotent); 0 or -ENOSPC. */
int ext_hold(struct ext *e, struct kobj *o);

/* The extension whose invocation is running (for interfaces), or NULL. */
struct ext *ext_active(void);

/*
 * Make trap frame TF, which interrupted the running invocation's own code,
 * return into the abort path with STATUS (EXT_ABORT_*) and TF's vector.
 */
void ext_abort_trap(struct trapframe *tf, int status);

/* End the running invocation with uncaught exception CODE (interface "raise"). */
void ext_raise(int code) NORETURN;

/*
 * Every interface returns through this: it ends the invocation, now that
 * the interface has finished its work, if the reservation ran out while the
 * interface ran (so an overrun is never taken more than one tick late).
 */
void ext_overrun_now(void) NORETURN;
static inline int ext_iface_return(int value)
{
	if (sched_running->ext_inv->ticks_left <= 0)
		ext_overrun_now();
	return value;
}

#endif /* EXT_EXT_H */
