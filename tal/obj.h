/*
 * TAL object reader: checks the container of a TAL object (header, section
 * table, every table entry, every index and offset) and gives typed access to
 * its entries. The layout is drawn in tal/SPEC.md, section "Object format".
 *
 * Invariant: once tal_obj_open() has returned TAL_OK, every accessor below
 * reads only bytes inside the object and every index stored in an entry has
 * been checked against the table it names, so callers never re-check bounds.
 */
#ifndef TAL_OBJ_H
#define TAL_OBJ_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#define TAL_MAGIC    0x4F4C4154u  /* "TALO" read as a little-endian u32 */
#define TAL_VERSION  1
#define TAL_NONE     0xFFFFFFFFu  /* "no entry" in an index field */
#define TAL_HDR_SIZE 120          /* header: 16 bytes + 13 section descriptors */

/* Sections, in the order of the header's section table. */
enum tal_sec {
	TAL_SEC_CODE,    /* machine code, 1-byte entries */
	TAL_SEC_RODATA,  /* read-only global data, 1-byte entries */
	TAL_SEC_DATA,    /* writable global data (initial values), 1-byte entries */
	TAL_SEC_STRTAB,  /* NUL-terminated names, 1-byte entries */
	TAL_SEC_TYPES,   /* struct tal_type, 16 bytes each */
	TAL_SEC_MEMBERS, /* struct tal_member, 16 bytes each */
	TAL_SEC_GLOBALS, /* struct tal_global, 16 bytes each */
	TAL_SEC_FUNCS,   /* struct tal_func, 12 bytes each */
	TAL_SEC_LABELS,  /* struct tal_label, 20 bytes each */
	TAL_SEC_ITEMS,   /* struct tal_item, 12 bytes each */
	TAL_SEC_IMPORTS, /* struct tal_import, 8 bytes each */
	TAL_SEC_EXPORTS, /* struct tal_export, 8 bytes each */
	TAL_SEC_RELOCS,  /* struct tal_reloc, 12 bytes each */
	TAL_SEC_COUNT
};

/* Kinds of type-table entries. Word types first, then memory types. */
enum tal_tkind {
	TAL_T_UNINIT = 1, /* no usable value */
	TAL_T_INT,        /* any 32-bit integer */
	TAL_T_IDX,        /* unsigned integer < a (a >= 1) */
	TAL_T_PTR,        /* non-null pointer to memory type a */
	TAL_T_PTRN,       /* pointer to memory type a, or null */
	TAL_T_CAP,        /* opaque capability of kernel object kind a */
	TAL_T_SAVED,      /* the entry value of callee-saved register a */
	TAL_T_RET,        /* the function's return address */
	TAL_T_RECORD,     /* memory: b fields members[a .. a+b), sorted by offset */
	TAL_T_ARRAY,      /* memory: b elements of word type a, 4 bytes each */
	TAL_T_BYTES,      /* memory: b bytes (a must be 0) */
	TAL_T_SIG,        /* signature: members[a] is the result, then b-1 args */
};

#define TAL_TF_RO 1u /* flags bit: read-only (array, bytes, member) */

/* One type-table entry (16 bytes on disk: kind u8, flags u8, u16 0,
 * name u32, a u32, b u32). */
struct tal_type {
	uint8_t kind;   /* enum tal_tkind */
	uint8_t flags;  /* TAL_TF_RO for arrays and bytes */
	uint32_t name;  /* strtab offset, TAL_NONE if anonymous */
	uint32_t a, b;  /* meaning depends on kind, see enum tal_tkind */
};

/* A record field or a signature member (16 bytes on disk). */
struct tal_member {
	uint32_t name;   /* strtab offset or TAL_NONE */
	uint32_t offset; /* byte offset in the record (0 for signature members) */
	uint32_t type;   /* type-table index of a word type */
	uint32_t flags;  /* TAL_TF_RO: field may be read, not written */
};

/* A typed global: SEC is TAL_SEC_RODATA or TAL_SEC_DATA. */
struct tal_global {
	uint32_t name;   /* strtab offset */
	uint32_t type;   /* type-table index of a memory type */
	uint32_t sec;    /* section holding it */
	uint32_t offset; /* 4-aligned byte offset in that section */
};

/* A function: code from START up to the next function's start (or the end). */
struct tal_func {
	uint32_t name;   /* strtab offset */
	uint32_t start;  /* code offset; functions are sorted, the first at 0 */
	uint32_t sig;    /* type-table index of a signature */
};

