/*
 * popc checker, expressions: gives every expression its type, binds its
 * names (a local, a constant, a global; a function or a kernel interface
 * for a call), and records what later phases need: the call sites of the
 * call graph, exception sites (index, nullable field, division), the
 * string literals named by interface arguments, and variable uses.
 *
 * Invariant: an expression is typed after its operands; a name that is a
 * constant becomes E_NUM and a name of a global becomes E_GLOBAL, so every
 * E_VAR left is bound to its local or parameter (e->var).
 */
#include "check.h"
#include <string.h>
#include <talos/ext_iface.h>
#include <talos/param.h>

/* ---- Types ---- */

/* Are A and B the same type? int and bool are one type here. */
bool popc_same_type(struct ptype a, struct ptype b)
{
	if (a.k != b.k)
		return (a.k == TY_INT || a.k == TY_BOOL) && (b.k == TY_INT || b.k == TY_BOOL);
	if (a.k == TY_REF || a.k == TY_NREF)
		return a.st == b.st;
	if (a.k == TY_ARR)
		return a.elem == b.elem && a.len == b.len && a.st == b.st;
	return true;
}

/* Write the source spelling of T ("struct s?", "int[4]") to BUF of N bytes. */
void popc_type_name(struct ptype t, char *buf, size_t n)
{
	static const char *const base[] = { "void", "int", "bool", "task" };

	switch (t.k) {
	case TY_REF:  snprintf(buf, n, "struct %s", t.st->name); break;
	case TY_NREF: snprintf(buf, n, "struct %s?", t.st->name); break;
	case TY_NULL: snprintf(buf, n, "null"); break;
	case TY_STR:  snprintf(buf, n, "a string literal"); break;
	case TY_ARR:
		if (t.elem == TY_NREF)
			snprintf(buf, n, "struct %s?[%d]", t.st->name, t.len);
		else
			snprintf(buf, n, "%s[%d]", base[t.elem], t.len);
		break;
	default:      snprintf(buf, n, "%s", base[t.k]); break;
	}
}

/* int and bool mix freely: both are one word. */
bool check_numeric(struct ptype t)
{
	return t.k == TY_INT || t.k == TY_BOOL;
}

/* Can a value of type SRC be stored where DST is expected? */
static bool assignable(struct ptype dst, struct ptype src)
{
	if (check_numeric(dst))
		return check_numeric(src);
	if (dst.k == TY_NREF)
		return src.k == TY_NULL || ((src.k == TY_NREF || src.k == TY_REF) && src.st == dst.st);
	return dst.k != TY_VOID && popc_same_type(dst, src);
}

/* Report an error at E, naming WHAT, unless E can be stored as WANT. */
void check_need_type(struct expr *e, struct ptype want, const char *what)
{
	char a[64], b[64];

	if (assignable(want, e->ty))
		return;
	popc_type_name(want, a, sizeof a);
	popc_type_name(e->ty, b, sizeof b);
	popc_error(e->line, e->col, "%s: expected %s, found %s", what, a, b);
}

/* Report an error at E, naming WHAT, unless E is int or bool. */
void check_need_numeric(struct expr *e, const char *what)
{
	char b[64];

	if (check_numeric(e->ty))
		return;
	popc_type_name(e->ty, b, sizeof b);
	popc_error(e->line, e->col, "%s must be int or bool, not %s", what, b);
}

/* The number of string literal S (at A), added to the program's list if
 * new. The kernel resolves at most PARAM_EXT_NAMES names of an extension
 * against attributes (ext/load.c), so a program has no more. */
static int string_id(const char *s, const struct expr *a)
{
	int i;

	for (i = 0; i < C.prog->nstrs; i++)
		if (!strcmp(C.prog->strs[i], s))
			return i;
	if (C.prog->nstrs == PARAM_EXT_NAMES)
		popc_error(a->line, a->col, "too many distinct names: an extension may use at most "
		           "%d (PARAM_EXT_NAMES), and this is one more", PARAM_EXT_NAMES);
	if (C.prog->nstrs % 16 == 0) {
		char **n = popc_alloc(sizeof *n * (size_t)(C.prog->nstrs + 16));
		if (C.prog->nstrs)
			memcpy(n, C.prog->strs, sizeof *n * (size_t)C.prog->nstrs);
		C.prog->strs = n;
	}
	C.prog->strs[C.prog->nstrs] = (char *)s;
	return C.prog->nstrs++;
}

/* ---- Suggestions for misspelt names ---- */

