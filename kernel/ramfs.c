/*
 * The ramfs namespace (contract and invariant in kernel/ramfs.h). Every
 * lookup is a binary search or a scan of the sorted table of at most
 * PARAM_RAMFS_FILES paths: small enough that clarity wins over indexes.
 * The bytes of created files are kernel/ramfs_data.c's business, mounting
 * the initrd kernel/ramfs_mount.c's.
 *
 * Because the table is in strcmp order, all the paths that begin with a
 * given prefix ("/bin/") are found by one scan, and renaming a directory
 * rewrites the prefix of its own path and of everything below it, then
 * sorts the table again.
 */
#include "kernel/ramfs.h"
#include "kernel/kheap.h"
#include "kernel/panic.h"
#include "kernel/string.h"

struct ramfs ramfs_root;

/* The length of S, or MAX if none of its first MAX bytes is a NUL. */
static size_t strnlen_max(const char *s, size_t max)
{
	size_t len = 0;
	while (len < max && s[len])
		len++;
	return len;
}

int ramfs_path_check(const char *path)
{
	size_t len = strnlen_max(path, PATH_MAX_LEN);
	if (len == PATH_MAX_LEN)
		return -ENAMETOOLONG;
	if (path[0] != '/')
		return -EINVAL;
	if (len == 1)
		return 0;                                /* "/" */
	for (const char *c = path; *c; ) {
		const char *name = c + 1;                /* c is at a '/' */
		const char *end = name;
		while (*end && *end != '/')
			end++;
		if (end == name || (end - name == 1 && name[0] == '.') ||
		    (end - name == 2 && name[0] == '.' && name[1] == '.'))
			return -EINVAL;                  /* "//", trailing '/', ".", ".." */
		c = end;
	}
	return 0;
}

/* The last '/' of PATH (which has one). */
static char *last_slash(char *path)
{
	char *last = path;
	for (char *c = path; *c; c++)
		if (*c == '/')
			last = c;
	return last;
}

/* Does PATH begin with the LEN bytes of DIR followed by a '/'? (LEN 0: the root.) */
static bool is_under(const char *path, const char *dir, size_t len)
{
	return strncmp(path, dir, len) == 0 && path[len] == '/';
}

/* Length of DIR's path as a prefix of its children's paths: 0 for the root. */
static size_t prefix_len(const char *dir)
{
	return dir[1] ? strlen(dir) : 0;
}

/*
 * Binary search for PATH: returns the index of its node in sorted[], or
 * where it would be inserted, with *FOUND saying which.
 */
static int position(struct ramfs *fs, const char *path, bool *found)
{
	int lo = 0, hi = fs->count;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		int c = strcmp(fs->sorted[mid]->path, path);
		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = false;
	return lo;
}

struct ramfs_node *ramfs_node_at(struct ramfs *fs, const char *path)
{
	if (path[1] == '\0')
		return &fs->root;
	bool found;
	int i = position(fs, path, &found);
	return found ? fs->sorted[i] : NULL;
}

/*
 * Why the well-formed PATH has no node: -ENOTDIR if one of the directories
 * above it is a file, else -ENOENT.
 */
static int missing(struct ramfs *fs, const char *path)
{
	char up[PATH_MAX_LEN];
	strlcpy(up, path, sizeof(up));
	for (char *slash = last_slash(up); slash && slash != up; slash = last_slash(up)) {
		*slash = '\0';
		struct ramfs_node *n = ramfs_node_at(fs, up);
		if (n)
			return n->type == DT_DIR ? -ENOENT : -ENOTDIR;
	}
	return -ENOENT;
}

int ramfs_find(struct ramfs *fs, const char *path, struct ramfs_node **node)
{
	int err = ramfs_path_check(path);
	if (err)
		return err;
	*node = ramfs_node_at(fs, path);
	return *node ? 0 : missing(fs, path);
}

/*
 * The directory that would hold the well-formed PATH (not the root): 0
 * with *DIR, or -ENOENT / -ENOTDIR.
 */
static int parent_dir(struct ramfs *fs, const char *path, struct ramfs_node **dir)
{
	char up[PATH_MAX_LEN];
	strlcpy(up, path, sizeof(up));
	char *slash = last_slash(up);
	slash[slash == up] = '\0';                  /* "/a" -> "/", "/a/b" -> "/a" */
	struct ramfs_node *d = ramfs_node_at(fs, up);
	if (!d)
		return missing(fs, up);
	if (d->type != DT_DIR)
		return -ENOTDIR;
	*dir = d;
	return 0;
}

