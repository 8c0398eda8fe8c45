/*
 * talas instruction encoder: Intel-syntax mnemonic and parsed operands to
 * IA-32 bytes, choosing the encodings listed in tal/SPEC.md (imm8 forms when
 * the value fits, rel32 jumps unless `short` is written).
 *
 * Invariant: an encoding is emitted only for operand shapes the CPU
 * accepts; anything else is reported as an assembler error.
 */
#include "talas.h"
#include <string.h>
#include <talos/param.h>
#include "../../tal/obj.h"

static bool fits8(int32_t v)
{
	return v >= -128 && v <= 127;
}

/* ModRM (and SIB, displacement) for register field R and operand O. */
static void modrm(struct buf *b, int r, const struct operand *o)
{
	int mod, base = o->base, index = o->index, ss;

	if (o->kind == OP_REG) {
		buf_u8(b, 0xC0 | r << 3 | o->reg);
		return;
	}
	if (o->kind != OP_MEM)
		asm_error("operand must be a register or memory");
	if (base < 0 && index < 0) {
		buf_u8(b, r << 3 | 5);
		buf_u32(b, (uint32_t)o->disp);
		return;
	}
	mod = o->disp == 0 && base != 5 ? 0 : fits8(o->disp) ? 1 : 2;
	if (base < 0)
		mod = 0;
	if (index < 0 && base != 4) {
		buf_u8(b, mod << 6 | r << 3 | base);
	} else {
		ss = o->scale == 1 ? 0 : o->scale == 2 ? 1 : o->scale == 4 ? 2 : 3;
		buf_u8(b, mod << 6 | r << 3 | 4);
		buf_u8(b, ss << 6 | (index < 0 ? 4 : index) << 3 | (base < 0 ? 5 : base));
	}
	if (base < 0 || mod == 2)
		buf_u32(b, (uint32_t)o->disp);
	else if (mod == 1)
		buf_u8(b, (uint32_t)o->disp);
}

static const char *const ccs[] = {
	"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"
};

/* Condition number of suffix S (with the usual aliases), or -1. */
static int cond(const char *s)
{
	static const struct { const char *n; int c; } alias[] = {
		{ "c", 2 }, { "nae", 2 }, { "nb", 3 }, { "nc", 3 }, { "z", 4 }, { "nz", 5 },
		{ "na", 6 }, { "nbe", 7 }, { "pe", 10 }, { "po", 11 }, { "nge", 12 },
		{ "nl", 13 }, { "ng", 14 }, { "nle", 15 },
	};
	size_t i;

	for (i = 0; i < 16; i++)
		if (!strcmp(s, ccs[i]))
			return (int)i;
	for (i = 0; i < sizeof alias / sizeof alias[0]; i++)
		if (!strcmp(s, alias[i].n))
			return alias[i].c;
	return -1;
}

/* An immediate: a number, or a global's address with a relocation. */
static uint32_t imm_value(struct buf *b, const struct operand *o, int at_offset)
{
	int g;

	if (o->kind == OP_IMM)
		return (uint32_t)o->disp;
	if (o->kind == OP_NAME && (g = asm_global(o->name)) >= 0) {
		asm_reloc((uint32_t)(b->len + at_offset), TAL_R_GLOBAL, (uint32_t)g);
		return 0;
	}
	if (o->kind == OP_NAME && (g = asm_import(o->name)) >= 0) {
		asm_reloc((uint32_t)(b->len + at_offset), TAL_R_IMPORT, (uint32_t)g);
		return 0;
	}
	asm_error("expected an immediate or a global, found '%s'", o->kind == OP_NAME ? o->name : "?");
}

static void need(int n, int want, const char *mn)
{
	if (n != want)
		asm_error("%s takes %d operand(s)", mn, want);
}

