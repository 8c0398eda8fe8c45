/*
 * The fuzzer's verdict oracle (see oracle.h): the object's header, function,
 * label and relocation tables read here byte by byte, and the code decoded
 * with a length decoder of its own that knows only the subset of
 * tal/SPEC.md, described by one table per opcode byte.
 *
 * Invariant: every read of the object goes through rd32() or inside a range
 * already checked against LEN; nothing here includes or calls tal/.
 */
#include "oracle.h"
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Section numbers and entry sizes of the object format (tal/SPEC.md). */
enum { S_CODE = 0, S_STRTAB = 3, S_FUNCS = 7, S_LABELS = 8, S_RELOCS = 12, S_NUM = 13 };
#define HDR_SIZE (16 + 8 * S_NUM)
#define FUNC_SIZE 12
#define LABEL_SIZE 20
#define RELOC_SIZE 12
#define RELOC_GLOBAL 1
#define RELOC_IMPORT 2

/* How an allowed opcode is encoded and what it does to control flow. */
enum form { F_NO, F_PLAIN, F_MODRM };
enum flow { X_NONE, X_JMP, X_JCC, X_CALL, X_RET };

struct opinfo {
	uint8_t form;    /* enum form; F_NO: not in the subset */
	uint8_t imm;     /* immediate bytes after the ModRM form: 0, 1 or 4 */
	uint8_t digits;  /* F_MODRM: bit d set when /d is allowed */
	uint8_t regdst;  /* bit d set when /d writes its r/m operand: register only */
	uint8_t flow;    /* enum flow; jumps and calls: imm is the rel size */
	uint8_t reloc;   /* the imm32 may carry a relocation of this kind */
};

#define ALL 0xFF
static struct opinfo one[256], two[256];

/* Fill the two opcode tables from tal/SPEC.md's subset table. */
static void tables(void)
{
	static const uint8_t alu_rm_r[] = { 0x01, 0x09, 0x21, 0x29, 0x31 };
	static const uint8_t alu_r_rm[] = { 0x03, 0x0B, 0x23, 0x2B, 0x33, 0x39, 0x3B, 0x85,
	                                    0x89, 0x8B, 0x88 };
	static bool done;
	unsigned i;

	if (done)
		return;
	done = true;
	for (i = 0; i < sizeof alu_rm_r; i++)   /* add or and sub xor r/m, r */
		one[alu_rm_r[i]] = (struct opinfo){ F_MODRM, 0, ALL, ALL, X_NONE, 0 };
	for (i = 0; i < sizeof alu_r_rm; i++)   /* r, r/m; cmp; test; mov */
		one[alu_r_rm[i]] = (struct opinfo){ F_MODRM, 0, ALL, 0, X_NONE, 0 };
	one[0x81] = (struct opinfo){ F_MODRM, 4, 0xF3, 0x73, X_NONE, 0 };
	one[0x83] = (struct opinfo){ F_MODRM, 1, 0xF3, 0x73, X_NONE, 0 };
	one[0x69] = (struct opinfo){ F_MODRM, 4, ALL, 0, X_NONE, 0 };
	one[0x6B] = (struct opinfo){ F_MODRM, 1, ALL, 0, X_NONE, 0 };
	one[0xC7] = (struct opinfo){ F_MODRM, 4, 0x01, 0, X_NONE, 0 };
	one[0xC1] = (struct opinfo){ F_MODRM, 1, 0xB0, 0xB0, X_NONE, 0 };
	one[0xD3] = (struct opinfo){ F_MODRM, 0, 0xB0, 0xB0, X_NONE, 0 };
	one[0xF7] = (struct opinfo){ F_MODRM, 0, 0xCD, 0x0C, X_NONE, 0 }; /* /0 adds imm32 */
	one[0xFF] = (struct opinfo){ F_MODRM, 0, 0x03, 0x03, X_NONE, 0 };
	for (i = 0x40; i < 0x60; i++)            /* inc, dec, push, pop r32 */
		one[i] = (struct opinfo){ F_PLAIN, 0, 0, 0, X_NONE, 0 };
	for (i = 0xB8; i < 0xC0; i++)            /* mov r32, imm32 */
		one[i] = (struct opinfo){ F_PLAIN, 4, 0, 0, X_NONE, RELOC_GLOBAL };
	for (i = 0x70; i < 0x80; i++)
		one[i] = (struct opinfo){ F_PLAIN, 1, 0, 0, X_JCC, 0 };
	one[0x68] = (struct opinfo){ F_PLAIN, 4, 0, 0, X_NONE, RELOC_GLOBAL };
	one[0x6A] = (struct opinfo){ F_PLAIN, 1, 0, 0, X_NONE, 0 };
	one[0x90] = (struct opinfo){ F_PLAIN, 0, 0, 0, X_NONE, 0 };
	one[0x99] = (struct opinfo){ F_PLAIN, 0, 0, 0, X_NONE, 0 };
	one[0xC3] = (struct opinfo){ F_PLAIN, 0, 0, 0, X_RET, 0 };
	one[0xE8] = (struct opinfo){ F_PLAIN, 4, 0, 0, X_CALL, RELOC_IMPORT };
	one[0xE9] = (struct opinfo){ F_PLAIN, 4, 0, 0, X_JMP, 0 };
	one[0xEB] = (struct opinfo){ F_PLAIN, 1, 0, 0, X_JMP, 0 };
	for (i = 0x80; i < 0x90; i++)
		two[i] = (struct opinfo){ F_PLAIN, 4, 0, 0, X_JCC, 0 };
	for (i = 0x90; i < 0xA0; i++)            /* setcc r8 */
		two[i] = (struct opinfo){ F_MODRM, 0, 0x01, 0x01, X_NONE, 0 };
	two[0xAF] = (struct opinfo){ F_MODRM, 0, ALL, 0, X_NONE, 0 };
	two[0xB6] = (struct opinfo){ F_MODRM, 0, ALL, 0, X_NONE, 0 };
}

