/*
 * TAL typing rules for data instructions: mov, movzx, cmp, test,
 * arithmetic, shifts, division and setcc (SPEC.md, "Instruction subset"),
 * the dispatch of each data instruction to its rule, and the message
 * helpers shared with verify.c (see rules.h). Operands are read by
 * operand.c, memory by memory.c, the frame (push, pop, add/sub esp) is
 * stack.c's.
 *
 * Invariant: a rule writes v->cur only after every operand it reads has
 * been checked, so a failing instruction leaves no half-typed result.
 */
#include "rules.h"
#include "operand.h"
#include "memory.h"
#include "stack.h"

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
	if (v->in.len != 0) {              /* 0: at a function's entry, before any */
		tal_diag_str(d, " `");
		tal_decode_format(d, &v->in, v->reloc_at >= 0 ?
		                  tal_obj_reloc_sym(v->o, (uint32_t)v->reloc_at) : 0);
		tal_diag_str(d, "`");
	}
	tal_diag_str(d, ": ");
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

void tal_rules_use(struct tal_vctx *v, uint32_t use, uint32_t via)
{
	if (use > v->max_use) {
		v->max_use = use;
		v->max_via = via;
	}
}

/* mov in all its forms, and movzx. */
static int rule_mov(struct tal_vctx *v)
{
	const struct tal_insn *in = &v->in;
	struct tal_cell c;
	int err;

	if (in->dst.kind == TAL_O_MEM) {
		if (in->src.kind == TAL_O_IMM) {
			c = tal_opnd_cell(v, tal_opnd_const(in->src.imm), TAL_FROM_CONST, 0);
			return tal_mem_store(v, &in->dst, &c, in->src.imm == 0);
		}
		if (in->src.size == 1 && in->src.reg > TAL_EBX)
			return tal_opnd_fail(v, TAL_E_TYPE, "byte stores take al, cl, dl or bl");
		if (in->src.size == 1)
			err = tal_opnd_numeric_reg(v, in->src.reg, &c);
		else
			err = tal_opnd_reg(v, in->src.reg, &c);
		if (err)
			return err;
		c = tal_opnd_copy(v, &c, TAL_FROM_MOVE, in->src.reg);
		return tal_mem_store(v, &in->dst, &c, false);
	}
	if (in->dst.size == 1)
		return tal_opnd_fail(v, TAL_E_TYPE, "byte registers are only the source of a byte store");
	if ((err = tal_opnd_dest(v, &in->dst)))
		return err;
	if (in->src.kind == TAL_O_IMM)
		err = tal_opnd_immediate(v, in->src.imm, &c);
	else
		err = tal_opnd_source(v, &in->src, &c);
	if (err)
		return err;
	if (in->src.kind == TAL_O_REG)
		c = tal_opnd_copy(v, &c, TAL_FROM_MOVE, in->src.reg);
	v->cur->reg[in->dst.reg] = c;
	return TAL_OK;
}

static int rule_movzx(struct tal_vctx *v)
{
	const struct tal_insn *in = &v->in;
	struct tal_cell c;
	int err;

	if ((err = tal_opnd_dest(v, &in->dst)))
		return err;
	if (in->src.kind == TAL_O_REG) {
		if (in->src.reg > TAL_EBX)
			return tal_opnd_fail(v, TAL_E_TYPE, "movzx takes al, cl, dl or bl");
		err = tal_opnd_numeric_reg(v, in->src.reg, &c);
	} else {
		err = tal_mem_load(v, &in->src, &c);
	}
	if (err)
		return err;
	v->cur->reg[in->dst.reg] = tal_opnd_cell(v, tal_type_mk(TAL_T_IDX, 256), TAL_FROM_ARITH, 0);
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
	if ((err = tal_opnd_source(v, &in->dst, &a)) || (err = tal_opnd_source(v, &in->src, &b)))
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
		return tal_stack_esp(v);
	if ((err = tal_opnd_dest(v, &in->dst)))
		return err;
	if ((in->op == TAL_OP_XOR || in->op == TAL_OP_SUB) &&
	    in->src.kind == TAL_O_REG && in->src.reg == in->dst.reg) {
		v->cur->reg[in->dst.reg] = tal_opnd_cell(v, tal_opnd_const(0), TAL_FROM_CONST, 0);
		return TAL_OK;
	}
	if (in->op == TAL_OP_IMUL && in->src2.kind == TAL_O_IMM)
		a = tal_opnd_cell(v, t, TAL_FROM_ARITH, 0);     /* imul r, r/m, imm: r is written only */
	else if ((err = tal_opnd_numeric_reg(v, in->dst.reg, &a)))
		return err;
	b = a;
	if (in->src.kind != TAL_O_NONE && (err = tal_opnd_numeric_source(v, &in->src, &b)))
		return err;
	if (in->op == TAL_OP_AND && (bound = and_bound(a.t, b.t)) != 0)
		t = tal_type_mk(TAL_T_IDX, bound);
	if (in->op == TAL_OP_SHR && in->src.kind == TAL_O_IMM &&
	    (in->src.imm & 31) != 0)
		t = tal_type_mk(TAL_T_IDX, 1u << (32 - (in->src.imm & 31)));
	v->cur->reg[in->dst.reg] = tal_opnd_cell(v, t, TAL_FROM_ARITH, 0);
	return TAL_OK;
}

/* cdq, div, idiv: eax (and edx) in, eax and edx out. */
static int rule_divide(struct tal_vctx *v)
{
	struct tal_wt i = tal_type_mk(TAL_T_INT, 0);
	struct tal_cell c;
	int err;

	if ((err = tal_opnd_numeric_reg(v, TAL_EAX, &c)))
		return err;
	if (v->in.op != TAL_OP_CDQ &&
	    ((err = tal_opnd_numeric_reg(v, TAL_EDX, &c)) ||
	     (err = tal_opnd_numeric_source(v, &v->in.dst, &c))))
		return err;
	if (v->in.op != TAL_OP_CDQ)
		v->cur->reg[TAL_EAX] = tal_opnd_cell(v, i, TAL_FROM_ARITH, 0);
	v->cur->reg[TAL_EDX] = tal_opnd_cell(v, i, TAL_FROM_ARITH, 0);
	return TAL_OK;
}

/* setcc r8: writes the low byte of an integer register. */
static int rule_setcc(struct tal_vctx *v)
{
	struct tal_cell c;
	int err;

	if (v->in.dst.kind != TAL_O_REG)
		return tal_opnd_fail(v, TAL_E_ADDRESSING, "setcc writes a register only");
	if (v->in.dst.reg > TAL_EBX)
		return tal_opnd_fail(v, TAL_E_TYPE, "setcc takes al, cl, dl or bl");
	if ((err = tal_opnd_numeric_reg(v, v->in.dst.reg, &c)))
		return err;
	v->cur->reg[v->in.dst.reg] = tal_opnd_cell(v, tal_type_mk(TAL_T_INT, 0), TAL_FROM_ARITH, 0);
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
	case TAL_OP_PUSH:  return tal_stack_push(v);
	case TAL_OP_POP:   return tal_stack_pop(v);
	case TAL_OP_SETCC: return rule_setcc(v);
	case TAL_OP_NOP:   return TAL_OK;
	default:           return rule_arith(v);
	}
}
