/*
 * talas: the TAL assembler's driver. Reads the text line by line and
 * hands each line to its parser: a directive (directive.c), a label
 * (code.c) or an instruction (code.c); at the end it patches jump and
 * call targets (symbols.c) and writes the object file (object.c).
 *
 * Usage: talas IN.tas -o OUT.to
 * Invariant: a name is defined before use, except jump and call targets
 * (resolved at the end of the file); the first error ends the run
 * (asm_error) before the object file is opened; every line is checked
 * against the object limits of include/talos/param.h as it is read.
 */
#include "talas.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *file;             /* input path, for messages */
int asm_line;                        /* current line number */

void asm_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: ", file, asm_line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* Handle one source line. */
static void parse_line(char *p)
{
	char w[MAXN], *colon;

	p = lex_skip(p);
	if (!*p || *p == ';' || *p == '\n')
		return;
	p[strcspn(p, "\n")] = '\0';
	if (*p == '.') {
		p = lex_word(p, w);
		dir_line(w, p);
		return;
	}
	colon = strchr(p, ':');
	lex_word(p, w);
	if (colon && w[0] && w[strlen(w) - 1] == ':') {
		w[strlen(w) - 1] = '\0';
		code_label(w, colon + 1);
		return;
	}
	code_instruction(p);
}

int main(int argc, char **argv)
{
	char *text = NULL;
	size_t cap = 0;
	const char *out = NULL;
	FILE *fp;

	if (argc == 4 && !strcmp(argv[2], "-o")) {
		file = argv[1];
		out = argv[3];
	} else {
		fprintf(stderr, "usage: talas IN.tas -o OUT.to\n");
		return 2;
	}
	fp = fopen(file, "r");
	if (!fp) {
		perror(file);
		return 1;
	}
	while (getline(&text, &cap, fp) >= 0) {        /* a line of any length */
		asm_line++;
		parse_line(text);
		obj_check_limits();
	}
	free(text);
	fclose(fp);
	dir_finish();
	sym_resolve_fixups();
	obj_write(out);
	return 0;
}
