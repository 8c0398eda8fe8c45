/*
 * popc parser, the top level: struct declarations, constants, globals
 * with their initial values, functions with their parameters, and
 * prototypes, each added to the program in source order.
 *
 * Invariant: a constant is defined once and before its first use (it is
 * folded where it is read); every other name is checked by check.c.
 */
#include "parse.h"
#include <string.h>

/* After "struct NAME" at AT: { fields } ; */
static void struct_decl(struct token *at)
{
	struct pstruct *st = popc_alloc(sizeof *st), **slot;
	struct pfield *f;
	struct ptype t;

	st->line = at->line;
	st->col = at->col;
	st->name = parse_ident("a struct name");
	parse_expect(T_LBRACE);
	while (!parse_accept(T_RBRACE)) {
		struct token *ft = P.tk;
		t = parse_type();
		if (t.k != TY_INT && t.k != TY_BOOL && t.k != TY_NREF)
			popc_error(ft->line, ft->col,
			           "struct fields are int, bool or struct S? (structs live in global memory)");
		f = parse_push(&st->f, &st->nf, sizeof *f);
		f->ty = t;
		f->offset = 4 * (st->nf - 1);
		f->name = parse_ident("a field name");
		if (P.tk->t == T_LBRACK)
			popc_error(P.tk->line, P.tk->col, "struct fields cannot be arrays");
		parse_expect(T_SEMI);
	}
	parse_expect(T_SEMI);
	if (!st->nf)
		popc_error(at->line, at->col, "struct %s has no fields", st->name);
	slot = parse_push(&P.prog->structs, &P.prog->nstructs, sizeof *slot);
	*slot = st;
}

/* Initial value words of a global: "= CONST", "= null", "= { ... }". */
static void global_init(struct pglobal *g)
{
	struct token *at = P.tk;
	int32_t v;

	if (parse_accept(T_LBRACE)) {
		if (!parse_accept(T_RBRACE)) {
			do {
				if (parse_accept(T_NULL))
					v = 0;
				else
					v = parse_const_expr();
				*(int32_t *)parse_push(&g->init, &g->ninit, sizeof v) = v;
			} while (parse_accept(T_COMMA));
			parse_expect(T_RBRACE);
		}
		if (g->ty.k != TY_ARR && g->ty.k != TY_REF)
			popc_error(at->line, at->col, "a braced initialiser is for an array or a struct");
		return;
	}
	v = parse_accept(T_NULL) ? 0 : parse_const_expr();
	if (g->ty.k == TY_ARR || g->ty.k == TY_REF)
		popc_error(at->line, at->col, "initialise an array or a struct with { ... }");
	*(int32_t *)parse_push(&g->init, &g->ninit, sizeof v) = v;
}

/* After "RET NAME (" at AT: parameters ) { body }, or parameters ) ; for
 * a prototype. */
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
	if (!parse_accept(T_RPAREN)) {
		do {
			struct token *vt;
			v = popc_alloc(sizeof *v);
			v->ty = parse_type();
			vt = P.tk;
			v->line = vt->line;
			v->col = vt->col;
			if (P.tk->t == T_COMMA || P.tk->t == T_RPAREN)
				v->name = NULL;         /* allowed in a prototype only */
			else
				v->name = parse_ident("a parameter name");
			v->ty = parse_array_suffix(v->ty);
			v->param = f->nparams;
			pv = parse_push(&f->params, &f->nparams, sizeof *pv);
			*pv = v;
		} while (parse_accept(T_COMMA));
		parse_expect(T_RPAREN);
	}
	if (parse_accept(T_SEMI)) {          /* a prototype: check.c matches it */
		slot = parse_push(&P.prog->protos, &P.prog->nprotos, sizeof *slot);
		*slot = f;
		return;
	}
	for (int i = 0; i < f->nparams; i++)
		if (!f->params[i]->name)
			popc_error(f->params[i]->line, f->params[i]->col, "parameter %d of %s needs a "
			           "name (only a prototype may leave it out)", i + 1, f->name);
	f->body = parse_block();
	slot = parse_push(&P.prog->funcs, &P.prog->nfuncs, sizeof *slot);
	*slot = f;
}

/* One top-level declaration: const, struct, global or function. */
void parse_top(void)
{
	struct token *at = P.tk;
	struct ptype t;
	bool exported = false, handler = false;
	char *name;

	if (parse_accept(T_CONST)) {
		struct pconst *c;
		parse_expect(T_INT);
		at = P.tk;
		name = parse_ident("a constant name");
		parse_expect(T_ASSIGN);
		c = parse_push(&P.prog->consts, &P.prog->nconsts, sizeof *c);
		c->name = name;
		c->value = parse_const_expr();
		parse_expect(T_SEMI);
		for (int i = 0; i < P.prog->nconsts - 1; i++)
			if (!strcmp(P.prog->consts[i].name, name))
				popc_error(at->line, at->col, "constant %s is already defined", name);
		return;
	}
	if (P.tk->t == T_STRUCT && P.nx->t == T_ID) {
		parse_next();
		if (P.nx->t == T_LBRACE) {
			struct_decl(at);
			return;
		}
		t = parse_struct_type(at);
	} else {
		exported = parse_accept(T_EXPORT);
		if (!exported)
			handler = parse_accept(T_HANDLER);
		t = parse_type();
	}
	at = P.tk;
	name = parse_ident("a name");
	if (parse_accept(T_LPAREN)) {
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
		g->ty = parse_array_suffix(t);
		if (parse_accept(T_ASSIGN))
			global_init(g);
		parse_expect(T_SEMI);
		slot = parse_push(&P.prog->globals, &P.prog->nglobals, sizeof *slot);
		*slot = g;
	}
}
