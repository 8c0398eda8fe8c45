/*
 * TAL diagnostics: error names, explanations and the bounded message
 * builder (see diag.h).
 *
 * Invariant: d->msg[d->len] == '\0' and d->len < TAL_MSG_MAX at all times.
 */
#include "diag.h"

struct err_entry {
	const char *name; /* stable code, as in SPEC.md */
	const char *text; /* one-line explanation */
};

static const struct err_entry errs[TAL_E_COUNT] = {
	[TAL_OK]                 = { "OK", "the object is safe" },
	[TAL_E_OBJ_TRUNCATED]    = { "E_OBJ_TRUNCATED", "object shorter than its header or larger than the limit" },
	[TAL_E_OBJ_MAGIC]        = { "E_OBJ_MAGIC", "not a TAL object (bad magic)" },
	[TAL_E_OBJ_VERSION]      = { "E_OBJ_VERSION", "unsupported object version or nonzero reserved field" },
	[TAL_E_OBJ_RANGE]        = { "E_OBJ_RANGE", "section extends past the end of the object" },
	[TAL_E_OBJ_ALIGN]        = { "E_OBJ_ALIGN", "section or global not 4-byte aligned" },
	[TAL_E_OBJ_OVERLAP]      = { "E_OBJ_OVERLAP", "sections overlap each other or the header" },
	[TAL_E_OBJ_LIMIT]        = { "E_OBJ_LIMIT", "a table is larger than the verifier's limit" },
	[TAL_E_OBJ_STRING]       = { "E_OBJ_STRING", "name outside the string table or not NUL-terminated" },
	[TAL_E_OBJ_INDEX]        = { "E_OBJ_INDEX", "index names no entry of the expected table or kind" },
	[TAL_E_OBJ_TYPE]         = { "E_OBJ_TYPE", "malformed type-table entry" },
	[TAL_E_OBJ_ORDER]        = { "E_OBJ_ORDER", "functions, labels or relocations out of order" },
	[TAL_E_OBJ_GLOBAL]       = { "E_OBJ_GLOBAL", "global outside its section or of a type globals may not have" },
	[TAL_E_OBJ_LABEL]        = { "E_OBJ_LABEL", "malformed label annotation" },
	[TAL_E_OBJ_EXPORT]       = { "E_OBJ_EXPORT", "export or handler with a signature the kernel cannot call" },
	[TAL_E_OBJ_DUP_EXPORT]   = { "E_OBJ_DUP_EXPORT", "two exports with the same name" },
	[TAL_E_OBJ_CAP_KIND]     = { "E_OBJ_CAP_KIND", "capability of a kind that is not a kernel object kind" },
	[TAL_E_DECODE_TRUNCATED] = { "E_DECODE_TRUNCATED", "instruction runs past the end of its function" },
	[TAL_E_DECODE_UNKNOWN]   = { "E_DECODE_UNKNOWN", "opcode outside the accepted subset" },
	[TAL_E_FORBIDDEN]        = { "E_FORBIDDEN", "forbidden instruction" },
	[TAL_E_INDIRECT]         = { "E_INDIRECT", "indirect jumps and calls are not allowed" },
	[TAL_E_ADDRESSING]       = { "E_ADDRESSING", "memory operand form not allowed" },
	[TAL_E_LABEL_MISALIGNED] = { "E_LABEL_MISALIGNED", "label inside an instruction" },
	[TAL_E_JUMP_UNANNOTATED] = { "E_JUMP_UNANNOTATED", "jump target is not an annotated label" },
	[TAL_E_JUMP_OUTSIDE]     = { "E_JUMP_OUTSIDE", "jump target outside the current function" },
	[TAL_E_NO_LABEL]         = { "E_NO_LABEL", "code after an unconditional transfer must start at a label" },
	[TAL_E_FALL_OFF]         = { "E_FALL_OFF", "control falls off the end of the function" },
	[TAL_E_CALL_TARGET]      = { "E_CALL_TARGET", "call target is not the start of a function" },
	[TAL_E_RECURSION]        = { "E_RECURSION", "call to the same or a later function (recursion is not allowed)" },
	[TAL_E_RELOC_MISPLACED]  = { "E_RELOC_MISPLACED", "relocation not on an operand that takes it" },
	[TAL_E_UNINIT]           = { "E_UNINIT", "use of an uninitialised register or slot" },
	[TAL_E_TYPE]             = { "E_TYPE", "operand of the wrong type" },
	[TAL_E_SUBTYPE]          = { "E_SUBTYPE", "state does not match the annotation or signature" },
	[TAL_E_NULL_DEREF]       = { "E_NULL_DEREF", "access through a nullable pointer (test it against 0 first)" },
	[TAL_E_NOT_POINTER]      = { "E_NOT_POINTER", "memory access through a value that is not a pointer" },
	[TAL_E_POINTER_ARITH]    = { "E_POINTER_ARITH", "arithmetic on a pointer, capability or opaque value" },
	[TAL_E_FIELD]            = { "E_FIELD", "offset is not a field of the record" },
	[TAL_E_BOUNDS]           = { "E_BOUNDS", "array index not known to be in bounds" },
	[TAL_E_READONLY]         = { "E_READONLY", "store to read-only memory" },
	[TAL_E_STACK]            = { "E_STACK", "stack access outside the frame or bad use of esp" },
	[TAL_E_STACK_MISMATCH]   = { "E_STACK_MISMATCH", "stack height differs from what is required here" },
	[TAL_E_CALLEE_SAVED]     = { "E_CALLEE_SAVED", "callee-saved register not restored at ret" },
	[TAL_E_RETURN]           = { "E_RETURN", "ret without the return address on top of the stack" },
	[TAL_E_STACK_BUDGET]     = { "E_STACK_BUDGET", "an export or the handler may need more stack than TAL_MAX_STACK" },
	[TAL_E_ARENA]            = { "E_ARENA", "working memory (arena) too small" },
};

const char *tal_err_name(int e)
{
	if (e < 0 || e >= TAL_E_COUNT)
		return "E_?";
	return errs[e].name;
}

const char *tal_err_text(int e)
{
	if (e < 0 || e >= TAL_E_COUNT)
		return "unknown error";
	return errs[e].text;
}

void tal_diag_reset(struct tal_diag *d)
{
	d->len = 0;
	d->msg[0] = '\0';
}

void tal_diag_str(struct tal_diag *d, const char *s)
{
	while (*s && d->len + 1 < TAL_MSG_MAX)
		d->msg[d->len++] = *s++;
	d->msg[d->len] = '\0';
}

void tal_diag_uint(struct tal_diag *d, uint32_t v)
{
	char buf[12];
	int i = sizeof buf - 1;

	buf[i] = '\0';
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	tal_diag_str(d, buf + i);
}

void tal_diag_int(struct tal_diag *d, int32_t v)
{
	if (v < 0) {
		tal_diag_str(d, "-");
		tal_diag_uint(d, (uint32_t)0 - (uint32_t)v);
	} else {
		tal_diag_uint(d, (uint32_t)v);
	}
}

void tal_diag_hex(struct tal_diag *d, uint32_t v)
{
	static const char digits[] = "0123456789abcdef";
	char buf[11];
	int i = sizeof buf - 1;

	buf[i] = '\0';
	do {
		buf[--i] = digits[v & 15];
		v >>= 4;
	} while (v);
	buf[--i] = 'x';
	buf[--i] = '0';
	tal_diag_str(d, buf + i);
}

int tal_fail(struct tal_diag *d, int e)
{
	tal_diag_reset(d);
	tal_diag_str(d, tal_err_name(e));
	return e;
}
