/*
 * Tests of linking an extension's imports: every argument of an import's
 * signature must match the kernel's interface (talos/ext_iface.h), the
 * first as well as the last; a capability must be of the kind the
 * interface takes, a name a read-only buffer of exactly EXT_NAME_LEN bytes.
 * A mismatch is -ELINK with the interface named, and nothing is loaded.
 * Export names and the interfaces' own arguments are held to their limits
 * too: a 32-character name, counter indexes -1 and 8, a trace ring filled
 * past its end.
 */
#include "tests/kernel/ext_objs.h"
#include "kernel/kprintf.h"
#include "kernel/ktest.h"
#include "kernel/string.h"
#include "talos/errno.h"

EXT_OBJ(badsig_cap_kind);
EXT_OBJ(badsig_short_name);
EXT_OBJ(badsig_first_arg);
EXT_OBJ(longname32);
EXT_OBJ(ifaceedges);

static char msg[512];

/* Loading START..END must fail to link import NAME. */
static void expect_link_error(const uint8_t *start, const uint8_t *end, const char *name)
{
	struct ext *e = NULL;
	KT_EXPECT_EQ(ext_load(start, (uint32_t)(end - start), "badsig", &e, msg, sizeof(msg)),
		     -ELINK);
	KT_EXPECT(e == NULL);
	char want[64];
	ksnprintf(want, sizeof(want), "E_LINK import %s: its signature does not match", name);
	KT_EXPECT(strncmp(msg, want, strlen(want)) == 0);
}
#define EXPECT_LINK_ERROR(obj, name) \
	expect_link_error(ktest_obj_##obj, ktest_obj_##obj##_end, name)

KTEST(ext, import_capability_of_another_kind_elink)
{
	EXPECT_LINK_ERROR(badsig_cap_kind, "task_ticks");
}

KTEST(ext, import_name_buffer_too_short_elink)
{
	EXPECT_LINK_ERROR(badsig_short_name, "get_attribute");
}

KTEST(ext, import_first_argument_wrong_elink)
{
	EXPECT_LINK_ERROR(badsig_first_arg, "counter_set");
}

KTEST(ext, export_name_of_32_characters_elink)
{
	struct ext *e = NULL;
	uint32_t len = (uint32_t)(ktest_obj_longname32_end - ktest_obj_longname32);
	KT_EXPECT_EQ(ext_load(ktest_obj_longname32, len, "longname32", &e, msg, sizeof(msg)),
		     -ELINK);
	KT_EXPECT(e == NULL);
	KT_EXPECT_STR(msg, "E_LINK export a_name_of_exactly_32_characters...: name longer than 31 characters");
}

/* Run export NAME of E (no arguments) and return its result. */
static int run0(struct ext *e, const char *name)
{
	const struct ext_export *x = ext_find_export(e, name);
	if (!x)
		KT_FAIL("no export %s", name);
	struct ext_call c;
	memset(&c, 0, sizeof(c));
	KT_EXPECT_EQ(ext_invoke(e, x, NULL, 0, 10, &c), 0);
	KT_EXPECT_EQ(c.status, EXT_OK);
	return c.result;
}

KTEST(ext, interface_counter_index_edges_einval)
{
	struct ext *e = EXT_OBJ_LOAD(ifaceedges);
	KT_EXPECT_EQ(run0(e, "get8"), -EINVAL);
	KT_EXPECT_EQ(run0(e, "setneg"), -EINVAL);
	kobj_put(&e->obj);
}

KTEST(ext, interface_trace_ring_wraps)
{
	struct ext *e = EXT_OBJ_LOAD(ifaceedges);
	run0(e, "trace19");
	KT_EXPECT_EQ(e->ntrace, (uint32_t)PARAM_EXT_TRACE + 3);
	for (int i = 0; i < PARAM_EXT_TRACE; i++)
		KT_EXPECT_EQ(e->trace[i], i < 3 ? PARAM_EXT_TRACE + i : i);
	kobj_put(&e->obj);
}
