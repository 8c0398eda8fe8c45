/*
 * popc memory locations: array elements, struct fields and scalar globals.
 * gen_addr_of evaluates a location with the checks the language promises,
 * bounds (cmp i, N; jae) and null (test r, r; je); gen_load reads the word
 * there and gen_store writes it.
 *
 * Invariant: a check's refined register (idx N after a bounds check, ptr S
 * after a null check) is used by the very next memory access, with no
 * label in between unless the refined value is a temporary whose type the
 * label declares.
 */
#include "gen.h"
#include <string.h>

static const char *const R32[8] = { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi" };

/* A new temporary holding the address of global G, typed as a pointer to
 * its storage (a struct, an array, or a one-element array for a scalar). */
struct opnd gen_global_addr(struct pglobal *g)
{
	char ty[TYLEN];
	int t;

	snprintf(ty, sizeof ty, "ptr %s", g->ty.k == TY_REF ? g->ty.st->name : tal_array_name(
	         g->ty.k == TY_ARR ? g->ty : (struct ptype){ .k = TY_ARR, .elem = g->ty.k,
	                                                     .st = g->ty.st, .len = 1 }));
	t = temp_new(ty);
	G.tmp[t].global = true;
	gen_emit("mov %s, g_%s", R32[G.tmp[t].reg], g->name);
	return gen_temp_opnd(t);
}

/* Evaluate the location LV (element, field or scalar global) with its
 * checks. OWN: keep refined registers in temporaries (labels may follow). */
void gen_addr_of(struct expr *lv, struct addr *a, bool own)
{
	char ty[TYLEN];
	int32_t k;
	int rb, ri;

	memset(a, 0, sizeof *a);
	if (lv->k == E_GLOBAL) {
		a->base = gen_global_addr(lv->glob);
		return;
	}
	a->base = gen_expr(lv->a);
	if (lv->k == E_FIELD) {
		a->disp = lv->field->offset;
		rb = own ? gen_to_reg(&a->base, "") : gen_reg_of(&a->base, "");
		if (lv->a->ty.k == TY_NREF) {
			gen_emit("test %s, %s", R32[rb], R32[rb]);
			gen_jump("je", gen_exc_label(POPC_EXC_NULL));
			if (a->base.k == O_TEMP) {
				snprintf(ty, sizeof ty, "ptr %s", lv->a->ty.st->name);
				temp_type(a->base.t, ty);
			}
		}
		return;
	}
	if (popc_fold(lv->b, &k)) {
		a->disp = 4 * k;
		return;
	}
	a->has_idx = true;
	a->idx = gen_expr(lv->b);
	gen_pin(a->idx, true);
	if (a->base.k == O_VAR && a->base.var->reg < 0)
		gen_to_reg(&a->base, "");
	gen_pin(a->base, true);
	ri = own || a->idx.k != O_VAR ? gen_to_reg(&a->idx, "int") : gen_reg_of(&a->idx, "int");
	gen_pin(a->idx, true);
	gen_emit("cmp %s, %d", R32[ri], lv->a->ty.len);
	gen_jump("jae", gen_exc_label(POPC_EXC_BOUNDS));
	if (a->idx.k == O_TEMP) {
		snprintf(ty, sizeof ty, "idx %d", lv->a->ty.len);
		temp_type(a->idx.t, ty);
	}
	gen_pin(a->base, false);
	gen_pin(a->idx, false);
}

/* The memory operand of A, reloading spilled parts; pins them. The text
 * is in a static buffer, valid until the next call. */
const char *gen_addr_text(struct addr *a)
{
	static char buf[64];
	int rb, ri;

	gen_pin(a->base, true);
	gen_pin(a->idx, true);
	rb = gen_reg_of(&a->base, "");
	if (!a->has_idx) {
		snprintf(buf, sizeof buf, "[%s+%d]", R32[rb], a->disp);
		return buf;
	}
	ri = gen_reg_of(&a->idx, "int");
	snprintf(buf, sizeof buf, "[%s+%s*4]", R32[rb], R32[ri]);
	return buf;
}

/* Unpin A's parts and free its temporaries. */
void gen_addr_free(struct addr *a)
{
	gen_pin(a->base, false);
	gen_pin(a->idx, false);
	gen_free(a->base);
	if (a->has_idx)
		gen_free(a->idx);
}

/* Load the word at A into a temporary of type TY. The result reuses a
 * temporary of the address, except that a global's address stays in its
 * register when another is free, so that peep.c can drop the next load
 * of the same address. */
struct opnd gen_load(struct addr *a, const char *ty)
{
	const char *text = gen_addr_text(a);
	char mem[64];
	int t;

	snprintf(mem, sizeof mem, "%s", text);
	if (a->base.k == O_TEMP && G.tmp[a->base.t].global && temp_reg_idle()) {
		t = temp_new(ty);
	} else if (a->base.k == O_TEMP) {
		t = a->base.t;
		a->base.k = O_IMM;
	} else if (a->has_idx && a->idx.k == O_TEMP) {
		t = a->idx.t;
		a->idx.k = O_IMM;
	} else {
		t = temp_new(ty);
	}
	gen_emit("mov %s, %s", R32[G.tmp[t].reg], mem);
	temp_type(t, ty);
	G.tmp[t].pinned = false;
	gen_addr_free(a);
	return gen_temp_opnd(t);
}

/* Store O to A; frees O and A's temporaries. */
void gen_store(struct addr *a, struct opnd o)
{
	char mem[64];
	int r;

	if (o.k == O_IMM || o.k == O_NULL) {
		snprintf(mem, sizeof mem, "%s", gen_addr_text(a));
		gen_emit("mov dword %s, %d", mem, o.k == O_IMM ? o.imm : 0);
	} else {
		gen_pin(o, true);
		snprintf(mem, sizeof mem, "%s", gen_addr_text(a));
		r = gen_reg_of(&o, "int");
		snprintf(mem, sizeof mem, "%s", gen_addr_text(a));
		gen_emit("mov %s, %s", mem, R32[r]);
		gen_pin(o, false);
		gen_free(o);
	}
	gen_addr_free(a);
}

/* True if E reads one word of memory that an instruction can take as its
 * source operand: an element, a field or a scalar global. */
bool gen_word_in_memory(struct expr *e)
{
	int32_t v;

	if (popc_fold(e, &v))
		return false;
	if (e->k == E_GLOBAL)
		return e->ty.k != TY_ARR && e->ty.k != TY_REF;
	return e->k == E_INDEX || e->k == E_FIELD;
}

/* Load E into register R directly if it is a word in memory (a return
 * value into eax); false otherwise. R must hold nothing live. */
bool gen_load_into(int r, struct expr *e)
{
	struct addr a;

	if (!gen_word_in_memory(e))
		return false;
	gen_addr_of(e, &a, false);
	gen_emit("mov %s, %s", R32[r], gen_addr_text(&a));
	gen_addr_free(&a);
	return true;
}
