/*
 * The TalOS system call ABI, shared by the kernel, libc and tools.
 *
 * A user program enters the kernel with `int 0x80`: the call number in EAX,
 * arguments in EBX, ECX, EDX, ESI, EDI; the result comes back in EAX. A
 * result in [-4095, -1] is a negated error code from talos/errno.h (no valid
 * result, address or count lies there). Every pointer argument is checked:
 * a pointer the caller may not access gives -EFAULT, never a kernel fault.
 *
 * Processes are created with spawn (no fork): the child runs PATH with ARGV
 * and gets three descriptors 0, 1, 2, copied from the parent's descriptors
 * named in FDMAP (or the parent's own 0, 1, 2 when FDMAP is NULL).
 *
 *  nr  name       arguments                                 result
 *   1  exit       int status                                does not return
 *   2  spawn      path, char *const argv[], const int fdmap[3]  child pid
 *   3  waitpid    int pid (-1: any child), int *status, int options  pid, 0 (WNOHANG), -ECHILD
 *   4  getpid     -                                         pid
 *   5  yield      -                                         0
 *   6  sleep      unsigned ms                               0
 *   7  uptime     -                                         ticks (ms) since boot
 *   8  open       path, int flags (O_*)                     fd
 *   9  read       int fd, void *buf, size_t n               bytes read (0 at end)
 *  10  write      int fd, const void *buf, size_t n         bytes written
 *  11  close      int fd                                    0
 *  12  lseek      int fd, int offset, int whence            new offset
 *  13  readdir    const char *dir, int index, struct dirent *  1, or 0 past the last
 *  14  pipe       int fds[2]                                0 (fds[0] reads, fds[1] writes)
 *  15  dup2       int oldfd, int newfd                      newfd
 *  16  sbrk       int increment                             old break address
 *  17  kill       int pid, int sig (SIG*)                   0
 *  18  setsched   int pid (0: self), const struct sched_param *  0
 *  19  getsched   int pid (0: self), struct sched_param *   0
 *  20  procstat   int pid (0: self), struct procstat *      0
 *  21  proclist   int *pids, int max                        number of processes
 *  22  poweroff   int how (POWEROFF_*)                      does not return
 *  23  sysinfo    struct sysinfo *                          0
 *  24  fstat      int fd, struct stat *                     0
 *  25  dup        int fd                                    lowest free fd
 *  26  unlink     const char *path                          0 (created files only; -EROFS)
 *  27  ext_load   path, char *msg, int msglen               handle; -EREJECT/-ELINK with msg
 *  28  ext_call   int handle, int export, struct ext_call *  0 (see call->status)
 *  29  ext_stat   int handle, struct ext_stat *             0
 *  30  handle_close int handle                              0
 *  31  task_open  int pid (0: self)                         handle of a task object
 *  32, 33: unused (were test stores)
 *  34  ext_lookup int handle, const char *export            the export's index, -ENOENT
 *  35  dion_init_app -                                     a new class descriptor (> 0)
 *  36  dion_attrclass int cd, const char *sm, const struct dion_attr_def *, int n   0
 *  37  dion_create struct dion_create *                    0, or the channel id (> 0)
 *  38  dion_destroy int kind, int cd, const char *name     0
 *  39  dion_attr_get int cd, const char *name, int *value  0
 *  40  dion_attr_set int cd, const char *name, int value   0 (the SM's guard decides)
 *  41  dion_grant int cd, int pid, unsigned rights         0
 *  42  dion_list  int index, struct dion_info *            1, or 0 past the last object
 *  43  dion_attr_list int cd, int index, struct dion_attr_info *  1, or 0 past the last
 *  44  cpu_record const struct cpu_record *                 0 (starts or stops the recorder)
 *  50  mkdir      const char *path                          0 (-EEXIST, -ENOENT: no parent)
 *  51  rmdir      const char *path                          0 (-ENOTEMPTY, -EROFS, -EBUSY: "/";
 *                                                           -EINVAL: ending in "." or "..")
 *  52  rename     const char *from, const char *to          0 (replaces a file or an empty dir)
 *  53  chdir      const char *path                          0 (-ENOTDIR, -ENOENT)
 *  54  getcwd     char *buf, size_t size                    length without the NUL (-ERANGE)
 *  55  stat       const char *path, struct stat *           0 (files and directories)
 *  60  sigaction  int sig, const struct sigaction *, struct sigaction *old  0
 *  61  sigreturn  - (called by the restorer only)           the interrupted code's eax
 *  62  sigprocmask int how (SIG_*), const unsigned *set, unsigned *old  0
 *  63  alarm      unsigned ms (0: cancel)                   ms left of the previous alarm
 *  64  spawnx     path, argv, fdmap, unsigned rights, int pgid  child pid
 *  65  rights     unsigned drop                             the rights held after dropping DROP
 *  66  setpgid    int pid (0: self), int pgid (0: pid)      0
 *  67  tcsetpgrp  int fd (the console), int pgid            0
 *  68  tcgetpgrp  int fd (the console)                      the foreground process group
 *  69  getpgid    int pid (0: self)                         its process group
 *
 * Files (kernel/ramfs.h): every path argument may be absolute or relative
 * to the process's working directory, which spawn passes on to the child;
 * "." and ".." are understood, and the path as given and once made
 * absolute must be shorter than PATH_MAX_LEN (-ENAMETOOLONG). A file is created only in an existing
 * directory (-ENOENT). Initrd files and their directories, and /tmp, are
 * read-only: opening one for writing, unlinking, renaming or removing it is
 * -EROFS (new files may still be created in those directories).
 * Created files take pages from the filesystem's budget (sysinfo's
 * fs_pages_max); a write past it writes what fits, then gives -ENOSPC.
 * An unlinked file that is still open keeps its bytes until the last
 * close. A working directory that is removed reaches nothing: relative
 * paths and getcwd give -ENOENT until the next chdir.
 *
 * Extensions (SafeX): ext_load reads a TAL object from the ramfs, verifies
 * it, links it and returns a handle; on rejection it returns -EREJECT (or
 * -ELINK) and writes the verifier's (or linker's) one-line message into MSG.
 * ext_lookup resolves an export's name to its index once; ext_call runs
 * the export of that index under a CPU reservation of the caller's own CPU
 * time (the extension is preempted and charged like the caller's user
 * code); the call itself succeeds (0) even when the invocation was
 * aborted: call->status says how it ended. A handle from task_open passed
 * as an argument (its bit set in handle_mask) reaches the extension as a
 * capability. An extension called so runs for no Dionisys application: its
 * get_attribute raises EXT_EXC_ATTRIBUTE (talos/ext_iface.h), and its
 * set_attribute and raise_event return -ENOENT.
 *
 * Dionisys (structs and limits in talos/dionisys.h): dion_init_app gives
 * the caller a new application, named by its class descriptor. An
 * application has one attribute class, created in a service manager by
 * dion_attrclass (-EEXIST for a second one); monitors, handlers and event
 * channels are created by dion_create from extension objects in the ramfs
 * (-EREJECT / -ELINK with the reason in its msg field). Only the owner may
 * create or destroy an application's objects (-EPERM). Attributes are read
 * and written by name with the rights each one carries (-EACCES); a write
 * goes through the service manager's guard, which may refuse it (-ERANGE)
 * or apply it differently (the CPU SM's timeslice). Unknown names are
 * -ENOENT, names used twice -EEXIST, a bad kind or period -EINVAL.
 *
 * cpu_record starts the kernel's CPU recorder for experiments (one at a
 * time; n = 0 stops it): every INTERVAL ticks a kernel thread prints on the
 * console one line "REC TICK U0 U1 ..." with the ticks each recorded
 * process got in the interval just ended, and, for a process with a
 * target, one line "VIOL TICK I START GOT TARGET" for each request period
 * (periods start at multiples of their length) in which process I got
 * fewer than TARGET ticks; "REC end TICK" when it stops. It needs
 * RIGHT_RECORD (-EPERM).
 *
 * Rights (docs/rights.md): a process holds a set of RIGHT_* bits. The first
 * process (init) holds them all; spawn gives a child none, spawnx the ones
 * the caller names (each must be held: -EPERM), and `rights` drops some for
 * good. Without RIGHT_SIGNAL a process may kill (and setsched) only itself
 * and its descendants (-EPERM); nobody else may signal init (pid 1), and
 * init takes no signal from the console. setsched to SCHED_RT and joining
 * the Dionisys CPU SM need RIGHT_RT (-EPERM).
 *
 * Signals: kill(pid, sig) with pid > 0 signals one process, pid < -1 every
 * process of group -pid that the caller may signal (-ESRCH if the group is
 * empty, -EPERM if it may signal none). A signal is caught by a handler
 * (sigaction), ignored (SIG_IGN) or takes its default action (SIG_DFL):
 * SIGCHLD and SIGCONT are ignored, SIGTSTP and SIGTTIN stop the process,
 * the others end it. SIGKILL and SIGSTOP cannot be caught, ignored or
 * blocked. A handler runs on return to user mode, on a struct sigframe
 * pushed on the user stack, with its own signal and sa_mask blocked; when
 * it returns, the restorer calls sigreturn, which restores every register,
 * the FPU/SSE state and the mask from the frame (a frame that fails its
 * checks kills the process with SIGSEGV). A caught signal makes a
 * blocking call (sleep, read or write of a pipe or the console, waitpid)
 * return -EINTR; it is not restarted. alarm(ms) sends SIGALRM after MS ms.
 *
 * Job control: every process is in a process group (spawn: the parent's;
 * spawnx with PGID 0: a new one named by the child's pid, PGID > 0: that
 * group). The console has one foreground group (tcsetpgrp; at boot, init's);
 * Ctrl-C sends SIGINT and Ctrl-Z SIGTSTP to each of its processes. A
 * process outside it that reads the console gets SIGTTIN (-EIO when it
 * ignores or blocks SIGTTIN). setpgid moves the caller or a child it may
 * signal; tcsetpgrp needs the caller to be in the foreground group, or to
 * be able to signal every live process of it, or the group to be empty.
 * waitpid with WUNTRACED also reports a child that stopped (WIFSTOPPED).
 */
