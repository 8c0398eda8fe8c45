/*
 * Creating tasks: a fresh kernel stack whose first switch "returns" into
 * the task's start-up path, and kernel threads built on it. (Scheduling
 * itself is in sched/sched.c.)
 *
 * A new task's stack, as sched_switch_stacks will pop it:
 *
 *   stack top    +----------------------+
 *                | frame (FRAME_BYTES)   |  a trapframe (processes) or a
 *                |                      |  zero return address (threads)
 *                | resume address       |  where the first switch returns
 *   t->esp    -> | edi esi ebx ebp = 0  |
 */
#include "sched/sched.h"
#include "kernel/kheap.h"
#include "kernel/pit.h"
#include "kernel/string.h"
#include "kernel/vm.h"
#include "kernel/x86.h"
#include "talos/param.h"

uint32_t sched_stack_top(const struct task *t)
{
	return (uint32_t)t->kstack + PARAM_KSTACK_SIZE;
}

bool sched_task_init(struct task *t, const char *name, uint32_t *pd,
		     void (*resume)(void), uint32_t frame_bytes)
{
	t->kstack = kmalloc(PARAM_KSTACK_SIZE);
	if (!t->kstack)
		return false;
	strlcpy(t->name, name, sizeof(t->name));
	t->pd = pd;
	t->state = TASK_BLOCKED;            /* not runnable until sched_make_runnable */
	t->sched_class = SCHED_NORMAL;
	t->quantum = t->quantum_left = PARAM_QUANTUM;
	t->period = PARAM_PERIOD;
	t->window_start = sched_period_start(pit_ticks(), t->period);
	t->budget = -1;

	/* The frame sched_switch_stacks pops: four registers, then RESUME. */
	uint32_t *sp = (uint32_t *)(sched_stack_top(t) - frame_bytes);
	*--sp = (uint32_t)resume;
	for (int i = 0; i < 4; i++)
		*--sp = 0;
	t->esp = (uint32_t)sp;
	return true;
}

void sched_task_free_stack(struct task *t)
{
	kfree(t->kstack);
	t->kstack = NULL;
}

/* A finished kernel thread is freed by the next task, off its stack. */
static void kthread_reap(struct task *t)
{
	kfree(t->kstack);
	kfree(t);
}

static NORETURN void kthread_start(void)
{
	sched_after_switch();
	sti();
	struct task *me = sched_current();
	me->entry(me->arg);
	sched_exit_current();
}

struct task *sched_kthread(const char *name, void (*fn)(void *), void *arg)
{
	struct task *t = kzalloc(sizeof(*t));
	if (!t)
		return NULL;
	/* One zero word above the resume point: kthread_start's return address. */
	if (!sched_task_init(t, name, vm_kernel_pd(), (void (*)(void))kthread_start, 4)) {
		kfree(t);
		return NULL;
	}
	*(uint32_t *)(sched_stack_top(t) - 4) = 0;
	t->entry = fn;
	t->arg = arg;
	t->reap = kthread_reap;
	sched_make_runnable(t);
	return t;
}
