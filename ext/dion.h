/*
 * Dionisys: QoS objects as kernel objects, built on the SafeX runtime.
 *
 * An application (struct dion_app, named by a class descriptor) owns one
 * attribute class in a service manager, and monitors and handlers there:
 * verified extensions the service manager's kernel thread runs on the
 * application's behalf (a monitor every period ticks, a handler for each
 * event delivered to it), each run bounded by its own reservation and its
 * ticks charged to the application's task. A monitor's raise_event goes to
 * its event channel, which copies the event into the inbox of every
 * subscribed handler, in subscription order, possibly in other service
 * managers. Extensions reach attributes through get_attribute and
 * set_attribute; every write goes through the service manager's guard, the
 * only path from an attribute to the policy's kernel structures.
 *
 * Lifetimes. Every object is a kobj. The nameserver's registry holds one
 * reference on each service manager (and the SM's thread another); an SM's
 * queues hold one on each monitor and handler; a monitor holds its channel,
 * a channel its monitor and each subscriber, a queued event its channel, a
 * runner its application's class, its extension and its task capability.
 * Destroying an object (dion_destroy, or the exit of its application's
 * process) unbinds its name and detaches it from every queue and channel;
 * its memory goes with the last reference (a run in progress holds one).
 * Applications, and so their objects, die with their owner.
 *
 * Everything here runs in kernel code, which is never preempted, so the
 * lists need no locks; interrupt handlers never touch them.
 */
#ifndef EXT_DION_H
#define EXT_DION_H

#include "ext/ext.h"
#include "kernel/object.h"
#include "talos/dionisys.h"

struct dion_sm;
struct dion_class;

/* An application: a class descriptor and its owner. */
struct dion_app {
	int cd;                         /* class descriptor, > 0; 0: free slot */
	int owner;                      /* pid of the process that called dion_init_app */
	struct task *task;              /* the owner's task (charged for its extensions) */
	struct dion_class *cls;         /* its attribute class, or NULL */
	int nobjects;                   /* its monitors, handlers and SMs (PARAM_DION_APP_OBJECTS) */
	int grant_pid[PARAM_DION_GRANTS];        /* processes given access */
	unsigned grant_rights[PARAM_DION_GRANTS];  /* DION_R_OTHER_* each may use */
};

/* An attribute class: the application's named attributes in one SM. */
struct dion_class {
	struct kobj obj;                /* kind OBJ_ATTRCLASS */
	struct dion_app *app;
	struct dion_sm *sm;
	struct dion_class *next;        /* in its SM's list of classes */
	int nattrs;
	char name[DION_ATTRS_MAX][DION_NAME_MAX];
	int value[DION_ATTRS_MAX];
	unsigned rights[DION_ATTRS_MAX];
	void *policy;                   /* the SM policy's per-application state */
};

/*
 * An extension's name constants resolved against one attribute class, once,
 * when the extension is bound: a name argument of get_attribute or
 * set_attribute is then found by its address alone.
 */
struct dion_names {
	int n;
	uint32_t addr[PARAM_EXT_NAMES];
	int8_t attr[PARAM_EXT_NAMES];   /* attribute index, or -1: not an attribute */
};

/* What a monitor or a handler run needs: the interfaces find it through the invocation. */
struct dion_ctx {
	struct dion_class *cls;         /* the application's attribute class */
	struct dion_names names;
	struct dion_chan *chan;         /* monitors: where raise_event goes (NULL: no channel) */
	struct dion_stat stat;
};

/* A queued event. */
struct dion_event {
	char name[DION_NAME_MAX];
	int value;
	struct dion_chan *chan;         /* the channel it came through */
	uint64_t raised;                /* time stamp counter when raised */
};

/* A monitor or a handler: an extension bound to an application in an SM. */
struct dion_runner {
	struct kobj obj;                /* kind OBJ_MONITOR or OBJ_HANDLER */
	char name[DION_NAME_MAX];
	struct dion_sm *sm;
	struct dion_app *app;
	struct ext *ext;
	struct ext_invocation inv;      /* the "monitor" or "handler" export, prepared */
	struct dion_ctx ctx;
	struct kobj *task_cap;          /* the application's task, if the export takes it */
	bool dead;                      /* destroyed: never run again */
	struct dion_runner *next;       /* in its SM's monitor or handler queue */
	/* Monitors. */
	int period;                     /* ticks between runs */
	uint64_t next_run;              /* tick of the next run */
	/* Handlers: the inbox, a ring of events in arrival order. */
	struct dion_event inbox[PARAM_DION_QUEUE];
	int in_head, in_count;
};

/* An event channel: one monitor's events to its subscribed handlers. */
struct dion_chan {
	struct kobj obj;                /* kind OBJ_CHANNEL */
	int id;
	struct dion_runner *mon;
	struct dion_runner *subs[PARAM_DION_SUBS];   /* in subscription order */
	int nsubs;
	struct dion_stat stat;          /* events queued, dropped, pending */
};

