/*
 * PANIC: report, backtrace, end the run.
 *
 * A panic must work even when the kernel is badly broken, so it uses only the
 * polled serial path, touches no heap, and guards against a panic inside a
 * panic (the second one just halts after one line).
 */
#include "kernel/panic.h"
#include "kernel/console.h"
#include "kernel/kprintf.h"
#include "kernel/ksyms.h"
#include "kernel/power.h"
#include "kernel/trap.h"
#include "kernel/x86.h"
#include "talos/param.h"

static int panicking;

/* A frame pointer we may follow: inside kernel space, aligned, non-zero. */
static bool frame_ok(uint32_t ebp)
{
	return ebp != 0 && (ebp & 3) == 0 && ebp < PARAM_KERNEL_SPACE - 8 && ebp >= 0x1000;
}

static void print_frame(int depth, uint32_t eip)
{
	uint32_t off;
	const char *name = ksyms_lookup(eip, &off);
	if (name)
		kprintf("  #%d %08x %s+0x%x\n", depth, eip, name, off);
	else
		kprintf("  #%d %08x ?\n", depth, eip);
}

void backtrace_from(uint32_t eip, uint32_t ebp)
{
	kprintf("backtrace:\n");
	print_frame(0, eip);
	for (int depth = 1; depth < PARAM_BACKTRACE_DEPTH && frame_ok(ebp); depth++) {
		uint32_t *frame = (uint32_t *)ebp;
		uint32_t ret = frame[1];
		if (ret == 0)
			break;
		/* The call instruction is just before the return address. */
		print_frame(depth, ret - 1);
		ebp = frame[0];
	}
}

/* Enter panic mode; returns false if we were already panicking. */
static bool panic_enter(void)
{
	cli();
	if (panicking++) {
		console_write_raw("PANIC (nested): giving up\n");
		power_exit(EXIT_PANIC);
	}
	return true;
}

static NORETURN void panic_finish(void)
{
	kprintf("KT exit panic\n");
	console_flush();
	power_exit(EXIT_PANIC);
}

void panic_at(const char *file, int line, const char *func, const char *fmt, ...)
{
	panic_enter();
	va_list ap;
	va_start(ap, fmt);
	kprintf("PANIC at %s:%d (%s): ", file, line, func);
	vkprintf(fmt, ap);
	va_end(ap);
	kprintf("\n");

	uint32_t ebp = read_ebp();
	kprintf("  cr0=%08x cr2=%08x cr3=%08x ebp=%08x\n", read_cr0(), read_cr2(), read_cr3(), ebp);
	backtrace_from((uint32_t)__builtin_return_address(0) - 1, *(uint32_t *)ebp);
	panic_finish();
}

void panic_trap(const struct trapframe *tf, const char *fmt, ...)
{
	panic_enter();
	va_list ap;
	va_start(ap, fmt);
	kprintf("PANIC at trap: ");
	vkprintf(fmt, ap);
	va_end(ap);
	kprintf("\n");
	trap_dump(tf);
	if ((tf->cs & 3) == 0)
		backtrace_from(tf->eip, tf->ebp);
	panic_finish();
}
