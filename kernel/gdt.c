/*
 * The TSS. Only ss0/esp0 matter (no hardware task switching); the I/O map
 * base points past the segment's end, so user mode and ring 1 (kernel
 * plugins, IOPL 0) have no I/O ports. ss1/esp1 stay zero: nothing ever
 * switches into ring 1 from an outer ring (plugins enter ring 1 by iret
 * with their own stack; their interrupts and gates go to ring 0).
 */
#include "kernel/gdt.h"
#include "kernel/string.h"

struct tss {
	uint32_t prev;
	uint32_t esp0, ss0;          /* stack for traps from ring 3 */
	uint32_t esp1, ss1, esp2, ss2;
	uint32_t cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint32_t es, cs, ss, ds, fs, gs, ldt;
	uint16_t trap, iomap_base;
} __attribute__((packed));

extern uint64_t gdt_table[];
static struct tss tss;

void gdt_init_tss(void)
{
	memset(&tss, 0, sizeof(tss));
	tss.ss0 = SEG_KDATA;
	tss.iomap_base = sizeof(tss);

	uint32_t base = (uint32_t)&tss, limit = sizeof(tss) - 1;
	/* Present, DPL 0, 32-bit available TSS (type 9), byte granularity. */
	gdt_table[SEG_TSS / 8] = (limit & 0xFFFF) | ((uint64_t)(base & 0xFFFFFF) << 16) |
				 ((uint64_t)0x89 << 40) | ((uint64_t)((limit >> 16) & 0xF) << 48) |
				 ((uint64_t)(base >> 24) << 56);
	__asm__ volatile("ltr %w0" : : "r"(SEG_TSS));
}

void gdt_set_kernel_stack(uint32_t esp0)
{
	tss.esp0 = esp0;
}

uint32_t gdt_kernel_stack(void)
{
	return tss.esp0;
}

void gdt_set_descriptor(uint32_t sel, uint64_t desc)
{
	gdt_table[sel / 8] = desc;
}

#define DESC_PRESENT (1ull << 47)

void gdt_set_present(uint32_t sel, bool present)
{
	if (present)
		gdt_table[sel / 8] |= DESC_PRESENT;
	else
		gdt_table[sel / 8] &= ~DESC_PRESENT;
}
