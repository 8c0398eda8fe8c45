/*
 * Processes (layout and lifecycle in kernel/proc.h): the table, spawn,
 * exit, wait, signals and the user address space.
 */
#include "kernel/proc.h"
#include "kernel/elf.h"
#include "kernel/gdt.h"
#include "kernel/kprintf.h"
#include "kernel/panic.h"
#include "kernel/pmm.h"
#include "kernel/power.h"
#include "kernel/ramfs.h"
#include "kernel/string.h"
#include "kernel/trap.h"
#include "kernel/vm.h"
#include "kernel/x86.h"
#include "talos/errno.h"

#define STACK_BOTTOM (USER_STACK_TOP - USER_STACK_SIZE)
#define KERNEL_PDES  (PARAM_KERNEL_SPACE >> 22)

static struct proc procs[PARAM_NPROC];
static int next_pid = 1;

void sched_user_entry(void);

void proc_init(void)
{
	memset(procs, 0, sizeof(procs));
}

struct proc *proc_current(void)
{
	/* The task is the first member of struct proc: a task inside the table is a process. */
	struct task *t = sched_current();
	if ((char *)t < (char *)procs || (char *)t >= (char *)(procs + PARAM_NPROC))
		return NULL;
	return (struct proc *)t;
}

struct proc *proc_find(int pid)
{
	for (int i = 0; i < PARAM_NPROC; i++)
		if (procs[i].in_use && procs[i].pid == pid)
			return &procs[i];
	return NULL;
}

/* ---- Address spaces ---- */

/* A page directory sharing the kernel's entries, or NULL. */
static uint32_t *pd_create(void)
{
	uint32_t *pd = (uint32_t *)pmm_alloc_zeroed();
	if (pd)
		memcpy(pd, vm_kernel_pd(), KERNEL_PDES * sizeof(uint32_t));
	return pd;
}

/* Free every user page, user page table and PD itself. */
static void pd_destroy(uint32_t *pd)
{
	for (uint32_t i = KERNEL_PDES; i < 1024; i++) {
		if (!(pd[i] & PTE_P))
			continue;
		uint32_t *pt = (uint32_t *)PTE_ADDR(pd[i]);
		for (int j = 0; j < 1024; j++)
			if (pt[j] & PTE_P)
				pmm_free(PTE_ADDR(pt[j]));
		pmm_free((uint32_t)pt);
	}
	pmm_free((uint32_t)pd);
}

/* Map a fresh zeroed user page at VA in P's space; false when out of memory. */
static bool map_user_page(struct proc *p, uint32_t va)
{
	uint32_t pa = pmm_alloc_zeroed();
	if (!pa)
		return false;
	if (vm_map(p->pd, va, pa, PTE_U | PTE_W) != 0) {
		pmm_free(pa);
		return false;
	}
	p->pages++;
	return true;
}

bool proc_grow_stack(uint32_t addr)
{
	struct proc *p = proc_current();
	if (!p || addr < STACK_BOTTOM || addr >= USER_STACK_TOP)
		return false;
	return map_user_page(p, ALIGN_DOWN(addr, PAGE_SIZE));
}

/*
 * Build the initial stack: the argument strings at the top, then the argv
 * array, then argv and argc, where the program's _start finds them:
 *
 *   esp -> [argc][argv] ... [argv[0]] ... [argv[argc-1]][NULL] ... strings
 *
 * Returns the initial user stack pointer, or 0 when out of memory.
 */
static uint32_t setup_stack(struct proc *p, int argc, char *const argv[])
{
	uint32_t need = 0;
	for (int i = 0; i < argc; i++)
		need += strlen(argv[i]) + 1;
	need = ALIGN_UP(need, 4) + (uint32_t)(argc + 3) * 4;
	uint32_t lowest = ALIGN_DOWN(USER_STACK_TOP - need, PAGE_SIZE);
	for (uint32_t va = lowest; va < USER_STACK_TOP; va += PAGE_SIZE)
		if (!map_user_page(p, va))
			return 0;

	/* Write through the kernel's identity map of each page. */
	uint32_t sp = USER_STACK_TOP;
	uint32_t ptrs[ARGV_MAX + 1];
	for (int i = argc - 1; i >= 0; i--) {
		uint32_t len = strlen(argv[i]) + 1;
		sp -= len;
		for (uint32_t k = 0; k < len; k++) {
			uint32_t pa;
			vm_translate(p->pd, sp + k, &pa, NULL);
			*(char *)pa = argv[i][k];
		}
		ptrs[i] = sp;
	}
	ptrs[argc] = 0;
	sp = ALIGN_DOWN(sp, 4);
	uint32_t words[ARGV_MAX + 3];
	words[0] = (uint32_t)argc;
	words[1] = sp - (uint32_t)(argc + 1) * 4;       /* where argv[] will start */
	for (int i = 0; i <= argc; i++)
		words[2 + i] = ptrs[i];
	uint32_t nwords = (uint32_t)argc + 3;
	sp -= nwords * 4;
	for (uint32_t i = 0; i < nwords; i++) {
		uint32_t pa;
		vm_translate(p->pd, sp + i * 4, &pa, NULL);
		*(uint32_t *)pa = words[i];
	}
	return sp;
}

