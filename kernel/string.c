/*
 * Kernel string functions: simple byte loops, except that memcpy and memset
 * move 4 bytes at a time with rep movsl/stosl when they can.
 */
#include "kernel/string.h"

void *memcpy(void *dst, const void *src, size_t n)
{
	void *ret = dst;
	if ((((uintptr_t)dst | (uintptr_t)src | n) & 3) == 0) {
		size_t words = n / 4;
		__asm__ volatile("rep movsl" : "+D"(dst), "+S"(src), "+c"(words) : : "memory");
		return ret;
	}
	__asm__ volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
	return ret;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if (d < s || d >= s + n)
		return memcpy(dst, src, n);
	while (n-- > 0)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	void *ret = dst;
	if ((((uintptr_t)dst | n) & 3) == 0) {
		uint32_t v = (uint8_t)c * 0x01010101u;
		size_t words = n / 4;
		__asm__ volatile("rep stosl" : "+D"(dst), "+c"(words) : "a"(v) : "memory");
		return ret;
	}
	__asm__ volatile("rep stosb" : "+D"(dst), "+c"(n) : "a"(c) : "memory");
	return ret;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] - y[i];
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n > 0; n--, a++, b++) {
		if (*a != *b || *a == '\0')
			return (unsigned char)*a - (unsigned char)*b;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (*s == '\0')
			return NULL;
	}
}

size_t strlcpy(char *dst, const char *src, size_t n)
{
	size_t len = strlen(src);
	if (n > 0) {
		size_t k = len < n - 1 ? len : n - 1;
		memcpy(dst, src, k);
		dst[k] = '\0';
	}
	return len;
}

size_t strlcat(char *dst, const char *src, size_t n)
{
	size_t used = 0;
	while (used < n && dst[used])
		used++;
	if (used == n)
		return n + strlen(src);
	return used + strlcpy(dst + used, src, n - used);
}

const char *path_basename(const char *path)
{
	const char *slash;
	while ((slash = strchr(path, '/')) != NULL)
		path = slash + 1;
	return path;
}
