/*
 * popc code generator, the text side: collects a function's lines, places
 * labels and writes their annotations, emits the exception paths (stubs,
 * throw, unwind), and writes the finished function with its frame known.
 *
 * Exceptions (docs/popcorn.md): a check jumps to a stub of the innermost
 * try (which sets the catch variable and jumps to the catch block), or of
 * the function: an internal function stores the code in exc_pending and
 * returns; an exported function or the handler calls the raise interface.
 * After a call to a function that may raise, the caller tests exc_pending.
 *
 * Invariant: see gen.h; in addition, no instruction is emitted where
 * control cannot arrive (after a jmp or ret and before the next label).
 * The finished text goes through peep.c before it is written.
 */
#include "gen.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <talos/param.h>

struct gen G;

static const char *const R32[8] = { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi" };
FILE *gen_body;                      /* text of all functions, after the declarations */

/* ---- Text ---- */

static void add_line(char *text)
{
	if (G.nlines == G.caplines) {
		char **n = popc_alloc(sizeof *n * (size_t)(G.caplines * 2 + 64));
		if (G.nlines)
			memcpy(n, G.lines, sizeof *n * (size_t)G.nlines);
		G.lines = n;
		G.caplines = G.caplines * 2 + 64;
	}
	G.lines[G.nlines++] = text;
}

void gen_emit(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	if (!G.reachable)
		return;
	buf[0] = '\t';
	va_start(ap, fmt);
	vsnprintf(buf + 1, sizeof buf - 1, fmt, ap);
	va_end(ap);
	add_line(popc_strdup(buf));
}

/* Where each source line starts (lines[l - 1] for line l), built once. */
static const char **line_start;
static int nline_start;

static const char *source_line(int line)
{
	const char *s;
	int n = 2;

	if (!line_start) {
		for (s = G.prog->src; *s; s++)
			n += *s == '\n';
		line_start = popc_alloc(sizeof *line_start * (size_t)n);
		line_start[nline_start++] = G.prog->src;
		for (s = G.prog->src; *s; s++)
			if (*s == '\n')
				line_start[nline_start++] = s + 1;
	}
	return line >= 1 && line <= nline_start ? line_start[line - 1] : "";
}

/* A comment with source line LINE, once per line. */
void gen_comment(int line)
{
	const char *s, *e;
	char buf[256];

	if (line == G.last_line || !G.reachable)
		return;
	G.last_line = line;
	s = source_line(line);
	while (*s == ' ' || *s == '\t')
		s++;
	for (e = s; *e && *e != '\n'; e++)
		;
	snprintf(buf, sizeof buf, "\t; %d: %.*s", line, (int)(e - s > 200 ? 200 : e - s), s);
	add_line(popc_strdup(buf));
}

const char *gen_slot(int e)
{
	static char buf[8][24];
	static int i;

	i = (i + 1) % 8;
	snprintf(buf[i], sizeof buf[i], "[esp+@E%d@]", e);
	return buf[i];
}

const char *gen_var_loc(const struct pvar *v)
{
	return v->reg >= 0 ? R32[v->reg] : gen_slot(v->slot);
}

/* ---- Labels ---- */

/* Labels are numbered across the whole text (talas's label names are
 * global); those of the function being generated start at G.first_label. */
static int next_label = 1;

void gen_start_labels(void)
{
	G.first_label = next_label;
}

int gen_new_label(void)
{
	int i = next_label - G.first_label;

	if (i >= G.caplab) {
		bool *n = popc_alloc(sizeof *n * (size_t)(i * 2 + 64));
		if (G.caplab)
			memcpy(n, G.lab_used, sizeof *n * (size_t)G.caplab);
		popc_free(G.lab_used);
		G.lab_used = n;
		G.caplab = i * 2 + 64;
	}
	return next_label++;
}

/* Some jump (placed or to come) names LABEL: it must be placed. */
void gen_mark_used(int label)
{
	G.lab_used[label - G.first_label] = true;
}

/* A new program: its line index is built again, its labels start at 1. */
void gen_begin(void)
{
	line_start = NULL;
	nline_start = 0;
	next_label = 1;
}

/* Place LABEL with annotation ANN, unless nothing can reach it. */
void gen_place(int label, const char *ann)
{
	char buf[2048];

	if (!G.reachable && !G.lab_used[label - G.first_label])
		return;
	snprintf(buf, sizeof buf, "L%d: %s", label, ann);
	add_line(popc_strdup(buf));
	G.reachable = true;
}

void gen_jump(const char *jcc, int label)
{
	if (!G.reachable)
		return;
	gen_emit("%s L%d", jcc, label);
	gen_mark_used(label);
	if (!strcmp(jcc, "jmp"))
		G.reachable = false;
}

/* The annotation of a label placed now: return address, saved registers,
 * variables in scope, home registers out of scope (uninit), and EXTRA. */
char *gen_annotation(const char *extra)
{
	char buf[2048];
	size_t n;
	unsigned listed = 0;
	int i;

	n = (size_t)snprintf(buf, sizeof buf, "{esp=@B@, [esp+@E0@]: ret");
	for (i = 0; i < G.nsaved; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, ", [esp+@E%d@]: saved %s",
		                      -4 * (i + 1), R32[G.saved[i]]);
	for (i = 0; i < G.nscope; i++) {
		struct pvar *v = G.scope[i];
		n += (size_t)snprintf(buf + n, sizeof buf - n, ", %s: %s", gen_var_loc(v), tal_type(v->ty));
		if (v->reg >= 0)
			listed |= 1u << v->reg;
	}
	for (i = 0; i < 8; i++)
		if ((G.home_regs & (1u << i)) && !(listed & (1u << i)))
			n += (size_t)snprintf(buf + n, sizeof buf - n, ", %s: uninit", R32[i]);
	if (extra && *extra)
		n += (size_t)snprintf(buf + n, sizeof buf - n, ", %s", extra);
	if (n + 2 >= sizeof buf)
		popc_error(G.f->line, G.f->col, "too many live values in %s", G.f->name);
	snprintf(buf + n, sizeof buf - n, "}");
	return popc_strdup(buf);
}

char *gen_base_with(const char *extra)
{
	char buf[2048];
	size_t n = strlen(G.base_ann);

	snprintf(buf, sizeof buf, "%.*s, %s}", (int)(n - 1), G.base_ann, extra);
	return popc_strdup(buf);
}

/* ---- Exception targets ---- */

int gen_lazy(int *label)
{
	if (!*label)
		*label = gen_new_label();
	return *label;
}

int gen_exc_label(int code)
{
	if (G.x->k == X_TRY && !G.x->var)
		return G.x->catch_label;
	return gen_lazy(&G.x->stub[code]);
}

int gen_prop_label(void)
{
	if (G.x->k == X_INTERNAL)
		return gen_lazy(&G.unwind_label);
	return gen_lazy(&G.x->prop);
}

struct xctx *gen_new_ctx(enum xkind k, char *ann)
{
	struct xctx *x = popc_alloc(sizeof *x);

	x->k = k;
	x->ann = ann;
	x->next_all = G.xall;
	G.xall = x;
	return x;
}

/* The stubs of every context, then the function's throw and unwind paths. */
void gen_exception_paths(void)
{
	struct xctx *x;
	int c;

	for (x = G.xall; x; x = x->next_all) {
		for (c = 1; c <= 3; c++) {
			if (!x->stub[c])
				continue;
			gen_place(x->stub[c], x->ann);
			if (x->k == X_TRY) {
				gen_store_var(x->var, (struct opnd){ .k = O_IMM, .imm = c });
				gen_jump("jmp", x->catch_label);
			} else {
				gen_emit("mov edx, %d", c);
				gen_jump("jmp", gen_lazy(&G.throw_label));
			}
		}
		if (!x->prop)
			continue;
		if (x->k == X_TRY) {
			char buf[2048];
			size_t n = strlen(x->ann);
			snprintf(buf, sizeof buf, "%.*s, ecx: ptr int[1], edx: int}", (int)(n - 1), x->ann);
			gen_place(x->prop, buf);
			gen_emit("mov dword [ecx+0], 0");
			if (x->var)
				gen_emit("mov %s, edx", gen_var_loc(x->var));
			gen_jump("jmp", x->catch_label);
		} else {
			gen_place(x->prop, gen_base_with("ecx: ptr int[1], edx: int"));
			gen_emit("mov dword [ecx+0], 0");
			gen_jump("jmp", gen_lazy(&G.throw_label));
		}
	}
	if (G.throw_label) {
		gen_place(G.throw_label, gen_base_with("edx: int"));
		if (G.top) {
			gen_emit("push edx");
			gen_emit("call %s", POPC_RAISE);
			gen_emit("add esp, 4");
			gen_jump("jmp", G.ret_label);
		} else {
			gen_emit("mov ecx, exc_pending");
			gen_emit("mov [ecx+0], edx");
			gen_lazy(&G.unwind_label);
		}
	}
	if (G.unwind_label) {
		gen_place(G.unwind_label, G.base_ann);
		if (G.f->ret.k == TY_REF || G.f->ret.k == TY_NREF)
			gen_emit("mov eax, any_%s", G.f->ret.st->name);
		else
			gen_emit("xor eax, eax");
		gen_jump("jmp", G.ret_label);
	}
}

/* Write the function's lines, shortened by gen_peephole, with the frame
 * markers resolved. */
void gen_flush(struct pfunc *f)
{
	int k = 4 * (G.nvarslots + G.ntempslots + G.maxout);
	int b = -4 * G.nsaved - k, i, n = 0;
	/* the frame as the verifier counts it: arguments, return address, saved
	 * registers, the body's slots, and the code pushed by the raise stub */
	int slots = f->nparams + 1 + G.nsaved + k / 4 + (G.top && G.throw_label ? 1 : 0);
	char out[2600], *p, *q;

	if (slots > TAL_MAX_FRAME_SLOTS)
		popc_error(f->line, f->col, "%s needs %d stack slots; TAL allows %d (use fewer "
		           "variables or simpler expressions)", f->name, slots, TAL_MAX_FRAME_SLOTS);
	for (i = 0; i < G.nlines; i++)
		if (k != 0 || !strstr(G.lines[i], "@K@"))   /* no frame: no sub/add esp */
			G.lines[n++] = G.lines[i];
	G.nlines = n;
	gen_peephole(G.first_label, gen_new_label());
	fprintf(gen_body, "\n.func %s %s\n", G.tal_name, gen_signature(f));
	for (i = 0; i < G.nlines; i++) {
		for (p = G.lines[i], q = out; *p && q < out + sizeof out - 16;) {
			if (p[0] == '@' && p[1] == 'E') {
				q += sprintf(q, "%ld", strtol(p + 2, &p, 10) - b);
				p++;
			} else if (!strncmp(p, "@B@", 3)) {
				q += sprintf(q, "%d", b);
				p += 3;
			} else if (!strncmp(p, "@K@", 3)) {
				q += sprintf(q, "%d", k);
				p += 3;
			} else {
				*q++ = *p++;
			}
		}
		*q = '\0';
		fprintf(gen_body, "%s\n", out);
	}
}
