/*
 * TAL typing rules for data instructions: mov, movzx, arithmetic, cmp,
 * test, shifts, division, push, pop, setcc, and the memory operands they
 * use (see rules.h and SPEC.md, section "Typing rules").
 *
 * Invariant: memory is touched only through resolve(): a stack slot inside
 * the frame, a field of a record at its exact offset, or an array element
 * whose index is proved in bounds; every register read goes through
 * use_reg(), which refuses esp and uninit.
 */
#include "rules.h"
#include "tables.h"

/* Where a memory operand lands. */
struct loc {
	int kind;            /* LOC_SLOT, LOC_FIELD, LOC_ELEM or LOC_BYTE */
	uint32_t slot;       /* LOC_SLOT: slot index */
	struct tal_wt t;     /* LOC_FIELD, LOC_ELEM: the word type stored there */
	bool ro;             /* read-only memory */
	uint32_t member;     /* LOC_FIELD: member index */
};

enum { LOC_SLOT, LOC_FIELD, LOC_ELEM, LOC_BYTE };

int tal_rules_fail(struct tal_vctx *v, int e)
{
	struct tal_diag *d = v->diag;
	struct tal_label l;

	tal_fail(d, e);
	tal_diag_str(d, " in ");
	tal_diag_str(d, tal_obj_str(v->o, v->f.name));
	tal_diag_str(d, " at +");
	tal_diag_hex(d, v->in.pc);
	if (v->last_label != TAL_NONE) {
		tal_obj_label(v->o, v->last_label, &l);
		tal_diag_str(d, " (after label ");
		tal_diag_str(d, tal_obj_str(v->o, l.name));
		tal_diag_str(d, ")");
	}
	tal_diag_str(d, " `");
	tal_decode_format(d, &v->in);
	tal_diag_str(d, "`: ");
	tal_diag_str(d, tal_err_text(e));
	tal_diag_str(d, "; ");
	return e;
}

void tal_rules_reg(struct tal_vctx *v, uint32_t r)
{
	tal_state_describe(v->diag, v->o, tal_decode_regname(r, 4), &v->cur->reg[r]);
}

void tal_rules_slot(struct tal_vctx *v, int32_t e)
{
	tal_diag_str(v->diag, "slot [esp+");
	tal_diag_int(v->diag, e - v->cur->esp);
	tal_diag_str(v->diag, "]");
	tal_state_describe(v->diag, v->o, "", &v->cur->slot[tal_state_slot(v->cur, e)]);
}

void tal_rules_use(struct tal_vctx *v, uint32_t use)
{
	if (use > v->max_use)
		v->max_use = use;
}

static int fail_msg(struct tal_vctx *v, int e, const char *msg)
{
	tal_rules_fail(v, e);
	tal_diag_str(v->diag, msg);
	return e;
}

/* The type of an immediate V: idx V+1 (it is an unsigned value below V+1). */
static struct tal_wt const_type(uint32_t imm)
{
	if (imm == 0xFFFFFFFFu)
		return tal_type_mk(TAL_T_INT, 0);
	return tal_type_mk(TAL_T_IDX, imm + 1);
}

static struct tal_cell cell(struct tal_vctx *v, struct tal_wt t, int how, uint32_t aux)
{
	return tal_cell_mk(t, how, v->in.pc, aux);
}

/* Read register R: not esp, not uninit. */
static int use_reg(struct tal_vctx *v, uint32_t r, struct tal_cell *out)
{
	if (r == TAL_ESP)
		return fail_msg(v, TAL_E_STACK,
		                "esp may only be used by push, pop, call, ret, add/sub esp, imm and [esp+d]");
	if (v->cur->reg[r].t.kind == TAL_T_UNINIT) {
		tal_rules_fail(v, TAL_E_UNINIT);
		tal_rules_reg(v, r);
		return TAL_E_UNINIT;
	}
	*out = v->cur->reg[r];
	return TAL_OK;
}

