/*
 * Test plugin (tests/kernel/plugin_hostile_test.c): every export tries to
 * get out of its segments or to change machine state, and must be aborted
 * with the fault the processor raises for it.
 */
#include "talos/plugin.h"

int data_word = 1234;            /* global: the asm below names it */

/* ---- Memory outside the segments ---- */

int peek(int off)
{
	return *(volatile int *)off;
}
PLUGIN_EXPORT(peek, "i");

int poke(int off, int v)
{
	*(volatile int *)off = v;
	return 0;
}
PLUGIN_EXPORT(poke, "ii");

/* A stack-relative read at OFF (ebp-based operands use the stack segment). */
int stack_peek(int off)
{
	int r;
	__asm__ volatile("push %%ebp\n\t"
			 "mov %1, %%ebp\n\t"
			 "mov (%%ebp), %0\n\t"
			 "pop %%ebp" : "=r"(r) : "r"(off) : "memory");
	return r;
}
PLUGIN_EXPORT(stack_peek, "i");

/* ---- Segment registers ---- */

/* Load SEL into ds (0), es (1), fs (2), gs (3) or ss (4), then read through it. */
int load_seg(int which, int sel)
{
	int r = 0;
	switch (which) {
	case 0:
		__asm__ volatile("mov %1, %%ds\n\tmov data_word, %0\n\tmov %2, %%ds"
				 : "=r"(r) : "r"(sel), "r"(PLUGIN_SEL_DATA) : "memory");
		break;
	case 1:
		__asm__ volatile("mov %1, %%es\n\tmov %%es:data_word, %0\n\tmov %2, %%es"
				 : "=r"(r) : "r"(sel), "r"(PLUGIN_SEL_DATA) : "memory");
		break;
	case 2:
		__asm__ volatile("mov %1, %%fs\n\tmov %%fs:0x100000, %0"
				 : "=r"(r) : "r"(sel) : "memory");
		break;
	case 3:
		__asm__ volatile("mov %1, %%gs\n\tmov %%gs:0x100000, %0"
				 : "=r"(r) : "r"(sel) : "memory");
		break;
	default:
		__asm__ volatile("mov %%ss, %%ecx\n\tmov %1, %%ss\n\tmov %%ecx, %%ss\n\tmov $1, %0"
				 : "=r"(r) : "r"(sel) : "ecx", "memory");
		break;
	}
	return r;
}
PLUGIN_EXPORT(load_seg, "ii");

/* ---- Far jumps, calls and returns ---- */

struct {
	unsigned off;
	unsigned short sel;
} __attribute__((packed)) far_target;   /* global: the asm below names it */

/* A far jump (0), far call (1) to SEL:OFF; a far return (2) or iret (3) to SEL:OFF with stack selector SEL + 8. */
int far(int how, int sel, int off)
{
	far_target.off = (unsigned)off;
	far_target.sel = (unsigned short)sel;
	switch (how) {
	case 0:
		__asm__ volatile("ljmp *far_target" ::: "memory");
		break;
	case 1:
		__asm__ volatile("lcall *far_target" ::: "memory");
		break;
	case 2:
		__asm__ volatile("push %0\n\tpush %1\n\tlret" : : "r"(sel), "r"(off) : "memory");
		break;
	default:
		__asm__ volatile("mov %%esp, %%eax\n\t"
				 "push %0\n\t"              /* ss */
				 "push %%eax\n\t"           /* esp */
				 "pushf\n\t"
				 "push %1\n\t"              /* cs */
				 "push %2\n\t"              /* eip */
				 "iret" : : "r"(sel + 8), "r"(sel), "r"(off) : "eax", "memory");
		break;
	}
	return 0;
}
PLUGIN_EXPORT(far, "iii");

/* ---- Privileged and I/O instructions ---- */

int privileged(int which)
{
	static const struct {
		unsigned short limit;
		unsigned base;
	} __attribute__((packed)) zero_gdt;
	switch (which) {
	case 0: __asm__ volatile("cli"); break;
	case 1: __asm__ volatile("hlt"); break;
	case 2: __asm__ volatile("outb %%al, $0xf4" : : "a"(0x11)); break;   /* QEMU's exit port */
	case 3: { int v; __asm__ volatile("inb $0x60, %%al" : "=a"(v)); break; }
	case 4: __asm__ volatile("mov %0, %%cr3" : : "r"(0)); break;
	case 5: __asm__ volatile("lgdt %0" : : "m"(zero_gdt)); break;
	case 6: __asm__ volatile("wrmsr" : : "c"(0x10), "a"(0), "d"(0)); break;
	case 7: __asm__ volatile("int $0x80" : : "a"(1), "b"(0)); break;   /* exit(0) */
	case 8: __asm__ volatile("int $0x20"); break;                       /* the timer's vector */
	case 9: __asm__ volatile("fninit"); break;
	case 10: __asm__ volatile("ltr %w0" : : "r"(0x28)); break;
	case 11: __asm__ volatile("clts"); break;
	case 12: __asm__ volatile("int3"); break;
	default: __asm__ volatile("ud2"); break;
	}
	return -1;
}
PLUGIN_EXPORT(privileged, "i");

/* Clear IF with popf (silently ignored at IOPL 0), then spin. */
int popf_cli_spin(void)
{
	__asm__ volatile("pushf\n\t"
			 "andl $~0x200, (%%esp)\n\t"
			 "popf" ::: "memory", "cc");
	for (;;)
		__asm__ volatile("");
}
PLUGIN_EXPORT(popf_cli_spin, "");

/* ---- The stack ---- */

/* Push until the stack segment ends. */
int push_forever(void)
{
	__asm__ volatile("1: push %%eax\n\tjmp 1b" ::: "memory");
	return 0;
}
PLUGIN_EXPORT(push_forever, "");

/* Recurse until DEPTH (never reached: the stack ends first); not a tail call. */
int recurse(int n, int depth)
{
	volatile int frame[16];
	frame[n & 15] = n;
	if (n == depth)
		return 0;
	return recurse(n + 1, depth) + frame[(n + 1) & 15];
}
PLUGIN_EXPORT(recurse, "ii");

/* Point esp anywhere and push. */
int wild_esp(int esp)
{
	__asm__ volatile("mov %%esp, %%ebx\n\tmov %0, %%esp\n\tpush %%eax\n\tmov %%ebx, %%esp"
			 : : "r"(esp) : "ebx", "memory");
	return 0;
}
PLUGIN_EXPORT(wild_esp, "i");
