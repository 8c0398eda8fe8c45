/*
 * talas directives: .record/.field/.end, .array, .bytes, .string,
 * .global, .import, .func, .export, .handler and .byte
 * (tal/SPEC.md, "Assembly syntax").
 *
 * Invariant: a directive either adds complete entries to the tables or
 * stops with an error; at most one .record is open at a time, and it must
 * be closed by .end before the file ends; sizes and offsets of memory
 * types and globals stay within TAL_MAX_DATA_BYTES, checked before any
 * space is filled.
 */
#include "talas.h"
#include <stdio.h>
#include <string.h>
#include "../../tal/obj.h"
#include <talos/param.h>

int dir_func = -1;                   /* function being assembled */
static int open_record = -1;         /* type index of a .record being defined */
static uint32_t record_first;        /* its first member */

/* An optional trailing "ro" (read-only): true when present. */
static bool read_only(char *p)
{
	char w[MAXN];

	lex_word(p, w);
	if (w[0] && strcmp(w, "ro"))
		asm_error("unexpected '%s'", w);
	return w[0] != '\0';
}

/* The size W of memory type NAME: WHAT (elements or bytes), 1..MAX, where
 * MAX is the limit called LIMIT in include/talos/param.h. */
static uint32_t mem_size(const char *w, const char *name, const char *what,
                         uint32_t max, const char *limit)
{
	long n = lex_number(w);

	if (n < 1 || n > (long)max)
		asm_error("%s: %ld %s, need 1 to %u (%s)", name, n, what, max, limit);
	return (uint32_t)n;
}

/* .global NAME TYPE data|rodata [WORD ...] | ["string"] */
static void global(char *p)
{
	char name[MAXN], tname[MAXN], sec[MAXN], w[MAXN], s[4096];
	struct buf *b;
	uint32_t t, size, start;
	size_t n;

	p = lex_word(lex_word(lex_word(p, name), tname), sec);
	t = type_mem(tname);
	if (strcmp(sec, "data") && strcmp(sec, "rodata"))
		asm_error("a global goes in data or rodata");
	b = sec[0] == 'd' ? &obj.data : &obj.rodata;
	while (b->len % 4)
		buf_u8(b, 0);
	start = (uint32_t)b->len;
	size = type_size(t);
	if ((uint64_t)start + size > TAL_MAX_DATA_BYTES)
		asm_error("global %s: %s would hold %llu bytes, at most %u (TAL_MAX_DATA_BYTES)",
		          name, sec, (unsigned long long)start + size, TAL_MAX_DATA_BYTES);
	sym_define(name, S_GLOBAL, (uint32_t)(obj.globals.len / 16));
	buf_u32(&obj.globals, obj_str(name));
	buf_u32(&obj.globals, t);
	buf_u32(&obj.globals, sec[0] == 'd' ? TAL_SEC_DATA : TAL_SEC_RODATA);
	buf_u32(&obj.globals, start);
	p = lex_skip(p);
	if (*p == '"') {
		n = lex_quoted(p, s, sizeof s);
		buf_put(b, s, n + 1 < size ? n + 1 : size);
	} else {
		while (*(p = lex_skip(p)) && *p != ';') {
			p = lex_word(p, w);
			buf_u32(b, (uint32_t)lex_number(w));
			p = lex_skip(p);
			if (*p == ',')
				p++;
		}
	}
	if (b->len > start + size)
		asm_error("too many initial values for %s", name);
	while (b->len < start + size)
		buf_u8(b, 0);
}

