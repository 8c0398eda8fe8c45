/*
 * Linking a kernel plugin (contract in ext/plugin.h): an ELF32 relocatable
 * object for i386, as `gcc -c` writes it. Nothing in the file is trusted:
 * every offset, size, index and string is checked against the file before
 * it is used, and an error names the section, symbol or relocation and
 * what was wrong with it. Linking is all there is: the code is not
 * verified, the processor isolates it.
 */
#include "ext/plugin.h"
#include "ext/ext.h"
#include "ext/iface.h"
#include "kernel/kheap.h"
#include "kernel/kprintf.h"
#include "kernel/string.h"
#include "talos/errno.h"
#include "talos/objects.h"
#include "talos/plugin.h"

/* The ELF32 structures the linker reads (System V ABI, i386 supplement). */
struct elf_ehdr {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct elf_shdr {
	uint32_t name, type, flags, addr, offset, size, link, info, addralign, entsize;
};
struct elf_sym {
	uint32_t name, value, size;
	uint8_t info, other;
	uint16_t shndx;
};
struct elf_rel {
	uint32_t offset, info;
};

#define ET_REL        1
#define EM_386        3
#define SHT_PROGBITS  1
#define SHT_SYMTAB    2
#define SHT_STRTAB    3
#define SHT_RELA      4
#define SHT_NOTE      7
#define SHT_NOBITS    8
#define SHT_REL       9
#define SHF_ALLOC     2
#define SHF_EXECINSTR 4
#define SHN_UNDEF     0
#define SHN_LORESERVE 0xff00
#define SHN_ABS       0xfff1
#define SHN_COMMON    0xfff2
#define STB_GLOBAL    1
#define STT_FUNC      2
#define R_386_32      1
#define R_386_PC32    2
#define R_386_PLT32   4

/* What the linker knows about the object while it works. */
struct link {
	const uint8_t *obj;
	uint32_t len;
	const struct elf_shdr *sh;      /* section headers */
	uint32_t nsec;
	const struct elf_shdr *shstr;   /* section names */
	const struct elf_sym *sym;      /* symbol table */
	uint32_t nsym, symtab;          /* its entries, its section index */
	const struct elf_shdr *str;     /* symbol names */
	uint32_t off[PARAM_PLUGIN_SECTIONS];   /* allocated sections: offset in the region */
	int8_t import[PARAM_PLUGIN_SYMBOLS];   /* undefined symbols: stub index, else -1 */
	char *msg;
	uint32_t msglen;
};

PRINTF(3, 4) static int fail(struct link *l, int err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vksnprintf(l->msg, l->msglen, fmt, ap);
	va_end(ap);
	return err;
}

/* Is there a NUL among the N bytes at S? */
static bool has_nul(const char *s, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (s[i] == '\0')
			return true;
	return false;
}

/* The NUL-terminated string at OFF of string table T, or NULL if it is not one. */
static const char *str_at(const struct link *l, const struct elf_shdr *t, uint32_t off)
{
	if (off >= t->size)
		return NULL;
	const char *s = (const char *)l->obj + t->offset + off;
	return has_nul(s, t->size - off) ? s : NULL;
}

static const char *sec_name(const struct link *l, uint32_t i)
{
	const char *s = str_at(l, l->shstr, l->sh[i].name);
	return s ? s : "?";
}

static const char *sym_name(const struct link *l, uint32_t i)
{
	const char *s = str_at(l, l->str, l->sym[i].name);
	return s ? s : "?";
}

/* Are bytes [OFF, OFF + SIZE) inside the file? */
static bool in_file(const struct link *l, uint32_t off, uint32_t size)
{
	return off <= l->len && size <= l->len - off;
}

static bool loaded(const struct elf_shdr *s)
{
	return (s->flags & SHF_ALLOC) != 0;
}

bool plugin_is_object(const uint8_t *obj, uint32_t len)
{
	return len >= 4 && obj[0] == 0x7f && obj[1] == 'E' && obj[2] == 'L' && obj[3] == 'F';
}

/* The ELF header and the section headers. */
static int check_sections(struct link *l)
{
	const struct elf_ehdr *h = (const struct elf_ehdr *)l->obj;
	if (l->len < sizeof(*h))
		return fail(l, -EREJECT, "E_PLUGIN header: the file has %u bytes, an ELF header %u",
			    l->len, (unsigned)sizeof(*h));
	if (l->len > PARAM_PLUGIN_OBJ_MAX)
		return fail(l, -EREJECT, "E_PLUGIN header: the file has %u bytes, at most %u", l->len,
			    PARAM_PLUGIN_OBJ_MAX);
	if (h->ident[4] != 1 || h->ident[5] != 1)
		return fail(l, -EREJECT, "E_PLUGIN header: class %u, data %u; expected 1, 1 "
			    "(32-bit, little-endian)", h->ident[4], h->ident[5]);
	if (h->type != ET_REL || h->machine != EM_386)
		return fail(l, -EREJECT, "E_PLUGIN header: type %u, machine %u; expected %u, %u "
			    "(an i386 relocatable object, gcc -m32 -c)", h->type, h->machine, ET_REL,
			    EM_386);
	if (h->shentsize != sizeof(struct elf_shdr) || h->shnum == 0 ||
	    h->shnum > PARAM_PLUGIN_SECTIONS)
		return fail(l, -EREJECT, "E_PLUGIN header: %u section headers of %u bytes; expected "
			    "1..%u of %u", h->shnum, h->shentsize, PARAM_PLUGIN_SECTIONS,
			    (unsigned)sizeof(struct elf_shdr));
	if (!in_file(l, h->shoff, h->shnum * (uint32_t)sizeof(struct elf_shdr)))
		return fail(l, -EREJECT, "E_PLUGIN header: section headers at offset %u lie outside "
			    "the %u-byte file", h->shoff, l->len);
	l->sh = (const struct elf_shdr *)(l->obj + h->shoff);
	l->nsec = h->shnum;
	if (h->shstrndx >= l->nsec || l->sh[h->shstrndx].type != SHT_STRTAB)
		return fail(l, -EREJECT, "E_PLUGIN header: section name table %u is not a string "
			    "table", h->shstrndx);
	l->shstr = &l->sh[h->shstrndx];
	if (!in_file(l, l->shstr->offset, l->shstr->size))
		return fail(l, -EREJECT, "E_PLUGIN section %u: contents at %u+%u lie outside the "
			    "%u-byte file", h->shstrndx, l->shstr->offset, l->shstr->size, l->len);
	if (l->sh[0].type != 0 || loaded(&l->sh[0]))
		return fail(l, -EREJECT, "E_PLUGIN section 0: not the null section");
	for (uint32_t i = 1; i < l->nsec; i++) {
		const struct elf_shdr *s = &l->sh[i];
		if (s->type != SHT_NOBITS && !in_file(l, s->offset, s->size))
			return fail(l, -EREJECT, "E_PLUGIN section %u (%s): contents at %u+%u lie "
				    "outside the %u-byte file", i, sec_name(l, i), s->offset, s->size,
				    l->len);
		if (s->addralign > 4096 || (s->addralign & (s->addralign - 1)))
			return fail(l, -EREJECT, "E_PLUGIN section %u (%s): alignment %u is not a "
				    "power of two up to 4096", i, sec_name(l, i), s->addralign);
		if (loaded(s) && s->type != SHT_PROGBITS && s->type != SHT_NOBITS &&
		    s->type != SHT_NOTE)
			return fail(l, -EREJECT, "E_PLUGIN section %u (%s): a loaded section of type %u "
				    "(constructors and the like are not supported)", i,
				    sec_name(l, i), s->type);
		if (s->type == SHT_RELA && s->info < l->nsec && loaded(&l->sh[s->info]))
			return fail(l, -EREJECT, "E_PLUGIN section %u (%s): RELA relocations "
				    "(i386 objects use REL)", i, sec_name(l, i));
		if (s->type == SHT_SYMTAB) {
			if (l->sym)
				return fail(l, -EREJECT, "E_PLUGIN section %u: a second symbol table", i);
			if (s->entsize != sizeof(struct elf_sym) || s->size % sizeof(struct elf_sym) ||
			    s->size / sizeof(struct elf_sym) > PARAM_PLUGIN_SYMBOLS)
				return fail(l, -EREJECT, "E_PLUGIN section %u (%s): %u bytes of %u-byte "
					    "symbols; expected at most %u of %u bytes", i,
					    sec_name(l, i), s->size, s->entsize, PARAM_PLUGIN_SYMBOLS,
					    (unsigned)sizeof(struct elf_sym));
			if (s->link >= l->nsec || l->sh[s->link].type != SHT_STRTAB)
				return fail(l, -EREJECT, "E_PLUGIN section %u (%s): its string table %u "
					    "is not one", i, sec_name(l, i), s->link);
			l->sym = (const struct elf_sym *)(l->obj + s->offset);
			l->nsym = s->size / sizeof(struct elf_sym);
			l->symtab = i;
			l->str = &l->sh[s->link];
		}
	}
	if (!l->sym)
		return fail(l, -EREJECT, "E_PLUGIN: no symbol table");
	return 0;
}

/* Every symbol: a name, a section that exists; an undefined one binds to an interface. */
static int bind_symbols(struct link *l, struct plugin *p)
{
	for (uint32_t i = 0; i < l->nsym; i++) {
		const struct elf_sym *s = &l->sym[i];
		l->import[i] = -1;
		const char *name = str_at(l, l->str, s->name);
		if (!name)
			return fail(l, -EREJECT, "E_PLUGIN symbol %u: name offset %u outside its string "
				    "table", i, s->name);
		if (s->shndx == SHN_COMMON)
			return fail(l, -EREJECT, "E_PLUGIN symbol %s: a common symbol (compile with "
				    "-fno-common)", name);
		if (s->shndx != SHN_UNDEF && s->shndx < SHN_LORESERVE) {
			if (s->shndx >= l->nsec)
				return fail(l, -EREJECT, "E_PLUGIN symbol %s: section %u does not exist",
					    name, s->shndx);
			const struct elf_shdr *sec = &l->sh[s->shndx];
			if (loaded(sec) && s->value > sec->size)
				return fail(l, -EREJECT, "E_PLUGIN symbol %s: value %u beyond the end of "
					    "%s (%u bytes)", name, s->value, sec_name(l, s->shndx),
					    sec->size);
		}
		if (i == 0 || s->shndx != SHN_UNDEF)
			continue;
		const struct ext_iface *k = ext_iface_find(name);
		if (!k)
			return fail(l, -ELINK, "E_LINK symbol %s: undefined, and no kernel interface "
				    "has that name (a plugin may call only those of talos/ext_iface.h)",
				    name);
		if (strlen(k->args) > 2)
			return fail(l, -ELINK, "E_LINK symbol %s: the plugin gate passes at most 2 "
				    "arguments", name);
		int j = 0;
		while (j < p->nimports && p->imports[j] != k)
			j++;
		if (j == PLUGIN_IMPORTS_MAX)
			return fail(l, -ELINK, "E_LINK symbol %s: more than %d interfaces imported", name,
				    PLUGIN_IMPORTS_MAX);
		if (j == p->nimports)
			p->imports[p->nimports++] = k;
		l->import[i] = (int8_t)j;
	}
	return 0;
}

/* Give each loaded section its offset: stacks, stubs, code, then everything else. */
static int lay_out(struct link *l, struct plugin *p)
{
	p->stacks = PARAM_PLUGIN_STACK * PARAM_PLUGIN_RUNS;
	p->return_stub = p->stacks;
	uint32_t at = p->stacks + PLUGIN_STUB_BYTES * (1 + (uint32_t)p->nimports);
	for (int pass = 0; pass < 2; pass++) {
		for (uint32_t i = 1; i < l->nsec; i++) {
			const struct elf_shdr *s = &l->sh[i];
			if (!loaded(s) || ((s->flags & SHF_EXECINSTR) != 0) != (pass == 0))
				continue;
			uint32_t align = s->addralign ? s->addralign : 1;
			at = ALIGN_UP(at, align);
			if (s->size > PARAM_PLUGIN_MAX_SIZE || at + s->size > PARAM_PLUGIN_MAX_SIZE)
				return fail(l, -EREJECT, "E_PLUGIN section %u (%s): %u bytes; the plugin "
					    "may have %u in all, its stacks included", i, sec_name(l, i),
					    s->size, PARAM_PLUGIN_MAX_SIZE);
			l->off[i] = at;
			at += s->size;
		}
		if (pass == 0)
			p->code_end = at;
	}
	p->size = at;
	return 0;
}

/* Write the return stub and one stub per import: lcall to a gate, never a kernel address. */
static void write_stubs(struct plugin *p)
{
	static const uint8_t ret_stub[] = { 0x9a, 0, 0, 0, 0, PLUGIN_SEL_RET, 0,   /* lcall */
					    0x0f, 0x0b };                           /* ud2 */
	static const uint8_t call_stub[] = { 0xb8, 0, 0, 0, 0,                     /* mov eax, i */
					     0x9a, 0, 0, 0, 0, PLUGIN_SEL_GATE, 0,  /* lcall */
					     0xc3 };                                /* ret */
	uint8_t *at = p->region + p->return_stub;
	memset(at, 0xcc, PLUGIN_STUB_BYTES * (1 + (uint32_t)p->nimports));   /* int3 */
	memcpy(at, ret_stub, sizeof(ret_stub));
	for (int i = 0; i < p->nimports; i++) {
		at += PLUGIN_STUB_BYTES;
		memcpy(at, call_stub, sizeof(call_stub));
		memcpy(at + 1, &i, 4);
	}
}

/* Patch relocation section R (of a loaded section). */
static int relocate(struct link *l, struct plugin *p, uint32_t r)
{
	const struct elf_shdr *rs = &l->sh[r];
	uint32_t t = rs->info;
	const struct elf_shdr *ts = &l->sh[t];
	if (ts->type == SHT_NOBITS)
		return fail(l, -EREJECT, "E_PLUGIN section %u (%s): relocations of %s, which has no "
			    "contents", r, sec_name(l, r), sec_name(l, t));
	if (rs->link != l->symtab || rs->entsize != sizeof(struct elf_rel) ||
	    rs->size % sizeof(struct elf_rel))
		return fail(l, -EREJECT, "E_PLUGIN section %u (%s): not %u-byte relocations against "
			    "the symbol table", r, sec_name(l, r), (unsigned)sizeof(struct elf_rel));
	const struct elf_rel *rel = (const struct elf_rel *)(l->obj + rs->offset);
	for (uint32_t i = 0; i < rs->size / sizeof(struct elf_rel); i++) {
		uint32_t si = rel[i].info >> 8, type = rel[i].info & 0xff;
		if (ts->size < 4 || rel[i].offset > ts->size - 4)
			return fail(l, -EREJECT, "E_PLUGIN relocation %u of %s: offset %u outside the "
				    "%u-byte section", i, sec_name(l, t), rel[i].offset, ts->size);
		if (si == 0 || si >= l->nsym)
			return fail(l, -EREJECT, "E_PLUGIN relocation %u of %s: symbol %u does not exist",
				    i, sec_name(l, t), si);
		if (type != R_386_32 && type != R_386_PC32 && type != R_386_PLT32)
			return fail(l, -EREJECT, "E_PLUGIN relocation %u of %s (symbol %s): type %u; only "
				    "R_386_32 and R_386_PC32 (compile with -fno-pic)", i,
				    sec_name(l, t), sym_name(l, si), type);
		const struct elf_sym *s = &l->sym[si];
		uint32_t value;
		if (s->shndx == SHN_UNDEF)
			value = p->return_stub + PLUGIN_STUB_BYTES * (1 + (uint32_t)l->import[si]);
		else if (s->shndx == SHN_ABS)
			value = s->value;
		else if (s->shndx < l->nsec && loaded(&l->sh[s->shndx]))
			value = l->off[s->shndx] + s->value;
		else
			return fail(l, -EREJECT, "E_PLUGIN relocation %u of %s: symbol %s is in a "
				    "section that is not loaded", i, sec_name(l, t), sym_name(l, si));
		uint32_t place = l->off[t] + rel[i].offset, addend;
		memcpy(&addend, p->region + place, 4);
		value += addend;
		if (type != R_386_32)
			value -= place;
		memcpy(p->region + place, &value, 4);
	}
	return 0;
}

/* The section named NAME that is loaded, or 0. */
static uint32_t find_section(const struct link *l, const char *name)
{
	for (uint32_t i = 1; i < l->nsec; i++)
		if (loaded(&l->sh[i]) && strcmp(sec_name(l, i), name) == 0)
			return i;
	return 0;
}

/* The offset of the global function NAME, or 0 if there is none. */
static uint32_t find_function(const struct link *l, const char *name)
{
	for (uint32_t i = 1; i < l->nsym; i++) {
		const struct elf_sym *s = &l->sym[i];
		if ((s->info >> 4) == STB_GLOBAL && (s->info & 0xf) == STT_FUNC &&
		    s->shndx < l->nsec && s->shndx != SHN_UNDEF &&
		    (l->sh[s->shndx].flags & (SHF_ALLOC | SHF_EXECINSTR)) ==
			    (SHF_ALLOC | SHF_EXECINSTR) &&
		    s->value < l->sh[s->shndx].size && strcmp(sym_name(l, i), name) == 0)
			return l->off[s->shndx] + s->value;
	}
	return 0;
}

/* Record the exports the object declares, and its name constants. */
static int publish(struct link *l, struct ext *e, struct plugin *p)
{
	uint32_t xs = find_section(l, PLUGIN_EXPORTS_SECTION);
	uint32_t n = xs ? l->sh[xs].size / sizeof(struct plugin_export_desc) : 0;
	if (xs && (l->sh[xs].type != SHT_PROGBITS ||
		   l->sh[xs].size % sizeof(struct plugin_export_desc) || n > TAL_MAX_EXPORTS))
		return fail(l, -EREJECT, "E_PLUGIN section %s: %u bytes, not up to %u export "
			    "descriptors of %u", PLUGIN_EXPORTS_SECTION, l->sh[xs].size,
			    TAL_MAX_EXPORTS, (unsigned)sizeof(struct plugin_export_desc));
	e->exports = kzalloc(sizeof(struct ext_export) * (n ? n : 1));
	if (!e->exports)
		return fail(l, -ENOMEM, "out of kernel memory for loading %s", e->name);
	const struct plugin_export_desc *d =
		(const struct plugin_export_desc *)(l->obj + (xs ? l->sh[xs].offset : 0));
	for (uint32_t i = 0; i < n; i++, d++) {
		struct ext_export *x = &e->exports[i];
		if (!has_nul(d->name, sizeof(d->name)) || !d->name[0] ||
		    !has_nul(d->args, sizeof(d->args)))
			return fail(l, -EREJECT, "E_PLUGIN export %u: name or arguments not a "
				    "NUL-terminated string", i);
		if (ext_find_export(e, d->name))
			return fail(l, -EREJECT, "E_PLUGIN export %s: declared twice", d->name);
		strlcpy(x->name, d->name, sizeof(x->name));
		x->nargs = (int)strlen(d->args);
		if (x->nargs > PARAM_EXT_ARGS)
			return fail(l, -ELINK, "E_LINK export %s: %d arguments, at most %d", x->name,
				    x->nargs, PARAM_EXT_ARGS);
		for (int a = 0; a < x->nargs; a++) {
			if (d->args[a] != 'i' && d->args[a] != 't')
				return fail(l, -ELINK, "E_LINK export %s: argument %d is '%c'; expected "
					    "'i' (int) or 't' (task)", x->name, a + 1, d->args[a]);
			x->cap_kind[a] = d->args[a] == 't' ? OBJ_TASK : 0;
		}
		x->plugin_eip = find_function(l, x->name);
		if (!x->plugin_eip)
			return fail(l, -ELINK, "E_LINK export %s: no global function of that name in "
				    "an executable section", x->name);
		x->entry = (uint32_t)plugin_enter;
		x->stack = PARAM_PLUGIN_KSTACK;
		e->nexports = (int)i + 1;
	}
	uint32_t ns = find_section(l, PLUGIN_NAMES_SECTION);
	if (ns && l->sh[ns].size % EXT_NAME_LEN)
		return fail(l, -EREJECT, "E_PLUGIN section %s: %u bytes, not a whole number of "
			    "%u-byte names", PLUGIN_NAMES_SECTION, l->sh[ns].size, EXT_NAME_LEN);
	for (uint32_t i = 0; ns && i < l->sh[ns].size / EXT_NAME_LEN && e->nnames < PARAM_EXT_NAMES; i++)
		e->names[e->nnames++] = (uint32_t)p->region + l->off[ns] + i * EXT_NAME_LEN;
	return 0;
}

/* A byte-granular 32-bit segment descriptor with ACCESS (present, DPL 1, type). */
static uint64_t segment(uint32_t base, uint32_t limit, uint8_t access)
{
	return (limit & 0xFFFF) | ((uint64_t)(base & 0xFFFFFF) << 16) | ((uint64_t)access << 40) |
	       ((uint64_t)((limit >> 16) & 0xF) << 48) | (1ull << 54) |
	       ((uint64_t)(base >> 24) << 56);
}

#define ACCESS_CODE 0xBB   /* present, DPL 1, code, execute/read, accessed */
#define ACCESS_DATA 0xB3   /* present, DPL 1, data, read/write, accessed */

int plugin_load(struct ext *e, const uint8_t *obj, uint32_t len, char *msg, uint32_t msglen)
{
	struct link l = { .obj = obj, .len = len, .msg = msg, .msglen = msglen };
	if (!plugin_may_load())
		return fail(&l, -EREJECT, "E_PLUGIN %s: this processor does not enforce segment "
			    "limits (QEMU's TCG does not), so a plugin would not be isolated; boot "
			    "with plugins=unisolated to load plugins anyway", e->name);
	struct plugin *p = kzalloc(sizeof(*p));
	if (!p)
		return fail(&l, -ENOMEM, "out of kernel memory for loading %s", e->name);
	e->plugin = p;
	int err = check_sections(&l);
	if (!err)
		err = bind_symbols(&l, p);
	if (!err)
		err = lay_out(&l, p);
	if (err)
		return err;
	p->region = kzalloc(p->size);
	if (!p->region)
		return fail(&l, -ENOMEM, "out of kernel memory for the %u bytes of %s", p->size,
			    e->name);
	for (uint32_t i = 1; i < l.nsec; i++)
		if (loaded(&l.sh[i]) && l.sh[i].type != SHT_NOBITS)
			memcpy(p->region + l.off[i], obj + l.sh[i].offset, l.sh[i].size);
	write_stubs(p);
	for (uint32_t i = 1; i < l.nsec && !err; i++)
		if (l.sh[i].type == SHT_REL) {
			if (l.sh[i].info >= l.nsec)
				err = fail(&l, -EREJECT, "E_PLUGIN section %u (%s): relocates section %u, "
					   "which does not exist", i, sec_name(&l, i), l.sh[i].info);
			else if (loaded(&l.sh[l.sh[i].info]))
				err = relocate(&l, p, i);
		}
	if (!err)
		err = publish(&l, e, p);
	if (err)
		return err;
	uint32_t base = (uint32_t)p->region;
	p->code_desc = segment(base, p->code_end - 1, ACCESS_CODE);
	p->data_desc = segment(base, p->size - 1, ACCESS_DATA);
	p->stack_desc = segment(base, p->stacks - 1, ACCESS_DATA);
	e->stats.code_bytes = p->code_end - p->stacks;
	e->stats.data_bytes = p->size - p->code_end;
	ksnprintf(msg, msglen, "OK %s: plugin, %u bytes of code, %u of data, %d exports, "
		  "%d interfaces", e->name, e->stats.code_bytes, e->stats.data_bytes, e->nexports,
		  p->nimports);
	return 0;
}
