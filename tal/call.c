/*
 * TAL calls and returns (see call.h): the cdecl convention as the
 * verifier checks it (SPEC.md, "Calls, signatures, stack bound").
 *
 * Invariant: a call reaches only an import or an earlier function (so
 * there is no recursion and each callee's stack use is already known),
 * with every argument a subtype of its signature's; ret leaves with esp at
 * entry, the return address intact, callee-saved registers restored.
 */
#include "call.h"
#include "tables.h"
#include "bound.h"

/* The function starting at code offset TARGET, or TAL_NONE. */
static uint32_t find_func(const struct tal_obj *o, uint32_t target)
{
	uint32_t lo = 0, hi = o->count[TAL_SEC_FUNCS], mid;
	struct tal_func f;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		tal_obj_func(o, mid, &f);
		if (f.start == target)
			return mid;
		if (f.start < target)
			lo = mid + 1;
		else
			hi = mid;
	}
	return TAL_NONE;
}

int tal_call_check(struct tal_vctx *v)
{
	struct tal_state *s = v->cur;
	struct tal_reloc r;
	struct tal_import im;
	struct tal_func g;
	struct tal_cell *c;
	uint32_t sig, use, via, i, n;
	int32_t e;

	if (v->reloc_at >= 0) {
		tal_obj_reloc(v->o, (uint32_t)v->reloc_at, &r);
		if (r.kind != TAL_R_IMPORT) {
			tal_rules_fail(v, TAL_E_RELOC_MISPLACED);
			tal_diag_str(v->diag, "a call takes an import relocation only");
			return TAL_E_RELOC_MISPLACED;
		}
		tal_obj_import(v->o, r.index, &im);
		sig = im.sig;
		use = TAL_IMPORT_STACK;
		via = TAL_VIA_IMPORT | r.index;
	} else {
		via = find_func(v->o, v->in.target);
		if (via == TAL_NONE) {
			tal_rules_fail(v, TAL_E_CALL_TARGET);
			tal_diag_str(v->diag, "no function starts at +");
			tal_diag_hex(v->diag, v->in.target);
			return TAL_E_CALL_TARGET;
		}
		tal_obj_func(v->o, via, &g);
		if (via >= v->fn) {
			tal_rules_fail(v, TAL_E_RECURSION);
			tal_diag_str(v->diag, "callee ");
			tal_diag_str(v->diag, tal_obj_str(v->o, g.name));
			tal_diag_str(v->diag, " must be defined before its caller");
			return TAL_E_RECURSION;
		}
		sig = g.sig;
		use = v->stack[via];
	}
	n = tal_sig_nargs(v->o, sig);
	if (s->esp + 4 * (int32_t)n > s->top + 4) {
		tal_rules_fail(v, TAL_E_STACK);
		tal_diag_str(v->diag, "not enough argument slots above esp");
		return TAL_E_STACK;
	}
	for (i = 0; i < n; i++) {
		e = s->esp + 4 * (int32_t)i;
		c = &s->slot[tal_state_slot(s, e)];
		if (!tal_type_sub(c->t, tal_type_word(v->o, tal_sig_arg(v->o, sig, i)))) {
			tal_rules_fail(v, c->t.kind == TAL_T_UNINIT ? TAL_E_UNINIT : TAL_E_TYPE);
			tal_diag_str(v->diag, "argument ");
			tal_diag_uint(v->diag, i + 1);
			tal_diag_str(v->diag, ": ");
			tal_rules_slot(v, e);
			tal_diag_str(v->diag, ", the signature wants ");
			tal_type_format(v->diag, v->o, tal_type_word(v->o, tal_sig_arg(v->o, sig, i)));
			return c->t.kind == TAL_T_UNINIT ? TAL_E_UNINIT : TAL_E_TYPE;
		}
	}
	tal_rules_use(v, (uint32_t)-s->esp + 4 + use, via);
	for (i = 0; i < n; i++)
		s->slot[tal_state_slot(s, s->esp + 4 * (int32_t)i)] =
			tal_cell_mk(tal_type_mk(TAL_T_UNINIT, 0), TAL_FROM_CLOBBER, v->in.pc, 0);
	s->reg[TAL_EAX] = tal_cell_mk(tal_type_word(v->o, tal_sig_result(v->o, sig)),
	                              TAL_FROM_CALL, v->in.pc, 0);
	s->reg[TAL_ECX] = s->reg[TAL_EDX] =
		tal_cell_mk(tal_type_mk(TAL_T_UNINIT, 0), TAL_FROM_CLOBBER, v->in.pc, 0);
	return TAL_OK;
}

int tal_call_ret(struct tal_vctx *v)
{
	static const uint8_t saved[4] = { TAL_EBX, TAL_EBP, TAL_ESI, TAL_EDI };
	struct tal_state *s = v->cur;
	struct tal_wt res = tal_type_word(v->o, tal_sig_result(v->o, v->f.sig));
	uint32_t i;
	int err;

	if (s->esp != 0) {
		tal_rules_fail(v, TAL_E_STACK_MISMATCH);
		tal_diag_str(v->diag, "esp is entry");
		tal_diag_int(v->diag, s->esp);
		tal_diag_str(v->diag, ", ret needs entry+0");
		return TAL_E_STACK_MISMATCH;
	}
	if (s->slot[tal_state_slot(s, 0)].t.kind != TAL_T_RET) {
		tal_rules_fail(v, TAL_E_RETURN);
		tal_rules_slot(v, 0);
		return TAL_E_RETURN;
	}
	for (i = 0; i < 4; i++) {
		if (s->reg[saved[i]].t.kind != TAL_T_SAVED || s->reg[saved[i]].t.arg != saved[i]) {
			tal_rules_fail(v, TAL_E_CALLEE_SAVED);
			tal_rules_reg(v, saved[i]);
			return TAL_E_CALLEE_SAVED;
		}
	}
	if (!tal_type_sub(s->reg[TAL_EAX].t, res)) {
		err = s->reg[TAL_EAX].t.kind == TAL_T_UNINIT ? TAL_E_UNINIT : TAL_E_SUBTYPE;
		tal_rules_fail(v, err);
		tal_rules_reg(v, TAL_EAX);
		tal_diag_str(v->diag, ", the signature returns ");
		tal_type_format(v->diag, v->o, res);
		return err;
	}
	return TAL_OK;
}
