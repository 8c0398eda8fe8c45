/*
 * Tests of the ramfs's directories, renames and page budget
 * (kernel/ramfs.h) on an instance of their own, empty at the start of
 * each test: mkdir and rmdir with their refusals, creating in a missing
 * directory, rename of files and of directories with what is below them,
 * every refusal of rename, a write that meets the budget (what fits is
 * written, then -ENOSPC) and every page given back by unlink, truncation
 * and the last close. Path resolution against a working directory
 * (kernel/fspath.h) is checked here too.
 */
#include "kernel/fspath.h"
#include "kernel/ktest.h"
#include "kernel/pmm.h"
#include "kernel/ramfs.h"
#include "kernel/string.h"

#define BUDGET 8    /* pages this filesystem may hold */

static struct ramfs fs;

/* FS empty, with the budget BUDGET. */
static void fresh(void)
{
	for (int i = 0; i < PARAM_RAMFS_FILES; i++)
		fs.nodes[i].refs = 0;             /* a failed test may have left files open */
	ramfs_clear(&fs);
	fs.pages_max = BUDGET;
}

/* Create PATH holding TEXT; expects success. */
static void make_file(const char *path, const char *text)
{
	struct ramfs_node *n;
	KT_EXPECT_EQ(ramfs_open(&fs, path, O_WRONLY | O_CREAT, &n), 0);
	uint32_t len = strlen(text);
	KT_EXPECT_EQ(ramfs_write(n, 0, text, len), (int)len);
	ramfs_put(n);
}

/* Does PATH exist with TYPE? */
static bool exists(const char *path, int type)
{
	struct ramfs_node *n;
	return ramfs_find(&fs, path, &n) == 0 && n->type == type;
}

KTEST(ramfs_tree, mkdir_rmdir_and_their_refusals)
{
	fresh();
	KT_EXPECT_EQ(ramfs_mkdir(&fs, "/a"), 0);
	KT_EXPECT_EQ(ramfs_mkdir(&fs, "/a/b"), 0);
	KT_EXPECT_EQ(ramfs_mkdir(&fs, "/a"), -EEXIST);
	KT_EXPECT_EQ(ramfs_mkdir(&fs, "/"), -EEXIST);
	KT_EXPECT_EQ(ramfs_mkdir(&fs, "/x/y"), -ENOENT);
	make_file("/a/f", "f");
	KT_EXPECT_EQ(ramfs_mkdir(&fs, "/a/f/g"), -ENOTDIR);
	KT_EXPECT_EQ(ramfs_mkdir(&fs, "/a/f"), -EEXIST);
	KT_EXPECT_EQ(ramfs_rmdir(&fs, "/a"), -ENOTEMPTY);
	KT_EXPECT_EQ(ramfs_rmdir(&fs, "/a/f"), -ENOTDIR);
	KT_EXPECT_EQ(ramfs_rmdir(&fs, "/"), -EBUSY);
	KT_EXPECT_EQ(ramfs_rmdir(&fs, "/nope"), -ENOENT);
	KT_EXPECT_EQ(ramfs_unlink(&fs, "/a/b"), -EISDIR);
	struct dirent de;
	KT_EXPECT_EQ(ramfs_readdir(&fs, "/a/b", 0, &de), 0);      /* empty, but there */
	KT_EXPECT_EQ(ramfs_readdir(&fs, "/a", 0, &de), 1);
	KT_EXPECT_STR(de.name, "b");
	KT_EXPECT_EQ(de.type, DT_DIR);
	KT_EXPECT_EQ(de.size, 0);
	KT_EXPECT_EQ(ramfs_rmdir(&fs, "/a/b"), 0);
	KT_EXPECT_EQ(ramfs_unlink(&fs, "/a/f"), 0);
	KT_EXPECT_EQ(ramfs_rmdir(&fs, "/a"), 0);
	KT_EXPECT_EQ(fs.count, 0);
	KT_EXPECT_EQ(fs.pages_used, 0);
}

KTEST(ramfs_tree, create_needs_its_directory)
{
	fresh();
	struct ramfs_node *n;
	KT_EXPECT_EQ(ramfs_open(&fs, "/a/b/c", O_WRONLY | O_CREAT, &n), -ENOENT);
	KT_EXPECT_EQ(fs.count, 0);                /* no /a, no /a/b made on the way */
	KT_EXPECT_EQ(ramfs_mkdir(&fs, "/a"), 0);
	KT_EXPECT_EQ(ramfs_open(&fs, "/a/b/c", O_WRONLY | O_CREAT, &n), -ENOENT);
	KT_EXPECT_EQ(ramfs_mkdir(&fs, "/a/b"), 0);
	KT_EXPECT_EQ(ramfs_open(&fs, "/a/b/c", O_WRONLY | O_CREAT, &n), 0);
	ramfs_put(n);
	KT_EXPECT_EQ(fs.count, 3);
}

