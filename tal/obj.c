/*
 * TAL object reader: validates the container (header, sections, tables) of
 * an object before anything else looks at it, and decodes table entries.
 *
 * Invariant: every read of the object goes through a section whose bounds
 * were checked in tal_obj_open(); all work here is linear in the object's
 * size (member and item references are counted against their table size,
 * globals must be sorted and disjoint, the string table ends in NUL).
 */
#include "obj.h"
#include "diag.h"
#include "tables.h"
#include <talos/param.h>

/* Entry size of each section, in bytes. */
static const uint32_t entry_size[TAL_SEC_COUNT] = {
	1, 1, 1, 1, 16, 16, 16, 12, 20, 12, 8, 8, 12
};

/* Largest entry count of each section. */
static const uint32_t entry_limit[TAL_SEC_COUNT] = {
	TAL_MAX_CODE_BYTES, TAL_MAX_DATA_BYTES, TAL_MAX_DATA_BYTES,
	TAL_MAX_STRTAB_BYTES, TAL_MAX_TYPES, TAL_MAX_MEMBERS, TAL_MAX_GLOBALS,
	TAL_MAX_FUNCS, TAL_MAX_LABELS, TAL_MAX_ITEMS, TAL_MAX_IMPORTS,
	TAL_MAX_EXPORTS, TAL_MAX_RELOCS
};

static const char *const sec_name[TAL_SEC_COUNT] = {
	"code", "rodata", "data", "strtab", "types", "members", "globals",
	"funcs", "labels", "items", "imports", "exports", "relocs"
};

uint32_t tal_obj_rd32(const uint8_t *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint32_t v;                 /* one unaligned load on x86 */
	__builtin_memcpy(&v, p, 4);
	return v;
#else
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
#endif
}

/* Address of entry I of section S (bounds already checked). */
static const uint8_t *entry(const struct tal_obj *o, int s, uint32_t i)
{
	return o->base + o->off[s] + (size_t)i * entry_size[s];
}

void tal_obj_type(const struct tal_obj *o, uint32_t i, struct tal_type *t)
{
	const uint8_t *p = entry(o, TAL_SEC_TYPES, i);

	t->kind = p[0];
	t->flags = p[1];
	t->name = tal_obj_rd32(p + 4);
	t->a = tal_obj_rd32(p + 8);
	t->b = tal_obj_rd32(p + 12);
}

void tal_obj_member(const struct tal_obj *o, uint32_t i, struct tal_member *m)
{
	const uint8_t *p = entry(o, TAL_SEC_MEMBERS, i);

	m->name = tal_obj_rd32(p);
	m->offset = tal_obj_rd32(p + 4);
	m->type = tal_obj_rd32(p + 8);
	m->flags = tal_obj_rd32(p + 12);
}

void tal_obj_global(const struct tal_obj *o, uint32_t i, struct tal_global *g)
{
	const uint8_t *p = entry(o, TAL_SEC_GLOBALS, i);

	g->name = tal_obj_rd32(p);
	g->type = tal_obj_rd32(p + 4);
	g->sec = tal_obj_rd32(p + 8);
	g->offset = tal_obj_rd32(p + 12);
}

void tal_obj_func(const struct tal_obj *o, uint32_t i, struct tal_func *f)
{
	const uint8_t *p = entry(o, TAL_SEC_FUNCS, i);

	f->name = tal_obj_rd32(p);
	f->start = tal_obj_rd32(p + 4);
	f->sig = tal_obj_rd32(p + 8);
}

uint32_t tal_obj_label_code(const struct tal_obj *o, uint32_t i)
{
	return tal_obj_rd32(entry(o, TAL_SEC_LABELS, i) + 4);
}

void tal_obj_label(const struct tal_obj *o, uint32_t i, struct tal_label *l)
{
	const uint8_t *p = entry(o, TAL_SEC_LABELS, i);

	l->name = tal_obj_rd32(p);
	l->code = tal_obj_rd32(p + 4);
	l->esp = (int32_t)tal_obj_rd32(p + 8);
	l->first = tal_obj_rd32(p + 12);
	l->count = tal_obj_rd32(p + 16);
}

void tal_obj_item(const struct tal_obj *o, uint32_t i, struct tal_item *it)
{
	const uint8_t *p = entry(o, TAL_SEC_ITEMS, i);

	it->loc = tal_obj_rd32(p);
	it->e = (int32_t)tal_obj_rd32(p + 4);
	it->type = tal_obj_rd32(p + 8);
}

void tal_obj_import(const struct tal_obj *o, uint32_t i, struct tal_import *im)
{
	const uint8_t *p = entry(o, TAL_SEC_IMPORTS, i);

	im->name = tal_obj_rd32(p);
	im->sig = tal_obj_rd32(p + 4);
}

void tal_obj_export(const struct tal_obj *o, uint32_t i, struct tal_export *ex)
{
	const uint8_t *p = entry(o, TAL_SEC_EXPORTS, i);

	ex->name = tal_obj_rd32(p);
	ex->func = tal_obj_rd32(p + 4);
}

