/*
 * popc parser: recursive descent over the grammar of docs/popcorn.md,
 * building the syntax tree of struct declarations, constants, globals and
 * functions. This file holds the entry point, the token cursor the parse
 * files share, and types; parsedecl.c parses the top level, parsestmt.c
 * statements, parseexpr.c expressions (and folds constant expressions).
 *
 * Invariant: the tree only holds what the grammar allows; names and types
 * are not resolved here (check.c does that), except constants, which must
 * be declared before use.
 */
#include "parse.h"
#include <stdlib.h>
#include <string.h>
#include <talos/param.h>

struct parser P;

/* ---- The token cursor ---- */

/* One more statement or expression inside the ones being parsed; an
 * error at the current token past POPC_MAX_NEST. */
void parse_enter(void)
{
	if (++P.depth > POPC_MAX_NEST)
		popc_error(P.tk->line, P.tk->col, "nested too deeply: statements and expressions "
		           "go at most %d levels inside one another", POPC_MAX_NEST);
}

void parse_leave(void)
{
	P.depth--;
}

/* X gets operands A and B (B may be NULL): its depth is one more than
 * theirs, at most POPC_MAX_NEST (a long chain such as a+b+c+... is as
 * deep as it is long). */
void parse_deepen(struct expr *x, const struct expr *a, const struct expr *b)
{
	int d = a->depth;

	if (b && b->depth > d)
		d = b->depth;
	if (d + 1 > x->depth)
		x->depth = d + 1;
	if (x->depth > POPC_MAX_NEST)
		popc_error(x->line, x->col, "expression too deep: more than %d operations inside "
		           "one another (split it with variables)", POPC_MAX_NEST);
}

/* Move to the next token. */
void parse_next(void)
{
	P.tk = P.nx;
	P.nx = popc_lex_next();
}

/* How token kind T reads in an error message. */
const char *parse_tokname(enum tok t)
{
	static const char *const n[] = {
		"end of file", "identifier", "number", "string", "int", "bool", "void",
		"task", "struct", "const", "if", "else", "while", "for", "break",
		"continue", "return", "true", "false", "null", "export", "handler",
		"try", "catch", "throw", "(", ")", "{", "}", "[", "]", ";", ",", ".",
		"?", "=", "compound assignment", "++", "--", "||", "&&", "|", "^", "&",
		"==", "!=", "<", "<=", ">", ">=", "<<", ">>", "+", "-", "*", "/", "%",
		"!", "~",
	};
	return n[t];
}

/* If the current token is the type name of a C feature Popcorn lacks
 * (char, unsigned, long, ..., or cap), report it with the Popcorn way. */
void parse_c_type(void)
{
	static const struct { const char *name, *msg; } lacks[] = {
		{ "char", "Popcorn has no char: use int ('c' is an int)" },
		{ "unsigned", "Popcorn has no unsigned integers: int is 32-bit signed, arithmetic "
		  "wraps around, and & | ^ << work on the bits" },
		{ "signed", "Popcorn has no 'signed': int is signed" },
		{ "long", "Popcorn has no long: int is 32 bits" },
		{ "short", "Popcorn has no short: use int" },
		{ "float", "Popcorn has no floating point: use int in fixed point (a scale constant)" },
		{ "double", "Popcorn has no floating point: use int in fixed point (a scale constant)" },
		{ "cap", "a capability is not written 'cap': the capability type Popcorn has is "
		  "'task' (a process, given by the runtime)" },
	};

	if (P.tk->t != T_ID)
		return;
	for (size_t i = 0; i < sizeof lacks / sizeof lacks[0]; i++)
		if (!strcmp(P.tk->text, lacks[i].name))
			popc_error(P.tk->line, P.tk->col, "%s", lacks[i].msg);
}

/* Consume a T, or report the token found instead (naming the Popcorn way
 * when that token is a C habit: an assignment, ++ or ?: used as a value). */
void parse_expect(enum tok t)
{
	if (P.tk->t != t && (P.tk->t == T_ASSIGN || P.tk->t == T_OPASSIGN))
		popc_error(P.tk->line, P.tk->col, "an assignment is a statement in Popcorn, not a "
		           "value (to compare, write ==)");
	if (P.tk->t != t && (P.tk->t == T_INC || P.tk->t == T_DEC))
		popc_error(P.tk->line, P.tk->col, "'%s' is a statement in Popcorn (x%s;), not a value",
		           parse_tokname(P.tk->t), parse_tokname(P.tk->t));
	if (P.tk->t != t && P.tk->t == T_QUEST)
		popc_error(P.tk->line, P.tk->col, "Popcorn has no ?: operator: use if and else");
	if (P.tk->t != t)
		popc_error(P.tk->line, P.tk->col, "expected '%s', found '%s'", parse_tokname(t),
		           P.tk->t == T_ID ? P.tk->text : parse_tokname(P.tk->t));
	parse_next();
}

