/*
 * The TAL objects linked into the kernel for tests and benchmarks (built
 * from tests/kernel/ext/ by mk/ext.mk): EXT_OBJ(name) declares the bytes
 * ktest_obj_NAME .. ktest_obj_NAME_end.
 */
#ifndef TESTS_KERNEL_EXT_OBJS_H
#define TESTS_KERNEL_EXT_OBJS_H

#include "ext/ext.h"

#define EXT_OBJ(name) extern const uint8_t ktest_obj_##name[], ktest_obj_##name##_end[]

/* Load an embedded object for a benchmark; PANIC with the loader's message if it fails. */
struct ext *ext_obj_load(const uint8_t *start, const uint8_t *end, const char *name);

#define EXT_OBJ_LOAD(name) ext_obj_load(ktest_obj_##name, ktest_obj_##name##_end, #name)

#endif /* TESTS_KERNEL_EXT_OBJS_H */
