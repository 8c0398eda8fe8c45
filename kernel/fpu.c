/*
 * Lazy FPU/SSE state switching (contract in kernel/fpu.h).
 *
 * Invariant: OWNER is the state now in the CPU's FPU registers, or NULL
 * when they hold nothing anyone needs. CR0.TS is set whenever the current
 * task may not be OWNER's task, so no process ever sees another's registers.
 */
#include "kernel/fpu.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/trap.h"
#include "kernel/x86.h"

#define CR0_MP  0x00000002u   /* WAIT/FWAIT honour TS */
#define CR0_EM  0x00000004u   /* emulate the FPU: off */
#define CR0_TS  0x00000008u   /* task switched: the next FPU instruction traps */
#define CR0_NE  0x00000020u   /* x87 errors as exception 16, not IRQ 13 */
#define CR4_OSFXSR     0x00000200u   /* FXSAVE/FXRSTOR and SSE instructions */
#define CR4_OSXMMEXCPT 0x00000400u   /* unmasked SSE errors as exception 19 */
#define T_DEVICE 7
#define T_MATHFAULT 16
#define T_SIMDFAULT 19

static struct fpu_state *owner;
static uint32_t mxcsr_mask = 0xFFBF; /* MXCSR bits the CPU accepts (from FXSAVE at init) */
#define FXSAVE_MXCSR      24        /* byte offsets in the FXSAVE image */
#define FXSAVE_MXCSR_MASK 28

/* #NM: the current process uses the FPU; give it its own state. */
static void fpu_device_trap(struct trapframe *tf)
{
	struct proc *p = proc_current();
	if (!p || (tf->cs & 3) != 3)
		trap_unhandled(tf);             /* the kernel never uses the FPU */
	__asm__ volatile("clts");
	struct fpu_state *mine = &p->fpu;
	if (owner == mine)
		return;
	if (owner)
		__asm__ volatile("fxsave %0" : "=m"(owner->image));
	if (mine->used) {
		__asm__ volatile("fxrstor %0" : : "m"(mine->image));
	} else {
		__asm__ volatile("fninit");
		uint32_t mxcsr = 0x1F80;        /* every SSE exception masked, as at reset */
		__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
		mine->used = true;
	}
	owner = mine;
}

void fpu_init(void)
{
	write_cr0((read_cr0() | CR0_MP | CR0_NE | CR0_TS) & ~CR0_EM);
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	trap_set_handler(T_DEVICE, fpu_device_trap);
	static struct fpu_state probe;
	__asm__ volatile("clts; fninit; fxsave %0" : "=m"(probe.image));
	uint32_t mask;
	memcpy(&mask, probe.image + FXSAVE_MXCSR_MASK, 4);
	if (mask)
		mxcsr_mask = mask;
	write_cr0(read_cr0() | CR0_TS);
	/* #MF and #XM in user mode kill the process with SIGFPE (trap_unhandled). */
}

void fpu_switched(void)
{
	write_cr0(read_cr0() | CR0_TS);
}

/* Save STATE from the CPU if it is there, and make its next use trap and reload it. */
static void fpu_flush(struct fpu_state *state)
{
	if (owner == state) {
		__asm__ volatile("fxsave %0" : "=m"(state->image));
		owner = NULL;
	}
	fpu_switched();
}

void fpu_forget(struct fpu_state *state)
{
	fpu_flush(state);
	state->used = false;
}

void fpu_get_image(struct fpu_state *state, void *image)
{
	fpu_flush(state);
	memcpy(image, state->image, sizeof(state->image));
}

void fpu_set_image(struct fpu_state *state, const void *image)
{
	fpu_flush(state);
	memcpy(state->image, image, sizeof(state->image));
	uint32_t mxcsr;
	memcpy(&mxcsr, state->image + FXSAVE_MXCSR, 4);
	mxcsr &= mxcsr_mask;
	memcpy(state->image + FXSAVE_MXCSR, &mxcsr, 4);
	state->used = true;
}
