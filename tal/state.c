/*
 * TAL abstract machine state: entry states, label annotations, the
 * state-subtyping check done at every join, and the "where did this type
 * come from" text of error messages (see state.h).
 *
 * Invariant: a state built here has top == 4 * nargs of its function and
 * every live slot set. Slots outside the live frame are never read: the
 * rules that grow the frame (push, sub esp) set each slot they expose.
 */
#include "state.h"
#include "tables.h"
#include "decode.h"

uint32_t tal_state_nslots(const struct tal_state *s)
{
	return (uint32_t)(s->top - s->esp) / 4 + 1;
}

uint32_t tal_state_slot(const struct tal_state *s, int32_t e)
{
	return (uint32_t)(s->top - e) / 4;
}

struct tal_cell tal_cell_mk(struct tal_wt t, int how, uint32_t pc, uint32_t aux)
{
	struct tal_cell c;

	c.t = t;
	c.how = (uint8_t)how;
	c.pc = pc;
	c.aux = aux;
	return c;
}

/* Set every register and live slot of S (esp and top set) to uninit from HOW/AUX. */
static void clear(struct tal_state *s, int how, uint32_t pc, uint32_t aux)
{
	struct tal_cell u = tal_cell_mk(tal_type_mk(TAL_T_UNINIT, 0), how, pc, aux);
	uint32_t i, n = tal_state_nslots(s);

	for (i = 0; i < 8; i++)
		s->reg[i] = u;
	for (i = 0; i < n; i++)
		s->slot[i] = u;
}

void tal_state_entry(const struct tal_obj *o, uint32_t sig, struct tal_state *s)
{
	static const uint8_t saved[4] = { TAL_EBX, TAL_EBP, TAL_ESI, TAL_EDI };
	uint32_t i, n = tal_sig_nargs(o, sig);

	s->esp = 0;
	s->top = 4 * (int32_t)n;
	clear(s, TAL_FROM_ENTRY, 0, TAL_NONE);
	for (i = 0; i < 4; i++)
		s->reg[saved[i]].t = tal_type_mk(TAL_T_SAVED, saved[i]);
	for (i = 0; i < n; i++)
		s->slot[tal_state_slot(s, 4 * (int32_t)(i + 1))] =
			tal_cell_mk(tal_type_word(o, tal_sig_arg(o, sig, i)),
			            TAL_FROM_ENTRY, 0, i + 1);
	s->slot[tal_state_slot(s, 0)].t = tal_type_mk(TAL_T_RET, 0);
}

void tal_state_label(const struct tal_obj *o, uint32_t l, int32_t top,
                     struct tal_state *s)
{
	struct tal_label lab;
	struct tal_item it;
	struct tal_cell c;
	uint32_t j;

	tal_obj_label(o, l, &lab);
	s->esp = lab.esp;
	s->top = top;
	clear(s, TAL_FROM_LABEL, lab.code, l);
	for (j = lab.first; j < lab.first + lab.count; j++) {
		tal_obj_item(o, j, &it);
		c = tal_cell_mk(tal_type_word(o, it.type), TAL_FROM_LABEL, lab.code, l);
		if (it.loc == TAL_LOC_SLOT)
			s->slot[tal_state_slot(s, it.e)] = c;
		else
			s->reg[it.loc] = c;
	}
}

int tal_state_sub(const struct tal_state *cur, const struct tal_state *ann,
                  struct tal_mismatch *m)
{
	uint32_t i, n;

	if (cur->esp != ann->esp)
		return TAL_E_STACK_MISMATCH;
	for (i = 0; i < 8; i++) {
		if (i != TAL_ESP && !tal_type_sub(cur->reg[i].t, ann->reg[i].t)) {
			m->reg = (int)i;
			return TAL_E_SUBTYPE;
		}
	}
	n = tal_state_nslots(cur);
	for (i = 0; i < n; i++) {
		if (!tal_type_sub(cur->slot[i].t, ann->slot[i].t)) {
			m->reg = -1;
			m->e = cur->top - 4 * (int32_t)i;
			return TAL_E_SUBTYPE;
		}
	}
	return TAL_OK;
}

static void at_pc(struct tal_diag *d, const char *what, uint32_t pc)
{
	tal_diag_str(d, what);
	tal_diag_str(d, " at +");
	tal_diag_hex(d, pc);
}

/* Append the origin of C in parentheses. */
static void origin(struct tal_diag *d, const struct tal_obj *o,
                   const struct tal_cell *c)
{
	struct tal_member m;
	struct tal_label l;
	struct tal_global g;

	tal_diag_str(d, " (");
	switch (c->how) {
	case TAL_FROM_ENTRY:
		if (c->aux == TAL_NONE) {
			tal_diag_str(d, "at function entry");
			break;
		}
		tal_diag_str(d, "argument ");
		tal_diag_uint(d, c->aux);
		tal_diag_str(d, " of the signature");
		break;
	case TAL_FROM_LABEL:
		tal_obj_label(o, c->aux, &l);
		tal_diag_str(d, "annotation of label ");
		tal_diag_str(d, tal_obj_str(o, l.name));
		break;
	case TAL_FROM_FIELD:
		tal_obj_member(o, c->aux, &m);
		tal_diag_str(d, "loaded from field ");
		tal_diag_str(d, tal_obj_str(o, m.name));
		tal_diag_str(d, " (offset ");
		tal_diag_uint(d, m.offset);
		at_pc(d, ")", c->pc);
		break;
	case TAL_FROM_ELEM:    at_pc(d, "loaded from an array element", c->pc); break;
	case TAL_FROM_SLOT:
		tal_diag_str(d, "loaded from slot [esp+");
		tal_diag_uint(d, c->aux);
		at_pc(d, "]", c->pc);
		break;
	case TAL_FROM_CALL:    at_pc(d, "result of the call", c->pc); break;
	case TAL_FROM_CLOBBER: at_pc(d, "clobbered by the call", c->pc); break;
	case TAL_FROM_ARITH:   at_pc(d, "arithmetic", c->pc); break;
	case TAL_FROM_CONST:   at_pc(d, "constant", c->pc); break;
	case TAL_FROM_REFINE:  at_pc(d, "narrowed by the check", c->pc); break;
	case TAL_FROM_MOVE:
		tal_diag_str(d, "copied from ");
		at_pc(d, tal_decode_regname(c->aux, 4), c->pc);
		break;
	case TAL_FROM_GLOBAL:
		tal_obj_global(o, c->aux, &g);
		tal_diag_str(d, "address of global ");
		tal_diag_str(d, tal_obj_str(o, g.name));
		break;
	}
	tal_diag_str(d, ")");
}

void tal_state_describe(struct tal_diag *d, const struct tal_obj *o,
                        const char *name, const struct tal_cell *c)
{
	tal_diag_str(d, name);
	tal_diag_str(d, " is ");
	tal_type_format(d, o, c->t);
	origin(d, o, c);
}