#ifndef TALOS_SYSCALL_H
#define TALOS_SYSCALL_H

#include "talos/errno.h"

#define SYS_exit      1
#define SYS_spawn     2
#define SYS_waitpid   3
#define SYS_getpid    4
#define SYS_yield     5
#define SYS_sleep     6
#define SYS_uptime    7
#define SYS_open      8
#define SYS_read      9
#define SYS_write    10
#define SYS_close    11
#define SYS_lseek    12
#define SYS_readdir  13
#define SYS_pipe     14
#define SYS_dup2     15
#define SYS_sbrk     16
#define SYS_kill     17
#define SYS_setsched 18
#define SYS_getsched 19
#define SYS_procstat 20
#define SYS_proclist 21
#define SYS_poweroff 22
#define SYS_sysinfo  23
#define SYS_fstat    24
#define SYS_dup      25
#define SYS_unlink   26
#define SYS_ext_load 27
#define SYS_ext_call 28
#define SYS_ext_stat 29
#define SYS_handle_close 30
#define SYS_task_open 31
/* 32, 33: unused (were test stores) */
#define SYS_ext_lookup 34
#define SYS_dion_init_app  35
#define SYS_dion_attrclass 36
#define SYS_dion_create    37
#define SYS_dion_destroy   38
#define SYS_dion_attr_get  39
#define SYS_dion_attr_set  40
#define SYS_dion_grant     41
#define SYS_dion_list      42
#define SYS_dion_attr_list 43
#define SYS_cpu_record     44
#define SYS_mkdir    50
#define SYS_rmdir    51
#define SYS_rename   52
#define SYS_chdir    53
#define SYS_getcwd   54
#define SYS_stat     55
/* 56-59: reserved */
#define SYS_sigaction   60
#define SYS_sigreturn   61
#define SYS_sigprocmask 62
#define SYS_alarm       63
#define SYS_spawnx      64
#define SYS_rights      65
#define SYS_setpgid     66
#define SYS_tcsetpgrp   67
#define SYS_tcgetpgrp   68
#define SYS_getpgid     69
#define SYS_COUNT    70   /* one past the highest number */

