/*
 * popc expressions: evaluates an expression to an operand (a constant, a
 * variable's home, or a temporary), inserting the checks the language
 * promises: bounds (cmp i, N; jae), null (test r, r; je) and divide
 * (test d, d; je; with x / -1 done by neg so idiv never faults).
 * Evaluation is left to right; the value of an assignment is computed
 * before the location it is stored to.
 *
 * Invariant: a check's refined register (idx N after a bounds check, ptr S
 * after a null check) is used by the very next memory access, with no
 * label in between unless the refined value is a temporary whose type the
 * label declares.
 */
#include "gen.h"
#include <string.h>
#include <talos/param.h>

static const char *const R32[8] = { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi" };
static const char *const R8[4] = { "al", "cl", "dl", "bl" };

static struct opnd imm(int32_t v)
{
	return (struct opnd){ .k = O_IMM, .imm = v };
}

static struct opnd temp_opnd(int t)
{
	return (struct opnd){ .k = O_TEMP, .t = t };
}

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
static int in_reg(struct opnd o)
{
	if (o.k == O_VAR)
		return o.var->reg;
	if (o.k == O_TEMP)
		return G.tmp[o.t].reg;
	return -1;
}

static bool in_memory(struct opnd o)
{
	return (o.k == O_VAR || o.k == O_TEMP) && in_reg(o) < 0;
}

static void pin(struct opnd o, bool on)
{
	if (o.k == O_TEMP)
		G.tmp[o.t].pinned = on;
}

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
	*o = temp_opnd(t);
	return G.tmp[t].reg;
}

/* A register holding O: a register variable as is, otherwise a temporary. */
static int reg_of(struct opnd *o, const char *ty)
{
	int r = in_reg(*o);

	return r >= 0 ? r : gen_to_reg(o, ty);
}

/* ---- Memory locations: array elements, fields, scalar globals ---- */

struct addr {
	struct opnd base, idx;
	bool has_idx;
	int32_t disp;
};

static struct opnd global_addr(struct pglobal *g)
{
	char ty[TYLEN];
	int t;

	snprintf(ty, sizeof ty, "ptr %s", g->ty.k == TY_REF ? g->ty.st->name : tal_array_name(
	         g->ty.k == TY_ARR ? g->ty : (struct ptype){ .k = TY_ARR, .elem = g->ty.k,
	                                                     .st = g->ty.st, .len = 1 }));
	t = temp_new(ty);
	G.tmp[t].global = true;
	gen_emit("mov %s, g_%s", R32[G.tmp[t].reg], g->name);
	return temp_opnd(t);
}

/* Evaluate the location LV (element, field or scalar global) with its
 * checks. OWN: keep refined registers in temporaries (labels may follow). */
static void addr_of(struct expr *lv, struct addr *a, bool own)
{
	char ty[TYLEN];
	int32_t k;
	int rb, ri;

	memset(a, 0, sizeof *a);
	if (lv->k == E_GLOBAL) {
		a->base = global_addr(lv->glob);
		return;
	}
	a->base = gen_expr(lv->a);
	if (lv->k == E_FIELD) {
		a->disp = lv->field->offset;
		rb = own ? gen_to_reg(&a->base, "") : reg_of(&a->base, "");
		if (lv->a->ty.k == TY_NREF) {
			gen_emit("test %s, %s", R32[rb], R32[rb]);
			gen_jump("je", gen_exc_label(POPC_EXC_NULL));
			if (a->base.k == O_TEMP) {
				snprintf(ty, sizeof ty, "ptr %s", lv->a->ty.st->name);
				temp_type(a->base.t, ty);
			}
		}
		return;
	}
	if (popc_fold(lv->b, &k)) {
		a->disp = 4 * k;
		return;
	}
	a->has_idx = true;
	a->idx = gen_expr(lv->b);
	pin(a->idx, true);
	if (a->base.k == O_VAR && a->base.var->reg < 0)
		gen_to_reg(&a->base, "");
	pin(a->base, true);
	ri = own || a->idx.k != O_VAR ? gen_to_reg(&a->idx, "int") : reg_of(&a->idx, "int");
	pin(a->idx, true);
	gen_emit("cmp %s, %d", R32[ri], lv->a->ty.len);
	gen_jump("jae", gen_exc_label(POPC_EXC_BOUNDS));
	if (a->idx.k == O_TEMP) {
		snprintf(ty, sizeof ty, "idx %d", lv->a->ty.len);
		temp_type(a->idx.t, ty);
	}
	pin(a->base, false);
	pin(a->idx, false);
}

