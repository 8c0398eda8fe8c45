/*
 * popc parser: recursive descent over the grammar of docs/popcorn.md,
 * building the syntax tree of struct.h-like declarations, constants,
 * globals and functions. Constant expressions (array lengths, global
 * initialisers, constants, throw codes) are folded here.
 *
 * Invariant: the tree only holds what the grammar allows; names and types
 * are not resolved here (check.c does that), except constants, which must
 * be declared before use.
 */
#include "popc.h"
#include <string.h>

static struct program *prog;
static struct token *tk, *nx;    /* current token and the one after it */

static void next(void)
{
	tk = nx;
	nx = popc_lex_next();
}

static const char *tokname(enum tok t)
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

static void expect(enum tok t)
{
	if (tk->t != t)
		popc_error(tk->line, tk->col, "expected '%s', found '%s'", tokname(t),
		           tk->t == T_ID ? tk->text : tokname(tk->t));
	next();
}

static bool accept(enum tok t)
{
	if (tk->t != t)
		return false;
	next();
	return true;
}

static char *ident(const char *what)
{
	char *s;

	if (tk->t != T_ID)
		popc_error(tk->line, tk->col, "expected %s, found '%s'", what, tokname(tk->t));
	s = tk->text;
	next();
	return s;
}

/* Grow array *V of N elements of SIZE bytes by one; return the new slot. */
static void *push(void *vp, int *n, size_t size)
{
	void **v = vp;
	char *nv = popc_alloc(size * (size_t)(*n + 1));

	if (*n)
		memcpy(nv, *v, size * (size_t)*n);
	*v = nv;
	return nv + size * (size_t)(*n)++;
}

static struct expr *mk(enum ekind k, struct token *at)
{
	struct expr *e = popc_alloc(sizeof *e);

	e->k = k;
	e->line = at->line;
	e->col = at->col;
	e->iface = -1;
	return e;
}

/* ---- Constant folding ---- */

static bool const_lookup(const char *name, int32_t *v)
{
	int i;

	for (i = 0; i < prog->nconsts; i++)
		if (!strcmp(prog->consts[i].name, name)) {
			*v = prog->consts[i].value;
			return true;
		}
	return false;
}

/* Fold E to a constant if it is one (numbers, true/false, constants and
 * operators on them); report a division by zero at compile time. */
bool popc_fold(struct expr *e, int32_t *v)
{
	int32_t a, b;
	uint32_t ua, ub;

	switch (e->k) {
	case E_NUM:
		*v = e->num;
		return true;
	case E_VAR:
		return !e->var && const_lookup(e->name, v);
	case E_UNARY:
		if (!popc_fold(e->a, &a))
			return false;
		ua = (uint32_t)a;
		*v = e->op == T_MINUS ? (int32_t)(0u - ua) : e->op == T_NOT ? !a : (int32_t)~ua;
		return true;
	case E_BINARY:
		if (e->op == T_ANDAND || e->op == T_OROR) {
			if (!popc_fold(e->a, &a) || !popc_fold(e->b, &b))
				return false;
			*v = e->op == T_ANDAND ? (a && b) : (a || b);
			return true;
		}
		if (!popc_fold(e->a, &a) || !popc_fold(e->b, &b))
			return false;
		ua = (uint32_t)a;
		ub = (uint32_t)b;
		switch (e->op) {
		case T_PLUS:    *v = (int32_t)(ua + ub); return true;
		case T_MINUS:   *v = (int32_t)(ua - ub); return true;
		case T_STAR:    *v = (int32_t)(ua * ub); return true;
		case T_AND:     *v = a & b; return true;
		case T_OR:      *v = a | b; return true;
		case T_XOR:     *v = a ^ b; return true;
		case T_SHL:     *v = (int32_t)(ua << (ub & 31)); return true;
		case T_SHR:     *v = a >> (ub & 31); return true;
		case T_EQ:      *v = a == b; return true;
		case T_NE:      *v = a != b; return true;
		case T_LT:      *v = a < b; return true;
		case T_LE:      *v = a <= b; return true;
		case T_GT:      *v = a > b; return true;
		case T_GE:      *v = a >= b; return true;
		case T_SLASH:
		case T_PERCENT:
			if (b == 0)
				popc_error(e->line, e->col, "division by zero in a constant expression");
			if (b == -1)
				*v = e->op == T_SLASH ? (int32_t)(0u - ua) : 0;
			else
				*v = e->op == T_SLASH ? a / b : a % b;
			return true;
		default:
			return false;
		}
	default:
		return false;
	}
}

