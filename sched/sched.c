/*
 * The scheduler (policy and contract in sched/sched.h).
 *
 * Everything here runs with interrupts disabled: the tick handler by
 * nature, the rest under irq_save. The running task is never in a run
 * queue; schedule() puts it back (at the head if it was preempted with
 * quantum left, at the tail if its quantum ran out) before picking the
 * first task of the highest non-empty queue.
 */
#include "sched/sched.h"
#include "kernel/fpu.h"
#include "kernel/gdt.h"
#include "kernel/panic.h"
#include "kernel/pit.h"
#include "kernel/trap.h"
#include "kernel/vm.h"
#include "kernel/x86.h"
#include "talos/param.h"

struct runq {
	struct task *head, *tail;
};

static struct task idle_task = { .state = TASK_RUNNABLE, .name = "idle", .budget = -1 };
struct task *sched_running = &idle_task;         /* see sched.h */
/*
 * Ranks, higher first: idle 0, normal 1, real-time 1 + priority, tasks with a
 * budget (a CPU reservation: the CPU service manager's applications, up to
 * their budget) RANK_RESERVED, kernel daemons RANK_DAEMON. Within
 * RANK_RESERVED the earliest deadline (the end of the task's budget period)
 * runs first, then the higher priority.
 */
#define RANK_RESERVED (1 + SCHED_RT_LEVELS)
#define RANK_DAEMON   (RANK_RESERVED + 1)
#define NRANKS        (RANK_DAEMON + 1)
static struct runq queues[NRANKS];              /* index = rank; 0 (idle) unused */
static struct task *sleepers;                   /* sorted by wake_at */
static struct task *reap_pending;               /* dead task to free after the switch */
static bool need_resched;

void sched_switch_stacks(uint32_t *save_esp, uint32_t new_esp);
void sched_user_entry(void);

static sched_preempt_fn *preempt_hook;

void sched_set_preempt_hook(sched_preempt_fn *fn)
{
	preempt_hook = fn;
}

static sched_switch_fn *switch_hook;

void sched_set_switch_hook(sched_switch_fn *fn)
{
	switch_hook = fn;
}

/* ---- Run queues ---- */

static int rank(const struct task *t)
{
	if (t == &idle_task)
		return 0;
	if (t->daemon)
		return RANK_DAEMON;
	if (t->budget >= 0)
		return RANK_RESERVED;
	return t->sched_class == SCHED_RT ? 1 + t->priority : 1;
}

static struct runq *queue_of(struct task *t)
{
	return &queues[rank(t)];
}

static void enqueue(struct task *t, bool at_head)
{
	struct runq *q = queue_of(t);
	if (at_head) {
		t->next = q->head;
		q->head = t;
		if (!q->tail)
			q->tail = t;
	} else {
		t->next = NULL;
		if (q->tail)
			q->tail->next = t;
		else
			q->head = t;
		q->tail = t;
	}
}

/* Take T out of queue Q; PREV is the task before it there (NULL: T is the head). */
static void unlink_from(struct runq *q, struct task *prev, struct task *t)
{
	if (prev)
		prev->next = t->next;
	else
		q->head = t->next;
	if (q->tail == t)
		q->tail = prev;
	t->next = NULL;
}

/* Remove T from its run queue (it must be there). */
static void dequeue(struct task *t)
{
	struct runq *q = queue_of(t);
	struct task *prev = NULL;
	for (struct task *p = q->head; p; prev = p, p = p->next) {
		if (p == t) {
			unlink_from(q, prev, t);
			return;
		}
	}
	PANIC("task %s not in its run queue", t->name);
}

/* Does reserved task A come before reserved task B: earlier deadline, then higher priority? */
static bool reserved_before(const struct task *a, const struct task *b)
{
	uint64_t da = a->budget_start + a->budget_period, db = b->budget_start + b->budget_period;
	return da != db ? da < db : a->priority > b->priority;
}

