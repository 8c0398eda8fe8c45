/*
 * Tests of the ramfs (kernel/ramfs.c) on instances of its own, over initrd
 * images built here: a valid image, every kind of malformed image (each
 * rejected with -EINVAL and the instance left empty), lookup, readdir order
 * and the directories an image implies, created files (write, read, grow,
 * truncate, unlink) and an unlinked file that is still open, whose pages
 * come back with its last close. The system's ramfs_root is not touched;
 * directories, rename and the page budget are in ramfs_tree_test.c.
 */
#include "kernel/kheap.h"
#include "kernel/pmm.h"
#include "kernel/kprintf.h"
#include "kernel/ktest.h"
#include "kernel/ramfs.h"
#include "kernel/string.h"
#include "talos/initrd.h"

static uint8_t image[4096] __attribute__((aligned(16)));
static struct ramfs fs;

struct entry {
	const char *path;
	const char *data;
};

static void put_u32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, sizeof(v));
}

#define BUDGET 16   /* pages the tests' filesystem may hold */

/* Empty FS, giving back what a previous test may have left in it. */
static void reset(void)
{
	for (int i = 0; i < PARAM_RAMFS_FILES; i++)
		fs.nodes[i].refs = 0;             /* a failed test may have left files open */
	ramfs_clear(&fs);
	fs.pages_max = BUDGET;
}

/* Write an image of the N entries E into image[]; returns its length. */
static uint32_t build(const struct entry *e, uint32_t n)
{
	memset(image, 0, sizeof(image));
	memcpy(image, INITRD_MAGIC, INITRD_MAGIC_LEN);
	put_u32(image + INITRD_MAGIC_LEN, n);
	uint32_t off = INITRD_HEADER_LEN + n * INITRD_ENTRY_LEN;
	for (uint32_t i = 0; i < n; i++) {
		uint8_t *ent = image + INITRD_HEADER_LEN + i * INITRD_ENTRY_LEN;
		uint32_t size = strlen(e[i].data);
		off = ALIGN_UP(off, 16);
		strlcpy((char *)ent, e[i].path, INITRD_PATH_LEN);
		put_u32(ent + INITRD_PATH_LEN, off);
		put_u32(ent + INITRD_PATH_LEN + 4, size);
		memcpy(image + off, e[i].data, size);
		off += size;
	}
	return off;
}

/* The entry table field of entry I: its path, offset or size. */
#define ENTRY(i) (image + INITRD_HEADER_LEN + (i) * INITRD_ENTRY_LEN)
#define OFFSET_FIELD(i) (ENTRY(i) + INITRD_PATH_LEN)
#define SIZE_FIELD(i) (ENTRY(i) + INITRD_PATH_LEN + 4)

static const struct entry tree[] = {
	{ "/bin/sh", "shell" },
	{ "/readme", "read me" },
	{ "/bin/ls", "list" },
	{ "/etc/motd", "hello" },
	{ "/bin/sub/x", "x" },
};

/* FS freshly mounted from the image of tree[]. */
static uint32_t mount_tree(void)
{
	reset();
	uint32_t len = build(tree, ARRAY_LEN(tree));
	KT_EXPECT_EQ(ramfs_mount(&fs, image, len), 0);
	return len;
}

static void expect_rejected(uint32_t len)
{
	reset();
	KT_EXPECT_EQ(ramfs_mount(&fs, image, len), -EINVAL);
	KT_EXPECT_EQ(fs.count, 0);
	struct ramfs_blob b;
	KT_EXPECT_EQ(ramfs_lookup_in(&fs, "/bin/sh", &b), -ENOENT);
}

KTEST(ramfs, parse_valid_image_without_copying)
{
	mount_tree();
	KT_EXPECT_EQ(fs.count, 8);                  /* 5 files, /bin, /etc, /bin/sub */
	struct ramfs_blob b;
	uint32_t off;
	KT_EXPECT_EQ(ramfs_lookup_in(&fs, "/etc/motd", &b), 0);
	KT_EXPECT_EQ(b.size, 5);
	memcpy(&off, OFFSET_FIELD(3), sizeof(off));
	KT_EXPECT(b.data == image + off);           /* served from the image itself */
	KT_EXPECT(b.copy == NULL);
	KT_EXPECT_EQ(memcmp(b.data, "hello", 5), 0);
	KT_EXPECT_EQ(fs.pages_used, 0);
}

