/*
 * Dionisys system calls (ABI in include/talos/syscall.h and
 * include/talos/dionisys.h). Each copies its arguments in, checks that
 * the caller owns the application it names (or was granted access, for
 * attribute reads and writes), and calls ext/dion*.c.
 */
#include "ext/dion.h"
#include "kernel/fspath.h"
#include "kernel/kheap.h"
#include "kernel/proc.h"
#include "kernel/ramfs.h"
#include "kernel/string.h"
#include "kernel/syscall.h"
#include "kernel/uaccess.h"
#include "talos/errno.h"

/* Application CD if the current process owns it, else NULL with *ERR set. */
static struct dion_app *owned_app(int cd, int *err)
{
	struct dion_app *a = dion_app_find(cd);
	if (!a) {
		*err = -ENOENT;
		return NULL;
	}
	if (a->owner != proc_current()->pid) {
		*err = -EPERM;
		return NULL;
	}
	return a;
}

int32_t sys_dion_init_app(uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a1; (void)a2; (void)a3; (void)a4; (void)a5;
	return dion_app_create();
}

int32_t sys_dion_attrclass(uint32_t cd, uint32_t usm, uint32_t udefs, uint32_t n, uint32_t a5)
{
	(void)a5;
	int err;
	struct dion_app *a = owned_app((int)cd, &err);
	if (!a)
		return err;
	char smname[DION_NAME_MAX];
	err = uaccess_strcpy(smname, usm, sizeof(smname));
	if (err < 0)
		return err;
	if ((int)n < 0 || n > DION_ATTRS_MAX)
		return -EINVAL;
	if (uaccess_check(udefs, n * sizeof(struct dion_attr_def), false))
		return -EFAULT;
	struct dion_sm *sm = dion_sm_find(smname);
	if (!sm)
		return -ENOENT;
	return dion_class_create(a, sm, (const struct dion_attr_def *)udefs, (int)n);
}

int32_t sys_dion_create(uint32_t ureq, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a2; (void)a3; (void)a4; (void)a5;
	if (uaccess_check(ureq, sizeof(struct dion_create), true))
		return -EFAULT;
	struct dion_create *user = (struct dion_create *)ureq;
	struct dion_create *req = kmalloc(sizeof(*req));
	if (!req)
		return -ENOMEM;
	memcpy(req, user, sizeof(*req));
	req->sm[DION_NAME_MAX - 1] = req->name[DION_NAME_MAX - 1] = '\0';
	req->handler[DION_NAME_MAX - 1] = req->path[PATH_MAX_LEN - 1] = '\0';
	req->msg[0] = '\0';

	int err = 0;
	struct dion_app *a = owned_app(req->cd, &err);
	struct ramfs_blob file = { 0 };
	char path[PATH_MAX_LEN];
	if (a && req->kind != DION_CHANNEL)
		err = fspath_resolve(fspath_cwd(), req->path, path);
	if (a && req->kind != DION_CHANNEL && err == 0)
		err = ramfs_lookup(path, &file);
	if (a && err == 0)
		err = dion_create(a, req, file.data, file.size, req->msg, sizeof(req->msg));
	ramfs_blob_free(&file);
	strlcpy(user->msg, req->msg, sizeof(user->msg));
	kfree(req);
	return err;
}

int32_t sys_dion_destroy(uint32_t kind, uint32_t cd, uint32_t uname, uint32_t a4, uint32_t a5)
{
	(void)a4; (void)a5;
	int err;
	struct dion_app *a = owned_app((int)cd, &err);
	if (!a)
		return err;
	char name[DION_NAME_MAX];
	err = uaccess_strcpy(name, uname, sizeof(name));
	if (err < 0)
		return err;
	return dion_destroy(a, (int)kind, name);
}

/* Application CD and the attribute name at UNAME, copied in; 0 or -errno. */
static int app_and_name(uint32_t cd, uint32_t uname, struct dion_app **a, char *name)
{
	*a = dion_app_find((int)cd);
	if (!*a)
		return -ENOENT;
	int err = uaccess_strcpy(name, uname, DION_NAME_MAX);
	return err < 0 ? err : 0;
}

int32_t sys_dion_attr_get(uint32_t cd, uint32_t uname, uint32_t uvalue, uint32_t a4, uint32_t a5)
{
	(void)a4; (void)a5;
	struct dion_app *a;
	char name[DION_NAME_MAX];
	int err = app_and_name(cd, uname, &a, name);
	if (err)
		return err;
	if (uaccess_check(uvalue, sizeof(int), true))
		return -EFAULT;
	return dion_attr_get(a, proc_current()->pid, name, (int *)uvalue);
}

int32_t sys_dion_attr_set(uint32_t cd, uint32_t uname, uint32_t value, uint32_t a4, uint32_t a5)
{
	(void)a4; (void)a5;
	struct dion_app *a;
	char name[DION_NAME_MAX];
	int err = app_and_name(cd, uname, &a, name);
	return err ? err : dion_attr_set(a, proc_current()->pid, name, (int)value);
}

int32_t sys_dion_grant(uint32_t cd, uint32_t pid, uint32_t rights, uint32_t a4, uint32_t a5)
{
	(void)a4; (void)a5;
	int err;
	struct dion_app *a = owned_app((int)cd, &err);
	if (!a)
		return err;
	if (rights & ~(DION_R_OTHER_READ | DION_R_OTHER_WRITE) || (int)pid <= 0)
		return -EINVAL;
	for (int i = 0; i < PARAM_DION_GRANTS; i++) {
		if (a->grant_pid[i] == (int)pid || (!a->grant_pid[i] && rights)) {
			a->grant_pid[i] = rights ? (int)pid : 0;
			a->grant_rights[i] = rights;
			return 0;
		}
	}
	return rights ? -ENOSPC : 0;
}

int32_t sys_dion_list(uint32_t index, uint32_t uinfo, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a3; (void)a4; (void)a5;
	if (uaccess_check(uinfo, sizeof(struct dion_info), true))
		return -EFAULT;
	return dion_list((int)index, (struct dion_info *)uinfo) ? 1 : 0;
}

int32_t sys_dion_attr_list(uint32_t cd, uint32_t index, uint32_t uinfo, uint32_t a4, uint32_t a5)
{
	(void)a4; (void)a5;
	struct dion_app *a = dion_app_find((int)cd);
	if (!a || !a->cls)
		return -ENOENT;
	if (uaccess_check(uinfo, sizeof(struct dion_attr_info), true))
		return -EFAULT;
	if ((int)index < 0 || (int)index >= a->cls->nattrs)
		return 0;
	struct dion_attr_info *out = (struct dion_attr_info *)uinfo;
	memset(out, 0, sizeof(*out));
	strlcpy(out->name, a->cls->name[index], sizeof(out->name));
	out->rights = a->cls->rights[index];
	/* Names and rights are public; a value only to whoever may read it. */
	if (dion_attr_get(a, proc_current()->pid, out->name, &out->value) != 0) {
		out->value = 0;
		out->rights |= DION_R_HIDDEN;
	}
	return 1;
}
