/*
 * Tests of the scheduler (sched/sched.c) with kernel threads: creation and
 * exit, yielding, sleeping, blocking, CPU accounting windows, real-time
 * priority and stop/continue. The test itself runs in the "ktest" kernel
 * thread, a normal task; kernel threads are never preempted, so every
 * switch here is one the code asks for, and the order of events is exact.
 */
#include "kernel/ktest.h"
#include "kernel/pit.h"
#include "kernel/string.h"
#include "kernel/x86.h"
#include "sched/sched.h"

static volatile int flag;
static char order[8];
static volatile int norder;

static void set_flag(void *arg)
{
	flag = (int)(uintptr_t)arg;
}

KTEST(sched, kthread_runs_and_exits)
{
	flag = 0;
	KT_EXPECT(sched_kthread("setter", set_flag, (void *)7) != NULL);
	for (int i = 0; i < 10 && flag == 0; i++)
		sched_yield();
	KT_EXPECT_EQ(flag, 7);
}

static void count_with_yields(void *arg)
{
	(void)arg;
	for (int i = 0; i < 5; i++) {
		flag++;
		sched_yield();
	}
}

KTEST(sched, yield_alternates_equal_tasks)
{
	flag = 0;
	sched_kthread("counter", count_with_yields, NULL);
	/* Each of our yields lets the counter take exactly one step. */
	for (int i = 1; i <= 5; i++) {
		sched_yield();
		KT_EXPECT_EQ(flag, i);
	}
}

KTEST(sched, sleep_wakes_on_its_tick)
{
	uint64_t t0 = pit_ticks();
	sched_sleep_until(t0 + 20);
	uint64_t t1 = pit_ticks();
	KT_EXPECT(t1 >= t0 + 20);
	KT_EXPECT(t1 <= t0 + 21);
}

static struct waitq wq;

static void block_until_flag(void *arg)
{
	(void)arg;
	cli();
	while (flag == 0)
		sched_block(&wq);
	sti();
	flag = 2;
}

KTEST(sched, block_until_wakeup)
{
	flag = 0;
	sched_kthread("blocker", block_until_flag, NULL);
	sched_yield();                       /* it runs and blocks */
	sched_yield();
	KT_EXPECT_EQ(flag, 0);
	KT_EXPECT(wq.head != NULL);
	flag = 1;
	sched_wakeup(&wq);
	KT_EXPECT(wq.head == NULL);
	sched_yield();                       /* it wakes, sees the flag, finishes */
	KT_EXPECT_EQ(flag, 2);
}

static uint32_t busy_total, busy_window, busy_current;
static uint64_t busy_from, busy_start;

/*
 * Spin until 35 ticks into our first 10-tick window (windows start at
 * multiples of 10), then report our own accounting.
 */
static void busy_35_ticks(void *arg)
{
	(void)arg;
	struct task *me = sched_current();
	struct sched_param p = { SCHED_NORMAL, 0, 100, 10 };
	busy_from = pit_ticks();
	sched_set_params(me, &p);
	busy_start = me->window_start;
	while (pit_ticks() < busy_start + 35)
		;
	sched_get_ticks(me, &busy_total, &busy_window, &busy_current);
	flag = 1;
}

KTEST(sched, cpu_ticks_and_windows)
{
	flag = 0;
	sched_kthread("busy", busy_35_ticks, NULL);
	while (!flag)
		sched_sleep_until(pit_ticks() + 1);
	KT_EXPECT_EQ(busy_start % 10, 0u);         /* aligned to the period */
	KT_EXPECT(busy_start <= busy_from && busy_from < busy_start + 10);
	KT_EXPECT_EQ(busy_window, 10);             /* the last full window was all busy */
	KT_EXPECT(busy_current >= 4 && busy_current <= 6);
	uint32_t spun = (uint32_t)(busy_start + 35 - busy_from);
	KT_EXPECT(busy_total + 1 >= spun && busy_total <= spun + 2);
}

static void log_char(void *arg)
{
	order[norder++] = (char)(uintptr_t)arg;
}

KTEST(sched, realtime_runs_before_normal)
{
	norder = 0;
	memset(order, 0, sizeof(order));
	struct task *n = sched_kthread("normal", log_char, (void *)'N');
	struct task *r = sched_kthread("rt", log_char, (void *)'R');
	KT_EXPECT(n && r);
	struct sched_param rt = { SCHED_RT, 5, 10, 100 };
	sched_set_params(r, &rt);
	sched_sleep_until(pit_ticks() + 2);
	KT_EXPECT_EQ(norder, 2);
	KT_EXPECT_STR(order, "RN");              /* queued second, ran first */
}

static void sleep_then_flag(void *arg)
{
	sched_sleep_until(pit_ticks() + 100000);
	flag = (int)(uintptr_t)arg;
}

/* SIGKILL's path: a task stopped while it slept must wake to die, not stop again. */
KTEST(sched, kill_wakes_a_task_stopped_while_sleeping)
{
	flag = 0;
	struct task *t = sched_kthread("sleeper", sleep_then_flag, (void *)4);
	KT_EXPECT(t != NULL);
	sched_sleep_until(pit_ticks() + 2);
	KT_EXPECT_EQ(t->state, TASK_SLEEPING);
	sched_stop(t);                           /* a stop pending for the end of its sleep */
	sched_kill(t);
	sched_sleep_until(pit_ticks() + 2);
	KT_EXPECT_EQ(flag, 4);                   /* it ran: out of its sleep, not stopped */
}

/* A caught signal's path: the task leaves its sleep, but a stop stays until continued. */
KTEST(sched, interrupt_keeps_a_stop)
{
	flag = 0;
	struct task *t = sched_kthread("sleeper", sleep_then_flag, (void *)5);
	KT_EXPECT(t != NULL);
	sched_sleep_until(pit_ticks() + 2);
	sched_stop(t);
	sched_interrupt(t);
	KT_EXPECT_EQ(t->state, TASK_STOPPED);
	sched_sleep_until(pit_ticks() + 2);
	KT_EXPECT_EQ(flag, 0);
	sched_continue(t);
	sched_sleep_until(pit_ticks() + 2);
	KT_EXPECT_EQ(flag, 5);
}

KTEST(sched, stop_then_continue)
{
	flag = 0;
	struct task *t = sched_kthread("stopped", set_flag, (void *)3);
	sched_stop(t);
	KT_EXPECT_EQ(t->state, TASK_STOPPED);
	sched_sleep_until(pit_ticks() + 3);
	KT_EXPECT_EQ(flag, 0);                   /* never ran while stopped */
	sched_continue(t);
	sched_sleep_until(pit_ticks() + 1);
	KT_EXPECT_EQ(flag, 3);
}