void dir_line(char *w, char *p)
{
	char name[MAXN], x[MAXN], s[4096];
	uint32_t t, len;
	int32_t n;
	struct sym *f;

	if (!strcmp(w, ".record")) {
		p = lex_word(p, name);
		open_record = (int)type_add(TAL_T_RECORD, 0, obj_str(name), 0, 0);
		record_first = (uint32_t)(obj.members.len / 16);
		sym_define(name, S_TYPE, (uint32_t)open_record);
	} else if (!strcmp(w, ".field")) {
		if (open_record < 0)
			asm_error(".field outside a .record");
		p = lex_word(lex_word(p, x), name);
		if (lex_number(x) < 0 || lex_number(x) >= TAL_MAX_DATA_BYTES)
			asm_error("field %s: offset %ld, need 0 to %u (TAL_MAX_DATA_BYTES)",
			          name, lex_number(x), TAL_MAX_DATA_BYTES - 1);
		len = (uint32_t)lex_number(x);
		p = type_word(p, &t);
		type_member(obj_str(name), len, t, read_only(p) ? TAL_TF_RO : 0);
	} else if (!strcmp(w, ".end")) {
		if (open_record < 0)
			asm_error(".end without .record");
		obj_wr32(obj.types.p + 16 * open_record + 8, record_first);
		obj_wr32(obj.types.p + 16 * open_record + 12,
		         (uint32_t)(obj.members.len / 16) - record_first);
		open_record = -1;
	} else if (!strcmp(w, ".array")) {
		p = type_word(lex_word(p, name), &t);
		p = lex_word(p, x);
		len = mem_size(x, name, "elements", TAL_MAX_DATA_BYTES / 4, "TAL_MAX_DATA_BYTES / 4");
		sym_define(name, S_TYPE, type_add(TAL_T_ARRAY, 0, obj_str(name), t, len));
		obj.types.p[obj.types.len - 15] = read_only(p) ? TAL_TF_RO : 0;
	} else if (!strcmp(w, ".bytes")) {
		p = lex_word(lex_word(p, name), x);
		len = mem_size(x, name, "bytes", TAL_MAX_DATA_BYTES, "TAL_MAX_DATA_BYTES");
		sym_define(name, S_TYPE, type_add(TAL_T_BYTES, read_only(p) ? TAL_TF_RO : 0,
		                                  obj_str(name), 0, len));
	} else if (!strcmp(w, ".string")) {
		p = lex_word(p, name);
		len = (uint32_t)lex_quoted(p, s, sizeof s) + 1;
		sym_define(name, S_TYPE, type_add(TAL_T_BYTES, TAL_TF_RO, obj_str(name), 0, len));
		snprintf(s, sizeof s, "%s %s rodata %s", name, name, p);
		global(s);
	} else if (!strcmp(w, ".global")) {
		global(p);
	} else if (!strcmp(w, ".import")) {
		p = lex_word(p, name);
		sym_define(name, S_IMPORT, (uint32_t)(obj.imports.len / 8));
		buf_u32(&obj.imports, obj_str(name));
		buf_u32(&obj.imports, type_signature(p, &n));
	} else if (!strcmp(w, ".func")) {
		p = lex_word(p, name);
		dir_func = (int)(obj.funcs.len / 12);
		sym_define(name, S_FUNC, (uint32_t)obj.code.len);
		buf_u32(&obj.funcs, obj_str(name));
		buf_u32(&obj.funcs, (uint32_t)obj.code.len);
		buf_u32(&obj.funcs, type_signature(p, &n));
	} else if (!strcmp(w, ".export") || !strcmp(w, ".handler")) {
		lex_word(p, name);
		if (!(f = sym_lookup(name, S_FUNC)))
			asm_error("unknown function '%s'", name);
		for (t = 0; obj_rd32(obj.funcs.p + 12 * t + 4) != f->index; t++)
			;
		if (w[1] == 'h') {
			obj.handler = t;
		} else {
			buf_u32(&obj.exports, obj_str(name));
			buf_u32(&obj.exports, t);
		}
	} else if (!strcmp(w, ".byte")) {
		if (dir_func < 0)
			asm_error(".byte outside a .func");
		while (*(p = lex_skip(p)) && *p != ';') {
			p = lex_word(p, x);
			buf_u8(&obj.code, (uint32_t)lex_number(x));
			p = lex_skip(p);
			if (*p == ',')
				p++;
		}
	} else {
		asm_error("unknown directive '%s'", w);
	}
}

/* At the end of the file: no .record may be left open. */
void dir_finish(void)
{
	if (open_record >= 0)
		asm_error("missing .end of a .record");
}
