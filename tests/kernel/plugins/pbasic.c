/*
 * Test plugin (tests/kernel/plugin_test.c): well-behaved exports, loops
 * for the reservation, and calls through the gate with bad arguments.
 */
#include "talos/plugin.h"

static int calls;                 /* data: kept between runs */
static const int table[4] = { 10, 20, 30, 40 };   /* rodata */
static int zeroed[64];            /* bss */

int nothing(void)
{
	return 0;
}
PLUGIN_EXPORT(nothing, "");

/* Six arguments in order, globals, rodata and bss all reachable. */
int mix(int a, int b, int c, int d, int e, int f)
{
	calls++;
	zeroed[a & 63] += 1;
	return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + table[f & 3] + zeroed[a & 63] * 1000 +
	       calls * 100000;
}
PLUGIN_EXPORT(mix, "iiiiii");

int counters(int i, int v)
{
	counter_set(i, v);
	trace(v + 1);
	return counter_get(i);
}
PLUGIN_EXPORT(counters, "ii");

int ticks_of(int task)
{
	return task_ticks(task);
}
PLUGIN_EXPORT(ticks_of, "t");

int raises(int code)
{
	raise(code);
	return 0;
}
PLUGIN_EXPORT(raises, "i");

int spin(void)
{
	for (;;)
		__asm__ volatile("");
}
PLUGIN_EXPORT(spin, "");

/* Nearly all of its time is inside the gate and the interface. */
int spin_iface(void)
{
	for (;;)
		time_ticks();
}
PLUGIN_EXPORT(spin_iface, "");

/* Runs until the tick counter reaches UNTIL, mostly in ring 1, so that a tick preempts it. */
int wait_until(int until)
{
	while (time_ticks() < until)
		for (volatile int i = 0; i < 1000; i++)
			;
	return calls;
}
PLUGIN_EXPORT(wait_until, "i");

/* ---- The gate, misused ---- */

/* lcall the interface gate with interface number N and no arguments. */
int gate_number(int n)
{
	int r;
	__asm__ volatile("lcall %2, $0" : "=a"(r) : "0"(n), "i"(PLUGIN_SEL_GATE)
			 : "ecx", "edx", "memory");
	return r;
}
PLUGIN_EXPORT(gate_number, "i");

/* counter_set with the stack pointer at ESP: its arguments lie above ESP + 4. */
int gate_stack(int esp)
{
	int r;
	__asm__ volatile("mov %%esp, %%ebx\n\t"
			 "mov %1, %%esp\n\t"
			 "call counter_set\n\t"
			 "mov %%ebx, %%esp"
			 : "=a"(r) : "r"(esp) : "ebx", "ecx", "edx", "memory");
	return r;
}
PLUGIN_EXPORT(gate_stack, "i");

/* task_ticks of capability index I, whatever it is. */
int gate_task(int i)
{
	return task_ticks(i);
}
PLUGIN_EXPORT(gate_task, "i");

/* set_attribute with a name at offset OFF of the data segment. */
int gate_name(int off)
{
	return set_attribute((const char *)off, 1);
}
PLUGIN_EXPORT(gate_name, "i");

/* Set DF, NT and AC, then call the gate and return with them still set. */
int dirty_flags(void)
{
	__asm__ volatile("pushf\n\t"
			 "orl $0x44400, (%%esp)\n\t"
			 "popf" ::: "memory", "cc");
	time_ticks();
	__asm__ volatile("pushf\n\t"
			 "orl $0x44400, (%%esp)\n\t"
			 "popf" ::: "memory", "cc");
	return 7;
}
PLUGIN_EXPORT(dirty_flags, "");

/* Set the trap flag right before a gate's lcall: 0 the interface gate, 1 the return gate. */
int trap_flag_gate(int which)
{
	if (which == 0)
		__asm__ volatile("xor %%eax, %%eax\n\t"
				 "pushf\n\t"
				 "orl $0x100, (%%esp)\n\t"
				 "popf\n\t"
				 "lcall %0, $0" : : "i"(PLUGIN_SEL_GATE) : "eax", "ecx", "edx", "memory");
	else
		__asm__ volatile("pushf\n\t"
				 "orl $0x100, (%%esp)\n\t"
				 "popf\n\t"
				 "lcall %0, $0" : : "i"(PLUGIN_SEL_RET) : "memory");
	return 0;
}
PLUGIN_EXPORT(trap_flag_gate, "i");
