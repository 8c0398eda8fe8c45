/*
 * Tests of trap handling (kernel/trap.c): CPU exceptions raised on purpose
 * reach a registered handler, which resumes after the instruction.
 */
#include "kernel/ktest.h"
#include "kernel/trap.h"
#include "kernel/string.h"
#include "tests/kernel/catch.h"

KTEST(trap, invalid_opcode_caught)
{
	uint32_t here;
	catch_begin(T_ILLOP, 2);
	__asm__ volatile("call 1f\n1: pop %0\n ud2" : "=r"(here));
	struct caught c = catch_end();
	KT_EXPECT_EQ(c.count, 1);
	KT_EXPECT(c.eip > here && c.eip < here + 8);    /* EIP points at the ud2 */
}

KTEST(trap, breakpoint_caught)
{
	catch_begin(T_BRKPT, 0);                      /* int3 reports the next EIP */
	__asm__ volatile("int3");
	struct caught c = catch_end();
	KT_EXPECT_EQ(c.count, 1);
}

KTEST(trap, divide_error_caught)
{
	catch_begin(T_DIVIDE, 2);
	/* div ecx (f7 f1) with ecx = 0 */
	__asm__ volatile("xor %%edx, %%edx\n .byte 0xf7, 0xf1" : : "a"(1), "c"(0) : "edx");
	struct caught c = catch_end();
	KT_EXPECT_EQ(c.count, 1);
}

KTEST(trap, general_protection_caught)
{
	catch_begin(T_GPFLT, 2);
	/* mov ds, ax (8e d8) with selector 0x30, past the end of the GDT */
	__asm__ volatile(".byte 0x8e, 0xd8\n mov $0x10, %%ax\n mov %%ax, %%ds" : : "a"(0x30) : "memory");
	struct caught c = catch_end();
	KT_EXPECT_EQ(c.count, 1);
	KT_EXPECT_EQ(c.err, 0x30);                    /* the faulting selector, in the error code */
}

KTEST(trap, exception_names)
{
	KT_EXPECT_STR(trap_name(T_PGFLT), "page fault");
	KT_EXPECT_STR(trap_name(T_DIVIDE), "divide error");
	KT_EXPECT_STR(trap_name(IRQ_BASE + 3), "hardware interrupt");
	KT_EXPECT_STR(trap_name(T_SYSCALL), "system call");
}
