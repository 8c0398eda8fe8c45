/*
 * Processes (layout and lifecycle in kernel/proc.h): the table, spawn,
 * exit, wait and faults. Their memory is in kernel/proc_mem.c.
 */
#include "kernel/proc.h"
#include "kernel/proc_mem.h"
#include "kernel/pmm.h"
#include "kernel/elf.h"
#include "kernel/gdt.h"
#include "kernel/kprintf.h"
#include "kernel/panic.h"
#include "kernel/power.h"
#include "kernel/ramfs.h"
#include "kernel/string.h"
#include "kernel/trap.h"
#include "kernel/vm.h"
#include "kernel/x86.h"
#include "talos/errno.h"


struct proc proc_table[PARAM_NPROC];       /* see proc.h */
static int next_pid = 1;

void sched_user_entry(void);

void proc_init(void)
{
	memset(proc_table, 0, sizeof(proc_table));
}


struct proc *proc_find(int pid)
{
	for (int i = 0; i < PARAM_NPROC; i++)
		if (proc_table[i].in_use && proc_table[i].pid == pid)
			return &proc_table[i];
	return NULL;
}

/* ---- Spawn ---- */

static struct proc *alloc_slot(void)
{
	for (int i = 0; i < PARAM_NPROC; i++)
		if (!proc_table[i].in_use)
			return &proc_table[i];
	return NULL;
}

int proc_spawn(const char *path, int argc, char *const argv[], struct proc *parent,
	       struct file *const fds[3])
{
	if (argc < 1 || argc > ARGV_MAX)
		return -E2BIG;
	struct ramfs_blob file;
	int err = ramfs_lookup(path, &file);
	if (err)
		return err;
	struct proc *p = alloc_slot();
	if (!p) {
		ramfs_blob_free(&file);
		return -EAGAIN;
	}
	memset(p, 0, sizeof(*p));
	p->pd = proc_pd_create();
	if (!p->pd) {
		ramfs_blob_free(&file);
		return -ENOMEM;
	}

	struct elf_image img;
	uint32_t sp = 0;
	err = elf_load(p->pd, file.data, file.size, &img);
	ramfs_blob_free(&file);
	if (!err) {
		p->pages = img.pages;
		sp = proc_setup_stack(p, argc, argv);
		if (!sp)
			err = -ENOMEM;
	}
	if (!err && !sched_task_init(&p->task, path_basename(path), p->pd, sched_user_entry,
				     sizeof(struct trapframe)))
		err = -ENOMEM;
	if (err) {
		proc_pd_destroy(p->pd);
		return err;
	}

	struct trapframe *tf = (struct trapframe *)(sched_stack_top(&p->task) - sizeof(*tf));
	memset(tf, 0, sizeof(*tf));
	tf->cs = SEG_UCODE;
	tf->ds = tf->es = tf->fs = tf->gs = tf->user_ss = SEG_UDATA;
	tf->eflags = EFLAGS_IF;
	tf->eip = img.entry;
	tf->user_esp = sp;

	p->heap_start = p->brk = ALIGN_UP(img.end, PAGE_SIZE);
	for (int i = 0; i < 3; i++)
		p->files.fd[i] = fds[i] ? file_dup(fds[i]) : NULL;
	p->cwd = parent && parent->cwd ? ramfs_get(parent->cwd) : NULL;
	p->parent = parent;
	p->pid = next_pid++;
	p->rights = parent ? 0 : RIGHTS_ALL;
	p->pgid = parent ? parent->pgid : p->pid;
	p->in_use = true;
	sched_make_runnable(&p->task);
	return p->pid;
}

/* ---- Exit and wait ---- */

/* Release a zombie's last resources and its slot. */
static void free_zombie(struct proc *p)
{
	sched_task_free_stack(&p->task);
	p->in_use = false;
}

/* An orphan frees itself once it has been switched away from for good. */
static void reap_orphan(struct task *t)
{
	free_zombie((struct proc *)t);
}

static proc_exit_fn *exit_hook;

void proc_set_exit_hook(proc_exit_fn *fn)
{
	exit_hook = fn;
}