/* add or and sub xor cmp: /digit and base opcode. */
static bool alu(struct buf *b, int base, int digit, struct operand *o, int n, const char *mn)
{
	need(n, 2, mn);
	if (o[1].kind == OP_IMM) {
		buf_u8(b, fits8(o[1].disp) ? 0x83 : 0x81);
		modrm(b, digit, &o[0]);
		if (fits8(o[1].disp))
			buf_u8(b, (uint32_t)o[1].disp);
		else
			buf_u32(b, (uint32_t)o[1].disp);
	} else if (o[1].kind == OP_REG) {
		buf_u8(b, base + 1);
		modrm(b, o[1].reg, &o[0]);
	} else if (o[0].kind == OP_REG && o[1].kind == OP_MEM) {
		buf_u8(b, base + 3);
		modrm(b, o[0].reg, &o[1]);
	} else {
		asm_error("bad operands for %s", mn);
	}
	return true;
}

static bool enc_mov(struct buf *b, struct operand *o, int n)
{
	need(n, 2, "mov");
	if (o[0].kind == OP_REG && o[0].size == 4 && (o[1].kind == OP_IMM || o[1].kind == OP_NAME)) {
		buf_u8(b, 0xB8 + o[0].reg);
		buf_u32(b, imm_value(b, &o[1], 0));
	} else if (o[1].kind == OP_REG && o[1].size == 1) {
		buf_u8(b, 0x88);
		modrm(b, o[1].reg, &o[0]);
	} else if (o[1].kind == OP_REG) {
		buf_u8(b, 0x89);
		modrm(b, o[1].reg, &o[0]);
	} else if (o[0].kind == OP_REG && o[1].kind == OP_MEM) {
		buf_u8(b, 0x8B);
		modrm(b, o[0].reg, &o[1]);
	} else if (o[0].kind == OP_MEM && o[1].kind == OP_IMM) {
		buf_u8(b, 0xC7);
		modrm(b, 0, &o[0]);
		buf_u32(b, (uint32_t)o[1].disp);
	} else {
		asm_error("bad operands for mov");
	}
	return true;
}

/* Branches: jmp, jcc, call. */
static bool enc_branch(struct buf *b, const char *mn, struct operand *o, int n, bool shortjmp)
{
	int c = -1, imp;
	bool call = !strcmp(mn, "call");

	need(n, 1, mn);
	if (o[0].kind != OP_NAME)
		asm_error("%s needs a label or function name", mn);
	if (strcmp(mn, "jmp") && !call && (c = cond(mn + 1)) < 0)
		return false;
	if (call || (c < 0 && asm_import(o[0].name) >= 0)) {
		buf_u8(b, call ? 0xE8 : 0xE9);
		if ((imp = asm_import(o[0].name)) >= 0)
			asm_reloc((uint32_t)b->len, TAL_R_IMPORT, (uint32_t)imp);
		else
			asm_fixup((uint32_t)b->len, 4, (uint32_t)b->len + 4, o[0].name, true);
		buf_u32(b, 0);
		return true;
	}
	if (shortjmp) {
		buf_u8(b, c < 0 ? 0xEB : 0x70 + c);
		asm_fixup((uint32_t)b->len, 1, (uint32_t)b->len + 1, o[0].name, false);
		buf_u8(b, 0);
		return true;
	}
	if (c < 0) {
		buf_u8(b, 0xE9);
	} else {
		buf_u8(b, 0x0F);
		buf_u8(b, 0x80 + c);
	}
	asm_fixup((uint32_t)b->len, 4, (uint32_t)b->len + 4, o[0].name, false);
	buf_u32(b, 0);
	return true;
}