KTEST(ramfs_tree, rename_file_replaces_and_follows_open_files)
{
	fresh();
	make_file("/old", "old bytes");
	make_file("/other", "xx");
	struct ramfs_node *open_one;
	KT_EXPECT_EQ(ramfs_open(&fs, "/old", O_RDONLY, &open_one), 0);
	KT_EXPECT_EQ(ramfs_rename(&fs, "/old", "/other"), 0);   /* replaces /other */
	KT_EXPECT(!exists("/old", DT_FILE));
	KT_EXPECT(exists("/other", DT_FILE));
	KT_EXPECT_STR(open_one->path, "/other");
	KT_EXPECT_EQ(fs.pages_used, 2);                         /* the replaced file's went back */
	KT_EXPECT_EQ(ramfs_rename(&fs, "/other", "/other"), 0);
	KT_EXPECT_EQ(ramfs_rename(&fs, "/nope", "/x"), -ENOENT);
	KT_EXPECT_EQ(ramfs_rename(&fs, "/other", "/d/x"), -ENOENT);
	KT_EXPECT_EQ(ramfs_mkdir(&fs, "/d"), 0);
	KT_EXPECT_EQ(ramfs_rename(&fs, "/other", "/d"), -EISDIR);
	KT_EXPECT_EQ(ramfs_rename(&fs, "/d", "/other"), -ENOTDIR);
	KT_EXPECT_EQ(ramfs_rename(&fs, "/other", "/"), -EBUSY);
	KT_EXPECT_EQ(ramfs_rename(&fs, "/other", "/d/x"), 0);
	char buf[16];
	KT_EXPECT_EQ(ramfs_read(open_one, 0, buf, sizeof(buf)), 9);
	KT_EXPECT_EQ(memcmp(buf, "old bytes", 9), 0);
	ramfs_put(open_one);
}

KTEST(ramfs_tree, rename_directory_moves_everything_below)
{
	fresh();
	KT_EXPECT_EQ(ramfs_mkdir(&fs, "/a"), 0);
	KT_EXPECT_EQ(ramfs_mkdir(&fs, "/a/sub"), 0);
	make_file("/a/sub/f", "f");
	make_file("/a/g", "g");
	make_file("/a-b", "sorts between /a and /a/");
	KT_EXPECT_EQ(ramfs_rename(&fs, "/a", "/a/sub/in"), -EINVAL);   /* into itself */
	KT_EXPECT_EQ(ramfs_mkdir(&fs, "/full"), 0);
	make_file("/full/x", "x");
	KT_EXPECT_EQ(ramfs_rename(&fs, "/a", "/full"), -ENOTEMPTY);
	KT_EXPECT_EQ(ramfs_mkdir(&fs, "/z"), 0);
	KT_EXPECT_EQ(ramfs_rename(&fs, "/a", "/z"), 0);                /* onto an empty dir */
	KT_EXPECT(exists("/z/sub/f", DT_FILE));
	KT_EXPECT(exists("/z/g", DT_FILE));
	KT_EXPECT(exists("/z/sub", DT_DIR));
	KT_EXPECT(!exists("/a", DT_DIR));
	KT_EXPECT(!exists("/a/g", DT_FILE));
	KT_EXPECT(exists("/a-b", DT_FILE));
	for (int i = 1; i < fs.count; i++)                             /* still in order */
		KT_EXPECT(strcmp(fs.sorted[i - 1]->path, fs.sorted[i]->path) < 0);
	/* A name that would make a path below too long is refused, nothing moved. */
	char longname[PATH_MAX_LEN];
	memset(longname, 'n', sizeof(longname));
	longname[0] = '/';
	longname[PATH_MAX_LEN - 5] = '\0';          /* fits itself, not with "/sub/f" */
	KT_EXPECT_EQ(ramfs_rename(&fs, "/z", longname), -ENAMETOOLONG);
	KT_EXPECT(exists("/z/sub/f", DT_FILE));
}

