/*
 * Benchmarks of Dionisys (make bench): one monitoring period of the CPU
 * service manager for three applications, everything included (the
 * policy's sampling, the paper's monitor, the Error event through its
 * channel, the PID handler and the guard); one get_attribute and one
 * set_attribute made by an extension; and the latency of an event from
 * raise_event to the start of its handler's run.
 *
 * The applications stand on tasks of their own that never run (their
 * budgets and priorities are set but nothing competes), and the service
 * manager's own thread is kept asleep by long periods: the benchmark runs
 * its passes itself (dion_sm_run_all).
 */
#include "tests/kernel/ext_objs.h"
#include "ext/dion.h"
#include "kernel/kbench.h"
#include "kernel/kprintf.h"
#include "kernel/string.h"
#include "kernel/x86.h"

EXT_OBJ(user_monitor);
EXT_OBJ(user_pid);
EXT_OBJ(dbench);

#define PASSES 100

static struct task app_tasks[3];
static char msg[DION_MSG_MAX];

/* Application I of the paper's three (20/100, 30/100, 80/200) in SM, monitor and handler attached. */
static struct dion_app *bench_app(struct dion_sm *sm, int i)
{
	static const int target[3] = { 20, 30, 80 }, period[3] = { 100, 100, 200 };
	int cd = dion_app_create();
	struct dion_app *a = dion_app_find(cd);
	memset(&app_tasks[i], 0, sizeof(app_tasks[i]));
	app_tasks[i].state = TASK_BLOCKED;
	app_tasks[i].budget = -1;
	app_tasks[i].period = (uint32_t)period[i];
	a->task = &app_tasks[i];
	struct dion_attr_def defs[] = {
		{ "target_cpu", target[i], DION_R_ALL }, { "min_cpu", 0, DION_R_ALL },
		{ "max_cpu", 2 * target[i], DION_R_ALL }, { "period", period[i], DION_R_ALL },
		{ "actual_cpu", 0, DION_R_ALL & ~DION_R_EXT_WRITE },
		{ "timeslice-adjustment", 0, DION_R_ALL },
	};
	if (dion_class_create(a, sm, defs, 6) != 0)
		PANIC("bench: class");
	struct dion_create req;
	memset(&req, 0, sizeof(req));
	req.cd = cd;
	req.kind = DION_MONITOR;
	ksnprintf(req.name, sizeof(req.name), "mon%d", i);
	req.period = PARAM_MAX_PERIOD;
	if (dion_create(a, &req, ktest_obj_user_monitor,
			(uint32_t)(ktest_obj_user_monitor_end - ktest_obj_user_monitor), msg, sizeof(msg)))
		PANIC("bench: monitor: %s", msg);
	req.kind = DION_HANDLER;
	ksnprintf(req.name, sizeof(req.name), "pid%d", i);
	if (dion_create(a, &req, ktest_obj_user_pid,
			(uint32_t)(ktest_obj_user_pid_end - ktest_obj_user_pid), msg, sizeof(msg)))
		PANIC("bench: handler: %s", msg);
	req.kind = DION_CHANNEL;
	ksnprintf(req.name, sizeof(req.name), "mon%d", i);
	ksnprintf(req.handler, sizeof(req.handler), "pid%d", i);
	if (dion_create(a, &req, NULL, 0, msg, sizeof(msg)) <= 0)
		PANIC("bench: channel");
	return a;
}

KBENCH(dion_period)
{
	struct dion_sm *sm = dion_sm_start("bench", PARAM_MAX_PERIOD, &dion_cpu_policy);
	struct dion_app *apps[3];
	for (int i = 0; i < 3; i++)
		apps[i] = bench_app(sm, i);
	uint64_t s[KBENCH_RUNS], lat[KBENCH_RUNS];
	dion_sm_run_all(sm);                       /* warm up */
	for (int r = 0; r < KBENCH_RUNS; r++) {
		uint64_t t0 = rdtsc();
		for (int p = 0; p < PASSES; p++)
			dion_sm_run_all(sm);
		s[r] = rdtsc() - t0;
	}
	kbench_report("Dionisys, one CPU SM period for three applications (monitor, event, "
		      "PID handler, guard)", s, PASSES, "period");

	/* One application: the event's latency from raise_event to its handler's run. */
	for (int i = 1; i < 3; i++)
		dion_app_destroy(apps[i]);
	for (int r = 0; r < KBENCH_RUNS; r++) {
		dion_sm_run_all(sm);
		lat[r] = dion_event_latency;
	}
	kbench_report("Dionisys, event latency, raise_event to the handler's run", lat, 1, "event");
	dion_app_destroy(apps[0]);
	dion_sm_destroy(sm);
	kobj_put(&sm->obj);
}

/* Cycles of ITERS runs of export NAME of E with the Dionisys context CTX. */
static void time_export(struct ext *e, struct dion_ctx *ctx, const char *name, uint64_t *s)
{
	struct ext_invocation inv;
	ext_prepare(&inv, e, ext_find_export(e, name));
	inv.dion = ctx;
	for (int r = 0; r < KBENCH_RUNS; r++) {
		uint64_t t0 = rdtsc();
		for (int i = 0; i < PASSES; i++)
			ext_run(&inv, NULL, 10);
		s[r] = rdtsc() - t0;
	}
	ext_release(&inv);
}

KBENCH(dion_attributes)
{
	struct dion_sm *sm = dion_sm_start("bench", PARAM_MAX_PERIOD, &dion_cpu_policy);
	struct dion_app *a = bench_app(sm, 0);
	struct ext *e = EXT_OBJ_LOAD(dbench);
	struct dion_ctx ctx;
	memset(&ctx, 0, sizeof(ctx));
	ctx.cls = a->cls;
	dion_names_bind(&ctx.names, e, a->cls);
	uint64_t empty[KBENCH_RUNS], s[KBENCH_RUNS];
	time_export(e, &ctx, "empty", empty);
	uint64_t base = kbench_median(empty);
	time_export(e, &ctx, "get1", s);
	for (int r = 0; r < KBENCH_RUNS; r++)
		s[r] -= base;
	kbench_report("Dionisys, get_attribute from an extension (the call, over an empty export)",
		      s, PASSES, "call");
	time_export(e, &ctx, "set1", s);
	for (int r = 0; r < KBENCH_RUNS; r++)
		s[r] -= base;
	kbench_report("Dionisys, set_attribute from an extension, through the CPU guard", s, PASSES,
		      "call");
	kobj_put(&e->obj);
	dion_app_destroy(a);
	dion_sm_destroy(sm);
	kobj_put(&sm->obj);
}
