/*
 * popc lexer: turns the source text into tokens with their line and
 * column. Comments are // to end of line and C-style block comments.
 * Integer literals are decimal (no leading 0: C's octal is refused, not
 * misread), hexadecimal (0x, any 32-bit pattern) or a character in single
 * quotes; string literals take the escapes \n \t \\ \" \0. The decimal
 * literal 2147483648 is kept for the parser, which accepts it only after
 * a unary minus.
 *
 * Names have at most POPC_NAME_MAX characters: the kernel calls an export
 * by a name of at most that length, and every name popc derives for the
 * TAL text (g_NAME, null_NAME, NAME$raw, S?[N]) then stays within the
 * names talas reads.
 *
 * Invariant: every token carries the 1-based line and column of its first
 * character, so every later error can point at the source.
 */
#include "popc.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *p;        /* next character of the NUL-terminated source */
static int line, col;        /* position of *p */

static const struct { const char *w; enum tok t; } keywords[] = {
	{ "int", T_INT }, { "bool", T_BOOL }, { "void", T_VOID }, { "task", T_TASK },
	{ "struct", T_STRUCT }, { "const", T_CONST }, { "if", T_IF }, { "else", T_ELSE },
	{ "while", T_WHILE }, { "for", T_FOR }, { "break", T_BREAK },
	{ "continue", T_CONTINUE }, { "return", T_RETURN }, { "true", T_TRUE },
	{ "false", T_FALSE }, { "null", T_NULL }, { "export", T_EXPORT },
	{ "handler", T_HANDLER }, { "try", T_TRY }, { "catch", T_CATCH },
	{ "throw", T_THROW },
};

/* Tokens live only while the parser runs (the tree keeps their positions
 * and names, not the tokens): they come from chunks that popc_lex_done
 * gives back. */
struct chunk {
	struct chunk *next;
	int used;
	struct token tok[1024];
};
static struct chunk *chunks;

void popc_lex_init(const char *text)
{
	chunks = NULL;               /* earlier ones were given back (popc_release) */
	p = text;
	line = col = 1;
}

static void advance(void)
{
	if (*p == '\n') {
		line++;
		col = 1;
	} else {
		col++;
	}
	p++;
}

static void skip_space(void)
{
	for (;;) {
		if (isspace((unsigned char)*p)) {
			advance();
		} else if (p[0] == '/' && p[1] == '/') {
			while (*p && *p != '\n')
				advance();
		} else if (p[0] == '/' && p[1] == '*') {
			int l = line, c = col;
			advance();
			advance();
			while (*p && !(p[0] == '*' && p[1] == '/'))
				advance();
			if (!*p)
				popc_error(l, c, "unterminated comment");
			advance();
			advance();
		} else {
			return;
		}
	}
}

/* One escaped character after a backslash. */
static char escape(void)
{
	char c = *p;

	if (c == 'n')
		c = '\n';
	else if (c == 't')
		c = '\t';
	else if (c == '0')
		c = '\0';
	else if (c != '\\' && c != '"' && c != '\'')
		popc_error(line, col, "unknown escape '\\%c'", c);
	advance();
	return c;
}

static void number(struct token *t)
{
	uint64_t v = 0;
	int digits = 0;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		advance();
		advance();
		while (isxdigit((unsigned char)*p)) {
			v = v * 16 + (uint64_t)(isdigit((unsigned char)*p) ? *p - '0' : (tolower(*p) - 'a' + 10));
			if (v > 0xFFFFFFFFu)
				popc_error(t->line, t->col, "integer literal does not fit in 32 bits");
			digits++;
			advance();
		}
		if (!digits)
			popc_error(t->line, t->col, "expected hexadecimal digits after 0x");
	} else {
		if (p[0] == '0' && isdigit((unsigned char)p[1]))
			popc_error(t->line, t->col, "a number does not begin with 0: C would read it as "
			           "octal, and Popcorn has no octal (write the decimal value, or 0x...)");
		while (isdigit((unsigned char)*p)) {
			v = v * 10 + (uint64_t)(*p - '0');
			if (v > 0x80000000u)
				popc_error(t->line, t->col, "integer literal does not fit in int (the largest "
				           "is 2147483647)");
			advance();
		}
		t->int_min = v == 0x80000000u;
	}
	if (isalnum((unsigned char)*p) || *p == '_')
		popc_error(line, col, "unexpected '%c' in a number", *p);
	t->t = T_NUM;
	t->num = (int32_t)(uint32_t)v;
}

static void string(struct token *t)
{
	size_t n = 0, cap = 16;
	char *s = popc_alloc(cap);

	advance();
	while (*p != '"') {
		if (!*p || *p == '\n')
			popc_error(t->line, t->col, "unterminated string literal");
		if (n + 2 > cap) {
			char *ns = popc_alloc(cap * 2);
			memcpy(ns, s, n);
			s = ns;
			cap *= 2;
		}
		if (*p == '\\') {
			advance();
			s[n++] = escape();
		} else {
			s[n++] = *p;
			advance();
		}
		if (s[n - 1] == '\0')
			popc_error(t->line, t->col, "a string literal may not contain \\0");
	}
	advance();
	s[n] = '\0';
	t->t = T_STR;
	t->text = s;
}