KTEST(ramfs, parse_rejects_bad_magic)
{
	uint32_t len = build(tree, 1);
	image[0] = 'X';
	expect_rejected(len);
}

KTEST(ramfs, parse_rejects_short_image)
{
	build(tree, 0);
	expect_rejected(INITRD_HEADER_LEN - 1);
}

KTEST(ramfs, parse_rejects_too_many_files)
{
	uint32_t len = build(tree, 0);
	put_u32(image + INITRD_MAGIC_LEN, PARAM_RAMFS_FILES + 1);
	expect_rejected(len);
}

KTEST(ramfs, parse_rejects_truncated_entry_table)
{
	build(tree, 2);
	expect_rejected(INITRD_HEADER_LEN + INITRD_ENTRY_LEN + 10);
}

KTEST(ramfs, parse_rejects_bad_offset)
{
	uint32_t len = build(tree, 2);
	put_u32(OFFSET_FIELD(1), len + 1);
	expect_rejected(len);
}

KTEST(ramfs, parse_rejects_size_past_end)
{
	uint32_t len = build(tree, 2);
	put_u32(SIZE_FIELD(1), len);
	expect_rejected(len);
}

KTEST(ramfs, parse_rejects_offset_plus_size_overflow)
{
	uint32_t len = build(tree, 2);
	put_u32(OFFSET_FIELD(1), 16);
	put_u32(SIZE_FIELD(1), 0xFFFFFFF8u);         /* 16 + size wraps to 8 */
	expect_rejected(len);
}

KTEST(ramfs, parse_rejects_unterminated_path)
{
	uint32_t len = build(tree, 2);
	memset(ENTRY(1), 'a', INITRD_PATH_LEN);
	ENTRY(1)[0] = '/';
	expect_rejected(len);
}

KTEST(ramfs, parse_rejects_malformed_paths)
{
	static const char *const bad[] = { "bin/sh", "/", "", "/bin//sh", "/bin/", "/./x", "/a/../b" };
	for (uint32_t i = 0; i < ARRAY_LEN(bad); i++) {
		struct entry e[2] = { tree[0], { bad[i], "data" } };
		expect_rejected(build(e, 2));
	}
}

KTEST(ramfs, parse_rejects_duplicate_path)
{
	struct entry e[3] = { tree[0], tree[1], tree[0] };
	expect_rejected(build(e, 3));
}

KTEST(ramfs, parse_rejects_file_that_is_a_directory)
{
	struct entry below[2] = { { "/bin", "file" }, tree[0] };
	expect_rejected(build(below, 2));
	struct entry above[2] = { tree[0], { "/bin", "file" } };
	expect_rejected(build(above, 2));
}

KTEST(ramfs, empty_image_and_empty_fs)
{
	reset();
	struct dirent de;
	KT_EXPECT_EQ(ramfs_readdir(&fs, "/", 0, &de), 0);
	KT_EXPECT_EQ(ramfs_mount(&fs, image, build(tree, 0)), 0);
	KT_EXPECT_EQ(ramfs_readdir(&fs, "/", 0, &de), 0);
}

