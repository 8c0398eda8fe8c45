/*
 * popc checker: resolves names (locals, parameters, constants, globals,
 * functions, kernel interfaces), gives every expression its type, checks
 * every statement against the rules of docs/popcorn.md, and records what
 * the code generator and order.c need: call sites, exception sites outside
 * every try, string literals, interfaces used, and variable use weights.
 * This file holds the entry point, the names in scope and the checks of
 * declarations; checkexpr.c types expressions, checkstmt.c checks
 * statements.
 *
 * Invariant: after popc_check returns, every expression has a type, every
 * name is bound, and the program breaks no rule of the language; the code
 * generator never has to report a user error.
 */
#include "check.h"
#include <string.h>
#include <talos/param.h>

struct checker C;

/* ---- Names ---- */

static struct pstruct *find_struct(const char *name)
{
	int i;

	for (i = 0; i < C.prog->nstructs; i++)
		if (!strcmp(C.prog->structs[i]->name, name))
			return C.prog->structs[i];
	return NULL;
}

/* Replace the parser's struct stub in T by the declared struct. */
void check_resolve_type(struct ptype *t)
{
	struct pstruct *s;

	if (!t->st)
		return;
	if (!(s = find_struct(t->st->name)))
		popc_error(t->st->line, t->st->col, "unknown struct %s", t->st->name);
	t->st = s;
}

/* The global named NAME, or NULL. */
struct pglobal *check_find_global(const char *name)
{
	int i;

	for (i = 0; i < C.prog->nglobals; i++)
		if (!strcmp(C.prog->globals[i]->name, name))
			return C.prog->globals[i];
	return NULL;
}

/* The function of the program named NAME, or NULL. */
struct pfunc *check_find_func(const char *name)
{
	int i;

	for (i = 0; i < C.prog->nfuncs; i++)
		if (!strcmp(C.prog->funcs[i]->name, name))
			return C.prog->funcs[i];
	return NULL;
}

/* The innermost visible local or parameter named NAME, or NULL. */
struct pvar *check_find_var(const char *name)
{
	int i;

	for (i = C.nscope; i-- > 0;)
		if (!strcmp(C.scope[i]->name, name))
			return C.scope[i];
	return NULL;
}

static bool is_const(const char *name)
{
	int i;

	for (i = 0; i < C.prog->nconsts; i++)
		if (!strcmp(C.prog->consts[i].name, name))
			return true;
	return false;
}

/* Make V visible until the current block ends and add it to the
 * function's variables; a name already visible or a constant's name is an
 * error. */
void check_declare(struct pvar *v)
{
	struct pvar *old = check_find_var(v->name);

	if (old)
		popc_error(v->line, v->col, "'%s' is already declared (line %d)", v->name, old->line);
	if (is_const(v->name))
		popc_error(v->line, v->col, "'%s' is a constant", v->name);
	if (C.nscope == (int)(sizeof C.scope / sizeof C.scope[0]))
		popc_error(v->line, v->col, "too many variables in scope");
	C.scope[C.nscope++] = v;
	v->next_all = C.fn->vars;
	C.fn->vars = v;
	v->reg = -1;
}

/* Count a use of V, weighted by 8 for each enclosing loop (up to 4): the
 * priority of V for a register home. */
void check_use(struct pvar *v)
{
	long w = 1;
	int i;

	for (i = 0; i < C.loop_depth && i < 4; i++)
		w *= 8;
	v->weight += w;
}

/* An exception may be raised here (bounds, null, divide, throw): outside
 * every try, the function raises. order.c handles exceptions that leave
 * a call. */
void check_raise_site(void)
{
	if (!C.try_depth)
		C.fn->raises_here = true;
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

	check_resolve_type(&g->ty);
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
	if (check_find_func(g->name))
		popc_error(g->line, g->col, "'%s' is also a function", g->name);
	if (is_const(g->name))
		popc_error(g->line, g->col, "'%s' is also a constant", g->name);
	for (i = 0; C.prog->globals[i] != g; i++)
		if (!strcmp(C.prog->globals[i]->name, g->name))
			popc_error(g->line, g->col, "global '%s' is already defined", g->name);
}

