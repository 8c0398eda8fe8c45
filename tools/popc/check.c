/*
 * popc checker: resolves names (locals, parameters, constants, globals,
 * functions, kernel interfaces), gives every expression its type, checks
 * every statement against the rules of docs/popcorn.md, and records what
 * the code generator and order.c need: call sites, exception sites outside
 * every try, string literals, interfaces used, and variable use weights.
 *
 * Invariant: after popc_check returns, every expression has a type, every
 * name is bound, and the program breaks no rule of the language; the code
 * generator never has to report a user error.
 */
#include "popc.h"
#include <string.h>
#include <talos/ext_iface.h>
#include <talos/param.h>

static struct program *prog;
static struct pfunc *fn;             /* function being checked */
static int loop_depth, try_depth;

/* Visible local names: a stack; a block remembers its height. */
static struct pvar *scope[1024];
static int nscope;

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

static bool numeric(struct ptype t)
{
	return t.k == TY_INT || t.k == TY_BOOL;
}

/* Can a value of type SRC be stored where DST is expected? */
static bool assignable(struct ptype dst, struct ptype src)
{
	if (numeric(dst))
		return numeric(src);
	if (dst.k == TY_NREF)
		return src.k == TY_NULL || ((src.k == TY_NREF || src.k == TY_REF) && src.st == dst.st);
	return dst.k != TY_VOID && popc_same_type(dst, src);
}

static void need_type(struct expr *e, struct ptype want, const char *what)
{
	char a[64], b[64];

	if (assignable(want, e->ty))
		return;
	popc_type_name(want, a, sizeof a);
	popc_type_name(e->ty, b, sizeof b);
	popc_error(e->line, e->col, "%s: expected %s, found %s", what, a, b);
}

static void need_numeric(struct expr *e, const char *what)
{
	char b[64];

	if (numeric(e->ty))
		return;
	popc_type_name(e->ty, b, sizeof b);
	popc_error(e->line, e->col, "%s must be int or bool, not %s", what, b);
}

/* An exception may be raised here (bounds, null, divide, throw, call). */
static void raise_site(void)
{
	if (!try_depth)
		fn->raises_here = true;
}

static struct pstruct *find_struct(const char *name)
{
	int i;

	for (i = 0; i < prog->nstructs; i++)
		if (!strcmp(prog->structs[i]->name, name))
			return prog->structs[i];
	return NULL;
}

/* Replace the parser's struct stub in T by the declared struct. */
static void resolve_type(struct ptype *t)
{
	struct pstruct *s;

	if (!t->st)
		return;
	if (!(s = find_struct(t->st->name)))
		popc_error(t->st->line, t->st->col, "unknown struct %s", t->st->name);
	t->st = s;
}

static struct pglobal *find_global(const char *name)
{
	int i;

	for (i = 0; i < prog->nglobals; i++)
		if (!strcmp(prog->globals[i]->name, name))
			return prog->globals[i];
	return NULL;
}

static struct pfunc *find_func(const char *name)
{
	int i;

	for (i = 0; i < prog->nfuncs; i++)
		if (!strcmp(prog->funcs[i]->name, name))
			return prog->funcs[i];
	return NULL;
}

static struct pvar *find_var(const char *name)
{
	int i;

	for (i = nscope; i-- > 0;)
		if (!strcmp(scope[i]->name, name))
			return scope[i];
	return NULL;
}

static bool is_const(const char *name)
{
	int i;

	for (i = 0; i < prog->nconsts; i++)
		if (!strcmp(prog->consts[i].name, name))
			return true;
	return false;
}

static void declare(struct pvar *v)
{
	struct pvar *old = find_var(v->name);

	if (old)
		popc_error(v->line, v->col, "'%s' is already declared (line %d)", v->name, old->line);
	if (is_const(v->name))
		popc_error(v->line, v->col, "'%s' is a constant", v->name);
	if (nscope == (int)(sizeof scope / sizeof scope[0]))
		popc_error(v->line, v->col, "too many variables in scope");
	scope[nscope++] = v;
	v->next_all = fn->vars;
	fn->vars = v;
	v->reg = -1;
}

