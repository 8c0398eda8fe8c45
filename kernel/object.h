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
#include "kernel/panic.h"
#include "talos/errno.h"
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

/* Free O: its last reference is gone (called by kobj_put). */
void kobj_destroy(struct kobj *o);

/* Take a reference on O, which must be alive (inline: it is on every invocation's path). */
static inline void kobj_get(struct kobj *o)
{
	ASSERT(o->magic == KOBJ_MAGIC && o->refs > 0);
	o->refs++;
}

/* Drop a reference on O; the last one destroys it. */
static inline void kobj_put(struct kobj *o)
{
	ASSERT(o->magic == KOBJ_MAGIC && o->refs > 0);
	if (--o->refs == 0)
		kobj_destroy(o);
}

/* Install a new reference to O in T; the handle, or -EMFILE. */
int handle_install(struct handle_table *t, struct kobj *o, uint32_t rights);

/*
 * The object behind handle H if it is of KIND (or any kind when KIND is 0)
 * and the handle has every right in NEED; NULL with *ERR = -EBADF (no such
 * handle or wrong kind) or -EACCES (missing right).
 */
static inline struct kobj *handle_get(struct handle_table *t, int h, int kind, uint32_t need,
				      int *err)
{
	if (h < 0 || h >= PARAM_HANDLES || !t->obj[h] || (kind && t->obj[h]->kind != kind)) {
		*err = -EBADF;
		return NULL;
	}
	if ((t->rights[h] & need) != need) {
		*err = -EACCES;
		return NULL;
	}
	return t->obj[h];
}

/* Close handle H: 0 or -EBADF. */
int handle_close(struct handle_table *t, int h);

/* Close every handle (process exit). */
void handle_close_all(struct handle_table *t);

#endif /* KERNEL_OBJECT_H */
