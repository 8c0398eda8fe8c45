/*
 * talas: the TAL assembler (host tool). Reads TAL assembly text (syntax in
 * tal/SPEC.md, "Assembly syntax") and writes a TAL object file (format in
 * tal/SPEC.md, "Object format"). The tool's files, in the order a line
 * meets them:
 *   talas.c      the driver: reads lines, dispatches them, reports errors
 *   lex.c        words, numbers, register names, quoted strings
 *   directive.c  .record .field .end .array .bytes .string .global
 *                .import .func .export .handler .byte
 *   types.c      the type and member tables, word types, signatures
 *   code.c       instructions (operand parsing) and annotated labels
 *   encode.c     instruction bytes
 *   symbols.c    names, and jump/call targets patched at the end
 *   object.c     the sections under construction and the object writer
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

#define MAXN 64                      /* longest name, with its NUL */

/* ---- talas.c: the driver ---- */

extern int asm_line;                 /* current line number, for messages */

/* Report "FILE:LINE: message" and exit 1. */
void asm_error(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* ---- object.c: the object under construction ---- */

/* A growable byte buffer. */
struct buf {
	uint8_t *p;
	size_t len, cap;
};

void buf_put(struct buf *b, const void *src, size_t n);
void buf_u8(struct buf *b, uint32_t v);
void buf_u32(struct buf *b, uint32_t v);

/* The byte image of each section, exactly as it will be written. */
struct asm_object {
	struct buf code, rodata, data, strtab, types, members, globals, funcs,
	           labels, items, imports, exports, relocs;
	uint32_t handler;                /* .handler's function index, or TAL_NONE */
};
extern struct asm_object obj;

/* Read / write a little-endian word of a table entry. */
uint32_t obj_rd32(const uint8_t *p);
void obj_wr32(uint8_t *p, uint32_t v);

/* Intern NAME in the string table (no sharing: names are few); returns
 * its offset. */
uint32_t obj_str(const char *name);

/* Add a relocation: the imm32 at code offset AT is the address of global
 * INDEX (TAL_R_GLOBAL) or import INDEX (TAL_R_IMPORT). */
void asm_reloc(uint32_t at, uint32_t kind, uint32_t index);

/* Stop with an error at the current line if a section has grown past its
 * limit (include/talos/param.h). */
void obj_check_limits(void);

/* Write the header and the sections to PATH; exits 1 on an I/O error or
 * when the object would exceed TAL_MAX_OBJ_BYTES. */
void obj_write(const char *path);

/* ---- lex.c: words of a line ---- */

/* Skip blanks (not newlines) at P. */
char *lex_skip(char *p);

/* Copy the next word (letters, digits, _ . ? $ - + [ ] * :) into W, which
 * holds MAXN bytes; returns the position after it. */
char *lex_word(char *p, char *w);

/* The value of the C number literal W (signed or unsigned); an error if W
 * is empty or not a number. */
long lex_number(const char *w);

/* Register W ("eax", "al"): its number, *SIZE 4 or 1; -1 if W is none. */
int lex_regnum(const char *w, int *size);

/* A "quoted string" with \n \t \\ \" \0 escapes, into OUT of MAX bytes;
 * returns its length. */
size_t lex_quoted(char *p, char *out, size_t max);

/* ---- symbols.c: names and fixups ---- */

/* A name known to the assembler. */
struct sym {
	char name[MAXN];
	int kind;        /* S_TYPE, S_GLOBAL, S_FUNC, S_LABEL, S_IMPORT */
	uint32_t index;  /* table index (type, global, func, import) or code offset */
};
enum { S_TYPE = 1, S_GLOBAL, S_FUNC, S_LABEL, S_IMPORT };

/* The latest symbol NAME of KIND, or NULL. */
struct sym *sym_lookup(const char *name, int kind);

/* Define NAME of KIND; an error if it exists or is too long. */
void sym_define(const char *name, int kind, uint32_t index);

/* What the encoder needs from the assembler for names. */
int asm_global(const char *name);       /* global index or -1 */
int asm_import(const char *name);       /* import index or -1 */
/* Record that the 1- or 4-byte field at code offset AT is the displacement
 * to NAME (a label or function) from offset FROM. */
void asm_fixup(uint32_t at, int size, uint32_t from, const char *name, bool call);

/* Patch every recorded fixup, at the end of the file: a call prefers a
 * function, a jump a label; "NAME+N" adds N. */
void sym_resolve_fixups(void);

/* ---- types.c: the type and member tables ---- */

/* Append a type entry; returns its index. */
uint32_t type_add(int kind, int flags, uint32_t name, uint32_t a, uint32_t b);

/* An anonymous word type, shared when it already exists. */
uint32_t type_word_entry(int kind, uint32_t a);

/* The index of memory type NAME; an error if it is unknown. */
uint32_t type_mem(const char *name);

/* Parse a word type at P into *OUT: int | idx N | ptr T | ptr? T | cap K |
 * saved REG | ret | uninit. */
char *type_word(char *p, uint32_t *out);

/* Append a member entry (record field or signature slot). */
void type_member(uint32_t name, uint32_t offset, uint32_t type, uint32_t flags);

/* Parse "(WT, WT, ...) -> WT" into a signature type; *NARGS gets the count. */
uint32_t type_signature(char *p, int32_t *nargs);

/* The offset of field "record.field" W in *OFF; false if W does not name
 * a record, an error if the record has no such field. */
bool type_field_offset(const char *w, int32_t *off);

/* Size in bytes of memory type T. */
uint32_t type_size(uint32_t t);

/* ---- code.c and encode.c: instructions and labels ---- */

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

/* Assemble the instruction line P into the code section. */
void code_instruction(char *p);

/* Define label NAME at the current code offset with the annotation
 * "{esp=N, REG: TYPE, [esp+N]: TYPE}" at P. */
void code_label(char *name, char *p);

/* Encode mnemonic MN with N operands into CODE; false if MN is unknown. */
bool encode(struct buf *code, const char *mn, struct operand *ops, int n, bool shortjmp);

/* ---- directive.c ---- */

extern int dir_func;                 /* function being assembled, or -1 */

/* Handle directive W (".func") whose arguments start at P. */
void dir_line(char *w, char *p);

/* At the end of the file: report a .record left open. */
void dir_finish(void);

#endif /* TALAS_H */
