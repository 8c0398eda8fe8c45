/*
 * TAL table checks, private part: the helpers shared by the files of the
 * table checker (tables.c, tables_types.c, tables_globals.c,
 * tables_code.c) and the check of each table family, which
 * tal_tables_check() calls in order. Nothing outside these files includes
 * this header; the rest of the verifier uses tables.h.
 *
 * Invariant: each tal_tables_* check returns TAL_OK, or an E_OBJ_* code
 * with a message in D naming the table and its first bad entry, by name
 * when the entry (or the one it belongs to) has a valid one.
 */
#ifndef TAL_TABLES_PRIV_H
#define TAL_TABLES_PRIV_H

#include "tables.h"

/* Start the message of error E about entry I of table TABLE:
 * "E_X: TABLE entry I (NAME)", the name left out when NAME is not a valid
 * strtab offset (TAL_NONE, or the bad name being reported). */
void tal_tables_at(struct tal_diag *d, int e, const char *table, uint32_t i,
                   const struct tal_obj *o, uint32_t name);

/* Fail with E naming entry I (called NAME) of table TABLE, explained by
 * WHAT: tal_tables_at() then ": WHAT". */
int tal_tables_bad(struct tal_diag *d, int e, const char *table, uint32_t i,
                   const struct tal_obj *o, uint32_t name, const char *what);

/* Is NAME a string-table offset (or TAL_NONE when OPTIONAL)? */
bool tal_tables_name_ok(const struct tal_obj *o, uint32_t name, bool optional);

/* Kind of type-table entry T, or 0 when T is out of range. */
int tal_tables_kind(const struct tal_obj *o, uint32_t t);

/* Is K a memory type (record, array, bytes)? */
bool tal_tables_mem_kind(int k);

/* The checks of each table family, in the order tal_tables_check() runs
 * them: types and members (tables_types.c); globals (tables_globals.c);
 * functions, labels and items, imports/exports/handler, relocations
 * (tables_code.c). Each may rely on the ones before it. */
int tal_tables_types(const struct tal_obj *o, struct tal_diag *d);
int tal_tables_globals(const struct tal_obj *o, struct tal_diag *d);
int tal_tables_funcs(const struct tal_obj *o, struct tal_diag *d);
int tal_tables_labels(const struct tal_obj *o, struct tal_diag *d);
int tal_tables_links(const struct tal_obj *o, struct tal_diag *d);
int tal_tables_relocs(const struct tal_obj *o, struct tal_diag *d);

#endif /* TAL_TABLES_PRIV_H */
