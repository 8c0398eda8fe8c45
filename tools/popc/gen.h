/*
 * popc code generator, private interface between func.c (variable homes,
 * functions and statements), gen.c (the text of a function: lines, labels
 * and their annotations, exception paths, the frame), the expression files
 * genexpr.c (operands, calls), genaddr.c (memory locations, loads and
 * stores), genarith.c (arithmetic), gencond.c (comparisons and conditions)
 * and genassign.c (assignments), temps.c (the scratch-register allocator),
 * peep.c (the peephole pass over a finished function) and decl.c (types,
 * globals and the TAL text of declarations).
 *
 * Frame of a function (entry-relative offsets, as in tal/SPEC.md):
 *
 *     +4*n .. +4   arguments              (cdecl, argument 1 at +4)
 *       0          return address
 *      -4 ..       callee-saved registers pushed by the prologue
 *       ..         variables without a register
 *       ..         spilled temporaries
 *   body esp ->    outgoing call arguments ([esp+0] is argument 1)
 *
 * esp stays at the body esp between prologue and epilogue, so every label
 * has the same esp. Until the frame size is known, instruction text refers
 * to slots with markers: @E<e>@ is the esp-relative offset of entry offset
 * e, @B@ the body esp, @K@ the bytes allocated below the saved registers.
 *
 * Invariant: the annotation written at a label lists the type every live
 * value has on every path reaching it: in-scope variables in their homes,
 * live temporaries, the saved registers' slots and the return address.
 */
#ifndef POPC_GEN_H
#define POPC_GEN_H

#include "popc.h"

enum { EAX, ECX, EDX, EBX, ESP, EBP, ESI, EDI };

#define MAX_TEMPS 32
#define TYLEN 64

/* Where an expression's value is. */
enum okind {
	O_IMM,      /* a constant */
	O_VAR,      /* a variable's home (register or slot), not owned */
	O_TEMP,     /* a temporary (owned): register or spill slot */
	O_NULL,     /* the null reference */
};

struct opnd {
	enum okind k;
	int32_t imm;              /* O_IMM */
	struct pvar *var;         /* O_VAR */
	int t;                    /* O_TEMP: index into the temp table */
	struct pstruct *st;       /* O_NULL: struct of the reference */
};

/* A memory location (genaddr.c): [base+disp], or [base+idx*4] when
 * has_idx. */
struct addr {
	struct opnd base;         /* the struct, the array, or the global's address */
	struct opnd idx;          /* the element index (has_idx) */
	bool has_idx;             /* false: a field, a constant index or a scalar global */
	int32_t disp;             /* byte offset when !has_idx */
};

/* A temporary value: in a scratch register or a spill slot. */
struct temp {
	bool live, pinned;
	bool global;              /* holds the address of a global (see gen_load()) */
	int reg;                  /* EAX/ECX/EDX or -1 */
	int slot;                 /* spill slot entry offset when reg < 0 */
	char ty[TYLEN];           /* its TAL word type */
};

/* Where an uncaught exception of the current code goes. */
enum xkind { X_TOP, X_INTERNAL, X_TRY };

struct xctx {
	enum xkind k;
	struct pvar *var;         /* X_TRY: the catch variable, or NULL */
	char *ann;                /* annotation at the try (X_TRY) or the function base */
	int catch_label;          /* X_TRY */
	int stub[4];              /* labels of "code N" stubs (1..3), 0: none yet */
	int prop;                 /* label taken when a call left the flag set */
	struct xctx *next_all;
};

