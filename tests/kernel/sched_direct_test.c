/*
 * Direct assertions on the scheduler's queues and accounting, each a number
 * a wrong scheduler gets wrong within a few dozen ticks (never a hang):
 * the length of every time slice, the order in which woken tasks run, the
 * tick on which each sleeper wakes, the ticks a budget lets a task run in
 * each period, and the tick counts on both sides of an accounting window's
 * boundary. Kernel threads are preempted only while
 * they run extension code, so the slicing test spins in an extension.
 */
#include "tests/kernel/ext_objs.h"
#include "kernel/ktest.h"
#include "kernel/pit.h"
#include "kernel/string.h"
#include "sched/sched.h"

EXT_OBJ(basic);

/* ---- Time slices ---- */

#define SLICE_QUANTUM 3
#define SLICE_RESERVATION 24          /* ticks each spinner runs: 8 slices */
#define SLICE_LOG 128

static struct task *spinner[2];
static char slice_log[SLICE_LOG];     /* 'a' or 'b' for each tick a spinner ran */
static volatile uint32_t slice_n;
static pit_hook_fn *slice_next;
static struct ext *slice_ext;
static volatile int spinners_done;

/* Tick hook: note which spinner the ending tick ran (others are ignored). */
static void slice_hook(struct trapframe *tf)
{
	for (int i = 0; i < 2; i++)
		if (sched_running == spinner[i] && slice_n < SLICE_LOG)
			slice_log[slice_n++] = (char)('a' + i);
	if (slice_next)
		slice_next(tf);
}

static void spin_reserved(void *arg)
{
	(void)arg;
	const struct ext_export *x = ext_find_export(slice_ext, "spin");
	struct ext_call c;
	ext_invoke(slice_ext, x, NULL, 0, SLICE_RESERVATION, &c);
	spinners_done++;
}

/* Two tasks of quantum 3 spinning in an extension take turns of exactly 3 ticks. */
KTEST(sched, quantum_slices_two_spinning_tasks)
{
	slice_ext = EXT_OBJ_LOAD(basic);
	slice_n = 0;
	spinners_done = 0;
	struct sched_param p = { SCHED_NORMAL, 0, SLICE_QUANTUM, PARAM_PERIOD };
	for (int i = 0; i < 2; i++) {
		spinner[i] = sched_kthread(i ? "spin-b" : "spin-a", spin_reserved, NULL);
		KT_EXPECT(spinner[i] != NULL);
		sched_set_params(spinner[i], &p);
	}
	slice_next = pit_set_tick_hook(slice_hook);
	sched_sleep_until(pit_ticks() + 2 * SLICE_RESERVATION + 20);
	pit_set_tick_hook(slice_next);
	spinner[0] = spinner[1] = NULL;
	KT_EXPECT_EQ(spinners_done, 2);
	sched_sleep_until(pit_ticks() + 2);        /* let the finished threads be reaped */
	kobj_put(&slice_ext->obj);
	slice_log[slice_n < SLICE_LOG ? slice_n : SLICE_LOG - 1] = '\0';
	KT_EXPECT_EQ(slice_n, 2u * SLICE_RESERVATION);
	uint32_t runs = 0;
	for (uint32_t i = 0; i < slice_n; runs++) {
		uint32_t j = i;
		while (j < slice_n && slice_log[j] == slice_log[i])
			j++;
		if (j - i != SLICE_QUANTUM)
			KT_FAIL("slice %u of %c lasted %u ticks, quantum %d: %s", runs,
				slice_log[i], j - i, SLICE_QUANTUM, slice_log);
		i = j;
	}
	KT_EXPECT_EQ(runs, 2u * SLICE_RESERVATION / SLICE_QUANTUM);
}

/* ---- Budgets ---- */

#define BUDGET 5
#define BUDGET_PERIOD 20

static uint32_t budget_at[SLICE_LOG];   /* start tick of each tick the budgeted task ran */
static volatile uint32_t budget_n;

static void budget_hook(struct trapframe *tf)
{
	if (sched_running == spinner[0] && budget_n < SLICE_LOG)
		budget_at[budget_n++] = (uint32_t)pit_ticks() - 1;
	if (slice_next)
		slice_next(tf);
}

