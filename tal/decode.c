/*
 * TAL x86 decoder for the accepted IA-32 subset (see decode.h): bytes to
 * struct tal_insn. Printing an instruction back is decode_format.c's job.
 *
 * Invariant: every byte is read through next(), which fails instead of
 * reading at or past the function's end; nothing here allocates, loops on
 * input or recurses.
 */
#include "decode.h"

/* A cursor over the bytes of one instruction. */
struct cursor {
	const uint8_t *code;
	uint32_t pos, end;
	bool overrun;   /* set when a read went past END */
};

static uint32_t next(struct cursor *c)
{
	if (c->pos >= c->end) {
		c->overrun = true;
		return 0;
	}
	return c->code[c->pos++];
}

static uint32_t next32(struct cursor *c)
{
	uint32_t v = next(c);

	v |= next(c) << 8;
	v |= next(c) << 16;
	return v | next(c) << 24;
}

static uint32_t next8s(struct cursor *c)
{
	return (uint32_t)(int32_t)(int8_t)next(c);
}

static void set_reg(struct tal_opnd *o, uint32_t r, int size)
{
	o->kind = TAL_O_REG;
	o->reg = (uint8_t)r;
	o->size = (uint8_t)size;
}

static void set_imm(struct tal_opnd *o, uint32_t v)
{
	o->kind = TAL_O_IMM;
	o->size = 4;
	o->imm = v;
}

/* Decode a ModRM byte (and SIB, displacement) into RM; return the reg field. */
static uint32_t modrm(struct cursor *c, struct tal_opnd *rm, int size)
{
	uint32_t b = next(c), mod = b >> 6, r = b & 7, sib;

	rm->size = (uint8_t)size;
	if (mod == 3) {
		set_reg(rm, r, size);
		return (b >> 3) & 7;
	}
	rm->kind = TAL_O_MEM;
	rm->base = (uint8_t)r;
	rm->index = TAL_NOREG;
	rm->scale = 1;
	rm->disp = 0;
	if (r == 4) {
		sib = next(c);
		rm->scale = (uint8_t)(1u << (sib >> 6));
		rm->index = ((sib >> 3) & 7) == 4 ? TAL_NOREG : (uint8_t)((sib >> 3) & 7);
		rm->base = (uint8_t)(sib & 7);
		if (rm->base == 5 && mod == 0) {
			rm->base = TAL_NOREG;
			rm->disp = (int32_t)next32(c);
		}
	} else if (r == 5 && mod == 0) {
		rm->base = TAL_NOREG;
		rm->disp = (int32_t)next32(c);
	}
	if (mod == 1)
		rm->disp = (int32_t)next8s(c);
	else if (mod == 2)
		rm->disp = (int32_t)next32(c);
	return (b >> 3) & 7;
}

/* Instructions recognised only to be refused with their name. */
static const char *forbidden1(uint32_t b)
{
	switch (b) {
	case 0x26: case 0x2E: case 0x36: case 0x3E: case 0x64: case 0x65:
		return "segment override prefix";
	case 0x66: return "operand-size prefix";
	case 0x67: return "address-size prefix";
	case 0xF0: return "lock prefix";
	case 0xF2: case 0xF3: return "rep prefix";
	case 0xF4: return "hlt";
	case 0xFA: return "cli";
	case 0xFB: return "sti";
	case 0xE4: case 0xE5: case 0xEC: case 0xED: return "in";
	case 0xE6: case 0xE7: case 0xEE: case 0xEF: return "out";
	case 0x6C: case 0x6D: return "ins";
	case 0x6E: case 0x6F: return "outs";
	case 0xCC: return "int3";
	case 0xCD: return "int";
	case 0xCE: return "into";
	case 0xCF: return "iret";
	case 0xA4: case 0xA5: return "movs";
	case 0xA6: case 0xA7: return "cmps";
	case 0xAA: case 0xAB: return "stos";
	case 0xAC: case 0xAD: return "lods";
	case 0xAE: case 0xAF: return "scas";
	case 0x9A: return "far call";
	case 0xEA: return "far jmp";
	case 0xCA: case 0xCB: return "far ret";
	case 0xC2: return "ret imm16 (callee pops: not cdecl)";
	case 0xC8: return "enter";
	case 0xC9: return "leave";
	case 0x9C: return "pushf";
	case 0x9D: return "popf";
	case 0x60: return "pusha";
	case 0x61: return "popa";
	case 0x8D: return "lea";
	case 0x8C: case 0x8E: return "mov to or from a segment register";
	case 0x06: case 0x07: case 0x0E: case 0x16: case 0x17: case 0x1E: case 0x1F:
		return "push or pop of a segment register";
	case 0xD8: case 0xD9: case 0xDA: case 0xDB:
	case 0xDC: case 0xDD: case 0xDE: case 0xDF:
		return "floating point";
	}
	return 0;
}

