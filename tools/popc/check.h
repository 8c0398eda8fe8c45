/*
 * popc checker, private interface between check.c (the entry point, the
 * names in scope, declarations), checkexpr.c (types of expressions) and
 * checkstmt.c (statements, and whether control falls off a body).
 *
 * Invariant: C.scope[0 .. C.nscope) holds the locals and parameters
 * visible at the point being checked, innermost last; a block gives back
 * the height it started with, so a name is visible to the end of its block.
 */
#ifndef POPC_CHECK_H
#define POPC_CHECK_H

#include "popc.h"

/* Where the checker is in the program. */
struct checker {
	struct program *prog;
	struct pfunc *fn;             /* function being checked */
	int loop_depth;               /* loops around the current statement */
	int try_depth;                /* try blocks around it */
	struct pvar *scope[1024];     /* visible local names: a stack */
	int nscope;
};

extern struct checker C;

/* check.c */
void check_resolve_type(struct ptype *t);
struct pglobal *check_find_global(const char *name);
struct pfunc *check_find_func(const char *name);
struct pvar *check_find_var(const char *name);
void check_declare(struct pvar *v);
void check_use(struct pvar *v);
void check_raise_site(void);

/* checkexpr.c */
bool check_numeric(struct ptype t);
void check_need_type(struct expr *e, struct ptype want, const char *what);
void check_need_numeric(struct expr *e, const char *what);
void check_expr(struct expr *e);

/* checkstmt.c */
void check_stmt(struct stmt *s);
bool check_falls(const struct stmt *s);

#endif /* POPC_CHECK_H */
