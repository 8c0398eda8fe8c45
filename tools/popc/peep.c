/*
 * popc peephole pass: rewrites a finished function's lines (G.lines, frame
 * markers still unresolved) into shorter code the verifier accepts for the
 * same reasons as the original:
 *
 *   - a jump to a label whose first instruction is "jmp M" goes to M;
 *   - a jmp to a short block ending in ret (a return) becomes a copy of it;
 *   - a jmp to the very next label is dropped;
 *   - a label no jump names is dropped, and so is the code after it when
 *     control cannot fall into it;
 *   - a label right after another becomes its alias when their annotations
 *     agree, else a nop separates them (TAL: one label per code offset);
 *   - "mov r, CONST" is dropped when r already holds CONST in straight-line
 *     code (no label between), e.g. a global's address loaded again.
 *
 * Why each is sound: the verifier checks a jump's state against the
 * target's annotation, and a fall-through into a label the same way, and
 * the state after a label is its annotation. A state that passes a label
 * passes every later check the label's annotation passes (subtyping is
 * transitive and every rule is monotone), so jumping past a label,
 * copying the code after it, or removing a label keeps the code verified.
 *
 * Invariant: after gen_peephole, every jump names a label present in the
 * lines, and every label is named by a jump or reached by fall-through.
 */
#include "gen.h"
#include <stdlib.h>
#include <string.h>

/* Longest block (instructions) a jmp is replaced by: a return's epilogue. */
#define TAIL_MAX 6

