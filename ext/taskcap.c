/*
 * Task objects (see ext/taskcap.h).
 */
#include "ext/taskcap.h"
#include "kernel/kheap.h"
#include "kernel/proc.h"
#include "talos/objects.h"

static void taskcap_destroy(struct kobj *o)
{
	kfree(o);
}

struct taskcap *taskcap_create(int pid)
{
	struct taskcap *t = kzalloc(sizeof(*t));
	if (!t)
		return NULL;
	kobj_init(&t->obj, OBJ_TASK, taskcap_destroy);
	t->pid = pid;
	return t;
}

struct proc *taskcap_proc(struct kobj *o)
{
	if (!o || o->magic != KOBJ_MAGIC || o->kind != OBJ_TASK)
		return NULL;
	struct proc *p = proc_find(((struct taskcap *)o)->pid);
	return p && !p->zombie ? p : NULL;
}