/* ---- Expressions (C precedence) ---- */

static struct expr *expr(void);

static struct expr *primary(void)
{
	struct token *t = tk;
	struct expr *e;

	if (accept(T_NUM)) {
		e = mk(E_NUM, t);
		e->num = t->num;
	} else if (accept(T_TRUE) || accept(T_FALSE)) {
		e = mk(E_NUM, t);
		e->num = t->t == T_TRUE;
	} else if (accept(T_NULL)) {
		e = mk(E_NULL, t);
	} else if (accept(T_STR)) {
		e = mk(E_STR, t);
		e->name = t->text;
	} else if (accept(T_LPAREN)) {
		e = expr();
		expect(T_RPAREN);
	} else if (t->t == T_ID) {
		next();
		if (accept(T_LPAREN)) {
			e = mk(E_CALL, t);
			e->name = t->text;
			if (!accept(T_RPAREN)) {
				do
					*(struct expr **)push(&e->args, &e->nargs, sizeof e) = expr();
				while (accept(T_COMMA));
				expect(T_RPAREN);
			}
		} else {
			e = mk(E_VAR, t);
			e->name = t->text;
		}
	} else {
		popc_error(t->line, t->col, "expected an expression, found '%s'", tokname(t->t));
	}
	for (;;) {
		t = tk;
		if (accept(T_LBRACK)) {
			struct expr *x = mk(E_INDEX, t);
			x->a = e;
			x->b = expr();
			expect(T_RBRACK);
			e = x;
		} else if (accept(T_DOT)) {
			struct expr *x = mk(E_FIELD, t);
			x->a = e;
			x->name = ident("a field name");
			e = x;
		} else {
			return e;
		}
	}
}

static struct expr *unary(void)
{
	struct token *t = tk;
	struct expr *e;

	if (accept(T_MINUS) || accept(T_NOT) || accept(T_TILDE)) {
		e = mk(E_UNARY, t);
		e->op = t->t;
		e->a = unary();
		return e;
	}
	return primary();
}

/* Binding strength of binary operator T (0: not a binary operator). */
static int prec(enum tok t)
{
	switch (t) {
	case T_OROR: return 1;
	case T_ANDAND: return 2;
	case T_OR: return 3;
	case T_XOR: return 4;
	case T_AND: return 5;
	case T_EQ: case T_NE: return 6;
	case T_LT: case T_LE: case T_GT: case T_GE: return 7;
	case T_SHL: case T_SHR: return 8;
	case T_PLUS: case T_MINUS: return 9;
	case T_STAR: case T_SLASH: case T_PERCENT: return 10;
	default: return 0;
	}
}

static struct expr *binary(int min)
{
	struct expr *e = unary(), *x;
	struct token *t;
	int p;

	while ((p = prec(tk->t)) >= min) {
		t = tk;
		next();
		x = mk(E_BINARY, t);
		x->op = t->t;
		x->a = e;
		x->b = binary(p + 1);
		e = x;
	}
	return e;
}

static struct expr *expr(void)
{
	return binary(1);
}

static int32_t const_expr(void)
{
	struct token *t = tk;
	int32_t v;

	if (!popc_fold(expr(), &v))
		popc_error(t->line, t->col, "expected a constant expression");
	return v;
}

/* ---- Types ---- */

