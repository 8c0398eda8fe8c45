/*
 * Tests of the Dionisys objects (ext/dion*.c) from inside the kernel: an
 * application's monitor and handler run by a service manager's thread,
 * connected by a channel; attribute rights and the guard; full inboxes;
 * destroying objects while events are queued; and nothing left behind.
 * Most tests use a policy-free SM of their own, "ktest"; the CPU SM tests
 * use "cpu". The test thread is the applications' owner (pid 0).
 */
#include "tests/kernel/ext_objs.h"
#include "ext/dion.h"
#include "kernel/kheap.h"
#include "kernel/kprintf.h"
#include "kernel/ktest.h"
#include "kernel/pit.h"
#include "kernel/pmm.h"
#include "kernel/string.h"
#include "talos/errno.h"

EXT_OBJ(dmon);
EXT_OBJ(dhand);
EXT_OBJ(dbad);
EXT_OBJ(basic);
EXT_OBJ(dspin);
EXT_OBJ(dsvc);

static char msg[DION_MSG_MAX];

/* The test SM, started once and kept. */
static struct dion_sm *test_sm(void)
{
	struct dion_sm *sm = dion_sm_find("ktest");
	if (sm)
		return sm;
	sm = dion_sm_start("ktest", 10, NULL);
	if (!sm || dion_sm_bind(sm) != 0)
		KT_FAIL("cannot start the ktest SM");
	kobj_put(&sm->obj);
	return sm;
}

static const struct dion_attr_def test_attrs[] = {
	{ "actual", 30, DION_R_ALL },
	{ "target", 45, DION_R_ALL },
	{ "adjust", 0, DION_R_ALL },
	{ "seen", 0, DION_R_ALL },
	{ "secret", 7, DION_R_OWNER_READ | DION_R_OWNER_WRITE },
};

/* A new application with the test class in SM. */
static struct dion_app *new_app(struct dion_sm *sm)
{
	int cd = dion_app_create();
	KT_EXPECT(cd > 0);
	struct dion_app *a = dion_app_find(cd);
	KT_EXPECT_EQ(dion_class_create(a, sm, test_attrs, (int)ARRAY_LEN(test_attrs)), 0);
	return a;
}

