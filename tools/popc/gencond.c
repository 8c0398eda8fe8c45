/*
 * popc conditions: comparisons, !, && and ||, compiled either as jumps
 * (gen_cond, for if, while and for) or as a value 0 or 1 (setcc after a
 * cmp; for && and ||, a slot set to 0, then to 1 where the condition holds).
 *
 * Invariant: the flags of a cmp are read by the jump or setcc that follows
 * it; what is emitted in between (mov, a spill) leaves the flags alone.
 */
#include "gen.h"

static const char *const R32[8] = { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi" };
static const char *const R8[4] = { "al", "cl", "dl", "bl" };

/* The condition-code suffix of comparison OP (jCC, setCC). */
static const char *cc(enum tok op)
{
	switch (op) {
	case T_EQ: return "e";
	case T_NE: return "ne";
	case T_LT: return "l";
	case T_LE: return "le";
	case T_GT: return "g";
	default: return "ge";
	}
}

/* The comparison true exactly when OP is false. */
static enum tok negate(enum tok op)
{
	switch (op) {
	case T_EQ: return T_NE;
	case T_NE: return T_EQ;
	case T_LT: return T_GE;
	case T_LE: return T_GT;
	case T_GT: return T_LE;
	default: return T_LT;
	}
}

/* The comparison OP with its operands exchanged (a < b is b > a). */
static enum tok swapped(enum tok op)
{
	switch (op) {
	case T_LT: return T_GT;
	case T_LE: return T_GE;
	case T_GT: return T_LT;
	case T_GE: return T_LE;
	default: return op;
	}
}

bool gen_is_compare(enum tok op)
{
	return op == T_EQ || op == T_NE || op == T_LT || op == T_LE || op == T_GT || op == T_GE;
}

/* Evaluate both sides of comparison E and emit the cmp; returns the
 * condition, swapped if the operands were. */
enum tok gen_compare(struct expr *e)
{
	struct opnd a = gen_expr(e->a), b;
	enum tok op = e->op;

	if (e->b->k == E_NULL)
		b = gen_imm(0);
	else
		b = gen_expr(e->b);
	if (a.k == O_IMM) {
		struct opnd t = a;
		a = b;
		b = t;
		op = swapped(op);
	}
	if (gen_in_memory(a) && gen_in_memory(b)) {
		gen_pin(b, true);
		gen_to_reg(&a, "int");
	}
	gen_pin(a, true);
	gen_pin(b, true);
	if (gen_in_memory(a) && b.k == O_IMM)
		gen_emit("cmp dword %s, %s", gen_opnd_text(a), gen_opnd_text(b));
	else
		gen_emit("cmp %s, %s", gen_opnd_text(a), gen_opnd_text(b));
	gen_pin(a, false);
	gen_pin(b, false);
	gen_free(a);
	gen_free(b);
	return op;
}

/* The flags of a cmp just emitted as 0 or 1 in a new temporary: mov (and
 * a spill, if any) leave the flags alone, and mov makes the register an
 * integer so setcc may write its low byte. */
struct opnd gen_flag_value(enum tok op)
{
	int t = temp_new("int");

	gen_emit("mov %s, 0", R32[G.tmp[t].reg]);
	gen_emit("set%s %s", cc(op), R8[G.tmp[t].reg]);
	return gen_temp_opnd(t);
}

/* Jump to LABEL if E is true (SENSE) or false (!SENSE); otherwise fall
 * through. && and || jump as soon as one operand decides. */
void gen_cond(struct expr *e, bool sense, int label)
{
	int32_t v;
	struct opnd o;
	int skip;

	if (popc_fold(e, &v)) {
		if ((v != 0) == sense)
			gen_jump("jmp", label);
		return;
	}
	if (e->k == E_UNARY && e->op == T_NOT) {
		gen_cond(e->a, !sense, label);
		return;
	}
	if (e->k == E_BINARY && (e->op == T_ANDAND || e->op == T_OROR)) {
		bool and = e->op == T_ANDAND;
		if (and != sense) {          /* a && b false, or a || b true: either jumps */
			gen_cond(e->a, sense, label);
			gen_cond(e->b, sense, label);
			return;
		}
		skip = gen_new_label();
		gen_cond(e->a, !sense, skip);
		gen_cond(e->b, sense, label);
		gen_place(skip, gen_annotation(gen_temps_annotation()));
		return;
	}
	if (e->k == E_BINARY && gen_is_compare(e->op)) {
		enum tok op = gen_compare(e);
		char j[8];
		snprintf(j, sizeof j, "j%s", cc(sense ? op : negate(op)));
		gen_jump(j, label);
		return;
	}
	o = gen_expr(e);
	if (gen_in_reg(o) >= 0)
		gen_emit("test %s, %s", gen_opnd_text(o), gen_opnd_text(o));
	else
		gen_emit("cmp dword %s, 0", gen_opnd_text(o));
	gen_free(o);
	gen_jump(sense ? "jne" : "je", label);
}

/* The value 0 or 1 of a condition built from && and ||. */
struct opnd gen_logical_value(struct expr *e)
{
	int t, l;

	gen_spill_all();
	t = temp_new_slot("int");
	gen_emit("mov dword %s, 0", gen_slot(G.tmp[t].slot));
	l = gen_new_label();
	gen_cond(e, false, l);
	gen_emit("mov dword %s, 1", gen_slot(G.tmp[t].slot));
	gen_place(l, gen_annotation(gen_temps_annotation()));
	return gen_temp_opnd(t);
}
