/*
 * talas object under construction: the byte image of every section, the
 * growable buffers that hold them, and the writer of the object file
 * (format in tal/SPEC.md, "Object format").
 *
 * Invariant: each section buffer holds exactly the entries that will be
 * written, in table order; the file is the header followed by the
 * sections, each padded to a multiple of 4 bytes, and no section or the
 * whole exceeds its limit in include/talos/param.h.
 */
#include "talas.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../tal/obj.h"
#include <talos/param.h>

struct asm_object obj = { .handler = TAL_NONE };

void buf_put(struct buf *b, const void *src, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 64;
		b->p = realloc(b->p, b->cap);
		if (!b->p) {
			perror("talas");
			exit(1);
		}
	}
	memcpy(b->p + b->len, src, n);
	b->len += n;
}

void buf_u8(struct buf *b, uint32_t v)
{
	uint8_t c = (uint8_t)v;

	buf_put(b, &c, 1);
}

void buf_u32(struct buf *b, uint32_t v)
{
	uint8_t c[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };

	buf_put(b, c, 4);
}

uint32_t obj_rd32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

void obj_wr32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* Intern NAME in the string table (no sharing: names are few). */
uint32_t obj_str(const char *name)
{
	uint32_t off = (uint32_t)obj.strtab.len;

	buf_put(&obj.strtab, name, strlen(name) + 1);
	return off;
}

void asm_reloc(uint32_t at, uint32_t kind, uint32_t index)
{
	buf_u32(&obj.relocs, at);
	buf_u32(&obj.relocs, kind);
	buf_u32(&obj.relocs, index);
}

/* The sections in table order, their entry sizes and their limits
 * (include/talos/param.h), as the verifier checks them. */
static struct buf *const sec[TAL_SEC_COUNT] = { &obj.code, &obj.rodata, &obj.data,
	&obj.strtab, &obj.types, &obj.members, &obj.globals, &obj.funcs, &obj.labels,
	&obj.items, &obj.imports, &obj.exports, &obj.relocs };
static const uint32_t esize[TAL_SEC_COUNT] = { 1, 1, 1, 1, 16, 16, 16, 12, 20, 12, 8, 8, 12 };
static const struct {
	uint32_t max;
	const char *what, *name;
} limit[TAL_SEC_COUNT] = {
	{ TAL_MAX_CODE_BYTES, "bytes of code", "TAL_MAX_CODE_BYTES" },
	{ TAL_MAX_DATA_BYTES, "bytes of rodata", "TAL_MAX_DATA_BYTES" },
	{ TAL_MAX_DATA_BYTES, "bytes of data", "TAL_MAX_DATA_BYTES" },
	{ TAL_MAX_STRTAB_BYTES, "bytes of names", "TAL_MAX_STRTAB_BYTES" },
	{ TAL_MAX_TYPES, "types", "TAL_MAX_TYPES" },
	{ TAL_MAX_MEMBERS, "record fields and signature members", "TAL_MAX_MEMBERS" },
	{ TAL_MAX_GLOBALS, "globals", "TAL_MAX_GLOBALS" },
	{ TAL_MAX_FUNCS, "functions", "TAL_MAX_FUNCS" },
	{ TAL_MAX_LABELS, "labels", "TAL_MAX_LABELS" },
	{ TAL_MAX_ITEMS, "annotation entries", "TAL_MAX_ITEMS" },
	{ TAL_MAX_IMPORTS, "imports", "TAL_MAX_IMPORTS" },
	{ TAL_MAX_EXPORTS, "exports", "TAL_MAX_EXPORTS" },
	{ TAL_MAX_RELOCS, "relocations", "TAL_MAX_RELOCS" },
};

void obj_check_limits(void)
{
	int s;

	for (s = 0; s < TAL_SEC_COUNT; s++)
		if (sec[s]->len / esize[s] > limit[s].max)
			asm_error("too many %s: %zu, at most %u (%s)", limit[s].what,
			          sec[s]->len / esize[s], limit[s].max, limit[s].name);
}

/* Write the header and the sections, each 4-aligned, in table order. */
void obj_write(const char *path)
{
	struct buf out = { 0 };
	uint64_t off = TAL_HDR_SIZE;
	FILE *fp;
	int s;

	for (s = 0; s < TAL_SEC_COUNT; s++)
		off += (sec[s]->len + 3) & ~(size_t)3;
	if (off > TAL_MAX_OBJ_BYTES)
		asm_error("the object would be %llu bytes, at most %u (TAL_MAX_OBJ_BYTES)",
		          (unsigned long long)off, TAL_MAX_OBJ_BYTES);
	off = TAL_HDR_SIZE;
	buf_u32(&out, TAL_MAGIC);
	buf_u32(&out, TAL_VERSION);
	buf_u32(&out, obj.handler);
	buf_u32(&out, 0);
	for (s = 0; s < TAL_SEC_COUNT; s++) {
		buf_u32(&out, sec[s]->len ? (uint32_t)off : 0);
		buf_u32(&out, (uint32_t)(sec[s]->len / esize[s]));
		off += (sec[s]->len + 3) & ~(size_t)3;
	}
	for (s = 0; s < TAL_SEC_COUNT; s++) {
		if (sec[s]->len)
			buf_put(&out, sec[s]->p, sec[s]->len);
		while (out.len % 4)
			buf_u8(&out, 0);
	}
	fp = fopen(path, "wb");
	if (!fp || fwrite(out.p, 1, out.len, fp) != out.len || fclose(fp)) {
		perror(path);
		exit(1);
	}
}