static bool type_start(void)
{
	return tk->t == T_INT || tk->t == T_BOOL || tk->t == T_TASK ||
	       tk->t == T_VOID || tk->t == T_STRUCT;
}

/* After "struct" (at AT): NAME [?]. The struct is recorded by name in a
 * stub that check.c replaces with the declared struct. */
static struct ptype struct_type(struct token *at)
{
	struct ptype t = { 0 };

	t.st = popc_alloc(sizeof *t.st);
	t.st->line = at->line;
	t.st->col = at->col;
	t.st->name = ident("a struct name");
	t.k = accept(T_QUEST) ? TY_NREF : TY_REF;
	return t;
}

/* int | bool | void | task | struct NAME [?] */
static struct ptype type(void)
{
	struct ptype t = { 0 };
	struct token *at = tk;

	if (accept(T_INT)) {
		t.k = TY_INT;
	} else if (accept(T_BOOL)) {
		t.k = TY_BOOL;
	} else if (accept(T_VOID)) {
		t.k = TY_VOID;
	} else if (accept(T_TASK)) {
		t.k = TY_TASK;
	} else if (accept(T_STRUCT)) {
		t = struct_type(at);
	} else {
		popc_error(at->line, at->col, "expected a type, found '%s'", tokname(at->t));
	}
	return t;
}

/* An optional "[N]" after a declared name makes T an array of N. */
static struct ptype array_suffix(struct ptype t)
{
	struct token *at = tk;
	struct ptype a = { 0 };

	if (!accept(T_LBRACK))
		return t;
	a.k = TY_ARR;
	a.len = const_expr();
	expect(T_RBRACK);
	if (a.len <= 0)
		popc_error(at->line, at->col, "an array needs at least one element");
	if (t.k != TY_INT && t.k != TY_BOOL && t.k != TY_NREF)
		popc_error(at->line, at->col, "array elements are int, bool or struct S? references");
	a.elem = t.k;
	a.st = t.st;
	return a;
}

/* ---- Statements ---- */

static struct stmt *statement(void);

static struct stmt *mks(enum skind k, struct token *at)
{
	struct stmt *s = popc_alloc(sizeof *s);

	s->k = k;
	s->line = at->line;
	s->col = at->col;
	return s;
}

static struct stmt *block(void)
{
	struct stmt *s = mks(S_BLOCK, tk), **tail = &s->body;

	expect(T_LBRACE);
	while (!accept(T_RBRACE)) {
		if (tk->t == T_EOF)
			popc_error(tk->line, tk->col, "missing '}'");
		*tail = statement();
		tail = &(*tail)->next;
	}
	return s;
}

/* A declaration, assignment, increment or call, without the ';'. */
static struct stmt *simple(void)
{
	struct token *at = tk;
	struct stmt *s;
	struct expr *e;

	if (type_start()) {
		s = mks(S_DECL, at);
		s->dty = type();
		at = tk;
		s->name = ident("a variable name");
		s->line = at->line;
		s->col = at->col;
		if (tk->t == T_LBRACK)
			popc_error(tk->line, tk->col,
			           "arrays are global storage: declare '%s' outside functions", s->name);
		if (accept(T_ASSIGN))
			s->e = expr();
		return s;
	}
	e = expr();
	if (tk->t == T_ASSIGN || tk->t == T_OPASSIGN || tk->t == T_INC || tk->t == T_DEC) {
		s = mks(S_ASSIGN, tk);
		s->lhs = e;
		s->op = tk->t == T_ASSIGN ? T_ASSIGN : tk->t == T_OPASSIGN ? tk->op :
		        tk->t == T_INC ? T_PLUS : T_MINUS;
		if (tk->t == T_INC || tk->t == T_DEC) {
			s->e = mk(E_NUM, tk);
			s->e->num = 1;
			next();
		} else {
			next();
			s->e = expr();
		}
		return s;
	}
	if (e->k != E_CALL)
		popc_error(e->line, e->col, "an expression statement must be a call or an assignment");
	s = mks(S_EXPR, at);
	s->e = e;
	return s;
}

