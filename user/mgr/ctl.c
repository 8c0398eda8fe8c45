/*
 * The user-level CPU manager's arithmetic (see ctl.h): the kernel CPU
 * service manager's actual_cpu, guard and priority, and the PID handler,
 * written again at user level. Any change here must match ext/dion_cpu.c
 * and user/ext/pid.pop, or the experiment compares two different policies.
 */
#include "ctl.h"

int ctl_priority(int target, int period)
{
	int p = 80 * target * (CTL_LEVELS - 1) / (99 * period);
	return p < 1 ? 1 : p;
}

void ctl_init(struct ctl *c, int target, int period)
{
	*c = (struct ctl){ 0 };
	c->target = target;
	c->period = period;
	c->max = 2 * target < period ? 2 * target : period;
	c->request = c->timeslice = target;
	c->actual = target;         /* nothing measured yet: no error */
	c->skip = 1;
}

void ctl_rebudget(struct ctl *c, unsigned last)
{
	int room = 2 * c->target - (int)last;
	int cap = room > c->target ? room : c->target;
	c->timeslice = c->request < cap ? c->request : cap;
}

void ctl_period_end(struct ctl *c, unsigned last)
{
	if (c->skip > 0) {          /* that period began before the application was managed */
		c->skip--;
		ctl_rebudget(c, last);
		return;
	}
	c->used[c->pos] = last;
	c->pos = (c->pos + 1) % CTL_AVG;
	if (c->nused < CTL_AVG)
		c->nused++;
	unsigned sum = 0;
	for (unsigned i = 0; i < c->nused; i++)
		sum += c->used[i];
	c->actual = (int)(sum / c->nused);
	ctl_rebudget(c, last);
}

int ctl_pid(struct ctl *c, int e)
{
	int u = CTL_KSUM * e - CTL_KD * c->e_prev + c->u_prev;
	c->e_prev = e;
	c->u_prev = u;
	return u / CTL_SCALE;
}

int ctl_guard(struct ctl *c, int adjust, unsigned last, unsigned current)
{
	if (last + current > 2u * (unsigned)c->target)
		return 1;
	int slice = c->target + adjust;
	c->request = slice < 0 ? 0 : slice > c->max ? c->max : slice;
	ctl_rebudget(c, last);
	return 0;
}