static void check_signature(struct pfunc *f)
{
	int i;

	check_func_name(f);
	check_resolve_type(&f->ret);
	if (f->ret.k == TY_TASK)
		popc_error(f->line, f->col, "a function cannot return a task");
	if (f->nparams > TAL_MAX_ARGS)
		popc_error(f->line, f->col, "%s has more than %d parameters", f->name, TAL_MAX_ARGS);
	for (i = 0; i < f->nparams; i++) {
		struct pvar *v = f->params[i];
		check_resolve_type(&v->ty);
		if (v->ty.k == TY_VOID)
			popc_error(v->line, v->col, "a parameter cannot be void");
		if ((f->exported || f->handler) && !check_numeric(v->ty) && v->ty.k != TY_TASK)
			popc_error(v->line, v->col, "parameters of an exported function are int, bool or task");
	}
	if ((f->exported || f->handler) && !check_numeric(f->ret))
		popc_error(f->line, f->col, "an exported function returns int or bool");
	if (f->exported && f->nparams > PARAM_EXT_ARGS)
		popc_error(f->line, f->col, "an exported function has at most %d parameters",
		           PARAM_EXT_ARGS);
	if (f->handler && (f->nparams != 1 || !check_numeric(f->params[0]->ty)))
		popc_error(f->line, f->col, "the handler is 'handler int NAME(int code)'");
	for (i = 0; C.prog->funcs[i] != f; i++) {
		if (!strcmp(C.prog->funcs[i]->name, f->name))
			popc_error(f->line, f->col, "function '%s' is already defined", f->name);
		if (f->handler && C.prog->funcs[i]->handler)
			popc_error(f->line, f->col, "only one function can be the handler");
	}
}

/* A prototype must agree with its function in everything but parameter
 * names: export or handler, result, parameter count and types. */
static void check_prototype(struct pfunc *d)
{
	struct pfunc *f = check_find_func(d->name);
	char a[64], b[64];
	int i;

	if (!f)
		popc_error(d->line, d->col, "%s is declared but never defined", d->name);
	check_resolve_type(&d->ret);
	if (d->exported != f->exported || d->handler != f->handler)
		popc_error(d->line, d->col, "this declaration of %s and its definition (line %d) "
		           "differ in export or handler", d->name, f->line);
	if (!popc_same_type(d->ret, f->ret) || d->ret.k != f->ret.k) {
		popc_type_name(d->ret, a, sizeof a);
		popc_type_name(f->ret, b, sizeof b);
		popc_error(d->line, d->col, "%s is declared to return %s, but its definition (line "
		           "%d) returns %s", d->name, a, f->line, b);
	}
	if (d->nparams != f->nparams)
		popc_error(d->line, d->col, "%s is declared with %d parameter(s), but its definition "
		           "(line %d) has %d", d->name, d->nparams, f->line, f->nparams);
	for (i = 0; i < d->nparams; i++) {
		check_resolve_type(&d->params[i]->ty);
		if (!popc_same_type(d->params[i]->ty, f->params[i]->ty) ||
		    d->params[i]->ty.k != f->params[i]->ty.k) {
			popc_type_name(d->params[i]->ty, a, sizeof a);
			popc_type_name(f->params[i]->ty, b, sizeof b);
			popc_error(d->params[i]->line, d->params[i]->col, "parameter %d of %s is "
			           "declared %s, but its definition (line %d) has %s", i + 1, d->name,
			           a, f->line, b);
		}
	}
}

static void check_body(struct pfunc *f)
{
	int i;

	C.fn = f;
	C.nscope = 0;
	for (i = 0; i < f->nparams; i++)
		check_declare(f->params[i]);
	check_stmt(f->body);
	if (f->ret.k != TY_VOID && check_falls(f->body))
		popc_error(f->line, f->col, "%s can reach its end without returning a value", f->name);
}

void popc_check(struct program *p)
{
	struct pfunc **source_order;
	int i, j;

	memset(&C, 0, sizeof C);
	C.prog = p;
	C.prog->iface_used = popc_alloc(sizeof(bool) * (size_t)(popc_niface + 1));
	for (i = 0; i < p->nstructs; i++) {
		for (j = 0; j < i; j++)
			if (!strcmp(p->structs[j]->name, p->structs[i]->name))
				popc_error(p->structs[i]->line, p->structs[i]->col,
				           "struct %s is already defined", p->structs[i]->name);
		for (j = 0; j < p->structs[i]->nf; j++) {
			struct pfield *f = &p->structs[i]->f[j];
			check_resolve_type(&f->ty);
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
	for (i = 0; i < p->nprotos; i++)
		check_prototype(p->protos[i]);
	for (i = 0; i < p->nfuncs; i++)
		check_body(p->funcs[i]);
	source_order = popc_alloc(sizeof *source_order * (size_t)(p->nfuncs + 1));
	if (p->nfuncs)
		memcpy(source_order, p->funcs, sizeof *source_order * (size_t)p->nfuncs);
	popc_order(p);
	popc_limits(p, source_order);
	for (i = 0; i < p->nfuncs && !p->funcs[i]->exported; i++)
		;
	if (i == p->nfuncs)
		fprintf(stderr, "%s: warning: no function is exported: the kernel can call "
		        "nothing in this program (write 'export' before one)\n", p->file);
}