enum { M_START = 1, M_GLOBAL = 2, M_IMPORT = 4 };

/* The object being checked, and where a failure is reported. */
struct ctx {
	const uint8_t *obj;
	size_t len;
	uint32_t off[S_NUM], count[S_NUM];
	const uint8_t *code;
	uint32_t ncode;
	uint32_t ninsns;     /* instructions decoded */
	uint8_t *mark;       /* per code byte: M_START where an instruction starts,
	                        M_GLOBAL/M_IMPORT where an imm32/rel32 that may
	                        take that relocation starts */
	char *why;
	size_t n;
};

static uint32_t rd32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static int fail(struct ctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->why, c->n, fmt, ap);
	va_end(ap);
	return -1;
}

/* Field F (a u32) of entry I of section S with entries of SIZE bytes. */
static uint32_t field(const struct ctx *c, int s, uint32_t size, uint32_t i, int f)
{
	return rd32(c->obj + c->off[s] + size * i + 4 * f);
}

/* Read the header and check that the sections used here are in the object. */
static int layout(struct ctx *c)
{
	static const uint32_t size[S_NUM] = { 1, 1, 1, 1, 16, 16, 16, FUNC_SIZE,
	                                      LABEL_SIZE, 12, 8, 8, RELOC_SIZE };
	int s;

	if (c->len < HDR_SIZE || rd32(c->obj) != 0x4F4C4154)
		return fail(c, "not an object (size or magic)");
	for (s = 0; s < S_NUM; s++) {
		c->off[s] = rd32(c->obj + 16 + 8 * s);
		c->count[s] = rd32(c->obj + 20 + 8 * s);
		if (c->count[s] == 0)       /* an empty section is read nowhere */
			c->off[s] = 0;
		else if ((uint64_t)c->count[s] * size[s] > c->len ||
		    c->off[s] > c->len - (uint64_t)c->count[s] * size[s])
			return fail(c, "section %d lies outside the object", s);
	}
	c->code = c->obj + c->off[S_CODE];
	c->ncode = c->count[S_CODE];
	return 0;
}

