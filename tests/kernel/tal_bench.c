/*
 * Benchmarks of the verifier running in the kernel: cycles per verified
 * instruction on generated objects of 1K to 1M instructions in two shapes
 * (made by tests/tal/scale.py and packed into the benchmark initrd as
 * /bench/scale_N.to and /bench/backjump_N.to), to show that verification
 * stays linear; on realistic objects (every Popcorn object of the project
 * and random programs, listed in /bench/real.list by
 * tests/tal/realistic.py), each, with their median and worst; and load
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
static const char *const backjump_paths[] = {
	"/bench/backjump_1000.to", "/bench/backjump_10000.to",
	"/bench/backjump_100000.to", "/bench/backjump_1000000.to",
};

/*
 * Verify OBJ[0..SIZE) (PATH names it) RUNS times into SAMPLES, padding
 * the rest of KBENCH_RUNS with the first run. Panics if it is rejected:
 * every benchmark object is valid.
 */
static void time_verify(const char *path, const uint8_t *obj, uint32_t size, int runs,
			uint64_t *samples, void *arena, struct tal_result *res)
{
	for (int r = 0; r < runs; r++) {
		uint64_t t0 = rdtsc();
		int err = tal_verify(obj, size, arena, TAL_ARENA_MAX, res);
		samples[r] = rdtsc() - t0;
		if (err != TAL_OK)
			PANIC("%s rejected: %s", path, res->diag.msg);
	}
	for (int r = runs; r < KBENCH_RUNS; r++)
		samples[r] = samples[0];
}

/* One figure per object of PATHS, named "tal_verify[ SHAPE], N instructions (B bytes)". */
static void verify_sizes(const char *shape, const char *const *paths, uint32_t n,
			 void *arena, struct tal_result *res)
{
	for (uint32_t i = 0; i < n; i++) {
		const uint8_t *obj;
		uint32_t size;
		if (ramfs_lookup(paths[i], &obj, &size) != 0) {
			kprintf("BENCH tal_verify %s: not in the initrd (make bench packs it)\n",
				paths[i]);
			continue;
		}
		/* Small objects: the median of several runs; the largest: one run. */
		uint64_t samples[KBENCH_RUNS];
		time_verify(paths[i], obj, size, size < (1u << 20) ? KBENCH_RUNS : 1, samples,
			    arena, res);
		char name[80];
		ksnprintf(name, sizeof(name), "tal_verify%s, %u instructions (%u bytes)", shape,
			  res->ninsns, size);
		kbench_report(name, samples, res->ninsns, "verified instruction");
	}
}

KBENCH(tal_verify_scaling)
{
	struct tal_result *res = kmalloc(sizeof(*res));
	void *arena = kmalloc(TAL_ARENA_MAX);
	if (!res || !arena)
		PANIC("out of memory for the verifier benchmark");
	verify_sizes("", scale_paths, ARRAY_LEN(scale_paths), arena, res);
	verify_sizes(" backjump", backjump_paths, ARRAY_LEN(backjump_paths), arena, res);
	kfree(arena);
	kfree(res);
}

#define REAL_MAX 512    /* realistic objects measured at most */

/*
 * Every object /bench/real.list names (one path a line): its cycles per
 * verified instruction (the median of 5 runs), printed as a TALREAL line,
 * then their median and worst as figures.
 */
KBENCH(tal_verify_realistic)
{
	const uint8_t *list;
	uint32_t list_len;
	if (ramfs_lookup("/bench/real.list", &list, &list_len) != 0) {
		kprintf("BENCH tal_verify realistic: /bench/real.list is not in the initrd\n");
		return;
	}
	struct tal_result *res = kmalloc(sizeof(*res));
	void *arena = kmalloc(TAL_ARENA_MAX);
	uint64_t *per = kmalloc(REAL_MAX * sizeof(*per));
	if (!res || !arena || !per)
		PANIC("out of memory for the verifier benchmark");
	uint32_t n = 0;
	uint64_t insns = 0;
	for (uint32_t at = 0; at < list_len && n < REAL_MAX;) {
		char path[128];
		uint32_t len = 0;
		while (at < list_len && list[at] != '\n') {
			if (len + 1 < sizeof(path))
				path[len++] = (char)list[at];
			at++;
		}
		at++;
		path[len] = '\0';
		const uint8_t *obj;
		uint32_t size;
		if (len == 0 || ramfs_lookup(path, &obj, &size) != 0)
			continue;
		uint64_t samples[KBENCH_RUNS];
		time_verify(path, obj, size, 5, samples, arena, res);
		uint64_t m = kbench_median(samples);
		per[n++] = m / (res->ninsns ? res->ninsns : 1);
		insns += res->ninsns;
		kprintf("TALREAL %s: %u instructions, %u cycles, %u per instruction\n", path,
			res->ninsns, (uint32_t)m, (uint32_t)per[n - 1]);
	}
	if (n == 0)
		PANIC("/bench/real.list names no object in the initrd");
	for (uint32_t i = 1; i < n; i++)             /* insertion sort: n is small */
		for (uint32_t j = i; j > 0 && per[j - 1] > per[j]; j--) {
			uint64_t t = per[j];
			per[j] = per[j - 1];
			per[j - 1] = t;
		}
	kprintf("TALREAL %u objects, %u instructions in all\n", n, (uint32_t)insns);
	uint64_t samples[KBENCH_RUNS];
	for (int r = 0; r < KBENCH_RUNS; r++)
		samples[r] = per[n / 2];
	kbench_report("tal_verify, realistic objects, median", samples, 1, "verified instruction");
	for (int r = 0; r < KBENCH_RUNS; r++)
		samples[r] = per[n - 1];
	kbench_report("tal_verify, realistic objects, worst", samples, 1, "verified instruction");
	kfree(per);
	kfree(arena);
	kfree(res);
}

KBENCH(ext_load_unload_sizes)
{
	for (uint32_t i = 0; i < 2; i++) {
		const uint8_t *obj;
		uint32_t size;
		if (ramfs_lookup(scale_paths[i], &obj, &size) != 0)
			continue;
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
