/*
 * usertests: directories, names and space. mkdir, rmdir, rename, chdir,
 * getcwd and stat (syscalls 50-55) with their refusals and bad pointers;
 * relative paths and a working directory that spawn passes on; identity
 * in struct stat; an unlinked open file that keeps its pages until the
 * last close; and the hostile case: a process fills the filesystem until
 * ENOSPC, everything else still works, and removing the files gives back
 * every page. Everything is made under /tmp, named after its test, and
 * removed again.
 */
#include <sys/stat.h>

#include "ut.h"

/* Create PATH holding TEXT. */
static void make_file(const char *path, const char *text)
{
	int fd = CHECK_OK(open(path, O_WRONLY | O_CREAT | O_TRUNC));
	CHECK_EQ(write(fd, text, strlen(text)), (long)strlen(text));
	close(fd);
}

/* The type of PATH (DT_FILE, DT_DIR), or -errno. */
static int type_of(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? st.type : -errno;
}

static int mkdir_rmdir_and_refusals(void)
{
	CHECK_OK(mkdir("/tmp/ut_d"));
	CHECK_EQ(type_of("/tmp/ut_d"), DT_DIR);
	CHECK_FAILS(mkdir("/tmp/ut_d"), EEXIST);
	CHECK_FAILS(mkdir("/tmp/ut_none/x"), ENOENT);
	CHECK_FAILS(mkdir("/etc/motd/x"), ENOTDIR);
	make_file("/tmp/ut_d/f", "f");
	CHECK_FAILS(rmdir("/tmp/ut_d"), ENOTEMPTY);
	CHECK_FAILS(rmdir("/tmp/ut_d/f"), ENOTDIR);
	CHECK_FAILS(unlink("/tmp/ut_d"), EISDIR);
	CHECK_FAILS(rmdir("/"), EBUSY);
	CHECK_FAILS(rmdir("/tmp/ut_none"), ENOENT);
	CHECK_FAILS(rmdir("/tmp"), EROFS);                  /* /tmp stays */
	CHECK_OK(unlink("/tmp/ut_d/f"));
	CHECK_OK(chdir("/tmp/ut_d"));
	CHECK_FAILS(rmdir("."), EINVAL);                    /* not the directory itself */
	CHECK_FAILS(rmdir("../ut_d/./"), EINVAL);
	CHECK_FAILS(rmdir("/tmp/ut_d/.."), EINVAL);
	CHECK_OK(chdir("/"));
	CHECK_OK(rmdir("/tmp/ut_d"));
	CHECK_EQ(type_of("/tmp/ut_d"), -ENOENT);
	return 0;
}

/* Writing /a/b/c once made /a and /a/b on the way: now it is ENOENT and makes nothing. */
static int create_in_missing_directory_enoent(void)
{
	CHECK_FAILS(open("/tmp/ut_a/b/c", O_WRONLY | O_CREAT), ENOENT);
	CHECK_EQ(type_of("/tmp/ut_a"), -ENOENT);
	CHECK_EQ(type_of("/tmp/ut_a/b"), -ENOENT);
	CHECK_OK(mkdir("/tmp/ut_a"));
	CHECK_FAILS(open("/tmp/ut_a/b/c", O_WRONLY | O_CREAT), ENOENT);
	CHECK_OK(mkdir("/tmp/ut_a/b"));
	close(CHECK_OK(open("/tmp/ut_a/b/c", O_WRONLY | O_CREAT)));
	CHECK_OK(unlink("/tmp/ut_a/b/c"));
	CHECK_OK(rmdir("/tmp/ut_a/b"));
	CHECK_OK(rmdir("/tmp/ut_a"));
	return 0;
}

/* The initrd's files and directories are read-only: EROFS, and nothing changes. */
static int initrd_names_erofs(void)
{
	CHECK_FAILS(unlink("/etc/motd"), EROFS);
	CHECK_FAILS(rename("/etc/motd", "/tmp/ut_motd"), EROFS);
	CHECK_FAILS(rename("/etc", "/tmp/ut_etc"), EROFS);
	CHECK_FAILS(rmdir("/etc"), EROFS);
	make_file("/tmp/ut_ro", "x");
	CHECK_FAILS(rename("/tmp/ut_ro", "/etc/motd"), EROFS);   /* cannot replace one either */
	CHECK_OK(unlink("/tmp/ut_ro"));
	CHECK_EQ(type_of("/etc/motd"), DT_FILE);
	return 0;
}

