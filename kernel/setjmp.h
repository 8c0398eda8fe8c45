/*
 * Kernel non-local jumps (kernel/setjmp.asm), like C's setjmp/longjmp.
 * kjmp_jump may only target a kjmp_save whose function has not returned.
 */
#ifndef KERNEL_SETJMP_H
#define KERNEL_SETJMP_H

#include "kernel/kdefs.h"

struct kjmp_buf {
	uint32_t ebx, esi, edi, ebp;  /* callee-saved registers */
	uint32_t esp;                 /* stack pointer after kjmp_save returns */
	uint32_t eip;                 /* where kjmp_save returns to */
};

int kjmp_save(struct kjmp_buf *buf) __attribute__((returns_twice));
void kjmp_jump(struct kjmp_buf *buf, int value) NORETURN;

#endif /* KERNEL_SETJMP_H */