/* Sort sorted[0..count) again by path (insertion sort: a rename moves few entries). */
static void sort_table(struct ramfs *fs)
{
	for (int i = 1; i < fs->count; i++) {
		struct ramfs_node *n = fs->sorted[i];
		int j = i;
		for (; j > 0 && strcmp(fs->sorted[j - 1]->path, n->path) > 0; j--)
			fs->sorted[j] = fs->sorted[j - 1];
		fs->sorted[j] = n;
	}
}

struct ramfs_node *ramfs_insert(struct ramfs *fs, const char *path, int type, bool writable)
{
	struct ramfs_node *n = NULL;
	for (int i = 0; i < PARAM_RAMFS_FILES && !n; i++)
		if (!fs->nodes[i].linked && fs->nodes[i].refs == 0)
			n = &fs->nodes[i];
	if (!n)
		return NULL;
	bool found;
	int at = position(fs, path, &found);
	memmove(&fs->sorted[at + 1], &fs->sorted[at], (size_t)(fs->count - at) * sizeof(n));
	fs->sorted[at] = n;
	fs->count++;
	memset(n, 0, sizeof(*n));
	strlcpy(n->path, path, sizeof(n->path));
	n->type = type;
	n->writable = writable;
	n->linked = true;
	n->fs = fs;
	return n;
}

/* Give back an unlinked node nobody holds, with its pages. */
static void release(struct ramfs_node *n)
{
	ramfs_data_free(n);
	memset(n, 0, sizeof(*n));
}

/* Take the linked node N out of the table; it is released now if nobody holds it. */
static void unlink_node(struct ramfs *fs, struct ramfs_node *n)
{
	bool found;
	int at = position(fs, n->path, &found);
	ASSERT(found && fs->sorted[at] == n);
	memmove(&fs->sorted[at], &fs->sorted[at + 1], (size_t)(fs->count - at - 1) * sizeof(n));
	fs->count--;
	n->linked = false;
	if (n->refs == 0)
		release(n);
}

void ramfs_clear(struct ramfs *fs)
{
	for (int i = 0; i < PARAM_RAMFS_FILES; i++) {
		ASSERT(fs->nodes[i].refs == 0);
		release(&fs->nodes[i]);
	}
	fs->count = 0;
	ASSERT(fs->pages_used == 0);
	memset(&fs->root, 0, sizeof(fs->root));
	strlcpy(fs->root.path, "/", sizeof(fs->root.path));
	fs->root.type = DT_DIR;
	fs->root.linked = true;
	fs->root.fs = fs;
}

int ramfs_lookup_in(struct ramfs *fs, const char *path, struct ramfs_blob *b)
{
	struct ramfs_node *n;
	int err = ramfs_find(fs, path, &n);
	if (err)
		return err;
	if (n->type == DT_DIR)
		return -EISDIR;
	b->size = n->size;
	b->copy = NULL;
	b->data = n->image;
	if (n->writable && n->size > 0) {
		b->copy = kmalloc(n->size);
		if (!b->copy)
			return -ENOMEM;
		ramfs_read(n, 0, b->copy, n->size);
		b->data = b->copy;
	}
	return 0;
}

int ramfs_lookup(const char *path, struct ramfs_blob *b)
{
	return ramfs_lookup_in(&ramfs_root, path, b);
}

void ramfs_blob_free(struct ramfs_blob *b)
{
	kfree(b->copy);
	b->copy = NULL;
	b->data = NULL;
}

int ramfs_open(struct ramfs *fs, const char *path, int flags, struct ramfs_node **node)
{
	struct ramfs_node *n, *dir;
	int err = ramfs_find(fs, path, &n);
	if (err == -ENOENT && (flags & O_CREAT)) {
		err = parent_dir(fs, path, &dir);
		if (err)
			return err;
		n = ramfs_insert(fs, path, DT_FILE, true);
		if (!n)
			return -ENOSPC;
	}
	if (err)
		return err;
	if (n->type == DT_DIR)
		return -EISDIR;
	if (!n->writable && ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC)))
		return -EROFS;
	if (flags & O_TRUNC)
		ramfs_truncate(n);
	n->refs++;
	*node = n;
	return 0;
}

struct ramfs_node *ramfs_get(struct ramfs_node *node)
{
	node->refs++;
	return node;
}

void ramfs_put(struct ramfs_node *node)
{
	ASSERT(node->refs > 0);
	if (--node->refs == 0 && !node->linked)
		release(node);
}

int ramfs_unlink(struct ramfs *fs, const char *path)
{
	struct ramfs_node *n;
	int err = ramfs_find(fs, path, &n);
	if (err)
		return err;
	if (n->type == DT_DIR)
		return -EISDIR;
	if (!n->writable)
		return -EROFS;
	unlink_node(fs, n);
	return 0;
}

