/*
 * The IDT and trap dispatch.
 *
 * Vectors 0-47 and 128 have entry stubs (boot/isr.asm). An exception with
 * no registered handler kills the user process that raised it (after giving
 * a growing stack its page) or, raised by the kernel, panics with its name,
 * error code, EIP and CR2; a stray IRQ is counted and acknowledged. Every
 * trap ends by letting the scheduler switch tasks if it wants to.
 */
#include "kernel/trap.h"
#include "kernel/kprintf.h"
#include "kernel/panic.h"
#include "kernel/pic.h"
#include "kernel/proc.h"
#include "kernel/x86.h"
#include "sched/sched.h"
#include "talos/syscall.h"

struct idt_gate {
	uint16_t offset_lo;
	uint16_t selector;
	uint8_t zero;
	uint8_t type_attr;    /* present, DPL, gate type */
	uint16_t offset_hi;
} __attribute__((packed));

struct idt_desc {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

#define GATE_INTR_KERNEL 0x8E  /* present, DPL 0, 32-bit interrupt gate */
#define GATE_INTR_USER   0xEE  /* present, DPL 3: reachable by int from ring 3 */
#define KERNEL_CS        0x08

extern const uint32_t isr_stub_table[48];
extern void isr128(void);

static struct idt_gate idt[TRAP_VECTORS];
static trap_handler_fn *handlers[TRAP_VECTORS];

static const char *const exception_names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow",
	"bound range exceeded", "invalid opcode", "device not available",
	"double fault", "coprocessor segment overrun", "invalid TSS",
	"segment not present", "stack-segment fault", "general protection fault",
	"page fault", "reserved (15)", "x87 floating-point error",
	"alignment check", "machine check", "SIMD floating-point error",
	"virtualization exception", "control protection", "reserved (22)",
	"reserved (23)", "reserved (24)", "reserved (25)", "reserved (26)",
	"reserved (27)", "reserved (28)", "reserved (29)", "security exception",
	"reserved (31)",
};

static void set_gate(int vector, uint32_t handler, uint8_t type_attr)
{
	idt[vector].offset_lo = handler & 0xFFFF;
	idt[vector].selector = KERNEL_CS;
	idt[vector].zero = 0;
	idt[vector].type_attr = type_attr;
	idt[vector].offset_hi = handler >> 16;
}

void idt_init(void)
{
	for (int v = 0; v < 48; v++)
		set_gate(v, isr_stub_table[v], GATE_INTR_KERNEL);
	set_gate(T_SYSCALL, (uint32_t)isr128, GATE_INTR_USER);
	/* int3 and into are instructions a program may use: they trap as themselves. */
	set_gate(T_BRKPT, isr_stub_table[T_BRKPT], GATE_INTR_USER);
	set_gate(T_OFLOW, isr_stub_table[T_OFLOW], GATE_INTR_USER);

	struct idt_desc desc = { sizeof(idt) - 1, (uint32_t)idt };
	__asm__ volatile("lidt %0" : : "m"(desc));
}

trap_handler_fn *trap_set_handler(int vector, trap_handler_fn *handler)
{
	ASSERT(vector >= 0 && vector < TRAP_VECTORS);
	bool was = irq_save();
	trap_handler_fn *old = handlers[vector];
	handlers[vector] = handler;
	irq_restore(was);
	return old;
}

const char *trap_name(uint32_t vector)
{
	if (vector < 32)
		return exception_names[vector];
	if (vector >= IRQ_BASE && vector < IRQ_BASE + 16)
		return "hardware interrupt";
	if (vector == T_SYSCALL)
		return "system call";
	return "interrupt";
}

void trap_dump(const struct trapframe *tf)
{
	kprintf("  eax=%08x ebx=%08x ecx=%08x edx=%08x\n", tf->eax, tf->ebx, tf->ecx, tf->edx);
	kprintf("  esi=%08x edi=%08x ebp=%08x esp=%08x\n", tf->esi, tf->edi, tf->ebp,
		(tf->cs & 3) ? tf->user_esp : tf->esp_at_pushad + 36);
	kprintf("  eip=%08x cs=%04x ds=%04x eflags=%08x cr2=%08x cr3=%08x\n",
		tf->eip, tf->cs, tf->ds, tf->eflags, read_cr2(), read_cr3());
}

/* The signal a user-mode exception kills its process with. */
static int fault_signal(uint32_t vector)
{
	switch (vector) {
	case T_DIVIDE: return SIGFPE;
	case 16:       return SIGFPE;        /* x87 floating-point error */
	case 19:       return SIGFPE;        /* SIMD floating-point error */
	case T_ILLOP:  return SIGILL;
	case T_BRKPT:  return SIGTRAP;
	default:       return SIGSEGV;
	}
}

void trap_unhandled(struct trapframe *tf)
{
	bool user = (tf->cs & 3) == 3;
	if (tf->vector == T_PGFLT) {
		uint32_t addr = read_cr2();
		if (user && !(tf->err & 1) && proc_grow_stack(addr))
			return;
		if (user)
			proc_fault(tf, SIGSEGV);
		panic_trap(tf, "unhandled page fault at %08x (%s, %s, %s mode)", addr,
			   (tf->err & 1) ? "protection violation" : "page not present",
			   (tf->err & 2) ? "write" : "read", (tf->err & 4) ? "user" : "kernel");
	}
	if (user && tf->vector < 32)
		proc_fault(tf, fault_signal(tf->vector));
	panic_trap(tf, "unhandled %s (vector %u, error code %x) at eip %08x",
		   trap_name(tf->vector), tf->vector, tf->err, tf->eip);
}

void trap_dispatch(struct trapframe *tf)
{
	trap_handler_fn *h = handlers[tf->vector];
	if (h)
		h(tf);
	else if (tf->vector >= IRQ_BASE && tf->vector < IRQ_BASE + 16)
		pic_spurious(tf->vector - IRQ_BASE);
	else
		trap_unhandled(tf);

	/* On the way out: maybe switch tasks, and end a killed process. */
	sched_trap_exit(tf);
	if ((tf->cs & 3) == 3)
		proc_return_to_user(tf);
}