/* Read register R, which must hold an int or idx. */
static int numeric_reg(struct tal_vctx *v, uint32_t r, struct tal_cell *out)
{
	int err = use_reg(v, r, out);

	if (err)
		return err;
	if (!tal_type_numeric(out->t)) {
		tal_rules_fail(v, TAL_E_POINTER_ARITH);
		tal_rules_reg(v, r);
		return TAL_E_POINTER_ARITH;
	}
	return TAL_OK;
}

/* A writable register destination: any register but esp. */
static int dest_reg(struct tal_vctx *v, const struct tal_opnd *o)
{
	if (o->kind != TAL_O_REG)
		return fail_msg(v, TAL_E_ADDRESSING, "the destination must be a register");
	if (o->reg == TAL_ESP)
		return fail_msg(v, TAL_E_STACK, "only add/sub esp, imm, push and pop may change esp");
	return TAL_OK;
}

/* [esp+d]: a live slot of the frame, 4 bytes, aligned. */
static int stack_slot(struct tal_vctx *v, const struct tal_opnd *m, struct loc *l)
{
	int32_t e = v->cur->esp + m->disp;

	if (m->index != TAL_NOREG || m->size != 4 || m->disp < 0 || m->disp % 4 ||
	    m->disp > 4 * TAL_MAX_FRAME_SLOTS || e > v->cur->top)
		return fail_msg(v, TAL_E_STACK,
		                "a stack slot is dword [esp+d] with d >= 0, a multiple of 4, inside the frame");
	l->kind = LOC_SLOT;
	l->slot = tal_state_slot(v->cur, e);
	return TAL_OK;
}

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
		return fail_msg(v, TAL_E_ADDRESSING, size == 4 ?
		                "an element is [base+index*4], no displacement" :
		                "a byte is [base+index], no displacement");
	if ((err = use_reg(v, m->index, &c)))
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

	if (m->base == TAL_ESP)
		return stack_slot(v, m, l);
	if (m->base == TAL_NOREG)
		return fail_msg(v, TAL_E_ADDRESSING,
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
	l->ro = ty.flags & TAL_TF_RO;
	if ((ty.kind == TAL_T_BYTES) != (m->size == 1))
		return fail_msg(v, TAL_E_TYPE, ty.kind == TAL_T_BYTES ?
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

/* Load from memory operand M into OUT. */
static int load(struct tal_vctx *v, const struct tal_opnd *m, struct tal_cell *out)
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
		*out = v->cur->slot[l.slot];
		return TAL_OK;
	case LOC_FIELD:
		*out = cell(v, l.t, TAL_FROM_FIELD, l.member);
		return TAL_OK;
	case LOC_ELEM:
		*out = cell(v, l.t, TAL_FROM_ELEM, 0);
		return TAL_OK;
	default:
		*out = cell(v, tal_type_mk(TAL_T_IDX, 256), TAL_FROM_ELEM, 0);
		return TAL_OK;
	}
}

/* Store VAL to memory operand M. NULL_OK: VAL is the constant 0, which a
 * ptr? location accepts. */
