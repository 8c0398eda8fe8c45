/*
 * The SafeX runtime: loading verified extensions into the kernel and
 * invoking them under a CPU reservation.
 *
 * Load: verify the TAL object (tal/), copy its code, read-only data and data
 * into kernel memory, patch every relocation, bind each import to the
 * kernel interface of the same name and signature (ext/iface.c), and record
 * the exports. Invoke: call an export natively in ring 0 with interrupts
 * enabled; the timer charges each tick to the invocation and, on a return
 * into extension code with the reservation spent, aborts it to its recovery
 * point; a CPU exception in extension code does the same (or calls the
 * extension's declared handler). Interface code is never aborted mid-way.
 *
 * An extension is a kernel object (OBJ_EXT): it lives while a handle or an
 * invocation refers to it, and it holds a reference on every capability it
 * was ever given, dropped only when it is destroyed (deferred deallocation:
 * an extension may keep a capability in its data between invocations).
 *
 * Memory of a loaded extension (one kmalloc block each):
 *
 *   code    [entry of export 0 ... ]  patched: GLOBAL imm32 -> address,
 *                                      IMPORT rel32 -> kernel function
 *   rodata  names, constants           never written (verified)
 *   data    globals                    written only at verified offsets
 */
#ifndef EXT_EXT_H
#define EXT_EXT_H

#include "kernel/kdefs.h"
#include "kernel/object.h"
#include "talos/ext_iface.h"
#include "talos/param.h"
#include "talos/syscall.h"

struct trapframe;

struct ext_export {
	char name[32];
	uint32_t entry;                 /* address of the function */
	int nargs;
	int cap_kind[PARAM_EXT_ARGS];   /* 0: int argument; else the OBJ_* a capability must be */
	uint32_t stack;                 /* bytes of stack it may use (verified bound) */
};

struct ext_test_entry {                 /* test attribute store and event log */
	char name[EXT_NAME_LEN];
	int value;
};

struct ext {
	struct kobj obj;                /* kind OBJ_EXT */
	char name[PROC_NAME_MAX];
	uint8_t *code, *rodata, *data;
	uint32_t code_len, rodata_len, data_len;
	int nexports;
	struct ext_export *exports;
	uint32_t handler;               /* exception handler address, 0 if none */
	uint32_t handler_stack;

	struct kobj *held[PARAM_EXT_HELD];   /* capabilities given to it */
	int nheld;

	int counters[PARAM_EXT_COUNTERS];
	int trace[PARAM_EXT_TRACE];     /* ring of the last values traced */
	uint32_t ntrace;                /* values traced in all */
	struct ext_test_entry attrs[PARAM_EXT_TEST_ATTRS];
	struct ext_test_entry events[PARAM_EXT_TEST_ATTRS];
	int nevents;

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
 * manager's monitor runs every period). ext/call.asm knows that
 * recovery_esp comes first.
 */
struct ext_invocation {
	uint32_t recovery_esp;          /* stack pointer to return to on abort */
	struct ext *ext;
	const struct ext_export *export;
	uint32_t stack_need;            /* kernel stack the run needs, margin included */
	int ticks_left;                 /* reservation remaining in the current run */
	int ticks_used;                 /* ticks charged to the current run */
	int abort_status;               /* EXT_ABORT_* if the current run was aborted, else 0 */
	int fault_vector;               /* the CPU exception that aborted it */
	int exception;                  /* the code raised (EXT_RAISED) */
	int result;                     /* what the function (or its handler) returned */
};

/* Prepare INV to run export X of E. */
void ext_prepare(struct ext_invocation *inv, struct ext *e, const struct ext_export *x);

/*
 * The dispatch path: run INV's export with ARGS (X->nargs words,
 * capabilities already resolved to objects E holds) under a reservation of
 * RESERVATION ticks. Returns EXT_OK, EXT_ABORT_OVERRUN, EXT_ABORT_FAULT,
 * EXT_RAISED or EXT_FAULT_HANDLED (result in INV->result), or -ENOSPC (not
 * enough kernel stack) or -EBUSY (an invocation is already running). A
 * fault or an uncaught exception goes to the extension's handler if it
 * declares one: it gets the CPU vector or the exception code. Counts
 * invocations and outcomes; ticks are counted by the timer; cycles only by
 * ext_invoke.
 */
int ext_run(struct ext_invocation *inv, const uint32_t *args, int reservation);

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

/* Set test attribute NAME (EXT_NAME_LEN bytes, NUL-padded) of E: 0 or -ENOSPC. */
int ext_test_set(struct ext *e, const char *name, int value);

/* End the running invocation with uncaught exception CODE (interface "raise"). */
void ext_raise(int code) NORETURN;

#endif /* EXT_EXT_H */
