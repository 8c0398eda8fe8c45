/*
 * The user-level CPU manager's arithmetic: the same policy as the kernel's
 * Dionisys CPU service manager (ext/dion_cpu.c), its monitor
 * (user/ext/monitor.pop) and its PID handler (user/ext/pid.pop), with no
 * system call, so that the host tests (tests/mgr/) can check it.
 *
 * Invariant: every figure is in ticks (milliseconds) per request period,
 * except the PID output, which is kept in thousandths of a tick like the
 * handler's.
 */
#ifndef USER_MGR_CTL_H
#define USER_MGR_CTL_H

#define CTL_AVG    4      /* request periods actual_cpu is the mean of (PARAM_DION_CPU_AVG) */
#define CTL_SCALE  1000   /* the PID gains and output are in thousandths */
#define CTL_KSUM   1400   /* Kp + Kd + Ki = 1.4 */
#define CTL_KD     1300   /* Kd = 1.3 */
#define CTL_LEVELS 32     /* SCHED_RT_LEVELS: RT priorities are 1..31 */

/* One application's controller and guard state. */
struct ctl {
	int target;                 /* ticks wanted per period */
	int period;                 /* the request period, ticks */
	int max;                    /* the most a timeslice may be: 2 * target, at most period */
	int actual;                 /* mean of the last CTL_AVG complete periods (actual_cpu) */
	int e_prev;                 /* the PID's e[n-1], ticks */
	int u_prev;                 /* the PID's u[n-1], thousandths of a tick */
	int request;                /* the timeslice asked for: target + adjustment, in [0, max] */
	int timeslice;              /* the timeslice in force this period, ticks */
	unsigned used[CTL_AVG];     /* ticks of the last complete periods, a ring */
	unsigned nused, pos;        /* entries of used[] filled; where the next one goes */
	int skip;                   /* periods still to ignore: the one the application joined in */
};

/* The static RT priority of an application: 80 * target/period on 1..99, mapped onto 1..31. */
int ctl_priority(int target, int period);

/* Start the state of an application asking for TARGET ticks per PERIOD (both > 0). */
void ctl_init(struct ctl *c, int target, int period);

/*
 * A request period has ended in which the application got LAST ticks:
 * record it, make actual_cpu the mean of the recorded periods, and set the
 * new period's timeslice (ctl_rebudget).
 */
void ctl_period_end(struct ctl *c, unsigned last);

/*
 * One run of the PID handler on the monitor's error e = target - actual:
 * u[n] = 1.4 e[n] - 1.3 e[n-1] + u[n-1], in thousandths. Returns the
 * timeslice adjustment, u rounded towards zero to ticks.
 */
int ctl_pid(struct ctl *c, int e);

/*
 * The guard on a new ADJUST, given the application's ticks in its last
 * complete period (LAST) and in the current one (CURRENT). Returns 1 if the
 * application has used more than twice its target over the two and must
 * wait for its next period (nothing else changes); else sets the request to
 * target + ADJUST within [0, max] and the timeslice (ctl_rebudget), and
 * returns 0.
 */
int ctl_guard(struct ctl *c, int adjust, unsigned last, unsigned current);

/*
 * Make the timeslice the request, but no more above the target than the
 * room left for twice the target over the last complete period (LAST
 * ticks) and the current one: a period may be made up, never run ahead.
 */
void ctl_rebudget(struct ctl *c, unsigned last);

#endif /* USER_MGR_CTL_H */