/* The memory operand of A, reloading spilled parts; pins them. */
static const char *addr_text(struct addr *a)
{
	static char buf[64];
	int rb, ri;

	pin(a->base, true);
	pin(a->idx, true);
	rb = reg_of(&a->base, "");
	if (!a->has_idx) {
		snprintf(buf, sizeof buf, "[%s+%d]", R32[rb], a->disp);
		return buf;
	}
	ri = reg_of(&a->idx, "int");
	snprintf(buf, sizeof buf, "[%s+%s*4]", R32[rb], R32[ri]);
	return buf;
}

static void addr_free(struct addr *a)
{
	pin(a->base, false);
	pin(a->idx, false);
	gen_free(a->base);
	if (a->has_idx)
		gen_free(a->idx);
}

/* Load the word at A into a temporary of type TY. The result reuses a
 * temporary of the address, except that a global's address stays in its
 * register when another is free, so that peep.c can drop the next load
 * of the same address. */
static struct opnd load(struct addr *a, const char *ty)
{
	const char *text = addr_text(a);
	char mem[64];
	int t;

	snprintf(mem, sizeof mem, "%s", text);
	if (a->base.k == O_TEMP && G.tmp[a->base.t].global && temp_reg_idle()) {
		t = temp_new(ty);
	} else if (a->base.k == O_TEMP) {
		t = a->base.t;
		a->base.k = O_IMM;
	} else if (a->has_idx && a->idx.k == O_TEMP) {
		t = a->idx.t;
		a->idx.k = O_IMM;
	} else {
		t = temp_new(ty);
	}
	gen_emit("mov %s, %s", R32[G.tmp[t].reg], mem);
	temp_type(t, ty);
	G.tmp[t].pinned = false;
	addr_free(a);
	return temp_opnd(t);
}

/* Store O (of language type TY) to A. */
static void store(struct addr *a, struct opnd o)
{
	char mem[64];
	int r;

	if (o.k == O_IMM || o.k == O_NULL) {
		snprintf(mem, sizeof mem, "%s", addr_text(a));
		gen_emit("mov dword %s, %d", mem, o.k == O_IMM ? o.imm : 0);
	} else {
		pin(o, true);
		snprintf(mem, sizeof mem, "%s", addr_text(a));
		r = reg_of(&o, "int");
		snprintf(mem, sizeof mem, "%s", addr_text(a));
		gen_emit("mov %s, %s", mem, R32[r]);
		pin(o, false);
		gen_free(o);
	}
	addr_free(a);
}

/* ---- Arithmetic ---- */

/* True if E reads one word of memory that an instruction can take as its
 * source operand: an element, a field or a scalar global. */
static bool word_in_memory(struct expr *e)
{
	int32_t v;

	if (popc_fold(e, &v))
		return false;
	if (e->k == E_GLOBAL)
		return e->ty.k != TY_ARR && e->ty.k != TY_REF;
	return e->k == E_INDEX || e->k == E_FIELD;
}

static const char *alu_name(enum tok op)
{
	switch (op) {
	case T_PLUS: return "add";
	case T_MINUS: return "sub";
	case T_AND: return "and";
	case T_OR: return "or";
	case T_XOR: return "xor";
	default: return NULL;
	}
}

/* a / b or a % b with A an owned temporary; returns the result. */
static struct opnd divide(enum tok op, struct opnd a, struct opnd b)
{
	bool known = b.k == O_IMM;      /* a nonzero constant other than -1 */
	int rb, l_div, l_done, d;