/* Function I's name, for messages. */
static const char *fname(const struct ctx *c, uint32_t i, char *buf, size_t n)
{
	uint32_t s = field(c, S_FUNCS, FUNC_SIZE, i, 0), k = 0;
	const char *tab = (const char *)c->obj + c->off[S_STRTAB];

	while (s + k < c->count[S_STRTAB] && tab[s + k] && k + 1 < n) {
		buf[k] = tab[s + k];
		k++;
	}
	buf[k] = 0;
	if (k == 0)
		snprintf(buf, n, "function %u", i);
	return buf;
}

/* One decoded instruction. */
struct oinsn {
	uint32_t len;
	const struct opinfo *info;
	uint32_t imm_at;     /* offset of the immediate (or rel) bytes */
	uint32_t target;     /* jumps and calls */
};

/* Decode the instruction at PC (< END) into IN. Returns 0, or -1 with the
 * reason in C's message prefixed by PFX. */
static int decode(struct ctx *c, uint32_t pc, uint32_t end, struct oinsn *in, const char *pfx)
{
	const uint8_t *b = c->code;
	uint32_t p = pc, m = 0, mod, rm, digit, disp = 0, imm;
	const struct opinfo *info = &one[b[p]];
	char op[8];

	if (b[p] == 0x0F) {
		if (p + 1 >= end)
			return fail(c, "%s: opcode 0f runs past the end", pfx);
		info = &two[b[++p]];
	}
	snprintf(op, sizeof op, "%s%02x", b[pc] == 0x0F ? "0f " : "", b[p]);
	if (info->form == F_NO)
		return fail(c, "%s: opcode %s is not in the subset", pfx, op);
	p++;
	imm = info->imm;
	if (info->form == F_MODRM) {
		if (p >= end)
			return fail(c, "%s: ModRM runs past the end", pfx);
		m = b[p++];
		mod = m >> 6;
		rm = m & 7;
		digit = (m >> 3) & 7;
		if (!(info->digits >> digit & 1))
			return fail(c, "%s: opcode %s /%u is not in the subset", pfx, op, digit);
		if (mod != 3 && (info->regdst >> digit & 1))
			return fail(c, "%s: opcode %s (ModRM %02x) writes memory (only mov may)", pfx,
			            op, m);
		if (mod != 3 && rm == 4) {          /* SIB */
			if (p >= end)
				return fail(c, "%s: SIB runs past the end", pfx);
			if ((b[p++] & 7) == 5 && mod == 0)
				disp = 4;
		}
		if (mod == 1)
			disp = 1;
		else if (mod == 2 || (mod == 0 && rm == 5))
			disp = 4;
		if (b[pc] == 0xF7 && digit == 0)    /* test r/m, imm32 */
			imm = 4;
	}
	if (p + disp + imm > end)
		return fail(c, "%s: instruction runs past the end of its function", pfx);
	in->info = info;
	in->imm_at = p + disp;
	in->len = p + disp + imm - pc;
	in->target = pc + in->len;
	if (imm == 1)
		in->target += (uint32_t)(int32_t)(int8_t)b[in->imm_at];
	else if (imm == 4)
		in->target += rd32(b + in->imm_at);
	return 0;
}

/* The kind of the relocation at code offset AT (0: none). */
static uint32_t reloc_at(const struct ctx *c, uint32_t at)
{
	uint32_t i;

	for (i = 0; i < c->count[S_RELOCS]; i++)
		if (field(c, S_RELOCS, RELOC_SIZE, i, 0) == at)
			return field(c, S_RELOCS, RELOC_SIZE, i, 1);
	return 0;
}

static bool is_label(const struct ctx *c, uint32_t at)
{
	uint32_t i;

	for (i = 0; i < c->count[S_LABELS]; i++)
		if (field(c, S_LABELS, LABEL_SIZE, i, 1) == at)
			return true;
	return false;
}

/* The index of the function starting at AT, or the number of functions. */
static uint32_t func_at(const struct ctx *c, uint32_t at)
{
	uint32_t i;

	for (i = 0; i < c->count[S_FUNCS]; i++)
		if (field(c, S_FUNCS, FUNC_SIZE, i, 1) == at)
			return i;
	return i;
}