/* An annotated label: the state every control transfer to CODE must match. */
struct tal_label {
	uint32_t name;   /* strtab offset or TAL_NONE */
	uint32_t code;   /* code offset; labels sorted strictly increasing */
	int32_t esp;     /* esp relative to function entry, <= 0, multiple of 4 */
	uint32_t first;  /* first item in the items table */
	uint32_t count;  /* number of items */
};

#define TAL_LOC_SLOT 8 /* item loc: a stack slot (loc 0..7 is a register) */

/* One annotation entry: register LOC, or the slot at entry-relative E. */
struct tal_item {
	uint32_t loc;    /* 0..7 (not 4 = esp) or TAL_LOC_SLOT */
	int32_t e;       /* slot offset from entry esp (loc == TAL_LOC_SLOT) */
	uint32_t type;   /* type-table index of a word type */
};

struct tal_import {
	uint32_t name;   /* strtab offset: the kernel interface's name */
	uint32_t sig;    /* type-table index of a signature */
};

struct tal_export {
	uint32_t name;   /* strtab offset */
	uint32_t func;   /* function index */
};

enum tal_rkind {
	TAL_R_GLOBAL = 1, /* imm32 := address of global INDEX */
	TAL_R_IMPORT = 2, /* rel32 of a call := import INDEX - next instruction */
};

struct tal_reloc {
	uint32_t code;   /* code offset of the 4 patched bytes; sorted increasing */
	uint32_t kind;   /* enum tal_rkind */
	uint32_t index;  /* global or import index */
};

/* A checked object: the caller's bytes plus the section table. */
struct tal_obj {
	const uint8_t *base;            /* the object file, owned by the caller */
	size_t len;                     /* its length */
	uint32_t handler;               /* exception handler function, or TAL_NONE */
	uint32_t off[TAL_SEC_COUNT];    /* byte offset of each section */
	uint32_t count[TAL_SEC_COUNT];  /* entry count of each section */
};

/*
 * Check the whole container of the object BASE[0..LEN) and fill O. Checks
 * magic, version, every section's bounds, alignment and overlap, every count
 * against the limits in <talos/param.h>, and every entry of every table
 * (indices, names, sort order, type well-formedness, global initial values).
 * Code is not decoded here. Returns TAL_OK or an error code (tal/diag.h) with
 * a message in DIAG.
 */
struct tal_diag;
int tal_obj_open(struct tal_obj *o, const uint8_t *base, size_t len,
                 struct tal_diag *diag);

/* Entry accessors: I must be below o->count of the section (checked by the
 * callers' loops or by tal_obj_open for stored indices). */
void tal_obj_type(const struct tal_obj *o, uint32_t i, struct tal_type *t);
void tal_obj_member(const struct tal_obj *o, uint32_t i, struct tal_member *m);
void tal_obj_global(const struct tal_obj *o, uint32_t i, struct tal_global *g);
void tal_obj_func(const struct tal_obj *o, uint32_t i, struct tal_func *f);
void tal_obj_label(const struct tal_obj *o, uint32_t i, struct tal_label *l);
uint32_t tal_obj_label_code(const struct tal_obj *o, uint32_t i);   /* just its code offset */
void tal_obj_item(const struct tal_obj *o, uint32_t i, struct tal_item *it);
void tal_obj_import(const struct tal_obj *o, uint32_t i, struct tal_import *im);
void tal_obj_export(const struct tal_obj *o, uint32_t i, struct tal_export *ex);
void tal_obj_reloc(const struct tal_obj *o, uint32_t i, struct tal_reloc *r);

/* The name of the global or import relocation I refers to, or "?" if its index is out of range. */
const char *tal_obj_reloc_sym(const struct tal_obj *o, uint32_t i);

/* The code bytes and their length. */
const uint8_t *tal_obj_code(const struct tal_obj *o);

/* The NUL-terminated name at strtab offset OFF, or "?" for TAL_NONE. */
const char *tal_obj_str(const struct tal_obj *o, uint32_t off);

/* Byte size of memory type T (a checked type-table index). */
uint32_t tal_obj_memsize(const struct tal_obj *o, uint32_t t);

/* The end (exclusive) of function I's code. */
uint32_t tal_obj_func_end(const struct tal_obj *o, uint32_t i);

/* Read a little-endian u32 at P (no alignment needed). */
uint32_t tal_obj_rd32(const uint8_t *p);

#endif /* TAL_OBJ_H */
