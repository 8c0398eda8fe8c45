/*
 * popc assignments: stores to a variable's home, and the statements
 * "x = e" and "x op= e" for variables, elements, fields and scalar globals.
 * A register variable is updated in place when one instruction does it.
 *
 * Invariant: the assigned value is evaluated before the location it is
 * stored to; a compound assignment reads the location once, after that.
 */
#include "gen.h"

static const char *const R32[8] = { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi" };

/* Store O to variable V's home and free O; storing V to itself emits
 * nothing. */
void gen_store_var(struct pvar *v, struct opnd o)
{
	int r;

	if (o.k == O_NULL)
		o.st = v->ty.st;
	if (o.k == O_VAR && o.var == v)
		return;
	if (o.k == O_IMM && v->reg >= 0) {
		if (o.imm == 0)
			gen_emit("xor %s, %s", R32[v->reg], R32[v->reg]);
		else
			gen_emit("mov %s, %d", R32[v->reg], o.imm);
		return;
	}
	if (o.k == O_IMM) {
		gen_emit("mov dword %s, %d", gen_slot(v->slot), o.imm);
		return;
	}
	if (v->reg >= 0 && (o.k == O_VAR || (o.k == O_TEMP && G.tmp[o.t].reg < 0))) {
		gen_emit("mov %s, %s", R32[v->reg], gen_opnd_text(o));
		gen_free(o);
		return;
	}
	r = gen_reg_of(&o, "int");
	gen_emit("mov %s, %s", gen_var_loc(v), R32[r]);
	gen_free(o);
}

/* Apply compound operator OP with value VAL to register variable V in
 * place when one instruction does it; false otherwise. */
static bool update_in_place(struct pvar *v, enum tok op, struct opnd val)
{
	const char *alu = gen_alu_name(op);
	const char *r = R32[v->reg];

	if (alu)
		gen_emit("%s %s, %s", alu, r, gen_opnd_text(val));
	else if (op == T_STAR && val.k == O_IMM)
		gen_emit("imul %s, %s, %d", r, r, val.imm);
	else if (op == T_STAR)
		gen_emit("imul %s, %s", r, gen_opnd_text(val));
	else if ((op == T_SHL || op == T_SHR) && val.k == O_IMM)
		gen_emit("%s %s, %d", op == T_SHL ? "shl" : "sar", r, val.imm & 31);
	else
		return false;
	gen_free(val);
	return true;
}

/* A op= VAL for a memory location: load, compute, store back. */
static void update_memory(struct addr *a, enum tok op, struct opnd val)
{
	char mem[64];
	int t;

	snprintf(mem, sizeof mem, "%s", gen_addr_text(a));
	t = temp_new("int");
	gen_emit("mov %s, %s", R32[G.tmp[t].reg], mem);
	gen_pin(a->base, false);
	gen_pin(a->idx, false);
	gen_store(a, gen_arith(op, gen_temp_opnd(t), val));
}

/* V = M or V op= M for a register variable V and a word M in memory, in
 * one instruction whose source operand is M; false if no one does it. */
static bool update_from_memory(struct pvar *v, enum tok op, struct expr *m)
{
	struct addr a;

	if (v->reg < 0 || !gen_word_in_memory(m))
		return false;
	if (op != T_ASSIGN && op != T_STAR && !gen_alu_name(op))
		return false;
	gen_addr_of(m, &a, false);
	gen_emit("%s %s, %s", op == T_ASSIGN ? "mov" : op == T_STAR ? "imul" : gen_alu_name(op),
	         R32[v->reg], gen_addr_text(&a));
	gen_addr_free(&a);
	return true;
}

/* Compile assignment statement S: "=" or the compound operator S->op. */
void gen_assign(struct stmt *s)
{
	struct expr *lv = s->lhs;
	struct opnd val, cur;
	struct addr a;
	bool own = s->op == T_SLASH || s->op == T_PERCENT;

	if (lv->k == E_VAR && update_from_memory(lv->var, s->op, s->e))
		return;
	val = gen_expr(s->e);
	if (val.k == O_NULL)
		val.st = lv->ty.st;
	if (lv->k == E_VAR) {
		if (s->op == T_ASSIGN) {
			gen_store_var(lv->var, val);
			return;
		}
		if (lv->var->reg >= 0 && update_in_place(lv->var, s->op, val))
			return;
		gen_pin(val, true);
		cur = (struct opnd){ .k = O_VAR, .var = lv->var };
		gen_to_reg(&cur, "int");
		gen_pin(val, false);
		gen_store_var(lv->var, gen_arith(s->op, cur, val));
		return;
	}
	gen_addr_of(lv, &a, own);
	if (s->op == T_ASSIGN)
		gen_store(&a, val);
	else
		update_memory(&a, s->op, val);
}
