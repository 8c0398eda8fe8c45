/*
 * Service managers, monitors, handlers and event channels (contract in
 * ext/dion.h).
 *
 * Each service manager runs in a kernel thread of its own at real-time
 * priority PARAM_DION_PRIORITY, never inside a system call: every period it
 * lets its policy sample each attribute class and runs its own service
 * export (an SM made from an extension); it runs each monitor whose period
 * is due, then every handler's inbox to empty, then sleeps until the next
 * due time or until an event for one of its handlers arrives. Every run is
 * bounded by PARAM_DION_RESERVATION ticks and charged to the application
 * (the thread's charge_to). Runs of a dead (destroyed) object never start.
 */
#include "ext/dion.h"
#include "ext/taskcap.h"
#include "kernel/kheap.h"
#include "kernel/kprintf.h"
#include "kernel/pit.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/x86.h"
#include "talos/errno.h"
#include "talos/objects.h"

/* In ext/dion_ns.c. */
bool dion_sm_walk_registry(bool (*fn)(struct dion_sm *sm, void *arg), void *arg);
int dion_sm_unbind(struct dion_sm *sm);

/* Time stamp counter ticks from the last event's raise_event to its handler's run. */
uint64_t dion_event_latency;

/* ---- Running an extension for an application ---- */

/* Run R's prepared export with ARG (if it takes one) on behalf of its application. */
static void runner_run(struct dion_runner *r, uint32_t arg)
{
	struct task *me = sched_current();
	kobj_get(&r->obj);
	me->charge_to = r->app ? r->app->task : NULL;
	int status = ext_run(&r->inv, &arg, PARAM_DION_RESERVATION);
	me->charge_to = NULL;
	r->ctx.stat.runs++;
	r->ctx.stat.ticks += (unsigned)(PARAM_DION_RESERVATION - r->inv.ticks_left);
	if (status != EXT_OK && status != EXT_FAULT_HANDLED)
		r->ctx.stat.aborts++;
	kobj_put(&r->obj);
}

/* Run every event in handler H's inbox, oldest first. */
static void handler_drain(struct dion_runner *h)
{
	while (h->in_count > 0 && !h->dead) {
		struct dion_event *ev = &h->inbox[h->in_head];
		struct dion_chan *c = ev->chan;
		int value = ev->value;
		h->in_head = (h->in_head + 1) % PARAM_DION_QUEUE;
		h->in_count--;
		c->stat.pending--;
		h->ctx.stat.events++;
		dion_event_latency = rdtsc() - ev->raised;
		runner_run(h, (uint32_t)value);
		kobj_put(&c->obj);                  /* the event's reference */
	}
}

/* One wake-up of SM's thread at tick NOW: the period's work, due monitors, inboxes. */
static void sm_work(struct dion_sm *sm, uint64_t now)
{
	if (now >= sm->next_pass) {
		sm->stat.runs++;
		if (sm->policy && sm->policy->sample)
			for (struct dion_class *c = sm->classes; c; c = c->next)
				sm->policy->sample(c, now);
		if (sm->service)
			runner_run(sm->service, 0);
		sm->next_pass += (uint64_t)sm->period;
		if (sm->next_pass <= now)
			sm->next_pass = now + (uint64_t)sm->period;
	}
	for (struct dion_runner *m = sm->monitors; m; m = m->next) {
		if (now < m->next_run)
			continue;
		m->next_run += (uint64_t)m->period;
		if (m->next_run <= now)
			m->next_run = now + (uint64_t)m->period;
		runner_run(m, m->task_cap ? (uint32_t)m->task_cap : 0);
	}
	for (struct dion_runner *h = sm->handlers; h; h = h->next)
		handler_drain(h);
}

void dion_sm_run_all(struct dion_sm *sm)
{
	uint64_t now = pit_ticks();
	if (sm->policy && sm->policy->sample)
		for (struct dion_class *c = sm->classes; c; c = c->next)
			sm->policy->sample(c, now);
	for (struct dion_runner *m = sm->monitors; m; m = m->next)
		runner_run(m, m->task_cap ? (uint32_t)m->task_cap : 0);
	for (struct dion_runner *h = sm->handlers; h; h = h->next)
		handler_drain(h);
}

