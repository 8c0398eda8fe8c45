/*
 * Resolving process paths (contract in kernel/fspath.h). The result is
 * built component by component in OUT, which always holds "" (the root)
 * or "/a/b": a ".." cuts OUT back to its last '/'.
 */
#include "kernel/fspath.h"
#include "kernel/proc.h"
#include "kernel/ramfs.h"
#include "kernel/string.h"
#include "kernel/uaccess.h"

/* Drop the last component of OUT (of LEN bytes); returns the new length. */
static size_t go_up(char *out, size_t len)
{
	while (len > 0 && out[len - 1] != '/')
		len--;
	if (len > 0)
		len--;                               /* the '/' before it */
	out[len] = '\0';
	return len;
}

int fspath_resolve(const struct ramfs_node *cwd, const char *path, char *out)
{
	if (path[0] == '\0')
		return -ENOENT;
	size_t len = 0;
	out[0] = '\0';
	if (path[0] != '/' && cwd) {
		if (!cwd->linked)
			return -ENOENT;              /* the directory was removed */
		if (cwd->path[1])                    /* not the root */
			len = strlcpy(out, cwd->path, PATH_MAX_LEN);
	}
	for (const char *c = path; *c; ) {
		while (*c == '/')
			c++;
		const char *end = c;
		while (*end && *end != '/')
			end++;
		size_t n = (size_t)(end - c);
		if (n == 2 && c[0] == '.' && c[1] == '.') {
			len = go_up(out, len);
		} else if (n > 0 && !(n == 1 && c[0] == '.')) {
			if (len + 1 + n >= PATH_MAX_LEN)
				return -ENAMETOOLONG;
			out[len++] = '/';
			memcpy(out + len, c, n);
			len += n;
			out[len] = '\0';
		}
		c = end;
	}
	if (len == 0)
		strlcpy(out, "/", PATH_MAX_LEN);
	return 0;
}

struct ramfs_node *fspath_cwd(void)
{
	struct proc *p = proc_current();
	return p ? p->cwd : NULL;
}

int fspath_user(uint32_t upath, char *out)
{
	char raw[PATH_MAX_LEN];
	int len = uaccess_strcpy(raw, upath, sizeof(raw));
	if (len < 0)
		return len;
	return fspath_resolve(fspath_cwd(), raw, out);
}
