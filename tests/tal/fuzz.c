/*
 * libFuzzer harness for the TAL verifier: every input is handed to
 * tal_verify() as an object file. Passing means no crash, no sanitizer
 * report, no timeout and no leak, whatever the verdict.
 */
#include <stdint.h>
#include <stddef.h>
#include "../../tal/verify.h"

static unsigned char arena[TAL_ARENA_MAX];
static struct tal_result res;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tal_verify(data, size, arena, sizeof arena, &res);
	return 0;
}
