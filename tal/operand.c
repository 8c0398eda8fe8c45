/*
 * TAL operands of data instructions (see operand.h): registers,
 * immediates, relocated global addresses, and memory handed on to
 * memory.c.
 *
 * Invariant: a register is read only through tal_opnd_reg(), which
 * refuses esp and uninit, so no rule can see an uninitialised value or
 * do arithmetic on the stack pointer.
 */
#include "operand.h"
#include "memory.h"

int tal_opnd_fail(struct tal_vctx *v, int e, const char *msg)
{
	tal_rules_fail(v, e);
	tal_diag_str(v->diag, msg);
	return e;
}

struct tal_wt tal_opnd_const(uint32_t imm)
{
	if (imm == 0xFFFFFFFFu)
		return tal_type_mk(TAL_T_INT, 0);
	return tal_type_mk(TAL_T_IDX, imm + 1);
}

struct tal_cell tal_opnd_cell(struct tal_vctx *v, struct tal_wt t, int how, uint32_t aux)
{
	return tal_cell_mk(t, how, v->in.pc, aux);
}

struct tal_cell tal_opnd_copy(struct tal_vctx *v, const struct tal_cell *src, int how,
                              uint32_t aux)
{
	if (src->how != TAL_FROM_LABEL)
		return *src;
	return tal_opnd_cell(v, src->t, how, aux);
}

int tal_opnd_reg(struct tal_vctx *v, uint32_t r, struct tal_cell *out)
{
	if (r == TAL_ESP)
		return tal_opnd_fail(v, TAL_E_STACK,
		                     "esp may only be used by push, pop, call, ret, add/sub esp, imm and [esp+d]");
	if (v->cur->reg[r].t.kind == TAL_T_UNINIT) {
		tal_rules_fail(v, TAL_E_UNINIT);
		tal_rules_reg(v, r);
		return TAL_E_UNINIT;
	}
	*out = v->cur->reg[r];
	return TAL_OK;
}

int tal_opnd_numeric_reg(struct tal_vctx *v, uint32_t r, struct tal_cell *out)
{
	int err = tal_opnd_reg(v, r, out);

	if (err)
		return err;
	if (!tal_type_numeric(out->t)) {
		tal_rules_fail(v, TAL_E_POINTER_ARITH);
		tal_rules_reg(v, r);
		return TAL_E_POINTER_ARITH;
	}
	return TAL_OK;
}

int tal_opnd_dest(struct tal_vctx *v, const struct tal_opnd *o)
{
	if (o->kind != TAL_O_REG)
		return tal_opnd_fail(v, TAL_E_ADDRESSING, "the destination must be a register");
	if (o->reg == TAL_ESP)
		return tal_opnd_fail(v, TAL_E_STACK, "only add/sub esp, imm, push and pop may change esp");
	return TAL_OK;
}

int tal_opnd_source(struct tal_vctx *v, const struct tal_opnd *o, struct tal_cell *out)
{
	if (o->kind == TAL_O_REG)
		return tal_opnd_reg(v, o->reg, out);
	if (o->kind == TAL_O_IMM) {
		*out = tal_opnd_cell(v, tal_opnd_const(o->imm), TAL_FROM_CONST, 0);
		return TAL_OK;
	}
	return tal_mem_load(v, o, out);
}

int tal_opnd_numeric_source(struct tal_vctx *v, const struct tal_opnd *o,
                            struct tal_cell *out)
{
	int err = tal_opnd_source(v, o, out);

	if (err)
		return err;
	if (tal_type_numeric(out->t))
		return TAL_OK;
	tal_rules_fail(v, TAL_E_POINTER_ARITH);
	tal_state_describe(v->diag, v->o, "the operand", out);
	return TAL_E_POINTER_ARITH;
}

int tal_opnd_immediate(struct tal_vctx *v, uint32_t imm, struct tal_cell *out)
{
	struct tal_reloc r;
	struct tal_global g;

	if (v->reloc_at < 0) {
		*out = tal_opnd_cell(v, tal_opnd_const(imm), TAL_FROM_CONST, 0);
		return TAL_OK;
	}
	tal_obj_reloc(v->o, (uint32_t)v->reloc_at, &r);
	if (r.kind != TAL_R_GLOBAL)
		return tal_opnd_fail(v, TAL_E_RELOC_MISPLACED, "an import relocation belongs on a call");
	tal_obj_global(v->o, r.index, &g);
	*out = tal_opnd_cell(v, tal_type_mk(TAL_T_PTR, g.type), TAL_FROM_GLOBAL, r.index);
	return TAL_OK;
}