void tal_obj_reloc(const struct tal_obj *o, uint32_t i, struct tal_reloc *r)
{
	const uint8_t *p = entry(o, TAL_SEC_RELOCS, i);

	r->code = tal_obj_rd32(p);
	r->kind = tal_obj_rd32(p + 4);
	r->index = tal_obj_rd32(p + 8);
}

const char *tal_obj_reloc_sym(const struct tal_obj *o, uint32_t i)
{
	struct tal_reloc r;
	struct tal_global g;
	struct tal_import im;

	tal_obj_reloc(o, i, &r);
	/* Messages may be about a relocation whose index is what is wrong. */
	if (r.kind == TAL_R_GLOBAL && r.index < o->count[TAL_SEC_GLOBALS]) {
		tal_obj_global(o, r.index, &g);
		return tal_obj_str(o, g.name);
	}
	if (r.kind == TAL_R_IMPORT && r.index < o->count[TAL_SEC_IMPORTS]) {
		tal_obj_import(o, r.index, &im);
		return tal_obj_str(o, im.name);
	}
	return "?";
}

const uint8_t *tal_obj_code(const struct tal_obj *o)
{
	return o->base + o->off[TAL_SEC_CODE];
}

const char *tal_obj_str(const struct tal_obj *o, uint32_t off)
{
	if (off == TAL_NONE || off >= o->count[TAL_SEC_STRTAB])
		return "?";
	return (const char *)o->base + o->off[TAL_SEC_STRTAB] + off;
}

uint32_t tal_obj_memsize(const struct tal_obj *o, uint32_t t)
{
	struct tal_type ty;
	struct tal_member last;

	tal_obj_type(o, t, &ty);
	if (ty.kind == TAL_T_ARRAY)
		return ty.b * 4;
	if (ty.kind == TAL_T_BYTES)
		return ty.b;
	tal_obj_member(o, ty.a + ty.b - 1, &last);
	return last.offset + 4;
}

uint32_t tal_obj_func_end(const struct tal_obj *o, uint32_t i)
{
	struct tal_func f;

	if (i + 1 >= o->count[TAL_SEC_FUNCS])
		return o->count[TAL_SEC_CODE];
	tal_obj_func(o, i + 1, &f);
	return f.start;
}

/* Fail with E, naming section S. */
static int sec_fail(struct tal_diag *d, int e, int s, const char *what)
{
	tal_fail(d, e);
	tal_diag_str(d, ": section ");
	tal_diag_str(d, sec_name[s]);
	tal_diag_str(d, ": ");
	tal_diag_str(d, what);
	return e;
}

/* Check the header and the section table; fill O's offsets and counts. */
static int open_sections(struct tal_obj *o, struct tal_diag *d)
{
	uint64_t end[TAL_SEC_COUNT];
	const uint8_t *h = o->base;
	int s, t;

	if (o->len < TAL_HDR_SIZE || o->len > TAL_MAX_OBJ_BYTES)
		return tal_fail(d, TAL_E_OBJ_TRUNCATED);
	if (tal_obj_rd32(h) != TAL_MAGIC)
		return tal_fail(d, TAL_E_OBJ_MAGIC);
	if (tal_obj_rd32(h + 4) != TAL_VERSION || tal_obj_rd32(h + 12) != 0)
		return tal_fail(d, TAL_E_OBJ_VERSION);
	o->handler = tal_obj_rd32(h + 8);
	for (s = 0; s < TAL_SEC_COUNT; s++) {
		o->off[s] = tal_obj_rd32(h + 16 + 8 * s);
		o->count[s] = tal_obj_rd32(h + 20 + 8 * s);
		end[s] = (uint64_t)o->off[s] + (uint64_t)o->count[s] * entry_size[s];
		if (o->count[s] > entry_limit[s])
			return sec_fail(d, TAL_E_OBJ_LIMIT, s, "too many entries");
		if (o->count[s] == 0)
			continue;
		if (o->off[s] % 4 != 0)
			return sec_fail(d, TAL_E_OBJ_ALIGN, s, "offset not a multiple of 4");
		if (end[s] > o->len)
			return sec_fail(d, TAL_E_OBJ_RANGE, s, "runs past the end of the object");
		if (o->off[s] < TAL_HDR_SIZE)
			return sec_fail(d, TAL_E_OBJ_OVERLAP, s, "overlaps the header");
	}
	for (s = 0; s < TAL_SEC_COUNT; s++)
		for (t = s + 1; t < TAL_SEC_COUNT; t++)
			if (o->count[s] && o->count[t] &&
			    o->off[s] < end[t] && o->off[t] < end[s])
				return sec_fail(d, TAL_E_OBJ_OVERLAP, s, sec_name[t]);
	if (o->count[TAL_SEC_STRTAB] &&
	    o->base[end[TAL_SEC_STRTAB] - 1] != '\0')
		return sec_fail(d, TAL_E_OBJ_STRING, TAL_SEC_STRTAB, "does not end in NUL");
	return TAL_OK;
}

int tal_obj_open(struct tal_obj *o, const uint8_t *base, size_t len,
                 struct tal_diag *d)
{
	int err;

	o->base = base;
	o->len = len;
	tal_diag_reset(d);
	err = open_sections(o, d);
	if (err)
		return err;
	return tal_tables_check(o, d);
}
