/*
 * The interfaces extensions may call (list and signatures in
 * include/talos/ext_iface.h). Each runs on behalf of the current task's
 * invocation, checks every argument, touches only that extension's own
 * state (or, for the Dionisys interfaces, its application's attributes and
 * event channel) or reads kernel statistics, never blocks, and returns
 * through ext_iface_return (which takes an overrun that fell due meanwhile).
 */
#include "ext/iface.h"
#include "ext/ext.h"
#include "ext/taskcap.h"
#include "kernel/pit.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "talos/errno.h"
#include "talos/ext_iface.h"

static int iface_time_ticks(void)
{
	return ext_iface_return((int)(uint32_t)pit_ticks());
}

static int iface_trace(int value)
{
	struct ext *e = ext_active();
	e->trace[e->ntrace % PARAM_EXT_TRACE] = value;
	e->ntrace++;
	return ext_iface_return(value);
}

static int iface_counter_get(int i)
{
	if (i < 0 || i >= PARAM_EXT_COUNTERS)
		return ext_iface_return(-EINVAL);
	return ext_iface_return(ext_active()->counters[i]);
}

static int iface_counter_set(int i, int v)
{
	if (i < 0 || i >= PARAM_EXT_COUNTERS)
		return ext_iface_return(-EINVAL);
	ext_active()->counters[i] = v;
	return ext_iface_return(0);
}

/* Statistics of the task behind capability CAP; -ESRCH once it has exited. */
static int task_stat(struct kobj *cap, int which)
{
	struct proc *p = taskcap_proc(cap);
	if (!p)
		return -ESRCH;
	uint32_t total, window, current;
	sched_get_ticks(&p->task, &total, &window, &current);
	return which == 0 ? (int)total : which == 1 ? (int)window : (int)p->task.period;
}

static int iface_task_ticks(struct kobj *cap) { return ext_iface_return(task_stat(cap, 0)); }
static int iface_task_window_ticks(struct kobj *cap) { return ext_iface_return(task_stat(cap, 1)); }
static int iface_task_period(struct kobj *cap) { return ext_iface_return(task_stat(cap, 2)); }

static int iface_raise(int code)
{
	ext_raise(code);
}

/* The Dionisys interfaces, in ext/dion_attr.c and ext/dion_sm.c. */
int dion_iface_get_attribute(const char *name);
int dion_iface_set_attribute(const char *name, int value);
int dion_iface_raise_event(const char *name, int value);
#define iface_get_attribute dion_iface_get_attribute
#define iface_set_attribute dion_iface_set_attribute
#define iface_raise_event dion_iface_raise_event

#define IFACE_ENTRY(name, args) { #name, args, (uint32_t)iface_##name },
static const struct ext_iface table[] = { EXT_IFACE_LIST(IFACE_ENTRY) };

const struct ext_iface *ext_iface_find(const char *name)
{
	for (uint32_t i = 0; i < ARRAY_LEN(table); i++)
		if (strcmp(table[i].name, name) == 0)
			return &table[i];
	return NULL;
}
