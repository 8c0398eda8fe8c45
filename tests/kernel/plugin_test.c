/*
 * Tests of kernel plugins (ext/plugin*.c) that behave, or misuse only the
 * gate: they load through ext_load and run through ext_run like TAL
 * extensions, reach the interfaces through the gate with every argument
 * checked, are charged and aborted by the reservation, are preempted in
 * ring 1 and resumed, may be Dionisys monitors and handlers, and give back
 * every byte when unloaded.
 */
#include "tests/kernel/ext_objs.h"
#include "ext/dion.h"
#include "ext/plugin.h"
#include "ext/taskcap.h"
#include "kernel/gdt.h"
#include "kernel/kheap.h"
#include "kernel/kprintf.h"
#include "kernel/ktest.h"
#include "kernel/pit.h"
#include "kernel/pmm.h"
#include "kernel/string.h"
#include "kernel/trap.h"
#include "kernel/x86.h"
#include "talos/errno.h"
#include "talos/objects.h"

PLUGIN_OBJ(pbasic);
PLUGIN_OBJ(pdmon);
PLUGIN_OBJ(pdhand);
EXT_OBJ(dmon);
EXT_OBJ(dhand);

static char msg[512];

/*
 * These plugins behave (or misuse only the gate, which the kernel checks in
 * software), so they may run where the processor does not enforce segment
 * limits (QEMU's TCG): every load here allows it.
 */
static struct ext *load(const uint8_t *start, const uint8_t *end)
{
	plugin_allow_unisolated(true);
	struct ext *e = NULL;
	int err = ext_load(start, (uint32_t)(end - start), "plugin", &e, msg, sizeof(msg));
	if (err)
		KT_FAIL("load: %d: %s", err, msg);
	return e;
}
#define LOAD(name) load(ktest_plugin_##name, ktest_plugin_##name##_end)

static struct ext_call call_n(struct ext *e, const char *name, int nargs, const uint32_t *args,
			      int reservation)
{
	const struct ext_export *x = ext_find_export(e, name);
	if (!x)
		KT_FAIL("no export %s", name);
	struct ext_call c;
	memset(&c, 0, sizeof(c));
	int err = ext_invoke(e, x, args, nargs, reservation, &c);
	if (err)
		KT_FAIL("ext_invoke(%s): %d", name, err);
	return c;
}

static struct ext_call call1(struct ext *e, const char *name, int nargs, uint32_t arg)
{
	return call_n(e, name, nargs, &arg, 10);
}

/* Where segment limits are not enforced, a plugin loads only if allowed to. */
KTEST(plugin, refused_where_it_cannot_be_isolated)
{
	plugin_allow_unisolated(false);
	struct ext *e = NULL;
	int err = ext_load(ktest_plugin_pbasic, (uint32_t)(ktest_plugin_pbasic_end - ktest_plugin_pbasic),
			   "pbasic", &e, msg, sizeof(msg));
	if (plugin_isolated()) {
		KT_EXPECT_EQ(err, 0);
		kobj_put(&e->obj);
	} else {
		KT_EXPECT_EQ(err, -EREJECT);
		KT_EXPECT(strncmp(msg, "E_PLUGIN pbasic: this processor does not enforce segment "
				  "limits", 63) == 0);
	}
	e = LOAD(pbasic);
	kobj_put(&e->obj);
}

KTEST(plugin, loads_and_runs_with_its_own_data)
{
	struct ext *e = LOAD(pbasic);
	KT_EXPECT(strncmp(msg, "OK plugin: plugin,", 18) == 0);
	KT_EXPECT(e->plugin != NULL);
	KT_EXPECT_EQ(e->nexports, 14);
	uint32_t args[6] = { 1, 2, 3, 4, 5, 6 };
	struct ext_call c = call_n(e, "mix", 6, args, 10);
	KT_EXPECT_EQ(c.status, EXT_OK);
	/* 1+4+9+16+25+36 = 91, table[2] = 30, zeroed[1] = 1, calls = 1 */
	KT_EXPECT_EQ(c.result, 91 + 30 + 1000 + 100000);
	c = call_n(e, "mix", 6, args, 10);
	KT_EXPECT_EQ(c.result, 91 + 30 + 2000 + 200000);
	KT_EXPECT_EQ(e->stats.completed, 2u);
	KT_EXPECT_EQ(call1(e, "nothing", 0, 0).result, 0);
	kobj_put(&e->obj);
}