int ramfs_mkdir(struct ramfs *fs, const char *path)
{
	struct ramfs_node *n, *dir;
	int err = ramfs_find(fs, path, &n);
	if (err == 0)
		return -EEXIST;
	if (err != -ENOENT)
		return err;
	err = parent_dir(fs, path, &dir);
	if (err)
		return err;
	return ramfs_insert(fs, path, DT_DIR, true) ? 0 : -ENOSPC;
}

/* The number of entries directly in the directory DIR. */
static int entries(struct ramfs_node *dir)
{
	struct ramfs *fs = dir->fs;
	size_t len = prefix_len(dir->path);
	int k = 0;
	for (int i = 0; i < fs->count; i++) {
		const char *p = fs->sorted[i]->path;
		if (is_under(p, dir->path, len) && !strchr(p + len + 1, '/'))
			k++;
	}
	return k;
}

int ramfs_rmdir(struct ramfs *fs, const char *path)
{
	struct ramfs_node *n;
	int err = ramfs_find(fs, path, &n);
	if (err)
		return err;
	if (n == &fs->root)
		return -EBUSY;
	if (n->type != DT_DIR)
		return -ENOTDIR;
	if (!n->writable)
		return -EROFS;
	if (entries(n) > 0)
		return -ENOTEMPTY;
	unlink_node(fs, n);
	return 0;
}

/* Check that FROM may replace the existing node OLD in a rename: 0 or -errno. */
static int may_replace(struct ramfs_node *from, struct ramfs_node *old)
{
	if (!old->writable)
		return -EROFS;
	if (from->type == DT_FILE)
		return old->type == DT_DIR ? -EISDIR : 0;
	if (old->type != DT_DIR)
		return -ENOTDIR;
	return entries(old) > 0 ? -ENOTEMPTY : 0;
}

int ramfs_rename(struct ramfs *fs, const char *from, const char *to)
{
	struct ramfs_node *n, *old, *dir;
	int err = ramfs_find(fs, from, &n);
	if (err)
		return err;
	if ((err = ramfs_path_check(to)) != 0)
		return err;
	if (n == &fs->root || to[1] == '\0')
		return -EBUSY;
	if (!n->writable)
		return -EROFS;
	if (strcmp(from, to) == 0)
		return 0;
	size_t flen = strlen(from), tlen = strlen(to);
	if (is_under(to, from, flen))
		return -EINVAL;                          /* a directory into itself */
	if ((err = parent_dir(fs, to, &dir)) != 0)
		return err;
	old = ramfs_node_at(fs, to);
	if (old && (err = may_replace(n, old)) != 0)
		return err;
	for (int i = 0; i < fs->count; i++) {    /* every new path must fit */
		const char *p = fs->sorted[i]->path;
		if ((p == n->path || is_under(p, from, flen)) &&
		    tlen + strlen(p) - flen >= PATH_MAX_LEN)
			return -ENAMETOOLONG;
	}
	if (old)
		unlink_node(fs, old);
	char tail[PATH_MAX_LEN];
	for (int i = 0; i < fs->count; i++) {
		struct ramfs_node *c = fs->sorted[i];
		if (c != n && !is_under(c->path, from, flen))
			continue;
		strlcpy(tail, c->path + flen, sizeof(tail));
		strlcpy(c->path, to, sizeof(c->path));
		strlcat(c->path, tail, sizeof(c->path));
	}
	sort_table(fs);
	return 0;
}

int ramfs_readdir(struct ramfs *fs, const char *dir, int index, struct dirent *de)
{
	struct ramfs_node *d;
	int err = ramfs_find(fs, dir, &d);
	if (err)
		return err;
	if (d->type != DT_DIR)
		return -ENOTDIR;
	if (index < 0)
		return -EINVAL;
	size_t len = prefix_len(d->path);
	int k = 0;
	for (int i = 0; i < fs->count; i++) {
		struct ramfs_node *c = fs->sorted[i];
		const char *name = c->path + len + 1;
		if (!is_under(c->path, d->path, len) || strchr(name, '/'))
			continue;
		if (k++ < index)
			continue;
		memset(de, 0, sizeof(*de));
		strlcpy(de->name, name, sizeof(de->name));
		de->type = c->type;
		de->size = c->type == DT_DIR ? (unsigned)entries(c) : c->size;
		return 1;
	}
	return 0;
}

void ramfs_stat(struct ramfs_node *node, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->type = node->type;
	st->size = node->type == DT_DIR ? (unsigned)entries(node) : node->size;
	st->writable = node->writable;
	st->dev = STAT_DEV_RAMFS;
	st->ino = node == &node->fs->root ? 1 : (unsigned)(node - node->fs->nodes) + 2;
}
