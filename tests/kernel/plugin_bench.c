/*
 * Benchmarks of kernel plugins beside TAL extensions (make bench; the
 * table is in docs/plugins.md): the same three extensions built both ways,
 * the PID step, the SafeX paper's monitor and a moving average, each
 * measured as invocation overhead (an empty export through ext_run), the
 * body's cost (the export through ext_run minus the empty one of its own
 * mode), load (TAL: verify + link; plugin: link only) and unload.
 *
 * Under QEMU's -icount a ring crossing counts as one guest instruction, so
 * the plugin figures are flattered: on hardware an iret into ring 1 and a
 * far call through a gate cost tens to hundreds of cycles each. QEMU's TCG
 * does not enforce segment limits, so these runs allow unisolated plugins.
 */
#include "tests/kernel/ext_objs.h"
#include "ext/dion.h"
#include "ext/plugin.h"
#include "ext/taskcap.h"
#include "kernel/kbench.h"
#include "kernel/kprintf.h"
#include "kernel/string.h"
#include "kernel/x86.h"

EXT_OBJ(basic);
EXT_OBJ(bench_pid);
EXT_OBJ(user_avg);
EXT_OBJ(user_monitor);
PLUGIN_OBJ(pbench);
PLUGIN_OBJ(user_avg);
PLUGIN_OBJ(user_monitor);

#define ITERS 1000

/* Cycles per run of export NAME of E with argument ARG and Dionisys context CTX. */
static void time_runs(struct ext *e, const char *name, uint32_t arg, struct dion_ctx *ctx,
		      uint64_t *s)
{
	struct ext_invocation inv;
	const struct ext_export *x = ext_find_export(e, name);
	if (!x)
		PANIC("bench: no export %s", name);
	ext_prepare(&inv, e, x);
	inv.dion = ctx;
	for (int r = 0; r < KBENCH_RUNS; r++) {
		uint64_t t0 = rdtsc();
		for (int i = 0; i < ITERS; i++)
			ext_run(&inv, &arg, 10);
		s[r] = rdtsc() - t0;
	}
	ext_release(&inv);
}

/* Report the cost of export NAME over BASE (the empty export's median per run). */
static void report_body(const char *what, struct ext *e, const char *name, uint32_t arg,
			struct dion_ctx *ctx, uint64_t base)
{
	uint64_t s[KBENCH_RUNS];
	time_runs(e, name, arg, ctx, s);
	for (int r = 0; r < KBENCH_RUNS; r++)
		s[r] = s[r] > base * ITERS ? s[r] - base * ITERS : 0;
	kbench_report(what, s, ITERS, "run");
}

KBENCH(plugin_invoke)
{
	plugin_allow_unisolated(true);
	struct ext *tal = EXT_OBJ_LOAD(basic), *plug = PLUGIN_OBJ_LOAD(pbench);
	uint64_t s[KBENCH_RUNS], tal_base, plug_base;
	time_runs(tal, "nothing", 0, NULL, s);
	kbench_report("TAL extension, empty function, ext_run", s, ITERS, "call");
	tal_base = kbench_median(s) / ITERS;
	time_runs(plug, "nothing", 0, NULL, s);
	kbench_report("plugin, empty function, ext_run (iret into ring 1, return gate)", s, ITERS,
		      "call");
	plug_base = kbench_median(s) / ITERS;

	/* The PID step. */
	struct ext *tal_pid = EXT_OBJ_LOAD(bench_pid);
	report_body("TAL extension, PID step, body", tal_pid, "pid_step", 3, NULL, tal_base);
	report_body("plugin, PID step, body", plug, "pid_step", 3, NULL, plug_base);
	kobj_put(&tal_pid->obj);

	/* The moving average. */
	struct ext *tal_avg = EXT_OBJ_LOAD(user_avg), *plug_avg = PLUGIN_OBJ_LOAD(user_avg);
	report_body("TAL extension, moving average, body", tal_avg, "avg", 5, NULL, tal_base);
	report_body("plugin, moving average, body", plug_avg, "avg", 5, NULL, plug_base);
	kobj_put(&tal_avg->obj);
	kobj_put(&plug_avg->obj);

	/* The paper's monitor, with an application's attributes and no channel. */
	struct dion_sm *sm = dion_sm_start("pbench", PARAM_MAX_PERIOD, NULL);
	struct dion_app *a = dion_app_find(dion_app_create());
	static const struct dion_attr_def defs[] = {
		{ "target_cpu", 20, DION_R_ALL }, { "actual_cpu", 15, DION_R_ALL },
	};
	if (!sm || !a || dion_class_create(a, sm, defs, 2) != 0)
		PANIC("bench: no application for the monitor");
	struct ext *mons[2] = { EXT_OBJ_LOAD(user_monitor), PLUGIN_OBJ_LOAD(user_monitor) };
	static const char *const names[2] = { "TAL extension, paper's monitor, body",
					      "plugin, paper's monitor, body" };
	for (int m = 0; m < 2; m++) {
		struct dion_ctx ctx;
		memset(&ctx, 0, sizeof(ctx));
		ctx.cls = a->cls;
		dion_names_bind(&ctx.names, mons[m], a->cls);
		struct taskcap *t = taskcap_create(0);
		if (!t || ext_hold(mons[m], &t->obj) != 0)
			PANIC("bench: no task capability");
		report_body(names[m], mons[m], "monitor", (uint32_t)&t->obj, &ctx,
			    m == 0 ? tal_base : plug_base);
		kobj_put(&t->obj);
		kobj_put(&mons[m]->obj);
	}
	dion_app_destroy(a);
	dion_sm_destroy(sm);
	kobj_put(&sm->obj);
	kobj_put(&tal->obj);
	kobj_put(&plug->obj);
}

/* Median cycles of loading and of unloading the object START..END. */
static void time_load(const uint8_t *start, const uint8_t *end, const char *what)
{
	uint64_t load_s[KBENCH_RUNS], unload_s[KBENCH_RUNS];
	char line[96];
	for (int r = 0; r < KBENCH_RUNS; r++) {
		uint64_t t0 = rdtsc();
		struct ext *e = ext_obj_load(start, end, what);
		uint64_t t1 = rdtsc();
		kobj_put(&e->obj);
		load_s[r] = t1 - t0;
		unload_s[r] = rdtsc() - t1;
	}
	ksnprintf(line, sizeof(line), "load, %s", what);
	kbench_report(line, load_s, 1, "load");
	ksnprintf(line, sizeof(line), "unload, %s", what);
	kbench_report(line, unload_s, 1, "unload");
}

KBENCH(plugin_load)
{
	plugin_allow_unisolated(true);
	time_load(ktest_plugin_pbench, ktest_plugin_pbench_end, "plugin pbench.c (link)");
	time_load(ktest_obj_bench_pid, ktest_obj_bench_pid_end, "TAL bench_pid.pop (verify + link)");
	time_load(ktest_plugin_user_avg, ktest_plugin_user_avg_end, "plugin avg.c (link)");
	time_load(ktest_obj_user_avg, ktest_obj_user_avg_end, "TAL avg.pop (verify + link)");
	time_load(ktest_plugin_user_monitor, ktest_plugin_user_monitor_end, "plugin monitor.c (link)");
	time_load(ktest_obj_user_monitor, ktest_obj_user_monitor_end,
		  "TAL monitor.pop (verify + link)");
}
