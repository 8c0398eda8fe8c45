/*
 * The Dionisys nameserver: class descriptors and their applications, the
 * service managers by name, event channel ids, and the listing of every
 * object (contract in ext/dion.h). Monitors and handlers are found through
 * their service manager's queues, channels through the list here.
 *
 * Invariant: an application slot with cd != 0 belongs to a live process;
 * its owner's exit destroys it (dion_proc_exit).
 */
#include "ext/dion.h"
#include "kernel/kheap.h"
#include "kernel/kprintf.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "talos/errno.h"
#include "talos/objects.h"

static struct dion_app apps[PARAM_DION_APPS];
static int next_cd = 1;
static int next_chan_id = 1;

/* Service managers by name: the registry holds a reference on each. */
#define MAX_SMS 16
static struct dion_sm *sms[MAX_SMS];

static void dion_proc_exit(struct proc *p)
{
	for (int i = 0; i < PARAM_DION_APPS; i++)
		if (apps[i].cd && apps[i].owner == p->pid)
			dion_app_destroy(&apps[i]);
}

void dion_init(void)
{
	proc_set_exit_hook(dion_proc_exit);
	struct dion_sm *cpu = dion_sm_start("cpu", PARAM_DION_CPU_PERIOD, &dion_cpu_policy);
	if (!cpu || dion_sm_bind(cpu) != 0)
		PANIC("cannot start the CPU service manager");
	kobj_put(&cpu->obj);                /* the registry holds it */
}

int dion_app_create(void)
{
	struct proc *me = proc_current();
	int owner = me ? me->pid : 0, owned = 0;
	for (int i = 0; i < PARAM_DION_APPS; i++)
		owned += apps[i].cd && apps[i].owner == owner;
	if (owned >= PARAM_DION_APPS_PER_PROC)
		return -ENOSPC;                 /* one process cannot take every slot */
	for (int i = 0; i < PARAM_DION_APPS; i++) {
		struct dion_app *a = &apps[i];
		if (a->cd)
			continue;
		memset(a, 0, sizeof(*a));
		a->cd = next_cd++;
		a->owner = owner;
		a->task = me ? &me->task : sched_current();
		return a->cd;
	}
	return -ENOSPC;
}

struct dion_app *dion_app_find(int cd)
{
	if (cd <= 0)
		return NULL;
	for (int i = 0; i < PARAM_DION_APPS; i++)
		if (apps[i].cd == cd)
			return &apps[i];
	return NULL;
}

void dion_app_destroy(struct dion_app *a)
{
	dion_app_runners_destroy(a);
	for (int i = 0; i < MAX_SMS; i++)
		if (sms[i] && sms[i]->app == a) {
			struct dion_sm *sm = sms[i];
			sms[i] = NULL;
			dion_sm_destroy(sm);
			kobj_put(&sm->obj);
		}
	if (a->cls)
		dion_class_destroy(a->cls);
	a->cd = 0;
}

struct dion_sm *dion_sm_find(const char *name)
{
	for (int i = 0; i < MAX_SMS; i++)
		if (sms[i] && strcmp(sms[i]->name, name) == 0)
			return sms[i];
	return NULL;
}

int dion_sm_bind(struct dion_sm *sm)
{
	if (dion_sm_find(sm->name))
		return -EEXIST;
	for (int i = 0; i < MAX_SMS; i++) {
		if (!sms[i]) {
			kobj_get(&sm->obj);
			sms[i] = sm;
			return 0;
		}
	}
	return -ENOSPC;
}

int dion_sm_unbind(struct dion_sm *sm)
{
	for (int i = 0; i < MAX_SMS; i++) {
		if (sms[i] == sm) {
			sms[i] = NULL;
			dion_sm_destroy(sm);
			kobj_put(&sm->obj);
			return 0;
		}
	}
	return -ENOENT;
}

int dion_chan_id(void)
{
	return next_chan_id++;
}

/* ---- The listing ---- */

struct list_walk {
	int want;                       /* index asked for */
	int seen;                       /* objects passed so far */
	struct dion_info *info;
};

static void info_common(struct dion_info *info, int kind, const char *name, struct dion_sm *sm,
			struct dion_app *app)
{
	memset(info, 0, sizeof(*info));
	info->kind = kind;
	strlcpy(info->name, name, sizeof(info->name));
	if (sm)
		strlcpy(info->sm, sm->name, sizeof(info->sm));
	if (app) {
		info->cd = app->cd;
		info->owner = app->owner;
	}
}

/* Fill W->info if OBJ (of KIND) is the object W wants. */
static bool list_one(int kind, void *obj, void *arg)
{
	struct list_walk *w = arg;
	if (w->seen++ != w->want)
		return false;
	struct dion_info *info = w->info;
	if (kind == DION_SM) {
		struct dion_sm *sm = obj;
		info_common(info, kind, sm->name, sm, sm->app);
		info->period = sm->period;
		info->stat = sm->stat;
		strlcpy(info->detail, sm->policy ? "kernel" : "extension", sizeof(info->detail));
	} else if (kind == DION_MONITOR || kind == DION_HANDLER) {
		struct dion_runner *r = obj;
		info_common(info, kind, r->name, r->sm, r->app);
		info->period = kind == DION_MONITOR ? r->period : 0;
		info->stat = r->ctx.stat;
		if (kind == DION_HANDLER)
			info->stat.pending = (unsigned)r->in_count;
		strlcpy(info->detail, r->ext->name, sizeof(info->detail));
	} else if (kind == DION_CHANNEL) {
		struct dion_chan *c = obj;
		info_common(info, kind, c->mon->name, c->mon->sm, c->mon->app);
		info->id = c->id;
		info->stat = c->stat;
		for (int i = 0; i < c->nsubs; i++) {
			if (i)
				strlcat(info->detail, ",", sizeof(info->detail));
			if (c->subs[i]->sm != c->mon->sm) {
				strlcat(info->detail, c->subs[i]->sm->name, sizeof(info->detail));
				strlcat(info->detail, "/", sizeof(info->detail));
			}
			strlcat(info->detail, c->subs[i]->name, sizeof(info->detail));
		}
	} else {
		struct dion_class *c = obj;
		info_common(info, kind, "attributes", c->sm, c->app);
		int i = dion_attr_index(c, "period");
		info->period = i < 0 ? 0 : c->value[i];
		ksnprintf(info->detail, sizeof(info->detail), "%d attributes", c->nattrs);
	}
	return true;
}

bool dion_list(int index, struct dion_info *info)
{
	if (index < 0)
		return false;
	struct list_walk w = { index, 0, info };
	return dion_sm_walk(list_one, &w);
}

bool dion_sm_walk_registry(bool (*fn)(struct dion_sm *sm, void *arg), void *arg)
{
	for (int i = 0; i < MAX_SMS; i++)
		if (sms[i] && fn(sms[i], arg))
			return true;
	return false;
}
