/*
 * Ending a run: QEMU's isa-debug-exit device (exit status = (code << 1) | 1),
 * Bochs's shutdown port, ACPI power-off. Codes are part of the test protocol.
 */
#ifndef KERNEL_POWER_H
#define KERNEL_POWER_H

#include "kernel/kdefs.h"

#define EXIT_SUITE_DONE 0x10   /* test suite finished: QEMU exits with status 33 */
#define EXIT_PANIC      0x11   /* kernel panic: QEMU exits with status 35 */

/* Leave the emulator with CODE; on real hardware, power off or halt. */
void power_exit(uint8_t code) NORETURN;

/* Power the machine off (QEMU exits with status 0). */
void power_off(void) NORETURN;

#endif /* KERNEL_POWER_H */
