/*
 * Definitions every kernel source uses: fixed-width types, NULL, and the
 * guard that keeps kernel headers out of user programs and libc (they see
 * only include/talos/).
 */
#ifndef KERNEL_KDEFS_H
#define KERNEL_KDEFS_H

#ifndef TALOS_KERNEL
#error "kernel header included outside the kernel: user code may include only talos/*.h"
#endif

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_LEN(a)   (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a)   (((x) + ((a) - 1)) & ~((a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((a) - 1))

#define NORETURN   __attribute__((noreturn))
#define PRINTF(f, a) __attribute__((format(printf, f, a)))
#define UNUSED     __attribute__((unused))

#endif /* KERNEL_KDEFS_H */
