/*
 * popc parser, expressions: primaries with their [index] and .field
 * suffixes, unary operators, binary operators by C precedence (precedence
 * climbing), and the folding of constant expressions: array lengths,
 * global initialisers, constants and throw codes here, and any operand
 * check.c or the code generator asks about.
 *
 * Invariant: popc_fold only reads the tree; a division by zero between
 * constants is a compile-time error wherever it is folded.
 */
#include "parse.h"
#include <string.h>

/* A new expression of kind K at token AT; iface -1 until check.c finds
 * an interface call. */
struct expr *parse_mk(enum ekind k, struct token *at)
{
	struct expr *e = popc_node(sizeof *e);

	e->k = k;
	e->line = at->line;
	e->col = at->col;
	e->iface = -1;
	e->depth = 1;
	return e;
}

/* ---- Constant folding ---- */

/* The value of constant NAME in *V, if NAME is a constant. */
static bool const_lookup(const char *name, int32_t *v)
{
	int i;

	for (i = 0; i < P.prog->nconsts; i++)
		if (!strcmp(P.prog->consts[i].name, name)) {
			*v = P.prog->consts[i].value;
			return true;
		}
	return false;
}

/* V, the exact value of constant expression E, as an int; an error if it
 * does not fit (constants never wrap silently). */
static int32_t fits(const struct expr *e, int64_t v)
{
	if (v < INT32_MIN || v > INT32_MAX)
		popc_error(e->line, e->col, "constant expression overflows int: its value is %lld "
		           "(ints are -2147483648 to 2147483647)", (long long)v);
	return (int32_t)v;
}

/* Fold E to a constant if it is one (numbers, true/false, constants and
 * operators on them); report a division by zero and an overflow (+ - *
 * / and unary minus out of int's range) at compile time. Shifts and the
 * bit operators work on the 32 bits and never overflow. */
bool popc_fold(struct expr *e, int32_t *v)
{
	int32_t a, b;
	uint32_t ua, ub;

	switch (e->k) {
	case E_NUM:
		*v = e->num;
		return true;
	case E_VAR:
		return !e->var && const_lookup(e->name, v);
	case E_UNARY:
		if (!popc_fold(e->a, &a))
			return false;
		ua = (uint32_t)a;
		*v = e->op == T_MINUS ? fits(e, -(int64_t)a) : e->op == T_NOT ? !a : (int32_t)~ua;
		return true;
	case E_BINARY:
		if (e->op == T_ANDAND || e->op == T_OROR) {
			if (!popc_fold(e->a, &a) || !popc_fold(e->b, &b))
				return false;
			*v = e->op == T_ANDAND ? (a && b) : (a || b);
			return true;
		}
		if (!popc_fold(e->a, &a) || !popc_fold(e->b, &b))
			return false;
		ua = (uint32_t)a;
		ub = (uint32_t)b;
		switch (e->op) {
		case T_PLUS:    *v = fits(e, (int64_t)a + b); return true;
		case T_MINUS:   *v = fits(e, (int64_t)a - b); return true;
		case T_STAR:    *v = fits(e, (int64_t)a * b); return true;
		case T_AND:     *v = a & b; return true;
		case T_OR:      *v = a | b; return true;
		case T_XOR:     *v = a ^ b; return true;
		case T_SHL:     *v = (int32_t)(ua << (ub & 31)); return true;
		case T_SHR:     *v = a >> (ub & 31); return true;
		case T_EQ:      *v = a == b; return true;
		case T_NE:      *v = a != b; return true;
		case T_LT:      *v = a < b; return true;
		case T_LE:      *v = a <= b; return true;
		case T_GT:      *v = a > b; return true;
		case T_GE:      *v = a >= b; return true;
		case T_SLASH:
		case T_PERCENT:
			if (b == 0)
				popc_error(e->line, e->col, "division by zero in a constant expression");
			if (b == -1)
				*v = e->op == T_SLASH ? fits(e, -(int64_t)a) : 0;
			else
				*v = e->op == T_SLASH ? a / b : a % b;
			return true;
		default:
			return false;
		}
	default:
		return false;
	}
}

/* ---- Expressions (C precedence) ---- */

/* A number, true, false, null, a string, (E), a call or a name, then any
 * [index] and .field suffixes. */
static struct expr *primary(void)
{
	struct token *t = P.tk;
	struct expr *e;

