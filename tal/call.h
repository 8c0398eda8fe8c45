/*
 * TAL calls and returns: the call and ret rules of the verifier (SPEC.md,
 * "Calls, signatures, stack bound"). A call goes to an import (through its
 * relocation) or to an earlier function of the object; ret ends a function.
 *
 * Invariant: each rule either updates v->cur to the state after the
 * instruction and returns TAL_OK, or leaves a complete message in v->diag
 * and returns the error code.
 */
#ifndef TAL_CALL_H
#define TAL_CALL_H

#include "rules.h"

/* call: arguments on top of the stack must match the callee's signature;
 * afterwards eax holds the result, ecx, edx and the argument slots are
 * clobbered. Only earlier functions may be called (no recursion). Records
 * the stack the call uses (callee's bound plus the return address). */
int tal_call_check(struct tal_vctx *v);

/* ret: esp back at entry, the return address on top, callee-saved
 * registers restored, eax of the result type. */
int tal_call_ret(struct tal_vctx *v);

#endif /* TAL_CALL_H */