static const char *forbidden0f(uint32_t b)
{
	switch (b) {
	case 0x00: case 0x01: return "system table instruction (lgdt, lidt, ...)";
	case 0x06: return "clts";
	case 0x08: case 0x09: return "invd/wbinvd";
	case 0x0B: return "ud2";
	case 0x20: case 0x21: case 0x22: case 0x23: return "mov to or from a control or debug register";
	case 0x30: return "wrmsr";
	case 0x31: return "rdtsc";
	case 0x32: return "rdmsr";
	case 0x34: case 0x35: return "sysenter/sysexit";
	case 0xA0: case 0xA1: case 0xA8: case 0xA9: return "push or pop of a segment register";
	case 0xA2: return "cpuid";
	}
	return 0;
}

/* Group opcodes 0x81/0x83: /digit to operation, or -1. */
static int arith_group(uint32_t digit)
{
	static const int ops[8] = { TAL_OP_ADD, TAL_OP_OR, -1, -1,
	                            TAL_OP_AND, TAL_OP_SUB, TAL_OP_XOR, TAL_OP_CMP };
	return ops[digit];
}

/* Two-operand ALU opcodes 0x01..0x3B (r/m,r and r,r/m forms). */
static int alu_op(uint32_t b)
{
	switch (b & 0xF8) {
	case 0x00: return TAL_OP_ADD;
	case 0x08: return TAL_OP_OR;
	case 0x20: return TAL_OP_AND;
	case 0x28: return TAL_OP_SUB;
	case 0x30: return TAL_OP_XOR;
	case 0x38: return TAL_OP_CMP;
	}
	return -1;
}

/* Decode the bytes after 0x0F. Returns an error code or TAL_OK. */
static int decode_0f(struct cursor *c, struct tal_insn *in)
{
	uint32_t b = next(c);

	if ((in->what = forbidden0f(b)) != 0)
		return TAL_E_FORBIDDEN;
	if (b >= 0x80 && b <= 0x8F) {
		in->op = TAL_OP_JCC;
		in->cc = (uint8_t)(b & 15);
		in->target = next32(c);
		in->target += c->pos;
		return TAL_OK;
	}
	if (b >= 0x90 && b <= 0x9F) {
		in->op = TAL_OP_SETCC;
		in->cc = (uint8_t)(b & 15);
		return modrm(c, &in->dst, 1) == 0 ? TAL_OK : TAL_E_DECODE_UNKNOWN;
	}
	if (b == 0xB6) {
		in->op = TAL_OP_MOVZX;
		set_reg(&in->dst, modrm(c, &in->src, 1), 4);
		return TAL_OK;
	}
	if (b == 0xAF) {
		in->op = TAL_OP_IMUL;
		set_reg(&in->dst, modrm(c, &in->src, 4), 4);
		return TAL_OK;
	}
	return TAL_E_DECODE_UNKNOWN;
}

/* Decode the group opcodes 0xF7, 0xFF, 0xC1, 0xD3, 0xC7. */
static int decode_group(struct cursor *c, struct tal_insn *in, uint32_t b)
{
	static const int f7[8] = { TAL_OP_TEST, -1, TAL_OP_NOT, TAL_OP_NEG,
	                           -1, -1, TAL_OP_DIV, TAL_OP_IDIV };
	static const int shift[8] = { -1, -1, -1, -1, TAL_OP_SHL, TAL_OP_SHR,
	                              -1, TAL_OP_SAR };
	uint32_t digit = modrm(c, &in->dst, 4);
	int op = -1;

	switch (b) {
	case 0xF7:
		op = f7[digit];
		if (op == TAL_OP_TEST)
			set_imm(&in->src, next32(c));
		break;
	case 0xFF:
		if (digit == 0 || digit == 1)
			op = digit == 0 ? TAL_OP_INC : TAL_OP_DEC;
		if (digit == 2 || digit == 4) {
			in->what = digit == 2 ? "indirect call" : "indirect jmp";
			return TAL_E_INDIRECT;
		}
		if (digit == 3 || digit == 5) {
			in->what = digit == 3 ? "far call" : "far jmp";
			return TAL_E_FORBIDDEN;
		}
		break;
	case 0xC1:
		op = shift[digit];
		set_imm(&in->src, next(c));
		break;
	case 0xD3:
		op = shift[digit];
		set_reg(&in->src, TAL_ECX, 1);
		break;
	case 0xC7:
		if (digit == 0)
			op = TAL_OP_MOV;
		set_imm(&in->src, next32(c));
		break;
	}
	if (op < 0)
		return TAL_E_DECODE_UNKNOWN;
	in->op = (uint8_t)op;
	return TAL_OK;
}