/* ---- Spawn ---- */

static const char *basename(const char *path)
{
	const char *slash = strchr(path, '/');
	while (slash) {
		path = slash + 1;
		slash = strchr(path, '/');
	}
	return path;
}

static struct proc *alloc_slot(void)
{
	for (int i = 0; i < PARAM_NPROC; i++)
		if (!procs[i].in_use)
			return &procs[i];
	return NULL;
}

int proc_spawn(const char *path, int argc, char *const argv[], struct proc *parent,
	       struct file *const fds[3])
{
	if (argc < 1 || argc > ARGV_MAX)
		return -E2BIG;
	const uint8_t *data;
	uint32_t size;
	int err = ramfs_lookup(path, &data, &size);
	if (err)
		return err;
	struct proc *p = alloc_slot();
	if (!p)
		return -EAGAIN;
	memset(p, 0, sizeof(*p));
	p->pd = pd_create();
	if (!p->pd)
		return -ENOMEM;

	struct elf_image img;
	uint32_t sp = 0;
	err = elf_load(p->pd, data, size, &img);
	if (!err) {
		p->pages = img.pages;
		sp = setup_stack(p, argc, argv);
		if (!sp)
			err = -ENOMEM;
	}
	if (!err && !sched_task_init(&p->task, basename(path), p->pd, sched_user_entry,
				     sizeof(struct trapframe)))
		err = -ENOMEM;
	if (err) {
		pd_destroy(p->pd);
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
	p->parent = parent;
	p->pid = next_pid++;
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

void proc_exit(int status)
{
	struct proc *p = proc_current();
	ASSERT(p != NULL);
	fd_close_all(&p->files);
	handle_close_all(&p->handles);
	write_cr3((uint32_t)vm_kernel_pd());
	p->task.pd = vm_kernel_pd();
	pd_destroy(p->pd);
	p->pd = NULL;
	p->pages = 0;

	bool was = irq_save();
	for (int i = 0; i < PARAM_NPROC; i++) {
		struct proc *c = &procs[i];
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
	if (p->parent)
		sched_wakeup(&p->parent->child_exit);
	else
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
			struct proc *c = &procs[i];
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
		}
		if (!have_child || (options & WNOHANG) || me->killed) {
			irq_restore(was);
			return !have_child ? -ECHILD : me->killed ? -EINTR : 0;
		}
		sched_block(&me->child_exit);
	}
}

/* ---- Signals and faults ---- */

int proc_signal(struct proc *p, int sig)
{
	if (p->zombie)
		return 0;
	switch (sig) {
	case SIGKILL:
	case SIGTERM:
		p->killed = sig;
		sched_interrupt(&p->task);
		return 0;
	case SIGSTOP:
		sched_stop(&p->task);
		return 0;
	case SIGCONT:
		sched_continue(&p->task);
		return 0;
	default:
		return -EINVAL;
	}
}

void proc_return_to_user(struct trapframe *tf)
{
	(void)tf;
	struct proc *p = proc_current();
	if (p && p->killed)
		proc_exit(p->killed);
}

void proc_fault(struct trapframe *tf, int sig)
{
	struct proc *p = proc_current();
	ASSERT(p != NULL);
	kprintf("pid %d (%s): killed by %s (signal %d) at eip %08x, address %08x\n",
		p->pid, p->task.name, trap_name(tf->vector), sig, tf->eip,
		tf->vector == T_PGFLT ? read_cr2() : 0);
	proc_exit(sig);
}

/* ---- Heap, statistics ---- */

int32_t proc_sbrk(int32_t incr)
{
	struct proc *p = proc_current();
	uint32_t old = p->brk;
	int64_t want = (int64_t)old + incr;
	if (want < p->heap_start || want > STACK_BOTTOM - PAGE_SIZE)
		return -ENOMEM;
	uint32_t new_brk = (uint32_t)want;
	for (uint32_t va = ALIGN_UP(old, PAGE_SIZE); va < ALIGN_UP(new_brk, PAGE_SIZE); va += PAGE_SIZE) {
		if (!map_user_page(p, va)) {
			/* Undo the pages mapped so far. */
			for (uint32_t u = ALIGN_UP(old, PAGE_SIZE); u < va; u += PAGE_SIZE) {
				pmm_free(vm_unmap(p->pd, u));
				p->pages--;
			}
			return -ENOMEM;
		}
	}
	for (uint32_t va = ALIGN_UP(new_brk, PAGE_SIZE); va < ALIGN_UP(old, PAGE_SIZE); va += PAGE_SIZE) {
		pmm_free(vm_unmap(p->pd, va));
		p->pages--;
	}
	p->brk = new_brk;
	return (int32_t)old;
}

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
	sched_get_params(&p->task, &st->sched);
	sched_get_ticks(&p->task, &st->ticks_total, &st->ticks_window, &st->ticks_current);
	st->pages = p->pages;
	strlcpy(st->name, p->task.name, sizeof(st->name));
}

int proc_list(int *pids, int max)
{
	int n = 0;
	for (int i = 0; i < PARAM_NPROC; i++) {
		if (!procs[i].in_use)
			continue;
		if (n < max)
			pids[n] = procs[i].pid;
		n++;
	}
	return n;
}
