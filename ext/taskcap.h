/*
 * Task objects (OBJ_TASK): a handle or capability naming a process, for
 * reading its scheduling statistics. The object records the pid, not the
 * process, so it can outlive the process: using it afterwards fails with
 * -ESRCH instead of touching a reused slot.
 */
#ifndef EXT_TASKCAP_H
#define EXT_TASKCAP_H

#include "kernel/object.h"

struct proc;

struct taskcap {
	struct kobj obj;      /* kind OBJ_TASK */
	int pid;
};

/* A new task object for PID (one reference), or NULL when out of memory. */
struct taskcap *taskcap_create(int pid);

/* The live process a task object names, or NULL (exited, or not a task object). */
struct proc *taskcap_proc(struct kobj *o);

#endif /* EXT_TASKCAP_H */