static const char *const REGS[8] = { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi" };

static bool is_label(const char *line)
{
	return line[0] == 'L';
}

static bool is_insn(const char *line)
{
	return line[0] == '\t' && line[1] != ';';
}

/* The function's labels are numbered from base (gen_peephole): the
 * tables below are indexed by label - base. */
static int base;

static int label_of(const char *line)
{
	return atoi(line + 1) - base;
}

/* The label a jump instruction names (less base), or -1 if LINE is not a
 * jump. */
static int jump_target(const char *line)
{
	const char *p = line + 1;

	if (line[0] != '\t' || line[1] != 'j')
		return -1;
	p += strcspn(p, " \t");
	p += strspn(p, " \t");
	if (p[0] != 'L' || p[1] < '0' || p[1] > '9')
		return -1;
	return atoi(p + 1) - base;
}

static bool is_jmp(const char *line)
{
	return !strncmp(line, "\tjmp ", 5);
}

/* Control never goes on to the next line after LINE. */
static bool ends_block(const char *line)
{
	return is_jmp(line) || !strcmp(line, "\tret");
}

/* The line index of every label (-1: not present), sized NLAB. */
static int *label_lines(int nlab)
{
	int *at = popc_alloc(sizeof(int) * (size_t)nlab), i;

	for (i = 0; i < nlab; i++)
		at[i] = -1;
	for (i = 0; i < G.nlines; i++)
		if (is_label(G.lines[i]))
			at[label_of(G.lines[i])] = i;
	return at;
}

/* The first instruction at or after line I, or -1. */
static int next_insn(int i)
{
	for (; i < G.nlines; i++)
		if (is_insn(G.lines[i]))
			return i;
	return -1;
}

static char *retarget(const char *line, int label)
{
	char buf[64];

	snprintf(buf, sizeof buf, "%.*s L%d", (int)strcspn(line, " "), line, label + base);
	return popc_strdup(buf);
}

/* Jump threading: a jump to L whose first instruction is "jmp M" jumps to
 * M instead (a few steps at most, which also stops on a loop of jmps). */
static bool thread(int nlab)
{
	int *at = label_lines(nlab), i, t, j, steps;
	bool changed = false;

	for (i = 0; i < G.nlines; i++) {
		if ((t = jump_target(G.lines[i])) < 0 || at[t] < 0)
			continue;
		for (steps = 0; steps < 8; steps++) {
			j = next_insn(at[t]);
			if (j < 0 || !is_jmp(G.lines[j]) || jump_target(G.lines[j]) == t)
				break;
			t = jump_target(G.lines[j]);
		}
		if (t != jump_target(G.lines[i])) {
			G.lines[i] = retarget(G.lines[i], t);
			changed = true;
		}
	}
	popc_free(at);
	return changed;
}

/* The instructions from label line L up to a ret, at most TAIL_MAX and no
 * jump or call among them: their count, or -1. */
static int tail_length(int l)
{
	int n = 0, i;

	for (i = l; i < G.nlines && n < TAIL_MAX; i++) {
		const char *s = G.lines[i];
		if (!is_insn(s))
			continue;
		if (s[1] == 'j' || !strncmp(s, "\tcall ", 6))
			return -1;
		n++;
		if (!strcmp(s, "\tret"))
			return n;
	}
	return -1;
}

/* Tail copying: "jmp L" where L starts a short block ending in ret is
 * replaced by the block's instructions (labels and comments left out). */
static bool copy_tails(int nlab)
{
	int *at = label_lines(nlab), i, t, j, n = 0, copies = 0;
	char **out;
	bool changed = false;

	for (i = 0; i < G.nlines; i++) {
		t = jump_target(G.lines[i]);
		if (is_jmp(G.lines[i]) && at[t] >= 0 && tail_length(at[t]) >= 0)
			copies++;
	}
	if (!copies) {
		popc_free(at);
		return false;
	}
	out = popc_alloc(sizeof *out * (size_t)(G.nlines + copies * TAIL_MAX + 1));
	for (i = 0; i < G.nlines; i++) {
		t = jump_target(G.lines[i]);
		if (!is_jmp(G.lines[i]) || at[t] < 0 || tail_length(at[t]) < 0) {
			out[n++] = G.lines[i];
			continue;
		}
		for (j = at[t]; strcmp(G.lines[j], "\tret"); j++)
			if (is_insn(G.lines[j]))
				out[n++] = G.lines[j];
		out[n++] = G.lines[j];
		changed = true;
	}
	popc_free(at);
	popc_free(G.lines);
	G.lines = out;
	G.nlines = G.caplines = n;
	return changed;
}

/* Keep only the lines whose KEEP is set. */
static void compact(const bool *keep)
{
	int i, n = 0;

	for (i = 0; i < G.nlines; i++)
		if (keep[i])
			G.lines[n++] = G.lines[i];
	G.nlines = n;
}

/* Drop a jmp to the next label, a label no jump names (with the code
 * after it up to the next named label, if control cannot fall into it),
 * and make a label right after another with the same annotation its
 * alias. */
static bool clean(int nlab)
{
	bool *named = popc_alloc((size_t)nlab), *keep = popc_alloc((size_t)G.nlines + 1);
	int *alias = popc_alloc(sizeof(int) * (size_t)nlab), i, j, t, prev = -1;
	bool changed = false, dead = false;

	for (i = 0; i < nlab; i++)
		alias[i] = i;
	for (i = 0; i < G.nlines; i++) {
		const char *s = G.lines[i];
		keep[i] = true;
		if (is_insn(s)) {
			prev = i;
			continue;
		}
		if (!is_label(s))
			continue;
		if (prev >= 0 && is_label(G.lines[prev])
		    && !strcmp(strchr(s, ':'), strchr(G.lines[prev], ':'))) {
			alias[label_of(s)] = label_of(G.lines[prev]);
			keep[i] = false;
			changed = true;
			continue;
		}
		prev = i;
	}
	for (i = 0; i < G.nlines; i++)
		if ((t = jump_target(G.lines[i])) >= 0 && alias[t] != t)
			G.lines[i] = retarget(G.lines[i], alias[t]);
	for (i = 0; i < G.nlines; i++) {
		if (!keep[i] || !is_jmp(G.lines[i]))
			continue;
		for (j = i + 1; j < G.nlines && (!keep[j] || !(is_insn(G.lines[j]) || is_label(G.lines[j]))); j++)
			;
		if (j < G.nlines && is_label(G.lines[j]) && label_of(G.lines[j]) == jump_target(G.lines[i])) {
			keep[i] = false;
			changed = true;
		}
	}
	for (i = 0; i < G.nlines; i++)
		if (keep[i] && (t = jump_target(G.lines[i])) >= 0)
			named[t] = true;
	prev = -1;
	for (i = 0; i < G.nlines; i++) {
		const char *s = G.lines[i];
		if (!keep[i])
			continue;
		if (is_label(s)) {
			dead = !named[label_of(s)] && prev >= 0 && ends_block(G.lines[prev]);
			if (!named[label_of(s)]) {
				keep[i] = false;
				changed = true;
			} else {
				prev = i;              /* control arrives here: what follows is live */
			}
		} else if (dead) {
			keep[i] = false;
			changed = true;
		} else if (is_insn(s)) {
			prev = i;
		}
	}
	compact(keep);
	popc_free(named);
	popc_free(keep);
	popc_free(alias);
	return changed;
}

/* ---- Constants already in a register ---- */

static int reg_index(const char *name, size_t len)
{
	static const char *const low[4] = { "al", "cl", "dl", "bl" };
	int r;

	for (r = 0; r < 8; r++)
		if (len == 3 && !strncmp(name, REGS[r], 3))
			return r;
	for (r = 0; r < 4; r++)
		if (len == 2 && !strncmp(name, low[r], 2))
			return r;
	return -1;
}

/* The registers instruction LINE may write or retype, as a mask; all of
 * them for a form this pass does not know. cmp and test count for their
 * first register: a jump after them refines its type (tal/SPEC.md). */
static unsigned writes(const char *line)
{
	static const char *const no_dest[] = { "push", "ret", "nop" };
	char op[16];
	const char *a;
	size_t i, n;
	int r;

	n = strcspn(line + 1, " \t");
	if (line[0] != '\t' || n == 0 || n >= sizeof op)
		return 0xff;
	memcpy(op, line + 1, n);
	op[n] = '\0';
	if (op[0] == 'j')
		return 0;
	for (i = 0; i < sizeof no_dest / sizeof no_dest[0]; i++)
		if (!strcmp(op, no_dest[i]))
			return 0;
	if (!strcmp(op, "cdq"))
		return 1u << EDX;
	if (!strcmp(op, "idiv") || !strcmp(op, "div"))
		return 1u << EAX | 1u << EDX;
	if (!strcmp(op, "call"))
		return 0xff;
	a = line + 1 + strlen(op);
	a += strspn(a, " ");
	n = strcspn(a, " ,;");
	r = reg_index(a, n);
	if (r < 0 && (!strncmp(a, "dword", 5) || a[0] == '['))
		return 0;                          /* a store to memory */
	return r < 0 ? 0xff : 1u << r;
}

/* Does LINE begin with PREFIX, then a lowercase register name DST (at
 * most 7 letters), ", " and a source operand SRC (at most 47 characters,
 * up to a blank)? */
static bool operands(const char *line, const char *prefix, char *dst, char *src)
{
	size_t n = strlen(prefix), d, s;

	if (strncmp(line, prefix, n))
		return false;
	line += n;
	for (d = 0; line[d] >= 'a' && line[d] <= 'z'; d++)
		;
	if (d == 0 || d > 7 || line[d] != ',' || line[d + 1] != ' ')
		return false;
	memcpy(dst, line, d);
	dst[d] = '\0';
	line += d + 2;
	s = strcspn(line, " \t\n");
	if (s == 0 || s > 47)
		return false;
	memcpy(src, line, s);
	src[s] = '\0';
	return true;
}

/* The constant "mov r, C" or "xor r, r" puts in r (a number or a symbol's
 * address, as text), or NULL; *R is the register. */
static const char *constant(const char *line, int *r)
{
	static char c[64];
	char dst[8], src[48];

	if (operands(line, "\txor ", dst, src) && !strcmp(dst, src)) {
		snprintf(c, sizeof c, "0");
	} else if (operands(line, "\tmov ", dst, src) && src[0] != '['
	           && reg_index(src, strlen(src)) < 0 && !strchr(line, ';')) {
		snprintf(c, sizeof c, "%s", src);
	} else {
		return NULL;
	}
	*r = reg_index(dst, strlen(dst));
	return *r >= 0 && *r != ESP ? c : NULL;
}

/* Drop an instruction that loads a register with the constant it already
 * holds. What a register holds is known from the last such load, up to
 * the next label or an instruction that may write the register. */
static bool reuse_constants(void)
{
	char *holds[8] = { 0 };
	bool *keep = popc_alloc((size_t)G.nlines + 1), changed = false;
	const char *c;
	unsigned w;
	int i, r, q;

	for (i = 0; i < G.nlines; i++) {
		const char *s = G.lines[i];
		keep[i] = true;
		if (is_label(s)) {
			memset(holds, 0, sizeof holds);
			continue;
		}
		if (!is_insn(s))
			continue;
		c = constant(s, &r);
		if (c && holds[r] && !strcmp(holds[r], c)) {
			keep[i] = false;
			changed = true;
			continue;
		}
		w = writes(s);
		for (q = 0; q < 8; q++)
			if (w & (1u << q))
				holds[q] = NULL;
		if (c)
			holds[r] = popc_strdup(c);
	}
	compact(keep);
	return changed;
}

/* TAL allows one label per code offset: a nop between two labels. */
static void separate_labels(void)
{
	char **out = popc_alloc(sizeof *out * (size_t)(2 * G.nlines + 1));
	int i, n = 0, prev = -1;

	for (i = 0; i < G.nlines; i++) {
		if (is_label(G.lines[i]) && prev >= 0 && is_label(G.lines[prev]))
			out[n++] = "\tnop";
		if (is_label(G.lines[i]) || is_insn(G.lines[i]))
			prev = i;
		out[n++] = G.lines[i];
	}
	popc_free(G.lines);
	G.lines = out;
	G.nlines = G.caplines = n;
}

/* Rewrite the function's lines (labels FIRST to END - 1) with the passes
 * above, until none changes anything. */
void gen_peephole(int first, int end)
{
	int nlab = end - first;
	bool changed = true;

	base = first;
	while (changed) {
		changed = thread(nlab);
		changed |= copy_tails(nlab);
		changed |= clean(nlab);
		changed |= reuse_constants();
	}
	separate_labels();
}
