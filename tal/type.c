/*
 * TAL word types: conversion from the type table, subtyping, printing.
 *
 * Invariant: tal_type_sub() is the whole subtyping relation; the verifier
 * never compares types any other way when checking a state against an
 * annotation or an argument against a signature.
 */
#include "type.h"
#include "decode.h"

struct tal_wt tal_type_mk(int kind, uint32_t arg)
{
	struct tal_wt t;

	t.kind = (uint8_t)kind;
	t.arg = arg;
	return t;
}

struct tal_wt tal_type_word(const struct tal_obj *o, uint32_t t)
{
	struct tal_type ty;

	tal_obj_type(o, t, &ty);
	return tal_type_mk(ty.kind, ty.a);
}

bool tal_type_sub(struct tal_wt a, struct tal_wt b)
{
	if (b.kind == TAL_T_UNINIT)
		return true;
	if (a.kind == b.kind)
		return a.kind == TAL_T_IDX ? a.arg <= b.arg : a.arg == b.arg;
	if (a.kind == TAL_T_IDX && b.kind == TAL_T_INT)
		return true;
	return a.kind == TAL_T_PTR && b.kind == TAL_T_PTRN && a.arg == b.arg;
}

bool tal_type_numeric(struct tal_wt t)
{
	return t.kind == TAL_T_INT || t.kind == TAL_T_IDX;
}

void tal_type_memname(struct tal_diag *d, const struct tal_obj *o, uint32_t m)
{
	struct tal_type ty;

	tal_obj_type(o, m, &ty);
	if (ty.name != TAL_NONE) {
		tal_diag_str(d, tal_obj_str(o, ty.name));
		return;
	}
	tal_diag_str(d, "type#");
	tal_diag_uint(d, m);
}

void tal_type_format(struct tal_diag *d, const struct tal_obj *o, struct tal_wt t)
{
	switch (t.kind) {
	case TAL_T_UNINIT:
		tal_diag_str(d, "uninit");
		break;
	case TAL_T_INT:
		tal_diag_str(d, "int");
		break;
	case TAL_T_IDX:
		tal_diag_str(d, "idx ");
		tal_diag_uint(d, t.arg);
		break;
	case TAL_T_PTR:
	case TAL_T_PTRN:
		tal_diag_str(d, t.kind == TAL_T_PTR ? "ptr " : "ptr? ");
		tal_type_memname(d, o, t.arg);
		break;
	case TAL_T_CAP:
		tal_diag_str(d, "cap ");
		tal_diag_uint(d, t.arg);
		break;
	case TAL_T_SAVED:
		tal_diag_str(d, "saved ");
		tal_diag_str(d, tal_decode_regname(t.arg, 4));
		break;
	case TAL_T_RET:
		tal_diag_str(d, "ret");
		break;
	default:
		tal_diag_str(d, "?");
	}
}