/* Punctuation: longest match first. */
static bool punct(struct token *t)
{
	static const struct { const char *s; enum tok t, op; } ops[] = {
		{ "<<=", T_OPASSIGN, T_SHL }, { ">>=", T_OPASSIGN, T_SHR },
		{ "+=", T_OPASSIGN, T_PLUS }, { "-=", T_OPASSIGN, T_MINUS },
		{ "*=", T_OPASSIGN, T_STAR }, { "/=", T_OPASSIGN, T_SLASH },
		{ "%=", T_OPASSIGN, T_PERCENT }, { "&=", T_OPASSIGN, T_AND },
		{ "|=", T_OPASSIGN, T_OR }, { "^=", T_OPASSIGN, T_XOR },
		{ "++", T_INC, 0 }, { "--", T_DEC, 0 }, { "||", T_OROR, 0 },
		{ "&&", T_ANDAND, 0 }, { "==", T_EQ, 0 }, { "!=", T_NE, 0 },
		{ "<=", T_LE, 0 }, { ">=", T_GE, 0 }, { "<<", T_SHL, 0 },
		{ ">>", T_SHR, 0 }, { "(", T_LPAREN, 0 }, { ")", T_RPAREN, 0 },
		{ "{", T_LBRACE, 0 }, { "}", T_RBRACE, 0 }, { "[", T_LBRACK, 0 },
		{ "]", T_RBRACK, 0 }, { ";", T_SEMI, 0 }, { ",", T_COMMA, 0 },
		{ ".", T_DOT, 0 }, { "?", T_QUEST, 0 }, { "=", T_ASSIGN, 0 },
		{ "|", T_OR, 0 }, { "^", T_XOR, 0 }, { "&", T_AND, 0 },
		{ "<", T_LT, 0 }, { ">", T_GT, 0 }, { "+", T_PLUS, 0 },
		{ "-", T_MINUS, 0 }, { "*", T_STAR, 0 }, { "/", T_SLASH, 0 },
		{ "%", T_PERCENT, 0 }, { "!", T_NOT, 0 }, { "~", T_TILDE, 0 },
	};
	size_t i, n;

	for (i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		n = strlen(ops[i].s);
		if (!strncmp(p, ops[i].s, n)) {
			t->t = ops[i].t;
			t->op = ops[i].op;
			while (n--)
				advance();
			return true;
		}
	}
	return false;
}

static struct token *new_token(void)
{
	struct chunk *c = chunks;

	if (!c || c->used == (int)(sizeof c->tok / sizeof c->tok[0])) {
		c = popc_alloc(sizeof *c);
		c->next = chunks;
		chunks = c;
	}
	return &c->tok[c->used++];
}

void popc_lex_done(void)
{
	while (chunks) {
		struct chunk *c = chunks;
		chunks = c->next;
		popc_free(c);
	}
}

struct token *popc_lex_next(void)
{
	struct token *t = new_token();
	const char *start;
	size_t i;

	skip_space();
	t->line = line;
	t->col = col;
	if (!*p) {
		t->t = T_EOF;
		return t;
	}
	if (isalpha((unsigned char)*p) || *p == '_') {
		start = p;
		while (isalnum((unsigned char)*p) || *p == '_')
			advance();
		if (p - start > POPC_NAME_MAX)
			popc_error(t->line, t->col, "a name has at most %d characters; this one has %d",
			           POPC_NAME_MAX, (int)(p - start));
		t->text = popc_node((size_t)(p - start) + 1);
		memcpy(t->text, start, (size_t)(p - start));
		t->t = T_ID;
		for (i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
			if (!strcmp(t->text, keywords[i].w))
				t->t = keywords[i].t;
		return t;
	}
	if (isdigit((unsigned char)*p)) {
		number(t);
		return t;
	}
	if (*p == '\'') {
		advance();
		if (*p == '\\') {
			advance();
			t->num = (unsigned char)escape();
		} else if (*p && *p != '\'' && *p != '\n') {
			t->num = (unsigned char)*p;
			advance();
		} else {
			popc_error(t->line, t->col, "empty character literal");
		}
		if (*p != '\'')
			popc_error(t->line, t->col, "unterminated character literal");
		advance();
		t->t = T_NUM;
		return t;
	}
	if (*p == '"') {
		string(t);
		return t;
	}
	if (!punct(t)) {
		if (*p < ' ' || *p > '~')   /* a control or non-ASCII byte, shown escaped */
			popc_error(line, col, "unexpected byte '\\x%02x' (Popcorn source is ASCII; "
			           "non-ASCII text goes only in comments)", (unsigned char)*p);
		popc_error(line, col, "unexpected character '%c'", *p);
	}
	return t;
}
