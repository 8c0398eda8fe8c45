/*
 * Benchmarks of the verifier running in the kernel: cycles per verified
 * instruction on generated objects of 1K to 1M instructions (made by
 * tests/tal/scale.py and packed into the benchmark initrd as
 * /bench/scale_N.to), to show that verification stays linear; and load
 * (verify + link) plus unload of objects of several sizes.
 */
#include "ext/ext.h"
#include "kernel/kbench.h"
#include "kernel/kheap.h"
#include "kernel/kprintf.h"
#include "kernel/panic.h"
#include "kernel/ramfs.h"
#include "kernel/x86.h"
#include "tal/verify.h"

static const char *const scale_paths[] = {
	"/bench/scale_1000.to", "/bench/scale_10000.to",
	"/bench/scale_100000.to", "/bench/scale_1000000.to",
};

KBENCH(tal_verify_scaling)
{
	struct tal_result *res = kmalloc(sizeof(*res));
	void *arena = kmalloc(TAL_ARENA_MAX);
	if (!res || !arena)
		PANIC("out of memory for the verifier benchmark");
	for (uint32_t i = 0; i < ARRAY_LEN(scale_paths); i++) {
		struct ramfs_blob file;             /* an initrd file: in place, nothing to free */
		if (ramfs_lookup(scale_paths[i], &file) != 0) {
			kprintf("BENCH tal_verify %s: not in the initrd (make bench packs it)\n",
				scale_paths[i]);
			continue;
		}
		const uint8_t *obj = file.data;
		uint32_t size = file.size;
		/* Small objects: the median of several runs; the largest: one run. */
		int runs = size < (1u << 20) ? KBENCH_RUNS : 1;
		uint64_t samples[KBENCH_RUNS];
		for (int r = 0; r < runs; r++) {
			uint64_t t0 = rdtsc();
			int err = tal_verify(obj, size, arena, TAL_ARENA_MAX, res);
			samples[r] = rdtsc() - t0;
			if (err != TAL_OK)
				PANIC("%s rejected: %s", scale_paths[i], res->diag.msg);
		}
		for (int r = runs; r < KBENCH_RUNS; r++)
			samples[r] = samples[0];
		char name[64];
		ksnprintf(name, sizeof(name), "tal_verify, %u instructions (%u bytes)",
			  res->ninsns, size);
		kbench_report(name, samples, res->ninsns, "verified instruction");
	}
	kfree(arena);
	kfree(res);
}

KBENCH(ext_load_unload_sizes)
{
	for (uint32_t i = 0; i < 2; i++) {
		struct ramfs_blob file;             /* an initrd file: in place, nothing to free */
		if (ramfs_lookup(scale_paths[i], &file) != 0)
			continue;
		const uint8_t *obj = file.data;
		uint32_t size = file.size;
		uint64_t load_s[KBENCH_RUNS], unload_s[KBENCH_RUNS];
		static char msg[512];
		for (int r = 0; r < KBENCH_RUNS; r++) {
			struct ext *e;
			uint64_t t0 = rdtsc();
			if (ext_load(obj, size, "scale", &e, msg, sizeof(msg)) != 0)
				PANIC("%s does not load: %s", scale_paths[i], msg);
			uint64_t t1 = rdtsc();
			kobj_put(&e->obj);
			load_s[r] = t1 - t0;
			unload_s[r] = rdtsc() - t1;
		}
		char name[64];
		ksnprintf(name, sizeof(name), "load (verify + link), %s", scale_paths[i] + 7);
		kbench_report(name, load_s, 1, "load");
		ksnprintf(name, sizeof(name), "unload, %s", scale_paths[i] + 7);
		kbench_report(name, unload_s, 1, "unload");
	}
}