	if (b.k == O_IMM && b.imm == -1) {
		int ra = gen_to_reg(&a, "int");
		if (op == T_SLASH)
			gen_emit("neg %s", R32[ra]);
		else
			gen_emit("xor %s, %s", R32[ra], R32[ra]);
		temp_type(a.t, "int");
		return a;
	}
	pin(a, true);
	pin(b, true);
	if (G.tmp[a.t].reg != EAX) {
		temp_reserve(EAX);
		gen_emit("mov eax, %s", gen_opnd_text(a));
		temp_free(a.t);
		a = temp_opnd(temp_at(EAX, "int"));
		pin(a, true);
	}
	G.blocked |= 1u << EAX;
	temp_reserve(EDX);
	rb = b.k == O_VAR && b.var->reg >= 0 ? b.var->reg : gen_to_reg(&b, "int");
	pin(b, true);
	if (!known) {
		l_div = gen_new_label();
		l_done = gen_new_label();
		gen_emit("test %s, %s", R32[rb], R32[rb]);
		gen_jump("je", gen_exc_label(POPC_EXC_DIVIDE));
		gen_emit("cmp %s, -1", R32[rb]);
		gen_jump("jne", l_div);
		gen_emit("neg eax");
		gen_emit("xor edx, edx");
		gen_jump("jmp", l_done);
		gen_place(l_div, gen_annotation(gen_temps_annotation()));
		gen_emit("cdq");
		gen_emit("idiv %s", R32[rb]);
		d = temp_at(EDX, "int");
		gen_place(l_done, gen_annotation(gen_temps_annotation()));
	} else {
		gen_emit("cdq");
		gen_emit("idiv %s", R32[rb]);
		d = temp_at(EDX, "int");
	}
	G.blocked = 0;
	pin(a, false);
	pin(b, false);
	gen_free(b);
	if (op == T_SLASH) {
		temp_free(d);
		return a;
	}
	temp_free(a.t);
	return temp_opnd(d);
}

/* a << b or a >> b (arithmetic) with a variable count. */
static struct opnd shift_var(enum tok op, struct opnd a, struct opnd b)
{
	int ra;

	pin(a, true);
	if (!(b.k == O_TEMP && G.tmp[b.t].reg == ECX)) {
		temp_reserve(ECX);
		gen_emit("mov ecx, %s", gen_opnd_text(b));
		gen_free(b);
		b = temp_opnd(temp_at(ECX, "int"));
	}
	G.blocked |= 1u << ECX;
	ra = temp_reg(a.t);
	gen_emit("%s %s, cl", op == T_SHL ? "shl" : "sar", R32[ra]);
	G.blocked = 0;
	pin(a, false);
	temp_free(b.t);
	temp_type(a.t, "int");
	return a;
}

/* A op B for the arithmetic and bitwise operators; A and B are consumed. */
static struct opnd arith(enum tok op, struct opnd a, struct opnd b)
{
	const char *alu = alu_name(op);
	int ra;

	pin(b, true);
	ra = gen_to_reg(&a, "int");
	pin(b, false);
	if (op == T_SLASH || op == T_PERCENT)
		return divide(op, a, b);
	if ((op == T_SHL || op == T_SHR) && b.k != O_IMM)
		return shift_var(op, a, b);
	if (in_memory(b) && b.k == O_TEMP)
		pin(a, true);
	if (alu) {
		gen_emit("%s %s, %s", alu, R32[ra], gen_opnd_text(b));
	} else if (op == T_STAR) {
		if (b.k == O_IMM)
			gen_emit("imul %s, %s, %d", R32[ra], R32[ra], b.imm);
		else
			gen_emit("imul %s, %s", R32[ra], gen_opnd_text(b));
	} else if ((b.imm & 31) != 0) {
		gen_emit("%s %s, %d", op == T_SHL ? "shl" : "sar", R32[ra], b.imm & 31);
	}
	pin(a, false);
	gen_free(b);
	temp_type(a.t, "int");
	return a;
}

