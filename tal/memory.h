/*
 * TAL memory operands: what a load from or a store to [base+index*s+disp]
 * means (SPEC.md, "Memory operands"). The location is a frame slot
 * [esp+d] (stack.c), a field of a record at its exact offset, or an
 * element of an array or byte buffer whose index is proved in bounds.
 *
 * Invariant: a data instruction touches memory only through
 * tal_mem_load() and tal_mem_store(), which resolve the operand first.
 */
#ifndef TAL_MEMORY_H
#define TAL_MEMORY_H

#include "rules.h"

/* Load from memory operand M into OUT: the cell of a live slot, or a cell
 * of the field's or element's type (bytes load as idx 256). */
int tal_mem_load(struct tal_vctx *v, const struct tal_opnd *m, struct tal_cell *out);

/* Store VAL to memory operand M: a slot takes any value; other memory must
 * be writable and take a subtype of its type. NULL_OK: VAL is the constant
 * 0, which a ptr? location accepts. */
int tal_mem_store(struct tal_vctx *v, const struct tal_opnd *m,
                  const struct tal_cell *val, bool null_ok);

#endif /* TAL_MEMORY_H */
