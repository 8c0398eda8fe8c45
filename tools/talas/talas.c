/*
 * talas: TAL assembler driver. Parses the assembly text line by line into
 * the object's tables (types, members, globals, functions, labels, items,
 * imports, exports, relocations), encodes instructions with encode.c,
 * resolves jump and call targets, and writes the object file.
 *
 * Usage: talas IN.tas -o OUT.to
 * Invariant: the tables are kept exactly as they will be written; names are
 * unique per kind, and a name is defined before use except jump and call
 * targets (resolved at the end of the file).
 */
#include "talas.h"
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talos/param.h>
#include "../../tal/obj.h"

#define MAXN 64                      /* longest name */

static const char *file;             /* input path, for messages */
static int line;                     /* current line number */

/* Object tables under construction (byte images of the sections). */
static struct buf code, rodata, data, strtab, types, members, globals, funcs,
                  labels, items, imports, exports, relocs;
static uint32_t handler = TAL_NONE;

/* Names known to the assembler. */
struct sym {
	char name[MAXN];
	int kind;        /* S_TYPE, S_GLOBAL, S_FUNC, S_LABEL, S_IMPORT */
	uint32_t index;  /* table index (type, global, func, import) or code offset */
};
enum { S_TYPE = 1, S_GLOBAL, S_FUNC, S_LABEL, S_IMPORT };
static struct sym *syms;
static size_t nsyms, capsyms;

/* Jump and call targets to patch once every name is known. */
struct fixup {
	uint32_t at, from;
	int size, line;
	bool call;
	char name[MAXN];
};
static struct fixup *fixups;
static size_t nfix, capfix;

static int cur_func = -1;            /* function being assembled */
static int32_t cur_nargs;            /* its argument count */
static int open_record = -1;         /* type index of a .record being defined */
static uint32_t record_first;        /* its first member */

void asm_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void buf_put(struct buf *b, const void *src, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 64;
		b->p = realloc(b->p, b->cap);
		if (!b->p) {
			perror("talas");
			exit(1);
		}
	}
	memcpy(b->p + b->len, src, n);
	b->len += n;
}

void buf_u8(struct buf *b, uint32_t v)
{
	uint8_t c = (uint8_t)v;

	buf_put(b, &c, 1);
}

void buf_u32(struct buf *b, uint32_t v)
{
	uint8_t c[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };

	buf_put(b, c, 4);
}

static struct sym *lookup(const char *name, int kind)
{
	size_t i;

	for (i = nsyms; i-- > 0;)
		if (syms[i].kind == kind && !strcmp(syms[i].name, name))
			return &syms[i];
	return NULL;
}

static void define(const char *name, int kind, uint32_t index)
{
	if (lookup(name, kind))
		asm_error("'%s' is already defined", name);
	if (strlen(name) >= MAXN)
		asm_error("name too long: '%s'", name);
	if (nsyms == capsyms) {
		capsyms = capsyms * 2 + 64;
		syms = realloc(syms, capsyms * sizeof *syms);
	}
	strcpy(syms[nsyms].name, name);
	syms[nsyms].kind = kind;
	syms[nsyms].index = index;
	nsyms++;
}

int asm_global(const char *name)
{
	struct sym *s = lookup(name, S_GLOBAL);

	return s ? (int)s->index : -1;
}

int asm_import(const char *name)
{
	struct sym *s = lookup(name, S_IMPORT);

	return s ? (int)s->index : -1;
}

void asm_fixup(uint32_t at, int size, uint32_t from, const char *name, bool call)
{
	if (nfix == capfix) {
		capfix = capfix * 2 + 64;
		fixups = realloc(fixups, capfix * sizeof *fixups);
	}
	fixups[nfix].at = at;
	fixups[nfix].size = size;
	fixups[nfix].from = from;
	fixups[nfix].line = line;
	fixups[nfix].call = call;
	snprintf(fixups[nfix].name, MAXN, "%s", name);
	nfix++;
}

void asm_reloc(uint32_t at, uint32_t kind, uint32_t index)
{
	buf_u32(&relocs, at);
	buf_u32(&relocs, kind);
	buf_u32(&relocs, index);
}

/* Intern NAME in the string table (no sharing: names are few). */
static uint32_t str(const char *name)
{
	uint32_t off = (uint32_t)strtab.len;

	buf_put(&strtab, name, strlen(name) + 1);
	return off;
}

