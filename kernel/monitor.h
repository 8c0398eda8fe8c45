/*
 * The kernel monitor: a line-oriented console on COM1 for inspecting a
 * running kernel (memory, heap, timer) and powering it off.
 */
#ifndef KERNEL_MONITOR_H
#define KERNEL_MONITOR_H

#include "kernel/kdefs.h"

/* Read and run commands forever (until "poweroff"). Needs interrupts on. */
void monitor_run(void) NORETURN;

#endif /* KERNEL_MONITOR_H */