static int chdir_getcwd_relative_paths(void)
{
	char buf[PATH_MAX_LEN];
	CHECK(getcwd(buf, sizeof(buf)) == buf);
	CHECK(strcmp(buf, "/") == 0);
	CHECK_OK(chdir("/tmp"));
	CHECK_OK(mkdir("ut_cwd"));
	CHECK_OK(chdir("ut_cwd"));
	CHECK(getcwd(buf, sizeof(buf)) && strcmp(buf, "/tmp/ut_cwd") == 0);
	make_file("f", "relative");
	CHECK_EQ(type_of("/tmp/ut_cwd/f"), DT_FILE);
	char text[16] = { 0 };
	int fd = CHECK_OK(open("../ut_cwd/./f", O_RDONLY));
	CHECK_EQ(read(fd, text, sizeof(text)), 8);
	CHECK(strcmp(text, "relative") == 0);
	close(fd);
	struct dirent e;
	CHECK_EQ(readdir(".", 0, &e), 1);
	CHECK(strcmp(e.name, "f") == 0);
	CHECK_OK(rename("f", "../ut_cwd_g"));
	CHECK_EQ(type_of("/tmp/ut_cwd_g"), DT_FILE);
	CHECK_FAILS(chdir("/etc/motd"), ENOTDIR);
	CHECK_FAILS(chdir("nope"), ENOENT);
	CHECK_FAILS(chdir(""), ENOENT);
	errno = 0;
	CHECK(getcwd(buf, 11) == NULL && errno == ERANGE);   /* "/tmp/ut_cwd" needs 12 bytes */
	CHECK(getcwd(buf, 12) != NULL);
	CHECK_ERR(ut_syscall(SYS_getcwd, UT_KERNEL_ADDR, 64, 0), EFAULT);
	CHECK_OK(chdir("../.."));
	CHECK(getcwd(buf, sizeof(buf)) && strcmp(buf, "/") == 0);
	CHECK_OK(unlink("tmp/ut_cwd_g"));
	CHECK_OK(rmdir("/tmp/ut_cwd"));
	return 0;
}

/* The helper: create the file named by argv[3], relative to the working directory it got. */
static int make_file_helper(int argc, char **argv)
{
	if (argc < 4)
		return 2;
	int fd = open(argv[3], O_WRONLY | O_CREAT);
	return fd < 0 ? 1 : close(fd);
}

static int spawn_inherits_working_directory(void)
{
	CHECK_OK(mkdir("/tmp/ut_sp"));
	CHECK_OK(chdir("/tmp/ut_sp"));
	int pid = ut_helper(NULL, "make_file", "made_here", NULL);
	CHECK_EQ(ut_wait(pid), 0);
	CHECK_EQ(type_of("/tmp/ut_sp/made_here"), DT_FILE);
	char *const argv[] = { "true", NULL };
	pid = CHECK_OK(spawn("../../bin/true", argv, NULL));   /* a relative program path */
	ut_track(pid);
	CHECK_EQ(ut_wait(pid), 0);
	CHECK_OK(unlink("made_here"));
	CHECK_OK(chdir("/"));
	CHECK_OK(rmdir("/tmp/ut_sp"));
	return 0;
}

/* ext_load takes a relative path too, and a created program file runs. */
static int relative_ext_load_and_created_program(void)
{
	char msg[128];
	CHECK_OK(chdir("/ext"));
	int h = CHECK_OK(ext_load("monitor.to", msg, sizeof(msg)));
	CHECK_OK(handle_close(h));
	CHECK_OK(chdir("/"));
	int in = CHECK_OK(open("/bin/true", O_RDONLY));
	int out = CHECK_OK(open("/tmp/ut_prog", O_WRONLY | O_CREAT | O_TRUNC));
	static char buf[4096];
	ssize_t n;
	while ((n = CHECK_OK(read(in, buf, sizeof(buf)))) > 0)
		CHECK_EQ(write(out, buf, (size_t)n), n);
	close(in);
	close(out);
	char *const argv[] = { "ut_prog", NULL };
	int pid = CHECK_OK(spawn("/tmp/ut_prog", argv, NULL));   /* loaded from page frames */
	ut_track(pid);
	CHECK_EQ(ut_wait(pid), 0);
	CHECK_OK(unlink("/tmp/ut_prog"));
	return 0;
}

