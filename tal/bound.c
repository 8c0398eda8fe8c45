/*
 * TAL stack bound (see bound.h): the chain of deepest calls of a function,
 * printed for messages and `talcheck --dump`, and the budget check of the
 * entry points the kernel calls (exports and the handler).
 *
 * Invariant: the chain is walked through recorded callees, each of a lower
 * index than its caller, so a walk takes at most one step per function.
 */
#include "bound.h"
#include <talos/param.h>

uint32_t tal_bound_own(const uint32_t *stack, const uint32_t *via, uint32_t fn)
{
	if (via[fn] == TAL_NONE)
		return stack[fn];
	if (via[fn] & TAL_VIA_IMPORT)
		return stack[fn] - TAL_IMPORT_STACK;
	return stack[fn] - stack[via[fn]];
}

/* Append "NAME (+N" for one link of a chain. */
static void link(struct tal_diag *d, const char *name, uint32_t own)
{
	tal_diag_str(d, name);
	tal_diag_str(d, " (+");
	tal_diag_uint(d, own);
}

void tal_bound_chain(struct tal_diag *d, const struct tal_obj *o,
                     const uint32_t *stack, const uint32_t *via, uint32_t fn)
{
	struct tal_import im;
	struct tal_func f;

	for (;;) {
		tal_obj_func(o, fn, &f);
		link(d, tal_obj_str(o, f.name), tal_bound_own(stack, via, fn));
		tal_diag_str(d, ")");
		if (via[fn] == TAL_NONE)
			return;
		tal_diag_str(d, " -> ");
		if (via[fn] & TAL_VIA_IMPORT) {
			tal_obj_import(o, via[fn] & ~TAL_VIA_IMPORT, &im);
			link(d, tal_obj_str(o, im.name), TAL_IMPORT_STACK);
			tal_diag_str(d, ", import)");
			return;
		}
		fn = via[fn];
	}
}

/* Fail if function FN, entered as WHAT NAME, needs more than the budget. */
static int check_one(const struct tal_obj *o, const uint32_t *stack,
                     const uint32_t *via, struct tal_diag *d, uint32_t fn,
                     const char *what, const char *name)
{
	if (stack[fn] <= TAL_MAX_STACK)
		return TAL_OK;
	tal_fail(d, TAL_E_STACK_BUDGET);
	tal_diag_str(d, " in ");
	tal_diag_str(d, what);
	tal_diag_str(d, name);
	tal_diag_str(d, ": ");
	tal_diag_str(d, tal_err_text(TAL_E_STACK_BUDGET));
	tal_diag_str(d, "; needs ");
	tal_diag_uint(d, stack[fn]);
	tal_diag_str(d, " bytes > ");
	tal_diag_uint(d, TAL_MAX_STACK);
	tal_diag_str(d, ": ");
	tal_bound_chain(d, o, stack, via, fn);
	return TAL_E_STACK_BUDGET;
}

int tal_bound_check(const struct tal_obj *o, const uint32_t *stack,
                    const uint32_t *via, struct tal_diag *d)
{
	struct tal_export ex;
	struct tal_func f;
	uint32_t i;
	int err;

	for (i = 0; i < o->count[TAL_SEC_EXPORTS]; i++) {
		tal_obj_export(o, i, &ex);
		err = check_one(o, stack, via, d, ex.func, "export ", tal_obj_str(o, ex.name));
		if (err)
			return err;
	}
	if (o->handler == TAL_NONE)
		return TAL_OK;
	tal_obj_func(o, o->handler, &f);
	return check_one(o, stack, via, d, o->handler, "handler ", tal_obj_str(o, f.name));
}
