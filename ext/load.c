/*
 * Loading an extension: verify, copy, relocate, bind, publish (see
 * ext/ext.h), or hand a kernel plugin to ext/plugin_load.c. Every failure
 * leaves nothing allocated behind and says in one line what was wrong and
 * where.
 */
#include "ext/ext.h"
#include "ext/iface.h"
#include "ext/plugin.h"
#include "kernel/kheap.h"
#include "kernel/kprintf.h"
#include "kernel/string.h"
#include "tal/verify.h"
#include "talos/errno.h"
#include "talos/ext_iface.h"
#include "talos/objects.h"

static void ext_destroy(struct kobj *o)
{
	struct ext *e = (struct ext *)o;
	for (int i = 0; i < e->nheld; i++)
		kobj_put(e->held[i]);
	if (e->plugin)
		plugin_free(e->plugin);
	kfree(e->code);
	kfree(e->rodata);
	kfree(e->data);
	kfree(e->exports);
	kfree(e);
}

/* A copy of section SEC of the checked object, at least one byte long. */
static uint8_t *copy_section(const struct tal_obj *o, enum tal_sec sec, uint32_t *len)
{
	*len = o->count[sec];
	uint8_t *p = kmalloc(*len ? *len : 1);
	if (p && *len)
		memcpy(p, o->base + o->off[sec], *len);
	return p;
}

/* Does the object's word type T fit the kernel's argument character C? */
static bool arg_matches(const struct tal_obj *o, uint32_t t, char c)
{
	struct tal_type ty, mem;
	tal_obj_type(o, t, &ty);
	switch (c) {
	case 'i':
		return ty.kind == TAL_T_INT;
	case 't':
		return ty.kind == TAL_T_CAP && ty.a == OBJ_TASK;
	case 'n':
		if (ty.kind != TAL_T_PTR)
			return false;
		tal_obj_type(o, ty.a, &mem);
		return mem.kind == TAL_T_BYTES && mem.b == EXT_NAME_LEN && (mem.flags & TAL_TF_RO);
	default:
		return false;
	}
}

/* Check import signature SIG against the kernel's ARGS string. */
static bool sig_matches(const struct tal_obj *o, uint32_t sig, const char *args)
{
	struct tal_type st;
	struct tal_member m;
	tal_obj_type(o, sig, &st);
	if (st.b != strlen(args) + 1)
		return false;
	tal_obj_member(o, st.a, &m);                 /* the result */
	if (!arg_matches(o, m.type, 'i'))
		return false;
	for (uint32_t i = 1; i < st.b; i++) {
		tal_obj_member(o, st.a + i, &m);
		if (!arg_matches(o, m.type, args[i - 1]))
			return false;
	}
	return true;
}

/* Bind every import; fills ADDR[i] with the kernel function of import i. */
static int bind_imports(const struct tal_obj *o, uint32_t *addr, char *msg, uint32_t msglen)
{
	for (uint32_t i = 0; i < o->count[TAL_SEC_IMPORTS]; i++) {
		struct tal_import im;
		tal_obj_import(o, i, &im);
		const char *name = tal_obj_str(o, im.name);
		const struct ext_iface *k = ext_iface_find(name);
		if (!k) {
			ksnprintf(msg, msglen, "E_LINK import %s: no kernel interface of that name", name);
			return -ELINK;
		}
		if (!sig_matches(o, im.sig, k->args)) {
			ksnprintf(msg, msglen, "E_LINK import %s: its signature does not match the "
				  "kernel's (arguments \"%s\", result int; see talos/ext_iface.h)",
				  name, k->args);
			return -ELINK;
		}
		addr[i] = k->fn;
	}
	return 0;
}

/* Patch the code: global addresses and calls into the kernel. */
static void relocate(struct ext *e, const struct tal_obj *o, const uint32_t *import_addr)
{
	for (uint32_t i = 0; i < o->count[TAL_SEC_RELOCS]; i++) {
		struct tal_reloc r;
		tal_obj_reloc(o, i, &r);
		uint32_t value;
		if (r.kind == TAL_R_GLOBAL) {
			struct tal_global g;
			tal_obj_global(o, r.index, &g);
			uint8_t *base = g.sec == TAL_SEC_RODATA ? e->rodata : e->data;
			value = (uint32_t)base + g.offset;
		} else {
			value = import_addr[r.index] - ((uint32_t)e->code + r.code + 4);
		}
		memcpy(e->code + r.code, &value, 4);
	}
}