/* User address space: [USER_BASE, USER_TOP). Programs are linked at USER_BASE. */
#define USER_BASE       0x40000000u
#define USER_STACK_TOP  0xBFFF0000u   /* initial stack pointer region ends here */
#define USER_STACK_SIZE 0x00040000u   /* 256 KiB of stack */
#define USER_TOP        0xC0000000u

/* Limits visible to programs. */
#define PROC_NAME_MAX   16    /* process names (the program's file name), with NUL */
#define PATH_MAX_LEN    56    /* file paths, with NUL */
#define ARG_MAX_BYTES   4096  /* argv strings and pointers together */
#define ARGV_MAX        32    /* arguments, including argv[0] */
#define FD_MAX          16    /* descriptors per process */
#define TTY_LINE_MAX    256   /* bytes of one console or shell input line, its newline
				 included: at most 255 characters; longer lines are refused */

/* open flags */
#define O_RDONLY  0x0
#define O_WRONLY  0x1
#define O_RDWR    0x2
#define O_ACCMODE 0x3
#define O_CREAT   0x100
#define O_TRUNC   0x200
#define O_APPEND  0x400

/* lseek whence */
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

/* waitpid options and status encoding */
#define WNOHANG   1
#define WUNTRACED 2       /* also report a child that stopped */
#define W_EXITCODE(code)  (((code) & 0xFF) << 8)
#define W_STOPCODE(sig)   ((((sig) & 0xFF) << 8) | 0x7F)
#define WIFEXITED(s)      (((s) & 0x7F) == 0)
#define WEXITSTATUS(s)    (((s) >> 8) & 0xFF)
#define WIFSIGNALED(s)    (((s) & 0x7F) != 0 && ((s) & 0x7F) != 0x7F)
#define WTERMSIG(s)       ((s) & 0x7F)
#define WIFSTOPPED(s)     (((s) & 0xFF) == 0x7F)
#define WSTOPSIG(s)       (((s) >> 8) & 0xFF)

