/*
 * <string.h>: byte arrays and NUL-terminated strings (C11 7.24, plus the
 * POSIX strnlen, strtok_r and strdup).
 *
 * A "string" is an array of char ending at the first NUL byte. Comparisons
 * treat bytes as unsigned char, as C requires. Except for memmove, the
 * source and destination of a copy must not overlap. No function checks for
 * NULL: passing one is undefined, as in C.
 */
#ifndef _STRING_H
#define _STRING_H

#include <stddef.h>

/* ---- Byte arrays ---- */

/* Copy N bytes from SRC to DST (which must not overlap); returns DST. */
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
/* Copy N bytes from SRC to DST as if through a temporary: overlap is fine. Returns DST. */
void *memmove(void *dst, const void *src, size_t n);
/* Set N bytes at DST to (unsigned char)C; returns DST. */
void *memset(void *dst, int c, size_t n);
/* Compare N bytes; <0, 0 or >0 as A is below, equal to or above B at the first difference. */
int memcmp(const void *a, const void *b, size_t n);
/* First of the N bytes at S equal to (unsigned char)C, or NULL. */
void *memchr(const void *s, int c, size_t n);

/* ---- Lengths and copies ---- */

/* Number of chars before the terminating NUL. */
size_t strlen(const char *s);
/* strlen(S), but looks at no more than MAX bytes and returns at most MAX (POSIX). */
size_t strnlen(const char *s, size_t max);
/* Copy SRC with its NUL to DST; returns DST. */
char *strcpy(char *restrict dst, const char *restrict src);
/*
 * Copy at most N chars of SRC to DST, then pad DST with NULs up to N bytes.
 * Leaves DST without a terminator when strlen(SRC) >= N. Returns DST.
 */
char *strncpy(char *restrict dst, const char *restrict src, size_t n);
/* Append SRC (with its NUL) to the string DST; returns DST. */
char *strcat(char *restrict dst, const char *restrict src);
/* Append at most N chars of SRC to DST, always adding a NUL; returns DST. */
char *strncat(char *restrict dst, const char *restrict src, size_t n);
/* A malloc'd copy of S (free it with free), or NULL with errno = ENOMEM (POSIX). */
char *strdup(const char *s);

/* ---- Comparison and search ---- */

/* Compare strings; <0, 0 or >0 like memcmp, stopping after the first NUL. */
int strcmp(const char *a, const char *b);
/* strcmp over at most the first N chars. */
int strncmp(const char *a, const char *b, size_t n);
/* First occurrence of (char)C in S, or NULL; C may be '\0', which finds the terminator. */
char *strchr(const char *s, int c);
/* Last occurrence of (char)C in S (the terminator for '\0'), or NULL. */
char *strrchr(const char *s, int c);
/* First occurrence of the string NEEDLE in HAY, or NULL; an empty NEEDLE matches at HAY. */
char *strstr(const char *hay, const char *needle);
/* Length of the initial run of S made only of chars in ACCEPT. */
size_t strspn(const char *s, const char *accept);
/* Length of the initial run of S made only of chars not in REJECT. */
size_t strcspn(const char *s, const char *reject);
/* First char of S that is in ACCEPT, or NULL. */
char *strpbrk(const char *s, const char *accept);

/*
 * Split a string into tokens separated by runs of chars from SEP. The first
 * call passes the string in S, later calls pass NULL to continue; *SAVE holds
 * the position between calls. Each token is NUL-terminated in place (the
 * string is modified). Returns the next token, or NULL when none is left
 * (POSIX).
 */
char *strtok_r(char *restrict s, const char *restrict sep, char **restrict save);
/* strtok_r with one hidden, static SAVE: not reentrant. */
char *strtok(char *restrict s, const char *restrict sep);

/* ---- Errors ---- */

/*
 * A message for error code ERR (errno.h), such as "out of memory". An
 * unknown code gives "unknown error N" in a static buffer that the next such
 * call overwrites. The caller must not modify the string.
 */
char *strerror(int err);

#endif /* _STRING_H */
