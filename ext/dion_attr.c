/*
 * Attribute classes (contract in ext/dion.h): an application's named
 * integer attributes in one service manager, each with its rights, read
 * and written by name from user space (the owner, or a process it granted
 * access) and from the application's extensions, through names resolved
 * when the extension was bound. Every write goes through the service
 * manager's guard; a class of an SM without a policy accepts writes as they
 * come (the rights still apply).
 */
#include "ext/dion.h"
#include "kernel/kheap.h"
#include "kernel/string.h"
#include "talos/errno.h"
#include "talos/objects.h"

static void class_free(struct kobj *o)
{
	kfree(o);
}

int dion_attr_index(const struct dion_class *c, const char *name)
{
	for (int i = 0; i < c->nattrs; i++)
		if (strcmp(c->name[i], name) == 0)
			return i;
	return -1;
}

/* Is NAME (DION_NAME_MAX bytes) a non-empty, NUL-terminated name? */
static bool name_ok(const char *name)
{
	for (int i = 0; i < DION_NAME_MAX; i++)
		if (name[i] == '\0')
			return i > 0;
	return false;
}

int dion_class_create(struct dion_app *a, struct dion_sm *sm, const struct dion_attr_def *defs,
		      int n)
{
	if (a->cls)
		return -EEXIST;
	if (n < 0 || n > DION_ATTRS_MAX)
		return -EINVAL;
	struct dion_class *c = kzalloc(sizeof(*c));
	if (!c)
		return -ENOMEM;
	kobj_init(&c->obj, OBJ_ATTRCLASS, class_free);
	c->app = a;
	c->sm = sm;
	for (int i = 0; i < n; i++) {
		if (!name_ok(defs[i].name) || (defs[i].rights & ~DION_R_ALL)) {
			kfree(c);
			return -EINVAL;
		}
		if (dion_attr_index(c, defs[i].name) >= 0) {
			kfree(c);
			return -EEXIST;
		}
		strlcpy(c->name[i], defs[i].name, DION_NAME_MAX);
		c->value[i] = defs[i].value;
		c->rights[i] = defs[i].rights;
		c->nattrs = i + 1;
	}
	if (sm->policy) {
		int err = sm->policy->join(c);
		if (err) {
			kfree(c);
			return err;
		}
	}
	kobj_get(&sm->obj);
	c->next = sm->classes;
	sm->classes = c;
	a->cls = c;
	return 0;
}

void dion_class_destroy(struct dion_class *c)
{
	struct dion_sm *sm = c->sm;
	for (struct dion_class **pp = &sm->classes; *pp; pp = &(*pp)->next) {
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	}
	if (sm->policy)
		sm->policy->leave(c);
	c->app->cls = NULL;
	c->app = NULL;
	kobj_put(&sm->obj);
	kobj_put(&c->obj);
}

/* The rights process PID has on A's attributes: owner, granted other, or none. */
static unsigned caller_rights(const struct dion_app *a, int pid, bool write)
{
	if (pid == a->owner)
		return write ? DION_R_OWNER_WRITE : DION_R_OWNER_READ;
	for (int i = 0; i < PARAM_DION_GRANTS; i++)
		if (a->grant_pid[i] == pid)
			return a->grant_rights[i] & (write ? DION_R_OTHER_WRITE : DION_R_OTHER_READ);
	return 0;
}

/* Attribute NAME of A's class for an access needing RIGHT: its index, or -errno. */
static int attr_for(struct dion_app *a, const char *name, unsigned right)
{
	if (!a->cls)
		return -ENOENT;
	int i = dion_attr_index(a->cls, name);
	if (i < 0)
		return -ENOENT;
	if (!right || !(a->cls->rights[i] & right))
		return -EACCES;
	return i;
}

int dion_attr_get(struct dion_app *a, int pid, const char *name, int *value)
{
	int i = attr_for(a, name, caller_rights(a, pid, false));
	if (i < 0)
		return i;
	*value = a->cls->value[i];
	return 0;
}

/* Write attribute I of C through its SM's guard. */
static int attr_write(struct dion_class *c, int i, int value)
{
	if (!c->app)
		return -ENOENT;                 /* destroyed while an extension still ran */
	if (c->sm->policy)
		return c->sm->policy->guard(c, i, value);
	c->value[i] = value;
	return 0;
}

int dion_attr_set(struct dion_app *a, int pid, const char *name, int value)
{
	int i = attr_for(a, name, caller_rights(a, pid, true));
	if (i < 0)
		return i;
	return attr_write(a->cls, i, value);
}

void dion_names_bind(struct dion_names *n, const struct ext *e, const struct dion_class *c)
{
	n->n = e->nnames;
	for (int i = 0; i < e->nnames; i++) {
		n->addr[i] = e->names[i];
		n->attr[i] = (int8_t)dion_attr_index(c, (const char *)e->names[i]);
	}
}

/* The attribute the running extension's name argument NAME resolved to, or -1. */
static int resolved(const struct dion_ctx *ctx, const char *name)
{
	for (int i = 0; i < ctx->names.n; i++)
		if (ctx->names.addr[i] == (uint32_t)name)
			return ctx->names.attr[i];
	return -1;
}

/*
 * The interfaces. get_attribute has no value to spare for an error, so an
 * attribute the extension may not read (or that does not exist) ends the
 * invocation with exception EXT_EXC_ATTRIBUTE; set_attribute returns the
 * error.
 */
int dion_iface_get_attribute(const char *name)
{
	struct dion_ctx *ctx = sched_running->ext_inv->dion;
	int i = ctx ? resolved(ctx, name) : -1;
	if (i < 0 || !(ctx->cls->rights[i] & DION_R_EXT_READ))
		ext_raise(EXT_EXC_ATTRIBUTE);
	return ext_iface_return(ctx->cls->value[i]);
}

int dion_iface_set_attribute(const char *name, int value)
{
	struct dion_ctx *ctx = sched_running->ext_inv->dion;
	if (!ctx)
		return ext_iface_return(-ENOENT);
	int i = resolved(ctx, name);
	if (i < 0)
		return ext_iface_return(-ENOENT);
	if (!(ctx->cls->rights[i] & DION_R_EXT_WRITE))
		return ext_iface_return(-EACCES);
	return ext_iface_return(attr_write(ctx->cls, i, value));
}
