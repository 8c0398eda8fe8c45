/*
 * popc code generator, the structure side: gives each variable a home (a
 * register or a frame slot), emits the prologue, statements
 * and epilogue of every function, the wrappers of exported functions that
 * are also called inside the program, and the whole TAL text: declarations
 * (decl.c), functions in call-graph order, exports.
 *
 * Invariant: statements are generated only where control can arrive; a
 * statement starts with no live temporary.
 */
#include "gen.h"
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

static const char *const R32[8] = { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi" };

/* ---- Statements ---- */

static void stmt(struct stmt *s);

static void push_scope(struct pvar *v)
{
	if (G.nscope == (int)(sizeof G.scope / sizeof G.scope[0]))
		popc_error(v->line, v->col, "too many variables in scope");
	G.scope[G.nscope++] = v;
}

static void loop(struct stmt *s)
{
	int mark = G.nscope, lbody = gen_new_label(), lcont = gen_new_label(),
	    lend = gen_new_label();

	if (s->init)
		stmt(s->init);
	if (s->e)
		gen_cond(s->e, false, lend);
	gen_place(lbody, gen_annotation(""));
	if (G.nloops == (int)(sizeof G.brk / sizeof G.brk[0]))
		popc_error(s->line, s->col, "loops nested too deeply");
	G.brk[G.nloops] = lend;
	G.cont[G.nloops++] = lcont;
	stmt(s->body);
	G.nloops--;
	gen_place(lcont, gen_annotation(""));
	if (s->step)
		stmt(s->step);
	if (G.reachable) {
		gen_reset_temps();
		gen_comment(s->line);
		if (s->e)
			gen_cond(s->e, true, lbody);
		else
			gen_jump("jmp", lbody);
	}
	gen_place(lend, gen_annotation(""));
	G.nscope = mark;
}

static void try_catch(struct stmt *s)
{
	struct xctx *outer = G.x, *x = gen_new_ctx(X_TRY, gen_annotation(""));
	int after = gen_new_label(), mark = G.nscope;

	x->var = s->var;
	x->catch_label = gen_new_label();
	G.x = x;
	stmt(s->body);
	G.x = outer;
	if (x->stub[1] || x->stub[2] || x->stub[3] || x->prop)
		gen_mark_used(x->catch_label);   /* its stubs, emitted last, jump there */
	gen_jump("jmp", after);
	if (s->var)
		push_scope(s->var);
	gen_place(x->catch_label, gen_annotation(""));
	stmt(s->els);
	G.nscope = mark;
	gen_place(after, gen_annotation(""));
}

static void ret(struct stmt *s)
{
	struct opnd o;

	if (s->e && gen_load_into(EAX, s->e)) {
		gen_jump("jmp", G.ret_label);
		return;
	}
	if (s->e) {
		o = gen_expr(s->e);
		if (o.k == O_NULL) {
			o.st = G.f->ret.st;
			o.st->need_null = true;
			gen_emit("mov eax, null_%s", o.st->name);
			gen_emit("mov eax, [eax+0]");
		} else if (o.k == O_IMM && o.imm == 0) {
			gen_emit("xor eax, eax");
		} else if (!(o.k == O_TEMP && G.tmp[o.t].reg == EAX)) {
			gen_emit("mov eax, %s", gen_opnd_text(o));
		}
		gen_free(o);
	}
	gen_jump("jmp", G.ret_label);
}

static void stmt(struct stmt *s)
{
	int mark = G.nscope, lelse, lend;
	struct opnd o;

	if (!s || !G.reachable)
		return;
	gen_reset_temps();
	if (s->k != S_BLOCK)
		gen_comment(s->line);
	switch (s->k) {
	case S_BLOCK:
		for (s = s->body; s; s = s->next)
			stmt(s);
		G.nscope = mark;
		break;
	case S_DECL:
		if (s->e)
			o = gen_expr(s->e);
		else if (s->var->ty.k == TY_NREF)
			o = (struct opnd){ .k = O_NULL };
		else
			o = (struct opnd){ .k = O_IMM, .imm = 0 };
		if (o.k == O_NULL) {
			o.st = s->var->ty.st;
			o.st->need_null = true;
		}
		gen_store_var(s->var, o);
		push_scope(s->var);
		break;
	case S_ASSIGN:
		gen_assign(s);
		break;
	case S_EXPR:
		gen_free(gen_expr(s->e));
		break;
	case S_IF:
		lelse = gen_new_label();
		gen_cond(s->e, false, lelse);
		stmt(s->body);
		if (s->els) {
			lend = gen_new_label();
			gen_jump("jmp", lend);
			gen_place(lelse, gen_annotation(""));
			stmt(s->els);
			gen_place(lend, gen_annotation(""));
		} else {
			gen_place(lelse, gen_annotation(""));
		}
		break;
	case S_WHILE:
	case S_FOR:
		loop(s);
		break;
	case S_BREAK:
		gen_jump("jmp", G.brk[G.nloops - 1]);
		break;
	case S_CONTINUE:
		gen_jump("jmp", G.cont[G.nloops - 1]);
		break;
	case S_RETURN:
		ret(s);
		break;
	case S_TRY:
		try_catch(s);
		break;
	case S_THROW:
		if (G.x->k == X_TRY) {
			if (G.x->var)
				gen_store_var(G.x->var, (struct opnd){ .k = O_IMM, .imm = s->code });
			gen_jump("jmp", G.x->catch_label);
		} else {
			gen_emit("mov edx, %d", s->code);
			gen_jump("jmp", gen_lazy(&G.throw_label));
		}
		break;
	case S_EMPTY:
		break;
	}
}

/* ---- Functions ---- */

/* Give each variable a home, heaviest users first: the scratch registers
 * SCRATCH (a function that makes no call has no caller-saved value to
 * lose), then ebx, esi, edi, ebp, each of which costs a push and a pop.
 * Parameters used once or twice stay in their argument slots, and in a
 * function without calls a parameter takes a callee-saved register only
 * when loops use it heavily: most of its uses can read the slot directly,
 * which is cheaper than the push and pop. Temporaries keep the scratch
 * registers that are no home (G.pool). */
static void homes(struct pfunc *f, unsigned scratch)
{
	static const int regs[6] = { ECX, EDX, EBX, ESI, EDI, EBP };
	struct pvar *v, *best;
	int i, slots = 0;
	unsigned taken = 0;

	for (v = f->vars; v; v = v->next_all)
		v->reg = -2;                       /* not yet decided */
	for (i = 0; i < 6; i++) {
		if (regs[i] <= EDX && !(scratch & (1u << regs[i])))
			continue;
		best = NULL;
		for (v = f->vars; v; v = v->next_all)
			if (v->reg == -2 && (!best || v->weight > best->weight))
				best = v;
		if (!best || (best->param >= 0 && best->weight < 3))
			break;
		if (regs[i] > EDX && !f->makes_call && best->param >= 0 && best->weight < 64) {
			best->reg = -1;                /* stays in its slot; try the next variable */
			i--;
			continue;
		}
		best->reg = regs[i];
		taken |= 1u << regs[i];
	}
	G.pool = (1u << EAX | 1u << ECX | 1u << EDX) & ~taken;
	G.nsaved = 0;
	for (i = 2; i < 6; i++)
		if (taken & (1u << regs[i])) {
			G.saved[G.nsaved++] = regs[i];
			G.home_regs |= 1u << regs[i];
		}
	for (v = f->vars; v; v = v->next_all) {
		if (v->reg >= 0)
			continue;
		v->reg = -1;
		if (v->param >= 0)
			v->slot = 4 * (v->param + 1);
		else
			v->slot = -4 * G.nsaved - 4 * ++slots;
	}
	G.nvarslots = slots;
}

const char *gen_signature(struct pfunc *f)
{
	static char buf[512];
	size_t n = 0;
	int i;

	n += (size_t)snprintf(buf, sizeof buf, "(");
	for (i = 0; i < f->nparams; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? ", " : "",
		                      tal_type(f->params[i]->ty));
	snprintf(buf + n, sizeof buf - n, ") -> %s", tal_type(f->ret));
	return buf;
}

static bool calls_raising(struct pfunc *f)
{
	for (int i = 0; i < f->ncalls; i++)
		if (f->calls[i].callee->may_raise)
			return true;
	return false;
}

/* Generate F with the scratch registers SCRATCH as variable homes. */
static void attempt(struct program *p, struct pfunc *f, unsigned scratch)
{
	char name[128];
	int i;
	struct pvar *v;

	memset(&G, 0, sizeof G);
	G.prog = p;
	G.f = f;
	snprintf(name, sizeof name, "%s%s", f->name, f->wrapped ? "$raw" : "");
	G.tal_name = name;
	G.top = (f->exported || f->handler) && !f->wrapped;
	G.reachable = true;
	gen_start_labels();
	homes(f, scratch);
	gen_reset_temps();
	G.base_ann = gen_annotation("");
	G.x = gen_new_ctx(G.top ? X_TOP : X_INTERNAL, G.base_ann);
	G.ret_label = gen_new_label();
	for (i = 0; i < G.nsaved; i++)
		gen_emit("push %s", R32[G.saved[i]]);
	gen_emit("sub esp, @K@");
	if (G.top && calls_raising(f)) {
		gen_emit("mov ecx, exc_pending   ; no exception is pending at entry");
		gen_emit("mov dword [ecx+0], 0");
	}
	for (i = 0; i < f->nparams; i++) {
		v = f->params[i];
		if (v->reg >= 0)
			gen_emit("mov %s, [esp+@E%d@]", R32[v->reg], 4 * (i + 1));
		push_scope(v);
	}
	stmt(f->body);
	if (G.reachable && f->ret.k != TY_VOID)
		popc_error(f->line, f->col, "internal error: %s falls off its end", f->name);
	G.nscope = 0;
	for (struct xctx *x = G.xall; x; x = x->next_all)
		if (x->k != X_TRY && (x->stub[1] || x->stub[2] || x->stub[3] || x->prop))
			gen_mark_used(G.ret_label);    /* the exception paths end there */
	if (G.throw_label || G.unwind_label)
		gen_mark_used(G.ret_label);
	if (f->ret.k == TY_VOID) {
		gen_place(G.ret_label, G.base_ann);
		gen_emit("xor eax, eax");
	} else {
		char eax[TYLEN + 8];
		snprintf(eax, sizeof eax, "eax: %s", tal_type(f->ret));
		gen_place(G.ret_label, gen_base_with(eax));
	}
	gen_emit("add esp, @K@");
	for (i = G.nsaved; i-- > 0;)
		gen_emit("pop %s", R32[G.saved[i]]);
	gen_emit("ret");
	G.reachable = false;
	gen_exception_paths();
	gen_flush(f);
}

/* Where attempt() goes back to when its temporaries run out of registers. */
static jmp_buf retry;

void gen_out_of_scratch(void)
{
	longjmp(retry, 1);
}

/* Generate function F. Without calls, its variables first try the
 * scratch registers ecx and edx as homes; an expression that then needs
 * more scratch registers than are left (a store to an element, a
 * division, a shift by a variable) makes the generator give up
 * (gen_out_of_scratch) and start the function again with fewer. Nothing
 * is written before a function is complete, so a retry leaves no trace. */
static void function(struct program *p, struct pfunc *f)
{
	static const unsigned tries[4] = {
		1u << ECX | 1u << EDX, 1u << ECX, 1u << EDX, 0,
	};
	volatile int k = f->makes_call ? 3 : 0;

	if (setjmp(retry))
		k++;
	if (k > 3)
		popc_error(f->line, f->col, "internal error: no scratch register in %s", f->name);
	attempt(p, f, tries[k]);
}

/* The export of a function also called inside the program: calls its
 * body NAME$raw and turns an exception left in exc_pending into raise. */
static void wrapper(struct pfunc *f)
{
	int n = f->nparams, i, l = gen_new_label();

	fprintf(gen_body, "\n; %s as exported: the body above, with uncaught exceptions raised\n", f->name);
	fprintf(gen_body, ".func %s %s\n", f->name, gen_signature(f));
	fprintf(gen_body, "\tmov ecx, exc_pending\n\tmov dword [ecx+0], 0\n");
	for (i = n; i-- > 0;)
		fprintf(gen_body, "\tmov eax, [esp+%d]\n\tpush eax\n", 4 * n);
	fprintf(gen_body, "\tcall %s$raw\n", f->name);
	if (n)
		fprintf(gen_body, "\tadd esp, %d\n", 4 * n);
	fprintf(gen_body, "\tmov ecx, exc_pending\n\tmov edx, [ecx+0]\n\ttest edx, edx\n");
	fprintf(gen_body, "\tjne L%d\n\tret\n", l);
	fprintf(gen_body, "L%d: {esp=0, [esp+0]: ret, ecx: ptr int[1], edx: int}\n", l);
	fprintf(gen_body, "\tmov dword [ecx+0], 0\n\tpush edx\n\tcall %s\n\tadd esp, 4\n\tret\n",
	        POPC_RAISE);
}

/* The text of the functions while they are generated; static so that a
 * compilation abandoned by an error (popc_recover) is closed by the next. */
static char *text;
static size_t len;

void popc_gen(struct program *p, FILE *out)
{
	int i;

	if (gen_body) {
		fclose(gen_body);
		free(text);
	}
	gen_begin();
	gen_body = open_memstream(&text, &len);
	if (!gen_body)
		popc_error(0, 0, "out of memory");
	for (i = 0; i < p->nfuncs; i++) {
		function(p, p->funcs[i]);
		if (p->funcs[i]->wrapped)
			wrapper(p->funcs[i]);
	}
	G.prog = p;
	fprintf(gen_body, "\n; ---- entry points ----\n");
	for (i = 0; i < p->nfuncs; i++) {
		if (p->funcs[i]->exported)
			fprintf(gen_body, ".export %s\n", p->funcs[i]->name);
		if (p->funcs[i]->handler)
			fprintf(gen_body, ".handler %s\n", p->funcs[i]->name);
	}
	fclose(gen_body);
	gen_body = NULL;
	fprintf(out, "; TAL assembly generated by popc from %s\n", p->file);
	decl_emit(p, out);
	fprintf(out, "%s", text);
	free(text);
}