/* Edit distance of A and B (insertions, deletions, substitutions), or a
 * large number once it passes 2: only close names are worth suggesting. */
static int distance(const char *a, const char *b)
{
	int la = (int)strlen(a), lb = (int)strlen(b), i, j;
	int row[POPC_NAME_MAX + 2], prev, cur, best;

	if (la > POPC_NAME_MAX || lb > POPC_NAME_MAX || la - lb > 2 || lb - la > 2)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		best = row[0];
		for (j = 1; j <= lb; j++) {
			cur = row[j];
			row[j] = prev + (a[i - 1] != b[j - 1]);
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			if (cur + 1 < row[j])
				row[j] = cur + 1;
			prev = cur;
			if (row[j] < best)
				best = row[j];
		}
		if (best > 2)
			return 99;
	}
	return row[lb];
}

/* Keep CAND in *BEST if it is closer to NAME than what *BEST holds. */
static void closer(const char *name, const char *cand, const char **best, int *d)
{
	int k = distance(name, cand);

	if (k < *d && k <= (strlen(name) > 3 ? 2 : 1)) {
		*d = k;
		*best = cand;
	}
}

/* " (did you mean 'X'?)" for the visible name closest to NAME, or "".
 * FUNCS: look at functions and interfaces, else at variables, constants
 * and globals. The text is in a static buffer. */
static const char *suggest(const char *name, bool funcs)
{
	static char buf[POPC_NAME_MAX + 32];
	const char *best = NULL;
	int d = 99, i;

	if (funcs) {
		for (i = 0; i < C.prog->nfuncs; i++)
			closer(name, C.prog->funcs[i]->name, &best, &d);
		for (i = 0; i < popc_niface; i++)
			closer(name, popc_ifaces[i].name, &best, &d);
	} else {
		for (i = 0; i < C.nscope; i++)
			closer(name, C.scope[i]->name, &best, &d);
		for (i = 0; i < C.prog->nconsts; i++)
			closer(name, C.prog->consts[i].name, &best, &d);
		for (i = 0; i < C.prog->nglobals; i++)
			closer(name, C.prog->globals[i]->name, &best, &d);
	}
	if (!best)
		return "";
	snprintf(buf, sizeof buf, " (did you mean '%s'?)", best);
	return buf;
}

/* ---- Expressions ---- */

/* Check a call of a kernel interface (a name argument must be a short
 * string literal) or of a function of the program (its call site is
 * recorded for the call graph). */
static void call(struct expr *e)
{
	char what[128];
	int i, k;
	struct pfunc *g;
	struct pcall *c;

	C.fn->makes_call = true;
	if ((k = popc_iface_find(e->name)) >= 0) {
		const char *args = popc_ifaces[k].args;
		e->iface = k;
		C.prog->iface_used[k] = true;
		e->ty.k = TY_INT;
		if (e->nargs != (int)strlen(args))
			popc_error(e->line, e->col, "interface %s takes %d argument(s), not %d",
			           e->name, (int)strlen(args), e->nargs);
		for (i = 0; i < e->nargs; i++) {
			struct expr *a = e->args[i];
			snprintf(what, sizeof what, "argument %d of %s", i + 1, e->name);
			if (args[i] == 'n') {
				if (a->k != E_STR)
					popc_error(a->line, a->col, "%s must be a string literal (a name)", what);
				if (strlen(a->name) > EXT_NAME_LEN - 1)
					popc_error(a->line, a->col, "%s: a name has at most %d characters",
					           what, EXT_NAME_LEN - 1);
				a->ty.k = TY_STR;
				a->str_id = string_id(a->name, a);
				continue;
			}
			check_expr(a);
			check_need_type(a, (struct ptype){ .k = args[i] == 't' ? TY_TASK : TY_INT },
			                what);
		}
		return;
	}
	if (!(g = check_find_func(e->name)))
		popc_error(e->line, e->col, "unknown function or interface '%s'%s", e->name,
		           suggest(e->name, true));
	e->fn = g;
	e->ty = g->ret;
	if (e->nargs != g->nparams)
		popc_error(e->line, e->col, "%s takes %d argument(s), not %d", g->name,
		           g->nparams, e->nargs);
	for (i = 0; i < e->nargs; i++) {
		check_expr(e->args[i]);
		snprintf(what, sizeof what, "argument %d of %s", i + 1, g->name);
		check_need_type(e->args[i], g->params[i]->ty, what);
	}
	g->called = true;
	if (C.fn->ncalls % 16 == 0) {
		struct pcall *n = popc_alloc(sizeof *n * (size_t)(C.fn->ncalls + 16));
		if (C.fn->ncalls)
			memcpy(n, C.fn->calls, sizeof *n * (size_t)C.fn->ncalls);
		C.fn->calls = n;
	}
	c = &C.fn->calls[C.fn->ncalls++];
	c->callee = g;
	c->in_try = C.try_depth > 0;
	c->line = e->line;
	c->col = e->col;
}

