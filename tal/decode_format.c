/*
 * TAL disassembler: prints a decoded instruction in Intel syntax
 * ("mov dword [ebx+8], 0") for the verifier's messages and for
 * `talcheck --dump` (see decode.h), and the opcode bytes of one it does
 * not know. Register and condition names live here too.
 *
 * Invariant: printing only reads the struct tal_insn it is given (and,
 * for an unknown opcode, the bytes the decoder read) and appends to a
 * bounded message (diag.h); an operation or register number outside the
 * tables prints as nothing or "?", never out of bounds.
 */
#include "decode.h"

static const char *const opnames[TAL_OP_NCODES] = {
	"mov", "movzx", "add", "sub", "and", "or", "xor", "cmp", "test", "imul",
	"neg", "not", "inc", "dec", "shl", "shr", "sar", "cdq", "div", "idiv",
	"push", "pop", "ret", "jmp", "j", "call", "set", "nop"
};

const char *tal_decode_regname(uint32_t r, int size)
{
	static const char *const r32[8] = { "eax", "ecx", "edx", "ebx",
	                                    "esp", "ebp", "esi", "edi" };
	static const char *const r8[8] = { "al", "cl", "dl", "bl",
	                                   "ah", "ch", "dh", "bh" };
	if (r > 7)
		return "?";
	return size == 1 ? r8[r] : r32[r];
}

const char *tal_decode_ccname(uint32_t cc)
{
	static const char *const names[16] = { "o", "no", "b", "ae", "e", "ne",
	                                       "be", "a", "s", "ns", "p", "np",
	                                       "l", "ge", "le", "g" };
	return names[cc & 15];
}

/* Append operand O to D; SIZED: a memory operand gets its byte/dword
 * keyword; SYM (if not NULL) is printed for an immediate. */
static void format_opnd(struct tal_diag *d, const struct tal_opnd *o, bool sized,
                        const char *sym)
{
	bool first = true;

	switch (o->kind) {
	case TAL_O_REG:
		tal_diag_str(d, tal_decode_regname(o->reg, o->size));
		return;
	case TAL_O_IMM:
		if (sym)
			tal_diag_str(d, sym);
		else
			tal_diag_int(d, (int32_t)o->imm);
		return;
	case TAL_O_MEM:
		if (sized)
			tal_diag_str(d, o->size == 1 ? "byte " : "dword ");
		tal_diag_str(d, "[");
		if (o->base != TAL_NOREG) {
			tal_diag_str(d, tal_decode_regname(o->base, 4));
			first = false;
		}
		if (o->index != TAL_NOREG) {
			if (!first)
				tal_diag_str(d, "+");
			tal_diag_str(d, tal_decode_regname(o->index, 4));
			tal_diag_str(d, "*");
			tal_diag_uint(d, o->scale);
			first = false;
		}
		if (o->disp != 0 || first) {
			if (!first && o->disp >= 0)
				tal_diag_str(d, "+");
			if (first)
				tal_diag_hex(d, (uint32_t)o->disp);
			else
				tal_diag_int(d, o->disp);
		}
		tal_diag_str(d, "]");
		return;
	}
}

void tal_decode_opcode(struct tal_diag *d, const uint8_t *code, const struct tal_insn *in)
{
	static const char digits[] = "0123456789abcdef";
	uint32_t n = code[in->pc] == 0x0F && in->len > 1 ? 2 : 1, i;
	char hex[4] = { ' ', 0, 0, 0 };

	for (i = 0; i < n; i++) {
		hex[1] = digits[code[in->pc + i] >> 4];
		hex[2] = digits[code[in->pc + i] & 15];
		tal_diag_str(d, hex + (i == 0));
	}
	if (in->len > n) {                   /* the decoder read a ModRM byte */
		tal_diag_str(d, " /");
		tal_diag_uint(d, (code[in->pc + n] >> 3) & 7);
	}
}

void tal_decode_format(struct tal_diag *d, const struct tal_insn *in, const char *sym)
{
	/* Memory operands need a size keyword when no register fixes it. */
	bool sized = in->src.kind != TAL_O_REG || in->op == TAL_OP_MOVZX ||
	             in->op == TAL_OP_SETCC;

	if (in->op >= TAL_OP_NCODES)
		return;
	tal_diag_str(d, opnames[in->op]);
	if (in->op == TAL_OP_JCC || in->op == TAL_OP_SETCC)
		tal_diag_str(d, tal_decode_ccname(in->cc));
	if (in->op == TAL_OP_JMP || in->op == TAL_OP_JCC || in->op == TAL_OP_CALL) {
		tal_diag_str(d, sym ? " " : " +");
		if (sym)
			tal_diag_str(d, sym);
		else
			tal_diag_hex(d, in->target);
		return;
	}
	if (in->dst.kind == TAL_O_NONE)
		return;
	tal_diag_str(d, " ");
	format_opnd(d, &in->dst, sized, sym);
	if (in->src.kind != TAL_O_NONE) {
		tal_diag_str(d, ", ");
		format_opnd(d, &in->src, in->op == TAL_OP_MOVZX, sym);
	}
	if (in->src2.kind != TAL_O_NONE) {
		tal_diag_str(d, ", ");
		format_opnd(d, &in->src2, false, 0);
	}
}
