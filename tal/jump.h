/*
 * TAL jumps and labels: a jump (or a fall-through) may enter only an
 * annotated label of its own function, with a state that is a subtype of
 * the label's annotation; a conditional jump right after a cmp/test also
 * learns a fact on each path (SPEC.md, "Annotations, control flow").
 *
 * Invariant: a label is entered only after tal_state_sub() accepted the
 * state; a failing function leaves a complete message in v->diag and
 * returns the error. Only tal_jump_cond() changes v->cur, and only the
 * register the cmp/test compared.
 */
#ifndef TAL_JUMP_H
#define TAL_JUMP_H

#include "rules.h"

/* Explain why state S is not a subtype of label L's annotation in v->tmp
 * (M from tal_state_sub(), HOW: "jumping to" or "falling into"); returns
 * ERR. */
int tal_jump_mismatch(struct tal_vctx *v, int err, const struct tal_mismatch *m,
                      const struct tal_state *s, uint32_t l, const char *how);

/* Check state S against the annotation of the label at TARGET, which a
 * jump (or a fall-through, HOW says which) is about to enter. Uses v->tmp
 * as scratch. */
int tal_jump_enter(struct tal_vctx *v, uint32_t target, const struct tal_state *s,
                   const char *how);

/* jcc: check both paths against the target's annotation, with the
 * register a cmp/test just compared refined on the taken path; on return
 * v->cur holds the refined state of the fall-through path. */
int tal_jump_cond(struct tal_vctx *v);

#endif /* TAL_JUMP_H */
