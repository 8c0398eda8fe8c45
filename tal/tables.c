/*
 * TAL table checks (see tables.h). Each check_* function validates one
 * table, entry by entry, and names the first bad entry in its message.
 *
 * Invariant: an index is compared with its table's count before the entry
 * it names is read; total member and item references are bounded by the
 * sizes of those tables, so hostile sharing cannot make the checks slow.
 */
#include "tables.h"
#include <talos/param.h>

/* Fail with E naming entry I of table TABLE. */
static int bad(struct tal_diag *d, int e, const char *table, uint32_t i,
               const char *what)
{
	tal_fail(d, e);
	tal_diag_str(d, ": ");
	tal_diag_str(d, table);
	tal_diag_str(d, " entry ");
	tal_diag_uint(d, i);
	tal_diag_str(d, ": ");
	tal_diag_str(d, what);
	return e;
}

static bool name_ok(const struct tal_obj *o, uint32_t name, bool optional)
{
	if (name == TAL_NONE)
		return optional;
	return name < o->count[TAL_SEC_STRTAB];
}

/* Kind of type-table entry T, or 0 when T is out of range. */
static int kind_of(const struct tal_obj *o, uint32_t t)
{
	struct tal_type ty;

	if (t >= o->count[TAL_SEC_TYPES])
		return 0;
	tal_obj_type(o, t, &ty);
	return ty.kind;
}

/* A word type a field, element, argument or result may have. */
static bool storable(int k)
{
	return k == TAL_T_INT || k == TAL_T_IDX || k == TAL_T_PTR ||
	       k == TAL_T_PTRN || k == TAL_T_CAP;
}

static bool word_kind(int k)
{
	return k >= TAL_T_UNINIT && k <= TAL_T_RET;
}

static bool mem_kind(int k)
{
	return k == TAL_T_RECORD || k == TAL_T_ARRAY || k == TAL_T_BYTES;
}

uint32_t tal_sig_nargs(const struct tal_obj *o, uint32_t sig)
{
	struct tal_type t;

	tal_obj_type(o, sig, &t);
	return t.b - 1;
}

uint32_t tal_sig_arg(const struct tal_obj *o, uint32_t sig, uint32_t i)
{
	struct tal_type t;
	struct tal_member m;

	tal_obj_type(o, sig, &t);
	tal_obj_member(o, t.a + 1 + i, &m);
	return m.type;
}

uint32_t tal_sig_result(const struct tal_obj *o, uint32_t sig)
{
	struct tal_type t;
	struct tal_member m;

	tal_obj_type(o, sig, &t);
	tal_obj_member(o, t.a, &m);
	return m.type;
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
		if (!name_ok(o, m.name, true))
			return bad(d, TAL_E_OBJ_STRING, "members", j, "bad name");
		if (!storable(kind_of(o, m.type)))
			return bad(d, TAL_E_OBJ_TYPE, "members", j,
			           "type is not int, idx, ptr, ptr? or cap");
		if (m.flags & ~(rec ? TAL_TF_RO : 0u))
			return bad(d, TAL_E_OBJ_TYPE, "members", j, "bad flags");
		if (!rec) {
			if (m.offset != 0)
				return bad(d, TAL_E_OBJ_TYPE, "members", j,
				           "signature member with an offset");
			continue;
		}
		if (m.offset % 4 || m.offset < next || m.offset >= TAL_MAX_DATA_BYTES)
			return bad(d, TAL_E_OBJ_TYPE, "types", i,
			           "record fields must be 4-aligned, increasing, below the data limit");
		next = m.offset + 4;
	}
	return TAL_OK;
}

