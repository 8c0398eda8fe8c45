/*
 * ELF32 loader. Every field read from the file is checked against the file
 * size or the user address range before use; the file may be hostile.
 */
#include "kernel/elf.h"
#include "kernel/pmm.h"
#include "kernel/string.h"
#include "kernel/vm.h"
#include "talos/errno.h"
#include "talos/syscall.h"

struct elf_header {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf_phdr {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

#define ET_EXEC  2
#define EM_386   3
#define PT_LOAD  1
#define PF_W     2
#define MAX_PHDRS 16
#define LOAD_LIMIT (USER_STACK_TOP - USER_STACK_SIZE)

static bool header_ok(const struct elf_header *h, uint32_t size)
{
	return memcmp(h->ident, "\x7f" "ELF", 4) == 0 && h->ident[4] == 1 /* 32-bit */ &&
	       h->ident[5] == 1 /* little-endian */ && h->type == ET_EXEC &&
	       h->machine == EM_386 && h->phentsize == sizeof(struct elf_phdr) &&
	       h->phnum > 0 && h->phnum <= MAX_PHDRS && h->phoff < size &&
	       size - h->phoff >= (uint32_t)h->phnum * sizeof(struct elf_phdr);
}

static bool segment_ok(const struct elf_phdr *ph, uint32_t size)
{
	return ph->filesz <= ph->memsz && ph->offset <= size && ph->filesz <= size - ph->offset &&
	       ph->vaddr >= USER_BASE && ph->vaddr < LOAD_LIMIT && ph->memsz <= LOAD_LIMIT - ph->vaddr;
}

/* Map (if needed) the page at VA and return its physical address, or 0. */
static uint32_t page_at(uint32_t *pd, uint32_t va, bool writable, uint32_t *pages)
{
	uint32_t pa, flags;
	if (vm_translate(pd, va, &pa, &flags)) {
		if (writable && !(flags & PTE_W))
			vm_map(pd, va, PTE_ADDR(pa), flags | PTE_W);   /* pages shared by two segments */
		return PTE_ADDR(pa);
	}
	pa = pmm_alloc_zeroed();
	if (!pa)
		return 0;
	if (vm_map(pd, va, pa, PTE_U | (writable ? PTE_W : 0)) != 0) {
		pmm_free(pa);
		return 0;
	}
	(*pages)++;
	return pa;
}

static int load_segment(uint32_t *pd, const uint8_t *data, const struct elf_phdr *ph,
			uint32_t *pages)
{
	bool writable = ph->flags & PF_W;
	uint32_t end = ph->vaddr + ph->memsz;
	for (uint32_t va = ALIGN_DOWN(ph->vaddr, PAGE_SIZE); va < end; va += PAGE_SIZE) {
		uint32_t pa = page_at(pd, va, writable, pages);
		if (!pa)
			return -ENOMEM;
		/* Copy the part of the file that falls in this page. */
		uint32_t lo = va > ph->vaddr ? va : ph->vaddr;
		uint32_t hi = va + PAGE_SIZE < ph->vaddr + ph->filesz ? va + PAGE_SIZE
								       : ph->vaddr + ph->filesz;
		if (lo < hi)
			memcpy((void *)(pa + (lo - va)), data + ph->offset + (lo - ph->vaddr), hi - lo);
	}
	return 0;
}

int elf_load(uint32_t *pd, const uint8_t *data, uint32_t size, struct elf_image *out)
{
	const struct elf_header *h = (const struct elf_header *)data;
	if (size < sizeof(*h) || !header_ok(h, size))
		return -ENOEXEC;
	if (h->entry < USER_BASE || h->entry >= LOAD_LIMIT)
		return -ENOEXEC;

	const struct elf_phdr *ph = (const struct elf_phdr *)(data + h->phoff);
	out->entry = h->entry;
	out->end = USER_BASE;
	out->pages = 0;
	int loaded = 0;
	for (int i = 0; i < h->phnum; i++) {
		if (ph[i].type != PT_LOAD)
			continue;
		if (!segment_ok(&ph[i], size))
			return -ENOEXEC;
		int err = load_segment(pd, data, &ph[i], &out->pages);
		if (err)
			return err;
		if (ph[i].vaddr + ph[i].memsz > out->end)
			out->end = ph[i].vaddr + ph[i].memsz;
		loaded++;
	}
	return loaded > 0 ? 0 : -ENOEXEC;
}