void proc_exit(int status)
{
	struct proc *p = proc_current();
	ASSERT(p != NULL);
	if (exit_hook)
		exit_hook(p);
	fpu_forget(&p->fpu);
	fd_close_all(&p->files);
	if (p->cwd)
		ramfs_put(p->cwd);
	p->cwd = NULL;
	handle_close_all(&p->handles);
	write_cr3((uint32_t)vm_kernel_pd());
	p->task.pd = vm_kernel_pd();
	proc_pd_destroy(p->pd);
	p->pd = NULL;
	p->pages = 0;

	bool was = irq_save();
	for (int i = 0; i < PARAM_NPROC; i++) {
		struct proc *c = &proc_table[i];
		if (!c->in_use || c->parent != p)
			continue;
		c->parent = NULL;
		if (c->zombie)
			free_zombie(c);
	}
	p->status = status;
	p->zombie = true;
	if (p->pid == 1) {
		kprintf("init exited with status %d: powering off\n", status);
		power_off();
	}
	if (p->parent) {
		sched_wakeup(&p->parent->child_exit);
		sig_post(p->parent, SIGCHLD);
	} else
		p->task.reap = reap_orphan;
	irq_restore(was);
	sched_exit_current();
}

int proc_wait(int pid, int *status, int options)
{
	struct proc *me = proc_current();
	bool was = irq_save();
	for (;;) {
		bool have_child = false;
		for (int i = 0; i < PARAM_NPROC; i++) {
			struct proc *c = &proc_table[i];
			if (!c->in_use || c->parent != me || (pid != -1 && c->pid != pid))
				continue;
			have_child = true;
			if (c->zombie) {
				int cpid = c->pid;
				*status = c->status;
				free_zombie(c);
				irq_restore(was);
				return cpid;
			}
			if ((options & WUNTRACED) && c->sig.stop_report) {
				*status = W_STOPCODE(c->sig.stop_report);
				c->sig.stop_report = 0;
				irq_restore(was);
				return c->pid;
			}
		}
		bool interrupted = sig_interrupted();
		if (!have_child || (options & WNOHANG) || interrupted) {
			irq_restore(was);
			return !have_child ? -ECHILD : interrupted ? -EINTR : 0;
		}
		sched_block(&me->child_exit);
	}
}

/* ---- Faults (signals: kernel/signal.c) ---- */

void proc_fault(struct trapframe *tf, int sig)
{
	struct proc *p = proc_current();
	ASSERT(p != NULL);
	kprintf("pid %d (%s): killed by %s (signal %d) at eip %08x, address %08x\n",
		p->pid, p->task.name, trap_name(tf->vector), sig, tf->eip,
		tf->vector == T_PGFLT ? read_cr2() : 0);
	proc_exit(sig);
}

/* ---- Statistics ---- */

void proc_stat(struct proc *p, struct procstat *st)
{
	memset(st, 0, sizeof(*st));
	st->pid = p->pid;
	st->ppid = p->parent ? p->parent->pid : 0;
	switch (p->zombie ? TASK_DEAD : p->task.state) {
	case TASK_RUNNABLE: st->state = PSTATE_RUNNABLE; break;
	case TASK_SLEEPING: st->state = PSTATE_SLEEPING; break;
	case TASK_BLOCKED:  st->state = PSTATE_BLOCKED; break;
	case TASK_STOPPED:  st->state = PSTATE_STOPPED; break;
	case TASK_DEAD:     st->state = PSTATE_ZOMBIE; break;
	}
	if (!p->zombie && p->task.stop_pending)
		st->state = PSTATE_STOPPED;      /* it will not run again before SIGCONT */
	sched_get_params(&p->task, &st->sched);
	sched_get_ticks(&p->task, &st->ticks_total, &st->ticks_window, &st->ticks_current);
	st->pages = p->pages;
	strlcpy(st->name, p->task.name, sizeof(st->name));
}

int proc_list(int *pids, int max)
{
	int n = 0;
	for (int i = 0; i < PARAM_NPROC; i++) {
		if (!proc_table[i].in_use)
			continue;
		if (n < max)
			pids[n] = proc_table[i].pid;
		n++;
	}
	return n;
}