static void use(struct pvar *v)
{
	long w = 1;
	int i;

	for (i = 0; i < loop_depth && i < 4; i++)
		w *= 8;
	v->weight += w;
}

static int string_id(const char *s)
{
	int i;

	for (i = 0; i < prog->nstrs; i++)
		if (!strcmp(prog->strs[i], s))
			return i;
	if (prog->nstrs % 16 == 0) {
		char **n = popc_alloc(sizeof *n * (size_t)(prog->nstrs + 16));
		if (prog->nstrs)
			memcpy(n, prog->strs, sizeof *n * (size_t)prog->nstrs);
		prog->strs = n;
	}
	prog->strs[prog->nstrs] = (char *)s;
	return prog->nstrs++;
}

/* ---- Expressions ---- */

static void expr(struct expr *e);

static void call(struct expr *e)
{
	char what[128];
	int i, k;
	struct pfunc *g;
	struct pcall *c;

	fn->makes_call = true;
	if ((k = popc_iface_find(e->name)) >= 0) {
		const char *args = popc_ifaces[k].args;
		e->iface = k;
		prog->iface_used[k] = true;
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
				a->str_id = string_id(a->name);
				continue;
			}
			expr(a);
			need_type(a, (struct ptype){ .k = args[i] == 't' ? TY_TASK : TY_INT }, what);
		}
		return;
	}
	if (!(g = find_func(e->name)))
		popc_error(e->line, e->col, "unknown function or interface '%s'", e->name);
	e->fn = g;
	e->ty = g->ret;
	if (e->nargs != g->nparams)
		popc_error(e->line, e->col, "%s takes %d argument(s), not %d", g->name,
		           g->nparams, e->nargs);
	for (i = 0; i < e->nargs; i++) {
		expr(e->args[i]);
		snprintf(what, sizeof what, "argument %d of %s", i + 1, g->name);
		need_type(e->args[i], g->params[i]->ty, what);
	}
	g->called = true;
	if (fn->ncalls % 16 == 0) {
		struct pcall *n = popc_alloc(sizeof *n * (size_t)(fn->ncalls + 16));
		if (fn->ncalls)
			memcpy(n, fn->calls, sizeof *n * (size_t)fn->ncalls);
		fn->calls = n;
	}
	c = &fn->calls[fn->ncalls++];
	c->callee = g;
	c->in_try = try_depth > 0;
	c->line = e->line;
	c->col = e->col;
}

static void name(struct expr *e)
{
	struct pglobal *g;
	int32_t v;

	if ((e->var = find_var(e->name))) {
		e->ty = e->var->ty;
		use(e->var);
		return;
	}
	if (popc_fold(e, &v)) {
		e->k = E_NUM;
		e->num = v;
		e->ty.k = TY_INT;
		return;
	}
	if (!(g = find_global(e->name)))
		popc_error(e->line, e->col, "unknown name '%s'", e->name);
	e->k = E_GLOBAL;
	e->glob = g;
	e->ty = g->ty;
}

static void binary(struct expr *e)
{
	char a[64], b[64];
	int32_t v;

	expr(e->a);
	expr(e->b);
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
		if (!numeric(x) || !numeric(y)) {
			popc_type_name(x, a, sizeof a);
			popc_type_name(y, b, sizeof b);
			popc_error(e->line, e->col, "cannot compare %s with %s%s", a, b,
			           x.k == TY_REF || x.k == TY_NREF ?
			           " (references compare only with null)" : "");
		}
		return;
	}
	need_numeric(e->a, "the left operand");
	need_numeric(e->b, "the right operand");
	if (e->op == T_SLASH || e->op == T_PERCENT) {
		if (!popc_fold(e->b, &v))
			raise_site();
		else if (v == 0)
			popc_error(e->b->line, e->b->col, "division by zero");
	}
}

