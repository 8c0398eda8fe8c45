/*
 * The ramfs (contract and invariant in kernel/ramfs.h). Every lookup is a
 * scan or a binary search of the sorted table of at most PARAM_RAMFS_FILES
 * paths: small enough that clarity wins over indexes.
 *
 * Because the table is in strcmp order, all the paths that begin with a
 * given prefix ("/bin/") sit next to each other, so the entries of one
 * directory, and the entries of one of its subdirectories, are contiguous:
 * readdir removes duplicate subdirectory names by comparing neighbours.
 */
#include "kernel/ramfs.h"
#include "kernel/kheap.h"
#include "kernel/kprintf.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "talos/initrd.h"

#define FIRST_CAPACITY 64   /* bytes first allocated for a created file */

struct ramfs ramfs_root;

/* The length of S, or MAX if none of its first MAX bytes is a NUL. */
static size_t strnlen_max(const char *s, size_t max)
{
	size_t len = 0;
	while (len < max && s[len])
		len++;
	return len;
}

/* 0 if PATH is well-formed (see ramfs.h), else -EINVAL or -ENAMETOOLONG. */
static int path_check(const char *path)
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

/* Does PATH begin with the LEN bytes of DIR followed by a '/'? */
static bool is_under(const char *path, const char *dir, size_t len)
{
	return strncmp(path, dir, len) == 0 && path[len] == '/';
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

/* Is PATH a directory: the root, or a proper prefix of some file's path? */
static bool is_dir(struct ramfs *fs, const char *path)
{
	size_t len = strlen(path);
	if (len == 1)
		return true;
	for (int i = 0; i < fs->count; i++)
		if (is_under(fs->sorted[i]->path, path, len))
			return true;
	return false;
}

/* Is some proper prefix of PATH (a would-be directory of it) a file? */
static bool file_above(struct ramfs *fs, const char *path)
{
	for (int i = 0; i < fs->count; i++)
		if (is_under(path, fs->sorted[i]->path, strlen(fs->sorted[i]->path)))
			return true;
	return false;
}

/* The linked file PATH into *NODE: 0, or -ENOENT, -EISDIR, -ENOTDIR, -EINVAL, -ENAMETOOLONG. */
static int resolve(struct ramfs *fs, const char *path, struct ramfs_node **node)
{
	int err = path_check(path);
	if (err)
		return err;
	bool found;
	int i = position(fs, path, &found);
	if (found) {
		*node = fs->sorted[i];
		return 0;
	}
	if (is_dir(fs, path))
		return -EISDIR;
	return file_above(fs, path) ? -ENOTDIR : -ENOENT;
}

/* Link a free node slot under PATH (checked, absent); NULL when the table is full. */
static struct ramfs_node *insert(struct ramfs *fs, const char *path)
{
	struct ramfs_node *n = NULL;
	for (int i = 0; i < PARAM_RAMFS_FILES && !n; i++)
		if (!fs->nodes[i].linked && fs->nodes[i].refs == 0)
			n = &fs->nodes[i];
	if (!n || fs->count == PARAM_RAMFS_FILES)
		return NULL;
	bool found;
	int at = position(fs, path, &found);
	memmove(&fs->sorted[at + 1], &fs->sorted[at], (size_t)(fs->count - at) * sizeof(n));
	fs->sorted[at] = n;
	fs->count++;
	memset(n, 0, sizeof(*n));
	strlcpy(n->path, path, sizeof(n->path));
	n->linked = true;
	return n;
}

/* Give back an unlinked node nobody holds, with its buffer. */
static void release(struct ramfs_node *n)
{
	if (n->writable)
		kfree(n->data);
	memset(n, 0, sizeof(*n));
}

static uint32_t get_u32(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, sizeof(v));    /* the image need not be aligned */
	return v;
}

/* Undo a partial mount: FS holds only initrd nodes, which own no memory. */
static int reject(struct ramfs *fs)
{
	for (int i = 0; i < fs->count; i++)
		release(fs->sorted[i]);
	fs->count = 0;
	return -EINVAL;
}