/* Consume the current token if it is a T; say whether it was. */
bool parse_accept(enum tok t)
{
	if (P.tk->t != t)
		return false;
	parse_next();
	return true;
}

/* Consume an identifier and return its name; WHAT says in an error what
 * the identifier was to be. */
char *parse_ident(const char *what)
{
	char *s;

	if (P.tk->t != T_ID)
		popc_error(P.tk->line, P.tk->col, "expected %s, found '%s'", what,
		           parse_tokname(P.tk->t));
	s = P.tk->text;
	parse_next();
	return s;
}

/* Grow array *V of N elements of SIZE bytes by one; return the new slot,
 * zeroed. The array is only ever grown here, so its capacity is N rounded
 * up to a power of two: it doubles when N reaches one (linear time). */
void *parse_push(void *vp, int *n, size_t size)
{
	void **v = vp;
	char *nv = *v;

	if (*n == 0 || (*n & (*n - 1)) == 0) {
		nv = popc_alloc(size * (size_t)(*n ? 2 * *n : 1));
		if (*n)
			memcpy(nv, *v, size * (size_t)*n);
		popc_free(*v);
		*v = nv;
	}
	return nv + size * (size_t)(*n)++;
}

/* ---- Types ---- */

/* Does the current token begin a type (so a declaration)? */
bool parse_type_start(void)
{
	return P.tk->t == T_INT || P.tk->t == T_BOOL || P.tk->t == T_TASK ||
	       P.tk->t == T_VOID || P.tk->t == T_STRUCT;
}

/* After "struct" (at AT): NAME [?]. The struct is recorded by name in a
 * stub that check.c replaces with the declared struct. */
struct ptype parse_struct_type(struct token *at)
{
	struct ptype t = { 0 };

	t.st = popc_alloc(sizeof *t.st);
	t.st->line = at->line;
	t.st->col = at->col;
	t.st->name = parse_ident("a struct name");
	t.k = parse_accept(T_QUEST) ? TY_NREF : TY_REF;
	return t;
}

/* int | bool | void | task | struct NAME [?] */
struct ptype parse_type(void)
{
	struct ptype t = { 0 };
	struct token *at = P.tk;

	if (parse_accept(T_INT)) {
		t.k = TY_INT;
	} else if (parse_accept(T_BOOL)) {
		t.k = TY_BOOL;
	} else if (parse_accept(T_VOID)) {
		t.k = TY_VOID;
	} else if (parse_accept(T_TASK)) {
		t.k = TY_TASK;
	} else if (parse_accept(T_STRUCT)) {
		t = parse_struct_type(at);
	} else {
		parse_c_type();
		popc_error(at->line, at->col, "expected a type, found '%s'", parse_tokname(at->t));
	}
	return t;
}

/* An optional "[N]" after a declared name makes T an array of N. */
struct ptype parse_array_suffix(struct ptype t)
{
	struct token *at = P.tk;
	struct ptype a = { 0 };

	if (!parse_accept(T_LBRACK))
		return t;
	a.k = TY_ARR;
	a.len = parse_const_expr();
	parse_expect(T_RBRACK);
	if (a.len <= 0)
		popc_error(at->line, at->col, "an array needs at least one element");
	if (a.len > (int32_t)(TAL_MAX_DATA_BYTES / 4))
		popc_error(at->line, at->col, "an array of %d elements is larger than all the data "
		           "an extension may have (%u bytes, TAL_MAX_DATA_BYTES)", a.len,
		           TAL_MAX_DATA_BYTES);
	if (t.k != TY_INT && t.k != TY_BOOL && t.k != TY_NREF)
		popc_error(at->line, at->col, "array elements are int, bool or struct S? references");
	a.elem = t.k;
	a.st = t.st;
	return a;
}

/* ---- Entry point ---- */

/* Parse the source of P into P's structs, constants, globals and
 * functions; the built-in exception codes are the first constants. */
void popc_parse(struct program *p)
{
	static const char *const builtin[] = { "EXC_BOUNDS", "EXC_NULL", "EXC_DIVIDE" };
	struct pconst *c;
	int i;

	memset(&P, 0, sizeof P);
	P.prog = p;
	for (i = 0; i < 3; i++) {
		c = parse_push(&P.prog->consts, &P.prog->nconsts, sizeof *c);
		c->name = (char *)builtin[i];
		c->value = i + 1;
	}
	popc_lex_init(p->src);
	P.nx = popc_lex_next();
	parse_next();
	while (P.tk->t != T_EOF)
		parse_top();
	popc_lex_done();
	P.tk = P.nx = NULL;
}
