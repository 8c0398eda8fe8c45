/*
 * 8259A PIC driver (master at 0x20, slave at 0xA0, cascaded on IRQ 2).
 */
#include "kernel/pic.h"
#include "kernel/trap.h"
#include "kernel/x86.h"

#define PIC1_CMD  0x20
#define PIC1_DATA 0x21
#define PIC2_CMD  0xA0
#define PIC2_DATA 0xA1
#define PIC_EOI   0x20
#define ICW1_INIT_ICW4 0x11
#define ICW4_8086 0x01
#define OCW3_READ_ISR 0x0B

static uint16_t mask = 0xFFFF & ~(1u << 2);   /* all masked but the cascade */
static uint32_t spurious;

static void write_mask(void)
{
	outb(PIC1_DATA, mask & 0xFF);
	outb(PIC2_DATA, mask >> 8);
}

void pic_init(void)
{
	outb(PIC1_CMD, ICW1_INIT_ICW4);
	outb(PIC2_CMD, ICW1_INIT_ICW4);
	outb(PIC1_DATA, IRQ_BASE);        /* ICW2: vector offsets */
	outb(PIC2_DATA, IRQ_BASE + 8);
	outb(PIC1_DATA, 1u << 2);         /* ICW3: slave on IRQ 2 */
	outb(PIC2_DATA, 2);               /* ICW3: slave identity */
	outb(PIC1_DATA, ICW4_8086);
	outb(PIC2_DATA, ICW4_8086);
	write_mask();
}

void pic_unmask(int irq)
{
	bool was = irq_save();
	mask &= ~(1u << irq);
	write_mask();
	irq_restore(was);
}

void pic_mask(int irq)
{
	bool was = irq_save();
	mask |= 1u << irq;
	write_mask();
	irq_restore(was);
}

void pic_eoi(int irq)
{
	if (irq >= 8)
		outb(PIC2_CMD, PIC_EOI);
	outb(PIC1_CMD, PIC_EOI);
}

/* IRQ 7 and 15 may be spurious: the in-service bit tells a real one. */
static bool in_service(int irq)
{
	uint16_t port = irq >= 8 ? PIC2_CMD : PIC1_CMD;
	outb(port, OCW3_READ_ISR);
	return (inb(port) & (1u << (irq & 7))) != 0;
}

void pic_spurious(int irq)
{
	spurious++;
	if ((irq == 7 || irq == 15) && !in_service(irq)) {
		if (irq == 15)
			outb(PIC1_CMD, PIC_EOI);  /* the master did see the cascade */
		return;
	}
	pic_eoi(irq);
}

uint32_t pic_spurious_count(void)
{
	return spurious;
}
