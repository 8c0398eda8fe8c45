/*
 * TAL jumps and labels (see jump.h): finding the label a jump targets,
 * checking the state against its annotation, and refining the register a
 * cmp/test compared on each path of a conditional jump.
 *
 * Invariant: a state enters a label only through tal_jump_enter() (or
 * verify.c's fall-through, which uses the same subtyping check), and a
 * refinement only narrows a type by a fact the flags prove on that path.
 */
#include "jump.h"

/* The label at code offset TARGET, or TAL_NONE: the next label in code
 * order (the usual forward branch), else a binary search. */
static uint32_t find_label(const struct tal_vctx *v, uint32_t target)
{
	const struct tal_obj *o = v->o;
	uint32_t lo = 0, hi = o->count[TAL_SEC_LABELS], mid, code;

	if (v->label < hi && tal_obj_label_code(o, v->label) == target)
		return v->label;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		code = tal_obj_label_code(o, mid);
		if (code == target)
			return mid;
		if (code < target)
			lo = mid + 1;
		else
			hi = mid;
	}
	return TAL_NONE;
}

int tal_jump_mismatch(struct tal_vctx *v, int err, const struct tal_mismatch *m,
                      const struct tal_state *s, uint32_t l, const char *how)
{
	struct tal_label lab;
	const struct tal_cell *c;

	tal_obj_label(v->o, l, &lab);
	tal_rules_fail(v, err);
	tal_diag_str(v->diag, how);
	tal_diag_str(v->diag, " label ");
	tal_diag_str(v->diag, tal_obj_str(v->o, lab.name));
	tal_diag_str(v->diag, ": ");
	if (err == TAL_E_STACK_MISMATCH) {
		tal_diag_str(v->diag, "esp is entry");
		tal_diag_int(v->diag, s->esp);
		tal_diag_str(v->diag, ", the label expects entry");
		tal_diag_int(v->diag, lab.esp);
		return err;
	}
	if (m->reg >= 0) {
		c = &s->reg[m->reg];
		tal_state_describe(v->diag, v->o, tal_decode_regname((uint32_t)m->reg, 4), c);
		tal_diag_str(v->diag, ", the label expects ");
		tal_type_format(v->diag, v->o, v->tmp->reg[m->reg].t);
	} else {
		tal_diag_str(v->diag, "slot [esp+");
		tal_diag_int(v->diag, m->e - s->esp);
		tal_diag_str(v->diag, "]");
		c = &s->slot[tal_state_slot(s, m->e)];
		tal_state_describe(v->diag, v->o, "", c);
		tal_diag_str(v->diag, ", the label expects ");
		tal_type_format(v->diag, v->o, v->tmp->slot[tal_state_slot(s, m->e)].t);
	}
	return err;
}

int tal_jump_enter(struct tal_vctx *v, uint32_t target, const struct tal_state *s,
                   const char *how)
{
	struct tal_mismatch m;
	uint32_t l;
	int err;

	if (target < v->f.start || target >= v->fend) {
		tal_rules_fail(v, TAL_E_JUMP_OUTSIDE);
		tal_diag_str(v->diag, "target +");
		tal_diag_hex(v->diag, target);
		tal_diag_str(v->diag, " is not in this function");
		return TAL_E_JUMP_OUTSIDE;
	}
	l = find_label(v, target);
	if (l == TAL_NONE) {
		tal_rules_fail(v, TAL_E_JUMP_UNANNOTATED);
		tal_diag_str(v->diag, "no label at +");
		tal_diag_hex(v->diag, target);
		return TAL_E_JUMP_UNANNOTATED;
	}
	if (v->tmp_label != l) {
		tal_state_label(v->o, l, s->top, v->tmp);
		v->tmp_label = l;
	}
	err = tal_state_sub(s, v->tmp, &m);
	return err ? tal_jump_mismatch(v, err, &m, s, l, how) : TAL_OK;
}

/* What a conditional jump learns from the cmp/test just before it: the
 * register's type on the taken (TAKEN) and fall-through (FALL) paths.
 * Unchanged types are returned for a path that learns nothing. */
static void refine(const struct tal_vctx *v, struct tal_wt *taken, struct tal_wt *fall)
{
	struct tal_wt t = v->cur->reg[v->flags_reg].t, idx;
	uint32_t n = v->flags_imm, cc = v->in.cc;

	*taken = *fall = t;
	if (v->flags_at != v->in.pc)
		return;
	if (v->flags_test && t.kind == TAL_T_PTRN) {
		if (cc == TAL_CC_E)
			fall->kind = TAL_T_PTR;      /* je null: falls through when non-null */
		if (cc == TAL_CC_NE)
			taken->kind = TAL_T_PTR;     /* jne: taken when non-null */
		return;
	}
	if (!v->flags_imm_valid || !tal_type_numeric(t))
		return;
	if (cc == TAL_CC_BE || cc == TAL_CC_A)
		n++;                             /* r <= imm  is  r < imm + 1 */
	if (n == 0 || (t.kind == TAL_T_IDX && t.arg <= n))
		return;
	idx = tal_type_mk(TAL_T_IDX, n);
	if (cc == TAL_CC_B || cc == TAL_CC_BE)
		*taken = idx;                    /* jb: taken when r < n */
	if (cc == TAL_CC_AE || cc == TAL_CC_A)
		*fall = idx;                     /* jae fail: falls through when r < n */
}

int tal_jump_cond(struct tal_vctx *v)
{
	struct tal_cell *r, saved;
	struct tal_wt taken, fall;
	int err;

	if (v->flags_at != v->in.pc)         /* no cmp/test just before: nothing learnt */
		return tal_jump_enter(v, v->in.target, v->cur, "jumping to");
	r = &v->cur->reg[v->flags_reg];
	saved = *r;
	refine(v, &taken, &fall);
	if (taken.kind != saved.t.kind || taken.arg != saved.t.arg)
		*r = tal_cell_mk(taken, TAL_FROM_REFINE, v->in.pc, 0);
	err = tal_jump_enter(v, v->in.target, v->cur, "jumping to");
	*r = saved;
	if (fall.kind != saved.t.kind || fall.arg != saved.t.arg)
		*r = tal_cell_mk(fall, TAL_FROM_REFINE, v->in.pc, 0);
	return err;
}
