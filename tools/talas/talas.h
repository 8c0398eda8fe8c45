/*
 * talas: the TAL assembler (host tool). Reads TAL assembly text (syntax in
 * tal/ASM.md) and writes a TAL object file (format in tal/SPEC.md).
 * talas.c parses lines and directives into the tables below; encode.c
 * encodes instructions; the object is written by talas.c at the end.
 *
 * Invariant: talas only reports the errors of the text it reads (syntax,
 * unknown names, operands it cannot encode); safety is the verifier's job,
 * so unsafe but well-formed programs assemble and are rejected by talcheck.
 */
#ifndef TALAS_H
#define TALAS_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

/* A growable byte buffer. */
struct buf {
	uint8_t *p;
	size_t len, cap;
};

void buf_put(struct buf *b, const void *src, size_t n);
void buf_u8(struct buf *b, uint32_t v);
void buf_u32(struct buf *b, uint32_t v);

/* Report "FILE:LINE: message" and exit 1. */
void asm_error(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* An instruction operand as parsed. */
struct operand {
	int kind;          /* OP_REG, OP_IMM, OP_MEM, OP_NAME */
	int size;          /* 4, or 1 for byte registers and byte memory */
	int reg;           /* OP_REG */
	int base, index;   /* OP_MEM: -1 if absent */
	int scale;         /* OP_MEM */
	int32_t disp;      /* OP_MEM displacement; OP_IMM value */
	char name[64];     /* OP_NAME: a label, function, import or global */
	bool sized;        /* an explicit byte/dword keyword was given */
};

enum { OP_REG = 1, OP_IMM, OP_MEM, OP_NAME };

/* What the encoder needs from the assembler for names. */
int asm_global(const char *name);       /* global index or -1 */
int asm_import(const char *name);       /* import index or -1 */
/* Record that the 1- or 4-byte field at code offset AT is the displacement
 * to NAME (a label or function) from offset FROM. */
void asm_fixup(uint32_t at, int size, uint32_t from, const char *name, bool call);
void asm_reloc(uint32_t at, uint32_t kind, uint32_t index);

/* Encode mnemonic MN with N operands into CODE; false if MN is unknown. */
bool encode(struct buf *code, const char *mn, struct operand *ops, int n, bool shortjmp);

#endif /* TALAS_H */
