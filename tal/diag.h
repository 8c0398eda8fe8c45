/*
 * TAL diagnostics: the catalogue of verifier error codes with their stable
 * names and one-line explanations, and a tiny bounded string builder the
 * verifier uses to write messages (tal/ cannot use the kernel's kprintf).
 *
 * Invariant: the message buffer is always NUL-terminated and never written
 * past its size; text that does not fit is cut, never overflowed.
 */
#ifndef TAL_DIAG_H
#define TAL_DIAG_H

#include <stdint.h>
#include <stddef.h>
#include <talos/param.h>

/* Every verdict the verifier can give. Keep in step with SPEC.md and the
 * table in diag.c; the names are stable (tests match them). */
enum tal_err {
	TAL_OK = 0,
	/* container (object format) errors */
	TAL_E_OBJ_TRUNCATED,   /* shorter than the header or over the size limit */
	TAL_E_OBJ_MAGIC,       /* wrong magic number */
	TAL_E_OBJ_VERSION,     /* unsupported version or nonzero reserved field */
	TAL_E_OBJ_RANGE,       /* a section extends past the end of the file */
	TAL_E_OBJ_ALIGN,       /* a section or global is not 4-byte aligned */
	TAL_E_OBJ_OVERLAP,     /* two sections overlap, or one overlaps the header */
	TAL_E_OBJ_LIMIT,       /* a count exceeds its limit */
	TAL_E_OBJ_STRING,      /* a name is out of the string table or unterminated */
	TAL_E_OBJ_INDEX,       /* an index names no entry of the right table */
	TAL_E_OBJ_TYPE,        /* a type-table entry is malformed */
	TAL_E_OBJ_ORDER,       /* functions, labels or relocations not sorted */
	TAL_E_OBJ_GLOBAL,      /* a global is out of its section or badly typed */
	TAL_E_OBJ_LABEL,       /* a label annotation is malformed */
	TAL_E_OBJ_EXPORT,      /* an export or the handler has a bad signature */
	TAL_E_OBJ_DUP_EXPORT,  /* two exports have the same name */
	TAL_E_OBJ_CAP_KIND,    /* cap K with K not a kernel object kind */
	/* decoding errors */
	TAL_E_DECODE_TRUNCATED,/* an instruction runs past the end of its function */
	TAL_E_DECODE_UNKNOWN,  /* an opcode outside the accepted subset */
	TAL_E_FORBIDDEN,       /* privileged, I/O, string, far, prefix, int ... */
	TAL_E_INDIRECT,        /* indirect jump or call */
	TAL_E_ADDRESSING,      /* a memory operand form that is never allowed */
	/* control-flow errors */
	TAL_E_LABEL_MISALIGNED,/* a label falls inside an instruction */
	TAL_E_JUMP_UNANNOTATED,/* a jump target is not an annotated label */
	TAL_E_JUMP_OUTSIDE,    /* a jump leaves its function */
	TAL_E_NO_LABEL,        /* code after jmp/ret does not begin at a label */
	TAL_E_FALL_OFF,        /* a function's last instruction can fall through */
	TAL_E_CALL_TARGET,     /* call target is not the start of a function */
	TAL_E_RECURSION,       /* call to the same or a later function */
	TAL_E_RELOC_MISPLACED, /* a relocation not on an imm32/rel32 that takes it */
	/* typing errors */
	TAL_E_UNINIT,          /* use of an uninitialised register or slot */
	TAL_E_TYPE,            /* operand of the wrong type */
	TAL_E_SUBTYPE,         /* state does not match a label or signature */
	TAL_E_NULL_DEREF,      /* load/store through a nullable pointer */
	TAL_E_NOT_POINTER,     /* memory access through a non-pointer */
	TAL_E_POINTER_ARITH,   /* arithmetic on a pointer, capability or saved value */
	TAL_E_FIELD,           /* offset is not a field of the record */
	TAL_E_BOUNDS,          /* array index not known to be in bounds */
	TAL_E_READONLY,        /* store to read-only memory */
	TAL_E_STACK,           /* bad esp use, slot outside the frame, overflow */
	TAL_E_STACK_MISMATCH,  /* esp differs at a join, call or return */
	TAL_E_CALLEE_SAVED,    /* callee-saved register not restored at ret */
	TAL_E_RETURN,          /* ret without the return address on top */
	TAL_E_STACK_BUDGET,    /* an export or the handler needs more than TAL_MAX_STACK */
	TAL_E_ARENA,           /* the caller's arena is too small */
	TAL_E_COUNT
};

/* A bounded message under construction. */
struct tal_diag {
	char msg[TAL_MSG_MAX]; /* NUL-terminated text */
	size_t len;            /* strlen(msg) */
};

/* Stable name ("E_NULL_DEREF") and explanation of error E. */
const char *tal_err_name(int e);
const char *tal_err_text(int e);

/* Empty D. */
void tal_diag_reset(struct tal_diag *d);

/* Append text, decimal (signed and unsigned) and 0x-hex numbers to D. */
void tal_diag_str(struct tal_diag *d, const char *s);
void tal_diag_int(struct tal_diag *d, int32_t v);
void tal_diag_uint(struct tal_diag *d, uint32_t v);
void tal_diag_hex(struct tal_diag *d, uint32_t v);

/* Empty D, start it with "E_NAME" and return E, for `return tal_fail(..)`;
 * the caller then appends where and why. */
int tal_fail(struct tal_diag *d, int e);

#endif /* TAL_DIAG_H */