/* The earliest tick at which SM has work, unless an event comes first. */
static uint64_t sm_next_due(const struct dion_sm *sm)
{
	uint64_t due = sm->next_pass;
	for (const struct dion_runner *m = sm->monitors; m; m = m->next)
		if (m->next_run < due)
			due = m->next_run;
	return due;
}

static bool sm_has_events(const struct dion_sm *sm)
{
	for (const struct dion_runner *h = sm->handlers; h; h = h->next)
		if (h->in_count > 0 && !h->dead)
			return true;
	return false;
}

static void sm_thread(void *arg)
{
	struct dion_sm *sm = arg;          /* the thread holds a reference */
	struct sched_param sp = { SCHED_RT, PARAM_DION_PRIORITY, PARAM_QUANTUM, PARAM_PERIOD };
	sched_set_params(sched_current(), &sp);
	sched_set_daemon(sched_current());
	sm->next_pass = pit_ticks();
	while (!sm->dead) {
		sm_work(sm, pit_ticks());
		if (!sm_has_events(sm) && !sm->dead)
			sched_sleep_until(sm_next_due(sm));
	}
	kobj_put(&sm->obj);
}

/* Wake SM's thread to look at its queues again (it may be asleep). */
static void sm_kick(struct dion_sm *sm)
{
	if (sm->thread && sm->thread != sched_current())
		sched_interrupt(sm->thread);
}

static void sm_free(struct kobj *o)
{
	kfree(o);
}

struct dion_sm *dion_sm_start(const char *name, int period, const struct dion_policy *policy)
{
	struct dion_sm *sm = kzalloc(sizeof(*sm));
	if (!sm)
		return NULL;
	kobj_init(&sm->obj, OBJ_SM, sm_free);
	strlcpy(sm->name, name, sizeof(sm->name));
	sm->period = period;
	sm->policy = policy;
	kobj_get(&sm->obj);                 /* the thread's */
	char tname[PROC_NAME_MAX];
	ksnprintf(tname, sizeof(tname), "sm-%s", name);
	sm->thread = sched_kthread(tname, sm_thread, sm);
	if (!sm->thread) {
		kobj_put(&sm->obj);
		kobj_put(&sm->obj);
		return NULL;
	}
	return sm;
}

/* ---- Creating monitors, handlers and channels ---- */

static void runner_free(struct kobj *o)
{
	struct dion_runner *r = (struct dion_runner *)o;
	if (r->ctx.cls)
		kobj_put(&r->ctx.cls->obj);
	if (r->task_cap)
		kobj_put(r->task_cap);
	ext_release(&r->inv);
	kobj_put(&r->ext->obj);
	kfree(r);
}

/* The runner named NAME in QUEUE, or NULL. */
static struct dion_runner *queue_find(struct dion_runner *queue, const char *name)
{
	for (struct dion_runner *r = queue; r; r = r->next)
		if (strcmp(r->name, name) == 0)
			return r;
	return NULL;
}

static void queue_append(struct dion_runner **queue, struct dion_runner *r)
{
	while (*queue)
		queue = &(*queue)->next;
	r->next = NULL;
	*queue = r;
}

static void queue_remove(struct dion_runner **queue, struct dion_runner *r)
{
	for (; *queue; queue = &(*queue)->next) {
		if (*queue == r) {
			*queue = r->next;
			r->next = NULL;
			return;
		}
	}
}

/*
 * Load OBJ as a runner of KIND (OBJ_MONITOR, OBJ_HANDLER, or OBJ_SM for an
 * SM's service) for application A, running export EXPORT. 0 or -errno with
 * the reason in MSG.
 */