static struct stmt *statement(void)
{
	struct token *at = tk;
	struct stmt *s;

	if (tk->t == T_LBRACE)
		return block();
	if (accept(T_SEMI))
		return mks(S_EMPTY, at);
	if (accept(T_IF)) {
		s = mks(S_IF, at);
		expect(T_LPAREN);
		s->e = expr();
		expect(T_RPAREN);
		s->body = statement();
		if (accept(T_ELSE))
			s->els = statement();
		return s;
	}
	if (accept(T_WHILE)) {
		s = mks(S_WHILE, at);
		expect(T_LPAREN);
		s->e = expr();
		expect(T_RPAREN);
		s->body = statement();
		return s;
	}
	if (accept(T_FOR)) {
		s = mks(S_FOR, at);
		expect(T_LPAREN);
		if (!accept(T_SEMI)) {
			s->init = simple();
			expect(T_SEMI);
		}
		if (tk->t != T_SEMI)
			s->e = expr();
		expect(T_SEMI);
		if (tk->t != T_RPAREN)
			s->step = simple();
		expect(T_RPAREN);
		s->body = statement();
		return s;
	}
	if (accept(T_BREAK) || accept(T_CONTINUE)) {
		s = mks(at->t == T_BREAK ? S_BREAK : S_CONTINUE, at);
		expect(T_SEMI);
		return s;
	}
	if (accept(T_RETURN)) {
		s = mks(S_RETURN, at);
		if (tk->t != T_SEMI)
			s->e = expr();
		expect(T_SEMI);
		return s;
	}
	if (accept(T_THROW)) {
		s = mks(S_THROW, at);
		s->code = const_expr();
		if (s->code <= 0)
			popc_error(at->line, at->col, "an exception code is a positive constant");
		expect(T_SEMI);
		return s;
	}
	if (accept(T_TRY)) {
		s = mks(S_TRY, at);
		s->body = block();
		at = tk;
		expect(T_CATCH);
		if (accept(T_LPAREN)) {
			at = tk;
			s->var = popc_alloc(sizeof *s->var);
			s->var->name = ident("the name of the exception code variable");
			s->var->ty.k = TY_INT;
			s->var->line = at->line;
			s->var->col = at->col;
			s->var->param = -1;
			expect(T_RPAREN);
		}
		s->els = block();
		return s;
	}
	s = simple();
	expect(T_SEMI);
	return s;
}

/* ---- Top level ---- */

static void struct_decl(struct token *at)
{
	struct pstruct *st = popc_alloc(sizeof *st), **slot;
	struct pfield *f;
	struct ptype t;

	st->line = at->line;
	st->col = at->col;
	st->name = ident("a struct name");
	expect(T_LBRACE);
	while (!accept(T_RBRACE)) {
		struct token *ft = tk;
		t = type();
		if (t.k != TY_INT && t.k != TY_BOOL && t.k != TY_NREF)
			popc_error(ft->line, ft->col,
			           "struct fields are int, bool or struct S? (structs live in global memory)");
		f = push(&st->f, &st->nf, sizeof *f);
		f->ty = t;
		f->offset = 4 * (st->nf - 1);
		f->name = ident("a field name");
		if (tk->t == T_LBRACK)
			popc_error(tk->line, tk->col, "struct fields cannot be arrays");
		expect(T_SEMI);
	}
	expect(T_SEMI);
	if (!st->nf)
		popc_error(at->line, at->col, "struct %s has no fields", st->name);
	slot = push(&prog->structs, &prog->nstructs, sizeof *slot);
	*slot = st;
}