int ramfs_mount(struct ramfs *fs, const void *image, uint32_t len)
{
	ASSERT(fs->count == 0);
	const uint8_t *img = image;
	if (len < INITRD_HEADER_LEN || memcmp(img, INITRD_MAGIC, INITRD_MAGIC_LEN) != 0) {
		kprintf("ramfs: initrd of %u bytes does not start with the magic \"%s\"\n",
			len, INITRD_MAGIC);
		return reject(fs);
	}
	uint32_t count = get_u32(img + INITRD_MAGIC_LEN);
	if (count > PARAM_RAMFS_FILES) {
		kprintf("ramfs: initrd has %u files, more than the %u the ramfs holds\n",
			count, PARAM_RAMFS_FILES);
		return reject(fs);
	}
	if (count * INITRD_ENTRY_LEN > len - INITRD_HEADER_LEN) {
		kprintf("ramfs: initrd entry table (%u entries) runs past its end (%u bytes)\n",
			count, len);
		return reject(fs);
	}
	for (uint32_t i = 0; i < count; i++) {
		const uint8_t *e = img + INITRD_HEADER_LEN + i * INITRD_ENTRY_LEN;
		const char *path = (const char *)e;
		uint32_t offset = get_u32(e + INITRD_PATH_LEN);
		uint32_t size = get_u32(e + INITRD_PATH_LEN + 4);
		struct ramfs_node *n;
		int err;
		if (strnlen_max(path, INITRD_PATH_LEN) == INITRD_PATH_LEN) {
			kprintf("ramfs: initrd entry %u: path is not NUL-terminated\n", i);
		} else if (path_check(path) != 0 || path[1] == '\0') {
			kprintf("ramfs: initrd entry %u: \"%s\" is not an absolute file path\n",
				i, path);
		} else if (offset > len || size > len - offset) {
			kprintf("ramfs: initrd entry %u (%s): data at %u, %u bytes, "
				"lies outside the image (%u bytes)\n", i, path, offset, size, len);
		} else if ((err = resolve(fs, path, &n)) != -ENOENT) {
			kprintf("ramfs: initrd entry %u: %s %s\n", i, path, err == 0 ?
				"appears twice" : "would be both a file and a directory");
		} else if (!(n = insert(fs, path))) {
			kprintf("ramfs: initrd entry %u: no free node for %s\n", i, path);
		} else {
			n->data = (uint8_t *)img + offset;   /* never written: !writable */
			n->size = size;
			continue;
		}
		return reject(fs);
	}
	return 0;
}

int ramfs_init(const void *image, uint32_t len)
{
	return ramfs_mount(&ramfs_root, image, len);
}

int ramfs_lookup_in(struct ramfs *fs, const char *path, const uint8_t **data, uint32_t *size)
{
	struct ramfs_node *n;
	int err = resolve(fs, path, &n);
	if (err)
		return err;
	*data = n->data;
	*size = n->size;
	return 0;
}

int ramfs_lookup(const char *path, const uint8_t **data, uint32_t *size)
{
	return ramfs_lookup_in(&ramfs_root, path, data, size);
}

int ramfs_open(struct ramfs *fs, const char *path, int flags, struct ramfs_node **node)
{
	struct ramfs_node *n;
	int err = resolve(fs, path, &n);
	if (err == -ENOENT && (flags & O_CREAT)) {
		n = insert(fs, path);
		if (!n)
			return -ENOSPC;
		n->writable = true;
		err = 0;
	}
	if (err)
		return err;
	if (!n->writable && ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC)))
		return -EACCES;
	if (flags & O_TRUNC)
		n->size = 0;                /* the buffer is kept for the next writes */
	n->refs++;
	*node = n;
	return 0;
}

void ramfs_put(struct ramfs_node *node)
{
	ASSERT(node->refs > 0);
	if (--node->refs == 0 && !node->linked)
		release(node);
}

uint32_t ramfs_read(struct ramfs_node *node, uint32_t offset, void *buf, uint32_t n)
{
	if (offset >= node->size)
		return 0;
	if (n > node->size - offset)
		n = node->size - offset;
	memcpy(buf, node->data + offset, n);
	return n;
}

