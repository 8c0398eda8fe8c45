/*
 * Tests of string.h: every function, with empty strings, limits of N,
 * unsigned comparison of bytes above 0x7f, and overlapping memmove in both
 * directions. Host libc functions serve only to inspect results.
 */
#include <stdio.h>
#include "check.h"
#include "tl.h"
#include "talos/errno.h"

void test_memcpy(void)
{
	char src[16] = "abc\0def", dst[16];

	memset(dst, 'x', sizeof(dst));
	CHECK_PTR(tl_memcpy(dst, src, 7), dst);
	CHECK(memcmp(dst, "abc\0def", 7) == 0);      /* copies through NULs */
	CHECK_INT(dst[7], 'x');                       /* and not one byte more */
	CHECK_PTR(tl_memcpy(dst, src, 0), dst);
	CHECK_INT(dst[0], 'a');

	/* A larger copy, so a word-at-a-time bug would show. */
	unsigned char big[1000], out[1000];
	for (int i = 0; i < 1000; i++)
		big[i] = (unsigned char)(i * 7);
	tl_memcpy(out + 0, big + 0, 1000);
	CHECK(memcmp(out, big, 1000) == 0);
	tl_memcpy(out + 1, big + 3, 997);
	CHECK(memcmp(out + 1, big + 3, 997) == 0);
}

void test_memmove_overlap(void)
{
	char buf[32];

	strcpy(buf, "0123456789");
	CHECK_PTR(tl_memmove(buf + 2, buf, 8), buf + 2);   /* dst above src */
	CHECK_STR(buf, "0101234567");

	strcpy(buf, "0123456789");
	CHECK_PTR(tl_memmove(buf, buf + 2, 8), buf);       /* dst below src */
	CHECK_STR(buf, "2345678989");

	strcpy(buf, "0123456789");
	tl_memmove(buf, buf, 10);                           /* same place */
	CHECK_STR(buf, "0123456789");
	tl_memmove(buf + 1, buf, 0);
	CHECK_STR(buf, "0123456789");

	strcpy(buf, "abcdef");
	tl_memmove(buf + 10, buf, 7);                       /* no overlap */
	CHECK_STR(buf + 10, "abcdef");

	/* One byte apart, both ways, over a long run. */
	unsigned char a[300], want[300];
	for (int i = 0; i < 300; i++)
		a[i] = want[i] = (unsigned char)i;
	tl_memmove(a + 1, a, 299);
	memmove(want + 1, want, 299);
	CHECK(memcmp(a, want, 300) == 0);
	tl_memmove(a, a + 1, 299);
	memmove(want, want + 1, 299);
	CHECK(memcmp(a, want, 300) == 0);
}

void test_memset(void)
{
	unsigned char buf[10];

	memset(buf, 0, sizeof(buf));
	CHECK_PTR(tl_memset(buf + 1, 'z', 8), buf + 1);
	CHECK_INT(buf[0], 0);
	CHECK_INT(buf[1], 'z');
	CHECK_INT(buf[8], 'z');
	CHECK_INT(buf[9], 0);
	tl_memset(buf, 0x1ff, 3);                           /* only the low byte counts */
	CHECK_INT(buf[0], 0xff);
	CHECK_INT(buf[2], 0xff);
	tl_memset(buf, -1, 1);
	CHECK_INT(buf[0], 0xff);
	CHECK_PTR(tl_memset(buf, 0, 0), buf);
	CHECK_INT(buf[0], 0xff);
}

void test_memcmp(void)
{
	CHECK_INT(tl_memcmp("abc", "abc", 3), 0);
	CHECK(tl_memcmp("abc", "abd", 3) < 0);
	CHECK(tl_memcmp("abd", "abc", 3) > 0);
	CHECK_INT(tl_memcmp("abc", "abd", 2), 0);
	CHECK_INT(tl_memcmp("x", "y", 0), 0);
	CHECK(tl_memcmp("\x80", "\x01", 1) > 0);           /* bytes are unsigned */
	CHECK(tl_memcmp("a\0b", "a\0c", 3) < 0);            /* NUL is not an end */
}

