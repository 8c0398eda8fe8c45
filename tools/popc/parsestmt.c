/*
 * popc parser, statements: blocks, local declarations, assignments (++
 * and -- are += 1 and -= 1), calls, if, while, for, break, continue,
 * return, throw, and try with its catch.
 *
 * Invariant: an expression statement is a call or an assignment, and no
 * array is declared inside a function (arrays are global storage).
 */
#include "parse.h"

static struct stmt *statement(void);

/* A new statement of kind K at token AT. */
static struct stmt *mks(enum skind k, struct token *at)
{
	struct stmt *s = popc_node(sizeof *s);

	s->k = k;
	s->line = at->line;
	s->col = at->col;
	return s;
}

/* { statements } */
struct stmt *parse_block(void)
{
	struct stmt *s = mks(S_BLOCK, P.tk), **tail = &s->body;

	parse_expect(T_LBRACE);
	while (!parse_accept(T_RBRACE)) {
		if (P.tk->t == T_EOF)
			popc_error(P.tk->line, P.tk->col, "missing '}'");
		*tail = statement();
		tail = &(*tail)->next;
	}
	return s;
}

/* A declaration, assignment, increment or call, without the ';'. */
static struct stmt *simple(void)
{
	struct token *at = P.tk;
	struct stmt *s;
	struct expr *e;

	if (P.nx->t == T_ID)
		parse_c_type();             /* "char c": a C type Popcorn lacks */
	if (parse_type_start()) {
		s = mks(S_DECL, at);
		s->dty = parse_type();
		at = P.tk;
		s->name = parse_ident("a variable name");
		s->line = at->line;
		s->col = at->col;
		if (P.tk->t == T_LBRACK)
			popc_error(P.tk->line, P.tk->col,
			           "arrays are global storage: declare '%s' outside functions", s->name);
		if (parse_accept(T_ASSIGN))
			s->e = parse_expr();
		return s;
	}
	e = parse_expr();
	if (P.tk->t == T_ASSIGN || P.tk->t == T_OPASSIGN || P.tk->t == T_INC || P.tk->t == T_DEC) {
		s = mks(S_ASSIGN, P.tk);
		s->lhs = e;
		s->op = P.tk->t == T_ASSIGN ? T_ASSIGN : P.tk->t == T_OPASSIGN ? P.tk->op :
		        P.tk->t == T_INC ? T_PLUS : T_MINUS;
		if (P.tk->t == T_INC || P.tk->t == T_DEC) {
			s->e = parse_mk(E_NUM, P.tk);
			s->e->num = 1;
			parse_next();
		} else {
			parse_next();
			s->e = parse_expr();
		}
		return s;
	}
	if (e->k != E_CALL)
		popc_error(e->line, e->col, "an expression statement must be a call or an assignment");
	s = mks(S_EXPR, at);
	s->e = e;
	return s;
}

static struct stmt *nested(void);

/* One statement, with its ';' if it takes one. */
static struct stmt *statement(void)
{
	struct stmt *s;

	parse_enter();
	s = nested();
	parse_leave();
	return s;
}

/* The statement of statement(), one level deeper. */
static struct stmt *nested(void)
{
	struct token *at = P.tk;
	struct stmt *s;

	if (P.tk->t == T_LBRACE)
		return parse_block();
	if (parse_accept(T_SEMI))
		return mks(S_EMPTY, at);
	if (parse_accept(T_IF)) {
		s = mks(S_IF, at);
		parse_expect(T_LPAREN);
		s->e = parse_expr();
		parse_expect(T_RPAREN);
		s->body = statement();
		if (parse_accept(T_ELSE))
			s->els = statement();
		return s;
	}
	if (parse_accept(T_WHILE)) {
		s = mks(S_WHILE, at);
		parse_expect(T_LPAREN);
		s->e = parse_expr();
		parse_expect(T_RPAREN);
		s->body = statement();
		return s;
	}
	if (parse_accept(T_FOR)) {
		s = mks(S_FOR, at);
		parse_expect(T_LPAREN);
		if (!parse_accept(T_SEMI)) {
			s->init = simple();
			parse_expect(T_SEMI);
		}
		if (P.tk->t != T_SEMI)
			s->e = parse_expr();
		parse_expect(T_SEMI);
		if (P.tk->t != T_RPAREN)
			s->step = simple();
		parse_expect(T_RPAREN);
		s->body = statement();
		return s;
	}
	if (parse_accept(T_BREAK) || parse_accept(T_CONTINUE)) {
		s = mks(at->t == T_BREAK ? S_BREAK : S_CONTINUE, at);
		parse_expect(T_SEMI);
		return s;
	}
	if (parse_accept(T_RETURN)) {
		s = mks(S_RETURN, at);
		if (P.tk->t != T_SEMI)
			s->e = parse_expr();
		parse_expect(T_SEMI);
		return s;
	}
	if (parse_accept(T_THROW)) {
		s = mks(S_THROW, at);
		s->code = parse_const_expr();
		if (s->code <= 0)
			popc_error(at->line, at->col, "an exception code is a positive constant");
		parse_expect(T_SEMI);
		return s;
	}
	if (parse_accept(T_TRY)) {
		s = mks(S_TRY, at);
		s->body = parse_block();
		at = P.tk;
		parse_expect(T_CATCH);
		if (parse_accept(T_LPAREN)) {
			at = P.tk;
			s->var = popc_alloc(sizeof *s->var);
			s->var->name = parse_ident("the name of the exception code variable");
			s->var->ty.k = TY_INT;
			s->var->line = at->line;
			s->var->col = at->col;
			s->var->param = -1;
			parse_expect(T_RPAREN);
		}
		s->els = parse_block();
		return s;
	}
	s = simple();
	parse_expect(T_SEMI);
	return s;
}
