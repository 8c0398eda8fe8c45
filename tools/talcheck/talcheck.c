/*
 * talcheck: the host verifier. Runs the same tal/ verifier the kernel
 * compiles on an object file and prints its verdict.
 *
 * Usage: talcheck FILE.to          exit 0 and a one-line summary if safe,
 *                                  exit 1 and the verifier's message if not
 *        talcheck --dump FILE.to   also print the decoded, annotated code,
 *                                  each function's stack need and chain, and
 *                                  each entry point's need against the budget
 *        talcheck -v FILE.to       (or --log) the verifier's log: before each
 *                                  instruction it types, the abstract state
 *                                  and the instruction, up to the verdict
 * Invariant: the verdict is exactly tal_verify()'s; this file only reads
 * the file, times the call and prints (the log through the verifier's
 * trace hook, which only observes).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../../tal/verify.h"
#include "../../tal/decode.h"
#include "../../tal/tables.h"
#include "../../tal/type.h"
#include "../../tal/bound.h"

static uint8_t *read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *p = NULL;
	size_t cap = 0, n;

	if (!fp) {
		perror(path);
		exit(2);
	}
	*len = 0;
	for (;;) {
		if (*len == cap) {
			cap = cap * 2 + 65536;
			p = realloc(p, cap);
			if (!p) {
				perror("talcheck");
				exit(2);
			}
		}
		n = fread(p + *len, 1, cap - *len, fp);
		if (n == 0)
			break;
		*len += n;
	}
	fclose(fp);
	return p;
}

/* Print the annotation of label L. */
static void dump_label(const struct tal_obj *o, uint32_t l)
{
	struct tal_label lab;
	struct tal_item it;
	struct tal_diag d;
	uint32_t j;

	tal_obj_label(o, l, &lab);
	tal_diag_reset(&d);
	tal_diag_str(&d, tal_obj_str(o, lab.name));
	tal_diag_str(&d, ": {esp=");
	tal_diag_int(&d, lab.esp);
	for (j = lab.first; j < lab.first + lab.count; j++) {
		tal_obj_item(o, j, &it);
		tal_diag_str(&d, ", ");
		if (it.loc == TAL_LOC_SLOT) {
			tal_diag_str(&d, "[esp+");
			tal_diag_int(&d, it.e - lab.esp);
			tal_diag_str(&d, "]");
		} else {
			tal_diag_str(&d, tal_decode_regname(it.loc, 4));
		}
		tal_diag_str(&d, ": ");
		tal_type_format(&d, o, tal_type_word(o, it.type));
	}
	printf("%s}\n", d.msg);
}

/* Print the stack need of function FN: total, then the chain that gives it. */
static void dump_stack(const struct tal_result *res, uint32_t fn)
{
	struct tal_diag d;

	tal_diag_reset(&d);
	tal_bound_chain(&d, &res->obj, res->stack, res->stack_via, fn);
	printf("  ; stack %u bytes: %s\n", res->stack[fn], d.msg);
}

/* Print each export and the handler with the stack its deepest chain needs. */
static void dump_entries(const struct tal_result *res)
{
	const struct tal_obj *o = &res->obj;
	struct tal_export ex;
	struct tal_func f;
	uint32_t i;

	printf("\n");
	for (i = 0; i < o->count[TAL_SEC_EXPORTS]; i++) {
		tal_obj_export(o, i, &ex);
		printf("export %s: stack %u bytes of %u\n", tal_obj_str(o, ex.name),
		       res->stack[ex.func], TAL_MAX_STACK);
	}
	if (o->handler != TAL_NONE) {
		tal_obj_func(o, o->handler, &f);
		printf("handler %s: stack %u bytes of %u\n", tal_obj_str(o, f.name),
		       res->stack[o->handler], TAL_MAX_STACK);
	}
}

/* Print every function's decoded instructions with their labels, and its
 * stack need when the verifier got that far. */