KTEST(plugin, interfaces_through_the_gate)
{
	struct ext *e = LOAD(pbasic);
	uint32_t args[2] = { 3, 42 };
	struct ext_call c = call_n(e, "counters", 2, args, 10);
	KT_EXPECT_EQ(c.status, EXT_OK);
	KT_EXPECT_EQ(c.result, 42);
	KT_EXPECT_EQ(e->counters[3], 42);
	KT_EXPECT_EQ(e->ntrace, 1u);
	KT_EXPECT_EQ(e->trace[0], 43);
	args[0] = 8;                                 /* counter 8 does not exist */
	c = call_n(e, "counters", 2, args, 10);
	KT_EXPECT_EQ(c.result, -EINVAL);
	c = call1(e, "raises", 1, 0x5150);
	KT_EXPECT_EQ(c.status, EXT_RAISED);
	KT_EXPECT_EQ(c.exception, 0x5150);
	kobj_put(&e->obj);
}

/* The plugin sees a capability as an index; the gate turns it back into the object. */
KTEST(plugin, capability_is_an_index_the_gate_checks)
{
	struct ext *e = LOAD(pbasic);
	struct taskcap *t = taskcap_create(31999);   /* no such process */
	KT_EXPECT(t != NULL);
	KT_EXPECT_EQ(ext_hold(e, &t->obj), 0);
	struct ext_call c = call1(e, "ticks_of", 1, (uint32_t)&t->obj);
	KT_EXPECT_EQ(c.status, EXT_OK);
	KT_EXPECT_EQ(c.result, -ESRCH);              /* the interface ran on the object */
	KT_EXPECT_EQ(call1(e, "gate_task", 1, 0).result, -ESRCH);
	KT_EXPECT_EQ(call1(e, "gate_task", 1, 1).result, -EBADF);
	KT_EXPECT_EQ(call1(e, "gate_task", 1, (uint32_t)-1).result, -EBADF);
	KT_EXPECT_EQ(call1(e, "gate_task", 1, (uint32_t)&t->obj).result, -EBADF);  /* a pointer */
	kobj_put(&t->obj);
	kobj_put(&e->obj);
}

KTEST(plugin, gate_rejects_bad_arguments)
{
	struct ext *e = LOAD(pbasic);
	struct plugin *p = e->plugin;
	KT_EXPECT_EQ(call1(e, "gate_number", 1, (uint32_t)p->nimports).result, -ENOSYS);
	KT_EXPECT_EQ(call1(e, "gate_number", 1, (uint32_t)-1).result, -ENOSYS);
	/* counter_set's two arguments must lie inside the stack segment [0, stacks). */
	KT_EXPECT_EQ(call1(e, "gate_stack", 1, p->stacks).result, -EFAULT);
	KT_EXPECT_EQ(call1(e, "gate_stack", 1, p->stacks - 4).result, -EFAULT);
	/* At stacks - 8 they fit: the return stub's offset and the run's argument. */
	KT_EXPECT_EQ(call1(e, "gate_stack", 1, p->stacks - 8).result, -EINVAL);
	/* A name must lie inside the data segment; in range, it resolves to nothing here. */
	KT_EXPECT_EQ(call1(e, "gate_name", 1, p->size - EXT_NAME_LEN + 1).result, -EFAULT);
	KT_EXPECT_EQ(call1(e, "gate_name", 1, 0xFFFFFFF0u).result, -EFAULT);
	KT_EXPECT_EQ(call1(e, "gate_name", 1, p->size - EXT_NAME_LEN).result, -ENOENT);
	KT_EXPECT_EQ(e->stats.completed, e->stats.invocations);
	kobj_put(&e->obj);
}

