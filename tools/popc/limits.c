/*
 * popc object limits: holds the program to the table limits of a TAL
 * object (include/talos/param.h, "TAL verifier limits") that the source
 * decides, before any code is generated, and reports the first source
 * item that passes one. Counted as decl.c and func.c emit them:
 *
 *   exports     one per exported function               TAL_MAX_EXPORTS
 *   functions   one per function, one more per wrapper   TAL_MAX_FUNCS
 *   globals     one per global, plus the hidden ones      TAL_MAX_GLOBALS
 *   data        4 bytes per word of every data global     TAL_MAX_DATA_BYTES
 *   members     struct fields; a signature's result and   TAL_MAX_MEMBERS
 *               arguments (functions, wrappers, imports)
 *   types       records, array types, signatures, the     TAL_MAX_TYPES
 *               name type and word types (see types_fixed)
 *
 * Hidden items (exception flag, null boxes, zeroed instances, string
 * literals, imports) are counted first, then the user's items in source
 * order, so the error names a line the user wrote. The word types are
 * counted by an upper bound (every word type an annotation could name);
 * everything else is exact. Limits that grow with the code (labels,
 * annotation entries, code bytes, relocations, names) are left to talas,
 * whose refusal certify.c reports at the source line that reaches it.
 *
 * Invariant: a program popc_limits accepts fits every table above.
 */
#include "popc.h"
#include <string.h>
#include <talos/ext_iface.h>
#include <talos/param.h>

/* Running counts of the object's tables. */
static struct {
	long exports, funcs, globals, data, members, types;
} n;

/* Add ADD to *COUNT for the item at LINE:COL; report the item if the
 * count passes MAX, the limit named LIMIT of the table of WHAT. */
static void take(long *count, long add, long max, const char *limit, const char *what,
                 int line, int col)
{
	*count += add;
	if (*count > max)
		popc_error(line, col, "too many %s for one TAL object: %ld with this one, at "
		           "most %ld (%s)", what, *count, max, limit);
}

/* Is array type T the same TAL type as one of ARR[0..NARR)? */
static bool seen_array(const struct ptype *arr, int narr, struct ptype t)
{
	for (int i = 0; i < narr; i++)
		if (arr[i].elem == t.elem && arr[i].len == t.len &&
		    (t.elem != TY_NREF || arr[i].st == t.st))
			return true;
	return false;
}

/* The distinct array types of the program (decl.c declares one each),
 * into ARR; their number. Scalars are arrays of one (decl.c: storage). */
static int array_types(struct program *p, struct ptype *arr)
{
	int narr = 0, i, j;
	struct ptype t;

	for (i = 0; i < p->nglobals; i++) {
		struct pglobal *g = p->globals[i];
		if (g->ty.k == TY_REF)
			continue;
		t = g->ty.k == TY_ARR ? g->ty : (struct ptype){ .k = TY_ARR, .len = 1,
			.elem = g->ty.k == TY_NREF ? TY_NREF : TY_INT, .st = g->ty.st };
		if (t.elem == TY_BOOL)
			t.elem = TY_INT;
		if (!seen_array(arr, narr, t))
			arr[narr++] = t;
	}
	for (i = 0; i < p->nfuncs; i++)
		for (j = 0; j < p->funcs[i]->nparams; j++) {
			t = p->funcs[i]->params[j]->ty;
			if (t.k != TY_ARR)
				continue;
			if (t.elem == TY_BOOL)
				t.elem = TY_INT;
			if (!seen_array(arr, narr, t))
				arr[narr++] = t;
		}
	for (i = 0; i < p->nstructs; i++) {
		t = (struct ptype){ .k = TY_ARR, .elem = TY_NREF, .st = p->structs[i], .len = 1 };
		if (p->structs[i]->need_null && !seen_array(arr, narr, t))
			arr[narr++] = t;
	}
	t = (struct ptype){ .k = TY_ARR, .elem = TY_INT, .len = 1 };
	if (p->need_flag && !seen_array(arr, narr, t))
		arr[narr++] = t;
	return narr;
}

/* Types that do not come from one source item: the array types, the name
 * type, and an upper bound of the word types (int, ret, uninit, cap, the
 * four saved registers; ptr to each record, array and the name type; ptr?
 * to each struct; idx N for each array length). */
static long types_fixed(struct program *p)
{
	struct ptype *arr = popc_alloc(sizeof *arr * (size_t)(p->nglobals + p->nstructs + 2 +
	                               (long)p->nfuncs * TAL_MAX_ARGS));
	long narr = array_types(p, arr);

	return narr + 1 + 8 + (p->nstructs + narr + 1) + p->nstructs + narr;
}

void popc_limits(struct program *p, struct pfunc **source_order)
{
	int i;

	memset(&n, 0, sizeof n);
	/* hidden items first */
	n.globals = p->nstrs + (p->need_flag ? 1 : 0);
	n.data = p->need_flag ? 4 : 0;
	for (i = 0; i < p->nstructs; i++) {
		n.globals += p->structs[i]->need_null + p->structs[i]->need_any;
		n.data += 4 * (p->structs[i]->need_null + (long)p->structs[i]->need_any * p->structs[i]->nf);
	}
	n.types = types_fixed(p);
	for (i = 0; i < popc_niface; i++)
		if (p->iface_used[i]) {
			n.types++;
			n.members += 1 + (long)strlen(popc_ifaces[i].args);
		}
	if (p->need_raise && popc_iface_find(POPC_RAISE) < 0) {
		n.types++;
		n.members += 2;
	}
	/* then the user's items, in source order */
	for (i = 0; i < p->nstructs; i++) {
		struct pstruct *s = p->structs[i];
		take(&n.types, 1, TAL_MAX_TYPES, "TAL_MAX_TYPES", "types", s->line, s->col);
		take(&n.members, s->nf, TAL_MAX_MEMBERS, "TAL_MAX_MEMBERS",
		     "struct fields and signature members",
		     s->line, s->col);
	}
	for (i = 0; i < p->nglobals; i++) {
		struct pglobal *g = p->globals[i];
		long words = g->ty.k == TY_ARR ? g->ty.len : g->ty.k == TY_REF ? g->ty.st->nf : 1;
		take(&n.globals, 1, TAL_MAX_GLOBALS, "TAL_MAX_GLOBALS", "globals", g->line, g->col);
		take(&n.data, 4 * words, TAL_MAX_DATA_BYTES, "TAL_MAX_DATA_BYTES",
		     "bytes of data", g->line, g->col);
	}
	for (i = 0; i < p->nfuncs; i++) {
		struct pfunc *f = source_order[i];
		int copies = f->wrapped ? 2 : 1;
		take(&n.funcs, copies, TAL_MAX_FUNCS, "TAL_MAX_FUNCS", "functions", f->line, f->col);
		take(&n.types, copies, TAL_MAX_TYPES, "TAL_MAX_TYPES",
		     "types (one signature per function)", f->line, f->col);
		take(&n.members, (long)copies * (f->nparams + 1), TAL_MAX_MEMBERS,
		     "TAL_MAX_MEMBERS",
		     "struct fields and signature members", f->line, f->col);
		if (f->exported)
			take(&n.exports, 1, TAL_MAX_EXPORTS, "TAL_MAX_EXPORTS", "exports",
			     f->line, f->col);
	}
}
