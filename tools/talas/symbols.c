/*
 * talas symbols: the names the text defines (types, globals, functions,
 * labels, imports), and the jump and call targets that wait for the end
 * of the file to be patched, since code may jump forward.
 *
 * Invariant: a name is defined at most once per kind; every fixup is
 * resolved, or reported with the line that used it, before the object is
 * written.
 */
#include "talas.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct sym *syms;
static size_t nsyms, capsyms;

/* Jump and call targets to patch once every name is known. */
struct fixup {
	uint32_t at, from;
	int size, line;
	bool call;
	char name[MAXN];
};
static struct fixup *fixups;
static size_t nfix, capfix;

struct sym *sym_lookup(const char *name, int kind)
{
	size_t i;

	for (i = nsyms; i-- > 0;)
		if (syms[i].kind == kind && !strcmp(syms[i].name, name))
			return &syms[i];
	return NULL;
}

void sym_define(const char *name, int kind, uint32_t index)
{
	if (sym_lookup(name, kind))
		asm_error("'%s' is already defined", name);
	if (strlen(name) >= MAXN)
		asm_error("name too long: '%s'", name);
	if (nsyms == capsyms) {
		capsyms = capsyms * 2 + 64;
		syms = realloc(syms, capsyms * sizeof *syms);
	}
	strcpy(syms[nsyms].name, name);
	syms[nsyms].kind = kind;
	syms[nsyms].index = index;
	nsyms++;
}

int asm_global(const char *name)
{
	struct sym *s = sym_lookup(name, S_GLOBAL);

	return s ? (int)s->index : -1;
}

int asm_import(const char *name)
{
	struct sym *s = sym_lookup(name, S_IMPORT);

	return s ? (int)s->index : -1;
}

void asm_fixup(uint32_t at, int size, uint32_t from, const char *name, bool call)
{
	if (nfix == capfix) {
		capfix = capfix * 2 + 64;
		fixups = realloc(fixups, capfix * sizeof *fixups);
	}
	fixups[nfix].at = at;
	fixups[nfix].size = size;
	fixups[nfix].from = from;
	fixups[nfix].line = asm_line;
	fixups[nfix].call = call;
	snprintf(fixups[nfix].name, MAXN, "%s", name);
	nfix++;
}

void sym_resolve_fixups(void)
{
	struct sym *s;
	size_t i;
	int64_t rel;
	char name[MAXN], *plus;
	int32_t add;

	for (i = 0; i < nfix; i++) {
		struct fixup *f = &fixups[i];
		asm_line = f->line;
		snprintf(name, sizeof name, "%s", f->name);
		add = 0;
		if ((plus = strchr(name, '+')) != NULL) {
			*plus = '\0';
			add = (int32_t)lex_number(plus + 1);
		}
		s = sym_lookup(name, f->call ? S_FUNC : S_LABEL);
		if (!s)
			s = sym_lookup(name, f->call ? S_LABEL : S_FUNC);
		if (!s)
			asm_error("unknown label or function '%s'", name);
		rel = (int64_t)s->index + add - f->from;
		if (f->size == 1) {
			if (rel < -128 || rel > 127)
				asm_error("short jump to '%s' out of range", name);
			obj.code.p[f->at] = (uint8_t)rel;
		} else {
			obj_wr32(obj.code.p + f->at, (uint32_t)rel);
		}
	}
}