/* Signals for kill, and the ones a fault kills a process with. */
#define SIGINT   2    /* Ctrl-C on the console; default: terminate */
#define SIGILL   4    /* invalid opcode */
#define SIGTRAP  5    /* breakpoint (int3) */
#define SIGFPE   8    /* divide error, x87 or SSE floating-point error */
#define SIGKILL  9    /* terminate, cannot be caught, ignored or blocked */
#define SIGUSR1 10    /* for programs; default: terminate */
#define SIGSEGV 11    /* page fault or protection fault */
#define SIGUSR2 12    /* for programs; default: terminate */
#define SIGALRM 14    /* the alarm expired; default: terminate */
#define SIGTERM 15    /* terminate */
#define SIGCHLD 17    /* a child exited; default: ignored */
#define SIGCONT 18    /* continue a stopped process; default: ignored (after continuing) */
#define SIGSTOP 19    /* stop until SIGCONT; cannot be caught, ignored or blocked */
#define SIGTSTP 20    /* Ctrl-Z on the console; default: stop */
#define SIGTTIN 21    /* a background process read the console; default: stop */
#define NSIG    32    /* signal numbers are 1..NSIG-1 */

/* Signal dispositions (sigaction's handler), and sigprocmask's HOW. */
#define SIG_DFL ((void (*)(int))0)
#define SIG_IGN ((void (*)(int))1)
#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2
#define SIG_BIT(sig) (1u << (sig))   /* a signal's bit in a mask */

