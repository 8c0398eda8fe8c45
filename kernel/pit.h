/*
 * The 8253/8254 programmable interval timer, channel 0, at PARAM_HZ
 * (1000 Hz): one tick is one millisecond of kernel time.
 */
#ifndef KERNEL_PIT_H
#define KERNEL_PIT_H

#include "kernel/kdefs.h"

/* Program channel 0 and start counting ticks (IRQ 0 unmasked). */
void pit_init(void);

/* Ticks since pit_init(). */
uint64_t pit_ticks(void);

/* Halt until at least MS milliseconds have passed. Needs interrupts enabled. */
void pit_sleep_ms(uint32_t ms);

struct trapframe;

/* A tick hook gets the frame of the code the timer interrupted. */
typedef void pit_hook_fn(struct trapframe *tf);

/* Register FN to run on every tick, in interrupt context; returns the hook it replaces. */
pit_hook_fn *pit_set_tick_hook(pit_hook_fn *fn);

#endif /* KERNEL_PIT_H */