static void expr(struct expr *e)
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
		expr(e->a);
		expr(e->b);
		if (e->a->ty.k != TY_ARR)
			popc_error(e->line, e->col, "only arrays can be indexed");
		need_numeric(e->b, "an index");
		if (popc_fold(e->b, &v)) {
			if (v < 0 || v >= e->a->ty.len)
				popc_error(e->b->line, e->b->col, "index %d is outside the array of %d",
				           v, e->a->ty.len);
		} else {
			raise_site();
		}
		e->ty.k = e->a->ty.elem;
		e->ty.st = e->a->ty.st;
		return;
	case E_FIELD:
		expr(e->a);
		if (e->a->ty.k != TY_REF && e->a->ty.k != TY_NREF)
			popc_error(e->line, e->col, "'.%s' needs a struct", e->name);
		for (int i = 0; i < e->a->ty.st->nf; i++)
			if (!strcmp(e->a->ty.st->f[i].name, e->name))
				e->field = &e->a->ty.st->f[i];
		if (!e->field)
			popc_error(e->line, e->col, "struct %s has no field %s", e->a->ty.st->name, e->name);
		if (e->a->ty.k == TY_NREF)
			raise_site();
		e->ty = e->field->ty;
		return;
	case E_UNARY:
		expr(e->a);
		need_numeric(e->a, "the operand");
		e->ty.k = TY_INT;
		return;
	case E_BINARY:
		binary(e);
		return;
	}
}

/* ---- Statements ---- */

static void stmt(struct stmt *s);

static void check_lvalue(struct expr *e)
{
	if (e->k == E_GLOBAL && (e->ty.k == TY_REF || e->ty.k == TY_ARR))
		popc_error(e->line, e->col, "'%s' is global storage, not a variable: assign its "
		           "fields or elements", e->name);
	if (e->k != E_VAR && e->k != E_GLOBAL && e->k != E_INDEX && e->k != E_FIELD)
		popc_error(e->line, e->col, "cannot assign to this expression");
}

static void decl(struct stmt *s)
{
	struct pvar *v = popc_alloc(sizeof *v);
	char t[64];

	resolve_type(&s->dty);
	v->name = s->name;
	v->ty = s->dty;
	v->line = s->line;
	v->col = s->col;
	v->param = -1;
	if (v->ty.k == TY_VOID)
		popc_error(s->line, s->col, "a variable cannot be void");
	if (s->e) {
		expr(s->e);
		popc_type_name(v->ty, t, sizeof t);
		need_type(s->e, v->ty, "the initial value");
	} else if (v->ty.k == TY_TASK || v->ty.k == TY_REF) {
		popc_type_name(v->ty, t, sizeof t);
		popc_error(s->line, s->col, "a %s variable needs an initial value", t);
	}
	if (v->ty.k == TY_NREF && (!s->e || s->e->ty.k == TY_NULL))
		v->ty.st->need_null = true;
	declare(v);
	use(v);
	s->var = v;
}

static void assign(struct stmt *s)
{
	int32_t v;

	expr(s->lhs);
	check_lvalue(s->lhs);
	if (s->lhs->k == E_VAR)
		use(s->lhs->var);
	expr(s->e);
	if (s->op == T_ASSIGN) {
		need_type(s->e, s->lhs->ty, "the assigned value");
		if (s->e->ty.k == TY_NULL && s->lhs->k == E_VAR)
			s->lhs->ty.st->need_null = true;
		return;
	}
	need_numeric(s->lhs, "the target of a compound assignment");
	need_numeric(s->e, "the value of a compound assignment");
	if ((s->op == T_SLASH || s->op == T_PERCENT)) {
		if (!popc_fold(s->e, &v))
			raise_site();
		else if (v == 0)
			popc_error(s->e->line, s->e->col, "division by zero");
	}
}

static void cond(struct expr *e)
{
	expr(e);
	if (!numeric(e->ty))
		popc_error(e->line, e->col, "a condition is int or bool (compare a reference with null)");
}

