/*
 * PIT driver. The tick counter is 64 bits and read with interrupts off,
 * so a reader never sees a torn value.
 */
#include "kernel/pit.h"
#include "kernel/panic.h"
#include "kernel/pic.h"
#include "kernel/trap.h"
#include "kernel/x86.h"
#include "talos/param.h"

#define PIT_CH0     0x40
#define PIT_CMD     0x43
#define PIT_INPUT_HZ 1193182u
#define PIT_CMD_CH0_RATEGEN 0x34   /* channel 0, lo/hi byte, mode 2 */

static volatile uint64_t ticks;
static pit_hook_fn *tick_hook;

static void pit_irq(struct trapframe *tf)
{
	ticks++;
	pic_eoi(IRQ_TIMER);
	if (tick_hook)
		tick_hook(tf);
}

void pit_init(void)
{
	uint32_t divisor = (PIT_INPUT_HZ + PARAM_HZ / 2) / PARAM_HZ;
	outb(PIT_CMD, PIT_CMD_CH0_RATEGEN);
	outb(PIT_CH0, divisor & 0xFF);
	outb(PIT_CH0, divisor >> 8);
	trap_set_handler(IRQ_BASE + IRQ_TIMER, pit_irq);
	pic_unmask(IRQ_TIMER);
}

uint64_t pit_ticks(void)
{
	bool was = irq_save();
	uint64_t t = ticks;
	irq_restore(was);
	return t;
}

void pit_sleep_ms(uint32_t ms)
{
	ASSERT(read_eflags() & EFLAGS_IF);
	uint64_t until = pit_ticks() + ms * (PARAM_HZ / 1000);
	while (pit_ticks() < until)
		hlt();
}

pit_hook_fn *pit_set_tick_hook(pit_hook_fn *fn)
{
	bool was = irq_save();
	pit_hook_fn *old = tick_hook;
	tick_hook = fn;
	irq_restore(was);
	return old;
}
