/*
 * TAL verifier: the single linear pass over an object's code. For each
 * function, in table order, it walks the instructions from the first to
 * the last, keeping the abstract state (state.h); at each annotated label
 * it checks the incoming state against the annotation and continues from
 * the annotation; each jump is checked against its target's annotation;
 * data instructions are typed by rules.c; calls, ret and the stack bound
 * are handled here.
 *
 * Invariant: every function is verified once, from its entry state, with
 * the labels and relocations consumed in code order, so the work is linear
 * in the code size (plus a binary search per jump and per call).
 */
#include "verify.h"
#include "rules.h"
#include "tables.h"

/* The label at code offset TARGET, or TAL_NONE (binary search). */
static uint32_t find_label(const struct tal_obj *o, uint32_t target)
{
	uint32_t lo = 0, hi = o->count[TAL_SEC_LABELS], mid;
	struct tal_label l;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		tal_obj_label(o, mid, &l);
		if (l.code == target)
			return mid;
		if (l.code < target)
			lo = mid + 1;
		else
			hi = mid;
	}
	return TAL_NONE;
}

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

/* Explain why state S is not a subtype of label L's annotation in v->tmp. */
static int mismatch(struct tal_vctx *v, int err, const struct tal_mismatch *m,
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

/* Check state S against the annotation of the label at TARGET, which a
 * jump (or a fall-through, HOW says which) is about to enter. */
static int enter_label(struct tal_vctx *v, uint32_t target, const struct tal_state *s,
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
	l = find_label(v->o, target);
	if (l == TAL_NONE) {
		tal_rules_fail(v, TAL_E_JUMP_UNANNOTATED);
		tal_diag_str(v->diag, "no label at +");
		tal_diag_hex(v->diag, target);
		return TAL_E_JUMP_UNANNOTATED;
	}
	tal_state_label(v->o, l, s->top, v->tmp);
	err = tal_state_sub(s, v->tmp, &m);
	return err ? mismatch(v, err, &m, s, l, how) : TAL_OK;
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

static int rule_jcc(struct tal_vctx *v)
{
	struct tal_cell *r, saved;
	struct tal_wt taken, fall;
	int err;

	if (v->flags_at != v->in.pc)         /* no cmp/test just before: nothing learnt */
		return enter_label(v, v->in.target, v->cur, "jumping to");
	r = &v->cur->reg[v->flags_reg];
	saved = *r;
	refine(v, &taken, &fall);
	if (taken.kind != saved.t.kind || taken.arg != saved.t.arg)
		*r = tal_cell_mk(taken, TAL_FROM_REFINE, v->in.pc, 0);
	err = enter_label(v, v->in.target, v->cur, "jumping to");
	*r = saved;
	if (fall.kind != saved.t.kind || fall.arg != saved.t.arg)
		*r = tal_cell_mk(fall, TAL_FROM_REFINE, v->in.pc, 0);
	return err;
}

/* call: arguments on top of the stack must match the callee's signature;
 * afterwards eax holds the result, ecx, edx and the argument slots are
 * clobbered. Only earlier functions may be called (no recursion). */
static int rule_call(struct tal_vctx *v)
{
	struct tal_state *s = v->cur;
	struct tal_reloc r;
	struct tal_import im;
	struct tal_func g;
	struct tal_cell *c;
	uint32_t sig, use, callee, i, n;
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
	} else {
		callee = find_func(v->o, v->in.target);
		if (callee == TAL_NONE) {
			tal_rules_fail(v, TAL_E_CALL_TARGET);
			tal_diag_str(v->diag, "no function starts at +");
			tal_diag_hex(v->diag, v->in.target);
			return TAL_E_CALL_TARGET;
		}
		tal_obj_func(v->o, callee, &g);
		if (callee >= v->fn) {
			tal_rules_fail(v, TAL_E_RECURSION);
			tal_diag_str(v->diag, "callee ");
			tal_diag_str(v->diag, tal_obj_str(v->o, g.name));
			tal_diag_str(v->diag, " must be defined before its caller");
			return TAL_E_RECURSION;
		}
		sig = g.sig;
		use = v->stack[callee];
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
	tal_rules_use(v, (uint32_t)-s->esp + 4 + use);
	for (i = 0; i < n; i++)
		s->slot[tal_state_slot(s, s->esp + 4 * (int32_t)i)] =
			tal_cell_mk(tal_type_mk(TAL_T_UNINIT, 0), TAL_FROM_CLOBBER, v->in.pc, 0);
	s->reg[TAL_EAX] = tal_cell_mk(tal_type_word(v->o, tal_sig_result(v->o, sig)),
	                              TAL_FROM_CALL, v->in.pc, 0);
	s->reg[TAL_ECX] = s->reg[TAL_EDX] =
		tal_cell_mk(tal_type_mk(TAL_T_UNINIT, 0), TAL_FROM_CLOBBER, v->in.pc, 0);
	return TAL_OK;
}

/* ret: esp back at entry, the return address on top, callee-saved
 * registers restored, eax of the result type. */
static int rule_ret(struct tal_vctx *v)
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

/* Fail at the current pc before an instruction is decoded. */
static int fail_at(struct tal_vctx *v, int e, uint32_t pc, const char *what)
{
	tal_fail(v->diag, e);
	tal_diag_str(v->diag, " in ");
	tal_diag_str(v->diag, tal_obj_str(v->o, v->f.name));
	tal_diag_str(v->diag, " at +");
	tal_diag_hex(v->diag, pc);
	tal_diag_str(v->diag, ": ");
	tal_diag_str(v->diag, tal_err_text(e));
	if (what) {
		tal_diag_str(v->diag, ": ");
		tal_diag_str(v->diag, what);
	}
	return e;
}

/* Handle the label (if any) at PC before its instruction: a label inside
 * the previous instruction is an error; falling into a label checks the
 * state against it; the annotation becomes the current state. Code that
 * cannot be reached by falling through must start at a label. */
static int at_label(struct tal_vctx *v, uint32_t pc, bool *reachable)
{
	struct tal_state *swap;
	struct tal_label l;
	struct tal_mismatch m;
	int err;

	if (v->label < v->o->count[TAL_SEC_LABELS]) {
		tal_obj_label(v->o, v->label, &l);
		if (l.code < pc) {
			return fail_at(v, TAL_E_LABEL_MISALIGNED, l.code,
			               tal_obj_str(v->o, l.name));
		}
		if (l.code == pc) {
			tal_state_label(v->o, v->label, v->cur->top, v->tmp);
			if (*reachable && (err = tal_state_sub(v->cur, v->tmp, &m)))
				return mismatch(v, err, &m, v->cur, v->label, "falling into");
			swap = v->cur;
			v->cur = v->tmp;
			v->tmp = swap;
			v->last_label = v->label++;
			v->flags_at = TAL_NONE;
			*reachable = true;
			return TAL_OK;
		}
	}
	if (!*reachable)
		return fail_at(v, TAL_E_NO_LABEL, pc, 0);
	return TAL_OK;
}

/* Attach the relocation (if any) that lies inside the current instruction;
 * it must sit exactly on the instruction's relocatable imm32/rel32. */
static int match_reloc(struct tal_vctx *v)
{
	struct tal_reloc r;

	v->reloc_at = -1;
	if (v->reloc >= v->o->count[TAL_SEC_RELOCS])
		return TAL_OK;
	tal_obj_reloc(v->o, v->reloc, &r);
	if (r.code >= v->in.pc + v->in.len)
		return TAL_OK;
	if (r.code != v->in.imm32_at || v->in.op == TAL_OP_JMP) {
		tal_rules_fail(v, TAL_E_RELOC_MISPLACED);
		tal_diag_str(v->diag, "relocation at +");
		tal_diag_hex(v->diag, r.code);
		return TAL_E_RELOC_MISPLACED;
	}
	v->reloc_at = (int32_t)v->reloc++;
	return TAL_OK;
}

/* Type one decoded instruction; *REACHABLE becomes false after jmp/ret. */
static int step(struct tal_vctx *v, bool *reachable)
{
	switch (v->in.op) {
	case TAL_OP_JMP:
		*reachable = false;
		return enter_label(v, v->in.target, v->cur, "jumping to");
	case TAL_OP_JCC:
		return rule_jcc(v);
	case TAL_OP_CALL:
		return rule_call(v);
	case TAL_OP_RET:
		*reachable = false;
		return rule_ret(v);
	default:
		return tal_rules_data(v);
	}
}

/* Verify function v->fn from its entry state to its last instruction. */
static int verify_function(struct tal_vctx *v, uint32_t *ninsns)
{
	const uint8_t *code = tal_obj_code(v->o);
	bool reachable = true;
	uint32_t pc;
	int err;

	tal_obj_func(v->o, v->fn, &v->f);
	v->fend = tal_obj_func_end(v->o, v->fn);
	tal_state_entry(v->o, v->f.sig, v->cur);
	v->last_label = TAL_NONE;
	v->flags_at = TAL_NONE;
	v->flags_reg = 0;
	v->max_use = 0;
	for (pc = v->f.start; pc < v->fend; pc += v->in.len) {
		if ((err = at_label(v, pc, &reachable)))
			return err;
		err = tal_decode(code, v->fend, pc, &v->in);
		if (err)
			return fail_at(v, err, pc, v->in.what);
		if ((err = match_reloc(v)) || (err = step(v, &reachable)))
			return err;
		(*ninsns)++;
	}
	if (reachable)
		return tal_rules_fail(v, TAL_E_FALL_OFF);
	if (v->label < v->o->count[TAL_SEC_LABELS]) {
		struct tal_label l;

		tal_obj_label(v->o, v->label, &l);
		if (l.code < v->fend)
			return fail_at(v, TAL_E_LABEL_MISALIGNED, l.code,
			               tal_obj_str(v->o, l.name));
	}
	v->stack[v->fn] = v->max_use;
	return TAL_OK;
}

/* Carve the two states and the stack table out of the arena. */
static bool carve(struct tal_vctx *v, void *arena, size_t len, uint32_t nfuncs)
{
	uintptr_t p = ((uintptr_t)arena + 7) & ~(uintptr_t)7;
	size_t need = 2 * sizeof(struct tal_state) + 4 * (size_t)nfuncs;

	if (arena == 0 || p - (uintptr_t)arena + need > len)
		return false;
	v->cur = (struct tal_state *)p;
	v->tmp = v->cur + 1;
	v->stack = (uint32_t *)(v->tmp + 1);
	return true;
}

int tal_verify(const uint8_t *obj, size_t len, void *arena, size_t arena_len,
               struct tal_result *out)
{
	struct tal_vctx v;
	uint32_t nf;
	int err;

	out->ninsns = 0;
	out->stack = 0;
	out->err = tal_obj_open(&out->obj, obj, len, &out->diag);
	if (out->err)
		return out->err;
	v.o = &out->obj;
	v.diag = &out->diag;
	nf = v.o->count[TAL_SEC_FUNCS];
	if (!carve(&v, arena, arena_len, nf)) {
		out->err = tal_fail(v.diag, TAL_E_ARENA);
		return out->err;
	}
	v.label = 0;
	v.reloc = 0;
	for (v.fn = 0; v.fn < nf; v.fn++) {
		err = verify_function(&v, &out->ninsns);
		if (err) {
			out->err = err;
			return err;
		}
	}
	out->stack = v.stack;
	tal_diag_reset(v.diag);
	tal_diag_str(v.diag, "OK");
	out->err = TAL_OK;
	return TAL_OK;
}
