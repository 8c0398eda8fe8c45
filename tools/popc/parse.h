/*
 * popc parser, private interface between parse.c (the entry point, the
 * token cursor, types), parsedecl.c (the top level: structs, constants,
 * globals, functions), parsestmt.c (statements) and parseexpr.c
 * (expressions, constant folding).
 *
 * Invariant: P.tk is the token being parsed and P.nx the one after it
 * (one token of lookahead); once popc_parse has read the first two, only
 * parse_next moves them.
 */
#ifndef POPC_PARSE_H
#define POPC_PARSE_H

#include "popc.h"

/* Where the parser is in the source. */
struct parser {
	struct program *prog;     /* the program being built */
	struct token *tk;         /* the current token */
	struct token *nx;         /* the token after it */
	int depth;                /* statements and expressions being parsed, one
	                             inside another (at most POPC_MAX_NEST) */
};

extern struct parser P;

/* parse.c */
void parse_enter(void);
void parse_leave(void);
void parse_deepen(struct expr *x, const struct expr *a, const struct expr *b);
void parse_next(void);
const char *parse_tokname(enum tok t);
void parse_c_type(void);
void parse_expect(enum tok t);
bool parse_accept(enum tok t);
char *parse_ident(const char *what);
void *parse_push(void *vp, int *n, size_t size);
bool parse_type_start(void);
struct ptype parse_struct_type(struct token *at);
struct ptype parse_type(void);
struct ptype parse_array_suffix(struct ptype t);

/* parsedecl.c */
void parse_top(void);

/* parsestmt.c */
struct stmt *parse_block(void);

/* parseexpr.c */
struct expr *parse_mk(enum ekind k, struct token *at);
struct expr *parse_expr(void);
int32_t parse_const_expr(void);

#endif /* POPC_PARSE_H */
