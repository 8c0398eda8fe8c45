/*
 * The CPU service manager's policy and guard (kernel SM "cpu").
 *
 * An application joins with attributes target_cpu and period (required,
 * ticks), min_cpu and max_cpu (default 0 and period), actual_cpu (kept up
 * to date by the SM: the ticks the application got per request period, the
 * mean of its last PARAM_DION_CPU_AVG complete periods) and
 * timeslice-adjustment (written by its handler). Its request periods, its
 * scheduler accounting windows and its budget periods are the same
 * intervals (all start at multiples of the period). It gets a static
 * real-time priority proportional to target/period (the SafeX experiment's
 * 80 * target/period on Linux's 1..99 scale, mapped onto TalOS's 1..31) and
 * a CPU budget of target_cpu ticks per period.
 *
 * The guard, the only path from these attributes to the scheduler,
 * guarantees:
 *  - a requested timeslice is target_cpu + adjustment, within [0, max_cpu];
 *  - it is applied only while the application used at most twice its
 *    target over its last complete period and the current one; otherwise
 *    the application is blocked until its next period;
 *  - above the target, the budget never exceeds the room left for twice the
 *    target over those two periods: an application may make up a period in
 *    which it got less, but never run ahead, even between two handler runs;
 *  - the targets of all applications add up to at most PARAM_DION_CPU_ADMIT
 *    percent of the CPU;
 *  - only a process holding RIGHT_RT may join (-EPERM): its budget ranks
 *    above every real-time task.
 * So one application's extensions cannot improve its service at another's
 * cost.
 */
#include "ext/dion.h"
#include "kernel/kheap.h"
#include "kernel/pit.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "talos/errno.h"

/* Per-application state. */
struct cpu_app {
	int target, min, max, period;   /* attribute indexes (min, max: -1 if absent) */
	int actual, adjust;             /* attribute indexes, -1 if absent */
	int request;                    /* the timeslice asked for: target + adjustment, in [0, max] */
	int timeslice;                  /* the budget in force, ticks per period */
	uint64_t last_period;           /* index (tick / period) of the last period recorded */
	int skip;                       /* periods still to ignore: the one it joined in */
	uint32_t used[PARAM_DION_CPU_AVG];  /* ticks of the last complete periods, a ring */
	uint32_t nused, pos;
};

static int admitted_permille;       /* sum of target/period of every member, in 1/1000 */

static int val(const struct dion_class *c, int i, int dflt)
{
	return i < 0 ? dflt : c->value[i];
}

/* 80 * target/period on Linux's 1..99 scale, mapped onto 1..31. */
static int cpu_priority(int target, int period)
{
	int p = 80 * target * (SCHED_RT_LEVELS - 1) / (99 * period);
	return p < 1 ? 1 : p;
}

static bool cpu_valid(int target, int min, int max, int period)
{
	return period > 0 && period <= PARAM_MAX_PERIOD && min >= 0 && min <= target &&
	       target <= max && max <= period && target > 0;
}

/* Put the application's task under its priority, accounting period and budget. */
static void cpu_apply(struct dion_class *c, struct cpu_app *s)
{
	int target = c->value[s->target], period = c->value[s->period];
	struct sched_param sp = { SCHED_RT, cpu_priority(target, period), PARAM_QUANTUM, period };
	sched_set_params(c->app->task, &sp);
	s->request = s->timeslice = target;
	sched_set_budget(c->app->task, target, (uint32_t)period);
}

/*
 * Make the budget the requested timeslice, but no more above the target
 * than the room left for twice the target over the last complete period and
 * this one: an application may make up a short period, never run ahead.
 */
static void cpu_rebudget(struct dion_class *c, struct cpu_app *s, uint32_t last)
{
	int target = c->value[s->target];
	int room = 2 * target - (int)last;
	int cap = room > target ? room : target;
	s->timeslice = s->request < cap ? s->request : cap;
	sched_set_budget(c->app->task, s->timeslice, (uint32_t)c->value[s->period]);
}