static void stmt(struct stmt *s)
{
	int height = nscope;

	switch (s->k) {
	case S_BLOCK:
		for (struct stmt *c = s->body; c; c = c->next)
			stmt(c);
		break;
	case S_DECL:
		decl(s);
		return;               /* the name stays visible to the end of the block */
	case S_ASSIGN:
		assign(s);
		break;
	case S_EXPR:
		expr(s->e);
		break;
	case S_IF:
		cond(s->e);
		stmt(s->body);
		if (s->els)
			stmt(s->els);
		break;
	case S_WHILE:
	case S_FOR:
		if (s->init)
			stmt(s->init);
		loop_depth++;
		if (s->e)
			cond(s->e);
		stmt(s->body);
		if (s->step)
			stmt(s->step);
		loop_depth--;
		break;
	case S_BREAK:
	case S_CONTINUE:
		if (!loop_depth)
			popc_error(s->line, s->col, "%s outside a loop",
			           s->k == S_BREAK ? "break" : "continue");
		break;
	case S_RETURN:
		if (s->e) {
			expr(s->e);
			if (fn->ret.k == TY_VOID)
				popc_error(s->line, s->col, "void function %s returns no value", fn->name);
			need_type(s->e, fn->ret, "the returned value");
			if (s->e->ty.k == TY_NULL)
				fn->ret.st->need_null = true;
		} else if (fn->ret.k != TY_VOID) {
			popc_error(s->line, s->col, "%s must return a value", fn->name);
		}
		break;
	case S_TRY:
		try_depth++;
		stmt(s->body);
		try_depth--;
		if (s->var)
			declare(s->var);
		stmt(s->els);
		break;
	case S_THROW:
		raise_site();
		break;
	case S_EMPTY:
		break;
	}
	nscope = height;
}

/* Does control reach the end of S? (return, throw, break and continue do
 * not; an endless loop without break does not). */
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

static bool falls(const struct stmt *s)
{
	int32_t v;

	switch (s->k) {
	case S_BLOCK:
		for (s = s->body; s; s = s->next)
			if (!falls(s))
				return false;
		return true;
	case S_RETURN: case S_THROW: case S_BREAK: case S_CONTINUE:
		return false;
	case S_IF:
		return !s->els || falls(s->body) || falls(s->els);
	case S_WHILE:
	case S_FOR:
		return (s->e && !(popc_fold(s->e, &v) && v)) || has_break(s->body);
	case S_TRY:
		return falls(s->body) || falls(s->els);
	default:
		return true;
	}
}

/* ---- Declarations ---- */

/* Names the TAL assembler would read as something else. */
static void check_func_name(struct pfunc *f)
{
	static const char *const regs[] = { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi",
		"edi", "al", "cl", "dl", "bl", "ah", "ch", "dh", "bh" };
	size_t i;

	for (i = 0; i < sizeof regs / sizeof regs[0]; i++)
		if (!strcmp(f->name, regs[i]))
			popc_error(f->line, f->col, "'%s' is a register name: choose another function name",
			           f->name);
	if (!strncmp(f->name, "byte", 4) || !strncmp(f->name, "dword", 5))
		popc_error(f->line, f->col, "a function name may not begin with 'byte' or 'dword' "
		           "(TAL assembler keywords)");
	if (popc_iface_find(f->name) >= 0 || !strcmp(f->name, POPC_RAISE))
		popc_error(f->line, f->col, "'%s' is the name of a kernel interface", f->name);
}

