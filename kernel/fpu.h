/*
 * The x87 FPU and SSE state of processes, switched lazily.
 *
 * Each process has its own FPU/SSE register file (struct fpu_state, the
 * 512-byte FXSAVE image). The CPU holds at most one process's state at a
 * time, the owner's. On every task switch the kernel sets CR0.TS; the
 * first FPU or SSE instruction of another process then traps (#NM), and
 * the handler saves the owner's state and loads (or initialises) the new
 * one's. A process that never touches the FPU costs nothing. Numeric
 * exceptions the program unmasked (#MF, #XM) kill it with SIGFPE. Kernel
 * code never uses the FPU (-mgeneral-regs-only), nor do extensions (the
 * verifier rejects FPU instructions).
 */
#ifndef KERNEL_FPU_H
#define KERNEL_FPU_H

#include "kernel/kdefs.h"

struct fpu_state {
	uint8_t image[512];        /* FXSAVE/FXRSTOR area */
	bool used;                 /* the process has executed an FPU or SSE instruction */
} __attribute__((aligned(16)));

/* Enable the FPU and SSE (CR0, CR4) and install the #NM, #MF and #XM handlers. */
void fpu_init(void);

/* Called on every switch to another task: the next FPU use traps (sets CR0.TS). */
void fpu_switched(void);

/*
 * STATE's owner is gone (process exit), or goes back to no FPU use (a
 * signal frame that had none): forget it if it is in the CPU; its next
 * FPU use starts from a fresh state.
 */
void fpu_forget(struct fpu_state *state);

/* Copy STATE's registers (from the CPU if they are there) into IMAGE, 512 bytes (signal frames). */
void fpu_get_image(struct fpu_state *state, void *image);

/*
 * Make IMAGE (512 bytes, e.g. from a user's signal frame) STATE's
 * registers from its next FPU use on. MXCSR bits the CPU does not
 * support are cleared, so a corrupt image cannot make FXRSTOR fault.
 */
void fpu_set_image(struct fpu_state *state, const void *image);

#endif /* KERNEL_FPU_H */
