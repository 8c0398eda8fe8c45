/*
 * talas types: the type and member tables. Word types (int, idx N, ptr T,
 * ...) are anonymous entries shared when they repeat; records, arrays,
 * byte buffers and signatures are entries of their own; "node.next"
 * names a field's offset.
 *
 * Invariant: entries are only appended, in table order; a name refers only
 * to a type defined above it; a record's member range is filled in by its
 * .end (directive.c).
 */
#include "talas.h"
#include <string.h>
#include <talos/param.h>
#include "../../tal/obj.h"

static uint32_t type_count(void)
{
	return (uint32_t)(obj.types.len / 16);
}

uint32_t type_add(int kind, int flags, uint32_t name, uint32_t a, uint32_t b)
{
	buf_u8(&obj.types, (uint32_t)kind);
	buf_u8(&obj.types, (uint32_t)flags);
	buf_u8(&obj.types, 0);
	buf_u8(&obj.types, 0);
	buf_u32(&obj.types, name);
	buf_u32(&obj.types, a);
	buf_u32(&obj.types, b);
	return type_count() - 1;
}

/* An anonymous word type, shared when it already exists. */
uint32_t type_word_entry(int kind, uint32_t a)
{
	uint32_t i;
	const uint8_t *t;

	for (i = 0; i < type_count(); i++) {
		t = obj.types.p + 16 * i;
		if (t[0] == kind && obj_rd32(t + 4) == TAL_NONE && obj_rd32(t + 8) == a)
			return i;
	}
	return type_add(kind, 0, TAL_NONE, a, 0);
}

uint32_t type_mem(const char *name)
{
	struct sym *s = sym_lookup(name, S_TYPE);

	if (!s)
		asm_error("unknown type '%s'", name);
	return s->index;
}

/* Parse a word type: int | idx N | ptr T | ptr? T | cap K | saved REG | ret | uninit. */
char *type_word(char *p, uint32_t *out)
{
	char w[MAXN], arg[MAXN];
	int size, r;

	p = lex_word(p, w);
	if (!strcmp(w, "int") || !strcmp(w, "ret") || !strcmp(w, "uninit")) {
		*out = type_word_entry(w[0] == 'i' ? TAL_T_INT : w[0] == 'r' ? TAL_T_RET : TAL_T_UNINIT,
		                       0);
		return p;
	}
	p = lex_word(p, arg);
	if (!strcmp(w, "idx"))
		*out = type_word_entry(TAL_T_IDX, (uint32_t)lex_number(arg));
	else if (!strcmp(w, "cap"))
		*out = type_word_entry(TAL_T_CAP, (uint32_t)lex_number(arg));
	else if (!strcmp(w, "ptr") || !strcmp(w, "ptr?"))
		*out = type_word_entry(w[3] ? TAL_T_PTRN : TAL_T_PTR, type_mem(arg));
	else if (!strcmp(w, "saved") && (r = lex_regnum(arg, &size)) >= 0)
		*out = type_word_entry(TAL_T_SAVED, (uint32_t)r);
	else
		asm_error("bad word type '%s %s'", w, arg);
	return p;
}

void type_member(uint32_t name, uint32_t offset, uint32_t type, uint32_t flags)
{
	buf_u32(&obj.members, name);
	buf_u32(&obj.members, offset);
	buf_u32(&obj.members, type);
	buf_u32(&obj.members, flags);
}

/* Parse "(WT, WT, ...) -> WT" into a signature type; *NARGS gets the count. */
uint32_t type_signature(char *p, int32_t *nargs)
{
	uint32_t args[TAL_MAX_ARGS], res, first;
	int n = 0, i;

	p = lex_skip(p);
	if (*p++ != '(')
		asm_error("expected '(' to start a signature");
	p = lex_skip(p);
	while (*p != ')') {
		if (n == TAL_MAX_ARGS)
			asm_error("more than %d arguments (TAL_MAX_ARGS)", TAL_MAX_ARGS);
		p = lex_skip(type_word(p, &args[n++]));
		if (*p == ',')
			p++;
		else if (*p != ')')
			asm_error("expected ',' or ')' in a signature");
		p = lex_skip(p);
	}
	p = lex_skip(p + 1);
	if (strncmp(p, "->", 2))
		asm_error("expected '-> RESULT' after the arguments");
	type_word(p + 2, &res);
	first = (uint32_t)(obj.members.len / 16);
	type_member(TAL_NONE, 0, res, 0);
	for (i = 0; i < n; i++)
		type_member(TAL_NONE, 0, args[i], 0);
	*nargs = n;
	return type_add(TAL_T_SIG, 0, TAL_NONE, first, (uint32_t)n + 1);
}

/* The offset of field FIELD of record TYPE ("node.next"). */
bool type_field_offset(const char *w, int32_t *off)
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
	if (!(s = sym_lookup(tname, S_TYPE)))
		return false;
	t = obj.types.p + 16 * s->index;
	for (i = obj_rd32(t + 8);
	     i < obj_rd32(t + 8) + obj_rd32(t + 12) && t[0] == TAL_T_RECORD; i++) {
		m = obj.members.p + 16 * i;
		if (obj_rd32(m) != TAL_NONE && !strcmp((char *)obj.strtab.p + obj_rd32(m), dot + 1)) {
			*off = (int32_t)obj_rd32(m + 4);
			return true;
		}
	}
	asm_error("record %s has no field %s", tname, dot + 1);
}

uint32_t type_size(uint32_t t)
{
	const uint8_t *e = obj.types.p + 16 * t;
	const uint8_t *m;

	if (e[0] == TAL_T_ARRAY)
		return obj_rd32(e + 12) * 4;
	if (e[0] == TAL_T_BYTES)
		return obj_rd32(e + 12);
	m = obj.members.p + 16 * (obj_rd32(e + 8) + obj_rd32(e + 12) - 1);
	return obj_rd32(e + 12) ? obj_rd32(m + 4) + 4 : 0;
}
