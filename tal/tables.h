/*
 * TAL table checks: the second half of object validation, run by
 * tal_obj_open() once the sections are known to lie inside the object.
 * Checks every entry of every table: names, indices, kinds, sort order,
 * type well-formedness, global placement and initial values, labels,
 * exports, the handler and relocations (tables.c drives the checks in
 * tables_types.c, tables_globals.c and tables_code.c).
 *
 * Invariant: the work is linear in the object's size.
 */
#ifndef TAL_TABLES_H
#define TAL_TABLES_H

#include "obj.h"
#include "diag.h"

/* Check all tables of O (sections already bounds-checked). Returns TAL_OK or
 * an E_OBJ_* code with a message in D naming the table and entry. */
int tal_tables_check(const struct tal_obj *o, struct tal_diag *d);

/* Number of arguments of signature type SIG, and the type of argument I /
 * of the result (type-table indices). SIG must be a checked signature. */
uint32_t tal_sig_nargs(const struct tal_obj *o, uint32_t sig);
uint32_t tal_sig_arg(const struct tal_obj *o, uint32_t sig, uint32_t i);
uint32_t tal_sig_result(const struct tal_obj *o, uint32_t sig);

#endif /* TAL_TABLES_H */
