/*
 * TAL table checks (see tables.h): the driver that checks the tables in
 * dependency order, the helpers every check shares (tables_priv.h), and
 * the signature accessors the verifier uses once the types are checked.
 * The checks themselves are grouped by table family: tables_types.c
 * (types, members), tables_globals.c (globals and their initial values),
 * tables_code.c (functions, labels, items, imports, exports, the handler,
 * relocations).
 *
 * Invariant: an index is compared with its table's count before the entry
 * it names is read; each table is checked only after the tables its
 * entries refer to, so a later check may rely on an earlier one.
 */
#include "tables_priv.h"

void tal_tables_at(struct tal_diag *d, int e, const char *table, uint32_t i,
                   const struct tal_obj *o, uint32_t name)
{
	tal_fail(d, e);
	tal_diag_str(d, ": ");
	tal_diag_str(d, table);
	tal_diag_str(d, " entry ");
	tal_diag_uint(d, i);
	if (tal_tables_name_ok(o, name, false)) {
		tal_diag_str(d, " (");
		tal_diag_str(d, tal_obj_str(o, name));
		tal_diag_str(d, ")");
	}
}

int tal_tables_bad(struct tal_diag *d, int e, const char *table, uint32_t i,
                   const struct tal_obj *o, uint32_t name, const char *what)
{
	tal_tables_at(d, e, table, i, o, name);
	tal_diag_str(d, ": ");
	tal_diag_str(d, what);
	return e;
}

bool tal_tables_name_ok(const struct tal_obj *o, uint32_t name, bool optional)
{
	if (name == TAL_NONE)
		return optional;
	return name < o->count[TAL_SEC_STRTAB];
}

int tal_tables_kind(const struct tal_obj *o, uint32_t t)
{
	struct tal_type ty;

	if (t >= o->count[TAL_SEC_TYPES])
		return 0;
	tal_obj_type(o, t, &ty);
	return ty.kind;
}

bool tal_tables_mem_kind(int k)
{
	return k == TAL_T_RECORD || k == TAL_T_ARRAY || k == TAL_T_BYTES;
}

uint32_t tal_sig_nargs(const struct tal_obj *o, uint32_t sig)
{
	struct tal_type t;

	tal_obj_type(o, sig, &t);
	return t.b - 1;
}

uint32_t tal_sig_arg(const struct tal_obj *o, uint32_t sig, uint32_t i)
{
	struct tal_type t;
	struct tal_member m;

	tal_obj_type(o, sig, &t);
	tal_obj_member(o, t.a + 1 + i, &m);
	return m.type;
}

uint32_t tal_sig_result(const struct tal_obj *o, uint32_t sig)
{
	struct tal_type t;
	struct tal_member m;

	tal_obj_type(o, sig, &t);
	tal_obj_member(o, t.a, &m);
	return m.type;
}

/* Each family after the ones its entries refer to (see tables_priv.h). */
int tal_tables_check(const struct tal_obj *o, struct tal_diag *d)
{
	int err;

	if ((err = tal_tables_types(o, d)) || (err = tal_tables_globals(o, d)) ||
	    (err = tal_tables_funcs(o, d)) || (err = tal_tables_labels(o, d)) ||
	    (err = tal_tables_links(o, d)) || (err = tal_tables_relocs(o, d)))
		return err;
	return TAL_OK;
}