void test_memchr(void)
{
	const char s[] = "hello\0world";

	CHECK_PTR(tl_memchr(s, 'l', sizeof(s)), s + 2);
	CHECK_PTR(tl_memchr(s, 'w', sizeof(s)), s + 6);     /* past the NUL */
	CHECK_PTR(tl_memchr(s, '\0', sizeof(s)), s + 5);
	CHECK_PTR(tl_memchr(s, 'w', 5), NULL);
	CHECK_PTR(tl_memchr(s, 'h', 0), NULL);
	const char high[] = "a\xff";
	CHECK_PTR(tl_memchr(high, -1, 2), high + 1);        /* C converts to unsigned char */
	CHECK_PTR(tl_memchr(high, 0xff, 2), high + 1);
	CHECK_PTR(tl_memchr(s, 'h' + 256, 5), s);
}

void test_strlen_strnlen(void)
{
	CHECK_UINT(tl_strlen(""), 0);
	CHECK_UINT(tl_strlen("a"), 1);
	CHECK_UINT(tl_strlen("hello world"), 11);
	CHECK_UINT(tl_strlen("ab\0cd"), 2);
	CHECK_UINT(tl_strnlen("hello", 3), 3);
	CHECK_UINT(tl_strnlen("hello", 5), 5);
	CHECK_UINT(tl_strnlen("hello", 100), 5);
	CHECK_UINT(tl_strnlen("", 4), 0);
	CHECK_UINT(tl_strnlen("abc", 0), 0);
	char unterminated[3] = { 'x', 'y', 'z' };
	CHECK_UINT(tl_strnlen(unterminated, 3), 3);          /* reads no further */
}

void test_strcpy_strncpy(void)
{
	char buf[16];

	memset(buf, 'x', sizeof(buf));
	CHECK_PTR(tl_strcpy(buf, "abc"), buf);
	CHECK(memcmp(buf, "abc\0x", 5) == 0);
	tl_strcpy(buf, "");
	CHECK_STR(buf, "");

	memset(buf, 'x', sizeof(buf));
	CHECK_PTR(tl_strncpy(buf, "ab", 6), buf);
	CHECK(memcmp(buf, "ab\0\0\0\0x", 7) == 0);          /* padded with NULs to N */
	memset(buf, 'x', sizeof(buf));
	tl_strncpy(buf, "abcdef", 3);
	CHECK(memcmp(buf, "abcx", 4) == 0);                  /* no terminator */
	memset(buf, 'x', sizeof(buf));
	tl_strncpy(buf, "abc", 3);
	CHECK(memcmp(buf, "abcx", 4) == 0);
	tl_strncpy(buf, "zzz", 0);
	CHECK_INT(buf[0], 'a');
}

void test_strcat_strncat(void)
{
	char buf[32] = "foo";

	CHECK_PTR(tl_strcat(buf, "bar"), buf);
	CHECK_STR(buf, "foobar");
	tl_strcat(buf, "");
	CHECK_STR(buf, "foobar");
	buf[0] = '\0';
	tl_strcat(buf, "x");
	CHECK_STR(buf, "x");

	strcpy(buf, "ab");
	memset(buf + 3, 'q', 10);
	CHECK_PTR(tl_strncat(buf, "cdef", 2), buf);
	CHECK_STR(buf, "abcd");                             /* NUL always added */
	tl_strncat(buf, "ef", 10);
	CHECK_STR(buf, "abcdef");
	tl_strncat(buf, "gh", 0);
	CHECK_STR(buf, "abcdef");
}

void test_strcmp_strncmp(void)
{
	CHECK_INT(tl_strcmp("", ""), 0);
	CHECK_INT(tl_strcmp("abc", "abc"), 0);
	CHECK(tl_strcmp("abc", "abd") < 0);
	CHECK(tl_strcmp("abd", "abc") > 0);
	CHECK(tl_strcmp("ab", "abc") < 0);                  /* a prefix sorts first */
	CHECK(tl_strcmp("abc", "ab") > 0);
	CHECK(tl_strcmp("", "a") < 0);
	CHECK(tl_strcmp("\xe9", "e") > 0);                  /* unsigned chars */
	CHECK_INT(tl_strncmp("abcX", "abcY", 3), 0);
	CHECK(tl_strncmp("abcX", "abcY", 4) < 0);
	CHECK_INT(tl_strncmp("abc", "xyz", 0), 0);
	CHECK_INT(tl_strncmp("ab\0x", "ab\0y", 4), 0);      /* stops at the NUL */
	CHECK(tl_strncmp("ab", "abc", 5) < 0);
	CHECK(tl_strncmp("\x80", "\x7f", 1) > 0);
}