static int check_types(const struct tal_obj *o, struct tal_diag *d)
{
	uint32_t n = o->count[TAL_SEC_TYPES], nm = o->count[TAL_SEC_MEMBERS];
	uint64_t refs = 0;
	struct tal_type t;
	uint32_t i;
	int err;

	for (i = 0; i < n; i++) {
		tal_obj_type(o, i, &t);
		if (!name_ok(o, t.name, true))
			return bad(d, TAL_E_OBJ_STRING, "types", i, "bad name");
		if (t.flags & ~TAL_TF_RO ||
		    (t.flags && t.kind != TAL_T_ARRAY && t.kind != TAL_T_BYTES))
			return bad(d, TAL_E_OBJ_TYPE, "types", i, "bad flags");
		switch (t.kind) {
		case TAL_T_UNINIT: case TAL_T_INT: case TAL_T_RET:
			if (t.a || t.b)
				return bad(d, TAL_E_OBJ_TYPE, "types", i, "nonzero operand");
			break;
		case TAL_T_IDX:
			if (t.a == 0 || t.b)
				return bad(d, TAL_E_OBJ_TYPE, "types", i, "idx bound must be >= 1");
			break;
		case TAL_T_PTR: case TAL_T_PTRN:
			if (!mem_kind(kind_of(o, t.a)) || t.b)
				return bad(d, TAL_E_OBJ_INDEX, "types", i,
				           "pointer to something that is not a memory type");
			break;
		case TAL_T_CAP:
			if (t.b)
				return bad(d, TAL_E_OBJ_TYPE, "types", i, "nonzero operand");
			break;
		case TAL_T_SAVED:
			if ((t.a != 3 && t.a != 5 && t.a != 6 && t.a != 7) || t.b)
				return bad(d, TAL_E_OBJ_TYPE, "types", i,
				           "saved register must be ebx, ebp, esi or edi");
			break;
		case TAL_T_ARRAY:
			if (!storable(kind_of(o, t.a)) || t.b == 0 ||
			    t.b > TAL_MAX_DATA_BYTES / 4)
				return bad(d, TAL_E_OBJ_TYPE, "types", i,
				           "array needs a storable element type and 1..limit elements");
			break;
		case TAL_T_BYTES:
			if (t.a || t.b == 0 || t.b > TAL_MAX_DATA_BYTES)
				return bad(d, TAL_E_OBJ_TYPE, "types", i, "bytes need 1..limit length");
			break;
		case TAL_T_RECORD: case TAL_T_SIG:
			refs += t.b;
			if (t.b == 0 || (uint64_t)t.a + t.b > nm || refs > nm)
				return bad(d, TAL_E_OBJ_INDEX, "types", i,
				           "members out of range (or shared too often)");
			if (t.kind == TAL_T_SIG && t.b - 1 > TAL_MAX_ARGS)
				return bad(d, TAL_E_OBJ_LIMIT, "types", i, "too many arguments");
			err = check_members(o, d, i, &t);
			if (err)
				return err;
			break;
		default:
			return bad(d, TAL_E_OBJ_TYPE, "types", i, "unknown kind");
		}
	}
	return TAL_OK;
}

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

static int check_globals(const struct tal_obj *o, struct tal_diag *d)
{
	struct tal_global g;
	struct tal_type t;
	uint32_t i, prev_end[2] = { 0, 0 };
	uint64_t end;

	for (i = 0; i < o->count[TAL_SEC_GLOBALS]; i++) {
		tal_obj_global(o, i, &g);
		if (!name_ok(o, g.name, false))
			return bad(d, TAL_E_OBJ_STRING, "globals", i, "bad name");
		if (!mem_kind(kind_of(o, g.type)))
			return bad(d, TAL_E_OBJ_INDEX, "globals", i, "type is not a memory type");
		if (g.sec != TAL_SEC_RODATA && g.sec != TAL_SEC_DATA)
			return bad(d, TAL_E_OBJ_GLOBAL, "globals", i, "section is not rodata or data");
		if (g.offset % 4)
			return bad(d, TAL_E_OBJ_ALIGN, "globals", i, "offset not a multiple of 4");
		end = (uint64_t)g.offset + tal_obj_memsize(o, g.type);
		if (end > o->count[g.sec])
			return bad(d, TAL_E_OBJ_GLOBAL, "globals", i, "extends past its section");
		if (g.offset < prev_end[g.sec == TAL_SEC_DATA])
			return bad(d, TAL_E_OBJ_ORDER, "globals", i,
			           "the globals of a section must be sorted by offset, without overlap");
		prev_end[g.sec == TAL_SEC_DATA] = (uint32_t)end;
		tal_obj_type(o, g.type, &t);
		if (g.sec == TAL_SEC_RODATA && !all_readonly(o, &t))
			return bad(d, TAL_E_OBJ_GLOBAL, "globals", i,
			           "a rodata global needs a read-only type");
		if (!global_init_ok(o, &g, &t))
			return bad(d, TAL_E_OBJ_GLOBAL, "globals", i,
			           "initial value not of its type (no ptr or cap; ptr? must be 0; idx N below N)");
	}
	return TAL_OK;
}

