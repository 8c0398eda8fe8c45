/*
 * talas lexing: a line is read as words separated by blanks and commas
 * (tal/SPEC.md, "Assembly syntax"); numbers are C integer literals (decimal,
 * 0x hex, 0 octal, negative), strings are "quoted" with a few escapes.
 *
 * Invariant: nothing here writes past the buffer it is given: a word is
 * cut at MAXN - 1 characters, a string fails at its buffer's size.
 */
#include "talas.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

char *lex_skip(char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

char *lex_word(char *p, char *w)
{
	size_t n = 0;

	p = lex_skip(p);
	while (*p && !isspace((unsigned char)*p) && *p != ',' && *p != '(' &&
	       *p != ')' && *p != '{' && *p != '}' && *p != '"' && *p != ';') {
		if (n + 1 < MAXN)
			w[n++] = *p;
		p++;
	}
	w[n] = '\0';
	return p;
}

long lex_number(const char *w)
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

int lex_regnum(const char *w, int *size)
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

size_t lex_quoted(char *p, char *out, size_t max)
{
	size_t n = 0;

	p = lex_skip(p);
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