KTEST(ramfs_tree, budget_gives_enospc_then_every_page_back)
{
	fresh();
	static uint8_t chunk[3 * 4096];
	memset(chunk, 'q', sizeof(chunk));
	uint32_t free_start = pmm_free_pages();
	struct ramfs_node *a, *b;
	KT_EXPECT_EQ(ramfs_open(&fs, "/a", O_RDWR | O_CREAT, &a), 0);
	KT_EXPECT_EQ(ramfs_write(a, 0, chunk, sizeof(chunk)), (int)sizeof(chunk));
	KT_EXPECT_EQ(fs.pages_used, 4);                       /* 3 data pages and the index */
	KT_EXPECT_EQ(ramfs_open(&fs, "/b", O_RDWR | O_CREAT, &b), 0);
	/* 4 pages left: the index and 3 data pages, so 12 KiB of these 12 KiB + 100 fit. */
	KT_EXPECT_EQ(ramfs_write(b, 0, chunk, sizeof(chunk)), (int)sizeof(chunk));
	KT_EXPECT_EQ(ramfs_write(b, sizeof(chunk), chunk, 100), -ENOSPC);
	KT_EXPECT_EQ(b->size, sizeof(chunk));
	KT_EXPECT_EQ(fs.pages_used, BUDGET);
	KT_EXPECT_EQ(ramfs_write(a, 10, "rewrite", 7), 7);      /* its own pages: no new one */
	struct ramfs_node *c;
	KT_EXPECT_EQ(ramfs_open(&fs, "/c", O_RDWR | O_CREAT, &c), 0);
	KT_EXPECT_EQ(ramfs_write(c, 0, "x", 1), -ENOSPC);
	KT_EXPECT_EQ(c->pages, 0);
	KT_EXPECT_EQ(pmm_free_pages(), free_start - BUDGET);
	ramfs_truncate(a);
	KT_EXPECT_EQ(fs.pages_used, 4);
	KT_EXPECT_EQ(ramfs_write(c, 0, chunk, 4096 + 1), 4096 + 1);  /* partial fit: all of it */
	/* Page 1 is there, page 2 is the last of the budget, page 3 does not fit. */
	KT_EXPECT_EQ(ramfs_write(c, 4097, chunk, 3 * 4096), 2 * 4096 - 1);
	KT_EXPECT_EQ(fs.pages_used, BUDGET);
	KT_EXPECT_EQ(ramfs_unlink(&fs, "/b"), 0);
	KT_EXPECT_EQ(fs.pages_used, BUDGET);                  /* /b is still open */
	ramfs_put(b);
	KT_EXPECT_EQ(fs.pages_used, BUDGET - 4);
	ramfs_put(a);
	ramfs_put(c);
	KT_EXPECT_EQ(ramfs_unlink(&fs, "/c"), 0);
	KT_EXPECT_EQ(ramfs_unlink(&fs, "/a"), 0);
	KT_EXPECT_EQ(fs.pages_used, 0);
	KT_EXPECT_EQ(pmm_free_pages(), free_start);
}

KTEST(ramfs_tree, created_file_is_copied_for_loaders)
{
	fresh();
	make_file("/prog", "bytes of a program");
	struct ramfs_blob b;
	KT_EXPECT_EQ(ramfs_lookup_in(&fs, "/prog", &b), 0);
	KT_EXPECT_EQ(b.size, 18);
	KT_EXPECT(b.copy != NULL && b.data == b.copy);
	KT_EXPECT_EQ(memcmp(b.data, "bytes of a program", 18), 0);
	ramfs_blob_free(&b);
	KT_EXPECT(b.copy == NULL);
}

/* Expect PATH against CWD to resolve to WANT. */
static void expect_resolved(struct ramfs_node *cwd, const char *path, const char *want)
{
	char out[PATH_MAX_LEN];
	KT_EXPECT_EQ(fspath_resolve(cwd, path, out), 0);
	KT_EXPECT_STR(out, want);
}

KTEST(ramfs_tree, paths_resolve_against_the_working_directory)
{
	fresh();
	KT_EXPECT_EQ(ramfs_mkdir(&fs, "/home"), 0);
	KT_EXPECT_EQ(ramfs_mkdir(&fs, "/home/me"), 0);
	struct ramfs_node *me;
	KT_EXPECT_EQ(ramfs_find(&fs, "/home/me", &me), 0);
	expect_resolved(me, "notes", "/home/me/notes");
	expect_resolved(me, "./a//b/", "/home/me/a/b");
	expect_resolved(me, "..", "/home");
	expect_resolved(me, "../../../..", "/");
	expect_resolved(me, "/etc/../bin/./sh", "/bin/sh");
	expect_resolved(NULL, "x", "/x");
	expect_resolved(&fs.root, ".", "/");
	char out[PATH_MAX_LEN];
	KT_EXPECT_EQ(fspath_resolve(me, "", out), -ENOENT);
	char longname[PATH_MAX_LEN];
	memset(longname, 'n', sizeof(longname) - 1);
	longname[PATH_MAX_LEN - 8] = '\0';          /* short enough alone, not under /home/me */
	KT_EXPECT_EQ(fspath_resolve(me, longname, out), -ENAMETOOLONG);
	ramfs_get(me);                               /* a working directory holds it */
	KT_EXPECT_EQ(ramfs_rmdir(&fs, "/home/me"), 0);
	KT_EXPECT_EQ(fspath_resolve(me, "notes", out), -ENOENT);
	expect_resolved(me, "/home", "/home");     /* absolute paths still work */
	ramfs_put(me);
}
