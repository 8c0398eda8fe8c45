/*
 * popc declarations: the TAL text of the program's memory types (one
 * record per struct, one array type per distinct element type and length,
 * one read-only 32-byte name type), its globals (user globals as g_NAME,
 * string literals, hidden null boxes and zeroed instances, the exception
 * flag) and its imports.
 *
 * Invariant: every type is declared before it is named (talas reads one
 * pass), and a global's initial words are of its type (no ptr or cap; a
 * ptr? starts null), as tal/SPEC.md requires.
 */
#include "gen.h"
#include <string.h>
#include <talos/ext_iface.h>
#include <talos/objects.h>

const char *tal_array_name(struct ptype t)
{
	static char buf[4][TYLEN];
	static int i;

	i = (i + 1) % 4;
	if (t.elem == TY_NREF)
		snprintf(buf[i], TYLEN, "%s?[%d]", t.st->name, t.len);
	else
		snprintf(buf[i], TYLEN, "int[%d]", t.len);
	return buf[i];
}

const char *tal_type(struct ptype t)
{
	static char buf[4][TYLEN];
	static int i;

	i = (i + 1) % 4;
	switch (t.k) {
	case TY_TASK: snprintf(buf[i], TYLEN, "cap %d", OBJ_TASK); break;
	case TY_REF:  snprintf(buf[i], TYLEN, "ptr %s", t.st->name); break;
	case TY_NREF: snprintf(buf[i], TYLEN, "ptr? %s", t.st->name); break;
	case TY_ARR:  snprintf(buf[i], TYLEN, "ptr %s", tal_array_name(t)); break;
	default:      snprintf(buf[i], TYLEN, "int"); break;
	}
	return buf[i];
}

/* ---- Records, in an order where a field's struct comes first ---- */

static void record(FILE *out, struct pstruct *s, int *state)
{
	struct program *p = G.prog;
	int i, k;

	for (k = 0; p->structs[k] != s; k++)
		;
	if (state[k] == 2)
		return;
	if (state[k] == 1)
		popc_error(s->line, s->col, "structs %s and others refer to each other in a cycle: "
		           "the TAL assembler needs each struct declared before another's field "
		           "names it", s->name);
	state[k] = 1;
	for (i = 0; i < s->nf; i++)
		if (s->f[i].ty.k == TY_NREF && s->f[i].ty.st != s)
			record(out, s->f[i].ty.st, state);
	fprintf(out, ".record %s\n", s->name);
	for (i = 0; i < s->nf; i++)
		fprintf(out, ".field %d %s %s\n", s->f[i].offset, s->f[i].name, tal_type(s->f[i].ty));
	fprintf(out, ".end\n");
	state[k] = 2;
}

/* ---- Array types: declared once each ---- */

static char **arrays;
static int narrays;

static void array_type(FILE *out, struct ptype t)
{
	const char *name = tal_array_name(t);
	int i;

	for (i = 0; i < narrays; i++)
		if (!strcmp(arrays[i], name))
			return;
	if (narrays % 32 == 0) {
		char **n = popc_alloc(sizeof *n * (size_t)(narrays + 32));
		if (narrays)
			memcpy(n, arrays, sizeof *n * (size_t)narrays);
		arrays = n;
	}
	arrays[narrays++] = popc_strdup(name);
	if (t.elem == TY_NREF)
		fprintf(out, ".array %s ptr? %s %d\n", name, t.st->name, t.len);
	else
		fprintf(out, ".array %s int %d\n", name, t.len);
}

/* The storage type of global G as an array (scalars are arrays of one). */
static struct ptype storage(const struct pglobal *g)
{
	if (g->ty.k == TY_ARR)
		return g->ty;
	return (struct ptype){ .k = TY_ARR, .elem = g->ty.k == TY_NREF ? TY_NREF : TY_INT,
	                       .st = g->ty.st, .len = 1 };
}

static void quoted(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(out, "\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", out);
		else if (*s == '\t')
			fputs("\\t", out);
		else
			fputc(*s, out);
	}
	fputc('"', out);
}

static const char *arg_type(char c)
{
	return c == 'i' ? "int" : c == 'n' ? "ptr char[32]" : c == 't' ? "cap 2" : "?";
}

void decl_emit(struct program *p, FILE *out)
{
	int *state = popc_alloc(sizeof(int) * (size_t)(p->nstructs + 1));
	struct ptype one_int = { .k = TY_ARR, .elem = TY_INT, .len = 1 };
	int i, j;
	bool raise_listed = false;

	arrays = NULL;                /* a new program: no array type declared yet */
	narrays = 0;

	fprintf(out, "; ---- memory types ----\n");
	for (i = 0; i < p->nstructs; i++)
		record(out, p->structs[i], state);
	for (i = 0; i < p->nglobals; i++)
		if (p->globals[i]->ty.k != TY_REF)
			array_type(out, storage(p->globals[i]));
	for (i = 0; i < p->nfuncs; i++)
		for (j = 0; j < p->funcs[i]->nparams; j++)
			if (p->funcs[i]->params[j]->ty.k == TY_ARR)
				array_type(out, p->funcs[i]->params[j]->ty);
	for (i = 0; i < p->nstructs; i++)
		if (p->structs[i]->need_null)
			array_type(out, (struct ptype){ .k = TY_ARR, .elem = TY_NREF,
			                                .st = p->structs[i], .len = 1 });
	if (p->need_flag)
		array_type(out, one_int);
	fprintf(out, ".bytes char[32] %d ro\n", EXT_NAME_LEN);

	fprintf(out, "; ---- globals ----\n");
	for (i = 0; i < p->nstrs; i++) {
		fprintf(out, ".global str%d char[32] rodata ", i);
		quoted(out, p->strs[i]);
		fputc('\n', out);
	}
	for (i = 0; i < p->nglobals; i++) {
		struct pglobal *g = p->globals[i];
		fprintf(out, ".global g_%s %s data", g->name,
		        g->ty.k == TY_REF ? g->ty.st->name : tal_array_name(storage(g)));
		for (j = 0; j < g->ninit; j++)
			fprintf(out, " %d", g->init[j]);
		fputc('\n', out);
	}
	for (i = 0; i < p->nstructs; i++) {
		if (p->structs[i]->need_null)
			fprintf(out, ".global null_%s %s?[1] data   ; the null reference, "
			        "loadable into a register\n", p->structs[i]->name, p->structs[i]->name);
		if (p->structs[i]->need_any)
			fprintf(out, ".global any_%s %s data   ; returned on an exception's way out\n",
			        p->structs[i]->name, p->structs[i]->name);
	}
	if (p->need_flag)
		fprintf(out, ".global exc_pending int[1] data   ; exception code on its way up, or 0\n");

	fprintf(out, "; ---- kernel interfaces (include/talos/ext_iface.h) ----\n");
	for (i = 0; i < popc_niface; i++) {
		const char *a = popc_ifaces[i].args;
		if (!p->iface_used[i])
			continue;
		fprintf(out, ".import %s (", popc_ifaces[i].name);
		for (j = 0; a[j]; j++)
			fprintf(out, "%s%s", j ? ", " : "", arg_type(a[j]));
		fprintf(out, ") -> int\n");
		if (!strcmp(popc_ifaces[i].name, POPC_RAISE))
			raise_listed = true;
	}
	if (p->need_raise && !raise_listed)
		fprintf(out, ".import %s (int) -> int   ; ends the invocation with an uncaught "
		        "exception\n", POPC_RAISE);
}
