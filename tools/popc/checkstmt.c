/*
 * popc checker, statements: checks each statement against the rules of
 * docs/popcorn.md (declarations, assignments, conditions, loops, break and
 * continue, return, try and throw) and decides whether control can fall
 * off the end of a function body.
 *
 * Invariant: a statement leaves C.nscope as it found it, except a
 * declaration, whose name stays visible to the end of the enclosing block.
 */
#include "check.h"

/* Reject an assignment target that is not a variable, an element, a
 * field or a scalar global. */
static void check_lvalue(struct expr *e)
{
	if (e->k == E_GLOBAL && (e->ty.k == TY_REF || e->ty.k == TY_ARR))
		popc_error(e->line, e->col, "'%s' is global storage, not a variable: assign its "
		           "fields or elements", e->name);
	if (e->k != E_VAR && e->k != E_GLOBAL && e->k != E_INDEX && e->k != E_FIELD)
		popc_error(e->line, e->col, "cannot assign to this expression");
}

/* A local declaration: its type, its initial value, and its name in
 * scope. */
static void decl(struct stmt *s)
{
	struct pvar *v = popc_alloc(sizeof *v);
	char t[64];

	check_resolve_type(&s->dty);
	v->name = s->name;
	v->ty = s->dty;
	v->line = s->line;
	v->col = s->col;
	v->param = -1;
	if (v->ty.k == TY_VOID)
		popc_error(s->line, s->col, "a variable cannot be void");
	if (s->e) {
		check_expr(s->e);
		popc_type_name(v->ty, t, sizeof t);
		check_need_type(s->e, v->ty, "the initial value");
	} else if (v->ty.k == TY_TASK || v->ty.k == TY_REF) {
		popc_type_name(v->ty, t, sizeof t);
		popc_error(s->line, s->col, "a %s variable needs an initial value", t);
	}
	if (v->ty.k == TY_NREF && (!s->e || s->e->ty.k == TY_NULL))
		v->ty.st->need_null = true;
	check_declare(v);
	check_use(v);
	s->var = v;
}

/* An assignment, "=" or compound (int or bool on both sides). */
static void assign(struct stmt *s)
{
	int32_t v;

	check_expr(s->lhs);
	check_lvalue(s->lhs);
	if (s->lhs->k == E_VAR)
		check_use(s->lhs->var);
	check_expr(s->e);
	if (s->op == T_ASSIGN) {
		check_need_type(s->e, s->lhs->ty, "the assigned value");
		if (s->e->ty.k == TY_NULL && s->lhs->k == E_VAR)
			s->lhs->ty.st->need_null = true;
		return;
	}
	check_need_numeric(s->lhs, "the target of a compound assignment");
	check_need_numeric(s->e, "the value of a compound assignment");
	if ((s->op == T_SLASH || s->op == T_PERCENT)) {
		if (!popc_fold(s->e, &v))
			check_raise_site();
		else if (v == 0)
			popc_error(s->e->line, s->e->col, "division by zero");
	}
}

/* The condition of an if, while or for: int or bool. */
static void cond(struct expr *e)
{
	check_expr(e);
	if (!check_numeric(e->ty))
		popc_error(e->line, e->col, "a condition is int or bool (compare a reference with null)");
}

/* Check S and the statements in it. */
void check_stmt(struct stmt *s)
{
	int height = C.nscope;

	switch (s->k) {
	case S_BLOCK:
		for (struct stmt *c = s->body; c; c = c->next)
			check_stmt(c);
		break;
	case S_DECL:
		decl(s);
		return;               /* the name stays visible to the end of the block */
	case S_ASSIGN:
		assign(s);
		break;
	case S_EXPR:
		check_expr(s->e);
		break;
	case S_IF:
		cond(s->e);
		check_stmt(s->body);
		if (s->els)
			check_stmt(s->els);
		break;
	case S_WHILE:
	case S_FOR:
		if (s->init)
			check_stmt(s->init);
		C.loop_depth++;
		if (s->e)
			cond(s->e);
		check_stmt(s->body);
		if (s->step)
			check_stmt(s->step);
		C.loop_depth--;
		break;
	case S_BREAK:
	case S_CONTINUE:
		if (!C.loop_depth)
			popc_error(s->line, s->col, "%s outside a loop",
			           s->k == S_BREAK ? "break" : "continue");
		break;
	case S_RETURN:
		if (s->e) {
			check_expr(s->e);
			if (C.fn->ret.k == TY_VOID)
				popc_error(s->line, s->col, "void function %s returns no value", C.fn->name);
			check_need_type(s->e, C.fn->ret, "the returned value");
			if (s->e->ty.k == TY_NULL)
				C.fn->ret.st->need_null = true;
		} else if (C.fn->ret.k != TY_VOID) {
			popc_error(s->line, s->col, "%s must return a value", C.fn->name);
		}
		break;
	case S_TRY:
		C.try_depth++;
		check_stmt(s->body);
		C.try_depth--;
		if (s->var)
			check_declare(s->var);
		check_stmt(s->els);
		break;
	case S_THROW:
		check_raise_site();
		break;
	case S_EMPTY:
		break;
	}
	C.nscope = height;
}

/* Can a break in S leave the loop whose body S is? */
static bool has_break(const struct stmt *s)
{
	if (!s)
		return false;
	switch (s->k) {
	case S_BREAK:
		return true;
	case S_BLOCK:
		for (s = s->body; s; s = s->next)
			if (has_break(s))
				return true;
		return false;
	case S_IF:
		return has_break(s->body) || has_break(s->els);
	case S_TRY:
		return has_break(s->body) || has_break(s->els);
	default:
		return false;            /* a nested loop's breaks are its own */
	}
}

/* Does control reach the end of S? (return, throw, break and continue do
 * not; an endless loop without break does not). */
bool check_falls(const struct stmt *s)
{
	int32_t v;

	switch (s->k) {
	case S_BLOCK:
		for (s = s->body; s; s = s->next)
			if (!check_falls(s))
				return false;
		return true;
	case S_RETURN: case S_THROW: case S_BREAK: case S_CONTINUE:
		return false;
	case S_IF:
		return !s->els || check_falls(s->body) || check_falls(s->els);
	case S_WHILE:
	case S_FOR:
		return (s->e && !(popc_fold(s->e, &v) && v)) || has_break(s->body);
	case S_TRY:
		return check_falls(s->body) || check_falls(s->els);
	default:
		return true;
	}
}
