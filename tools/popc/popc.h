/*
 * popc: the Popcorn compiler (host tool). Compiles the safe C-like language
 * of docs/popcorn.md to TAL assembly text (tal/SPEC.md, "Assembly syntax")
 * and runs talas on it to produce a TAL object.
 *
 * Pipeline: lex.c (tokens) -> parse*.c (syntax tree) -> check*.c and
 * order.c (names, types, call graph, exception analysis, function order)
 * and limits.c (the object's tables)
 * -> func.c, gen*.c and their helpers listed in gen.h (TAL text with a
 * label annotation at every jump target) -> certify.c (talas, then the
 * TAL verifier on the object) -> main.c (the object under its name).
 *
 * Invariant (the certifying promise): every program the checker accepts is
 * compiled to an object the TAL verifier accepts. Anything the verifier
 * or the kernel's loader would refuse is either a compile error with a
 * source position or a runtime check the compiler inserts (bounds, null,
 * divide); and popc runs the verifier on every object before it writes
 * it, so a bug of popc is an internal error, never a broken object.
 */
#ifndef POPC_H
#define POPC_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <setjmp.h>

/* ---- Tokens ---- */
enum tok {
	T_EOF, T_ID, T_NUM, T_STR,
	/* keywords */
	T_INT, T_BOOL, T_VOID, T_TASK, T_STRUCT, T_CONST, T_IF, T_ELSE, T_WHILE,
	T_FOR, T_BREAK, T_CONTINUE, T_RETURN, T_TRUE, T_FALSE, T_NULL, T_EXPORT,
	T_HANDLER, T_TRY, T_CATCH, T_THROW,
	/* punctuation */
	T_LPAREN, T_RPAREN, T_LBRACE, T_RBRACE, T_LBRACK, T_RBRACK, T_SEMI,
	T_COMMA, T_DOT, T_QUEST, T_ASSIGN, T_OPASSIGN, T_INC, T_DEC,
	T_OROR, T_ANDAND, T_OR, T_XOR, T_AND, T_EQ, T_NE, T_LT, T_LE, T_GT, T_GE,
	T_SHL, T_SHR, T_PLUS, T_MINUS, T_STAR, T_SLASH, T_PERCENT, T_NOT, T_TILDE,
};

struct token {
	enum tok t;
	int line, col;
	int32_t num;         /* T_NUM */
	bool int_min;        /* T_NUM: the decimal 2147483648 (num is INT_MIN),
	                        allowed only as the operand of a unary minus */
	enum tok op;         /* T_OPASSIGN: the binary operator (T_PLUS for +=) */
	char *text;          /* T_ID name, T_STR contents (escapes decoded) */
};

/* ---- Types ---- */
enum tykind {
	TY_VOID, TY_INT, TY_BOOL, TY_TASK,
	TY_REF,      /* non-null reference to a struct */
	TY_NREF,     /* nullable reference to a struct (S?) */
	TY_ARR,      /* reference to an array (a global's storage) */
	TY_NULL,     /* the literal null */
	TY_STR,      /* a string literal (only as an interface name argument) */
};

struct pstruct;

struct ptype {
	enum tykind k;
	struct pstruct *st;  /* TY_REF, TY_NREF; TY_ARR of S? elements */
	enum tykind elem;    /* TY_ARR: TY_INT, TY_BOOL or TY_NREF */
	int len;             /* TY_ARR: element count */
};

struct pfield {
	char *name;
	struct ptype ty;     /* int, bool or S? */
	int offset;
};

struct pstruct {
	char *name;
	struct pfield *f;
	int nf;
	int line, col;
	bool need_any;       /* a hidden zeroed global of this type is emitted */
	bool need_null;      /* a hidden S?[1] null box is emitted */
};

/* ---- Syntax tree ---- */
enum ekind {
	E_NUM, E_NULL, E_STR, E_VAR, E_GLOBAL, E_INDEX, E_FIELD, E_CALL,
	E_UNARY, E_BINARY,
};

struct pvar;
struct pglobal;
struct pfunc;

struct expr {
	struct expr *a, *b;        /* operands; E_INDEX array, index; E_FIELD object */
	struct expr **args;        /* E_CALL */
	char *name;                /* E_VAR/E_GLOBAL/E_CALL name, E_FIELD field, E_STR text */
	/* filled by the checker (check*.c); which one depends on the kind */
	union {
		struct pvar *var;          /* E_VAR: its local or parameter (NULL before) */
		struct pglobal *glob;      /* E_GLOBAL */
		struct pfunc *fn;          /* E_CALL of a function of the program */
		struct pfield *field;      /* E_FIELD */
	};
	struct ptype ty;
	int line, col;
	enum ekind k;
	enum tok op;               /* E_UNARY, E_BINARY */
	int32_t num;               /* E_NUM */
	int nargs;
	int iface;                 /* E_CALL of an interface: its index, else -1 */
	int str_id;                /* E_STR: string literal global number */
	int depth;                 /* levels of the tree from here down (1: a leaf) */
};

