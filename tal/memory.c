/*
 * TAL memory operands (see memory.h): resolving an operand to the
 * location it accesses, then typing the load or store there.
 *
 * Invariant: resolve() accepts exactly three shapes: [esp+d] inside the
 * frame, [p+d] with p a non-null pointer to a record that has a field at
 * offset d, and [p+i*s] / [p+d] into an array or byte buffer with the
 * index proved below the length. Nothing else reaches memory.
 */
#include "memory.h"
#include "operand.h"
#include "stack.h"

/* Where a memory operand lands. */
struct loc {
	int kind;            /* LOC_SLOT, LOC_FIELD, LOC_ELEM or LOC_BYTE */
	uint32_t slot;       /* LOC_SLOT: slot index */
	struct tal_wt t;     /* LOC_FIELD, LOC_ELEM: the word type stored there */
	bool ro;             /* read-only memory */
	uint32_t member;     /* LOC_FIELD: member index */
	uint32_t mtype;      /* LOC_FIELD, LOC_ELEM, LOC_BYTE: the memory type */
};

enum { LOC_SLOT, LOC_FIELD, LOC_ELEM, LOC_BYTE };

/* Find the member of record TY at offset DISP (binary search). */
static int find_field(struct tal_vctx *v, const struct tal_type *ty, int32_t disp,
                      struct loc *l)
{
	uint32_t lo = ty->a, hi = ty->a + ty->b, mid;
	struct tal_member m;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		tal_obj_member(v->o, mid, &m);
		if ((int64_t)m.offset == disp) {
			l->kind = LOC_FIELD;
			l->t = tal_type_word(v->o, m.type);
			l->ro = m.flags & TAL_TF_RO;
			l->member = mid;
			return TAL_OK;
		}
		if ((int64_t)m.offset < disp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return TAL_E_FIELD;
}

/* Check the index part of an array access: LEN elements of SIZE bytes. */
static int check_index(struct tal_vctx *v, const struct tal_opnd *m,
                       uint32_t len, uint32_t size)
{
	struct tal_cell c;
	int err;

	if (m->index == TAL_NOREG) {
		if (m->disp < 0 || (uint32_t)m->disp % size ||
		    (uint32_t)m->disp / size >= len) {
			tal_rules_fail(v, TAL_E_BOUNDS);
			tal_diag_str(v->diag, "constant offset outside the array of ");
			tal_diag_uint(v->diag, len);
			tal_diag_str(v->diag, " elements");
			return TAL_E_BOUNDS;
		}
		return TAL_OK;
	}
	if (m->scale != size || m->disp != 0)
		return tal_opnd_fail(v, TAL_E_ADDRESSING, size == 4 ?
		                     "an element is [base+index*4], no displacement" :
		                     "a byte is [base+index], no displacement");
	if ((err = tal_opnd_reg(v, m->index, &c)))
		return err;
	if (c.t.kind != TAL_T_IDX || c.t.arg > len) {
		tal_rules_fail(v, TAL_E_BOUNDS);
		tal_rules_reg(v, m->index);
		tal_diag_str(v->diag, ", need idx N with N <= ");
		tal_diag_uint(v->diag, len);
		return TAL_E_BOUNDS;
	}
	return TAL_OK;
}

/* Resolve memory operand M to the location it accesses. */
static int resolve(struct tal_vctx *v, const struct tal_opnd *m, struct loc *l)
{
	struct tal_type ty;
	struct tal_cell *b;
	int e;

	if (m->base == TAL_ESP) {
		l->kind = LOC_SLOT;
		return tal_stack_slot(v, m, &l->slot);
	}
	if (m->base == TAL_NOREG)
		return tal_opnd_fail(v, TAL_E_ADDRESSING,
		                     "no absolute addresses: load a global's address with mov r, NAME");
	b = &v->cur->reg[m->base];
	e = b->t.kind == TAL_T_PTR ? TAL_OK : b->t.kind == TAL_T_UNINIT ? TAL_E_UNINIT :
	    b->t.kind == TAL_T_PTRN ? TAL_E_NULL_DEREF : TAL_E_NOT_POINTER;
	if (e) {
		tal_rules_fail(v, e);
		tal_rules_reg(v, m->base);
		return e;
	}
	tal_obj_type(v->o, b->t.arg, &ty);
	l->mtype = b->t.arg;
	l->ro = ty.flags & TAL_TF_RO;
	if ((ty.kind == TAL_T_BYTES) != (m->size == 1))
		return tal_opnd_fail(v, TAL_E_TYPE, ty.kind == TAL_T_BYTES ?
		                     "byte memory is accessed with byte operands only" :
		                     "records and word arrays are accessed 4 bytes at a time");
	if (ty.kind == TAL_T_RECORD) {
		if (m->index == TAL_NOREG && find_field(v, &ty, m->disp, l) == TAL_OK)
			return TAL_OK;
		tal_rules_fail(v, TAL_E_FIELD);
		tal_diag_str(v->diag, "record ");
		tal_type_memname(v->diag, v->o, b->t.arg);
		tal_diag_str(v->diag, " has no field at that offset");
		return TAL_E_FIELD;
	}
	l->kind = ty.kind == TAL_T_BYTES ? LOC_BYTE : LOC_ELEM;
	if (ty.kind == TAL_T_ARRAY)
		l->t = tal_type_word(v->o, ty.a);
	return check_index(v, m, ty.b, ty.kind == TAL_T_BYTES ? 1 : 4);
}

/* Fail: the store goes to read-only location L; name it. */
static int readonly(struct tal_vctx *v, const struct loc *l)
{
	struct tal_member m;

	tal_rules_fail(v, TAL_E_READONLY);
	if (l->kind == LOC_FIELD) {
		tal_obj_member(v->o, l->member, &m);
		tal_diag_str(v->diag, "field ");
		tal_diag_str(v->diag, tal_obj_str(v->o, m.name));
		tal_diag_str(v->diag, " (offset ");
		tal_diag_uint(v->diag, m.offset);
		tal_diag_str(v->diag, ") of record ");
	} else {
		tal_diag_str(v->diag, l->kind == LOC_BYTE ? "bytes " : "array ");
	}
	tal_type_memname(v->diag, v->o, l->mtype);
	tal_diag_str(v->diag, " is read-only");
	return TAL_E_READONLY;
}

int tal_mem_load(struct tal_vctx *v, const struct tal_opnd *m, struct tal_cell *out)
{
	struct loc l;
	int err = resolve(v, m, &l);

	if (err)
		return err;
	switch (l.kind) {
	case LOC_SLOT:
		if (v->cur->slot[l.slot].t.kind == TAL_T_UNINIT) {
			tal_rules_fail(v, TAL_E_UNINIT);
			tal_rules_slot(v, v->cur->top - 4 * (int32_t)l.slot);
			return TAL_E_UNINIT;
		}
		*out = tal_opnd_copy(v, &v->cur->slot[l.slot], TAL_FROM_SLOT, (uint32_t)m->disp);
		return TAL_OK;
	case LOC_FIELD:
		*out = tal_opnd_cell(v, l.t, TAL_FROM_FIELD, l.member);
		return TAL_OK;
	case LOC_ELEM:
		*out = tal_opnd_cell(v, l.t, TAL_FROM_ELEM, 0);
		return TAL_OK;
	default:
		*out = tal_opnd_cell(v, tal_type_mk(TAL_T_IDX, 256), TAL_FROM_ELEM, 0);
		return TAL_OK;
	}
}

int tal_mem_store(struct tal_vctx *v, const struct tal_opnd *m,
                  const struct tal_cell *val, bool null_ok)
{
	struct loc l;
	int err = resolve(v, m, &l);

	if (err)
		return err;
	if (l.kind == LOC_SLOT) {
		v->cur->slot[l.slot] = *val;
		return TAL_OK;
	}
	if (l.ro)
		return readonly(v, &l);
	if (l.kind == LOC_BYTE) {
		if (!tal_type_numeric(val->t))
			return tal_opnd_fail(v, TAL_E_TYPE, "only integers are stored to byte memory");
		return TAL_OK;
	}
	if (tal_type_sub(val->t, l.t) || (null_ok && l.t.kind == TAL_T_PTRN))
		return TAL_OK;
	tal_rules_fail(v, TAL_E_TYPE);
	tal_diag_str(v->diag, "the location holds ");
	tal_type_format(v->diag, v->o, l.t);
	tal_state_describe(v->diag, v->o, ", the value", val);
	return TAL_E_TYPE;
}