/* Walk function F over [START, END) and check its instructions. */
static int walk(struct ctx *c, uint32_t f, uint32_t start, uint32_t end)
{
	char name[40], pfx[64];
	struct oinsn in = { 0 };
	uint32_t pc;

	fname(c, f, name, sizeof name);
	if (start >= end)
		return fail(c, "%s: no code", name);
	for (pc = start; pc < end; pc += in.len) {
		snprintf(pfx, sizeof pfx, "%s at +0x%x", name, pc);
		if (decode(c, pc, end, &in, pfx))
			return -1;
		c->mark[pc] |= M_START;
		c->ninsns++;
		if (in.info->reloc == RELOC_GLOBAL)
			c->mark[in.imm_at] |= M_GLOBAL;
		if (in.info->reloc == RELOC_IMPORT)
			c->mark[in.imm_at] |= M_IMPORT;
		if (in.info->flow == X_JMP || in.info->flow == X_JCC) {
			if (in.target < start || in.target >= end || !is_label(c, in.target))
				return fail(c, "%s: jump to +0x%x, not a label of the function",
				            pfx, in.target);
		}
		if (in.info->flow == X_CALL && reloc_at(c, in.imm_at) != RELOC_IMPORT &&
		    func_at(c, in.target) >= f)
			return fail(c, "%s: call to +0x%x, not the start of an earlier function",
			            pfx, in.target);
	}
	if (in.info->flow != X_JMP && in.info->flow != X_RET)
		return fail(c, "%s: the last instruction is not jmp or ret", pfx);
	return 0;
}

int oracle_insn(const uint8_t *code, uint32_t n, char *why, size_t wn)
{
	struct ctx c = { .code = code, .ncode = n, .why = why, .n = wn };
	struct oinsn in;

	tables();
	if (n == 0)
		return fail(&c, "insn: no bytes");
	return decode(&c, 0, n, &in, "insn") ? -1 : (int)in.len;
}

int oracle_check(const uint8_t *obj, size_t len, uint32_t *ninsns, char *why, size_t n)
{
	struct ctx c = { .obj = obj, .len = len, .why = why, .n = n };
	uint32_t f, nf, start, end, i, at, kind;
	int err = 0;

	tables();
	if (n)
		why[0] = 0;
	if (layout(&c))
		return -1;
	if (!(c.mark = calloc(c.ncode + 1, 1)))
		return fail(&c, "out of memory");
	nf = c.count[S_FUNCS];
	for (f = 0; f < nf && !err; f++) {
		start = field(&c, S_FUNCS, FUNC_SIZE, f, 1);
		end = f + 1 < nf ? field(&c, S_FUNCS, FUNC_SIZE, f + 1, 1) : c.ncode;
		if ((f == 0 && start != 0) || end > c.ncode)
			err = fail(&c, "function %u at +0x%x: functions do not cover the code", f, start);
		else
			err = walk(&c, f, start, end);
	}
	for (i = 0; i < c.count[S_LABELS] && !err; i++) {
		at = field(&c, S_LABELS, LABEL_SIZE, i, 1);
		if (at >= c.ncode || !(c.mark[at] & M_START))
			err = fail(&c, "label %u at +0x%x is not at an instruction's start", i, at);
	}
	for (i = 0; i < c.count[S_RELOCS] && !err; i++) {
		at = field(&c, S_RELOCS, RELOC_SIZE, i, 0);
		kind = field(&c, S_RELOCS, RELOC_SIZE, i, 1);
		if (at >= c.ncode || (kind != RELOC_GLOBAL && kind != RELOC_IMPORT) ||
		    !(c.mark[at] & (kind == RELOC_GLOBAL ? M_GLOBAL : M_IMPORT)))
			err = fail(&c, "relocation %u (kind %u) at +0x%x is not on an operand "
			           "that takes it", i, kind, at);
	}
	free(c.mark);
	*ninsns = c.ninsns;
	return err;
}
