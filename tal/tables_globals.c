/*
 * TAL global checks: each global has a memory type, lies 4-aligned inside
 * its section (data or rodata), in offset order without overlap, and
 * starts with initial words of its type; rodata globals are read-only as
 * a whole.
 *
 * Invariant: runs after the type checks, so every type index read here
 * is valid; the work is linear in the size of the sections.
 */
#include "tables_priv.h"

/* Is memory type T read-only as a whole (rodata globals must be)? */
static bool all_readonly(const struct tal_obj *o, const struct tal_type *t)
{
	struct tal_member m;
	uint32_t j;

	if (t->kind != TAL_T_RECORD)
		return t->flags & TAL_TF_RO;
	for (j = t->a; j < t->a + t->b; j++) {
		tal_obj_member(o, j, &m);
		if (!(m.flags & TAL_TF_RO))
			return false;
	}
	return true;
}

/* May a word of type WT start with initial value V in a global? Globals
 * cannot hold ptr or cap (no valid initial value exists); ptr? must be null
 * and idx N below N. */
static bool init_ok(const struct tal_obj *o, uint32_t wt, uint32_t v)
{
	struct tal_type t;

	tal_obj_type(o, wt, &t);
	switch (t.kind) {
	case TAL_T_INT:  return true;
	case TAL_T_IDX:  return v < t.a;
	case TAL_T_PTRN: return v == 0;
	default:         return false;
	}
}

/* Check the initial words of global G of memory type T. */
static bool global_init_ok(const struct tal_obj *o, const struct tal_global *g,
                           const struct tal_type *t)
{
	const uint8_t *p = o->base + o->off[g->sec] + g->offset;
	struct tal_member m;
	uint32_t j;

	if (t->kind == TAL_T_BYTES)
		return true;
	if (t->kind == TAL_T_ARRAY) {
		for (j = 0; j < t->b; j++)
			if (!init_ok(o, t->a, tal_obj_rd32(p + 4 * j)))
				return false;
		return true;
	}
	for (j = t->a; j < t->a + t->b; j++) {
		tal_obj_member(o, j, &m);
		if (!init_ok(o, m.type, tal_obj_rd32(p + m.offset)))
			return false;
	}
	return true;
}

int tal_tables_globals(const struct tal_obj *o, struct tal_diag *d)
{
	struct tal_global g;
	struct tal_type t;
	uint32_t i, prev_end[2] = { 0, 0 };
	uint64_t end;

	for (i = 0; i < o->count[TAL_SEC_GLOBALS]; i++) {
		tal_obj_global(o, i, &g);
		if (!tal_tables_name_ok(o, g.name, false))
			return tal_tables_bad(d, TAL_E_OBJ_STRING, "globals", i, o, g.name, "bad name");
		if (!tal_tables_mem_kind(tal_tables_kind(o, g.type)))
			return tal_tables_bad(d, TAL_E_OBJ_INDEX, "globals", i, o, g.name, "type is not a memory type");
		if (g.sec != TAL_SEC_RODATA && g.sec != TAL_SEC_DATA)
			return tal_tables_bad(d, TAL_E_OBJ_GLOBAL, "globals", i, o, g.name, "section is not rodata or data");
		if (g.offset % 4)
			return tal_tables_bad(d, TAL_E_OBJ_ALIGN, "globals", i, o, g.name, "offset not a multiple of 4");
		end = (uint64_t)g.offset + tal_obj_memsize(o, g.type);
		if (end > o->count[g.sec])
			return tal_tables_bad(d, TAL_E_OBJ_GLOBAL, "globals", i, o, g.name, "extends past its section");
		if (g.offset < prev_end[g.sec == TAL_SEC_DATA])
			return tal_tables_bad(d, TAL_E_OBJ_ORDER, "globals", i, o, g.name,
			                      "the globals of a section must be sorted by offset, without overlap");
		prev_end[g.sec == TAL_SEC_DATA] = (uint32_t)end;
		tal_obj_type(o, g.type, &t);
		if (g.sec == TAL_SEC_RODATA && !all_readonly(o, &t))
			return tal_tables_bad(d, TAL_E_OBJ_GLOBAL, "globals", i, o, g.name,
			                      "a rodata global needs a read-only type");
		if (!global_init_ok(o, &g, &t))
			return tal_tables_bad(d, TAL_E_OBJ_GLOBAL, "globals", i, o, g.name,
			                      "initial value not of its type (no ptr or cap; ptr? must be 0; idx N below N)");
	}
	return TAL_OK;
}
