/*
 * TAL stack operations: the frame of the function being verified, as the
 * data instructions see it: a slot [esp+d], esp moved by add/sub esp, imm,
 * push and pop. Calls and ret (which also use the stack) are in call.c.
 *
 * Invariant: esp never rises above the return address (entry+0), the frame
 * never exceeds TAL_MAX_FRAME_SLOTS, and every slot the frame grows over
 * is set (to uninit by add/sub esp, to the pushed value by push) before it
 * can be read.
 */
#ifndef TAL_STACK_H
#define TAL_STACK_H

#include "rules.h"

/* Resolve [esp+d] (memory operand M) to the index of a live slot of the
 * frame: 4 bytes, d >= 0 and aligned, no index register. */
int tal_stack_slot(struct tal_vctx *v, const struct tal_opnd *m, uint32_t *slot);

/* add/sub esp, imm: allocate or free frame slots. */
int tal_stack_esp(struct tal_vctx *v);

/* push r/imm and pop r. */
int tal_stack_push(struct tal_vctx *v);
int tal_stack_pop(struct tal_vctx *v);

#endif /* TAL_STACK_H */