KTEST(ramfs, lookup_errors)
{
	mount_tree();
	struct ramfs_blob b;
	KT_EXPECT_EQ(ramfs_lookup_in(&fs, "/bin/cat", &b), -ENOENT);
	KT_EXPECT_EQ(ramfs_lookup_in(&fs, "/bin", &b), -EISDIR);
	KT_EXPECT_EQ(ramfs_lookup_in(&fs, "/", &b), -EISDIR);
	KT_EXPECT_EQ(ramfs_lookup_in(&fs, "/bin/sh/x", &b), -ENOTDIR);
	KT_EXPECT_EQ(ramfs_lookup_in(&fs, "/bin/sh/x/y", &b), -ENOTDIR);
	KT_EXPECT_EQ(ramfs_lookup_in(&fs, "/nodir/x", &b), -ENOENT);
	KT_EXPECT_EQ(ramfs_lookup_in(&fs, "bin/sh", &b), -EINVAL);
	char path[PATH_MAX_LEN + 1];
	memset(path, 'a', PATH_MAX_LEN);
	path[0] = '/';
	path[PATH_MAX_LEN] = '\0';
	KT_EXPECT_EQ(ramfs_lookup_in(&fs, path, &b), -ENAMETOOLONG);
	path[PATH_MAX_LEN - 1] = '\0';                /* the longest path that fits */
	KT_EXPECT_EQ(ramfs_lookup_in(&fs, path, &b), -ENOENT);
}

/* Expect entry INDEX of DIR to be NAME of TYPE and SIZE. */
static void expect_entry(const char *dir, int index, const char *name, int type, unsigned size)
{
	struct dirent de;
	KT_EXPECT_EQ(ramfs_readdir(&fs, dir, index, &de), 1);
	KT_EXPECT_STR(de.name, name);
	KT_EXPECT_EQ(de.type, type);
	KT_EXPECT_EQ(de.size, size);
}

KTEST(ramfs, readdir_orders_and_dedups)
{
	mount_tree();
	expect_entry("/", 0, "bin", DT_DIR, 3);
	expect_entry("/", 1, "etc", DT_DIR, 1);
	expect_entry("/", 2, "readme", DT_FILE, 7);
	struct dirent de;
	KT_EXPECT_EQ(ramfs_readdir(&fs, "/", 3, &de), 0);
	expect_entry("/bin", 0, "ls", DT_FILE, 4);
	expect_entry("/bin", 1, "sh", DT_FILE, 5);
	expect_entry("/bin", 2, "sub", DT_DIR, 1);
	KT_EXPECT_EQ(ramfs_readdir(&fs, "/bin", 3, &de), 0);
	expect_entry("/bin/sub", 0, "x", DT_FILE, 1);
}

KTEST(ramfs, readdir_errors)
{
	mount_tree();
	struct dirent de;
	KT_EXPECT_EQ(ramfs_readdir(&fs, "/readme", 0, &de), -ENOTDIR);
	KT_EXPECT_EQ(ramfs_readdir(&fs, "/readme/x", 0, &de), -ENOTDIR);
	KT_EXPECT_EQ(ramfs_readdir(&fs, "/nope", 0, &de), -ENOENT);
	KT_EXPECT_EQ(ramfs_readdir(&fs, "/bin/", 0, &de), -EINVAL);
	KT_EXPECT_EQ(ramfs_readdir(&fs, "/", -1, &de), -EINVAL);
}

KTEST(ramfs, initrd_files_are_read_only)
{
	mount_tree();
	struct ramfs_node *n;
	KT_EXPECT_EQ(ramfs_open(&fs, "/bin/sh", O_WRONLY, &n), -EROFS);
	KT_EXPECT_EQ(ramfs_open(&fs, "/bin/sh", O_RDWR | O_CREAT, &n), -EROFS);
	KT_EXPECT_EQ(ramfs_open(&fs, "/bin/sh", O_RDONLY | O_TRUNC, &n), -EROFS);
	KT_EXPECT_EQ(ramfs_unlink(&fs, "/bin/sh"), -EROFS);
	KT_EXPECT_EQ(ramfs_rename(&fs, "/bin/sh", "/sh"), -EROFS);
	KT_EXPECT_EQ(ramfs_rename(&fs, "/bin", "/b"), -EROFS);
	KT_EXPECT_EQ(ramfs_rmdir(&fs, "/bin/sub"), -EROFS);
	KT_EXPECT_EQ(ramfs_open(&fs, "/bin/sh", O_RDONLY, &n), 0);
	KT_EXPECT_EQ(n->refs, 1);
	char buf[8];
	KT_EXPECT_EQ(ramfs_read(n, 1, buf, sizeof(buf)), 4);
	KT_EXPECT_EQ(memcmp(buf, "hell", 4), 0);
	KT_EXPECT_EQ(ramfs_read(n, 5, buf, sizeof(buf)), 0);
	ramfs_put(n);
	KT_EXPECT_EQ(n->refs, 0);
	KT_EXPECT(n->linked);
}