static void check_global(struct pglobal *g)
{
	int words, i;

	resolve_type(&g->ty);
	if (g->ty.k == TY_VOID || g->ty.k == TY_TASK)
		popc_error(g->line, g->col, "a global cannot be %s (globals hold int, bool, "
		           "struct S?, structs and arrays)", g->ty.k == TY_VOID ? "void" : "a task");
	words = g->ty.k == TY_ARR ? g->ty.len : g->ty.k == TY_REF ? g->ty.st->nf : 1;
	if (g->ninit > words)
		popc_error(g->line, g->col, "%d initial values for %d word(s)", g->ninit, words);
	for (i = 0; i < g->ninit; i++) {
		bool ref = g->ty.k == TY_NREF || (g->ty.k == TY_ARR && g->ty.elem == TY_NREF) ||
		           (g->ty.k == TY_REF && g->ty.st->f[i].ty.k == TY_NREF);
		if (ref && g->init[i])
			popc_error(g->line, g->col, "a reference starts as null");
	}
	if (find_func(g->name))
		popc_error(g->line, g->col, "'%s' is also a function", g->name);
	if (is_const(g->name))
		popc_error(g->line, g->col, "'%s' is also a constant", g->name);
	for (i = 0; prog->globals[i] != g; i++)
		if (!strcmp(prog->globals[i]->name, g->name))
			popc_error(g->line, g->col, "global '%s' is already defined", g->name);
}

static void check_signature(struct pfunc *f)
{
	int i;

	check_func_name(f);
	resolve_type(&f->ret);
	if (f->ret.k == TY_TASK)
		popc_error(f->line, f->col, "a function cannot return a task");
	if (f->nparams > TAL_MAX_ARGS)
		popc_error(f->line, f->col, "%s has more than %d parameters", f->name, TAL_MAX_ARGS);
	for (i = 0; i < f->nparams; i++) {
		struct pvar *v = f->params[i];
		resolve_type(&v->ty);
		if (v->ty.k == TY_VOID)
			popc_error(v->line, v->col, "a parameter cannot be void");
		if ((f->exported || f->handler) && !numeric(v->ty) && v->ty.k != TY_TASK)
			popc_error(v->line, v->col, "parameters of an exported function are int, bool or task");
	}
	if ((f->exported || f->handler) && !numeric(f->ret))
		popc_error(f->line, f->col, "an exported function returns int or bool");
	if (f->exported && f->nparams > PARAM_EXT_ARGS)
		popc_error(f->line, f->col, "an exported function has at most %d parameters",
		           PARAM_EXT_ARGS);
	if (f->handler && (f->nparams != 1 || !numeric(f->params[0]->ty)))
		popc_error(f->line, f->col, "the handler is 'handler int NAME(int code)'");
	for (i = 0; prog->funcs[i] != f; i++) {
		if (!strcmp(prog->funcs[i]->name, f->name))
			popc_error(f->line, f->col, "function '%s' is already defined", f->name);
		if (f->handler && prog->funcs[i]->handler)
			popc_error(f->line, f->col, "only one function can be the handler");
	}
}

static void check_body(struct pfunc *f)
{
	int i;

	fn = f;
	nscope = 0;
	for (i = 0; i < f->nparams; i++)
		declare(f->params[i]);
	stmt(f->body);
	if (f->ret.k != TY_VOID && falls(f->body))
		popc_error(f->line, f->col, "%s can reach its end without returning a value", f->name);
}

void popc_check(struct program *p)
{
	int i, j;

	prog = p;
	prog->iface_used = popc_alloc(sizeof(bool) * (size_t)(popc_niface + 1));
	for (i = 0; i < p->nstructs; i++) {
		for (j = 0; j < i; j++)
			if (!strcmp(p->structs[j]->name, p->structs[i]->name))
				popc_error(p->structs[i]->line, p->structs[i]->col,
				           "struct %s is already defined", p->structs[i]->name);
		for (j = 0; j < p->structs[i]->nf; j++) {
			struct pfield *f = &p->structs[i]->f[j];
			resolve_type(&f->ty);
			for (int k = 0; k < j; k++)
				if (!strcmp(p->structs[i]->f[k].name, f->name))
					popc_error(p->structs[i]->line, p->structs[i]->col,
					           "struct %s has two fields named %s", p->structs[i]->name, f->name);
		}
	}
	for (i = 0; i < p->nglobals; i++)
		check_global(p->globals[i]);
	for (i = 0; i < p->nfuncs; i++)
		check_signature(p->funcs[i]);
	for (i = 0; i < p->nfuncs; i++)
		check_body(p->funcs[i]);
	popc_order(p);
}
