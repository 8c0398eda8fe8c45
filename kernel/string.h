/*
 * The few string and memory functions the kernel needs (GCC may also emit
 * calls to memcpy, memset, memmove and memcmp on its own).
 */
#ifndef KERNEL_STRING_H
#define KERNEL_STRING_H

#include "kernel/kdefs.h"

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);

/* The last component of PATH ("sh" for "/bin/sh"): a pointer into PATH. */
const char *path_basename(const char *path);

/* Copy at most N-1 bytes of SRC and NUL-terminate; returns strlen(SRC). */
size_t strlcpy(char *dst, const char *src, size_t n);

/* Append SRC to the string in DST (N bytes in all), cut to fit; returns the length it wanted. */
size_t strlcat(char *dst, const char *src, size_t n);

#endif /* KERNEL_STRING_H */