/* A op M with M a word in memory and OP an ALU operator or *: the word is
 * the instruction's source operand ("add eax, [ecx+edx*4]"), which saves
 * loading it into a register first. A is consumed. */
static struct opnd arith_mem(enum tok op, struct opnd a, struct expr *m)
{
	struct addr ad;
	const char *mem;
	int ra;

	addr_of(m, &ad, false);
	pin(ad.base, true);
	pin(ad.idx, true);
	ra = gen_to_reg(&a, "int");
	pin(a, true);
	mem = addr_text(&ad);
	gen_emit("%s %s, %s", alu_name(op) ? alu_name(op) : "imul", R32[ra], mem);
	pin(a, false);
	addr_free(&ad);
	temp_type(a.t, "int");
	return a;
}

/* ---- Comparisons ---- */

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

static bool is_compare(enum tok op)
{
	return op == T_EQ || op == T_NE || op == T_LT || op == T_LE || op == T_GT || op == T_GE;
}

/* Evaluate both sides of comparison E and emit the cmp; returns the
 * condition, swapped if the operands were. */
static enum tok compare(struct expr *e)
{
	struct opnd a = gen_expr(e->a), b;
	enum tok op = e->op;

	if (e->b->k == E_NULL)
		b = imm(0);
	else
		b = gen_expr(e->b);
	if (a.k == O_IMM) {
		struct opnd t = a;
		a = b;
		b = t;
		op = swapped(op);
	}
	if (in_memory(a) && in_memory(b)) {
		pin(b, true);
		gen_to_reg(&a, "int");
	}
	pin(a, true);
	pin(b, true);
	if (in_memory(a) && b.k == O_IMM)
		gen_emit("cmp dword %s, %s", gen_opnd_text(a), gen_opnd_text(b));
	else
		gen_emit("cmp %s, %s", gen_opnd_text(a), gen_opnd_text(b));
	pin(a, false);
	pin(b, false);
	gen_free(a);
	gen_free(b);
	return op;
}

/* The flags of a cmp just emitted as 0 or 1 in a new temporary: mov (and
 * a spill, if any) leave the flags alone, and mov makes the register an
 * integer so setcc may write its low byte. */
static struct opnd flag_value(enum tok op)
{
	int t = temp_new("int");

	gen_emit("mov %s, 0", R32[G.tmp[t].reg]);
	gen_emit("set%s %s", cc(op), R8[G.tmp[t].reg]);
	return temp_opnd(t);
}

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
	if (e->k == E_BINARY && is_compare(e->op)) {
		enum tok op = compare(e);
		char j[8];
		snprintf(j, sizeof j, "j%s", cc(sense ? op : negate(op)));
		gen_jump(j, label);
		return;
	}
	o = gen_expr(e);
	if (in_reg(o) >= 0)
		gen_emit("test %s, %s", gen_opnd_text(o), gen_opnd_text(o));
	else
		gen_emit("cmp dword %s, 0", gen_opnd_text(o));
	gen_free(o);
	gen_jump(sense ? "jne" : "je", label);
}

/* The value 0 or 1 of a condition built from && and ||. */
static struct opnd logical_value(struct expr *e)
{
	int t, l;

	gen_spill_all();
	t = temp_new_slot("int");
	gen_emit("mov dword %s, 0", gen_slot(G.tmp[t].slot));
	l = gen_new_label();
	gen_cond(e, false, l);
	gen_emit("mov dword %s, 1", gen_slot(G.tmp[t].slot));
	gen_place(l, gen_annotation(gen_temps_annotation()));
	return temp_opnd(t);
}

/* ---- Calls ---- */

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
		r = reg_of(&o, "int");
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
	return temp_opnd(r);
}

/* ---- Expressions ---- */

struct opnd gen_expr(struct expr *e)
{
	struct addr a;
	struct opnd x;
	int32_t v;
	int t;

