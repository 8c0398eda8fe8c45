/*
 * popc expressions: evaluates an expression to an operand (a constant, a
 * variable's home, or a temporary), left to right, and compiles calls of
 * functions and kernel interfaces. The operand helpers here are shared by
 * the files that compile the other kinds of expression: genaddr.c (memory
 * locations, with the bounds and null checks), genarith.c (arithmetic,
 * with the divide check), gencond.c (comparisons and conditions) and
 * genassign.c (assignments).
 *
 * Invariant: a temporary operand has one owner, who frees it (gen_free) or
 * hands it on; a variable operand (O_VAR) is only read, never freed. Every
 * live temporary is spilled before a call, which may clobber eax, ecx, edx.
 */
#include "gen.h"
#include <talos/param.h>

static const char *const R32[8] = { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi" };

/* ---- Operands ---- */

/* Operand constructors: the constant V; the temporary T. */
struct opnd gen_imm(int32_t v)
{
	return (struct opnd){ .k = O_IMM, .imm = v };
}

struct opnd gen_temp_opnd(int t)
{
	return (struct opnd){ .k = O_TEMP, .t = t };
}

/* O as an instruction operand: a number, a register or a slot (text in
 * rotating static buffers: use it before the next few calls). */
const char *gen_opnd_text(struct opnd o)
{
	static char buf[4][32];
	static int i;

	i = (i + 1) % 4;
	switch (o.k) {
	case O_IMM:
		snprintf(buf[i], sizeof buf[i], "%d", o.imm);
		return buf[i];
	case O_VAR:
		return gen_var_loc(o.var);
	case O_TEMP:
		return G.tmp[o.t].reg >= 0 ? R32[G.tmp[o.t].reg] : gen_slot(G.tmp[o.t].slot);
	default:
		return "0";
	}
}

/* The register holding O without a copy (a register variable or a
 * temporary in a register), or -1. */
int gen_in_reg(struct opnd o)
{
	if (o.k == O_VAR)
		return o.var->reg;
	if (o.k == O_TEMP)
		return G.tmp[o.t].reg;
	return -1;
}

/* True if O is read from a frame slot, not a register. */
bool gen_in_memory(struct opnd o)
{
	return (o.k == O_VAR || o.k == O_TEMP) && gen_in_reg(o) < 0;
}

/* Pin (ON) or unpin O if it is a temporary: a pinned one is never spilled. */
void gen_pin(struct opnd o, bool on)
{
	if (o.k == O_TEMP)
		G.tmp[o.t].pinned = on;
}

/* Free O if it is a temporary (the caller owns it). */
void gen_free(struct opnd o)
{
	if (o.k == O_TEMP)
		temp_free(o.t);
}

/* Load the null reference of struct ST into a new temporary. */
static int null_temp(struct pstruct *st)
{
	char ty[TYLEN];
	int t, r;

	snprintf(ty, sizeof ty, "ptr? %s", st->name);
	t = temp_new(ty);
	r = G.tmp[t].reg;
	st->need_null = true;
	gen_emit("mov %s, null_%s", R32[r], st->name);
	gen_emit("mov %s, [%s+0]", R32[r], R32[r]);
	return t;
}

/* Make *O an owned temporary in a register and return the register. */
int gen_to_reg(struct opnd *o, const char *ty)
{
	int t, r;

	switch (o->k) {
	case O_TEMP:
		return temp_reg(o->t);
	case O_NULL:
		t = null_temp(o->st);
		break;
	case O_IMM:
		t = temp_new(ty);
		r = G.tmp[t].reg;
		if (o->imm == 0)
			gen_emit("xor %s, %s", R32[r], R32[r]);
		else
			gen_emit("mov %s, %d", R32[r], o->imm);
		temp_type(t, "int");
		break;
	default:
		t = temp_new(tal_type(o->var->ty));
		gen_emit("mov %s, %s", R32[G.tmp[t].reg], gen_var_loc(o->var));
		break;
	}
	*o = gen_temp_opnd(t);
	return G.tmp[t].reg;
}

/* A register holding O: a register variable as is, otherwise a temporary. */
int gen_reg_of(struct opnd *o, const char *ty)
{
	int r = gen_in_reg(*o);

	return r >= 0 ? r : gen_to_reg(o, ty);
}

/* ---- Calls ---- */

/* Call a function or interface: arguments to the outgoing area, spill,
 * call, then test exc_pending if the callee is a function that may raise.
 * The result is a temporary in eax. */
static struct opnd call(struct expr *e)
{
	struct opnd args[TAL_MAX_ARGS];
	const char *ty;
	int i, r;

	for (i = 0; i < e->nargs; i++) {
		args[i] = gen_expr(e->args[i]);
		if (args[i].k == O_NULL)
			args[i].st = e->fn->params[i]->ty.st;
	}
	if (e->nargs > G.maxout)
		G.maxout = e->nargs;
	for (i = 0; i < e->nargs; i++) {
		struct opnd o = args[i];
		if (o.k == O_IMM) {
			gen_emit("mov dword [esp+%d], %d", 4 * i, o.imm);
			continue;
		}
		r = gen_reg_of(&o, "int");
		gen_emit("mov [esp+%d], %s", 4 * i, R32[r]);
		gen_free(o);
	}
	gen_spill_all();
	if (e->iface >= 0)
		gen_emit("call %s", e->name);
	else
		gen_emit("call %s%s", e->name, e->fn->wrapped ? "$raw" : "");
	ty = e->iface >= 0 || e->ty.k == TY_VOID ? "int" : tal_type(e->ty);
	r = temp_at(EAX, ty);
	if (e->iface < 0 && e->fn->may_raise) {
		gen_emit("mov ecx, exc_pending");
		gen_emit("mov edx, [ecx+0]");
		gen_emit("test edx, edx");
		gen_jump("jne", gen_prop_label());
	}
	return gen_temp_opnd(r);
}

/* ---- Expressions ---- */

/* Evaluate E (a typed expression, folded if constant) to an operand; a
 * temporary result belongs to the caller. */
struct opnd gen_expr(struct expr *e)
{
	struct addr a;
	struct opnd x;
	int32_t v;
	int t;

	if (e->k != E_NULL && popc_fold(e, &v))
		return gen_imm(v);
	switch (e->k) {
	case E_NULL:
		return (struct opnd){ .k = O_NULL };
	case E_VAR:
		return (struct opnd){ .k = O_VAR, .var = e->var };
	case E_STR:
		t = temp_new("ptr char[32]");
		gen_emit("mov %s, str%d", R32[G.tmp[t].reg], e->str_id);
		return gen_temp_opnd(t);
	case E_GLOBAL:
		if (e->ty.k == TY_ARR || e->ty.k == TY_REF)
			return gen_global_addr(e->glob);
		gen_addr_of(e, &a, false);
		return gen_load(&a, tal_type(e->ty));
	case E_INDEX:
	case E_FIELD:
		gen_addr_of(e, &a, false);
		return gen_load(&a, tal_type(e->ty));
	case E_CALL:
		return call(e);
	case E_UNARY:
		if (e->op == T_NOT) {
			struct expr zero = { .k = E_NUM };
			struct expr z = { .k = E_BINARY, .op = T_EQ, .a = e->a, .b = &zero };
			return gen_flag_value(gen_compare(&z));
		}
		x = gen_expr(e->a);
		t = gen_to_reg(&x, "int");
		gen_emit("%s %s", e->op == T_MINUS ? "neg" : "not", R32[t]);
		temp_type(x.t, "int");
		return x;
	default:
		if (e->op == T_ANDAND || e->op == T_OROR)
			return gen_logical_value(e);
		if (gen_is_compare(e->op))
			return gen_flag_value(gen_compare(e));
		x = gen_expr(e->a);
		if ((gen_alu_name(e->op) || e->op == T_STAR) && gen_word_in_memory(e->b))
			return gen_arith_mem(e->op, x, e->b);
		return gen_arith(e->op, x, gen_expr(e->b));
	}
}
