/*
 * Loud, parseable, terminal failures.
 *
 * PANIC prints one line "PANIC at FILE:LINE (FUNCTION): MESSAGE", a register
 * dump and a backtrace with symbol names, flushes the serial port, prints
 * "KT exit panic" and ends the run: QEMU exits with status 35, Bochs powers
 * off, real hardware halts. It never returns and never waits for input.
 */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include "kernel/kdefs.h"

struct trapframe;

#define PANIC(...) panic_at(__FILE__, __LINE__, __func__, __VA_ARGS__)

/* Check a precondition; on failure PANIC naming the expression. */
#define ASSERT(cond) \
	do { \
		if (!(cond)) \
			panic_at(__FILE__, __LINE__, __func__, "assertion failed: %s", #cond); \
	} while (0)

void panic_at(const char *file, int line, const char *func, const char *fmt, ...)
	PRINTF(4, 5) NORETURN;

/* Panic from a trap handler: dumps TF's registers and backtraces from TF. */
void panic_trap(const struct trapframe *tf, const char *fmt, ...) PRINTF(2, 3) NORETURN;

/* Print a backtrace of the frame-pointer chain starting at EBP. */
void backtrace_from(uint32_t eip, uint32_t ebp);

#endif /* KERNEL_PANIC_H */