static int cpu_join(struct dion_class *c)
{
	/* A reservation ranks above every real-time task: it needs RIGHT_RT (kernel threads are trusted). */
	struct proc *me = proc_current();
	if (me && !(me->rights & RIGHT_RT))
		return -EPERM;
	struct cpu_app *s = kzalloc(sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->target = dion_attr_index(c, "target_cpu");
	s->period = dion_attr_index(c, "period");
	s->min = dion_attr_index(c, "min_cpu");
	s->max = dion_attr_index(c, "max_cpu");
	s->actual = dion_attr_index(c, "actual_cpu");
	s->adjust = dion_attr_index(c, "timeslice-adjustment");
	int target = val(c, s->target, 0), period = val(c, s->period, 0);
	int permille = period > 0 ? target * 1000 / period : 0;
	if (s->target < 0 || s->period < 0 ||
	    !cpu_valid(target, val(c, s->min, 0), val(c, s->max, period), period)) {
		kfree(s);
		return -EINVAL;
	}
	if (admitted_permille + permille > PARAM_DION_CPU_ADMIT * 10) {
		kfree(s);
		return -EBUSY;
	}
	admitted_permille += permille;
	s->last_period = pit_ticks() / (uint64_t)period;
	s->skip = 1;
	if (s->actual >= 0)
		c->value[s->actual] = target;   /* nothing measured yet: no error */
	c->policy = s;
	cpu_apply(c, s);
	return 0;
}

static void cpu_leave(struct dion_class *c)
{
	struct cpu_app *s = c->policy;
	admitted_permille -= c->value[s->target] * 1000 / c->value[s->period];
	sched_set_budget(c->app->task, -1, 0);
	struct sched_param sp = { SCHED_NORMAL, 0, PARAM_QUANTUM, PARAM_PERIOD };
	sched_set_params(c->app->task, &sp);
	kfree(s);
	c->policy = NULL;
}

/*
 * The application's CPU ticks in its last complete request period and in
 * the current one (the scheduler's windows, aligned with its budget periods).
 */
static void cpu_used(const struct dion_class *c, uint32_t *last, uint32_t *current)
{
	uint32_t total;
	sched_get_ticks(c->app->task, &total, last, current);
}

/*
 * Every pass: once a request period has ended, record what the application
 * got in it, and set actual_cpu to the mean of the last PARAM_DION_CPU_AVG
 * periods (a per-period figure smooth enough for the controller to settle).
 */
static void cpu_sample(struct dion_class *c, uint64_t now)
{
	struct cpu_app *s = c->policy;
	uint64_t index = now / (uint64_t)c->value[s->period];
	if (index == s->last_period)
		return;
	s->last_period = index;
	uint32_t last, current;
	cpu_used(c, &last, &current);
	if (s->skip > 0) {                  /* that period began before the application joined */
		s->skip--;
		cpu_rebudget(c, s, last);
		return;
	}
	s->used[s->pos] = last;
	s->pos = (s->pos + 1) % PARAM_DION_CPU_AVG;
	if (s->nused < PARAM_DION_CPU_AVG)
		s->nused++;
	uint32_t sum = 0;
	for (uint32_t i = 0; i < s->nused; i++)
		sum += s->used[i];
	if (s->actual >= 0)
		c->value[s->actual] = (int)(sum / s->nused);
	cpu_rebudget(c, s, last);
}

static int cpu_guard(struct dion_class *c, int i, int value)
{
	struct cpu_app *s = c->policy;
	if (i == s->actual)
		return -EPERM;                  /* measured by the SM, never written */
	if (i == s->adjust) {
		c->value[i] = value;
		int target = c->value[s->target], period = c->value[s->period];
		uint32_t last, current;
		cpu_used(c, &last, &current);
		if (last + current > 2u * (uint32_t)target) {
			sched_throttle(c->app->task);   /* above its target: wait for the next period */
			return 0;
		}
		int slice = target + value, max = val(c, s->max, period);
		s->request = slice < 0 ? 0 : slice > max ? max : slice;
		cpu_rebudget(c, s, last);
		return 0;
	}
	if (i == s->target || i == s->period || i == s->min || i == s->max) {
		int target = i == s->target ? value : c->value[s->target];
		int period = i == s->period ? value : c->value[s->period];
		int min = i == s->min ? value : val(c, s->min, 0);
		int max = i == s->max ? value : val(c, s->max, period);
		if (!cpu_valid(target, min, max, period))
			return -ERANGE;
		int before = c->value[s->target] * 1000 / c->value[s->period];
		int after = target * 1000 / period;
		if (admitted_permille - before + after > PARAM_DION_CPU_ADMIT * 10)
			return -EBUSY;
		admitted_permille += after - before;
		c->value[i] = value;
		cpu_apply(c, s);
		return 0;
	}
	c->value[i] = value;
	return 0;
}

const struct dion_policy dion_cpu_policy = {
	.join = cpu_join,
	.leave = cpu_leave,
	.sample = cpu_sample,
	.guard = cpu_guard,
};
