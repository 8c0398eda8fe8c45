/*
 * The TalOS libc as the host tests see it: every libc symbol renamed with a
 * tl_ prefix (objcopy --prefix-symbols=tl_), declared here with host types.
 *
 * Why renamed: the test program itself runs on the host's libc (printf,
 * fork, ...). Prefixing every symbol of the TalOS objects, definitions and
 * references alike, keeps the two libcs apart: TalOS's strdup calls
 * tl_malloc, and a memcpy that gcc emits inside TalOS code becomes a call
 * to tl_memcpy, never to the host's. The host's size_t, intptr_t and
 * integer types match TalOS's on x86_64 (both come from the compiler's
 * predefined types), so these prototypes describe the same ABI.
 *
 * The renamed objects leave three symbols undefined, the syscall stubs;
 * main.c defines them: tl_sbrk (over a static arena), tl_write (captures
 * fd 2) and tl_abort (returns to the test that expected it).
 */
#ifndef TESTS_LIBC_TL_H
#define TESTS_LIBC_TL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* string.h */
void *tl_memcpy(void *dst, const void *src, size_t n);
void *tl_memmove(void *dst, const void *src, size_t n);
void *tl_memset(void *dst, int c, size_t n);
int tl_memcmp(const void *a, const void *b, size_t n);
void *tl_memchr(const void *s, int c, size_t n);
size_t tl_strlen(const char *s);
size_t tl_strnlen(const char *s, size_t max);
char *tl_strcpy(char *dst, const char *src);
char *tl_strncpy(char *dst, const char *src, size_t n);
char *tl_strcat(char *dst, const char *src);
char *tl_strncat(char *dst, const char *src, size_t n);
char *tl_strdup(const char *s);
int tl_strcmp(const char *a, const char *b);
int tl_strncmp(const char *a, const char *b, size_t n);
char *tl_strchr(const char *s, int c);
char *tl_strrchr(const char *s, int c);
char *tl_strstr(const char *hay, const char *needle);
size_t tl_strspn(const char *s, const char *accept);
size_t tl_strcspn(const char *s, const char *reject);
char *tl_strpbrk(const char *s, const char *accept);
char *tl_strtok_r(char *s, const char *sep, char **save);
char *tl_strtok(char *s, const char *sep);
char *tl_strerror(int err);

/* dionisys.h (its pure part) */
#define TL_DION_RIGHTS_STR 9   /* DION_RIGHTS_STR */
const char *tl_dion_kind_name(int kind);
int tl_dion_kind_parse(const char *s);
char *tl_dion_rights_str(unsigned rights, char *buf);

/* errno.h */
extern int tl_errno;

/* ctype.h */
int tl_isalpha(int c);
int tl_isdigit(int c);
int tl_isalnum(int c);
int tl_isspace(int c);
int tl_isupper(int c);
int tl_islower(int c);
int tl_isxdigit(int c);
int tl_isprint(int c);
int tl_isgraph(int c);
int tl_ispunct(int c);
int tl_iscntrl(int c);
int tl_toupper(int c);
int tl_tolower(int c);

/* stdlib.h */
typedef struct { int quot; int rem; } tl_div_t;
typedef struct { long quot; long rem; } tl_ldiv_t;
struct tl_heap_stats {            /* struct libc_heap_stats */
	size_t heap_bytes, used_blocks, used_bytes, free_blocks, free_bytes;
};
#define TL_RAND_MAX 0x7fffffff

long tl_strtol(const char *s, char **endp, int base);
long long tl_strtoll(const char *s, char **endp, int base);
unsigned long tl_strtoul(const char *s, char **endp, int base);
unsigned long long tl_strtoull(const char *s, char **endp, int base);
int tl_atoi(const char *s);
long tl_atol(const char *s);
int tl_abs(int n);
long tl_labs(long n);
long long tl_llabs(long long n);
tl_div_t tl_div(int num, int den);
tl_ldiv_t tl_ldiv(long num, long den);
void tl_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void *tl_bsearch(const void *key, const void *base, size_t n, size_t size,
		 int (*cmp)(const void *, const void *));
int tl_rand(void);
void tl_srand(unsigned seed);
void *tl_malloc(size_t n);
void tl_free(void *p);
void *tl_calloc(size_t n, size_t size);
void *tl_realloc(void *p, size_t n);
void tl_libc_heap_check(struct tl_heap_stats *st);

/* stdio.h */
int tl_libc_vfmt(void (*put)(void *ctx, char c), void *ctx, const char *fmt, va_list ap);
int tl_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int tl_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int tl_vsprintf(char *buf, const char *fmt, va_list ap);
int tl_sprintf(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The syscall stubs, defined by main.c for the tests. */
void *tl_sbrk(intptr_t inc);
long tl_write(int fd, const void *buf, size_t n);
_Noreturn void tl_abort(void);

/* assert.h and libc's internal fatal path */
_Noreturn void tl_libc_assert_fail(const char *expr, const char *file, int line,
				   const char *func);
_Noreturn void tl_libc_fatal(const char *fmt, ...);

/* user_side.c: a program compiled against the TalOS headers (renamed too). */
int tl_user_assert(int x);
extern const int tl_user_assert_line;
int tl_user_assert_ndebug(int *counter);
int tl_user_assert_again(int x);
long long tl_user_limit(int which);
long long tl_user_sum(int n, ...);
size_t tl_user_offsetof_b(void);
int tl_user_format(char *buf, size_t size, int x, const char *s);

#endif /* TESTS_LIBC_TL_H */