struct gen {
	struct program *prog;
	struct pfunc *f;
	const char *tal_name;     /* the function's name in the object */
	bool top;                 /* uncaught exceptions call the raise interface */
	/* text of the function, with slot markers */
	char **lines;
	int nlines, caplines;
	bool reachable;
	int last_line;            /* source line last shown as a comment */
	/* frame */
	int saved[4];             /* callee-saved registers pushed, in order */
	int nsaved;
	int nvarslots;
	int ntempslots;           /* high-water mark of spill slots */
	bool slot_busy[64];
	int maxout;               /* words of outgoing arguments */
	/* variables in scope, innermost last */
	struct pvar *scope[512];
	int nscope;
	unsigned home_regs;       /* callee-saved registers used as homes */
	unsigned pool;            /* scratch registers for temporaries: not homes */
	/* temporaries */
	struct temp tmp[MAX_TEMPS];
	int owner[8];             /* temp in scratch register r, or -1 */
	unsigned blocked;         /* scratch registers reserved by an instruction */
	/* labels */
	int first_label;          /* the function's labels are first_label and above */
	bool *lab_used;           /* [label - first_label]: some jump names it */
	int caplab;
	int ret_label, throw_label, unwind_label;   /* 0: not created */
	/* exceptions */
	struct xctx *x;           /* current context */
	struct xctx *xall;        /* every context of the function, for its stubs */
	char *base_ann;
	/* loops: break and continue targets */
	int brk[64], cont[64];
	int nloops;
};

extern struct gen G;

/* gen.c */
void gen_emit(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void gen_comment(int line);
void gen_begin(void);
void gen_start_labels(void);
int gen_new_label(void);
void gen_mark_used(int label);
void gen_place(int label, const char *ann);
void gen_jump(const char *jcc, int label);
char *gen_annotation(const char *extra);
int gen_exc_label(int code);
int gen_prop_label(void);
const char *gen_slot(int e);
const char *gen_var_loc(const struct pvar *v);

char *gen_base_with(const char *extra);
int gen_lazy(int *label);
struct xctx *gen_new_ctx(enum xkind k, char *ann);
void gen_exception_paths(void);
void gen_flush(struct pfunc *f);
extern FILE *gen_body;

/* peep.c */
void gen_peephole(int first, int end);

/* func.c */
const char *gen_signature(struct pfunc *f);
void gen_out_of_scratch(void) __attribute__((noreturn));

/* temps.c */
void gen_reset_temps(void);
void gen_spill_all(void);
char *gen_temps_annotation(void);
int temp_free_reg(void);
bool temp_reg_idle(void);
int temp_at(int r, const char *ty);
int temp_new(const char *ty);
int temp_new_slot(const char *ty);
int temp_reg(int t);
void temp_free(int t);
void temp_type(int t, const char *ty);
void temp_reserve(int r);

/* genexpr.c */
struct opnd gen_expr(struct expr *e);
struct opnd gen_imm(int32_t v);
struct opnd gen_temp_opnd(int t);
const char *gen_opnd_text(struct opnd o);
int gen_in_reg(struct opnd o);
bool gen_in_memory(struct opnd o);
void gen_pin(struct opnd o, bool on);
void gen_free(struct opnd o);
int gen_to_reg(struct opnd *o, const char *ty);
int gen_reg_of(struct opnd *o, const char *ty);

/* genaddr.c */
struct opnd gen_global_addr(struct pglobal *g);
void gen_addr_of(struct expr *lv, struct addr *a, bool own);
const char *gen_addr_text(struct addr *a);
void gen_addr_free(struct addr *a);
struct opnd gen_load(struct addr *a, const char *ty);
void gen_store(struct addr *a, struct opnd o);
bool gen_word_in_memory(struct expr *e);
bool gen_load_into(int r, struct expr *e);

/* genarith.c */
const char *gen_alu_name(enum tok op);
struct opnd gen_arith(enum tok op, struct opnd a, struct opnd b);
struct opnd gen_arith_mem(enum tok op, struct opnd a, struct expr *m);

/* gencond.c */
void gen_cond(struct expr *e, bool sense, int label);
bool gen_is_compare(enum tok op);
enum tok gen_compare(struct expr *e);
struct opnd gen_flag_value(enum tok op);
struct opnd gen_logical_value(struct expr *e);

/* genassign.c */
void gen_store_var(struct pvar *v, struct opnd o);
void gen_assign(struct stmt *s);

/* decl.c */
const char *tal_type(struct ptype t);
const char *tal_array_name(struct ptype t);
void decl_emit(struct program *p, FILE *out);

#endif /* POPC_GEN_H */
