/*
 * sh: reading a command line into commands (contract in sh.h).
 *
 * sh_parse splits the whole line into tokens (words and the operators
 * | < > >> & ;) and checks its syntax before anything runs; sh_expand
 * then builds one command at a time, just before it runs, so that `$?`
 * is the status of the command before it. Both read a word with the same
 * scan_word, so what the check accepts is what the expansion reads.
 * Invariant: tokens point into the line given to sh_parse, which the
 * caller keeps until the last command has been expanded; expanded words
 * live in this file's arena until the next sh_expand.
 */
#include <stdio.h>
#include <string.h>

#include "sh.h"

#define MAX_TOKENS   64              /* words and operators in one line */
#define MAX_COMMANDS 32              /* commands in one line */
#define ARENA_BYTES  (2 * ARG_MAX_BYTES)  /* expanded words of one command */
#define WORD_MAX     (2 * TTY_LINE_MAX)   /* one expanded word: $? may grow it */
#define SEPARATORS   " \t\r\n|<>&;"

/* ---- Words ---- */

/* Where scan_word puts a word's text, or NULL while only checking. */
struct expansion {
	char text[WORD_MAX];          /* the word, quotes and backslashes removed */
	char lit[WORD_MAX];           /* nonzero where text[i] was quoted or escaped */
	size_t n;                     /* bytes in text */
	int status;                   /* what $? stands for */
	int glob;                     /* an unquoted '*' was seen */
};

/* Append C to X (if any); LIT: it was quoted, so it is never a pattern. */
static void put(struct expansion *x, char c, int lit)
{
	if (!x || x->n == WORD_MAX - 1)
		return;                       /* cannot happen: a line's words fit */
	x->text[x->n] = c;
	x->lit[x->n++] = (char)lit;
	if (c == '*' && !lit)
		x->glob = 1;
}

static void put_status(struct expansion *x)
{
	char num[12];

	if (!x)
		return;
	snprintf(num, sizeof(num), "%d", x->status);
	for (char *c = num; *c; c++)
		put(x, *c, 1);
}

static const char *syntax_error_at(const char *what)
{
	fprintf(stderr, "sh: syntax error: %s\n", what);
	return NULL;
}

/*
 * Read the word starting at P (not a separator) to its end, appending its
 * text to X if X is not NULL:
 *   'TEXT'   TEXT as written
 *   "TEXT"   TEXT, with $? replaced and \" \\ \$ standing for " \ $
 *   \C       the character C
 *   $?       the status of the last command
 * Returns where the word ends, or, while checking (X NULL), NULL after
 * printing a syntax error.
 */
static const char *scan_word(const char *p, struct expansion *x)
{
	while (*p && !strchr(SEPARATORS, *p)) {
		if (p[0] == '$' && p[1] == '?') {
			put_status(x);
			p += 2;
		} else if (*p == '\\') {
			if (p[1] == '\0' || p[1] == '\n' || p[1] == '\r')
				return syntax_error_at("\\ at the end of the line");
			put(x, p[1], 1);
			p += 2;
		} else if (*p == '\'') {
			const char *end = strchr(p + 1, '\'');

			if (!end)
				return syntax_error_at("unterminated quote");
			while (++p < end)
				put(x, *p, 1);
			p++;
		} else if (*p == '"') {
			for (p++; *p != '"'; ) {
				if (*p == '\0')
					return syntax_error_at("unterminated quote");
				if (p[0] == '\\' && p[1] && strchr("\"\\$", p[1])) {
					put(x, p[1], 1);
					p += 2;
				} else if (p[0] == '$' && p[1] == '?') {
					put_status(x);
					p += 2;
				} else {
					put(x, *p++, 1);
				}
			}
			p++;
		} else {
			put(x, *p++, 0);
		}
	}
	return p;
}

/* ---- Tokens and commands of the line ---- */

enum tok { T_WORD, T_PIPE, T_IN, T_OUT, T_APPEND, T_AMP, T_SEMI };

static const char *const tok_names[] = { "word", "|", "<", ">", ">>", "&", ";" };

struct token {
	enum tok kind;
	const char *word;             /* T_WORD: its text in the line, unexpanded */
};

/* One command: the tokens [first, end), run in the background if it ended with '&'. */
struct command {
	int first, end;
	int background;
};

static struct token toks[MAX_TOKENS];
static int ntoks;                  /* tokens in toks */
static struct command cmds[MAX_COMMANDS];
static int ncmds;                  /* commands in cmds */

/*
 * Split LINE into toks, checking every word. Returns the token count, or
 * -1 after printing why the line is malformed.
 */
static int tokenize(const char *line)
{
	const char *p = line;
	int n = 0;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (*p == '\0' || *p == '#')
			return n;
		if (n == MAX_TOKENS) {
			fprintf(stderr, "sh: too many words (at most %d)\n", MAX_TOKENS);
			return -1;
		}
		if (*p == '>' && p[1] == '>') {
			toks[n++].kind = T_APPEND;
			p += 2;
			continue;
		}
		if (strchr("|<>&;", *p)) {
			toks[n++].kind = *p == '|' ? T_PIPE : *p == '<' ? T_IN : *p == '>' ? T_OUT
				       : *p == '&' ? T_AMP : T_SEMI;
			p++;
			continue;
		}
		toks[n].kind = T_WORD;
		toks[n++].word = p;
		if (!(p = scan_word(p, NULL)))
			return -1;
	}
}

static int syntax_error(const char *near)
{
	fprintf(stderr, "sh: syntax error near %s\n", near);
	return -1;
}