static int runner_load(struct dion_runner **out, int kind, struct dion_app *a, const char *name,
		       const char *export, const uint8_t *obj, uint32_t len, char *msg,
		       uint32_t msglen)
{
	struct ext *e;
	int err = ext_load(obj, len, name, &e, msg, msglen);
	if (err)
		return err;
	const struct ext_export *x = ext_find_export(e, export);
	bool takes_task = x && x->nargs == 1 && x->cap_kind[0] == OBJ_TASK;
	bool ok = x && (kind == OBJ_HANDLER ? x->nargs == 1 && x->cap_kind[0] == 0
					    : x->nargs == 0 || takes_task);
	if (!ok) {
		ksnprintf(msg, msglen, "E_LINK %s needs an export %s(%s) -> int", name, export,
			  kind == OBJ_HANDLER ? "int value" : kind == OBJ_MONITOR ? "[task app]" : "");
		kobj_put(&e->obj);
		return -ELINK;
	}
	struct dion_runner *r = kzalloc(sizeof(*r));
	if (!r) {
		kobj_put(&e->obj);
		return -ENOMEM;
	}
	kobj_init(&r->obj, kind, runner_free);
	strlcpy(r->name, name, sizeof(r->name));
	r->app = a;
	r->ext = e;                         /* the load's reference */
	ext_prepare(&r->inv, e, x);
	r->inv.dion = &r->ctx;
	if (a && a->cls) {
		kobj_get(&a->cls->obj);
		r->ctx.cls = a->cls;
		dion_names_bind(&r->ctx.names, e, a->cls);
	}
	if (takes_task && a) {
		struct taskcap *t = taskcap_create(a->owner);
		if (!t || ext_hold(e, &t->obj) != 0) {
			if (t)
				kobj_put(&t->obj);
			kobj_put(&r->obj);
			return -ENOMEM;
		}
		r->task_cap = &t->obj;
	}
	*out = r;
	return 0;
}

/* The runner NAME ("SM/name" names another SM than DEFAULT_SM) of application A in QUEUE kind. */
static struct dion_runner *runner_lookup(struct dion_app *a, struct dion_sm *default_sm,
					 const char *name, bool monitor)
{
	struct dion_sm *sm = default_sm;
	const char *slash = strchr(name, '/');
	if (slash) {
		char smname[DION_NAME_MAX];
		uint32_t n = (uint32_t)(slash - name);
		if (n >= sizeof(smname))
			return NULL;
		memcpy(smname, name, n);
		smname[n] = '\0';
		sm = dion_sm_find(smname);
		name = slash + 1;
	}
	if (!sm)
		return NULL;
	struct dion_runner *r = queue_find(monitor ? sm->monitors : sm->handlers, name);
	return r && r->app == a ? r : NULL;
}

static void chan_free(struct kobj *o)
{
	kfree(o);
}

/* Subscribe handler H to monitor M's channel (made on first use): the channel id or -errno. */
static int channel_subscribe(struct dion_runner *m, struct dion_runner *h)
{
	struct dion_chan *c = m->ctx.chan;
	if (!c) {
		c = kzalloc(sizeof(*c));
		if (!c)
			return -ENOMEM;
		kobj_init(&c->obj, OBJ_CHANNEL, chan_free);
		c->id = dion_chan_id();
		kobj_get(&m->obj);
		c->mon = m;
		m->ctx.chan = c;                /* the monitor holds the channel's first reference */
	}
	for (int i = 0; i < c->nsubs; i++)
		if (c->subs[i] == h)
			return -EEXIST;
	if (c->nsubs == PARAM_DION_SUBS)
		return -ENOSPC;
	kobj_get(&h->obj);
	c->subs[c->nsubs++] = h;
	return c->id;
}

int dion_create(struct dion_app *a, const struct dion_create *req, const uint8_t *obj,
		uint32_t len, char *msg, uint32_t msglen)
{
	if (req->kind != DION_CHANNEL && a->nobjects >= PARAM_DION_APP_OBJECTS)
		return -ENOSPC;                 /* one application cannot fill the kernel heap */
	if (req->kind == DION_SM) {
		if (req->period <= 0 || req->period > PARAM_MAX_PERIOD)
			return -EINVAL;
		if (dion_sm_find(req->sm))
			return -EEXIST;
		struct dion_runner *svc;
		int err = runner_load(&svc, OBJ_SM, a, req->sm, "service", obj, len, msg, msglen);
		if (err)
			return err;
		struct dion_sm *sm = dion_sm_start(req->sm, req->period, NULL);
		if (!sm) {
			kobj_put(&svc->obj);
			return -ENOMEM;
		}
		sm->service = svc;
		sm->app = a;
		svc->sm = sm;
		a->nobjects++;
		err = dion_sm_bind(sm);
		if (err)
			dion_sm_destroy(sm);
		kobj_put(&sm->obj);
		return err;
	}
	if (!a->cls)
		return -ENOENT;                     /* no attribute class: no SM to join */
	struct dion_sm *sm = req->sm[0] ? dion_sm_find(req->sm) : a->cls->sm;
	if (!sm)
		return -ENOENT;
	if (req->kind == DION_CHANNEL) {
		struct dion_runner *m = runner_lookup(a, sm, req->name, true);
		struct dion_runner *h = runner_lookup(a, sm, req->handler, false);
		if (!m || !h)
			return -ENOENT;
		return channel_subscribe(m, h);
	}
	if (req->kind != DION_MONITOR && req->kind != DION_HANDLER)
		return -EINVAL;
	bool monitor = req->kind == DION_MONITOR;
	if (monitor && (req->period <= 0 || req->period > PARAM_MAX_PERIOD))
		return -EINVAL;
	if (!req->name[0] || strchr(req->name, '/'))
		return -EINVAL;
	if (queue_find(monitor ? sm->monitors : sm->handlers, req->name))
		return -EEXIST;
	struct dion_runner *r;
	int err = runner_load(&r, monitor ? OBJ_MONITOR : OBJ_HANDLER, a, req->name,
			      monitor ? "monitor" : "handle", obj, len, msg, msglen);
	if (err)
		return err;
	r->sm = sm;
	r->period = req->period;
	r->next_run = pit_ticks() + (uint64_t)req->period;
	queue_append(monitor ? &sm->monitors : &sm->handlers, r);   /* the queue holds R */
	a->nobjects++;
	sm_kick(sm);
	return 0;
}

