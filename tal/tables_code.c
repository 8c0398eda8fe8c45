/*
 * TAL checks of the tables that describe code: functions (sorted, the
 * first at offset 0), labels and their annotation items, imports,
 * exports (signatures the kernel can call, names unique) and the handler, and
 * relocations (sorted, disjoint, naming a global or an import).
 *
 * Invariant: runs after the type checks, so signatures read here are
 * well formed, and labels are checked after the functions whose
 * signatures they read; items referenced by all labels together are
 * bounded by the size of the item table.
 */
#include "tables_priv.h"
#include <talos/param.h>

/* A word type: what a register, a slot or an annotation item may hold. */
static bool word_kind(int k)
{
	return k >= TAL_T_UNINIT && k <= TAL_T_RET;
}

int tal_tables_funcs(const struct tal_obj *o, struct tal_diag *d)
{
	struct tal_func f;
	uint32_t i, prev = 0, n = o->count[TAL_SEC_FUNCS];

	if (n == 0 && o->count[TAL_SEC_CODE] != 0)
		return tal_tables_bad(d, TAL_E_OBJ_ORDER, "funcs", 0, o, TAL_NONE,
		                      "code outside any function");
	for (i = 0; i < n; i++) {
		tal_obj_func(o, i, &f);
		if (!tal_tables_name_ok(o, f.name, false))
			return tal_tables_bad(d, TAL_E_OBJ_STRING, "funcs", i, o, f.name, "bad name");
		if (tal_tables_kind(o, f.sig) != TAL_T_SIG)
			return tal_tables_bad(d, TAL_E_OBJ_INDEX, "funcs", i, o, f.name, "signature is not a signature type");
		if (f.start >= o->count[TAL_SEC_CODE] || (i == 0 && f.start != 0) ||
		    (i > 0 && f.start <= prev))
			return tal_tables_bad(d, TAL_E_OBJ_ORDER, "funcs", i, o, f.name,
			                      "functions must be non-empty, sorted, the first at code offset 0");
		prev = f.start;
	}
	return TAL_OK;
}

/* Fail with E naming item J of the annotation of label L, explained by WHAT. */
static int bad_item(const struct tal_obj *o, struct tal_diag *d, int e, uint32_t j,
                    const struct tal_label *l, const char *what)
{
	tal_tables_at(d, e, "items", j, o, TAL_NONE);
	if (tal_tables_name_ok(o, l->name, false)) {
		tal_diag_str(d, " (of label ");
		tal_diag_str(d, tal_obj_str(o, l->name));
		tal_diag_str(d, ")");
	}
	tal_diag_str(d, ": ");
	tal_diag_str(d, what);
	return e;
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
		if (!word_kind(tal_tables_kind(o, it.type)))
			return bad_item(o, d, TAL_E_OBJ_INDEX, j, l, "type is not a word type");
		if (it.loc < 8 && it.loc != 4) {
			if (regs & (1u << it.loc))
				return tal_tables_bad(d, TAL_E_OBJ_LABEL, "labels", i, o, l->name, "register listed twice");
			regs |= 1u << it.loc;
			continue;
		}
		if (it.loc != TAL_LOC_SLOT || it.e % 4 || it.e < l->esp || it.e > top)
			return bad_item(o, d, TAL_E_OBJ_LABEL, j, l,
			                "not a register other than esp, nor a slot inside the frame");
		slot = (uint32_t)(top - it.e) / 4;
		if (slots & ((uint64_t)1 << slot))
			return tal_tables_bad(d, TAL_E_OBJ_LABEL, "labels", i, o, l->name, "slot listed twice");
		slots |= (uint64_t)1 << slot;
	}
	return TAL_OK;
}

int tal_tables_labels(const struct tal_obj *o, struct tal_diag *d)
{
	uint32_t i, fn = 0, nf = o->count[TAL_SEC_FUNCS];
	uint64_t refs = 0, frame;
	struct tal_label l;
	struct tal_func f;
	int err;

	for (i = 0; i < o->count[TAL_SEC_LABELS]; i++) {
		tal_obj_label(o, i, &l);
		if (!tal_tables_name_ok(o, l.name, true))
			return tal_tables_bad(d, TAL_E_OBJ_STRING, "labels", i, o, l.name, "bad name");
		if (l.code >= o->count[TAL_SEC_CODE])
			return tal_tables_bad(d, TAL_E_OBJ_LABEL, "labels", i, o, l.name, "outside the code");
		if (i > 0) {
			struct tal_label p;

			tal_obj_label(o, i - 1, &p);
			if (l.code <= p.code)
				return tal_tables_bad(d, TAL_E_OBJ_ORDER, "labels", i, o, l.name,
				                      "labels must be sorted by code offset, one per offset");
		}
		while (fn + 1 < nf && tal_obj_func_end(o, fn) <= l.code)
			fn++;
		tal_obj_func(o, fn, &f);
		refs += l.count;
		if ((uint64_t)l.first + l.count > o->count[TAL_SEC_ITEMS] ||
		    refs > o->count[TAL_SEC_ITEMS])
			return tal_tables_bad(d, TAL_E_OBJ_INDEX, "labels", i, o, l.name,
			                      "items out of range (or shared too often)");
		frame = ((uint64_t)4 * tal_sig_nargs(o, f.sig) - (int64_t)l.esp) / 4 + 1;
		if (l.esp > 0 || l.esp % 4 || l.esp < -4 * TAL_MAX_FRAME_SLOTS ||
		    frame > TAL_MAX_FRAME_SLOTS)
			return tal_tables_bad(d, TAL_E_OBJ_LABEL, "labels", i, o, l.name,
			                      "esp must be <= 0, a multiple of 4, the frame within the slot limit");
		err = check_items(o, d, i, &l, tal_sig_nargs(o, f.sig));
		if (err)
			return err;
	}
	return TAL_OK;
}