	if (parse_accept(T_NUM)) {
		if (t->int_min)
			popc_error(t->line, t->col, "integer literal does not fit in int (the largest is "
			           "2147483647; -2147483648 may be written)");
		e = parse_mk(E_NUM, t);
		e->num = t->num;
	} else if (parse_accept(T_TRUE) || parse_accept(T_FALSE)) {
		e = parse_mk(E_NUM, t);
		e->num = t->t == T_TRUE;
	} else if (parse_accept(T_NULL)) {
		e = parse_mk(E_NULL, t);
	} else if (parse_accept(T_STR)) {
		e = parse_mk(E_STR, t);
		e->name = t->text;
	} else if (parse_accept(T_LPAREN)) {
		if (P.nx->t == T_RPAREN || P.nx->t == T_ID)
			parse_c_type();     /* "(char)", "(unsigned int)" */
		if (parse_type_start())
			popc_error(P.tk->line, P.tk->col, "Popcorn has no casts: int and bool mix freely, "
			           "and nothing else converts");
		e = parse_expr();
		parse_expect(T_RPAREN);
	} else if (t->t == T_ID) {
		parse_next();
		if (parse_accept(T_LPAREN)) {
			e = parse_mk(E_CALL, t);
			e->name = t->text;
			if (!parse_accept(T_RPAREN)) {
				do {
					struct expr *a = parse_expr();
					*(struct expr **)parse_push(&e->args, &e->nargs, sizeof e) = a;
					parse_deepen(e, a, NULL);
				} while (parse_accept(T_COMMA));
				parse_expect(T_RPAREN);
			}
		} else {
			e = parse_mk(E_VAR, t);
			e->name = t->text;
		}
	} else {
		popc_error(t->line, t->col, "expected an expression, found '%s'",
		           parse_tokname(t->t));
	}
	for (;;) {
		t = P.tk;
		if (parse_accept(T_LBRACK)) {
			struct expr *x = parse_mk(E_INDEX, t);
			x->a = e;
			x->b = parse_expr();
			parse_deepen(x, x->a, x->b);
			parse_expect(T_RBRACK);
			e = x;
		} else if (parse_accept(T_DOT)) {
			struct expr *x = parse_mk(E_FIELD, t);
			x->a = e;
			x->name = parse_ident("a field name");
			parse_deepen(x, x->a, NULL);
			e = x;
		} else {
			return e;
		}
	}
}

/* - ! ~ applied to a unary expression, or a primary. */
static struct expr *unary(void)
{
	struct token *t = P.tk;
	struct expr *e;

	if (t->t == T_MINUS && P.nx->t == T_NUM && P.nx->int_min) {
		parse_next();
		e = parse_mk(E_NUM, t);
		e->num = INT32_MIN;          /* -2147483648: the literal itself does not fit */
		parse_next();
		return e;
	}
	if (parse_accept(T_MINUS) || parse_accept(T_NOT) || parse_accept(T_TILDE)) {
		e = parse_mk(E_UNARY, t);
		e->op = t->t;
		parse_enter();
		e->a = unary();
		parse_leave();
		parse_deepen(e, e->a, NULL);
		return e;
	}
	return primary();
}

/* Binding strength of binary operator T (0: not a binary operator). */
static int prec(enum tok t)
{
	switch (t) {
	case T_OROR: return 1;
	case T_ANDAND: return 2;
	case T_OR: return 3;
	case T_XOR: return 4;
	case T_AND: return 5;
	case T_EQ: case T_NE: return 6;
	case T_LT: case T_LE: case T_GT: case T_GE: return 7;
	case T_SHL: case T_SHR: return 8;
	case T_PLUS: case T_MINUS: return 9;
	case T_STAR: case T_SLASH: case T_PERCENT: return 10;
	default: return 0;
	}
}

/* A chain of binary operators binding at least as strongly as MIN. */
static struct expr *binary(int min)
{
	struct expr *e = unary(), *x;
	struct token *t;
	int p;

	while ((p = prec(P.tk->t)) >= min) {
		t = P.tk;
		parse_next();
		x = parse_mk(E_BINARY, t);
		x->op = t->t;
		x->a = e;
		x->b = binary(p + 1);
		parse_deepen(x, x->a, x->b);
		e = x;
	}
	return e;
}

/* A whole expression. */
struct expr *parse_expr(void)
{
	struct expr *e;

	parse_enter();
	e = binary(1);
	parse_leave();
	return e;
}

/* An expression that must fold to a constant; returns its value. */
int32_t parse_const_expr(void)
{
	struct token *t = P.tk;
	int32_t v;

	if (!popc_fold(parse_expr(), &v))
		popc_error(t->line, t->col, "expected a constant expression");
	return v;
}