static struct task *pick_next(void)
{
	for (int r = NRANKS - 1; r > 0; r--) {
		struct runq *q = &queues[r];
		if (!q->head)
			continue;
		struct task *best = q->head, *best_prev = NULL;
		if (r == RANK_RESERVED)
			for (struct task *prev = q->head, *t = q->head->next; t; prev = t, t = t->next)
				if (reserved_before(t, best)) {
					best = t;
					best_prev = prev;
				}
		unlink_from(q, best_prev, best);
		return best;
	}
	return &idle_task;
}

/* ---- Switching ---- */

void sched_after_switch(void)
{
	struct task *dead = reap_pending;
	reap_pending = NULL;
	if (dead)
		dead->reap(dead);
}

uint64_t sched_period_start(uint64_t now, uint32_t period)
{
	return now - now % period;
}

/* Start the budget period that contains tick NOW, if the current one has ended. */
static void roll_budget(struct task *t, uint64_t now)
{
	if (now < t->budget_start + t->budget_period)
		return;
	t->budget_start += (now - t->budget_start) / t->budget_period * t->budget_period;
	t->budget_used = 0;
	t->throttle_pending = false;
}

/* Put T (running, not queued) in the sleep list until tick DEADLINE. Interrupts off. */
static void sleep_until_locked(struct task *t, uint64_t deadline)
{
	t->wake_at = deadline;
	t->state = TASK_SLEEPING;
	struct task **pp = &sleepers;
	while (*pp && (*pp)->wake_at <= deadline)
		pp = &(*pp)->next;
	t->next = *pp;
	*pp = t;
}

/* Pick the next task and switch to it. Interrupts must be off. */
static void schedule(void)
{
	struct task *prev = sched_running;
	if (prev->budget >= 0)
		roll_budget(prev, pit_ticks());
	if (prev->state == TASK_RUNNABLE && prev->stop_pending) {
		prev->stop_pending = false;     /* stopped while it ran (sched_stop) */
		prev->state = TASK_STOPPED;
	} else if (prev->state == TASK_RUNNABLE && prev->throttle_pending) {
		sleep_until_locked(prev, prev->budget_start + prev->budget_period);
		prev->throttles++;
	} else if (prev->state == TASK_RUNNABLE && prev != &idle_task) {
		bool used_up = prev->quantum > 0 && prev->quantum_left <= 0;
		if (used_up)
			prev->quantum_left = prev->quantum;
		enqueue(prev, !used_up);
	}
	struct task *next = pick_next();
	need_resched = false;
	if (next == prev)
		return;
	if (prev->state == TASK_DEAD && prev->reap)
		reap_pending = prev;
	sched_running = next;
	if (next->kstack)
		gdt_set_kernel_stack(sched_stack_top(next));
	if (switch_hook)
		switch_hook(next);
	if (next->pd != prev->pd)
		write_cr3((uint32_t)next->pd);
	fpu_switched();
	sched_switch_stacks(&prev->esp, next->esp);
	sched_after_switch();
}

/* T becomes runnable (or stopped, if a stop is pending). */
static void wake(struct task *t)
{
	if (t->stop_pending) {
		t->stop_pending = false;
		t->state = TASK_STOPPED;
		return;
	}
	t->state = TASK_RUNNABLE;
	enqueue(t, false);
	if (rank(t) > rank(sched_running) ||
	    (rank(t) == RANK_RESERVED && rank(sched_running) == RANK_RESERVED &&
	     reserved_before(t, sched_running)))
		need_resched = true;
}

/* ---- Accounting ---- */

/* Close the windows that ended before tick NOW. */
static void roll_window(struct task *t, uint64_t now)
{
	if (now < t->window_start + t->period)
		return;
	uint64_t windows = (now - t->window_start) / t->period;
	t->ticks_window = windows == 1 ? t->ticks_current : 0;
	t->ticks_current = 0;
	t->window_start += windows * t->period;
}

