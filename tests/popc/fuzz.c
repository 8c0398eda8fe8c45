/*
 * libFuzzer harness for popc: every input is compiled as a Popcorn source
 * in this process (parser, checker, code generator), and an accepted one
 * is assembled by talas and verified by the TAL verifier (certify.c), as
 * the popc command does. Passing means: no crash, no sanitizer report, no
 * timeout, and no internal error, which here aborts: the text talas or
 * the verifier refuses for a program popc accepted is a finding. A user
 * error (popc_error) returns here through popc_recover.
 *
 * Environment: POPC_FUZZ_TALAS, the assembler (default build/tools/talas);
 * POPC_FUZZ_DIR, where the text and object of each input are written
 * (default /tmp).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../../tools/popc/popc.h"

static char tas[4096], obj[4096];
static const char *talas;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("POPC_FUZZ_DIR");

	(void)argc;
	(void)argv;
	talas = getenv("POPC_FUZZ_TALAS");
	if (!talas)
		talas = "build/tools/talas";
	snprintf(tas, sizeof tas, "%s/popc-fuzz-%d.tas", dir ? dir : "/tmp", (int)getpid());
	snprintf(obj, sizeof obj, "%s/popc-fuzz-%d.to", dir ? dir : "/tmp", (int)getpid());
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct program prog;
	jmp_buf back;
	char *src;
	FILE *fp;

	if (memchr(data, 0, size))
		return 0;                      /* the driver refuses a NUL byte */
	src = malloc(size + 1);
	memcpy(src, data, size);
	src[size] = '\0';
	memset(&prog, 0, sizeof prog);
	prog.file = "fuzz.pop";
	prog.src = src;
	popc_prog = &prog;
	popc_recover = &back;
	if (!setjmp(back)) {
		popc_parse(&prog);
		popc_check(&prog);
		fp = fopen(tas, "w");
		if (!fp)
			abort();
		popc_gen(&prog, fp);
		fclose(fp);
		popc_certify(&prog, talas, tas, obj);
	}
	popc_recover = NULL;
	popc_release();
	free(src);
	return 0;
}
