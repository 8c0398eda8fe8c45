/*
 * Processes: an address space, a descriptor table and one task.
 *
 * User space of a process (kernel space, below USER_BASE, is shared):
 *
 *   USER_BASE    +-------------------+  program segments from the ELF file
 *                | text, data, bss   |
 *   heap_start   +-------------------+  sbrk moves brk up and down
 *                | heap              |
 *   brk          +-------------------+
 *                |    (unmapped)     |
 *   stack_bottom +-------------------+  USER_STACK_TOP - USER_STACK_SIZE;
 *                | stack, grows down |  pages mapped on first touch
 *   USER_STACK_TOP+------------------+
 *
 * Lifecycle: spawn creates a process RUNNABLE; exit frees its address space
 * and descriptors at once and leaves a zombie holding its exit status, whose
 * kernel stack and slot the parent frees in waitpid. When a parent exits,
 * its zombie children are freed and its live children become orphans that
 * free themselves when they exit.
 *
 * Signals, rights and process groups: kernel/signal.h. The first process
 * holds every right and is its own group; a child of spawn holds none and
 * is in its parent's group.
 */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include "kernel/file.h"
#include "kernel/fpu.h"
#include "kernel/kdefs.h"
#include "kernel/object.h"
#include "kernel/signal.h"
#include "sched/sched.h"
#include "talos/param.h"

struct proc {
	struct task task;          /* the process's thread; first, so a task is its proc */
	bool in_use;               /* this slot holds a process (live or zombie) */
	int pid;
	struct proc *parent;       /* NULL for init and orphans */
	uint32_t *pd;              /* page directory (kernel entries shared) */
	uint32_t heap_start, brk;  /* program break: [heap_start, brk) is heap */
	uint32_t pages;            /* user pages mapped (not counting page tables) */
	struct fdtable files;
	struct ramfs_node *cwd;    /* working directory, holding a reference; NULL: the root */
	struct handle_table handles;  /* kernel objects: extensions, task objects */
	int killed;                /* signal that will end the process at its next kernel exit */
	bool zombie;               /* exited; status valid */
	int status;                /* wait status (W_EXITCODE or signal number) */
	struct waitq child_exit;   /* the process waits here for a child to exit */
	struct fpu_state fpu;      /* its x87/SSE registers while another process has the FPU */
	struct sig_state sig;      /* handlers, pending and blocked signals, the alarm */
	unsigned rights;           /* RIGHT_* it holds */
	int pgid;                  /* its process group */
};

/* Set up the process table. */
void proc_init(void);

/* The process table: live and zombie processes, and free slots (in_use false). */
extern struct proc proc_table[PARAM_NPROC];

/* The process whose task is current, or NULL in a kernel thread or idle. */
static inline struct proc *proc_current(void)
{
	/* The task is the first member of struct proc: a task inside the table is a process. */
	struct task *t = sched_current();
	if ((char *)t < (char *)proc_table || (char *)t >= (char *)(proc_table + PARAM_NPROC))
		return NULL;
	return (struct proc *)t;
}

/* Find a live or zombie process by pid, or NULL. */
struct proc *proc_find(int pid);

/*
 * Create a process running PATH with ARGV (ARGC strings in kernel memory),
 * child of PARENT (NULL for the first process), with descriptors 0..2 set to
 * FDS[0..2] (new references are taken; NULL entries stay closed) and
 * PARENT's working directory (the root for the first process). PATH is
 * absolute (kernel/fspath.h). Returns
 * the pid or -errno (-ENOENT, -ENOEXEC, -ENOMEM, -EAGAIN table full, -E2BIG).
 */
int proc_spawn(const char *path, int argc, char *const argv[], struct proc *parent,
	       struct file *const fds[3]);

/*
 * A hook run first thing when a process exits, in its own context (ext/
 * uses it to destroy what the process owns in Dionisys).
 */
typedef void proc_exit_fn(struct proc *p);
void proc_set_exit_hook(proc_exit_fn *fn);

/* End the current process with wait status STATUS. Never returns. */
void proc_exit(int status) NORETURN;

/*
 * Wait for a child of the current process: PID or any (-1). Stores the wait
 * status and returns the pid; 0 with WNOHANG when none has exited; -ECHILD.
 */
int proc_wait(int pid, int *status, int options);

/* Grow or shrink the current process's heap by INCR; old break or -ENOMEM. */
int32_t proc_sbrk(int32_t incr);

/*
 * A user-mode trap the process cannot survive (fault): print one line naming
 * pid, name, trap, EIP and address, and kill it with SIG. Never returns.
 */
void proc_fault(struct trapframe *tf, int sig) NORETURN;

/* On entry to a system call: end the process if it was killed before it could notice. */
static inline void proc_exit_if_killed(void)
{
	struct proc *p = proc_current();
	if (p && p->killed)
		proc_exit(p->killed);
}

/* On the way back to user mode: end the process if it was killed, run a pending handler. */
static inline void proc_return_to_user(struct trapframe *tf)
{
	struct proc *p = proc_current();
	if (!p)
		return;
	if (p->killed)
		proc_exit(p->killed);
	if (p->sig.pending & ~p->sig.blocked)
		sig_deliver(tf);
}

/* Map a stack page for a fault at ADDR if it lies in the stack region; true if done. */
bool proc_grow_stack(uint32_t addr);

/* Fill ST for P. */
void proc_stat(struct proc *p, struct procstat *st);

/* Number of processes (live and zombie), and their pids (up to MAX). */
int proc_list(int *pids, int max);

#endif /* KERNEL_PROC_H */
