/*
 * Tests of preemptible, charged extension invocations: a run is the
 * invoking task's own CPU time, which the scheduler may preempt at any tick
 * that lands in extension code; the reservation ends it at exactly its
 * length, even when the overrun falls due inside an interface call; an
 * extension whose last handle goes while a preempted run still executes it
 * is freed only after that run; and two interleaved invocations cannot
 * break a bounds check through a shared global.
 */
#include "tests/kernel/ext_objs.h"
#include "kernel/kheap.h"
#include "kernel/ktest.h"
#include "kernel/pit.h"
#include "kernel/string.h"
#include "talos/errno.h"

EXT_OBJ(basic);
EXT_OBJ(preempt);
EXT_OBJ(spinhandler);
EXT_OBJ(interleave_attack);

static char msg[512];

static struct ext *load(const uint8_t *start, const uint8_t *end)
{
	struct ext *e = NULL;
	int err = ext_load(start, (uint32_t)(end - start), "test", &e, msg, sizeof(msg));
	if (err)
		KT_FAIL("load: %d: %s", err, msg);
	return e;
}
#define LOAD(name) load(ktest_obj_##name, ktest_obj_##name##_end)

static struct ext_call invoke(struct ext *e, const char *name, int nargs, uint32_t arg,
			      int reservation)
{
	const struct ext_export *x = ext_find_export(e, name);
	if (!x)
		KT_FAIL("no export %s", name);
	struct ext_call c;
	memset(&c, 0, sizeof(c));
	int err = ext_invoke(e, x, &arg, nargs, reservation, &c);
	if (err)
		KT_FAIL("ext_invoke(%s): %d", name, err);
	return c;
}

/* A background invocation run by a kernel thread of the same rank as the test. */
struct background {
	struct ext *e;
	const char *export;
	uint32_t arg;
	int reservation;
	struct ext_call call;
	volatile bool done;
	struct task *task;         /* valid until done: the thread is freed after */
	uint32_t throttles;        /* how often its budget held it back */
	uint64_t done_at;          /* tick at which its invocation returned */
};

static void background_run(void *arg)
{
	struct background *b = arg;
	const struct ext_export *x = ext_find_export(b->e, b->export);
	ext_invoke(b->e, x, &b->arg, x->nargs, b->reservation, &b->call);
	b->throttles = sched_current()->throttles;
	b->done_at = pit_ticks();
	b->done = true;
}

/* Start B and give up the CPU until its invocation has begun and been preempted. */
static void start_and_preempt(struct background *b)
{
	b->task = sched_kthread("bgext", background_run, b);
	if (!b->task)
		KT_FAIL("no memory for a kernel thread");
	for (int i = 0; i < 100 && !b->task->ext_inv && !b->done; i++)
		sched_yield();
	/* We run again, so B's tick-preempted run is suspended mid-extension. */
	KT_EXPECT(!b->done);
	KT_EXPECT(b->task->ext_inv != NULL);
}

static void wait_done(struct background *b)
{
	for (int i = 0; i < 5000 && !b->done; i++)
		sched_sleep_until(pit_ticks() + 1);
	KT_EXPECT(b->done);
	sched_sleep_until(pit_ticks() + 2);        /* let the finished thread be reaped */
}

KTEST(ext_preempt, overrun_charges_exactly_the_reservation)
{
	struct ext *e = LOAD(basic);
	for (int r = 1; r <= 8; r++) {
		uint64_t t0 = pit_ticks();
		struct ext_call c = invoke(e, "spin", 0, 0, r);
		uint64_t spent = pit_ticks() - t0;
		KT_EXPECT_EQ(c.status, EXT_ABORT_OVERRUN);
		KT_EXPECT_EQ(c.ticks, (unsigned)r);
		KT_EXPECT(spent >= (uint64_t)r && spent <= (uint64_t)r + 1);
	}
	KT_EXPECT_EQ(e->stats.ticks, 36u);
	KT_EXPECT_EQ(e->stats.overruns, 8u);
	kobj_put(&e->obj);
}

/* Nearly every tick lands in the interface; the overrun is still taken in its own tick. */
KTEST(ext_preempt, overrun_inside_interface_taken_on_time)
{
	struct ext *e = LOAD(preempt);
	for (int r = 1; r <= 8; r++) {
		struct ext_call c = invoke(e, "spin_iface", 0, 0, r);
		KT_EXPECT_EQ(c.status, EXT_ABORT_OVERRUN);
		KT_EXPECT_EQ(c.ticks, (unsigned)r);
	}
	kobj_put(&e->obj);
}

/* A handler that overruns counts as an overrun (after the fault that started it). */
KTEST(ext_preempt, handler_overrun_counted_as_overrun)
{
	struct ext *e = LOAD(spinhandler);
	const struct ext_export *x = ext_find_export(e, "divide");
	uint32_t args[2] = { 1, 0 };
	struct ext_call c;
	KT_EXPECT_EQ(ext_invoke(e, x, args, 2, 5, &c), 0);
	KT_EXPECT_EQ(c.status, EXT_ABORT_OVERRUN);
	KT_EXPECT_EQ(c.ticks, 5u);
	KT_EXPECT_EQ(e->stats.invocations, 1u);
	KT_EXPECT_EQ(e->stats.faults, 1u);
	KT_EXPECT_EQ(e->stats.overruns, 1u);
	KT_EXPECT_EQ(e->stats.completed, 0u);
	kobj_put(&e->obj);
}