static int check_funcs(const struct tal_obj *o, struct tal_diag *d)
{
	struct tal_func f;
	uint32_t i, prev = 0, n = o->count[TAL_SEC_FUNCS];

	if (n == 0 && o->count[TAL_SEC_CODE] != 0)
		return bad(d, TAL_E_OBJ_ORDER, "funcs", 0, "code outside any function");
	for (i = 0; i < n; i++) {
		tal_obj_func(o, i, &f);
		if (!name_ok(o, f.name, false))
			return bad(d, TAL_E_OBJ_STRING, "funcs", i, "bad name");
		if (kind_of(o, f.sig) != TAL_T_SIG)
			return bad(d, TAL_E_OBJ_INDEX, "funcs", i, "signature is not a signature type");
		if (f.start >= o->count[TAL_SEC_CODE] || (i == 0 && f.start != 0) ||
		    (i > 0 && f.start <= prev))
			return bad(d, TAL_E_OBJ_ORDER, "funcs", i,
			           "functions must be non-empty, sorted, the first at code offset 0");
		prev = f.start;
	}
	return TAL_OK;
}

/* Check the items of label L (number I) of a function with NARGS arguments:
 * each names a register other than esp, or a slot inside the label's frame,
 * at most once, with a word type. */
static int check_items(const struct tal_obj *o, struct tal_diag *d, uint32_t i,
                       const struct tal_label *l, uint32_t nargs)
{
	struct tal_item it;
	uint32_t j, regs = 0, slot;
	uint64_t slots = 0;
	int32_t top = 4 * (int32_t)nargs;

	for (j = l->first; j < l->first + l->count; j++) {
		tal_obj_item(o, j, &it);
		if (!word_kind(kind_of(o, it.type)))
			return bad(d, TAL_E_OBJ_INDEX, "items", j, "type is not a word type");
		if (it.loc < 8 && it.loc != 4) {
			if (regs & (1u << it.loc))
				return bad(d, TAL_E_OBJ_LABEL, "labels", i, "register listed twice");
			regs |= 1u << it.loc;
			continue;
		}
		if (it.loc != TAL_LOC_SLOT || it.e % 4 || it.e < l->esp || it.e > top)
			return bad(d, TAL_E_OBJ_LABEL, "items", j,
			           "not a register other than esp, nor a slot inside the frame");
		slot = (uint32_t)(top - it.e) / 4;
		if (slots & ((uint64_t)1 << slot))
			return bad(d, TAL_E_OBJ_LABEL, "labels", i, "slot listed twice");
		slots |= (uint64_t)1 << slot;
	}
	return TAL_OK;
}

static int check_labels(const struct tal_obj *o, struct tal_diag *d)
{
	uint32_t i, fn = 0, nf = o->count[TAL_SEC_FUNCS];
	uint64_t refs = 0, frame;
	struct tal_label l;
	struct tal_func f;
	int err;

	for (i = 0; i < o->count[TAL_SEC_LABELS]; i++) {
		tal_obj_label(o, i, &l);
		if (!name_ok(o, l.name, true))
			return bad(d, TAL_E_OBJ_STRING, "labels", i, "bad name");
		if (l.code >= o->count[TAL_SEC_CODE])
			return bad(d, TAL_E_OBJ_LABEL, "labels", i, "outside the code");
		if (i > 0) {
			struct tal_label p;

			tal_obj_label(o, i - 1, &p);
			if (l.code <= p.code)
				return bad(d, TAL_E_OBJ_ORDER, "labels", i,
				           "labels must be sorted by code offset, one per offset");
		}
		while (fn + 1 < nf && tal_obj_func_end(o, fn) <= l.code)
			fn++;
		tal_obj_func(o, fn, &f);
		refs += l.count;
		if ((uint64_t)l.first + l.count > o->count[TAL_SEC_ITEMS] ||
		    refs > o->count[TAL_SEC_ITEMS])
			return bad(d, TAL_E_OBJ_INDEX, "labels", i,
			           "items out of range (or shared too often)");
		frame = ((uint64_t)4 * tal_sig_nargs(o, f.sig) - (int64_t)l.esp) / 4 + 1;
		if (l.esp > 0 || l.esp % 4 || l.esp < -4 * TAL_MAX_FRAME_SLOTS ||
		    frame > TAL_MAX_FRAME_SLOTS)
			return bad(d, TAL_E_OBJ_LABEL, "labels", i,
			           "esp must be <= 0, a multiple of 4, the frame within the slot limit");
		err = check_items(o, d, i, &l, tal_sig_nargs(o, f.sig));
		if (err)
			return err;
	}
	return TAL_OK;
}