/* A task with a budget of 5 ticks per 20 runs the first 5 ticks of each period. */
KTEST(sched, budget_runs_first_ticks_of_each_period)
{
	slice_ext = EXT_OBJ_LOAD(basic);
	spinners_done = 0;
	budget_n = 0;
	sched_sleep_until((pit_ticks() / BUDGET_PERIOD + 1) * BUDGET_PERIOD + 3);
	spinner[0] = sched_kthread("budget", spin_reserved, NULL);
	KT_EXPECT(spinner[0] != NULL);
	sched_set_budget(spinner[0], BUDGET, BUDGET_PERIOD);
	slice_next = pit_set_tick_hook(budget_hook);
	sched_sleep_until(pit_ticks() + SLICE_RESERVATION * BUDGET_PERIOD / BUDGET + 20);
	pit_set_tick_hook(slice_next);
	spinner[0] = NULL;
	KT_EXPECT_EQ(spinners_done, 1);
	sched_sleep_until(pit_ticks() + 2);
	kobj_put(&slice_ext->obj);
	KT_EXPECT_EQ(budget_n, (uint32_t)SLICE_RESERVATION);
	/* Every complete period (not the first, joined late): offsets 0..4. */
	uint32_t first = budget_at[0] / BUDGET_PERIOD;
	for (uint32_t i = 0; i < budget_n; i++) {
		uint32_t period = budget_at[i] / BUDGET_PERIOD, off = budget_at[i] % BUDGET_PERIOD;
		if (period != first && off >= BUDGET)
			KT_FAIL("tick %u ran at offset %u of its period, budget %d", budget_at[i], off,
				BUDGET);
	}
	KT_EXPECT(budget_at[budget_n - 1] / BUDGET_PERIOD >= first + 4);
}

/* ---- Order of running and waking ---- */

static char order[8];
static volatile int norder;

static void log_char(void *arg)
{
	order[norder++] = (char)(uintptr_t)arg;
}

/* Tasks made runnable one after another run in that order (each joins the tail). */
KTEST(sched, woken_tasks_run_in_order_of_waking)
{
	norder = 0;
	memset(order, 0, sizeof(order));
	for (int i = 0; i < 3; i++)
		KT_EXPECT(sched_kthread("order", log_char, (void *)(uintptr_t)('a' + i)) != NULL);
	sched_sleep_until(pit_ticks() + 2);
	KT_EXPECT_EQ(norder, 3);
	KT_EXPECT_STR(order, "abc");
}

/* Real-time priority 1, the lowest, still runs before a normal task queued first. */
KTEST(sched, lowest_realtime_priority_before_normal)
{
	norder = 0;
	memset(order, 0, sizeof(order));
	struct task *n = sched_kthread("normal", log_char, (void *)'N');
	struct task *r = sched_kthread("rt1", log_char, (void *)'R');
	KT_EXPECT(n && r);
	struct sched_param rt = { SCHED_RT, 1, 10, 100 };
	sched_set_params(r, &rt);
	sched_sleep_until(pit_ticks() + 2);
	KT_EXPECT_EQ(norder, 2);
	KT_EXPECT_STR(order, "RN");
}

/* Of two tasks with a CPU budget, the one whose budget period ends first runs first. */
KTEST(sched, earliest_budget_deadline_first)
{
	norder = 0;
	memset(order, 0, sizeof(order));
	sched_sleep_until((pit_ticks() / 100 + 1) * 100 + 10);   /* 10 ticks into a 100 */
	struct task *l = sched_kthread("late", log_char, (void *)'L');
	struct task *e = sched_kthread("early", log_char, (void *)'E');
	KT_EXPECT(l && e);
	sched_set_budget(l, 5, 100);             /* deadline: the next multiple of 100 */
	sched_set_budget(e, 5, 50);              /* deadline: 40 ticks earlier */
	KT_EXPECT(e->budget_start + e->budget_period < l->budget_start + l->budget_period);
	sched_sleep_until(pit_ticks() + 2);
	KT_EXPECT_EQ(norder, 2);
	KT_EXPECT_STR(order, "EL");
}

static uint64_t woke_at[3];