struct sigaction {
	void (*sa_handler)(int);       /* SIG_DFL, SIG_IGN, or a function in user space */
	unsigned sa_mask;              /* more signals blocked while the handler runs */
	void (*sa_restorer)(void);     /* where the handler returns: calls sigreturn (libc's) */
};

/*
 * What a handler finds on its stack (ESP points at ret). Every field is
 * checked at sigreturn: a wrong magic, an EIP outside user space or a bad
 * fpu flag kills the process with SIGSEGV; EFLAGS keeps only the
 * arithmetic flags and DF.
 */
#define SIGFRAME_MAGIC 0x5167F4A3u
struct sigframe {
	unsigned ret;                  /* sa_restorer: the handler's return address */
	int sig;                       /* the handler's argument */
	unsigned magic;                /* SIGFRAME_MAGIC */
	unsigned mask;                 /* the blocked mask to restore */
	unsigned edi, esi, ebp, ebx, edx, ecx, eax;
	unsigned eip, eflags, esp;     /* where and how the interrupted code resumes */
	unsigned fpu;                  /* 1: fpu_image holds its FPU/SSE registers, 0: unused */
	unsigned char fpu_image[512];  /* its FXSAVE image */
};

/* Rights (see the comment at the top; docs/rights.md). */
#define RIGHT_SIGNAL 0x1   /* signal and setsched any process but init */
#define RIGHT_RT     0x2   /* real-time priorities; joining the Dionisys CPU SM */
#define RIGHT_RECORD 0x4   /* the CPU recorder (cpu_record) */
#define RIGHTS_ALL   0x7

/*
 * spawnx's PGID, besides an existing group: the parent's group (as spawn),
 * a new one named by the child's pid, or a new one that is made the
 * console's foreground group at once (the caller must be allowed to
 * take the console, as for tcsetpgrp: -EPERM).
 */
#define SPAWN_PGID_FOREGROUND (-2)
#define SPAWN_PGID_INHERIT    (-1)
#define SPAWN_PGID_NEW        0

/* Scheduling classes: real-time tasks always run before normal ones. */
#define SCHED_NORMAL 0   /* round-robin among normal tasks, per-task quantum */
#define SCHED_RT     1   /* fixed priority 1..SCHED_RT_LEVELS-1, higher runs first */
#define SCHED_RT_LEVELS 32

struct sched_param {
	int sched_class;      /* SCHED_NORMAL or SCHED_RT */
	int priority;         /* SCHED_RT: 1..SCHED_RT_LEVELS-1; SCHED_NORMAL: 0 */
	int quantum;          /* ticks a task runs before round-robin moves on (1..1000);
				 SCHED_RT may give 0: FIFO, it keeps the CPU until it
				 blocks or a higher-ranked task wants it */
	int period;           /* accounting window in ticks (1..10000) */
};

/* The CPU recorder (cpu_record). */
#define CPU_RECORD_MAX 8
struct cpu_record {
	int n;                         /* processes to record, 0..CPU_RECORD_MAX; 0 stops */
	int interval;                  /* ticks between samples, 1..1000 */
	int pids[CPU_RECORD_MAX];
	int targets[CPU_RECORD_MAX];   /* ticks wanted per period; 0: no violations counted */
	int periods[CPU_RECORD_MAX];   /* the request period, ticks, 1..10000 */
};

/* Process states as reported by procstat. */
#define PSTATE_RUNNABLE 1   /* running or ready */
#define PSTATE_SLEEPING 2   /* waiting for time */
#define PSTATE_BLOCKED  3   /* waiting for an event (pipe, child, console) */
#define PSTATE_STOPPED  4   /* stopped (SIGSTOP, SIGTSTP, SIGTTIN), or to stop when its wait ends */
#define PSTATE_ZOMBIE   5   /* exited, not yet waited for */

struct procstat {
	int pid, ppid;
	int state;                     /* PSTATE_* */
	struct sched_param sched;
	unsigned ticks_total;          /* CPU ticks consumed since the process started */
	unsigned ticks_window;         /* CPU ticks consumed in the last full window of sched.period */
	unsigned ticks_current;        /* CPU ticks consumed so far in the current window */
	unsigned pages;                /* user pages owned */
	char name[PROC_NAME_MAX];
};