/* ---- Destroying ---- */

/* Detach channel C from its monitor and drop it (pending events keep it until run). */
static void channel_destroy(struct dion_chan *c)
{
	c->mon->ctx.chan = NULL;
	kobj_put(&c->mon->obj);
	for (int i = 0; i < c->nsubs; i++)
		kobj_put(&c->subs[i]->obj);
	c->nsubs = 0;
	kobj_put(&c->obj);
}

/* Remove handler H from every channel that lists it. */
static bool unsubscribe_in(struct dion_sm *sm, void *arg)
{
	struct dion_runner *h = arg;
	for (struct dion_runner *m = sm->monitors; m; m = m->next) {
		struct dion_chan *c = m->ctx.chan;
		for (int i = 0; c && i < c->nsubs; i++) {
			if (c->subs[i] != h)
				continue;
			memmove(&c->subs[i], &c->subs[i + 1], sizeof(c->subs[0]) * (uint32_t)(c->nsubs - i - 1));
			c->nsubs--;
			kobj_put(&h->obj);
			break;
		}
	}
	return false;
}

/* Mark R dead, take it out of its SM's queue and every channel, and drop the queue's reference. */
static void runner_destroy(struct dion_runner *r)
{
	struct dion_sm *sm = r->sm;
	r->dead = true;
	if (r->app)
		r->app->nobjects--;
	if (r->obj.kind == OBJ_MONITOR) {
		queue_remove(&sm->monitors, r);
		if (r->ctx.chan)
			channel_destroy(r->ctx.chan);
	} else {
		queue_remove(&sm->handlers, r);
		dion_sm_walk_registry(unsubscribe_in, r);
		while (r->in_count > 0) {
			struct dion_event *ev = &r->inbox[r->in_head];
			r->in_head = (r->in_head + 1) % PARAM_DION_QUEUE;
			r->in_count--;
			ev->chan->stat.pending--;
			kobj_put(&ev->chan->obj);
		}
	}
	kobj_put(&r->obj);
}

struct destroy_walk {
	struct dion_app *app;           /* whose objects */
	int kind;                       /* DION_MONITOR, DION_HANDLER or DION_CHANNEL; 0: all */
	const char *name;               /* NULL: every name */
	int found;
};

/* Destroy the objects of SM that W asks for. */
static bool destroy_in(struct dion_sm *sm, void *arg)
{
	struct destroy_walk *w = arg;
	struct dion_runner *r, *next;
	for (r = sm->monitors; r; r = next) {
		next = r->next;
		if (r->app != w->app || (w->name && strcmp(r->name, w->name) != 0))
			continue;
		if (w->kind == DION_CHANNEL && r->ctx.chan) {
			channel_destroy(r->ctx.chan);
			w->found++;
		} else if (w->kind == DION_MONITOR || w->kind == 0) {
			runner_destroy(r);
			w->found++;
		}
	}
	if (w->kind != DION_HANDLER && w->kind != 0)
		return false;
	for (r = sm->handlers; r; r = next) {
		next = r->next;
		if (r->app == w->app && (!w->name || strcmp(r->name, w->name) == 0)) {
			runner_destroy(r);
			w->found++;
		}
	}
	return false;
}

