/*
 * Reference counts and handle tables (contract in kernel/object.h). All of
 * it runs in process context; kernel code is not preempted, so no locking.
 */
#include "kernel/object.h"
#include "kernel/panic.h"
#include "talos/errno.h"

void kobj_init(struct kobj *o, int kind, void (*destroy)(struct kobj *o))
{
	o->magic = KOBJ_MAGIC;
	o->kind = kind;
	o->refs = 1;
	o->destroy = destroy;
}

void kobj_destroy(struct kobj *o)
{
	o->magic = 0;
	o->destroy(o);
}

int handle_install(struct handle_table *t, struct kobj *o, uint32_t rights)
{
	for (int h = 0; h < PARAM_HANDLES; h++) {
		if (!t->obj[h]) {
			kobj_get(o);
			t->obj[h] = o;
			t->rights[h] = rights;
			return h;
		}
	}
	return -EMFILE;
}

int handle_close(struct handle_table *t, int h)
{
	if (h < 0 || h >= PARAM_HANDLES || !t->obj[h])
		return -EBADF;
	struct kobj *o = t->obj[h];
	t->obj[h] = NULL;
	t->rights[h] = 0;
	kobj_put(o);
	return 0;
}

void handle_close_all(struct handle_table *t)
{
	for (int h = 0; h < PARAM_HANDLES; h++)
		if (t->obj[h])
			handle_close(t, h);
}
