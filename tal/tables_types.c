/*
 * TAL type-table checks: every entry of the type table and the members of
 * records and signatures is well formed (SPEC.md, "Word types" and
 * "Object format"). Runs first: every later check reads types.
 *
 * Invariant: the members referenced by all records and signatures
 * together are bounded by the size of the member table, so hostile
 * sharing cannot make the check slow; a failure names the first bad
 * entry.
 */
#include "tables_priv.h"
#include <talos/param.h>
#include <talos/objects.h>

/* A word type a field, element, argument or result may have. */
static bool storable(int k)
{
	return k == TAL_T_INT || k == TAL_T_IDX || k == TAL_T_PTR ||
	       k == TAL_T_PTRN || k == TAL_T_CAP;
}

/* Fail: type entry I is cap K, and K is not a kernel object kind. */
static int bad_cap(struct tal_diag *d, uint32_t i, uint32_t k)
{
	tal_fail(d, TAL_E_OBJ_CAP_KIND);
	tal_diag_str(d, ": types entry ");
	tal_diag_uint(d, i);
	tal_diag_str(d, " (cap ");
	tal_diag_uint(d, k);
	tal_diag_str(d, "): kind ");
	tal_diag_uint(d, k);
	tal_diag_str(d, " is not a kernel object kind (1..");
	tal_diag_uint(d, OBJ_KINDS - 1);
	tal_diag_str(d, ", include/talos/objects.h)");
	return TAL_E_OBJ_CAP_KIND;
}

/* Fail with E naming member J of record or signature T (type entry I):
 * "members entry J (field next of record node)", or "(argument 2 of
 * signature type#5)"; explained by WHAT. T's name is checked already. */
static int bad_member(const struct tal_obj *o, struct tal_diag *d, int e,
                      uint32_t i, const struct tal_type *t, uint32_t j,
                      const char *what)
{
	struct tal_member m;

	tal_obj_member(o, j, &m);
	tal_tables_at(d, e, "members", j, o, TAL_NONE);
	if (t->kind == TAL_T_SIG && j == t->a) {
		tal_diag_str(d, " (result");
	} else if (t->kind == TAL_T_SIG) {
		tal_diag_str(d, " (argument ");
		tal_diag_uint(d, j - t->a);
	} else {
		tal_diag_str(d, " (field ");
		tal_diag_str(d, tal_tables_name_ok(o, m.name, false) ? tal_obj_str(o, m.name) : "?");
	}
	tal_diag_str(d, t->kind == TAL_T_SIG ? " of signature " : " of record ");
	if (t->name != TAL_NONE) {
		tal_diag_str(d, tal_obj_str(o, t->name));
	} else {
		tal_diag_str(d, "type#");
		tal_diag_uint(d, i);
	}
	tal_diag_str(d, "): ");
	tal_diag_str(d, what);
	return e;
}

/* Check the members [A, A+B) of record or signature entry I. */
static int check_members(const struct tal_obj *o, struct tal_diag *d,
                         uint32_t i, const struct tal_type *t)
{
	struct tal_member m;
	uint32_t j, next = 0;
	bool rec = t->kind == TAL_T_RECORD;

	for (j = t->a; j < t->a + t->b; j++) {
		tal_obj_member(o, j, &m);
		if (!tal_tables_name_ok(o, m.name, true))
			return bad_member(o, d, TAL_E_OBJ_STRING, i, t, j, "bad name");
		if (!storable(tal_tables_kind(o, m.type)))
			return bad_member(o, d, TAL_E_OBJ_TYPE, i, t, j,
			                  "type is not int, idx, ptr, ptr? or cap");
		if (m.flags & ~(rec ? TAL_TF_RO : 0u))
			return bad_member(o, d, TAL_E_OBJ_TYPE, i, t, j, "bad flags");
		if (!rec) {
			if (m.offset != 0)
				return bad_member(o, d, TAL_E_OBJ_TYPE, i, t, j,
				                  "signature member with an offset");
			continue;
		}
		if (m.offset % 4 || m.offset < next || m.offset >= TAL_MAX_DATA_BYTES)
			return bad_member(o, d, TAL_E_OBJ_TYPE, i, t, j,
			                  "record fields must be 4-aligned, increasing, below the data limit");
		next = m.offset + 4;
	}
	return TAL_OK;
}