/* The task that runs an extension is charged for it, and its quantum runs out. */
KTEST(ext_preempt, run_charged_to_invoking_task)
{
	struct ext *e = LOAD(basic);
	struct task *me = sched_current();
	uint32_t total0, w, cur;
	sched_get_ticks(me, &total0, &w, &cur);
	struct ext_call c = invoke(e, "spin", 0, 0, 30);
	uint32_t total1;
	sched_get_ticks(me, &total1, &w, &cur);
	KT_EXPECT_EQ(c.ticks, 30u);
	KT_EXPECT(total1 - total0 >= 30 && total1 - total0 <= 31);
	kobj_put(&e->obj);
}

KTEST(ext_preempt, unload_waits_for_preempted_invocation)
{
	struct kheap_stats before, after;
	kheap_get_stats(&before);
	static struct background b;
	memset(&b, 0, sizeof(b));
	b.e = LOAD(basic);
	b.export = "spin";
	b.reservation = 40;
	start_and_preempt(&b);
	/* The last handle goes; the preempted run still holds the extension. */
	KT_EXPECT_EQ(b.e->obj.refs, 2);
	kobj_put(&b.e->obj);
	KT_EXPECT_EQ(b.e->obj.refs, 1);
	KT_EXPECT_EQ(b.e->obj.magic, KOBJ_MAGIC);
	wait_done(&b);
	KT_EXPECT_EQ(b.call.status, EXT_ABORT_OVERRUN);
	KT_EXPECT_EQ(b.call.ticks, 40u);
	kheap_get_stats(&after);
	KT_EXPECT_EQ(after.used_bytes, before.used_bytes);
	KT_EXPECT_EQ(after.used_blocks, before.used_blocks);
}

/*
 * checked_read bounds-checks a copy of the global index, then spins; while
 * it is preempted another invocation stores 1000000 in the global. The
 * checked copy is what indexes the array: the read returns g_vec[0].
 */
KTEST(ext_preempt, interleaved_invocations_keep_bounds_check)
{
	static struct background b;
	memset(&b, 0, sizeof(b));
	b.e = LOAD(preempt);
	b.export = "checked_read";
	b.arg = 20000000;                 /* about 40 ms of spinning */
	b.reservation = 1000;
	start_and_preempt(&b);
	struct ext_call c = invoke(b.e, "set_index", 1, 1000000, 10);
	KT_EXPECT_EQ(c.status, EXT_OK);
	KT_EXPECT(!b.done);               /* the store landed inside the other run */
	wait_done(&b);
	KT_EXPECT_EQ(b.call.status, EXT_OK);
	KT_EXPECT_EQ(b.call.result, 10);
	c = invoke(b.e, "checked_read", 1, 1, 10);   /* the global did change */
	KT_EXPECT_EQ(c.result, -1);
	kobj_put(&b.e->obj);
}

/* The same read written to trust the global after the spin is rejected at load. */
KTEST(ext_preempt, stale_global_bound_rejected)
{
	struct ext *e = NULL;
	int err = ext_load(ktest_obj_interleave_attack,
			   (uint32_t)(ktest_obj_interleave_attack_end - ktest_obj_interleave_attack),
			   "interleave_attack", &e, msg, sizeof(msg));
	KT_EXPECT_EQ(err, -EREJECT);
	KT_EXPECT(strncmp(msg, "E_BOUNDS in stale_read", 22) == 0);
}

/* An invocation inside another on the same task is refused, not nested. */
KTEST(ext_preempt, nested_run_refused)
{
	struct ext *e = LOAD(basic);
	const struct ext_export *x = ext_find_export(e, "nothing");
	struct ext_invocation outer, inner;
	ext_prepare(&outer, e, x);
	ext_prepare(&inner, e, x);
	sched_current()->ext_inv = &outer;          /* as if a run were in progress */
	KT_EXPECT_EQ(ext_run(&inner, NULL, 10), -EBUSY);
	sched_current()->ext_inv = NULL;
	KT_EXPECT_EQ(ext_run(&inner, NULL, 10), EXT_OK);
	ext_release(&inner);
	ext_release(&outer);
	kobj_put(&e->obj);
}

/*
 * Ticks needed to run WORK ticks from tick START with a budget of BUDGET per
 * PERIOD, periods starting at multiples of PERIOD: what the scheduler must do.
 */
static uint64_t budget_finish(uint64_t start, int work, int budget, int period)
{
	int used = 0;
	uint64_t t = start;
	for (; work > 0; t++) {
		if (t % (uint64_t)period == 0)
			used = 0;
		if (used < budget) {
			used++;
			work--;
		}
	}
	return t;
}

/* A budget of 20 ticks per 100 holds a task that spins in an extension to 20%. */
KTEST(ext_preempt, budget_throttles_spinning_task)
{
	static struct background b;
	memset(&b, 0, sizeof(b));
	b.e = LOAD(basic);
	b.export = "spin";
	b.reservation = 100;
	uint64_t t0 = pit_ticks();
	b.task = sched_kthread("bgext", background_run, &b);
	if (!b.task)
		KT_FAIL("no memory for a kernel thread");
	sched_set_budget(b.task, 20, 100);
	wait_done(&b);
	uint64_t want = budget_finish(t0, 100, 20, 100);
	KT_EXPECT_EQ(b.call.ticks, 100u);
	if (b.done_at + 2 < want || b.done_at > want + 2)
		KT_FAIL("100 ticks at 20 per 100 from %u ended at %u, not %u", (unsigned)t0,
			(unsigned)b.done_at, (unsigned)want);
	KT_EXPECT(b.throttles >= 4 && b.throttles <= 5);
	kobj_put(&b.e->obj);
}
