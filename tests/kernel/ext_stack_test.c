/*
 * Tests of the SafeX runtime's two fixed limits: the kernel stack a run
 * needs (the export's verified bound plus PARAM_EXT_STACK_MARGIN: with less
 * room left on the caller's stack, ext_run refuses with -ENOSPC before the
 * extension runs) and the table of capabilities an extension holds
 * (PARAM_EXT_HELD entries, each object once); and the handler's own run,
 * whose fault ends the call instead of reaching the handler again; and the
 * first byte of an extension's code, which is extension code like the rest.
 */
#include "tests/kernel/ext_objs.h"
#include "ext/taskcap.h"
#include "kernel/kheap.h"
#include "kernel/ktest.h"
#include "kernel/string.h"
#include "tal/verify.h"
#include "talos/errno.h"

EXT_OBJ(basic);
EXT_OBJ(faulthandler);
EXT_OBJ(spinfirst);

/* The export of E with the largest verified stack bound. */
static const struct ext_export *deepest_export(const struct ext *e)
{
	const struct ext_export *x = &e->exports[0];
	for (int i = 1; i < e->nexports; i++)
		if (e->exports[i].stack > x->stack)
			x = &e->exports[i];
	return x;
}

/* Run X of E once from a fresh frame; returns ext_run's status. */
static __attribute__((noinline)) int run_once(struct ext *e, const struct ext_export *x)
{
	struct ext_invocation inv;
	uint32_t args[PARAM_EXT_ARGS] = { 0 };
	ext_prepare(&inv, e, x);
	int status = ext_run(&inv, args, 10);
	ext_release(&inv);
	return status;
}

/*
 * Run X of E with ROOM bytes left on this task's kernel stack at the call
 * of run_once (run_once's frame and ext_run's own pushes, well under 256
 * bytes, come out of it).
 */
static __attribute__((noinline)) int run_with_room(struct ext *e, const struct ext_export *x,
						   uint32_t room)
{
	uint32_t esp;
	__asm__ volatile("mov %%esp, %0" : "=r"(esp));
	uint32_t have = esp - (uint32_t)sched_current()->kstack;
	if (have < room + 512)
		KT_FAIL("only %u bytes of kernel stack left, need %u", have, room + 512);
	volatile uint8_t *pad = __builtin_alloca(have - room);
	pad[0] = 0;
	return run_once(e, x);
}

/* Each export's recorded stack bound is the verifier's figure for its function. */
KTEST(ext, export_stack_is_the_verified_bound)
{
	struct tal_result *res = kmalloc(sizeof(*res));
	void *arena = kmalloc(TAL_ARENA_MAX);
	KT_EXPECT(res && arena);
	uint32_t len = (uint32_t)(ktest_obj_basic_end - ktest_obj_basic);
	KT_EXPECT_EQ(tal_verify(ktest_obj_basic, len, arena, TAL_ARENA_MAX, res), TAL_OK);
	struct ext *e = EXT_OBJ_LOAD(basic);
	KT_EXPECT_EQ((uint32_t)e->nexports, res->obj.count[TAL_SEC_EXPORTS]);
	for (int i = 0; i < e->nexports; i++) {
		struct tal_export ex;
		tal_obj_export(&res->obj, (uint32_t)i, &ex);
		KT_EXPECT_EQ(e->exports[i].stack, res->stack[ex.func]);
	}
	KT_EXPECT(deepest_export(e)->stack > PARAM_EXT_STACK_MARGIN);
	kobj_put(&e->obj);
	kfree(arena);
	kfree(res);
}

/* Just less room than bound + margin: -ENOSPC, and the extension never ran. */
KTEST(ext, stack_room_short_of_bound_and_margin_enospc)
{
	struct ext *e = EXT_OBJ_LOAD(basic);
	const struct ext_export *x = deepest_export(e);
	uint32_t need = x->stack + PARAM_EXT_STACK_MARGIN;
	uint32_t before = e->stats.invocations;
	KT_EXPECT_EQ(run_with_room(e, x, need), -ENOSPC);
	KT_EXPECT_EQ(e->stats.invocations, before);
	KT_EXPECT_EQ(run_with_room(e, x, need + 256), EXT_OK);
	KT_EXPECT_EQ(e->stats.invocations, before + 1);
	kobj_put(&e->obj);
}

/* The held table takes PARAM_EXT_HELD objects, each once; the next is -ENOSPC. */
KTEST(ext, held_table_full_enospc_and_each_object_once)
{
	struct ext *e = EXT_OBJ_LOAD(basic);
	struct taskcap *t[PARAM_EXT_HELD + 1];
	for (int i = 0; i <= PARAM_EXT_HELD; i++) {
		t[i] = taskcap_create(999999);
		KT_EXPECT(t[i] != NULL);
	}
	for (int i = 0; i < PARAM_EXT_HELD; i++) {
		KT_EXPECT_EQ(ext_hold(e, &t[i]->obj), 0);
		KT_EXPECT_EQ(ext_hold(e, &t[0]->obj), 0);     /* already held: no second entry */
	}
	KT_EXPECT_EQ(e->nheld, PARAM_EXT_HELD);
	KT_EXPECT_EQ(t[0]->obj.refs, 2);
	KT_EXPECT_EQ(ext_hold(e, &t[PARAM_EXT_HELD]->obj), -ENOSPC);
	KT_EXPECT_EQ(e->nheld, PARAM_EXT_HELD);
	KT_EXPECT_EQ(t[PARAM_EXT_HELD]->obj.refs, 1);
	kobj_put(&e->obj);
	for (int i = 0; i <= PARAM_EXT_HELD; i++) {
		KT_EXPECT_EQ(t[i]->obj.refs, 1);
		kobj_put(&t[i]->obj);
	}
}

/* A fault in the handler ends the call: two faults counted, one invocation. */
KTEST(ext, fault_in_handler_not_handled_again)
{
	struct ext *e = EXT_OBJ_LOAD(faulthandler);
	const struct ext_export *x = ext_find_export(e, "divide");
	uint32_t args[2] = { 1, 0 };
	struct ext_call c;
	memset(&c, 0, sizeof(c));
	KT_EXPECT_EQ(ext_invoke(e, x, args, 2, 10, &c), 0);
	KT_EXPECT_EQ(c.status, EXT_ABORT_FAULT);
	KT_EXPECT_EQ(c.fault_vector, 0);
	KT_EXPECT_EQ(e->stats.faults, 2u);
	KT_EXPECT_EQ(e->stats.invocations, 1u);
	kobj_put(&e->obj);
}

/* A loop at the first bytes of the code is ended by its reservation exactly. */
KTEST(ext, overrun_on_the_first_instruction_exact)
{
	struct ext *e = EXT_OBJ_LOAD(spinfirst);
	const struct ext_export *x = ext_find_export(e, "spin");
	KT_EXPECT_EQ(x->entry, (uint32_t)e->code);
	for (int r = 1; r <= 8; r++) {
		struct ext_call c;
		memset(&c, 0, sizeof(c));
		KT_EXPECT_EQ(ext_invoke(e, x, NULL, 0, r, &c), 0);
		KT_EXPECT_EQ(c.status, EXT_ABORT_OVERRUN);
		KT_EXPECT_EQ(c.ticks, (unsigned)r);
	}
	kobj_put(&e->obj);
}
