/*
 * TAL operands of data instructions: reading a register, an immediate or
 * (through memory.c) a memory operand as a typed cell, and the checks the
 * rules share: a destination is a register other than esp, an arithmetic
 * operand is numeric. Used by rules.c, memory.c and stack.c.
 *
 * Invariant: every register read goes through tal_opnd_reg(), which
 * refuses esp and uninit; a function that fails leaves a complete message
 * in v->diag and returns the error code.
 */
#ifndef TAL_OPERAND_H
#define TAL_OPERAND_H

#include "rules.h"

/* Fail with error E at the current instruction, explained by MSG. */
int tal_opnd_fail(struct tal_vctx *v, int e, const char *msg);

/* The type of an immediate V: idx V+1 (an unsigned value below V+1). */
struct tal_wt tal_opnd_const(uint32_t imm);

/* A cell of type T made by the current instruction (HOW, AUX: state.h). */
struct tal_cell tal_opnd_cell(struct tal_vctx *v, struct tal_wt t, int how, uint32_t aux);

/* The cell a copy of SRC made by the current instruction holds: SRC
 * itself, or, when SRC's origin is a label annotation, SRC's type with
 * the copy as its origin (HOW, AUX: state.h). */
struct tal_cell tal_opnd_copy(struct tal_vctx *v, const struct tal_cell *src, int how,
                              uint32_t aux);

/* Read register R: not esp, not uninit. */
int tal_opnd_reg(struct tal_vctx *v, uint32_t r, struct tal_cell *out);

/* Read register R, which must hold an int or idx. */
int tal_opnd_numeric_reg(struct tal_vctx *v, uint32_t r, struct tal_cell *out);

/* Check that O is a writable register destination: any register but esp. */
int tal_opnd_dest(struct tal_vctx *v, const struct tal_opnd *o);

/* Read any source operand O (register, immediate or memory). */
int tal_opnd_source(struct tal_vctx *v, const struct tal_opnd *o, struct tal_cell *out);

/* Read a source operand O that must be an int or idx. */
int tal_opnd_numeric_source(struct tal_vctx *v, const struct tal_opnd *o,
                            struct tal_cell *out);

/* The immediate IMM of mov r, imm or push imm: with a global relocation it
 * is that global's address (ptr to its type), else a constant. */
int tal_opnd_immediate(struct tal_vctx *v, uint32_t imm, struct tal_cell *out);

#endif /* TAL_OPERAND_H */
