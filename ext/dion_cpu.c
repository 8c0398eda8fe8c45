/*
 * The CPU service manager's policy and guard (kernel SM "cpu").
 *
 * An application joins with attributes target_cpu, period (both required,
 * in ticks), min_cpu, max_cpu (default 0 and period), actual_cpu (kept up
 * to date by the SM: the CPU ticks the application used over its last
 * request period) and timeslice-adjustment (written by its handler). It
 * gets a static real-time priority proportional to target/period (the
 * SafeX experiment's 80 * target/period on a 1..99 scale, mapped onto
 * TalOS's 1..31) and a CPU budget of target_cpu ticks per period.
 *
 * The guard, the only path from these attributes to the scheduler,
 * guarantees: a timeslice is always within [0, max_cpu]; a timeslice
 * adjustment is applied (timeslice = target_cpu + value, clamped) only while
 * the application used at most twice its target over its last two periods,
 * and otherwise the application is blocked until its next period; the
 * targets of all applications together never exceed PARAM_DION_CPU_ADMIT
 * percent of the CPU, so no application's extensions can take another's
 * share.
 */
#include "ext/dion.h"
#include "kernel/kheap.h"
#include "kernel/string.h"
#include "talos/errno.h"

/* Per-application state. */
struct cpu_app {
	int target, min, max, period;   /* attribute indexes (min, max: -1 if absent) */
	int actual, adjust;             /* attribute indexes, -1 if absent */
	uint32_t *hist;                 /* ticks_total at each of the last passes, a ring */
	uint32_t hist_len, hist_pos, hist_count;
	int timeslice;                  /* the budget in force, ticks per period */
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
	s->timeslice = target;
	sched_set_budget(c->app->task, target, (uint32_t)period);
}

static int cpu_join(struct dion_class *c)
{
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
	s->hist_len = (uint32_t)(2 * period / PARAM_DION_CPU_PERIOD + 1);
	s->hist = kzalloc(sizeof(uint32_t) * s->hist_len);
	if (!s->hist) {
		kfree(s);
		return -ENOMEM;
	}
	admitted_permille += permille;
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
	kfree(s->hist);
	kfree(s);
	c->policy = NULL;
}

/* Ticks the application used over the last N passes (as many as are known). */
static uint32_t used_over(const struct cpu_app *s, uint32_t n)
{
	if (s->hist_count == 0)
		return 0;
	if (n >= s->hist_count)
		n = s->hist_count - 1;
	uint32_t now = s->hist[(s->hist_pos + s->hist_len - 1) % s->hist_len];
	uint32_t then = s->hist[(s->hist_pos + s->hist_len - 1 - n) % s->hist_len];
	return now - then;
}

static void cpu_sample(struct dion_class *c, uint64_t now)
{
	(void)now;
	struct cpu_app *s = c->policy;
	uint32_t total, window, current;
	sched_get_ticks(c->app->task, &total, &window, &current);
	s->hist[s->hist_pos] = total;
	s->hist_pos = (s->hist_pos + 1) % s->hist_len;
	if (s->hist_count < s->hist_len)
		s->hist_count++;
	if (s->actual >= 0)
		c->value[s->actual] = (int)used_over(s, (uint32_t)c->value[s->period] /
						     PARAM_DION_CPU_PERIOD);
}

static int cpu_guard(struct dion_class *c, int i, int value)
{
	struct cpu_app *s = c->policy;
	if (i == s->actual)
		return -EPERM;                  /* measured by the SM, never written */
	if (i == s->adjust) {
		c->value[i] = value;
		int target = c->value[s->target], period = c->value[s->period];
		uint32_t used = used_over(s, (uint32_t)(2 * period / PARAM_DION_CPU_PERIOD));
		if (used > 2u * (uint32_t)target) {
			sched_throttle(c->app->task);   /* above its target: wait for the next period */
			return 0;
		}
		int slice = target + value;
		int max = val(c, s->max, period);
		s->timeslice = slice < 0 ? 0 : slice > max ? max : slice;
		sched_set_budget(c->app->task, s->timeslice, (uint32_t)period);
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
		if (i == s->period) {
			uint32_t len = (uint32_t)(2 * period / PARAM_DION_CPU_PERIOD + 1);
			uint32_t *hist = kzalloc(sizeof(uint32_t) * len);
			if (!hist)
				return -ENOMEM;
			kfree(s->hist);
			s->hist = hist;
			s->hist_len = len;
			s->hist_pos = s->hist_count = 0;
		}
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