struct sysinfo {
	unsigned uptime_ticks;
	unsigned free_pages, total_pages;
	unsigned nprocs;
	unsigned heap_bytes;           /* kernel heap mapped */
	unsigned fs_pages;             /* pages held by created files (data and index pages) */
	unsigned fs_pages_max;         /* the filesystem's budget of pages */
	unsigned fs_nodes;             /* files and directories in the filesystem */
	unsigned fs_nodes_max;         /* how many it can hold */
};

/* readdir entry */
#define DT_FILE 1
#define DT_DIR  2
struct dirent {
	char name[PATH_MAX_LEN];       /* the entry's name within the directory */
	unsigned size;                 /* bytes (files), entries (directories) */
	int type;                      /* DT_FILE or DT_DIR */
};

struct stat {
	unsigned size;                 /* bytes (files), entries (directories), 0 (others) */
	int type;                      /* DT_FILE, DT_DIR, or 0 for pipes and the console */
	int writable;                  /* 1 for created files and directories */
	unsigned dev;                  /* STAT_DEV_*: what holds the object */
	unsigned ino;                  /* ramfs: the node's number; two descriptors (or paths)
	                                  name the same file when dev and ino are equal */
};
#define STAT_DEV_NONE  0               /* pipes and the console (ino 0) */
#define STAT_DEV_RAMFS 1               /* a ramfs file or directory */

/* poweroff how */
#define POWEROFF_NORMAL     0   /* power off (QEMU exits with status 0) */
#define POWEROFF_SUITE_DONE 1   /* a test suite finished: "KT exit done", QEMU status 33 */

/* Extension invocation (ext_call). */
#define EXT_MAX_ARGS 6
#define EXT_MAX_RESERVATION 1000       /* the largest reservation ext_call accepts, ticks */
#define EXT_OK              0   /* the function returned; result is valid */
#define EXT_ABORT_OVERRUN   1   /* aborted: the CPU reservation ran out */
#define EXT_ABORT_FAULT     2   /* aborted: a fault (fault_vector) with no handler */
#define EXT_FAULT_HANDLED   3   /* faulted or raised; the extension's handler returned result */
#define EXT_RAISED          4   /* aborted: an uncaught exception (exception) with no handler */

struct ext_call {
	int nargs;                     /* in: arguments, 0..EXT_MAX_ARGS */
	int args[EXT_MAX_ARGS];        /* in: integers, or handles (see handle_mask) */
	unsigned handle_mask;          /* in: bit i set: args[i] is a handle, passed as a capability */
	int reservation;               /* in: CPU reservation in ticks (0: the default) */
	int result;                    /* out: the function's result (EXT_OK, EXT_FAULT_HANDLED) */
	int status;                    /* out: EXT_* */
	int fault_vector;              /* out: CPU exception vector (EXT_ABORT_FAULT) */
	int exception;                 /* out: exception code (EXT_RAISED) */
	unsigned ticks;                /* out: ticks charged to the invocation */
	unsigned long long cycles;     /* out: time stamp counter cycles, entry to exit */
};

struct ext_stat {
	char name[PROC_NAME_MAX];      /* the object's file name */
	unsigned invocations;          /* calls finished (a handler's run is part of its call) */
	unsigned completed;            /* returned normally */
	unsigned overruns;             /* aborted by the reservation (in a handler too) */
	unsigned faults;               /* faulted (handled or aborted; in a handler too) */
	unsigned raised;               /* ended by an uncaught exception (handled or aborted) */
	unsigned ticks;                /* ticks charged, all invocations, running ones too */
	unsigned long long cycles;     /* cycles, all invocations */
	unsigned code_bytes, data_bytes;
	int nexports;
};

/* Descriptors every process starts with. */
#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

#endif /* TALOS_SYSCALL_H */
