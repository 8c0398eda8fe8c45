/*
 * The user-level CPU service manager's work (used by /bin/usermgr and by
 * the exp_user_period_3apps benchmark): what the kernel's Dionisys CPU SM
 * does in one pass, done from user space with procstat, setsched and
 * SIGSTOP/SIGCONT.
 *
 * Invariant: an application the manager stopped (SIGSTOP) stays stopped
 * until the first pass of its next request period, which continues it
 * (SIGCONT); the manager never stops or continues it otherwise.
 */
#ifndef USER_MGR_MGR_H
#define USER_MGR_MGR_H

#include "ctl.h"

#define MGR_APPS_MAX   8      /* applications one manager handles */
#define MGR_PASS       10     /* ticks between passes (PARAM_DION_CPU_PERIOD) */
#define MGR_PRIORITY   30     /* the manager's RT priority, FIFO: the disturbance's */
#define MGR_DIST_HIGH  30     /* the disturbance's own RT priority (--rr-dist) */
#define MGR_DIST_LOW   1      /* the disturbance's priority while an application is short */
#define MGR_DIST_QUANTUM 110  /* the disturbance's RR quantum, ticks (--rr-dist) */

/* One managed application. */
struct mgr_app {
	int pid;                    /* 0: gone (its procstat failed) */
	struct ctl ctl;             /* controller and guard */
	unsigned index;             /* the request period (tick / period) of the last pass */
	int stopped;                /* 1 while the manager holds it stopped */
	unsigned current;           /* its ticks in the current period, at the last pass */
};

struct mgr {
	struct mgr_app app[MGR_APPS_MAX];
	int napps;
	int dist_pid;               /* the disturbance to demote (--rr-dist), 0: none */
	int dist_low;               /* 1 while the disturbance is demoted */
	unsigned signals;           /* SIGSTOPs and SIGCONTs sent so far */
	unsigned demotions;         /* setsched calls on the disturbance so far */
};

/* Start an empty manager; DIST_PID is the disturbance to demote (0: none). */
void mgr_init(struct mgr *m, int dist_pid);

/*
 * Add process PID asking for TARGET ticks per PERIOD at tick NOW: give it
 * the kernel CPU SM's static RT priority and make its accounting window
 * its request period. Returns 0, or -1 (errno set) if setsched failed or
 * the manager is full (ENOSPC).
 */
int mgr_add(struct mgr *m, int pid, int target, int period, unsigned now);

/*
 * One pass at tick NOW (a multiple of MGR_PASS): for every application,
 * read its CPU use (procstat), close its request period if one ended
 * (actual_cpu, SIGCONT), run the PID controller on target - actual_cpu
 * and the guard, and stop it if it used its timeslice or the guard blocks
 * it; then demote or restore the disturbance. Returns the number of
 * applications still alive.
 */
int mgr_pass(struct mgr *m, unsigned now);

/* Continue every application the manager stopped and restore the disturbance. */
void mgr_release(struct mgr *m);

#endif /* USER_MGR_MGR_H */
