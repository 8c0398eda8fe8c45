/*
 * TAL verifier: the single linear pass over an object's code. For each
 * function, in table order, it walks the instructions from the first to
 * the last, keeping the abstract state (state.h); at each annotated label
 * it checks the incoming state against the annotation and continues from
 * the annotation. Each instruction is typed by its rule: jumps by jump.c,
 * call and ret by call.c, data instructions by rules.c. This file holds
 * the walk itself: labels met in code order, relocations attached to
 * their instructions, the stack bound recorded per function (checked
 * against the budget by bound.c at the end).
 *
 * Invariant: every function is verified once, from its entry state, with
 * the labels and relocations consumed in code order, so the work is linear
 * in the code size (plus a binary search per jump and per call). A trace
 * hook, when the caller gives one, only observes the walk.
 */
#include "verify.h"
#include "rules.h"
#include "jump.h"
#include "call.h"
#include "bound.h"

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

	if (v->label < v->o->count[TAL_SEC_LABELS] &&
	    tal_obj_label_code(v->o, v->label) <= pc) {
		tal_obj_label(v->o, v->label, &l);
		if (l.code < pc) {
			return fail_at(v, TAL_E_LABEL_MISALIGNED, l.code,
			               tal_obj_str(v->o, l.name));
		}
		if (l.code == pc) {
			/* A jump to this label may have built its annotation already. */
			if (v->tmp_label != v->label)
				tal_state_label(v->o, v->label, v->cur->top, v->tmp);
			if (*reachable && (err = tal_state_sub(v->cur, v->tmp, &m)))
				return tal_jump_mismatch(v, err, &m, v->cur, v->label, "falling into");
			swap = v->cur;
			v->cur = v->tmp;
			v->tmp = swap;
			v->tmp_label = TAL_NONE;
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

/* Show the trace hook the instruction about to be typed and the state
 * before it. */
static void trace(struct tal_vctx *v)
{
	struct tal_trace t;

	t.obj = v->o;
	t.fn = v->fn;
	t.in = &v->in;
	t.sym = v->reloc_at >= 0 ? tal_obj_reloc_sym(v->o, (uint32_t)v->reloc_at) : 0;
	t.state = v->cur;
	v->trace(v->trace_arg, &t);
}

/* Type one decoded instruction; *REACHABLE becomes false after jmp/ret. */
static int step(struct tal_vctx *v, bool *reachable)
{
	switch (v->in.op) {
	case TAL_OP_JMP:
		*reachable = false;
		return tal_jump_enter(v, v->in.target, v->cur, "jumping to");
	case TAL_OP_JCC:
		return tal_jump_cond(v);
	case TAL_OP_CALL:
		return tal_call_check(v);
	case TAL_OP_RET:
		*reachable = false;
		return tal_call_ret(v);
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
	v->max_via = TAL_NONE;
	/* No instruction yet: a message about the entry (a label there) names none. */
	v->in.pc = v->f.start;
	v->in.len = 0;
	v->reloc_at = -1;
	for (pc = v->f.start; pc < v->fend; pc += v->in.len) {
		if ((err = at_label(v, pc, &reachable)))
			return err;
		err = tal_decode(code, v->fend, pc, &v->in);
		if (err == TAL_E_DECODE_UNKNOWN) {
			fail_at(v, err, pc, "unknown opcode ");
			tal_decode_opcode(v->diag, code, &v->in);
			return err;
		}
		if (err)
			return fail_at(v, err, pc, v->in.what);
		if ((err = match_reloc(v)))
			return err;
		if (v->trace)
			trace(v);
		if ((err = step(v, &reachable)))
			return err;
		(*ninsns)++;
	}
	if (reachable) {
		tal_rules_fail(v, TAL_E_FALL_OFF);
		tal_diag_str(v->diag, "the last instruction of a function must be jmp or ret");
		return TAL_E_FALL_OFF;
	}
	if (v->label < v->o->count[TAL_SEC_LABELS]) {
		struct tal_label l;

		tal_obj_label(v->o, v->label, &l);
		if (l.code < v->fend)
			return fail_at(v, TAL_E_LABEL_MISALIGNED, l.code,
			               tal_obj_str(v->o, l.name));
	}
	v->stack[v->fn] = v->max_use;
	v->via[v->fn] = v->max_via;
	return TAL_OK;
}

/* Carve the two states and the stack tables out of the arena. */
static bool carve(struct tal_vctx *v, void *arena, size_t len, uint32_t nfuncs)
{
	uintptr_t p = ((uintptr_t)arena + 7) & ~(uintptr_t)7;
	size_t need = 2 * sizeof(struct tal_state) + 8 * (size_t)nfuncs;

	if (arena == 0 || p - (uintptr_t)arena + need > len)
		return false;
	v->cur = (struct tal_state *)p;
	v->tmp = v->cur + 1;
	v->stack = (uint32_t *)(v->tmp + 1);
	v->via = v->stack + nfuncs;
	return true;
}

int tal_verify(const uint8_t *obj, size_t len, void *arena, size_t arena_len,
               struct tal_result *out)
{
	return tal_verify_traced(obj, len, arena, arena_len, out, 0, 0);
}

int tal_verify_traced(const uint8_t *obj, size_t len, void *arena, size_t arena_len,
                      struct tal_result *out, tal_trace_fn *hook, void *arg)
{
	struct tal_vctx v;
	uint32_t nf;
	int err;

	out->ninsns = 0;
	out->stack = 0;
	out->stack_via = 0;
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
	v.trace = hook;
	v.trace_arg = arg;
	v.label = 0;
	v.tmp_label = TAL_NONE;
	v.reloc = 0;
	for (v.fn = 0; v.fn < nf; v.fn++) {
		err = verify_function(&v, &out->ninsns);
		if (err) {
			out->err = err;
			return err;
		}
	}
	out->stack = v.stack;
	out->stack_via = v.via;
	out->err = tal_bound_check(v.o, v.stack, v.via, v.diag);
	if (out->err)
		return out->err;
	tal_diag_reset(v.diag);
	tal_diag_str(v.diag, "OK");
	out->err = TAL_OK;
	return TAL_OK;
}
