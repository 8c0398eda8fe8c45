/*
 * Extension system calls (ABI in include/talos/syscall.h): load, look up
 * an export, call it by index, statistics, closing handles, and task
 * objects to pass as capabilities.
 */
#include "ext/ext.h"
#include "ext/taskcap.h"
#include "kernel/fspath.h"
#include "kernel/kheap.h"
#include "kernel/proc.h"
#include "kernel/ramfs.h"
#include "kernel/string.h"
#include "kernel/syscall.h"
#include "kernel/uaccess.h"
#include "kernel/x86.h"
#include "talos/errno.h"
#include "talos/objects.h"

#define MSG_MAX 512

_Static_assert(PARAM_EXT_MAX_RESERVATION == EXT_MAX_RESERVATION, "the ABI states the limit");

int32_t sys_ext_load(uint32_t upath, uint32_t umsg, uint32_t msglen, uint32_t a4, uint32_t a5)
{
	(void)a4; (void)a5;
	char path[PATH_MAX_LEN];
	int err = fspath_user(upath, path);
	if (err < 0)
		return err;
	if (umsg && uaccess_check(umsg, msglen, true))
		return -EFAULT;
	struct ramfs_blob file;
	err = ramfs_lookup(path, &file);
	if (err)
		return err;

	char *msg = kmalloc(MSG_MAX);
	if (!msg) {
		ramfs_blob_free(&file);
		return -ENOMEM;
	}
	struct ext *e;
	err = ext_load(file.data, file.size, path_basename(path), &e, msg, MSG_MAX);
	ramfs_blob_free(&file);
	if (umsg && msglen > 0)
		strlcpy((char *)umsg, msg, msglen);
	kfree(msg);
	if (err)
		return err;
	struct proc *me = proc_current();
	int h = handle_install(&me->handles, &e->obj, RIGHT_ALL);
	kobj_put(&e->obj);                 /* the handle holds it now (or nothing does) */
	return h;
}

int32_t sys_ext_lookup(uint32_t h, uint32_t uname, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a3; (void)a4; (void)a5;
	int err;
	struct ext *e = (struct ext *)handle_get(&proc_current()->handles, (int)h, OBJ_EXT,
						 RIGHT_INVOKE, &err);
	if (!e)
		return err;
	char name[32];
	err = uaccess_strcpy(name, uname, sizeof(name));
	if (err < 0)
		return err;
	const struct ext_export *x = ext_find_export(e, name);
	return x ? (int32_t)(x - e->exports) : -ENOENT;
}

/*
 * The fast path of extension calls. The calling process's handle keeps the
 * extension alive for the whole call (only this process can close it, and
 * it is inside this call; a kill takes effect on the way out), so the run
 * borrows that reference instead of taking one (see ext_prepare).
 */
int32_t sys_ext_call(uint32_t h, uint32_t index, uint32_t ucall, uint32_t a4, uint32_t a5)
{
	(void)a4; (void)a5;
	struct proc *me = proc_current();
	int err;
	struct ext *e = (struct ext *)handle_get(&me->handles, (int)h, OBJ_EXT, RIGHT_INVOKE, &err);
	if (!e)
		return err;
	if (index >= (uint32_t)e->nexports)
		return -ENOENT;
	if (uaccess_check(ucall, sizeof(struct ext_call), true))
		return -EFAULT;
	struct ext_call *call = (struct ext_call *)ucall;
	const struct ext_export *x = &e->exports[index];
	int reservation = call->reservation;
	uint32_t mask = call->handle_mask;
	if (call->nargs != x->nargs || reservation < 0 || reservation > PARAM_EXT_MAX_RESERVATION)
		return -EINVAL;
	if (reservation == 0)
		reservation = PARAM_EXT_RESERVATION;

	/* Resolve handles to capabilities of the kinds the export declares. */
	uint32_t args[PARAM_EXT_ARGS];
	for (int i = 0; i < x->nargs; i++) {
		bool is_handle = mask & (1u << i);
		if (is_handle != (x->cap_kind[i] != 0))
			return -EINVAL;
		if (!is_handle) {
			args[i] = (uint32_t)call->args[i];
			continue;
		}
		struct kobj *o = handle_get(&me->handles, call->args[i], x->cap_kind[i], RIGHT_GRANT, &err);
		if (!o)
			return err;
		err = ext_hold(e, o);
		if (err)
			return err;
		args[i] = (uint32_t)o;
	}

	struct ext_invocation inv;
	ext_prepare_borrowed(&inv, e, x);
	uint64_t t0 = rdtsc();
	int status = ext_run(&inv, args, reservation);
	uint64_t cycles = rdtsc() - t0;
	if (status < 0)
		return status;
	ext_call_results(e, &inv, status, reservation, cycles, call);
	return 0;
}

int32_t sys_ext_stat(uint32_t h, uint32_t ust, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a3; (void)a4; (void)a5;
	int err;
	struct ext *e = (struct ext *)handle_get(&proc_current()->handles, (int)h, OBJ_EXT,
						 RIGHT_READ, &err);
	if (!e)
		return err;
	if (uaccess_check(ust, sizeof(struct ext_stat), true))
		return -EFAULT;
	*(struct ext_stat *)ust = e->stats;
	return 0;
}

int32_t sys_handle_close(uint32_t h, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a2; (void)a3; (void)a4; (void)a5;
	return handle_close(&proc_current()->handles, (int)h);
}

int32_t sys_task_open(uint32_t pid, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a2; (void)a3; (void)a4; (void)a5;
	struct proc *me = proc_current();
	struct proc *p = pid == 0 ? me : proc_find((int)pid);
	if (!p || p->zombie)
		return -ESRCH;
	struct taskcap *t = taskcap_create(p->pid);
	if (!t)
		return -ENOMEM;
	int h = handle_install(&me->handles, &t->obj, RIGHT_READ | RIGHT_GRANT);
	kobj_put(&t->obj);
	return h;
}