static void dump(const struct tal_result *res)
{
	const struct tal_obj *o = &res->obj;
	struct tal_func f;
	struct tal_insn in;
	struct tal_label lab;
	struct tal_diag d;
	uint32_t fn, pc, end, l = 0, r = 0;
	struct tal_reloc rel;
	const char *sym;

	for (fn = 0; fn < o->count[TAL_SEC_FUNCS]; fn++) {
		tal_obj_func(o, fn, &f);
		end = tal_obj_func_end(o, fn);
		tal_diag_reset(&d);
		tal_diag_str(&d, "(");
		for (pc = 0; pc < tal_sig_nargs(o, f.sig); pc++) {
			if (pc)
				tal_diag_str(&d, ", ");
			tal_type_format(&d, o, tal_type_word(o, tal_sig_arg(o, f.sig, pc)));
		}
		tal_diag_str(&d, ") -> ");
		tal_type_format(&d, o, tal_type_word(o, tal_sig_result(o, f.sig)));
		printf("\nfunc %s %s\n", tal_obj_str(o, f.name), d.msg);
		if (res->stack)
			dump_stack(res, fn);
		for (pc = f.start; pc < end; pc += in.len) {
			while (l < o->count[TAL_SEC_LABELS] && (tal_obj_label(o, l, &lab), lab.code <= pc))
				dump_label(o, l++);
			tal_diag_reset(&d);
			if (tal_decode(tal_obj_code(o), end, pc, &in) != TAL_OK) {
				printf("  %06x  (undecodable: %s)\n", pc, in.what ? in.what : "?");
				break;
			}
			sym = 0;
			while (r < o->count[TAL_SEC_RELOCS] && (tal_obj_reloc(o, r, &rel), rel.code < pc + in.len)) {
				if (rel.code >= pc)
					sym = tal_obj_reloc_sym(o, r);
				r++;
			}
			tal_decode_format(&d, &in, sym);
			printf("  %06x  %s\n", pc, d.msg);
		}
	}
	if (res->stack)
		dump_entries(res);
}

/* Append "NAME: TYPE" to D unless cell C is uninit (printed as nothing). */
static void log_cell(struct tal_diag *d, const struct tal_obj *o, const char *name,
                     const struct tal_cell *c)
{
	if (c->t.kind == TAL_T_UNINIT)
		return;
	tal_diag_str(d, ", ");
	tal_diag_str(d, name);
	tal_diag_str(d, ": ");
	tal_type_format(d, o, c->t);
}

/* The trace hook of -v: a function's name when its walk starts, then per
 * instruction the state before it in label-annotation syntax (uninit
 * registers and slots left out) and the instruction. */
static void log_insn(void *arg, const struct tal_trace *t)
{
	const struct tal_state *s = t->state;
	uint32_t *fn = arg, r, i, n = tal_state_nslots(s);
	struct tal_func f;
	struct tal_diag d;
	char slot[24];

	if (*fn != t->fn) {
		*fn = t->fn;
		tal_obj_func(t->obj, t->fn, &f);
		printf("func %s\n", tal_obj_str(t->obj, f.name));
	}
	tal_diag_reset(&d);
	tal_diag_str(&d, "{esp=");
	tal_diag_int(&d, s->esp);
	for (r = 0; r < 8; r++)
		if (r != TAL_ESP)
			log_cell(&d, t->obj, tal_decode_regname(r, 4), &s->reg[r]);
	for (i = n; i-- > 0;) {
		snprintf(slot, sizeof slot, "[esp+%d]", s->top - 4 * (int32_t)i - s->esp);
		log_cell(&d, t->obj, slot, &s->slot[i]);
	}
	printf("  %06x  %s}\n", t->in->pc, d.msg);
	tal_diag_reset(&d);
	tal_decode_format(&d, t->in, t->sym);
	printf("  %06x  %s\n", t->in->pc, d.msg);
}

int main(int argc, char **argv)
{
	static struct tal_result res;
	bool want_dump = argc == 3 && !strcmp(argv[1], "--dump");
	bool want_log = argc == 3 && (!strcmp(argv[1], "-v") || !strcmp(argv[1], "--log"));
	const char *path = argv[argc - 1];
	uint32_t log_fn = TAL_NONE;
	struct timespec t0, t1;
	size_t len;
	uint8_t *obj;
	void *arena;
	double ms;
	int err;

	if (argc != 2 && !want_dump && !want_log) {
		fprintf(stderr, "usage: talcheck [--dump | -v | --log] FILE.to\n");
		return 2;
	}
	obj = read_file(path, &len);
	arena = malloc(TAL_ARENA_MAX);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	err = tal_verify_traced(obj, len, arena, TAL_ARENA_MAX, &res,
	                        want_log ? log_insn : NULL, &log_fn);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
	if (want_dump && (err == TAL_OK || err >= TAL_E_DECODE_TRUNCATED))
		dump(&res);
	if (err != TAL_OK) {
		printf("%s: %s\n", path, res.diag.msg);
		return 1;
	}
	printf("%s: OK: %u functions, %u instructions, %u exports, verified in %.3f ms\n",
	       path, res.obj.count[TAL_SEC_FUNCS], res.ninsns,
	       res.obj.count[TAL_SEC_EXPORTS], ms);
	return 0;
}
