/*
 * Loading the embedded test objects (see ext_objs.h).
 */
#include "tests/kernel/ext_objs.h"
#include "kernel/panic.h"

struct ext *ext_obj_load(const uint8_t *start, const uint8_t *end, const char *name)
{
	static char msg[512];
	struct ext *e;
	if (ext_load(start, (uint32_t)(end - start), name, &e, msg, sizeof(msg)) != 0)
		PANIC("test object %s does not load: %s", name, msg);
	return e;
}
