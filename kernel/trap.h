/*
 * Interrupts and exceptions: the IDT, the saved register frame, and the
 * table of C handlers that trap_dispatch() calls.
 *
 * Every entry stub (boot/isr.asm) builds a struct trapframe on the current
 * kernel stack. A handler may change the frame (for example EIP, to resume
 * after a faulting instruction); the changes take effect at iret.
 *
 *   higher addresses
 *   +-----------------+
 *   | ss, esp         |  pushed by the CPU only on a ring 3 -> ring 0 entry
 *   | eflags, cs, eip |  pushed by the CPU
 *   | err             |  CPU error code, or 0
 *   | vector          |  pushed by the stub
 *   | ds es fs gs     |  pushed by trap_common
 *   | pushad block    |  eax ecx edx ebx esp' ebp esi edi
 *   +-----------------+ <- struct trapframe *
 */
#ifndef KERNEL_TRAP_H
#define KERNEL_TRAP_H

#include "kernel/kdefs.h"

struct trapframe {
	uint32_t edi, esi, ebp, esp_at_pushad, ebx, edx, ecx, eax; /* pushad */
	uint32_t gs, fs, es, ds;
	uint32_t vector;   /* interrupt vector number */
	uint32_t err;      /* CPU error code, 0 when the CPU pushes none */
	uint32_t eip, cs, eflags;
	uint32_t user_esp, user_ss;  /* valid only when (cs & 3) == 3 */
};

/* CPU exception vectors used by name. */
#define T_DIVIDE   0
#define T_DEBUG    1
#define T_BRKPT    3
#define T_OFLOW    4
#define T_ILLOP    6
#define T_GPFLT   13
#define T_PGFLT   14

#define IRQ_BASE   32   /* PIC IRQ n arrives on vector IRQ_BASE + n */
#define IRQ_TIMER   0
#define IRQ_COM1    4
#define T_SYSCALL 128

#define TRAP_VECTORS 256

/* A handler gets the frame of the interrupted context. */
typedef void trap_handler_fn(struct trapframe *tf);

/* Build and load the IDT. Interrupts stay disabled. */
void idt_init(void);

/* Install HANDLER for VECTOR (replacing any previous one); returns the old one. */
trap_handler_fn *trap_set_handler(int vector, trap_handler_fn *handler);

/* The name of an exception vector ("page fault"), or "interrupt". */
const char *trap_name(uint32_t vector);

/* Called by the entry stubs; dispatches to the registered handler. */
void trap_dispatch(struct trapframe *tf);

/*
 * The default for an exception: kill the user process that raised it (after
 * giving a growing stack its page), or panic if the kernel raised it.
 * Handlers that claim exception vectors pass on what is not theirs.
 */
void trap_unhandled(struct trapframe *tf);

/* Print every saved register of TF on the console. */
void trap_dump(const struct trapframe *tf);

#endif /* KERNEL_TRAP_H */
