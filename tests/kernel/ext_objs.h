/*
 * The TAL objects linked into the kernel for tests and benchmarks (built
 * from tests/kernel/ext/ by mk/ext.mk): EXT_OBJ(name) declares the bytes
 * ktest_obj_NAME .. ktest_obj_NAME_end; PLUGIN_OBJ(name) the same for the
 * kernel plugins of tests/kernel/plugins/ and user/plugins/.
 */
#ifndef TESTS_KERNEL_EXT_OBJS_H
#define TESTS_KERNEL_EXT_OBJS_H

#include "ext/ext.h"

#define EXT_OBJ(name) extern const uint8_t ktest_obj_##name[], ktest_obj_##name##_end[]

/* Load an embedded object for a benchmark; PANIC with the loader's message if it fails. */
struct ext *ext_obj_load(const uint8_t *start, const uint8_t *end, const char *name);

#define EXT_OBJ_LOAD(name) ext_obj_load(ktest_obj_##name, ktest_obj_##name##_end, #name)

/* Kernel plugins (mk/ext_plugin.mk): the bytes ktest_plugin_NAME .. ktest_plugin_NAME_end. */
#define PLUGIN_OBJ(name) extern const uint8_t ktest_plugin_##name[], ktest_plugin_##name##_end[]
#define PLUGIN_OBJ_LOAD(name) \
	ext_obj_load(ktest_plugin_##name, ktest_plugin_##name##_end, #name)

#endif /* TESTS_KERNEL_EXT_OBJS_H */
