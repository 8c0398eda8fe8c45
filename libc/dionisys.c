/*
 * The Dionisys API of <dionisys.h>: the raw dion_* system calls, and the
 * paper's calls (DinitApp, DCreateAttrClass, DCreateMonitor, ...) built on
 * them.
 *
 * The kernel answers -ENOENT for any unknown name; the paper's results 1
 * ("the SM does not exist") and 2 ("the monitor does not exist") are told
 * apart from the other unknown names (a file, a handler, an application)
 * by looking the object up in the nameserver's listing after the failure.
 * Invariant, as in talos.c: a failing call returns -1 with errno set and
 * any other result leaves errno as it was before the call.
 */
#include <dionisys.h>
#include <errno.h>
#include <string.h>
#include "syscall.h"

/* The loader's message from the last create ("" if it left none). */
static char last_msg[DION_MSG_MAX];

/* The application that owns the SMs DCreateSM makes (0: none made yet). */
static int sm_owner;

/* ---- Raw system calls ---- */

int dion_init_app(void)
{
	return libc_result(libc_syscall(SYS_dion_init_app, 0, 0, 0, 0, 0));
}

int dion_attrclass(int cd, const char *sm, const struct dion_attr_def *attrs, int n)
{
	return libc_result(libc_syscall(SYS_dion_attrclass, (uint32_t)cd, LIBC_W(sm),
					LIBC_W(attrs), (uint32_t)n, 0));
}

int dion_create(struct dion_create *req)
{
	return libc_result(libc_syscall(SYS_dion_create, LIBC_W(req), 0, 0, 0, 0));
}

int dion_destroy(int kind, int cd, const char *name)
{
	return libc_result(libc_syscall(SYS_dion_destroy, (uint32_t)kind, (uint32_t)cd,
					LIBC_W(name), 0, 0));
}

int dion_attr_get(int cd, const char *name, int *value)
{
	return libc_result(libc_syscall(SYS_dion_attr_get, (uint32_t)cd, LIBC_W(name),
					LIBC_W(value), 0, 0));
}

int dion_attr_set(int cd, const char *name, int value)
{
	return libc_result(libc_syscall(SYS_dion_attr_set, (uint32_t)cd, LIBC_W(name),
					(uint32_t)value, 0, 0));
}

int dion_grant(int cd, int pid, unsigned rights)
{
	return libc_result(libc_syscall(SYS_dion_grant, (uint32_t)cd, (uint32_t)pid, rights,
					0, 0));
}

int dion_list(int index, struct dion_info *info)
{
	return libc_result(libc_syscall(SYS_dion_list, (uint32_t)index, LIBC_W(info), 0, 0, 0));
}

int dion_attr_list(int cd, int index, struct dion_attr_info *info)
{
	return libc_result(libc_syscall(SYS_dion_attr_list, (uint32_t)cd, (uint32_t)index,
					LIBC_W(info), 0, 0));
}

/* ---- Helpers ---- */

/*
 * Copy the string SRC into the field DST of SIZE bytes. Returns 0, or -1
 * with errno EFAULT for a NULL SRC, ENAMETOOLONG when it does not fit (a
 * name is never cut short: a cut name could name another object).
 */
