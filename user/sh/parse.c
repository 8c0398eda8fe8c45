/*
 * sh: reading a command line into a pipeline (contract in sh.h).
 *
 * A line is split into tokens (words and the operators | < > >> &), then
 * the tokens are parsed into the stages of one pipeline. Invariant: the
 * words of a parsed pipeline point into this file's word buffer, valid
 * until the next line is parsed.
 */
#include <stdio.h>
#include <string.h>

#include "sh.h"

#define MAX_TOKENS 64    /* words and operators in one line */

/* ---- Reading a line into tokens ---- */

enum tok { T_WORD, T_PIPE, T_IN, T_OUT, T_APPEND, T_AMP };

struct token {
	enum tok kind;
	char *word;           /* T_WORD: the text, quotes removed */
};

static const char *const tok_names[] = { "word", "|", "<", ">", ">>", "&" };

/*
 * Split LINE into tokens. Words are copied, unquoted, into WORDS, which
 * must hold twice TTY_LINE_MAX bytes (an unquoted word is never longer than its
 * text in LINE, and each word adds a NUL).
 * A '"' quotes up to the next '"', spaces and operators included. Returns
 * the token count, or -1 after printing why the line is malformed.
 */
static int tokenize(const char *line, char *words, struct token *toks)
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
		if (strchr("|<>&", *p)) {
			toks[n++].kind = *p == '|' ? T_PIPE : *p == '<' ? T_IN : *p == '>' ? T_OUT : T_AMP;
			p++;
			continue;
		}
		toks[n].kind = T_WORD;
		toks[n++].word = words;
		while (*p && !strchr(" \t\r\n|<>&", *p)) {
			if (*p != '"') {
				*words++ = *p++;
				continue;
			}
			const char *end = strchr(p + 1, '"');

			if (!end) {
				fprintf(stderr, "sh: syntax error: unterminated quote\n");
				return -1;
			}
			memcpy(words, p + 1, (size_t)(end - p - 1));
			words += end - p - 1;
			p = end + 1;
		}
		*words++ = '\0';
	}
}

/* ---- Parsing tokens into a pipeline ---- */

static int syntax_error(const char *near)
{
	fprintf(stderr, "sh: syntax error near %s\n", near);
	return -1;
}

/*
 * Build PL from the N tokens. Returns 0, or -1 after printing the error
 * (an empty stage, a redirection without a file, '&' not at the end, too
 * many arguments or stages).
 */
static int parse(struct token *toks, int n, struct pipeline *pl)
{
	struct stage *st;

	memset(pl, 0, sizeof(*pl));
	pl->n = 1;
	st = &pl->stage[0];
	for (int i = 0; i < n; i++) {
		switch (toks[i].kind) {
		case T_WORD:
			if (st->argc == ARGV_MAX) {
				fprintf(stderr, "sh: too many arguments (at most %d)\n", ARGV_MAX);
				return -1;
			}
			st->argv[st->argc++] = toks[i].word;
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
		case T_APPEND:
			if (i + 1 == n || toks[i + 1].kind != T_WORD)
				return syntax_error(tok_names[toks[i].kind]);
			if (toks[i].kind == T_IN) {
				st->in = toks[++i].word;
			} else {
				st->append = toks[i].kind == T_APPEND;
				st->out = toks[++i].word;
			}
			break;
		case T_AMP:
			if (i + 1 != n)
				return syntax_error("&");
			pl->background = 1;
			break;
		}
	}
	if (st->argc == 0)
		return syntax_error(pl->n > 1 ? "|" : pl->background ? "&" : "newline");
	return 0;
}

/* ---- The entry point ---- */

int sh_parse(const char *line, struct pipeline *pl)
{
	static char words[2 * TTY_LINE_MAX];
	struct token toks[MAX_TOKENS];
	int n = tokenize(line, words, toks);

	if (n <= 0)
		return n;
	return parse(toks, n, pl) < 0 ? -1 : 1;
}
