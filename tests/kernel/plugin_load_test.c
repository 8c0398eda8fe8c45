/*
 * Tests of the plugin linker (ext/plugin_load.c) on corrupt objects: each
 * takes a copy of tests/kernel/plugins/pbasic.c's object, breaks one field
 * of its header, sections, symbols, relocations or export descriptors, and
 * expects the rejection and the words that say where and why, with
 * nothing left allocated. Then thousands of random byte changes: every
 * load either links or says why not, and the heap is as before.
 */
#include "tests/kernel/ext_objs.h"
#include "ext/plugin.h"
#include "kernel/kheap.h"
#include "kernel/ktest.h"
#include "kernel/string.h"
#include "talos/errno.h"
#include "talos/plugin.h"

PLUGIN_OBJ(pbasic);

/* The ELF32 layout the mutations edit (as ext/plugin_load.c reads it). */
struct ehdr {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct shdr {
	uint32_t name, type, flags, addr, offset, size, link, info, addralign, entsize;
};
struct sym {
	uint32_t name, value, size;
	uint8_t info, other;
	uint16_t shndx;
};
struct rel {
	uint32_t offset, info;
};

static uint8_t *obj;              /* the copy being broken */
static uint32_t obj_len;
static char msg[512];

static void fresh_copy(void)
{
	obj_len = (uint32_t)(ktest_plugin_pbasic_end - ktest_plugin_pbasic);
	if (!obj)
		obj = kmalloc(obj_len);
	if (!obj)
		KT_FAIL("no memory for a copy");
	memcpy(obj, ktest_plugin_pbasic, obj_len);
}

static struct ehdr *hdr(void)
{
	return (struct ehdr *)obj;
}

static struct shdr *section(const char *name)
{
	struct shdr *sh = (struct shdr *)(obj + hdr()->shoff);
	const char *names = (const char *)obj + sh[hdr()->shstrndx].offset;
	for (int i = 0; i < hdr()->shnum; i++)
		if (strcmp(names + sh[i].name, name) == 0)
			return &sh[i];
	KT_FAIL("no section %s", name);
}

static struct sym *symbol(const char *name)
{
	struct shdr *st = section(".symtab"), *str = section(".strtab");
	struct sym *s = (struct sym *)(obj + st->offset);
	for (uint32_t i = 0; i < st->size / sizeof(*s); i++)
		if (strcmp((const char *)obj + str->offset + s[i].name, name) == 0)
			return &s[i];
	KT_FAIL("no symbol %s", name);
}

static struct rel *first_rel(void)
{
	return (struct rel *)(obj + section(".rel.text")->offset);
}

static bool contains(const char *s, const char *part)
{
	size_t n = strlen(part);
	for (; *s; s++)
		if (strncmp(s, part, n) == 0)
			return true;
	return false;
}

/* Load the broken copy: expect ERR and a message containing WHAT; nothing may leak. */
static void expect_rejected(int err, const char *what)
{
	struct kheap_stats before, after;
	kheap_get_stats(&before);
	struct ext *e = NULL;
	int got = ext_load(obj, obj_len, "broken", &e, msg, sizeof(msg));
	if (got == 0)
		kobj_put(&e->obj);
	kheap_get_stats(&after);
	if (got != err || !contains(msg, what))
		KT_FAIL("got %d \"%s\"; expected %d and \"%s\"", got, msg, err, what);
	KT_EXPECT_EQ(after.used_bytes, before.used_bytes);
	KT_EXPECT_EQ(after.used_blocks, before.used_blocks);
	fresh_copy();
}

KTEST(plugin_load, corrupt_header_rejected_with_reason)
{
	plugin_allow_unisolated(true);
	fresh_copy();
	obj_len = 20;
	expect_rejected(-EREJECT, "E_PLUGIN header: the file has 20 bytes");
	hdr()->ident[4] = 2;
	expect_rejected(-EREJECT, "E_PLUGIN header: class 2, data 1");
	hdr()->type = 2;
	expect_rejected(-EREJECT, "E_PLUGIN header: type 2, machine 3");
	hdr()->machine = 62;
	expect_rejected(-EREJECT, "type 1, machine 62");
	hdr()->shoff = obj_len - 8;
	expect_rejected(-EREJECT, "E_PLUGIN header: section headers at offset");
	hdr()->shnum = 200;
	expect_rejected(-EREJECT, "E_PLUGIN header: 200 section headers");
	hdr()->shentsize = 48;
	expect_rejected(-EREJECT, "section headers of 48 bytes");
	hdr()->shstrndx = 1;
	expect_rejected(-EREJECT, "E_PLUGIN header: section name table 1 is not a string table");
}

KTEST(plugin_load, corrupt_sections_rejected_with_reason)
{
	plugin_allow_unisolated(true);
	fresh_copy();
	section(".text")->offset = obj_len - 4;
	expect_rejected(-EREJECT, "(.text): contents at");
	section(".text")->size = 0xFFFFFFF0u;
	expect_rejected(-EREJECT, "(.text): contents at");
	section(".text")->addralign = 3;
	expect_rejected(-EREJECT, "(.text): alignment 3 is not a power of two");
	section(".bss")->size = 0x10000000;
	expect_rejected(-EREJECT, "(.bss): 268435456 bytes; the plugin may have 262144");
	section(".data")->type = 14;                      /* SHT_INIT_ARRAY */
	expect_rejected(-EREJECT, "(.data): a loaded section of type 14");
	section(".rel.text")->type = 4;                   /* SHT_RELA */
	expect_rejected(-EREJECT, "(.rel.text): RELA relocations");
	section(".symtab")->entsize = 17;
	expect_rejected(-EREJECT, "(.symtab): 672 bytes of 17-byte symbols");
	section(".symtab")->type = 1;
	expect_rejected(-EREJECT, "E_PLUGIN: no symbol table");
	section(".plugin.exports")->size += 1;
	expect_rejected(-EREJECT, "E_PLUGIN section .plugin.exports: 561 bytes, not up to 256");
}

KTEST(plugin_load, corrupt_relocations_rejected_with_reason)
{
	plugin_allow_unisolated(true);
	fresh_copy();
	uint32_t text = section(".text")->size;
	first_rel()->offset = text - 3;
	expect_rejected(-EREJECT, "E_PLUGIN relocation 0 of .text: offset");
	first_rel()->offset = 0xFFFFFFFEu;
	expect_rejected(-EREJECT, "E_PLUGIN relocation 0 of .text: offset 4294967294 outside");
	first_rel()->info = (first_rel()->info & ~0xFFu) | 10;    /* R_386_GOTPC */
	expect_rejected(-EREJECT, "type 10; only R_386_32 and R_386_PC32");
	first_rel()->info = (4000u << 8) | 1;
	expect_rejected(-EREJECT, "E_PLUGIN relocation 0 of .text: symbol 4000 does not exist");
	first_rel()->info = 1;                                    /* symbol 0 */
	expect_rejected(-EREJECT, "symbol 0 does not exist");
	section(".rel.text")->info = 99;
	expect_rejected(-EREJECT, "(.rel.text): relocates section 99, which does not exist");
	section(".rel.text")->info = 4;                           /* .bss */
	expect_rejected(-EREJECT, "(.rel.text): relocations of .bss, which has no contents");
	section(".rel.text")->link = 0;
	expect_rejected(-EREJECT, "(.rel.text): not 8-byte relocations against the symbol table");
	/* A relocation against a section that is not loaded (.comment). */
	struct sym *syms = (struct sym *)(obj + section(".symtab")->offset);
	syms[first_rel()->info >> 8].shndx = (uint16_t)(section(".comment") - section(""));
	expect_rejected(-EREJECT, "is in a section that is not loaded");
}

KTEST(plugin_load, corrupt_symbols_and_exports_rejected_with_reason)
{
	plugin_allow_unisolated(true);
	fresh_copy();
	symbol("mix")->name = 0x00FFFFFF;
	expect_rejected(-EREJECT, "name offset 16777215 outside its string table");
	symbol("mix")->shndx = 0xFFF2;                    /* SHN_COMMON */
	expect_rejected(-EREJECT, "E_PLUGIN symbol mix: a common symbol");
	symbol("mix")->shndx = 50;
	expect_rejected(-EREJECT, "E_PLUGIN symbol mix: section 50 does not exist");
	symbol("mix")->value = 0x10000;
	expect_rejected(-EREJECT, "E_PLUGIN symbol mix: value 65536 beyond the end of .text");
	/* An undefined symbol that is no kernel interface. */
	char *name = (char *)obj + section(".strtab")->offset + symbol("counter_set")->name;
	name[10] = 'x';
	expect_rejected(-ELINK, "E_LINK symbol counter_sex: undefined, and no kernel interface");
	struct plugin_export_desc *d = (struct plugin_export_desc *)(obj +
								    section(".plugin.exports")->offset);
	int n = (int)(section(".plugin.exports")->size / sizeof(*d)), mix = -1;
	for (int i = 0; i < n; i++)
		if (strcmp(d[i].name, "mix") == 0)
			mix = i;
	KT_EXPECT(mix >= 0);
	d[mix].name[2] = 'X';
	expect_rejected(-ELINK, "E_LINK export miX: no global function of that name");
	d = (struct plugin_export_desc *)(obj + section(".plugin.exports")->offset);
	d[mix].args[5] = 'x';
	expect_rejected(-ELINK, "E_LINK export mix: argument 6 is 'x'");
	d = (struct plugin_export_desc *)(obj + section(".plugin.exports")->offset);
	memset(d[mix].args, 'i', sizeof(d[mix].args));
	expect_rejected(-EREJECT, "name or arguments not a NUL-terminated string");
	d = (struct plugin_export_desc *)(obj + section(".plugin.exports")->offset);
	strlcpy(d[mix].args, "iiiiiii", sizeof(d[mix].args));
	expect_rejected(-ELINK, "E_LINK export mix: 7 arguments, at most 6");
	d = (struct plugin_export_desc *)(obj + section(".plugin.exports")->offset);
	strlcpy(d[(mix + 1) % n].name, "mix", sizeof(d[0].name));
	expect_rejected(-EREJECT, "declared twice");
}

/* Random single-byte changes: each load links or is refused, the heap is as before. */
KTEST(plugin_load, random_corruption_never_hurts)
{
	plugin_allow_unisolated(true);
	fresh_copy();
	struct kheap_stats before, after;
	kheap_get_stats(&before);
	uint32_t x = 0x2545F491u, linked = 0, refused = 0;
	for (int i = 0; i < 1000; i++) {
		for (int k = 0; k < 1 + i % 3; k++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			obj[x % obj_len] = (uint8_t)(x >> 8);
		}
		struct ext *e = NULL;
		if (ext_load(obj, obj_len, "fuzz", &e, msg, sizeof(msg)) == 0) {
			linked++;
			kobj_put(&e->obj);
		} else {
			refused++;
			KT_EXPECT(msg[0] == 'E' || strncmp(msg, "out of kernel memory", 20) == 0);
		}
		memcpy(obj, ktest_plugin_pbasic, obj_len);
	}
	kheap_get_stats(&after);
	KT_EXPECT_EQ(after.used_bytes, before.used_bytes);
	KT_EXPECT_EQ(after.used_blocks, before.used_blocks);
	KT_EXPECT(refused > 100 && linked > 100);
	kfree(obj);
	obj = NULL;
}