static void sched_tick(struct trapframe *tf)
{
	(void)tf;
	uint64_t now = pit_ticks();
	while (sleepers && sleepers->wake_at <= now) {
		struct task *t = sleepers;
		sleepers = t->next;
		t->next = NULL;
		wake(t);
	}
	if (sched_running == &idle_task)
		return;
	/* The tick that just ended, [now-1, now), was spent running CURRENT (for CHARGE). */
	struct task *charge = sched_running->charge_to ? sched_running->charge_to : sched_running;
	roll_window(charge, now - 1);
	charge->ticks_total++;
	charge->ticks_current++;
	if (charge->budget >= 0) {
		roll_budget(charge, now - 1);
		if (++charge->budget_used >= (uint32_t)charge->budget && charge == sched_running) {
			charge->throttle_pending = true;
			need_resched = true;
		}
	}
	if (sched_running->quantum > 0 && --sched_running->quantum_left <= 0)
		need_resched = true;         /* FIFO tasks (quantum 0) are never sliced */
}

void sched_get_ticks(struct task *t, uint32_t *total, uint32_t *window, uint32_t *cur)
{
	bool was = irq_save();
	roll_window(t, pit_ticks());
	*total = t->ticks_total;
	*window = t->ticks_window;
	*cur = t->ticks_current;
	irq_restore(was);
}

/* ---- Starting ---- */

extern uint8_t boot_stack_bottom[];

void sched_init(void)
{
	idle_task.pd = vm_kernel_pd();
	idle_task.kstack = boot_stack_bottom;
	pit_set_tick_hook(sched_tick);
}

void sched_make_runnable(struct task *t)
{
	bool was = irq_save();
	wake(t);
	irq_restore(was);
}

/* ---- Giving up the CPU ---- */

void sched_yield(void)
{
	bool was = irq_save();
	sched_running->quantum_left = 0;
	schedule();
	irq_restore(was);
}

void sched_sleep_until(uint64_t deadline)
{
	bool was = irq_save();
	if (deadline > pit_ticks()) {
		sleep_until_locked(sched_running, deadline);
		schedule();
	}
	irq_restore(was);
}

void sched_block(struct waitq *wq)
{
	ASSERT(!(read_eflags() & EFLAGS_IF));
	ASSERT(sched_running != &idle_task);
	sched_running->state = TASK_BLOCKED;
	sched_running->waiting_on = wq;
	sched_running->next = wq->head;
	wq->head = sched_running;
	schedule();
}

void sched_wakeup(struct waitq *wq)
{
	bool was = irq_save();
	struct task *t = wq->head;
	wq->head = NULL;
	while (t) {
		struct task *next = t->next;
		t->next = NULL;
		t->waiting_on = NULL;
		wake(t);
		t = next;
	}
	irq_restore(was);
}

/* Unlink T from the singly linked list at *HEAD. */
static void list_remove(struct task **head, struct task *t)
{
	for (struct task **pp = head; *pp; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			t->next = NULL;
			return;
		}
	}
}

void sched_interrupt(struct task *t)
{
	bool was = irq_save();
	if (t->state == TASK_SLEEPING) {
		list_remove(&sleepers, t);
		wake(t);
	} else if (t->state == TASK_BLOCKED && t->waiting_on) {
		list_remove(&t->waiting_on->head, t);
		t->waiting_on = NULL;
		wake(t);
	}
	irq_restore(was);
}

void sched_kill(struct task *t)
{
	bool was = irq_save();
	t->stop_pending = false;           /* else wake() would stop it again */
	if (t->state == TASK_STOPPED)
		wake(t);
	else
		sched_interrupt(t);
	irq_restore(was);
}

void sched_stop(struct task *t)
{
	bool was = irq_save();
	if (t->state == TASK_RUNNABLE && t != sched_running) {
		dequeue(t);
		t->state = TASK_STOPPED;
	} else if (t == sched_running) {
		/* It may be in the middle of a system call (Ctrl-Z comes in an interrupt): it
		   stops at its next switch, or when the sleep or wait it enters ends. */
		t->stop_pending = true;
		need_resched = true;
	} else if (t->state == TASK_SLEEPING || t->state == TASK_BLOCKED) {
		t->stop_pending = true;
	}
	irq_restore(was);
}

