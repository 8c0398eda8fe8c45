/*
 * libFuzzer harness for the TAL verifier: every input is handed to
 * tal_verify() as an object file. Passing means no crash, no sanitizer
 * report, no timeout and no leak, whatever the verdict, and, for every
 * object the verifier accepts, agreement with the independent verdict
 * oracle (oracle.h): its properties hold and it decodes as many
 * instructions as the verifier did. A disagreement aborts with the reason.
 *
 * Half of the mutations are libFuzzer's own; the other half change only
 * the code section of an input that has one (a byte, a known-interesting
 * instruction fragment, a copied run of code bytes, a nudged byte), so
 * that a valid seed object stays a well-formed object and its mutants
 * reach the decoder and the typing rules instead of the object reader.
 * At exit the harness prints how many accepted inputs the oracle checked.
 */
#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../tal/verify.h"
#include "oracle.h"

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

static unsigned char arena[TAL_ARENA_MAX];
static struct tal_result res;
static unsigned long long checked;   /* accepted inputs checked by the oracle */

static void report(void)
{
	fprintf(stderr, "oracle: %llu accepted inputs checked\n", checked);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	atexit(report);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[200];
	uint32_t ninsns;

	if (tal_verify(data, size, arena, sizeof arena, &res) != TAL_OK)
		return 0;
	checked++;
	if (oracle_check(data, size, &ninsns, why, sizeof why)) {
		fprintf(stderr, "ORACLE: the verifier accepted an object the oracle refuses: %s\n",
		        why);
		abort();
	}
	if (ninsns != res.ninsns) {
		fprintf(stderr, "ORACLE: the verifier decoded %u instructions, the oracle %u\n",
		        res.ninsns, ninsns);
		abort();
	}
	return 0;
}

/* Instruction fragments worth planting in code: forbidden opcodes, forms
 * just outside the subset, and the first bytes of accepted ones (so the
 * bytes after them become their operands). */
static const struct { uint8_t n, b[7]; } frags[] = {
	{ 2, { 0xB0, 0x05 } }, { 2, { 0xCD, 0x80 } }, { 1, { 0xFA } }, { 1, { 0xF4 } },
	{ 2, { 0xE4, 0x60 } }, { 2, { 0x8E, 0xD8 } }, { 1, { 0x66 } }, { 1, { 0xF0 } },
	{ 3, { 0x0F, 0x01, 0x10 } }, { 3, { 0x0F, 0x22, 0xD8 } }, { 2, { 0xFF, 0xE0 } },
	{ 7, { 0xEA, 0, 0, 0, 0, 0x08, 0 } }, { 2, { 0x01, 0x08 } }, { 2, { 0xFF, 0x00 } },
	{ 1, { 0xB8 } }, { 1, { 0x68 } }, { 1, { 0xE8 } }, { 1, { 0xE9 } }, { 1, { 0xEB } },
	{ 2, { 0x0F, 0x84 } }, { 1, { 0xC3 } }, { 1, { 0x90 } }, { 2, { 0x81, 0xC4 } },
	{ 3, { 0x83, 0xEC, 0x04 } }, { 2, { 0x8B, 0x04 } }, { 2, { 0xC7, 0x44 } },
};

static uint32_t rd32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The code section of DATA[0..SIZE): its offset and length, or false. */
static bool code_section(const uint8_t *data, size_t size, uint32_t *off, uint32_t *n)
{
	if (size < 24 || rd32(data) != 0x4F4C4154)
		return false;
	*off = rd32(data + 16);
	*n = rd32(data + 20);
	return *n > 0 && *off <= size && *n <= size - *off;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
	uint32_t off, n, at, from, k, i;
	uint8_t *code;

	if ((seed & 1) || !code_section(data, size, &off, &n))
		return LLVMFuzzerMutate(data, size, max_size);
	srand(seed);
	code = data + off;
	at = (uint32_t)rand() % n;
	switch (rand() % 4) {
	case 0:
		code[at] = (uint8_t)rand();
		break;
	case 1:
		i = (uint32_t)rand() % (sizeof frags / sizeof frags[0]);
		for (k = 0; k < frags[i].n && at + k < n; k++)
			code[at + k] = frags[i].b[k];
		break;
	case 2:
		from = (uint32_t)rand() % n;
		for (k = 1 + (uint32_t)rand() % 8; k > 0 && at < n && from < n; k--)
			code[at++] = code[from++];
		break;
	default:
		code[at] += rand() & 1 ? 1 : -1;
		break;
	}
	return size;
}
