/*
 * talas code lines: instructions (their operands parsed here, their bytes
 * made by encode.c) and annotated labels, both only inside a .func.
 *
 * Invariant: an operand is parsed completely before encode() sees it; a
 * label's items list every callee-saved register, the ones not written
 * out as still saved.
 */
#include "talas.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <talos/param.h>
#include "../../tal/obj.h"

/* Parse the inside of [ ... ] starting after '['. */
static char *memory(char *p, struct operand *o)
{
	char w[MAXN];
	int sign = 1, size, r;
	int32_t v;
	char *star;

	o->kind = OP_MEM;
	o->base = o->index = -1;
	o->scale = 1;
	o->disp = 0;
	for (;;) {
		p = lex_skip(p);
		if (*p == ']')
			return p + 1;
		if (*p == '+' || *p == '-') {
			sign = *p++ == '-' ? -1 : 1;
			continue;
		}
		size_t n = 0;
		while (*p && *p != '+' && *p != '-' && *p != ']' && !isspace((unsigned char)*p) && n + 1 < MAXN)
			w[n++] = *p++;
		w[n] = '\0';
		if (!n)
			asm_error("bad memory operand");
		star = strchr(w, '*');
		if (star)
			*star = '\0';
		if ((r = lex_regnum(w, &size)) >= 0 && size == 4) {
			if (star || o->base >= 0) {
				if (o->index >= 0)
					asm_error("too many registers in a memory operand");
				o->index = r;
				o->scale = star ? (int)lex_number(star + 1) : 1;
			} else {
				o->base = r;
			}
		} else if (type_field_offset(w, &v)) {
			o->disp += sign * v;
		} else {
			o->disp += sign * (int32_t)lex_number(w);
		}
		sign = 1;
	}
}

/* Parse one operand at P into O. */
static char *operand(char *p, struct operand *o)
{
	char w[MAXN];
	int r, size;

	memset(o, 0, sizeof *o);
	o->size = 4;
	p = lex_skip(p);
	if (!strncmp(p, "byte", 4) || !strncmp(p, "dword", 5)) {
		o->size = p[0] == 'b' ? 1 : 4;
		o->sized = true;
		p = lex_skip(p + (p[0] == 'b' ? 4 : 5));
	}
	if (*p == '[') {
		int sz = o->size;
		p = memory(p + 1, o);
		o->size = sz;
		return p;
	}
	p = lex_word(p, w);
	if ((r = lex_regnum(w, &size)) >= 0) {
		o->kind = OP_REG;
		o->reg = r;
		o->size = size;
	} else if (isdigit((unsigned char)w[0]) || w[0] == '-') {
		o->kind = OP_IMM;
		o->disp = (int32_t)lex_number(w);
	} else if (type_field_offset(w, &o->disp)) {
		o->kind = OP_IMM;
	} else {
		o->kind = OP_NAME;      /* "NAME+N" is resolved with the fixups */
		snprintf(o->name, MAXN, "%s", w);
	}
	return p;
}

void code_instruction(char *p)
{
	char mn[MAXN];
	struct operand ops[3];
	int n = 0;
	bool shortjmp = false;
	char *q;

	if (dir_func < 0)
		asm_error("instruction outside a .func");
	p = lex_word(p, mn);
	q = lex_skip(p);
	if (!strncmp(q, "short ", 6)) {
		shortjmp = true;
		p = q + 6;
	}
	for (p = lex_skip(p); *p && *p != ';'; p = lex_skip(p)) {
		if (n == 3)
			asm_error("too many operands");
		p = lex_skip(operand(p, &ops[n++]));
		if (*p == ',')
			p++;
		else if (*p && *p != ';')
			asm_error("expected ',' between operands");
	}
	if (!encode(&obj.code, mn, ops, n, shortjmp))
		asm_error("unknown instruction '%s'", mn);
	if (obj.code.len > TAL_MAX_CODE_BYTES)
		asm_error("code too large");
}

/* ---- Labels: NAME: {esp=-4, eax: int, [esp+0]: saved ebx} ---- */

void code_label(char *name, char *p)
{
	int32_t esp = 0, e;
	uint32_t first = (uint32_t)(obj.items.len / 12), count = 0, type;
	char w[MAXN];
	struct operand o;
	int r, size;
	uint32_t listed = 0;

	if (dir_func < 0)
		asm_error("label outside a .func");
	sym_define(name, S_LABEL, (uint32_t)obj.code.len);
	p = lex_skip(p);
	if (*p++ != '{')
		asm_error("label %s needs an annotation {esp=N, REG: TYPE, [esp+N]: TYPE}", name);
	for (p = lex_skip(p); *p != '}'; p = lex_skip(p)) {
		if (!*p)
			asm_error("missing '}'");
		if (!strncmp(p, "esp", 3) && lex_skip(p + 3)[0] == '=') {
			p = lex_word(lex_skip(p + 3) + 1, w);
			esp = (int32_t)lex_number(w);
		} else if (*p == '[') {
			p = memory(p + 1, &o);
			if (o.base != 4 || o.index >= 0)
				asm_error("a slot is written [esp+N]");
			e = esp + o.disp;
			p = lex_skip(p);
			if (*p++ != ':')
				asm_error("expected ':' after a slot");
			p = type_word(p, &type);
			buf_u32(&obj.items, TAL_LOC_SLOT);
			buf_u32(&obj.items, (uint32_t)e);
			buf_u32(&obj.items, type);
			count++;
		} else {
			p = lex_word(p, w);
			if (w[0] && w[strlen(w) - 1] == ':')
				w[strlen(w) - 1] = '\0';
			else if (*lex_skip(p) == ':')
				p = lex_skip(p) + 1;
			else
				asm_error("expected REG: TYPE in an annotation");
			if ((r = lex_regnum(w, &size)) < 0 || size != 4)
				asm_error("bad register '%s'", w);
			p = type_word(p, &type);
			buf_u32(&obj.items, (uint32_t)r);
			buf_u32(&obj.items, 0);
			buf_u32(&obj.items, type);
			listed |= 1u << r;
			count++;
		}
		p = lex_skip(p);
		if (*p == ',')
			p++;
	}
	for (r = 3; r < 8; r++) {       /* unlisted callee-saved: still saved */
		if (r == 4 || (listed & (1u << r)))
			continue;
		buf_u32(&obj.items, (uint32_t)r);
		buf_u32(&obj.items, 0);
		buf_u32(&obj.items, type_word_entry(TAL_T_SAVED, (uint32_t)r));
		count++;
	}
	buf_u32(&obj.labels, obj_str(name));
	buf_u32(&obj.labels, (uint32_t)obj.code.len);
	buf_u32(&obj.labels, (uint32_t)esp);
	buf_u32(&obj.labels, first);
	buf_u32(&obj.labels, count);
}