static void sleep_then_note(void *arg)
{
	int i = (int)(uintptr_t)arg;
	static const int delay[3] = { 9, 3, 6 };
	uint64_t t0 = pit_ticks();
	sched_sleep_until(t0 + (uint64_t)delay[i]);
	woke_at[i] = pit_ticks() - t0;
}

/* Three sleepers, put to sleep longest-last order aside, each wake on their own tick. */
KTEST(sched, sleepers_wake_on_their_own_ticks)
{
	memset(woke_at, 0, sizeof(woke_at));
	for (int i = 0; i < 3; i++)
		KT_EXPECT(sched_kthread("sleeper", sleep_then_note, (void *)(uintptr_t)i) != NULL);
	sched_sleep_until(pit_ticks() + 15);
	KT_EXPECT_EQ(woke_at[0], 9u);
	KT_EXPECT_EQ(woke_at[1], 3u);
	KT_EXPECT_EQ(woke_at[2], 6u);
}

static volatile int slept;

static void sleep_5_ticks(void *arg)
{
	(void)arg;
	sched_sleep_until(pit_ticks() + 5);
	slept = 1;
}

/* A stop and a continue both while the task sleeps: it wakes and runs as usual. */
KTEST(sched, stop_and_continue_while_sleeping)
{
	slept = 0;
	struct task *t = sched_kthread("sleeper", sleep_5_ticks, NULL);
	KT_EXPECT(t != NULL);
	sched_sleep_until(pit_ticks() + 1);      /* it runs and goes to sleep */
	KT_EXPECT_EQ(t->state, TASK_SLEEPING);
	sched_stop(t);
	sched_continue(t);
	sched_sleep_until(pit_ticks() + 8);
	KT_EXPECT_EQ(slept, 1);
}

/* ---- Accounting windows ---- */

/* Spin, charged to ourselves, until tick UNTIL. */
static void busy_until(uint64_t until)
{
	while (pit_ticks() < until)
		;
}

/* A new period restarts the window counts. */
KTEST(sched, window_counts_restart_with_a_new_period)
{
	struct task *me = sched_current();
	struct sched_param p = { SCHED_NORMAL, 0, 100, 25 };
	sched_set_params(me, &p);
	busy_until(pit_ticks() + 5);
	uint32_t total, window, current;
	sched_get_ticks(me, &total, &window, &current);
	KT_EXPECT(current + window >= 4);
	p.period = 20;
	sched_set_params(me, &p);
	sched_get_ticks(me, &total, &window, &current);
	KT_EXPECT_EQ(window, 0u);
	KT_EXPECT(current <= 1);
	p.period = PARAM_PERIOD;
	sched_set_params(me, &p);
}

/*
 * With windows of 20 ticks starting at W, a task busy from tick W+17 to
 * W+22 is charged the ticks ending at W+18, W+19 and W+20 in the window
 * [W, W+20), and those ending at W+21 and W+22 in the next: a tick
 * belongs to the window in which it began. After two idle windows, the
 * last complete window holds nothing and the current window starts at the
 * right multiple of 20.
 */
KTEST(sched, window_rollover_on_the_boundary_tick)
{
	struct task *me = sched_current();
	struct sched_param p = { SCHED_NORMAL, 0, 100, 20 };
	sched_set_params(me, &p);
	uint64_t w = me->window_start + 20;
	KT_EXPECT_EQ(w % 20, 0u);
	sched_sleep_until(w + 17);
	KT_EXPECT_EQ(pit_ticks(), w + 17);
	busy_until(w + 22);
	uint32_t total, window, current;
	sched_get_ticks(me, &total, &window, &current);
	KT_EXPECT_EQ(window, 3u);
	KT_EXPECT_EQ(current, 2u);
	KT_EXPECT_EQ(me->window_start, w + 20);
	sched_sleep_until(w + 65);               /* windows [W+20, W+40) and [W+40, W+60) end */
	sched_get_ticks(me, &total, &window, &current);
	KT_EXPECT_EQ(window, 0u);
	KT_EXPECT_EQ(current, 0u);
	KT_EXPECT_EQ(me->window_start, w + 60);
	p.period = PARAM_PERIOD;
	sched_set_params(me, &p);
}
