/*
 * Tests of the SafeX runtime (ext/): loading verified objects, invoking
 * exports, the CPU reservation, fault containment, interfaces, rejection,
 * and memory returned on unload. The objects are assembled from
 * the .tas files of tests/kernel/ext/ at build time and linked into the kernel.
 */
#include "tests/kernel/ext_objs.h"
#include "ext/taskcap.h"
#include "kernel/kheap.h"
#include "kernel/ktest.h"
#include "kernel/pit.h"
#include "kernel/pmm.h"
#include "kernel/string.h"
#include "talos/errno.h"
#include "talos/objects.h"

EXT_OBJ(basic);
EXT_OBJ(handler);
EXT_OBJ(forbidden);
EXT_OBJ(badlink);
EXT_OBJ(badsig);
EXT_OBJ(longname);

#define LOAD(name, out, msg) \
	ext_load(ktest_obj_##name, (uint32_t)(ktest_obj_##name##_end - ktest_obj_##name), \
		 #name, out, msg, sizeof(msg))

static char msg[512];

/* Load the basic object or fail the test with the loader's message. */
static struct ext *load_basic(void)
{
	struct ext *e = NULL;
	int err = LOAD(basic, &e, msg);
	if (err)
		KT_FAIL("loading basic: %d: %s", err, msg);
	return e;
}

/* Invoke export NAME of E with up to two integer arguments. */
static struct ext_call call(struct ext *e, const char *name, int nargs, uint32_t a, uint32_t b,
			    int reservation)
{
	const struct ext_export *x = ext_find_export(e, name);
	if (!x)
		KT_FAIL("no export %s", name);
	uint32_t args[2] = { a, b };
	struct ext_call c;
	memset(&c, 0, sizeof(c));
	int err = ext_invoke(e, x, args, nargs, reservation, &c);
	if (err)
		KT_FAIL("ext_invoke(%s): %d", name, err);
	return c;
}

KTEST(ext, load_invoke_unload)
{
	struct ext *e = load_basic();
	KT_EXPECT_EQ(e->nexports, 8);
	struct ext_call c = call(e, "add", 2, 40, 2, 10);
	KT_EXPECT_EQ(c.status, EXT_OK);
	KT_EXPECT_EQ(c.result, 42);
	c = call(e, "nothing", 0, 0, 0, 10);
	KT_EXPECT_EQ(c.result, 0);
	KT_EXPECT_EQ(e->stats.invocations, 2);
	KT_EXPECT_EQ(e->stats.completed, 2);
	kobj_put(&e->obj);
}

KTEST(ext, wrong_argument_count_refused)
{
	struct ext *e = load_basic();
	const struct ext_export *x = ext_find_export(e, "add");
	uint32_t args[1] = { 1 };
	struct ext_call c;
	KT_EXPECT_EQ(ext_invoke(e, x, args, 1, 10, &c), -EINVAL);
	KT_EXPECT(ext_find_export(e, "no_such_export") == NULL);
	kobj_put(&e->obj);
}

KTEST(ext, infinite_loop_aborted_by_reservation)
{
	struct ext *e = load_basic();
	uint64_t t0 = pit_ticks();
	struct ext_call c = call(e, "spin", 0, 0, 0, 5);
	uint64_t spent = pit_ticks() - t0;
	KT_EXPECT_EQ(c.status, EXT_ABORT_OVERRUN);
	KT_EXPECT_EQ(c.ticks, 5u);
	KT_EXPECT(spent >= 5 && spent <= 6);
	KT_EXPECT_EQ(e->stats.overruns, 1);
	/* The extension is still usable after an abort. */
	c = call(e, "add", 2, 1, 2, 10);
	KT_EXPECT_EQ(c.result, 3);
	kobj_put(&e->obj);
}

KTEST(ext, divide_by_zero_caught)
{
	struct ext *e = load_basic();
	struct ext_call c = call(e, "divide", 2, 7, 0, 10);
	KT_EXPECT_EQ(c.status, EXT_ABORT_FAULT);
	KT_EXPECT_EQ(c.fault_vector, 0);
	KT_EXPECT_EQ(e->stats.faults, 1);
	c = call(e, "divide", 2, 42, 6, 10);
	KT_EXPECT_EQ(c.status, EXT_OK);
	KT_EXPECT_EQ(c.result, 7);
	/* INT_MIN / -1 overflows: also a divide error, also contained. */
	c = call(e, "divide", 2, 0x80000000u, (uint32_t)-1, 10);
	KT_EXPECT_EQ(c.status, EXT_ABORT_FAULT);
	kobj_put(&e->obj);
}

KTEST(ext, uncaught_exception_aborts_with_its_code)
{
	struct ext *e = load_basic();
	struct ext_call c = call(e, "throw7", 0, 0, 0, 10);
	KT_EXPECT_EQ(c.status, EXT_RAISED);
	KT_EXPECT_EQ(c.exception, 7);
	KT_EXPECT_EQ(e->stats.raised, 1);
	c = call(e, "add", 2, 2, 2, 10);                 /* still usable */
	KT_EXPECT_EQ(c.result, 4);
	kobj_put(&e->obj);
}

KTEST(ext, fault_reaches_declared_handler)
{
	struct ext *e = NULL;
	KT_EXPECT_EQ(LOAD(handler, &e, msg), 0);
	struct ext_call c = call(e, "divide", 2, 1, 0, 10);
	KT_EXPECT_EQ(c.status, EXT_FAULT_HANDLED);
	KT_EXPECT_EQ(c.result, 1000);               /* 1000 + vector 0 */
	kobj_put(&e->obj);
}

KTEST(ext, interfaces_counters_and_trace)
{
	struct ext *e = load_basic();
	struct ext_call c = call(e, "count", 1, 17, 0, 10);
	KT_EXPECT_EQ(c.result, 18);
	KT_EXPECT_EQ(e->counters[0], 17);
	KT_EXPECT_EQ(e->ntrace, 1);
	KT_EXPECT_EQ(e->trace[0], 17);
	kobj_put(&e->obj);
}

KTEST(ext, task_capability_held_until_unload)
{
	struct ext *e = load_basic();
	struct taskcap *t = taskcap_create(999999);     /* no such process */
	KT_EXPECT(t != NULL);
	KT_EXPECT_EQ(ext_hold(e, &t->obj), 0);
	KT_EXPECT_EQ(t->obj.refs, 2);
	struct ext_call c = call(e, "ticks", 1, (uint32_t)&t->obj, 0, 10);
	KT_EXPECT_EQ(c.result, -ESRCH);
	KT_EXPECT_EQ(t->obj.refs, 2);                    /* the test's and the extension's */
	kobj_put(&e->obj);                              /* unload drops the extension's */
	KT_EXPECT_EQ(t->obj.refs, 1);
	KT_EXPECT_EQ(t->obj.magic, KOBJ_MAGIC);
	kobj_put(&t->obj);                              /* the test's: now it goes */
}

KTEST(ext, rejected_object_leaves_nothing_behind)
{
	struct kheap_stats before, after;
	kheap_get_stats(&before);
	uint32_t pages = pmm_free_pages();
	struct ext *e = NULL;
	KT_EXPECT_EQ(LOAD(forbidden, &e, msg), -EREJECT);
	KT_EXPECT(strncmp(msg, "E_FORBIDDEN", 11) == 0);
	KT_EXPECT(e == NULL);
	KT_EXPECT_EQ(LOAD(badlink, &e, msg), -ELINK);
	KT_EXPECT(strncmp(msg, "E_LINK import no_such_interface", 31) == 0);
	KT_EXPECT_EQ(LOAD(badsig, &e, msg), -ELINK);
	KT_EXPECT(strncmp(msg, "E_LINK import trace: its signature does not match", 49) == 0);
	KT_EXPECT_EQ(LOAD(longname, &e, msg), -ELINK);
	KT_EXPECT_STR(msg, "E_LINK export monitor_of_the_cpu_service_mana...: name longer than 31 characters");
	KT_EXPECT(e == NULL);
	kheap_get_stats(&after);
	KT_EXPECT_EQ(after.used_bytes, before.used_bytes);
	KT_EXPECT_EQ(pmm_free_pages(), pages);
}

KTEST(ext, load_unload_thousand_times_no_leak)
{
	struct ext *e = load_basic();                  /* warm the heap up */
	kobj_put(&e->obj);
	struct kheap_stats before, after;
	kheap_get_stats(&before);
	for (int i = 0; i < 1000; i++) {
		e = load_basic();
		struct ext_call c = call(e, "add", 2, (uint32_t)i, 1, 10);
		if (c.result != i + 1)
			KT_FAIL("round %d: add gave %d", i, c.result);
		kobj_put(&e->obj);
	}
	kheap_get_stats(&after);
	KT_EXPECT_EQ(after.used_bytes, before.used_bytes);
	KT_EXPECT_EQ(after.used_blocks, before.used_blocks);
}