KTEST(ramfs, create_errors)
{
	mount_tree();
	struct ramfs_node *n;
	KT_EXPECT_EQ(ramfs_open(&fs, "/tmp/f", O_RDWR, &n), -ENOENT);
	KT_EXPECT_EQ(ramfs_open(&fs, "/bin", O_RDWR | O_CREAT, &n), -EISDIR);
	KT_EXPECT_EQ(ramfs_open(&fs, "/", O_RDONLY | O_CREAT, &n), -EISDIR);
	KT_EXPECT_EQ(ramfs_open(&fs, "/bin/sh/f", O_RDWR | O_CREAT, &n), -ENOTDIR);
	KT_EXPECT_EQ(ramfs_open(&fs, "tmp", O_RDWR | O_CREAT, &n), -EINVAL);
	KT_EXPECT_EQ(ramfs_open(&fs, "/tmp/", O_RDWR | O_CREAT, &n), -EINVAL);
	KT_EXPECT_EQ(ramfs_open(&fs, "/a/b/c", O_RDWR | O_CREAT, &n), -ENOENT);  /* no /a */
	KT_EXPECT_EQ(fs.count, 8);
}

KTEST(ramfs, create_fills_the_table_then_nospc)
{
	reset();
	char path[16];
	struct ramfs_node *n;
	for (int i = 0; i < PARAM_RAMFS_FILES; i++) {
		ksnprintf(path, sizeof(path), "/f%d", i);
		KT_EXPECT_EQ(ramfs_open(&fs, path, O_CREAT, &n), 0);
		ramfs_put(n);
	}
	KT_EXPECT_EQ(ramfs_open(&fs, "/one-more", O_CREAT, &n), -ENOSPC);
	KT_EXPECT_EQ(ramfs_unlink(&fs, "/f7"), 0);
	KT_EXPECT_EQ(ramfs_open(&fs, "/one-more", O_CREAT, &n), 0);
	ramfs_put(n);
	reset();
}

KTEST(ramfs, create_write_read_grow)
{
	mount_tree();
	struct ramfs_node *n;
	KT_EXPECT_EQ(ramfs_mkdir(&fs, "/tmp"), 0);
	KT_EXPECT_EQ(ramfs_open(&fs, "/tmp/a", O_RDWR | O_CREAT, &n), 0);
	KT_EXPECT(n->writable);
	KT_EXPECT_EQ(n->size, 0);
	KT_EXPECT_EQ(ramfs_write(n, 0, "hello", 5), 5);
	static uint8_t big[3000], back[3000];
	for (uint32_t i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 7);
	KT_EXPECT_EQ(ramfs_write(n, 5, big, sizeof(big)), (int)sizeof(big));
	KT_EXPECT_EQ(n->size, 3005);
	KT_EXPECT_EQ(ramfs_read(n, 5, back, sizeof(back)), (int)sizeof(back));
	KT_EXPECT_EQ(memcmp(big, back, sizeof(big)), 0);
	char head[5];
	KT_EXPECT_EQ(ramfs_read(n, 0, head, 5), 5);
	KT_EXPECT_EQ(memcmp(head, "hello", 5), 0);
	expect_entry("/", 3, "tmp", DT_DIR, 1);
	expect_entry("/tmp", 0, "a", DT_FILE, 3005);
	KT_EXPECT_EQ(ramfs_write(n, PARAM_RAMFS_FILE_MAX, "x", 1), -ENOSPC);
	KT_EXPECT_EQ(n->size, 3005);
	KT_EXPECT_EQ(ramfs_write(n, PARAM_RAMFS_FILE_MAX - 1, "xy", 2), 1);  /* up to the limit */
	KT_EXPECT_EQ(n->size, PARAM_RAMFS_FILE_MAX);
	KT_EXPECT_EQ(n->pages, 3);               /* index, page 0, the last page: not the gap */
	KT_EXPECT_EQ(ramfs_read(n, 3005, head, 5), 5);
	KT_EXPECT_EQ(memcmp(head, "\0\0\0\0\0", 5), 0);
	ramfs_put(n);
	reset();
}

