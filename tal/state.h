/*
 * TAL abstract machine state: what the verifier knows at one program
 * point of a function -- the word type of each register and of each stack
 * slot of the frame, esp as an offset from the function's entry, and for
 * every value where its type came from (for error messages).
 *
 *   entry esp + 4*nargs -> +-------------+  slot 0        (last argument)
 *                          |    ...      |
 *   entry esp + 4       -> |  argument 1 |
 *   entry esp           -> | return addr |  (type ret)
 *                          |   locals    |  pushed / sub esp
 *   current esp         -> +-------------+  slot (top - esp) / 4
 *
 * Invariant: slots 0 .. tal_state_nslots() - 1 are the live frame and
 * that count never exceeds TAL_MAX_FRAME_SLOTS.
 */
#ifndef TAL_STATE_H
#define TAL_STATE_H

#include "type.h"
#include <talos/param.h>

/* Where a value's type came from. */
enum tal_how {
	TAL_FROM_ENTRY,   /* function entry (AUX: argument number, or register) */
	TAL_FROM_LABEL,   /* annotation of label AUX */
	TAL_FROM_FIELD,   /* loaded from record member AUX */
	TAL_FROM_ELEM,    /* loaded from an array element */
	TAL_FROM_SLOT,    /* loaded from stack slot [esp+AUX] */
	TAL_FROM_CALL,    /* result of a call */
	TAL_FROM_CLOBBER, /* clobbered by a call */
	TAL_FROM_ARITH,   /* result of arithmetic */
	TAL_FROM_CONST,   /* a constant */
	TAL_FROM_REFINE,  /* narrowed by a check and a conditional jump */
	TAL_FROM_MOVE,    /* copied from register AUX */
	TAL_FROM_GLOBAL,  /* address of global AUX */
};

/* A value's origin is where it was last defined: a copy (mov, push, pop,
 * a slot load or store) keeps the origin of what it copies, unless that is
 * a label annotation, which it replaces by the copy's own (tal_opnd_copy),
 * so an origin never names a label the value was reloaded after. */
struct tal_cell {
	struct tal_wt t;  /* the type */
	uint8_t how;      /* enum tal_how */
	uint32_t pc;      /* code offset of the instruction that set it */
	uint32_t aux;     /* see enum tal_how */
};

struct tal_state {
	int32_t esp;      /* esp - entry esp, <= 0, multiple of 4 */
	int32_t top;      /* 4 * number of arguments: entry-relative e of slot 0 */
	struct tal_cell reg[8];                      /* reg[TAL_ESP] unused */
	struct tal_cell slot[TAL_MAX_FRAME_SLOTS];   /* slot i is at e = top - 4i */
};

/* Number of live slots (from the last argument down to esp). */
uint32_t tal_state_nslots(const struct tal_state *s);

/* Slot index of entry-relative offset E. */
uint32_t tal_state_slot(const struct tal_state *s, int32_t e);

/* A cell of type T set by HOW at PC. */
struct tal_cell tal_cell_mk(struct tal_wt t, int how, uint32_t pc, uint32_t aux);

/* The state at entry to function FN (signature SIG): arguments typed from
 * the signature, the return address at esp, callee-saved registers holding
 * their saved values, everything else uninit. */
void tal_state_entry(const struct tal_obj *o, uint32_t sig, struct tal_state *s);

/* The state annotation of label L (a checked label index) in a function
 * whose frame top is TOP. */
void tal_state_label(const struct tal_obj *o, uint32_t l, int32_t top,
                     struct tal_state *s);

/* The first place where a state is not a subtype of another. */
struct tal_mismatch {
	int reg;    /* the register, or -1 for a slot */
	int32_t e;  /* the slot's entry-relative offset (reg == -1) */
};

/* Check that CUR and ANN have the same esp and that every register and
 * live slot of CUR is a subtype of ANN's. Returns TAL_OK, or
 * TAL_E_STACK_MISMATCH, or TAL_E_SUBTYPE with the first mismatch in M. */
int tal_state_sub(const struct tal_state *cur, const struct tal_state *ann,
                  struct tal_mismatch *m);

/* Append "ebx: ptr? node (loaded from field next at +0x14)" for a cell
 * named NAME to D. */
void tal_state_describe(struct tal_diag *d, const struct tal_obj *o,
                        const char *name, const struct tal_cell *c);

#endif /* TAL_STATE_H */