/* Flags a plugin sets (DF, NT, AC) never reach kernel code. */
KTEST(plugin, flags_do_not_leak_into_the_kernel)
{
	struct ext *e = LOAD(pbasic);
	struct ext_call c = call1(e, "dirty_flags", 0, 0);
	KT_EXPECT_EQ(c.status, EXT_OK);
	KT_EXPECT_EQ(c.result, 7);
	KT_EXPECT_EQ(read_eflags() & 0x44400u, 0u);
	kobj_put(&e->obj);
}

/* Single-stepping into a gate traps in ring 0 at the gate's first instruction. */
KTEST(plugin, trap_flag_into_a_gate_aborts)
{
	struct ext *e = LOAD(pbasic);
	for (uint32_t which = 0; which < 2; which++) {
		struct ext_call c = call1(e, "trap_flag_gate", 1, which);
		KT_EXPECT_EQ(c.status, EXT_ABORT_FAULT);
		KT_EXPECT_EQ(c.fault_vector, T_DEBUG);
	}
	KT_EXPECT_EQ(read_eflags() & 0x100u, 0u);
	KT_EXPECT_EQ(call1(e, "nothing", 0, 0).status, EXT_OK);
	kobj_put(&e->obj);
}

KTEST(plugin, overrun_charges_exactly_the_reservation)
{
	struct ext *e = LOAD(pbasic);
	struct task *me = sched_current();
	for (int r = 1; r <= 5; r++) {
		uint32_t t0, t1, w, cur;
		sched_get_ticks(me, &t0, &w, &cur);
		struct ext_call c = call_n(e, "spin", 0, NULL, r);
		sched_get_ticks(me, &t1, &w, &cur);
		KT_EXPECT_EQ(c.status, EXT_ABORT_OVERRUN);
		KT_EXPECT_EQ(c.ticks, (unsigned)r);
		KT_EXPECT(t1 - t0 >= (uint32_t)r && t1 - t0 <= (uint32_t)r + 1);
	}
	KT_EXPECT_EQ(e->stats.ticks, 15u);
	KT_EXPECT_EQ(e->stats.overruns, 5u);
	/* Nearly every tick lands in the gate or the interface; the overrun is still on time. */
	for (int r = 1; r <= 5; r++) {
		struct ext_call c = call_n(e, "spin_iface", 0, NULL, r);
		KT_EXPECT_EQ(c.status, EXT_ABORT_OVERRUN);
		KT_EXPECT_EQ(c.ticks, (unsigned)r);
	}
	kobj_put(&e->obj);
}

/* ---- Preemption in ring 1 ---- */

struct background {
	struct ext *e;
	const char *export;
	uint32_t arg;
	int reservation;
	struct ext_call call;
	int err;
	volatile bool done;
	struct task *task;
};

static void background_run(void *arg)
{
	struct background *b = arg;
	const struct ext_export *x = ext_find_export(b->e, b->export);
	b->err = ext_invoke(b->e, x, &b->arg, x->nargs, b->reservation, &b->call);
	b->done = true;
}

/* Start B and give up the CPU until its run has begun in ring 1 and been preempted. */
static void start_and_preempt(struct background *b)
{
	b->task = sched_kthread("bgplugin", background_run, b);
	if (!b->task)
		KT_FAIL("no memory for a kernel thread");
	for (int i = 0; i < 100 && !(b->task->ext_inv && b->task->ext_inv->plugin_live) && !b->done;
	     i++)
		sched_yield();
	KT_EXPECT(!b->done);
	KT_EXPECT(b->task->ext_inv != NULL && b->task->ext_inv->plugin_live);
}

static void wait_done(struct background *b)
{
	for (int i = 0; i < 5000 && !b->done; i++)
		sched_sleep_until(pit_ticks() + 1);
	KT_EXPECT(b->done);
	sched_sleep_until(pit_ticks() + 2);        /* let the finished thread be reaped */
}