/* ---- Building a pipeline ---- */

static char arena[ARENA_BYTES];    /* the expanded words of the command being built */
static size_t arena_used;

/* A copy of the N bytes S in the arena, or NULL after saying it is full. */
static char *keep(const char *s, size_t n)
{
	if (n + 1 > ARENA_BYTES - arena_used) {
		fprintf(stderr, "sh: arguments too long (at most %d bytes)\n", ARENA_BYTES);
		return NULL;
	}
	char *copy = arena + arena_used;

	memcpy(copy, s, n);
	copy[n] = '\0';
	arena_used += n + 1;
	return copy;
}

/* Expand the word of token T into X (status STATUS). */
static void expand_word(const struct token *t, int status, struct expansion *x)
{
	x->n = 0;
	x->glob = 0;
	x->status = status;
	scan_word(t->word, x);
	x->text[x->n] = '\0';
}

/* Add S as the next argument of ST. Returns 0, or -1 after printing why not. */
static int add_arg(struct stage *st, char *s)
{
	if (!s)
		return -1;
	if (st->argc == ARGV_MAX) {
		fprintf(stderr, "sh: too many arguments (at most %d)\n", ARGV_MAX);
		return -1;
	}
	st->argv[st->argc++] = s;
	return 0;
}

/* Add the arguments the word of T expands to: one, or each name its pattern matches. */
static int add_word(struct stage *st, const struct token *t, int status)
{
	static struct expansion x;
	char **names;
	int n;

	expand_word(t, status, &x);
	n = x.glob ? sh_glob(x.text, x.lit, &names) : 0;
	if (n < 0)
		return -1;
	if (n == 0)
		return add_arg(st, keep(x.text, x.n));
	for (int i = 0; i < n; i++)
		if (add_arg(st, keep(names[i], strlen(names[i]))) < 0)
			return -1;
	return 0;
}

/* The file of a redirection, word T expanded: a pattern must match one name or none. */
static char *redirection_file(const struct token *t, int status)
{
	static struct expansion x;
	char **names;
	int n;

	expand_word(t, status, &x);
	n = x.glob ? sh_glob(x.text, x.lit, &names) : 0;
	if (n < 0)
		return NULL;
	if (n > 1) {
		fprintf(stderr, "sh: %s: ambiguous redirection (%d files match)\n", x.text, n);
		return NULL;
	}
	return n == 1 ? keep(names[0], strlen(names[0])) : keep(x.text, x.n);
}

/*
 * Build PL from command C. With EXPAND, words are expanded (STATUS is
 * $?); without, only the shape is checked and every word is "". Returns
 * 0, or -1 after printing the error (an empty stage, a redirection without
 * a file, too many arguments or stages, an expansion that failed).
 */
static int build(const struct command *c, int expand, int status, struct pipeline *pl)
{
	struct stage *st;

	memset(pl, 0, sizeof(*pl));
	arena_used = 0;
	pl->n = 1;
	pl->background = c->background;
	st = &pl->stage[0];
	for (int i = c->first; i < c->end; i++) {
		const struct token *t = &toks[i];

		switch (t->kind) {
		case T_WORD:
			if ((expand ? add_word(st, t, status) : add_arg(st, "")) < 0)
				return -1;
			break;
		case T_PIPE:
			if (st->argc == 0)
				return syntax_error("|");
			if (pl->n == MAX_STAGES) {
				fprintf(stderr, "sh: too many programs in a pipeline (at most %d)\n",
					MAX_STAGES);
				return -1;
			}
			st = &pl->stage[pl->n++];
			break;
		case T_IN:
		case T_OUT:
		case T_APPEND: {
			if (i + 1 == c->end || toks[i + 1].kind != T_WORD)
				return syntax_error(tok_names[t->kind]);
			i++;
			char *file = expand ? redirection_file(&toks[i], status) : "";

			if (!file)
				return -1;
			if (t->kind == T_IN) {
				st->in = file;
			} else {
				st->append = t->kind == T_APPEND;
				st->out = file;
			}
			break;
		}
		case T_AMP:
		case T_SEMI:
			break;                /* sh_parse ends commands there */
		}
	}
	if (st->argc == 0)
		return syntax_error(pl->n > 1 ? "|" : c->end < ntoks ? tok_names[toks[c->end].kind]
			: "newline");
	return 0;
}

/* ---- The entry points ---- */

int sh_parse(const char *line)
{
	static struct pipeline shape;
	int n = tokenize(line), first = 0;

	ncmds = 0;
	ntoks = n < 0 ? 0 : n;
	if (n < 0)
		return -1;
	for (int i = 0; i <= n; i++) {
		int ends = i == n || toks[i].kind == T_AMP || toks[i].kind == T_SEMI;

		if (!ends)
			continue;
		if (i == first) {
			if (i == n)
				break;            /* nothing after the last ';' or '&' */
			return syntax_error(tok_names[toks[i].kind]);
		}
		if (ncmds == MAX_COMMANDS) {
			fprintf(stderr, "sh: too many commands (at most %d)\n", MAX_COMMANDS);
			return -1;
		}
		cmds[ncmds] = (struct command){ first, i, i < n && toks[i].kind == T_AMP };
		if (build(&cmds[ncmds], 0, 0, &shape) < 0)
			return -1;
		ncmds++;
		first = i + 1;
	}
	return ncmds;
}

int sh_expand(int i, int status, struct pipeline *pl)
{
	return build(&cmds[i], 1, status, pl);
}
