/*
 * TAL verifier: the public API the kernel's extension loader and the host
 * tools call. tal_verify() checks an object file completely (container,
 * decoding, typing of every instruction) in one linear pass and, when it is
 * safe, returns the facts the loader needs.
 *
 * Invariant: tal_verify() never reads outside OBJ[0..LEN) or writes outside
 * ARENA[0..ARENA_LEN) and *OUT, never recurses on input and always ends;
 * the object and the arena must stay untouched while the loader uses OUT.
 */
#ifndef TAL_VERIFY_H
#define TAL_VERIFY_H

#include <stdint.h>
#include <stddef.h>
#include <talos/param.h>
#include "obj.h"
#include "diag.h"
#include "state.h"

struct tal_insn;

/* Arena bytes that are always enough: two states and two words per function. */
#define TAL_ARENA_MAX (2 * sizeof(struct tal_state) + 8 * (size_t)TAL_MAX_FUNCS + 16)

struct tal_result {
	int err;                 /* TAL_OK, or the enum tal_err code */
	struct tal_diag diag;    /* diag.msg: "OK" or the verifier's message */
	struct tal_obj obj;      /* the object's sections: read entries with tal_obj_* */
	uint32_t ninsns;         /* instructions verified */
	const uint32_t *stack;   /* per function: bytes of stack it may use below
	                            its entry esp, calls included (in the arena) */
	const uint32_t *stack_via; /* per function: callee of its deepest call
	                            (bound.h), for naming the chain */
};

/* What the verifier knows just before it types one instruction: given to
 * a trace hook, for logs such as `talcheck -v`. Everything is read-only
 * and valid only during the call. */
struct tal_trace {
	const struct tal_obj *obj;     /* the object (checked) */
	uint32_t fn;                   /* index of the function being verified */
	const struct tal_insn *in;     /* the decoded instruction */
	const char *sym;               /* symbol of its relocation, or NULL */
	const struct tal_state *state; /* the abstract state before it */
};

/* A trace hook: called with ARG before each instruction is typed. It only
 * observes: the verdict does not depend on it. */
typedef void tal_trace_fn(void *arg, const struct tal_trace *t);

/* Verify the object OBJ[0..LEN) using ARENA (at least TAL_ARENA_MAX bytes
 * serves any object; less serves objects with fewer functions). Fills OUT
 * and returns OUT->err. OUT->stack is set once every function is verified,
 * also when an entry point then exceeds the stack budget. */
int tal_verify(const uint8_t *obj, size_t len, void *arena, size_t arena_len,
               struct tal_result *out);

/* tal_verify(), calling HOOK(ARG, ...) before each instruction it types
 * (HOOK may be NULL: then it is tal_verify()). */
int tal_verify_traced(const uint8_t *obj, size_t len, void *arena, size_t arena_len,
                      struct tal_result *out, tal_trace_fn *hook, void *arg);

#endif /* TAL_VERIFY_H */
