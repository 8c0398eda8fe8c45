/*
 * TAL stack bound: which call chain gives each function its deepest stack
 * use, and the load-time budget of exports and the handler (SPEC.md,
 * "Calls, signatures, stack bound"). The walk (verify.c) fills two words
 * per function: its use in bytes and the callee of its deepest call;
 * everything here only reads them.
 *
 * Invariant: a function's recorded callee has a lower index (calls go to
 * earlier functions only), so following callees always ends.
 */
#ifndef TAL_BOUND_H
#define TAL_BOUND_H

#include <stdint.h>
#include "obj.h"
#include "diag.h"

/* A callee recorded as TAL_VIA_IMPORT | import index is an import; a
 * function index stands for itself; TAL_NONE: the function's own frame is
 * its deepest point. */
#define TAL_VIA_IMPORT 0x80000000u

/* Bytes function FN itself adds to the chain (its frame and the return
 * address of its deepest call): STACK[FN] minus its callee's use. */
uint32_t tal_bound_own(const uint32_t *stack, const uint32_t *via, uint32_t fn);

/* Append the chain of FN to D: "run (+64) -> helper (+4100) -> deep
 * (+5136)", an import last as "log (+2048, import)". */
void tal_bound_chain(struct tal_diag *d, const struct tal_obj *o,
                     const uint32_t *stack, const uint32_t *via, uint32_t fn);

/* Check every export and the handler of O against TAL_MAX_STACK. Returns
 * TAL_OK or TAL_E_STACK_BUDGET with a message naming the entry point, its
 * need, the budget and its chain. */
int tal_bound_check(const struct tal_obj *o, const uint32_t *stack,
                    const uint32_t *via, struct tal_diag *d);

#endif /* TAL_BOUND_H */
