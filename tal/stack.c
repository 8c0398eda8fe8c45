/*
 * TAL stack operations (see stack.h): frame slots, add/sub esp, push, pop.
 * The frame lives in the verifier's state (state.h): esp and top are
 * entry-relative, slot i holds the word at entry offset top - 4*i.
 *
 * Invariant: each rule checks the new esp against the return address and
 * the slot limit before it changes the state, and records the deepest
 * stack use with tal_rules_use().
 */
#include "stack.h"
#include "operand.h"

int tal_stack_slot(struct tal_vctx *v, const struct tal_opnd *m, uint32_t *slot)
{
	int32_t e = v->cur->esp + m->disp;

	if (m->index != TAL_NOREG || m->size != 4 || m->disp < 0 || m->disp % 4 ||
	    m->disp > 4 * TAL_MAX_FRAME_SLOTS || e > v->cur->top)
		return tal_opnd_fail(v, TAL_E_STACK,
		                     "a stack slot is dword [esp+d] with d >= 0, a multiple of 4, inside the frame");
	*slot = tal_state_slot(v->cur, e);
	return TAL_OK;
}

int tal_stack_esp(struct tal_vctx *v)
{
	const struct tal_insn *in = &v->in;
	struct tal_state *s = v->cur;
	uint32_t k = in->src.imm, i;
	int32_t esp;

	if (in->src.kind != TAL_O_IMM || k % 4 || k > 4 * TAL_MAX_FRAME_SLOTS ||
	    (in->op != TAL_OP_ADD && in->op != TAL_OP_SUB))
		return tal_opnd_fail(v, TAL_E_STACK,
		                     "esp changes only by add/sub esp, imm with imm a small multiple of 4");
	esp = in->op == TAL_OP_SUB ? s->esp - (int32_t)k : s->esp + (int32_t)k;
	if (esp > 0)
		return tal_opnd_fail(v, TAL_E_STACK, "esp would move above the return address");
	if ((uint32_t)(s->top - esp) / 4 + 1 > TAL_MAX_FRAME_SLOTS)
		return tal_opnd_fail(v, TAL_E_STACK, "the frame would exceed TAL_MAX_FRAME_SLOTS");
	for (i = tal_state_nslots(s); i < (uint32_t)(s->top - esp) / 4 + 1; i++)
		s->slot[i] = tal_opnd_cell(v, tal_type_mk(TAL_T_UNINIT, 0), TAL_FROM_ARITH, 0);
	s->esp = esp;
	tal_rules_use(v, (uint32_t)-esp, TAL_NONE);
	return TAL_OK;
}

int tal_stack_push(struct tal_vctx *v)
{
	struct tal_state *s = v->cur;
	struct tal_cell c;
	int err;

	if (v->in.dst.kind == TAL_O_IMM)
		err = tal_opnd_immediate(v, v->in.dst.imm, &c);
	else if ((err = tal_opnd_reg(v, v->in.dst.reg, &c)) == TAL_OK)
		c = tal_opnd_copy(v, &c, TAL_FROM_MOVE, v->in.dst.reg);
	if (err)
		return err;
	if (tal_state_nslots(s) + 1 > TAL_MAX_FRAME_SLOTS)
		return tal_opnd_fail(v, TAL_E_STACK, "the frame would exceed TAL_MAX_FRAME_SLOTS");
	s->esp -= 4;
	s->slot[tal_state_slot(s, s->esp)] = c;
	tal_rules_use(v, (uint32_t)-s->esp, TAL_NONE);
	return TAL_OK;
}

int tal_stack_pop(struct tal_vctx *v)
{
	struct tal_state *s = v->cur;
	int err;

	if ((err = tal_opnd_dest(v, &v->in.dst)))
		return err;
	if (s->esp >= 0)
		return tal_opnd_fail(v, TAL_E_STACK, "pop would remove the return address");
	v->cur->reg[v->in.dst.reg] = tal_opnd_copy(v, &s->slot[tal_state_slot(s, s->esp)],
	                                           TAL_FROM_SLOT, 0);
	s->esp += 4;
	return TAL_OK;
}