/* Create a monitor or handler NAME of A from an embedded object. */
static int create(struct dion_app *a, int kind, const char *name, int period,
		  const uint8_t *start, const uint8_t *end)
{
	struct dion_create req;
	memset(&req, 0, sizeof(req));
	req.kind = kind;
	req.cd = a->cd;
	strlcpy(req.name, name, sizeof(req.name));
	req.period = period;
	return dion_create(a, &req, start, (uint32_t)(end - start), msg, sizeof(msg));
}
#define CREATE(a, kind, name, period, obj) \
	create(a, kind, name, period, ktest_obj_##obj, ktest_obj_##obj##_end)

static int subscribe(struct dion_app *a, const char *mon, const char *hand)
{
	struct dion_create req;
	memset(&req, 0, sizeof(req));
	req.kind = DION_CHANNEL;
	req.cd = a->cd;
	strlcpy(req.name, mon, sizeof(req.name));
	strlcpy(req.handler, hand, sizeof(req.handler));
	return dion_create(a, &req, NULL, 0, msg, sizeof(msg));
}

static int attr(struct dion_app *a, const char *name)
{
	int v = -12345;
	KT_EXPECT_EQ(dion_attr_get(a, 0, name, &v), 0);
	return v;
}

/* The object of KIND named NAME in the listing, or false. */
static bool listed(int kind, const char *name, struct dion_info *out)
{
	for (int i = 0; dion_list(i, out); i++)
		if (out->kind == kind && strcmp(out->name, name) == 0)
			return true;
	return false;
}

KTEST(dion, monitor_event_handler_round_trip)
{
	struct dion_app *a = new_app(test_sm());
	KT_EXPECT_EQ(CREATE(a, DION_MONITOR, "mon", 10, dmon), 0);
	KT_EXPECT_EQ(CREATE(a, DION_HANDLER, "hand", 0, dhand), 0);
	int id = subscribe(a, "mon", "hand");
	KT_EXPECT(id > 0);
	sched_sleep_until(pit_ticks() + 35);      /* three periods or so */
	KT_EXPECT_EQ(attr(a, "adjust"), 30);       /* (45 - 30) * 2 */
	int seen = attr(a, "seen");
	KT_EXPECT(seen >= 3 && seen <= 4);
	struct dion_info info;
	KT_EXPECT(listed(DION_MONITOR, "mon", &info));
	KT_EXPECT_EQ(info.stat.runs, (unsigned)seen);
	KT_EXPECT_EQ(info.stat.aborts, 0u);
	KT_EXPECT(listed(DION_CHANNEL, "mon", &info));
	KT_EXPECT_EQ(info.id, id);
	KT_EXPECT_EQ(info.stat.events, (unsigned)seen);
	KT_EXPECT_EQ(info.stat.dropped, 0u);
	KT_EXPECT_STR(info.detail, "hand");
	KT_EXPECT(listed(DION_HANDLER, "hand", &info));
	KT_EXPECT_EQ(info.stat.events, (unsigned)seen);
	dion_app_destroy(a);
	KT_EXPECT(!listed(DION_MONITOR, "mon", &info));
}

KTEST(dion, names_unique_per_sm_and_lookups_fail_cleanly)
{
	struct dion_app *a = new_app(test_sm());
	KT_EXPECT_EQ(CREATE(a, DION_MONITOR, "m", 10, dmon), 0);
	KT_EXPECT_EQ(CREATE(a, DION_MONITOR, "m", 10, dmon), -EEXIST);
	KT_EXPECT_EQ(CREATE(a, DION_MONITOR, "bad/name", 10, dmon), -EINVAL);
	KT_EXPECT_EQ(CREATE(a, DION_MONITOR, "p", 0, dmon), -EINVAL);
	KT_EXPECT_EQ(subscribe(a, "m", "nobody"), -ENOENT);
	KT_EXPECT_EQ(subscribe(a, "nobody", "m"), -ENOENT);
	KT_EXPECT_EQ(dion_class_create(a, test_sm(), test_attrs, 1), -EEXIST);
	KT_EXPECT_EQ(dion_destroy(a, DION_HANDLER, "m"), -ENOENT);
	KT_EXPECT_EQ(dion_destroy(a, 99, "m"), -EINVAL);
	KT_EXPECT_EQ(dion_destroy(a, DION_MONITOR, "m"), 0);
	KT_EXPECT_EQ(CREATE(a, DION_MONITOR, "m", 10, dmon), 0);   /* the name is free again */
	dion_app_destroy(a);
}

KTEST(dion, wrong_object_rejected_with_message)
{
	struct dion_app *a = new_app(test_sm());
	KT_EXPECT_EQ(CREATE(a, DION_HANDLER, "h", 0, dmon), -ELINK);   /* no handler(int) */
	KT_EXPECT(strncmp(msg, "E_LINK h needs an export handle(int value)", 42) == 0);
	KT_EXPECT_EQ(CREATE(a, DION_MONITOR, "m", 10, basic), -ELINK);
	uint8_t junk[16] = "not an object";
	KT_EXPECT_EQ(create(a, DION_MONITOR, "m", 10, junk, junk + sizeof(junk)), -EREJECT);
	KT_EXPECT(strncmp(msg, "E_", 2) == 0);
	dion_app_destroy(a);
}

KTEST(dion, attribute_rights)
{
	struct dion_app *a = new_app(test_sm());
	int v;
	KT_EXPECT_EQ(dion_attr_get(a, 0, "secret", &v), 0);
	KT_EXPECT_EQ(v, 7);
	KT_EXPECT_EQ(dion_attr_get(a, 0, "nothing", &v), -ENOENT);
	/* Another process without a grant, then with a read grant. */
	KT_EXPECT_EQ(dion_attr_get(a, 42, "target", &v), -EACCES);
	a->grant_pid[0] = 42;
	a->grant_rights[0] = DION_R_OTHER_READ;
	KT_EXPECT_EQ(dion_attr_get(a, 42, "target", &v), 0);
	KT_EXPECT_EQ(dion_attr_get(a, 42, "secret", &v), -EACCES);
	KT_EXPECT_EQ(dion_attr_set(a, 42, "target", 1), -EACCES);
	KT_EXPECT_EQ(dion_attr_set(a, 0, "target", 50), 0);
	KT_EXPECT_EQ(attr(a, "target"), 50);
	dion_app_destroy(a);
}

/* An extension reading an attribute it may not is aborted, counted, and the SM goes on. */
KTEST(dion, unreadable_attribute_aborts_the_run)
{
	struct dion_app *a = new_app(test_sm());
	KT_EXPECT_EQ(CREATE(a, DION_MONITOR, "bad", 10, dbad), 0);
	KT_EXPECT_EQ(CREATE(a, DION_MONITOR, "good", 10, dmon), 0);
	KT_EXPECT_EQ(CREATE(a, DION_HANDLER, "hand", 0, dhand), 0);
	KT_EXPECT(subscribe(a, "good", "hand") > 0);
	sched_sleep_until(pit_ticks() + 25);
	struct dion_info info;
	KT_EXPECT(listed(DION_MONITOR, "bad", &info));
	KT_EXPECT(info.stat.runs >= 2);
	KT_EXPECT_EQ(info.stat.aborts, info.stat.runs);
	KT_EXPECT(attr(a, "seen") >= 2);
	dion_app_destroy(a);
}

/* A handler that never drains: its inbox fills, further copies are dropped and counted. */
KTEST(dion, full_inbox_drops_and_counts)
{
	struct dion_app *a = new_app(test_sm());
	KT_EXPECT_EQ(CREATE(a, DION_MONITOR, "mon", 1, dmon), 0);
	KT_EXPECT_EQ(CREATE(a, DION_HANDLER, "hand", 0, dhand), 0);
	KT_EXPECT(subscribe(a, "mon", "hand") > 0);
	struct dion_runner *h = NULL;
	for (struct dion_runner *r = test_sm()->handlers; r; r = r->next)
		if (r->app == a)
			h = r;
	KT_EXPECT(h != NULL);
	h->dead = true;                        /* stop it from draining */
	sched_sleep_until(pit_ticks() + PARAM_DION_QUEUE + 10);
	struct dion_info info;
	KT_EXPECT(listed(DION_CHANNEL, "mon", &info));
	KT_EXPECT_EQ(info.stat.pending, (unsigned)PARAM_DION_QUEUE);
	KT_EXPECT(info.stat.dropped >= 5);
	KT_EXPECT_EQ(info.stat.events, info.stat.pending + info.stat.dropped);
	/* Destroying everything with events queued frees them all. */
	dion_app_destroy(a);
}

/* An SM made from an extension for application A, named NAME. */
static int create_sm(struct dion_app *a, const char *name)
{
	struct dion_create req;
	memset(&req, 0, sizeof(req));
	req.kind = DION_SM;
	req.cd = a->cd;
	strlcpy(req.sm, name, sizeof(req.sm));
	req.period = 5;
	return dion_create(a, &req, ktest_obj_dsvc, (uint32_t)(ktest_obj_dsvc_end - ktest_obj_dsvc),
			   msg, sizeof(msg));
}

/* A channel whose handler lives in another SM: "SM/name" names it. */
KTEST(dion, channel_across_service_managers)
{
	struct dion_app *a = new_app(test_sm());
	struct dion_app *b = dion_app_find(dion_app_create());
	KT_EXPECT_EQ(create_sm(b, "other"), 0);
	KT_EXPECT_EQ(create_sm(b, "other"), -EEXIST);
	struct dion_create req;
	memset(&req, 0, sizeof(req));
	req.kind = DION_HANDLER;
	req.cd = a->cd;
	strlcpy(req.sm, "other", sizeof(req.sm));
	strlcpy(req.name, "far", sizeof(req.name));
	KT_EXPECT_EQ(dion_create(a, &req, ktest_obj_dhand,
				 (uint32_t)(ktest_obj_dhand_end - ktest_obj_dhand), msg, sizeof(msg)), 0);
	KT_EXPECT_EQ(CREATE(a, DION_MONITOR, "mon", 10, dmon), 0);
	KT_EXPECT_EQ(subscribe(a, "mon", "far"), -ENOENT);      /* not in ktest */
	KT_EXPECT(subscribe(a, "mon", "other/far") > 0);
	sched_sleep_until(pit_ticks() + 25);
	KT_EXPECT(attr(a, "seen") >= 2);
	struct dion_info info;
	KT_EXPECT(listed(DION_CHANNEL, "mon", &info));
	KT_EXPECT_STR(info.detail, "other/far");
	KT_EXPECT(listed(DION_SM, "other", &info));
	KT_EXPECT(info.stat.runs >= 4);                          /* its service ran every 5 ticks */
	KT_EXPECT_STR(info.detail, "extension");
	dion_app_destroy(b);                                     /* the SM, and A's handler in it */
	KT_EXPECT(!listed(DION_SM, "other", &info));
	KT_EXPECT(!listed(DION_HANDLER, "far", &info));
	KT_EXPECT(listed(DION_CHANNEL, "mon", &info));
	KT_EXPECT_STR(info.detail, "");
	dion_app_destroy(a);
}

KTEST(dion, thousand_create_destroy_cycles_leave_nothing)
{
	struct dion_sm *sm = test_sm();
	struct dion_app *a = new_app(sm);          /* warm up */
	dion_app_destroy(a);
	sched_sleep_until(pit_ticks() + 2);
	struct kheap_stats before, after;
	kheap_get_stats(&before);
	uint32_t pages = pmm_free_pages();
	for (int i = 0; i < 1000; i++) {
		a = new_app(sm);
		if (CREATE(a, DION_MONITOR, "mon", 10, dmon) != 0 ||
		    CREATE(a, DION_HANDLER, "hand", 0, dhand) != 0 || subscribe(a, "mon", "hand") <= 0 ||
		    create_sm(a, "cycle") != 0)
			KT_FAIL("round %d: %s", i, msg);
		if (i % 100 == 0)
			sched_sleep_until(pit_ticks() + 12);   /* let some of them run */
		dion_app_destroy(a);
		sched_sleep_until(pit_ticks() + 1);        /* the SM's thread ends */
	}
	sched_sleep_until(pit_ticks() + 12);
	kheap_get_stats(&after);
	KT_EXPECT_EQ(after.used_bytes, before.used_bytes);
	KT_EXPECT_EQ(after.used_blocks, before.used_blocks);
	/* Every page is back, but for those the heap keeps mapped once grown. */
	KT_EXPECT_EQ(pmm_free_pages() + (after.heap_bytes - before.heap_bytes) / PAGE_SIZE, pages);
}

/* A handler that overruns is aborted after its reservation each time; the SM keeps going. */
KTEST(dion, overrunning_handler_aborted_each_run)
{
	struct dion_app *a = new_app(test_sm());
	KT_EXPECT_EQ(CREATE(a, DION_MONITOR, "mon", 10, dmon), 0);
	KT_EXPECT_EQ(CREATE(a, DION_HANDLER, "spin", 0, dspin), 0);
	KT_EXPECT_EQ(CREATE(a, DION_HANDLER, "hand", 0, dhand), 0);
	KT_EXPECT(subscribe(a, "mon", "spin") > 0);
	KT_EXPECT(subscribe(a, "mon", "hand") > 0);
	uint32_t total0, total1, w, cur;
	sched_get_ticks(sched_current(), &total0, &w, &cur);
	sched_sleep_until(pit_ticks() + 45);
	sched_get_ticks(sched_current(), &total1, &w, &cur);
	struct dion_info info;
	KT_EXPECT(listed(DION_HANDLER, "spin", &info));
	KT_EXPECT(info.stat.runs >= 3);
	KT_EXPECT(total1 - total0 >= info.stat.ticks);   /* the runs are the application's time */
	KT_EXPECT_EQ(info.stat.aborts, info.stat.runs);
	KT_EXPECT(info.stat.ticks >= info.stat.runs * (PARAM_DION_RESERVATION - 1));
	KT_EXPECT(info.stat.ticks <= info.stat.runs * PARAM_DION_RESERVATION);
	KT_EXPECT(attr(a, "seen") >= 3);           /* the next subscriber still ran */
	KT_EXPECT(listed(DION_CHANNEL, "mon", &info));
	KT_EXPECT_STR(info.detail, "spin,hand");
	dion_app_destroy(a);
}

/* One owner cannot take every application slot, nor one application the heap. */
KTEST(dion, per_owner_and_per_application_limits)
{
	int cds[PARAM_DION_APPS_PER_PROC];
	for (int i = 0; i < PARAM_DION_APPS_PER_PROC; i++) {
		cds[i] = dion_app_create();
		KT_EXPECT(cds[i] > 0);
	}
	KT_EXPECT_EQ(dion_app_create(), -ENOSPC);
	for (int i = 1; i < PARAM_DION_APPS_PER_PROC; i++)
		dion_app_destroy(dion_app_find(cds[i]));
	struct dion_app *a = dion_app_find(cds[0]);
	KT_EXPECT_EQ(dion_class_create(a, test_sm(), test_attrs, (int)ARRAY_LEN(test_attrs)), 0);
	char name[16];
	for (int i = 0; i < PARAM_DION_APP_OBJECTS; i++) {
		ksnprintf(name, sizeof(name), "h%d", i);
		KT_EXPECT_EQ(CREATE(a, DION_HANDLER, name, 0, dhand), 0);
	}
	KT_EXPECT_EQ(CREATE(a, DION_HANDLER, "one_more", 0, dhand), -ENOSPC);
	KT_EXPECT_EQ(dion_destroy(a, DION_HANDLER, "h0"), 0);
	KT_EXPECT_EQ(CREATE(a, DION_HANDLER, "one_more", 0, dhand), 0);   /* room again */
	dion_app_destroy(a);
}
