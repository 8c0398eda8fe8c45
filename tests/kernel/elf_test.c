/*
 * Tests of the ELF loader (kernel/elf.c) on executables built in memory:
 * a valid one is mapped with the right contents and permissions, and every
 * malformed or foreign one is refused with -ENOEXEC and maps nothing that
 * the test's own address space does not free.
 */
#include "kernel/elf.h"
#include "kernel/ktest.h"
#include "kernel/pmm.h"
#include "kernel/string.h"
#include "kernel/vm.h"
#include "talos/errno.h"
#include "talos/syscall.h"

struct test_elf {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
	struct {
		uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
	} ph[2];
	uint8_t text[16];
	uint8_t data[8];
};

/* Two segments: read-only text at USER_BASE, writable data + bss a page later. */
static void make_elf(struct test_elf *e)
{
	memset(e, 0, sizeof(*e));
	memcpy(e->ident, "\x7f" "ELF\x01\x01\x01", 7);
	e->type = 2;
	e->machine = 3;
	e->version = 1;
	e->entry = USER_BASE;
	e->phoff = 52;
	e->ehsize = 52;
	e->phentsize = 32;
	e->phnum = 2;
	e->ph[0].type = 1;
	e->ph[0].offset = (uint32_t)((uint8_t *)e->text - (uint8_t *)e);
	e->ph[0].vaddr = USER_BASE;
	e->ph[0].filesz = e->ph[0].memsz = sizeof(e->text);
	e->ph[0].flags = 5;                      /* read + execute */
	e->ph[1].type = 1;
	e->ph[1].offset = (uint32_t)((uint8_t *)e->data - (uint8_t *)e);
	e->ph[1].vaddr = USER_BASE + PAGE_SIZE;
	e->ph[1].filesz = sizeof(e->data);
	e->ph[1].memsz = 2 * PAGE_SIZE;          /* data + bss spilling into a second page */
	e->ph[1].flags = 6;                      /* read + write */
	for (int i = 0; i < 16; i++)
		e->text[i] = (uint8_t)(0x90 + i);
	for (int i = 0; i < 8; i++)
		e->data[i] = (uint8_t)(0xA0 + i);
}

static uint32_t *new_pd(void)
{
	uint32_t *pd = (uint32_t *)pmm_alloc_zeroed();
	memcpy(pd, vm_kernel_pd(), (PARAM_KERNEL_SPACE >> 22) * 4);
	return pd;
}

/* Free the user half of PD and PD itself; returns the user pages freed. */
static uint32_t free_pd(uint32_t *pd)
{
	uint32_t pages = 0;
	for (uint32_t i = PARAM_KERNEL_SPACE >> 22; i < 1024; i++) {
		if (!(pd[i] & PTE_P))
			continue;
		uint32_t *pt = (uint32_t *)PTE_ADDR(pd[i]);
		for (int j = 0; j < 1024; j++)
			if (pt[j] & PTE_P) {
				pmm_free(PTE_ADDR(pt[j]));
				pages++;
			}
		pmm_free((uint32_t)pt);
	}
	pmm_free((uint32_t)pd);
	return pages;
}

static struct test_elf elf;

KTEST(elf, valid_executable_mapped)
{
	make_elf(&elf);
	uint32_t *pd = new_pd();
	struct elf_image img;
	KT_EXPECT_EQ(elf_load(pd, (uint8_t *)&elf, sizeof(elf), &img), 0);
	KT_EXPECT_EQ(img.entry, USER_BASE);
	KT_EXPECT_EQ(img.end, USER_BASE + 3 * PAGE_SIZE);
	KT_EXPECT_EQ(img.pages, 3);
	uint32_t pa, flags;
	KT_EXPECT(vm_translate(pd, USER_BASE + 3, &pa, &flags));
	KT_EXPECT_EQ(*(uint8_t *)pa, 0x93);
	KT_EXPECT((flags & PTE_U) && !(flags & PTE_W));   /* text is read-only */
	KT_EXPECT(vm_translate(pd, USER_BASE + PAGE_SIZE + 7, &pa, &flags));
	KT_EXPECT_EQ(*(uint8_t *)pa, 0xA7);
	KT_EXPECT(flags & PTE_W);
	KT_EXPECT(vm_translate(pd, USER_BASE + PAGE_SIZE + 100, &pa, NULL));
	KT_EXPECT_EQ(*(uint8_t *)pa, 0);                   /* bss is zero */
	KT_EXPECT_EQ(free_pd(pd), 3);
}

/* Load a corrupted copy; it must be refused. */
static void expect_refused(const char *what)
{
	uint32_t before = pmm_free_pages();
	uint32_t *pd = new_pd();
	struct elf_image img;
	int err = elf_load(pd, (uint8_t *)&elf, sizeof(elf), &img);
	free_pd(pd);
	if (err != -ENOEXEC)
		KT_FAIL("%s: elf_load returned %d, want -ENOEXEC", what, err);
	KT_EXPECT_EQ(pmm_free_pages(), before);
}

KTEST(elf, foreign_and_malformed_refused)
{
	make_elf(&elf); elf.ident[0] = 'X';            expect_refused("bad magic");
	make_elf(&elf); elf.ident[4] = 2;              expect_refused("64-bit class");
	make_elf(&elf); elf.machine = 62;              expect_refused("x86-64 machine");
	make_elf(&elf); elf.type = 3;                  expect_refused("shared object");
	make_elf(&elf); elf.phnum = 0;                 expect_refused("no program headers");
	make_elf(&elf); elf.phoff = 0xFFFFFFF0u;       expect_refused("headers past the end");
	make_elf(&elf); elf.entry = 0x100000;          expect_refused("entry in kernel space");
	make_elf(&elf); elf.ph[0].vaddr = 0x1000;      expect_refused("segment in kernel space");
	make_elf(&elf); elf.ph[1].memsz = 0xC0000000u; expect_refused("segment wrapping past user space");
	make_elf(&elf); elf.ph[0].filesz = 64;         expect_refused("filesz larger than memsz");
	make_elf(&elf); elf.ph[1].offset = 0x7FFFFFFF; expect_refused("segment data past the file");
	make_elf(&elf); elf.ph[0].type = 4; elf.ph[1].type = 4; expect_refused("no loadable segment");
}

KTEST(elf, truncated_file_refused)
{
	make_elf(&elf);
	uint32_t *pd = new_pd();
	struct elf_image img;
	for (uint32_t len = 0; len < 52 + 64; len += 7)
		if (elf_load(pd, (uint8_t *)&elf, len, &img) != -ENOEXEC)
			KT_FAIL("a %u-byte prefix was accepted", len);
	free_pd(pd);
}
