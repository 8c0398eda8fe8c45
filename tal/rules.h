/*
 * TAL typing rules for data instructions (moves, arithmetic, comparisons,
 * memory operands, push and pop): the part of the verifier that says what
 * each instruction requires of its operands and what it leaves in the
 * state. The rules are in rules.c, with operand.c, memory.c and stack.c;
 * control flow is in jump.c (jumps, labels) and call.c (call, ret);
 * verify.c drives the pass and owns the context below.
 *
 * Invariant: a rule either updates v->cur to the state after the
 * instruction and returns TAL_OK, or leaves a complete message in v->diag
 * and returns the error code.
 */
#ifndef TAL_RULES_H
#define TAL_RULES_H

#include "verify.h"
#include "decode.h"

/* The verifier's context while it walks one function. */
struct tal_vctx {
	const struct tal_obj *o;
	struct tal_diag *diag;
	uint32_t fn;              /* current function index */
	struct tal_func f;        /* its entry */
	uint32_t fend;            /* end of its code */
	struct tal_state *cur;    /* state before the current instruction */
	struct tal_state *tmp;    /* scratch: a label's annotation */
	uint32_t tmp_label;       /* the label whose annotation tmp holds, or TAL_NONE */
	struct tal_insn in;       /* the current instruction */
	uint32_t label;           /* next label at or after the current pc */
	uint32_t last_label;      /* last label passed in this function, or TAL_NONE */
	uint32_t reloc;           /* next relocation at or after the current pc */
	int32_t reloc_at;         /* relocation on this instruction: index, or -1 */
	uint32_t flags_at;        /* pc right after the last cmp/test, or TAL_NONE */
	uint8_t flags_reg;        /* register that cmp/test compared */
	bool flags_test;          /* the last flags came from test r, r or cmp r, 0 */
	uint32_t flags_imm;       /* the immediate of cmp r, imm */
	bool flags_imm_valid;     /* the last flags came from cmp r, imm */
	uint32_t max_use;         /* deepest stack use so far, bytes below entry */
	uint32_t max_via;         /* callee of the call that reached it (bound.h) */
	uint32_t *stack;          /* stack use of each function verified so far */
	uint32_t *via;            /* per function: callee of its deepest call (bound.h) */
	tal_trace_fn *trace;      /* hook called before each instruction, or NULL */
	void *trace_arg;          /* its argument */
};

/* Start the message for error E at the current instruction:
 * "E_X in FUNC at +0x1c (after label L) `insn`: explanation; " and return E.
 * Before a function's first instruction is decoded (v->in.len == 0, a
 * mismatch of its entry state with a label at its start) there is no
 * `insn`. */
int tal_rules_fail(struct tal_vctx *v, int e);

/* Append to the message the description of register R / slot at E. */
void tal_rules_reg(struct tal_vctx *v, uint32_t r);
void tal_rules_slot(struct tal_vctx *v, int32_t e);

/* Check the current instruction if it is a data instruction (anything but
 * jmp, jcc, call, ret); returns TAL_OK after updating v->cur. */
int tal_rules_data(struct tal_vctx *v);

/* Record that the stack now reaches USE bytes below entry (frame limit
 * checked by the caller), through a call of VIA (bound.h: a function, an
 * import, or TAL_NONE for the function's own frame). */
void tal_rules_use(struct tal_vctx *v, uint32_t use, uint32_t via);

#endif /* TAL_RULES_H */