/* A removed working directory reaches nothing, until the next chdir. */
static int removed_working_directory_enoent(void)
{
	char buf[PATH_MAX_LEN];
	CHECK_OK(mkdir("/tmp/ut_gone"));
	CHECK_OK(chdir("/tmp/ut_gone"));
	CHECK_OK(rmdir("/tmp/ut_gone"));
	CHECK(getcwd(buf, sizeof(buf)) == NULL && errno == ENOENT);
	CHECK_FAILS(open("x", O_WRONLY | O_CREAT), ENOENT);
	CHECK_FAILS(mkdir("ut_gone"), ENOENT);
	CHECK_EQ(type_of("/tmp/ut_gone"), -ENOENT);
	CHECK_OK(chdir("/"));
	CHECK(getcwd(buf, sizeof(buf)) && strcmp(buf, "/") == 0);
	return 0;
}

static int rename_files_and_directories(void)
{
	make_file("/tmp/ut_r1", "one");
	make_file("/tmp/ut_r2", "two");
	int fd = CHECK_OK(open("/tmp/ut_r1", O_RDONLY));
	CHECK_OK(rename("/tmp/ut_r1", "/tmp/ut_r2"));            /* replaces ut_r2 */
	CHECK_EQ(type_of("/tmp/ut_r1"), -ENOENT);
	char buf[8] = { 0 };
	CHECK_EQ(read(fd, buf, sizeof(buf)), 3);                 /* the open file followed */
	CHECK(strcmp(buf, "one") == 0);
	close(fd);
	CHECK_OK(mkdir("/tmp/ut_rd"));
	CHECK_OK(mkdir("/tmp/ut_rd/sub"));
	CHECK_OK(rename("/tmp/ut_r2", "/tmp/ut_rd/sub/f"));
	CHECK_FAILS(rename("/tmp/ut_rd", "/tmp/ut_rd/sub/x"), EINVAL);
	CHECK_FAILS(rename("/tmp/ut_rd/sub/f", "/tmp/ut_rd"), EISDIR);
	CHECK_FAILS(rename("/tmp/ut_rd", "/tmp/ut_rd/sub/f"), EINVAL);
	CHECK_FAILS(rename("/tmp/ut_none", "/tmp/ut_x"), ENOENT);
	CHECK_FAILS(rename("/tmp/ut_rd", "/"), EBUSY);
	CHECK_OK(rename("/tmp/ut_rd", "/tmp/ut_moved"));
	CHECK_EQ(type_of("/tmp/ut_moved/sub/f"), DT_FILE);
	CHECK_EQ(type_of("/tmp/ut_rd"), -ENOENT);
	CHECK_ERR(ut_syscall(SYS_rename, UT_KERNEL_ADDR, (uint32_t)(uintptr_t)"/tmp/x", 0), EFAULT);
	CHECK_ERR(ut_syscall(SYS_rename, (uint32_t)(uintptr_t)"/tmp/ut_moved", UT_UNMAPPED, 0),
		  EFAULT);
	CHECK_OK(unlink("/tmp/ut_moved/sub/f"));
	CHECK_OK(rmdir("/tmp/ut_moved/sub"));
	CHECK_OK(rmdir("/tmp/ut_moved"));
	return 0;
}