int tal_tables_types(const struct tal_obj *o, struct tal_diag *d)
{
	uint32_t n = o->count[TAL_SEC_TYPES], nm = o->count[TAL_SEC_MEMBERS];
	uint64_t refs = 0;
	struct tal_type t;
	uint32_t i;
	int err;

	for (i = 0; i < n; i++) {
		tal_obj_type(o, i, &t);
		if (!tal_tables_name_ok(o, t.name, true))
			return tal_tables_bad(d, TAL_E_OBJ_STRING, "types", i, o, t.name, "bad name");
		if (t.flags & ~TAL_TF_RO ||
		    (t.flags && t.kind != TAL_T_ARRAY && t.kind != TAL_T_BYTES))
			return tal_tables_bad(d, TAL_E_OBJ_TYPE, "types", i, o, t.name, "bad flags");
		switch (t.kind) {
		case TAL_T_UNINIT: case TAL_T_INT: case TAL_T_RET:
			if (t.a || t.b)
				return tal_tables_bad(d, TAL_E_OBJ_TYPE, "types", i, o, t.name, "nonzero operand");
			break;
		case TAL_T_IDX:
			if (t.a == 0 || t.b)
				return tal_tables_bad(d, TAL_E_OBJ_TYPE, "types", i, o, t.name, "idx bound must be >= 1");
			break;
		case TAL_T_PTR: case TAL_T_PTRN:
			if (!tal_tables_mem_kind(tal_tables_kind(o, t.a)) || t.b)
				return tal_tables_bad(d, TAL_E_OBJ_INDEX, "types", i, o, t.name,
				                      "pointer to something that is not a memory type");
			break;
		case TAL_T_CAP:
			if (t.b)
				return tal_tables_bad(d, TAL_E_OBJ_TYPE, "types", i, o, t.name, "nonzero operand");
			if (t.a == 0 || t.a >= OBJ_KINDS)
				return bad_cap(d, i, t.a);
			break;
		case TAL_T_SAVED:
			if ((t.a != 3 && t.a != 5 && t.a != 6 && t.a != 7) || t.b)
				return tal_tables_bad(d, TAL_E_OBJ_TYPE, "types", i, o, t.name,
				                      "saved register must be ebx, ebp, esi or edi");
			break;
		case TAL_T_ARRAY:
			if (!storable(tal_tables_kind(o, t.a)) || t.b == 0 ||
			    t.b > TAL_MAX_DATA_BYTES / 4)
				return tal_tables_bad(d, TAL_E_OBJ_TYPE, "types", i, o, t.name,
				                      "array needs a storable element type and 1..limit elements");
			break;
		case TAL_T_BYTES:
			if (t.a || t.b == 0 || t.b > TAL_MAX_DATA_BYTES)
				return tal_tables_bad(d, TAL_E_OBJ_TYPE, "types", i, o, t.name, "bytes need 1..limit length");
			break;
		case TAL_T_RECORD: case TAL_T_SIG:
			refs += t.b;
			if (t.b == 0 || (uint64_t)t.a + t.b > nm || refs > nm)
				return tal_tables_bad(d, TAL_E_OBJ_INDEX, "types", i, o, t.name,
				                      "members out of range (or shared too often)");
			if (t.kind == TAL_T_SIG && t.b - 1 > TAL_MAX_ARGS)
				return tal_tables_bad(d, TAL_E_OBJ_LIMIT, "types", i, o, t.name, "too many arguments");
			err = check_members(o, d, i, &t);
			if (err)
				return err;
			break;
		default:
			return tal_tables_bad(d, TAL_E_OBJ_TYPE, "types", i, o, t.name, "unknown kind");
		}
	}
	return TAL_OK;
}