static int store(struct tal_vctx *v, const struct tal_opnd *m,
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
		return fail_msg(v, TAL_E_READONLY, "the location is read-only");
	if (l.kind == LOC_BYTE) {
		if (!tal_type_numeric(val->t))
			return fail_msg(v, TAL_E_TYPE, "only integers are stored to byte memory");
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

/* Read any source operand (register, immediate or memory). */
static int source(struct tal_vctx *v, const struct tal_opnd *o, struct tal_cell *out)
{
	if (o->kind == TAL_O_REG)
		return use_reg(v, o->reg, out);
	if (o->kind == TAL_O_IMM) {
		*out = cell(v, const_type(o->imm), TAL_FROM_CONST, 0);
		return TAL_OK;
	}
	return load(v, o, out);
}

/* Read a source operand that must be an int or idx. */
static int numeric_source(struct tal_vctx *v, const struct tal_opnd *o,
                          struct tal_cell *out)
{
	int err = source(v, o, out);

	if (err)
		return err;
	if (tal_type_numeric(out->t))
		return TAL_OK;
	tal_rules_fail(v, TAL_E_POINTER_ARITH);
	tal_state_describe(v->diag, v->o, "the operand", out);
	return TAL_E_POINTER_ARITH;
}

/* An immediate with a global relocation is the global's address. */
static int immediate(struct tal_vctx *v, uint32_t imm, struct tal_cell *out)
{
	struct tal_reloc r;
	struct tal_global g;

	if (v->reloc_at < 0) {
		*out = cell(v, const_type(imm), TAL_FROM_CONST, 0);
		return TAL_OK;
	}
	tal_obj_reloc(v->o, (uint32_t)v->reloc_at, &r);
	if (r.kind != TAL_R_GLOBAL)
		return fail_msg(v, TAL_E_RELOC_MISPLACED, "an import relocation belongs on a call");
	tal_obj_global(v->o, r.index, &g);
	*out = cell(v, tal_type_mk(TAL_T_PTR, g.type), TAL_FROM_GLOBAL, r.index);
	return TAL_OK;
}

/* mov in all its forms, and movzx. */
static int rule_mov(struct tal_vctx *v)
{
	const struct tal_insn *in = &v->in;
	struct tal_cell c;
	int err;

	if (in->dst.kind == TAL_O_MEM) {
		if (in->src.kind == TAL_O_IMM) {
			c = cell(v, const_type(in->src.imm), TAL_FROM_CONST, 0);
			return store(v, &in->dst, &c, in->src.imm == 0);
		}
		if (in->src.size == 1 && in->src.reg > TAL_EBX)
			return fail_msg(v, TAL_E_TYPE, "byte stores take al, cl, dl or bl");
		if (in->src.size == 1)
			err = numeric_reg(v, in->src.reg, &c);
		else
			err = use_reg(v, in->src.reg, &c);
		return err ? err : store(v, &in->dst, &c, false);
	}
	if (in->dst.size == 1)
		return fail_msg(v, TAL_E_TYPE, "byte registers are only the source of a byte store");
	if ((err = dest_reg(v, &in->dst)))
		return err;
	if (in->src.kind == TAL_O_IMM)
		err = immediate(v, in->src.imm, &c);
	else
		err = source(v, &in->src, &c);
	if (err)
		return err;
	v->cur->reg[in->dst.reg] = c;
	return TAL_OK;
}

static int rule_movzx(struct tal_vctx *v)
{
	const struct tal_insn *in = &v->in;
	struct tal_cell c;
	int err;

	if ((err = dest_reg(v, &in->dst)))
		return err;
	if (in->src.kind == TAL_O_REG) {
		if (in->src.reg > TAL_EBX)
			return fail_msg(v, TAL_E_TYPE, "movzx takes al, cl, dl or bl");
		err = numeric_reg(v, in->src.reg, &c);
	} else {
		err = load(v, &in->src, &c);
	}
	if (err)
		return err;
	v->cur->reg[in->dst.reg] = cell(v, tal_type_mk(TAL_T_IDX, 256), TAL_FROM_ARITH, 0);
	return TAL_OK;
}

/* add/sub esp, imm: allocate or free frame slots. */
static int rule_esp(struct tal_vctx *v)
{
	const struct tal_insn *in = &v->in;
	struct tal_state *s = v->cur;
	uint32_t k = in->src.imm, i;
	int32_t esp;

	if (in->src.kind != TAL_O_IMM || k % 4 || k > 4 * TAL_MAX_FRAME_SLOTS ||
	    (in->op != TAL_OP_ADD && in->op != TAL_OP_SUB))
		return fail_msg(v, TAL_E_STACK,
		                "esp changes only by add/sub esp, imm with imm a small multiple of 4");
	esp = in->op == TAL_OP_SUB ? s->esp - (int32_t)k : s->esp + (int32_t)k;
	if (esp > 0)
		return fail_msg(v, TAL_E_STACK, "esp would move above the return address");
	if ((uint32_t)(s->top - esp) / 4 + 1 > TAL_MAX_FRAME_SLOTS)
		return fail_msg(v, TAL_E_STACK, "the frame would exceed TAL_MAX_FRAME_SLOTS");
	for (i = tal_state_nslots(s); i < (uint32_t)(s->top - esp) / 4 + 1; i++)
		s->slot[i] = cell(v, tal_type_mk(TAL_T_UNINIT, 0), TAL_FROM_ARITH, 0);
	s->esp = esp;
	tal_rules_use(v, (uint32_t)-esp);
	return TAL_OK;
}

/* Remember the register and immediate a cmp/test compared, for the
 * conditional jump that may follow at once. */
static void set_flags(struct tal_vctx *v, uint32_t reg, bool test,
                      bool imm_valid, uint32_t imm)
{
	v->flags_at = v->in.pc + v->in.len;
	v->flags_reg = (uint8_t)reg;
	v->flags_test = test;
	v->flags_imm_valid = imm_valid;
	v->flags_imm = imm;
}

/* cmp and test: read both operands; record what a jcc may learn. */
static int rule_compare(struct tal_vctx *v)
{
	const struct tal_insn *in = &v->in;
	struct tal_cell a, b;
	bool ptr, self;
	int err;

	v->flags_at = TAL_NONE;
	if ((err = source(v, &in->dst, &a)) || (err = source(v, &in->src, &b)))
		return err;
	ptr = a.t.kind == TAL_T_PTR || a.t.kind == TAL_T_PTRN;
	self = in->op == TAL_OP_TEST && in->src.kind == TAL_O_REG &&
	       in->dst.kind == TAL_O_REG && in->src.reg == in->dst.reg;
	if (ptr && (self || (in->op == TAL_OP_CMP && in->src.kind == TAL_O_IMM &&
	                     in->src.imm == 0))) {
		if (in->dst.kind == TAL_O_REG)
			set_flags(v, in->dst.reg, true, false, 0);
		return TAL_OK;
	}
	if (!tal_type_numeric(a.t) || !tal_type_numeric(b.t)) {
		tal_rules_fail(v, TAL_E_POINTER_ARITH);
		tal_state_describe(v->diag, v->o, "operands: first", &a);
		tal_state_describe(v->diag, v->o, ", second", &b);
		tal_diag_str(v->diag, " (a pointer may only be compared with 0)");
		return TAL_E_POINTER_ARITH;
	}
	if (in->dst.kind == TAL_O_REG)
		set_flags(v, in->dst.reg, self, in->op == TAL_OP_CMP &&
		          in->src.kind == TAL_O_IMM, in->src.imm);
	return TAL_OK;
}

/* The smaller idx bound of two numeric types (0: no bound). */
static uint32_t and_bound(struct tal_wt a, struct tal_wt b)
{
	uint32_t x = a.kind == TAL_T_IDX ? a.arg : 0, y = b.kind == TAL_T_IDX ? b.arg : 0;

	if (x == 0 || (y != 0 && y < x))
		return y;
	return x;
}

/* add sub and or xor imul shl shr sar neg not inc dec: int in, int out;
 * and/shr give an idx bound, xor r, r and sub r, r give the constant 0. */
static int rule_arith(struct tal_vctx *v)
{
	const struct tal_insn *in = &v->in;
	struct tal_cell a, b;
	struct tal_wt t = tal_type_mk(TAL_T_INT, 0);
	uint32_t bound;
	int err;

	if (in->dst.kind == TAL_O_REG && in->dst.reg == TAL_ESP)
		return rule_esp(v);
	if ((err = dest_reg(v, &in->dst)))
		return err;
	if ((in->op == TAL_OP_XOR || in->op == TAL_OP_SUB) &&
	    in->src.kind == TAL_O_REG && in->src.reg == in->dst.reg) {
		v->cur->reg[in->dst.reg] = cell(v, const_type(0), TAL_FROM_CONST, 0);
		return TAL_OK;
	}
	if (in->op == TAL_OP_IMUL && in->src2.kind == TAL_O_IMM)
		a = cell(v, t, TAL_FROM_ARITH, 0);     /* imul r, r/m, imm: r is written only */
	else if ((err = numeric_reg(v, in->dst.reg, &a)))
		return err;
	b = a;
	if (in->src.kind != TAL_O_NONE && (err = numeric_source(v, &in->src, &b)))
		return err;
	if (in->op == TAL_OP_AND && (bound = and_bound(a.t, b.t)) != 0)
		t = tal_type_mk(TAL_T_IDX, bound);
	if (in->op == TAL_OP_SHR && in->src.kind == TAL_O_IMM &&
	    (in->src.imm & 31) != 0)
		t = tal_type_mk(TAL_T_IDX, 1u << (32 - (in->src.imm & 31)));
	v->cur->reg[in->dst.reg] = cell(v, t, TAL_FROM_ARITH, 0);
	return TAL_OK;
}

/* cdq, div, idiv: eax (and edx) in, eax and edx out. */
static int rule_divide(struct tal_vctx *v)
{
	struct tal_wt i = tal_type_mk(TAL_T_INT, 0);
	struct tal_cell c;
	int err;

	if ((err = numeric_reg(v, TAL_EAX, &c)))
		return err;
	if (v->in.op != TAL_OP_CDQ &&
	    ((err = numeric_reg(v, TAL_EDX, &c)) ||
	     (err = numeric_source(v, &v->in.dst, &c))))
		return err;
	if (v->in.op != TAL_OP_CDQ)
		v->cur->reg[TAL_EAX] = cell(v, i, TAL_FROM_ARITH, 0);
	v->cur->reg[TAL_EDX] = cell(v, i, TAL_FROM_ARITH, 0);
	return TAL_OK;
}

static int rule_push(struct tal_vctx *v)
{
	struct tal_state *s = v->cur;
	struct tal_cell c;
	int err;

	if (v->in.dst.kind == TAL_O_IMM)
		err = immediate(v, v->in.dst.imm, &c);
	else
		err = use_reg(v, v->in.dst.reg, &c);
	if (err)
		return err;
	if (tal_state_nslots(s) + 1 > TAL_MAX_FRAME_SLOTS)
		return fail_msg(v, TAL_E_STACK, "the frame would exceed TAL_MAX_FRAME_SLOTS");
	s->esp -= 4;
	s->slot[tal_state_slot(s, s->esp)] = c;
	tal_rules_use(v, (uint32_t)-s->esp);
	return TAL_OK;
}

static int rule_pop(struct tal_vctx *v)
{
	struct tal_state *s = v->cur;
	int err;

	if ((err = dest_reg(v, &v->in.dst)))
		return err;
	if (s->esp >= 0)
		return fail_msg(v, TAL_E_STACK, "pop would remove the return address");
	v->cur->reg[v->in.dst.reg] = s->slot[tal_state_slot(s, s->esp)];
	s->esp += 4;
	return TAL_OK;
}

/* setcc r8: writes the low byte of an integer register. */
static int rule_setcc(struct tal_vctx *v)
{
	struct tal_cell c;
	int err;

	if (v->in.dst.kind != TAL_O_REG)
		return fail_msg(v, TAL_E_ADDRESSING, "setcc writes a register only");
	if (v->in.dst.reg > TAL_EBX)
		return fail_msg(v, TAL_E_TYPE, "setcc takes al, cl, dl or bl");
	if ((err = numeric_reg(v, v->in.dst.reg, &c)))
		return err;
	v->cur->reg[v->in.dst.reg] = cell(v, tal_type_mk(TAL_T_INT, 0), TAL_FROM_ARITH, 0);
	return TAL_OK;
}

int tal_rules_data(struct tal_vctx *v)
{
	switch (v->in.op) {
	case TAL_OP_MOV:   return rule_mov(v);
	case TAL_OP_MOVZX: return rule_movzx(v);
	case TAL_OP_CMP:
	case TAL_OP_TEST:  return rule_compare(v);
	case TAL_OP_CDQ:
	case TAL_OP_DIV:
	case TAL_OP_IDIV:  return rule_divide(v);
	case TAL_OP_PUSH:  return rule_push(v);
	case TAL_OP_POP:   return rule_pop(v);
	case TAL_OP_SETCC: return rule_setcc(v);
	case TAL_OP_NOP:   return TAL_OK;
	default:           return rule_arith(v);
	}
}