/* A service manager's policy: kernel code, trusted. */
struct dion_policy {
	/* The class C was created: check its attributes, set the application up; 0 or -errno. */
	int (*join)(struct dion_class *c);
	/* C is being destroyed: undo what join did. */
	void (*leave)(struct dion_class *c);
	/* Every SM period, before the monitors run: refresh C's measured attributes. */
	void (*sample)(struct dion_class *c, uint64_t now);
	/* The guard: apply VALUE to attribute I of C; 0 or -errno (nothing changed). */
	int (*guard)(struct dion_class *c, int i, int value);
};

/* A service manager. */
struct dion_sm {
	struct kobj obj;                /* kind OBJ_SM */
	char name[DION_NAME_MAX];
	int period;                     /* ticks between passes */
	const struct dion_policy *policy;   /* NULL for an SM made from an extension */
	struct dion_runner *service;    /* SMs from an extension: its "service" export */
	struct dion_app *app;           /* SMs from an extension: the creator's application */
	struct task *thread;            /* the kernel thread that runs it */
	bool dead;
	uint64_t next_pass;
	struct dion_class *classes;
	struct dion_runner *monitors, *handlers;
	struct dion_stat stat;          /* passes (runs), ticks */
};

/* ---- Nameserver and applications (ext/dion_ns.c) ---- */

/* Start the nameserver and the kernel's own service managers. */
void dion_init(void);

/*
 * A new application owned by the current process: its cd, or -ENOSPC when
 * the table is full or the process owns PARAM_DION_APPS_PER_PROC already.
 */
int dion_app_create(void);

/* Application CD if it exists, else NULL. */
struct dion_app *dion_app_find(int cd);

/* The SM named NAME, or NULL. */
struct dion_sm *dion_sm_find(const char *name);

/* Bind SM under its name (takes a reference); -EEXIST. */
int dion_sm_bind(struct dion_sm *sm);

/* The next channel id. */
int dion_chan_id(void);

/* Everything application A owns is destroyed, and its slot freed. */
void dion_app_destroy(struct dion_app *a);

/* Fill INFO with object number INDEX of the listing; false past the last. */
bool dion_list(int index, struct dion_info *info);

/* ---- Attribute classes (ext/dion_attr.c) ---- */

/* Create A's class in SM from N definitions; 0 or -errno. */
int dion_class_create(struct dion_app *a, struct dion_sm *sm, const struct dion_attr_def *defs,
		      int n);

/* Detach and drop class C (its application is going). */
void dion_class_destroy(struct dion_class *c);

/* The index of attribute NAME in C, or -1. */
int dion_attr_index(const struct dion_class *c, const char *name);

/*
 * Read or write attribute NAME of application A on behalf of process PID
 * (the owner or a granted process): 0, -ENOENT, -EACCES, or the guard's error.
 */
int dion_attr_get(struct dion_app *a, int pid, const char *name, int *value);
int dion_attr_set(struct dion_app *a, int pid, const char *name, int value);

/* Resolve extension E's name constants against class C. */
void dion_names_bind(struct dion_names *n, const struct ext *e, const struct dion_class *c);

/* ---- Service managers, monitors, handlers, channels (ext/dion_sm.c) ---- */

/* Create and start SM NAME with POLICY (kernel SMs) running every PERIOD ticks. */
struct dion_sm *dion_sm_start(const char *name, int period, const struct dion_policy *policy);

/*
 * Create what REQ asks for on behalf of application A (NULL for SMs),
 * from OBJ (LEN bytes) for SMs, monitors and handlers. Returns 0 or the
 * channel id, or -errno with a reason in MSG.
 */
int dion_create(struct dion_app *a, const struct dion_create *req, const uint8_t *obj,
		uint32_t len, char *msg, uint32_t msglen);

/* Destroy the object of KIND named NAME of application A; 0 or -ENOENT. */
int dion_destroy(struct dion_app *a, int kind, const char *name);

/* Detach and drop every monitor, handler and channel of application A. */
void dion_app_runners_destroy(struct dion_app *a);

/*
 * One pass of SM's work done now by the caller, whatever the periods: the
 * policy samples every class, every monitor runs once, every inbox is
 * drained (benchmarks; the SM's own thread keeps its schedule).
 */
void dion_sm_run_all(struct dion_sm *sm);

/* Time stamp counter ticks from the last event's raise_event to its handler's run. */
extern uint64_t dion_event_latency;

/* Destroy SM (an SM made from an extension, whose creator is going). */
void dion_sm_destroy(struct dion_sm *sm);

/* Walk the SMs' objects for the listing: call FN for each; stop when it returns true. */
bool dion_sm_walk(bool (*fn)(int kind, void *obj, void *arg), void *arg);

/* ---- Policies ---- */

extern const struct dion_policy dion_cpu_policy;   /* ext/dion_cpu.c */

#endif /* EXT_DION_H */
