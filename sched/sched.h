/*
 * The scheduler: tasks, run queues, the timer tick, sleeping and blocking.
 *
 * A task is one thread of control with its own kernel stack: the kernel
 * thread of a process (struct proc embeds one), a kernel thread, or the idle
 * task. Policy, by rank: kernel daemons (the Dionisys service managers)
 * first; then tasks holding a CPU reservation (a budget) with budget left in
 * their period, earliest deadline (end of the budget period) first, then by
 * priority; then real-time tasks (SCHED_RT, fixed priority
 * 1..31, higher first); then normal tasks. Tasks of equal rank take turns,
 * each running for its quantum of ticks (a real-time task of quantum 0 is
 * FIFO: never sliced). Exactly one task is current; the run queues hold the
 * other runnable ones.
 *
 * Preemption happens only at a return to user mode, in the idle task, or
 * in code the preempt hook declares preemptible (extension code: ext/, which
 * holds no locks and keeps no kernel data half-updated): kernel code is
 * never preempted, only interrupted, so kernel data needs no locks beyond
 * disabling interrupts around what an interrupt handler also touches. Code
 * that waits does so explicitly (sched_block and friends).
 *
 * CPU accounting: the task current at each tick is charged that tick (or
 * the task it runs on behalf of: charge_to). Ticks are counted in total and
 * per window: consecutive (not sliding) windows of the task's period, each
 * starting at a multiple of the period since boot, so the windows of tasks
 * with related periods line up. Both are read in O(1).
 *
 * Budgets: a task may be given a budget of ticks per budget period (the
 * CPU service manager's timeslice); budget periods too start at multiples
 * of their length, and line up with the windows when both are as long. A
 * budget is a reservation: while it lasts, the task ranks above every
 * real-time task; the CPU service manager's guard and admission control
 * keep all budgets together within a share of the CPU. Once it has used its budget it is not
 * run again until its next budget period begins: it sleeps, throttled,
 * from its next preemption point. sched_throttle makes it wait so at once.
 */
#ifndef SCHED_SCHED_H
#define SCHED_SCHED_H

#include "kernel/kdefs.h"
#include "talos/syscall.h"

struct trapframe;
struct ext_invocation;

enum task_state {
	TASK_RUNNABLE = 1,   /* current, or in a run queue */
	TASK_SLEEPING,       /* in the sleep list until wake_at */
	TASK_BLOCKED,        /* in a wait queue */
	TASK_STOPPED,        /* stopped (SIGSTOP) until sched_continue */
	TASK_DEAD,           /* finished; its stack is freed by whoever reaps it */
};

/* A list of blocked tasks waiting for the same event. Zero-initialised = empty. */
struct waitq {
	struct task *head;
};

struct task {
	uint32_t esp;              /* saved kernel stack pointer while switched out */
	void *kstack;              /* base of the kernel stack (PARAM_KSTACK_SIZE bytes) */
	struct ext_invocation *ext_inv; /* the extension invocation it runs, or NULL (ext/);
					   ext/call.asm knows these first three offsets */
	uint32_t *pd;              /* page directory loaded while this task runs */
	enum task_state state;
	char name[PROC_NAME_MAX];

	/* Policy. */
	int sched_class;           /* SCHED_NORMAL or SCHED_RT */
	int priority;              /* SCHED_RT level, 0 for normal tasks */
	int quantum;               /* ticks per turn */
	int quantum_left;          /* ticks left in the current turn */
	bool stop_pending;         /* stop at its next switch, or instead of becoming runnable */

	/* Accounting (see the header comment). */
	uint32_t ticks_total;      /* ticks charged since creation */
	uint32_t period;           /* window length in ticks */
	uint64_t window_start;     /* tick at which the current window began */
	uint32_t ticks_current;    /* ticks charged in the current window */
	uint32_t ticks_window;     /* ticks charged in the last complete window */

	/* CPU budget (see sched_set_budget): at most BUDGET ticks per budget period. */
	int budget;                /* ticks per budget period; -1: no budget */
	uint32_t budget_period;    /* ticks */
	uint64_t budget_start;     /* tick at which the current budget period began */
	uint32_t budget_used;      /* ticks charged in the current budget period */
	bool throttle_pending;     /* out of budget: sleep until the next budget period */
	uint32_t throttles;        /* times it was made to wait for its next budget period */
	struct task *charge_to;    /* while set, its ticks are charged to that task instead */
	bool daemon;               /* a kernel service thread: ranks above every other task */

	uint64_t wake_at;          /* TASK_SLEEPING: tick to wake at */
	struct waitq *waiting_on;  /* TASK_BLOCKED: the queue it is in */
	struct task *next;         /* link in a run queue, the sleep list or a wait queue */

	void (*entry)(void *);     /* kernel threads: the function to run */
	void *arg;
	void (*reap)(struct task *t); /* if set, called once a dead T has been switched away from */
};