/* Decode one-byte opcodes; returns an error code or TAL_OK. */
static int decode_main(struct cursor *c, struct tal_insn *in, uint32_t b)
{
	int op;

	if ((in->what = forbidden1(b)) != 0)
		return TAL_E_FORBIDDEN;
	if (b < 0x40 && (b & 7) <= 3 && (b & 5) == 1 && (op = alu_op(b)) >= 0) {
		in->op = (uint8_t)op;     /* 0x01 r/m,r  or  0x03 r,r/m */
		if (b & 2)
			set_reg(&in->dst, modrm(c, &in->src, 4), 4);
		else
			set_reg(&in->src, modrm(c, &in->dst, 4), 4);
		return TAL_OK;
	}
	if (b >= 0x40 && b <= 0x4F) {
		in->op = b < 0x48 ? TAL_OP_INC : TAL_OP_DEC;
		set_reg(&in->dst, b & 7, 4);
		return TAL_OK;
	}
	if (b >= 0x50 && b <= 0x5F) {
		in->op = b < 0x58 ? TAL_OP_PUSH : TAL_OP_POP;
		set_reg(&in->dst, b & 7, 4);
		return TAL_OK;
	}
	if (b >= 0x70 && b <= 0x7F) {
		in->op = TAL_OP_JCC;
		in->cc = (uint8_t)(b & 15);
		in->target = next8s(c);
		in->target += c->pos;
		return TAL_OK;
	}
	if (b >= 0xB8 && b <= 0xBF) {
		in->op = TAL_OP_MOV;
		set_reg(&in->dst, b & 7, 4);
		set_imm(&in->src, next32(c));
		in->imm32_at = c->pos - 4;
		return TAL_OK;
	}
	switch (b) {
	case 0x81: case 0x83:
		op = arith_group(modrm(c, &in->dst, 4));
		set_imm(&in->src, b == 0x81 ? next32(c) : next8s(c));
		if (op < 0)
			return TAL_E_DECODE_UNKNOWN;
		in->op = (uint8_t)op;
		return TAL_OK;
	case 0x85:
		in->op = TAL_OP_TEST;
		set_reg(&in->src, modrm(c, &in->dst, 4), 4);
		return TAL_OK;
	case 0x88:
		in->op = TAL_OP_MOV;
		set_reg(&in->src, modrm(c, &in->dst, 1), 1);
		return TAL_OK;
	case 0x89:
		in->op = TAL_OP_MOV;
		set_reg(&in->src, modrm(c, &in->dst, 4), 4);
		return TAL_OK;
	case 0x8B:
		in->op = TAL_OP_MOV;
		set_reg(&in->dst, modrm(c, &in->src, 4), 4);
		return TAL_OK;
	case 0x69: case 0x6B:
		in->op = TAL_OP_IMUL;
		set_reg(&in->dst, modrm(c, &in->src, 4), 4);
		set_imm(&in->src2, b == 0x69 ? next32(c) : next8s(c));
		return TAL_OK;
	case 0x68: case 0x6A:
		in->op = TAL_OP_PUSH;
		set_imm(&in->dst, b == 0x68 ? next32(c) : next8s(c));
		if (b == 0x68)
			in->imm32_at = c->pos - 4;
		return TAL_OK;
	case 0x90: in->op = TAL_OP_NOP; return TAL_OK;
	case 0x99: in->op = TAL_OP_CDQ; return TAL_OK;
	case 0xC3: in->op = TAL_OP_RET; return TAL_OK;
	case 0xE8: case 0xE9:
		in->op = b == 0xE8 ? TAL_OP_CALL : TAL_OP_JMP;
		in->target = next32(c);
		in->target += c->pos;
		in->imm32_at = c->pos - 4;
		return TAL_OK;
	case 0xEB:
		in->op = TAL_OP_JMP;
		in->target = next8s(c);
		in->target += c->pos;
		return TAL_OK;
	case 0x0F:
		return decode_0f(c, in);
	case 0xF7: case 0xFF: case 0xC1: case 0xD3: case 0xC7:
		return decode_group(c, in, b);
	}
	return TAL_E_DECODE_UNKNOWN;
}

int tal_decode(const uint8_t *code, uint32_t end, uint32_t pc, struct tal_insn *in)
{
	struct cursor c = { code, pc, end, false };
	static const struct tal_opnd none;
	int err;

	in->pc = pc;
	in->dst = in->src = in->src2 = none;
	in->imm32_at = 0xFFFFFFFFu;
	in->target = 0;
	in->cc = 0;
	in->what = 0;
	err = decode_main(&c, in, next(&c));
	if (c.overrun)
		return TAL_E_DECODE_TRUNCATED;
	in->len = (uint8_t)(c.pos - pc);
	return err;
}