static int copy_name(char *dst, size_t size, const char *src)
{
	if (!src) {
		errno = EFAULT;
		return -1;
	}
	size_t len = strlen(src);
	if (len >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(dst, src, len + 1);
	return 0;
}

/*
 * Is there an object of KIND of application CD named NAME in the listing?
 * A NULL NAME matches any name; "SM/name" names an object of another SM.
 * Leaves errno alone.
 */
static int listed(int kind, int cd, const char *name)
{
	struct dion_info info;
	const char *slash = name ? strchr(name, '/') : NULL;
	int err = errno, found = 0;

	for (int i = 0; !found && dion_list(i, &info) == 1; i++) {
		if (info.kind != kind || info.cd != cd)
			continue;
		if (!name)
			found = 1;
		else if (!slash)
			found = strncmp(info.name, name, DION_NAME_MAX) == 0;
		else
			found = strncmp(info.sm, name, (size_t)(slash - name)) == 0 &&
				info.sm[slash - name] == '\0' &&
				strncmp(info.name, slash + 1, DION_NAME_MAX) == 0;
	}
	errno = err;
	return found;
}

/*
 * Run dion_create with REQ, keeping its message for DLastMessage. Returns
 * the kernel's result, or -1 with errno.
 */
static int create(struct dion_create *req)
{
	req->msg[0] = '\0';
	int r = dion_create(req);
	memcpy(last_msg, req->msg, sizeof(last_msg));
	last_msg[sizeof(last_msg) - 1] = '\0';
	return r;
}

/*
 * DCreateMonitor and DCreateHandler: create the runner of KIND named NAME
 * of application CD from the object PATH. 0, 1 (CD has no attribute class
 * in the listing, so no SM to join), -1.
 */
static int create_runner(int kind, int cd, const char *name, int period, const char *path)
{
	struct dion_create req;
	int err = errno;

	memset(&req, 0, sizeof(req));
	req.kind = kind;
	req.cd = cd;
	req.period = period;
	last_msg[0] = '\0';
	if (copy_name(req.name, sizeof(req.name), name) < 0 ||
	    copy_name(req.path, sizeof(req.path), path) < 0)
		return -1;
	if (create(&req) >= 0)
		return 0;
	if (errno == ENOENT && !listed(DION_CLASS, cd, NULL)) {
		errno = err;
		return 1;
	}
	return -1;
}

/* ---- The paper's API ---- */

DClass_Descr_t DinitApp(void)
{
	return dion_init_app();
}

int DCreateAttrClass(DClass_Descr_t cd, const char *sm_name, const DAttr_t *attrs, int nattrs)
{
	char sm[DION_NAME_MAX];

	if (copy_name(sm, sizeof(sm), sm_name) < 0)
		return -1;
	return dion_attrclass(cd, sm, attrs, nattrs) < 0 ? -1 : 0;
}

int DCreateSM(const char *sm_name, int period, const char *src_file)
{
	struct dion_create req;

	last_msg[0] = '\0';
	if (!sm_owner) {
		int cd = dion_init_app();
		if (cd < 0)
			return -1;
		sm_owner = cd;
	}
	memset(&req, 0, sizeof(req));
	req.kind = DION_SM;
	req.cd = sm_owner;
	req.period = period;
	if (copy_name(req.sm, sizeof(req.sm), sm_name) < 0 ||
	    copy_name(req.path, sizeof(req.path), src_file) < 0)
		return -1;
	return create(&req) < 0 ? -1 : 0;
}

int DCreateMonitor(DClass_Descr_t cd, const char *mon_name, int period,
		   const char *mon_src_file)
{
	return create_runner(DION_MONITOR, cd, mon_name, period, mon_src_file);
}

int DCreateHandler(DClass_Descr_t cd, const char *hand_name, const char *hand_src_file)
{
	return create_runner(DION_HANDLER, cd, hand_name, 0, hand_src_file);
}

int DCreateEventChannel(DClass_Descr_t cd, const char *mon_name, const char *hand_name)
{
	struct dion_create req;
	int err = errno;

	memset(&req, 0, sizeof(req));
	req.kind = DION_CHANNEL;
	req.cd = cd;
	last_msg[0] = '\0';
	if (copy_name(req.name, sizeof(req.name), mon_name) < 0 ||
	    copy_name(req.handler, sizeof(req.handler), hand_name) < 0)
		return -1;
	if (create(&req) >= 0)
		return 0;
	if (errno == ENOENT && !listed(DION_MONITOR, cd, mon_name)) {
		errno = err;
		return 2;
	}
	return -1;
}

DClass_Descr_t DSMOwner(void)
{
	if (!sm_owner) {
		errno = ENOENT;
		return -1;
	}
	return sm_owner;
}

int DEventChannelId(DClass_Descr_t cd, const char *mon_name)
{
	struct dion_info info;
	int r;

	if (!mon_name) {
		errno = EFAULT;
		return -1;
	}
	for (int i = 0; (r = dion_list(i, &info)) == 1; i++)
		if (info.kind == DION_CHANNEL && info.cd == cd &&
		    strncmp(info.name, mon_name, DION_NAME_MAX) == 0)
			return info.id;
	if (r == 0)
		errno = ENOENT;
	return -1;
}

int DGetAttr(DClass_Descr_t cd, const char *name, int *value)
{
	return dion_attr_get(cd, name, value);
}

int DSetAttr(DClass_Descr_t cd, const char *name, int value)
{
	return dion_attr_set(cd, name, value);
}

int DGrant(DClass_Descr_t cd, int pid, unsigned rights)
{
	return dion_grant(cd, pid, rights);
}

int DDestroy(int kind, DClass_Descr_t cd, const char *name)
{
	return dion_destroy(kind, cd, name);
}

int DList(int index, struct dion_info *info)
{
	return dion_list(index, info);
}

int DListAttrs(DClass_Descr_t cd, int index, struct dion_attr_info *info)
{
	return dion_attr_list(cd, index, info);
}

const char *DLastMessage(void)
{
	return last_msg;
}