/* One-operand F7 group, shifts, inc/dec, push/pop, imul, movzx, setcc. */
static bool enc_other(struct buf *b, const char *mn, struct operand *o, int n)
{
	static const char *const f7[] = { 0, 0, "not", "neg", 0, 0, "div", "idiv" };
	static const char *const sh[] = { 0, 0, 0, 0, "shl", "shr", 0, "sar" };
	int i, c;

	for (i = 0; i < 8; i++) {
		if (f7[i] && !strcmp(mn, f7[i])) {
			need(n, 1, mn);
			buf_u8(b, 0xF7);
			modrm(b, i, &o[0]);
			return true;
		}
		if (sh[i] && !strcmp(mn, sh[i])) {
			need(n, 2, mn);
			if (o[1].kind == OP_REG && o[1].reg == 1 && o[1].size == 1) {
				buf_u8(b, 0xD3);
				modrm(b, i, &o[0]);
			} else if (o[1].kind == OP_IMM) {
				buf_u8(b, 0xC1);
				modrm(b, i, &o[0]);
				buf_u8(b, (uint32_t)o[1].disp);
			} else {
				asm_error("%s counts by an immediate or cl", mn);
			}
			return true;
		}
	}
	if (!strcmp(mn, "inc") || !strcmp(mn, "dec")) {
		need(n, 1, mn);
		if (o[0].kind == OP_REG) {
			buf_u8(b, (mn[0] == 'i' ? 0x40 : 0x48) + o[0].reg);
		} else {
			buf_u8(b, 0xFF);
			modrm(b, mn[0] == 'i' ? 0 : 1, &o[0]);
		}
		return true;
	}
	if (!strcmp(mn, "push") || !strcmp(mn, "pop")) {
		need(n, 1, mn);
		if (o[0].kind == OP_REG) {
			buf_u8(b, (mn[1] == 'u' ? 0x50 : 0x58) + o[0].reg);
		} else if (mn[1] == 'u' && o[0].kind == OP_IMM && fits8(o[0].disp)) {
			buf_u8(b, 0x6A);
			buf_u8(b, (uint32_t)o[0].disp);
		} else if (mn[1] == 'u') {
			buf_u8(b, 0x68);
			buf_u32(b, imm_value(b, &o[0], 0));
		} else {
			asm_error("pop takes a register");
		}
		return true;
	}
	if (!strcmp(mn, "imul")) {
		if (n == 2) {
			buf_u8(b, 0x0F);
			buf_u8(b, 0xAF);
			modrm(b, o[0].reg, &o[1]);
			return true;
		}
		need(n, 3, mn);
		buf_u8(b, fits8(o[2].disp) ? 0x6B : 0x69);
		modrm(b, o[0].reg, &o[1]);
		if (fits8(o[2].disp))
			buf_u8(b, (uint32_t)o[2].disp);
		else
			buf_u32(b, (uint32_t)o[2].disp);
		return true;
	}
	if (!strcmp(mn, "movzx")) {
		need(n, 2, mn);
		buf_u8(b, 0x0F);
		buf_u8(b, 0xB6);
		modrm(b, o[0].reg, &o[1]);
		return true;
	}
	if (!strncmp(mn, "set", 3) && (c = cond(mn + 3)) >= 0) {
		need(n, 1, mn);
		buf_u8(b, 0x0F);
		buf_u8(b, 0x90 + c);
		modrm(b, 0, &o[0]);
		return true;
	}
	return false;
}

bool encode(struct buf *b, const char *mn, struct operand *o, int n, bool shortjmp)
{
	static const struct { const char *n; int base, digit; } alus[] = {
		{ "add", 0x00, 0 }, { "or", 0x08, 1 }, { "and", 0x20, 4 },
		{ "sub", 0x28, 5 }, { "xor", 0x30, 6 }, { "cmp", 0x38, 7 },
	};
	size_t i;

	for (i = 0; i < sizeof alus / sizeof alus[0]; i++)
		if (!strcmp(mn, alus[i].n))
			return alu(b, alus[i].base, alus[i].digit, o, n, mn);
	if (!strcmp(mn, "mov"))
		return enc_mov(b, o, n);
	if (!strcmp(mn, "test")) {
		need(n, 2, mn);
		if (o[1].kind == OP_IMM) {
			buf_u8(b, 0xF7);
			modrm(b, 0, &o[0]);
			buf_u32(b, (uint32_t)o[1].disp);
		} else {
			buf_u8(b, 0x85);
			modrm(b, o[1].reg, &o[0]);
		}
		return true;
	}
	if (!strcmp(mn, "ret") || !strcmp(mn, "cdq") || !strcmp(mn, "nop")) {
		need(n, 0, mn);
		buf_u8(b, mn[0] == 'r' ? 0xC3 : mn[0] == 'c' ? 0x99 : 0x90);
		return true;
	}
	if (!strcmp(mn, "jmp") || !strcmp(mn, "call") || (mn[0] == 'j' && cond(mn + 1) >= 0))
		return enc_branch(b, mn, o, n, shortjmp);
	return enc_other(b, mn, o, n);
}