/* Exports take int or cap arguments and return int; the handler is
 * (int) -> int. */
static bool callable_by_kernel(const struct tal_obj *o, uint32_t sig, bool handler)
{
	uint32_t i, n = tal_sig_nargs(o, sig);
	int k;

	if (kind_of(o, tal_sig_result(o, sig)) != TAL_T_INT)
		return false;
	if (handler && n != 1)
		return false;
	for (i = 0; i < n; i++) {
		k = kind_of(o, tal_sig_arg(o, sig, i));
		if (k != TAL_T_INT && (handler || k != TAL_T_CAP))
			return false;
	}
	return true;
}

static int check_links(const struct tal_obj *o, struct tal_diag *d)
{
	struct tal_import im;
	struct tal_export ex;
	struct tal_func f;
	uint32_t i, nf = o->count[TAL_SEC_FUNCS];

	for (i = 0; i < o->count[TAL_SEC_IMPORTS]; i++) {
		tal_obj_import(o, i, &im);
		if (!name_ok(o, im.name, false))
			return bad(d, TAL_E_OBJ_STRING, "imports", i, "bad name");
		if (kind_of(o, im.sig) != TAL_T_SIG)
			return bad(d, TAL_E_OBJ_INDEX, "imports", i, "signature is not a signature type");
	}
	for (i = 0; i < o->count[TAL_SEC_EXPORTS]; i++) {
		tal_obj_export(o, i, &ex);
		if (!name_ok(o, ex.name, false))
			return bad(d, TAL_E_OBJ_STRING, "exports", i, "bad name");
		if (ex.func >= nf)
			return bad(d, TAL_E_OBJ_INDEX, "exports", i, "no such function");
		tal_obj_func(o, ex.func, &f);
		if (!callable_by_kernel(o, f.sig, false))
			return bad(d, TAL_E_OBJ_EXPORT, "exports", i,
			           "signature must be (int or cap, ...) -> int");
	}
	if (o->handler != TAL_NONE) {
		if (o->handler >= nf)
			return bad(d, TAL_E_OBJ_INDEX, "header", 0, "handler: no such function");
		tal_obj_func(o, o->handler, &f);
		if (!callable_by_kernel(o, f.sig, true))
			return bad(d, TAL_E_OBJ_EXPORT, "header", 0,
			           "handler signature must be (int) -> int");
	}
	return TAL_OK;
}

static int check_relocs(const struct tal_obj *o, struct tal_diag *d)
{
	struct tal_reloc r;
	uint32_t i;
	uint64_t next = 0;

	for (i = 0; i < o->count[TAL_SEC_RELOCS]; i++) {
		tal_obj_reloc(o, i, &r);
		if (r.code < next || (uint64_t)r.code + 4 > o->count[TAL_SEC_CODE])
			return bad(d, TAL_E_OBJ_ORDER, "relocs", i,
			           "must be sorted, disjoint and inside the code");
		next = (uint64_t)r.code + 4;
		if (!((r.kind == TAL_R_GLOBAL && r.index < o->count[TAL_SEC_GLOBALS]) ||
		      (r.kind == TAL_R_IMPORT && r.index < o->count[TAL_SEC_IMPORTS])))
			return bad(d, TAL_E_OBJ_INDEX, "relocs", i,
			           "bad kind, or no such global or import");
	}
	return TAL_OK;
}

int tal_tables_check(const struct tal_obj *o, struct tal_diag *d)
{
	int err;

	if ((err = check_types(o, d)) || (err = check_globals(o, d)) ||
	    (err = check_funcs(o, d)) || (err = check_labels(o, d)) ||
	    (err = check_links(o, d)) || (err = check_relocs(o, d)))
		return err;
	return TAL_OK;
}