/* dev and ino name a file: equal through two descriptors and by path, different otherwise. */
static int stat_identity(void)
{
	make_file("/tmp/ut_id1", "a");
	make_file("/tmp/ut_id2", "b");
	int a = CHECK_OK(open("/tmp/ut_id1", O_RDONLY));
	int b = CHECK_OK(open("/tmp/ut_id1", O_WRONLY | O_APPEND));
	int c = CHECK_OK(open("/tmp/ut_id2", O_RDONLY));
	struct stat sa, sb, sc, sp, sd;
	CHECK_OK(fstat(a, &sa));
	CHECK_OK(fstat(b, &sb));
	CHECK_OK(fstat(c, &sc));
	CHECK_OK(stat("/tmp/ut_id1", &sp));
	CHECK_EQ(sa.dev, STAT_DEV_RAMFS);
	CHECK(sa.ino != 0);
	CHECK(sa.dev == sb.dev && sa.ino == sb.ino && sa.ino == sp.ino);
	CHECK(sa.ino != sc.ino);
	CHECK_OK(stat("/tmp", &sd));
	CHECK_EQ(sd.type, DT_DIR);
	CHECK(sd.ino != sa.ino);
	CHECK_EQ(sp.size, 1);
	CHECK_EQ(sp.writable, 1);
	CHECK_FAILS(stat("/tmp/ut_id9", &sp), ENOENT);
	CHECK_ERR(ut_syscall(SYS_stat, (uint32_t)(uintptr_t)"/tmp", UT_KERNEL_ADDR, 0), EFAULT);
	CHECK_ERR(ut_syscall(SYS_stat, UT_UNMAPPED, (uint32_t)(uintptr_t)&sp, 0), EFAULT);
	CHECK_ERR(ut_syscall(SYS_mkdir, UT_KERNEL_ADDR, 0, 0), EFAULT);
	CHECK_ERR(ut_syscall(SYS_rmdir, UT_WRAP_ADDR, 0, 0), EFAULT);
	CHECK_ERR(ut_syscall(SYS_chdir, UT_UNMAPPED, 0, 0), EFAULT);
	close(a);
	close(b);
	close(c);
	CHECK_OK(unlink("/tmp/ut_id1"));
	CHECK_OK(unlink("/tmp/ut_id2"));
	return 0;
}

/* An unlinked open file keeps its bytes, and its pages, until the last close. */
static int unlinked_open_file_pages_back_at_close(void)
{
	static char chunk[3 * 4096];
	struct sysinfo s0, s1, s2;
	memset(chunk, 'u', sizeof(chunk));
	CHECK_OK(sysinfo(&s0));
	int fd = CHECK_OK(open("/tmp/ut_unl", O_RDWR | O_CREAT));
	CHECK_EQ(write(fd, chunk, sizeof(chunk)), (long)sizeof(chunk));
	CHECK_OK(unlink("/tmp/ut_unl"));
	CHECK_OK(sysinfo(&s1));
	CHECK_EQ(s1.fs_pages - s0.fs_pages, 4);                 /* 3 data pages, 1 index */
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(read(fd, chunk, sizeof(chunk)), (long)sizeof(chunk));
	CHECK_EQ(chunk[sizeof(chunk) - 1], 'u');
	close(fd);
	CHECK_OK(sysinfo(&s2));
	CHECK_EQ(s2.fs_pages, s0.fs_pages);
	return 0;
}

#define FILL_FILE (512 * 1024)     /* bytes per file while filling */
#define FILL_CHUNK (64 * 1024)

/* Free pages, counting the kernel heap's (which never shrinks) as free. */
static long pages_now(void)
{
	struct sysinfo si;
	CHECK_OK(sysinfo(&si));
	return (long)si.free_pages + (long)(si.heap_bytes / 4096);
}

/* Spawn /bin/true and expect it to exit 0. */
static void run_true(void)
{
	char *const argv[] = { "true", NULL };
	int pid = CHECK_OK(spawn("/bin/true", argv, NULL));
	ut_track(pid);
	CHECK_EQ(ut_wait(pid), 0);
}

/*
 * Fill the filesystem from this process until ENOSPC; then spawning,
 * reading, pipes and the heap must still work, and removing the files
 * must give back every page the files took (counted to the page).
 */
