/*
 * Kernel objects and handles.
 *
 * A kernel object (an extension, a task reference, a Dionisys object) starts
 * with a struct kobj: its kind (talos/objects.h), a reference count and the
 * function that frees it when the last reference goes. A process names
 * objects through handles: small integers indexing its handle table, each
 * holding one reference and a set of rights. An extension may also hold
 * references (the capabilities it was given), so an object lives until
 * neither any handle nor any extension can reach it.
 */
#ifndef KERNEL_OBJECT_H
#define KERNEL_OBJECT_H

#include "kernel/kdefs.h"
#include "talos/param.h"

#define KOBJ_MAGIC 0x4B4F424Au   /* "KOBJ": catches stale or foreign pointers */

struct kobj {
	uint32_t magic;             /* KOBJ_MAGIC while alive */
	int kind;                   /* OBJ_* */
	int refs;                   /* handles and holders */
	void (*destroy)(struct kobj *o);   /* frees the object; called at refs == 0 */
};

/* Handle rights. */
#define RIGHT_READ    0x1u       /* query the object (statistics) */
#define RIGHT_INVOKE  0x2u       /* invoke it (extensions) */
#define RIGHT_GRANT   0x4u       /* pass it to an extension as a capability */
#define RIGHT_ALL     0x7u

struct handle_table {
	struct kobj *obj[PARAM_HANDLES];
	uint32_t rights[PARAM_HANDLES];
};

/* Initialise O with one reference (the caller's). */
void kobj_init(struct kobj *o, int kind, void (*destroy)(struct kobj *o));
void kobj_get(struct kobj *o);
void kobj_put(struct kobj *o);

/* Install a new reference to O in T; the handle, or -EMFILE. */
int handle_install(struct handle_table *t, struct kobj *o, uint32_t rights);

/*
 * The object behind handle H if it is of KIND (or any kind when KIND is 0)
 * and the handle has every right in NEED; NULL with *ERR = -EBADF (no such
 * handle or wrong kind) or -EACCES (missing right).
 */
struct kobj *handle_get(struct handle_table *t, int h, int kind, uint32_t need, int *err);

/* Close handle H: 0 or -EBADF. */
int handle_close(struct handle_table *t, int h);

/* Close every handle (process exit). */
void handle_close_all(struct handle_table *t);

#endif /* KERNEL_OBJECT_H */
