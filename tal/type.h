/*
 * TAL word types as the verifier tracks them: a kind and one operand
 * (the bound of idx, the memory-type index of ptr/ptr?, the kind of a cap,
 * the register of a saved value). Memory types stay in the object's type
 * table and are compared by index, so comparing word types is O(1).
 *
 * Invariant: subtyping is exactly the relation of SPEC.md, section
 * "Subtyping": reflexive; idx N <: idx M (N <= M); idx N <: int;
 * ptr S <: ptr? S; anything <: uninit. Nothing else.
 */
#ifndef TAL_TYPE_H
#define TAL_TYPE_H

#include <stdint.h>
#include <stdbool.h>
#include "obj.h"
#include "diag.h"

struct tal_wt {
	uint8_t kind;  /* TAL_T_UNINIT .. TAL_T_RET */
	uint32_t arg;  /* see enum tal_tkind */
};

/* The word type of type-table entry T (a checked word-type index). */
struct tal_wt tal_type_word(const struct tal_obj *o, uint32_t t);

/* A word type built from its parts. */
struct tal_wt tal_type_mk(int kind, uint32_t arg);

/* Is A a subtype of B? */
bool tal_type_sub(struct tal_wt a, struct tal_wt b);

/* int or idx: the types arithmetic accepts. */
bool tal_type_numeric(struct tal_wt t);

/* Append "ptr? node", "idx 16", ... to D. */
void tal_type_format(struct tal_diag *d, const struct tal_obj *o, struct tal_wt t);

/* Append the name of memory type M ("node", or "type#3" if anonymous). */
void tal_type_memname(struct tal_diag *d, const struct tal_obj *o, uint32_t m);

#endif /* TAL_TYPE_H */
