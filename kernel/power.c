/*
 * Power-off paths, tried in order until one takes effect. None of them
 * returns on an emulator that has the device; the final loop halts with
 * interrupts off, so a kernel that gets there stops quietly.
 */
#include "kernel/power.h"
#include "kernel/console.h"
#include "kernel/x86.h"

#define DEBUG_EXIT_PORT   0xF4    /* QEMU -device isa-debug-exit,iobase=0xf4 */
#define BOCHS_SHUTDOWN    0x8900  /* Bochs: write the string "Shutdown" */
#define QEMU_ACPI_PM1A    0x604   /* QEMU i440FX/PIIX4 ACPI PM1a control */
#define BOCHS_ACPI_PM1A   0xB004  /* older Bochs/QEMU */
#define ACPI_SLP_EN_S5    0x2000

static NORETURN void halt_forever(void)
{
	for (;;) {
		cli();
		hlt();
	}
}

static void bochs_shutdown(void)
{
	for (const char *p = "Shutdown"; *p; p++)
		outb(BOCHS_SHUTDOWN, (uint8_t)*p);
}

void power_exit(uint8_t code)
{
	console_flush();
	outb(DEBUG_EXIT_PORT, code);
	bochs_shutdown();
	halt_forever();
}

void power_off(void)
{
	console_flush();
	outw(QEMU_ACPI_PM1A, ACPI_SLP_EN_S5);
	outw(BOCHS_ACPI_PM1A, ACPI_SLP_EN_S5);
	bochs_shutdown();
	halt_forever();
}