void test_strchr_strrchr(void)
{
	const char *s = "hello";

	CHECK_PTR(tl_strchr(s, 'l'), s + 2);
	CHECK_PTR(tl_strrchr(s, 'l'), s + 3);
	CHECK_PTR(tl_strchr(s, 'h'), s);
	CHECK_PTR(tl_strrchr(s, 'o'), s + 4);
	CHECK_PTR(tl_strchr(s, 'z'), NULL);
	CHECK_PTR(tl_strrchr(s, 'z'), NULL);
	CHECK_PTR(tl_strchr(s, '\0'), s + 5);               /* finds the terminator */
	CHECK_PTR(tl_strrchr(s, '\0'), s + 5);
	CHECK_PTR(tl_strchr("", 'a'), NULL);
	CHECK_PTR(tl_strrchr("", 'a'), NULL);
	CHECK_PTR(tl_strchr(s, 'e' + 256), s + 1);          /* converted to char */
}

void test_strstr(void)
{
	const char *s = "aaab aab ab";

	CHECK_PTR(tl_strstr(s, "ab"), s + 2);
	CHECK_PTR(tl_strstr(s, "aab"), s + 1);              /* after a false start */
	CHECK_PTR(tl_strstr(s, "b a"), s + 3);
	CHECK_PTR(tl_strstr(s, "ab ab"), s + 6);
	CHECK_PTR(tl_strstr(s, "ab  ab"), NULL);
	CHECK_PTR(tl_strstr(s, " ab"), s + 8);
	CHECK_PTR(tl_strstr(s, ""), s);                     /* empty needle: HAY */
	const char *empty = "";
	CHECK_PTR(tl_strstr(empty, ""), empty);
	CHECK_PTR(tl_strstr("", "a"), NULL);
	CHECK_PTR(tl_strstr("ab", "abc"), NULL);            /* needle longer */
	CHECK_PTR(tl_strstr(s, s), s);
}

void test_strspn_strcspn_strpbrk(void)
{
	const char *s = "  \t hello, world";

	CHECK_UINT(tl_strspn(s, " \t"), 4);
	CHECK_UINT(tl_strspn(s, ""), 0);
	CHECK_UINT(tl_strspn("", " "), 0);
	CHECK_UINT(tl_strspn("aaa", "a"), 3);
	CHECK_UINT(tl_strcspn(s, ","), 9);
	CHECK_UINT(tl_strcspn(s, ""), strlen(s));
	CHECK_UINT(tl_strcspn("abc", "xyz"), 3);
	CHECK_UINT(tl_strcspn("", "a"), 0);
	CHECK_PTR(tl_strpbrk(s, ",w"), s + 9);
	CHECK_PTR(tl_strpbrk(s, "xyz"), NULL);
	CHECK_PTR(tl_strpbrk(s, ""), NULL);
	CHECK_PTR(tl_strpbrk(s, "d"), s + 15);
}

void test_strtok(void)
{
	char buf[64], *save, *tok;

	strcpy(buf, ",,a,b;;c,,");
	CHECK_STR(tl_strtok_r(buf, ",;", &save), "a");
	CHECK_STR(tl_strtok_r(NULL, ",;", &save), "b");
	CHECK_STR(tl_strtok_r(NULL, ",;", &save), "c");
	CHECK_PTR(tl_strtok_r(NULL, ",;", &save), NULL);
	CHECK_PTR(tl_strtok_r(NULL, ",;", &save), NULL);    /* stays at the end */
	CHECK(memcmp(buf, ",,a\0b\0;c\0,", 10) == 0);        /* terminated in place */

	strcpy(buf, "");
	CHECK_PTR(tl_strtok_r(buf, " ", &save), NULL);
	strcpy(buf, "   ");
	CHECK_PTR(tl_strtok_r(buf, " ", &save), NULL);
	strcpy(buf, "word");
	CHECK_STR(tl_strtok_r(buf, " ", &save), "word");
	CHECK_PTR(tl_strtok_r(NULL, " ", &save), NULL);

	/* Two strings at once with strtok_r; the separators may change per call. */
	char x[] = "1 2", y[] = "a-b", *sx, *sy;
	CHECK_STR(tl_strtok_r(x, " ", &sx), "1");
	CHECK_STR(tl_strtok_r(y, "-", &sy), "a");
	CHECK_STR(tl_strtok_r(NULL, " ", &sx), "2");
	CHECK_STR(tl_strtok_r(NULL, "-", &sy), "b");

	strcpy(buf, "key=value;next");
	CHECK_STR(tl_strtok_r(buf, "=", &save), "key");
	CHECK_STR(tl_strtok_r(NULL, ";", &save), "value");
	CHECK_STR(tl_strtok_r(NULL, ";", &save), "next");

	strcpy(buf, " one two  three ");
	int n = 0;
	for (tok = tl_strtok(buf, " "); tok; tok = tl_strtok(NULL, " "))
		n++;
	CHECK_INT(n, 3);
	strcpy(buf, "x y");
	CHECK_STR(tl_strtok(buf, " "), "x");
	CHECK_STR(tl_strtok(NULL, " "), "y");
	CHECK_PTR(tl_strtok(NULL, " "), NULL);
}

