/*
 * The fuzzer's verdict oracle: an independent check of the properties that
 * make an object the verifier accepted safe to run, written apart from the
 * verifier (it reads the object format and decodes the code itself, and
 * never calls tal/), so that a verifier bug that accepts a bad object shows
 * up as a disagreement instead of going unnoticed.
 *
 * What it checks, for every function (code from its start to the next
 * function's start or the end of the code):
 *   - walking from the start, each instruction is in the subset of
 *     tal/SPEC.md (exact opcodes and ModRM digits, no prefix), so no
 *     forbidden opcode (int, in/out, cli/sti, hlt, segment loads, far
 *     transfers, privileged 0F xx) starts at any decoded offset;
 *   - no instruction runs past the end of its function;
 *   - the last instruction is jmp or ret (control never falls into the
 *     next function);
 *   - every jmp/jcc target is an annotated label inside the function;
 *   - every call without an IMPORT relocation targets the start of an
 *     earlier function (so the call graph is acyclic and the stack bound
 *     holds);
 * and for the whole object:
 *   - every label is at an instruction start of a function;
 *   - every relocation patches exactly the imm32 of mov r, imm32 or
 *     push imm32 (GLOBAL) or the rel32 of call (IMPORT).
 *
 * Invariant: oracle_check() reads only OBJ[0..LEN), whatever the bytes.
 */
#ifndef TAL_ORACLE_H
#define TAL_ORACLE_H

#include <stddef.h>
#include <stdint.h>

/* Check OBJ[0..LEN) as above. Returns 0 when every property holds, with
 * the number of instructions it decoded in *NINSNS (the verifier's count,
 * tal_result.ninsns, must be the same: otherwise the two decoders split
 * the code differently), else -1 with a one-line reason in WHY[0..N)
 * ("f at +0x3: opcode b0 is not in the subset"). */
int oracle_check(const uint8_t *obj, size_t len, uint32_t *ninsns, char *why, size_t n);

/* Decode the one instruction at CODE[0..N) with the oracle's decoder alone
 * (the differential test checks it against objdump). Returns its length,
 * or -1 with the reason in WHY[0..WN) when it is not in the subset, writes
 * memory other than by mov, or runs past N. */
int oracle_insn(const uint8_t *code, uint32_t n, char *why, size_t wn);

#endif /* TAL_ORACLE_H */