extern uint64_t gdt_table[];

/*
 * Four runs of one plugin preempted in ring 1 take its four stacks; a fifth
 * is refused with -EBUSY. Meanwhile this task runs kernel code with the user
 * segments present and its own TSS.esp0, and each preempted run finishes
 * with exactly its reservation.
 */
KTEST(plugin, preempted_runs_resume_and_fill_the_slots)
{
	static struct background b[PARAM_PLUGIN_RUNS];
	struct ext *e = LOAD(pbasic);
	for (int i = 0; i < PARAM_PLUGIN_RUNS; i++) {
		memset(&b[i], 0, sizeof(b[i]));
		b[i].e = e;
		b[i].export = "spin";
		b[i].reservation = 60;
		start_and_preempt(&b[i]);
	}
	KT_EXPECT_EQ(e->plugin->slots_busy, (1u << PARAM_PLUGIN_RUNS) - 1);
	KT_EXPECT(gdt_table[SEG_UDATA / 8] & (1ull << 47));
	KT_EXPECT_EQ(gdt_kernel_stack(), sched_stack_top(sched_current()));
	const struct ext_export *x = ext_find_export(e, "nothing");
	struct ext_call c;
	KT_EXPECT_EQ(ext_invoke(e, x, NULL, 0, 10, &c), -EBUSY);
	KT_EXPECT_EQ(e->stats.invocations, 0u);
	for (int i = 0; i < PARAM_PLUGIN_RUNS; i++) {
		wait_done(&b[i]);
		KT_EXPECT_EQ(b[i].err, 0);
		KT_EXPECT_EQ(b[i].call.status, EXT_ABORT_OVERRUN);
		KT_EXPECT_EQ(b[i].call.ticks, 60u);
	}
	KT_EXPECT_EQ(e->plugin->slots_busy, 0u);
	KT_EXPECT_EQ(call1(e, "nothing", 0, 0).status, EXT_OK);
	kobj_put(&e->obj);
}

/* A run preempted in ring 1 and another run of the same plugin share its data. */
KTEST(plugin, interleaved_runs_of_one_plugin)
{
	static struct background b;
	memset(&b, 0, sizeof(b));
	b.e = LOAD(pbasic);
	b.export = "wait_until";
	b.arg = (uint32_t)pit_ticks() + 30;
	b.reservation = 100;
	start_and_preempt(&b);
	uint32_t args[6] = { 0, 0, 0, 0, 0, 0 };
	struct ext_call c = call_n(b.e, "mix", 6, args, 10);   /* calls = 1 */
	KT_EXPECT_EQ(c.status, EXT_OK);
	KT_EXPECT(!b.done);
	wait_done(&b);
	KT_EXPECT_EQ(b.call.status, EXT_OK);
	KT_EXPECT_EQ(b.call.result, 1);                 /* it read the other run's store */
	kobj_put(&b.e->obj);
}

/* The last handle goes while a preempted run holds the plugin: freed after the run. */
KTEST(plugin, unload_waits_for_preempted_run)
{
	struct kheap_stats before, after;
	kheap_get_stats(&before);
	static struct background b;
	memset(&b, 0, sizeof(b));
	b.e = LOAD(pbasic);
	b.export = "spin";
	b.reservation = 30;
	start_and_preempt(&b);
	kobj_put(&b.e->obj);
	KT_EXPECT_EQ(b.e->obj.refs, 1);
	wait_done(&b);
	KT_EXPECT_EQ(b.call.status, EXT_ABORT_OVERRUN);
	KT_EXPECT_EQ(b.call.ticks, 30u);
	kheap_get_stats(&after);
	KT_EXPECT_EQ(after.used_bytes, before.used_bytes);
	KT_EXPECT_EQ(after.used_blocks, before.used_blocks);
}