/* Make the boot context the idle task and start the tick. Needs kmalloc and the PIT. */
void sched_init(void);

/* The running task (sched_current() outside assembly). */
extern struct task *sched_running;
static inline struct task *sched_current(void)
{
	return sched_running;
}

/*
 * A preempt hook says whether the kernel code TF interrupted may be
 * preempted like user code (called at trap exit, interrupts off).
 */
typedef bool sched_preempt_fn(const struct trapframe *tf);
void sched_set_preempt_hook(sched_preempt_fn *fn);

/*
 * A switch hook runs just before NEXT gets the CPU, after the TSS has been
 * given NEXT's kernel stack top (interrupts off). ext/ uses it for kernel
 * plugins: a task preempted in ring 1 gets back its plugin's segments and
 * its own place on its kernel stack.
 */
typedef void sched_switch_fn(struct task *next);
void sched_set_switch_hook(sched_switch_fn *fn);

/*
 * Prepare T (zeroed by the caller) as a normal task with a fresh kernel stack
 * that, when first scheduled, runs sched_after_switch and then "returns" to
 * RESUME with the stack pointer at FRAME_BYTES below the stack top (the
 * caller fills that frame). Returns false when no memory is left for the stack.
 */
bool sched_task_init(struct task *t, const char *name, uint32_t *pd,
		     void (*resume)(void), uint32_t frame_bytes);

/* The top of T's kernel stack (what the TSS loads on entry from user mode). */
uint32_t sched_stack_top(const struct task *t);

/* Free T's kernel stack (T must never run again). */
void sched_task_free_stack(struct task *t);

/* Create and start a kernel thread running FN(ARG); NULL when out of memory. */
struct task *sched_kthread(const char *name, void (*fn)(void *), void *arg);

/* Make T runnable (it must not be current or queued). */
void sched_make_runnable(struct task *t);

/* Give up the CPU to another runnable task of equal or higher rank. */
void sched_yield(void);

/* Sleep until tick DEADLINE (pit_ticks() value). */
void sched_sleep_until(uint64_t deadline);

/*
 * Block the current task on WQ until sched_wakeup(WQ). Call with interrupts
 * disabled after checking the condition, so a wakeup cannot be lost;
 * returns with interrupts disabled. Callers loop: while (!cond) sched_block(wq).
 */
void sched_block(struct waitq *wq);

/* Make every task blocked on WQ runnable. Safe from interrupt handlers. */
void sched_wakeup(struct waitq *wq);

/*
 * Wake T if it is sleeping or blocked (e.g. to notice a signal). A stop
 * stays: T, stopped or with a stop pending, is stopped until sched_continue.
 */
void sched_interrupt(struct task *t);

/*
 * T must run to end (SIGKILL): cancel its stop, pending or in effect, and
 * wake it from a sleep, a wait or a stop.
 */
void sched_kill(struct task *t);

/*
 * Stop T (SIGSTOP): now if it is queued; at its next switch if it is the
 * running task; else when it would next become runnable.
 */
void sched_stop(struct task *t);

/* Continue a stopped T (SIGCONT). */
void sched_continue(struct task *t);

/* The current task is finished: switch away for good. Never returns. */
void sched_exit_current(void) NORETURN;

/* Change T's policy; parameters were validated by the caller. */
void sched_set_params(struct task *t, const struct sched_param *p);
void sched_get_params(const struct task *t, struct sched_param *p);

/* The start of the period of PERIOD ticks that contains tick NOW (periods start at multiples). */
uint64_t sched_period_start(uint64_t now, uint32_t period);

/*
 * Give T a budget of BUDGET ticks in every budget period of PERIOD ticks
 * (BUDGET -1: no budget). A change keeps the current
 * period's use when the period length stays the same.
 */
void sched_set_budget(struct task *t, int budget, uint32_t period);

/* Make kernel thread T a daemon: it ranks above every other task (it must mostly sleep). */
void sched_set_daemon(struct task *t);

/* Make T wait for its next budget period (if it has a budget): it is throttled. */
void sched_throttle(struct task *t);

/* Ticks T has used in its current budget period. */
uint32_t sched_budget_used(struct task *t);

/* T's accounting, brought up to date: total, last complete window, current window. */
void sched_get_ticks(struct task *t, uint32_t *total, uint32_t *window, uint32_t *current);

/*
 * Called at the end of every trap: switch tasks if the tick or a wakeup asked
 * for it and TF returns to user mode or the idle task is current.
 */
void sched_trap_exit(struct trapframe *tf);

/* Called by a new task right after its first switch (from the resume path). */
void sched_after_switch(void);

/* Idle loop of the boot context; never returns. */
void sched_idle(void) NORETURN;

#endif /* SCHED_SCHED_H */