/* ---- Lexing: a line is split into whitespace/comma separated words ---- */

static char *skip(char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* Copy the next word (letters, digits, _ . ? $ - + [ ] * :) into W. */
static char *word(char *p, char *w)
{
	size_t n = 0;

	p = skip(p);
	while (*p && !isspace((unsigned char)*p) && *p != ',' && *p != '(' &&
	       *p != ')' && *p != '{' && *p != '}' && *p != '"' && *p != ';') {
		if (n + 1 < MAXN)
			w[n++] = *p;
		p++;
	}
	w[n] = '\0';
	return p;
}

static long number(const char *w)
{
	char *end;
	long v;

	if (!*w)
		asm_error("expected a number");
	v = strtol(w, &end, 0);
	if (*end) {
		unsigned long u = strtoul(w, &end, 0);
		if (*end)
			asm_error("bad number '%s'", w);
		return (long)u;
	}
	return v;
}

static int regnum(const char *w, int *size)
{
	static const char *const r32[8] = { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi" };
	static const char *const r8[8] = { "al", "cl", "dl", "bl", "ah", "ch", "dh", "bh" };
	int i;

	for (i = 0; i < 8; i++) {
		if (!strcmp(w, r32[i])) {
			*size = 4;
			return i;
		}
		if (!strcmp(w, r8[i])) {
			*size = 1;
			return i;
		}
	}
	return -1;
}


/* ---- Types ---- */

static uint32_t ntypes(void)
{
	return (uint32_t)(types.len / 16);
}

static uint32_t add_type(int kind, int flags, uint32_t name, uint32_t a, uint32_t b)
{
	buf_u8(&types, (uint32_t)kind);
	buf_u8(&types, (uint32_t)flags);
	buf_u8(&types, 0);
	buf_u8(&types, 0);
	buf_u32(&types, name);
	buf_u32(&types, a);
	buf_u32(&types, b);
	return ntypes() - 1;
}

static uint32_t rd32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static void wr32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* An anonymous word type, shared when it already exists. */
static uint32_t word_entry(int kind, uint32_t a)
{
	uint32_t i;
	const uint8_t *t;

	for (i = 0; i < ntypes(); i++) {
		t = types.p + 16 * i;
		if (t[0] == kind && rd32(t + 4) == TAL_NONE && rd32(t + 8) == a)
			return i;
	}
	return add_type(kind, 0, TAL_NONE, a, 0);
}

static uint32_t memtype(const char *name)
{
	struct sym *s = lookup(name, S_TYPE);

	if (!s)
		asm_error("unknown type '%s'", name);
	return s->index;
}

/* Parse a word type: int | idx N | ptr T | ptr? T | cap K | saved REG | ret | uninit. */
static char *word_type(char *p, uint32_t *out)
{
	char w[MAXN], arg[MAXN];
	int size, r;

	p = word(p, w);
	if (!strcmp(w, "int") || !strcmp(w, "ret") || !strcmp(w, "uninit")) {
		*out = word_entry(w[0] == 'i' ? TAL_T_INT : w[0] == 'r' ? TAL_T_RET : TAL_T_UNINIT, 0);
		return p;
	}
	p = word(p, arg);
	if (!strcmp(w, "idx"))
		*out = word_entry(TAL_T_IDX, (uint32_t)number(arg));
	else if (!strcmp(w, "cap"))
		*out = word_entry(TAL_T_CAP, (uint32_t)number(arg));
	else if (!strcmp(w, "ptr") || !strcmp(w, "ptr?"))
		*out = word_entry(w[3] ? TAL_T_PTRN : TAL_T_PTR, memtype(arg));
	else if (!strcmp(w, "saved") && (r = regnum(arg, &size)) >= 0)
		*out = word_entry(TAL_T_SAVED, (uint32_t)r);
	else
		asm_error("bad word type '%s %s'", w, arg);
	return p;
}

static void member(uint32_t name, uint32_t offset, uint32_t type, uint32_t flags)
{
	buf_u32(&members, name);
	buf_u32(&members, offset);
	buf_u32(&members, type);
	buf_u32(&members, flags);
}

/* Parse "(WT, WT, ...) -> WT" into a signature type; *NARGS gets the count. */
static uint32_t signature(char *p, int32_t *nargs)
{
	uint32_t args[TAL_MAX_ARGS + 8], res, first;
	int n = 0, i;

	p = skip(p);
	if (*p++ != '(')
		asm_error("expected '(' to start a signature");
	p = skip(p);
	while (*p != ')') {
		if (n == TAL_MAX_ARGS + 8)
			asm_error("too many arguments");
		p = skip(word_type(p, &args[n++]));
		if (*p == ',')
			p++;
		else if (*p != ')')
			asm_error("expected ',' or ')' in a signature");
		p = skip(p);
	}
	p = skip(p + 1);
	if (strncmp(p, "->", 2))
		asm_error("expected '-> RESULT' after the arguments");
	word_type(p + 2, &res);
	first = (uint32_t)(members.len / 16);
	member(TAL_NONE, 0, res, 0);
	for (i = 0; i < n; i++)
		member(TAL_NONE, 0, args[i], 0);
	*nargs = n;
	return add_type(TAL_T_SIG, 0, TAL_NONE, first, (uint32_t)n + 1);
}

/* The offset of field FIELD of record TYPE ("node.next"). */
static bool field_offset(const char *w, int32_t *off)
{
	char tname[MAXN];
	const char *dot = strchr(w, '.');
	struct sym *s;
	const uint8_t *t, *m;
	uint32_t i;

	if (!dot || dot == w || (size_t)(dot - w) >= MAXN)
		return false;
	memcpy(tname, w, (size_t)(dot - w));
	tname[dot - w] = '\0';
	if (!(s = lookup(tname, S_TYPE)))
		return false;
	t = types.p + 16 * s->index;
	for (i = rd32(t + 8); i < rd32(t + 8) + rd32(t + 12) && t[0] == TAL_T_RECORD; i++) {
		m = members.p + 16 * i;
		if (rd32(m) != TAL_NONE && !strcmp((char *)strtab.p + rd32(m), dot + 1)) {
			*off = (int32_t)rd32(m + 4);
			return true;
		}
	}
	asm_error("record %s has no field %s", tname, dot + 1);
}

/* ---- Operands ---- */

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
		p = skip(p);
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
		if ((r = regnum(w, &size)) >= 0 && size == 4) {
			if (star || o->base >= 0) {
				if (o->index >= 0)
					asm_error("too many registers in a memory operand");
				o->index = r;
				o->scale = star ? (int)number(star + 1) : 1;
			} else {
				o->base = r;
			}
		} else if (field_offset(w, &v)) {
			o->disp += sign * v;
		} else {
			o->disp += sign * (int32_t)number(w);
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
	p = skip(p);
	if (!strncmp(p, "byte", 4) || !strncmp(p, "dword", 5)) {
		o->size = p[0] == 'b' ? 1 : 4;
		o->sized = true;
		p = skip(p + (p[0] == 'b' ? 4 : 5));
	}
	if (*p == '[') {
		int sz = o->size;
		p = memory(p + 1, o);
		o->size = sz;
		return p;
	}
	p = word(p, w);
	if ((r = regnum(w, &size)) >= 0) {
		o->kind = OP_REG;
		o->reg = r;
		o->size = size;
	} else if (isdigit((unsigned char)w[0]) || w[0] == '-') {
		o->kind = OP_IMM;
		o->disp = (int32_t)number(w);
	} else if (field_offset(w, &o->disp)) {
		o->kind = OP_IMM;
	} else {
		o->kind = OP_NAME;      /* "NAME+N" is resolved with the fixups */
		snprintf(o->name, MAXN, "%s", w);
	}
	return p;
}

static void instruction(char *p)
{
	char mn[MAXN];
	struct operand ops[3];
	int n = 0;
	bool shortjmp = false;
	char *q;

	if (cur_func < 0)
		asm_error("instruction outside a .func");
	p = word(p, mn);
	q = skip(p);
	if (!strncmp(q, "short ", 6)) {
		shortjmp = true;
		p = q + 6;
	}
	for (p = skip(p); *p && *p != ';'; p = skip(p)) {
		if (n == 3)
			asm_error("too many operands");
		p = skip(operand(p, &ops[n++]));
		if (*p == ',')
			p++;
		else if (*p && *p != ';')
			asm_error("expected ',' between operands");
	}
	if (!encode(&code, mn, ops, n, shortjmp))
		asm_error("unknown instruction '%s'", mn);
	if (code.len > TAL_MAX_CODE_BYTES)
		asm_error("code too large");
}

/* ---- Labels: NAME: {esp=-4, eax: int, [esp+0]: saved ebx} ---- */

static void label(char *name, char *p)
{
	int32_t esp = 0, e;
	uint32_t first = (uint32_t)(items.len / 12), count = 0, type;
	char w[MAXN];
	struct operand o;
	int r, size;
	uint32_t listed = 0;

	if (cur_func < 0)
		asm_error("label outside a .func");
	define(name, S_LABEL, (uint32_t)code.len);
	p = skip(p);
	if (*p++ != '{')
		asm_error("label %s needs an annotation {esp=N, REG: TYPE, [esp+N]: TYPE}", name);
	for (p = skip(p); *p != '}'; p = skip(p)) {
		if (!*p)
			asm_error("missing '}'");
		if (!strncmp(p, "esp", 3) && skip(p + 3)[0] == '=') {
			p = word(skip(p + 3) + 1, w);
			esp = (int32_t)number(w);
		} else if (*p == '[') {
			p = memory(p + 1, &o);
			if (o.base != 4 || o.index >= 0)
				asm_error("a slot is written [esp+N]");
			e = esp + o.disp;
			p = skip(p);
			if (*p++ != ':')
				asm_error("expected ':' after a slot");
			p = word_type(p, &type);
			buf_u32(&items, TAL_LOC_SLOT);
			buf_u32(&items, (uint32_t)e);
			buf_u32(&items, type);
			count++;
		} else {
			p = word(p, w);
			if (w[0] && w[strlen(w) - 1] == ':')
				w[strlen(w) - 1] = '\0';
			else if (*skip(p) == ':')
				p = skip(p) + 1;
			else
				asm_error("expected REG: TYPE in an annotation");
			if ((r = regnum(w, &size)) < 0 || size != 4)
				asm_error("bad register '%s'", w);
			p = word_type(p, &type);
			buf_u32(&items, (uint32_t)r);
			buf_u32(&items, 0);
			buf_u32(&items, type);
			listed |= 1u << r;
			count++;
		}
		p = skip(p);
		if (*p == ',')
			p++;
	}
	for (r = 3; r < 8; r++) {       /* unlisted callee-saved: still saved */
		if (r == 4 || (listed & (1u << r)))
			continue;
		buf_u32(&items, (uint32_t)r);
		buf_u32(&items, 0);
		buf_u32(&items, word_entry(TAL_T_SAVED, (uint32_t)r));
		count++;
	}
	buf_u32(&labels, str(name));
	buf_u32(&labels, (uint32_t)code.len);
	buf_u32(&labels, (uint32_t)esp);
	buf_u32(&labels, first);
	buf_u32(&labels, count);
}

/* ---- Directives ---- */

static bool read_only(char *p)
{
	char w[MAXN];

	word(p, w);
	if (w[0] && strcmp(w, "ro"))
		asm_error("unexpected '%s'", w);
	return w[0] != '\0';
}

/* A "quoted string" with \n \t \\ \" \0 escapes, into OUT; returns its length. */
static size_t quoted(char *p, char *out, size_t max)
{
	size_t n = 0;

	p = skip(p);
	if (*p++ != '"')
		asm_error("expected a quoted string");
	while (*p && *p != '"') {
		char c = *p++;
		if (c == '\\') {
			c = *p++;
			c = c == 'n' ? '\n' : c == 't' ? '\t' : c == '0' ? '\0' : c;
		}
		if (n + 1 >= max)
			asm_error("string too long");
		out[n++] = c;
	}
	if (*p != '"')
		asm_error("unterminated string");
	out[n] = '\0';
	return n;
}

static uint32_t type_size(uint32_t t)
{
	const uint8_t *e = types.p + 16 * t;
	const uint8_t *m;

	if (e[0] == TAL_T_ARRAY)
		return rd32(e + 12) * 4;
	if (e[0] == TAL_T_BYTES)
		return rd32(e + 12);
	m = members.p + 16 * (rd32(e + 8) + rd32(e + 12) - 1);
	return rd32(e + 12) ? rd32(m + 4) + 4 : 0;
}

/* .global NAME TYPE data|rodata [WORD ...] | ["string"] */
static void global(char *p)
{
	char name[MAXN], tname[MAXN], sec[MAXN], w[MAXN], s[4096];
	struct buf *b;
	uint32_t t, size, start;
	size_t n;

	p = word(word(word(p, name), tname), sec);
	t = memtype(tname);
	if (strcmp(sec, "data") && strcmp(sec, "rodata"))
		asm_error("a global goes in data or rodata");
	b = sec[0] == 'd' ? &data : &rodata;
	while (b->len % 4)
		buf_u8(b, 0);
	start = (uint32_t)b->len;
	size = type_size(t);
	define(name, S_GLOBAL, (uint32_t)(globals.len / 16));
	buf_u32(&globals, str(name));
	buf_u32(&globals, t);
	buf_u32(&globals, sec[0] == 'd' ? TAL_SEC_DATA : TAL_SEC_RODATA);
	buf_u32(&globals, start);
	p = skip(p);
	if (*p == '"') {
		n = quoted(p, s, sizeof s);
		buf_put(b, s, n + 1 < size ? n + 1 : size);
	} else {
		while (*(p = skip(p)) && *p != ';') {
			p = word(p, w);
			buf_u32(b, (uint32_t)number(w));
			p = skip(p);
			if (*p == ',')
				p++;
		}
	}
	if (b->len > start + size)
		asm_error("too many initial values for %s", name);
	while (b->len < start + size)
		buf_u8(b, 0);
}

static void directive(char *w, char *p)
{
	char name[MAXN], x[MAXN], s[4096];
	uint32_t t, len;
	int32_t n;
	struct sym *f;

	if (!strcmp(w, ".record")) {
		p = word(p, name);
		open_record = (int)add_type(TAL_T_RECORD, 0, str(name), 0, 0);
		record_first = (uint32_t)(members.len / 16);
		define(name, S_TYPE, (uint32_t)open_record);
	} else if (!strcmp(w, ".field")) {
		if (open_record < 0)
			asm_error(".field outside a .record");
		p = word(word(p, x), name);
		len = (uint32_t)number(x);
		p = word_type(p, &t);
		member(str(name), len, t, read_only(p) ? TAL_TF_RO : 0);
	} else if (!strcmp(w, ".end")) {
		if (open_record < 0)
			asm_error(".end without .record");
		wr32(types.p + 16 * open_record + 8, record_first);
		wr32(types.p + 16 * open_record + 12, (uint32_t)(members.len / 16) - record_first);
		open_record = -1;
	} else if (!strcmp(w, ".array")) {
		p = word_type(word(p, name), &t);
		p = word(p, x);
		define(name, S_TYPE, add_type(TAL_T_ARRAY, 0, str(name), t, (uint32_t)number(x)));
		types.p[types.len - 15] = read_only(p) ? TAL_TF_RO : 0;
	} else if (!strcmp(w, ".bytes")) {
		p = word(word(p, name), x);
		define(name, S_TYPE, add_type(TAL_T_BYTES, read_only(p) ? TAL_TF_RO : 0,
		                              str(name), 0, (uint32_t)number(x)));
	} else if (!strcmp(w, ".string")) {
		p = word(p, name);
		len = (uint32_t)quoted(p, s, sizeof s) + 1;
		define(name, S_TYPE, add_type(TAL_T_BYTES, TAL_TF_RO, str(name), 0, len));
		snprintf(s, sizeof s, "%s %s rodata %s", name, name, p);
		global(s);
	} else if (!strcmp(w, ".global")) {
		global(p);
	} else if (!strcmp(w, ".import")) {
		p = word(p, name);
		define(name, S_IMPORT, (uint32_t)(imports.len / 8));
		buf_u32(&imports, str(name));
		buf_u32(&imports, signature(p, &n));
	} else if (!strcmp(w, ".func")) {
		p = word(p, name);
		cur_func = (int)(funcs.len / 12);
		define(name, S_FUNC, (uint32_t)code.len);
		buf_u32(&funcs, str(name));
		buf_u32(&funcs, (uint32_t)code.len);
		buf_u32(&funcs, signature(p, &cur_nargs));
	} else if (!strcmp(w, ".export") || !strcmp(w, ".handler")) {
		word(p, name);
		if (!(f = lookup(name, S_FUNC)))
			asm_error("unknown function '%s'", name);
		for (t = 0; rd32(funcs.p + 12 * t + 4) != f->index; t++)
			;
		if (w[1] == 'h') {
			handler = t;
		} else {
			buf_u32(&exports, str(name));
			buf_u32(&exports, t);
		}
	} else if (!strcmp(w, ".byte")) {
		if (cur_func < 0)
			asm_error(".byte outside a .func");
		while (*(p = skip(p)) && *p != ';') {
			p = word(p, x);
			buf_u8(&code, (uint32_t)number(x));
			p = skip(p);
			if (*p == ',')
				p++;
		}
	} else {
		asm_error("unknown directive '%s'", w);
	}
}

/* ---- Resolution and output ---- */

static void resolve_fixups(void)
{
	struct sym *s;
	size_t i;
	int64_t rel;
	char name[MAXN], *plus;
	int32_t add;

	for (i = 0; i < nfix; i++) {
		struct fixup *f = &fixups[i];
		line = f->line;
		snprintf(name, sizeof name, "%s", f->name);
		add = 0;
		if ((plus = strchr(name, '+')) != NULL) {
			*plus = '\0';
			add = (int32_t)number(plus + 1);
		}
		s = lookup(name, f->call ? S_FUNC : S_LABEL);
		if (!s)
			s = lookup(name, f->call ? S_LABEL : S_FUNC);
		if (!s)
			asm_error("unknown label or function '%s'", name);
		rel = (int64_t)s->index + add - f->from;
		if (f->size == 1) {
			if (rel < -128 || rel > 127)
				asm_error("short jump to '%s' out of range", name);
			code.p[f->at] = (uint8_t)rel;
		} else {
			wr32(code.p + f->at, (uint32_t)rel);
		}
	}
}

/* Write the header and the sections, each 4-aligned, in table order. */
static void write_object(const char *path)
{
	struct buf *sec[TAL_SEC_COUNT] = { &code, &rodata, &data, &strtab, &types,
		&members, &globals, &funcs, &labels, &items, &imports, &exports, &relocs };
	static const uint32_t esize[TAL_SEC_COUNT] = { 1, 1, 1, 1, 16, 16, 16, 12, 20, 12, 8, 8, 12 };
	struct buf out = { 0 };
	uint32_t off = TAL_HDR_SIZE;
	FILE *fp;
	int s;

	buf_u32(&out, TAL_MAGIC);
	buf_u32(&out, TAL_VERSION);
	buf_u32(&out, handler);
	buf_u32(&out, 0);
	for (s = 0; s < TAL_SEC_COUNT; s++) {
		buf_u32(&out, sec[s]->len ? off : 0);
		buf_u32(&out, (uint32_t)(sec[s]->len / esize[s]));
		off += (uint32_t)((sec[s]->len + 3) & ~(size_t)3);
	}
	for (s = 0; s < TAL_SEC_COUNT; s++) {
		if (sec[s]->len)
			buf_put(&out, sec[s]->p, sec[s]->len);
		while (out.len % 4)
			buf_u8(&out, 0);
	}
	fp = fopen(path, "wb");
	if (!fp || fwrite(out.p, 1, out.len, fp) != out.len || fclose(fp)) {
		perror(path);
		exit(1);
	}
}

/* Handle one source line. */
static void parse_line(char *p)
{
	char w[MAXN], *colon;

	p = skip(p);
	if (!*p || *p == ';' || *p == '\n')
		return;
	p[strcspn(p, "\n")] = '\0';
	if (*p == '.') {
		p = word(p, w);
		directive(w, p);
		return;
	}
	colon = strchr(p, ':');
	word(p, w);
	if (colon && w[0] && w[strlen(w) - 1] == ':') {
		w[strlen(w) - 1] = '\0';
		label(w, colon + 1);
		return;
	}
	instruction(p);
}

int main(int argc, char **argv)
{
	char text[8192];
	const char *out = NULL;
	FILE *fp;

	if (argc == 4 && !strcmp(argv[2], "-o")) {
		file = argv[1];
		out = argv[3];
	} else {
		fprintf(stderr, "usage: talas IN.tas -o OUT.to\n");
		return 2;
	}
	fp = fopen(file, "r");
	if (!fp) {
		perror(file);
		return 1;
	}
	while (fgets(text, sizeof text, fp)) {
		line++;
		parse_line(text);
	}
	fclose(fp);
	if (open_record >= 0)
		asm_error("missing .end of a .record");
	resolve_fixups();
	write_object(out);
	return 0;
}