/* Do strtab offsets A and B hold the same name? */
static bool same_name(const struct tal_obj *o, uint32_t a, uint32_t b)
{
	const char *x = tal_obj_str(o, a), *y = tal_obj_str(o, b);

	while (*x && *x == *y) {
		x++;
		y++;
	}
	return *x == *y;
}

/* Export I may not have the name of an earlier export. Each name is
 * compared with the earlier ones, so the work is at most TAL_MAX_EXPORTS
 * times the size of the string table. */
static int check_unique(const struct tal_obj *o, struct tal_diag *d, uint32_t i,
                        const struct tal_export *ex)
{
	struct tal_export prev;
	uint32_t j;

	for (j = 0; j < i; j++) {
		tal_obj_export(o, j, &prev);
		if (!same_name(o, prev.name, ex->name))
			continue;
		tal_fail(d, TAL_E_OBJ_DUP_EXPORT);
		tal_diag_str(d, ": exports entry ");
		tal_diag_uint(d, i);
		tal_diag_str(d, ": name ");
		tal_diag_str(d, tal_obj_str(o, ex->name));
		tal_diag_str(d, " is already exported by entry ");
		tal_diag_uint(d, j);
		return TAL_E_OBJ_DUP_EXPORT;
	}
	return TAL_OK;
}

/* Exports take int or cap arguments and return int; the handler is
 * (int) -> int. */
static bool callable_by_kernel(const struct tal_obj *o, uint32_t sig, bool handler)
{
	uint32_t i, n = tal_sig_nargs(o, sig);
	int k;

	if (tal_tables_kind(o, tal_sig_result(o, sig)) != TAL_T_INT)
		return false;
	if (handler && n != 1)
		return false;
	for (i = 0; i < n; i++) {
		k = tal_tables_kind(o, tal_sig_arg(o, sig, i));
		if (k != TAL_T_INT && (handler || k != TAL_T_CAP))
			return false;
	}
	return true;
}

int tal_tables_links(const struct tal_obj *o, struct tal_diag *d)
{
	struct tal_import im;
	struct tal_export ex;
	struct tal_func f;
	uint32_t i, nf = o->count[TAL_SEC_FUNCS];
	int err;

	for (i = 0; i < o->count[TAL_SEC_IMPORTS]; i++) {
		tal_obj_import(o, i, &im);
		if (!tal_tables_name_ok(o, im.name, false))
			return tal_tables_bad(d, TAL_E_OBJ_STRING, "imports", i, o, im.name, "bad name");
		if (tal_tables_kind(o, im.sig) != TAL_T_SIG)
			return tal_tables_bad(d, TAL_E_OBJ_INDEX, "imports", i, o, im.name, "signature is not a signature type");
	}
	for (i = 0; i < o->count[TAL_SEC_EXPORTS]; i++) {
		tal_obj_export(o, i, &ex);
		if (!tal_tables_name_ok(o, ex.name, false))
			return tal_tables_bad(d, TAL_E_OBJ_STRING, "exports", i, o, ex.name, "bad name");
		if (ex.func >= nf)
			return tal_tables_bad(d, TAL_E_OBJ_INDEX, "exports", i, o, ex.name, "no such function");
		tal_obj_func(o, ex.func, &f);
		if (!callable_by_kernel(o, f.sig, false))
			return tal_tables_bad(d, TAL_E_OBJ_EXPORT, "exports", i, o, ex.name,
			                      "signature must be (int or cap, ...) -> int");
		if ((err = check_unique(o, d, i, &ex)))
			return err;
	}
	if (o->handler != TAL_NONE) {
		if (o->handler >= nf)
			return tal_tables_bad(d, TAL_E_OBJ_INDEX, "header", 0, o, TAL_NONE,
			                      "handler: no such function");
		tal_obj_func(o, o->handler, &f);
		if (!callable_by_kernel(o, f.sig, true))
			return tal_tables_bad(d, TAL_E_OBJ_EXPORT, "handler", o->handler, o, f.name,
			                      "handler signature must be (int) -> int");
	}
	return TAL_OK;
}

int tal_tables_relocs(const struct tal_obj *o, struct tal_diag *d)
{
	struct tal_reloc r;
	uint32_t i;
	uint64_t next = 0;

	for (i = 0; i < o->count[TAL_SEC_RELOCS]; i++) {
		tal_obj_reloc(o, i, &r);
		if (r.code < next || (uint64_t)r.code + 4 > o->count[TAL_SEC_CODE])
			return tal_tables_bad(d, TAL_E_OBJ_ORDER, "relocs", i, o, TAL_NONE,
			                      "must be sorted, disjoint and inside the code");
		next = (uint64_t)r.code + 4;
		if (!((r.kind == TAL_R_GLOBAL && r.index < o->count[TAL_SEC_GLOBALS]) ||
		      (r.kind == TAL_R_IMPORT && r.index < o->count[TAL_SEC_IMPORTS])))
			return tal_tables_bad(d, TAL_E_OBJ_INDEX, "relocs", i, o, TAL_NONE,
			                      "bad kind, or no such global or import");
	}
	return TAL_OK;
}
