/*
 * Tests of linking an extension's imports: every argument of an import's
 * signature must match the kernel's interface (talos/ext_iface.h), the
 * first as well as the last; a capability must be of the kind the
 * interface takes, a name a read-only buffer of exactly EXT_NAME_LEN bytes.
 * A mismatch is -ELINK with the interface named, and nothing is loaded.
 */
#include "tests/kernel/ext_objs.h"
#include "kernel/kprintf.h"
#include "kernel/ktest.h"
#include "kernel/string.h"
#include "talos/errno.h"

EXT_OBJ(badsig_cap_kind);
EXT_OBJ(badsig_short_name);
EXT_OBJ(badsig_first_arg);

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
