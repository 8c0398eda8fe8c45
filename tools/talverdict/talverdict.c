/*
 * talverdict: the verifier's verdicts on many objects at once, for the
 * expected-verdict check (tests/tal/verdicts.py, `make test-tal-verdicts`).
 *
 * Usage: talverdict [--mutants N --seed S] < LIST
 *
 * LIST holds one "NAME PATH" pair a line. For each object it prints
 *     NAME <TAB> HASH <TAB> CODE
 * where HASH is the FNV-1a 64-bit hash of the object's bytes (in hex) and
 * CODE the verdict's stable name (TAL_OK prints "OK", an error its E_ name,
 * tal_err_name()). With --mutants N it then prints the same line for N
 * byte-mutants of the object, named NAME~K for K = 0..N-1, made by the
 * frozen recipe below from a generator seeded by S and the object's hash,
 * so the same input and seed always give the same mutants.
 *
 * Invariant: the verdict is exactly tal_verify()'s (the same call as the
 * kernel's loader and talcheck). The mutation recipe is part of the
 * expected-verdict file's meaning: change it only together with a new
 * recording, in a commit that does not touch tal/.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../tal/verify.h"

#define MAX_OBJ (4u << 20)      /* bigger objects are not part of the check */

static uint64_t fnv1a(const uint8_t *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

/* xorshift64*: the mutants' random source. */
static uint64_t rnd_next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dull;
}

static uint32_t rnd_below(uint64_t *s, uint32_t n)
{
	return (uint32_t)(rnd_next(s) >> 32) % n;
}

static const char *verdict_name(int err)
{
	return err == TAL_OK ? "OK" : tal_err_name(err);
}

static void print_verdict(const char *name, const uint8_t *obj, size_t len, void *arena)
{
	static struct tal_result res;
	int err = tal_verify(obj, len, arena, TAL_ARENA_MAX, &res);
	printf("%s\t%016llx\t%s\n", name, (unsigned long long)fnv1a(obj, len),
	       verdict_name(err));
}

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/*
 * The frozen recipe: one to three edits of OUT[0..LEN), each at a place
 * inside the code section half of the time (where decoding and typing are
 * exercised) and anywhere in the object otherwise: flip one bit, set a
 * byte to a random value, set a byte to one of 00 FF 7F 80, or (at most
 * once, last) cut the object short. Returns the new length.
 */
static size_t mutate(uint8_t *out, size_t len, uint64_t *s)
{
	static const uint8_t edge[4] = { 0x00, 0xFF, 0x7F, 0x80 };
	uint32_t code_off = len >= TAL_HDR_SIZE ? rd32(out + 16) : 0;
	uint32_t code_len = len >= TAL_HDR_SIZE ? rd32(out + 20) : 0;
	bool code_ok = code_len > 0 && code_off < len && code_len <= len - code_off;
	uint32_t edits = 1 + rnd_below(s, 3);

	for (uint32_t e = 0; e < edits && len > 0; e++) {
		uint32_t at = code_ok && rnd_below(s, 2) ? code_off + rnd_below(s, code_len)
		                                         : rnd_below(s, (uint32_t)len);
		switch (rnd_below(s, 16)) {
		case 0:
			if (e == edits - 1)
				return at;              /* cut short at AT */
			/* fall through */
		case 1: case 2: case 3: case 4: case 5:
			out[at] ^= (uint8_t)(1u << rnd_below(s, 8));
			break;
		case 6: case 7: case 8: case 9: case 10:
			out[at] = (uint8_t)rnd_below(s, 256);
			break;
		default:
			out[at] = edge[rnd_below(s, 4)];
			break;
		}
	}
	return len;
}

static uint8_t *read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	uint8_t *p = malloc(MAX_OBJ);
	*len = p ? fread(p, 1, MAX_OBJ, fp) : 0;
	fclose(fp);
	return p;
}

int main(int argc, char **argv)
{
	long mutants = 0;
	unsigned long long seed = 1;
	char line[4096], name[2048], path[2048], mname[2100];

	if (argc == 5 && !strcmp(argv[1], "--mutants") && !strcmp(argv[3], "--seed")) {
		mutants = strtol(argv[2], NULL, 10);
		seed = strtoull(argv[4], NULL, 10);
	} else if (argc != 1) {
		fprintf(stderr, "usage: talverdict [--mutants N --seed S] < LIST\n");
		return 2;
	}
	void *arena = malloc(TAL_ARENA_MAX);
	uint8_t *scratch = malloc(MAX_OBJ);
	if (!arena || !scratch) {
		perror("talverdict");
		return 2;
	}
	while (fgets(line, sizeof line, stdin)) {
		if (sscanf(line, "%2047s %2047s", name, path) != 2)
			continue;
		size_t len;
		uint8_t *obj = read_file(path, &len);
		if (!obj) {
			fprintf(stderr, "talverdict: %s: cannot read\n", path);
			return 2;
		}
		print_verdict(name, obj, len, arena);
		uint64_t s = seed ^ fnv1a(obj, len);
		if (s == 0)
			s = 1;                          /* xorshift's one fixed point */
		for (long k = 0; k < mutants; k++) {
			memcpy(scratch, obj, len);
			size_t mlen = mutate(scratch, len, &s);
			snprintf(mname, sizeof mname, "%s~%ld", name, k);
			print_verdict(mname, scratch, mlen, arena);
		}
		free(obj);
	}
	return 0;
}
