/*
 * TAL x86 decoder: decodes one IA-32 instruction of the accepted subset
 * (SPEC.md, section "Instruction subset") into a small structure
 * (decode.c), and prints it back in Intel syntax for messages and
 * `talcheck --dump` (decode_format.c).
 * Instructions known to be forbidden are recognised and named, so the
 * verifier can say "forbidden instruction cli" instead of "unknown".
 *
 * Invariant: tal_decode() reads only code[pc .. end) and, on success,
 * in->len >= 1 and pc + in->len <= end.
 */
#ifndef TAL_DECODE_H
#define TAL_DECODE_H

#include <stdint.h>
#include <stdbool.h>
#include "diag.h"

/* Operations of the subset. */
enum tal_op {
	TAL_OP_MOV, TAL_OP_MOVZX, TAL_OP_ADD, TAL_OP_SUB, TAL_OP_AND,
	TAL_OP_OR, TAL_OP_XOR, TAL_OP_CMP, TAL_OP_TEST, TAL_OP_IMUL,
	TAL_OP_NEG, TAL_OP_NOT, TAL_OP_INC, TAL_OP_DEC, TAL_OP_SHL,
	TAL_OP_SHR, TAL_OP_SAR, TAL_OP_CDQ, TAL_OP_DIV, TAL_OP_IDIV,
	TAL_OP_PUSH, TAL_OP_POP, TAL_OP_RET, TAL_OP_JMP, TAL_OP_JCC,
	TAL_OP_CALL, TAL_OP_SETCC, TAL_OP_NOP,
	TAL_OP_NCODES
};

enum tal_okind { TAL_O_NONE, TAL_O_REG, TAL_O_MEM, TAL_O_IMM };

/* Register numbers are the x86 encoding: eax ecx edx ebx esp ebp esi edi. */
enum { TAL_EAX, TAL_ECX, TAL_EDX, TAL_EBX, TAL_ESP, TAL_EBP, TAL_ESI, TAL_EDI };

#define TAL_NOREG 0xFF /* no base or no index register */

struct tal_opnd {
	uint8_t kind;   /* enum tal_okind */
	uint8_t size;   /* 1 or 4 bytes */
	uint8_t reg;    /* TAL_O_REG: the register */
	uint8_t base;   /* TAL_O_MEM: base register or TAL_NOREG */
	uint8_t index;  /* TAL_O_MEM: index register or TAL_NOREG */
	uint8_t scale;  /* TAL_O_MEM: 1, 2, 4 or 8 */
	int32_t disp;   /* TAL_O_MEM: displacement */
	uint32_t imm;   /* TAL_O_IMM: value (sign-extended from imm8) */
};

struct tal_insn {
	uint32_t pc;          /* code offset of the first byte */
	uint8_t len;          /* length in bytes */
	uint8_t op;           /* enum tal_op */
	uint8_t cc;           /* condition 0..15 for jcc and setcc */
	struct tal_opnd dst;  /* destination (or the only operand) */
	struct tal_opnd src;  /* source */
	struct tal_opnd src2; /* third operand: imul r, r/m, imm */
	uint32_t target;      /* jmp, jcc, call: target code offset */
	uint32_t imm32_at;    /* offset of a relocatable imm32/rel32, or 0xFFFFFFFF */
	const char *what;     /* name of a rejected instruction */
};

/* Condition codes (jcc, setcc): the low nibble of the opcode. */
enum { TAL_CC_B = 2, TAL_CC_AE = 3, TAL_CC_E = 4, TAL_CC_NE = 5,
       TAL_CC_BE = 6, TAL_CC_A = 7 };

/* Decode the instruction at CODE[PC], not reading at or past END. Returns
 * TAL_OK, or TAL_E_DECODE_TRUNCATED, TAL_E_DECODE_UNKNOWN, TAL_E_FORBIDDEN or
 * TAL_E_INDIRECT with in->what naming the instruction. */
int tal_decode(const uint8_t *code, uint32_t end, uint32_t pc, struct tal_insn *in);

/* Append the opcode of an instruction IN at CODE[in->pc] that tal_decode()
 * found unknown: its opcode bytes in hex, and the ModRM digit when the
 * opcode has one ("0f 05", "81 /2"). */
void tal_decode_opcode(struct tal_diag *d, const uint8_t *code, const struct tal_insn *in);

/* Append the Intel-syntax text of IN ("mov eax, [ebx+8]") to D. SYM, when
 * not NULL, is the symbol a relocation puts on the instruction: it is
 * printed instead of the immediate or the call target ("call log",
 * "mov ecx, g_node"). */
void tal_decode_format(struct tal_diag *d, const struct tal_insn *in, const char *sym);

/* Name of register R of SIZE bytes (4: "eax", 1: "al"). */
const char *tal_decode_regname(uint32_t r, int size);

/* Name of condition CC ("ae"). */
const char *tal_decode_ccname(uint32_t cc);

#endif /* TAL_DECODE_H */