/* Initial value words of a global: "= CONST", "= null", "= { ... }". */
static void global_init(struct pglobal *g)
{
	struct token *at = tk;
	int32_t v;

	if (accept(T_LBRACE)) {
		if (!accept(T_RBRACE)) {
			do {
				if (accept(T_NULL))
					v = 0;
				else
					v = const_expr();
				*(int32_t *)push(&g->init, &g->ninit, sizeof v) = v;
			} while (accept(T_COMMA));
			expect(T_RBRACE);
		}
		if (g->ty.k != TY_ARR && g->ty.k != TY_REF)
			popc_error(at->line, at->col, "a braced initialiser is for an array or a struct");
		return;
	}
	v = accept(T_NULL) ? 0 : const_expr();
	if (g->ty.k == TY_ARR || g->ty.k == TY_REF)
		popc_error(at->line, at->col, "initialise an array or a struct with { ... }");
	*(int32_t *)push(&g->init, &g->ninit, sizeof v) = v;
}

static void function(struct ptype ret, char *name, struct token *at, bool exported, bool handler)
{
	struct pfunc *f = popc_alloc(sizeof *f), **slot;
	struct pvar *v, **pv;

	f->ret = ret;
	f->name = name;
	f->line = at->line;
	f->col = at->col;
	f->exported = exported;
	f->handler = handler;
	if (!accept(T_RPAREN)) {
		do {
			struct token *vt;
			v = popc_alloc(sizeof *v);
			v->ty = type();
			vt = tk;
			v->name = ident("a parameter name");
			v->line = vt->line;
			v->col = vt->col;
			v->ty = array_suffix(v->ty);
			v->param = f->nparams;
			pv = push(&f->params, &f->nparams, sizeof *pv);
			*pv = v;
		} while (accept(T_COMMA));
		expect(T_RPAREN);
	}
	f->body = block();
	slot = push(&prog->funcs, &prog->nfuncs, sizeof *slot);
	*slot = f;
}

static void top(void)
{
	struct token *at = tk;
	struct ptype t;
	bool exported = false, handler = false;
	char *name;

	if (accept(T_CONST)) {
		struct pconst *c;
		expect(T_INT);
		at = tk;
		name = ident("a constant name");
		expect(T_ASSIGN);
		c = push(&prog->consts, &prog->nconsts, sizeof *c);
		c->name = name;
		c->value = const_expr();
		expect(T_SEMI);
		for (int i = 0; i < prog->nconsts - 1; i++)
			if (!strcmp(prog->consts[i].name, name))
				popc_error(at->line, at->col, "constant %s is already defined", name);
		return;
	}
	if (tk->t == T_STRUCT && nx->t == T_ID) {
		next();
		if (nx->t == T_LBRACE) {
			struct_decl(at);
			return;
		}
		t = struct_type(at);
	} else {
		exported = accept(T_EXPORT);
		if (!exported)
			handler = accept(T_HANDLER);
		t = type();
	}
	at = tk;
	name = ident("a name");
	if (accept(T_LPAREN)) {
		function(t, name, at, exported, handler);
		return;
	}
	if (exported || handler)
		popc_error(at->line, at->col, "only functions can be exported or be the handler");
	{
		struct pglobal *g = popc_alloc(sizeof *g), **slot;
		g->name = name;
		g->line = at->line;
		g->col = at->col;
		g->ty = array_suffix(t);
		if (accept(T_ASSIGN))
			global_init(g);
		expect(T_SEMI);
		slot = push(&prog->globals, &prog->nglobals, sizeof *slot);
		*slot = g;
	}
}

void popc_parse(struct program *p)
{
	static const char *const builtin[] = { "EXC_BOUNDS", "EXC_NULL", "EXC_DIVIDE" };
	struct pconst *c;
	int i;

	prog = p;
	for (i = 0; i < 3; i++) {
		c = push(&prog->consts, &prog->nconsts, sizeof *c);
		c->name = (char *)builtin[i];
		c->value = i + 1;
	}
	popc_lex_init(p->src);
	nx = popc_lex_next();
	next();
	while (tk->t != T_EOF)
		top();
}
