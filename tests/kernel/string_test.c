/*
 * Tests of the kernel's string functions (kernel/string.c).
 */
#include "kernel/ktest.h"
#include "kernel/string.h"

KTEST(string, memmove_overlapping_both_ways)
{
	char b[16] = "abcdefghij";
	memmove(b + 2, b, 5);
	KT_EXPECT(memcmp(b, "ababcdehij", 10) == 0);
	char c[16] = "abcdefghij";
	memmove(c, c + 3, 5);
	KT_EXPECT(memcmp(c, "defghfghij", 10) == 0);
}

KTEST(string, memcpy_memset_aligned_and_not)
{
	static uint8_t src[64], dst[64];
	for (int i = 0; i < 64; i++)
		src[i] = (uint8_t)i;
	memcpy(dst, src, 64);
	KT_EXPECT(memcmp(dst, src, 64) == 0);
	memset(dst + 1, 0x5A, 7);
	KT_EXPECT_EQ(dst[0], 0);
	KT_EXPECT_EQ(dst[1], 0x5A);
	KT_EXPECT_EQ(dst[7], 0x5A);
	KT_EXPECT_EQ(dst[8], 8);
	memcpy(dst + 3, src + 1, 5);
	KT_EXPECT_EQ(dst[3], 1);
	KT_EXPECT_EQ(dst[7], 5);
}

KTEST(string, compare_and_copy)
{
	KT_EXPECT(strcmp("abc", "abd") < 0);
	KT_EXPECT(strcmp("abc", "abc") == 0);
	KT_EXPECT(strncmp("abcx", "abcy", 3) == 0);
	KT_EXPECT_EQ(strlen(""), 0);
	char small[4];
	KT_EXPECT_EQ(strlcpy(small, "hello", sizeof(small)), 5);
	KT_EXPECT_STR(small, "hel");
	char cat[8] = "ab";
	KT_EXPECT_EQ(strlcat(cat, "cd", sizeof(cat)), 4);
	KT_EXPECT_STR(cat, "abcd");
	KT_EXPECT_EQ(strlcat(cat, "efghij", sizeof(cat)), 10);
	KT_EXPECT_STR(cat, "abcdefg");
	KT_EXPECT(strchr("hello", 'l') != NULL && *strchr("hello", 'l') == 'l');
	KT_EXPECT(strchr("hello", 'z') == NULL);
	KT_EXPECT_STR(path_basename("/bin/sh"), "sh");
	KT_EXPECT_STR(path_basename("sh"), "sh");
	KT_EXPECT_STR(path_basename("/ext/"), "");
}
