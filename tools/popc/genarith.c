/*
 * popc arithmetic: the arithmetic and bitwise operators, computed in the
 * register of the left operand, with a word in memory as the source
 * operand when one instruction can take it. Division inserts the divide
 * check (test d, d; je) and does x / -1 by neg, so idiv never faults.
 *
 * Invariant: idiv runs with the dividend in eax and edx reserved, and a
 * shift by a variable count with the count in ecx; these registers are
 * blocked from other temporaries while the instruction is built.
 */
#include "gen.h"

static const char *const R32[8] = { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi" };

/* The one-instruction ALU mnemonic of OP (+ - & | ^), or NULL. */
const char *gen_alu_name(enum tok op)
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
	gen_pin(a, true);
	gen_pin(b, true);
	if (G.tmp[a.t].reg != EAX) {
		temp_reserve(EAX);
		gen_emit("mov eax, %s", gen_opnd_text(a));
		temp_free(a.t);
		a = gen_temp_opnd(temp_at(EAX, "int"));
		gen_pin(a, true);
	}
	G.blocked |= 1u << EAX;
	temp_reserve(EDX);
	rb = b.k == O_VAR && b.var->reg >= 0 ? b.var->reg : gen_to_reg(&b, "int");
	gen_pin(b, true);
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
	gen_pin(a, false);
	gen_pin(b, false);
	gen_free(b);
	if (op == T_SLASH) {
		temp_free(d);
		return a;
	}
	temp_free(a.t);
	return gen_temp_opnd(d);
}

/* a << b or a >> b (arithmetic) with a variable count. */
static struct opnd shift_var(enum tok op, struct opnd a, struct opnd b)
{
	int ra;

	gen_pin(a, true);
	if (!(b.k == O_TEMP && G.tmp[b.t].reg == ECX)) {
		temp_reserve(ECX);
		gen_emit("mov ecx, %s", gen_opnd_text(b));
		gen_free(b);
		b = gen_temp_opnd(temp_at(ECX, "int"));
	}
	G.blocked |= 1u << ECX;
	ra = temp_reg(a.t);
	gen_emit("%s %s, cl", op == T_SHL ? "shl" : "sar", R32[ra]);
	G.blocked = 0;
	gen_pin(a, false);
	temp_free(b.t);
	temp_type(a.t, "int");
	return a;
}

/* A op B for the arithmetic and bitwise operators; A and B are consumed. */
struct opnd gen_arith(enum tok op, struct opnd a, struct opnd b)
{
	const char *alu = gen_alu_name(op);
	int ra;

	gen_pin(b, true);
	ra = gen_to_reg(&a, "int");
	gen_pin(b, false);
	if (op == T_SLASH || op == T_PERCENT)
		return divide(op, a, b);
	if ((op == T_SHL || op == T_SHR) && b.k != O_IMM)
		return shift_var(op, a, b);
	if (gen_in_memory(b) && b.k == O_TEMP)
		gen_pin(a, true);
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
	gen_pin(a, false);
	gen_free(b);
	temp_type(a.t, "int");
	return a;
}

/* A op M with M a word in memory and OP an ALU operator or *: the word is
 * the instruction's source operand ("add eax, [ecx+edx*4]"), which saves
 * loading it into a register first. A is consumed. */
struct opnd gen_arith_mem(enum tok op, struct opnd a, struct expr *m)
{
	struct addr ad;
	const char *mem;
	int ra;

	gen_addr_of(m, &ad, false);
	gen_pin(ad.base, true);
	gen_pin(ad.idx, true);
	ra = gen_to_reg(&a, "int");
	gen_pin(a, true);
	mem = gen_addr_text(&ad);
	gen_emit("%s %s, %s", gen_alu_name(op) ? gen_alu_name(op) : "imul", R32[ra], mem);
	gen_pin(a, false);
	gen_addr_free(&ad);
	temp_type(a.t, "int");
	return a;
}
