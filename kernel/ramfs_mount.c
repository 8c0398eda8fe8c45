/*
 * Mounting the initrd into a ramfs (contract in kernel/ramfs.h): every
 * entry is checked against the image before it is linked, the read-only
 * directories above each file are made on the way, and any bad entry
 * empties the filesystem again.
 */
#include "kernel/kprintf.h"
#include "kernel/panic.h"
#include "kernel/pmm.h"
#include "kernel/ramfs.h"
#include "kernel/string.h"
#include "talos/initrd.h"

/* Is there a NUL among the first MAX bytes of S? */
static bool nul_within(const char *s, size_t max)
{
	for (size_t i = 0; i < max; i++)
		if (s[i] == '\0')
			return true;
	return false;
}

static uint32_t get_u32(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, sizeof(v));    /* the image need not be aligned */
	return v;
}

/* Undo a partial mount. */
static int reject(struct ramfs *fs)
{
	ramfs_clear(fs);
	return -EINVAL;
}

/*
 * Make the read-only directories above the initrd file PATH (well-formed).
 * 0, -ENOTDIR (one of them is a file), -ENOSPC (no free node).
 */
static int make_parents(struct ramfs *fs, const char *path)
{
	char up[PATH_MAX_LEN];
	strlcpy(up, path, sizeof(up));
	for (char *c = up + 1; *c; c++) {
		if (*c != '/')
			continue;
		*c = '\0';
		struct ramfs_node *n = ramfs_node_at(fs, up);
		if (n && n->type != DT_DIR)
			return -ENOTDIR;
		if (!n && !ramfs_insert(fs, up, DT_DIR, false))
			return -ENOSPC;
		*c = '/';
	}
	return 0;
}

/* Check and link initrd entry I of IMG (LEN bytes); false (after a message) when it is bad. */
static bool mount_entry(struct ramfs *fs, const uint8_t *img, uint32_t len, uint32_t i)
{
	const uint8_t *e = img + INITRD_HEADER_LEN + i * INITRD_ENTRY_LEN;
	const char *path = (const char *)e;
	uint32_t offset = get_u32(e + INITRD_PATH_LEN);
	uint32_t size = get_u32(e + INITRD_PATH_LEN + 4);
	struct ramfs_node *n;
	int err;
	if (!nul_within(path, INITRD_PATH_LEN)) {
		kprintf("ramfs: initrd entry %u: path is not NUL-terminated\n", i);
	} else if (ramfs_path_check(path) != 0 || path[1] == '\0') {
		kprintf("ramfs: initrd entry %u: \"%s\" is not an absolute file path\n", i, path);
	} else if (offset > len || size > len - offset) {
		kprintf("ramfs: initrd entry %u (%s): data at %u, %u bytes, "
			"lies outside the image (%u bytes)\n", i, path, offset, size, len);
	} else if ((n = ramfs_node_at(fs, path)) != NULL) {
		kprintf("ramfs: initrd entry %u: %s %s\n", i, path, n->type == DT_FILE ?
			"appears twice" : "would be both a file and a directory");
	} else if ((err = make_parents(fs, path)) != 0) {
		kprintf("ramfs: initrd entry %u: %s\n", i, err == -ENOTDIR ?
			"a directory above it is a file" : "no free node for its directories");
	} else if (!(n = ramfs_insert(fs, path, DT_FILE, false))) {
		kprintf("ramfs: initrd entry %u: no free node for %s\n", i, path);
	} else {
		n->image = img + offset;
		n->size = size;
		return true;
	}
	return false;
}

int ramfs_mount(struct ramfs *fs, const void *image, uint32_t len)
{
	ASSERT(fs->count == 0);
	uint32_t budget = fs->pages_max;
	ramfs_clear(fs);
	fs->pages_max = budget;
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
	for (uint32_t i = 0; i < count; i++)
		if (!mount_entry(fs, img, len, i))
			return reject(fs);
	return 0;
}

int ramfs_init(const void *image, uint32_t len)
{
	uint32_t half = pmm_total_pages() / 2;
	ramfs_clear(&ramfs_root);
	ramfs_root.pages_max = PARAM_RAMFS_PAGES < half ? PARAM_RAMFS_PAGES : half;
	int err = image ? ramfs_mount(&ramfs_root, image, len) : 0;
	struct ramfs_node *tmp = ramfs_node_at(&ramfs_root, "/tmp");
	if (!tmp && ramfs_mkdir(&ramfs_root, "/tmp") == 0)
		tmp = ramfs_node_at(&ramfs_root, "/tmp");
	if (tmp)
		tmp->writable = false;       /* files go in it; it cannot be removed or renamed */
	return err;
}