void sched_continue(struct task *t)
{
	bool was = irq_save();
	t->stop_pending = false;
	if (t->state == TASK_STOPPED)
		wake(t);
	irq_restore(was);
}

void sched_exit_current(void)
{
	cli();
	ASSERT(sched_running != &idle_task);
	sched_running->state = TASK_DEAD;
	schedule();
	PANIC("dead task %s was scheduled", sched_running->name);
}

/* ---- Policy parameters ---- */

void sched_set_params(struct task *t, const struct sched_param *p)
{
	bool was = irq_save();
	bool queued = t->state == TASK_RUNNABLE && t != sched_running;
	if (queued)
		dequeue(t);
	t->sched_class = p->sched_class;
	t->priority = p->sched_class == SCHED_RT ? p->priority : 0;
	t->quantum = p->quantum;
	if (t->quantum_left > t->quantum)
		t->quantum_left = t->quantum;
	if ((uint32_t)p->period != t->period) {
		t->period = (uint32_t)p->period;
		t->window_start = sched_period_start(pit_ticks(), t->period);
		t->ticks_current = t->ticks_window = 0;
	}
	if (queued)
		enqueue(t, false);
	/* A change of rank may mean someone else should run now. */
	need_resched = true;
	irq_restore(was);
}

void sched_set_budget(struct task *t, int budget, uint32_t period)
{
	bool was = irq_save();
	uint64_t now = pit_ticks();
	bool queued = t->state == TASK_RUNNABLE && t != sched_running;
	if (queued)
		dequeue(t);                     /* a budget changes the task's rank */
	if (budget < 0 || period == 0) {
		t->budget = -1;
		t->throttle_pending = false;
	} else {
		if (t->budget < 0 || period != t->budget_period) {
			t->budget_start = sched_period_start(now, period);
			t->budget_period = period;
			t->budget_used = 0;
		}
		t->budget = budget;
		roll_budget(t, now);
		t->throttle_pending = t->budget_used >= (uint32_t)budget;
		if (t->throttle_pending && t == sched_running)
			need_resched = true;
	}
	if (queued)
		enqueue(t, false);
	need_resched = true;                    /* someone else may rank higher now */
	irq_restore(was);
}

void sched_set_daemon(struct task *t)
{
	bool was = irq_save();
	bool queued = t->state == TASK_RUNNABLE && t != sched_running;
	if (queued)
		dequeue(t);
	t->daemon = true;
	if (queued)
		enqueue(t, false);
	irq_restore(was);
}

void sched_throttle(struct task *t)
{
	bool was = irq_save();
	if (t->budget >= 0) {
		t->throttle_pending = true;
		if (t->state == TASK_RUNNABLE && t != sched_running) {
			dequeue(t);
			sleep_until_locked(t, t->budget_start + t->budget_period);
			t->throttles++;
		} else if (t == sched_running) {
			need_resched = true;
		}
	}
	irq_restore(was);
}

uint32_t sched_budget_used(struct task *t)
{
	bool was = irq_save();
	if (t->budget >= 0)
		roll_budget(t, pit_ticks());
	uint32_t used = t->budget_used;
	irq_restore(was);
	return used;
}

void sched_get_params(const struct task *t, struct sched_param *p)
{
	p->sched_class = t->sched_class;
	p->priority = t->priority;
	p->quantum = t->quantum;
	p->period = (int)t->period;
}

/* ---- Trap exit and idle ---- */

void sched_trap_exit(struct trapframe *tf)
{
	if (!need_resched)
		return;
	if ((tf->cs & 3) == 3 || sched_running == &idle_task || (preempt_hook && preempt_hook(tf)))
		schedule();
}

void sched_idle(void)
{
	for (;;)
		__asm__ volatile("sti; hlt" ::: "memory");
}