/* Make room for END bytes in writable N: double the buffer until it fits. */
static int reserve(struct ramfs_node *n, uint32_t end)
{
	if (end <= n->capacity)
		return 0;
	uint32_t cap = n->capacity ? n->capacity : FIRST_CAPACITY;
	while (cap < end)
		cap *= 2;
	if (cap > PARAM_RAMFS_FILE_MAX)
		cap = PARAM_RAMFS_FILE_MAX;
	uint8_t *data = kmalloc(cap);
	if (!data)
		return -ENOMEM;
	memcpy(data, n->data, n->size);
	kfree(n->data);
	n->data = data;
	n->capacity = cap;
	return 0;
}

int ramfs_write(struct ramfs_node *node, uint32_t offset, const void *buf, uint32_t n)
{
	ASSERT(node->writable);
	if (n == 0)
		return 0;
	if (offset > PARAM_RAMFS_FILE_MAX || n > PARAM_RAMFS_FILE_MAX - offset)
		return -ENOSPC;
	int err = reserve(node, offset + n);
	if (err)
		return err;
	if (offset > node->size)
		memset(node->data + node->size, 0, offset - node->size);
	memcpy(node->data + offset, buf, n);
	if (offset + n > node->size)
		node->size = offset + n;
	return (int)n;
}

int ramfs_unlink(struct ramfs *fs, const char *path)
{
	struct ramfs_node *n;
	int err = resolve(fs, path, &n);
	if (err)
		return err;
	if (!n->writable)
		return -EACCES;
	bool found;
	int at = position(fs, path, &found);
	memmove(&fs->sorted[at], &fs->sorted[at + 1], (size_t)(fs->count - at - 1) * sizeof(n));
	fs->count--;
	n->linked = false;
	if (n->refs == 0)
		release(n);
	return 0;
}

/* Length of the first component of NAME (up to a '/' or the end). */
static size_t name_len(const char *name)
{
	size_t len = 0;
	while (name[len] && name[len] != '/')
		len++;
	return len;
}

/*
 * Walk the distinct immediate children of the directory named by the DLEN
 * first bytes of DIR (DLEN 0 for the root): the entries whose paths begin
 * with those bytes and a '/'. Returns how many children there are; when
 * 0 <= WANT < that number, *HIT gets the first node under child WANT.
 */
static int walk_children(struct ramfs *fs, const char *dir, size_t dlen, int want,
			 struct ramfs_node **hit)
{
	int k = 0;
	const char *prev = NULL;      /* name of the last child counted */
	size_t prev_len = 0;
	for (int i = 0; i < fs->count; i++) {
		const char *path = fs->sorted[i]->path;
		if (!is_under(path, dir, dlen))
			continue;
		const char *name = path + dlen + 1;
		size_t len = name_len(name);
		if (prev && len == prev_len && strncmp(name, prev, len) == 0)
			continue;             /* another entry of the same subdirectory */
		if (k == want)
			*hit = fs->sorted[i];
		k++;
		prev = name;
		prev_len = len;
	}
	return k;
}

int ramfs_readdir(struct ramfs *fs, const char *dir, int index, struct dirent *de)
{
	struct ramfs_node *hit;
	int err = resolve(fs, dir, &hit);
	if (err != -EISDIR)
		return err == 0 ? -ENOTDIR : err;
	if (index < 0)
		return -EINVAL;
	size_t dlen = dir[1] ? strlen(dir) : 0;
	if (index >= walk_children(fs, dir, dlen, index, &hit))
		return 0;
	const char *name = hit->path + dlen + 1;
	size_t len = name_len(name);
	memset(de, 0, sizeof(*de));
	memcpy(de->name, name, len);
	if (name[len] == '/') {
		de->type = DT_DIR;
		de->size = (unsigned)walk_children(fs, hit->path, dlen + 1 + len, -1, NULL);
	} else {
		de->type = DT_FILE;
		de->size = hit->size;
	}
	return 1;
}
