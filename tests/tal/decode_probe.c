/*
 * decode-probe: a host entry point into the verifier's decoder for the
 * differential test against objdump (tests/tal/decode_diff.py).
 *
 * Usage: decode-probe STRIDE FILE
 *   FILE is a sequence of slots of STRIDE bytes. Each slot is decoded by
 *   tal_decode() at offset 0 with the slot's end as the end of the code,
 *   and by the fuzzer oracle's own decoder (oracle_insn()), and one line
 *   is printed per slot:
 *     ORACLE ok LEN TRUNC CANON       a subset instruction of LEN bytes
 *     ORACLE forbidden LEN - WHAT     E_FORBIDDEN, WHAT is the name it gave
 *     ORACLE indirect LEN - WHAT      E_INDIRECT
 *     ORACLE unknown LEN - -          E_DECODE_UNKNOWN
 *     ORACLE truncated - - -          E_DECODE_TRUNCATED
 *   ORACLE is the oracle's length, "mem" when it refuses the instruction
 *   as a memory write other than mov, or "-" when it refuses it otherwise.
 *   TRUNC is "cut" when every shorter end (pc + 1 .. pc + LEN - 1) makes
 *   tal_decode() say E_DECODE_TRUNCATED, else "NOCUT@K" for the first end
 *   K that does not. CANON is the decoded instruction in a canonical
 *   operand syntax that decode_diff.py also derives from objdump:
 *     MNEMONIC OPERAND,OPERAND,...   (mnemonic with its condition: "jae")
 *     register "eax" / "al"; immediate "0x..." (32-bit, as decoded);
 *     memory "m4[BASE,INDEX,SCALE,0xDISP]" (m1 for a byte; "-" for no
 *     base or no index, and the scale is "-" when there is no index);
 *     jump and call targets "0x..." as code offsets from the slot start.
 * Invariant: this prints the decoder's own view of the bytes and nothing
 * else; it never judges. The verdict is the comparison's job.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../tal/decode.h"
#include "oracle.h"

/* Print operand O in the canonical syntax (see the header). */
static void put_opnd(const struct tal_opnd *o)
{
	switch (o->kind) {
	case TAL_O_REG:
		printf("%s", tal_decode_regname(o->reg, o->size));
		break;
	case TAL_O_IMM:
		printf("0x%x", o->imm);
		break;
	case TAL_O_MEM:
		printf("m%u[%s,", o->size,
		       o->base == TAL_NOREG ? "-" : tal_decode_regname(o->base, 4));
		if (o->index == TAL_NOREG)
			printf("-,-,");
		else
			printf("%s,%u,", tal_decode_regname(o->index, 4), o->scale);
		printf("0x%x]", (uint32_t)o->disp);
		break;
	}
}

/* Print a decoded subset instruction IN in the canonical syntax; the
 * mnemonic is the first word of the verifier's own text for it. */
static void put_canon(const struct tal_insn *in)
{
	const struct tal_opnd *ops[3] = { &in->dst, &in->src, &in->src2 };
	struct tal_diag d;
	int i, n = 0;

	tal_diag_reset(&d);
	tal_decode_format(&d, in, 0);
	printf("%.*s", (int)strcspn(d.msg, " "), d.msg);
	if (in->op == TAL_OP_JMP || in->op == TAL_OP_JCC || in->op == TAL_OP_CALL) {
		printf(" 0x%x", in->target);
		return;
	}
	for (i = 0; i < 3; i++) {
		if (ops[i]->kind == TAL_O_NONE)
			continue;
		printf(n++ ? "," : " ");
		put_opnd(ops[i]);
	}
}

/* Print "cut" when every end short of LEN truncates the instruction at
 * CODE[0], else the first end that does not. */
static void put_trunc(const uint8_t *code, uint32_t len)
{
	struct tal_insn in;
	uint32_t end;

	for (end = 1; end < len; end++) {
		if (tal_decode(code, end, 0, &in) != TAL_E_DECODE_TRUNCATED) {
			printf("NOCUT@%u", end);
			return;
		}
	}
	printf("cut");
}

static void probe(const uint8_t *slot, uint32_t stride)
{
	struct tal_insn in;
	int err = tal_decode(slot, stride, 0, &in), olen;
	char why[200];

	olen = oracle_insn(slot, stride, why, sizeof why);
	if (olen > 0)
		printf("%d ", olen);
	else
		printf("%s ", strstr(why, "writes memory") ? "mem" : "-");
	switch (err) {
	case TAL_OK:
		printf("ok %u ", in.len);
		put_trunc(slot, in.len);
		printf(" ");
		put_canon(&in);
		break;
	case TAL_E_FORBIDDEN:
	case TAL_E_INDIRECT:
		printf("%s %u - %s", err == TAL_E_FORBIDDEN ? "forbidden" : "indirect",
		       in.len, in.what ? in.what : "?");
		break;
	case TAL_E_DECODE_UNKNOWN:
		printf("unknown %u - -", in.len);
		break;
	case TAL_E_DECODE_TRUNCATED:
		printf("truncated - - -");
		break;
	default:
		printf("error%d - - -", err);
		break;
	}
	printf("\n");
}

int main(int argc, char **argv)
{
	uint8_t *slot;
	uint32_t stride;
	FILE *fp;

	if (argc != 3 || (stride = (uint32_t)atoi(argv[1])) == 0 || stride > 255) {
		fprintf(stderr, "usage: decode-probe STRIDE FILE\n");
		return 2;
	}
	if (!(fp = fopen(argv[2], "rb"))) {
		perror(argv[2]);
		return 2;
	}
	slot = malloc(stride);
	while (slot && fread(slot, 1, stride, fp) == stride)
		probe(slot, stride);
	fclose(fp);
	free(slot);
	return 0;
}
