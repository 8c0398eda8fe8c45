/*
 * popc temporaries: the values an expression computes live in the scratch
 * registers eax, ecx and edx, or in spill slots of the frame when the
 * registers run out or a call would clobber them. Each temporary carries
 * its TAL type, so a label placed while it is live can declare it. In a
 * function without calls, ecx and edx may be variable homes instead: only
 * the registers of G.pool hold temporaries, and a need for a register
 * outside it sends the function back to func.c to try fewer homes.
 *
 * Invariant: owner[r] and tmp[t].reg always agree; a pinned temporary is
 * never chosen for spilling; a blocked register and a register outside
 * G.pool are never handed out.
 */
#include "gen.h"
#include <string.h>

static const char *const R32[8] = { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi" };

void gen_reset_temps(void)
{
	for (int t = 0; t < MAX_TEMPS; t++)
		G.tmp[t].live = false;          /* new_entry() clears the rest */
	memset(G.slot_busy, 0, sizeof G.slot_busy);
	for (int r = 0; r < 8; r++)
		G.owner[r] = -1;
	G.blocked = 0;
}

static int slot_e(int j)
{
	return -4 * G.nsaved - 4 * G.nvarslots - 4 * (j + 1);
}

static int alloc_slot(void)
{
	int j;

	for (j = 0; j < 64 && G.slot_busy[j]; j++)
		;
	if (j == 64)
		popc_error(G.f->line, G.f->col, "expression too complex in %s", G.f->name);
	G.slot_busy[j] = true;
	if (j + 1 > G.ntempslots)
		G.ntempslots = j + 1;
	return slot_e(j);
}

static void free_slot(int e)
{
	G.slot_busy[(-4 * G.nsaved - 4 * G.nvarslots - e) / 4 - 1] = false;
}

static int new_entry(const char *ty)
{
	int t;

	for (t = 0; t < MAX_TEMPS && G.tmp[t].live; t++)
		;
	if (t == MAX_TEMPS)
		popc_error(G.f->line, G.f->col, "expression too complex in %s", G.f->name);
	memset(&G.tmp[t], 0, sizeof G.tmp[t]);
	G.tmp[t].live = true;
	G.tmp[t].reg = -1;
	snprintf(G.tmp[t].ty, TYLEN, "%s", ty);
	return t;
}

/* Move temporary T from its register to a new spill slot. */
static void spill(int t)
{
	int r = G.tmp[t].reg;

	G.tmp[t].slot = alloc_slot();
	gen_emit("mov %s, %s", gen_slot(G.tmp[t].slot), R32[r]);
	G.owner[r] = -1;
	G.tmp[t].reg = -1;
}

void gen_spill_all(void)
{
	for (int r = EAX; r <= EDX; r++)
		if (G.owner[r] >= 0)
			spill(G.owner[r]);
}

static bool in_pool(int r)
{
	return G.pool & (1u << r);
}

static bool usable(int r)
{
	return in_pool(r) && G.owner[r] < 0 && !(G.blocked & (1u << r));
}

/* True if a scratch register is free now, without a spill. */
bool temp_reg_idle(void)
{
	return usable(EAX) || usable(ECX) || usable(EDX);
}

/* A free scratch register, spilling an unpinned temporary if needed. */
int temp_free_reg(void)
{
	static const int order[3] = { EAX, ECX, EDX };
	int i, r;

	for (i = 0; i < 3; i++)
		if (usable(order[i]))
			return order[i];
	for (i = 0; i < 3; i++) {
		r = order[i];
		if (in_pool(r) && !(G.blocked & (1u << r)) && !G.tmp[G.owner[r]].pinned) {
			spill(G.owner[r]);
			return r;
		}
	}
	gen_out_of_scratch();
}

/* A new temporary of type TY in register R (which must be free). */
int temp_at(int r, const char *ty)
{
	int t;

	if (!in_pool(r))
		gen_out_of_scratch();
	t = new_entry(ty);

	G.tmp[t].reg = r;
	G.owner[r] = t;
	return t;
}

int temp_new(const char *ty)
{
	return temp_at(temp_free_reg(), ty);
}

/* A new temporary of type TY kept in a spill slot. */
int temp_new_slot(const char *ty)
{
	int t = new_entry(ty);

	G.tmp[t].slot = alloc_slot();
	return t;
}

/* The register of temporary T, reloading it from its slot if spilled. */
int temp_reg(int t)
{
	int r;

	if (G.tmp[t].reg >= 0)
		return G.tmp[t].reg;
	r = temp_free_reg();
	gen_emit("mov %s, %s", R32[r], gen_slot(G.tmp[t].slot));
	free_slot(G.tmp[t].slot);
	G.tmp[t].reg = r;
	G.owner[r] = t;
	return r;
}

void temp_free(int t)
{
	if (G.tmp[t].reg >= 0)
		G.owner[G.tmp[t].reg] = -1;
	else
		free_slot(G.tmp[t].slot);
	G.tmp[t].live = false;
}

void temp_type(int t, const char *ty)
{
	snprintf(G.tmp[t].ty, TYLEN, "%s", ty);
}

/* Make register R free for an instruction that needs it and block it:
 * its temporary moves to another free register, or to a slot. */
void temp_reserve(int r)
{
	int t = G.owner[r], r2;

	if (!in_pool(r))
		gen_out_of_scratch();
	if (t >= 0) {
		for (r2 = EAX; r2 <= EDX; r2++)
			if (r2 != r && usable(r2))
				break;
		if (r2 <= EDX) {
			gen_emit("mov %s, %s", R32[r2], R32[r]);
			G.owner[r] = -1;
			G.owner[r2] = t;
			G.tmp[t].reg = r2;
		} else {
			spill(t);
		}
	}
	G.blocked |= 1u << r;
}

/* The live temporaries as annotation items ("eax: int, [esp+8]: int"). */
char *gen_temps_annotation(void)
{
	static char buf[1024];
	size_t n = 0;
	int t;

	buf[0] = '\0';
	for (t = 0; t < MAX_TEMPS; t++) {
		if (!G.tmp[t].live)
			continue;
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s: %s", n ? ", " : "",
		                      G.tmp[t].reg >= 0 ? R32[G.tmp[t].reg] : gen_slot(G.tmp[t].slot),
		                      G.tmp[t].ty);
	}
	return buf;
}