void test_strdup(void)
{
	const char *s = "duplicate me";
	char *d = tl_strdup(s);

	CHECK(d != NULL);
	CHECK(d != s);
	CHECK_STR(d, s);
	tl_free(d);
	d = tl_strdup("");
	CHECK_STR(d, "");
	tl_free(d);

	sbrk_set_limit(sbrk_used());                  /* no more memory */
	static char huge[200000];
	memset(huge, 'h', sizeof(huge) - 1);
	tl_errno = 0;
	CHECK_PTR(tl_strdup(huge), NULL);
	CHECK_INT(tl_errno, ENOMEM);
}

void test_strerror_every_code(void)
{
	static const int codes[] = {
		EPERM, ENOENT, ESRCH, EINTR, EIO, E2BIG, ENOEXEC, EBADF, ECHILD,
		EAGAIN, ENOMEM, EACCES, EFAULT, EBUSY, EEXIST, ENOTDIR, EISDIR,
		EINVAL, ENFILE, EMFILE, ENOTTY, ENOSPC, ESPIPE, EROFS, EPIPE, EDOM, ERANGE,
		ENAMETOOLONG, ENOSYS, ENOTEMPTY, EMSGSIZE, ETIMEDOUT, EREJECT, ELINK, EABORT,
	};
	const size_t n = sizeof(codes) / sizeof(codes[0]);
	char msg[n][80];

	for (size_t i = 0; i < n; i++) {
		const char *m = tl_strerror(codes[i]);

		CHECK(m != NULL && strncmp(m, "unknown", 7) != 0 && m[0] != '\0');
		snprintf(msg[i], sizeof(msg[i]), "%s", m ? m : "");
		for (size_t j = 0; j < i; j++)
			if (strcmp(msg[i], msg[j]) == 0)
				check_fail(__FILE__, __LINE__, "codes %d and %d share a message",
					   codes[i], codes[j]);
	}
	/* Codes added to the ABI header later need a message too: read it. */
	FILE *h = fopen("include/talos/errno.h", "r");
	char line[256], name[64];
	int code, seen = 0;

	CHECK(h != NULL);
	while (h && fgets(line, sizeof(line), h)) {
		if (sscanf(line, "#define %63s %d", name, &code) != 2 || name[0] != 'E')
			continue;
		seen++;
		check_count++;
		if (strncmp(tl_strerror(code), "unknown", 7) == 0)
			check_fail(__FILE__, __LINE__, "%s (%d) has no message", name, code);
	}
	if (h)
		fclose(h);
	CHECK_INT(seen, (int)n);

	CHECK_STR(tl_strerror(ENOMEM), "out of memory");
	CHECK_STR(tl_strerror(ERANGE), "result out of range");
	CHECK_STR(tl_strerror(ENOENT), "no such file or directory");   /* what the tools print */
	CHECK_STR(tl_strerror(EROFS), "read-only file system");
	CHECK_STR(tl_strerror(ENOTEMPTY), "directory not empty");
	CHECK_STR(tl_strerror(0), "no error");
	CHECK_STR(tl_strerror(6), "unknown error 6");        /* a gap in the table */
	CHECK_STR(tl_strerror(999), "unknown error 999");
	CHECK_STR(tl_strerror(-5), "unknown error -5");
	CHECK_STR(tl_strerror(203), "unknown error 203");     /* just past the table */
}