int dion_destroy(struct dion_app *a, int kind, const char *name)
{
	if (kind == DION_SM) {
		struct dion_sm *sm = dion_sm_find(name);
		if (!sm || sm->app != a)
			return -ENOENT;
		return dion_sm_unbind(sm);
	}
	if (kind == DION_CLASS) {
		if (!a->cls)
			return -ENOENT;
		dion_app_runners_destroy(a);    /* nothing runs without its class */
		dion_class_destroy(a->cls);
		return 0;
	}
	if (kind != DION_MONITOR && kind != DION_HANDLER && kind != DION_CHANNEL)
		return -EINVAL;
	struct destroy_walk w = { a, kind, name, 0 };
	dion_sm_walk_registry(destroy_in, &w);
	return w.found ? 0 : -ENOENT;
}

void dion_app_runners_destroy(struct dion_app *a)
{
	struct destroy_walk w = { a, 0, NULL, 0 };
	dion_sm_walk_registry(destroy_in, &w);
}

void dion_sm_destroy(struct dion_sm *sm)
{
	sm->dead = true;
	while (sm->monitors)
		runner_destroy(sm->monitors);
	while (sm->handlers)
		runner_destroy(sm->handlers);
	while (sm->classes) {
		struct dion_app *a = sm->classes->app;
		dion_app_runners_destroy(a);
		dion_class_destroy(sm->classes);
	}
	if (sm->service) {
		if (sm->app)
			sm->app->nobjects--;
		sm->service->dead = true;
		kobj_put(&sm->service->obj);
		sm->service = NULL;
	}
	sm_kick(sm);                        /* its thread sees DEAD and ends */
}

/* ---- The listing ---- */

struct walk {
	bool (*fn)(int kind, void *obj, void *arg);
	void *arg;
};

static bool walk_sm(struct dion_sm *sm, void *arg)
{
	struct walk *w = arg;
	if (w->fn(DION_SM, sm, w->arg))
		return true;
	for (struct dion_class *c = sm->classes; c; c = c->next)
		if (w->fn(DION_CLASS, c, w->arg))
			return true;
	for (struct dion_runner *m = sm->monitors; m; m = m->next) {
		if (w->fn(DION_MONITOR, m, w->arg))
			return true;
		if (m->ctx.chan && w->fn(DION_CHANNEL, m->ctx.chan, w->arg))
			return true;
	}
	for (struct dion_runner *h = sm->handlers; h; h = h->next)
		if (w->fn(DION_HANDLER, h, w->arg))
			return true;
	return false;
}

bool dion_sm_walk(bool (*fn)(int kind, void *obj, void *arg), void *arg)
{
	struct walk w = { fn, arg };
	return dion_sm_walk_registry(walk_sm, &w);
}

/* ---- The raise_event interface ---- */

/*
 * Copy the event into the inbox of every handler subscribed to the running
 * monitor's channel, in subscription order, and wake their SMs. 0; -ENOENT
 * when the extension has no channel; -ENOSPC when an inbox was full (that
 * copy is dropped and counted).
 */
int dion_iface_raise_event(const char *name, int value)
{
	struct dion_ctx *ctx = sched_running->ext_inv->dion;
	struct dion_chan *c = ctx ? ctx->chan : NULL;
	if (!c)
		return ext_iface_return(-ENOENT);
	c->stat.events++;
	int err = 0;
	for (int i = 0; i < c->nsubs; i++) {
		struct dion_runner *h = c->subs[i];
		if (h->in_count == PARAM_DION_QUEUE) {
			c->stat.dropped++;
			err = -ENOSPC;
			continue;
		}
		struct dion_event *ev = &h->inbox[(h->in_head + h->in_count) % PARAM_DION_QUEUE];
		memcpy(ev->name, name, DION_NAME_MAX);
		ev->name[DION_NAME_MAX - 1] = '\0';
		ev->value = value;
		ev->chan = c;
		ev->raised = rdtsc();
		kobj_get(&c->obj);
		h->in_count++;
		c->stat.pending++;
		sm_kick(h->sm);
	}
	return ext_iface_return(err);
}
