/*
 * popc call graph: rejects recursion (TAL lets a function call only
 * functions placed before it), orders functions so every callee comes
 * before its callers, and works out which functions can let an exception
 * escape (see docs/popcorn.md, "Exceptions").
 *
 * Invariant: after popc_order, prog->funcs is a topological order of the
 * call graph (callees first, otherwise source order), and may_raise is
 * exact for the flag protocol the code generator implements.
 */
#include "popc.h"
#include <string.h>

static struct program *prog;
static struct pfunc **out;           /* functions in emission order */
static int nout;
static struct pfunc *stack[4096];    /* DFS path, for the recursion message */
static int depth;

enum { WHITE, GREY, BLACK };

/* Append "a -> b -> ..." from the DFS path starting at FROM to BUF. */
static void cycle_text(char *buf, size_t n, struct pfunc *from, struct pfunc *to)
{
	size_t len = 0;
	int i = 0;

	while (i < depth && stack[i] != from)
		i++;
	for (; i < depth && len < n; i++)
		len += (size_t)snprintf(buf + len, n - len, "%s -> ", stack[i]->name);
	if (len < n)
		snprintf(buf + len, n - len, "%s", to->name);
}

static void visit(struct pfunc *f)
{
	char path[512];
	int i;

	f->mark = GREY;
	if (depth == (int)(sizeof stack / sizeof stack[0]))
		popc_error(f->line, f->col, "call chain too deep");
	stack[depth++] = f;
	for (i = 0; i < f->ncalls; i++) {
		struct pcall *c = &f->calls[i];
		if (c->callee->mark == GREY) {
			cycle_text(path, sizeof path, c->callee, c->callee);
			popc_error(c->line, c->col, "recursive call (%s): TAL code cannot recurse; "
			           "write it as a loop", path);
		}
		if (c->callee->mark == WHITE)
			visit(c->callee);
	}
	depth--;
	f->mark = BLACK;
	out[nout++] = f;
}

void popc_order(struct program *p)
{
	int i, j;

	prog = p;
	depth = 0;
	out = popc_alloc(sizeof *out * (size_t)(p->nfuncs + 1));
	nout = 0;
	for (i = 0; i < p->nfuncs; i++)
		if (p->funcs[i]->mark == WHITE)
			visit(p->funcs[i]);
	p->funcs = out;
	for (i = 0; i < p->nfuncs; i++) {
		struct pfunc *f = p->funcs[i];
		bool top = f->exported || f->handler;
		f->may_raise = f->raises_here;
		for (j = 0; j < f->ncalls; j++) {
			if (!f->calls[j].callee->may_raise)
				continue;
			p->need_flag = true;       /* the caller tests the flag after the call */
			if (!f->calls[j].in_try)
				f->may_raise = true;
		}
		f->wrapped = top && f->called && f->may_raise;
		if (top && f->may_raise)
			p->need_raise = true;
		if (f->may_raise && (!top || f->wrapped))
			p->need_flag = true;        /* its internal body sets the flag */
		if ((f->ret.k == TY_REF || f->ret.k == TY_NREF) && f->may_raise)
			f->ret.st->need_any = true;
	}
}