/* Record the exports with their argument kinds and stack bounds. */
static int publish_exports(struct ext *e, const struct tal_result *res, char *msg, uint32_t msglen)
{
	const struct tal_obj *o = &res->obj;
	e->nexports = (int)o->count[TAL_SEC_EXPORTS];
	e->exports = kzalloc(sizeof(struct ext_export) * (e->nexports ? e->nexports : 1));
	if (!e->exports)
		return -ENOMEM;
	for (int i = 0; i < e->nexports; i++) {
		struct tal_export ex;
		struct tal_func f;
		struct tal_type st;
		tal_obj_export(o, (uint32_t)i, &ex);
		tal_obj_func(o, ex.func, &f);
		tal_obj_type(o, f.sig, &st);
		struct ext_export *x = &e->exports[i];
		const char *name = tal_obj_str(o, ex.name);
		if (strlen(name) >= sizeof(x->name)) {
			ksnprintf(msg, msglen, "E_LINK export %.31s...: name longer than %u characters",
				  name, (unsigned)sizeof(x->name) - 1);
			return -ELINK;
		}
		strlcpy(x->name, name, sizeof(x->name));
		x->entry = (uint32_t)e->code + f.start;
		x->stack = res->stack[ex.func];
		x->nargs = (int)st.b - 1;
		if (x->nargs > PARAM_EXT_ARGS) {
			ksnprintf(msg, msglen, "E_LINK export %s: %d arguments, at most %d", x->name,
				  x->nargs, PARAM_EXT_ARGS);
			return -ELINK;
		}
		for (int a = 0; a < x->nargs; a++) {
			struct tal_member m;
			struct tal_type t;
			tal_obj_member(o, st.a + 1 + (uint32_t)a, &m);
			tal_obj_type(o, m.type, &t);
			x->cap_kind[a] = t.kind == TAL_T_CAP ? (int)t.a : 0;
		}
	}
	for (uint32_t i = 0; i < o->count[TAL_SEC_GLOBALS] && e->nnames < PARAM_EXT_NAMES; i++) {
		struct tal_global g;
		struct tal_type t;
		tal_obj_global(o, i, &g);
		tal_obj_type(o, g.type, &t);
		if (g.sec == TAL_SEC_RODATA && t.kind == TAL_T_BYTES && t.b == EXT_NAME_LEN &&
		    (t.flags & TAL_TF_RO))
			e->names[e->nnames++] = (uint32_t)e->rodata + g.offset;
	}
	if (o->handler != TAL_NONE) {
		struct tal_func f;
		tal_obj_func(o, o->handler, &f);
		e->handler = (uint32_t)e->code + f.start;
		e->handler_stack = res->stack[o->handler];
	}
	return 0;
}

/* Verify the TAL object OBJ and link it into E (fresh from ext_load). */
static int tal_load(struct ext *e, const uint8_t *obj, uint32_t len, char *msg, uint32_t msglen)
{
	struct tal_result *res = kmalloc(sizeof(*res));
	void *arena = kmalloc(TAL_ARENA_MAX);
	uint32_t *import_addr = kmalloc(sizeof(uint32_t) * TAL_MAX_IMPORTS);
	int err = 0;
	if (!res || !arena || !import_addr) {
		ksnprintf(msg, msglen, "out of kernel memory for loading %s", e->name);
		err = -ENOMEM;
		goto done;
	}
	if (tal_verify(obj, len, arena, TAL_ARENA_MAX, res) != TAL_OK) {
		strlcpy(msg, res->diag.msg, msglen);
		err = -EREJECT;
		goto done;
	}
	e->code = copy_section(&res->obj, TAL_SEC_CODE, &e->code_len);
	e->rodata = copy_section(&res->obj, TAL_SEC_RODATA, &e->rodata_len);
	e->data = copy_section(&res->obj, TAL_SEC_DATA, &e->data_len);
	if (!e->code || !e->rodata || !e->data) {
		ksnprintf(msg, msglen, "out of kernel memory for loading %s", e->name);
		err = -ENOMEM;
		goto done;
	}
	err = bind_imports(&res->obj, import_addr, msg, msglen);
	if (!err)
		err = publish_exports(e, res, msg, msglen);
	if (!err) {
		relocate(e, &res->obj, import_addr);
		e->stats.code_bytes = e->code_len;
		e->stats.data_bytes = e->rodata_len + e->data_len;
		ksnprintf(msg, msglen, "OK %s: %u instructions, %d exports", e->name, res->ninsns,
			  e->nexports);
	}
done:
	kfree(import_addr);
	kfree(arena);
	kfree(res);
	return err;
}

int ext_load(const uint8_t *obj, uint32_t len, const char *name, struct ext **out,
	     char *msg, uint32_t msglen)
{
	struct ext *e = kzalloc(sizeof(*e));
	if (!e) {
		ksnprintf(msg, msglen, "out of kernel memory for loading %s", name);
		return -ENOMEM;
	}
	kobj_init(&e->obj, OBJ_EXT, ext_destroy);
	strlcpy(e->name, name, sizeof(e->name));
	/* The object says which kind it is: a plugin is an ELF file, TAL has its own magic. */
	int err = plugin_is_object(obj, len) ? plugin_load(e, obj, len, msg, msglen)
					     : tal_load(e, obj, len, msg, msglen);
	if (err) {
		kobj_put(&e->obj);
		return err;
	}
	e->stats.nexports = e->nexports;
	strlcpy(e->stats.name, e->name, sizeof(e->stats.name));
	*out = e;
	return 0;
}

const struct ext_export *ext_find_export(const struct ext *e, const char *name)
{
	for (int i = 0; i < e->nexports; i++)
		if (strcmp(e->exports[i].name, name) == 0)
			return &e->exports[i];
	return NULL;
}