	if (e->k != E_NULL && popc_fold(e, &v))
		return imm(v);
	switch (e->k) {
	case E_NULL:
		return (struct opnd){ .k = O_NULL };
	case E_VAR:
		return (struct opnd){ .k = O_VAR, .var = e->var };
	case E_STR:
		t = temp_new("ptr char[32]");
		gen_emit("mov %s, str%d", R32[G.tmp[t].reg], e->str_id);
		return temp_opnd(t);
	case E_GLOBAL:
		if (e->ty.k == TY_ARR || e->ty.k == TY_REF)
			return global_addr(e->glob);
		addr_of(e, &a, false);
		return load(&a, tal_type(e->ty));
	case E_INDEX:
	case E_FIELD:
		addr_of(e, &a, false);
		return load(&a, tal_type(e->ty));
	case E_CALL:
		return call(e);
	case E_UNARY:
		if (e->op == T_NOT) {
			struct expr zero = { .k = E_NUM };
			struct expr z = { .k = E_BINARY, .op = T_EQ, .a = e->a, .b = &zero };
			return flag_value(compare(&z));
		}
		x = gen_expr(e->a);
		t = gen_to_reg(&x, "int");
		gen_emit("%s %s", e->op == T_MINUS ? "neg" : "not", R32[t]);
		temp_type(x.t, "int");
		return x;
	default:
		if (e->op == T_ANDAND || e->op == T_OROR)
			return logical_value(e);
		if (is_compare(e->op))
			return flag_value(compare(e));
		x = gen_expr(e->a);
		if ((alu_name(e->op) || e->op == T_STAR) && word_in_memory(e->b))
			return arith_mem(e->op, x, e->b);
		return arith(e->op, x, gen_expr(e->b));
	}
}

/* ---- Assignments ---- */

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
	r = reg_of(&o, "int");
	gen_emit("mov %s, %s", gen_var_loc(v), R32[r]);
	gen_free(o);
}

/* Apply compound operator OP with value VAL to register variable V in
 * place when one instruction does it; false otherwise. */
static bool update_in_place(struct pvar *v, enum tok op, struct opnd val)
{
	const char *alu = alu_name(op);
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

	snprintf(mem, sizeof mem, "%s", addr_text(a));
	t = temp_new("int");
	gen_emit("mov %s, %s", R32[G.tmp[t].reg], mem);
	pin(a->base, false);
	pin(a->idx, false);
	store(a, arith(op, temp_opnd(t), val));
}

/* V = M or V op= M for a register variable V and a word M in memory, in
 * one instruction whose source operand is M; false if no one does it. */
static bool update_from_memory(struct pvar *v, enum tok op, struct expr *m)
{
	struct addr a;

	if (v->reg < 0 || !word_in_memory(m))
		return false;
	if (op != T_ASSIGN && op != T_STAR && !alu_name(op))
		return false;
	addr_of(m, &a, false);
	gen_emit("%s %s, %s", op == T_ASSIGN ? "mov" : op == T_STAR ? "imul" : alu_name(op),
	         R32[v->reg], addr_text(&a));
	addr_free(&a);
	return true;
}

/* Load E into register R directly if it is a word in memory (a return
 * value into eax); false otherwise. R must hold nothing live. */
bool gen_load_into(int r, struct expr *e)
{
	struct addr a;

	if (!word_in_memory(e))
		return false;
	addr_of(e, &a, false);
	gen_emit("mov %s, %s", R32[r], addr_text(&a));
	addr_free(&a);
	return true;
}

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
		pin(val, true);
		cur = (struct opnd){ .k = O_VAR, .var = lv->var };
		gen_to_reg(&cur, "int");
		pin(val, false);
		gen_store_var(lv->var, arith(s->op, cur, val));
		return;
	}
	addr_of(lv, &a, own);
	if (s->op == T_ASSIGN)
		store(&a, val);
	else
		update_memory(&a, s->op, val);
}