enum skind {
	S_BLOCK, S_DECL, S_ASSIGN, S_EXPR, S_IF, S_WHILE, S_FOR, S_BREAK,
	S_CONTINUE, S_RETURN, S_TRY, S_THROW, S_EMPTY,
};

struct stmt {
	enum skind k;
	int line, col;
	struct stmt *next;         /* next statement of a block */
	struct stmt *body;         /* S_BLOCK list, loop body, if-then, try body */
	struct stmt *els;          /* if-else, catch body */
	struct stmt *init, *step;  /* S_FOR */
	struct expr *e;            /* condition, value, call, assigned value */
	struct expr *lhs;          /* S_ASSIGN target */
	enum tok op;               /* S_ASSIGN: T_ASSIGN or the binary operator */
	struct pvar *var;          /* S_DECL variable (checker), S_TRY catch variable or NULL */
	struct ptype dty;          /* S_DECL declared type (parser) */
	char *name;                /* S_DECL variable name (parser) */
	int32_t code;              /* S_THROW code */
};

/* A local variable or parameter. */
struct pvar {
	char *name;
	struct ptype ty;
	int line, col;
	int param;                 /* argument number, or -1 for a local */
	long weight;               /* uses, weighted by loop depth: register priority */
	int reg;                   /* home register (3 5 6 7), or -1 */
	int slot;                  /* home slot, entry-relative byte offset */
	struct pvar *next_all;     /* every variable of the function */
};

struct pglobal {
	char *name;
	struct ptype ty;           /* int/bool scalar, S? scalar, TY_REF (struct object), TY_ARR */
	int line, col;
	int32_t *init;             /* initial words (count: words of the storage) */
	int ninit;
};

struct pconst {
	char *name;
	int32_t value;
};

struct pcall {                 /* a call site, for the call graph */
	struct pfunc *callee;
	bool in_try;
	int line, col;
};

struct pfunc {
	char *name;
	struct ptype ret;
	struct pvar **params;
	int nparams;
	struct stmt *body;
	bool exported, handler;
	int line, col;
	struct pvar *vars;         /* list of all variables (params first) */
	struct pcall *calls;
	int ncalls;
	bool makes_call;           /* calls a function or an interface: scratch registers die */
	bool raises_here;          /* an exception site outside every try */
	bool may_raise;            /* an exception can leave an internal call */
	bool called;               /* another function calls it */
	bool wrapped;              /* exported, called and may raise: raw + wrapper */
	int mark;                  /* DFS state for ordering */
};

/* ---- The whole program ---- */
struct program {
	const char *file;
	const char *src;
	struct pstruct **structs;
	int nstructs;
	struct pglobal **globals;
	int nglobals;
	struct pconst *consts;
	int nconsts;
	struct pfunc **funcs;      /* after check.c: callees before callers */
	int nfuncs;
	struct pfunc **protos;     /* prototypes (no body), each matched to its function */
	int nprotos;
	char **strs;               /* distinct string literals */
	int nstrs;
	bool need_raise;           /* import the raise interface */
	bool need_flag;            /* emit the exception flag global */
	bool *iface_used;
};

/* ---- Interfaces (from include/talos/ext_iface.h) ---- */
struct iface {
	const char *name;
	const char *args;          /* one character per argument: i n t */
};
extern const struct iface popc_ifaces[];
extern const int popc_niface;
int popc_iface_find(const char *name);

/* Name of the interface an uncaught exception ends in (docs/popcorn.md). */
#define POPC_RAISE "raise"

/* Deepest nesting of statements and expressions: the phases after the
 * parser walk the tree recursively, so its depth is bounded. */
#define POPC_MAX_NEST 256

/* Longest name in a program: an export is called by a name of at most
 * EXT_NAME_LEN - 1 bytes (include/talos/ext_iface.h). */
#define POPC_NAME_MAX 31

/* Built-in exception codes. */
#define POPC_EXC_BOUNDS 1
#define POPC_EXC_NULL   2
#define POPC_EXC_DIVIDE 3

/* ---- Diagnostics ---- */
void popc_error(int line, int col, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 3, 4)));
extern struct program *popc_prog;
extern jmp_buf *popc_recover;      /* set: popc_error longjmps here instead of exiting */

/* ---- Memory (mem.c): everything of a compilation, released at once ---- */
void *popc_alloc(size_t n);
void popc_free(void *p);
void *popc_node(size_t n);
char *popc_strdup(const char *s);
void popc_release(void);

/* ---- Phases ---- */
void popc_lex_init(const char *src);
struct token *popc_lex_next(void);
void popc_lex_done(void);
void popc_parse(struct program *p);
bool popc_fold(struct expr *e, int32_t *v);
void popc_check(struct program *p);
void popc_order(struct program *p);
void popc_limits(struct program *p, struct pfunc **source_order);
bool popc_same_type(struct ptype a, struct ptype b);
void popc_type_name(struct ptype t, char *buf, size_t n);
void popc_gen(struct program *p, FILE *out);
void popc_certify(struct program *p, const char *talas, const char *tas, const char *obj);
void popc_internal(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#endif /* POPC_H */