KTEST(plugin, unload_gives_back_heap_and_pages)
{
	struct ext *e = LOAD(pbasic);                /* the heap grows once, if it must */
	kobj_put(&e->obj);
	struct kheap_stats before, after;
	kheap_get_stats(&before);
	uint32_t pages = pmm_free_pages();
	for (int i = 0; i < 20; i++) {
		e = LOAD(pbasic);
		uint32_t args[6] = { 1, 1, 1, 1, 1, 1 };
		call_n(e, "mix", 6, args, 10);
		call_n(e, "spin", 0, NULL, 1);
		kobj_put(&e->obj);
	}
	kheap_get_stats(&after);
	KT_EXPECT_EQ(after.used_bytes, before.used_bytes);
	KT_EXPECT_EQ(after.used_blocks, before.used_blocks);
	KT_EXPECT_EQ(after.heap_bytes, before.heap_bytes);
	KT_EXPECT_EQ(pmm_free_pages(), pages);
}

/* ---- Dionisys monitors and handlers of either kind ---- */

static const struct dion_attr_def attrs[] = {
	{ "actual", 30, DION_R_ALL },
	{ "target", 45, DION_R_ALL },
	{ "adjust", 0, DION_R_ALL },
	{ "seen", 0, DION_R_ALL },
};

/* Create monitor monI, handler handI or the channel monI -> handI of A (app I). */
static int create(struct dion_app *a, int i, int kind, const uint8_t *start, const uint8_t *end)
{
	struct dion_create req;
	memset(&req, 0, sizeof(req));
	req.kind = kind;
	req.cd = a->cd;
	ksnprintf(req.name, sizeof(req.name), kind == DION_HANDLER ? "hand%d" : "mon%d", i);
	ksnprintf(req.handler, sizeof(req.handler), "hand%d", i);
	req.period = kind == DION_MONITOR ? PARAM_MAX_PERIOD : 0;   /* the SM's thread stays asleep */
	int r = dion_create(a, &req, start, (uint32_t)(end - start), msg, sizeof(msg));
	if (r < 0)
		KT_FAIL("dion_create %d of app %d: %d: %s", kind, i, r, msg);
	return r;
}

/* A plugin monitor with a TAL handler, and a TAL monitor with a plugin handler. */
KTEST(plugin, dionisys_monitor_and_handler_of_either_kind)
{
	plugin_allow_unisolated(true);
	struct dion_sm *sm = dion_sm_start("plugtest", PARAM_MAX_PERIOD, NULL);
	KT_EXPECT(sm != NULL);
	struct dion_app *apps[2];
	for (int i = 0; i < 2; i++) {
		apps[i] = dion_app_find(dion_app_create());
		KT_EXPECT(apps[i] != NULL);
		KT_EXPECT_EQ(dion_class_create(apps[i], sm, attrs, (int)ARRAY_LEN(attrs)), 0);
	}
	create(apps[0], 0, DION_MONITOR, ktest_plugin_pdmon, ktest_plugin_pdmon_end);
	create(apps[0], 0, DION_HANDLER, ktest_obj_dhand, ktest_obj_dhand_end);
	create(apps[1], 1, DION_MONITOR, ktest_obj_dmon, ktest_obj_dmon_end);
	create(apps[1], 1, DION_HANDLER, ktest_plugin_pdhand, ktest_plugin_pdhand_end);
	for (int i = 0; i < 2; i++)
		KT_EXPECT(create(apps[i], i, DION_CHANNEL, NULL, NULL) > 0);
	for (int pass = 0; pass < 3; pass++)
		dion_sm_run_all(sm);
	for (int i = 0; i < 2; i++) {
		int adjust = 0, seen = 0;
		KT_EXPECT_EQ(dion_attr_get(apps[i], 0, "adjust", &adjust), 0);
		KT_EXPECT_EQ(dion_attr_get(apps[i], 0, "seen", &seen), 0);
		KT_EXPECT_EQ(adjust, 30);                    /* (45 - 30) * 2 */
		KT_EXPECT_EQ(seen, 3);
	}
	for (int i = 0; i < 2; i++)
		dion_app_destroy(apps[i]);
	dion_sm_destroy(sm);
	kobj_put(&sm->obj);
}