/* Bind name E: a local or parameter, else a constant (folded to a number),
 * else a global. */
static void name(struct expr *e)
{
	struct pglobal *g;
	int32_t v;

	if ((e->var = check_find_var(e->name))) {
		e->ty = e->var->ty;
		check_use(e->var);
		return;
	}
	if (popc_fold(e, &v)) {
		e->k = E_NUM;
		e->num = v;
		e->ty.k = TY_INT;
		return;
	}
	if (!(g = check_find_global(e->name)))
		popc_error(e->line, e->col, "unknown name '%s'%s", e->name, suggest(e->name, false));
	e->k = E_GLOBAL;
	e->glob = g;
	e->ty = g->ty;
}

/* Type a binary operator: == and != also compare a reference with null
 * (the reference is put on the left); the others take int or bool. */
static void binary(struct expr *e)
{
	char a[64], b[64];
	int32_t v;

	check_expr(e->a);
	check_expr(e->b);
	e->ty.k = TY_INT;
	if (e->op == T_EQ || e->op == T_NE) {
		struct ptype x = e->a->ty, y = e->b->ty;
		if ((x.k == TY_REF || x.k == TY_NREF) && y.k == TY_NULL)
			return;
		if (x.k == TY_NULL && (y.k == TY_REF || y.k == TY_NREF)) {
			struct expr *t = e->a;     /* keep the reference on the left */
			e->a = e->b;
			e->b = t;
			return;
		}
		if (!check_numeric(x) || !check_numeric(y)) {
			popc_type_name(x, a, sizeof a);
			popc_type_name(y, b, sizeof b);
			popc_error(e->line, e->col, "cannot compare %s with %s%s", a, b,
			           x.k == TY_REF || x.k == TY_NREF ?
			           " (references compare only with null)" : "");
		}
		return;
	}
	check_need_numeric(e->a, "the left operand");
	check_need_numeric(e->b, "the right operand");
	if (e->op == T_SLASH || e->op == T_PERCENT) {
		if (!popc_fold(e->b, &v))
			check_raise_site();
		else if (v == 0)
			popc_error(e->b->line, e->b->col, "division by zero");
	}
}

/* Type E and check it against the rules of the language. */
void check_expr(struct expr *e)
{
	int32_t v;

	switch (e->k) {
	case E_NUM:
		e->ty.k = TY_INT;
		return;
	case E_NULL:
		e->ty.k = TY_NULL;
		return;
	case E_STR:
		popc_error(e->line, e->col,
		           "a string literal is only an interface's name argument");
	case E_VAR:
		name(e);
		return;
	case E_GLOBAL:
		return;
	case E_CALL:
		call(e);
		return;
	case E_INDEX:
		check_expr(e->a);
		check_expr(e->b);
		if (e->a->ty.k != TY_ARR)
			popc_error(e->line, e->col, "only arrays can be indexed");
		check_need_numeric(e->b, "an index");
		if (popc_fold(e->b, &v)) {
			if (v < 0 || v >= e->a->ty.len)
				popc_error(e->b->line, e->b->col, "index %d is outside the array of %d",
				           v, e->a->ty.len);
		} else {
			check_raise_site();
		}
		e->ty.k = e->a->ty.elem;
		e->ty.st = e->a->ty.st;
		return;
	case E_FIELD:
		check_expr(e->a);
		if (e->a->ty.k != TY_REF && e->a->ty.k != TY_NREF)
			popc_error(e->line, e->col, "'.%s' needs a struct", e->name);
		for (int i = 0; i < e->a->ty.st->nf; i++)
			if (!strcmp(e->a->ty.st->f[i].name, e->name))
				e->field = &e->a->ty.st->f[i];
		if (!e->field)
			popc_error(e->line, e->col, "struct %s has no field %s", e->a->ty.st->name, e->name);
		if (e->a->ty.k == TY_NREF)
			check_raise_site();
		e->ty = e->field->ty;
		return;
	case E_UNARY:
		check_expr(e->a);
		check_need_numeric(e->a, "the operand");
		e->ty.k = TY_INT;
		return;
	case E_BINARY:
		binary(e);
		return;
	}
}
