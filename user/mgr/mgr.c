/*
 * The user-level CPU service manager's pass (see mgr.h). The policy is
 * ctl.c's; this file only reads the applications' CPU use and acts on it.
 */
#include <errno.h>
#include <string.h>
#include <talos.h>
#include <unistd.h>

#include "mgr.h"

void mgr_init(struct mgr *m, int dist_pid)
{
	memset(m, 0, sizeof(*m));
	m->dist_pid = dist_pid;
}

int mgr_add(struct mgr *m, int pid, int target, int period, unsigned now)
{
	if (m->napps == MGR_APPS_MAX) {
		errno = ENOSPC;
		return -1;
	}
	struct sched_param sp = { SCHED_RT, ctl_priority(target, period), 10, period };
	if (setsched(pid, &sp) != 0)
		return -1;
	struct mgr_app *a = &m->app[m->napps++];
	memset(a, 0, sizeof(*a));
	a->pid = pid;
	a->index = now / (unsigned)period;
	ctl_init(&a->ctl, target, period);
	return 0;
}

/* Send SIG to application A, counting it. */
static void mgr_signal(struct mgr *m, struct mgr_app *a, int sig)
{
	if (kill(a->pid, sig) == 0)
		m->signals++;
	a->stopped = sig == SIGSTOP;
}

/* The pass for one application; 0 if it is gone. */
static int mgr_pass_app(struct mgr *m, struct mgr_app *a, unsigned now)
{
	struct procstat st;
	if (procstat(a->pid, &st) != 0 || st.state == PSTATE_ZOMBIE) {
		a->pid = 0;
		return 0;
	}
	unsigned last = st.ticks_window, current = st.ticks_current;
	a->current = current;
	unsigned index = now / (unsigned)a->ctl.period;
	if (index != a->index) {
		a->index = index;
		ctl_period_end(&a->ctl, last);
		if (a->stopped)
			mgr_signal(m, a, SIGCONT);
	}
	int adjust = ctl_pid(&a->ctl, a->ctl.target - a->ctl.actual);
	int blocked = ctl_guard(&a->ctl, adjust, last, current);
	if (!a->stopped && (blocked || current >= (unsigned)a->ctl.timeslice))
		mgr_signal(m, a, SIGSTOP);
	return 1;
}

/* Set the disturbance's RT priority to PRIO (round-robin, MGR_DIST_QUANTUM). */
static void mgr_set_dist(struct mgr *m, int prio)
{
	struct sched_param sp = { SCHED_RT, prio, MGR_DIST_QUANTUM, 1000 };
	if (setsched(m->dist_pid, &sp) == 0)
		m->demotions++;
	m->dist_low = prio == MGR_DIST_LOW;
}

int mgr_pass(struct mgr *m, unsigned now)
{
	int alive = 0, short_of_target = 0;
	for (int i = 0; i < m->napps; i++) {
		struct mgr_app *a = &m->app[i];
		if (!a->pid || !mgr_pass_app(m, a, now))
			continue;
		alive++;
		if (!a->stopped && a->current < (unsigned)a->ctl.target)
			short_of_target = 1;
	}
	if (m->dist_pid && short_of_target != m->dist_low)
		mgr_set_dist(m, short_of_target ? MGR_DIST_LOW : MGR_DIST_HIGH);
	return alive;
}

void mgr_release(struct mgr *m)
{
	for (int i = 0; i < m->napps; i++)
		if (m->app[i].pid && m->app[i].stopped)
			mgr_signal(m, &m->app[i], SIGCONT);
	if (m->dist_pid && m->dist_low)
		mgr_set_dist(m, MGR_DIST_HIGH);
}