static int fill_until_enospc_then_all_works(void)
{
	static char chunk[FILL_CHUNK];
	static char path[32];
	struct sysinfo si;
	memset(chunk, 'F', sizeof(chunk));
	run_true();                                  /* warm up: first-use allocations */
	CHECK_OK(sysinfo(&si));
	unsigned fs_start = si.fs_pages, budget = si.fs_pages_max, heap_start = si.heap_bytes;
	CHECK(budget > 0);
	long start = pages_now();
	unsigned t0 = uptime();
	int files = 0, err = 0;
	long bytes = 0;
	while (!err) {
		snprintf(path, sizeof(path), "/tmp/ut_fill%d", files);
		int fd = CHECK_OK(open(path, O_WRONLY | O_CREAT | O_TRUNC));
		files++;
		for (int off = 0; off < FILL_FILE && !err; off += FILL_CHUNK) {
			ssize_t n = write(fd, chunk, sizeof(chunk));
			if (n < 0)
				err = errno;
			else
				bytes += n;
		}
		close(fd);
		CHECK(files < 200);
	}
	CHECK_EQ(err, ENOSPC);
	CHECK_OK(sysinfo(&si));
	CHECK_EQ(si.fs_pages, budget);               /* full to the page, and no further */
	CHECK(si.heap_bytes - heap_start <= 64 * 1024);   /* 16 MiB of data, none in the heap */
	CHECK_EQ(start - pages_now(), (long)(budget - fs_start));
	/* The filesystem is full; nothing else is. */
	int more = CHECK_OK(open("/tmp/ut_fill_more", O_WRONLY | O_CREAT));
	CHECK_FAILS(write(more, "x", 1), ENOSPC);
	close(more);
	run_true();
	int fd = CHECK_OK(open("/etc/motd", O_RDONLY));
	char buf[8];
	CHECK_EQ(read(fd, buf, sizeof(buf)), (long)sizeof(buf));
	close(fd);
	int p[2];
	CHECK_OK(pipe(p));
	CHECK_EQ(write(p[1], "ok", 2), 2);
	CHECK_EQ(read(p[0], buf, 2), 2);
	close(p[0]);
	close(p[1]);
	CHECK_OK(mkdir("/tmp/ut_fill_dir"));         /* names need no pages */
	CHECK_OK(rmdir("/tmp/ut_fill_dir"));
	unsigned spent_ms = uptime() - t0;
	/* Removing the files gives every page back. */
	for (int i = 0; i < files; i++) {
		snprintf(path, sizeof(path), "/tmp/ut_fill%d", i);
		CHECK_OK(unlink(path));
	}
	CHECK_OK(unlink("/tmp/ut_fill_more"));
	CHECK_OK(sysinfo(&si));
	CHECK_EQ(si.fs_pages, fs_start);
	CHECK_EQ(pages_now(), start);
	char *mem = malloc(1 << 20);                 /* and the user heap grows */
	CHECK(mem != NULL);
	memset(mem, 1, 1 << 20);
	free(mem);
	printf("filled %d files, %ld KiB: %u pages in %u ms of guest time, all given back\n",
	       files, bytes / 1024, budget - fs_start, spent_ms);
	return 0;
}

const struct ut_test ut_fs_tests[] = {
	{ "fs_mkdir_rmdir_and_refusals", mkdir_rmdir_and_refusals },
	{ "fs_create_in_missing_directory_enoent", create_in_missing_directory_enoent },
	{ "fs_initrd_names_erofs", initrd_names_erofs },
	{ "fs_chdir_getcwd_relative_paths", chdir_getcwd_relative_paths },
	{ "fs_spawn_inherits_working_directory", spawn_inherits_working_directory },
	{ "fs_relative_ext_load_and_created_program", relative_ext_load_and_created_program },
	{ "fs_removed_working_directory_enoent", removed_working_directory_enoent },
	{ "fs_rename_files_and_directories", rename_files_and_directories },
	{ "fs_stat_identity_dev_ino", stat_identity },
	{ "fs_unlinked_open_file_pages_back_at_close", unlinked_open_file_pages_back_at_close },
	{ "fs_fill_until_enospc_then_all_works", fill_until_enospc_then_all_works },
	{ NULL, NULL },
};

const struct ut_helper ut_fs_helpers[] = {
	{ "make_file", make_file_helper },
	{ NULL, NULL },
};