KTEST(ramfs, truncate_then_gap_reads_zero)
{
	reset();
	struct ramfs_node *n, *m;
	KT_EXPECT_EQ(ramfs_open(&fs, "/t", O_RDWR | O_CREAT, &n), 0);
	KT_EXPECT_EQ(ramfs_write(n, 0, "abcdef", 6), 6);
	KT_EXPECT_EQ(ramfs_open(&fs, "/t", O_WRONLY | O_TRUNC, &m), 0);
	KT_EXPECT(m == n);
	KT_EXPECT_EQ(n->refs, 2);
	KT_EXPECT_EQ(n->size, 0);
	KT_EXPECT_EQ(ramfs_write(n, 3, "Z", 1), 1);   /* the old "abc" must not come back */
	char buf[8];
	KT_EXPECT_EQ(ramfs_read(n, 0, buf, sizeof(buf)), 4);
	KT_EXPECT_EQ(memcmp(buf, "\0\0\0Z", 4), 0);
	ramfs_put(m);
	ramfs_put(n);
	reset();
}

KTEST(ramfs, unlink_removes_created_file)
{
	mount_tree();
	struct ramfs_node *n;
	KT_EXPECT_EQ(ramfs_open(&fs, "/etc/new", O_WRONLY | O_CREAT, &n), 0);
	ramfs_put(n);
	KT_EXPECT_EQ(ramfs_unlink(&fs, "/etc/new"), 0);
	KT_EXPECT_EQ(ramfs_unlink(&fs, "/etc/new"), -ENOENT);
	KT_EXPECT_EQ(ramfs_unlink(&fs, "/etc"), -EISDIR);
	KT_EXPECT_EQ(ramfs_unlink(&fs, "/readme/x"), -ENOTDIR);
	KT_EXPECT_EQ(fs.count, 8);
	KT_EXPECT_EQ(n->refs, 0);
	KT_EXPECT(!n->linked);                   /* the slot is free again */
	expect_entry("/", 1, "etc", DT_DIR, 1);
}

KTEST(ramfs, unlinked_but_open_stays_readable)
{
	reset();
	struct ramfs_node *n, *again;
	KT_EXPECT_EQ(ramfs_open(&fs, "/doomed", O_RDWR | O_CREAT, &n), 0);
	KT_EXPECT_EQ(ramfs_write(n, 0, "still here", 10), 10);
	KT_EXPECT_EQ(ramfs_unlink(&fs, "/doomed"), 0);
	struct dirent de;
	KT_EXPECT_EQ(ramfs_readdir(&fs, "/", 0, &de), 0);
	char buf[16];
	KT_EXPECT_EQ(ramfs_read(n, 0, buf, sizeof(buf)), 10);
	KT_EXPECT_EQ(memcmp(buf, "still here", 10), 0);
	KT_EXPECT_EQ(ramfs_write(n, 10, "!", 1), 1);
	/* The name is free for a new, different file. */
	KT_EXPECT_EQ(ramfs_open(&fs, "/doomed", O_RDWR | O_CREAT, &again), 0);
	KT_EXPECT(again != n);
	KT_EXPECT_EQ(again->size, 0);
	ramfs_put(again);
	KT_EXPECT_EQ(fs.pages_used, 2);          /* its index and one data page */
	uint32_t free_before = pmm_free_pages();
	ramfs_put(n);                            /* the last close frees its pages */
	KT_EXPECT_EQ(pmm_free_pages(), free_before + 2);
	KT_EXPECT_EQ(fs.pages_used, 0);
	KT_EXPECT(!n->linked && n->refs == 0 && n->index == NULL);
	reset();
}
